/*
 * The default format, Amavis's: one line per finding,
 *
 *   PATH: BAD HEADER SECTION, MESSAGE: SAMPLE
 *
 * without "PATH: " for standard input.  Warnings lead with "HEADER
 * WARNING", infos with "HEADER NOTE"; a temporary failure is printed as
 * Amavis's TEMPFAIL reply.  Colours, when asked for, only wrap what is
 * printed; the bytes between them stay Amavis's.
 */
#include "report.h"

static const struct mhl_str lead[] = {
	[MHL_INFO] = MHL_STR("HEADER NOTE"),
	[MHL_WARNING] = MHL_STR("HEADER WARNING"),
	[MHL_ERROR] = MHL_STR("BAD HEADER SECTION"),
};

static void
amavis_finding(struct mhl_reporter *r, const struct mhl_finding *f)
{
	const char *bytes = r->flags & MHL_REPORT_COLOR ? MHL_C_BYTES : NULL;
	struct mhl_line l;

	mhl_line_init(&l, r->out);
	if (r->path != NULL || r->msgno > 0) {
		mhl_line_color(&l, r, MHL_C_PATH);
		mhl_line_name(&l, r, mhl_line_path);
		mhl_line_color(&l, r, MHL_C_RESET);
		MHL_LINE_LIT(&l, ": ");
	}
	if (!(f->rule->flags & MHL_RULE_TEMPFAIL)) {
		mhl_line_color(&l, r, mhl_color_severity(r, f->severity));
		mhl_line_mstr(&l, &lead[f->severity]);
		mhl_line_color(&l, r, MHL_C_RESET);
		MHL_LINE_LIT(&l, ", ");
	}
	mhl_line_escaped(&l, (const unsigned char *)f->message,
	    f->message_len, f->amavis_escape, bytes);
	if (f->sample != NULL) {
		MHL_LINE_LIT(&l, ": ");
		mhl_line_escaped(&l, f->sample, f->sample_len,
		    f->amavis_escape, bytes);
	}
	mhl_line_putc(&l, '\n');
	mhl_line_flush(&l);
}

const struct report_ops mhl_report_amavis = {
	.finding = amavis_finding,
};
