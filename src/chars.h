/*
 * Character classes of the header grammars, as switches: the compiler
 * turns them into bit tests, where strchr() over a set string was 5% of
 * a corpus run.
 */
#ifndef MHL_CHARS_H
#define MHL_CHARS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Eight bytes at a time: the word tricks "hasless", "haszero" and
 * "hasmore" of Bit Twiddling Hacks.  Each is nonzero when some byte of
 * x is below n (n <= 128), is zero, or is above 0x7e.
 */
#define MHL_ONES UINT64_C(0x0101010101010101)
#define MHL_HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t
mhl_word_less(uint64_t x, unsigned int n)
{
	return (x - MHL_ONES * n) & ~x & MHL_HIGHS;
}

static inline uint64_t
mhl_word_zero(uint64_t x)
{
	return (x - MHL_ONES) & ~x & MHL_HIGHS;
}

static inline uint64_t
mhl_word_over7e(uint64_t x)
{
	return ((x + MHL_ONES) | x) & MHL_HIGHS;
}

/*
 * Eight bytes from p as a word whose low byte is p[0], whatever the
 * machine's byte order: a borrow or carry in the tests above runs toward
 * the high end, so in this order the lowest flagged byte of their
 * results is exact (bytes flagged above it may be false), and
 * mhl_first_flagged() gives its index.
 */
static inline uint64_t
mhl_load_le(const unsigned char *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/* The index of the lowest flagged byte of a nonzero test result. */
static inline size_t
mhl_first_flagged(uint64_t m)
{
#if defined(__GNUC__)
	return (size_t)__builtin_ctzll(m) / 8;
#else
	size_t i;

	for (i = 0; (m & 0x80) == 0; i++)
		m >>= 8;
	return i;
#endif
}

/*
 * Sixteen bytes at a time where the compiler targets SSE2 (every x86-64):
 * the scans of the reader, the mbox splitter and the Received check.
 * Elsewhere, or with MHL_NO_SIMD (CI's clang build, so that both paths
 * run the tests), the word tests above take eight.
 */
#if defined(__SSE2__) && defined(__GNUC__) && !defined(MHL_NO_SIMD)
#include <emmintrin.h>
#define MHL_SSE2 1
#endif

/*
 * memset(p, 0, n), n known at compile time, as memsets of at most 64
 * bytes, which gcc and clang write as a few vector stores.  A whole one of
 * 120 or 200 bytes gcc makes "rep stos", whose start-up cost was most of
 * the time of the per-field and per-message clears that use this.
 */
static inline void
mhl_zero(void *p, size_t n)
{
	unsigned char *q = p;
	size_t i;

	for (i = 0; i + 64 <= n; i += 64)
		memset(q + i, 0, 64);
	if (i < n)
		memset(q + i, 0, n - i);
}

/* Does p[0..n) hold a byte outside US-ASCII? */
static inline int
mhl_has_8bit(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] >= 0x80)
			return 1;
	return 0;
}

/* RFC 5322 §3.2.3: atext's punctuation. */
static inline int
mhl_is_atext_punct(unsigned char c)
{
	switch (c) {
	case '!': case '#': case '$': case '%': case '&': case '\'':
	case '*': case '+': case '-': case '/': case '=': case '?':
	case '^': case '_': case '`': case '{': case '|': case '}':
	case '~':
		return 1;
	default:
		return 0;
	}
}

/* RFC 5322 §3.2.3: specials. */
static inline int
mhl_is_special(unsigned char c)
{
	switch (c) {
	case '(': case ')': case '<': case '>': case '[': case ']':
	case ':': case ';': case '@': case '\\': case ',': case '.':
	case '"':
		return 1;
	default:
		return 0;
	}
}

/* RFC 2047 §2: especials. */
static inline int
mhl_is_especial(unsigned char c)
{
	switch (c) {
	case '(': case ')': case '<': case '>': case '@': case ',':
	case ';': case ':': case '"': case '/': case '[': case ']':
	case '?': case '.': case '=':
		return 1;
	default:
		return 0;
	}
}

/* RFC 2045 §5.1: tspecials. */
static inline int
mhl_is_tspecial(unsigned char c)
{
	switch (c) {
	case '(': case ')': case '<': case '>': case '@': case ',':
	case ';': case ':': case '\\': case '"': case '/': case '[':
	case ']': case '?': case '=':
		return 1;
	default:
		return 0;
	}
}

#endif /* MHL_CHARS_H */
