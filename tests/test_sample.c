/*
 * Amavis's sample builder (SPEC.md, "The sample after the colon").
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "internal.h"

static unsigned char out[SAMPLE_MAX];

#define U(s) (const unsigned char *)(s)

static size_t
build(const char *name, const char *pre, const char *mid, const char *post)
{
	return mhl_sample(out, U(name), strlen(name), U(pre), strlen(pre),
	    strlen(pre), U(mid), strlen(mid), strlen(mid), U(post),
	    strlen(post), strlen(post));
}

static void
expect(size_t n, const char *want)
{
	if (n != strlen(want) || memcmp(out, want, n) != 0)
		fail_msg("got \"%.*s\", want \"%s\"", (int)n, out, want);
}

static void
test_short(void **state)
{
	(void)state;
	expect(build("Subject", "Subject: a", "\x9c", "b"), "Subject: a\x9c" "b");
}

static void
test_post_cut(void **state)
{
	(void)state;
	/* 21 bytes: cut to 15 plus [...] */
	expect(build("S", "S: ", "x", "123456789012345678901"),
	    "S: x123456789012345[...]");
	/* exactly 20 stays */
	expect(build("S", "S: ", "x", "12345678901234567890"),
	    "S: x12345678901234567890");
}

static void
test_utf8_cut(void **state)
{
	(void)state;
	/* a two-byte character across the cut at 15 is dropped whole */
	expect(build("S", "S: ", "x", "12345678901234\xc3\xa9xxxxxxx"),
	    "S: x12345678901234[...]");
	/* a complete one at the cut stays */
	expect(build("S", "S: ", "x", "1234567890123\xc3\xa9xxxxxxxx"),
	    "S: x1234567890123\xc3\xa9[...]");
	/* a three-byte character with two bytes before the cut */
	expect(build("S", "S: ", "x", "1234567890123\xe2\x82\xacxxxxxx"),
	    "S: x1234567890123[...]");
}

static void
test_pre_cut(void **state)
{
	(void)state;
	/* pre - name - 2 = 60 > 50 - 1: "NAME: ..." and the last 44 */
	expect(build("Subject", "Subject: "
	    "aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeeeeeeeeffffffffff",
	    "\xe9", "z"),
	    "Subject: ...bbbbccccccccccddddddddddeeeeeeeeeeffffffffff\xe9z");
	/* exactly at the limit: kept whole */
	expect(build("S", "S: 12345678901234567890123456789012345678901234567",
	    "\xe9", "zz"),
	    "S: 12345678901234567890123456789012345678901234567\xe9zz");
}

static void
test_mid_cut(void **state)
{
	(void)state;
	expect(build("X", "X: c\n", "                         ", ""),
	    "X: c\n               [...]");
}

static void
test_char_hex(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(mhl_char_hex(buf, sizeof(buf), U("\xc3\xbc"), 2),
	    17);
	assert_string_equal(buf, " (char C3 BC hex)");
	assert_int_equal(mhl_char_hex(buf, 32, U("\x20\x20\x20\x09"), 4),
	    23);
	assert_string_equal(buf, " (char 20 20 20 09 hex)");
	assert_int_equal(mhl_char_hex(buf, sizeof(buf), U("\xfe"), 1), 14);
	assert_string_equal(buf, " (char FE hex)");
	mhl_char_hex(buf, sizeof(buf), U("     "), 5);
	assert_string_equal(buf, "");
	mhl_char_hex(buf, sizeof(buf), U(""), 0);
	assert_string_equal(buf, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short),
		cmocka_unit_test(test_post_cut),
		cmocka_unit_test(test_utf8_cut),
		cmocka_unit_test(test_pre_cut),
		cmocka_unit_test(test_mid_cut),
		cmocka_unit_test(test_char_hex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
