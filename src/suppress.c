/*
 * In-message suppression for templates: a header field
 *
 *   X-Mhlint-Disable: rule-id, rule-prefix-, ...
 *
 * switches those rules off for the message that carries it.  Ids are
 * separated by commas or whitespace; an entry that ends in '-', or that
 * is a prefix of ids up to a '-', names every rule of that family, as
 * --select does.  Entries that name no rule are ignored.
 *
 * Findings are made while the header section streams past, and the field
 * may come last.  So every finding of a message is held until its header
 * section ends, when those of suppressed rules are dropped (and counted)
 * and the others delivered in order.  What is held is bounded: at most
 * MHL_HOLD_FINDINGS findings and MHL_HOLD_BYTES of their texts.  When a
 * finding does not fit, the held ones are delivered as things stand, and
 * holding starts over; only a suppression field that comes after that
 * point misses the findings already delivered.  The bound is documented
 * in mhlint(1).
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "suppress.h"

#define FIELD_NAME "X-Mhlint-Disable"

_Static_assert(sizeof(FIELD_NAME) - 1 == MHL_SUPPRESS_NAME_LEN,
    "MHL_SUPPRESS_NAME_LEN is the length of FIELD_NAME");

struct suppress {
	unsigned char off[R__COUNT]; /* switched off in this message */
	size_t n;                    /* findings held */
	size_t used;                 /* bytes[] used */
	/* Held findings, their texts copied into bytes[] and pointing
	 * there already: delivered as they are. */
	struct mhl_finding held[MHL_HOLD_FINDINGS];
	unsigned char bytes[MHL_HOLD_BYTES];
};

struct suppress *
mhl_suppress_new(void)
{
	return calloc(1, sizeof(struct suppress));
}

void
mhl_suppress_free(struct suppress *s)
{
	free(s);
}

void
mhl_suppress_reset(struct suppress *s)
{
	memset(s->off, 0, sizeof(s->off));
	s->n = 0;
	s->used = 0;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_name(const struct mhl_field *f)
{
	size_t i, n = sizeof(FIELD_NAME) - 1;

	if (f->kind != MHL_FIELD_OK || f->name_len != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lower(f->name[i]) != lower((unsigned char)FIELD_NAME[i]))
			return 0;
	return 1;
}

/* Switches off the rules an entry names. */
static void
entry(struct suppress *s, const unsigned char *p, size_t len)
{
	size_t i, idl;
	const char *id;

	for (i = 0; i < R__COUNT; i++) {
		id = mhl_rule_table[i].id;
		idl = strlen(id);
		if (len > idl || memcmp(id, p, len) != 0)
			continue;
		if (len == idl || p[len - 1] == '-' || id[len] == '-')
			s->off[i] = 1;
	}
}

void
mhl_suppress_read(struct suppress *s, const struct mhl_field *f)
{
	const unsigned char *p;
	size_t i, j, end;

	if (!is_name(f) || f->value_off >= f->kept)
		return;
	p = f->buf;
	end = f->kept;
	for (i = f->value_off; i < end; i = j) {
		while (i < end && (p[i] == ',' || p[i] == ' ' ||
		    p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
			i++;
		for (j = i; j < end && p[j] != ',' && p[j] != ' ' &&
		    p[j] != '\t' && p[j] != '\r' && p[j] != '\n'; j++)
			;
		if (j > i)
			entry(s, p + i, j - i);
	}
}

/* A copy of n bytes at p in bytes[], which has room. */
static inline const unsigned char *
keep(struct suppress *s, const void *p, size_t n)
{
	unsigned char *at = s->bytes + s->used;

	memcpy(at, p, n);
	s->used += n;
	return at;
}

void
mhl_suppress_flush(struct suppress *s, mhl_finding_fn *fn, void *arg,
    uint64_t *count)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		if (s->off[mhl_rule_index(s->held[i].rule)])
			(*count)++;
		else
			fn(arg, &s->held[i]);
	}
	s->n = 0;
	s->used = 0;
}

int
mhl_suppress_take(struct suppress *s, const struct mhl_finding *f,
    mhl_finding_fn *fn, void *arg, uint64_t *count)
{
	struct mhl_finding *h;
	size_t need;

	if (s->off[mhl_rule_index(f->rule)]) {
		(*count)++;
		return 1;
	}
	need = f->message_len + (f->sample != NULL ? f->sample_len : 0) +
	    (f->field != NULL ? f->field_len : 0) +
	    (f->src != NULL ? f->src_len : 0);
	if (s->n == MHL_HOLD_FINDINGS || s->used + need > MHL_HOLD_BYTES)
		mhl_suppress_flush(s, fn, arg, count);
	if (need > MHL_HOLD_BYTES)
		return 0;
	h = &s->held[s->n++];
	*h = *f;
	h->message = (const char *)keep(s, f->message, f->message_len);
	if (f->sample != NULL)
		h->sample = keep(s, f->sample, f->sample_len);
	if (f->field != NULL)
		h->field = keep(s, f->field, f->field_len);
	if (f->src != NULL)
		h->src = keep(s, f->src, f->src_len);
	return 1;
}
