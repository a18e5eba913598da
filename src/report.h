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
	unsigned int flags; /* MHL_REPORT_* */
	uint64_t nfindings; /* findings reported in the run */
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
extern const struct report_ops mhl_report_json;
extern const struct report_ops mhl_report_sarif;
extern const struct report_ops mhl_report_github;

/* ANSI colours used with MHL_REPORT_COLOR. */
#define MHL_C_RESET "\033[0m"
#define MHL_C_PATH "\033[1m"
#define MHL_C_ERROR "\033[1;31m"
#define MHL_C_WARNING "\033[1;33m"
#define MHL_C_INFO "\033[1;36m"
#define MHL_C_RULE "\033[35m"
#define MHL_C_BYTES "\033[7m"
#define MHL_C_CARET "\033[1;32m"

/* The colour of a severity, or "" without MHL_REPORT_COLOR. */
const char *mhl_color_severity(const struct mhl_reporter *,
    enum mhl_severity);
/* 'c' with MHL_REPORT_COLOR, else "". */
const char *mhl_color(const struct mhl_reporter *, const char *);

/* Writes bytes with every byte outside 0x20..0x7E as \x{XX}; with
 * 'amavis' set, a backslash starting "\x{" becomes \x{5C} too. */
void mhl_put_escaped(FILE *, const unsigned char *, size_t, int);
/* The same, with each \x{XX} between 'on' and MHL_C_RESET when 'on' is
 * not NULL.  Returns the number of characters written, colours left
 * out. */
size_t mhl_put_escaped_color(FILE *, const unsigned char *, size_t, int,
    const char *);

/* Writes the message's name: its path (or stdin_name), and ":N" for the
 * Nth message of an mbox. */
void mhl_put_path(struct mhl_reporter *, const char *);

/*
 * The inside of a JSON string (no quotes) holding the bytes: valid UTF-8
 * as it is, but C0 and C1 controls, DEL, U+2028 and U+2029 as \uXXXX,
 * and each byte that is not part of valid UTF-8 as the six characters
 * \x{XX}; a backslash that starts "\x{" in the data is written as
 * \x{5C} so the bytes can be recovered exactly.  The output is always
 * valid UTF-8 and always parses.
 */
void mhl_put_json(FILE *, const unsigned char *, size_t);
/* A quoted JSON string of a NUL-terminated string, or null for NULL. */
void mhl_put_json_str(FILE *, const char *);

/* The length of the valid UTF-8 sequence at p (1 for ASCII), or 0. */
size_t mhl_utf8_len(const unsigned char *, size_t);

#endif /* MHL_REPORT_H */
