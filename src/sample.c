/*
 * Amavis's sample, the text after the colon of a finding (SPEC.md, "The
 * sample after the colon"):
 *
 *   pre = the field before mid; post = the field after mid, minus one
 *   trailing LF.  A mid or post over 20 bytes becomes its first 15 bytes
 *   plus "[...]", less an incomplete UTF-8 sequence at the cut.  When
 *   len(pre) - len(name) - 2 > 50 - len(post), pre becomes "NAME: ..."
 *   and the last 45 - len(post) bytes of pre.
 */
#include <string.h>

#include "internal.h"

#define CUT 15
#define LONG 20

/* The bytes of p[0..CUT) to keep: a UTF-8 sequence cut short is dropped. */
static size_t
keep15(const unsigned char *p)
{
	size_t i, need;
	unsigned char c;

	for (i = CUT; i > 0 && CUT - i < 4; i--) {
		c = p[i - 1];
		if (c < 0x80)
			return CUT;
		if (c >= 0xc0) {
			need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
			return CUT - (i - 1) < need ? i - 1 : CUT;
		}
	}
	return CUT;
}

/* Writes a mid or post part; returns its length. */
static size_t
part(unsigned char *dst, const unsigned char *src, size_t n, size_t len)
{
	size_t k;

	if (len > LONG) {
		k = n >= CUT ? keep15(src) : n;
		memcpy(dst, src, k);
		memcpy(dst + k, "[...]", 5);
		return k + 5;
	}
	memcpy(dst, src, n < len ? n : len);
	return n < len ? n : len;
}

size_t
mhl_sample(unsigned char *dst, const unsigned char *name, size_t name_len,
    const unsigned char *pre, size_t pre_n, size_t pre_len,
    const unsigned char *mid, size_t mid_n, size_t mid_len,
    const unsigned char *post, size_t post_n, size_t post_len)
{
	unsigned char midb[LONG + 8], postb[LONG + 8];
	size_t ml, pl, t, n = 0;

	ml = part(midb, mid, mid_n, mid_len);
	pl = part(postb, post, post_n, post_len);
	if ((long long)pre_len - (long long)name_len - 2 >
	    50 - (long long)pl) {
		if (name_len > MHL_NAME_KEEP)
			name_len = MHL_NAME_KEEP;
		memcpy(dst, name, name_len);
		n = name_len;
		memcpy(dst + n, ": ...", 5);
		n += 5;
		t = 45 - pl;
		if (t > pre_n)
			t = pre_n;
		memcpy(dst + n, pre + pre_n - t, t);
		n += t;
	} else {
		/* All of pre is wanted; only a field past what is kept
		 * can lack some of it. */
		if (pre_n < pre_len) {
			memcpy(dst, "[...]", 5);
			n = 5;
		}
		if (pre_n > MHL_FIELD_KEEP)
			pre_n = MHL_FIELD_KEEP;
		memcpy(dst + n, pre, pre_n);
		n += pre_n;
	}
	memcpy(dst + n, midb, ml);
	n += ml;
	memcpy(dst + n, postb, pl);
	n += pl;
	return n;
}

size_t
mhl_char_hex(char *dst, size_t cap, const unsigned char *mid, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, n;

	/* At most 23 bytes and the NUL: " (char" 4 x " XX" " hex)". */
	if (len < 1 || len > 4 || cap < 32) {
		if (cap > 0)
			dst[0] = '\0';
		return 0;
	}
	memcpy(dst, " (char", 6);
	n = 6;
	for (i = 0; i < len; i++) {
		dst[n++] = ' ';
		dst[n++] = hex[mid[i] >> 4];
		dst[n++] = hex[mid[i] & 15];
	}
	memcpy(dst + n, " hex)", 6);
	return n + 5;
}
