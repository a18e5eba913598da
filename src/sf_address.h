/*
 * The two paths of the address checks (sf_address.c).  The field checks
 * (structured.h) take the fast path and, unless it answers for the
 * field, the general path; the tests run each alone and compare.
 */
#ifndef MHL_SF_ADDRESS_H
#define MHL_SF_ADDRESS_H

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

#endif /* MHL_SF_ADDRESS_H */
