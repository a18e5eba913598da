/*
 * The repair writer (src/fix.c), the RFC 2047 encoder (src/rfc2047enc.c)
 * and the alert field (src/annotate.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mhlint_fix.h"
#include "internal.h"
#include "fix_internal.h"

#define S(x) x, sizeof(x) - 1

struct out {
	unsigned char *p;
	size_t n, cap;
	char notes[4096];
	size_t nn;
};

static int
out_write(void *arg, const void *p, size_t n)
{
	struct out *o = arg;

	if (o->n + n > o->cap) {
		o->cap = (o->n + n) * 2;
		o->p = realloc(o->p, o->cap);
		assert_non_null(o->p);
	}
	memcpy(o->p + o->n, p, n);
	o->n += n;
	return 0;
}

static void
out_note(void *arg, const struct mhl_fix_note *nt)
{
	struct out *o = arg;
	int k;

	k = snprintf(o->notes + o->nn, sizeof(o->notes) - o->nn, "%s%.*s\n",
	    nt->repaired ? "" : "NOT: ", (int)nt->text_len, nt->text);
	if (k > 0 && (size_t)k < sizeof(o->notes) - o->nn)
		o->nn += (size_t)k;
}

/* Fixes s in chunks of 'chunk' bytes (0: all at once). */
static void
fix(struct out *o, const struct mhl_fix_options *opt, const void *s,
    size_t len, size_t chunk)
{
	struct mhl_fixer *fx;
	size_t off, n;

	memset(o, 0, sizeof(*o));
	fx = mhl_fixer_new(opt, out_write, out_note, o);
	assert_non_null(fx);
	if (chunk == 0)
		chunk = len > 0 ? len : 1;
	for (off = 0; off < len; off += n) {
		n = len - off < chunk ? len - off : chunk;
		assert_int_equal(mhl_fixer_feed(fx, (const char *)s + off, n),
		    0);
	}
	assert_int_equal(mhl_fixer_finish(fx), 0);
	mhl_fixer_free(fx);
	out_write(o, "", 1);	/* a NUL for printing; not counted */
	o->n--;
}

static void
expect(const struct mhl_fix_options *opt, const char *in, size_t len,
    const char *want)
{
	struct out o;

	fix(&o, opt, in, len, 0);
	if (o.n != strlen(want) || memcmp(o.p, want, o.n) != 0)
		fail_msg("got\n%s\nwant\n%s", (char *)o.p, want);
	free(o.p);
}

static const struct mhl_fix_options lf = { 1, 0, NULL, 0 };

static void
test_eol(void **state)
{
	static const struct mhl_fix_options crlf = { 0, 0, NULL, 0 };
	static const struct mhl_fix_options body = { 0, 1, NULL, 0 };
	static const struct mhl_fix_options body_lf = { 1, 1, NULL, 0 };

	(void)state;
	/* The header's line endings become CRLF; the body stays. */
	expect(&crlf, S("A: 1\nB: 2\r\n\nx\ny\r\n"),
	    "A: 1\r\nB: 2\r\n\r\nx\ny\r\n");
	expect(&lf, S("A: 1\r\nB: 2\n\r\nx\r\n"), "A: 1\nB: 2\n\nx\r\n");
	/* --fix-body-eol: the body too; a bare CR stays. */
	expect(&body, S("A: 1\n\nx\ny\rz\r\n"), "A: 1\r\n\r\nx\r\ny\rz\r\n");
	/* CRs before a CRLF: one ends the line; with LF endings all do,
	 * else the CR kept before the LF would be a CRLF next time */
	expect(&body, S("A: 1\n\nx\r\r\ny\r\r\r\n\r"),
	    "A: 1\r\n\r\nx\r\r\ny\r\r\r\n\r");
	expect(&body_lf, S("A: 1\n\nx\r\r\ny\r\r\r\nz\rw\r"),
	    "A: 1\n\nx\ny\nz\rw\r");
	/* ... also in lines that turn out to be the body at the end */
	expect(&body, S("A: 1\nno field\r\nx\n"),
	    "A: 1\r\n\r\nno field\r\nx\r\n");
	/* A missing final line ending is added in the header. */
	expect(&lf, S("A: 1\nB: 2"), "A: 1\nB: 2\n");
}

static void
test_controls_and_blank_lines(void **state)
{
	struct out o;

	(void)state;
	expect(&lf, S("A: n\0l\x1b[0m\x7f\n\nb"), "A: nl[0m\n\nb");
	expect(&lf, S("A: bare\rcr\n\n"), "A: barecr\n\n");
	/* whitespace-only continuation lines go */
	expect(&lf, S("A: 1\n \n\t\n 2\nB: 3\n\n"), "A: 1\n 2\nB: 3\n\n");
	/* ... also before a field that needs repairs of its own */
	expect(&lf, S("A: 1\n \nB: \1x\n\n"), "A: 1\nB: x\n\n");
	expect(&lf, S("A: 1\n\t\nX-B: \xe9t\xe9\n\n"),
	    "A: 1\nX-B: =?ISO-8859-1?Q?=E9t=E9?=\n\n");
	/* ... also one left blank by a removed control */
	expect(&lf, S("A: 1\n \0\nB: 3\n\n"), "A: 1\nB: 3\n\n");
	/* a whitespace-only line before a non-field line is the separator */
	expect(&lf, S("A: 1\n  \nbody\n"), "A: 1\n\nbody\n");
	/* ... also as the first line: the body stays the body */
	expect(&lf, S(" \n\2x\n\nb\n"), "\n\2x\n\nb\n");
	expect(&lf, S("\t \nbody\n"), "\nbody\n");
	/* but before a field or a fold it is a leading line, dropped */
	expect(&lf, S(" \nA: 1\n\n"), "A: 1\n\n");
	expect(&lf, S(" \n more\nA: 1\n\n"), "A: 1\n\n");
	/* at the end of input it continued the field */
	expect(&lf, S("A: 1\n  \n"), "A: 1\n");
	/* non-field lines up to the end: the separator was missing */
	expect(&lf, S("A: 1\nHello Bob,\nbye\n"), "A: 1\n\nHello Bob,\nbye\n");
	/* non-field lines followed by a field: left, not guessed */
	expect(&lf, S("A: 1\nnot a field\nB: 2\n\n"),
	    "A: 1\nnot a field\nB: 2\n\n");
	/* ... but for their controls */
	fix(&o, &lf, S("A: 1\nnot\0 a\r\x7f field\n x\1\nB: 2\n\n"), 0);
	assert_string_equal((char *)o.p, "A: 1\nnot a field\n x\nB: 2\n\n");
	assert_string_equal(o.notes, "removed 4 control character(s) (NUL, "
	    "CR, C0 or DEL) from lines that are not fields\n");
	free(o.p);
	/* ... unless without them a line would be a field or a fold */
	fix(&o, &lf, S("A: 1\n\1B: 2\n\2 x\nC: 3\n\n"), 0);
	assert_string_equal((char *)o.p, "A: 1\n\1B: 2\n\2 x\nC: 3\n\n");
	assert_non_null(strstr(o.notes, "NOT: 2 control character(s) left"));
	free(o.p);
}

static void
test_leading(void **state)
{
	struct out o;

	(void)state;
	fix(&o, &lf, S(" Subject: x\nA: 1\n\n"), 0);
	assert_string_equal((char *)o.p, "Subject: x\nA: 1\n\n");
	assert_non_null(strstr(o.notes, "unindented"));
	free(o.p);
	fix(&o, &lf, S(" folded first\n more\nA: 1\n\n"), 0);
	assert_string_equal((char *)o.p, "A: 1\n\n");
	assert_non_null(strstr(o.notes, "dropped: \"folded first\""));
	free(o.p);
}

static void
test_envelope(void **state)
{
	(void)state;
	expect(&lf, S("From a@b Mon Jan  1 00:00:00 2024\r\nA: 1\r\n\r\nb"),
	    "From a@b Mon Jan  1 00:00:00 2024\r\nA: 1\n\nb");
	/* "From  :" is a From field, repaired like any other */
	expect(&lf, S("From  : a@b\1.c\r\nA: 1\n\nb"),
	    "From  : a@b.c\nA: 1\n\nb");
	expect(&lf, S("From \t:a\rb\n\n"), "From \t:ab\n\n");
}

/* Decodes Q encoded-text into dst; returns its length. */
static size_t
q_decode(unsigned char *dst, const char *p, size_t n)
{
	size_t i, k = 0;
	unsigned int x;

	for (i = 0; i < n; i++) {
		if (p[i] == '_')
			dst[k++] = ' ';
		else if (p[i] == '=' && i + 2 < n &&
		    sscanf(p + i + 1, "%2X", &x) == 1) {
			dst[k++] = (unsigned char)x;
			i += 2;
		} else
			dst[k++] = (unsigned char)p[i];
	}
	return k;
}

/*
 * Checks every encoded-word of the field: at most 75 characters, each
 * one whole characters (valid UTF-8 on its own), lines at most 78; and
 * that the words decode to 'text'.
 */
static void
check_words(const char *field, const char *cs, const char *text)
{
	unsigned char dec[4096], one[256];
	size_t dn = 0, k, pl = strlen(cs) + 5;
	const char *p = field, *e, *nl;

	for (nl = field; (e = strchr(nl, '\n')) != NULL; nl = e + 1)
		assert_true((size_t)(e - nl) <= LINE_EW);
	while ((p = strstr(p, "=?")) != NULL) {
		assert_memory_equal(p + 2, cs, strlen(cs));
		e = strstr(p + pl, "?=");
		assert_non_null(e);
		assert_true((size_t)(e + 2 - p) <= EW_MAX);
		k = q_decode(one, p + pl, (size_t)(e - p - (ptrdiff_t)pl));
		if (strcmp(cs, "UTF-8") == 0)
			assert_true(mhl_utf8_valid(one, k));
		memcpy(dec + dn, one, k);
		dn += k;
		p = e + 2;
	}
	assert_int_equal(dn, strlen(text));
	assert_memory_equal(dec, text, dn);
}

static void
test_encode_split(void **state)
{
	char in[2048], want[2048];
	struct out o;
	size_t n, i;

	(void)state;
	/* 60 three-byte characters: must split between characters. */
	n = (size_t)snprintf(in, sizeof(in), "Subject: ");
	for (i = 0; i < 60; i++) {
		memcpy(in + n, "\xe2\x82\xac", 3);
		n += 3;
	}
	memcpy(want, in + 9, n - 9);
	want[n - 9] = '\0';
	memcpy(in + n, "\n\n", 2);
	fix(&o, &lf, in, n + 2, 0);
	check_words((char *)o.p, "UTF-8", want);
	assert_non_null(strstr(o.notes, "encoded"));
	free(o.p);

	/* Latin-1 bytes, the default charset: one byte per character. */
	n = (size_t)snprintf(in, sizeof(in), "X-Note: ");
	for (i = 0; i < 70; i++)
		in[n++] = (char)(0xe0 + i % 16);
	memcpy(want, in + 8, n - 8);
	want[n - 8] = '\0';
	memcpy(in + n, "\n\n", 2);
	fix(&o, &lf, in, n + 2, 0);
	check_words((char *)o.p, "ISO-8859-1", want);
	assert_non_null(strstr(o.notes, "taken as ISO-8859-1"));
	free(o.p);
}

static void
test_encode_words(void **state)
{
	static const struct mhl_fix_options w1252 = { 1, 0, "windows-1252", 0 };
	static const struct mhl_fix_options u8 = { 1, 0, NULL, 1 };

	(void)state;
	/* Adjacent 8-bit words make one run, the blank inside it. */
	expect(&lf, S("Subject: Gr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln\n\n"),
	    "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= aus =?UTF-8?Q?K=C3=B6ln?=\n\n");
	expect(&lf, S("Subject: \xc3\xa9t\xc3\xa9 \xc3\xa0 x\n\n"),
	    "Subject: =?UTF-8?Q?=C3=A9t=C3=A9_=C3=A0?= x\n\n");
	/* An encoded-word beside ours keeps the blank between them. */
	expect(&lf, S("Subject: =?UTF-8?Q?a?= \xc3\xa9\n\n"),
	    "Subject: =?UTF-8?Q?a?= =?UTF-8?Q?_=C3=A9?=\n\n");
	/* A Q word with raw bytes: they become =XX. */
	expect(&lf, S("Subject: =?iso-8859-1?Q?Fr\xf6sche?=\n\n"),
	    "Subject: =?iso-8859-1?Q?Fr=F6sche?=\n\n");
	/* --smtputf8: UTF-8 stays raw, but for C1 controls */
	expect(&u8, S("Subject: K\xc3\xb6ln\n\n"), "Subject: K\xc3\xb6ln\n\n");
	expect(&u8, S("Subject: \xc2\x85\n\n"),
	    "Subject: =?UTF-8?Q?=C2=85?=\n\n");
	expect(&u8, S("Subject: \xe9\n\n"),
	    "Subject: =?ISO-8859-1?Q?=E9?=\n\n");
	/* --assume-charset */
	expect(&w1252, S("Comments: \x80uro\n\n"),
	    "Comments: =?WINDOWS-1252?Q?=80uro?=\n\n");
	assert_true(mhl_fix_charset_ok("iso-8859-15"));
	assert_false(mhl_fix_charset_ok("Shift_JIS"));
	assert_false(mhl_fix_charset_ok("UTF-8"));
}

/* Expects 'want' and a note holding 'note'. */
static void
expect_note(const struct mhl_fix_options *opt, const char *in, size_t len,
    const char *want, const char *note)
{
	struct out o;

	fix(&o, opt, in, len, 0);
	if (o.n != strlen(want) || memcmp(o.p, want, o.n) != 0)
		fail_msg("got\n%s\nwant\n%s", (char *)o.p, want);
	if (strstr(o.notes, note) == NULL)
		fail_msg("no note \"%s\" in\n%s", note, o.notes);
	free(o.p);
}

static void
test_structured(void **state)
{
	static const struct mhl_fix_options l15 = { 1, 0, "ISO-8859-15", 0 };
	static const struct mhl_fix_options u8 = { 1, 0, NULL, 1 };
	char in[512], want[512];
	struct out o;
	size_t n, i;

	(void)state;
	/* A display name: its words one run, the blank inside. */
	expect_note(&lf, S("From: J\xc3\xbcrgen M\xc3\xbcller "
	    "<j@example.com>\n\n"),
	    "From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <j@example.com>\n\n",
	    "From: raw non-ASCII in display names and comments encoded");
	/* A quoted name is unquoted, its quoted-pairs resolved. */
	expect(&lf, S("To: \"M\xc3\xbcller, J\\\"o\\\"\" <m@example.com>, "
	    "x@example.com\n\n"),
	    "To: =?UTF-8?Q?M=C3=BCller=2C_J=22o=22?= <m@example.com>, "
	    "x@example.com\n\n");
	/* A comment in Latin-1, with --assume-charset. */
	expect_note(&l15, S("Date: Mon, 1 Jan 2024 10:00:00 +0100 "
	    "(heure d'\xe9t\xe9)\n\n"),
	    "Date: Mon, 1 Jan 2024 10:00:00 +0100 "
	    "(heure =?ISO-8859-15?Q?d=27=E9t=E9?=)\n\n",
	    "Date: not UTF-8, so taken as ISO-8859-15");
	/* A group's display name; a blank put before its ':'. */
	expect(&lf, S("To: Fr\xc3\xa9nde: a@example.com, b@example.com;\n\n"),
	    "To: =?UTF-8?Q?Fr=C3=A9nde?= : a@example.com, b@example.com;\n\n");
	expect(&lf, S("Cc: Silvia \xf0\x9f\x92\x95<s@example.com>\n\n"),
	    "Cc: Silvia =?UTF-8?Q?=F0=9F=92=95?= <s@example.com>\n\n");
	/* ASCII words stay (a placeholder too); glued words go along. */
	expect(&lf, S("From: {{name}} Dr.M\xc3\xbcller <d@example.com>\n\n"),
	    "From: {{name}} =?UTF-8?Q?Dr=2EM=C3=BCller?= <d@example.com>\n\n");
	/* The address stays raw and is reported (RFC 6532). */
	expect_note(&lf, S("To: J\xc3\xbcrgen <j\xc3\xbc@example.com>\n\n"),
	    "To: =?UTF-8?Q?J=C3=BCrgen?= <j\xc3\xbc@example.com>\n\n",
	    "NOT: To: raw non-ASCII in a structured field left as it is (in "
	    "an address)");
	/* "addr (Name)": the comment after it is encoded, not one in it. */
	expect(&lf, S("Cc: j@example.com (J\xc3\xbc B)\n\n"),
	    "Cc: j@example.com (=?UTF-8?Q?J=C3=BC?= B)\n\n");
	expect(&lf, S("Cc: j(\xc3\xbc)@example.com\n\n"),
	    "Cc: j(\xc3\xbc)@example.com\n\n");
	expect(&lf, S("From: <j(\xc3\xbc)@example.com>\n\n"),
	    "From: <j(\xc3\xbc)@example.com>\n\n");
	/* A field that does not parse is left whole. */
	expect_note(&lf, S("From: \"Nocib\xc3\xa9\", <i@example.com>\n\n"),
	    "From: \"Nocib\xc3\xa9\", <i@example.com>\n\n",
	    "(the field does not parse)");
	/* RFC 2047 §5: no encoded-words in Received. */
	expect_note(&lf, S("Received: from a (\xc3\xbc) by b; "
	    "Mon, 1 Jan 2024 10:00:00 +0000\n\n"),
	    "Received: from a (\xc3\xbc) by b; "
	    "Mon, 1 Jan 2024 10:00:00 +0000\n\n", "in Received");
	/* A Q word with raw bytes in a phrase; a blank kept before ours. */
	expect(&lf, S("To: Heinz =?iso-8859-1?Q?M\xfcller?= <m@example.com>"
	    "\n\n"),
	    "To: Heinz =?iso-8859-1?Q?M=FCller?= <m@example.com>\n\n");
	expect(&lf, S("To: =?UTF-8?Q?a?= \xc3\xa9 <m@example.com>\n\n"),
	    "To: =?UTF-8?Q?a?= =?UTF-8?Q?_=C3=A9?= <m@example.com>\n\n");
	/* --smtputf8: UTF-8 stays raw, in names and addresses. */
	expect(&u8, S("From: J\xc3\xbcrgen <j\xc3\xbc@example.com>\n\n"),
	    "From: J\xc3\xbcrgen <j\xc3\xbc@example.com>\n\n");
	/* A long name: words of at most 75, lines of at most 76. */
	n = (size_t)snprintf(in, sizeof(in), "From: ");
	for (i = 0; i < 40; i++) {
		memcpy(in + n, "\xe2\x82\xac", 3);
		n += 3;
	}
	memcpy(want, in + 6, n - 6);
	want[n - 6] = '\0';
	n += (size_t)snprintf(in + n, sizeof(in) - n,
	    " <a@example.com>\n\n");
	fix(&o, &lf, in, n, 0);
	check_words((char *)o.p, "UTF-8", want);
	assert_non_null(strstr((char *)o.p, "?=\n <a@example.com>\n\n"));
	free(o.p);
}

static void
test_encoder_unit(void **state)
{
	unsigned char buf[512];
	struct obuf o = { buf, 0, sizeof(buf), 0, 0, 0, 0, 0 };
	static const unsigned char t[] = "\xc3\xa9\xc3\xa9";

	(void)state;
	assert_int_equal(mhl_ew_char_len(t, 4, 1), 2);
	assert_int_equal(mhl_ew_char_len(t, 4, 0), 1);
	assert_int_equal(mhl_ew_char_len((const unsigned char *)"\xc3", 1, 1),
	    1);
	assert_int_equal(mhl_ew_q_len((const unsigned char *)"a b=?", 5), 9);
	assert_true(mhl_ew_like((const unsigned char *)S("=?a?Q?b?=")));
	assert_false(mhl_ew_like((const unsigned char *)S("=?a?b?=")));
	/* A word never ends past the limit: here 20 columns. */
	mhl_ew_encode(&o, "UTF-8", 1, t, 4, (const unsigned char *)" ", 1, 0,
	    20);
	buf[o.n] = '\0';
	assert_string_equal((char *)buf, " =?UTF-8?Q?=C3=A9?=\n =?UTF-8?Q?=C3=A9?=");
}

static void
test_fold(void **state)
{
	char in[4096], *p;
	struct out o;
	size_t n, i;

	(void)state;
	/* Folded at blanks, lines at most 78, text kept. */
	expect(&lf, S("Subject: word1 word2 word3 word4 word5 word6 word7 word8 "
	    "word9 and some more words past seventy-eight\n\n"),
	    "Subject: word1 word2 word3 word4 word5 word6 word7 word8 word9 "
	    "and some more\n words past seventy-eight\n\n");
	/* Never inside a quoted-string or a msg-id of a structured field. */
	expect(&lf, S("To: \"aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj "
	    "kkkk llll\" <x@example.com>\n\n"),
	    "To: \"aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj "
	    "kkkk llll\"\n <x@example.com>\n\n");
	expect(&lf, S("References: <a@b> <c d e f g h i j k l m n o p q r s t u "
	    "v w x y z 1 2 3 4 5 6 7 8 9>\n\n"),
	    "References: <a@b>\n <c d e f g h i j k l m n o p q r s t u "
	    "v w x y z 1 2 3 4 5 6 7 8 9>\n\n");
	/* Right after the colon only when the first token then fits. */
	expect(&lf, S("X-MS-Exchange-CrossTenant-Network-Message-Id: "
	    "5c0b7d1e-3f2a-4c6b-9d8e-0123456789ab\n\n"),
	    "X-MS-Exchange-CrossTenant-Network-Message-Id:\n "
	    "5c0b7d1e-3f2a-4c6b-9d8e-0123456789ab\n\n");
	/* Not before a first token that does not fit anyway. */
	n = (size_t)snprintf(in, sizeof(in), "X-Long: ");
	for (i = 0; i < 1200; i++)
		in[n++] = 'a';
	memcpy(in + n, " b\n\n", 4);
	fix(&o, &lf, in, n + 4, 0);
	p = strchr((char *)o.p, '\n');
	assert_int_equal(p - (char *)o.p, 1208);
	assert_string_equal(p, "\n b\n\n");
	assert_non_null(strstr(o.notes, "NOT: X-Long: a line of 1208"));
	free(o.p);
}

/* The output must not depend on where the input was split. */
static void
test_split_points(void **state)
{
	static const char msg[] = "From x\nA: 1\r\n \r\n  \n 2\nSubject: "
	    "\xc3\xa9t\xc3\xa9 and a rather long line that needs to be folded "
	    "somewhere\r\n\tmore\0\n  \nbody\r\nline\r";
	struct out whole, part;
	size_t c;

	(void)state;
	fix(&whole, &lf, msg, sizeof(msg) - 1, 0);
	for (c = 1; c < sizeof(msg); c++) {
		fix(&part, &lf, msg, sizeof(msg) - 1, c);
		assert_int_equal(part.n, whole.n);
		assert_memory_equal(part.p, whole.p, whole.n);
		free(part.p);
	}
	free(whole.p);
}

static void
test_idempotent(void **state)
{
	static const char *const msgs[] = {
		"Subject: \xc3\xa9t\xc3\xa9 \xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
		"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
		"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
		"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac tail words here\n\nb\n",
		"To: \"quoted string that is long enough to need folding\" "
		"<someone@example.com>, other@example.com\n\n",
		" lead\nA: 1\n \nB: x\001y\nnot field\n",
		"A: 1\n  \nbody\n",
		"X-A: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		"aaaaaaaaaaaaaaaaaaaaaaaaaa b c\n",
		"X-B: \xe9\xe8\xe0 =?utf-8?q?x?= \xe9\n\n",
		"From: \"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
		"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac \\\"x\\\" "
		"\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
		"\xe2\x82\xac\xe2\x82\xac\" <a@example.com>, b@example.com "
		"(\xe9t\xe9 (x) \xe9t\xe9)\n\n",
		"Date: Mon, 1 Jan 2024 10:00:00 +0100 (heure d'\xe9t\xe9 "
		"d'Europe centrale, pas d'hiver)\n\n",
		/* a Q word with raw 8-bit glued to "(": folded before both */
		"Content-Type: text/plain; name=\"a very long name.txt\" "
		"(=?us-ascii?Q?\xff\xff\xff\xff\xff\xff\xff\xff?=)\n\n",
	};
	static const struct mhl_fix_options crlf = { 0, 0, NULL, 0 };
	struct out a, b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++) {
		fix(&a, &crlf, msgs[i], strlen(msgs[i]), 0);
		fix(&b, &crlf, a.p, a.n, 0);
		if (a.n != b.n || memcmp(a.p, b.p, a.n) != 0)
			fail_msg("message %zu: once\n%s\ntwice\n%s", i,
			    (char *)a.p, (char *)b.p);
		free(a.p);
		free(b.p);
	}
}

static void
test_too_big(void **state)
{
	char *in;
	struct out o;
	size_t n = 0, i;

	(void)state;
	in = malloc(3 * MHL_FIX_FIELD_MAX);
	assert_non_null(in);
	n += (size_t)sprintf(in, "A: 1\nX-Big: ");
	for (i = 0; i < 2 * MHL_FIX_FIELD_MAX; i++)
		in[n++] = i % 50 == 49 ? '\n' : i % 50 == 0 ? ' ' : '\xe9';
	n += (size_t)sprintf(in + n, "\nB: 2\n\nbody\n");
	fix(&o, &lf, in, n, 4096);
	/* copied as read, then the rest repaired again */
	assert_non_null(strstr(o.notes, "NOT: a field over 65536"));
	assert_int_equal(o.n, n);
	assert_memory_equal(o.p, in, n);
	free(o.p);
	free(in);
}

static void
test_alert(void **state)
{
	struct mhl_finding f;
	char dst[MHL_ALERT_MAX];
	size_t n;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.rule = mhl_rule_find("amavis-control");
	f.severity = MHL_ERROR;
	f.message = "Improper use of control character (char 00 hex)";
	f.message_len = strlen(f.message);
	f.sample = (const unsigned char *)"Subject: before\0after";
	f.sample_len = 21;
	n = mhl_alert_field(dst, "X-Amavis-Alert", &f, 1, "\r\n");
	dst[n] = '\0';
	assert_string_equal(dst, "X-Amavis-Alert: BAD HEADER SECTION, Improper "
	    "use of control character (char 00\r\n hex): Subject: "
	    "before\\x{00}after\r\n");
	/* a short one stays on one line; its trailing LF is its end */
	f.rule = mhl_rule_find("amavis-syntax");
	f.message = "Invalid header field syntax";
	f.message_len = strlen(f.message);
	f.sample = (const unsigned char *)"bad\n";
	f.sample_len = 4;
	n = mhl_alert_field(dst, "X-A", &f, 1, "\n");
	dst[n] = '\0';
	assert_string_equal(dst,
	    "X-A: BAD HEADER SECTION, Invalid header field syntax: bad\n");
	/* the default profile's escaping: nothing raw outside 0x20..0x7E */
	f.sample = (const unsigned char *)"b\xe9\tx";
	f.sample_len = 4;
	f.amavis_escape = 1;
	n = mhl_alert_field(dst, "X-A", &f, 0, "\n");
	dst[n] = '\0';
	assert_string_equal(dst, "X-A: BAD HEADER SECTION, Invalid header "
	    "field syntax: b\\x{E9}\\x{09}x\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eol),
		cmocka_unit_test(test_controls_and_blank_lines),
		cmocka_unit_test(test_leading),
		cmocka_unit_test(test_envelope),
		cmocka_unit_test(test_encode_split),
		cmocka_unit_test(test_encode_words),
		cmocka_unit_test(test_structured),
		cmocka_unit_test(test_encoder_unit),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_split_points),
		cmocka_unit_test(test_idempotent),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_alert),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
