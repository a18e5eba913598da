/*
 * Internals of the repair writer shared with its unit tests: the output
 * buffer a field is laid out into, and the RFC 2047 encoder.
 */
#ifndef MHL_FIX_INTERNAL_H
#define MHL_FIX_INTERNAL_H

#include <stddef.h>

/* RFC 2047 §2: an encoded-word is at most 75 characters. */
#define EW_MAX 75
/* RFC 5322 §2.1.1: lines SHOULD be at most 78 characters. */
#define LINE_SOFT 78
/* RFC 2047 §2: "each line of a header field that contains one or more
 * 'encoded-word's is limited to 76 characters." */
#define LINE_EW 76
#define LINE_HARD 998

/*
 * A field being laid out: logical bytes, lines separated by LF.  'col'
 * is the length of the last line so far; 'content' says whether the last
 * line holds a token yet (a fold before the first one would leave a line
 * with nothing on it; only the field's first line may be left holding
 * just its name and colon, RFC 5322 §3.2.2 allowing FWS there).
 */
struct obuf {
	unsigned char *p;
	size_t n, cap;
	size_t col;
	int content;
	int has_ew;     /* the last line holds an encoded-word */
	int name_line;  /* still on the field's first line */
	int overflow;
};

void mhl_ob_put(struct obuf *, const void *, size_t);

/* Bytes of the character at p: a UTF-8 sequence when utf8, else 1. */
size_t mhl_ew_char_len(const unsigned char *, size_t, int);
/* Length of bytes in RFC 2047 Q encoding (the phrase-safe set). */
size_t mhl_ew_q_len(const unsigned char *, size_t);
/* Is p[0..n) strict UTF-8 (RFC 3629)? */
int mhl_utf8_valid(const unsigned char *, size_t);
/* Does the token look like an encoded-word (=?cs?Q?text?=)? */
int mhl_ew_like(const unsigned char *, size_t);

/*
 * Appends text[0..n) as Q encoded-words in 'charset', each at most
 * EW_MAX characters and split only between characters; words are
 * separated by SP, or by a fold (LF SP) when the next one would end past
 * column 'limit'.  'sep' is what to put before the first word: blanks
 * (they may hold an LF: an existing fold), then maybe text glued to the
 * word (a comment's "("); a fold goes before it only when it starts with
 * a blank.  'tail' columns glued after the run are kept free on the last
 * word's line when they can be.
 */
void mhl_ew_encode(struct obuf *, const char *, int,
    const unsigned char *, size_t, const unsigned char *, size_t, size_t,
    size_t);

/*
 * Structured fields (fix_struct.c): the spans of a field value where
 * raw 8-bit may be replaced by encoded-words.
 */
enum { FK_NONE, FK_ADDRESS, FK_COMMENTS };
enum {
	FE_PHRASE,  /* words of a display name: unquoted, then encoded */
	FE_COMMENT, /* words of a comment: quoted-pairs resolved, encoded */
	FE_QFIX     /* a Q encoded-word with raw bytes: they become =XX */
};

struct fix_edit {
	size_t a, b;    /* the span replaced */
	size_t post;    /* blanks after b, up to an encoded-word, that go
	                 * inside the encoded text too (post == b: none) */
	int kind;
	int pre;        /* the blanks before a go inside too */
	int sp_before;  /* glued to what precedes: put a blank between */
	int sp_after;   /* glued to what follows: put a blank between */
};

#define FIX_EDITS_MAX 256

/* FK_* for a field name. */
int mhl_fix_struct_kind(const unsigned char *, size_t);
/* Is the token a Q encoded-word holding raw 8-bit bytes? */
int mhl_fix_q_word_8bit(const unsigned char *, size_t);
/*
 * Fills ed[] (at most max, sorted) with the edits for value v[0..n) of
 * a field of kind FK_ADDRESS or FK_COMMENTS.  Returns their number, and
 * in *why where raw 8-bit stays (NULL: nowhere known); or -1 when the
 * field is not understood (*why says why) and must stay as it is.
 */
int mhl_fix_struct_edits(int, const unsigned char *, size_t,
    struct fix_edit *, size_t, const char **);

#endif /* MHL_FIX_INTERNAL_H */
