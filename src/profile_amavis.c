/*
 * --profile=amavis: amavisd-new 2.13's check_header_validity, byte for
 * byte, as ../shared/amavis/SPEC.md describes it.  Per field at most one
 * finding, the first of these tests that matches:
 *
 *   1 syntax   no name + colon, or a name starting with "--"
 *   2 syntax   a byte >= 0x80 in the name
 *   3 empty    a continuation line of only SP/TAB
 *   4 long     a line of 999 bytes or more
 *   5 control  NUL or bare CR
 *   6 8bit     not strict UTF-8, or UTF-8 holding C1 controls;
 *     utf8     raw UTF-8 in a message without SMTPUTF8
 *
 * then Missing (Date, From) and Duplicate/"occurs N times" in Amavis's
 * list order.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

#define MAX_BAD 100
#define HEADER_CAP (4u * 1024 * 1024)

static const char tempfail[] = "TEMPFAIL 451 4.5.0 Error in processing, "
    "id=..., check_init2 FAILED: Modification of non-creatable array "
    "value attempted, subscript -1 at /usr/share/perl5/Amavis.pm line "
    "6298.";

static int
on(const struct mhl_checker *c, unsigned int test)
{
	return (c->opt.amavis_tests & test) != 0;
}

/* Test 2's sample: pre is the whole field less its last byte, post the
 * whole field less its trailing LF (Amavis's own quirk, case 16). */
static void
emit_name_8bit(struct mhl_checker *c, const struct mhl_field *f,
    const struct mhl_mark *m)
{
	const unsigned char *pre;
	size_t pre_n, sn, pre_len = f->len - 1;
	int n;

	if (pre_len <= f->kept) {
		pre = f->buf;
		pre_n = pre_len;
	} else {
		pre = f->tail;
		pre_n = f->tail_n - 1;
	}
	sn = mhl_sample(c->sample, f->name, f->name_len, pre, pre_n, pre_len,
	    m->mid, m->mid_n, m->mid_len, f->buf, f->kept, f->len - 1);
	n = snprintf(c->msg, sizeof(c->msg),
	    "Invalid header field name, contains non-ASCII char");
	mhl_char_hex(c->msg + n, sizeof(c->msg) - (size_t)n, m->mid,
	    m->mid_len);
	mhl_emit(c, R_AMAVIS_NAME_8BIT, f, m->line, m->col, m->offset,
	    c->msg, strlen(c->msg), c->sample, sn);
}

static int
examine(struct mhl_checker *c, const struct mhl_field *f)
{
	const struct mhl_mark *mk = f->mark;
	int t;

	if (f->kind != MHL_FIELD_OK ||
	    (f->name_len >= 2 && f->name[0] == '-' && f->name[1] == '-')) {
		if (!on(c, MHL_AT_SYNTAX))
			return 0;
		mhl_emit_field(c, R_AMAVIS_SYNTAX, f,
		    "Invalid header field syntax");
		return 1;
	}
	if ((t = mhl_tracked(f->name, f->name_len)) >= 0) {
		if (++c->count[t] == 2) {
			c->second_line[t] = f->line;
			c->second_off[t] = f->offset;
		}
	}
	if (on(c, MHL_AT_SYNTAX) && mk[MHL_MK_8BIT].set &&
	    mk[MHL_MK_8BIT].pos < f->name_len) {
		emit_name_8bit(c, f, &mk[MHL_MK_8BIT]);
		return 1;
	}
	if (on(c, MHL_AT_EMPTY) && mk[MHL_MK_WSLINE].set) {
		mhl_emit_mark(c, R_AMAVIS_EMPTY, f, &mk[MHL_MK_WSLINE],
		    "Improper folded header field made up entirely of "
		    "whitespace");
		return 1;
	}
	if (on(c, MHL_AT_LONG) && mk[MHL_MK_LONG998].set) {
		mhl_emit_line(c, R_AMAVIS_LONG, f, &mk[MHL_MK_LONG998],
		    "Header line longer than 998 characters");
		return 1;
	}
	if (on(c, MHL_AT_CONTROL) && mk[MHL_MK_NULCR].set) {
		mhl_emit_mark(c, R_AMAVIS_CONTROL, f, &mk[MHL_MK_NULCR],
		    "Improper use of control character");
		return 1;
	}
	if (!mk[MHL_MK_8BIT].set)
		return 0;
	if (mk[MHL_MK_BADUTF8].set) {
		if (!on(c, MHL_AT_8BIT))
			return 0;
		mhl_emit_mark(c, R_AMAVIS_8BIT, f, &mk[MHL_MK_8BIT],
		    "Non-encoded non-ASCII data (and not UTF-8)");
		return 1;
	}
	if (mk[MHL_MK_C1].set) {
		if (!on(c, MHL_AT_8BIT))
			return 0;
		mhl_emit_mark(c, R_AMAVIS_C1, f, &mk[MHL_MK_C1],
		    "UTF-8 string contains C1 Controls");
		return 1;
	}
	if (!c->opt.smtputf8 && on(c, MHL_AT_UTF8)) {
		mhl_emit_mark(c, R_AMAVIS_UTF8, f, &mk[MHL_MK_UTF8],
		    "Non-encoded UTF-8 string in non-EAI mail");
		return 1;
	}
	return 0;
}

void
mhl_amavis_field(struct mhl_checker *c, const struct mhl_field *f)
{
	if (c->tempfail)
		return;
	if (f->kind == MHL_FIELD_LEADING) {
		/* Amavis dies on it; the message is temp-failed. */
		c->tempfail = 1;
		mhl_emit(c, R_AMAVIS_TEMPFAIL, NULL, f->line, 1, f->offset,
		    tempfail, sizeof(tempfail) - 1, NULL, 0);
		return;
	}
	if (c->nbad >= MAX_BAD || c->hdr_size > HEADER_CAP)
		return;
	/* Each line counts its length without LF, plus 2. */
	c->hdr_size += f->len + f->nlines;
	c->nbad += (uint64_t)examine(c, f);
}

void
mhl_amavis_end(struct mhl_checker *c, const struct mhl_header_end *e)
{
	int t, n;

	(void)e;
	if (c->tempfail)
		return;
	if (on(c, MHL_AT_MISSING)) {
		for (t = T_DATE; t <= T_FROM; t++) {
			if (c->count[t] > 0)
				continue;
			n = snprintf(c->msg, sizeof(c->msg),
			    "Missing required header field: \"%s\"",
			    mhl_tracked_names[t]);
			mhl_emit(c, R_AMAVIS_MISSING, NULL, 1, 1, 0, c->msg,
			    (size_t)n, NULL, 0);
		}
	}
	if (!on(c, MHL_AT_MULTIPLE))
		return;
	for (t = 0; t < T__COUNT; t++) {
		if (c->count[t] < 2)
			continue;
		mhl_emit_multiple(c, R_AMAVIS_MULTIPLE, t);
	}
}
