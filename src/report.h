/*
 * The reporter interface: each output format is one file that fills in
 * these operations.  Formats see findings only, never rules' internals.
 */
#ifndef MHL_REPORT_H
#define MHL_REPORT_H

#include "mhlint.h"

struct mhl_reporter {
	const struct report_ops *ops;
	FILE *out;
	const char *path;   /* NULL for standard input */
	uint64_t msgno;     /* 1-based number in an mbox, or 0 */
	void *priv;
};

struct report_ops {
	void (*begin)(struct mhl_reporter *);
	void (*finding)(struct mhl_reporter *, const struct mhl_finding *);
	void (*end)(struct mhl_reporter *);
	void (*finish)(struct mhl_reporter *); /* end of the run */
};

extern const struct report_ops mhl_report_amavis;
extern const struct report_ops mhl_report_text;

/* Writes bytes with every byte outside 0x20..0x7E as \x{XX}; with
 * 'amavis' set, a backslash starting "\x{" becomes \x{5C} too. */
void mhl_put_escaped(FILE *, const unsigned char *, size_t, int);

/* Writes the message's name: its path (or stdin_name), and ":N" for the
 * Nth message of an mbox. */
void mhl_put_path(struct mhl_reporter *, const char *);

#endif /* MHL_REPORT_H */
