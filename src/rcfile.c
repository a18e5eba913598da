/*
 * .mhlintrc: finding it and splitting it into keys and values.  What the
 * keys mean is main.c's business: they are the long options.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rcfile.h"

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' ||
	    e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int
rc_read(const char *path, int (*fn)(void *, const char *, const char *,
    unsigned long), void *arg)
{
	FILE *fp;
	char *line = NULL, *key, *val, *p;
	size_t cap = 0;
	unsigned long n = 0;
	int rv = 0, saved;

	if ((fp = fopen(path, "r")) == NULL)
		return -1;
	while (rv == 0 && getline(&line, &cap, fp) != -1) {
		n++;
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		key = trim(line);
		if (*key == '\0')
			continue;
		val = NULL;
		if ((p = strchr(key, '=')) != NULL) {
			*p = '\0';
			val = trim(p + 1);
			key = trim(key);
		}
		rv = fn(arg, key, val, n);
	}
	saved = errno;
	if (rv == 0 && ferror(fp)) {
		rv = -1;
		errno = saved;
	}
	free(line);
	fclose(fp);
	return rv;
}

static int
exists(const char *dir, const char *name, char *buf, size_t size)
{
	struct stat st;
	int n;

	n = snprintf(buf, size, "%s%s%s", dir, dir[1] == '\0' &&
	    dir[0] == '/' ? "" : "/", name);
	if (n < 0 || (size_t)n >= size)
		return 0;
	return stat(buf, &st) == 0;
}

int
rc_find(char *buf, size_t size)
{
	char dir[PATH_MAX], *slash;

	if (getcwd(dir, sizeof(dir)) == NULL)
		return 0;
	for (;;) {
		if (exists(dir, RC_NAME, buf, size))
			return 1;
		if (exists(dir, ".git", buf, size))
			return 0;
		if ((slash = strrchr(dir, '/')) == NULL || dir[1] == '\0')
			return 0;
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
}
