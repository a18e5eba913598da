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

/* The byte-level rules, one per mark kind. */
static const struct {
	enum mhl_mark_kind mark;
	enum rule_index rule;
	const char *text;
} byte_rules[] = {
	{ MHL_MK_WSLINE, R_FOLD_WHITESPACE_ONLY, "Improper folded header "
	    "field made up entirely of whitespace" },
	{ MHL_MK_LONG998, R_LINE_TOO_LONG, "Header line longer than 998 "
	    "characters" },
	{ MHL_MK_LONG78, R_LINE_LONG, "Header line longer than 78 "
	    "characters" },
	{ MHL_MK_NUL, R_HEADER_NUL, "Improper use of control character" },
	{ MHL_MK_CR, R_HEADER_BARE_CR, "CR not followed by LF" },
	{ MHL_MK_CTL, R_HEADER_CONTROL, "Improper use of control character" },
	{ MHL_MK_BADUTF8, R_HEADER_8BIT, "Non-encoded non-ASCII data (and "
	    "not UTF-8)" },
	{ MHL_MK_C1, R_HEADER_UTF8_C1, "UTF-8 string contains C1 Controls" },
	{ MHL_MK_UTF8, R_HEADER_UTF8, "Non-encoded UTF-8 string in non-EAI "
	    "mail" },
	{ MHL_MK_BARELF, R_EOL_BARE_LF, "Line ends in a bare LF, not CRLF" },
};

#define NBYTE_RULES (sizeof(byte_rules) / sizeof(byte_rules[0]))

static int
applies(const struct mhl_checker *c, const struct mhl_field *f, size_t i)
{
	const struct mhl_mark *m = &f->mark[byte_rules[i].mark];
	const struct mhl_mark *l998 = &f->mark[MHL_MK_LONG998];

	if (!m->set)
		return 0;
	switch (byte_rules[i].mark) {
	case MHL_MK_LONG78:
		/* one finding for a line over both limits */
		return !(l998->set && l998->line == m->line);
	case MHL_MK_BADUTF8:
		return !in_name(f, m);
	case MHL_MK_UTF8:
		return !c->opt.smtputf8 && !in_name(f, m);
	case MHL_MK_BARELF:
		return c->opt.crlf;
	default:
		return 1;
	}
}

/* "TEXT (N)" into dst, as snprintf(3) would write it, without its cost
 * (a thousand instructions, and a line-long finding is in most messages). */
static void
with_count(char *dst, size_t cap, const char *text, size_t n)
{
	char num[24];
	size_t i = sizeof(num), len = strlen(text);

	do
		num[--i] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	if (len + 4 + sizeof(num) - i > cap) {
		snprintf(dst, cap, "%s (%.*s)", text, (int)(sizeof(num) - i),
		    num + i);
		return;
	}
	memcpy(dst, text, len);
	dst[len++] = ' ';
	dst[len++] = '(';
	memcpy(dst + len, num + i, sizeof(num) - i);
	len += sizeof(num) - i;
	dst[len++] = ')';
	dst[len] = '\0';
}

/* Emits the byte-level findings of a field in the order they occur. */
static void
field_bytes(struct mhl_checker *c, const struct mhl_field *f)
{
	size_t order[NBYTE_RULES], n = 0, i, j, t;
	const struct mhl_mark *m;

	if (f->marks == 0)
		return;

	for (i = 0; i < NBYTE_RULES; i++) {
		if (!applies(c, f, i))
			continue;
		/* insertion sort by position; ties keep table order */
		for (j = n; j > 0 && f->mark[byte_rules[order[j - 1]].mark].pos >
		    f->mark[byte_rules[i].mark].pos; j--)
			order[j] = order[j - 1];
		order[j] = i;
		n++;
	}
	for (j = 0; j < n; j++) {
		t = order[j];
		m = &f->mark[byte_rules[t].mark];
		if (byte_rules[t].mark == MHL_MK_LONG998 ||
		    byte_rules[t].mark == MHL_MK_LONG78) {
			with_count(c->msg, sizeof(c->msg), byte_rules[t].text,
			    m->mid_len);
			mhl_emit_line(c, byte_rules[t].rule, f, m, c->msg);
		} else
			mhl_emit_mark(c, byte_rules[t].rule, f, m,
			    byte_rules[t].text);
	}
}

void
mhl_default_field(struct mhl_checker *c, const struct mhl_field *f)
{
	const struct mhl_mark *m8 = &f->mark[MHL_MK_8BIT];
	const struct sf_known *k = NULL;
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
		k = mhl_sf_lookup(f);
		if ((t = mhl_sf_tracked(k)) >= 0 &&
		    ++c->count[t] == 2) {
			c->second_line[t] = f->line;
			c->second_off[t] = f->offset;
		}
		break;
	}
	field_bytes(c, f);
	mhl_structured_field(c, f, k);
}

void
mhl_default_end(struct mhl_checker *c, const struct mhl_header_end *e)
{
	int t, n;

	mhl_structured_end(c, e);
	if (e->how == MHL_END_WS_LINE)
		mhl_emit(c, R_SEPARATOR_WHITESPACE, NULL, e->line, 1,
		    e->offset, TEXT("Whitespace-only line where the empty line "
		    "before the body belongs"), NULL, 0);
	else if (c->run_open && e->how == MHL_END_EOF) {
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
	if (c->count[T_DATE] == 0 && !(c->opt.assume & MHL_ASSUME_DATE))
		mhl_emit(c, R_DATE_MISSING, NULL, 1, 1, 0,
		    TEXT("Missing required header field: \"Date\""), NULL,
		    0);
	if (c->count[T_FROM] == 0 && !(c->opt.assume & MHL_ASSUME_FROM))
		mhl_emit(c, R_FROM_MISSING, NULL, 1, 1, 0,
		    TEXT("Missing required header field: \"From\""), NULL,
		    0);
	/* RFC 5322 §3.6's table and RFC 2045: at most once. */
	for (t = 0; t <= T_CONTENT_DESCRIPTION; t++) {
		if (c->count[t] < 2)
			continue;
		mhl_emit_multiple(c, R_FIELD_DUPLICATE, t);
	}
}
