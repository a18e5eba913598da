/*
 * The RFC 5322 lexer: the tokens of §3.2 and their obsolete forms (§4.1).
 *
 *   FWS             =   ([*WSP CRLF] 1*WSP) /  obs-FWS
 *   ctext           =   %d33-39 / %d42-91 / %d93-126 / obs-ctext
 *   ccontent        =   ctext / quoted-pair / comment
 *   comment         =   "(" *([FWS] ccontent) [FWS] ")"
 *   CFWS            =   (1*([FWS] comment) [FWS]) / FWS
 *   atext           =   ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" /
 *                       "'" / "*" / "+" / "-" / "/" / "=" / "?" /
 *                       "^" / "_" / "`" / "{" / "|" / "}" / "~"
 *   atom            =   [CFWS] 1*atext [CFWS]
 *   dot-atom-text   =   1*atext *("." 1*atext)
 *   specials        =   "(" / ")" / "<" / ">" / "[" / "]" / ":" / ";" /
 *                       "@" / "\" / "," / "." / DQUOTE
 *   qtext           =   %d33 / %d35-91 / %d93-126 / obs-qtext
 *   quoted-pair     =   ("\" (VCHAR / WSP)) / obs-qp
 *   quoted-string   =   [CFWS] DQUOTE *([FWS] qcontent) [FWS] DQUOTE
 *                       [CFWS]
 *   domain-literal  =   [CFWS] "[" *([FWS] dtext) [FWS] "]" [CFWS]
 *   dtext           =   %d33-90 / %d94-126 / obs-dtext
 *   obs-FWS         =   1*WSP *(CRLF 1*WSP)
 *   obs-NO-WS-CTL   =   %d1-8 / %d11 / %d12 / %d14-31 / %d127
 *   obs-ctext       =   obs-NO-WS-CTL
 *   obs-qtext       =   obs-NO-WS-CTL
 *   obs-dtext       =   obs-NO-WS-CTL / quoted-pair
 *
 * RFC 6532 §3.2 adds UTF8-non-ascii to atext, qtext, ctext and dtext;
 * whether raw UTF-8 is allowed at all is the byte rules' business
 * (header-utf8, with --smtputf8), so the lexer takes it as text.
 *
 * The dot of dot-atom is returned as a special: the parsers put
 * dot-atoms together and tell them from obs-local-part and obs-domain
 * by the CFWS flags of the tokens.
 */
#include <string.h>

#include "mhlint.h"
#include "chars.h"
#include "lex5322.h"

/* atext by byte, one load in the lexer's inner loops: AT_TEXT, with
 * AT_EQ for '=' and AT_8BIT for the UTF-8 bytes RFC 6532 adds; for
 * lx_next()'s fast path, AT_BLANK for SP, TAB and LF (which may start a
 * fold) and AT_SLOW for what starts a comment, a quoted-string or a
 * domain literal. */
#define AT_TEXT 1
#define AT_EQ 2
#define AT_8BIT 4
#define AT_BLANK 8
#define AT_SLOW 16
static const unsigned char atext[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 8, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	8, 1, 16, 1, 1, 1, 1, 1, 16, 0, 1, 1, 0, 1, 0, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 3, 0, 1,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 16, 0, 0, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
};

static inline int
lx_atext(unsigned char c)
{
	return atext[c] & AT_TEXT;
}

int
lx_is_atext(unsigned char c)
{
	return lx_atext(c);
}

static int
is_obs_ctl(unsigned char c)
{
	return (c >= 1 && c <= 8) || c == 11 || c == 12 ||
	    (c >= 14 && c <= 31) || c == 127;
}

/* The first "=?" (or "?=": a, b) in p[i, n), by memchr(); n if none. */
static size_t
find_pair(const unsigned char *p, size_t i, size_t n, int a, int b)
{
	const unsigned char *q;

	while (i + 1 < n && (q = memchr(p + i, a, n - 1 - i)) != NULL) {
		i = (size_t)(q - p);
		if (p[i + 1] == b)
			return i;
		i++;
	}
	return n;
}

int
lx_has_ew(const unsigned char *p, size_t n)
{
	size_t i = find_pair(p, 0, n, '=', '?');

	return i < n && find_pair(p, i + 2, n, '?', '=') < n;
}

void
lx_init_at(struct lx *lx, const struct mhl_field *f, unsigned int tmpl,
    size_t start, size_t end)
{
	memset(lx, 0, sizeof(*lx));
	lx->p = f->buf;
	lx->truncated = f->len > f->kept;
	lx->tmpl = tmpl;
	if (end > f->kept)
		end = f->kept;
	/* The LF that ends the field is not part of its body. */
	if (!lx->truncated && end == f->kept && end > 0 &&
	    f->buf[end - 1] == '\n')
		end--;
	lx->end = end;
	lx->pos = start < end ? start : end;
}

void
lx_init(struct lx *lx, const struct mhl_field *f, unsigned int tmpl)
{
	lx_init_at(lx, f, tmpl, f->value_off, f->kept);
}

/* Unterminated at the end: if the field was cut, say so instead. */
static void
bad(struct lx *lx, struct lx_tok *t, size_t start, const char *why)
{
	t->kind = LX_BAD;
	t->off = start;
	t->len = lx->end - start;
	t->err = why;
	if (lx->truncated)
		t->flags |= LXF_CUT;
}

/*
 * Skips the comment that opens at pos and returns where it ends, or
 * (size_t)-1 with t made LX_BAD when it does not.  Comments nest by a
 * counter, not by recursion: only the depth is needed to find the end,
 * whatever the input holds.
 */
static size_t
skip_comment(struct lx *lx, struct lx_tok *t, size_t pos,
    unsigned int *flags)
{
	const unsigned char *p = lx->p;
	size_t start = pos, depth = 1, end = lx->end;

	for (pos++; pos < end && depth > 0; pos++) {
		switch (p[pos]) {
		case '\\':
			if (pos + 1 < end)
				pos++;
			break;
		case '(':
			depth++;
			break;
		case ')':
			depth--;
			break;
		default:
			if (is_obs_ctl(p[pos]))
				*flags |= LXF_OBS;
			break;
		}
	}
	lx->pos = pos;
	if (depth > 0) {
		t->flags = *flags;
		bad(lx, t, start, "unterminated comment: \"(\" without \")\"");
		return (size_t)-1;
	}
	if (lx->on_comment != NULL)
		lx->on_comment(lx->arg, start, pos - start);
	return pos;
}

static size_t
holder(const struct lx *lx, size_t i)
{
	if (lx->tmpl == 0)
		return 0;
	return mhl_template_match(lx->tmpl, lx->p + i, lx->end - i);
}

/*
 * The general path of lx_next(): CFWS with comments, then any token,
 * template placeholders included; from pos, with the flags of what
 * came before.  The position and the flags live in locals while a
 * token is read and are stored once at its end.
 */
static void
lx_general(struct lx *lx, struct lx_tok *t, size_t pos, unsigned int flags)
{
	const unsigned char *p = lx->p;
	size_t end = lx->end, start, h;
	unsigned char c;

	/* CFWS: blanks and folds (LF then SP or TAB) here, comments in
	 * skip_comment() */
	while (pos < end) {
		c = p[pos];
		if (c == ' ' || c == '\t' || (c == '\n' && pos + 1 < end &&
		    (p[pos + 1] == ' ' || p[pos + 1] == '\t'))) {
			pos++;
			flags |= LXF_WS;
		} else if (c == '(') {
			flags |= LXF_WS | LXF_COMMENT;
			if ((pos = skip_comment(lx, t, pos, &flags)) ==
			    (size_t)-1)
				return;
		} else
			break;
	}
	start = t->off = pos;
	if (pos >= end) {
		lx->pos = pos;
		t->kind = LX_END;
		t->flags = flags | (lx->truncated ? LXF_CUT : 0);
		return;
	}
	c = p[pos];
	if (lx_atext(c) || holder(lx, pos) > 0) {
		t->kind = LX_ATOM;
		while (pos < end) {
			if ((h = holder(lx, pos)) > 0) {
				flags |= LXF_HOLDER;
				pos += h;
			} else if (lx_atext(p[pos])) {
				if (p[pos] >= 0x80)
					flags |= LXF_8BIT;
				pos++;
			} else
				break;
		}
	} else if (c == '"') {
		t->kind = LX_QSTRING;
		for (pos++; pos < end && p[pos] != '"'; pos++) {
			c = p[pos];
			if (c == '\\' && pos + 1 < end)
				c = p[++pos];
			else if ((h = holder(lx, pos)) > 0) {
				flags |= LXF_HOLDER;
				pos += h - 1;
				continue;
			}
			if (c >= 0x80)
				flags |= LXF_8BIT;
			else if (is_obs_ctl(c) || c == '\0')
				flags |= LXF_OBS;
		}
		if (pos >= end) {
			lx->pos = pos;
			t->flags = flags;
			bad(lx, t, start, "unterminated quoted-string: '\"' "
			    "without closing '\"'");
			return;
		}
		pos++;
	} else if (c == '[') {
		t->kind = LX_DLITERAL;
		for (pos++; pos < end && p[pos] != ']'; pos++) {
			c = p[pos];
			if (c == '\\' && pos + 1 < end) {
				flags |= LXF_OBS;
				pos++;
			} else if (c == '[') {
				t->flags = flags;
				bad(lx, t, start, "'[' inside a domain "
				    "literal");
				t->len = pos - start + 1;
				t->flags &= ~(unsigned int)LXF_CUT;
				lx->pos = end;
				return;
			} else if (c >= 0x80)
				flags |= LXF_8BIT;
			else if (is_obs_ctl(c))
				flags |= LXF_OBS;
		}
		if (pos >= end) {
			lx->pos = pos;
			t->flags = flags;
			bad(lx, t, start, "unterminated domain literal: '[' "
			    "without ']'");
			return;
		}
		pos++;
	} else {
		t->kind = LX_SPECIAL;
		t->ch = c;
		pos++;
	}
	lx->pos = pos;
	t->len = pos - start;
	if ((t->kind == LX_ATOM || t->kind == LX_QSTRING) &&
	    lx_has_ew(p + start, t->len))
		flags |= LXF_EW;
	t->flags = flags;
}

/*
 * An atom holding '=': whether an encoded-word is in it.  Kept out of
 * line, where the compiler allows, so that lx_next()'s fast path ends
 * in a jump to it and keeps fewer registers across a call.
 */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void
note_ew(struct lx_tok *t, const unsigned char *p)
{
	if (lx_has_ew(p, t->len))
		t->flags |= LXF_EW;
}

void
lx_next(struct lx *lx, struct lx_tok *t)
{
	const unsigned char *p = lx->p;
	size_t pos = lx->pos, end = lx->end, start;
	unsigned int flags = 0, seen, v = 0;

	/*
	 * The fast path, for what most fields are made of: blanks and
	 * folds, then the end, or, without placeholders, an atom or a
	 * lone special, one class load per byte.  A comment, a
	 * quoted-string, a domain literal and any template go to
	 * lx_general() from where this stopped (the tests and fuzz_lexer
	 * compare the two through lx_next_general()).
	 */
	for (; pos < end; pos++) {
		if (!((v = atext[p[pos]]) & AT_BLANK))
			break;
		/* LF: a fold only before SP or TAB */
		if (p[pos] == '\n' && (pos + 1 >= end || (p[pos + 1] != ' ' &&
		    p[pos + 1] != '\t')))
			break;
		flags = LXF_WS;
	}
	/* each field of the token set once, here and below */
	if (pos >= end) {
		lx->pos = pos;
		t->kind = LX_END;
		t->off = pos;
		t->len = 0;
		t->ch = 0;
		t->flags = flags | (lx->truncated ? LXF_CUT : 0);
		t->err = NULL;
		return;
	}
	if ((v & AT_SLOW) || lx->tmpl != 0) {
		memset(t, 0, sizeof(*t));
		lx_general(lx, t, pos, flags);
		return;
	}
	t->off = start = pos;
	t->err = NULL;
	if (!(v & AT_TEXT)) {
		lx->pos = pos + 1;
		t->kind = LX_SPECIAL;
		t->ch = p[pos];
		t->len = 1;
		t->flags = flags;
		return;
	}
	t->ch = 0;
	/*
	 * One pass over the atom: runs of plain atext (class AT_TEXT
	 * alone) in a tight loop, the bytes the flags need ('=' and
	 * 8-bit) noted between runs.
	 */
	seen = 0;
	for (;;) {
		seen |= v;
		pos++;
		while (pos < end && atext[p[pos]] == AT_TEXT)
			pos++;
		if (pos >= end || !((v = atext[p[pos]]) & AT_TEXT))
			break;
	}
	lx->pos = pos;
	t->kind = LX_ATOM;
	t->len = pos - start;
	t->flags = flags | (seen & AT_8BIT ? LXF_8BIT : 0);
	if (seen & AT_EQ)
		note_ew(t, p + start);
}

void
lx_next_general(struct lx *lx, struct lx_tok *t)
{
	memset(t, 0, sizeof(*t));
	lx_general(lx, t, lx->pos, 0);
}

void
lx_peek(const struct lx *lx, struct lx_tok *t)
{
	struct lx copy = *lx;

	copy.on_comment = NULL;
	lx_next(&copy, t);
}
