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
#include <stdio.h>

#include "internal.h"
#include "lex5322.h"

/*
 * The lexer's verdict on a field of no trouble, byte by byte: every
 * comment, quoted-string and domain literal closed, no ')' outside
 * one, no '[' inside a literal.  Returns the offset just past the last
 * ';' outside them, or 0 when there is none or anything else: the
 * token by token walk below then finds and words the problem.  Only
 * without template placeholders, which the lexer reads as atext.
 */
static size_t
quick_semi(const struct lx *lx)
{
	/* The bytes that matter; most bytes of a Received are others. */
	static const unsigned char stop[256] = {
		['"'] = 1, ['('] = 1, [')'] = 1, [';'] = 1, ['['] = 1
	};
	const unsigned char *p = lx->p;
	size_t i, end = lx->end, semi = 0, depth;

	for (i = lx->pos; i < end; i++) {
		if (!stop[p[i]])
			continue;
		switch (p[i]) {
		case ';':
			semi = i + 1;
			break;
		case ')':
			return 0;
		case '(':
			for (depth = 1, i++; i < end; i++) {
				if (p[i] == '\\')
					i++;
				else if (p[i] == '(')
					depth++;
				else if (p[i] == ')' && --depth == 0)
					break;
			}
			if (i >= end)
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
