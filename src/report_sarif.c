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

static const char *const level[] = {
	[MHL_INFO] = "note",
	[MHL_WARNING] = "warning",
	[MHL_ERROR] = "error",
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
text(FILE *out, const char *key, const char *s)
{
	fprintf(out, "\"%s\":{\"text\":", key);
	mhl_put_json_str(out, s);
	fputc('}', out);
}

/* help.text: what the rule checks, its RFC section and its examples. */
static void
rule_help(FILE *out, const struct mhl_rule *rule)
{
	const char *s;

	fputs("\"help\":{\"text\":\"", out);
	s = rule->explain != NULL ? rule->explain : rule->summary;
	mhl_put_json(out, (const unsigned char *)s, strlen(s));
	fputs("\\nStandard: ", out);
	mhl_put_json(out, (const unsigned char *)rule->cite,
	    strlen(rule->cite));
	fputc('.', out);
	if (rule->bad != NULL) {
		fputs("\\nFires on:\\n", out);
		mhl_put_json(out, (const unsigned char *)rule->bad,
		    rule->bad_len);
	}
	if (rule->good != NULL) {
		fputs("\\nRepaired:\\n", out);
		mhl_put_json(out, (const unsigned char *)rule->good,
		    rule->good_len);
	}
	fputs("\"}", out);
}

static void
head(struct mhl_reporter *r)
{
	const struct mhl_rule *rules;
	FILE *out = r->out;
	size_t n, i;

	fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
	    "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
	    "\"name\":\"mhlint\",\"version\":\"" MHL_VERSION "\","
	    "\"semanticVersion\":\"" MHL_VERSION "\",\"rules\":[\n", out);
	rules = mhl_rules(&n);
	for (i = 0; i < n; i++) {
		fputs("{\"id\":", out);
		mhl_put_json_str(out, rules[i].id);
		fputc(',', out);
		text(out, "shortDescription", rules[i].summary);
		fputc(',', out);
		text(out, "fullDescription", rules[i].explain != NULL ?
		    rules[i].explain : rules[i].summary);
		fputc(',', out);
		rule_help(out, &rules[i]);
		fprintf(out, ",\"defaultConfiguration\":{\"level\":\"%s\"},"
		    "\"properties\":{\"rfc\":", level[rules[i].severity]);
		mhl_put_json_str(out, rules[i].cite);
		fprintf(out, "}}%s\n", i + 1 < n ? "," : "");
	}
	fputs("]}},\"results\":[\n", out);
}

/* RFC 3986: everything but unreserved characters and '/' as %XX. */
static void
put_uri_path(FILE *out, const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	for (; *u != '\0'; u++)
		if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') ||
		    (*u >= '0' && *u <= '9') || strchr("-._~/", *u) != NULL)
			fputc(*u, out);
		else
			fprintf(out, "%%%02X", *u);
}

static void
put_uri(FILE *out, struct sarif *s, const char *path)
{
	fputc('"', out);
	if (path[0] == '/' && s->cwd_len > 0 &&
	    strncmp(path, s->cwd, s->cwd_len) == 0 &&
	    path[s->cwd_len] == '/')
		path += s->cwd_len + 1;
	else if (path[0] == '/')
		fputs("file://", out);
	while (path[0] == '.' && path[1] == '/')
		for (path += 2; *path == '/'; path++)
			;
	put_uri_path(out, path);
	fputc('"', out);
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

static void
sarif_finding(struct mhl_reporter *r, const struct mhl_finding *f)
{
	struct sarif *s = state(r);
	FILE *out = r->out;

	if (s == NULL)
		return;
	if (!s->open) {
		head(r);
		s->open = 1;
	}
	fputs(s->nresults ? ",\n" : "", out);
	s->nresults = 1;
	fputs("{\"ruleId\":", out);
	mhl_put_json_str(out, f->rule->id);
	fprintf(out, ",\"ruleIndex\":%zu,\"level\":\"%s\",\"message\":"
	    "{\"text\":\"", mhl_rule_index(f->rule), level[f->severity]);
	mhl_put_json(out, (const unsigned char *)f->message, f->message_len);
	if (f->sample != NULL) {
		fputs(": ", out);
		mhl_put_json(out, f->sample, f->sample_len);
	}
	fputs("\"}", out);
	if (r->path != NULL) {
		fputs(",\"locations\":[{\"physicalLocation\":{"
		    "\"artifactLocation\":{\"uri\":", out);
		put_uri(out, s, r->path);
		fputc('}', out);
		if (f->line > 0) {
			fprintf(out, ",\"region\":{\"startLine\":%llu",
			    (unsigned long long)f->line);
			if (f->col > 0)
				fprintf(out, ",\"startColumn\":%llu",
				    (unsigned long long)f->col);
			fputc('}', out);
		}
		fputs("}}]", out);
	}
	fprintf(out, ",\"properties\":{\"messageNumber\":%llu,"
	    "\"offset\":%llu,\"field\":", (unsigned long long)r->msgno,
	    (unsigned long long)f->offset);
	if (f->field != NULL) {
		fputc('"', out);
		mhl_put_json(out, f->field, f->field_len);
		fputc('"', out);
	} else
		fputs("null", out);
	fputs("}}", out);
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
