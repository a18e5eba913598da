/*
 * Trace fields: Received (RFC 5322 §3.6.7, RFC 5321 §4.4).  Return-Path
 * is an address (sf_address.c).
 *
 *   received        =   "Received:" [1*received-token / CFWS]
 *                       ";" date-time CRLF
 *   received-token  =   word / angle-addr / addr-spec / domain
 *
 * RFC 5321 §4.4 gives the "from ... by ... with ... id ... for ..."
 * clauses, but real servers write IPv6 addresses, brackets and other
 * specials among the tokens (Gmail: "by 2002:a05:..."), so only what a
 * reader needs is checked here: balanced comments, quotes and
 * literals, the ';', and a valid date-time after the last ';'.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "chars.h"
#include "lex5322.h"
#include "sf_address.h"

/*
 * The bytes that may matter to quick_semi(): '"', '(', ')', ';', '[',
 * ']' and '\\'.  OR-ing 0x01 into a byte makes '(' and ')' both 0x29,
 * and '\\' and ']' both 0x5d; OR-ing 0x60 makes ';' and '[' both 0x7b
 * (with ESC and '{', which step() passes over like any other byte).
 *
 * cand8(): eight bytes (chars.h's word tests), a flag in the high bit
 * of each byte that may be one.  A test flags wrongly only above a
 * byte it flags rightly and never misses one, and step() looks at the
 * byte itself, so false flags cost a look and nothing else.
 */
static inline uint64_t
cand8(uint64_t x)
{
	uint64_t o = x | MHL_ONES;

	return mhl_word_zero(o ^ (MHL_ONES * 0x29)) |
	    mhl_word_zero(o ^ (MHL_ONES * 0x5d)) |
	    mhl_word_zero((x | MHL_ONES * 0x60) ^ (MHL_ONES * 0x7b)) |
	    mhl_word_zero(x ^ (MHL_ONES * '"'));
}

#ifdef MHL_SSE2
/* The same for p[0..16): bit k set for p[k]. */
static inline unsigned int
cand16(const unsigned char *p)
{
	__m128i v = _mm_loadu_si128((const void *)p);
	__m128i o = _mm_or_si128(v, _mm_set1_epi8(0x01));

	return (unsigned int)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
	    _mm_cmpeq_epi8(o, _mm_set1_epi8(0x29)),
	    _mm_cmpeq_epi8(o, _mm_set1_epi8(0x5d))), _mm_or_si128(
	    _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x60)),
	    _mm_set1_epi8(0x7b)), _mm_cmpeq_epi8(v, _mm_set1_epi8('"')))));
}
#endif

/* Where quick_semi() is: in plain text, a comment (nested 'depth'
 * deep), a quoted-string or a domain literal. */
enum { IN_TEXT, IN_COMMENT, IN_QUOTE, IN_LITERAL };

struct scan {
	int in;
	size_t depth;
	size_t semi;    /* just past the last ';' in plain text, or 0 */
	size_t quoted;  /* the byte after the last backslash that quotes */
};

/*
 * Takes p[j], a byte that may matter, after those before it that may:
 * a backslash quotes the next byte in a comment, a quoted-string or a
 * literal.  Returns -1 at what the lexer would take as an error (a ')'
 * outside a comment, a '[' inside a literal).
 */
static inline int
step(struct scan *s, const unsigned char *p, size_t j)
{
	if (j == s->quoted)
		return 0;
	switch (s->in) {
	case IN_TEXT:
		switch (p[j]) {
		case ';':
			s->semi = j + 1;
			break;
		case ')':
			return -1;
		case '(':
			s->in = IN_COMMENT;
			s->depth = 1;
			break;
		case '"':
			s->in = IN_QUOTE;
			break;
		case '[':
			s->in = IN_LITERAL;
			break;
		}
		break;
	case IN_COMMENT:
		switch (p[j]) {
		case '\\':
			s->quoted = j + 1;
			break;
		case '(':
			s->depth++;
			break;
		case ')':
			if (--s->depth == 0)
				s->in = IN_TEXT;
			break;
		}
		break;
	case IN_QUOTE:
		if (p[j] == '\\')
			s->quoted = j + 1;
		else if (p[j] == '"')
			s->in = IN_TEXT;
		break;
	default:
		if (p[j] == '\\')
			s->quoted = j + 1;
		else if (p[j] == '[')
			return -1;
		else if (p[j] == ']')
			s->in = IN_TEXT;
		break;
	}
	return 0;
}

/*
 * The lexer's verdict on a field of no trouble, byte by byte: every
 * comment, quoted-string and domain literal closed, no ')' outside
 * one, no '[' inside a literal.  Returns the offset just past the last
 * ';' outside them, or 0 when there is none or anything else: the
 * token by token walk below then finds and words the problem.  Only
 * without template placeholders, which the lexer reads as atext, and
 * for a field kept whole; p[start..end) is its body.
 *
 * The bytes that may matter are found a block at a time (most bytes of
 * a Received are others), and each flagged one goes to step() in
 * order.  The loops carry only the offset from block to block: no
 * load waits for a compare.
 */
static size_t
quick_semi(const unsigned char *p, size_t start, size_t end)
{
	struct scan s = { IN_TEXT, 0, 0, (size_t)-1 };
	size_t i = start;
	uint64_t m;

#ifdef MHL_SSE2
	unsigned int b;

	for (; end - i >= 16; i += 16)
		for (b = cand16(p + i); b != 0; b &= b - 1)
			if (step(&s, p, i + (size_t)__builtin_ctz(b)) == -1)
				return 0;
	/* The last bytes: the sixteen that end at 'end' (all kept
	 * bytes of the field), without those before i. */
	if (i < end && end >= 16) {
		for (b = cand16(p + end - 16) >> (16 - (end - i)); b != 0;
		    b &= b - 1)
			if (step(&s, p, i + (size_t)__builtin_ctz(b)) == -1)
				return 0;
		i = end;
	}
#endif
	for (; end - i >= 8; i += 8)
		for (m = cand8(mhl_load_le(p + i)); m != 0; m &= m - 1)
			if (step(&s, p, i + mhl_first_flagged(m)) == -1)
				return 0;
	for (; i < end; i++)
		if (step(&s, p, i) == -1)
			return 0;
	return s.in == IN_TEXT ? s.semi : 0;
}

void
sf_received(struct mhl_checker *c, const struct mhl_field *f)
{
	struct lx lx;
	struct lx_tok t;
	size_t semi = 0, start, end;
	int have_semi = 0;
	char msg[MESSAGE_MAX];

	if (sf_q_bounds(f, c->opt.tmpl, &start, &end) && start < end &&
	    (semi = quick_semi(f->buf, start, end)) > 0) {
		sf_date_at(c, f, semi, f->kept);
		return;
	}
	lx_init(&lx, f, c->opt.tmpl);
	for (;;) {
		lx_next(&lx, &t);
		if (t.kind == LX_END)
			break;
		if (t.kind == LX_BAD) {
			if (t.flags & LXF_CUT)
				return;
			snprintf(msg, sizeof(msg), "Invalid Received field: "
			    "%s", t.err);
			mhl_emit_at(c, R_RECEIVED_SYNTAX, f, t.off, t.len,
			    msg);
			return;
		}
		if (t.kind == LX_SPECIAL && t.ch == ')') {
			mhl_emit_at(c, R_RECEIVED_SYNTAX, f, t.off, 1,
			    "Invalid Received field: ')' without '('");
			return;
		}
		if (t.kind == LX_SPECIAL && t.ch == ';') {
			semi = t.off;
			have_semi = 1;
		}
	}
	/* The date comes last: a cut field lost it. */
	if (t.flags & LXF_CUT)
		return;
	end = lx.end;
	if (!have_semi) {
		mhl_emit_at(c, R_RECEIVED_SYNTAX, f, end, 0,
		    "Invalid Received field: no ';' and date-time at the "
		    "end");
		return;
	}
	sf_date_at(c, f, semi + 1, f->kept);
}
