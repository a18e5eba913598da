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
#include <string.h>

#include "report.h"

static const char *const lead[] = {
	[MHL_INFO] = "HEADER NOTE",
	[MHL_WARNING] = "HEADER WARNING",
	[MHL_ERROR] = "BAD HEADER SECTION",
};

static void
amavis_finding(struct mhl_reporter *r, const struct mhl_finding *f)
{
	const char *bytes = r->flags & MHL_REPORT_COLOR ? MHL_C_BYTES : NULL;
	const char *reset = mhl_color(r, MHL_C_RESET);

	if (r->path != NULL || r->msgno > 0) {
		fputs(mhl_color(r, MHL_C_PATH), r->out);
		mhl_put_path(r, "<stdin>");
		fputs(reset, r->out);
		fputs(": ", r->out);
	}
	if (!(f->rule->flags & MHL_RULE_TEMPFAIL)) {
		fputs(mhl_color_severity(r, f->severity), r->out);
		fputs(lead[f->severity], r->out);
		fputs(reset, r->out);
		fputs(", ", r->out);
	}
	mhl_put_escaped_color(r->out, (const unsigned char *)f->message,
	    f->message_len, f->amavis_escape, bytes);
	if (f->sample != NULL) {
		fputs(": ", r->out);
		mhl_put_escaped_color(r->out, f->sample, f->sample_len,
		    f->amavis_escape, bytes);
	}
	fputc('\n', r->out);
}

const struct report_ops mhl_report_amavis = {
	.finding = amavis_finding,
};
