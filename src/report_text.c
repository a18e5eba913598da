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

static const char *const sev[] = {
	[MHL_INFO] = "info",
	[MHL_WARNING] = "warning",
	[MHL_ERROR] = "error",
};

static void
text_source(struct mhl_reporter *r, const struct mhl_finding *f)
{
	const char *bytes = r->flags & MHL_REPORT_COLOR ? MHL_C_BYTES : NULL;
	size_t w;
	int gw;

	gw = fprintf(r->out, "%6llu", (unsigned long long)f->line);
	fputs(" | ", r->out);
	w = 0;
	if (f->src_cut_head) {
		fputs("...", r->out);
		w = 3;
	}
	if (f->src_col <= f->src_len) {
		w += mhl_put_escaped_color(r->out, f->src, f->src_col, 1,
		    bytes);
		mhl_put_escaped_color(r->out, f->src + f->src_col,
		    f->src_len - f->src_col, 1, bytes);
	}
	if (f->src_cut_tail)
		fputs("...", r->out);
	fprintf(r->out, "\n%*s | %*s%s^%s\n", gw, "", (int)w, "",
	    mhl_color(r, MHL_C_CARET), mhl_color(r, MHL_C_RESET));
}

static void
text_finding(struct mhl_reporter *r, const struct mhl_finding *f)
{
	const char *bytes = r->flags & MHL_REPORT_COLOR ? MHL_C_BYTES : NULL;
	const char *reset = mhl_color(r, MHL_C_RESET);

	fputs(mhl_color(r, MHL_C_PATH), r->out);
	mhl_put_path(r, "<stdin>");
	fprintf(r->out, ":%llu:%llu:%s %s%s%s: ", (unsigned long long)f->line,
	    (unsigned long long)(f->col > 0 ? f->col : 1), reset,
	    mhl_color_severity(r, f->severity), sev[f->severity], reset);
	mhl_put_escaped_color(r->out, (const unsigned char *)f->message,
	    f->message_len, 1, bytes);
	if (f->sample != NULL) {
		fputs(": ", r->out);
		mhl_put_escaped_color(r->out, f->sample, f->sample_len, 1,
		    bytes);
	}
	fprintf(r->out, " [%s%s%s]\n", mhl_color(r, MHL_C_RULE), f->rule->id,
	    reset);
	if ((r->flags & MHL_REPORT_SOURCE) && f->src != NULL)
		text_source(r, f);
}

const struct report_ops mhl_report_text = {
	.finding = text_finding,
};
