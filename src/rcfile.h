/*
 * .mhlintrc: the configuration file of mhlint(1), "key = value" lines
 * whose keys are long options.  Part of the program, not the library.
 */
#ifndef MHL_RCFILE_H
#define MHL_RCFILE_H

#include <stddef.h>

#define RC_NAME ".mhlintrc"

/*
 * Calls fn for each "key = value" or "key" line of the file (value NULL
 * for the latter), with blanks around both trimmed and '#' comments
 * removed.  Returns fn's first nonzero result, 0 at the end, or -1 with
 * errno when the file cannot be read.
 */
int rc_read(const char *, int (*)(void *, const char *, const char *,
    unsigned long), void *);

/*
 * Looks for RC_NAME in the working directory and its parents, up to and
 * including the first directory that holds .git.  Returns 1 with the
 * path in buf, or 0.
 */
int rc_find(char *, size_t);

#endif /* MHL_RCFILE_H */
