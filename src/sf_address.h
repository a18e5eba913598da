/*
 * The two paths of the address checks (sf_address.c).  The field checks
 * (structured.h) take the fast path and, unless it answers for the
 * field, the general path; the tests run each alone and compare.
 */
#ifndef MHL_SF_ADDRESS_H
#define MHL_SF_ADDRESS_H

#include <stddef.h>

struct mhl_checker;
struct mhl_field;

/* What a field holds. */
enum sf_addr_kind {
	SF_ADDR_MAILBOX_LIST,  /* From, Resent-From */
	SF_ADDR_MAILBOX,       /* Sender, Resent-Sender */
	SF_ADDR_ADDRESS_LIST,  /* Reply-To, To, Cc, Resent-To, Resent-Cc */
	SF_ADDR_OPTIONAL_LIST, /* Bcc, Resent-Bcc */
	SF_ADDR_PATH           /* Return-Path */
};

/* The number of mailboxes in the field when it is in a plain form the
 * general path reports nothing in (with these template styles); -1
 * when only the general path can tell. */
int sf_address_quick(const struct mhl_field *, unsigned int,
    enum sf_addr_kind);
/* The general path alone: token by token, every finding worded.
 * Returns the number of mailboxes, or -1 after a grammar error or in a
 * field cut short. */
int sf_address_general(struct mhl_checker *, const struct mhl_field *,
    enum sf_addr_kind);

/*
 * What the fast paths of the address and msg-id checks share: byte
 * classes, one load a byte, and two scans; the date's fast path
 * (sf_date.c) takes sf_q_ws() too, and Received's (sf_trace.c)
 * sf_q_bounds().
 */
#define SF_QA 1 /* atext, US-ASCII (RFC 5322 §3.2.3) */
#define SF_Q8 2 /* a byte >= 0x80: atext too (RFC 6532 §3.2) */
#define SF_QW 4 /* SP, TAB, or LF (a fold when SP or TAB follows) */
#define SF_QE 8 /* '=', which may start an encoded-word */
extern const unsigned char sf_qc[256];

/*
 * The bytes a fast path reads, as lx_init() bounds them for the general
 * path: from the value to the end of the kept bytes, less the LF that
 * ends the field.  Returns 0 when a fast path must not answer: in
 * template mode, or when the field is longer than its kept bytes (the
 * general path says what the cut leaves).
 */
static inline int
sf_q_bounds(const struct mhl_field *f, unsigned int tmpl, size_t *start,
    size_t *end)
{
	if (tmpl != 0 || f->len > f->kept)
		return 0;
	*end = f->kept;
	if (*end > 0 && f->buf[*end - 1] == '\n')
		(*end)--;
	*start = f->value_off < *end ? f->value_off : *end;
	return 1;
}

/* Past white space (SP, TAB and folds) from p[i], up to end. */
static inline size_t
sf_q_ws(const unsigned char *p, size_t i, size_t end)
{
	/* One SP before a byte that is none of them, the common case. */
	if (end - i >= 2 && p[i] == ' ' && p[i + 1] > ' ')
		return i + 1;
	while (i < end && (sf_qc[p[i]] & SF_QW)) {
		if (p[i] == '\n' && (i + 1 == end || (p[i + 1] != ' ' &&
		    p[i + 1] != '\t')))
			break;
		i++;
	}
	return i;
}

/* The end of the dot-atom-text of US-ASCII atext at p[i], the classes
 * of its bytes OR-ed into *seen; i when there is none (an atom empty at
 * the start, between dots or after the last one). */
static inline size_t
sf_q_dot_atom(const unsigned char *p, size_t i, size_t end,
    unsigned int *seen)
{
	size_t start = i;

	for (;;) {
		if (i == end || !(sf_qc[p[i]] & SF_QA))
			return start;
		do
			*seen |= sf_qc[p[i++]];
		while (i < end && (sf_qc[p[i]] & SF_QA));
		if (i == end || p[i] != '.')
			return i;
		i++;
	}
}

/* Whether p[i..end) holds "=?". */
static inline int
sf_q_has_ew_start(const unsigned char *p, size_t i, size_t end)
{
	for (; i + 1 < end; i++)
		if (p[i] == '=' && p[i + 1] == '?')
			return 1;
	return 0;
}

#endif /* MHL_SF_ADDRESS_H */
