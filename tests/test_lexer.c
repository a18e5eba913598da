/*
 * The RFC 5322 lexer (src/lex5322.c), template placeholders
 * (src/template.c), and the structured checks on hostile input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "collect.h"
#include "lex5322.h"

#define S_(x) x, sizeof(x) - 1

/* A field whose kept bytes are s (the name ends at the first colon). */
static void
field(struct mhl_field *f, const char *s, size_t n)
{
	memset(f, 0, sizeof(*f));
	f->kind = MHL_FIELD_OK;
	f->buf = (const unsigned char *)s;
	f->kept = f->len = n;
	f->value_off = (size_t)((const char *)memchr(s, ':', n) - s) + 1;
	f->name = f->buf;
	f->name_len = f->value_off - 1;
}

/* The tokens of a field body as text: kind letter and bytes, space
 * separated: A atom, Q quoted-string, D literal, S special, B bad. */
static char *
tokens(unsigned int tmpl, const char *s, size_t n)
{
	static char out[4096];
	static const char kinds[] = "EAQDSB";
	struct mhl_field f;
	struct lx lx;
	struct lx_tok t;
	size_t o = 0;

	field(&f, s, n);
	lx_init(&lx, &f, tmpl);
	for (;;) {
		lx_next(&lx, &t);
		if (t.kind == LX_END)
			break;
		o += (size_t)snprintf(out + o, sizeof(out) - o, "%s%c%s%.*s",
		    o > 0 ? " " : "", kinds[t.kind],
		    (t.flags & LXF_WS) ? "_" : "", (int)t.len, s + t.off);
	}
	out[o] = '\0';
	return out;
}

static void
test_tokens(void **state)
{
	(void)state;
	assert_string_equal(tokens(0, S_("To: John <j.d@example.com>\n")),
	    "A_John S_< Aj S. Ad S@ Aexample S. Acom S>");
	/* folds and nested comments are CFWS; quoted-pairs stay inside */
	assert_string_equal(tokens(0, S_("To: (a (b \\) c) d)\n \"x\\\"y\"@"
	    "[1.2.3.4]\n")), "Q_\"x\\\"y\" S@ D[1.2.3.4]");
	assert_string_equal(tokens(0, S_("X: a\"b\n")),
	    "A_a B\"b");
	assert_string_equal(tokens(0, S_("X: (a (b)\n")), "B_(a (b)");
	assert_string_equal(tokens(0, S_("X: [a[b]\n")), "B_[a[");
	assert_string_equal(tokens(0, S_("X: a) b\n")), "A_a S) A_b");
}

/* The flags a token carries. */
static unsigned int
flags_of(const char *s, size_t n, int nth)
{
	struct mhl_field f;
	struct lx lx;
	struct lx_tok t;

	field(&f, s, n);
	lx_init(&lx, &f, 0);
	do
		lx_next(&lx, &t);
	while (nth-- > 0);
	return t.flags;
}

static void
test_flags(void **state)
{
	(void)state;
	/* obs-FWS: a whitespace-only continuation line is still FWS */
	assert_int_equal(flags_of(S_("X: a\n \n b\n"), 1), LXF_WS);
	assert_int_equal(flags_of(S_("X: (c)a\n"), 0), LXF_WS | LXF_COMMENT);
	assert_int_equal(flags_of(S_("X: J\xc3\xb6rg\n"), 0),
	    LXF_WS | LXF_8BIT);
	assert_int_equal(flags_of(S_("X: \"a\x01\"\n"), 0), LXF_WS | LXF_OBS);
	assert_int_equal(flags_of(S_("X: [1.2\\.3]\n"), 0), LXF_WS | LXF_OBS);
	assert_int_equal(flags_of(S_("X: =?utf-8?q?a?=\n"), 0),
	    LXF_WS | LXF_EW);
	assert_int_equal(flags_of(S_("X: \"=?utf-8?q?a?=\"\n"), 0),
	    LXF_WS | LXF_EW);
	assert_int_equal(flags_of(S_("X: a=?b\n"), 0), LXF_WS);
}

static void
test_placeholders(void **state)
{
	(void)state;
	assert_string_equal(tokens(MHL_TMPL_ALL, S_("To: {{ name }} "
	    "<{{ user }}@{{{ domain }}}>\n")),
	    "A_{{ name }} S_< A{{ user }} S@ A{{{ domain }}} S>");
	assert_string_equal(tokens(MHL_TMPL_ALL, S_("To: %(n)s <${u}@x.y>\n")),
	    "A_%(n)s S_< A${u} S@ Ax S. Ay S>");
	assert_string_equal(tokens(MHL_TMPL_ALL, S_("To: <%= to %>\n")),
	    "A_<%= to %>");
	/* off: the braces are atext, the spaces split them */
	assert_string_equal(tokens(0, S_("To: {{ a }}\n")), "A_{{ A_a A_}}");
	/* one style only */
	assert_string_equal(tokens(MHL_TMPL_SHELL, S_("To: {{ a }} ${b}\n")),
	    "A_{{ A_a A_}} A_${b}");
	assert_int_equal(mhl_template_match(MHL_TMPL_ALL,
	    (const unsigned char *)"{{ a\n}}", 7), 0);
	assert_int_equal(mhl_template_match(MHL_TMPL_JINJA,
	    (const unsigned char *)"{% if x %}", 10), 10);
}

/* 100,000 nested comments: one unterminated comment, no recursion. */
static void
test_deep_comments(void **state)
{
	size_t n = 100000, i;
	char *s = malloc(n + 16);
	struct mhl_field f;
	struct lx lx;
	struct lx_tok t;

	(void)state;
	assert_non_null(s);
	memcpy(s, "To: ", 4);
	for (i = 0; i < n; i++)
		s[4 + i] = '(';
	s[4 + n] = '\n';
	field(&f, s, n + 5);
	lx_init(&lx, &f, 0);
	lx_next(&lx, &t);
	assert_int_equal(t.kind, LX_BAD);
	assert_int_equal(t.off, 4);
	lx_next(&lx, &t);
	assert_int_equal(t.kind, LX_END);
	/* balanced: the whole thing is CFWS */
	s = realloc(s, 2 * n + 16);
	assert_non_null(s);
	for (i = 0; i < n; i++)
		s[4 + n + i] = ')';
	memcpy(s + 4 + 2 * n, "a@b\n", 4);
	field(&f, s, 2 * n + 8);
	lx_init(&lx, &f, 0);
	lx_next(&lx, &t);
	assert_int_equal(t.kind, LX_ATOM);
	assert_int_equal(t.off, 4 + 2 * n);
	free(s);
}

/* The comments lx_next() reported, as "off+len " text. */
struct seen {
	char buf[256];
	size_t n;
};

static void
note_comment(void *arg, size_t off, size_t len)
{
	struct seen *s = arg;

	s->n += (size_t)snprintf(s->buf + s->n, sizeof(s->buf) - s->n,
	    "%zu+%zu ", off, len);
}

/* Lexes s (a whole field, or one cut after its kept bytes) with
 * lx_next() and with its general path alone: every token, position and
 * comment must be the same. */
static void
same_both_ways_cut(unsigned int tmpl, const char *s, size_t n, int cut)
{
	struct mhl_field f;
	struct lx a, b;
	struct lx_tok ta, tb;
	struct seen sa, sb;
	size_t k;

	field(&f, s, n);
	if (cut)
		f.len = n + 1;
	lx_init(&a, &f, tmpl);
	lx_init(&b, &f, tmpl);
	memset(&sa, 0, sizeof(sa));
	memset(&sb, 0, sizeof(sb));
	a.on_comment = b.on_comment = note_comment;
	a.arg = &sa;
	b.arg = &sb;
	for (k = 0; k <= n; k++) {
		lx_next(&a, &ta);
		lx_next_general(&b, &tb);
		if (ta.kind != tb.kind || ta.off != tb.off ||
		    ta.len != tb.len || ta.ch != tb.ch ||
		    ta.flags != tb.flags || ta.err != tb.err ||
		    a.pos != b.pos || strcmp(sa.buf, sb.buf) != 0)
			fail_msg("\"%.*s\" (templates %u, cut %d): token %zu "
			    "differs: kind %d/%d off %zu/%zu len %zu/%zu flags "
			    "%#x/%#x", (int)n, s, tmpl, cut, k, ta.kind,
			    tb.kind, ta.off, tb.off, ta.len, tb.len, ta.flags,
			    tb.flags);
		if (ta.kind == LX_END)
			return;
	}
	fail_msg("\"%.*s\": no end", (int)n, s);
}

static void
same_both_ways(unsigned int tmpl, const char *s, size_t n)
{
	same_both_ways_cut(tmpl, s, n, 0);
	same_both_ways_cut(tmpl, s, n, 1);
}

/*
 * lx_next()'s fast path (blanks, folds, atoms and lone specials) and
 * its general path agree: every byte after a blank, a fold and a
 * comment, and every sequence of three pieces from a list of the
 * grammar's corners, with and without template placeholders.
 */
static void
test_fast_path(void **state)
{
	static const char *const pieces[] = {
		" ", "\t", "\n ", "\n\t", "\n", "\nx", "(c)", "((c) d)",
		"(\\)", "(", ")", "\"q\"", "\"a\\\"b\"", "\"", "[1.2]", "[",
		"]", "a", "b.c", "=?", "?=", "=?u?q?a?=", "\xc3\xa9", "\x01",
		"\x7f", ",", ".", "@", "<", ">", ":", ";", "\\", "=", "{{x}}",
		"${y}", "%(z)s", "<%= w %>",
	};
	const size_t np = sizeof(pieces) / sizeof(pieces[0]);
	char buf[64];
	size_t i, j, k, n;
	int c, pre, tmpl;

	(void)state;
	for (tmpl = 0; tmpl < 2; tmpl++) {
		for (pre = 0; pre < 4; pre++)
			for (c = 0; c < 256; c++) {
				static const char *const before[] = { "",
				    " ", "\n ", "(x)" };

				n = (size_t)snprintf(buf, sizeof(buf),
				    "To: %sa", before[pre]);
				buf[n - 1] = (char)c;
				n += (size_t)snprintf(buf + n, sizeof(buf) - n,
				    "b c\n");
				same_both_ways(tmpl ? MHL_TMPL_ALL : 0, buf,
				    n);
			}
		for (i = 0; i < np; i++)
			for (j = 0; j < np; j++)
				for (k = 0; k < np; k++) {
					n = (size_t)snprintf(buf, sizeof(buf),
					    "To:%s%s%s\n", pieces[i],
					    pieces[j], pieces[k]);
					same_both_ways(tmpl ? MHL_TMPL_ALL : 0,
					    buf, n);
				}
	}
}

static char *
check(const char *s, size_t n)
{
	struct mhl_options opt;

	mhl_options_init(&opt);
	return check_str(&opt, s, n);
}

/* Through the checker: a 10 MB To field, and 60,000 "(" in a From (all
 * kept, so the unterminated comment is reported). */
static void
test_hostile_fields(void **state)
{
	size_t n = 10 * 1024 * 1024, i, o;
	char *s = malloc(n + 200000), *out;

	(void)state;
	assert_non_null(s);
	o = (size_t)snprintf(s, 256, "Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
	    "From: (");
	for (i = 0; i < 60000; i++)
		s[o++] = '(';
	o += (size_t)snprintf(s + o, 256, "\nTo: \"");
	for (i = 0; i < n; i++)
		s[o++] = i % 70 == 69 ? '\n' : i % 70 == 0 ? ' ' : 'a';
	o += (size_t)snprintf(s + o, 256, "\"@example.com\n\n");
	out = check(s, o);
	/* The From comment is reported where it starts; the To field was
	 * cut at MHL_FIELD_KEEP bytes, so its grammar is not judged. */
	assert_non_null(strstr(out, "address-syntax 2:7@43 Invalid address: "
	    "unterminated comment"));
	assert_null(strstr(out, "address-syntax 3:"));
	free(out);
	free(s);
}

/* Positions map back through folds to line and column. */
static void
test_positions(void **state)
{
	char *out;

	(void)state;
	out = check(S_("Date: Mon, 1 Jan 2024 10:00:00 +0000\r\n"
	    "From: a@example.com\r\nTo: x@example.com,\r\n  John\r\n"
	    "  <john.example.com>\r\n\r\n"));
	assert_string_equal(out, "address-syntax 5:20@106 Invalid address: no "
	    "'@' in the address, found '>'|To: x@example.com,\\x0A  John"
	    "\\x0A  <john.example.com>\n");
	free(out);
}

/* atext (RFC 5322 §3.2.3, with RFC 6532 §3.2's UTF-8 bytes), byte by
 * byte against the grammar's own list. */
static void
test_atext(void **state)
{
	static const char punct[] = "!#$%&'*+-/=?^_`{|}~";
	int c, want;

	(void)state;
	for (c = 0; c < 256; c++) {
		want = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c >= 0x80 ||
		    (c != 0 && strchr(punct, c) != NULL);
		if (lx_is_atext((unsigned char)c) != want)
			fail_msg("atext(0x%02x) is %d", c, !want);
	}
}

/*
 * lx_has_ew(): "=?" followed later by "?=" (not sharing its '?'),
 * against a byte-by-byte search, over every string of up to eight
 * bytes from "=", "?" and "a".
 */
static void
test_has_ew(void **state)
{
	unsigned char s[8];
	size_t n, i, j, k;
	unsigned long code, count;
	int want;

	(void)state;
	for (n = 0; n <= sizeof(s); n++) {
		for (count = 1, i = 0; i < n; i++)
			count *= 3;
		for (code = 0; code < count; code++) {
			unsigned long c = code;

			for (i = 0; i < n; i++, c /= 3)
				s[i] = (unsigned char)"=?a"[c % 3];
			want = 0;
			for (i = 0; i + 1 < n && !want; i++)
				if (s[i] == '=' && s[i + 1] == '?') {
					for (j = i + 2; j + 1 < n; j++)
						if (s[j] == '?' && s[j + 1] == '=')
							want = 1;
					break;
				}
			k = (size_t)lx_has_ew(s, n);
			if (k != (size_t)want)
				fail_msg("\"%.*s\": %zu", (int)n, (char *)s, k);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_placeholders),
		cmocka_unit_test(test_deep_comments),
		cmocka_unit_test(test_fast_path),
		cmocka_unit_test(test_hostile_fields),
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_atext),
		cmocka_unit_test(test_has_ew),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
