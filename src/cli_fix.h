/*
 * The command line's --fix and --annotate: kept out of main.c, which
 * only parses the options into a struct cli_fix and calls cli_fix_run.
 */
#ifndef MHL_CLI_FIX_H
#define MHL_CLI_FIX_H

#include "mhlint.h"
#include "mhlint_fix.h"

enum {
	CLI_FIX = 1 << 0,
	CLI_ANNOTATE = 1 << 1
};

struct cli_fix {
	int mode;            /* CLI_FIX and/or CLI_ANNOTATE */
	int first;           /* --annotate=first */
	const char *field;   /* --annotate-field, or NULL */
	const char *out;     /* -o FILE, or NULL */
	int in_place;
	struct mhl_fix_options fo;
};

/* Checks the combination of options; exits with status 2 when bad. */
void cli_fix_validate(const struct cli_fix *, int);
/* Runs --fix and/or --annotate over the paths; returns the exit status. */
int cli_fix_run(const struct cli_fix *, const struct mhl_options *,
    enum mhl_format, enum mhl_severity, int, int, char **);

#endif /* MHL_CLI_FIX_H */
