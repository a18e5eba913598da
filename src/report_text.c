/*
 * --format=text: PATH:LINE:COL: SEVERITY: MESSAGE [RULE]
 *
 * The shape compilers use, so that editors and CI problem matchers pick
 * it up.  Standard input is named "<stdin>".  With MHL_REPORT_SOURCE the
 * finding's line follows, escaped, with a caret under the column:
 *
 *        3 | Subject: caf\x{E9}
 *          |             ^
 */
#include "report.h"

static const struct mhl_str sev[] = {
	[MHL_INFO] = MHL_STR("info"),
	[MHL_WARNING] = MHL_STR("warning"),
	[MHL_ERROR] = MHL_STR("error"),
};

static void
spaces(struct mhl_line *l, size_t n)
{
	static const char sp[] = "                ";

	for (; n > sizeof(sp) - 1; n -= sizeof(sp) - 1)
		mhl_line_put(l, sp, sizeof(sp) - 1);
	mhl_line_put(l, sp, n);
}

static void
text_source(struct mhl_reporter *r, struct mhl_line *l,
    const struct mhl_finding *f)
{
	const char *bytes = r->flags & MHL_REPORT_COLOR ? MHL_C_BYTES : NULL;
	size_t w, gw;

	gw = mhl_line_u64(l, f->line, 6);
	MHL_LINE_LIT(l, " | ");
	w = 0;
	if (f->src_cut_head) {
		MHL_LINE_LIT(l, "...");
		w = 3;
	}
	if (f->src_col <= f->src_len) {
		w += mhl_line_escaped(l, f->src, f->src_col, 1, bytes);
		mhl_line_escaped(l, f->src + f->src_col,
		    f->src_len - f->src_col, 1, bytes);
	}
	if (f->src_cut_tail)
		MHL_LINE_LIT(l, "...");
	mhl_line_putc(l, '\n');
	spaces(l, gw);
	MHL_LINE_LIT(l, " | ");
	spaces(l, w);
	mhl_line_color(l, r, MHL_C_CARET);
	mhl_line_putc(l, '^');
	mhl_line_color(l, r, MHL_C_RESET);
	mhl_line_putc(l, '\n');
}

static void
text_finding(struct mhl_reporter *r, const struct mhl_finding *f)
{
	const char *bytes = r->flags & MHL_REPORT_COLOR ? MHL_C_BYTES : NULL;
	struct mhl_line l;

	mhl_line_init(&l, r->out);
	mhl_line_color(&l, r, MHL_C_PATH);
	mhl_line_name(&l, r, mhl_line_path);
	mhl_line_putc(&l, ':');
	mhl_line_u64(&l, f->line, 0);
	mhl_line_putc(&l, ':');
	mhl_line_u64(&l, f->col > 0 ? f->col : 1, 0);
	mhl_line_putc(&l, ':');
	mhl_line_color(&l, r, MHL_C_RESET);
	mhl_line_putc(&l, ' ');
	mhl_line_color(&l, r, mhl_color_severity(r, f->severity));
	mhl_line_mstr(&l, &sev[f->severity]);
	mhl_line_color(&l, r, MHL_C_RESET);
	MHL_LINE_LIT(&l, ": ");
	mhl_line_escaped(&l, (const unsigned char *)f->message,
	    f->message_len, 1, bytes);
	if (f->sample != NULL) {
		MHL_LINE_LIT(&l, ": ");
		mhl_line_escaped(&l, f->sample, f->sample_len, 1, bytes);
	}
	MHL_LINE_LIT(&l, " [");
	mhl_line_color(&l, r, MHL_C_RULE);
	mhl_line_str(&l, f->rule->id);
	mhl_line_color(&l, r, MHL_C_RESET);
	MHL_LINE_LIT(&l, "]\n");
	if ((r->flags & MHL_REPORT_SOURCE) && f->src != NULL)
		text_source(r, &l, f);
	mhl_line_flush(&l);
}

const struct report_ops mhl_report_text = {
	.finding = text_finding,
};
