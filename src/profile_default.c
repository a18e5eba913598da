/*
 * The default profile: every problem of every field, each with its own
 * rule, and no caps.  Checks of structured field bodies come after the
 * byte-level checks here.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define TEXT(s) s, sizeof(s) - 1

static int
in_name(const struct mhl_field *f, const struct mhl_mark *m)
{
	return f->kind == MHL_FIELD_OK && m->pos < f->name_len;
}

static void
field_bytes(struct mhl_checker *c, const struct mhl_field *f)
{
	const struct mhl_mark *mk = f->mark;
	int n;

	if (mk[MHL_MK_WSLINE].set)
		mhl_emit_mark(c, R_FOLD_WHITESPACE_ONLY, f, &mk[MHL_MK_WSLINE],
		    "Improper folded header field made up entirely of "
		    "whitespace");
	if (mk[MHL_MK_LONG998].set) {
		n = snprintf(c->msg, sizeof(c->msg), "Header line longer than "
		    "998 characters (%zu)", mk[MHL_MK_LONG998].mid_len);
		mhl_emit_line(c, R_LINE_TOO_LONG, f, &mk[MHL_MK_LONG998],
		    c->msg);
		(void)n;
	}
	if (mk[MHL_MK_LONG78].set && !(mk[MHL_MK_LONG998].set &&
	    mk[MHL_MK_LONG998].line == mk[MHL_MK_LONG78].line)) {
		snprintf(c->msg, sizeof(c->msg), "Header line longer than 78 "
		    "characters (%zu)", mk[MHL_MK_LONG78].mid_len);
		mhl_emit_line(c, R_LINE_LONG, f, &mk[MHL_MK_LONG78], c->msg);
	}
	if (mk[MHL_MK_NUL].set)
		mhl_emit_mark(c, R_HEADER_NUL, f, &mk[MHL_MK_NUL],
		    "Improper use of control character");
	if (mk[MHL_MK_CR].set)
		mhl_emit_mark(c, R_HEADER_BARE_CR, f, &mk[MHL_MK_CR],
		    "CR not followed by LF");
	if (mk[MHL_MK_CTL].set)
		mhl_emit_mark(c, R_HEADER_CONTROL, f, &mk[MHL_MK_CTL],
		    "Improper use of control character");
	if (mk[MHL_MK_BADUTF8].set && !in_name(f, &mk[MHL_MK_BADUTF8]))
		mhl_emit_mark(c, R_HEADER_8BIT, f, &mk[MHL_MK_BADUTF8],
		    "Non-encoded non-ASCII data (and not UTF-8)");
	if (mk[MHL_MK_C1].set)
		mhl_emit_mark(c, R_HEADER_UTF8_C1, f, &mk[MHL_MK_C1],
		    "UTF-8 string contains C1 Controls");
	if (mk[MHL_MK_UTF8].set && !c->opt.smtputf8 &&
	    !in_name(f, &mk[MHL_MK_UTF8]))
		mhl_emit_mark(c, R_HEADER_UTF8, f, &mk[MHL_MK_UTF8],
		    "Non-encoded UTF-8 string in non-EAI mail");
	if (mk[MHL_MK_BARELF].set && c->opt.crlf)
		mhl_emit_mark(c, R_EOL_BARE_LF, f, &mk[MHL_MK_BARELF],
		    "Line ends in a bare LF, not CRLF");
}

void
mhl_default_field(struct mhl_checker *c, const struct mhl_field *f)
{
	const struct mhl_mark *m8 = &f->mark[MHL_MK_8BIT];
	int t;

	c->nfields++;
	switch (f->kind) {
	case MHL_FIELD_LEADING:
		mhl_emit_field(c, R_FOLD_LEADING, f,
		    "Continuation line before the first header field");
		break;
	case MHL_FIELD_SYNTAX:
		mhl_emit_field(c, R_FIELD_SYNTAX, f,
		    "Invalid header field syntax");
		if (!c->run_open) {
			c->run_open = 1;
			c->run_line = f->line;
			c->run_off = f->offset;
			c->run_len = 0;
		}
		c->run_len += f->nlines;
		break;
	case MHL_FIELD_OK:
		c->run_open = 0;
		if (m8->set && m8->pos < f->name_len)
			mhl_emit_mark(c, R_FIELD_NAME_8BIT, f, m8,
			    "Invalid header field name, contains non-ASCII "
			    "char");
		if (f->name_len >= 2 && f->name[0] == '-' &&
		    f->name[1] == '-')
			mhl_emit_field(c, R_FIELD_NAME_DASHDASH, f,
			    "Field name starts with \"--\", like a MIME "
			    "boundary");
		if (f->ws_before_colon)
			mhl_emit_field(c, R_FIELD_NAME_SPACE, f,
			    "Whitespace between field name and colon");
		if ((t = mhl_tracked(f->name, f->name_len)) >= 0 &&
		    ++c->count[t] == 2) {
			c->second_line[t] = f->line;
			c->second_off[t] = f->offset;
		}
		break;
	}
	field_bytes(c, f);
}

void
mhl_default_end(struct mhl_checker *c, const struct mhl_header_end *e)
{
	int t, n;

	if (e->how == MHL_END_WS_LINE)
		mhl_emit(c, R_SEPARATOR_WHITESPACE, NULL, e->line, 1,
		    e->offset, TEXT("Whitespace-only line where the empty line "
		    "before the body belongs"), NULL, 0);
	else if (c->run_open) {
		n = snprintf(c->msg, sizeof(c->msg), "No empty line between "
		    "header section and body: the header section ends with "
		    "%llu line(s) that are not fields",
		    (unsigned long long)c->run_len);
		mhl_emit(c, R_SEPARATOR_MISSING, NULL, c->run_line, 1,
		    c->run_off, c->msg, (size_t)n, NULL, 0);
	}
	if (e->mixed_line != 0)
		mhl_emit(c, R_EOL_MIXED, NULL, e->mixed_line, 0, 0,
		    TEXT("Header lines end in both CRLF and bare LF"), NULL, 0);
	if (c->count[T_DATE] == 0)
		mhl_emit(c, R_DATE_MISSING, NULL, 1, 1, 0,
		    TEXT("Missing required header field: \"Date\""), NULL,
		    0);
	if (c->count[T_FROM] == 0)
		mhl_emit(c, R_FROM_MISSING, NULL, 1, 1, 0,
		    TEXT("Missing required header field: \"From\""), NULL,
		    0);
	/* RFC 5322 §3.6's table and RFC 2045: at most once. */
	for (t = 0; t <= T_CONTENT_DESCRIPTION; t++) {
		if (c->count[t] < 2)
			continue;
		if (c->count[t] == 2)
			n = snprintf(c->msg, sizeof(c->msg),
			    "Duplicate header field: \"%s\"",
			    mhl_tracked_names[t]);
		else
			n = snprintf(c->msg, sizeof(c->msg),
			    "Header field occurs more than once: \"%s\" "
			    "occurs %llu times", mhl_tracked_names[t],
			    (unsigned long long)c->count[t]);
		mhl_emit(c, R_FIELD_DUPLICATE, NULL, c->second_line[t], 1,
		    c->second_off[t], c->msg, (size_t)n, NULL, 0);
	}
}
