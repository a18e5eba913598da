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

/*
 * The escapes as their comments in report.h state them, a byte at a
 * time: what the word-at-a-time runs of report.c must match.
 */
struct ref {
	char buf[16384];
	size_t len;
};

static void
ref_put(struct ref *o, const char *p, size_t n)
{
	assert_true(o->len + n <= sizeof(o->buf));
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

/* pre, v in 'digits' upper-case hex digits, post. */
static void
ref_hex(struct ref *o, const char *pre, unsigned int v, int digits,
    const char *post)
{
	char t[16];

	snprintf(t, sizeof(t), "%s%0*X%s", pre, digits, v, post);
	ref_put(o, t, strlen(t));
}

static size_t
ref_escaped(struct ref *o, const unsigned char *p, size_t n, int amavis,
    const char *on)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++) {
		if (p[i] >= 0x20 && p[i] <= 0x7e && !(amavis &&
		    p[i] == '\\' && i + 2 < n && p[i + 1] == 'x' &&
		    p[i + 2] == '{')) {
			ref_put(o, (const char *)p + i, 1);
			w++;
			continue;
		}
		if (on != NULL)
			ref_put(o, on, strlen(on));
		ref_hex(o, "\\x{", p[i], 2, "}");
		if (on != NULL)
			ref_put(o, MHL_C_RESET, strlen(MHL_C_RESET));
		w += 6;
	}
	return w;
}

static void
ref_json(struct ref *o, const unsigned char *p, size_t n)
{
	size_t i, len;

	for (i = 0; i < n; i += len) {
		len = mhl_utf8_len(p + i, n - i);
		if (len == 0) {
			ref_hex(o, "\\\\x{", p[i], 2, "}");
			len = 1;
		} else if (len == 1 && p[i] == '"')
			ref_put(o, "\\\"", 2);
		else if (len == 1 && p[i] == '\\' && i + 2 < n &&
		    p[i + 1] == 'x' && p[i + 2] == '{')
			ref_put(o, "\\\\x{5C}", 7);
		else if (len == 1 && p[i] == '\\')
			ref_put(o, "\\\\", 2);
		else if (len == 1 && (p[i] < 0x20 || p[i] == 0x7f))
			ref_hex(o, "\\u", p[i], 4, "");
		else if (len == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0)
			ref_hex(o, "\\u", p[i + 1], 4, "");
		else if (len == 3 && p[i] == 0xe2 && p[i + 1] == 0x80 &&
		    (p[i + 2] == 0xa8 || p[i + 2] == 0xa9))
			ref_hex(o, "\\u", 0x2000u + p[i + 2] - 0x80, 4, "");
		else
			ref_put(o, (const char *)p + i, len);
	}
}

/* Each escape of p through a line in memory, against the reference. */
static void
same_escapes(const unsigned char *p, size_t n)
{
	static struct mhl_line l;
	static struct ref o;
	size_t w, amavis;

	for (amavis = 0; amavis < 4; amavis++) {
		const char *on = amavis & 2 ? MHL_C_BYTES : NULL;

		mhl_line_init(&l, NULL);
		o.len = 0;
		w = mhl_line_escaped(&l, p, n, (int)(amavis & 1), on);
		assert_int_equal(w, ref_escaped(&o, p, n, (int)(amavis & 1),
		    on));
		assert_false(l.lost);
		assert_int_equal(l.len, o.len);
		assert_memory_equal(l.buf, o.buf, o.len);
	}
	mhl_line_init(&l, NULL);
	o.len = 0;
	mhl_line_json(&l, p, n);
	ref_json(&o, p, n);
	assert_false(l.lost);
	assert_int_equal(l.len, o.len);
	assert_memory_equal(l.buf, o.buf, o.len);
}

static void
test_escape_runs(void **state)
{
	/* Bytes at the edges of each class and of UTF-8's. */
	static const unsigned char odd[] = {
		0x00, 0x01, 0x1f, 0x20, 0x21, 0x5b, 0x5d, 0x7e, 0x7f, 0x80,
		0x9f, 0xa0, 0xa8, 0xa9, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xe2,
		0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, '\\', 'x', '{', '"', 'a',
	};
	unsigned char p[40];
	uint32_t seed = 2463534242u;
	size_t n, i, j, b, c;

	(void)state;
	/* One byte of each value at each place of runs up to three
	 * words long: where the word test must hand over. */
	for (n = 1; n <= 24; n++)
		for (i = 0; i < n; i++)
			for (b = 0; b < 256; b++) {
				memset(p, 'a', n);
				p[i] = (unsigned char)b;
				same_escapes(p, n);
			}
	/* Two odd bytes anywhere in two words. */
	for (i = 0; i < 16; i++)
		for (j = 0; j < 16; j++)
			for (b = 0; b < sizeof(odd); b++)
				for (c = 0; c < sizeof(odd); c++) {
					memset(p, 'q', 16);
					p[i] = odd[b];
					p[j] = odd[c];
					same_escapes(p, 16);
				}
	/* And mixes of them (xorshift32, a fixed seed). */
	for (i = 0; i < 50000; i++) {
		seed ^= seed << 13;
		seed ^= seed >> 17;
		seed ^= seed << 5;
		n = seed % sizeof(p);
		for (j = 0; j < n; j++) {
			seed ^= seed << 13;
			seed ^= seed >> 17;
			seed ^= seed << 5;
			p[j] = seed % 4 == 0 ? (unsigned char)(seed >> 8) :
			    seed % 4 == 1 ? 'm' : odd[(seed >> 8) % sizeof(odd)];
		}
		same_escapes(p, n);
	}
}

struct long_case {
	const unsigned char *p;
	size_t n;
	int json;
};

static void
put_long(FILE *fp, const void *arg)
{
	const struct long_case *c = arg;

	if (c->json)
		mhl_put_json(fp, c->p, c->n);
	else
		mhl_put_escaped(fp, c->p, c->n, 1);
}

/* More than a line holds, through the stream: the line hands over
 * as it fills, nothing is lost or doubled. */
static void
test_escape_long(void **state)
{
	static unsigned char p[2000];
	static struct ref o;
	struct long_case c = { p, sizeof(p), 0 };
	struct mhl_line l;
	size_t i;
	char *out;

	(void)state;
	for (i = 0; i < sizeof(p); i++)
		p[i] = i % 6 == 0 ? 0x80 + i % 64 : i % 3 == 0 ? i % 32 :
		    'a' + i % 26;
	o.len = 0;
	ref_escaped(&o, p, sizeof(p), 1, NULL);
	assert_true(o.len > MHL_LINE_CAP);
	out = capture(put_long, &c);
	assert_int_equal(strlen(out), o.len);
	assert_memory_equal(out, o.buf, o.len);
	free(out);

	c.json = 1;
	o.len = 0;
	ref_json(&o, p, sizeof(p));
	assert_true(o.len > MHL_LINE_CAP);
	out = capture(put_long, &c);
	assert_int_equal(strlen(out), o.len);
	assert_memory_equal(out, o.buf, o.len);
	free(out);

	/* A line in memory only says it could not keep it all. */
	mhl_line_init(&l, NULL);
	mhl_line_escaped(&l, p, sizeof(p), 1, NULL);
	assert_true(l.lost);
}

struct two_msgs {
	enum mhl_format format;
	const char *path1, *path2;
};

/* Two findings of one message, one of the next: each with its name. */
static void
report_two(FILE *fp, const void *arg)
{
	const struct two_msgs *t = arg;
	struct mhl_reporter *r;
	struct mhl_finding f;

	memset(&f, 0, sizeof(f));
	f.rule = rule("header-8bit");
	f.severity = MHL_ERROR;
	f.line = 1;
	f.message = "m";
	f.message_len = 1;
	r = mhl_reporter_new(t->format, fp);
	assert_non_null(r);
	mhl_reporter_begin(r, t->path1, 0);
	mhl_reporter_finding(r, &f);
	mhl_reporter_finding(r, &f);
	mhl_reporter_end(r);
	mhl_reporter_begin(r, t->path2, 7);
	mhl_reporter_finding(r, &f);
	mhl_reporter_end(r);
	assert_int_equal(mhl_reporter_finish(r), 0);
	mhl_reporter_free(r);
}

static void
test_message_name(void **state)
{
	static char longp[1000];
	static struct ref o;
	struct two_msgs t = { MHL_FORMAT_AMAVIS, "a\x01.eml", "b.mbox" };
	char *out, *want;
	size_t k;

	(void)state;
	out = capture(report_two, &t);
	assert_string_equal(out,
	    "a\\x{01}.eml: BAD HEADER SECTION, m\n"
	    "a\\x{01}.eml: BAD HEADER SECTION, m\n"
	    "b.mbox:7: BAD HEADER SECTION, m\n");
	free(out);
	t.format = MHL_FORMAT_JSON;
	t.path2 = NULL;
	out = capture(report_two, &t);
	assert_non_null(strstr(out, "{\"file\":\"a\\u0001.eml\",\"msgno\":0,"));
	assert_non_null(strstr(out, "}\n{\"file\":null,\"msgno\":7,"));
	free(out);

	/* A name longer than the reporter keeps: written each time. */
	memset(longp, '\x02', sizeof(longp) - 1);
	t.format = MHL_FORMAT_AMAVIS;
	t.path1 = longp;
	t.path2 = "c";
	out = capture(report_two, &t);
	o.len = 0;
	for (k = 0; k < 2; k++) {
		ref_escaped(&o, (const unsigned char *)longp,
		    sizeof(longp) - 1, 0, NULL);
		ref_put(&o, S_(": BAD HEADER SECTION, m\n"));
	}
	ref_put(&o, S_("c:7: BAD HEADER SECTION, m\n"));
	want = strndup(o.buf, o.len);
	assert_non_null(want);
	assert_string_equal(out, want);
	free(want);
	free(out);
}

/* Findings of rules a, b, a in one reporter, or each in its own. */
struct aba {
	enum mhl_format format;
	int apart;
};

static void
report_aba(FILE *fp, const void *arg)
{
	const struct aba *t = arg;
	static const char *const ids[] = { "header-8bit", "date-missing",
	    "header-8bit" };
	struct mhl_reporter *r = NULL;
	struct mhl_finding f;
	size_t i;

	memset(&f, 0, sizeof(f));
	f.severity = MHL_WARNING;
	f.line = 3;
	f.message = "m";
	f.message_len = 1;
	for (i = 0; i < 3; i++) {
		if (r == NULL) {
			r = mhl_reporter_new(t->format, fp);
			assert_non_null(r);
			mhl_reporter_begin(r, "x.eml", 0);
		}
		f.rule = rule(ids[i]);
		mhl_reporter_finding(r, &f);
		if (t->apart || i == 2) {
			mhl_reporter_end(r);
			assert_int_equal(mhl_reporter_finish(r), 0);
			mhl_reporter_free(r);
			r = NULL;
		}
	}
}

/* The number of times needle is in s. */
static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s++;
	}
	return n;
}

/* What a format keeps per rule is what it would write afresh. */
static void
test_rule_text(void **state)
{
	static const enum mhl_format formats[] = { MHL_FORMAT_JSON,
	    MHL_FORMAT_GITHUB, MHL_FORMAT_AMAVIS, MHL_FORMAT_TEXT };
	struct aba t;
	char *kept, *afresh;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		t.format = formats[i];
		t.apart = 0;
		kept = capture(report_aba, &t);
		t.apart = 1;
		afresh = capture(report_aba, &t);
		assert_string_equal(kept, afresh);
		free(kept);
		free(afresh);
	}
	t.format = MHL_FORMAT_JSON;
	t.apart = 0;
	kept = capture(report_aba, &t);
	assert_non_null(strstr(kept, "\"rule\":\"date-missing\",\"severity\":"
	    "\"warning\",\"message\":\"m\",\"sample\":null,\"rfc\":"
	    "\"RFC 5322 \xc2\xa7" "3.6\"}\n{"));
	free(kept);
	t.format = MHL_FORMAT_SARIF;
	kept = capture(report_aba, &t);
	assert_non_null(strstr(kept, "{\"ruleId\":\"date-missing\","
	    "\"ruleIndex\":"));
	assert_int_equal(count(kept, "{\"ruleId\":\"header-8bit\","
	    "\"ruleIndex\":"), 2);
	free(kept);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_len),
		cmocka_unit_test(test_json_escape),
		cmocka_unit_test(test_escape_runs),
		cmocka_unit_test(test_escape_long),
		cmocka_unit_test(test_message_name),
		cmocka_unit_test(test_rule_text),
		cmocka_unit_test(test_github_escape),
		cmocka_unit_test(test_sarif_empty),
		cmocka_unit_test(test_sarif_uri),
		cmocka_unit_test(test_source_line),
		cmocka_unit_test(test_suppress),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
