/*
 * --format=sarif: one SARIF 2.1.0 log for the whole run (OASIS SARIF
 * 2.1.0, §3.13 sarifLog, §3.14 run, §3.19 toolComponent, §3.27 result).
 * The log opens with the first message, tool.driver lists every rule,
 * and each finding is written as a result as soon as it comes: nothing
 * is collected, so memory does not grow with the number of findings.
 * mhl_reporter_finish closes the log.
 *
 * Artifact URIs are relative to the working directory when the path is
 * (a path under the working directory is made relative); other absolute
 * paths become file: URIs.  Standard input has no location.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

static const struct mhl_str level[] = {
	[MHL_INFO] = MHL_STR("note"),
	[MHL_WARNING] = MHL_STR("warning"),
	[MHL_ERROR] = MHL_STR("error"),
};

struct sarif {
	int open;      /* the log's head is written */
	int nresults;  /* nonzero after the first result */
	char cwd[PATH_MAX];
	size_t cwd_len; /* 0: unknown */
};

static struct sarif *
state(struct mhl_reporter *r)
{
	struct sarif *s;

	if (r->priv == NULL) {
		if ((s = calloc(1, sizeof(*s))) == NULL)
			return NULL;
		if (getcwd(s->cwd, sizeof(s->cwd)) != NULL)
			s->cwd_len = strlen(s->cwd);
		r->priv = s;
	}
	return r->priv;
}

static void
text(struct mhl_line *l, const char *key, const char *s)
{
	mhl_line_putc(l, '"');
	mhl_line_str(l, key);
	MHL_LINE_LIT(l, "\":{\"text\":");
	mhl_line_json_str(l, s);
	mhl_line_putc(l, '}');
}

static void
json_cstr(struct mhl_line *l, const char *s)
{
	mhl_line_json(l, (const unsigned char *)s, strlen(s));
}

/* help.text: what the rule checks, its RFC section and its examples. */
static void
rule_help(struct mhl_line *l, const struct mhl_rule *rule)
{
	MHL_LINE_LIT(l, "\"help\":{\"text\":\"");
	json_cstr(l, rule->explain != NULL ? rule->explain : rule->summary);
	MHL_LINE_LIT(l, "\\nStandard: ");
	json_cstr(l, rule->cite);
	mhl_line_putc(l, '.');
	if (rule->bad != NULL) {
		MHL_LINE_LIT(l, "\\nFires on:\\n");
		mhl_line_json(l, (const unsigned char *)rule->bad,
		    rule->bad_len);
	}
	if (rule->good != NULL) {
		MHL_LINE_LIT(l, "\\nRepaired:\\n");
		mhl_line_json(l, (const unsigned char *)rule->good,
		    rule->good_len);
	}
	MHL_LINE_LIT(l, "\"}");
}

static void
head(struct mhl_reporter *r)
{
	const struct mhl_rule *rules;
	struct mhl_line l;
	size_t n, i;

	mhl_line_init(&l, r->out);
	MHL_LINE_LIT(&l, "{\"$schema\":"
	    "\"https://json.schemastore.org/sarif-2.1.0.json\","
	    "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
	    "\"name\":\"mhlint\",\"version\":\"" MHL_VERSION "\","
	    "\"semanticVersion\":\"" MHL_VERSION "\",\"rules\":[\n");
	rules = mhl_rules(&n);
	for (i = 0; i < n; i++) {
		MHL_LINE_LIT(&l, "{\"id\":");
		mhl_line_json_str(&l, rules[i].id);
		mhl_line_putc(&l, ',');
		text(&l, "shortDescription", rules[i].summary);
		mhl_line_putc(&l, ',');
		text(&l, "fullDescription", rules[i].explain != NULL ?
		    rules[i].explain : rules[i].summary);
		mhl_line_putc(&l, ',');
		rule_help(&l, &rules[i]);
		MHL_LINE_LIT(&l, ",\"defaultConfiguration\":{\"level\":\"");
		mhl_line_mstr(&l, &level[rules[i].severity]);
		MHL_LINE_LIT(&l, "\"},\"properties\":{\"rfc\":");
		mhl_line_json_str(&l, rules[i].cite);
		MHL_LINE_LIT(&l, "}}");
		if (i + 1 < n)
			mhl_line_putc(&l, ',');
		mhl_line_putc(&l, '\n');
	}
	MHL_LINE_LIT(&l, "]}},\"results\":[\n");
	mhl_line_flush(&l);
}

/* RFC 3986 §2.3: the unreserved characters, which with '/' go into a
 * URI path as they are. */
static int
uri_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~' || c == '/';
}

/* RFC 3986: everything but unreserved characters and '/' as %XX; the
 * runs between go out in one piece. */
static void
put_uri_path(struct mhl_line *l, const char *p)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)p;
	char pct[3] = { '%', 0, 0 };
	size_t i, j;

	for (i = 0;; i = j + 1) {
		for (j = i; u[j] != '\0' && uri_plain(u[j]); j++)
			;
		mhl_line_put(l, u + i, j - i);
		if (u[j] == '\0')
			return;
		pct[1] = hex[u[j] >> 4];
		pct[2] = hex[u[j] & 15];
		mhl_line_put(l, pct, sizeof(pct));
	}
}

static void
put_uri(struct mhl_line *l, const struct mhl_reporter *r)
{
	const struct sarif *s = r->priv;
	const char *path = r->path;

	mhl_line_putc(l, '"');
	if (path[0] == '/' && s->cwd_len > 0 &&
	    strncmp(path, s->cwd, s->cwd_len) == 0 &&
	    path[s->cwd_len] == '/')
		path += s->cwd_len + 1;
	else if (path[0] == '/')
		MHL_LINE_LIT(l, "file://");
	while (path[0] == '.' && path[1] == '/')
		for (path += 2; *path == '/'; path++)
			;
	put_uri_path(l, path);
	mhl_line_putc(l, '"');
}

static void
sarif_begin(struct mhl_reporter *r)
{
	struct sarif *s = state(r);

	if (s != NULL && !s->open) {
		head(r);
		s->open = 1;
	}
}

/* "ruleId" and "ruleIndex", the same for all findings of the rule. */
static void
rule_id(struct mhl_line *l, const struct mhl_rule *rule, int part)
{
	(void)part;
	MHL_LINE_LIT(l, "{\"ruleId\":");
	mhl_line_json_str(l, rule->id);
	MHL_LINE_LIT(l, ",\"ruleIndex\":");
	mhl_line_u64(l, mhl_rule_index(rule), 0);
}

static void
sarif_finding(struct mhl_reporter *r, const struct mhl_finding *f)
{
	struct sarif *s = state(r);
	struct mhl_line l;

	if (s == NULL)
		return;
	if (!s->open) {
		head(r);
		s->open = 1;
	}
	mhl_line_init(&l, r->out);
	if (s->nresults)
		MHL_LINE_LIT(&l, ",\n");
	s->nresults = 1;
	mhl_line_rule(&l, r, f->rule, 0, rule_id);
	MHL_LINE_LIT(&l, ",\"level\":\"");
	mhl_line_mstr(&l, &level[f->severity]);
	MHL_LINE_LIT(&l, "\",\"message\":{\"text\":\"");
	mhl_line_json(&l, (const unsigned char *)f->message, f->message_len);
	if (f->sample != NULL) {
		MHL_LINE_LIT(&l, ": ");
		mhl_line_json(&l, f->sample, f->sample_len);
	}
	MHL_LINE_LIT(&l, "\"}");
	if (r->path != NULL) {
		MHL_LINE_LIT(&l, ",\"locations\":[{\"physicalLocation\":{"
		    "\"artifactLocation\":{\"uri\":");
		mhl_line_name(&l, r, put_uri);
		mhl_line_putc(&l, '}');
		if (f->line > 0) {
			MHL_LINE_LIT(&l, ",\"region\":{\"startLine\":");
			mhl_line_u64(&l, f->line, 0);
			if (f->col > 0) {
				MHL_LINE_LIT(&l, ",\"startColumn\":");
				mhl_line_u64(&l, f->col, 0);
			}
			mhl_line_putc(&l, '}');
		}
		MHL_LINE_LIT(&l, "}}]");
	}
	MHL_LINE_LIT(&l, ",\"properties\":{\"messageNumber\":");
	mhl_line_u64(&l, r->msgno, 0);
	MHL_LINE_LIT(&l, ",\"offset\":");
	mhl_line_u64(&l, f->offset, 0);
	MHL_LINE_LIT(&l, ",\"field\":");
	if (f->field != NULL) {
		mhl_line_putc(&l, '"');
		mhl_line_json(&l, f->field, f->field_len);
		mhl_line_putc(&l, '"');
	} else
		MHL_LINE_LIT(&l, "null");
	MHL_LINE_LIT(&l, "}}");
	mhl_line_flush(&l);
}

static void
sarif_finish(struct mhl_reporter *r)
{
	struct sarif *s = state(r);

	if (s == NULL)
		return;
	if (!s->open) {
		head(r);
		s->open = 1;
	}
	fputs("\n]}]}\n", r->out);
}

const struct report_ops mhl_report_sarif = {
	.begin = sarif_begin,
	.finding = sarif_finding,
	.finish = sarif_finish,
};
