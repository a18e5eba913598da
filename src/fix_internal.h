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
 * column 'limit'.  'sep' is the whitespace to put before the first word
 * (it may hold an LF: an existing fold).
 */
void mhl_ew_encode(struct obuf *, const char *, int,
    const unsigned char *, size_t, const unsigned char *, size_t, size_t);

#endif /* MHL_FIX_INTERNAL_H */
