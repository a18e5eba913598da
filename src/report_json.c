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

static const struct mhl_str sev[] = {
	[MHL_INFO] = MHL_STR("info"),
	[MHL_WARNING] = MHL_STR("warning"),
	[MHL_ERROR] = MHL_STR("error"),
};

static void
json_bytes(struct mhl_line *l, const unsigned char *p, size_t n)
{
	if (p == NULL) {
		MHL_LINE_LIT(l, "null");
		return;
	}
	mhl_line_putc(l, '"');
	mhl_line_json(l, p, n);
	mhl_line_putc(l, '"');
}

/* "file" and "msgno", the same for all of a message's findings. */
static void
json_name(struct mhl_line *l, const struct mhl_reporter *r)
{
	MHL_LINE_LIT(l, "{\"file\":");
	mhl_line_json_str(l, r->path);
	MHL_LINE_LIT(l, ",\"msgno\":");
	mhl_line_u64(l, r->msgno, 0);
}

/* Part 0: the "rule" member; part 1: the "rfc" member and the end. */
static void
json_rule(struct mhl_line *l, const struct mhl_rule *rule, int part)
{
	if (part == 0) {
		MHL_LINE_LIT(l, ",\"rule\":");
		mhl_line_json_str(l, rule->id);
	} else {
		MHL_LINE_LIT(l, ",\"rfc\":");
		mhl_line_json_str(l, rule->cite);
		MHL_LINE_LIT(l, "}\n");
	}
}

static void
json_finding(struct mhl_reporter *r, const struct mhl_finding *f)
{
	struct mhl_line l;

	mhl_line_init(&l, r->out);
	mhl_line_name(&l, r, json_name);
	MHL_LINE_LIT(&l, ",\"line\":");
	mhl_line_u64(&l, f->line, 0);
	MHL_LINE_LIT(&l, ",\"column\":");
	mhl_line_u64(&l, f->col, 0);
	MHL_LINE_LIT(&l, ",\"offset\":");
	mhl_line_u64(&l, f->offset, 0);
	MHL_LINE_LIT(&l, ",\"field\":");
	json_bytes(&l, f->field, f->field_len);
	mhl_line_rule(&l, r, f->rule, 0, json_rule);
	MHL_LINE_LIT(&l, ",\"severity\":\"");
	mhl_line_mstr(&l, &sev[f->severity]);
	MHL_LINE_LIT(&l, "\",\"message\":");
	json_bytes(&l, (const unsigned char *)f->message, f->message_len);
	MHL_LINE_LIT(&l, ",\"sample\":");
	json_bytes(&l, f->sample, f->sample_len);
	mhl_line_rule(&l, r, f->rule, 1, json_rule);
	mhl_line_flush(&l);
}

const struct report_ops mhl_report_json = {
	.finding = json_finding,
};
