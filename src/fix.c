/*
 * The repair writer behind --fix: streams a message through, holding at
 * most one field (MHL_FIX_FIELD_MAX bytes), and repairs what needs no
 * guessing.
 *
 * RFC 5322 §2.1: "A message consists of header fields ... followed,
 * optionally, by a body.  The header section is a sequence of lines of
 * characters with special syntax as defined in this specification.  The
 * body is simply a sequence of characters that follows the header
 * section and is separated from the header section by an empty line."
 * §2.1.1: "Each line of characters MUST be no more than 998 characters,
 * and SHOULD be no more than 78 characters, excluding the CRLF."
 * §2.2.3: folding is "simply inserting a CRLF immediately before some
 * WSP"; "a header field body ... MUST NOT include a line composed
 * entirely of white space (obs-FWS)" in its non-obsolete form.
 * RFC 2047 §5(1): encoded-words may replace a 'text' token in any
 * Subject or Comments field, any extension field, or any MIME body part
 * field defined as '*text'; §5(2), (3): in structured fields, within
 * comments and as words of phrases (src/fix_struct.c).
 *
 * The header section is read line by line into a unit buffer: a field
 * with its continuation lines, or a run of lines that are not fields.
 * A unit is repaired and written when the next one starts.  Lines are
 * split the way src/reader.c splits them (only LF ends a line; a
 * whitespace-only line is the separator when a non-field line follows),
 * so the checker sees the output as the fixer meant it.  The body is
 * copied as it comes, byte for byte unless body_eol is set.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mhlint_fix.h"
#include "chars.h"
#include "fix_internal.h"

#define UNIT_MAX MHL_FIX_FIELD_MAX
/* A field laid out: Q encoding at most triples a byte, and each word of
 * at most 75 characters adds its frame and a fold. */
#define OUT_MAX (UNIT_MAX * 4 + 4096)
#define NONE ((size_t)-1)
/* The reader's lookahead (src/reader.c). */
#define LA_MAX 1024

enum fstate {
	FS_START,  /* before the first line: an mbox "From " line? */
	FS_HEADER,
	FS_PASS,   /* a unit too big to hold, copied as it is */
	FS_BODY
};

enum ukind {
	U_NONE,
	U_FIELD,
	U_SYNTAX,  /* a run of lines that are not fields */
	U_LEADING  /* continuation lines before the first field */
};

struct mhl_fixer {
	struct mhl_fix_options opt;
	char charset[41];
	mhl_fix_write_fn *write;
	mhl_fix_note_fn *note;
	void *arg;
	int err;

	enum fstate state;
	uint64_t line;      /* the line being read, 1-based */
	enum ukind ukind;
	uint64_t uline;     /* first line of the unit */
	size_t unit_n;
	size_t line_start;  /* the line being read, in unit */
	size_t ws_start;    /* a whitespace-only line waiting, or NONE */
	uint64_t ws_line;
	int pass_bol;
	size_t body_cr;     /* CRs waiting: line end or bytes? */
	size_t pass_cr;
	uint64_t eol_changed, body_changed;
	int seen_field;
	int env_out;        /* an mbox envelope line was written */

	char msg[256];
	struct obuf ob;
	unsigned char unit[UNIT_MAX];
	unsigned char val[UNIT_MAX];
	unsigned char txt[UNIT_MAX * 3];
	unsigned char out[OUT_MAX];
	struct fix_edit edits[FIX_EDITS_MAX];
};

/* One byte per character, so encoded-words can be split anywhere. */
static const char *const single_byte[] = {
	"ISO-8859-1", "ISO-8859-2", "ISO-8859-3", "ISO-8859-4",
	"ISO-8859-5", "ISO-8859-6", "ISO-8859-7", "ISO-8859-8",
	"ISO-8859-9", "ISO-8859-10", "ISO-8859-13", "ISO-8859-14",
	"ISO-8859-15", "ISO-8859-16", "WINDOWS-1250", "WINDOWS-1251",
	"WINDOWS-1252", "WINDOWS-1253", "WINDOWS-1254", "WINDOWS-1255",
	"WINDOWS-1256", "WINDOWS-1257", "WINDOWS-1258", "KOI8-R", "KOI8-U",
	NULL
};

/* Fields whose body is not '*text': encoded-words only in their
 * phrases and comments, which fix_struct.c finds. */
static const char *const structured[] = {
	"accept-language", "arc-authentication-results",
	"arc-message-signature", "arc-seal", "authentication-results",
	"auto-submitted", "autocrypt", "bcc", "cc", "content-base",
	"content-disposition", "content-id", "content-language",
	"content-location", "content-md5", "content-transfer-encoding",
	"content-type", "date", "disposition-notification-options",
	"disposition-notification-to", "dkim-signature",
	"domainkey-signature", "errors-to", "final-recipient", "from",
	"in-reply-to", "keywords", "list-archive", "list-help", "list-id",
	"list-owner", "list-post", "list-subscribe", "list-unsubscribe",
	"list-unsubscribe-post", "mail-followup-to", "mail-reply-to",
	"message-id", "mime-version", "original-recipient", "received",
	"received-spf", "references", "reply-to", "require-recipient-valid-since",
	"resent-bcc", "resent-cc", "resent-date", "resent-from",
	"resent-message-id", "resent-reply-to", "resent-sender", "resent-to",
	"return-path", "return-receipt-to", "sender", "tls-required", "to",
	NULL
};

static int
ascii_ieq(const char *a, const unsigned char *b, size_t n)
{
	size_t i;
	unsigned char c, d;

	for (i = 0; i < n; i++) {
		c = (unsigned char)a[i];
		d = b[i];
		if (c == '\0')
			return 0;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (d >= 'A' && d <= 'Z')
			d = (unsigned char)(d - 'A' + 'a');
		if (c != d)
			return 0;
	}
	return a[n] == '\0';
}

int
mhl_fix_charset_ok(const char *cs)
{
	size_t i;

	for (i = 0; single_byte[i] != NULL; i++)
		if (ascii_ieq(single_byte[i], (const unsigned char *)cs,
		    strlen(cs)))
			return 1;
	return 0;
}

static int
is_structured(const unsigned char *name, size_t n)
{
	size_t i;

	for (i = 0; structured[i] != NULL; i++)
		if (ascii_ieq(structured[i], name, n))
			return 1;
	return 0;
}

static int
is_wsp(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* As src/reader.c: ftext widened to 8-bit, as Amavis reads it. */
static int
is_name_byte(unsigned char c)
{
	return c >= 0x21 && c != ':' && c != 0x7f;
}

/* The length of "NAME WSP* :" at p, or 0 when p is not a field line. */
static size_t
field_head(const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n && is_name_byte(p[i]))
		i++;
	if (i == 0)
		return 0;
	while (i < n && is_wsp(p[i]))
		i++;
	return i < n && p[i] == ':' ? i + 1 : 0;
}

static int
ws_only(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_wsp(p[i]))
			return 0;
	return n > 0;
}

/* Bytes a line's ending takes: 2 for CRLF, 1 for LF, 0 at the end. */
static size_t
eol_len(const unsigned char *p, size_t n)
{
	if (n > 0 && p[n - 1] == '\n')
		return n > 1 && p[n - 2] == '\r' ? 2 : 1;
	return 0;
}

static const char *
eol(const struct mhl_fixer *fx)
{
	return fx->opt.eol_lf ? "\n" : "\r\n";
}

static void
put(struct mhl_fixer *fx, const void *p, size_t n)
{
	if (fx->err || n == 0)
		return;
	if (fx->write(fx->arg, p, n) == -1)
		fx->err = 1;
}

static void
put_eol(struct mhl_fixer *fx)
{
	put(fx, eol(fx), strlen(eol(fx)));
}

static void note(struct mhl_fixer *, enum mhl_fix_kind, int, uint64_t,
    const char *, ...) __attribute__((format(printf, 5, 6)));

static void
note(struct mhl_fixer *fx, enum mhl_fix_kind kind, int repaired,
    uint64_t line, const char *fmt, ...)
{
	struct mhl_fix_note n;
	va_list ap;
	int len;

	if (fx->note == NULL)
		return;
	va_start(ap, fmt);
	len = vsnprintf(fx->msg, sizeof(fx->msg), fmt, ap);
	va_end(ap);
	if (len < 0)
		len = 0;
	if ((size_t)len >= sizeof(fx->msg))
		len = sizeof(fx->msg) - 1;
	n.kind = kind;
	n.repaired = repaired;
	n.line = line;
	n.text = fx->msg;
	n.text_len = (size_t)len;
	fx->note(fx->arg, &n);
}

/* A printable, US-ASCII name for notes. */
static const char *
name_str(char *dst, size_t cap, const unsigned char *p, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 1 < cap; i++)
		dst[k++] = p[i] >= 0x21 && p[i] <= 0x7e ? (char)p[i] : '?';
	dst[k] = '\0';
	return dst;
}

/* The start of a line, printable, for notes. */
static const char *
text_str(char *dst, size_t cap, const unsigned char *p, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n && k + 1 < cap && p[i] != '\n' && p[i] != '\r';
	    i++)
		dst[k++] = p[i] >= 0x20 && p[i] <= 0x7e && p[i] != '"' ?
		    (char)p[i] : '?';
	dst[k] = '\0';
	return dst;
}

/* Counts a header line ending that the output changes. */
static void
count_eol(struct mhl_fixer *fx, const unsigned char *line, size_t n)
{
	size_t k = eol_len(line, n);

	if ((k == 2 && fx->opt.eol_lf) || (k == 1 && !fx->opt.eol_lf))
		fx->eol_changed++;
}

/* ------------------------------------------------------------------ */
/* Body */

/* Writes n bare CRs. */
static void
crs(struct mhl_fixer *fx, size_t n)
{
	for (; n > 0; n--)
		put(fx, "\r", 1);
}

static void
body_put(struct mhl_fixer *fx, const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n, *q;

	if (!fx->opt.body_eol) {
		put(fx, p, n);
		return;
	}
	while (p < end) {
		for (q = p; q < end && *q != '\r' && *q != '\n'; q++)
			;
		if (q > p && fx->body_cr > 0) {
			crs(fx, fx->body_cr);
			fx->body_cr = 0;
		}
		put(fx, p, (size_t)(q - p));
		if (q == end)
			break;
		if (*q == '\r')
			fx->body_cr++;
		else {
			/* CRs before the LF: one ends the line, the others
			 * stay, but for LF endings, where a CR kept before
			 * the LF would make a CRLF of it. */
			if (fx->body_cr > 0 && !fx->opt.eol_lf)
				crs(fx, fx->body_cr - 1);
			if ((fx->body_cr > 0) == (fx->opt.eol_lf != 0))
				fx->body_changed++;
			fx->body_cr = 0;
			put_eol(fx);
		}
		p = q + 1;
	}
}

/* A field too big to hold: copied as it is but for its line endings. */
static void
pass_put(struct mhl_fixer *fx, const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n, *q;

	while (p < end) {
		for (q = p; q < end && *q != '\r' && *q != '\n'; q++)
			;
		if (q > p && fx->pass_cr > 0) {
			crs(fx, fx->pass_cr);
			fx->pass_cr = 0;
		}
		put(fx, p, (size_t)(q - p));
		if (q == end)
			break;
		if (*q == '\r')
			fx->pass_cr++;
		else {
			/* CRs before the LF: one ends the line, the others
			 * stay, but for LF endings, where a CR kept before
			 * the LF would make a CRLF of it. */
			if (fx->pass_cr > 0 && !fx->opt.eol_lf)
				crs(fx, fx->pass_cr - 1);
			if ((fx->pass_cr > 0) == (fx->opt.eol_lf != 0))
				fx->eol_changed++;
			fx->pass_cr = 0;
			put_eol(fx);
		}
		p = q + 1;
	}
}

/* ------------------------------------------------------------------ */
/* Layout of one field */

static int
is_sep(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The end of the token at i: in structured fields a quoted-string or an
 * angle-bracketed part (a msg-id, an address) is never cut. */
static size_t
atom_end(const unsigned char *v, size_t i, size_t n, int st, int *depth)
{
	while (i < n && !is_sep(v[i])) {
		if (st && *depth > 0) {
			/* Inside a comment quotes and angle brackets are
			 * ordinary text (RFC 5322 §3.2.2 ctext). */
			if (v[i] == '\\' && i + 1 < n)
				i++;
			else if (v[i] == '(')
				(*depth)++;
			else if (v[i] == ')')
				(*depth)--;
			i++;
		} else if (st && v[i] == '(') {
			(*depth)++;
			i++;
		} else if (st && v[i] == '"') {
			for (i++; i < n && v[i] != '"'; i++)
				if (v[i] == '\\' && i + 1 < n)
					i++;
			if (i < n)
				i++;
		} else if (st && v[i] == '<') {
			while (i < n && v[i] != '>')
				i++;
			if (i < n)
				i++;
		} else
			i++;
	}
	return i;
}

/* Comment depth after v[i..e), which an edit replaced in one step. */
static void
skip_depth(const unsigned char *v, size_t i, size_t e, int st, int *depth)
{
	while (i < e) {
		if (is_sep(v[i]))
			i++;
		else
			i = atom_end(v, i, e, st, depth);
	}
}

/* Does the token hold something that starts like an encoded-word? */
static int
has_ew_start(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (p[i] == '=' && p[i + 1] == '?')
			return 1;
	return 0;
}

/* A token and the blanks before it, folded before the blanks when the
 * line would pass 78 columns. */
static void
place(struct obuf *o, const unsigned char *sep, size_t sn,
    const unsigned char *atom, size_t an)
{
	const unsigned char *nl = memchr(atom, '\n', an);
	size_t first = nl != NULL ? (size_t)(nl - atom) : an;
	int ew = has_ew_start(atom, an);
	size_t limit = o->has_ew || ew ? LINE_EW : LINE_SOFT;

	/* After the colon only when the token then fits. */
	if (memchr(sep, '\n', sn) == NULL && sn > 0 && (o->content ||
	    (o->name_line && sn + first <= limit)) &&
	    o->col + sn + first > limit)
		mhl_ob_put(o, "\n", 1);
	mhl_ob_put(o, sep, sn);
	mhl_ob_put(o, atom, an);
	o->content = 1;
	if (ew)
		o->has_ew = 1;
}

/* Appends p[0..n) to txt without its LFs (unfolding). */
static size_t
unfold_into(unsigned char *txt, size_t tn, const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != '\n')
			txt[tn++] = p[i];
	return tn;
}

static size_t
q_word_fix(unsigned char *dst, const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (p[i] < 0x80) {
			dst[k++] = p[i];
			continue;
		}
		dst[k++] = '=';
		dst[k++] = (unsigned char)hex[p[i] >> 4];
		dst[k++] = (unsigned char)hex[p[i] & 15];
	}
	return k;
}

/* The text an edit encodes: a phrase unquoted, a comment's words with
 * their quoted-pairs resolved; folds removed. */
static size_t
resolve_into(unsigned char *txt, size_t tn, const unsigned char *p,
    size_t n, int phrase)
{
	size_t i;
	int quoted = 0;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n')
			continue;
		if (phrase && p[i] == '"') {
			quoted = !quoted;
			continue;
		}
		if (p[i] == '\\' && (quoted || !phrase) && i + 1 < n &&
		    p[i + 1] != '\n')
			i++;
		txt[tn++] = p[i];
	}
	return tn;
}

/*
 * Writes one edit of a structured field, 'sep' before it; 'next' is the
 * edit after it, if any, and 'depth' the comment depth at its end ('st':
 * the field is structured).
 */
static void
put_edit(struct mhl_fixer *fx, const unsigned char *v, size_t n,
    const struct fix_edit *e, const struct fix_edit *next,
    const unsigned char *sep, size_t sn, const char *cs, int utf8, int st,
    int depth)
{
	size_t tn = 0, k, tail = 0;
	const unsigned char *nl;

	if (e->kind == FE_QFIX) {
		tn = q_word_fix(fx->txt, v + e->a, e->b - e->a);
		place(&fx->ob, sep, sn, fx->txt, tn);
		return;
	}
	if (e->pre) {
		for (k = e->a; k > 0 && is_sep(v[k - 1]); k--)
			;
		tn = unfold_into(fx->txt, tn, v + k, e->a - k);
	}
	tn = resolve_into(fx->txt, tn, v + e->a, e->b - e->a,
	    e->kind == FE_PHRASE);
	tn = unfold_into(fx->txt, tn, v + e->b, e->post - e->b);
	/* What is glued after a comment's words (")" and the like), up
	 * to where a later pass would see the token end: an angle-bracketed
	 * part glued on runs past blanks (atom_end). */
	if (!e->sp_after) {
		tail = atom_end(v, e->b, n, st, &depth) - e->b;
		if ((nl = memchr(v + e->b, '\n', tail)) != NULL)
			tail = (size_t)(nl - (v + e->b));
		/* The next edit glued on is written as encoded-words, the
		 * first of them at least one character long (=XX, four of
		 * them in UTF-8); with a blank put before it, a fold can go
		 * there. */
		if (next != NULL && next->kind != FE_QFIX &&
		    next->a >= e->b && next->a < e->b + tail)
			tail = next->a - e->b + (next->sp_before ? 0 :
			    2 + strlen(cs) + 3 + (utf8 ? 12 : 3) + 2);
		if (tail > LINE_EW)
			tail = LINE_EW;
	}
	mhl_ew_encode(&fx->ob, cs, utf8, fx->txt, tn, sep, sn, tail, LINE_EW);
}

static void
layout(struct mhl_fixer *fx, const unsigned char *v, size_t n, int st,
    int encode, const char *cs, int utf8, const struct fix_edit *ed,
    size_t ned)
{
	struct obuf *o = &fx->ob;
	size_t i = 0, s0, a0, a1, g1, j, k, e, tn, ei = 0, sn;
	const unsigned char *sep;
	unsigned char glue[64];
	int prev_ew = 0, pending_sp = 0, depth = 0, d2;

	while (i < n && !o->overflow) {
		s0 = i;
		while (i < n && is_sep(v[i]))
			i++;
		if (i == n) {
			mhl_ob_put(o, v + s0, i - s0);
			break;
		}
		a0 = i;
		sep = v + s0;
		sn = a0 - s0;
		/* RFC 2047 §5 (3): a blank between an encoded phrase and
		 * what was glued to it (blanks there are CFWS). */
		if (sn == 0 && (pending_sp || (ei < ned && ed[ei].a == a0 &&
		    ed[ei].sp_before))) {
			sep = (const unsigned char *)" ";
			sn = 1;
		}
		pending_sp = 0;
		if (ei < ned && ed[ei].a == a0) {
			skip_depth(v, i, ed[ei].b, st, &depth);
			put_edit(fx, v, n, &ed[ei], ei + 1 < ned ? &ed[ei + 1] :
			    NULL, sep, sn, cs, utf8, st, depth);
			i = ed[ei].b;
			pending_sp = ed[ei].sp_after;
			ei++;
			continue;
		}
		d2 = depth;
		a1 = atom_end(v, i, n, st, &d2);
		if (ei < ned && ed[ei].a < a1) {
			if (ed[ei].kind == FE_COMMENT ||
			    ed[ei].kind == FE_QFIX) {
				/* The glued "(" goes with the first word, so
				 * a fold goes before both; a blank put in
				 * (above) goes with them, or no fold could go
				 * there (fuzz_fix found such a line of 91). */
				if (sep == v + s0)
					sn = ed[ei].a - s0;
				else if (sn + (k = ed[ei].a - a0) <=
				    sizeof(glue)) {
					memcpy(glue, sep, sn);
					memcpy(glue + sn, v + a0, k);
					sep = glue;
					sn += k;
				} else {
					mhl_ob_put(o, sep, sn);
					sep = v + a0;
					sn = ed[ei].a - a0;
				}
				skip_depth(v, i, ed[ei].b, st, &depth);
				put_edit(fx, v, n, &ed[ei], ei + 1 < ned ?
				    &ed[ei + 1] : NULL, sep, sn, cs, utf8, st,
				    depth);
				i = ed[ei].b;
				ei++;
				continue;
			}
			a1 = ed[ei].a;
			d2 = depth;
			skip_depth(v, i, a1, st, &d2);
		}
		depth = d2;
		i = a1;
		if (st && !encode) {
			place(o, sep, sn, v + a0, a1 - a0);
			continue;
		}
		if (encode && mhl_fix_q_word_8bit(v + a0, a1 - a0)) {
			/* A Q encoded-word with raw 8-bit bytes: its charset
			 * is declared, so the bytes become =XX. */
			tn = q_word_fix(fx->txt, v + a0, a1 - a0);
			place(o, v + s0, a0 - s0, fx->txt, tn);
			prev_ew = 1;
			continue;
		}
		if (!encode || !mhl_has_8bit(v + a0, a1 - a0)) {
			place(o, v + s0, a0 - s0, v + a0, a1 - a0);
			prev_ew = mhl_ew_like(v + a0, a1 - a0);
			continue;
		}
		/* Words with raw 8-bit separated only by blanks are one
		 * run of encoded-words: blanks between encoded-words are
		 * dropped when decoding, so they go inside. */
		for (g1 = j = a1;;) {
			for (k = j; k < n && is_sep(v[k]); k++)
				;
			if (k == n)
				break;
			d2 = depth;
			e = atom_end(v, k, n, st, &d2);
			if (!mhl_has_8bit(v + k, e - k))
				break;
			g1 = j = e;
		}
		tn = 0;
		/* A neighbour that is an encoded-word already would lose
		 * the blanks between it and ours: encode them too. */
		if (prev_ew)
			tn = unfold_into(fx->txt, tn, v + s0, a0 - s0);
		tn = unfold_into(fx->txt, tn, v + a0, g1 - a0);
		for (k = g1; k < n && is_sep(v[k]); k++)
			;
		d2 = depth;
		if (k < n && mhl_ew_like(v + k, atom_end(v, k, n, st, &d2) - k))
			tn = unfold_into(fx->txt, tn, v + g1, k - g1);
		mhl_ew_encode(o, cs, utf8, fx->txt, tn, v + s0, a0 - s0, 0,
		    LINE_EW);
		i = g1;
		prev_ew = 0;
	}
}

static int
has_c1(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			return 1;
	return 0;
}

static int
is_ctl(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

/* Is raw 8-bit left outside the edits?  With SMTPUTF8, UTF-8 may stay
 * (RFC 6532 §3.2) but for the C1 controls. */
static int
left_8bit(const struct mhl_fixer *fx, size_t vn, size_t ned, int utf8)
{
	const unsigned char *v = fx->val;
	size_t i, e = 0;

	for (i = 0; i < vn; i++) {
		while (e < ned && fx->edits[e].b <= i)
			e++;
		if (e < ned && fx->edits[e].a <= i) {
			i = fx->edits[e].b - 1;
			continue;
		}
		if (v[i] < 0x80)
			continue;
		if (!fx->opt.smtputf8 || !utf8 || (v[i] == 0xc2 && i + 1 < vn &&
		    v[i + 1] >= 0x80 && v[i + 1] <= 0x9f))
			return 1;
	}
	return 0;
}

/* Repairs and writes one field: raw lines p[0..n), the first starting
 * with its name. */
static void
repair_field(struct mhl_fixer *fx, const unsigned char *p, size_t n,
    uint64_t line)
{
	struct obuf *o = &fx->ob;
	const unsigned char *ln, *end = p + n, *nl;
	size_t head, name_n, vn = 0, ln_n, k, i, start, ctl = 0, wsl = 0;
	size_t lines_in = 0, lines_out = 0, maxlen = 0, len;
	int st, enc, utf8, longl = 0, final = 0, kind, ned = 0;
	char name[64];
	const char *cs, *why = NULL;

	head = field_head(p, n);
	for (name_n = 0; name_n < n && is_name_byte(p[name_n]); name_n++)
		;
	name_str(name, sizeof(name), p, name_n);
	/* The logical value: lines joined by LF, controls removed. */
	for (ln = p; ln < end; ln = nl) {
		nl = memchr(ln, '\n', (size_t)(end - ln));
		nl = nl == NULL ? end : nl + 1;
		count_eol(fx, ln, (size_t)(nl - ln));
		if (eol_len(ln, (size_t)(nl - ln)) == 0)
			final = 1;
		ln_n = (size_t)(nl - ln) - eol_len(ln, (size_t)(nl - ln));
		if (ln_n > LINE_SOFT || (ln_n > LINE_EW &&
		    has_ew_start(ln, ln_n)))
			longl = 1;
		k = ln == p ? head : 0;
		start = vn;
		if (ln != p)
			fx->val[vn++] = '\n';
		for (i = k; i < ln_n; i++) {
			if (is_ctl(ln[i]))
				ctl++;
			else
				fx->val[vn++] = ln[i];
		}
		lines_in++;
		/* A continuation line left blank by the removal goes. */
		if (ln != p && ws_only(fx->val + start + 1, vn - start - 1)) {
			vn = start;
			wsl++;
		}
	}
	if (final)
		note(fx, MHL_FIX_FINAL_EOL, 1, line, "added the line ending "
		    "missing at the end of the input");
	if (ctl > 0)
		note(fx, MHL_FIX_CONTROL, 1, line, "%s: removed %zu control "
		    "character(s) (NUL, CR, C0 or DEL)", name, ctl);
	if (wsl > 0)
		note(fx, MHL_FIX_WSLINE, 1, line, "%s: removed %zu "
		    "whitespace-only continuation line(s)", name, wsl);
	st = is_structured(p, name_n);
	enc = mhl_has_8bit(fx->val, vn);
	utf8 = mhl_utf8_valid(fx->val, vn);
	cs = utf8 ? "UTF-8" : fx->charset;
	/* RFC 6532 §3.2: with SMTPUTF8, UTF-8 may stand raw (but for the
	 * C1 controls, which RFC 6532 §3.1 keeps out). */
	if (enc && utf8 && fx->opt.smtputf8 && !has_c1(fx->val, vn))
		enc = 0;
	if (enc && st) {
		kind = mhl_fix_struct_kind(p, name_n);
		if (kind == FK_NONE) {
			ned = -1;
			why = ascii_ieq("received", p, name_n) ? "RFC 2047 "
			    "allows no encoded-words in Received" : "no display "
			    "names or comments taken apart in this field";
		} else
			ned = mhl_fix_struct_edits(kind, fx->val, vn, fx->edits,
			    FIX_EDITS_MAX, &why);
		if (ned <= 0 || left_8bit(fx, vn, (size_t)ned, utf8))
			note(fx, MHL_FIX_STRUCTURED_8BIT, 0, line, "%s: raw "
			    "non-ASCII in a structured field left as it is "
			    "(%s)", name, why != NULL ? why : "outside display "
			    "names and comments");
		if (ned <= 0)
			enc = 0;
	}
	o->p = fx->out;
	o->cap = sizeof(fx->out);
	o->n = o->col = 0;
	o->content = 0;
	o->has_ew = 0;
	o->overflow = 0;
	o->name_line = 1;
	mhl_ob_put(o, p, head);
	o->content = 0;
	if (enc || longl)
		layout(fx, fx->val, vn, st, enc && !st, cs, utf8, fx->edits,
		    enc && st ? (size_t)ned : 0);
	else
		mhl_ob_put(o, fx->val, vn);
	if (o->overflow) {
		/* Cannot happen with OUT_MAX; written as read to be safe. */
		put(fx, p, n);
		return;
	}
	if (enc) {
		note(fx, MHL_FIX_ENCODED, 1, line, "%s: raw non-ASCII %s"
		    "encoded as RFC 2047 encoded-words in %s", name, st ?
		    "in display names and comments " : "", cs);
		if (!utf8)
			note(fx, MHL_FIX_CHARSET, 1, line, "%s: not UTF-8, so "
			    "taken as %s (--assume-charset)", name, cs);
	}
	for (ln = o->p; ln < o->p + o->n; ln = nl) {
		nl = memchr(ln, '\n', (size_t)(o->p + o->n - ln));
		len = (nl == NULL ? (size_t)(o->p + o->n - ln) :
		    (size_t)(nl - ln));
		put(fx, ln, len);
		put_eol(fx);
		if (len > maxlen)
			maxlen = len;
		lines_out++;
		nl = nl == NULL ? o->p + o->n : nl + 1;
	}
	if (longl && lines_out > lines_in - wsl)
		note(fx, MHL_FIX_FOLDED, 1, line, "%s: folded lines over %d "
		    "characters (%d with encoded-words)", name, LINE_SOFT,
		    LINE_EW);
	if (maxlen > LINE_HARD)
		note(fx, MHL_FIX_UNFOLDABLE, 0, line, "%s: a line of %zu "
		    "characters has no folding point under %d", name, maxlen,
		    LINE_HARD);
}

/*
 * An mbox "From " line, decided as src/reader.c decides it: "From  : a@b"
 * is a From field with obsolete whitespace before the colon (RFC 5322
 * §4.5.3), and "From " with only blanks after it is no envelope either.
 */
static int
envelope(const unsigned char *l, size_t cn)
{
	size_t i = 5;

	if (cn < 5 || memcmp(l, "From ", 5) != 0)
		return 0;
	while (i < cn && i < LA_MAX && is_wsp(l[i]))
		i++;
	if (i == LA_MAX)
		return 1;
	return i < cn && l[i] != ':' && l[i] != '\r';
}

/*
 * Is the line at l, controls removed into t[0..tn), still what it was?
 * A line that is not a field must not turn into a field, a continuation
 * line, a whitespace-only line or an mbox envelope, nor a continuation
 * line into a whitespace-only one: a second pass would read it so.
 */
static int
same_kind(const unsigned char *l, const unsigned char *t, size_t tn)
{
	if (tn == 0 || ws_only(t, tn))
		return 0;
	if (is_wsp(l[0]))
		return is_wsp(t[0]);
	return !is_wsp(t[0]) && field_head(t, tn) == 0 && !envelope(t, tn);
}

/* Writes lines that are not fields as they are but for their endings and
 * the controls they hold, where removing those changes no line's kind. */
static void
put_lines(struct mhl_fixer *fx, const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n, *nl;
	size_t ln, i, tn, ctl, gone = 0, left = 0;

	for (; p < end; p = nl) {
		nl = memchr(p, '\n', (size_t)(end - p));
		nl = nl == NULL ? end : nl + 1;
		count_eol(fx, p, (size_t)(nl - p));
		ln = (size_t)(nl - p) - eol_len(p, (size_t)(nl - p));
		for (i = tn = ctl = 0; i < ln; i++)
			if (is_ctl(p[i]))
				ctl++;
			else
				fx->txt[tn++] = p[i];
		if (ctl > 0 && same_kind(p, fx->txt, tn)) {
			put(fx, fx->txt, tn);
			gone += ctl;
		} else {
			put(fx, p, ln);
			left += ctl;
		}
		put_eol(fx);
	}
	if (gone > 0)
		note(fx, MHL_FIX_CONTROL, 1, fx->uline, "removed %zu control "
		    "character(s) (NUL, CR, C0 or DEL) from lines that are not "
		    "fields", gone);
	if (left > 0)
		note(fx, MHL_FIX_CONTROL, 0, fx->uline, "%zu control "
		    "character(s) left in lines that are not fields: without "
		    "them the lines would read as fields or folds", left);
}

/* Does the line after the unit, at unit[b..), read as an envelope? */
static int
next_envelope(const struct mhl_fixer *fx, size_t b)
{
	const unsigned char *l = fx->unit + b;
	const unsigned char *nl = memchr(l, '\n', fx->unit_n - b);
	size_t len = nl != NULL ? (size_t)(nl - l) + 1 : fx->unit_n - b;

	return envelope(l, len - eol_len(l, len));
}

/* Repairs and writes unit[a..b); the next line, if read yet, follows. */
static void
unit_out(struct mhl_fixer *fx, size_t a, size_t b)
{
	const unsigned char *p = fx->unit + a;
	size_t n = b - a, k = 0;
	char sample[41];

	switch (fx->ukind) {
	case U_NONE:
		break;
	case U_FIELD:
		repair_field(fx, p, n, fx->uline);
		fx->seen_field = 1;
		break;
	case U_SYNTAX:
		put_lines(fx, p, n);
		break;
	case U_LEADING:
		while (k < n && is_wsp(p[k]))
			k++;
		if (field_head(p + k, n - k) > 0 && !fx->seen_field) {
			note(fx, MHL_FIX_LEADING_JOINED, 1, fx->uline,
			    "leading continuation line unindented: it starts "
			    "a field");
			repair_field(fx, p + k, n - k, fx->uline);
			fx->seen_field = 1;
		} else if (!fx->env_out && next_envelope(fx, b)) {
			/* Dropped, they would leave a "From " line first,
			 * which a reader then takes for an mbox envelope
			 * (RFC 4155): the message would change. */
			note(fx, MHL_FIX_LEADING_DROPPED, 0, fx->uline,
			    "leading continuation line(s) kept: without them "
			    "the \"From \" line after them would read as an "
			    "mbox envelope");
			put_lines(fx, p, n);
		} else {
			note(fx, MHL_FIX_LEADING_DROPPED, 1, fx->uline,
			    "leading continuation line(s) dropped: \"%s\"",
			    text_str(sample, sizeof(sample), p + k, n - k));
		}
		break;
	}
	fx->ukind = U_NONE;
}

/* Drops the waiting whitespace-only line: it continued a field. */
static void
ws_drop(struct mhl_fixer *fx)
{
	size_t len = fx->line_start - fx->ws_start;

	if (fx->ws_start == 0 && fx->ukind == U_LEADING) {
		/* The first line of a leading unit: dropped with it. */
		fx->ws_start = NONE;
		return;
	}
	memmove(fx->unit + fx->ws_start, fx->unit + fx->line_start,
	    fx->unit_n - fx->line_start);
	fx->unit_n -= len;
	fx->line_start = fx->ws_start;
	fx->ws_start = NONE;
	if (fx->ukind == U_FIELD || fx->ukind == U_LEADING)
		note(fx, MHL_FIX_WSLINE, 1, fx->ws_line, "removed a "
		    "whitespace-only continuation line");
}

/* The unit ends before the line being read, which starts the next. */
static void
unit_next(struct mhl_fixer *fx, enum ukind kind)
{
	size_t len = fx->unit_n - fx->line_start;

	unit_out(fx, 0, fx->line_start);
	memmove(fx->unit, fx->unit + fx->line_start, len);
	fx->unit_n = len;
	fx->line_start = 0;
	fx->ukind = kind;
	fx->uline = fx->line;
}

static void
header_done(struct mhl_fixer *fx)
{
	if (fx->eol_changed > 0)
		note(fx, MHL_FIX_EOL, 1, 0, "%llu header line ending(s) made "
		    "%s", (unsigned long long)fx->eol_changed,
		    fx->opt.eol_lf ? "LF" : "CRLF");
}

/* A complete line: unit[line_start..unit_n). */
static void
on_line(struct mhl_fixer *fx)
{
	const unsigned char *l = fx->unit + fx->line_start;
	size_t n = fx->unit_n - fx->line_start, cn = n - eol_len(l, n);
	size_t len;

	if (fx->state == FS_START) {
		fx->state = FS_HEADER;
		if (envelope(l, cn)) {
			/* mbox envelope: not part of the message. */
			put(fx, l, n);
			fx->env_out = 1;
			fx->unit_n = 0;
			goto next;
		}
	}
	if (cn == 0) {
		if (fx->ws_start != NONE)
			ws_drop(fx);
		count_eol(fx, fx->unit + fx->line_start,
		    fx->unit_n - fx->line_start);
		unit_out(fx, 0, fx->line_start);
		put_eol(fx);
		header_done(fx);
		fx->unit_n = 0;
		fx->state = FS_BODY;
		goto next;
	}
	if (is_wsp(l[0])) {
		if (fx->ukind == U_NONE) {
			fx->ukind = U_LEADING;
			fx->uline = fx->line;
			/* As for the reader, a whitespace-only first line is
			 * the separator when a non-field line follows. */
			if (ws_only(fx->unit + fx->line_start, cn)) {
				fx->ws_start = fx->line_start;
				fx->ws_line = fx->line;
			}
			goto next;
		}
		if (fx->ws_start != NONE)
			ws_drop(fx);
		if (ws_only(fx->unit + fx->line_start, cn)) {
			fx->ws_start = fx->line_start;
			fx->ws_line = fx->line;
		}
		goto next;
	}
	if (fx->ws_start != NONE) {
		if (field_head(l, cn) > 0) {
			/* The line moves up over the dropped one. */
			ws_drop(fx);
			l = fx->unit + fx->line_start;
		} else {
			/* The blank line was meant as the separator. */
			if (fx->ws_start == 0)
				fx->ukind = U_NONE;
			unit_out(fx, 0, fx->ws_start);
			note(fx, MHL_FIX_SEPARATOR_WS, 1, fx->ws_line,
			    "whitespace-only separator line made empty");
			put_eol(fx);
			header_done(fx);
			fx->state = FS_BODY;
			fx->ws_start = NONE;
			len = fx->unit_n - fx->line_start;
			fx->unit_n = 0;
			body_put(fx, fx->unit + fx->line_start, len);
			goto next;
		}
	}
	if (field_head(l, cn) > 0)
		unit_next(fx, U_FIELD);
	else if (fx->ukind != U_SYNTAX)
		unit_next(fx, U_SYNTAX);
next:
	fx->line++;
	fx->line_start = fx->unit_n;
}

/* The unit does not fit: write it as it is and copy the rest of it. */
static void
overflow(struct mhl_fixer *fx)
{
	if (fx->state == FS_START)
		fx->state = FS_HEADER;
	if (fx->ws_start != NONE)
		ws_drop(fx);
	if (fx->line_start > 0 && fx->line_start < fx->unit_n &&
	    !is_wsp(fx->unit[fx->line_start]))
		unit_next(fx, U_FIELD);
	note(fx, MHL_FIX_TOO_BIG, 0, fx->uline, "a field over %d bytes is "
	    "copied as it is but for its line endings", UNIT_MAX);
	pass_put(fx, fx->unit, fx->unit_n);
	fx->pass_bol = fx->unit_n == 0 || fx->unit[fx->unit_n - 1] == '\n';
	fx->unit_n = fx->line_start = 0;
	fx->ukind = U_NONE;
	fx->state = FS_PASS;
}

struct mhl_fixer *
mhl_fixer_new(const struct mhl_fix_options *opt, mhl_fix_write_fn *wr,
    mhl_fix_note_fn *nt, void *arg)
{
	struct mhl_fixer *fx;
	const char *cs;
	size_t i;

	if ((fx = calloc(1, sizeof(*fx))) == NULL)
		return NULL;
	if (opt != NULL)
		fx->opt = *opt;
	cs = fx->opt.charset != NULL ? fx->opt.charset : "ISO-8859-1";
	if (!mhl_fix_charset_ok(cs)) {
		free(fx);
		errno = EINVAL;
		return NULL;
	}
	for (i = 0; cs[i] != '\0' && i + 1 < sizeof(fx->charset); i++)
		fx->charset[i] = cs[i] >= 'a' && cs[i] <= 'z' ?
		    (char)(cs[i] - 'a' + 'A') : cs[i];
	fx->charset[i] = '\0';
	fx->write = wr;
	fx->note = nt;
	fx->arg = arg;
	mhl_fixer_reset(fx);
	return fx;
}

void
mhl_fixer_free(struct mhl_fixer *fx)
{
	free(fx);
}

void
mhl_fixer_reset(struct mhl_fixer *fx)
{
	fx->err = 0;
	fx->state = FS_START;
	fx->line = 1;
	fx->ukind = U_NONE;
	fx->uline = 0;
	fx->unit_n = fx->line_start = 0;
	fx->ws_start = NONE;
	fx->pass_bol = 0;
	fx->body_cr = fx->pass_cr = 0;
	fx->eol_changed = fx->body_changed = 0;
	fx->seen_field = 0;
	fx->env_out = 0;
}

int
mhl_fixer_feed(struct mhl_fixer *fx, const void *buf, size_t n)
{
	const unsigned char *p = buf, *end = p + n, *nl;
	size_t len;

	while (p < end && !fx->err) {
		switch (fx->state) {
		case FS_BODY:
			body_put(fx, p, (size_t)(end - p));
			p = end;
			continue;
		case FS_PASS:
			if (fx->pass_bol && !is_wsp(*p)) {
				fx->state = FS_HEADER;
				continue;
			}
			nl = memchr(p, '\n', (size_t)(end - p));
			len = nl != NULL ? (size_t)(nl + 1 - p) :
			    (size_t)(end - p);
			pass_put(fx, p, len);
			fx->pass_bol = nl != NULL;
			if (nl != NULL)
				fx->line++;
			p += len;
			continue;
		default:
			break;
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl != NULL ? (size_t)(nl + 1 - p) : (size_t)(end - p);
		if (fx->unit_n + len > UNIT_MAX) {
			/* Take what fits, then give up on the unit. */
			len = UNIT_MAX - fx->unit_n;
			memcpy(fx->unit + fx->unit_n, p, len);
			fx->unit_n += len;
			p += len;
			overflow(fx);
			continue;
		}
		memcpy(fx->unit + fx->unit_n, p, len);
		fx->unit_n += len;
		p += len;
		if (nl != NULL)
			on_line(fx);
	}
	return fx->err ? -1 : 0;
}

int
mhl_fixer_finish(struct mhl_fixer *fx)
{
	if (fx->state == FS_START && fx->unit_n > 0)
		on_line(fx);
	if (fx->state == FS_HEADER) {
		if (fx->unit_n > fx->line_start)
			on_line(fx);
		if (fx->ukind == U_SYNTAX) {
			/* RFC 5322 §2.1: lines that are not fields at the end
			 * of the header section are the body. */
			note(fx, MHL_FIX_SEPARATOR, 1, fx->uline, "inserted "
			    "the empty line missing before the body");
			put_eol(fx);
			header_done(fx);
			body_put(fx, fx->unit, fx->unit_n);
		} else {
			if (fx->ws_start != NONE)
				ws_drop(fx);
			unit_out(fx, 0, fx->unit_n);
			header_done(fx);
		}
	}
	if (fx->state == FS_BODY)
		crs(fx, fx->body_cr);
	if (fx->state == FS_PASS)
		crs(fx, fx->pass_cr);
	if (fx->state == FS_PASS)
		header_done(fx);
	if (fx->body_changed > 0)
		note(fx, MHL_FIX_BODY_EOL, 1, 0, "%llu body line ending(s) "
		    "made %s", (unsigned long long)fx->body_changed,
		    fx->opt.eol_lf ? "LF" : "CRLF");
	fx->unit_n = 0;
	fx->state = FS_BODY;
	fx->body_cr = 0;
	return fx->err ? -1 : 0;
}
