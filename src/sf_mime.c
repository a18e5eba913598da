/*
 * MIME header fields.
 *
 * RFC 2045 §4:   version := "MIME-Version" ":" 1*DIGIT "." 1*DIGIT
 *                (comments allowed; this memo defines "1.0")
 * RFC 2045 §5.1: content := "Content-Type" ":" type "/" subtype
 *                           *(";" parameter)
 *                parameter := attribute "=" value
 *                value := token / quoted-string
 *                token := 1*<any (US-ASCII) CHAR except SPACE, CTLs,
 *                            or tspecials>
 *                tspecials := "(" / ")" / "<" / ">" / "@" / "," / ";" /
 *                             ":" / "\" / <"> / "/" / "[" / "]" / "?" /
 *                             "="
 * RFC 2045 §6.1: encoding := "Content-Transfer-Encoding" ":" mechanism
 *                mechanism := "7bit" / "8bit" / "binary" /
 *                             "quoted-printable" / "base64" /
 *                             ietf-token / x-token
 * RFC 2046 §5.1.1: boundary := 0*69<bchars> bcharsnospace
 *                bchars := bcharsnospace / " "
 *                bcharsnospace := DIGIT / ALPHA / "'" / "(" / ")" /
 *                             "+" / "_" / "," / "-" / "." / "/" / ":" /
 *                             "=" / "?"
 * RFC 2183 §2:   disposition := "Content-Disposition" ":"
 *                               disposition-type *(";" disposition-parm)
 * RFC 2231 §3-4: attribute *N for continuations (no gaps, no leading
 *                zeros); attribute * for an extended value:
 *                extended-initial-value := [charset] "'" [language] "'"
 *                                          extended-other-values
 *                extended-other-values := *(ext-octet / attribute-char)
 *                ext-octet := "%" 2(DIGIT / "A" / "B" / "C" / "D" /
 *                             "E" / "F")
 *
 * Comments (RFC 822 §3.4.3) may appear between tokens and nest; they are
 * skipped with a depth counter, never by recursion.  Only the kept bytes
 * of a field are seen: when the field goes on past them, nothing that
 * the cut may cause (an open quote or comment, a missing boundary or
 * continuation) is reported.
 */
#include <stdio.h>
#include <string.h>

#include "chars.h"
#include "internal.h"
#include "rfc2047.h"
#include "sf_mime.h"

/* Parameters remembered per field for the cross-parameter checks. */
#define MAX_PARAMS 64
/* RFC 2046 §5.1.1. */
#define BOUNDARY_MAX 70

enum tok_kind { TK_END, TK_TOKEN, TK_QSTRING, TK_SPECIAL, TK_BAD };

struct lex {
	const unsigned char *p; /* the field's kept bytes */
	size_t end;             /* end of the value within them */
	size_t i;
	int trunc;              /* the field goes on past 'end' */
};

struct tok {
	enum tok_kind kind;
	size_t off, len;
	const char *err;        /* TK_BAD: what is wrong */
	int at_end;             /* TK_BAD: caused by reaching the end */
};

struct param {
	size_t attr_off, attr_len; /* the whole attribute */
	size_t name_len;           /* its base name (before any "*") */
	int section;               /* RFC 2231 section, or -1 */
	int ext;                   /* RFC 2231 extended value */
	size_t val_off, val_len;   /* quotes included */
	int quoted;
};

struct params {
	struct param p[MAX_PARAMS];
	size_t n;
	int overflow;
};

static inline int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static inline int
is_tspecial(unsigned char c)
{
	return mhl_is_tspecial(c);
}

/*
 * Byte classes, one load a byte.  MC_TOKEN: token bytes, any CHAR but
 * SPACE, CTLs and tspecials (8-bit bytes too: the byte-level rules
 * report them).  MC_WSP: SP, TAB, LF and CR.  MC_BCHAR: RFC 2046's
 * bcharsnospace.  mhl_mime_classes_ok() checks the table against these
 * definitions.
 */
#define MC_TOKEN 1
#define MC_WSP 2
#define MC_BCHAR 4
static const unsigned char mclass[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 0, 0, 2, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 1, 0, 1, 1, 1, 1, 5, 4, 4, 1, 5, 4, 5, 5, 4,
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 0, 0, 4, 0, 4,
	0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 0, 0, 1, 5,
	1, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
	5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 1, 1, 1, 1, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static inline int
is_tokenc(unsigned char c)
{
	return mclass[c] & MC_TOKEN;
}

static inline int
is_wsp(unsigned char c)
{
	return mclass[c] & MC_WSP;
}

int
mhl_mime_classes_ok(void)
{
	unsigned int c;
	int token, wsp, bchar;

	for (c = 0; c < 256; c++) {
		token = c > ' ' && c != 0x7f && !is_tspecial((unsigned char)c);
		wsp = c == ' ' || c == '\t' || c == '\n' || c == '\r';
		bchar = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') || (c != '\0' &&
		    strchr("'()+_,-./:=?", (int)c) != NULL);
		if (!(mclass[c] & MC_TOKEN) != !token ||
		    !(mclass[c] & MC_WSP) != !wsp ||
		    !(mclass[c] & MC_BCHAR) != !bchar ||
		    (mclass[c] & ~(MC_TOKEN | MC_WSP | MC_BCHAR)) != 0)
			return 0;
	}
	return 1;
}

static void
lex_init(struct lex *l, const struct mhl_field *f)
{
	l->p = f->buf;
	l->end = f->kept < f->len ? f->kept : f->len;
	l->i = f->value_off < l->end ? f->value_off : l->end;
	l->trunc = f->len > f->kept;
	while (l->end > l->i && is_wsp(l->p[l->end - 1]))
		l->end--;
}

/* The value without its leading whitespace, for samples. */
static size_t
value_start(const struct lex *l, const struct mhl_field *f)
{
	size_t i = f->value_off;

	while (i < l->end && is_wsp(l->p[i]))
		i++;
	return i;
}

/* Skips whitespace and nested comments.  Returns 0, or -1 at an
 * unterminated comment (then l->i is the end).  The scans keep the
 * offset in a local: stored through l, it would be reloaded after each
 * byte read (a byte may alias anything). */
static int
skip_cfws(struct lex *l)
{
	const unsigned char *p = l->p;
	size_t i = l->i, end = l->end, depth;

	for (;;) {
		while (i < end && is_wsp(p[i]))
			i++;
		if (i >= end || p[i] != '(') {
			l->i = i;
			return 0;
		}
		depth = 0;
		for (; i < end; i++) {
			if (p[i] == '\\' && i + 1 < end)
				i++;
			else if (p[i] == '(')
				depth++;
			else if (p[i] == ')' && --depth == 0)
				break;
		}
		if (i >= end) {
			l->i = i;
			return -1;
		}
		i++;
	}
}

static void
lex_next(struct lex *l, struct tok *t)
{
	const unsigned char *p = l->p;
	size_t i, end = l->end;
	unsigned char c;

	memset(t, 0, sizeof(*t));
	if (skip_cfws(l) < 0) {
		t->kind = TK_BAD;
		t->off = end;
		t->err = "unterminated comment";
		t->at_end = 1;
		return;
	}
	i = t->off = l->i;
	if (i >= end) {
		t->kind = TK_END;
		return;
	}
	c = p[i];
	if (c == '"') {
		for (i++; i < end && p[i] != '"'; i++)
			if (p[i] == '\\' && i + 1 < end)
				i++;
		if (i >= end) {
			l->i = i;
			t->kind = TK_BAD;
			t->err = "unterminated quoted-string";
			t->at_end = 1;
			t->len = end - t->off;
			return;
		}
		i++;
		t->kind = TK_QSTRING;
	} else if (is_tspecial(c)) {
		i++;
		t->kind = TK_SPECIAL;
	} else if (is_tokenc(c)) {
		while (i < end && is_tokenc(p[i]))
			i++;
		t->kind = TK_TOKEN;
	} else {
		t->kind = TK_BAD;
		t->err = "control character";
		i++;
	}
	l->i = i;
	t->len = i - t->off;
}

static int
tok_is(const struct lex *l, const struct tok *t, const char *s)
{
	size_t i;

	if (t->len != strlen(s))
		return 0;
	for (i = 0; i < t->len; i++)
		if (lc(l->p[t->off + i]) != (unsigned char)s[i])
			return 0;
	return 1;
}

static int
is_special(const struct lex *l, const struct tok *t, int c)
{
	return t->kind == TK_SPECIAL && l->p[t->off] == c;
}

/* Emits a finding at a token, or at the end of the value. */
static void
emit_at(struct mhl_checker *c, enum rule_index ri,
    const struct mhl_field *f, size_t off, size_t len, const char *a,
    const char *b)
{
	snprintf(c->msg, sizeof(c->msg), "%s%s", a, b);
	mhl_emit_span_once(c, ri, f, off, len, c->msg);
}

/* A bad token is not reported when the cut of the field may cause it. */
static int
bad_reportable(const struct lex *l, const struct tok *t)
{
	return !(t->at_end && l->trunc);
}

/* Splits an RFC 2231 attribute.  Returns 0, or -1 when malformed. */
static int
attr_split(const unsigned char *a, size_t n, struct param *p)
{
	const unsigned char *star = memchr(a, '*', n);
	size_t i, k;
	int v = 0;

	p->section = -1;
	p->ext = 0;
	if (star == NULL) {
		p->name_len = n;
		return 0;
	}
	p->name_len = (size_t)(star - a);
	if (p->name_len == 0)
		return -1;
	i = p->name_len + 1;
	if (i == n) {
		/* name*: an extended value, not continued */
		p->ext = 1;
		return 0;
	}
	for (k = i; k < n && a[k] >= '0' && a[k] <= '9'; k++) {
		if (k - i >= 4)
			return -1;
		v = v * 10 + (a[k] - '0');
	}
	if (k == i)
		return -1;
	/* section := "0" / ("1"-"9") *DIGIT */
	if (a[i] == '0' && k - i > 1)
		return -1;
	p->section = v;
	if (k == n)
		return 0;
	if (a[k] == '*' && k + 1 == n) {
		p->ext = 1;
		return 0;
	}
	return -1;
}

/*
 * An encoded-word where a value belongs (t is the "=" it starts with):
 * takes it as the value.  Returns 1 if it was one.
 */
static int
unquoted_ew(struct lex *l, struct tok *t)
{
	size_t n;

	if (t->off + 1 >= l->end || l->p[t->off + 1] != '?')
		return 0;
	n = mhl_ew_span(l->p + t->off, l->end - t->off);
	if (n < 4 || l->p[t->off + n - 2] != '?' ||
	    l->p[t->off + n - 1] != '=')
		return 0;
	t->len = n;
	l->i = t->off + n;
	return 1;
}

/*
 * *(";" parameter), with a trailing ";" tolerated (it is everywhere in
 * real mail and harmless).  Returns 0, or -1 after reporting a syntax
 * error (or after an error the cut of the field caused).
 */
static int
parse_params(struct mhl_checker *c, const struct mhl_field *f,
    struct lex *l, struct params *ps)
{
	struct tok t, a, v;
	struct param *p;
	unsigned char nx;
	char what[4];

	for (;;) {
		lex_next(l, &t);
		if (t.kind == TK_END)
			return 0;
		if (t.kind == TK_BAD) {
			if (bad_reportable(l, &t))
				emit_at(c, R_MIME_PARAM_SYNTAX, f, t.off, t.len,
				    "Parameter list: ", t.err);
			return -1;
		}
		if (!is_special(l, &t, ';')) {
			emit_at(c, R_MIME_PARAM_SYNTAX, f, t.off, t.len,
			    "Expected \";\" before the next parameter", "");
			return -1;
		}
		lex_next(l, &a);
		if (a.kind == TK_END)
			return 0;
		if (a.kind == TK_SPECIAL && is_special(l, &a, ';')) {
			/* ";;": an empty parameter */
			emit_at(c, R_MIME_PARAM_SYNTAX, f, a.off, a.len,
			    "Empty parameter between \";\"s", "");
			return -1;
		}
		if (a.kind != TK_TOKEN) {
			if (a.kind != TK_BAD || bad_reportable(l, &a))
				emit_at(c, R_MIME_PARAM_SYNTAX, f, a.off, a.len,
				    "Parameter name is not a token", "");
			return -1;
		}
		lex_next(l, &t);
		if (!is_special(l, &t, '=')) {
			if (t.kind != TK_BAD || bad_reportable(l, &t))
				emit_at(c, R_MIME_PARAM_SYNTAX, f, a.off, a.len,
				    "Parameter has no \"=\" and value", "");
			return -1;
		}
		lex_next(l, &v);
		if (is_special(l, &v, '=') && unquoted_ew(l, &v)) {
			emit_at(c, R_EW_IN_PARAMETER, f, a.off,
			    v.off + v.len - a.off, "Encoded-word as an "
			    "unquoted MIME parameter value (use RFC 2231 "
			    "encoding)", "");
			continue;
		}
		if (v.kind == TK_BAD) {
			if (bad_reportable(l, &v))
				emit_at(c, R_MIME_PARAM_SYNTAX, f, a.off,
				    v.off + v.len - a.off, "Parameter value: ",
				    v.err);
			return -1;
		}
		if (v.kind != TK_TOKEN && v.kind != TK_QSTRING) {
			emit_at(c, R_MIME_PARAM_SYNTAX, f, a.off,
			    v.off + v.len - a.off, "Parameter value is "
			    "missing or not a token or quoted-string", "");
			return -1;
		}
		/* a tspecial right after an unquoted value: quote it */
		if (v.kind == TK_TOKEN && l->i < l->end) {
			nx = l->p[l->i];
			if (is_tspecial(nx) && nx != ';' && nx != '(') {
				snprintf(what, sizeof(what), "\"%c\"", nx);
				emit_at(c, R_MIME_PARAM_SYNTAX, f, a.off,
				    l->i + 1 - a.off, "Unquoted parameter "
				    "value holds the tspecial ", what);
				return -1;
			}
		}
		if (ps->n == MAX_PARAMS) {
			ps->overflow = 1;
			continue;
		}
		p = &ps->p[ps->n];
		p->attr_off = a.off;
		p->attr_len = a.len;
		p->val_off = v.off;
		p->val_len = v.len;
		p->quoted = v.kind == TK_QSTRING;
		if (attr_split(l->p + a.off, a.len, p) < 0) {
			emit_at(c, R_MIME_RFC2231_CONTINUATION, f, a.off,
			    a.len, "Malformed RFC 2231 parameter name "
			    "(name*N or name*N* with N from 0, no leading "
			    "zeros)", "");
			continue;
		}
		ps->n++;
	}
}

static int
name_eq(const struct lex *l, const struct param *a, const struct param *b)
{
	size_t i;

	if (a->name_len != b->name_len)
		return 0;
	for (i = 0; i < a->name_len; i++)
		if (lc(l->p[a->attr_off + i]) != lc(l->p[b->attr_off + i]))
			return 0;
	return 1;
}

static int
base_is(const struct lex *l, const struct param *p, const char *s)
{
	size_t i;

	if (p->name_len != strlen(s))
		return 0;
	for (i = 0; i < p->name_len; i++)
		if (lc(l->p[p->attr_off + i]) != (unsigned char)s[i])
			return 0;
	return 1;
}

static int
hexd(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') ||
	    (c >= 'a' && c <= 'f');
}

/* RFC 2231 §4: an extended value (the quotes of a quoted one dropped). */
static void
check_ext_value(struct mhl_checker *c, const struct mhl_field *f,
    const struct lex *l, const struct param *p, int first_ext)
{
	const unsigned char *v = l->p + p->val_off;
	size_t n = p->val_len, i, q1 = 0, q2 = 0, start = 0;
	const char *why = NULL;

	if (p->quoted) {
		v++;
		n -= 2;
	}
	if (p->section <= 0) {
		/* [charset] "'" [language] "'" */
		for (i = 0; i < n && v[i] != '\''; i++)
			;
		q1 = i;
		for (i = q1 + 1; i < n && v[i] != '\''; i++)
			;
		q2 = i;
		if (q1 >= n || q2 >= n)
			why = "Extended parameter value lacks the "
			    "charset'language' prefix";
		else
			start = q2 + 1;
	} else if (!first_ext)
		why = "Encoded continuation, but the first section gives no "
		    "charset (it is not name*0*)";
	for (i = start; why == NULL && i < n; i++) {
		if (v[i] == '%') {
			if (i + 2 >= n || !hexd(v[i + 1]) || !hexd(v[i + 2]))
				why = "\"%\" not followed by two hexadecimal "
				    "digits in an extended value";
			i += 2;
		} else if (v[i] == '\'')
			why = p->section > 0 ? "Charset and language may only "
			    "appear in the first section (name*0*)" :
			    "Extended parameter value holds a third \"'\"";
		else if (!is_tokenc(v[i]) || v[i] == '*' || v[i] >= 0x80)
			why = "Extended parameter value holds a character that "
			    "must be %-encoded";
	}
	if (why != NULL)
		emit_at(c, R_MIME_RFC2231_VALUE, f, p->attr_off,
		    p->val_off + p->val_len - p->attr_off, why, "");
}

/* An encoded-word in a parameter value: RFC 2047 §5 forbids it. */
static void
check_param_ew(struct mhl_checker *c, const struct mhl_field *f,
    const struct lex *l, const struct param *p)
{
	const unsigned char *v = l->p + p->val_off;
	size_t i, n;

	for (i = 0; i + 1 < p->val_len; i++) {
		if (v[i] != '=' || v[i + 1] != '?')
			continue;
		n = mhl_ew_span(v + i, p->val_len - i);
		if (n >= 4 && v[i + n - 2] == '?' && v[i + n - 1] == '=') {
			emit_at(c, R_EW_IN_PARAMETER, f, p->attr_off,
			    p->val_off + p->val_len - p->attr_off,
			    "Encoded-word in a MIME parameter value (use "
			    "RFC 2231 encoding)", "");
			return;
		}
		/* past what was scanned: linear on hostile values */
		if (n > 2)
			i += n - 2;
	}
}

/* The checks across parameters, after the list parsed. */
static void
check_params(struct mhl_checker *c, const struct mhl_field *f,
    const struct lex *l, const struct params *ps, int complete)
{
	const struct param *p, *q;
	size_t i, j;
	int max, k, found, first_ext, dup;
	char num[48];

	for (i = 0; i < ps->n; i++) {
		p = &ps->p[i];
		/* duplicates: the same name, section and form */
		dup = 0;
		for (j = 0; j < i && !dup; j++) {
			q = &ps->p[j];
			if (name_eq(l, p, q) && p->section == q->section &&
			    (p->section >= 0 || p->ext == q->ext))
				dup = 1;
		}
		if (dup) {
			if (p->section >= 0)
				emit_at(c, R_MIME_RFC2231_CONTINUATION, f,
				    p->attr_off, p->attr_len, "RFC 2231 "
				    "section given twice", "");
			else
				emit_at(c, R_MIME_PARAM_DUPLICATE, f,
				    p->attr_off, p->attr_len,
				    "Duplicate parameter", "");
			continue;
		}
		/* first of a continued name: sections 0..max, no gaps */
		first_ext = 0;
		if (p->section >= 0) {
			found = 0;
			for (j = 0; j < i; j++)
				if (ps->p[j].section >= 0 &&
				    name_eq(l, p, &ps->p[j]))
					found = 1;
			max = -1;
			for (j = 0; j < ps->n; j++) {
				q = &ps->p[j];
				if (q->section >= 0 && name_eq(l, p, q)) {
					if (q->section > max)
						max = q->section;
					if (q->section == 0)
						first_ext = q->ext;
				}
			}
			for (k = 0; !found && complete && k <= max; k++) {
				for (j = 0; j < ps->n; j++)
					if (ps->p[j].section == k &&
					    name_eq(l, p, &ps->p[j]))
						break;
				if (j == ps->n) {
					snprintf(num, sizeof(num), "%d (sections "
					    "go from 0 without gaps)", k);
					emit_at(c, R_MIME_RFC2231_CONTINUATION,
					    f, p->attr_off, p->attr_len,
					    "RFC 2231 continuation lacks section ",
					    num);
					break;
				}
			}
		}
		if (p->ext)
			check_ext_value(c, f, l, p, first_ext);
		else
			check_param_ew(c, f, l, p);
	}
}

static inline int
bchar_nospace(unsigned char c)
{
	return mclass[c] & MC_BCHAR;
}

/* RFC 2046 §5.1.1: the boundary of a multipart type. */
static void
check_boundary(struct mhl_checker *c, const struct mhl_field *f,
    const struct lex *l, const struct params *ps, int complete)
{
	const struct param *p = NULL;
	const unsigned char *v;
	size_t i, n, len = 0;
	unsigned char ch = 0;
	const char *why = NULL;

	for (i = 0; i < ps->n; i++)
		if (base_is(l, &ps->p[i], "boundary")) {
			if (ps->p[i].section >= 0 || ps->p[i].ext)
				return; /* RFC 2231 form: not checked here */
			p = &ps->p[i];
			break;
		}
	if (p == NULL) {
		if (complete)
			mhl_emit_span_once(c, R_MIME_BOUNDARY_MISSING, f,
			    value_start(l, f), l->end - value_start(l, f),
			    "Multipart Content-Type has no boundary "
			    "parameter");
		return;
	}
	v = l->p + p->val_off;
	n = p->val_len;
	if (p->quoted) {
		v++;
		n -= 2;
	}
	for (i = 0; i < n; i++) {
		ch = v[i];
		/* folding inside the quoted-string: unfold */
		if (ch == '\n' || ch == '\r')
			continue;
		if (p->quoted && ch == '\\' && i + 1 < n)
			ch = v[++i];
		len++;
		if (why == NULL && ch != ' ' && !bchar_nospace(ch))
			why = "Boundary holds a character outside RFC 2046's "
			    "bchars";
	}
	if (len == 0)
		why = "Boundary is empty";
	else if (len > BOUNDARY_MAX)
		why = "Boundary is longer than 70 characters";
	else if (why == NULL && ch == ' ')
		why = "Boundary ends in a space";
	if (why != NULL)
		mhl_emit_span_once(c, R_MIME_BOUNDARY_INVALID, f, p->attr_off,
		    p->val_off + p->val_len - p->attr_off, why);
}

/* The first MIME content field, for mime-version-missing. */
static void
note_content(struct mhl_checker *c, const struct mhl_field *f,
    const char *name)
{
	if (c->sf.mime_content != NULL)
		return;
	c->sf.mime_content = name;
	c->sf.mime_content_line = f->line;
	c->sf.mime_content_off = f->offset;
}

void
mhl_mime_type(struct mhl_checker *c, const struct mhl_field *f)
{
	struct lex l;
	struct tok type, t;
	struct params ps;
	int multipart;

	note_content(c, f, "Content-Type");
	lex_init(&l, f);
	lex_next(&l, &type);
	if (type.kind != TK_TOKEN) {
		if (type.kind == TK_BAD && !bad_reportable(&l, &type))
			return;
		emit_at(c, R_MIME_TYPE_SYNTAX, f, type.off, type.len,
		    type.kind == TK_END ? "Empty Content-Type" :
		    "Content-Type does not start with a type token", "");
		return;
	}
	multipart = tok_is(&l, &type, "multipart");
	lex_next(&l, &t);
	if (!is_special(&l, &t, '/')) {
		if (t.kind != TK_BAD || bad_reportable(&l, &t))
			emit_at(c, R_MIME_TYPE_SYNTAX, f, type.off, type.len,
			    "Content-Type has no \"/\" and subtype", "");
		return;
	}
	lex_next(&l, &t);
	if (t.kind != TK_TOKEN) {
		if (t.kind != TK_BAD || bad_reportable(&l, &t))
			emit_at(c, R_MIME_TYPE_SYNTAX, f, type.off,
			    t.off + t.len - type.off,
			    "Content-Type subtype is missing or not a token",
			    "");
		return;
	}
	ps.n = 0;
	ps.overflow = 0;
	if (parse_params(c, f, &l, &ps) < 0)
		return;
	check_params(c, f, &l, &ps, !l.trunc && !ps.overflow);
	if (multipart)
		check_boundary(c, f, &l, &ps, !l.trunc && !ps.overflow);
}

void
mhl_mime_disposition(struct mhl_checker *c, const struct mhl_field *f)
{
	struct lex l;
	struct tok type;
	struct params ps;
	size_t save;
	struct tok t;

	lex_init(&l, f);
	lex_next(&l, &type);
	if (type.kind != TK_TOKEN) {
		if (type.kind == TK_BAD && !bad_reportable(&l, &type))
			return;
		emit_at(c, R_MIME_DISPOSITION_SYNTAX, f, type.off, type.len,
		    type.kind == TK_END ? "Empty Content-Disposition" :
		    "Content-Disposition does not start with a disposition "
		    "type", "");
		return;
	}
	/* "filename=x" with no type before it */
	save = l.i;
	lex_next(&l, &t);
	if (is_special(&l, &t, '=')) {
		emit_at(c, R_MIME_DISPOSITION_SYNTAX, f, type.off, type.len,
		    "Content-Disposition has no disposition type (inline, "
		    "attachment)", "");
		return;
	}
	l.i = save;
	ps.n = 0;
	ps.overflow = 0;
	if (parse_params(c, f, &l, &ps) < 0)
		return;
	check_params(c, f, &l, &ps, !l.trunc && !ps.overflow);
}

void
mhl_mime_cte(struct mhl_checker *c, const struct mhl_field *f)
{
	static const char *const known[] = {
		"7bit", "8bit", "binary", "quoted-printable", "base64", NULL
	};
	struct lex l;
	struct tok t, e;
	size_t i;

	note_content(c, f, "Content-Transfer-Encoding");
	lex_init(&l, f);
	lex_next(&l, &t);
	if (t.kind == TK_BAD && !bad_reportable(&l, &t))
		return;
	if (t.kind != TK_TOKEN) {
		emit_at(c, R_MIME_CTE_INVALID, f, t.off, t.len,
		    t.kind == TK_END ? "Empty Content-Transfer-Encoding" :
		    "Content-Transfer-Encoding is not a token", "");
		return;
	}
	lex_next(&l, &e);
	if (e.kind == TK_BAD && !bad_reportable(&l, &e))
		return;
	if (e.kind != TK_END) {
		emit_at(c, R_MIME_CTE_INVALID, f, t.off, e.off + e.len - t.off,
		    "Content-Transfer-Encoding has more than one token", "");
		return;
	}
	for (i = 0; known[i] != NULL; i++)
		if (tok_is(&l, &t, known[i]))
			return;
	/* x-token := "X-" token */
	if (t.len > 2 && lc(l.p[t.off]) == 'x' && l.p[t.off + 1] == '-')
		return;
	emit_at(c, R_MIME_CTE_INVALID, f, t.off, t.len, "Unknown "
	    "Content-Transfer-Encoding (7bit, 8bit, binary, "
	    "quoted-printable, base64 or X-token)", "");
}

void
mhl_mime_version(struct mhl_checker *c, const struct mhl_field *f)
{
	struct lex l;
	struct tok t;
	char v[16];
	size_t n = 0, k;
	int ok = 1;

	c->sf.mime_version = 1;
	lex_init(&l, f);
	/* the tokens outside comments, joined: "1.(x)0" is "1.0" */
	for (;;) {
		lex_next(&l, &t);
		if (t.kind == TK_END)
			break;
		if (t.kind == TK_BAD && !bad_reportable(&l, &t))
			return;
		if (t.kind != TK_TOKEN || n + t.len >= sizeof(v)) {
			ok = 0;
			break;
		}
		memcpy(v + n, l.p + t.off, t.len);
		n += t.len;
	}
	v[n] = '\0';
	/* 1*DIGIT "." 1*DIGIT with the value 1.0 */
	if (ok) {
		for (k = 0; k < n && v[k] == '0'; k++)
			;
		ok = k < n && v[k] == '1' && k + 1 < n && v[k + 1] == '.' &&
		    k + 2 < n;
		for (k += 2; ok && k < n; k++)
			ok = v[k] == '0';
	}
	if (!ok)
		mhl_emit_span_once(c, R_MIME_VERSION_INVALID, f, value_start(&l, f),
		    l.end - value_start(&l, f), "MIME-Version is not 1.0");
}

void
mhl_mime_end(struct mhl_checker *c)
{
	if (c->sf.mime_content == NULL || c->sf.mime_version)
		return;
	snprintf(c->msg, sizeof(c->msg), "%s without MIME-Version",
	    c->sf.mime_content);
	mhl_emit(c, R_MIME_VERSION_MISSING, NULL, c->sf.mime_content_line, 1,
	    c->sf.mime_content_off, c->msg, strlen(c->msg), NULL, 0);
}
