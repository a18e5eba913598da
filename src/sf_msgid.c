/*
 * Message-ID, In-Reply-To, References and Resent-Message-ID (RFC 5322
 * §3.6.4, §3.6.6), and Content-ID (RFC 2045 §7), which uses the same
 * msg-id.
 *
 *   message-id      =   "Message-ID:" msg-id CRLF
 *   in-reply-to     =   "In-Reply-To:" 1*msg-id CRLF
 *   references      =   "References:" 1*msg-id CRLF
 *   msg-id          =   [CFWS] "<" id-left "@" id-right ">" [CFWS]
 *   id-left         =   dot-atom-text / obs-id-left
 *   id-right        =   dot-atom-text / no-fold-literal / obs-id-right
 *   no-fold-literal =   "[" *dtext "]"
 *
 *   obs-message-id  =   "Message-ID" *WSP ":" msg-id CRLF
 *   obs-in-reply-to =   "In-Reply-To" *WSP ":" *(phrase / msg-id) CRLF
 *   obs-references  =   "References" *WSP ":" *(phrase / msg-id) CRLF
 *   obs-id-left     =   local-part
 *   obs-id-right    =   domain
 *
 * RFC 2045 §7: id := "Content-ID" ":" msg-id.
 * RFC 2047 §5: an encoded-word MUST NOT appear in a msg-id.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "lex5322.h"
#include "sf_address.h"
#include "sf_msgid.h"

struct mp {
	struct mhl_checker *c;
	const struct mhl_field *f;
	struct lx lx;
	struct lx_tok t;
	int err, obs;
	size_t obs_off, obs_len;
	const char *obs_why;
};

static void
adv(struct mp *m)
{
	lx_next(&m->lx, &m->t);
}

static int
is_sp(const struct lx_tok *t, unsigned char ch)
{
	return t->kind == LX_SPECIAL && t->ch == ch;
}

static int
fail(struct mp *m, const char *what)
{
	char msg[MESSAGE_MAX];

	m->err = 1;
	if (m->t.flags & LXF_CUT)
		return -1;
	if (m->t.kind == LX_BAD)
		snprintf(msg, sizeof(msg), "Invalid msg-id: %s", m->t.err);
	else if (m->t.kind == LX_END)
		snprintf(msg, sizeof(msg), "Invalid msg-id: %s, found the end "
		    "of the field", what);
	else
		snprintf(msg, sizeof(msg), "Invalid msg-id: %s, found \"%.*s\"",
		    what, (int)(m->t.len > 40 ? 40 : m->t.len),
		    (const char *)m->lx.p + m->t.off);
	mhl_emit_at(m->c, R_MSGID_SYNTAX, m->f, m->t.off, m->t.len, msg);
	return -1;
}

static void
obsolete(struct mp *m, size_t off, size_t len, const char *why)
{
	if (m->obs_why != NULL)
		return;
	m->obs_why = why;
	m->obs_off = off;
	m->obs_len = len;
}

static void
ew(struct mp *m)
{
	if (m->t.flags & LXF_EW)
		mhl_emit_at(m->c, R_ENCODED_WORD_MISPLACED, m->f, m->t.off,
		    m->t.len, "Encoded-word inside a msg-id: it is not "
		    "decoded there");
}

/* A dotted sequence of atoms (quoted-strings too in id-left). */
static int
dotted(struct mp *m, int left)
{
	int first = 1;

	for (;;) {
		if (m->t.kind == LX_QSTRING && left)
			obsolete(m, m->t.off, m->t.len, "quoted-string in a "
			    "msg-id");
		else if (m->t.kind != LX_ATOM)
			return fail(m, left ? "expected the part before '@'" :
			    "expected the part after '@'");
		if (!first && (m->t.flags & LXF_WS))
			obsolete(m, m->t.off, m->t.len, "space or comment "
			    "inside a msg-id");
		ew(m);
		first = 0;
		adv(m);
		if (!is_sp(&m->t, '.'))
			return 0;
		if (m->t.flags & LXF_WS)
			obsolete(m, m->t.off, 1, "space or comment inside a "
			    "msg-id");
		adv(m);
	}
}

/* One msg-id, at its '<'. */
static int
msg_id(struct mp *m)
{
	size_t open = m->t.off;

	adv(m);
	if (m->t.kind == LX_ATOM && (m->t.flags & LXF_HOLDER)) {
		struct lx_tok h = m->t;

		adv(m);
		if (is_sp(&m->t, '>')) {
			adv(m);
			return 0;
		}
		m->t = h;
		m->lx.pos = h.off;
		adv(m);
	}
	if (m->t.flags & LXF_WS)
		obsolete(m, m->t.off, m->t.len, "space or comment inside a "
		    "msg-id");
	if (dotted(m, 1) == -1)
		return -1;
	if (!is_sp(&m->t, '@'))
		return fail(m, "expected '@' in the msg-id");
	if (m->t.flags & LXF_WS)
		obsolete(m, m->t.off, 1, "space or comment inside a msg-id");
	adv(m);
	if (m->t.flags & LXF_WS)
		obsolete(m, m->t.off, m->t.len, "space or comment inside a "
		    "msg-id");
	if (m->t.kind == LX_DLITERAL) {
		if (m->t.flags & LXF_OBS)
			obsolete(m, m->t.off, m->t.len, "quoted-pair in a "
			    "domain literal");
		else if (memchr(m->lx.p + m->t.off, '\n', m->t.len) != NULL)
			obsolete(m, m->t.off, m->t.len, "folded domain "
			    "literal in a msg-id");
		adv(m);
	} else if (dotted(m, 0) == -1)
		return -1;
	if (!is_sp(&m->t, '>')) {
		if (m->t.kind == LX_END && !(m->t.flags & LXF_CUT)) {
			m->t.off = open;
			m->t.len = 1;
			m->t.kind = LX_SPECIAL;
			m->t.ch = '<';
			m->err = 1;
			mhl_emit_at(m->c, R_MSGID_SYNTAX, m->f, open, 1,
			    "Invalid msg-id: '<' without '>'");
			return -1;
		}
		if (m->t.flags & LXF_WS)
			return fail(m, "unquoted space in the msg-id: expected "
			    "'>'");
		return fail(m, "expected '>' to end the msg-id");
	}
	if (m->t.flags & LXF_WS)
		obsolete(m, m->t.off, 1, "space or comment inside a msg-id");
	adv(m);
	return 0;
}

/* list: In-Reply-To or References (1*msg-id, obsolete phrases). */
void
sf_msgid_general(struct mhl_checker *c, const struct mhl_field *f, int list)
{
	struct mp m;
	int n = 0, holder;
	char msg[MESSAGE_MAX];

	memset(&m, 0, sizeof(m));
	m.c = c;
	m.f = f;
	lx_init(&m.lx, f, c->opt.tmpl);
	adv(&m);
	while (m.t.kind != LX_END) {
		if (is_sp(&m.t, '<')) {
			if (msg_id(&m) == -1)
				return;
			n++;
			continue;
		}
		holder = m.t.kind == LX_ATOM && (m.t.flags & LXF_HOLDER);
		if (holder) {
			n++;
			adv(&m);
			continue;
		}
		if (list && (m.t.kind == LX_ATOM || m.t.kind == LX_QSTRING ||
		    (n > 0 && is_sp(&m.t, '.')))) {
			/* Python's email package encodes a msg-id too long
			 * for one line: readers do not decode it, so the
			 * reference is lost. */
			if (m.t.flags & LXF_EW)
				obsolete(&m, m.t.off, m.t.len, "an "
				    "encoded-word where a msg-id belongs; "
				    "readers do not decode it here, so the "
				    "reference is lost");
			else
				obsolete(&m, m.t.off, m.t.len, "words between "
				    "the msg-ids (obs-phrase)");
			adv(&m);
			continue;
		}
		if (list)
			fail(&m, "expected a msg-id (\"<left@right>\") or "
			    "words");
		else
			fail(&m, "a msg-id must be in angle brackets "
			    "(\"<left@right>\")");
		return;
	}
	if (m.t.flags & LXF_CUT)
		return;
	if (n == 0 && !list) {
		fail(&m, "expected a msg-id");
		return;
	}
	if (n == 0 && m.obs_why == NULL)
		obsolete(&m, m.t.off, 0, "field without a msg-id");
	if (n > 1 && !list) {
		snprintf(msg, sizeof(msg), "%.*s holds %d msg-ids; exactly one "
		    "is allowed", (int)(f->name_len > 40 ? 40 : f->name_len),
		    (const char *)f->name, n);
		mhl_emit_at(c, R_MSGID_MULTIPLE, f, f->value_off,
		    f->kept - f->value_off, msg);
		return;
	}
	if (m.obs_why != NULL) {
		snprintf(msg, sizeof(msg), "Obsolete msg-id syntax: %s",
		    m.obs_why);
		mhl_emit_at(c, R_MSGID_OBSOLETE, f, m.obs_off, m.obs_len, msg);
	}
}

/*
 * The fast path.  Nearly every field is
 *
 *   [WS] "<" id "@" id ">" [WS]
 *
 * once, or in In-Reply-To and References one or more times, where WS
 * is SP, TAB and folds and an id is a dot-atom-text of US-ASCII atext
 * without "=?".  In that form the general path reports nothing: no
 * obsolete form, no encoded-word, one msg-id where one is allowed.
 * sf_msgid_quick() reads it in one pass.  Anything else (a comment, a
 * domain literal, words between the msg-ids, an error, UTF-8, template
 * placeholders, a field cut short) returns -1, and the general path
 * reads the field token by token.  A test in tests/test_rules.c runs
 * both paths over many fields and compares them.
 */
int
sf_msgid_quick(const struct mhl_field *f, unsigned int tmpl, int list)
{
	const unsigned char *p = f->buf;
	unsigned int seen;
	size_t i, at, e, end;
	int n = 0;

	if (!sf_q_bounds(f, tmpl, &i, &end))
		return -1;
	i = sf_q_ws(p, i, end);
	do {
		seen = 0;
		if (i == end || p[i] != '<' ||
		    (at = sf_q_dot_atom(p, i + 1, end, &seen)) == i + 1 ||
		    at == end || p[at] != '@' ||
		    (e = sf_q_dot_atom(p, at + 1, end, &seen)) == at + 1 ||
		    e == end || p[e] != '>' ||
		    ((seen & SF_QE) && sf_q_has_ew_start(p, i + 1, e)))
			return -1;
		n++;
		i = sf_q_ws(p, e + 1, end);
	} while (i < end && list);
	return i == end ? n : -1;
}

void
sf_message_id(struct mhl_checker *c, const struct mhl_field *f)
{
	if (sf_msgid_quick(f, c->opt.tmpl, 0) < 0)
		sf_msgid_general(c, f, 0);
}

void
sf_msgid_list(struct mhl_checker *c, const struct mhl_field *f)
{
	if (sf_msgid_quick(f, c->opt.tmpl, 1) < 0)
		sf_msgid_general(c, f, 1);
}
