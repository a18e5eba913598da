/*
 * --format=github: GitHub Actions workflow commands, one per finding,
 *
 *   ::error file=PATH,line=L,col=C,title=RULE::MESSAGE: SAMPLE
 *
 * with "warning" and "notice" for the other severities.  Message bytes
 * are first escaped as everywhere (\x{XX}); then the characters the
 * commands reserve are percent-encoded: % CR LF in the message, and
 * also : and , in the properties.  file= is left out for standard
 * input, line= and col= when unknown.
 */
#include <string.h>

#include "report.h"

static const char *const cmd[] = {
	[MHL_INFO] = "notice",
	[MHL_WARNING] = "warning",
	[MHL_ERROR] = "error",
};

/* Escaped as in the text format, then percent-encoded as the workflow
 * commands want. */
static void
gh_put(FILE *out, const unsigned char *p, size_t n, int property)
{
	char hex[8];
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] > 0x7e ||
		    (p[i] == '\\' && i + 2 < n && p[i + 1] == 'x' &&
		    p[i + 2] == '{')) {
			snprintf(hex, sizeof(hex), "\\x{%02X}", p[i]);
			fputs(hex, out);
		} else if (p[i] == '%' ||
		    (property && (p[i] == ':' || p[i] == ',')))
			fprintf(out, "%%%02X", p[i]);
		else
			fputc(p[i], out);
	}
}

static void
gh_finding(struct mhl_reporter *r, const struct mhl_finding *f)
{
	FILE *out = r->out;
	const char *sep = " ";
	char num[32];

	fprintf(out, "::%s", cmd[f->severity]);
	if (r->path != NULL) {
		fputs(" file=", out);
		gh_put(out, (const unsigned char *)r->path, strlen(r->path),
		    1);
		sep = ",";
	}
	if (f->line > 0) {
		fprintf(out, "%sline=%llu", sep, (unsigned long long)f->line);
		sep = ",";
		if (f->col > 0)
			fprintf(out, ",col=%llu", (unsigned long long)f->col);
	}
	fprintf(out, "%stitle=", sep);
	gh_put(out, (const unsigned char *)f->rule->id, strlen(f->rule->id),
	    1);
	fputs("::", out);
	if (r->msgno > 0) {
		snprintf(num, sizeof(num), "message %llu: ",
		    (unsigned long long)r->msgno);
		fputs(num, out);
	}
	gh_put(out, (const unsigned char *)f->message, f->message_len, 0);
	if (f->sample != NULL) {
		fputs(": ", out);
		gh_put(out, f->sample, f->sample_len, 0);
	}
	fputc('\n', out);
}

const struct report_ops mhl_report_github = {
	.finding = gh_finding,
};
