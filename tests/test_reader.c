/*
 * The reader: line endings, field splitting, the end of the header
 * section, and independence from where the input is split.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <sys/stat.h>

#include "collect.h"

/* ---- the reader API directly ---- */

struct events {
	char text[8192];
	size_t n;
	struct mhl_header_end end;
	int ended;
	size_t body;
	unsigned char bodybuf[256];
};

static void
ev_field(void *arg, const struct mhl_field *f)
{
	struct events *e = arg;

	e->n += (size_t)snprintf(e->text + e->n, sizeof(e->text) - e->n,
	    "[%d %.*s L%llu n%llu len%zu kept%zu lf%llu crlf%llu]",
	    (int)f->kind, (int)f->name_len, (const char *)f->name,
	    (unsigned long long)f->line, (unsigned long long)f->nlines,
	    f->len, f->kept, (unsigned long long)f->eol_lf,
	    (unsigned long long)f->eol_crlf);
}

static void
ev_end(void *arg, const struct mhl_header_end *he)
{
	struct events *e = arg;

	e->end = *he;
	e->ended++;
}

static void
ev_body(void *arg, const unsigned char *p, size_t n)
{
	struct events *e = arg;

	if (e->body + n <= sizeof(e->bodybuf))
		memcpy(e->bodybuf + e->body, p, n);
	e->body += n;
}

static void
read_all(struct events *e, int amavis, int body, const char *s, size_t len,
    size_t chunk)
{
	struct mhl_reader_options o = { amavis, 0 };
	struct mhl_reader_ops ops = { ev_field, ev_end, body ? ev_body : NULL };
	struct mhl_reader *r;
	size_t off, n;

	memset(e, 0, sizeof(*e));
	r = mhl_reader_new(&o, &ops, e);
	assert_non_null(r);
	if (chunk == 0)
		chunk = len > 0 ? len : 1;
	for (off = 0; off < len; off += n) {
		n = len - off < chunk ? len - off : chunk;
		mhl_reader_feed(r, s + off, n);
	}
	mhl_reader_finish(r);
	mhl_reader_free(r);
	assert_int_equal(e->ended, 1);
}

#define S(x) x, sizeof(x) - 1

static void
test_line_endings(void **state)
{
	struct events e;

	(void)state;
	read_all(&e, 0, 0, S("A: 1\r\nB: 2\n\r\nbody"), 0);
	assert_string_equal(e.text,
	    "[0 A L1 n1 len5 kept5 lf0 crlf1][0 B L2 n1 len5 kept5 lf1 crlf0]");
	assert_int_equal(e.end.how, MHL_END_EMPTY_LINE);
	assert_int_equal(e.end.line, 3);
	assert_int_equal(e.end.eol_crlf, 2);
	assert_int_equal(e.end.eol_lf, 1);
	assert_int_equal(e.end.mixed_line, 2);
	assert_int_equal(e.end.body_offset, 13);
	/* a bare CR stays in the line */
	read_all(&e, 0, 0, S("A: 1\r2\nB: 3\n\n"), 0);
	assert_string_equal(e.text,
	    "[0 A L1 n1 len7 kept7 lf1 crlf0][0 B L2 n1 len5 kept5 lf1 crlf0]");
	assert_int_equal(e.end.mixed_line, 0);
}

static void
test_cr_at_chunk_end(void **state)
{
	struct events a, b;

	(void)state;
	read_all(&a, 0, 0, S("Subject: a\r\nFrom: b\r\n\r\n"), 0);
	read_all(&b, 0, 0, S("Subject: a\r\nFrom: b\r\n\r\n"), 11);
	assert_string_equal(a.text, b.text);
	assert_int_equal(b.end.eol_crlf, 3);
	assert_int_equal(b.end.eol_lf, 0);
	read_all(&b, 0, 0, S("Subject: a\r\nFrom: b\r\n\r\n"), 1);
	assert_string_equal(a.text, b.text);
	/* a CR as the very last byte is a bare CR */
	read_all(&a, 0, 0, S("Subject: a\r"), 0);
	assert_string_equal(a.text, "[0 Subject L1 n1 len12 kept12 lf0 crlf0]");
	assert_int_equal(a.end.how, MHL_END_EOF);
}

static void
test_folding(void **state)
{
	struct events e;

	(void)state;
	read_all(&e, 0, 0, S("Subject: a\n b\n\tc\nTo: x\n\n"), 0);
	assert_string_equal(e.text, "[0 Subject L1 n3 len17 kept17 lf3 crlf0]"
	    "[0 To L4 n1 len6 kept6 lf1 crlf0]");
	/* a continuation line first */
	read_all(&e, 0, 0, S(" lead\nTo: x\n\n"), 0);
	assert_string_equal(e.text, "[2  L1 n1 len6 kept6 lf1 crlf0]"
	    "[0 To L2 n1 len6 kept6 lf1 crlf0]");
	/* no colon; a name then space then no colon */
	read_all(&e, 0, 0, S("no colon here\nX y: z\n\n"), 0);
	assert_string_equal(e.text, "[1 no L1 n1 len14 kept14 lf1 crlf0]"
	    "[1 X L2 n1 len7 kept7 lf1 crlf0]");
	/* "Subject :" is a field */
	read_all(&e, 0, 0, S("Subject : x\n\n"), 0);
	assert_string_equal(e.text, "[0 Subject L1 n1 len12 kept12 lf1 crlf0]");
}

static void
test_header_end(void **state)
{
	struct events e;

	(void)state;
	/* no empty line: everything is header */
	read_all(&e, 0, 0, S("A: 1\nB: 2"), 0);
	assert_int_equal(e.end.how, MHL_END_EOF);
	assert_int_equal(e.end.nfields, 2);
	/* empty input */
	read_all(&e, 0, 0, "", 0, 0);
	assert_int_equal(e.end.how, MHL_END_EOF);
	assert_int_equal(e.end.nfields, 0);
	/* an empty header section */
	read_all(&e, 0, 1, S("\nbody\n"), 0);
	assert_int_equal(e.end.how, MHL_END_EMPTY_LINE);
	assert_int_equal(e.end.nfields, 0);
	assert_int_equal(e.body, 5);
	assert_memory_equal(e.bodybuf, "body\n", 5);
}

static void
test_whitespace_separator(void **state)
{
	struct events e;

	(void)state;
	/* a blank-looking line, then text that is no field: separator */
	read_all(&e, 0, 1, S("A: 1\n \nThis is the body.\n"), 0);
	assert_int_equal(e.end.how, MHL_END_WS_LINE);
	assert_int_equal(e.end.line, 2);
	assert_int_equal(e.end.offset, 5);
	assert_int_equal(e.end.body_offset, 7);
	assert_int_equal(e.body, 18);
	assert_string_equal(e.text, "[0 A L1 n1 len5 kept5 lf2 crlf0]");
	/* ... then a field: a whitespace-only fold */
	read_all(&e, 0, 0, S("A: 1\n \nB: 2\n\n"), 0);
	assert_int_equal(e.end.how, MHL_END_EMPTY_LINE);
	assert_string_equal(e.text, "[0 A L1 n2 len7 kept7 lf2 crlf0]"
	    "[0 B L3 n1 len5 kept5 lf1 crlf0]");
	/* ... split in every way */
	read_all(&e, 0, 1, S("A: 1\r\n \r\nThis is the body.\r\n"), 1);
	assert_int_equal(e.end.how, MHL_END_WS_LINE);
	assert_int_equal(e.body, 19);
	/* Amavis: always a fold, the body becomes header */
	read_all(&e, 1, 0, S("A: 1\n \nThis is the body.\n"), 0);
	assert_int_equal(e.end.how, MHL_END_EOF);
	assert_string_equal(e.text, "[0 A L1 n2 len7 kept7 lf2 crlf0]"
	    "[1 This L3 n1 len18 kept18 lf1 crlf0]");
}

static void
test_envelope(void **state)
{
	struct events e;

	(void)state;
	read_all(&e, 0, 0, S("From a@b Mon Jan  1 10:00:00 2024\nFrom: a@b\n"
	    "\n"), 0);
	assert_int_equal(e.end.envelope, 1);
	assert_string_equal(e.text, "[0 From L2 n1 len10 kept10 lf1 crlf0]");
	read_all(&e, 0, 0, S("From a@b Mon Jan  1 10:00:00 2024\nFrom: a@b\n"
	    "\n"), 1);
	assert_string_equal(e.text, "[0 From L2 n1 len10 kept10 lf1 crlf0]");
	/* "From:" is a field, not an envelope */
	read_all(&e, 0, 0, S("From: a@b\n\n"), 2);
	assert_int_equal(e.end.envelope, 0);
	assert_string_equal(e.text, "[0 From L1 n1 len10 kept10 lf1 crlf0]");
	/* "From  :" is a field with obsolete blanks (RFC 5322 A.6.3) */
	read_all(&e, 0, 0, S("From  : a@b\n\n"), 1);
	assert_int_equal(e.end.envelope, 0);
	assert_string_equal(e.text, "[0 From L1 n1 len12 kept12 lf1 crlf0]");
	read_all(&e, 0, 0, S("From \t:a@b\r\n\r\n"), 0);
	assert_int_equal(e.end.envelope, 0);
	/* "From " and blanks alone: no envelope, a line that is no field */
	read_all(&e, 0, 0, S("From  \nA: 1\n\n"), 1);
	assert_int_equal(e.end.envelope, 0);
	/* an envelope with blanks after "From " */
	read_all(&e, 0, 0, S("From   a@b Mon Jan  1 10:00:00 2024\nA: 1\n\n"),
	    1);
	assert_int_equal(e.end.envelope, 1);
	assert_string_equal(e.text, "[0 A L2 n1 len5 kept5 lf1 crlf0]");
	/* only in the first line */
	read_all(&e, 0, 0, S("A: 1\nFrom x\n\n"), 0);
	assert_string_equal(e.text, "[0 A L1 n1 len5 kept5 lf1 crlf0]"
	    "[1 From L2 n1 len7 kept7 lf1 crlf0]");
	/* a file of just the envelope line */
	read_all(&e, 0, 0, S("From x"), 0);
	assert_int_equal(e.end.nfields, 0);
}

static void
test_bounded_field(void **state)
{
	struct events e;
	size_t len = 3 * MHL_FIELD_KEEP, i;
	char *big = malloc(len + 16), want[128];

	(void)state;
	assert_non_null(big);
	memcpy(big, "X: ", 3);
	for (i = 3; i < len; i++)
		big[i] = i % 70 == 0 ? '\n' : (i % 70 == 1 ? ' ' : 'a');
	memcpy(big + len, "\n\n", 2);
	read_all(&e, 0, 0, big, len + 2, 4096);
	snprintf(want, sizeof(want), "[0 X L1 n%zu len%zu kept%d",
	    (len - 1) / 70 + 1, len + 1, MHL_FIELD_KEEP);
	assert_memory_equal(e.text, want, strlen(want));
	free(big);
}

/* ---- every split point of every fixture gives the same findings ---- */

static size_t nfiles;

static void
check_splits(const char *path, const struct mhl_options *opt)
{
	FILE *fp;
	char *buf, *whole, *part;
	long len;
	size_t n, split;

	fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	n = fread(buf, 1, (size_t)len, fp);
	assert_int_equal(n, (size_t)len);
	fclose(fp);
	whole = check_chunked(opt, buf, n, 0, 0);
	/* every split point of files up to 4 KiB; beyond, a sample */
	for (split = 0; split <= n; split += n <= 4096 ? 1 : 97) {
		part = check_chunked(opt, buf, n, (size_t)-1, split);
		if (strcmp(whole, part) != 0)
			fail_msg("%s: split at %zu differs:\n%s---\n%s", path,
			    split, whole, part);
		free(part);
	}
	part = check_chunked(opt, buf, n, 1, 0);
	if (strcmp(whole, part) != 0)
		fail_msg("%s: 1-byte feeds differ:\n%s---\n%s", path, whole,
		    part);
	free(part);
	free(whole);
	free(buf);
}

static void
walk(const char *dir)
{
	struct mhl_options opt;
	struct dirent *de;
	struct stat st;
	char path[4096];
	DIR *d;
	size_t len;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) == -1)
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk(path);
			continue;
		}
		len = strlen(de->d_name);
		if (len < 4 || strcmp(de->d_name + len - 4, ".eml") != 0)
			continue;
		mhl_options_init(&opt);
		check_splits(path, &opt);
		opt.profile = MHL_PROFILE_AMAVIS;
		opt.amavis_tests |= MHL_AT_UTF8;
		check_splits(path, &opt);
		nfiles++;
	}
	closedir(d);
}

static void
test_split_points(void **state)
{
	(void)state;
	walk("testdata");
	assert_true(nfiles >= 15);
}

/* An empty message may be passed as (NULL, 0): found by fuzz_fix, whose
 * repaired output of an empty input is empty (and NULL). */
static void
test_empty_null_feed(void **state)
{
	struct mhl_options opt;
	char *got;

	(void)state;
	mhl_options_init(&opt);
	got = check_chunked(&opt, NULL, 0, 0, 0);
	assert_non_null(strstr(got, "date-missing 1:1@0"));
	assert_non_null(strstr(got, "from-missing 1:1@0"));
	free(got);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_endings),
		cmocka_unit_test(test_cr_at_chunk_end),
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_header_end),
		cmocka_unit_test(test_whitespace_separator),
		cmocka_unit_test(test_envelope),
		cmocka_unit_test(test_bounded_field),
		cmocka_unit_test(test_split_points),
		cmocka_unit_test(test_empty_null_feed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
