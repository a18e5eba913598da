/*
 * Helpers shared by the fuzz harnesses: a growing byte buffer that
 * event logs are written to, so two runs can be compared byte for byte.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fbuf {
	unsigned char *p;
	size_t len, cap;
};

static inline void
fbuf_add(struct fbuf *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		if ((b->p = realloc(b->p, b->cap)) == NULL)
			abort();
	}
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
}

static inline void
fbuf_u64(struct fbuf *b, uint64_t v)
{
	fbuf_add(b, &v, sizeof(v));
}

/* A length, then the bytes: so that adjacent items cannot run together. */
static inline void
fbuf_bytes(struct fbuf *b, const void *p, size_t n)
{
	fbuf_u64(b, n);
	fbuf_add(b, p, n);
}

static inline void
fbuf_free(struct fbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* Aborts, with the first difference on stderr, unless a and b are equal. */
static inline void
fbuf_same(const struct fbuf *a, const struct fbuf *b, const char *what)
{
	size_t i;

	if (a->len == b->len && (a->len == 0 ||
	    memcmp(a->p, b->p, a->len) == 0))
		return;
	for (i = 0; i < a->len && i < b->len && a->p[i] == b->p[i]; i++)
		;
	fprintf(stderr, "%s: results differ at byte %zu (lengths %zu, %zu)\n",
	    what, i, a->len, b->len);
	abort();
}

/*
 * Chunk sizes taken from the input: sizes[k % nsizes], each 1..256,
 * with 0 in the input meaning "the rest at once".
 */
struct chunker {
	const unsigned char *sizes;
	size_t nsizes, k;
};

static inline size_t
chunk_next(struct chunker *ch, size_t left)
{
	size_t n;

	if (ch->nsizes == 0)
		return left;
	n = ch->sizes[ch->k++ % ch->nsizes];
	n = n == 0 ? left : n;
	return n < left ? n : left;
}

#endif /* FUZZ_COMMON_H */
