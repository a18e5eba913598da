/*
 * An RFC 5322 lexer over one field body (RFC 5322 §3.2, §4.1).
 *
 * It walks the field's kept logical bytes (struct mhl_field buf/kept):
 * "\n" followed by SP or TAB is a fold.  CFWS (white space, folds and
 * comments, nested to any depth) is skipped between tokens and noted in
 * the next token's flags.  Tokens are (offset, length) views into the
 * field; nothing is copied or allocated, and comment nesting is a
 * counter, so memory is constant whatever the input.
 */
#ifndef MHL_LEX5322_H
#define MHL_LEX5322_H

#include <stddef.h>

struct mhl_field;

enum lx_kind {
	LX_END,      /* end of the field body (or of its kept bytes) */
	LX_ATOM,     /* 1*atext; a template placeholder counts as atext */
	LX_QSTRING,  /* quoted-string, quotes included */
	LX_DLITERAL, /* domain-literal, brackets included */
	LX_SPECIAL,  /* a special or any other byte that starts no token */
	LX_BAD       /* an unterminated quoted-string, comment or literal */
};

enum {
	LXF_WS = 1 << 0,      /* FWS or a comment came before the token */
	LXF_COMMENT = 1 << 1, /* a comment came before the token */
	LXF_8BIT = 1 << 2,    /* the token holds a byte >= 0x80 */
	LXF_HOLDER = 1 << 3,  /* the token holds a template placeholder */
	LXF_OBS = 1 << 4,     /* obs-qtext, obs-ctext or obs-dtext inside */
	LXF_EW = 1 << 5,      /* "=?" ... "?=" inside: an encoded-word */
	LXF_CUT = 1 << 6      /* ended by the end of the kept bytes */
};

struct lx_tok {
	enum lx_kind kind;
	size_t off, len;    /* logical offset and length in the field */
	unsigned char ch;   /* LX_SPECIAL: the byte */
	unsigned int flags; /* LXF_* */
	const char *err;    /* LX_BAD: what is wrong */
};

/* Called for each top-level comment (offset and length, parentheses
 * included), for checks of what comments hold. */
typedef void lx_comment_fn(void *, size_t, size_t);

struct lx {
	const unsigned char *p;
	size_t pos, end;
	int truncated;      /* the field is longer than its kept bytes */
	unsigned int tmpl;  /* template styles (MHL_TMPL_*), 0: off */
	lx_comment_fn *on_comment;
	void *arg;
};

/* Starts at the field's value (just past the colon). */
void lx_init(struct lx *, const struct mhl_field *, unsigned int);
/* Starts at any logical offset, up to 'end'. */
void lx_init_at(struct lx *, const struct mhl_field *, unsigned int, size_t,
    size_t);
void lx_next(struct lx *, struct lx_tok *);
/* The same token by lx_next()'s general path alone, without its fast
 * path: for the tests and the fuzz harness to compare the two. */
void lx_next_general(struct lx *, struct lx_tok *);
/* The next token without taking it. */
void lx_peek(const struct lx *, struct lx_tok *);

/* RFC 5322 §3.2.3 atext, widened by RFC 6532 §3.2 to UTF-8 bytes. */
int lx_is_atext(unsigned char);
/* Whether bytes hold "=?" followed later by "?=". */
int lx_has_ew(const unsigned char *, size_t);

/* Template placeholders (template.c): the length of the placeholder
 * that starts at p (n bytes available), or 0. */
size_t mhl_template_match(unsigned int, const unsigned char *, size_t);

#endif /* MHL_LEX5322_H */
