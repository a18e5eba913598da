/*
 * In-message suppression: an X-Mhlint-Disable field switches rules off
 * for its own message.  See suppress.c.
 */
#ifndef MHL_SUPPRESS_H
#define MHL_SUPPRESS_H

#include "mhlint.h"

struct mhl_checker;
struct suppress;

/* Findings held back until the header section ends, at most this many
 * and this many bytes of their texts. */
#define MHL_HOLD_FINDINGS 256
#define MHL_HOLD_BYTES (256 * 1024)

struct suppress *mhl_suppress_new(void);
void mhl_suppress_free(struct suppress *);
/* A new message. */
void mhl_suppress_reset(struct suppress *);
/* Reads the rules off an X-Mhlint-Disable field; other fields are
 * ignored. */
void mhl_suppress_field(struct suppress *, const struct mhl_field *);
/* Takes a finding: returns 1 when it is suppressed (counted in *n) or
 * held for later, 0 when the caller delivers it now. */
int mhl_suppress_take(struct suppress *, const struct mhl_finding *,
    mhl_finding_fn *, void *, uint64_t *);
/* Delivers the held findings that are not suppressed. */
void mhl_suppress_flush(struct suppress *, mhl_finding_fn *, void *,
    uint64_t *);

#endif /* MHL_SUPPRESS_H */
