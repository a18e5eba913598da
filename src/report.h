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
	void *priv;
};

struct report_ops {
	void (*begin)(struct mhl_reporter *);
	void (*finding)(struct mhl_reporter *, const struct mhl_finding *);
	void (*end)(struct mhl_reporter *);
};

extern const struct report_ops mhl_report_amavis;
extern const struct report_ops mhl_report_text;

/* Writes bytes with every byte outside 0x20..0x7E as \x{XX}; with
 * 'amavis' set, a backslash starting "\x{" becomes \x{5C} too. */
void mhl_put_escaped(FILE *, const unsigned char *, size_t, int);

#endif /* MHL_REPORT_H */
