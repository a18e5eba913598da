/*
 * RFC 2047 encoded-words for the repair writer.
 *
 * RFC 2047 §2: encoded-word = "=?" charset "?" encoding "?"
 * encoded-text "?="; "An 'encoded-word' may not be more than 75
 * characters long"; §5: "Each 'encoded-word' MUST represent an integral
 * number of characters.  A multi-octet character may not be split
 * across adjacent 'encoded-word's."
 * §4.2: Q encoding: "=" and two hex digits for any octet, "_" for SP.
 * §5(3): in a phrase only upper and lower case letters, digits and
 * "!", "*", "+", "-", "/", "=", "_" may appear; we keep to that set
 * everywhere, so a word is valid in any field.
 */
#include <string.h>

#include "fix_internal.h"

void
mhl_ob_put(struct obuf *o, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	if (o->n + n > o->cap) {
		o->overflow = 1;
		return;
	}
	memcpy(o->p + o->n, p, n);
	o->n += n;
	for (i = 0; i < n; i++) {
		if (s[i] == '\n') {
			o->col = 0;
			o->content = 0;
			o->has_ew = 0;
			o->name_line = 0;
		} else
			o->col++;
	}
}

static int
q_literal(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '!' || c == '*' || c == '+' ||
	    c == '-' || c == '/';
}

size_t
mhl_ew_q_len(const unsigned char *p, size_t n)
{
	size_t i, len = 0;

	for (i = 0; i < n; i++)
		len += q_literal(p[i]) || p[i] == ' ' ? 1 : 3;
	return len;
}

static void
q_put(struct obuf *o, const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char e[3];
	size_t i;

	for (i = 0; i < n; i++) {
		if (q_literal(p[i]))
			mhl_ob_put(o, p + i, 1);
		else if (p[i] == ' ')
			mhl_ob_put(o, "_", 1);
		else {
			e[0] = '=';
			e[1] = (unsigned char)hex[p[i] >> 4];
			e[2] = (unsigned char)hex[p[i] & 15];
			mhl_ob_put(o, e, 3);
		}
	}
}

/* RFC 3629 §4: the length of the valid sequence at p, or 0. */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xbf;
	size_t need, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		need = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < need)
		return 0;
	for (i = 1; i < need; i++) {
		if (p[i] < lo || p[i] > hi)
			return 0;
		lo = 0x80;
		hi = 0xbf;
	}
	return need;
}

int
mhl_utf8_valid(const unsigned char *p, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		if ((k = utf8_seq(p + i, n - i)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

size_t
mhl_ew_char_len(const unsigned char *p, size_t n, int utf8)
{
	size_t k;

	if (!utf8 || n == 0)
		return n > 0 ? 1 : 0;
	k = utf8_seq(p, n);
	return k == 0 ? 1 : k;
}

int
mhl_ew_like(const unsigned char *p, size_t n)
{
	size_t i, q = 0;

	if (n < 8 || p[0] != '=' || p[1] != '?' || p[n - 2] != '?' ||
	    p[n - 1] != '=')
		return 0;
	for (i = 2; i < n - 2; i++)
		if (p[i] == '?')
			q++;
	return q == 2;
}

void
mhl_ew_encode(struct obuf *o, const char *charset, int utf8,
    const unsigned char *text, size_t n, const unsigned char *sep,
    size_t sep_n, size_t tail, size_t limit)
{
	size_t plen = 2 + strlen(charset) + 3, i = 0, cl, el, need, wlen;
	size_t room, whole = mhl_ew_q_len(text, n) + tail;
	int first = 1, blank;

	while (i < n) {
		cl = mhl_ew_char_len(text + i, n - i, utf8);
		el = mhl_ew_q_len(text + i, cl);
		/* The text glued after the run stays on the last word's
		 * line: room for it is kept when the last word is made. */
		need = el + (i + cl >= n ? tail : 0);
		if (!first) {
			sep = (const unsigned char *)" ";
			sep_n = 1;
		}
		/* A fold goes only before a blank: one put elsewhere would
		 * change the text (inside a comment, say). */
		/* A run that fits one word goes whole to the next line
		 * rather than cut in two at the end of this one. */
		if (first && plen + whole + 2 <= EW_MAX &&
		    sep_n + plen + whole + 2 <= limit)
			need = whole;
		/* Otherwise the fold after the colon is judged by the
		 * shortest first word, the one a second pass would see
		 * whenever it does not fit on the name's line. */
		blank = sep_n > 0 && (sep[0] == ' ' || sep[0] == '\t');
		if (memchr(sep, '\n', sep_n) == NULL && blank && (o->content ||
		    (o->name_line && sep_n + plen + need + 2 <= limit)) &&
		    o->col + sep_n + plen + need + 2 > limit)
			mhl_ob_put(o, "\n", 1);
		mhl_ob_put(o, sep, sep_n);
		room = limit > o->col ? limit - o->col : 0;
		if (room > EW_MAX)
			room = EW_MAX;
		mhl_ob_put(o, "=?", 2);
		mhl_ob_put(o, charset, strlen(charset));
		mhl_ob_put(o, "?Q?", 3);
		wlen = plen + 2;
		/* At least one character per word, then as many as fit. */
		do {
			q_put(o, text + i, cl);
			wlen += el;
			i += cl;
			if (i >= n)
				break;
			cl = mhl_ew_char_len(text + i, n - i, utf8);
			el = mhl_ew_q_len(text + i, cl);
			need = el + (i + cl >= n ? tail : 0);
		} while (wlen + need <= room && wlen + el <= EW_MAX);
		mhl_ob_put(o, "?=", 2);
		o->content = 1;
		o->has_ew = 1;
		first = 0;
		if (o->overflow)
			return;
	}
}
