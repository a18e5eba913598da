/*
 * The mbox splitter (RFC 4155): where messages begin and end, what each
 * is given, whatever the cut of the input into feeds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "mhlint.h"

/*
 * The events as text: "<N>" for a message's start, its bytes up to and
 * including its first empty line (as a checker that stops at the end of
 * the header section would take them), "|" for its end.
 */
struct events {
	char buf[4096];
	size_t len;
	int last_lf;  /* the bytes so far end in LF (or LF CR) */
	int last_cr;
};

static void
ev_add(struct events *e, const void *p, size_t n)
{
	assert_true(e->len + n < sizeof(e->buf));
	memcpy(e->buf + e->len, p, n);
	e->len += n;
	e->buf[e->len] = '\0';
}

static void
ev_begin(void *arg, uint64_t msgno)
{
	struct events *e = arg;
	char num[32];

	snprintf(num, sizeof(num), "<%llu>", (unsigned long long)msgno);
	ev_add(e, num, strlen(num));
	e->last_lf = 1;
	e->last_cr = 0;
}

static int
ev_bytes(void *arg, const unsigned char *p, size_t n)
{
	struct events *e = arg;
	size_t i;

	for (i = 0; i < n; i++) {
		ev_add(e, p + i, 1);
		if (p[i] == '\n') {
			if (e->last_lf)
				return 0;
			e->last_lf = 1;
		} else if (p[i] == '\r' && e->last_lf && !e->last_cr)
			e->last_cr = 1;
		else
			e->last_lf = e->last_cr = 0;
	}
	return 1;
}

static void
ev_end(void *arg)
{
	ev_add(arg, "|", 1);
}

static const struct mhl_mbox_ops ops = { ev_begin, ev_bytes, ev_end };

/* Splits in, fed as given by cut (0: whole; else the first cut bytes,
 * then the rest; -1: one byte at a time). */
static uint64_t
split(const char *in, size_t n, long cut, struct events *e)
{
	struct mhl_mbox m;
	size_t i;

	memset(e, 0, sizeof(*e));
	mhl_mbox_init(&m, &ops, e);
	if (cut < 0)
		for (i = 0; i < n; i++)
			mhl_mbox_feed(&m, in + i, 1);
	else {
		mhl_mbox_feed(&m, in, (size_t)cut);
		mhl_mbox_feed(&m, in + cut, n - (size_t)cut);
	}
	return mhl_mbox_finish(&m);
}

/* Every cut gives the same events, and they are the wanted ones. */
static void
expect(const char *in, uint64_t nmsg, const char *want)
{
	struct events e;
	size_t n = strlen(in);
	long cut;

	for (cut = -1; cut <= (long)n; cut++) {
		if (split(in, n, cut, &e) != nmsg)
			fail_msg("cut %ld: %llu messages, want %llu", cut,
			    (unsigned long long)split(in, n, cut, &e),
			    (unsigned long long)nmsg);
		if (strcmp(e.buf, want) != 0)
			fail_msg("cut %ld:\n got \"%s\"\nwant \"%s\"", cut,
			    e.buf, want);
	}
}

static void
test_two(void **state)
{
	(void)state;
	expect("From a@b Mon Jan  1 00:00:00 2024\nSubject: 1\n\nbody\n"
	    "more\n\nFrom c@d Mon Jan  1 00:00:01 2024\nSubject: 2\n\nx\n", 2,
	    "<1>From a@b Mon Jan  1 00:00:00 2024\nSubject: 1\n\n|"
	    "<2>From c@d Mon Jan  1 00:00:01 2024\nSubject: 2\n\n|");
}

static void
test_quoted(void **state)
{
	(void)state;
	/* mboxo and mboxrd quoting: body content, never a split. */
	expect("From a\nS: 1\n\n>From x\n>>From y\nFrom\tz\nFrom b\n\n", 2,
	    "<1>From a\nS: 1\n\n|<2>From b\n\n|");
}

static void
test_field_named_from(void **state)
{
	(void)state;
	/* "From  :" is a field with space before its colon. */
	expect("From a\nFrom  :<x@y>\nFrom \t :<z>\nS: 1\n\nFrom b\n\n", 2,
	    "<1>From a\nFrom  :<x@y>\nFrom \t :<z>\nS: 1\n\n|<2>From b\n\n|");
}

static void
test_no_body(void **state)
{
	(void)state;
	/* A header section cut short by the next separator. */
	expect("From a\nS: 1\nFrom b\nS: 2\n", 2,
	    "<1>From a\nS: 1\n|<2>From b\nS: 2\n|");
}

static void
test_not_from_first(void **state)
{
	(void)state;
	expect("S: 0\n\nbody\nFrom b\nS: 2\n\n", 2,
	    "<1>S: 0\n\n|<2>From b\nS: 2\n\n|");
	expect("Fro\n", 1, "<1>Fro\n|");
	expect("F", 1, "<1>F|");
}

static void
test_edges(void **state)
{
	(void)state;
	expect("", 0, "");
	/* A "From " line cut off by the end of input starts nothing. */
	expect("From a\n\nx\nFrom ", 1, "<1>From a\n\n|");
	expect("From a\nS: 1\nFrom   ", 1, "<1>From a\nS: 1\nFrom   |");
	expect("From a\r\nS: 1\r\n\r\nFrom b\r\n\r\n", 2,
	    "<1>From a\r\nS: 1\r\n\r\n|<2>From b\r\n\r\n|");
	/* Empty messages between separators are messages. */
	expect("From a\nFrom b\nFrom c\n", 3,
	    "<1>From a\n|<2>From b\n|<3>From c\n|");
}

static void
test_long_space(void **state)
{
	char in[256], want[512];
	size_t n;

	(void)state;
	/* More SP than the splitter looks at: taken for a separator. */
	n = (size_t)snprintf(in, sizeof(in), "From a\nS: 1\nFrom ");
	memset(in + n, ' ', MHL_MBOX_HOLD);
	snprintf(in + n + MHL_MBOX_HOLD, sizeof(in) - n - MHL_MBOX_HOLD,
	    ":x\n\n");
	snprintf(want, sizeof(want), "<1>From a\nS: 1\n|<2>%s|", in + 12);
	expect(in, 2, want);
	/* One SP fewer: a field. */
	memmove(in + n + MHL_MBOX_HOLD - 1, in + n + MHL_MBOX_HOLD,
	    strlen(in + n + MHL_MBOX_HOLD) + 1);
	snprintf(want, sizeof(want), "<1>%s|", in);
	expect(in, 1, want);
}

/* Bodies long enough for the sixteen-byte scan, every cut moving where
 * its blocks fall: "F" inside lines, lines starting "F" that are not
 * separators, an LF just before and just after a block's edge. */
static void
test_long_body(void **state)
{
	static const char body[] =
	    "xxxxxxxxxxxxxxF\nFrom-x\nFoo: bar\n>From q\nFFFFFFFFFFFFFFFF\n"
	    "F\nxxxxxxxxxxxxxxx\nFrom\n0123456789abcdeF\n\nF";
	char in[512], want[512];

	(void)state;
	snprintf(in, sizeof(in), "From a\nS: 1\n\n%s\nFrom b\nS: 2\n\n%s\n",
	    body, body);
	snprintf(want, sizeof(want), "<1>From a\nS: 1\n\n|<2>From b\nS: 2\n\n|");
	expect(in, 2, want);
}

static void
test_is_separator(void **state)
{
	(void)state;
	assert_int_equal(mhl_mbox_is_separator("From a", 6), 1);
	assert_int_equal(mhl_mbox_is_separator("From \n", 6), 1);
	assert_int_equal(mhl_mbox_is_separator("From", 4), -1);
	assert_int_equal(mhl_mbox_is_separator("From  ", 6), -1);
	assert_int_equal(mhl_mbox_is_separator("From  :", 7), 0);
	assert_int_equal(mhl_mbox_is_separator("From:", 5), 0);
	assert_int_equal(mhl_mbox_is_separator(">From a", 7), 0);
	assert_int_equal(mhl_mbox_is_separator("", 0), -1);
	assert_int_equal(mhl_mbox_is_separator("X", 1), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_field_named_from),
		cmocka_unit_test(test_no_body),
		cmocka_unit_test(test_not_from_first),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_long_space),
		cmocka_unit_test(test_long_body),
		cmocka_unit_test(test_is_separator),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
