/*
 * The command's inputs: paths, directories (Maildir), mbox files and
 * standard input, checked by worker threads and reported in input order.
 * Part of mhlint(1), not of the library: it warns on standard error.
 */
#ifndef MHL_INPUTS_H
#define MHL_INPUTS_H

#include <sys/types.h>

#include "mhlint.h"

enum inputs_mbox {
	INPUTS_MBOX_AUTO = 0, /* an mbox when the first line is "From " */
	INPUTS_MBOX_FORCE = 1,
	INPUTS_MBOX_NEVER = 2
};

/* Called in input order, from the calling thread only. */
struct inputs_ops {
	/* path NULL is standard input; msgno 0 a file of one message */
	void (*begin)(void *, const char *, uint64_t);
	void (*finding)(void *, const struct mhl_finding *);
	void (*end)(void *);
};

struct inputs_config {
	const struct mhl_options *opt;
	enum inputs_mbox mbox;
	int all;      /* --all: dot files and dot directories too */
	int follow;   /* -L: follow symbolic links while walking */
	int jobs;     /* worker threads; 1 checks in the calling thread */
	int progress; /* draw a progress line on standard error */
	const struct inputs_ops *ops;
	void *arg;
	/* Set by inputs_run(): findings an X-Mhlint-Disable field left out. */
	uint64_t suppressed;
};

/*
 * Checks every path ("-" is standard input) in order.  Returns 0, or 1 if
 * an input could not be read (each such error was reported on standard
 * error); -1 with errno when the run itself failed (out of memory).
 */
int inputs_run(struct inputs_config *, char *const *, int);
/* read(2), again after a signal (EINTR). */
ssize_t inputs_read(int, unsigned char *, size_t);

#endif /* MHL_INPUTS_H */
