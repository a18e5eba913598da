/*
 * mhlint's repair and annotation API: a streaming writer that turns a
 * message into one that follows RFC 5322 where that needs no guessing,
 * and the alert field that --annotate prepends.  Kept apart from
 * mhlint.h so the checker's API stays as it is.
 */
#ifndef MHLINT_FIX_H
#define MHLINT_FIX_H

#include <stddef.h>
#include <stdint.h>

#include "mhlint.h"

/* A field held for repair; a larger one passes through unrepaired. */
#define MHL_FIX_FIELD_MAX 65536

/* What the fixer did, or could not do. */
enum mhl_fix_kind {
	MHL_FIX_EOL,           /* header line endings made uniform */
	MHL_FIX_BODY_EOL,      /* body line endings changed */
	MHL_FIX_FINAL_EOL,     /* a line ending added at the end of input */
	MHL_FIX_CONTROL,       /* NUL, bare CR, C0 control or DEL removed */
	MHL_FIX_WSLINE,        /* whitespace-only continuation line removed */
	MHL_FIX_LEADING_JOINED, /* leading continuation unindented as field */
	MHL_FIX_LEADING_DROPPED, /* leading continuation line(s) dropped */
	MHL_FIX_ENCODED,       /* raw non-ASCII RFC 2047-encoded */
	MHL_FIX_CHARSET,       /* not UTF-8: the assumed charset was used */
	MHL_FIX_FOLDED,        /* lines over 78 folded */
	MHL_FIX_SEPARATOR,     /* missing empty line inserted */
	MHL_FIX_SEPARATOR_WS,  /* whitespace-only separator made empty */
	/* Not repaired: */
	MHL_FIX_UNFOLDABLE,    /* a line stays over 998 */
	MHL_FIX_TOO_BIG,       /* a field over MHL_FIX_FIELD_MAX */
	MHL_FIX_STRUCTURED_8BIT /* raw non-ASCII in a structured field */
};

struct mhl_fix_note {
	enum mhl_fix_kind kind;
	int repaired;          /* 0: reported only */
	uint64_t line;         /* 1-based input line, 0 for the message */
	const char *text;      /* US-ASCII, no newline */
	size_t text_len;
};

struct mhl_fix_options {
	int eol_lf;            /* LF line endings instead of CRLF */
	int body_eol;          /* change the body's line endings too */
	const char *charset;   /* for bytes that are not UTF-8; NULL:
	                        * ISO-8859-1 */
	int smtputf8;          /* raw UTF-8 is allowed (RFC 6532): only
	                        * other bytes and C1 controls are encoded */
};

/* Returns 0 or -1 (the fixer then stops and returns -1). */
typedef int mhl_fix_write_fn(void *, const void *, size_t);
typedef void mhl_fix_note_fn(void *, const struct mhl_fix_note *);

struct mhl_fixer;

/* Returns NULL with errno on failure. */
struct mhl_fixer *mhl_fixer_new(const struct mhl_fix_options *,
    mhl_fix_write_fn *, mhl_fix_note_fn *, void *);
void mhl_fixer_free(struct mhl_fixer *);
void mhl_fixer_reset(struct mhl_fixer *);
/* Returns 0, or -1 when a write failed. */
int mhl_fixer_feed(struct mhl_fixer *, const void *, size_t);
int mhl_fixer_finish(struct mhl_fixer *);
/* Is this a charset --assume-charset accepts (one byte per character)? */
int mhl_fix_charset_ok(const char *);

/*
 * --annotate: the alert field for one finding.  Writes into dst (at
 * least MHL_ALERT_MAX bytes) the field NAME: TEXT, folded to 78 columns
 * as Amavis folds its X-Amavis-Alert field, US-ASCII only, each line
 * ended by eol ("\n" or "\r\n").  'amavis' selects Amavis's own escaping
 * (only findings holding 8-bit data are escaped) and prefix; otherwise
 * every byte outside 0x20..0x7E is escaped.  Returns the length.
 */
#define MHL_ALERT_MAX 16384
size_t mhl_alert_field(char *, const char *, const struct mhl_finding *,
    int, const char *);

#endif /* MHLINT_FIX_H */
