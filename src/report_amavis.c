/*
 * The default format, Amavis's: one line per finding,
 *
 *   PATH: BAD HEADER SECTION, MESSAGE: SAMPLE
 *
 * without "PATH: " for standard input.  Warnings lead with "HEADER
 * WARNING", infos with "HEADER NOTE"; a temporary failure is printed as
 * Amavis's TEMPFAIL reply.
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
	if (r->path != NULL || r->msgno > 0) {
		mhl_put_path(r, "<stdin>");
		fputs(": ", r->out);
	}
	if (!(f->rule->flags & MHL_RULE_TEMPFAIL))
		fprintf(r->out, "%s, ", lead[f->severity]);
	mhl_put_escaped(r->out, (const unsigned char *)f->message,
	    f->message_len, f->amavis_escape);
	if (f->sample != NULL) {
		fputs(": ", r->out);
		mhl_put_escaped(r->out, f->sample, f->sample_len,
		    f->amavis_escape);
	}
	fputc('\n', r->out);
}

const struct report_ops mhl_report_amavis = {
	.finding = amavis_finding,
};
