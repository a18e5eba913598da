/*
 * A bad sector, for tests/cli.sh: loaded with LD_PRELOAD, it makes
 * read(2) and pread(2) of a regular file fail with EIO from byte
 * MHLINT_EIO_AT on; a read that starts before that byte returns the
 * bytes up to it.  So the tests see how mhlint reports a read error in
 * the middle of a file, whichever worker meets it.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

typedef ssize_t (*read_fn)(int, void *, size_t);
typedef ssize_t (*pread_fn)(int, void *, size_t, off_t);

/* dlsym's object pointer as a function pointer, without ISO C's
 * complaint about the conversion. */
static void
next(const char *name, void *fn, size_t size)
{
	void *p = dlsym(RTLD_NEXT, name);

	memcpy(fn, &p, size);
}

/* Cuts n so that a read at off stops at the bad byte; -1 at or past it. */
static int
cut(int fd, off_t off, size_t *n)
{
	const char *at = getenv("MHLINT_EIO_AT");
	struct stat st;
	off_t bad;

	if (at == NULL || fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))
		return 0;
	bad = (off_t)strtoll(at, NULL, 10);
	if (off >= bad) {
		errno = EIO;
		return -1;
	}
	if ((off_t)*n > bad - off)
		*n = (size_t)(bad - off);
	return 0;
}

ssize_t
read(int fd, void *buf, size_t n)
{
	static read_fn real;
	off_t off;

	if (real == NULL)
		next("read", &real, sizeof(real));
	if ((off = lseek(fd, 0, SEEK_CUR)) != -1 && cut(fd, off, &n) == -1)
		return -1;
	return real(fd, buf, n);
}

ssize_t
pread(int fd, void *buf, size_t n, off_t off)
{
	static pread_fn real;

	if (real == NULL)
		next("pread", &real, sizeof(real));
	if (cut(fd, off, &n) == -1)
		return -1;
	return real(fd, buf, n, off);
}

ssize_t
pread64(int fd, void *buf, size_t n, off_t off)
{
	return pread(fd, buf, n, off);
}
