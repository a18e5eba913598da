/*
 * The reporter interface: each output format is one file that fills in
 * these operations.  Formats see findings only, never rules' internals.
 */
#ifndef MHL_REPORT_H
#define MHL_REPORT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mhlint.h"

/*
 * The line: what a reporter writes in one call is put together here and
 * handed to the stream in one fwrite by mhl_line_flush (sooner only when
 * it fills up), so that a byte costs a store, not a stdio call.  Every
 * reporter call flushes before it returns: nothing is held back between
 * calls, so what the caller writes to the stream in between (errors,
 * the summary) lands where it always did.  A line in memory only (out
 * NULL) keeps what fits and sets 'lost' for the rest.
 */
#define MHL_LINE_CAP 4096

struct mhl_line {
	FILE *out;        /* NULL: a line in memory only */
	size_t len;
	int lost;         /* in memory only: some did not fit */
	char buf[MHL_LINE_CAP];
};

struct mhl_reporter {
	const struct report_ops *ops;
	FILE *out;
	const char *path;   /* NULL for standard input */
	uint64_t msgno;     /* 1-based number in an mbox, or 0 */
	unsigned int flags; /* MHL_REPORT_* */
	uint64_t nfindings; /* findings reported in the run */
	void *priv;
	/* The message's name as the format writes it (mhl_line_name);
	 * name_state 0: not made yet for this message, 1: made, -1: too
	 * long to keep, made each time. */
	struct mhl_line name;
	int name_state;
	/* What the format writes for each rule (mhl_line_rule), indexed
	 * like mhl_rules(); NULL until the first finding. */
	struct mhl_rule_text *rule_text;
	size_t nrule_text;
};

/* The pieces of text a format keeps per rule, and their size. */
#define MHL_RULE_PARTS 2
#define MHL_RULE_KEEP 64

struct mhl_rule_text {
	signed char state[MHL_RULE_PARTS]; /* as name_state */
	unsigned char len[MHL_RULE_PARTS];
	char buf[MHL_RULE_PARTS][MHL_RULE_KEEP];
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

/* Hands what the line holds to the stream and empties it (in memory
 * only: sets lost). */
void mhl_line_flush(struct mhl_line *);
/* mhl_line_put's slow path: n bytes that do not fit. */
void mhl_line_spill(struct mhl_line *, const void *, size_t);

static inline void
mhl_line_init(struct mhl_line *l, FILE *out)
{
	l->out = out;
	l->len = 0;
	l->lost = 0;
}

static inline void
mhl_line_put(struct mhl_line *l, const void *p, size_t n)
{
	if (n > MHL_LINE_CAP - l->len) {
		mhl_line_spill(l, p, n);
		return;
	}
	memcpy(l->buf + l->len, p, n);
	l->len += n;
}

static inline void
mhl_line_putc(struct mhl_line *l, int c)
{
	if (l->len == MHL_LINE_CAP)
		mhl_line_flush(l);
	l->buf[l->len++] = (char)c;
}

/* A string and its length, for tables of string literals. */
struct mhl_str {
	const char *s;
	size_t n;
};

#define MHL_STR(s) { "" s, sizeof(s) - 1 }

static inline void
mhl_line_mstr(struct mhl_line *l, const struct mhl_str *s)
{
	mhl_line_put(l, s->s, s->n);
}

/* A string literal, its length known at compile time. */
#define MHL_LINE_LIT(l, s) mhl_line_put((l), "" s, sizeof(s) - 1)

/* A NUL-terminated string, as it is. */
void mhl_line_str(struct mhl_line *, const char *);

/* The colour 'c' with MHL_REPORT_COLOR, else nothing. */
static inline void
mhl_line_color(struct mhl_line *l, const struct mhl_reporter *r,
    const char *c)
{
	if (r->flags & MHL_REPORT_COLOR)
		mhl_line_str(l, c);
}

/* A number in decimal, at least 'width' characters wide (padded with
 * spaces on the left); returns the number of characters. */
size_t mhl_line_u64(struct mhl_line *, uint64_t, size_t);

/*
 * Writes bytes with every byte outside 0x20..0x7E as \x{XX}; with
 * 'amavis' set, a backslash starting "\x{" becomes \x{5C} too.  Each
 * \x{XX} is put between 'on' and MHL_C_RESET when 'on' is not NULL.
 * Returns the number of characters written, colours left out.
 */
size_t mhl_line_escaped(struct mhl_line *, const unsigned char *, size_t,
    int, const char *);
/* The message's name: its path (or "<stdin>") escaped, and ":N" for
 * the Nth message of an mbox. */
void mhl_line_path(struct mhl_line *, const struct mhl_reporter *);
/*
 * What 'make' writes for the message (its name, as the format wants
 * it), made once per message in the reporter's name line and copied at
 * each finding: a message's findings all repeat it.  A name too long to
 * keep is made each time.  'make' must write the same for a reporter
 * throughout and may depend on the path and msgno only.
 */
void mhl_line_name(struct mhl_line *, struct mhl_reporter *,
    void (*)(struct mhl_line *, const struct mhl_reporter *));
/*
 * The same per rule: what 'make' writes for the rule (part 0 to
 * MHL_RULE_PARTS - 1, of the format's choosing, made from the rule
 * alone), made at the rule's
 * first finding and copied at each later one.  Made each time when it
 * is longer than MHL_RULE_KEEP or memory is short.
 */
void mhl_line_rule(struct mhl_line *, struct mhl_reporter *,
    const struct mhl_rule *, int,
    void (*)(struct mhl_line *, const struct mhl_rule *, int));

/*
 * The inside of a JSON string (no quotes) holding the bytes: valid UTF-8
 * as it is, but C0 and C1 controls, DEL, U+2028 and U+2029 as \uXXXX,
 * and each byte that is not part of valid UTF-8 as the six characters
 * \x{XX}; a backslash that starts "\x{" in the data is written as
 * \x{5C} so the bytes can be recovered exactly.  The output is always
 * valid UTF-8 and always parses.
 */
void mhl_line_json(struct mhl_line *, const unsigned char *, size_t);
/* A quoted JSON string of a NUL-terminated string, or null for NULL. */
void mhl_line_json_str(struct mhl_line *, const char *);

/* The same escapes straight onto a stream, for those who print a
 * string now and then: mhl_put_escaped is mhl_line_escaped with no
 * colour, mhl_put_json is mhl_line_json. */
void mhl_put_escaped(FILE *, const unsigned char *, size_t, int);
void mhl_put_json(FILE *, const unsigned char *, size_t);

/* The length of the valid UTF-8 sequence at p (1 for ASCII), or 0. */
size_t mhl_utf8_len(const unsigned char *, size_t);

#endif /* MHL_REPORT_H */
