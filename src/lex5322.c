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
 * AT_EQ for '=' and AT_8BIT for the UTF-8 bytes RFC 6532 adds. */
#define AT_TEXT 1
#define AT_EQ 2
#define AT_8BIT 4
static const unsigned char atext[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 3, 0, 1,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1,
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

int
lx_has_ew(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (p[i] == '=' && p[i + 1] == '?')
			break;
	for (i += 2; i + 1 < n; i++)
		if (p[i] == '?' && p[i + 1] == '=')
			return 1;
	return 0;
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

/* A fold: LF followed by SP or TAB. */
static int
at_fold(const struct lx *lx, size_t i)
{
	return lx->p[i] == '\n' && i + 1 < lx->end &&
	    (lx->p[i + 1] == ' ' || lx->p[i + 1] == '\t');
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
 * Skips CFWS.  Comments nest by a counter, not by recursion: only the
 * depth is needed to find the end, whatever the input holds.
 */
static int
skip_cfws(struct lx *lx, struct lx_tok *t)
{
	const unsigned char *p = lx->p;
	size_t depth, start;

	while (lx->pos < lx->end) {
		if (p[lx->pos] == ' ' || p[lx->pos] == '\t' ||
		    at_fold(lx, lx->pos)) {
			lx->pos++;
			t->flags |= LXF_WS;
			continue;
		}
		if (p[lx->pos] != '(')
			break;
		start = lx->pos++;
		depth = 1;
		t->flags |= LXF_WS | LXF_COMMENT;
		while (lx->pos < lx->end && depth > 0) {
			switch (p[lx->pos]) {
			case '\\':
				if (lx->pos + 1 < lx->end)
					lx->pos++;
				break;
			case '(':
				depth++;
				break;
			case ')':
				depth--;
				break;
			default:
				if (is_obs_ctl(p[lx->pos]))
					t->flags |= LXF_OBS;
				break;
			}
			lx->pos++;
		}
		if (depth > 0) {
			bad(lx, t, start, "unterminated comment: \"(\" "
			    "without \")\"");
			return -1;
		}
		if (lx->on_comment != NULL)
			lx->on_comment(lx->arg, start, lx->pos - start);
	}
	return 0;
}

static size_t
holder(const struct lx *lx, size_t i)
{
	if (lx->tmpl == 0)
		return 0;
	return mhl_template_match(lx->tmpl, lx->p + i, lx->end - i);
}

void
lx_next(struct lx *lx, struct lx_tok *t)
{
	const unsigned char *p = lx->p;
	size_t start, h;
	unsigned char c;

	memset(t, 0, sizeof(*t));
	if (skip_cfws(lx, t) == -1)
		return;
	start = t->off = lx->pos;
	if (lx->pos >= lx->end) {
		t->kind = LX_END;
		if (lx->truncated)
			t->flags |= LXF_CUT;
		return;
	}
	c = p[lx->pos];
	if (lx->tmpl == 0 && lx_atext(c)) {
		/* The common case, without placeholders: one pass that
		 * also notes what the flags need. */
		size_t pos = lx->pos, end = lx->end;
		unsigned int seen = 0, v;

		t->kind = LX_ATOM;
		for (; pos < end && (v = atext[p[pos]]) != 0; pos++)
			seen |= v;
		lx->pos = pos;
		t->len = pos - start;
		if (seen & AT_8BIT)
			t->flags |= LXF_8BIT;
		if ((seen & AT_EQ) && lx_has_ew(p + start, t->len))
			t->flags |= LXF_EW;
		return;
	}
	if (lx_atext(c) || holder(lx, lx->pos) > 0) {
		t->kind = LX_ATOM;
		while (lx->pos < lx->end) {
			if ((h = holder(lx, lx->pos)) > 0) {
				t->flags |= LXF_HOLDER;
				lx->pos += h;
			} else if (lx_atext(p[lx->pos])) {
				if (p[lx->pos] >= 0x80)
					t->flags |= LXF_8BIT;
				lx->pos++;
			} else
				break;
		}
	} else if (c == '"') {
		t->kind = LX_QSTRING;
		for (lx->pos++; lx->pos < lx->end && p[lx->pos] != '"';
		    lx->pos++) {
			c = p[lx->pos];
			if (c == '\\' && lx->pos + 1 < lx->end)
				c = p[++lx->pos];
			else if ((h = holder(lx, lx->pos)) > 0) {
				t->flags |= LXF_HOLDER;
				lx->pos += h - 1;
				continue;
			}
			if (c >= 0x80)
				t->flags |= LXF_8BIT;
			else if (is_obs_ctl(c) || c == '\0')
				t->flags |= LXF_OBS;
		}
		if (lx->pos >= lx->end) {
			bad(lx, t, start, "unterminated quoted-string: '\"' "
			    "without closing '\"'");
			return;
		}
		lx->pos++;
	} else if (c == '[') {
		t->kind = LX_DLITERAL;
		for (lx->pos++; lx->pos < lx->end && p[lx->pos] != ']';
		    lx->pos++) {
			c = p[lx->pos];
			if (c == '\\' && lx->pos + 1 < lx->end) {
				t->flags |= LXF_OBS;
				lx->pos++;
			} else if (c == '[') {
				bad(lx, t, start, "'[' inside a domain "
				    "literal");
				t->len = lx->pos - start + 1;
				t->flags &= ~(unsigned int)LXF_CUT;
				lx->pos = lx->end;
				return;
			} else if (c >= 0x80)
				t->flags |= LXF_8BIT;
			else if (is_obs_ctl(c))
				t->flags |= LXF_OBS;
		}
		if (lx->pos >= lx->end) {
			bad(lx, t, start, "unterminated domain literal: '[' "
			    "without ']'");
			return;
		}
		lx->pos++;
	} else {
		t->kind = LX_SPECIAL;
		t->ch = c;
		lx->pos++;
	}
	t->len = lx->pos - start;
	if ((t->kind == LX_ATOM || t->kind == LX_QSTRING) &&
	    lx_has_ew(p + start, t->len))
		t->flags |= LXF_EW;
}

void
lx_peek(const struct lx *lx, struct lx_tok *t)
{
	struct lx copy = *lx;

	copy.on_comment = NULL;
	lx_next(&copy, t);
}
