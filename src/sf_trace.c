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

/*
 * Eight bytes at a time (chars.h's word tests): a mask with the high
 * bit of each byte that quick_semi() must look at, and what is not.
 * Outside comments that is '"', '(', ')', ';' or '['; OR-ing 0x01 into
 * each byte makes '(' and ')' both 0x29, and OR-ing 0x60 makes ';' and
 * '[' both 0x7b (with ESC and '{', which the stop table then passes
 * over).  Inside a comment it is '(', ')' or '\\'.  A test flags
 * wrongly only above a byte it flags rightly, so the lowest flag is
 * always a byte of interest.
 */
static uint64_t
stops(uint64_t x)
{
	return mhl_word_zero((x | MHL_ONES) ^ (MHL_ONES * 0x29)) |
	    mhl_word_zero((x | MHL_ONES * 0x60) ^ (MHL_ONES * 0x7b)) |
	    mhl_word_zero(x ^ (MHL_ONES * '"'));
}

static uint64_t
stops_comment(uint64_t x)
{
	return mhl_word_zero((x | MHL_ONES) ^ (MHL_ONES * 0x29)) |
	    mhl_word_zero(x ^ (MHL_ONES * '\\'));
}

/* p[0..8) as a number, p[0] lowest, so that a mask's lowest flag is
 * the first byte flagged.  Compilers make it one load. */
static inline uint64_t
load8(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 |
	    (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 |
	    (uint64_t)p[7] << 56;
}

/* The index (0..7) of the byte of a nonzero mask's lowest flag: that
 * flag alone, shifted to bit 8k, times bytes 7, 6, .., 0 puts k in the
 * top byte. */
static size_t
first_flag(uint64_t m)
{
	return (size_t)((((m & -m) >> 7) * UINT64_C(0x0001020304050607)) >>
	    56);
}

/*
 * From just past a '(': the offset of the ')' that closes it (comments
 * nest, a backslash quotes the next byte), or end if none does.  Eight
 * bytes without '(', ')' or '\\' are passed in one step.
 */
static size_t
comment_end(const unsigned char *p, size_t i, size_t end)
{
	size_t depth = 1;
	uint64_t m;

	while (i < end) {
		if (end - i >= 8) {
			if ((m = stops_comment(load8(p + i))) == 0) {
				i += 8;
				continue;
			}
			i += first_flag(m);
		}
		if (p[i] == '\\')
			i += 2;
		else if (p[i] == '(') {
			depth++;
			i++;
		} else if (p[i] == ')') {
			if (--depth == 0)
				return i;
			i++;
		} else
			i++;
	}
	return end;
}

/*
 * The lexer's verdict on a field of no trouble, byte by byte: every
 * comment, quoted-string and domain literal closed, no ')' outside
 * one, no '[' inside a literal.  Returns the offset just past the last
 * ';' outside them, or 0 when there is none or anything else: the
 * token by token walk below then finds and words the problem.  Only
 * without template placeholders, which the lexer reads as atext.
 *
 * Eight bytes with nothing of interest (stops()) are passed in one
 * step, and otherwise the scan goes straight to the first byte that
 * may be.
 */
static size_t
quick_semi(const struct lx *lx)
{
	/* The bytes that matter; most bytes of a Received are others. */
	static const unsigned char stop[256] = {
		['"'] = 1, ['('] = 1, [')'] = 1, [';'] = 1, ['['] = 1
	};
	const unsigned char *p = lx->p;
	size_t i, end = lx->end, semi = 0;
	uint64_t m;

	for (i = lx->pos; i < end; i++) {
		if (end - i >= 8) {
			if ((m = stops(load8(p + i))) == 0) {
				i += 7;
				continue;
			}
			i += first_flag(m);
		}
		if (!stop[p[i]])
			continue;
		switch (p[i]) {
		case ';':
			semi = i + 1;
			break;
		case ')':
			return 0;
		case '(':
			if ((i = comment_end(p, i + 1, end)) == end)
				return 0;
			break;
		case '"':
			for (i++; i < end && p[i] != '"'; i++)
				if (p[i] == '\\')
					i++;
			if (i >= end)
				return 0;
			break;
		case '[':
			for (i++; i < end && p[i] != ']'; i++)
				if (p[i] == '\\')
					i++;
				else if (p[i] == '[')
					return 0;
			if (i >= end)
				return 0;
			break;
		default:
			break;
		}
	}
	return semi;
}

void
sf_received(struct mhl_checker *c, const struct mhl_field *f)
{
	struct lx lx;
	struct lx_tok t;
	size_t semi = 0, end;
	int have_semi = 0;
	char msg[MESSAGE_MAX];

	lx_init(&lx, f, c->opt.tmpl);
	if (c->opt.tmpl == 0 && !lx.truncated &&
	    (semi = quick_semi(&lx)) > 0) {
		sf_date_at(c, f, semi, f->kept);
		return;
	}
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
