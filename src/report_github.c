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

static const struct mhl_str cmd[] = {
	[MHL_INFO] = MHL_STR("notice"),
	[MHL_WARNING] = MHL_STR("warning"),
	[MHL_ERROR] = MHL_STR("error"),
};

/*
 * Escaped as in the text format, then percent-encoded as the workflow
 * commands want.  No \x{XX} holds a byte to percent-encode, so the
 * bytes are cut at each of those and the pieces between are escaped
 * alone (a cut never splits a "\x{", which escaping looks at).
 */
static void
gh_put(struct mhl_line *l, const unsigned char *p, size_t n, int property)
{
	static const char hex[] = "0123456789ABCDEF";
	char pct[3] = { '%', 0, 0 };
	size_t i, j;

	for (i = 0;; i = j + 1) {
		for (j = i; j < n; j++)
			if (p[j] == '%' ||
			    (property && (p[j] == ':' || p[j] == ',')))
				break;
		mhl_line_escaped(l, p + i, j - i, 1, NULL);
		if (j == n)
			return;
		pct[1] = hex[p[j] >> 4];
		pct[2] = hex[p[j] & 15];
		mhl_line_put(l, pct, sizeof(pct));
	}
}

static void
gh_file(struct mhl_line *l, const struct mhl_reporter *r)
{
	MHL_LINE_LIT(l, " file=");
	gh_put(l, (const unsigned char *)r->path, strlen(r->path), 1);
}

static void
gh_title(struct mhl_line *l, const struct mhl_rule *rule, int part)
{
	(void)part;
	MHL_LINE_LIT(l, "title=");
	gh_put(l, (const unsigned char *)rule->id, strlen(rule->id), 1);
	MHL_LINE_LIT(l, "::");
}

static void
gh_finding(struct mhl_reporter *r, const struct mhl_finding *f)
{
	struct mhl_line l;
	char sep = ' ';

	mhl_line_init(&l, r->out);
	MHL_LINE_LIT(&l, "::");
	mhl_line_mstr(&l, &cmd[f->severity]);
	if (r->path != NULL) {
		mhl_line_name(&l, r, gh_file);
		sep = ',';
	}
	if (f->line > 0) {
		mhl_line_putc(&l, sep);
		MHL_LINE_LIT(&l, "line=");
		mhl_line_u64(&l, f->line, 0);
		sep = ',';
		if (f->col > 0) {
			MHL_LINE_LIT(&l, ",col=");
			mhl_line_u64(&l, f->col, 0);
		}
	}
	mhl_line_putc(&l, sep);
	mhl_line_rule(&l, r, f->rule, 0, gh_title);
	if (r->msgno > 0) {
		MHL_LINE_LIT(&l, "message ");
		mhl_line_u64(&l, r->msgno, 0);
		MHL_LINE_LIT(&l, ": ");
	}
	gh_put(&l, (const unsigned char *)f->message, f->message_len, 0);
	if (f->sample != NULL) {
		MHL_LINE_LIT(&l, ": ");
		gh_put(&l, f->sample, f->sample_len, 0);
	}
	mhl_line_putc(&l, '\n');
	mhl_line_flush(&l);
}

const struct report_ops mhl_report_github = {
	.finding = gh_finding,
};
