/*
 * --format=text: PATH:LINE:COL: SEVERITY: MESSAGE [RULE]
 *
 * The shape compilers use, so that editors and CI problem matchers pick
 * it up.  Standard input is named "<stdin>".
 */
#include "report.h"

static const char *const sev[] = {
	[MHL_INFO] = "info",
	[MHL_WARNING] = "warning",
	[MHL_ERROR] = "error",
};

static void
text_finding(struct mhl_reporter *r, const struct mhl_finding *f)
{
	mhl_put_path(r, "<stdin>");
	fprintf(r->out, ":%llu:%llu: %s: ", (unsigned long long)f->line,
	    (unsigned long long)(f->col > 0 ? f->col : 1), sev[f->severity]);
	mhl_put_escaped(r->out, (const unsigned char *)f->message,
	    f->message_len, 1);
	if (f->sample != NULL) {
		fputs(": ", r->out);
		mhl_put_escaped(r->out, f->sample, f->sample_len, 1);
	}
	fprintf(r->out, " [%s]\n", f->rule->id);
}

const struct report_ops mhl_report_text = {
	.finding = text_finding,
};
