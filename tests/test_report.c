/*
 * The output side: escaping shared by the formats, the github and sarif
 * formats' edges, the source line of a finding, and in-message
 * suppression with its count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "collect.h"
#include "report.h"

#define S_(x) x, sizeof(x) - 1
#define H "Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@example.com\n"

/* Runs fn into a memory stream; returns the text (malloc'd). */
static char *
capture(void (*fn)(FILE *, const void *), const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	fn(fp, arg);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

struct bytes {
	const char *p;
	size_t n;
};

static void
put_json(FILE *fp, const void *arg)
{
	const struct bytes *b = arg;

	mhl_put_json(fp, (const unsigned char *)b->p, b->n);
}

static void
test_utf8_len(void **state)
{
	static const struct {
		const char *s;
		size_t n, want;
	} cases[] = {
		{ "a", 1, 1 }, { "\xc3\xa9", 2, 2 }, { "\xc3", 1, 0 },
		{ "\xc0\xaf", 2, 0 },          /* overlong */
		{ "\xc1\xbf", 2, 0 },
		{ "\xe0\x9f\xbf", 3, 0 },      /* overlong */
		{ "\xe0\xa0\x80", 3, 3 },
		{ "\xed\xa0\x80", 3, 0 },      /* surrogate */
		{ "\xed\x9f\xbf", 3, 3 },
		{ "\xf0\x8f\xbf\xbf", 4, 0 },  /* overlong */
		{ "\xf0\x9f\x98\x80", 4, 4 },
		{ "\xf4\x90\x80\x80", 4, 0 },  /* past U+10FFFF */
		{ "\xf5\x80\x80\x80", 4, 0 },
		{ "\x80", 1, 0 }, { "\xff", 1, 0 },
		{ "\xe2\x82", 2, 0 },          /* cut short */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(mhl_utf8_len((const unsigned char *)
		    cases[i].s, cases[i].n), cases[i].want);
}

static void
test_json_escape(void **state)
{
	static const struct {
		struct bytes in;
		const char *want;
	} cases[] = {
		{ { S_("plain") }, "plain" },
		{ { S_("q\"b\\s") }, "q\\\"b\\\\s" },
		{ { S_("\x00\x1b]0;x\x07\r\n\t\x7f") },
		    "\\u0000\\u001B]0;x\\u0007\\u000D\\u000A\\u0009\\u007F" },
		{ { S_("caf\xc3\xa9") }, "caf\xc3\xa9" },
		{ { S_("caf\xe9") }, "caf\\\\x{E9}" },
		{ { S_("\\x{41}") }, "\\\\x{5C}x{41}" },
		{ { S_("\\x") }, "\\\\x" },
		{ { S_("\xc2\x85|\xe2\x80\xa8|\xe2\x80\xa9") },
		    "\\u0085|\\u2028|\\u2029" },
		{ { S_("\xed\xa0\x80") }, "\\\\x{ED}\\\\x{A0}\\\\x{80}" },
		{ { S_("\xf0\x9f\x98") }, "\\\\x{F0}\\\\x{9F}\\\\x{98}" },
	};
	size_t i;
	char *out;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out = capture(put_json, &cases[i].in);
		assert_string_equal(out, cases[i].want);
		free(out);
	}
}

static const struct mhl_rule *
rule(const char *id)
{
	const struct mhl_rule *r = mhl_rule_find(id);

	assert_non_null(r);
	return r;
}

struct report_case {
	enum mhl_format format;
	const char *path;
	uint64_t msgno;
	const struct mhl_finding *f;
};

static void
report(FILE *fp, const void *arg)
{
	const struct report_case *c = arg;
	struct mhl_reporter *r;

	r = mhl_reporter_new(c->format, fp);
	assert_non_null(r);
	mhl_reporter_begin(r, c->path, c->msgno);
	if (c->f != NULL)
		mhl_reporter_finding(r, c->f);
	mhl_reporter_end(r);
	assert_int_equal(mhl_reporter_finish(r), 0);
	mhl_reporter_free(r);
}

static void
test_github_escape(void **state)
{
	struct mhl_finding f;
	struct report_case c = { MHL_FORMAT_GITHUB, "a:b,c%d.eml", 3, &f };
	char *out;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.rule = rule("header-control");
	f.severity = MHL_WARNING;
	f.line = 2;
	f.col = 5;
	f.message = "50% done, a: b";
	f.message_len = strlen(f.message);
	f.sample = (const unsigned char *)"X: \r\n%";
	f.sample_len = 6;
	out = capture(report, &c);
	assert_string_equal(out, "::warning file=a%3Ab%2Cc%25d.eml,line=2,"
	    "col=5,title=header-control::message 3: 50%25 done, a: b: "
	    "X: \\x{0D}\\x{0A}%25\n");
	free(out);

	/* standard input: no file=; no line: no line= and col= */
	c.path = NULL;
	c.msgno = 0;
	f.line = 0;
	f.severity = MHL_INFO;
	f.sample = NULL;
	out = capture(report, &c);
	assert_string_equal(out, "::notice title=header-control::"
	    "50%25 done, a: b\n");
	free(out);
}

static void
test_sarif_empty(void **state)
{
	struct report_case c = { MHL_FORMAT_SARIF, "x.eml", 0, NULL };
	const char *tail = "\"results\":[\n\n]}]}\n";
	char *out;
	size_t n;

	(void)state;
	out = capture(report, &c);
	assert_non_null(strstr(out, "\"version\":\"2.1.0\""));
	assert_non_null(strstr(out, "\"id\":\"header-8bit\""));
	n = strlen(out);
	assert_true(n > strlen(tail));
	assert_string_equal(out + n - strlen(tail), tail);
	free(out);
}

static void
test_sarif_uri(void **state)
{
	struct mhl_finding f;
	struct report_case c = { MHL_FORMAT_SARIF, "./d i/%#.eml", 0, &f };
	char *out;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.rule = rule("header-8bit");
	f.severity = MHL_ERROR;
	f.line = 4;
	f.message = "m";
	f.message_len = 1;
	out = capture(report, &c);
	assert_non_null(strstr(out, "{\"uri\":\"d%20i/%25%23.eml\"},"
	    "\"region\":{\"startLine\":4}}"));
	free(out);
}

/* The source line of the header-control finding. */
struct src {
	int n;
	char line[MHL_SOURCE_KEEP + 1];
	size_t col;
	int head, tail;
};

static void
src_finding(void *arg, const struct mhl_finding *f)
{
	struct src *s = arg;

	if (strcmp(f->rule->id, "header-control") != 0 || s->n++ > 0 ||
	    f->src == NULL)
		return;
	memcpy(s->line, f->src, f->src_len);
	s->line[f->src_len] = '\0';
	s->col = f->src_col;
	s->head = f->src_cut_head;
	s->tail = f->src_cut_tail;
}

static struct src
source_of(const char *msg, size_t len)
{
	struct src s;
	struct mhl_checker *c;

	memset(&s, 0, sizeof(s));
	c = mhl_checker_new(NULL, src_finding, &s);
	assert_non_null(c);
	mhl_check_buf(c, msg, len);
	mhl_checker_free(c);
	return s;
}

static void
test_source_line(void **state)
{
	char msg[600];
	struct src s;
	int n;

	(void)state;
	s = source_of(S_(H "Subject: ab\x01z\r\n folded\n\n"));
	assert_string_equal(s.line, "Subject: ab\x01z");
	assert_int_equal(s.col, 11);
	assert_false(s.head || s.tail);

	/* On a folded line: that line only. */
	s = source_of(S_(H "Subject: ab\n fo\x01ld\n\n"));
	assert_string_equal(s.line, " fo\x01ld");
	assert_int_equal(s.col, 3);

	/* A long line: a window around the column, cut at both ends. */
	n = snprintf(msg, sizeof(msg), H "X: %0300d\x01%0200d\n\n", 0, 0);
	s = source_of(msg, (size_t)n);
	assert_int_equal(strlen(s.line), MHL_SOURCE_KEEP);
	assert_true(s.head && s.tail);
	assert_int_equal(s.line[s.col], '\x01');
	assert_int_equal(s.col, MHL_SOURCE_KEEP / 3);
}

static void
test_suppress(void **state)
{
	struct mhl_options o;
	struct collect c = { NULL, 0, 0 };
	struct mhl_checker *chk;
	char *s;

	(void)state;
	mhl_options_init(&o);
	/* The field comes last and still covers the fields before it. */
	s = rule_ids(&o, S_(H "Subject: caf\xe9 \x01\n"
	    "X-Mhlint-Disable: header-8bit,line-\n\n"));
	assert_string_equal(s, "header-control");
	free(s);
	/* Folded, by family, case-insensitive name; unknown names ignored. */
	s = rule_ids(&o, S_(H "Subject: caf\xe9 \x01\n"
	    "x-mhlint-disable: nope\n\theader\n\n"));
	assert_string_equal(s, "");
	free(s);
	/* Not a prefix at a '-': nothing off. */
	s = rule_ids(&o, S_(H "Subject: caf\xe9\nX-Mhlint-Disable: head\n\n"));
	assert_string_equal(s, "header-8bit");
	free(s);
	/* The Amavis profile reports as Amavis does. */
	o.profile = MHL_PROFILE_AMAVIS;
	s = rule_ids(&o, S_(H "Subject: caf\xe9\n"
	    "X-Mhlint-Disable: amavis-8bit\n\n"));
	assert_string_equal(s, "amavis-8bit");
	free(s);

	/* The count, over two messages; a message-level rule too. */
	mhl_options_init(&o);
	collect_add(&c, "", 0);
	chk = mhl_checker_new(&o, collect_finding, &c);
	assert_non_null(chk);
	mhl_check_buf(chk, S_("Subject: caf\xe9\n"
	    "X-Mhlint-Disable: header-8bit, date-missing\n\n"));
	mhl_check_buf(chk, S_("X-Mhlint-Disable: from-missing\n\n"));
	assert_int_equal(mhl_checker_suppressed(chk), 3);
	assert_string_equal(c.buf, "from-missing 1:1@0 Missing required "
	    "header field: \"From\"\ndate-missing 1:1@0 Missing required "
	    "header field: \"Date\"\n");
	mhl_checker_free(chk);
	free(c.buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_len),
		cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_github_escape),
		cmocka_unit_test(test_sarif_empty),
		cmocka_unit_test(test_sarif_uri),
		cmocka_unit_test(test_source_line),
		cmocka_unit_test(test_suppress),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
