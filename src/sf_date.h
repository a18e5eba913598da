/*
 * The two paths of the date-time check (sf_date.c).  sf_date_at()
 * (structured.h) takes the fast path and, unless it answers for the
 * date-time, the general path; the tests run each alone and compare.
 */
#ifndef MHL_SF_DATE_H
#define MHL_SF_DATE_H

#include <stddef.h>

struct mhl_checker;
struct mhl_field;

/* 1 when the date-time from logical offset start to end is in the
 * strict form and valid, so the general path would report nothing;
 * 0 when only the general path can tell. */
int sf_date_quick(const struct mhl_field *, size_t, size_t);
/* The general path alone: token by token, every finding worded. */
void sf_date_general(struct mhl_checker *, const struct mhl_field *, size_t,
    size_t);

#endif /* MHL_SF_DATE_H */
