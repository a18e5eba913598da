/*
 * Where --fix may put encoded-words in a structured field: the display
 * names (phrases) and comments, found with the RFC 5322 lexer.
 *
 * RFC 2047 §5 (2): "An 'encoded-word' may appear within a 'comment'
 * delimited by "(" and ")", i.e., wherever a 'ctext' is allowed."
 * §5 (3): "As a replacement for a 'word' entity within a 'phrase', for
 * example, one that precedes an address in a From, To, or Cc header."
 * "An 'encoded-word' MUST NOT appear in any portion of an 'addr-spec'",
 * "within a 'quoted-string'", "in a Received header field", nor "in any
 * structured field body except within a 'comment' or 'phrase'".
 *
 *   address   = mailbox / group
 *   mailbox   = name-addr / addr-spec
 *   name-addr = [display-name] angle-addr
 *   group     = display-name ":" [group-list] ";" [CFWS]
 *   phrase    = 1*word / obs-phrase
 *
 * In a phrase, the words holding raw 8-bit (with the blanks between
 * them, and the words glued to them) become encoded-words: quoted-strings
 * unquoted, their quoted-pairs resolved, the blanks kept inside the
 * encoded text.  ASCII words stay as they are.  A blank is put between
 * the encoded-words and a special glued to them (it is CFWS there).  In
 * a comment, the words holding 8-bit (with the blanks between them)
 * become encoded-words, as in unstructured text.  Nothing between "<"
 * and ">" and nothing of a bare addr-spec is touched.  A field that
 * does not parse is not touched at all: that would be guessing.
 */
#include <stdlib.h>
#include <string.h>

#include "mhlint.h"
#include "lex5322.h"
#include "chars.h"
#include "fix_internal.h"

#define NONE ((size_t)-1)
#define COMMENTS_MAX 128

static const char *const address_fields[] = {
	"bcc", "cc", "disposition-notification-to", "errors-to", "from",
	"list-id", "mail-followup-to", "mail-reply-to", "reply-to",
	"resent-bcc", "resent-cc", "resent-from", "resent-reply-to",
	"resent-sender", "resent-to", "return-path", "return-receipt-to",
	"sender", "to", NULL
};

/* Fields whose grammar is RFC 5322 tokens and CFWS, without phrases. */
static const char *const comment_fields[] = {
	"content-disposition", "content-id", "content-language",
	"content-transfer-encoding", "content-type", "date", "in-reply-to",
	"message-id", "mime-version", "references", "resent-date",
	"resent-message-id", NULL
};

struct sx {
	const unsigned char *v;
	size_t n;
	struct lx lx;
	struct lx_tok t;
	struct fix_edit *ed;
	size_t ned, max;
	size_t com[COMMENTS_MAX][2];
	size_t ncom;
	int in_angle;
	int full;
	const char *why;   /* where raw 8-bit is left */
};

static int
in_list(const char *const *list, const unsigned char *name, size_t n)
{
	size_t i, k;

	for (i = 0; list[i] != NULL; i++) {
		if (strlen(list[i]) != n)
			continue;
		for (k = 0; k < n; k++)
			if ((name[k] | 0x20) != (unsigned char)list[i][k])
				break;
		if (k == n)
			return 1;
	}
	return 0;
}

int
mhl_fix_struct_kind(const unsigned char *name, size_t n)
{
	if (in_list(address_fields, name, n))
		return FK_ADDRESS;
	if (in_list(comment_fields, name, n))
		return FK_COMMENTS;
	return FK_NONE;
}

static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* A Q encoded-word holding raw 8-bit bytes (its charset declared). */
int
mhl_fix_q_word_8bit(const unsigned char *p, size_t n)
{
	const unsigned char *q;

	if (!mhl_ew_like(p, n) || !mhl_has_8bit(p, n))
		return 0;
	q = memchr(p + 2, '?', n - 2);
	return (q[1] == 'Q' || q[1] == 'q') && !mhl_has_8bit(p, (size_t)(q - p));
}

static void
add(struct sx *x, int kind, size_t a, size_t b, int pre, size_t post)
{
	struct fix_edit *e;

	if (x->ned == x->max) {
		x->full = 1;
		return;
	}
	e = &x->ed[x->ned++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->a = a;
	e->b = b;
	e->pre = pre;
	e->post = post == NONE ? b : post;
	if (kind == FE_PHRASE) {
		/* §5 (3): separated from any adjacent special or word. */
		e->sp_before = a == 0 || !is_blank(x->v[a - 1]);
		e->sp_after = b < x->n && !is_blank(x->v[b]);
	}
}

static void
on_comment(void *arg, size_t off, size_t len)
{
	struct sx *x = arg;

	if (x->in_angle) {
		if (mhl_has_8bit(x->v + off, len) && x->why == NULL)
			x->why = "in an address";
		return;
	}
	if (x->ncom == COMMENTS_MAX) {
		x->full = 1;
		return;
	}
	x->com[x->ncom][0] = off;
	x->com[x->ncom][1] = len;
	x->ncom++;
}

/* Comments inside the addr-spec v[start..end) are part of it: they are
 * not encoded.  Those after it (the old "addr (Name)" form) are. */
static void
drop_comments(struct sx *x, size_t start, size_t end)
{
	size_t i, k = 0;

	for (i = 0; i < x->ncom; i++) {
		if (x->com[i][0] > start && x->com[i][0] < end) {
			if (mhl_has_8bit(x->v + x->com[i][0], x->com[i][1]) &&
			    x->why == NULL)
				x->why = "in an address";
			continue;
		}
		x->com[k][0] = x->com[i][0];
		x->com[k][1] = x->com[i][1];
		k++;
	}
	x->ncom = k;
}

/* The end of a word in a comment: at a blank or an unescaped paren. */
static size_t
cword_end(const unsigned char *v, size_t i, size_t end)
{
	while (i < end && !is_blank(v[i]) && v[i] != '(' && v[i] != ')') {
		if (v[i] == '\\' && i + 1 < end && v[i + 1] != '\n')
			i++;
		i++;
	}
	return i;
}

static void
comment_edits(struct sx *x, size_t off, size_t len)
{
	const unsigned char *v = x->v;
	size_t i = off + 1, end = off + len - 1, s, w0, w1, g1, k, e;
	int prev_ew = 0;

	while (i < end) {
		s = i;
		while (i < end && is_blank(v[i]))
			i++;
		if (i >= end)
			break;
		if (v[i] == '(' || v[i] == ')') {
			i++;
			prev_ew = 0;
			continue;
		}
		w0 = i;
		w1 = i = cword_end(v, i, end);
		if (mhl_ew_like(v + w0, w1 - w0)) {
			if (mhl_fix_q_word_8bit(v + w0, w1 - w0))
				add(x, FE_QFIX, w0, w1, 0, NONE);
			prev_ew = 1;
			continue;
		}
		if (!mhl_has_8bit(v + w0, w1 - w0)) {
			prev_ew = 0;
			continue;
		}
		/* Words with 8-bit separated only by blanks: one run. */
		for (g1 = w1;;) {
			for (k = g1; k < end && is_blank(v[k]); k++)
				;
			if (k >= end || v[k] == '(' || v[k] == ')')
				break;
			e = cword_end(v, k, end);
			if (!mhl_has_8bit(v + k, e - k) || mhl_ew_like(v + k, e - k))
				break;
			g1 = e;
		}
		for (k = g1; k < end && is_blank(v[k]); k++)
			;
		e = k < end ? cword_end(v, k, end) : k;
		add(x, FE_COMMENT, w0, g1, prev_ew && s < w0,
		    k > g1 && e > k && mhl_ew_like(v + k, e - k) ? k : NONE);
		prev_ew = 0;
		i = g1;
	}
}

/*
 * The words of a phrase from lexer state 'first' up to offset 'end'.
 * Words glued together (no blank between: "Dr.M\xfcller") go together;
 * such groups holding 8-bit, with the blanks between them, make a run;
 * ASCII groups, comments and encoded-words end a run and stay as they
 * are, so a template's placeholder in a name stays outside.
 */
static void
phrase_edits(struct sx *x, const struct lx *first, size_t end)
{
	struct lx lx = *first;
	struct lx_tok t;
	size_t ra = NONE, rb = 0, ca = NONE, cb = 0;
	int rpre = 0, cpre = 0, c8 = 0, prev_ew = 0, stop, ew;

	lx.on_comment = NULL;
	for (;;) {
		lx_next(&lx, &t);
		stop = t.kind == LX_END || t.kind == LX_BAD || t.off >= end;
		ew = !stop && t.kind == LX_ATOM &&
		    mhl_ew_like(x->v + t.off, t.len);
		/* The group before ends: it joins the run or ends it. */
		if (ca != NONE && (stop || ew || (t.flags & LXF_WS))) {
			if (c8) {
				if (ra == NONE) {
					ra = ca;
					rpre = cpre;
				}
				rb = cb;
			} else if (ra != NONE) {
				add(x, FE_PHRASE, ra, rb, rpre, NONE);
				ra = NONE;
			}
			ca = NONE;
		}
		if (ra != NONE && (stop || ew || (t.flags & LXF_COMMENT))) {
			/* Blanks before an encoded-word go inside ours. */
			add(x, FE_PHRASE, ra, rb, rpre, ew && (t.flags & LXF_WS) &&
			    !(t.flags & LXF_COMMENT) ? t.off : NONE);
			ra = NONE;
		}
		if (stop)
			break;
		if (t.flags & LXF_COMMENT)
			prev_ew = 0;
		if (ew) {
			if (mhl_fix_q_word_8bit(x->v + t.off, t.len))
				add(x, FE_QFIX, t.off, t.off + t.len, 0, NONE);
			prev_ew = 1;
			continue;
		}
		if (ca == NONE) {
			ca = t.off;
			c8 = 0;
			cpre = prev_ew && (t.flags & LXF_WS) &&
			    !(t.flags & LXF_COMMENT);
		}
		cb = t.off + t.len;
		if (t.flags & LXF_8BIT)
			c8 = 1;
		prev_ew = 0;
	}
}

static void
adv(struct sx *x)
{
	lx_next(&x->lx, &x->t);
}

static int
is_sp(const struct sx *x, unsigned char c)
{
	return x->t.kind == LX_SPECIAL && x->t.ch == c;
}

static void
left(struct sx *x, const char *why)
{
	if ((x->t.flags & LXF_8BIT) && x->why == NULL)
		x->why = why;
}

/* address-list with groups, or a path, or a List-Id. */
static int
addresses(struct sx *x)
{
	struct lx first;
	size_t start, end;
	int words, in_group = 0;

	adv(x);
	for (;;) {
		if (x->t.kind == LX_BAD)
			return -1;
		if (x->t.kind == LX_END)
			return 0;
		if (is_sp(x, ',')) {
			adv(x);
			continue;
		}
		if (is_sp(x, ';') && in_group) {
			in_group = 0;
			adv(x);
			continue;
		}
		first = x->lx;
		first.pos = x->t.off;
		start = x->t.off;
		for (words = 0; x->t.kind == LX_ATOM ||
		    x->t.kind == LX_QSTRING || is_sp(x, '.'); words++)
			adv(x);
		if (is_sp(x, '<')) {
			if (words > 0)
				phrase_edits(x, &first, x->t.off);
			x->in_angle = 1;
			for (adv(x); !is_sp(x, '>'); adv(x)) {
				if (x->t.kind == LX_END || x->t.kind == LX_BAD ||
				    is_sp(x, '<'))
					return -1;
				left(x, "in an address");
			}
			x->in_angle = 0;
			adv(x);
		} else if (is_sp(x, ':') && words > 0 && !in_group) {
			phrase_edits(x, &first, x->t.off);
			in_group = 1;
			adv(x);
			continue;
		} else if (is_sp(x, '@') && words > 0) {
			/* A bare addr-spec: its words and domain stay. */
			adv(x);
			if (x->t.kind != LX_ATOM && x->t.kind != LX_DLITERAL)
				return -1;
			left(x, "in an address");
			end = x->t.off + x->t.len;
			for (adv(x); is_sp(x, '.'); adv(x)) {
				adv(x);
				if (x->t.kind != LX_ATOM)
					return -1;
				left(x, "in an address");
				end = x->t.off + x->t.len;
			}
			drop_comments(x, start, end);
			{
				struct lx lx = first;
				struct lx_tok t;

				lx.on_comment = NULL;
				do {
					lx_next(&lx, &t);
					if ((t.flags & LXF_8BIT) && x->why == NULL)
						x->why = "in an address";
				} while (t.kind != LX_END && t.off < x->t.off);
			}
		} else
			return -1;
		if (x->t.kind != LX_END && !is_sp(x, ',') &&
		    !(in_group && is_sp(x, ';')))
			return -1;
	}
}

/* Any tokens: only the comments outside "<" ">" are candidates. */
static int
comments_only(struct sx *x)
{
	for (adv(x); x->t.kind != LX_END; adv(x)) {
		if (x->t.kind == LX_BAD)
			return -1;
		if (is_sp(x, '<'))
			x->in_angle = 1;
		else if (is_sp(x, '>'))
			x->in_angle = 0;
		else if (x->in_angle)
			left(x, "in a msg-id or address");
		else if (x->t.kind == LX_QSTRING)
			left(x, "in a quoted-string");
		else
			left(x, "outside comments");
	}
	return 0;
}

static int
by_start(const void *a, const void *b)
{
	const struct fix_edit *x = a, *y = b;

	return x->a < y->a ? -1 : x->a > y->a;
}

int
mhl_fix_struct_edits(int kind, const unsigned char *v, size_t n,
    struct fix_edit *ed, size_t max, const char **why)
{
	struct mhl_field f;
	struct sx *x;
	size_t i;
	int r;

	*why = NULL;
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		*why = "out of memory";
		return -1;
	}
	memset(&f, 0, sizeof(f));
	f.buf = v;
	f.kept = f.len = n;
	x->v = v;
	x->n = n;
	x->ed = ed;
	x->max = max;
	lx_init_at(&x->lx, &f, 0, 0, n);
	x->lx.on_comment = on_comment;
	x->lx.arg = x;
	r = kind == FK_ADDRESS ? addresses(x) : comments_only(x);
	if (r == 0)
		for (i = 0; i < x->ncom; i++)
			comment_edits(x, x->com[i][0], x->com[i][1]);
	if (r == -1 || x->full) {
		*why = r == -1 ? "the field does not parse" :
		    "too many display names and comments";
		free(x);
		return -1;
	}
	qsort(ed, x->ned, sizeof(*ed), by_start);
	*why = x->why;
	r = (int)x->ned;
	free(x);
	return r;
}
