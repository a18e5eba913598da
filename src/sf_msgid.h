/*
 * The two paths of the msg-id checks (sf_msgid.c).  sf_message_id() and
 * sf_msgid_list() (structured.h) take the fast path and, unless it
 * answers for the field, the general path; the tests run each alone
 * and compare.
 */
#ifndef MHL_SF_MSGID_H
#define MHL_SF_MSGID_H

struct mhl_checker;
struct mhl_field;

/* The number of msg-ids in the field when it is in a plain form the
 * general path reports nothing in (with these template styles; 'list':
 * In-Reply-To or References); -1 when only the general path can tell. */
int sf_msgid_quick(const struct mhl_field *, unsigned int, int);
/* The general path alone: token by token, every finding worded. */
void sf_msgid_general(struct mhl_checker *, const struct mhl_field *, int);

#endif /* MHL_SF_MSGID_H */
