/*
 * Address fields: From, Sender, Reply-To, To, Cc, Bcc and their Resent-
 * forms (RFC 5322 §3.4, §3.6.2, §3.6.3, §3.6.6), and Return-Path
 * (§3.6.7).
 *
 *   address         =   mailbox / group
 *   mailbox         =   name-addr / addr-spec
 *   name-addr       =   [display-name] angle-addr
 *   angle-addr      =   [CFWS] "<" addr-spec ">" [CFWS] /
 *                       obs-angle-addr
 *   group           =   display-name ":" [group-list] ";" [CFWS]
 *   display-name    =   phrase
 *   mailbox-list    =   (mailbox *("," mailbox)) / obs-mbox-list
 *   address-list    =   (address *("," address)) / obs-addr-list
 *   group-list      =   mailbox-list / CFWS / obs-group-list
 *   addr-spec       =   local-part "@" domain
 *   local-part      =   dot-atom / quoted-string / obs-local-part
 *   domain          =   dot-atom / domain-literal / obs-domain
 *   phrase          =   1*word / obs-phrase
 *   word            =   atom / quoted-string
 *
 *   from            =   "From:" mailbox-list CRLF
 *   sender          =   "Sender:" mailbox CRLF
 *   reply-to        =   "Reply-To:" address-list CRLF
 *   to              =   "To:" address-list CRLF
 *   cc              =   "Cc:" address-list CRLF
 *   bcc             =   "Bcc:" [address-list / CFWS] CRLF
 *   return          =   "Return-Path:" path CRLF
 *   path            =   angle-addr / ([CFWS] "<" [CFWS] ">" [CFWS])
 *
 *   obs-phrase      =   word *(word / "." / CFWS)
 *   obs-angle-addr  =   [CFWS] "<" obs-route addr-spec ">" [CFWS]
 *   obs-route       =   obs-domain-list ":"
 *   obs-domain-list =   *(CFWS / ",") "@" domain
 *                       *("," [CFWS] ["@" domain])
 *   obs-mbox-list   =   *([CFWS] ",") mailbox *("," [mailbox / CFWS])
 *   obs-addr-list   =   *([CFWS] ",") address *("," [address / CFWS])
 *   obs-group-list  =   1*([CFWS] ",") [CFWS]
 *   obs-local-part  =   word *("." word)
 *   obs-domain      =   atom *("." atom)
 *
 * §3.6.2: "If the from field contains more than one mailbox
 * specification in the mailbox-list, then the sender field, containing
 * the field of the agent responsible for the actual transmission of the
 * message, MUST appear in the message."
 * RFC 5321 §4.5.3.1.1-2: a local-part is at most 64 octets, a domain at
 * most 255.  RFC 2047 §5: an encoded-word MUST NOT appear in any portion
 * of an addr-spec, nor within a quoted-string.  RFC 6532 §3.2: UTF-8 in
 * an address needs SMTPUTF8.
 *
 * One grammar error per field: after the first, what follows is
 * guesswork, and a linter that guesses cries wolf.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "lex5322.h"
#include "rfc2047.h"
#include "sf_address.h"

struct ap {
	struct mhl_checker *c;
	const struct mhl_field *f;
	struct lx lx;
	struct lx_tok t;
	enum rule_index syntax_rule;
	int err;       /* a grammar error was reported: stop */
	int obs;       /* an obsolete form was reported */
	int ew;        /* a misplaced encoded-word was reported */
	int nmailbox;
};

static void
adv(struct ap *a)
{
	lx_next(&a->lx, &a->t);
}

static int
is_sp(const struct lx_tok *t, unsigned char ch)
{
	return t->kind == LX_SPECIAL && t->ch == ch;
}

static void
fail_at(struct ap *a, size_t off, size_t len, const char *what)
{
	char msg[MESSAGE_MAX];

	if (a->err)
		return;
	a->err = 1;
	snprintf(msg, sizeof(msg), "Invalid %s: %.400s",
	    a->syntax_rule == R_RETURN_PATH_SYNTAX ? "Return-Path" : "address",
	    what);
	mhl_emit_at(a->c, a->syntax_rule, a->f, off, len, msg);
}

/* A grammar error at the current token. */
static int
fail(struct ap *a, const char *what)
{
	char msg[MESSAGE_MAX];

	/* What the truncation of a long field cut short is not an error
	 * of the message: only its first MHL_FIELD_KEEP bytes are here. */
	if (a->t.flags & LXF_CUT) {
		a->err = 1;
		return -1;
	}
	if (a->t.kind == LX_BAD)
		fail_at(a, a->t.off, a->t.len, a->t.err);
	else if (a->t.kind == LX_END) {
		snprintf(msg, sizeof(msg), "%s, found the end of the field",
		    what);
		fail_at(a, a->t.off, 0, msg);
	} else if (a->t.kind == LX_SPECIAL) {
		snprintf(msg, sizeof(msg), "%s, found '%c'", what,
		    a->t.ch >= 0x20 && a->t.ch < 0x7f ? a->t.ch : '?');
		fail_at(a, a->t.off, a->t.len, msg);
	} else {
		snprintf(msg, sizeof(msg), "%s, found \"%.*s\"", what,
		    (int)(a->t.len > 40 ? 40 : a->t.len),
		    (const char *)a->lx.p + a->t.off);
		fail_at(a, a->t.off, a->t.len, msg);
	}
	a->err = 1;
	return -1;
}

/* Like fail(), but a closing bracket here has no opening one. */
static int
stray(struct ap *a, const char *what)
{
	char msg[MESSAGE_MAX];

	if (a->t.kind == LX_SPECIAL && (a->t.ch == ')' || a->t.ch == '>' ||
	    a->t.ch == ']')) {
		snprintf(msg, sizeof(msg), "unbalanced '%c' without '%c'",
		    a->t.ch, a->t.ch == ')' ? '(' : a->t.ch == '>' ? '<' : '[');
		fail_at(a, a->t.off, a->t.len, msg);
		return -1;
	}
	return fail(a, what);
}

static void
obsolete(struct ap *a, size_t off, size_t len, const char *what)
{
	char msg[MESSAGE_MAX];

	if (a->obs || a->err)
		return;
	a->obs = 1;
	snprintf(msg, sizeof(msg), "Obsolete address syntax: %s", what);
	mhl_emit_at(a->c, R_ADDRESS_OBSOLETE, a->f, off, len, msg);
}

static void
misplaced_ew(struct ap *a, const struct lx_tok *t, const char *where)
{
	char msg[MESSAGE_MAX];

	if (a->ew)
		return;
	a->ew = 1;
	snprintf(msg, sizeof(msg), "Encoded-word inside %s: it is not "
	    "decoded there", where);
	mhl_emit_at(a->c, R_ENCODED_WORD_MISPLACED, a->f, t->off, t->len,
	    msg);
}

/* Is there a '<' ahead in this list element (before ',' ';' or end)? */
static int
angle_ahead(const struct ap *a)
{
	struct lx copy = a->lx;
	struct lx_tok t = a->t;

	copy.on_comment = NULL;
	for (;;) {
		if (t.kind == LX_END || t.kind == LX_BAD || is_sp(&t, ',') ||
		    is_sp(&t, ';'))
			return 0;
		if (is_sp(&t, '<'))
			return 1;
		lx_next(&copy, &t);
	}
}

static void
special_in_phrase(struct ap *a)
{
	char msg[MESSAGE_MAX];

	if (a->err)
		return;
	a->err = 1;
	snprintf(msg, sizeof(msg), "Unquoted '%c' in a display name: quote "
	    "the name (\"...\") or the address is read wrongly", a->t.ch);
	mhl_emit_at(a->c, R_ADDRESS_PHRASE_SPECIAL, a->f, a->t.off, a->t.len,
	    msg);
}

/* domain = dot-atom / domain-literal / obs-domain; at the token after
 * '@'.  Leaves the token after the domain. */
static int
domain(struct ap *a, size_t *start, size_t *end, int *eight)
{
	*start = a->t.off;
	if (a->t.kind == LX_DLITERAL) {
		if (a->t.flags & LXF_OBS)
			obsolete(a, a->t.off, a->t.len, "quoted-pair or "
			    "control character in a domain literal");
		*end = a->t.off + a->t.len;
		adv(a);
		return 0;
	}
	for (;;) {
		if (a->t.kind != LX_ATOM)
			return fail(a, "expected a domain");
		if (a->t.flags & LXF_8BIT)
			*eight = 1;
		if (a->t.flags & LXF_EW)
			misplaced_ew(a, &a->t, "an address (addr-spec)");
		*end = a->t.off + a->t.len;
		adv(a);
		if (!is_sp(&a->t, '.'))
			return 0;
		if (a->t.flags & LXF_WS)
			obsolete(a, a->t.off, 1, "space or comment around "
			    "'.' in a domain");
		adv(a);
		if (a->t.flags & LXF_WS && a->t.kind == LX_ATOM)
			obsolete(a, a->t.off, a->t.len, "space or comment "
			    "around '.' in a domain");
	}
}

/*
 * Checks the local part made of the tokens from 'first' (a lexer state
 * just before it) to the '@' now current, then the domain, then the
 * lengths.  The words were already read as a phrase; they are read
 * again here so nothing needs to be stored.
 */
static int
addr_spec(struct ap *a, const struct lx *first)
{
	struct lx lx = *first;
	struct lx_tok t;
	size_t at = a->t.off, lstart = 0, lend = 0, dstart, dend;
	int want_word = 1, nw = 0, nq = 0, eight = 0, ws = 0;
	size_t ws_off = 0;
	char msg[MESSAGE_MAX];

	lx.on_comment = NULL;
	for (;;) {
		lx_next(&lx, &t);
		if (t.kind == LX_END || t.off >= at)
			break;
		if (is_sp(&t, '.')) {
			if (want_word) {
				a->t = t;
				return fail(a, "'.' at the start of the "
				    "local part or after another '.'");
			}
			if ((t.flags & LXF_WS) && !ws) {
				ws = 1;
				ws_off = t.off;
			}
			want_word = 1;
			continue;
		}
		if (!want_word) {
			a->t = t;
			if (t.kind == LX_ATOM || t.kind == LX_QSTRING)
				return fail(a, "unquoted space in the local "
				    "part: expected '@'");
			return fail(a, "expected '@'");
		}
		if (nw == 0)
			lstart = t.off;
		else if ((t.flags & LXF_WS) && !ws) {
			ws = 1;
			ws_off = t.off;
		}
		if (t.kind == LX_QSTRING)
			nq++;
		if (t.flags & LXF_8BIT)
			eight = 1;
		if (t.kind == LX_ATOM && (t.flags & LXF_EW))
			misplaced_ew(a, &t, "an address (addr-spec)");
		nw++;
		want_word = 0;
		lend = t.off + t.len;
	}
	if (nw == 0)
		return fail(a, "nothing before '@'");
	if (want_word)
		return fail(a, "'.' at the end of the local part");
	if (ws)
		obsolete(a, ws_off, 1, "space or comment around '.' in the "
		    "local part");
	else if (nq > 0 && nw > 1)
		obsolete(a, lstart, lend - lstart, "quoted-string as part of "
		    "a dotted local part");
	adv(a);
	if (domain(a, &dstart, &dend, &eight) == -1)
		return -1;
	a->nmailbox++;
	if (lend - lstart > 64) {
		snprintf(msg, sizeof(msg), "Local part is %zu octets long; "
		    "SMTP allows at most 64", lend - lstart);
		mhl_emit_at(a->c, R_ADDRESS_LOCAL_PART_LONG, a->f, lstart,
		    lend - lstart, msg);
	}
	if (dend - dstart > 255) {
		snprintf(msg, sizeof(msg), "Domain is %zu octets long; SMTP "
		    "allows at most 255", dend - dstart);
		mhl_emit_at(a->c, R_ADDRESS_DOMAIN_LONG, a->f, dstart,
		    dend - dstart, msg);
	}
	if (eight && !a->c->opt.smtputf8)
		mhl_emit_at(a->c, R_ADDRESS_UTF8, a->f, lstart, dend - lstart,
		    "Non-ASCII address without SMTPUTF8: it cannot be "
		    "delivered as written");
	return 0;
}

/* Reads words and dots: a phrase, or a local part.  Returns the number
 * of words; *dot the first '.' met, *holder whether all are one
 * placeholder. */
static int
words(struct ap *a, struct lx_tok *dot, int *holder)
{
	int n = 0;

	dot->kind = LX_END;
	*holder = 0;
	while (a->t.kind == LX_ATOM || a->t.kind == LX_QSTRING ||
	    is_sp(&a->t, '.')) {
		if (is_sp(&a->t, '.')) {
			if (dot->kind == LX_END)
				*dot = a->t;
		} else {
			*holder = n == 0 && (a->t.flags & LXF_HOLDER);
			n++;
		}
		adv(a);
	}
	if (n != 1)
		*holder = 0;
	return n;
}

/*
 * RFC 2047 §5 (3): an encoded-word may stand for a word of a phrase.
 * A word that starts with "=?" is checked as one (rfc2047.c); "=?"
 * inside a word is not an encoded-word, and no decoder takes it as one.
 */
static void
ew_in_phrase(struct ap *a, const struct lx_tok *t)
{
	size_t n;

	if (t->kind != LX_ATOM || t->len < 2 || a->f->buf[t->off] != '=' ||
	    a->f->buf[t->off + 1] != '?')
		return;
	if ((n = mhl_ew_span(a->f->buf + t->off, a->f->kept - t->off)) > 0)
		mhl_ew_check(a->c, a->f, t->off, n);
}

/*
 * RFC 2047 §5 (2): encoded-words may stand in a comment, each after
 * "(" or white space.  Called by the lexer for each top-level comment.
 */
static void
ew_in_comment(void *arg, size_t off, size_t len)
{
	struct ap *a = arg;
	const unsigned char *p = a->f->buf;
	size_t i, n, end = off + len;

	for (i = off + 1; i + 1 < end; i++) {
		if (p[i] != '=' || p[i + 1] != '?' || (p[i - 1] != '(' &&
		    p[i - 1] != ' ' && p[i - 1] != '\t' && p[i - 1] != '\n'))
			continue;
		n = mhl_ew_span(p + i, a->f->kept - i);
		/* a word that runs past the comment is not one */
		if (n == 0 || i + n > end - 1)
			continue;
		mhl_ew_check(a->c, a->f, i, n);
		i += n - 1;
	}
}

/* Checks the words of a display name (from lexer state 'first'). */
static void
phrase_check(struct ap *a, const struct lx *first, size_t end,
    const struct lx_tok *dot)
{
	struct lx lx = *first;
	struct lx_tok t;

	lx.on_comment = NULL;
	for (;;) {
		lx_next(&lx, &t);
		if (t.kind == LX_END || t.off >= end)
			break;
		if (t.kind == LX_QSTRING && (t.flags & LXF_EW))
			misplaced_ew(a, &t, "a quoted-string");
		ew_in_phrase(a, &t);
	}
	if (dot->kind != LX_END)
		obsolete(a, dot->off, 1, "unquoted '.' in a display name "
		    "(obs-phrase)");
}

/* angle-addr, at the '<'.  'path': "<>" is allowed. */
static int
angle_addr(struct ap *a, int path)
{
	struct lx first;
	struct lx_tok dot, open = a->t;
	int n, holder;

	adv(a);
	if (is_sp(&a->t, '>')) {
		if (path) {
			adv(a);
			return 0;
		}
		return fail(a, "empty address \"<>\" (only Return-Path may "
		    "hold it)");
	}
	if (is_sp(&a->t, '@') || is_sp(&a->t, ',')) {
		/* obs-route: "<@a,@b:user@c>" */
		obsolete(a, a->t.off, a->t.len, "source route in an "
		    "address");
		while (!is_sp(&a->t, ':')) {
			if (is_sp(&a->t, ',')) {
				adv(a);
				continue;
			}
			if (!is_sp(&a->t, '@'))
				return fail(a, "expected '@' or ':' in a "
				    "source route");
			adv(a);
			{
				size_t s, e;
				int eight = 0;

				if (domain(a, &s, &e, &eight) == -1)
					return -1;
			}
		}
		adv(a);
	}
	first = a->lx;
	first.pos = a->t.off;
	n = words(a, &dot, &holder);
	if (holder && is_sp(&a->t, '>')) {
		a->nmailbox++;
		adv(a);
		return 0;
	}
	if (n == 0 && !is_sp(&a->t, '.'))
		return fail(a, "expected an address after '<'");
	if (!is_sp(&a->t, '@')) {
		if (is_sp(&a->t, '>'))
			return fail(a, "no '@' in the address");
		return fail(a, "expected '@'");
	}
	if (addr_spec(a, &first) == -1)
		return -1;
	if (!is_sp(&a->t, '>')) {
		if (a->t.kind == LX_END && !(a->t.flags & LXF_CUT)) {
			fail_at(a, open.off, 1, "'<' without '>'");
			return -1;
		}
		return fail(a, "expected '>' after the address");
	}
	adv(a);
	return 0;
}

/* mailbox or group; allow_group: 1 here, 0 inside a group or in a
 * mailbox-list. */
static int
address(struct ap *a, int allow_group, int in_group)
{
	struct lx first;
	struct lx_tok dot, colon;
	int n, holder;

	first = a->lx;
	first.pos = a->t.off;
	n = words(a, &dot, &holder);
	if (is_sp(&a->t, '<')) {
		if (n > 0)
			phrase_check(a, &first, a->t.off, &dot);
		return angle_addr(a, 0);
	}
	if (is_sp(&a->t, '@')) {
		if (n == 0)
			return fail(a, "nothing before '@'");
		if (addr_spec(a, &first) == -1)
			return -1;
		if (is_sp(&a->t, '<') || ((a->t.kind == LX_ATOM ||
		    a->t.kind == LX_QSTRING) && angle_ahead(a))) {
			/* "a@b.example <a@b.example>": find the '@'. */
			struct lx lx = first;
			struct lx_tok t;

			lx.on_comment = NULL;
			do
				lx_next(&lx, &t);
			while (!is_sp(&t, '@') && t.kind != LX_END);
			a->t = t;
			a->err = 0;
			special_in_phrase(a);
			return -1;
		}
		return 0;
	}
	if (is_sp(&a->t, ':') && n > 0) {
		colon = a->t;
		if (!allow_group) {
			if (!in_group && angle_ahead(a)) {
				special_in_phrase(a);
				return -1;
			}
			a->err = 1;
			mhl_emit_at(a->c, in_group ? a->syntax_rule :
			    R_ADDRESS_GROUP_NOT_ALLOWED, a->f, colon.off, 1,
			    in_group ? "Invalid address: a group inside a "
			    "group" : "Group syntax (\"name: ... ;\") where "
			    "only mailboxes are allowed");
			return -1;
		}
		phrase_check(a, &first, a->t.off, &dot);
		adv(a);
		/* group-list = mailbox-list / CFWS / obs-group-list */
		while (!is_sp(&a->t, ';')) {
			if (is_sp(&a->t, ',')) {
				adv(a);
				continue;
			}
			if (a->t.kind == LX_END && !(a->t.flags & LXF_CUT)) {
				fail_at(a, colon.off, 1, "group without its "
				    "closing ';'");
				return -1;
			}
			if (address(a, 0, 1) == -1)
				return -1;
			if (!is_sp(&a->t, ',') && !is_sp(&a->t, ';'))
				return fail(a, "expected ',' or ';' after "
				    "an address in a group");
		}
		adv(a);
		return 0;
	}
	if (holder && (a->t.kind == LX_END || is_sp(&a->t, ',') ||
	    is_sp(&a->t, ';'))) {
		a->nmailbox++;
		return 0;
	}
	if (n > 0 && a->t.kind == LX_SPECIAL && a->t.ch != ',' &&
	    a->t.ch != ';' && angle_ahead(a)) {
		special_in_phrase(a);
		return -1;
	}
	if (n > 0 && is_sp(&a->t, ',')) {
		/* "Smith, John <js@example.com>": the comma split a name. */
		struct ap probe = *a;

		probe.lx.on_comment = NULL;
		adv(&probe);
		while (probe.t.kind == LX_ATOM ||
		    probe.t.kind == LX_QSTRING || is_sp(&probe.t, '.'))
			adv(&probe);
		if (is_sp(&probe.t, '<')) {
			special_in_phrase(a);
			return -1;
		}
	}
	if (n > 0 && (a->t.kind == LX_END || is_sp(&a->t, ',')))
		return fail(a, "a name without an address (no '@' and no "
		    "<...>)");
	return stray(a, n > 0 ? "expected '<', '@' or ':' after a name" :
	    "expected an address");
}

int
sf_address_general(struct mhl_checker *c, const struct mhl_field *f,
    enum sf_addr_kind kind)
{
	struct ap a;

	memset(&a, 0, sizeof(a));
	a.c = c;
	a.f = f;
	a.syntax_rule = kind == SF_ADDR_PATH ? R_RETURN_PATH_SYNTAX :
	    R_ADDRESS_SYNTAX;
	lx_init(&a.lx, f, c->opt.tmpl);
	a.lx.on_comment = ew_in_comment;
	a.lx.arg = &a;
	adv(&a);
	if (kind == SF_ADDR_PATH) {
		if (!is_sp(&a.t, '<'))
			fail(&a, "expected an address in angle brackets "
			    "(<...> or <>)");
		else if (angle_addr(&a, 1) == 0 && a.t.kind != LX_END)
			stray(&a, "unexpected text after the path");
		goto done;
	}
	if (a.t.kind == LX_END) {
		if (kind != SF_ADDR_OPTIONAL_LIST && !(a.t.flags & LXF_CUT))
			mhl_emit_at(c, R_ADDRESS_EMPTY, f, a.t.off, 0,
			    "Address field without an address");
		goto done;
	}
	for (;;) {
		if (is_sp(&a.t, ',')) {
			obsolete(&a, a.t.off, 1, "empty element in an address "
			    "list (\",,\" or a leading or trailing ',')");
			adv(&a);
			if (a.t.kind == LX_END)
				break;
			continue;
		}
		if (address(&a, kind == SF_ADDR_ADDRESS_LIST ||
		    kind == SF_ADDR_OPTIONAL_LIST, 0) == -1)
			break;
		if (a.t.kind == LX_END)
			break;
		if (!is_sp(&a.t, ',')) {
			stray(&a, "expected ',' between addresses");
			break;
		}
		if (kind == SF_ADDR_MAILBOX) {
			a.err = 1;
			mhl_emit_at(c, R_SENDER_MULTIPLE, f, a.t.off,
			    a.t.len, "Sender holds more than one mailbox");
			break;
		}
		adv(&a);
		if (a.t.kind == LX_END) {
			obsolete(&a, a.t.off - 1, 1, "trailing ',' in an "
			    "address list");
			break;
		}
	}
done:
	return a.err || (a.t.flags & LXF_CUT) ? -1 : a.nmailbox;
}

/*
 * The fast path.  Most address fields are lists of plain mailboxes:
 *
 *   list    =  elem *("," elem)
 *   elem    =  [WS] (addr / *(word [WS]) "<" addr ">") [WS]
 *   addr    =  dot-atom-text "@" dot-atom-text
 *   word    =  1*atext / DQUOTE *(any byte but DQUOTE and "\") DQUOTE
 *
 * where WS is SP, TAB and folds; an addr is US-ASCII, its local part
 * at most 64 octets and its domain at most 255; "=?" is in no addr, in
 * no quoted word and at the start of no atom; Sender holds one elem,
 * and Return-Path only [WS] ("<" addr ">" / "<>") [WS].  In that form
 * the general path reports nothing: no obsolete form, no encoded-word
 * to check, no comment.  sf_address_quick() reads it in one pass and
 * counts the mailboxes.  Anything else (a group, a comment, an obsolete
 * form, an error, an address of UTF-8, template placeholders, a field
 * cut short) returns -1, and the general path reads the field token by
 * token.  A test in tests/test_rules.c runs both paths over many fields
 * and compares them.
 */

/* The byte classes of the fast paths (sf_address.h): SF_QA 1, SF_Q8 2,
 * SF_QW 4, SF_QE 8. */
const unsigned char sf_qc[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	4, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 9, 0, 1,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* The end of the addr at p[i], or 0 when there is none the fast path
 * takes. */
static size_t
q_addr(const unsigned char *p, size_t i, size_t end)
{
	unsigned int seen = 0;
	size_t at, e;

	if ((at = sf_q_dot_atom(p, i, end, &seen)) == i || at - i > 64 ||
	    at == end || p[at] != '@')
		return 0;
	if ((e = sf_q_dot_atom(p, at + 1, end, &seen)) == at + 1 ||
	    e - (at + 1) > 255)
		return 0;
	if ((seen & SF_QE) && sf_q_has_ew_start(p, i, e))
		return 0;
	return e;
}

int
sf_address_quick(const struct mhl_field *f, unsigned int tmpl,
    enum sf_addr_kind kind)
{
	const unsigned char *p = f->buf;
	size_t i, k, e, end;
	int n = 0, words;

	if (!sf_q_bounds(f, tmpl, &i, &end))
		return -1;
	if (kind == SF_ADDR_PATH) {
		i = sf_q_ws(p, i, end);
		if (end - i >= 2 && p[i] == '<' && p[i + 1] == '>')
			i += 2;
		else if (i < end && p[i] == '<' &&
		    (e = q_addr(p, i + 1, end)) != 0 && e < end &&
		    p[e] == '>') {
			i = e + 1;
			n = 1;
		} else
			return -1;
		return sf_q_ws(p, i, end) == end ? n : -1;
	}
	for (;;) {
		/* One elem: the words of a display name and the addr in
		 * angle brackets, or an addr alone. */
		i = sf_q_ws(p, i, end);
		for (words = 0;; words++) {
			if (i == end)
				return -1;
			if (sf_qc[p[i]] & (SF_QA | SF_Q8)) {
				if (p[i] == '=' && i + 1 < end &&
				    p[i + 1] == '?')
					return -1;
				for (k = i + 1; k < end &&
				    (sf_qc[p[k]] & (SF_QA | SF_Q8)); k++)
					continue;
				if (k < end && (p[k] == '.' || p[k] == '@')) {
					/* an addr alone, or an obsolete
					 * phrase */
					if (words > 0 ||
					    (e = q_addr(p, i, end)) == 0)
						return -1;
					i = e;
					break;
				}
				i = k;
			} else if (p[i] == '"') {
				for (k = i + 1; k < end && p[k] != '"'; k++)
					if (p[k] == '\\' || (p[k] == '=' &&
					    k + 1 < end && p[k + 1] == '?'))
						return -1;
				if (k == end)
					return -1;
				i = k + 1;
			} else if (p[i] == '<') {
				if ((e = q_addr(p, i + 1, end)) == 0 ||
				    e == end || p[e] != '>')
					return -1;
				i = e + 1;
				break;
			} else
				return -1;
			i = sf_q_ws(p, i, end);
		}
		n++;
		i = sf_q_ws(p, i, end);
		if (i == end)
			return n;
		if (p[i] != ',' || kind == SF_ADDR_MAILBOX)
			return -1;
		i++;
	}
}

static void
check_list(struct mhl_checker *c, const struct mhl_field *f,
    enum sf_addr_kind kind)
{
	int n;

	if ((n = sf_address_quick(f, c->opt.tmpl, kind)) < 0)
		n = sf_address_general(c, f, kind);
	if (kind == SF_ADDR_MAILBOX_LIST && n > c->sf.from_mailboxes) {
		c->sf.from_mailboxes = n;
		c->sf.from_line = f->line;
		c->sf.from_off = f->offset;
	}
}

void
sf_from(struct mhl_checker *c, const struct mhl_field *f)
{
	check_list(c, f, SF_ADDR_MAILBOX_LIST);
}

void
sf_resent_from(struct mhl_checker *c, const struct mhl_field *f)
{
	int keep = c->sf.from_mailboxes;

	check_list(c, f, SF_ADDR_MAILBOX_LIST);
	c->sf.from_mailboxes = keep;
}

void
sf_sender(struct mhl_checker *c, const struct mhl_field *f)
{
	c->sf.have_sender = 1;
	check_list(c, f, SF_ADDR_MAILBOX);
}

void
sf_resent_sender(struct mhl_checker *c, const struct mhl_field *f)
{
	check_list(c, f, SF_ADDR_MAILBOX);
}

void
sf_address_list(struct mhl_checker *c, const struct mhl_field *f)
{
	check_list(c, f, SF_ADDR_ADDRESS_LIST);
}

void
sf_bcc(struct mhl_checker *c, const struct mhl_field *f)
{
	check_list(c, f, SF_ADDR_OPTIONAL_LIST);
}

void
sf_return_path(struct mhl_checker *c, const struct mhl_field *f)
{
	check_list(c, f, SF_ADDR_PATH);
}

void
sf_address_end(struct mhl_checker *c)
{
	char msg[MESSAGE_MAX];

	if (c->sf.from_mailboxes > 1 && !c->sf.have_sender &&
	    !(c->opt.assume & MHL_ASSUME_SENDER)) {
		snprintf(msg, sizeof(msg), "From holds %d mailboxes but there "
		    "is no Sender field", c->sf.from_mailboxes);
		mhl_emit(c, R_SENDER_MISSING, NULL, c->sf.from_line, 1,
		    c->sf.from_off, msg, strlen(msg), NULL, 0);
	}
}
