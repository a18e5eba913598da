/*
 * mhlint --fix and --annotate: where the output goes (standard output,
 * or a file written through a temporary file in the same directory and
 * renamed over it), the notes on standard error and the exit status.
 *
 * --fix: the repaired message goes out and through a checker as it is
 * written, so what is still wrong with the output is reported on
 * standard error and decides the exit status.
 * --annotate: the message is checked first (standard input is spooled
 * to a temporary file), then copied with the alert fields in front.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_fix.h"
#include "inputs.h"

#define EXIT_FINDINGS 1
#define EXIT_TROUBLE 2
#define CHUNK 65536
/* Alert fields kept per message; more findings are counted only. */
#define ALERTS_MAX 100

struct ctx {
	const struct cli_fix *cf;
	struct mhl_fix_options fo;
	struct mhl_options opt;
	enum mhl_severity fail_on;
	int quiet;
	const char *label;      /* the input's name in messages */
	struct mhl_reporter *rep;
	struct mhl_checker *chk;
	FILE *out;
	int failed, trouble;
	/* --annotate */
	int collect;
	const char *field;
	char *alerts;
	size_t alerts_n, nalerts, more;
	unsigned char chunk[CHUNK];
	char alert[MHL_ALERT_MAX];
};

/* Where the output goes. */
struct sink {
	FILE *f;
	const char *target;     /* NULL: standard output */
	char tmp[PATH_MAX];
};

/*
 * A file name on standard error, escaped as the reports escape it: a
 * name is message data too, and must not reach a terminal raw.
 */
static void
put_name(const char *name)
{
	mhl_escape(stderr, (const unsigned char *)name, strlen(name), 0);
}

/* "mhlint: NAME: reason", as warn(3) says it, with NAME escaped. */
static void
fail(const char *name)
{
	int e = errno;

	fputs("mhlint: ", stderr);
	put_name(name);
	fprintf(stderr, ": %s\n", strerror(e));
}

static void
on_note(void *arg, const struct mhl_fix_note *n)
{
	struct ctx *c = arg;

	if (c->quiet)
		return;
	put_name(c->label);
	if (n->line > 0)
		fprintf(stderr, ":%llu: ", (unsigned long long)n->line);
	else
		fputs(": ", stderr);
	fprintf(stderr, "%s: %.*s\n", n->repaired ? "fixed" : "not fixed",
	    (int)n->text_len, n->text);
}

static void
on_finding(void *arg, const struct mhl_finding *f)
{
	struct ctx *c = arg;
	size_t n;
	char *p;

	if (f->severity >= c->fail_on)
		c->failed = 1;
	if (!c->collect) {
		if (!c->quiet)
			mhl_reporter_finding(c->rep, f);
		return;
	}
	if ((c->cf->first && c->nalerts > 0) || c->alerts == NULL)
		return;
	if (c->nalerts >= ALERTS_MAX) {
		c->more++;
		return;
	}
	n = mhl_alert_field(c->alert, c->field, f,
	    c->opt.profile == MHL_PROFILE_AMAVIS, "\n");
	if ((p = realloc(c->alerts, c->alerts_n + n)) == NULL) {
		c->trouble = 1;
		return;
	}
	c->alerts = p;
	memcpy(c->alerts + c->alerts_n, c->alert, n);
	c->alerts_n += n;
	c->nalerts++;
}

static int
fix_write(void *arg, const void *p, size_t n)
{
	struct ctx *c = arg;

	if (fwrite(p, 1, n, c->out) != n)
		return -1;
	if (c->chk != NULL)
		mhl_checker_feed(c->chk, p, n);
	return 0;
}

static int
sink_open(struct sink *s, const char *target, const struct stat *keep)
{
	char dir[PATH_MAX];
	const char *slash;
	mode_t um = 0;
	int fd;

	s->target = target;
	if (target == NULL) {
		s->f = stdout;
		return 0;
	}
	slash = strrchr(target, '/');
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == target)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - target),
		    target);
	if ((size_t)snprintf(s->tmp, sizeof(s->tmp), "%s/.mhlint-XXXXXX",
	    dir) >= sizeof(s->tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkstemp(s->tmp)) == -1)
		return -1;
	if (keep == NULL) {
		um = umask(0);
		umask(um);
	}
	if (fchmod(fd, keep != NULL ? keep->st_mode & 07777 :
	    0666 & ~um) == -1 || (s->f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(s->tmp);
		return -1;
	}
	return 0;
}

/* Commits (ok) or throws away the output; returns -1 on failure. */
static int
sink_close(struct sink *s, int ok)
{
	int r = 0;

	if (s->target == NULL)
		return fflush(stdout) == EOF || ferror(stdout) ? -1 : 0;
	if (fflush(s->f) == EOF || ferror(s->f) || fsync(fileno(s->f)) == -1)
		r = -1;
	if (fclose(s->f) == EOF)
		r = -1;
	if (ok && r == 0 && rename(s->tmp, s->target) == 0)
		return 0;
	if (ok && r == 0)
		r = -1;
	unlink(s->tmp);
	return r;
}

/* Repairs fd into c->out; the checker sees the output. */
static int
fix_fd(struct ctx *c, int fd)
{
	struct mhl_fixer *fx;
	ssize_t n;
	int r = 0;

	if ((fx = mhl_fixer_new(&c->fo, fix_write, on_note, c)) == NULL)
		return -1;
	if (c->chk != NULL)
		mhl_checker_reset(c->chk);
	while ((n = inputs_read(fd, c->chunk, sizeof(c->chunk))) > 0)
		if (mhl_fixer_feed(fx, c->chunk, (size_t)n) == -1) {
			r = -1;
			break;
		}
	if (n == -1 || mhl_fixer_finish(fx) == -1)
		r = -1;
	if (c->chk != NULL)
		mhl_checker_finish(c->chk);
	mhl_fixer_free(fx);
	return r;
}

static int
put_converted(FILE *out, const char *p, size_t n, int crlf)
{
	size_t i, s = 0;

	for (i = 0; i < n; i++)
		if (p[i] == '\n' && crlf) {
			if (fwrite(p + s, 1, i - s, out) != i - s ||
			    fputs("\r\n", out) == EOF)
				return -1;
			s = i + 1;
		}
	return fwrite(p + s, 1, n - s, out) == n - s ? 0 : -1;
}

/* Checks the seekable fd, then copies it to c->out with the alerts. */
static int
annotate_fd(struct ctx *c, int fd)
{
	ssize_t n;
	size_t i, skip = 0;
	int crlf = 0, seen_lf = 0, last_cr = 0, first = 1, env = 0;
	char more[128];

	c->collect = 1;
	c->alerts_n = c->nalerts = c->more = 0;
	if (c->alerts == NULL && (c->alerts = malloc(1)) == NULL)
		return -1;
	mhl_checker_reset(c->chk);
	while ((n = inputs_read(fd, c->chunk, sizeof(c->chunk))) > 0) {
		if (first) {
			env = n >= 5 && memcmp(c->chunk, "From ", 5) == 0;
			first = 0;
		}
		/* The alerts end their lines as the message's first line. */
		for (i = 0; !seen_lf && i < (size_t)n; i++) {
			if (c->chunk[i] == '\n') {
				seen_lf = 1;
				crlf = i > 0 ? c->chunk[i - 1] == '\r' : last_cr;
			}
		}
		last_cr = c->chunk[n - 1] == '\r';
		mhl_checker_feed(c->chk, c->chunk, (size_t)n);
	}
	if (n == -1)
		return -1;
	mhl_checker_finish(c->chk);
	c->collect = 0;
	if (lseek(fd, 0, SEEK_SET) == -1)
		return -1;
	first = 1;
	while ((n = inputs_read(fd, c->chunk, sizeof(c->chunk))) >= 0) {
		if (first) {
			/* An mbox "From " line stays first. */
			if (env) {
				unsigned char *nl = memchr(c->chunk, '\n',
				    (size_t)n);

				skip = nl != NULL ? (size_t)(nl + 1 - c->chunk) :
				    (size_t)n;
				if (fwrite(c->chunk, 1, skip, c->out) != skip)
					return -1;
			}
			if (put_converted(c->out, c->alerts, c->alerts_n,
			    crlf) == -1)
				return -1;
			if (c->more > 0) {
				int k = snprintf(more, sizeof(more), "%s: %zu "
				    "more finding(s) not shown\n", c->field,
				    c->more);

				if (put_converted(c->out, more, (size_t)k,
				    crlf) == -1)
					return -1;
			}
			first = 0;
		}
		if (n == 0)
			break;
		if (fwrite(c->chunk + skip, 1, (size_t)n - skip, c->out) !=
		    (size_t)n - skip)
			return -1;
		skip = 0;
	}
	return n == -1 ? -1 : 0;
}

/* A regular file to read twice: fd itself, or a copy of it. */
static int
spool(struct ctx *c, int fd, FILE **tmp)
{
	struct stat st;
	ssize_t n;

	*tmp = NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    lseek(fd, 0, SEEK_SET) == 0)
		return fd;
	if ((*tmp = tmpfile()) == NULL)
		return -1;
	while ((n = inputs_read(fd, c->chunk, sizeof(c->chunk))) > 0)
		if (fwrite(c->chunk, 1, (size_t)n, *tmp) != (size_t)n)
			return -1;
	if (n == -1 || fflush(*tmp) == EOF ||
	    lseek(fileno(*tmp), 0, SEEK_SET) == -1)
		return -1;
	return fileno(*tmp);
}

static void
run_one(struct ctx *c, const char *path)
{
	struct stat st, ost;
	struct sink s;
	const char *target = c->cf->out;
	FILE *tmp = NULL, *fixed = NULL;
	int fd, rfd, r = 0;

	c->label = path == NULL ? "<stdin>" : path;
	if (path == NULL)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1) {
		fail(path);
		c->trouble = 1;
		return;
	}
	if (fstat(fd, &st) == -1 || S_ISDIR(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			errno = EISDIR;
		fail(c->label);
		goto trouble;
	}
	if (c->cf->in_place)
		target = path;
	else if (target != NULL && stat(target, &ost) == 0 &&
	    ost.st_dev == st.st_dev && ost.st_ino == st.st_ino) {
		fputs("mhlint: ", stderr);
		put_name(target);
		fputs(": would overwrite the input (use --in-place)\n",
		    stderr);
		goto trouble;
	}
	if (sink_open(&s, target, c->cf->in_place ? &st : target != NULL &&
	    stat(target, &ost) == 0 ? &ost : NULL) == -1) {
		fail(target);
		goto trouble;
	}
	mhl_reporter_begin(c->rep, path, 0);
	if (c->cf->mode == CLI_FIX) {
		c->out = s.f;
		r = fix_fd(c, fd);
	} else if (c->cf->mode == CLI_ANNOTATE) {
		c->out = s.f;
		if ((rfd = spool(c, fd, &tmp)) == -1)
			r = -1;
		else
			r = annotate_fd(c, rfd);
	} else {
		/* Both: repair into a temporary file, annotate that. */
		struct mhl_checker *chk = c->chk;

		c->chk = NULL;
		if ((fixed = tmpfile()) == NULL)
			r = -1;
		else {
			c->out = fixed;
			r = fix_fd(c, fd);
			if (r == 0 && fflush(fixed) == EOF)
				r = -1;
		}
		c->chk = chk;
		c->out = s.f;
		if (r == 0 && lseek(fileno(fixed), 0, SEEK_SET) == -1)
			r = -1;
		if (r == 0)
			r = annotate_fd(c, fileno(fixed));
	}
	mhl_reporter_end(c->rep);
	if (r == -1)
		fail(c->label);
	if (sink_close(&s, r == 0) == -1) {
		if (r == 0)
			fail(target != NULL ? target : "standard output");
		r = -1;
	}
	if (tmp != NULL)
		fclose(tmp);
	if (fixed != NULL)
		fclose(fixed);
	if (r == -1)
		c->trouble = 1;
	if (fd != STDIN_FILENO)
		close(fd);
	return;
trouble:
	c->trouble = 1;
	if (fd != STDIN_FILENO)
		close(fd);
}

void
cli_fix_validate(const struct cli_fix *cf, int npaths)
{
	const char *p;

	if (cf->mode == 0) {
		if (cf->out != NULL || cf->in_place || cf->fo.eol_lf ||
		    cf->fo.body_eol || cf->fo.charset != NULL ||
		    cf->field != NULL)
			errx(EXIT_TROUBLE, "-o, --in-place, --eol, "
			    "--fix-body-eol, --assume-charset and "
			    "--annotate-field need --fix or --annotate");
		return;
	}
	if (cf->out != NULL && cf->in_place)
		errx(EXIT_TROUBLE, "-o and --in-place exclude each other");
	if (!cf->in_place && npaths > 1)
		errx(EXIT_TROUBLE, "one message at a time, or --in-place");
	if (cf->in_place && npaths == 0)
		errx(EXIT_TROUBLE, "--in-place needs a PATH");
	if (!(cf->mode & CLI_FIX) && (cf->fo.eol_lf || cf->fo.body_eol ||
	    cf->fo.charset != NULL))
		errx(EXIT_TROUBLE, "--eol, --fix-body-eol and "
		    "--assume-charset need --fix");
	if (cf->fo.charset != NULL && !mhl_fix_charset_ok(cf->fo.charset)) {
		fputs("mhlint: unsupported charset: ", stderr);
		put_name(cf->fo.charset);
		fputs(" (one byte per character: ISO-8859-N, WINDOWS-125N, "
		    "KOI8-R, KOI8-U)\n", stderr);
		exit(EXIT_TROUBLE);
	}
	if (cf->field != NULL) {
		/* RFC 5322 §3.6.8: ftext is 0x21..0x39, 0x3B..0x7E. */
		for (p = cf->field; *p != '\0'; p++)
			if (*p < 0x21 || *p > 0x7e || *p == ':')
				break;
		if (*p != '\0' || p == cf->field) {
			fputs("mhlint: bad field name: ", stderr);
			put_name(cf->field);
			fputc('\n', stderr);
			exit(EXIT_TROUBLE);
		}
	}
}

int
cli_fix_run(const struct cli_fix *cf, const struct mhl_options *opt,
    enum mhl_format format, enum mhl_severity fail_on, int quiet, int argc,
    char **argv)
{
	struct ctx *c;
	int i, status;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		err(EXIT_TROUBLE, NULL);
	c->cf = cf;
	c->opt = *opt;
	c->fo = cf->fo;
	c->fo.smtputf8 = opt->smtputf8;
	c->fail_on = fail_on;
	c->quiet = quiet;
	c->field = cf->field != NULL ? cf->field : "X-Mhlint-Alert";
	if ((c->rep = mhl_reporter_new(format, stderr)) == NULL ||
	    (c->chk = mhl_checker_new(&c->opt, on_finding, c)) == NULL)
		err(EXIT_TROUBLE, NULL);
	if (argc == 0)
		run_one(c, NULL);
	for (i = 0; i < argc; i++)
		run_one(c, strcmp(argv[i], "-") == 0 ? NULL : argv[i]);
	mhl_reporter_finish(c->rep);
	mhl_checker_free(c->chk);
	mhl_reporter_free(c->rep);
	free(c->alerts);
	status = c->trouble ? EXIT_TROUBLE : c->failed ? EXIT_FINDINGS : 0;
	free(c);
	return status;
}
