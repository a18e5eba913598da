/*
 * Every rule: a case that fires it and a case that does not, and the
 * rule table's own invariants.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "collect.h"
#include "structured.h"
#include "sf_address.h"
#include "sf_date.h"
#include "sf_msgid.h"
#include "lex5322.h"

#define S_(x) x, sizeof(x) - 1

enum { SMTPUTF8 = 1, CRLF = 2, AMAVIS = 4, UTF8 = 8 };

#define H "Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: a@example.com\n"
#define HC "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n" \
	"From: a@example.com\r\n"
#define L80 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define L800 L80 L80 L80 L80 L80 L80 L80 L80 L80 L80
#define L1000 L800 L80 L80 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

static const struct rcase {
	const char *rule;
	int fires;
	int flags;
	const char *in;
	size_t len;
} cases[] = {
#define C(rule, fires, flags, s) { rule, fires, flags, s, sizeof(s) - 1 }
	C("address-domain-long", 1, 0, H "To: a@" L80 "." L80 "." L80 "."
	    L80 ".example\n\n"),
	C("address-domain-long", 0, 0, H "To: a@" L80 ".example\n\n"),
	C("address-empty", 1, 0, H "To:\n\n"),
	C("address-empty", 0, 0, H "Bcc:\n\n"),
	C("address-group-not-allowed", 1, 0, "Date: Mon, 1 Jan 2024 10:00:00 "
	    "+0000\nFrom: Team: a@example.com, b@example.com;\n\n"),
	C("address-group-not-allowed", 0, 0, H "To: Team: a@example.com, "
	    "b@example.com;\n\n"),
	C("address-local-part-long", 1, 0, H "Reply-To: " L80 "@example.com"
	    "\n\n"),
	C("address-local-part-long", 0, 0, H "Reply-To: "
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "@example.com\n\n"),
	C("address-obsolete", 1, 0, H "To: John Q. Public <jqp@example.com>"
	    "\n\n"),
	C("address-obsolete", 0, 0, H "To: \"John Q. Public\" "
	    "<jqp@example.com>\n\n"),
	C("address-phrase-special", 1, 0, H "To: Smith, John <js@example.com>"
	    "\n\n"),
	C("address-phrase-special", 0, 0, H "To: \"Smith, John\" "
	    "<js@example.com>\n\n"),
	C("address-syntax", 1, 0, H "To: John <john.example.com>\n\n"),
	C("address-syntax", 0, 0, H "To: John <john@example.com>\n\n"),
	C("address-utf8", 1, 0, H "To: j\xc3\xb6rg@example.com\n\n"),
	C("address-utf8", 0, SMTPUTF8, H "To: j\xc3\xb6rg@example.com\n\n"),
	C("amavis-8bit", 1, AMAVIS, H "Subject: caf\xe9\n\n"),
	C("amavis-8bit", 0, AMAVIS, H "Subject: caf\xc3\xa9\n\n"),
	C("amavis-c1", 1, AMAVIS, H "Subject: a\xc2\x85 b\n\n"),
	C("amavis-c1", 0, AMAVIS, H "Subject: a\xc2\xa0 b\n\n"),
	C("amavis-control", 1, AMAVIS, H "Subject: a\rb\n\n"),
	C("amavis-control", 0, AMAVIS, H "Subject: a\r\n\r\n"),
	C("amavis-empty", 1, AMAVIS, H "Subject: a\n \n b\n\n"),
	C("amavis-empty", 0, AMAVIS, H "Subject: a\n b\n\n"),
	C("amavis-long", 1, AMAVIS, H "X: " L1000 "\n\n"),
	C("amavis-long", 0, AMAVIS, H "X: " L800 "\n\n"),
	C("amavis-missing", 1, AMAVIS, "From: a@b\n\n"),
	C("amavis-missing", 0, AMAVIS, H "\n"),
	C("amavis-multiple", 1, AMAVIS, H "To: a@b\nTo: c@d\n\n"),
	C("amavis-multiple", 0, AMAVIS, H "Received: x\nReceived: y\n\n"),
	C("amavis-name-8bit", 1, AMAVIS, H "X-\xe9: a\n\n"),
	C("amavis-name-8bit", 0, AMAVIS, H "X-e: \xe9\n\n"),
	C("amavis-syntax", 1, AMAVIS, H "no colon\n\n"),
	C("amavis-syntax", 0, AMAVIS, H "X-A: colon\n\n"),
	C("amavis-tempfail", 1, AMAVIS, " lead\n" H "\n"),
	C("amavis-tempfail", 0, AMAVIS, H " fold\n\n"),
	C("amavis-utf8", 1, AMAVIS | UTF8, H "Subject: caf\xc3\xa9\n\n"),
	C("amavis-utf8", 0, AMAVIS | UTF8 | SMTPUTF8,
	    H "Subject: caf\xc3\xa9\n\n"),
	C("date-invalid", 1, 0, "Date: Sat, 31 Feb 2024 10:00:00 +0000\n"
	    "From: a@example.com\n\n"),
	C("date-invalid", 0, 0, "Date: Thu, 29 Feb 2024 23:59:60 +0000\n"
	    "From: a@example.com\n\n"),
	C("date-missing", 1, 0, "From: a@b\n\n"),
	C("date-missing", 0, 0, H "\n"),
	C("date-obsolete", 1, 0, "Date: Mon, 1 Jan 24 10:00:00 EST\n"
	    "From: a@example.com\n\n"),
	C("date-obsolete", 0, 0, "Date: 1 Jan 2024 10:00 -0500 (EST)\n"
	    "From: a@example.com\n\n"),
	C("date-syntax", 1, 0, "Date: 2024-01-01 10:00:00\n"
	    "From: a@example.com\n\n"),
	C("date-syntax", 0, 0, H "\n"),
	C("date-weekday", 1, 0, "Date: Tue, 1 Jan 2024 10:00:00 +0000\n"
	    "From: a@example.com\n\n"),
	C("date-weekday", 0, 0, "Date: Wed, 31 Dec 1969 23:59:59 -0000\n"
	    "From: a@example.com\n\n"),
	C("encoded-word-misplaced", 1, 0, H "To: \"=?UTF-8?Q?J=C3=B6rg?=\" "
	    "<j@example.com>\n\n"),
	C("encoded-word-misplaced", 0, 0, H "To: =?UTF-8?Q?J=C3=B6rg?= "
	    "<j@example.com>\n\n"),
	C("eol-bare-lf", 1, CRLF, HC "Subject: x\n\r\n"),
	C("eol-bare-lf", 0, CRLF, HC "Subject: x\r\n\r\n"),
	C("eol-mixed", 1, 0, HC "Subject: x\n\n"),
	C("eol-mixed", 0, 0, HC "Subject: x\r\n\r\n"),
	C("ew-b-invalid", 1, 0, H "Subject: =?UTF-8?B?SGVsbG8?=\n\n"),
	C("ew-b-invalid", 0, 0, H "Subject: =?UTF-8?B?SGVsbG8=?=\n\n"),
	C("ew-charset-unknown", 1, 0, H "Subject: =?utf8?Q?caf=C3=A9?=\n\n"),
	C("ew-charset-unknown", 0, 0, H "Subject: =?utf-8?q?caf=C3=A9?=\n\n"),
	C("ew-decoded-invalid", 1, 0,
	    H "Subject: =?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=\n\n"),
	C("ew-decoded-invalid", 0, 0,
	    H "Subject: =?UTF-8?Q?caf=C3=A9?= =?UTF-8?Q?=C3=A9?=\n\n"),
	C("ew-in-parameter", 1, 0, H "MIME-Version: 1.0\nContent-Type: "
	    "application/pdf; name=\"=?UTF-8?Q?r=C3=A9sum=C3=A9.pdf?=\"\n\n"),
	C("ew-in-parameter", 0, 0, H "MIME-Version: 1.0\nContent-Type: "
	    "application/pdf; name*=UTF-8''r%C3%A9sum%C3%A9.pdf\n\n"),
	C("ew-line-long", 1, 0, H "Subject: =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaa?= =?UTF-8?Q?bbbbbbbbbbbbbbbbbb?=\n\n"),
	C("ew-line-long", 0, 0, H "Subject: =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaa?=\n =?UTF-8?Q?bbbbbbbbbbbbbbbbbb?=\n\n"),
	C("ew-not-separated", 1, 0, H "Subject: Re:=?UTF-8?Q?caf=C3=A9?=\n\n"),
	C("ew-not-separated", 0, 0, H "Subject: Re: =?UTF-8?Q?caf=C3=A9?=\n\n"),
	C("ew-q-invalid", 1, 0, H "Subject: =?ISO-8859-1?Q?100=_sure?=\n\n"),
	C("ew-q-invalid", 0, 0, H "Subject: =?ISO-8859-1?Q?100=3D_sure?=\n\n"),
	C("ew-syntax", 1, 0, H "Subject: =?UTF-8?X?caf=C3=A9?=\n\n"),
	C("ew-syntax", 0, 0, H "Subject: =?UTF-8?Q?caf=C3=A9?=\n\n"),
	C("ew-too-long", 1, 0, H "Subject: =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?=\n\n"),
	C("ew-too-long", 0, 0, H "Subject:\n =?UTF-8?Q?aaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa?=\n\n"),
	C("field-duplicate", 1, 0, H "Subject: a\nsubject: b\n\n"),
	C("field-duplicate", 0, 0, H "Comments: a\nComments: b\n\n"),
	C("field-name-8bit", 1, 0, H "X-Subj\xe9" "ct: a\n\n"),
	C("field-name-8bit", 0, 0, H "X-Subject: \xe9\n\n"),
	C("field-name-dashdash", 1, 0, H "--boundary: x\n\n"),
	C("field-name-dashdash", 0, 0, H "X--a: x\n\n"),
	C("field-name-space", 1, 0, H "Subject : x\n\n"),
	C("field-name-space", 0, 0, H "Subject: x\n\n"),
	C("field-syntax", 1, 0, H "This line has no colon\n\n"),
	C("field-syntax", 0, 0, H "X-Ok: 1\n\n"),
	C("fold-leading", 1, 0, " folded first\n" H "\n"),
	C("fold-leading", 0, 0, H " folded second\n\n"),
	C("fold-whitespace-only", 1, 0, H "Subject: a\n  \n b\n\n"),
	C("fold-whitespace-only", 0, 0, H "Subject: a\n  b\n\n"),
	C("from-missing", 1, 0,
	    "Date: Mon, 1 Jan 2024 10:00:00 +0000\n\n"),
	C("from-missing", 0, 0, H "\n"),
	C("header-8bit", 1, 0, H "Received: \x9c" "by x\n\n"),
	C("header-8bit", 0, SMTPUTF8, H "Subject: \xe2\x82\xac\n\n"),
	C("header-bare-cr", 1, 0, H "Subject: a\rb\n\n"),
	C("header-bare-cr", 0, 0, HC "Subject: a b\r\n\r\n"),
	C("header-control", 1, 0, H "Subject: \x1b[2J\n\n"),
	C("header-control", 0, 0, H "Subject: a\tb\n\n"),
	C("header-nul", 1, 0, "Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	    "From: a@b\nSubject: a\0b\n\n"),
	C("header-nul", 0, 0, H "Subject: a0b\n\n"),
	C("header-utf8", 1, 0, H "Subject: caf\xc3\xa9\n\n"),
	C("header-utf8", 0, SMTPUTF8, H "Subject: caf\xc3\xa9\n\n"),
	C("header-utf8-c1", 1, SMTPUTF8, H "Subject: a\xc2\x9b" "b\n\n"),
	C("header-utf8-c1", 0, SMTPUTF8, H "Subject: a\xc2\xbb" "b\n\n"),
	C("line-long", 1, 0, H "X: " L80 "\n\n"),
	C("line-long", 0, 0, H "X: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaa\n\n"),
	C("line-too-long", 1, 0, H "X: " L1000 "\n\n"),
	C("line-too-long", 0, 0, H "X: " L800 "\n\n"),
	C("mime-boundary-invalid", 1, 0, H "MIME-Version: 1.0\nContent-Type: "
	    "multipart/mixed; boundary=\"b#1\"\n\n"),
	C("mime-boundary-invalid", 0, 0, H "MIME-Version: 1.0\nContent-Type: "
	    "multipart/mixed; boundary=\"b_1 (x)\"\n\n"),
	C("mime-boundary-missing", 1, 0, H "MIME-Version: 1.0\nContent-Type: "
	    "multipart/mixed\n\n"),
	C("mime-boundary-missing", 0, 0, H "MIME-Version: 1.0\nContent-Type: "
	    "multipart/mixed;\n boundary=\"=_part_1\"\n\n"),
	C("mime-cte-invalid", 1, 0, H "MIME-Version: 1.0\n"
	    "Content-Transfer-Encoding: 8-bit\n\n"),
	C("mime-cte-invalid", 0, 0, H "MIME-Version: 1.0\n"
	    "Content-Transfer-Encoding: Quoted-Printable (qp)\n\n"),
	C("mime-disposition-syntax", 1, 0, H "MIME-Version: 1.0\n"
	    "Content-Disposition: filename=\"a.pdf\"\n\n"),
	C("mime-disposition-syntax", 0, 0, H "MIME-Version: 1.0\n"
	    "Content-Disposition: attachment; filename=\"a.pdf\"\n\n"),
	C("mime-param-duplicate", 1, 0, H "MIME-Version: 1.0\nContent-Type: "
	    "text/plain; charset=us-ascii; CHARSET=utf-8\n\n"),
	C("mime-param-duplicate", 0, 0, H "MIME-Version: 1.0\nContent-Type: "
	    "application/pdf; name=a.pdf; name*=UTF-8''a.pdf\n\n"),
	C("mime-param-syntax", 1, 0, H "MIME-Version: 1.0\nContent-Type: "
	    "multipart/mixed; boundary=----=_Part_1\n\n"),
	C("mime-param-syntax", 0, 0, H "MIME-Version: 1.0\nContent-Type: "
	    "multipart/mixed; boundary=\"----=_Part_1\";\n\n"),
	C("mime-rfc2231-continuation", 1, 0, H "MIME-Version: 1.0\n"
	    "Content-Disposition: attachment; filename*0=\"long\";\n"
	    " filename*2=\".pdf\"\n\n"),
	C("mime-rfc2231-continuation", 0, 0, H "MIME-Version: 1.0\n"
	    "Content-Disposition: attachment; filename*1=\".pdf\";\n"
	    " filename*0=\"long\"\n\n"),
	C("mime-rfc2231-value", 1, 0, H "MIME-Version: 1.0\n"
	    "Content-Disposition: attachment; filename*=r%C3%A9sum%C3%A9.pdf\n\n"),
	C("mime-rfc2231-value", 0, 0, H "MIME-Version: 1.0\n"
	    "Content-Disposition: attachment;\n"
	    " filename*=UTF-8''r%C3%A9sum%C3%A9.pdf\n\n"),
	C("mime-type-syntax", 1, 0, H "MIME-Version: 1.0\n"
	    "Content-Type: text; charset=utf-8\n\n"),
	C("mime-type-syntax", 0, 0, H "MIME-Version: 1.0\n"
	    "Content-Type: text/plain (body) ; charset=utf-8\n\n"),
	C("mime-version-invalid", 1, 0, H "MIME-Version: 1.1\n\n"),
	C("mime-version-invalid", 0, 0, H "MIME-Version: 1.0 (produced by "
	    "MetaSend Vx.x)\n\n"),
	C("mime-version-missing", 1, 0, H "Content-Type: text/plain\n\n"),
	C("mime-version-missing", 0, 0, H "Content-Type: text/plain\n"
	    "MIME-Version: 1.0\n\n"),
	C("msgid-multiple", 1, 0, H "Message-ID: <a@example.com> "
	    "<b@example.com>\n\n"),
	C("msgid-multiple", 0, 0, H "References: <a@example.com> "
	    "<b@example.com>\n\n"),
	C("msgid-obsolete", 1, 0, H "In-Reply-To: Your message of Monday "
	    "<a@example.com>\n\n"),
	C("msgid-obsolete", 0, 0, H "In-Reply-To: <a@example.com>\n\n"),
	C("msgid-syntax", 1, 0, H "Message-ID: 1234.5678@example.com\n\n"),
	C("msgid-syntax", 0, 0, H "Message-ID: <1234.5678@[192.0.2.1]>\n\n"),
	C("received-syntax", 1, 0, H "Received: from a.example by b.example\n"
	    "\n"),
	C("received-syntax", 0, 0, H "Received: from a.example (a [192.0.2.1])"
	    "\n by b.example; Mon, 1 Jan 2024 10:00:00 +0000\n\n"),
	/* Received's quick scan and the lexer agree on what is closed and
	 * on which ';' is the last. */
	C("received-syntax", 1, 0, H "Received: from a (b\n by c; Mon, 1 Jan "
	    "2024 10:00:00 +0000\n\n"),
	C("received-syntax", 1, 0, H "Received: from a) by c; Mon, 1 Jan "
	    "2024 10:00:00 +0000\n\n"),
	C("received-syntax", 1, 0, H "Received: from [192.0[2.1] by c; Mon, "
	    "1 Jan 2024 10:00:00 +0000\n\n"),
	C("received-syntax", 1, 0, H "Received: from \"a by c; Mon, 1 Jan "
	    "2024 10:00:00 +0000\n\n"),
	C("date-syntax", 0, 0, H "Received: from a (\\) \";\" [;]) by b; Mon, "
	    "1 Jan 2024 10:00:00 +0000 (x; y)\n\n"),
	C("date-syntax", 1, 0, H "Received: from a (p; Mon, 1 Jan 2024 "
	    "10:00:00 +0000) by b; junk\n\n"),
	C("return-path-syntax", 1, 0, H "Return-Path: bounce@example.com\n\n"),
	C("return-path-syntax", 0, 0, H "Return-Path: <>\n\n"),
	C("sender-missing", 1, 0, "Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	    "From: a@example.com, b@example.com\n\n"),
	C("sender-missing", 0, 0, "Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	    "From: a@example.com, b@example.com\nSender: a@example.com\n\n"),
	C("sender-multiple", 1, 0, H "Sender: a@example.com, b@example.com\n"
	    "\n"),
	C("sender-multiple", 0, 0, H "Sender: a@example.com\n\n"),
	C("separator-missing", 1, 0, H "Subject: x\nHello Bob,\nhow are you\n"),
	C("separator-missing", 0, 0, H "Subject: x\n\nHello Bob,\n"),
	C("separator-whitespace", 1, 0, H "Subject: x\n \nHello Bob,\n"),
	C("separator-whitespace", 0, 0, H "Subject: x\n \nTo: b@c\n\nHi\n"),
#undef C
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

static int
has_rule(const char *ids, const char *rule)
{
	size_t n = strlen(rule);
	const char *p;

	for (p = ids; (p = strstr(p, rule)) != NULL; p += n)
		if ((p == ids || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

static void
test_cases(void **state)
{
	struct mhl_options opt;
	size_t i;
	char *ids;

	(void)state;
	for (i = 0; i < NCASES; i++) {
		mhl_options_init(&opt);
		opt.smtputf8 = (cases[i].flags & SMTPUTF8) != 0;
		opt.crlf = (cases[i].flags & CRLF) != 0;
		if (cases[i].flags & AMAVIS)
			opt.profile = MHL_PROFILE_AMAVIS;
		if (cases[i].flags & UTF8)
			opt.amavis_tests |= MHL_AT_UTF8;
		ids = rule_ids(&opt, cases[i].in, cases[i].len);
		if (has_rule(ids, cases[i].rule) != cases[i].fires)
			fail_msg("case %zu: %s should%s fire; found: %s", i,
			    cases[i].rule, cases[i].fires ? "" : " not", ids);
		free(ids);
	}
}

/* Each rule has a case that fires it and one that does not. */
static void
test_every_rule_covered(void **state)
{
	const struct mhl_rule *rules;
	size_t n, i, j;
	int yes, no;

	(void)state;
	rules = mhl_rules(&n);
	for (i = 0; i < n; i++) {
		yes = no = 0;
		for (j = 0; j < NCASES; j++)
			if (strcmp(cases[j].rule, rules[i].id) == 0) {
				if (cases[j].fires)
					yes = 1;
				else
					no = 1;
			}
		if (!yes || !no)
			fail_msg("rule %s lacks a %s case", rules[i].id,
			    yes ? "non-firing" : "firing");
	}
}

static void
test_table(void **state)
{
	const struct mhl_rule *rules;
	size_t n, i;
	const char *p;

	(void)state;
	rules = mhl_rules(&n);
	assert_true(n > 20);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(rules[i - 1].id, rules[i].id) >= 0)
			fail_msg("ids not sorted/unique at %s", rules[i].id);
		assert_memory_equal(rules[i].cite, "RFC ", 4);
		assert_non_null(rules[i].summary);
		assert_true(strlen(rules[i].summary) > 5);
		for (p = rules[i].id; *p != '\0'; p++)
			assert_true((*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') || *p == '-');
		if (rules[i].explain == NULL || strlen(rules[i].explain) < 40 ||
		    rules[i].bad == NULL || rules[i].bad_len == 0 ||
		    rules[i].good == NULL || rules[i].good_len == 0)
			fail_msg("rule %s lacks its explanation or examples",
			    rules[i].id);
		assert_ptr_equal(mhl_rule_find(rules[i].id), &rules[i]);
		assert_int_equal(mhl_rule_index(&rules[i]), i);
	}
	assert_null(mhl_rule_find("no-such-rule"));
}

/*
 * Feeds a rule's example as a header section: the text, with "[...]"
 * replaced by 1,000 characters, and a line end like the first one's.
 */
static char *
example_ids(const struct mhl_rule *r, const char *ex, size_t len)
{
	static const char cut[] = "[...]";
	struct mhl_options opt;
	struct collect in = { NULL, 0, 0 };
	const char *p, *nl;
	char *ids;
	size_t i, n;

	collect_add(&in, "", 0);
	for (i = 0; i < len; i += n) {
		p = ex + i;
		if (len - i >= sizeof(cut) - 1 &&
		    memcmp(p, cut, sizeof(cut) - 1) == 0) {
			for (n = 0; n < 100; n++)
				collect_add(&in, "xxxxxxxxxx", 10);
			n = sizeof(cut) - 1;
		} else {
			collect_add(&in, p, 1);
			n = 1;
		}
	}
	nl = memchr(ex, '\n', len);
	if (nl != NULL && nl > ex && nl[-1] == '\r')
		collect_add(&in, "\r\n", 2);
	else
		collect_add(&in, "\n", 1);
	mhl_options_init(&opt);
	opt.crlf = 1;
	if (r->flags & MHL_RULE_AMAVIS) {
		opt.profile = MHL_PROFILE_AMAVIS;
		opt.amavis_tests = 0xff;
	}
	ids = rule_ids(&opt, in.buf, in.len);
	free(in.buf);
	return ids;
}

/* What --explain and mhlint-rules(7) show is true: the bad example
 * fires its rule and the good one does not. */
static void
test_examples(void **state)
{
	const struct mhl_rule *rules;
	size_t n, i;
	char *ids;

	(void)state;
	rules = mhl_rules(&n);
	for (i = 0; i < n; i++) {
		ids = example_ids(&rules[i], rules[i].bad, rules[i].bad_len);
		if (!has_rule(ids, rules[i].id))
			fail_msg("%s: the bad example does not fire it; found: "
			    "%s", rules[i].id, ids);
		free(ids);
		ids = example_ids(&rules[i], rules[i].good, rules[i].good_len);
		if (has_rule(ids, rules[i].id))
			fail_msg("%s: the good example fires it", rules[i].id);
		free(ids);
		if (memchr(rules[i].good, '\0', rules[i].good_len) == NULL &&
		    strstr(rules[i].good, "[...]") != NULL)
			fail_msg("%s: the good example is cut", rules[i].id);
	}
}

/* Locations: line, column and byte offset of a finding. */
static void
test_locations(void **state)
{
	struct mhl_options opt;
	char *out;

	(void)state;
	mhl_options_init(&opt);
	out = check_str(&opt, S_("Date: x\r\nFrom: a@b\r\nSubject: ab\x01" "c"
	    "\r\n\r\n"));
	assert_string_equal(out, "date-syntax 1:7@6 Invalid date-time: "
	    "expected a day name (Mon..Sun) or the day of the month, found "
	    "\"x\"|Date: x\n"
	    "header-control 3:12@31 Improper use of "
	    "control character (char 01 hex)|Subject: ab\\x01c\n");
	free(out);
}

/* Dispatch by field name: any case, the whole name. */
static void
test_dispatch(void **state)
{
	struct mhl_options opt;
	char *ids;

	(void)state;
	assert_true(mhl_sf_table_ok());
	assert_true(mhl_sf_table_found());
	mhl_options_init(&opt);
	ids = rule_ids(&opt, S_("DaTe: x\r\n\r\n"));
	assert_true(has_rule(ids, "date-syntax"));
	free(ids);
	ids = rule_ids(&opt, S_("Dates: x\r\nDat: x\r\nDISPOSITION-NOTIFICATION-TOO: "
	    "x\r\n\r\n"));
	assert_false(has_rule(ids, "date-syntax"));
	free(ids);
	/* Text fields and unknown fields get encoded-word checks; a known
	 * structured field without a check of its own does not. */
	ids = rule_ids(&opt, S_("SUBJECT: =?utf-8?q?a=ZZ?=\r\n\r\n"));
	assert_true(has_rule(ids, "ew-q-invalid"));
	free(ids);
	ids = rule_ids(&opt, S_("X-Zzz: =?utf-8?q?a=ZZ?=\r\n\r\n"));
	assert_true(has_rule(ids, "ew-q-invalid"));
	free(ids);
	ids = rule_ids(&opt, S_("List-Id: =?utf-8?q?a=ZZ?=\r\n\r\n"));
	assert_false(has_rule(ids, "ew-q-invalid"));
	free(ids);
}

/* No caps and no false "Missing" in the default profile. */
static void
test_no_cap(void **state)
{
	struct mhl_options opt;
	char buf[4096], *ids;
	size_t n = 0;
	int i;

	(void)state;
	for (i = 0; i < 150; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "bad %d\n", i);
	n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s\n", H);
	mhl_options_init(&opt);
	ids = rule_ids(&opt, buf, n);
	assert_false(has_rule(ids, "date-missing"));
	assert_false(has_rule(ids, "from-missing"));
	free(ids);
}

/*
 * The date-time's fast path against its general path (sf_date.h): for
 * every field, sf_date_at() must report what sf_date_general() reports,
 * and when sf_date_quick() answers for a date-time the general path
 * must find nothing in it.
 */
struct date_run {
	struct mhl_checker *chk;
	struct mhl_reader *rd;
	struct collect *cur;  /* where findings go now */
	struct collect general, at;
	const char *in;       /* the date-time under test, for messages */
	size_t nin, fields, quick;
};

static void
date_finding(void *arg, const struct mhl_finding *f)
{
	struct date_run *r = arg;

	collect_finding(r->cur, f);
}

static void
date_field(void *arg, const struct mhl_field *f)
{
	struct date_run *r = arg;
	size_t start = f->value_off;
	int quick;

	if (f->kind != MHL_FIELD_OK)
		return;
	/* In a Received field, the date-time after its first ';'. */
	if (f->name_len == 8)
		while (start < f->kept && f->buf[start++] != ';')
			continue;
	r->general.len = r->at.len = 0;
	collect_add(&r->general, "", 0);
	collect_add(&r->at, "", 0);
	r->cur = &r->general;
	sf_date_general(r->chk, f, start, f->kept);
	r->cur = &r->at;
	sf_date_at(r->chk, f, start, f->kept);
	quick = sf_date_quick(f, start, f->kept);
	if (strcmp(r->general.buf, r->at.buf) != 0 ||
	    (quick && r->general.len > 0)) {
		struct collect esc = { NULL, 0, 0 };

		collect_esc(&esc, (const unsigned char *)r->in, r->nin);
		fail_msg("date-time \"%s\" (%.*s field): quick %d\n"
		    "general:\n%sfast path:\n%s", esc.buf, (int)f->name_len,
		    (const char *)f->name, quick, r->general.buf, r->at.buf);
	}
	r->fields++;
	r->quick += (size_t)quick;
}

static void
date_end(void *arg, const struct mhl_header_end *he)
{
	(void)arg;
	(void)he;
}

/* Feeds one message to the reader; returns whether sf_date_quick()
 * answered for its last field. */
static int
date_feed(struct date_run *r, const char *msg, size_t len)
{
	size_t quick = r->quick;

	mhl_reader_reset(r->rd);
	mhl_reader_feed(r->rd, msg, len);
	mhl_reader_finish(r->rd);
	return r->quick > quick;
}

/* The date-time s in a Date field (ended by LF, and at the end of the
 * input) and after a Received field's ';'.  Returns how many of the
 * three the fast path answered for. */
static int
date_one(struct date_run *r, const char *s, size_t n)
{
	static char msg[70000 + 64];
	int quick = 0;

	if (n > 70000)
		fail_msg("date-time too long for the test");
	r->in = s;
	r->nin = n;
	memcpy(msg, "Date: ", 6);
	memcpy(msg + 6, s, n);
	memcpy(msg + 6 + n, "\n\n", 2);
	quick += date_feed(r, msg, n + 8);
	quick += date_feed(r, msg, n + 6);
	memcpy(msg, "Received: from a by b;", 22);
	memcpy(msg + 22, s, n);
	memcpy(msg + 22 + n, "\n\n", 2);
	quick += date_feed(r, msg, n + 24);
	return quick;
}

/* Each byte deleted, replaced and preceded by a few that matter. */
static void
date_mutants(struct date_run *r, const char *s)
{
	static const char other[] = " \t\n()\\x0:,.+-;\"\x80";
	char buf[128];
	size_t n = strlen(s), i, k;

	assert_true(n + 1 < sizeof(buf));
	for (i = 0; i <= n; i++) {
		if (i < n) {
			memcpy(buf, s, i);
			memcpy(buf + i, s + i + 1, n - i - 1);
			date_one(r, buf, n - 1);
		}
		for (k = 0; k < sizeof(other) - 1; k++) {
			memcpy(buf, s, n);
			if (i < n) {
				buf[i] = other[k];
				date_one(r, buf, n);
			}
			memcpy(buf, s, i);
			buf[i] = other[k];
			memcpy(buf + i + 1, s + i, n - i);
			date_one(r, buf, n + 1);
		}
	}
}

static void
test_date_fast_path(void **state)
{
	/* The strict form, all valid: the fast path must take them. */
	static const char *const strict[] = {
		"Mon, 1 Jan 2024 10:00:00 +0000",
		"Mon, 01 Jan 2024 10:00 +0000",
		"1 Jan 2024 10:00:00 -0500 (EST)",
		"Thu, 29 Feb 2024 23:59:60 +9959",
		"Thu, 29 Feb 2024 23:59:60 -9959 (a) (b)",
		"Tue, 29 Feb 2000 00:00:00 +0000",
		"Wed, 31 Dec 1969 23:59:59 -0000",
		"Mon, 1 Jan 1900 00:00 +0000",
		"mon, 1 JAN 2024 10:00:00 +0000",
		"Mon,1 Jan 2024 10:00:00 +0000",
		"  Mon,  1  Jan  2024  10:00:00  +0000  ",
		"Mon, 1 Jan 2024 10:00:00 +0000(UTC)",
		"Mon, 1 Jan 2024 10:00:00 +0000 ()",
		"Mon, 1\n Jan 2024\n\t10:00:00\n +0000\n (UTC)",
		"Mon,\t1\tJan\t2024\t10:00:00\t+0000",
		"Mon, 1 Jan 2024 10:00:00 +0000 (\x80\x01;\")",
		"Fri, 31 Dec 9999 23:59:59 +0000",
		"Sat, 30 Nov 2024 12:00:00 +1400",
		/* Each month's first day in 2024: every name in its place. */
		"Mon, 1 Jan 2024 00:00 +0000", "Thu, 1 Feb 2024 00:00 +0000",
		"Fri, 1 Mar 2024 00:00 +0000", "Mon, 1 Apr 2024 00:00 +0000",
		"Wed, 1 May 2024 00:00 +0000", "Sat, 1 Jun 2024 00:00 +0000",
		"Mon, 1 Jul 2024 00:00 +0000", "Thu, 1 Aug 2024 00:00 +0000",
		"Sun, 1 Sep 2024 00:00 +0000", "Tue, 1 Oct 2024 00:00 +0000",
		"Fri, 1 Nov 2024 00:00 +0000", "Sun, 1 Dec 2024 00:00 +0000",
	};
	/* Obsolete, invalid or unusual: mostly for the general path. */
	static const char *const other[] = {
		"Tue, 1 Jan 2024 10:00:00 +0000",
		"Mon, 1 Jan 24 10:00:00 EST",
		"Mon , 1 Jan 2024 10:00:00 +0000",
		"(c) Mon, 1 Jan 2024 10:00:00 +0000",
		"Mon, (c) 1 Jan 2024 10:00:00 +0000",
		"Mon, 1 Jan 2024 10:00:00 +0000 (a (nested) b)",
		"Mon, 1 Jan 2024 10:00:00 +0000 (a \\) b)",
		"Mon, 1 Jan 2024 10:00:00 +0000 (unclosed",
		"Mon, 1 Jan 2024 10:00:00 +0000 (x) y",
		"Mon, 1 Jan 2024 10:00:00 +0000 x",
		"Mon, 1 Jan 2024 10 : 00 : 00 +0000",
		"Mon, 1 Jan 2024 10:00:00+0000",
		"Mon, 1 Jan 2024 10:00:00\r +0000",
		"Sun, 31 Dec 1899 10:00:00 +0000",
		"Mon, 1 Jan 99 10:00:00 +0000",
		"Mon, 1 Jan 124 10:00:00 +0000",
		"Mon, 1 Jan 02024 10:00:00 +0000",
		"Sat, 1 Jan 10000 10:00:00 +0000",
		"Mon, 1 Jan 2024 24:00:00 +0000",
		"Mon, 1 Jan 2024 10:60:00 +0000",
		"Mon, 1 Jan 2024 10:00:61 +0000",
		"Mon, 1 Jan 2024 10:00:00 +0060",
		"Mon, 1 Jan 2024 10:00:00 +00000",
		"Mon, 1 Jan 2024 10:00:00 +000",
		"Mon, 1 Jan 2024 10:00:00 Z",
		"Mon, 1 Jan 2024 10:00:00 UT",
		"Mon, 1 Jan 2024 10:00:00 gmt (x)",
		"Mon, 1 Jan 2024 10:00:00 J",
		"Mon, 1 Jan 2024 1:00:00 +0000",
		"Mon, 1 Jan 2024 10:0:00 +0000",
		"Mon, 1 Jan 2024 10:00: +0000",
		"Mon, 1 Jan 2024 10:00:00",
		"Mon, 1 Jan 2024",
		"Mon,",
		"",
		"   ",
		"Mon, 0 Jan 2024 10:00:00 +0000",
		"Mon, 32 Jan 2024 10:00:00 +0000",
		"Mon, 001 Jan 2024 10:00:00 +0000",
		"Mon, 1 January 2024 10:00:00 +0000",
		"Monday, 1 Jan 2024 10:00:00 +0000",
		"Mo, 1 Jan 2024 10:00:00 +0000",
		"Mon, 1 Jan 2024 10:00:00 +0000 ;",
		"Mon, 1 Jan 2024 10:00:00 +0000 \"x\"",
		"Mon, 1 Jan 2024 10:00:00 +0000\x80",
		"Mon, 1 Jan 2024 10:00:00 +0000 (x\n y)",
		"Mon, 1 Jan 2024 10:00:00 +0000\n",
		"Mon, 1 Jan 2024 10:00:00 +0000\nX: y",
		"Thu, 29 Feb 2023 10:00:00 +0000",
		"Thu, 29 Feb 1900 10:00:00 +0000",
		"Mon, 29 Feb 2100 10:00:00 +0000",
	};
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	static const char *const wday[] = { "", "Mon, ", "Tue, ", "Wed, ",
		"Thu, ", "Fri, ", "Sat, ", "Sun, " };
	static const int years[] = { 1899, 1900, 1999, 2000, 2023, 2024,
		2100, 2400 };
	static const char *const zones[] = { "+0000", "-0000", "+9959",
		"-9959", "+0059", "+0060", "+1299", "-2400", "+0", "0000" };
	static const char *const secs[] = { "", ":00", ":59", ":60", ":61",
		":99", ":1", ":" };
	struct mhl_options opt;
	struct mhl_reader_options ro = { 0, 0 };
	struct mhl_reader_ops ops = { date_field, date_end, NULL };
	struct date_run r;
	static char big[70000];
	char buf[128];
	size_t i, k, n, plain = 0, dates = 0;
	int d, m, y, h, mi, quick, named;

	(void)state;
	memset(&r, 0, sizeof(r));
	mhl_options_init(&opt);
	/* Amavis's profile reports at once; the default one holds findings
	 * until the header ends (X-Mhlint-Disable). */
	opt.profile = MHL_PROFILE_AMAVIS;
	r.chk = mhl_checker_new(&opt, date_finding, &r);
	r.rd = mhl_reader_new(&ro, &ops, &r);
	assert_non_null(r.chk);
	assert_non_null(r.rd);

	for (i = 0; i < sizeof(strict) / sizeof(strict[0]); i++) {
		if (date_one(&r, strict[i], strlen(strict[i])) != 3)
			fail_msg("the fast path left \"%s\"", strict[i]);
		date_mutants(&r, strict[i]);
	}
	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		date_one(&r, other[i], strlen(other[i]));
		date_mutants(&r, other[i]);
	}
	/* Every day of every month, with each day of the week: the fast
	 * path takes each real date once without a day name and once with
	 * one, 365 or 366 a year from 1900 on. */
	for (y = 0; y < (int)(sizeof(years) / sizeof(years[0])); y++)
		for (m = 0; m < 12; m++)
			for (d = 0; d <= 32; d++) {
				named = 0;
				for (k = 0; k < 8; k++) {
					n = (size_t)snprintf(buf, sizeof(buf),
					    "%s%d %s %d 12:00 +0000", wday[k], d,
					    mon[m], years[y]);
					quick = date_one(&r, buf, n);
					assert_true(quick == 0 || quick == 3);
					if (k == 0)
						plain += quick / 3;
					else
						named += quick / 3;
				}
				assert_true(named <= 1);
				dates += named;
			}
	assert_int_equal(plain, 365 * 4 + 366 * 3);
	assert_int_equal(dates, 365 * 4 + 366 * 3);
	/* Every hour and minute near the limits, each second and zone. */
	for (h = 0; h <= 25; h++)
		for (mi = 58; mi <= 61; mi++)
			for (i = 0; i < sizeof(secs) / sizeof(secs[0]); i++)
				for (k = 0; k < sizeof(zones) / sizeof(zones[0]);
				    k++) {
					n = (size_t)snprintf(buf, sizeof(buf),
					    "1 Jan 2024 %02d:%02d%s %s", h, mi,
					    secs[i], zones[k]);
					date_one(&r, buf, n);
				}
	/* A field longer than what is kept of it: no verdict at all, and
	 * the fast path leaves it, however its kept bytes look. */
	memcpy(big, "Mon, 1 Jan 2024 10:00:00 +0000", 30);
	memset(big + 30, ' ', sizeof(big) - 30);
	assert_int_equal(date_one(&r, big, sizeof(big)), 0);
	big[32] = 'x';
	assert_int_equal(date_one(&r, big, sizeof(big)), 0);

	/* Both paths ran, over many fields. */
	assert_true(r.quick > 1000);
	assert_true(r.fields - r.quick > 1000);
	mhl_reader_free(r.rd);
	mhl_checker_free(r.chk);
	free(r.general.buf);
	free(r.at.buf);
}

/*
 * The address checks' fast path against their general path
 * (sf_address.h): whenever sf_address_quick() answers for a field,
 * sf_address_general() must report nothing in it and count the same
 * mailboxes.
 */
struct addr_run {
	struct mhl_checker *chk;
	struct mhl_reader *rd;
	struct collect found;  /* the general path's findings */
	const char *in;        /* the field body under test, for messages */
	size_t nin, fields, quick;
};

static void
addr_finding(void *arg, const struct mhl_finding *f)
{
	struct addr_run *r = arg;

	collect_finding(&r->found, f);
}

static void
addr_field(void *arg, const struct mhl_field *f)
{
	static const struct {
		const char *name;
		enum sf_addr_kind kind;
	} names[] = {
		{ "From", SF_ADDR_MAILBOX_LIST },
		{ "Sender", SF_ADDR_MAILBOX },
		{ "To", SF_ADDR_ADDRESS_LIST },
		{ "Bcc", SF_ADDR_OPTIONAL_LIST },
		{ "Return-Path", SF_ADDR_PATH },
	};
	struct addr_run *r = arg;
	size_t i;
	int quick, general;

	if (f->kind != MHL_FIELD_OK)
		return;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (f->name_len == strlen(names[i].name) &&
		    memcmp(f->name, names[i].name, f->name_len) == 0)
			break;
	/* An LF in the body may have started another field. */
	if (i == sizeof(names) / sizeof(names[0]))
		return;
	r->found.len = 0;
	collect_add(&r->found, "", 0);
	general = sf_address_general(r->chk, f, names[i].kind);
	quick = sf_address_quick(f, 0, names[i].kind);
	if (quick >= 0 && (r->found.len > 0 || general != quick)) {
		struct collect esc = { NULL, 0, 0 };

		collect_esc(&esc, (const unsigned char *)r->in, r->nin);
		fail_msg("%s: \"%s\": fast path %d mailboxes, general path "
		    "%d:\n%s", names[i].name, esc.buf, quick, general,
		    r->found.buf);
	}
	/* Template placeholders: only the general path reads them. */
	assert_int_equal(sf_address_quick(f, MHL_TMPL_SHELL, names[i].kind),
	    -1);
	r->fields++;
	r->quick += quick >= 0;
}

/* The field body s in each address field, ended by LF and (From) at the
 * end of the input.  Returns for how many the fast path answered. */
static size_t
addr_one(struct addr_run *r, const char *s, size_t n)
{
	static const char *const name[] = { "From", "Sender", "To", "Bcc",
		"Return-Path" };
	static char msg[1200];
	size_t quick = r->quick, i, k;

	assert_true(n + 20 < sizeof(msg));
	r->in = s;
	r->nin = n;
	for (i = 0; i < sizeof(name) / sizeof(name[0]); i++) {
		k = strlen(name[i]);
		memcpy(msg, name[i], k);
		msg[k++] = ':';
		memcpy(msg + k, s, n);
		memcpy(msg + k + n, "\n\n", 2);
		mhl_reader_reset(r->rd);
		mhl_reader_feed(r->rd, msg, k + n + (i == 0 ? 0 : 2));
		mhl_reader_finish(r->rd);
	}
	return r->quick - quick;
}

/* Each byte of s deleted, replaced by each of other and preceded by
 * each, every result run through one. */
static void
mutants(struct addr_run *r, const char *s, const char *other,
    size_t (*one)(struct addr_run *, const char *, size_t))
{
	char buf[128];
	size_t n = strlen(s), i, k, no = strlen(other);

	assert_true(n + 1 < sizeof(buf));
	for (i = 0; i <= n; i++) {
		if (i < n) {
			memcpy(buf, s, i);
			memcpy(buf + i, s + i + 1, n - i - 1);
			one(r, buf, n - 1);
		}
		for (k = 0; k < no; k++) {
			memcpy(buf, s, n);
			if (i < n) {
				buf[i] = other[k];
				one(r, buf, n);
			}
			memcpy(buf, s, i);
			buf[i] = other[k];
			memcpy(buf + i + 1, s + i, n - i);
			one(r, buf, n + 1);
		}
	}
}

/* Runs each of s through one, and its mutants through mut; with want
 * nonzero, one must say that many fields took the fast path. */
static void
each(struct addr_run *r, const char *const *s, size_t ns, size_t want,
    size_t (*one)(struct addr_run *, const char *, size_t),
    void (*mut)(struct addr_run *, const char *))
{
	size_t i;

	for (i = 0; i < ns; i++) {
		if (one(r, s[i], strlen(s[i])) != want && want != 0)
			fail_msg("the fast path left \"%s\"", s[i]);
		mut(r, s[i]);
	}
}

/* A run of the checker and a reader of its own, for the fast-path
 * tests: Amavis's profile reports at once (see test_date_fast_path). */
static void
run_open(struct addr_run *r, const struct mhl_reader_ops *ops)
{
	struct mhl_options opt;
	struct mhl_reader_options ro = { 0, 0 };

	memset(r, 0, sizeof(*r));
	mhl_options_init(&opt);
	opt.profile = MHL_PROFILE_AMAVIS;
	r->chk = mhl_checker_new(&opt, addr_finding, r);
	r->rd = mhl_reader_new(&ro, ops, r);
	assert_non_null(r->chk);
	assert_non_null(r->rd);
}

/* The bytes that matter to an address. */
static void
addr_mutants(struct addr_run *r, const char *s)
{
	mutants(r, s, " \t\n\r()<>@,;:.\"\\[]=?a\x80\x01", addr_one);
}

static void
test_address_fast_path(void **state)
{
	/* Plain forms: the fast path must take each in every field
	 * (Return-Path: one address in angle brackets). */
	static const char *const plain[] = {
		" <a@b.example>",
		" <a.b.c@d.e.example>  ",
		"\t<x!#$%&'*+-/=^_`{|}~y@example.com>",
		"\n <a@b>\n\t",
	};
	/* One mailbox: taken everywhere but in Return-Path. */
	static const char *const one[] = {
		" a@example.com",
		" John Smith <john.smith@example.com>",
		" \"Smith, John\" <js@example.com>",
		"\"Quoted\"<q@example.com>",
		" J\xc3\xb6rg <j@example.com>",
		" a=b?c <a=b@example.com>",
		" x\"y\"z <a@b>",
		" \"a\" \"b\" c <d@e>",
		" \"\x01=\" <d@e>",
	};
	/* More: taken in From, To and Bcc. */
	static const char *const more[] = {
		" a@b, \"C\" <c@d>,\n\tE F <e@f> ",
		"a@b,c@d",
	};
	/* Unusual or wrong: mostly for the general path. */
	static const char *const other[] = {
		"",
		" ",
		" <>",
		" <> x",
		" a@b (A)",
		" (A) a@b",
		" =?utf-8?q?J=C3=B6rg?= <j@example.com>",
		" \"=?utf-8?q?x?=\" <j@example.com>",
		" \"a\\\"b\" <c@d>",
		" a=?b?=c@d",
		" Mr. Smith <s@example.com>",
		" Smith, John <js@example.com>",
		" team: a@b, c@d;",
		" undisclosed-recipients:;",
		" a@b,",
		" ,a@b",
		" a@b,,c@d",
		" a@b c@d",
		" a@b <a@b>",
		" a @ b",
		" < a@b >",
		" <a@b",
		" a@b>",
		" <@r.example:a@b>",
		" a.@b",
		" .a@b",
		" a..b@c",
		" a@b.",
		" a@[192.0.2.1]",
		" \"a b\"@c",
		" j\xc3\xb6rg@example.com",
		" <j\xc3\xb6rg@example.com>",
		" a@b\r\n",
		" a@b\nc",
		" John",
		" John <>",
	};
	static const char *const phrase[] = { "", "J ", "\"Q\" ", "J\x80 ",
		"=?x?q?y?= ", "J. ", "J\"Q\"", "a@b " };
	static const char *const local[] = { "a", "a.b", "a..b", ".a", "a.",
		"a=?b", "\xc3\xa9", "\"q\"", "a b" };
	static const char *const sep[] = { "", ", ", " ,", ",,", ",\n " };
	struct mhl_reader_ops ops = { addr_field, date_end, NULL };
	struct addr_run r;
	char buf[1100], lp[80], dom[300];
	size_t i, j, k, l, n, len;

	(void)state;
	/* The fast paths' classes are the lexer's. */
	for (i = 0; i < 256; i++) {
		assert_int_equal((sf_qc[i] & (SF_QA | SF_Q8)) != 0,
		    lx_is_atext((unsigned char)i));
		assert_int_equal((sf_qc[i] & SF_Q8) != 0, i >= 0x80);
		assert_int_equal((sf_qc[i] & SF_QW) != 0, i == ' ' ||
		    i == '\t' || i == '\n');
		assert_int_equal((sf_qc[i] & SF_QE) != 0, i == '=');
	}
	run_open(&r, &ops);
	each(&r, plain, sizeof(plain) / sizeof(plain[0]), 5, addr_one,
	    addr_mutants);
	each(&r, one, sizeof(one) / sizeof(one[0]), 4, addr_one, addr_mutants);
	each(&r, more, sizeof(more) / sizeof(more[0]), 3, addr_one,
	    addr_mutants);
	each(&r, other, sizeof(other) / sizeof(other[0]), 0, addr_one,
	    addr_mutants);
	/* Display names, local parts and separators together, two
	 * mailboxes a field. */
	for (i = 0; i < sizeof(phrase) / sizeof(phrase[0]); i++)
		for (j = 0; j < sizeof(local) / sizeof(local[0]); j++)
			for (k = 0; k < sizeof(sep) / sizeof(sep[0]); k++) {
				n = (size_t)snprintf(buf, sizeof(buf),
				    " %s<%s@example.com>%s%s@b.example",
				    phrase[i], local[j], sep[k], local[j]);
				addr_one(&r, buf, n);
				n = (size_t)snprintf(buf, sizeof(buf),
				    " %s@b.example%s%s<%s@example.com>",
				    local[j], sep[k], phrase[i], local[j]);
				addr_one(&r, buf, n);
			}
	/* Local parts of 63 to 66 octets, domains of 254 to 257, in
	 * angle brackets and alone. */
	for (l = 63; l <= 66; l++)
		for (len = 254; len <= 257; len++) {
			memset(lp, 'l', l);
			lp[l] = '\0';
			memset(dom, 'd', len);
			for (k = 60; k < len - 1; k += 60)
				dom[k] = '.';
			dom[len] = '\0';
			n = (size_t)snprintf(buf, sizeof(buf), " <%s@%s>", lp,
			    dom);
			addr_one(&r, buf, n);
			n = (size_t)snprintf(buf, sizeof(buf), " %s@%s", lp,
			    dom);
			addr_one(&r, buf, n);
		}
	memset(lp, 'l', 64);
	lp[64] = '\0';
	memset(dom, 'd', 255);
	dom[255] = '\0';
	n = (size_t)snprintf(buf, sizeof(buf), " <%s@%s>", lp, dom);
	assert_int_equal(addr_one(&r, buf, n), 5);

	/* Both paths ran, over many fields. */
	assert_true(r.quick > 1000);
	assert_true(r.fields - r.quick > 1000);
	mhl_reader_free(r.rd);
	mhl_checker_free(r.chk);
	free(r.found.buf);
}

/*
 * The msg-id checks' fast path against their general path
 * (sf_msgid.h): whenever sf_msgid_quick() answers for a field,
 * sf_msgid_general() must report nothing in it.
 */
static void
msgid_field(void *arg, const struct mhl_field *f)
{
	struct addr_run *r = arg;
	int list, quick;

	if (f->kind != MHL_FIELD_OK)
		return;
	if (f->name_len == 10 && memcmp(f->name, "Message-ID", 10) == 0)
		list = 0;
	else if (f->name_len == 10 && memcmp(f->name, "References", 10) == 0)
		list = 1;
	else
		return;
	r->found.len = 0;
	collect_add(&r->found, "", 0);
	sf_msgid_general(r->chk, f, list);
	quick = sf_msgid_quick(f, 0, list);
	if (quick >= 0 && r->found.len > 0) {
		struct collect esc = { NULL, 0, 0 };

		collect_esc(&esc, (const unsigned char *)r->in, r->nin);
		fail_msg("%s: \"%s\": fast path %d msg-ids, general path:\n%s",
		    list ? "References" : "Message-ID", esc.buf, quick,
		    r->found.buf);
	}
	assert_int_equal(sf_msgid_quick(f, MHL_TMPL_SHELL, list), -1);
	r->fields++;
	r->quick += quick >= 0;
}

/* The field body s in Message-ID (ended by LF) and References (at the
 * end of the input).  Returns for how many the fast path answered. */
static size_t
msgid_one(struct addr_run *r, const char *s, size_t n)
{
	static char msg[200];
	size_t quick = r->quick;

	assert_true(n + 20 < sizeof(msg));
	r->in = s;
	r->nin = n;
	memcpy(msg, "Message-ID:", 11);
	memcpy(msg + 11, s, n);
	memcpy(msg + 11 + n, "\n\n", 2);
	mhl_reader_reset(r->rd);
	mhl_reader_feed(r->rd, msg, n + 13);
	mhl_reader_finish(r->rd);
	memcpy(msg, "References:", 11);
	mhl_reader_reset(r->rd);
	mhl_reader_feed(r->rd, msg, n + 11);
	mhl_reader_finish(r->rd);
	return r->quick - quick;
}

/* The bytes that matter to a msg-id. */
static void
msgid_mutants(struct addr_run *r, const char *s)
{
	mutants(r, s, " \t\n()<>@,;:.\"\\[]=?a\x80\x01", msgid_one);
}

static void
test_msgid_fast_path(void **state)
{
	/* One msg-id: taken in both fields. */
	static const char *const one[] = {
		" <a@b>",
		"<CA+x=y_z-1.2@mail.example.com>",
		"\n\t<a.b.c@d.e>\n ",
		" <!#$%&'*+-/=^_`{|}~?@x>",
	};
	/* More: taken in References. */
	static const char *const more[] = {
		" <a@b> <c@d>",
		"<a@b><c@d>\n <e.f@g>",
	};
	static const char *const other[] = {
		"",
		" ",
		" a@b",
		" <a@b> (c)",
		" (c) <a@b>",
		" <a@[192.0.2.1]>",
		" <\"a\"@b>",
		" <a b@c>",
		" < a@b>",
		" <a@b >",
		" <a.@b>",
		" <a@b.>",
		" <a..b@c>",
		" <a@b> words <c@d>",
		" <=?x?q?y?=@b>",
		" <a=?b@c>",
		" <\xc3\xa9@b>",
		" <a@b",
		" <ab>",
		" <>",
		" <a@b> ,<c@d>",
	};
	struct mhl_reader_ops ops = { msgid_field, date_end, NULL };
	struct addr_run r;

	(void)state;
	run_open(&r, &ops);
	each(&r, one, sizeof(one) / sizeof(one[0]), 2, msgid_one,
	    msgid_mutants);
	each(&r, more, sizeof(more) / sizeof(more[0]), 1, msgid_one,
	    msgid_mutants);
	each(&r, other, sizeof(other) / sizeof(other[0]), 0, msgid_one,
	    msgid_mutants);
	assert_true(r.quick > 500);
	assert_true(r.fields - r.quick > 500);
	mhl_reader_free(r.rd);
	mhl_checker_free(r.chk);
	free(r.found.buf);
}

/*
 * Received's quick scan (sf_trace.c) against its token walk: with
 * template placeholders on, sf_received() always walks, so a field
 * without placeholders must get the same findings either way.  The
 * bytes the scan stops at go at every offset, to meet its eight-byte
 * steps at each place.
 */
static void
received_both(const char *v, size_t n)
{
	static char msg[512];
	struct mhl_options opt;
	char *scan, *walk;
	size_t len;

	assert_true(n + 64 < sizeof(msg));
	len = (size_t)snprintf(msg, sizeof(msg), "%sReceived: ", H);
	memcpy(msg + len, v, n);
	memcpy(msg + len + n, "\n\n", 2);
	len += n + 2;
	mhl_options_init(&opt);
	scan = check_str(&opt, msg, len);
	opt.tmpl = MHL_TMPL_SHELL;
	walk = check_str(&opt, msg, len);
	if (strcmp(scan, walk) != 0)
		fail_msg("Received:%.*s\nquick scan:\n%stoken walk:\n%s",
		    (int)n, v, scan, walk);
	free(scan);
	free(walk);
}

static void
test_received_quick_scan(void **state)
{
	static const char *const base[] = {
		"from a.example (b.example [192.0.2.1]) by c.example "
		    "(Postfix) with ESMTP id 4XyZ for <d@example.com>; "
		    "Mon, 1 Jan 2024 10:00:00 +0000 (UTC)",
		"from a (\\(x\\) (nested (deeper)) \";\" [;]) by b; "
		    "Mon, 1 Jan 2024 10:00:00 +0000",
		"by 2002:a05:6a10:1234::1 with SMTP id abcdefgh12345678;\n"
		    "\tMon, 1 Jan 2024 10:00:00 -0800 (PST)",
		"from [192.0.2.1] (helo=\"q\\\"s\") by x (envelope-from "
		    "<a@b>); 1 Jan 2024 10:00 +0000",
		"from [a)b(c\\]d] by e; Mon, 1 Jan 2024 10:00:00 +0000 "
		    "[x;y] \"z;w\"",
	};
	static const char ins[] = "()\"[];\\{\x1b";
	char buf[256];
	size_t b, i, k, n;

	(void)state;
	for (b = 0; b < sizeof(base) / sizeof(base[0]); b++) {
		n = strlen(base[b]);
		assert_true(n + 1 < sizeof(buf));
		received_both(base[b], n);
		for (i = 0; i <= n; i++) {
			if (i < n) {
				memcpy(buf, base[b], i);
				memcpy(buf + i, base[b] + i + 1, n - i - 1);
				received_both(buf, n - 1);
			}
			for (k = 0; k < sizeof(ins) - 1; k++) {
				memcpy(buf, base[b], i);
				buf[i] = ins[k];
				memcpy(buf + i + 1, base[b] + i, n - i);
				received_both(buf, n + 1);
			}
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_every_rule_covered),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_locations),
		cmocka_unit_test(test_no_cap),
		cmocka_unit_test(test_dispatch),
		cmocka_unit_test(test_date_fast_path),
		cmocka_unit_test(test_address_fast_path),
		cmocka_unit_test(test_msgid_fast_path),
		cmocka_unit_test(test_received_quick_scan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
