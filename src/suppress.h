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
/* The length of "X-Mhlint-Disable". */
#define MHL_SUPPRESS_NAME_LEN 16

/* mhl_suppress_field for a field whose name has the length. */
void mhl_suppress_read(struct suppress *, const struct mhl_field *);

/*
 * Reads the rules off an X-Mhlint-Disable field; other fields are
 * ignored.  Every field passes by here, so the name's length is tested
 * inline: only fields of that length go on to mhl_suppress_read.
 */
static inline void
mhl_suppress_field(struct suppress *s, const struct mhl_field *f)
{
	if (f->name_len == MHL_SUPPRESS_NAME_LEN)
		mhl_suppress_read(s, f);
}
/* Takes a finding: returns 1 when it is suppressed (counted in *n) or
 * held for later, 0 when the caller delivers it now. */
int mhl_suppress_take(struct suppress *, const struct mhl_finding *,
    mhl_finding_fn *, void *, uint64_t *);
/* Delivers the held findings that are not suppressed. */
void mhl_suppress_flush(struct suppress *, mhl_finding_fn *, void *,
    uint64_t *);

#endif /* MHL_SUPPRESS_H */
