/*
 * MIME header fields: MIME-Version, Content-Type (parameters, multipart
 * boundary), Content-Transfer-Encoding, Content-Disposition, RFC 2231
 * continuations and extended values (its §3-§5 examples), comments,
 * truncated fields and hostile input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "collect.h"
#include "sf_mime.h"

#define S_(x) x, sizeof(x) - 1
#define H "Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@example.com\n" \
	"MIME-Version: 1.0\n"

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
test_version(void **state)
{
	(void)state;
	EXPECT(H "\n", "");
	/* RFC 2045 §4's examples: comments anywhere */
	EXPECT(H "MIME-Version: 1.0 (produced by MetaSend Vx.x)\n\n",
	    "field-duplicate");
	EXPECT("Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@b\n"
	    "MIME-Version: (produced by MetaSend Vx.x) 1.0\n\n", "");
	EXPECT("Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@b\n"
	    "MIME-Version: 1.(produced by MetaSend Vx.x)0\n\n", "");
	EXPECT("Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@b\n"
	    "MIME-Version: 1.0 ((nested) comment)\n\n", "");
	EXPECT("Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@b\n"
	    "MIME-Version: 1.0 (open\n\n", "mime-version-invalid");
	EXPECT("Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@b\n"
	    "MIME-Version: 1\n\n", "mime-version-invalid");
	EXPECT("Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@b\n"
	    "MIME-Version: \n\n", "mime-version-invalid");
	EXPECT("Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@b\n"
	    "MIME-Version: 1.0 1.0\n\n", "mime-version-invalid");
	/* missing: once per message, whichever field comes first */
	EXPECT("Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@b\n"
	    "Content-Transfer-Encoding: 7bit\nContent-Type: text/plain\n\n",
	    "mime-version-missing");
}

static void
test_type(void **state)
{
	(void)state;
	EXPECT(H "Content-Type: text/plain\n\n", "");
	EXPECT(H "Content-Type: TEXT/Plain; Charset=\"UTF-8\"; format=flowed;"
	    "\n delsp=yes\n\n", "");
	/* RFC 2045 §5.1: these two are equivalent */
	EXPECT(H "Content-type: text/plain; charset=us-ascii (Plain text)\n\n",
	    "");
	EXPECT(H "Content-type: text/plain; charset=\"us-ascii\"\n\n", "");
	EXPECT(H "Content-Type: text/plain;\n\n", "");
	EXPECT(H "Content-Type: application/vnd.ms-excel; name=\"a b.xls\"\n\n",
	    "");
	EXPECT(H "Content-Type: \n\n", "mime-type-syntax");
	EXPECT(H "Content-Type: text\n\n", "mime-type-syntax");
	EXPECT(H "Content-Type: text/\n\n", "mime-type-syntax");
	EXPECT(H "Content-Type: /plain\n\n", "mime-type-syntax");
	EXPECT(H "Content-Type: text/plain charset=utf-8\n\n",
	    "mime-param-syntax");
	EXPECT(H "Content-Type: text/plain; charset\n\n", "mime-param-syntax");
	EXPECT(H "Content-Type: text/plain; charset=\n\n", "mime-param-syntax");
	EXPECT(H "Content-Type: text/plain;; charset=utf-8\n\n",
	    "mime-param-syntax");
	EXPECT(H "Content-Type: text/plain; name=a b\n\n", "mime-param-syntax");
	EXPECT(H "Content-Type: text/plain; name=a@b\n\n", "mime-param-syntax");
	EXPECT(H "Content-Type: text/plain; name=\"open\n\n",
	    "mime-param-syntax");
	EXPECT(H "Content-Type: text/plain; (open comment\n\n",
	    "mime-param-syntax");
	EXPECT(H "Content-Type: text/plain; charset=a; Charset=b\n\n",
	    "mime-param-duplicate");
	/* quoted-pairs in a quoted-string */
	EXPECT(H "Content-Type: text/plain; name=\"a\\\"b\"\n\n", "");
}

static void
test_boundary(void **state)
{
	(void)state;
	EXPECT(H "Content-Type: multipart/mixed; boundary=simple\n\n", "");
	EXPECT(H "Content-Type: multipart/mixed; boundary=\"simple boundary\""
	    "\n\n", "");
	/* folding inside the quoted boundary is unfolded */
	EXPECT(H "Content-Type: multipart/mixed; boundary=\"simple\n"
	    " boundary\"\n\n", "");
	EXPECT(H "Content-Type: multipart/mixed; boundary=\"'()+_,-./:=?\"\n\n",
	    "");
	EXPECT(H "Content-Type: Multipart/Alternative\n\n",
	    "mime-boundary-missing");
	EXPECT(H "Content-Type: multipart/mixed; boundary=\"\"\n\n",
	    "mime-boundary-invalid");
	EXPECT(H "Content-Type: multipart/mixed; boundary=\"a \"\n\n",
	    "mime-boundary-invalid");
	EXPECT(H "Content-Type: multipart/mixed; boundary=\"a@b\"\n\n",
	    "mime-boundary-invalid");
	EXPECT(H "Content-Type: multipart/mixed; boundary=\"aaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n\n",
	    "line-long");
	EXPECT(H "Content-Type: multipart/mixed; boundary=\"aaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"\n\n",
	    "line-long mime-boundary-invalid");
	/* not multipart: no boundary needed */
	EXPECT(H "Content-Type: message/rfc822\n\n", "");
}

static void
test_cte(void **state)
{
	(void)state;
	EXPECT(H "Content-Transfer-Encoding: 7bit\n\n", "");
	EXPECT(H "Content-Transfer-Encoding: BASE64\n\n", "");
	EXPECT(H "Content-Transfer-Encoding: x-uuencode\n\n", "");
	EXPECT(H "Content-Transfer-Encoding: binary (raw)\n\n", "");
	EXPECT(H "Content-Transfer-Encoding: \n\n", "mime-cte-invalid");
	EXPECT(H "Content-Transfer-Encoding: 8bits\n\n", "mime-cte-invalid");
	EXPECT(H "Content-Transfer-Encoding: base64; x=y\n\n",
	    "mime-cte-invalid");
	EXPECT(H "Content-Transfer-Encoding: x-\n\n", "mime-cte-invalid");
}

static void
test_disposition(void **state)
{
	(void)state;
	/* RFC 2183 §2's examples */
	EXPECT(H "Content-Disposition: inline\n\n", "");
	EXPECT(H "Content-Disposition: attachment; filename=genome.jpeg;\n"
	    "  modification-date=\"Wed, 12 Feb 1997 16:29:51 -0500\";\n\n", "");
	EXPECT(H "Content-Disposition: \n\n", "mime-disposition-syntax");
	EXPECT(H "Content-Disposition: =?utf-8?Q?invalid?=\n\n",
	    "mime-disposition-syntax");
	EXPECT(H "Content-Disposition: attachment; filename=\"a\";"
	    " filename=\"b\"\n\n", "mime-param-duplicate");
}

/* RFC 2231 §3-§5. */
static void
test_rfc2231(void **state)
{
	(void)state;
	/* §3 */
	EXPECT(H "Content-Type: message/external-body; access-type=URL;\n"
	    " URL*0=\"ftp://\";\n URL*1=\"cs.utk.edu/pub/moore/bulk-mailer/"
	    "bulk-mailer.tar\"\n\n", "");
	/* §4 */
	EXPECT(H "Content-Type: application/x-stuff;\n"
	    " title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A\n\n", "");
	/* §4.1 */
	EXPECT(H "Content-Type: application/x-stuff;\n"
	    " title*0*=us-ascii'en'This%20is%20even%20more%20;\n"
	    " title*1*=%2A%2A%2Afun%2A%2A%2A%20;\n"
	    " title*2=\"isn't it!\"\n\n", "");
	/* §5 is RFC 2047's charset*lang: see test_rfc2047.c */
	EXPECT(H "Content-Type: application/x-stuff; title*=''plain\n\n", "");
	/* gaps, repeats, leading zeros, malformed names */
	EXPECT(H "Content-Type: a/b; t*0=a; t*2=c\n\n",
	    "mime-rfc2231-continuation");
	EXPECT(H "Content-Type: a/b; t*1=a; t*2=c\n\n",
	    "mime-rfc2231-continuation");
	EXPECT(H "Content-Type: a/b; t*0=a; t*0=c\n\n",
	    "mime-rfc2231-continuation");
	EXPECT(H "Content-Type: a/b; t*0=a; t*01=c\n\n",
	    "mime-rfc2231-continuation");
	EXPECT(H "Content-Type: a/b; t*x=a\n\n", "mime-rfc2231-continuation");
	EXPECT(H "Content-Type: a/b; t*0=a; t*1*=%41\n\n",
	    "mime-rfc2231-value");
	/* charset and language only in the first section */
	EXPECT(H "Content-Type: a/b; t*0*=utf-8''a; t*1*=utf-8''b\n\n",
	    "mime-rfc2231-value");
	EXPECT(H "Content-Type: a/b; t*=utf-8''a%4\n\n", "mime-rfc2231-value");
	EXPECT(H "Content-Type: a/b; t*=utf-8''a%zz\n\n", "mime-rfc2231-value");
	EXPECT(H "Content-Type: a/b; t*=utf-8'a\n\n", "mime-rfc2231-value");
	EXPECT(H "Content-Type: a/b; t*=\"utf-8''a b\"\n\n",
	    "mime-rfc2231-value");
	/* name and name* side by side: a fallback, not a duplicate */
	EXPECT(H "Content-Disposition: attachment; filename=\"a.pdf\";\n"
	    " filename*=utf-8''a.pdf\n\n", "");
}

static void
test_ew_in_parameter(void **state)
{
	(void)state;
	EXPECT(H "Content-Type: text/plain; name==?koi8-r?B?89DJ08/LLmRvYw==?="
	    "\n\n", "ew-in-parameter");
	EXPECT(H "Content-Type: text/plain; name=\"=?koi8-r?B?89DJ08/LLmRvYw==?="
	    "\"\n\n", "ew-in-parameter");
	EXPECT(H "Content-Type: text/plain; name=\"a=?b\"\n\n", "");
}

/* The field cut at MHL_FIELD_KEEP: nothing the cut may cause. */
static void
test_truncated(void **state)
{
	size_t n = 70000, hl = strlen(H), i;
	char *buf = malloc(hl + n + 64), *ids;
	const char *ct = "Content-Type: multipart/mixed; x=\"";

	(void)state;
	assert_non_null(buf);
	memcpy(buf, H, hl);
	memcpy(buf + hl, ct, strlen(ct));
	i = hl + strlen(ct);
	while (i < hl + n)
		buf[i++] = 'a';
	memcpy(buf + i, "\"; boundary=b\n\n", 15);
	i += 15;
	ids = ids_of(buf, i);
	/* only the byte rule for the long line */
	assert_string_equal(ids, "line-too-long");
	free(ids);
	free(buf);
}

/* 100,000 nested comments: constant stack, linear time. */
static void
test_nested(void **state)
{
	size_t n = 100000, hl = strlen(H), i;
	char *buf = malloc(hl + 2 * n + 64), *ids;
	const char *ct = "Content-Type: text/plain";

	(void)state;
	assert_non_null(buf);
	memcpy(buf, H, hl);
	i = hl;
	memcpy(buf + i, ct, strlen(ct));
	i += strlen(ct);
	buf[i++] = ' ';
	for (size_t k = 0; k < n; k++)
		buf[i++] = '(';
	memcpy(buf + i, "\n\n", 2);
	i += 2;
	ids = ids_of(buf, i);
	assert_string_equal(ids, "line-too-long");
	free(ids);
	/* closed within the kept bytes: no finding at all */
	i = hl;
	memcpy(buf + i, ct, strlen(ct));
	i += strlen(ct);
	for (size_t k = 0; k < 1000; k++)
		buf[i++] = '(';
	for (size_t k = 0; k < 1000; k++)
		buf[i++] = ')';
	buf[i++] = '\n';
	buf[i++] = '\n';
	ids = ids_of(buf, i);
	assert_string_equal(ids, "line-too-long");
	free(ids);
	free(buf);
}

/* Findings do not depend on how the input is split. */
static void
test_chunks(void **state)
{
	static const char in[] = H
	    "Subject: Re:=?UTF-8?Q?caf=C3=A9?= =?utf8?B?YQ?=\r\n"
	    "Content-Type: multipart/mixed; boundary=\"a b\";\r\n"
	    " name=\"=?UTF-8?Q?a.txt?=\"; x*0=a; x*2=b (c\r\n"
	    " (d)) ; y*=a%4\r\n"
	    "Content-Transfer-Encoding: 8-bit\r\n\r\n";
	struct mhl_options opt;
	char *whole, *part;
	size_t n = sizeof(in) - 1, k;

	(void)state;
	mhl_options_init(&opt);
	whole = check_chunked(&opt, in, n, 0, 0);
	assert_non_null(strstr(whole, "ew-in-parameter"));
	assert_non_null(strstr(whole, "mime-rfc2231-continuation"));
	part = check_chunked(&opt, in, n, 1, 0);
	assert_string_equal(whole, part);
	free(part);
	for (k = 0; k <= n; k++) {
		part = check_chunked(&opt, in, n, (size_t)-1, k);
		assert_string_equal(whole, part);
		free(part);
	}
	free(whole);
}

/* Each rule once per field; again in the next field. */
static void
test_once(void **state)
{
	(void)state;
	EXPECT(H "Subject: =?UTF-8?B?YQ?= =?UTF-8?B?Yg?=\n"
	    "Comments: =?UTF-8?B?YQ?= =?UTF-8?B?Yg?=\n\n",
	    "ew-b-invalid ew-b-invalid");
}

/* The byte class table is RFC 2045's token and RFC 2046's bchars. */
static void
test_classes(void **state)
{
	(void)state;
	assert_true(mhl_mime_classes_ok());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_type),
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_cte),
		cmocka_unit_test(test_disposition),
		cmocka_unit_test(test_rfc2231),
		cmocka_unit_test(test_ew_in_parameter),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_chunks),
		cmocka_unit_test(test_once),
		cmocka_unit_test(test_classes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
