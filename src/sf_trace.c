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

void
sf_received(struct mhl_checker *c, const struct mhl_field *f)
{
	struct lx lx;
	struct lx_tok t;
	size_t semi = 0, end;
	int have_semi = 0;
	char msg[MESSAGE_MAX];

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
