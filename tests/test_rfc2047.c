/*
 * RFC 2047 encoded-words: the span finder, the charset table, base64
 * and Q decoding edge cases, RFC 2047 §8's examples and placement in
 * unstructured fields.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "chars.h"
#include "collect.h"
#include "rfc2047.h"

#define S_(x) x, sizeof(x) - 1
#define U_(x) (const unsigned char *)x, sizeof(x) - 1
#define H "Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@example.com\n"

/* The rule ids found for a header section. */
static char *
ids_of(const char *s, size_t n)
{
	struct mhl_options opt;

	mhl_options_init(&opt);
	return rule_ids(&opt, s, n);
}

#define EXPECT(in, want) do { \
	char *ids_ = ids_of(S_(in)); \
	if (strcmp(ids_, want) != 0) \
		fail_msg("%s: want \"%s\", got \"%s\"", in, want, ids_); \
	free(ids_); \
} while (0)

static void
test_span(void **state)
{
	(void)state;
	assert_int_equal(mhl_ew_span((const unsigned char *)"=?a?b?c?=",
	    9), 9);
	assert_int_equal(mhl_ew_span((const unsigned char *)"=?a?b?c?= x",
	    11), 9);
	/* the first "?=" ends it */
	assert_int_equal(mhl_ew_span((const unsigned char *)
	    "=?a?q?x?==?a?q?y?=", 18), 9);
	/* unterminated: up to whitespace */
	assert_int_equal(mhl_ew_span((const unsigned char *)"=?a?b?cd e",
	    10), 8);
	/* not a candidate */
	assert_int_equal(mhl_ew_span((const unsigned char *)"=?", 2), 0);
	assert_int_equal(mhl_ew_span((const unsigned char *)"=??b?c?=", 8),
	    0);
	assert_int_equal(mhl_ew_span((const unsigned char *)"=?a b?c?=", 9),
	    0);
	assert_int_equal(mhl_ew_span((const unsigned char *)"=?a?", 4), 0);
	assert_int_equal(mhl_ew_span((const unsigned char *)"=?a?b", 5), 0);
	assert_int_equal(mhl_ew_span((const unsigned char *)"a=?b", 4), 0);
	/* Every byte in the encoded-text: whitespace, controls and DEL end
	 * the candidate there, '?' not followed by '=' does not, and any
	 * other byte is taken. */
	{
		unsigned char w[] = "=?a?b?cXd?=";
		int c;

		for (c = 0; c < 256; c++) {
			w[7] = (unsigned char)c;
			assert_int_equal(mhl_ew_span(w, 11), c <= ' ' ||
			    c == 0x7f ? 7 : 11);
		}
	}
	/* The same at every place of a longer text, which is scanned
	 * eight bytes at a time. */
	{
		unsigned char w[] = "=?a?b?0123456789abcdefghij?=";
		const size_t n = sizeof(w) - 1;
		size_t at;
		int c;

		for (at = 6; at < n - 2; at++)
			for (c = 0; c < 256; c++) {
				unsigned char v[sizeof(w)];

				memcpy(v, w, sizeof(w));
				v[at] = (unsigned char)c;
				assert_int_equal(mhl_ew_span(v, n),
				    c <= ' ' || c == 0x7f ? at :
				    c == '?' && v[at + 1] == '=' ? at + 2 : n);
			}
	}
}

static void
test_charsets(void **state)
{
	(void)state;
	assert_true(mhl_charset_known(U_("UTF-8")));
	assert_true(mhl_charset_known(U_("utf-8")));
	assert_true(mhl_charset_known(U_("ISO-8859-15")));
	assert_true(mhl_charset_known(U_("Windows-1252")));
	assert_true(mhl_charset_known(U_("ks_c_5601-1987")));
	assert_true(mhl_charset_known(U_("GB2312")));
	assert_true(mhl_charset_known(U_("Shift_JIS")));
	assert_true(mhl_charset_known(U_("latin1")));
	assert_true(mhl_charset_known(U_("UNKNOWN-8BIT")));
	assert_false(mhl_charset_known(U_("utf8")));
	assert_false(mhl_charset_known(U_("utf-8x")));
	assert_false(mhl_charset_known(U_("")));
}

/* Whether the space-separated ids hold this one. */
static int
has_id(const char *ids, const char *id)
{
	size_t n = strlen(id);
	const char *p;

	for (p = ids; (p = strstr(p, id)) != NULL; p += n)
		if ((p == ids || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/*
 * Every byte in the charset and in the encoding, against the grammar:
 * whitespace, controls, DEL and '?' end a part (an empty encoding is no
 * candidate), especials and 8-bit bytes may not stand in a charset, '*'
 * starts a language, the encoding is B or Q.
 */
static void
test_head_bytes(void **state)
{
	char in[128];
	int c;

	(void)state;
	for (c = 0; c < 256; c++) {
		unsigned char w[] = "=?utf-8X?Q?a?=";
		unsigned char e[] = "=?utf-8?X?YWJj?=";
		int stop = c <= ' ' || c == 0x7f || c == '?';
		char *ids;
		int n;

		w[7] = (unsigned char)c;
		assert_int_equal(mhl_ew_span(w, sizeof(w) - 1), stop ? 0 :
		    sizeof(w) - 1);
		e[8] = (unsigned char)c;
		assert_int_equal(mhl_ew_span(e, sizeof(e) - 1), stop ? 0 :
		    sizeof(e) - 1);
		if (stop)
			continue;
		n = snprintf(in, sizeof(in), H "Subject: %s\n\n", w);
		ids = ids_of(in, (size_t)n);
		if (has_id(ids, "ew-syntax") != (mhl_is_especial((unsigned
		    char)c) || c >= 0x80 || c == '*') ||
		    has_id(ids, "ew-charset-unknown") == has_id(ids,
		    "ew-syntax"))
			fail_msg("charset byte 0x%02x: %s", c, ids);
		free(ids);
		n = snprintf(in, sizeof(in), H "Subject: %s\n\n", e);
		ids = ids_of(in, (size_t)n);
		if (has_id(ids, "ew-syntax") != ((c | 0x20) != 'b' &&
		    (c | 0x20) != 'q'))
			fail_msg("encoding byte 0x%02x: %s", c, ids);
		free(ids);
	}
}

/* Base64 of n bytes, NUL-terminated. */
static void
b64_encode(const unsigned char *in, size_t n, char *out)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i < n; i += 3) {
		unsigned int v = (unsigned int)in[i] << 16;

		if (i + 1 < n)
			v |= (unsigned int)in[i + 1] << 8;
		if (i + 2 < n)
			v |= in[i + 2];
		*out++ = abc[v >> 18];
		*out++ = abc[v >> 12 & 63];
		*out++ = i + 1 < n ? abc[v >> 6 & 63] : '=';
		*out++ = i + 2 < n ? abc[v & 63] : '=';
	}
	*out = '\0';
}

/*
 * Base64 text is decoded two groups at a time where it decodes to
 * ASCII: one sequence at every place of 24 decoded bytes (four such
 * blocks) is found wherever it falls, in UTF-8, US-ASCII and Latin-1.
 * Around it "a" or NUL: with NUL every other bit is clear, so only the
 * sequence's own bits can tell that it is 8-bit.
 */
static void
test_base64_blocks(void **state)
{
	static const struct {
		const char *seq;
		int utf8_ok;
	} seqs[] = {
		{ "\xc3\xa9", 1 },
		{ "\xe2\x82\xac", 1 },
		{ "\xf0\x9f\x98\x80", 1 },
		{ "\x80", 0 },
		{ "\xc3", 0 },
		{ "\xc3\xa9\xa9", 0 },
		{ "\xed\xa0\x80", 0 },
		{ "\xff", 0 },
	};
	static const char *const charsets[] = { "UTF-8", "US-ASCII",
	    "ISO-8859-1" };
	unsigned char dec[24];
	char enc[40], in[160];
	size_t s, at, k, len;
	int n, fill;

	(void)state;
	for (s = 0; s < sizeof(seqs) / sizeof(seqs[0]); s++) {
		len = strlen(seqs[s].seq);
		for (at = 0; at + len <= sizeof(dec); at++)
			for (k = 0; k < 6; k++) {
				char *ids;
				int want;

				fill = k < 3 ? 'a' : '\0';
				memset(dec, fill, sizeof(dec));
				memcpy(dec + at, seqs[s].seq, len);
				b64_encode(dec, sizeof(dec), enc);
				n = snprintf(in, sizeof(in), H "Subject: "
				    "=?%s?B?%s?=\n\n", charsets[k % 3], enc);
				ids = ids_of(in, (size_t)n);
				want = k % 3 == 0 ? !seqs[s].utf8_ok :
				    k % 3 == 1;
				if (has_id(ids, "ew-decoded-invalid") != want ||
				    strlen(ids) > strlen("ew-decoded-invalid"))
					fail_msg("%s at %zu in %d: %s", in, at,
					    fill, ids);
				free(ids);
			}
	}
}

/*
 * Base64 text is read eight characters at a time through tables built
 * from the alphabet: every byte that does not end the word, at every
 * place of a text of six groups, against the alphabet as RFC 2045
 * Table 1 lists it ('=' at the end is padding).  In Latin-1, so that
 * only the alphabet matters.
 */
static void
test_base64_alphabet(void **state)
{
	static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	char in[160], text[25];
	size_t at;
	int c, n;

	(void)state;
	for (c = 0x21; c < 256; c++) {
		if (c == 0x7f)
			continue;
		for (at = 0; at + 1 < sizeof(text); at++) {
			char *ids;
			int in_abc = strchr(abc, c) != NULL ||
			    (c == '=' && at + 2 == sizeof(text));

			memset(text, 'Q', sizeof(text) - 1);
			text[sizeof(text) - 1] = '\0';
			text[at] = (char)c;
			n = snprintf(in, sizeof(in), H "Subject: "
			    "=?ISO-8859-1?B?%s?=\n\n", text);
			ids = ids_of(in, (size_t)n);
			if (has_id(ids, "ew-b-invalid") == in_abc ||
			    (in_abc && strcmp(ids, "") != 0))
				fail_msg("byte 0x%02x at %zu: %s", c, at, ids);
			free(ids);
		}
	}
	/* every length, with and without padding: where the bulk loop
	 * stops against the "?=" */
	for (at = 1; at + 3 < sizeof(text); at++)
		for (c = 0; c <= 2; c++) {
			char *ids;
			int ok = (at + (size_t)c) % 4 == 0 && at % 4 != 1;

			memset(text, 'Q', at);
			memset(text + at, '=', (size_t)c);
			text[at + (size_t)c] = '\0';
			n = snprintf(in, sizeof(in), H "Subject: "
			    "=?UTF-8?B?%s?=\n\n", text);
			ids = ids_of(in, (size_t)n);
			if (strcmp(ids, ok ? "" : "ew-b-invalid") != 0)
				fail_msg("%s: %s", text, ids);
			free(ids);
		}
}

/*
 * Q text is passed over eight bytes at a time where its bytes stand
 * for ASCII themselves: any byte at any place of a longer text is found
 * as it is in three bytes, which are looked at one by one.
 */
static void
test_q_blocks(void **state)
{
	char in[160], text[24];
	int c, n;
	size_t at;

	(void)state;
	for (c = 1; c < 256; c++) {
		char *want, *ids;

		if (c == '\n' || c == '\r')
			continue;
		n = snprintf(in, sizeof(in), H "Subject: =?UTF-8?Q?%caa?=\n\n",
		    c);
		want = ids_of(in, (size_t)n);
		for (at = 0; at + 3 <= sizeof(text) - 1; at++) {
			memset(text, 'a', sizeof(text) - 1);
			text[sizeof(text) - 1] = '\0';
			text[at] = (char)c;
			n = snprintf(in, sizeof(in), H "Subject: "
			    "=?UTF-8?Q?%s?=\n\n", text);
			ids = ids_of(in, (size_t)n);
			if (strcmp(ids, want) != 0)
				fail_msg("byte 0x%02x at %zu: want \"%s\", "
				    "got \"%s\"", c, at, want, ids);
			free(ids);
		}
		free(want);
	}
}

/* Whether every id of the space-separated list a is in list b. */
static int
ids_within(const char *a, const char *b)
{
	char id[64];
	size_t n;

	while (*a != '\0') {
		n = strcspn(a, " ");
		if (n >= sizeof(id))
			return 0;
		memcpy(id, a, n);
		id[n] = '\0';
		if (!has_id(b, id))
			return 0;
		a += n + (a[n] == ' ');
	}
	return 1;
}

/*
 * A field's words that share a head share what it says, which is read
 * once: the words A B A of one field find what A and B find alone
 * (each rule once per field), for heads good and bad, alike or not,
 * shorter and longer than eight bytes.
 */
static void
test_word_heads(void **state)
{
	static const char *const heads[] = {
		"=?utf-8?B?", "=?UTF-8?b?", "=?utf-8?Q?", "=?us-ascii?Q?",
		"=?iso-8859-1?Q?", "=?x-unknown?Q?", "=?utf-8*en?Q?",
		"=?utf-8*?Q?", "=?utf.8?Q?", "=?utf-8?X?", "=?utf-8?BB?",
		"=?windows-1252?B?", "=?x-unkno-1252?B?", "=?\xe9?Q?", "=?a?q?",
		"=?a?b?",
	};
	static const char *const texts[] = {
		"YWJj", "w6k=", "//4=", "YQ", "a_b", "=C3=A9", "=FF",
	};
	enum { NH = sizeof(heads) / sizeof(heads[0]),
	    NT = sizeof(texts) / sizeof(texts[0]), NW = NH * NT };
	char *alone[NW], in[256];
	size_t a, b;
	int n;

	(void)state;
	for (a = 0; a < NW; a++) {
		n = snprintf(in, sizeof(in), H "Subject: %s%s?=\n\n",
		    heads[a / NT], texts[a % NT]);
		alone[a] = ids_of(in, (size_t)n);
	}
	for (a = 0; a < NW; a++)
		for (b = 0; b < NW; b++) {
			char *ids, both[512];

			n = snprintf(in, sizeof(in), H "Subject: %s%s?= "
			    "%s%s?=\n %s%s?=\n\n", heads[a / NT],
			    texts[a % NT], heads[b / NT], texts[b % NT],
			    heads[a / NT], texts[a % NT]);
			ids = ids_of(in, (size_t)n);
			snprintf(both, sizeof(both), "%s %s", alone[a],
			    alone[b]);
			if (!ids_within(alone[a], ids) ||
			    !ids_within(alone[b], ids) ||
			    !ids_within(ids, both))
				fail_msg("%s: %s, alone %s and %s", in, ids,
				    alone[a], alone[b]);
			free(ids);
		}
	for (a = 0; a < NW; a++)
		free(alone[a]);
}

/* RFC 2047 §8's header examples: all well-formed. */
static void
test_rfc2047_examples(void **state)
{
	(void)state;
	EXPECT("From: =?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>\n"
	    "Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	    "To: =?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>\n"
	    "CC: =?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>\n"
	    "Subject: =?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\n"
	    "    =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=\n\n",
	    "");
	EXPECT(H "Subject: =?ISO-8859-1?Q?a?=\n\n", "");
	EXPECT(H "Subject: =?ISO-8859-1?Q?a?= b\n\n", "");
	EXPECT(H "Subject: =?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=\n\n", "");
	EXPECT(H "Subject: =?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=\n\n", "");
	EXPECT(H "Subject: =?ISO-8859-1?Q?a?=\n    =?ISO-8859-1?Q?b?=\n\n",
	    "");
	EXPECT(H "Subject: =?ISO-8859-1?Q?a_b?=\n\n", "");
	EXPECT(H "Subject: =?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=\n\n", "");
	/* RFC 2231 §5: a language after the charset */
	EXPECT(H "Subject: =?US-ASCII*EN?Q?Keith_Moore?=\n\n", "");
}

static void
test_base64(void **state)
{
	(void)state;
	EXPECT(H "Subject: =?UTF-8?B?YQ==?=\n\n", "");
	EXPECT(H "Subject: =?UTF-8?B?YWI=?=\n\n", "");
	EXPECT(H "Subject: =?UTF-8?B?YWJj?=\n\n", "");
	EXPECT(H "Subject: =?UTF-8?b?w6k=?=\n\n", "");
	EXPECT(H "Subject: =?UTF-8?B?YQ?=\n\n", "ew-b-invalid");
	EXPECT(H "Subject: =?UTF-8?B?YQ=?=\n\n", "ew-b-invalid");
	EXPECT(H "Subject: =?UTF-8?B?Y===?=\n\n", "ew-b-invalid");
	EXPECT(H "Subject: =?UTF-8?B?YQ==YQ==?=\n\n", "ew-b-invalid");
	EXPECT(H "Subject: =?UTF-8?B?YW=j?=\n\n", "ew-b-invalid");
	EXPECT(H "Subject: =?UTF-8?B?YW_j?=\n\n", "ew-b-invalid");
	EXPECT(H "Subject: =?UTF-8?B?YWJjZ?=\n\n", "ew-b-invalid");
	/* 0xff 0xfe: not UTF-8, fine in Latin-1 */
	EXPECT(H "Subject: =?UTF-8?B?//4=?=\n\n", "ew-decoded-invalid");
	EXPECT(H "Subject: =?ISO-8859-1?B?//4=?=\n\n", "");
	EXPECT(H "Subject: =?US-ASCII?B?//4=?=\n\n", "ew-decoded-invalid");
	/* "aaaaa", 0xc3, 12 or 3 "a", 0xa9: ASCII inside a character */
	EXPECT(H "Subject: =?UTF-8?B?YWFhYWHDYWFhYWFhYWFhYWFhqQ==?=\n\n",
	    "ew-decoded-invalid");
	EXPECT(H "Subject: =?UTF-8?B?YWFhYWHDYWFhqQ==?=\n\n",
	    "ew-decoded-invalid");
}

static void
test_q(void **state)
{
	(void)state;
	EXPECT(H "Subject: =?UTF-8?Q?=C3=A9t=C3=A9?=\n\n", "");
	EXPECT(H "Subject: =?UTF-8?q?=c3=a9?=\n\n", "");
	EXPECT(H "Subject: =?UTF-8?Q?a=?=\n\n", "ew-q-invalid");
	EXPECT(H "Subject: =?UTF-8?Q?a=4?=\n\n", "ew-q-invalid");
	EXPECT(H "Subject: =?UTF-8?Q?a=G1?=\n\n", "ew-q-invalid");
	EXPECT(H "Subject: =?UTF-8?Q?a?b?=\n\n", "ew-q-invalid");
	/* overlong, surrogate, split character */
	EXPECT(H "Subject: =?UTF-8?Q?=C0=AF?=\n\n", "ew-decoded-invalid");
	EXPECT(H "Subject: =?UTF-8?Q?=ED=A0=80?=\n\n", "ew-decoded-invalid");
	EXPECT(H "Subject: =?UTF-8?Q?=E2=82?=\n\n", "ew-decoded-invalid");
	EXPECT(H "Subject: =?UTF-8?Q?=F0=9F=98=80?=\n\n", "");
	/* ASCII inside a character, where runs are not passed over */
	EXPECT(H "Subject: =?UTF-8?Q?=C3aaaaaaaaaaaaaaaaa=A9?=\n\n",
	    "ew-decoded-invalid");
}

static void
test_syntax(void **state)
{
	(void)state;
	EXPECT(H "Subject: =?UTF-8?Q?abc\n\n", "ew-syntax");
	EXPECT(H "Subject: =?UTF-8?BQ?abc?=\n\n", "ew-syntax");
	EXPECT(H "Subject: =?UTF-8?Q?\?=\n\n", "ew-syntax");
	EXPECT(H "Subject: =?UTF.8?Q?a?=\n\n", "ew-syntax");
	EXPECT(H "Subject: =?UTF-8*?Q?a?=\n\n", "ew-syntax");
	EXPECT(H "Subject: =?UTF-8*en-GB?Q?a?=\n\n", "");
	EXPECT(H "Subject: =?x-unknown?Q?a?=\n\n", "ew-charset-unknown");
	/* not meant as encoded-words at all */
	EXPECT(H "Subject: a=?b and =? c\n\n", "");
	EXPECT(H "Subject: what=?\n\n", "");
	EXPECT(H "Subject: is 1+1=?2?yes? no\n\n", "");
	EXPECT(H "X-Url: http://e.example/a?b=?c?d?e\n\n", "");
	EXPECT(H "Subject: =?utf-8?q?We are here\n\n", "ew-syntax");
}

static void
test_placement(void **state)
{
	(void)state;
	/* glued pair: one finding */
	EXPECT(H "Subject: =?UTF-8?Q?a?==?UTF-8?Q?b?=\n\n", "ew-not-separated");
	EXPECT(H "Subject: x=?UTF-8?Q?a?=\n\n", "ew-not-separated");
	EXPECT(H "Subject: =?UTF-8?Q?a?=x\n\n", "ew-not-separated");
	EXPECT(H "Comments: (=?UTF-8?Q?a?=)\n\n", "ew-not-separated");
	EXPECT(H "Subject:=?UTF-8?Q?a?=\n\n", "");
	/* an unknown field: specials separate, as in a phrase */
	EXPECT(H "X-Sender: =?UTF-8?Q?a?=<a@b>\n\n", "");
	EXPECT(H "X-Sender: x=?UTF-8?Q?a?=\n\n", "ew-not-separated");
	/* the 76-character line limit */
	EXPECT(H "Subject: =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?="
	    " b c d e f ghij\n\n", "ew-line-long");
	EXPECT(H "Subject: =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?="
	    " b c d e f ghi\n\n", "");
	/* once per field */
	EXPECT(H "Subject: =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?="
	    " b c d e f ghij\n =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?="
	    " b c d e f ghijklmnop\n\n", "ew-line-long");
	EXPECT(H "Subject: =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?="
	    "\n b c d e f ghhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh\n\n",
	    "");
	/* lines without words between lines with words, two words on a
	 * line: each line holding words is measured */
	EXPECT(H "Subject: =?UTF-8?Q?a?=\n b c d e f "
	    "ghhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh"
	    "\n =?UTF-8?Q?b?= =?UTF-8?Q?c?=\n =?UTF-8?Q?d?= x\n\n", "");
	EXPECT(H "Subject: =?UTF-8?Q?a?=\n b\n =?UTF-8?Q?b?= =?UTF-8?Q?c?= "
	    "cccccccccccccccccccccccccccccccccccccccccccccccc\n\n",
	    "ew-line-long");
}

/* Positions: line and column of the word on a folded line. */
static void
test_location(void **state)
{
	struct mhl_options opt;
	char *out;

	(void)state;
	mhl_options_init(&opt);
	out = check_str(&opt, S_(H "Subject: a\n b =?UTF-8?B?YQ?=\n\n"));
	assert_string_equal(out, "ew-b-invalid 4:4@71 Invalid base64 in "
	    "encoded-word: length is not a multiple of 4 (missing or extra "
	    "\"=\" padding)|=?UTF-8?B?YQ?=\n");
	free(out);
	/* the long line is the third, found from its second word */
	out = check_str(&opt, S_(H "Subject: =?UTF-8?Q?a?=\n b\n x "
	    "=?UTF-8?Q?b?= =?UTF-8?Q?c?= ccccccccccccccccccccccccccccccccccccc"
	    "cccccccccc\n\n"));
	assert_string_equal(out, "ew-line-long 5:1@83 Line holding "
	    "encoded-words is 78 characters long (limit 76)| x =?UTF-8?Q?b?= "
	    "=?UTF-8?Q?c?= ccccccccccccccccccccccccccccccccccccccccccccccc\n");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_span),
		cmocka_unit_test(test_charsets),
		cmocka_unit_test(test_head_bytes),
		cmocka_unit_test(test_base64_blocks),
		cmocka_unit_test(test_base64_alphabet),
		cmocka_unit_test(test_word_heads),
		cmocka_unit_test(test_rfc2047_examples),
		cmocka_unit_test(test_base64),
		cmocka_unit_test(test_q),
		cmocka_unit_test(test_q_blocks),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_placement),
		cmocka_unit_test(test_location),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
