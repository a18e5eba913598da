/*
 * --format=json: JSON Lines (one JSON object per line, per finding):
 *
 *   {"file":"a.eml","msgno":0,"line":3,"column":13,"offset":57,
 *    "field":"Subject","rule":"header-8bit","severity":"error",
 *    "message":"...","sample":"...","rfc":"RFC 5322 §2.2"}
 *
 * "file" is null for standard input; "field" and "sample" are null when
 * the finding has none.  Strings go through mhl_put_json, so every line
 * is valid UTF-8 and parses whatever bytes the message held.
 */
#include "report.h"

static const char *const sev[] = {
	[MHL_INFO] = "info",
	[MHL_WARNING] = "warning",
	[MHL_ERROR] = "error",
};

static void
json_bytes(FILE *out, const unsigned char *p, size_t n)
{
	if (p == NULL) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	mhl_put_json(out, p, n);
	fputc('"', out);
}

static void
json_finding(struct mhl_reporter *r, const struct mhl_finding *f)
{
	FILE *out = r->out;

	fputs("{\"file\":", out);
	mhl_put_json_str(out, r->path);
	fprintf(out, ",\"msgno\":%llu,\"line\":%llu,\"column\":%llu,"
	    "\"offset\":%llu,\"field\":", (unsigned long long)r->msgno,
	    (unsigned long long)f->line, (unsigned long long)f->col,
	    (unsigned long long)f->offset);
	json_bytes(out, f->field, f->field_len);
	fputs(",\"rule\":", out);
	mhl_put_json_str(out, f->rule->id);
	fprintf(out, ",\"severity\":\"%s\",\"message\":", sev[f->severity]);
	json_bytes(out, (const unsigned char *)f->message, f->message_len);
	fputs(",\"sample\":", out);
	json_bytes(out, f->sample, f->sample_len);
	fputs(",\"rfc\":", out);
	mhl_put_json_str(out, f->rule->cite);
	fputs("}\n", out);
}

const struct report_ops mhl_report_json = {
	.finding = json_finding,
};
