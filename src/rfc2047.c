/*
 * RFC 2047 encoded-words.
 *
 *   encoded-word = "=?" charset "?" encoding "?" encoded-text "?="   (§2)
 *   especials    = "(" / ")" / "<" / ">" / "@" / "," / ";" / ":" / "
 *                  <"> / "/" / "[" / "]" / "?" / "." / "="
 *   charset      = token ; with RFC 2231 §5: charset ["*" language]
 *
 * §4.1: the "B" encoding is base64 as in RFC 2045 §6.8.  §4.2: the "Q"
 * encoding: "=" and two hexadecimal digits, "_" for SPACE, and printable
 * ASCII other than "=", "?" and "_" as itself.  §5: "Each 'encoded-word'
 * MUST represent an integral number of characters."  §5 (1): in
 * unstructured text an encoded-word must be separated from any adjacent
 * 'encoded-word' or 'text' by 'linear-white-space'.  §2: "each line of a
 * header field that contains one or more 'encoded-word's is limited to
 * 76 characters."
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "chars.h"
#include "internal.h"
#include "rfc2047.h"

/* RFC 2047 §2: at most 75 characters, delimiters included. */
#define EW_MAX 75
/* RFC 2047 §2: a line holding encoded-words. */
#define EW_LINE_MAX 76

/*
 * IANA "Character Sets" names and aliases that mail uses (lower case).
 * Not the whole registry: the names real generators write, and the
 * aliases mail readers meet.  An unknown name is only a warning.
 */
static const char *const charsets[] = {
	"us-ascii", "ascii", "us", "ansi_x3.4-1968", "ansi_x3.4-1986",
	"iso646-us", "iso-ir-6", "ibm367", "cp367", "csascii",
	"utf-8", "csutf8", "utf-16", "utf-16be", "utf-16le", "utf-32",
	"utf-32be", "utf-32le", "utf-7", "csutf7", "cesu-8",
	"iso-8859-1", "iso_8859-1", "iso_8859-1:1987", "iso-ir-100", "latin1",
	"l1", "ibm819", "cp819", "csisolatin1",
	"iso-8859-2", "iso_8859-2", "iso_8859-2:1987", "iso-ir-101", "latin2",
	"l2", "csisolatin2",
	"iso-8859-3", "iso_8859-3", "iso_8859-3:1988", "iso-ir-109", "latin3",
	"l3", "csisolatin3",
	"iso-8859-4", "iso_8859-4", "iso_8859-4:1988", "iso-ir-110", "latin4",
	"l4", "csisolatin4",
	"iso-8859-5", "iso_8859-5", "iso_8859-5:1988", "iso-ir-144",
	"cyrillic", "csisolatincyrillic",
	"iso-8859-6", "iso_8859-6", "iso_8859-6:1987", "iso-ir-127",
	"ecma-114", "asmo-708", "arabic", "csisolatinarabic",
	"iso-8859-6-e", "iso-8859-6-i",
	"iso-8859-7", "iso_8859-7", "iso_8859-7:1987", "iso-ir-126",
	"elot_928", "ecma-118", "greek", "greek8", "csisolatingreek",
	"iso-8859-8", "iso_8859-8", "iso_8859-8:1988", "iso-ir-138", "hebrew",
	"csisolatinhebrew", "iso-8859-8-e", "iso-8859-8-i",
	"iso-8859-9", "iso_8859-9", "iso_8859-9:1989", "iso-ir-148", "latin5",
	"l5", "csisolatin5",
	"iso-8859-10", "iso_8859-10:1992", "iso-ir-157", "latin6", "l6",
	"csisolatin6",
	"iso-8859-11", "iso-8859-13", "iso-8859-14", "iso_8859-14",
	"iso_8859-14:1998", "iso-ir-199", "latin8", "l8", "iso-celtic",
	"iso-8859-15", "iso_8859-15", "latin-9", "iso-8859-16", "iso_8859-16",
	"iso_8859-16:2001", "iso-ir-226", "latin10", "l10",
	"windows-1250", "windows-1251", "windows-1252", "windows-1253",
	"windows-1254", "windows-1255", "windows-1256", "windows-1257",
	"windows-1258", "windows-874", "windows-31j", "cswindows31j",
	"koi8-r", "cskoi8r", "koi8-u",
	"big5", "csbig5", "big5-hkscs", "gb2312", "csgb2312", "gbk", "cp936",
	"ms936", "windows-936", "gb18030", "hz-gb-2312", "euc-cn",
	"euc-jp", "extended_unix_code_packed_format_for_japanese",
	"cseucpkdfmtjapanese", "shift_jis", "ms_kanji", "csshiftjis",
	"iso-2022-jp", "csiso2022jp", "iso-2022-jp-2", "csiso2022jp2",
	"euc-kr", "cseuckr", "iso-2022-kr", "csiso2022kr", "ks_c_5601-1987",
	"iso-ir-149", "ks_c_5601-1989", "ksc_5601", "korean", "csksc56011987",
	"iso-2022-cn", "iso-2022-cn-ext", "tis-620", "viscii", "csviscii",
	"ibm437", "cp437", "437", "ibm850", "cp850", "850", "ibm852", "cp852",
	"852", "ibm866", "cp866", "866", "ibm775", "cp775", "ibm862",
	"cp862", "ibm00858", "ibm01140",
	"macintosh", "mac", "csmacintosh",
	"unknown-8bit", "csunknown8bit", "iso-10646-ucs-2", "csunicode",
	"iso-10646-ucs-4", "csucs4", "scsu", "bocu-1", "gb_2312-80",
	"iso-ir-58", "chinese", "csiso58gb231280",
};

#define NCHARSETS (sizeof(charsets) / sizeof(charsets[0]))

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
mhl_charset_known(const unsigned char *p, size_t n)
{
	size_t i, j;

	if (n == 0)
		return 0;
	for (i = 0; i < NCHARSETS; i++) {
		if (lc(p[0]) != (unsigned char)charsets[i][0] ||
		    strlen(charsets[i]) != n)
			continue;
		for (j = 0; j < n; j++)
			if (lc(p[j]) != (unsigned char)charsets[i][j])
				break;
		if (j == n)
			return 1;
	}
	return 0;
}

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * The bytes of a candidate by class, one load each: EC_END ends the
 * charset, the encoding or the text: '?', whitespace, the other
 * controls and DEL; EC_BAD may not stand in a charset: an especial or
 * an 8-bit byte; EC_STAR: '*', which starts an RFC 2231 language.
 */
#define EC_END 1
#define EC_BAD 2
#define EC_STAR 4
static const unsigned char eclass[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 0, 2, 0, 0, 0, 0, 0, 2, 2, 4, 0, 2, 0, 2, 2, /*  !"#$%&'()*+,-./ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 3, /* 0-9 :;<=>? */
	2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* @ A-O */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 0, 0, /* P-Z [\]^_ */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, /* p-z {|}~ DEL */
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* A candidate's head: "=?" charset "?" encoding "?". */
struct ew_head {
	size_t cs_n;      /* the charset, at offset 2 */
	size_t enc, enc_n;
	size_t txt;       /* where the encoded-text starts */
	unsigned int cls; /* the charset's byte classes, or-ed */
};

/* Reads the head of the candidate at p (n bytes); 0 when there is
 * none: each part must be one or more bytes ended by '?'. */
static int
ew_head(const unsigned char *p, size_t n, struct ew_head *h)
{
	size_t i = 2;
	unsigned int cls = 0, v;

	if (n < 2 || p[0] != '=' || p[1] != '?')
		return 0;
	for (; i < n && !((v = eclass[p[i]]) & EC_END); i++)
		cls |= v;
	if (i == 2 || i >= n || p[i] != '?')
		return 0;
	h->cs_n = i - 2;
	h->cls = cls;
	h->enc = ++i;
	while (i < n && !(eclass[p[i]] & EC_END))
		i++;
	if (i == h->enc || i >= n || p[i] != '?')
		return 0;
	h->enc_n = i - h->enc;
	h->txt = i + 1;
	return 1;
}

/*
 * The end of a candidate's encoded-text that goes on at p + i: just
 * past the first "?=", else the first whitespace or control, else n.
 */
static size_t
text_end(const unsigned char *p, size_t i, size_t n)
{
	/* '?' and the stops found by one table; eight bytes at a time
	 * while none is below "!", DEL or '?' */
	for (; i < n; i++) {
		while (n - i >= 8) {
			uint64_t x;

			memcpy(&x, p + i, 8);
			if (mhl_word_less(x, 0x21) |
			    mhl_word_zero(x ^ (MHL_ONES * '?')) |
			    mhl_word_zero(x ^ (MHL_ONES * 0x7f)))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (!(eclass[p[i]] & EC_END))
			continue;
		if (p[i] != '?')
			break;
		if (i + 1 < n && p[i + 1] == '=')
			return i + 2;
	}
	return i;
}

size_t
mhl_ew_span(const unsigned char *p, size_t n)
{
	struct ew_head h;

	if (!ew_head(p, n, &h))
		return 0;
	return text_end(p, h.txt, n);
}

/*
 * A UTF-8 validator fed one byte at a time (RFC 3629 §4): no overlong
 * forms, no surrogates, nothing above U+10FFFF.
 */
struct u8 {
	int need;               /* continuation bytes still wanted */
	unsigned char lo, hi;   /* range of the next continuation byte */
	int bad;
};

static void
u8_byte(struct u8 *u, unsigned char b)
{
	if (u->need > 0) {
		if (b < u->lo || b > u->hi) {
			u->bad = 1;
			u->need = 0;
			/* b starts afresh below */
		} else {
			u->need--;
			u->lo = 0x80;
			u->hi = 0xbf;
			return;
		}
	}
	u->lo = 0x80;
	u->hi = 0xbf;
	if (b < 0x80)
		return;
	if (b >= 0xc2 && b <= 0xdf)
		u->need = 1;
	else if (b >= 0xe0 && b <= 0xef) {
		u->need = 2;
		if (b == 0xe0)
			u->lo = 0xa0;
		else if (b == 0xed)
			u->hi = 0x9f;
	} else if (b >= 0xf0 && b <= 0xf4) {
		u->need = 3;
		if (b == 0xf0)
			u->lo = 0x90;
		else if (b == 0xf4)
			u->hi = 0x8f;
	} else
		u->bad = 1;
}

enum cs_kind { CS_OTHER, CS_UTF8, CS_ASCII };

/* What the decoded bytes are checked against. */
struct dec {
	enum cs_kind kind;
	struct u8 u;
	int ascii_bad;
	int skip;       /* continuation bytes of a character already reported */
};

static void
dec_slow(struct dec *d, unsigned char b)
{
	if (d->skip > 0) {
		if (b >= 0x80 && b <= 0xbf) {
			d->skip--;
			return;
		}
		d->skip = 0;
	}
	if (d->kind == CS_UTF8)
		u8_byte(&d->u, b);
	else if (d->kind == CS_ASCII && b >= 0x80)
		d->ascii_bad = 1;
}

/* One decoded byte; most need no look: any byte of another charset, an
 * ASCII byte outside a UTF-8 sequence. */
static inline void
dec_byte(struct dec *d, unsigned char b)
{
	if (d->kind == CS_OTHER || (b < 0x80 && d->skip == 0 &&
	    d->u.need == 0))
		return;
	dec_slow(d, b);
}

/*
 * The base64 alphabet (RFC 2045 §6.8, Table 1): a character's value,
 * 0xff outside it.  The tables below are built from this one
 * definition at compile time.
 */
#define B64V(c) ((c) >= 'A' && (c) <= 'Z' ? (c) - 'A' : \
	(c) >= 'a' && (c) <= 'z' ? (c) - 'a' + 26 : \
	(c) >= '0' && (c) <= '9' ? (c) - '0' + 52 : \
	(c) == '+' ? 62 : (c) == '/' ? 63 : 0xff)
/* Sixteen entries E(a, b + 0) ... E(a, b + 15), and all 256. */
#define B64_ROW(E, a, b) E(a, b), E(a, b + 1), E(a, b + 2), E(a, b + 3), \
	E(a, b + 4), E(a, b + 5), E(a, b + 6), E(a, b + 7), E(a, b + 8), \
	E(a, b + 9), E(a, b + 10), E(a, b + 11), E(a, b + 12), \
	E(a, b + 13), E(a, b + 14), E(a, b + 15)
#define B64_ALL(E, a) B64_ROW(E, a, 0x00), B64_ROW(E, a, 0x10), \
	B64_ROW(E, a, 0x20), B64_ROW(E, a, 0x30), B64_ROW(E, a, 0x40), \
	B64_ROW(E, a, 0x50), B64_ROW(E, a, 0x60), B64_ROW(E, a, 0x70), \
	B64_ROW(E, a, 0x80), B64_ROW(E, a, 0x90), B64_ROW(E, a, 0xa0), \
	B64_ROW(E, a, 0xb0), B64_ROW(E, a, 0xc0), B64_ROW(E, a, 0xd0), \
	B64_ROW(E, a, 0xe0), B64_ROW(E, a, 0xf0)

/* (the cast: clang weighs each arm of B64V's conditionals alone) */
#define B64_VAL(a, c) ((unsigned char)B64V(c))
static const unsigned char b64[256] = { B64_ALL(B64_VAL, 0) };

/*
 * The same by the character's place k in a group of four, for
 * b_groups()'s bulk loop: 0x80 outside the alphabet, else 1 when the
 * character sets bit 7 of a byte the group decodes to.  Bit 7 of the
 * three bytes comes from bit 5 of the first character's value, bit 3 of
 * the second's and bit 1 of the third's (0x20 >> 2k; none from the
 * fourth).  So the or of eight lookups is 0 for two groups that decode
 * to ASCII, has 0x80 when one character is outside.
 */
#define B64_LANE(k, c) (B64V(c) == 0xff ? 0x80 : \
	(B64V(c) & (0x20 >> 2 * (k))) != 0)
static const unsigned char b64lane[4][256] = {
	{ B64_ALL(B64_LANE, 0) }, { B64_ALL(B64_LANE, 1) },
	{ B64_ALL(B64_LANE, 2) }, { B64_ALL(B64_LANE, 3) },
};

static int
b64_val(unsigned char c)
{
	return b64[c] == 0xff ? -1 : b64[c];
}

static int
hex_val(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* One group of four base64 characters (their values) into the
 * validator. */
static void
b_group(struct dec *d, unsigned int v0, unsigned int v1, unsigned int v2,
    unsigned int v3)
{
	unsigned int acc = v0 << 18 | v1 << 12 | v2 << 6 | v3;

	dec_byte(d, (unsigned char)(acc >> 16));
	dec_byte(d, (unsigned char)(acc >> 8 & 0xff));
	dec_byte(d, (unsigned char)(acc & 0xff));
}

/* The lanes of eight characters at t, or-ed (see b64lane). */
static inline unsigned int
b64_lanes8(const unsigned char *t)
{
	return b64lane[0][t[0]] | b64lane[1][t[1]] | b64lane[2][t[2]] |
	    b64lane[3][t[3]] | b64lane[0][t[4]] | b64lane[1][t[5]] |
	    b64lane[2][t[6]] | b64lane[3][t[7]];
}

/*
 * Decodes whole groups of four from the start of base64 text t (n
 * bytes) into the validator while each group is all alphabet, and
 * returns how many bytes that took: the padding, the rest and whatever
 * is wrong are b_rest()'s.  In bulk, between characters, eight
 * characters at a time by b64lane while they decode to ASCII (which
 * changes nothing there; in a charset not checked, while they are
 * alphabet); the group where that stops, and any group inside a
 * character, is taken alone, through dec_byte() when it has to be.
 * The alphabet holds no '?', so the groups taken lie before the "?="
 * even when n runs past it.
 */
static size_t
b_groups(const unsigned char *t, size_t n, struct dec *d)
{
	size_t i = 0;
	/* what stops the bulk loop: 1 only in a charset checked */
	unsigned int stop = d->kind == CS_OTHER ? 0x80 : 0x81, m;
	int calm;

	while (n - i >= 4) {
		calm = d->skip == 0 && d->u.need == 0;
		if (calm && n - i >= 8) {
			size_t last = n - 8;

			while (i <= last && !((m = b64_lanes8(t + i)) & stop))
				i += 8;
			/* stopped by a byte outside the alphabet in these
			 * eight (the "?=" mostly): only the group before
			 * it may be taken */
			if (i <= last && (m & 0x80))
				n = i + 7;
			if (n - i < 4)
				break;
		}
		m = b64lane[0][t[i]] | b64lane[1][t[i + 1]] |
		    b64lane[2][t[i + 2]] | b64lane[3][t[i + 3]];
		if (m & 0x80)
			break;
		if (!calm || (m & stop))
			b_group(d, b64[t[i]], b64[t[i + 1]], b64[t[i + 2]],
			    b64[t[i + 3]]);
		i += 4;
	}
	return i;
}

/*
 * Base64 text t (n bytes) whose first i bytes b_groups() decoded: the
 * rest, byte by byte, and the padding.  Returns NULL when it is valid,
 * else what is wrong (and *at the offending byte).
 */
static const char *
b_rest(const unsigned char *t, size_t n, size_t i, struct dec *d,
    size_t *at)
{
	size_t pad = 0, data;
	unsigned int acc = 0;
	int v, bits = 0;

	for (; i < n; i++) {
		if (t[i] == '=') {
			pad++;
			continue;
		}
		*at = i;
		if (pad > 0)
			return "data after \"=\" padding";
		if ((v = b64_val(t[i])) < 0)
			return "character outside the base64 alphabet";
		acc = (acc << 6) | (unsigned int)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			dec_byte(d, (unsigned char)(acc >> bits));
			acc &= (1u << bits) - 1;
		}
	}
	*at = n > 0 ? n - 1 : 0;
	data = n - pad;
	if (pad > 2 || n % 4 != 0)
		return n % 4 != 0 ? "length is not a multiple of 4 (missing "
		    "or extra \"=\" padding)" : "too much \"=\" padding";
	if ((pad == 1 && data % 4 != 3) || (pad == 2 && data % 4 != 2))
		return "wrong \"=\" padding";
	if (data % 4 == 1)
		return "a lone base64 character at the end";
	return NULL;
}

/* Whether the validator is between characters, where ASCII bytes
 * change nothing; in a charset not checked, always. */
static int
dec_calm(const struct dec *d)
{
	return d->kind == CS_OTHER || (d->skip == 0 && d->u.need == 0);
}

/*
 * The length of the run at the start of Q text t (n bytes) of bytes
 * that stand for ASCII themselves: printable, not '=' or '?' ('_' is a
 * space).  Eight bytes at a time while none is below '!', above '~',
 * '=' or '?'; then byte by byte.
 */
static size_t
q_plain(const unsigned char *t, size_t n)
{
	size_t i = 0;

	while (n - i >= 8) {
		uint64_t x;

		memcpy(&x, t + i, 8);
		if (mhl_word_less(x, 0x21) | mhl_word_over7e(x) |
		    mhl_word_zero(x ^ (MHL_ONES * '=')) |
		    mhl_word_zero(x ^ (MHL_ONES * '?')))
			break;
		i += 8;
	}
	while (i < n && t[i] >= 0x21 && t[i] <= 0x7e && t[i] != '=' &&
	    t[i] != '?')
		i++;
	return i;
}

/*
 * Q text (RFC 2047 §4.2) t, n bytes, from byte i on.  Between
 * characters, a run of plain bytes is passed over in bulk by q_plain():
 * byte by byte it would change nothing.
 */
static const char *
check_q(const unsigned char *t, size_t n, size_t i, struct dec *d,
    size_t *at)
{
	int h1, h2;

	for (; i < n; i++) {
		if (dec_calm(d) && (i += q_plain(t + i, n - i)) >= n)
			break;
		*at = i;
		if (t[i] == '=') {
			if (i + 2 >= n || (h1 = hex_val(t[i + 1])) < 0 ||
			    (h2 = hex_val(t[i + 2])) < 0)
				return "\"=\" not followed by two hexadecimal "
				    "digits";
			dec_byte(d, (unsigned char)(h1 << 4 | h2));
			i += 2;
		} else if (t[i] == '?')
			return "\"?\" in Q-encoded text";
		else if (t[i] < 0x21 || t[i] > 0x7e)
			return "byte outside printable ASCII in Q-encoded text";
		else
			dec_byte(d, t[i] == '_' ? ' ' : t[i]);
	}
	return NULL;
}

/* RFC 2231 §5 / RFC 5646: language = 1*8ALPHA *("-" 1*8alphanum). */
static int
lang_ok(const unsigned char *p, size_t n)
{
	size_t i, run = 0;
	int first = 1;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (p[i] == '-') {
			if (run == 0)
				return 0;
			run = 0;
			first = 0;
			continue;
		}
		if (!((p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= 'A' && p[i] <= 'Z') ||
		    (!first && p[i] >= '0' && p[i] <= '9')))
			return 0;
		if (++run > 8)
			return 0;
	}
	return run > 0;
}

static int
name_eq(const unsigned char *p, size_t n, const char *s)
{
	size_t i;

	if (strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (lc(p[i]) != (unsigned char)s[i])
			return 0;
	return 1;
}

/* Emits a finding whose text is a, b and d joined. */
static void
emit(struct mhl_checker *c, enum rule_index ri, const struct mhl_field *f,
    size_t off, size_t len, const char *a, const char *b, const char *d)
{
	snprintf(c->msg, sizeof(c->msg), "%s%s%s", a, b, d);
	mhl_emit_span_once(c, ri, f, off, len, c->msg);
}

/* What a candidate's head says, found once for each head. */
struct ew_kind {
	const unsigned char *w; /* the head it was read from; NULL: none */
	struct ew_head h;
	size_t name_n;          /* the charset's name, without a language */
	int is_b;               /* the encoding is B (else Q, or wrong) */
	int name_ok;            /* the charset is a token, its language
				 * well-formed */
	int bad;                /* the head is wrong: an especial or 8-bit
				 * byte in the charset, a bad name or
				 * language, an encoding other than B or Q */
	int known;              /* the name is registered (when name_ok) */
	enum cs_kind kind;      /* what decoded bytes are checked against */
};

/* What one field's words carry from one to the next. */
struct ew_state {
	int split; /* the last word ended inside a UTF-8 character */
	int word;  /* the last candidate was an encoded-word by syntax */
	/* The last head read: the words of a field mostly share one, and
	 * a head of the same bytes says the same. */
	struct ew_kind k;
	/* The last charset name looked up and what it is: heads that
	 * differ mostly share one too. */
	const unsigned char *cs;
	size_t cs_n;
	int cs_known;
	enum cs_kind cs_kind;
};

static void
charset_of(struct ew_state *st, const unsigned char *cs, size_t n)
{
	if (st->cs != NULL && n == st->cs_n && memcmp(cs, st->cs, n) == 0)
		return;
	st->cs = cs;
	st->cs_n = n;
	st->cs_known = mhl_charset_known(cs, n);
	if (name_eq(cs, n, "utf-8"))
		st->cs_kind = CS_UTF8;
	else if (name_eq(cs, n, "us-ascii") || name_eq(cs, n, "ascii"))
		st->cs_kind = CS_ASCII;
	else
		st->cs_kind = CS_OTHER;
}

/* Whether a and b hold the same n bytes, n >= 8: eight at a time, the
 * last eight overlapping. */
static int
same8(const unsigned char *a, const unsigned char *b, size_t n)
{
	uint64_t x, y;
	size_t i;

	for (i = 0; i + 8 < n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return 0;
	}
	memcpy(&x, a + n - 8, 8);
	memcpy(&y, b + n - 8, 8);
	return x == y;
}

/*
 * The head of the candidate at w (avail bytes) into st->k: 0 when there
 * is none.  A head of the same bytes as the last one read says the
 * same, so it is taken from st->k as it is; else it is read and judged
 * here.
 */
static int
head_of(struct ew_state *st, const unsigned char *w, size_t avail)
{
	struct ew_kind *k = &st->k;
	const unsigned char *cs = w + 2, *enc, *star;
	size_t n = k->h.txt;

	if (k->w != NULL && avail >= n && (n >= 8 ? same8(w, k->w, n) :
	    memcmp(w, k->w, n) == 0))
		return 1;
	k->w = NULL;
	if (!ew_head(w, avail, &k->h))
		return 0;
	k->w = w;
	enc = w + k->h.enc;
	k->is_b = k->h.enc_n == 1 && lc(enc[0]) == 'b';
	/* charset ["*" language]: a token, no especials */
	k->name_n = k->h.cs_n;
	k->name_ok = !(k->h.cls & EC_BAD);
	if (k->name_ok && (k->h.cls & EC_STAR)) {
		star = memchr(cs, '*', k->h.cs_n);
		k->name_n = (size_t)(star - cs);
		k->name_ok = star != cs && lang_ok(star + 1, k->h.cs_n -
		    k->name_n - 1);
	}
	k->known = 0;
	k->kind = CS_OTHER;
	if (k->name_ok) {
		charset_of(st, cs, k->name_n);
		k->known = st->cs_known;
		k->kind = st->cs_kind;
	}
	k->bad = !k->name_ok || k->h.enc_n != 1 || (lc(enc[0]) != 'b' &&
	    lc(enc[0]) != 'q');
	return 1;
}

/*
 * The candidate that starts at the field's kept byte off (avail bytes
 * from there): returns its length as mhl_ew_span does, 0 when there is
 * none, and checks it as mhl_ew_check does, setting st->word.  'split'
 * says that the word before this one (whitespace apart) ended inside a
 * UTF-8 character, already reported, so this word's leading
 * continuation bytes are its rest; st->split says on return whether
 * this word ends inside one.  The text of a "B" word is decoded, and
 * a "Q" word's leading plain run passed over, in the same pass that
 * looks for the "?=".
 */
static size_t
ew_word(struct mhl_checker *c, const struct mhl_field *f, size_t off,
    size_t avail, int split, struct ew_state *st)
{
	const unsigned char *w = f->buf + off, *cs = w + 2, *txt;
	const struct ew_kind *k = &st->k;
	size_t txt_n, len, i, done = 0, at = 0;
	struct dec d;
	const char *why;

	if (!head_of(st, w, avail))
		return 0;
	st->word = 0;
	st->split = 0;
	txt = w + k->h.txt;
	memset(&d, 0, sizeof(d));
	if (k->name_ok) {
		d.kind = k->kind;
		if (d.kind == CS_UTF8)
			d.skip = split ? 3 : 0;
		if (k->is_b)
			done = b_groups(txt, avail - k->h.txt, &d);
		else if (dec_calm(&d))
			done = q_plain(txt, avail - k->h.txt);
	}
	/* b_groups() and q_plain() took no '?' and no stop; where they
	 * stopped, the "?=" mostly stands */
	i = k->h.txt + done;
	if (avail - i >= 2 && w[i] == '?' && w[i + 1] == '=')
		len = i + 2;
	else
		len = text_end(w, i, avail);

	if (w[len - 2] != '?' || w[len - 1] != '=' || len - 2 < k->h.txt) {
		if (off + len >= f->kept && f->len > f->kept)
			return len;
		/* only what is clearly meant as one: "?B?" or "?Q?" after
		 * a token (not "a=?b?c?d" in a URL) */
		if (k->h.enc_n != 1 || (lc(w[k->h.enc]) != 'b' &&
		    lc(w[k->h.enc]) != 'q'))
			return len;
		if (k->h.cls & EC_BAD)
			return len;
		emit(c, R_EW_SYNTAX, f, off, len, "Encoded-word not "
		    "terminated by \"?=\"", "", "");
		return len;
	}
	txt_n = len - 2 - k->h.txt;

	if (k->bad) {
		char bad[3] = { 0, '"', 0 };

		if (k->h.cls & EC_BAD) {
			for (i = 0; !(eclass[cs[i]] & EC_BAD); i++)
				;
			bad[0] = (char)cs[i];
			emit(c, R_EW_SYNTAX, f, off, len, "Encoded-word "
			    "charset holds ", cs[i] >= 0x80 ? "an 8-bit byte" :
			    "\"", cs[i] >= 0x80 ? "" : bad);
		} else if (!k->name_ok)
			emit(c, R_EW_SYNTAX, f, off, len, "Encoded-word "
			    "charset or language tag is malformed", "", "");
		else
			emit(c, R_EW_SYNTAX, f, off, len, "Encoded-word "
			    "encoding is not \"B\" or \"Q\"", "", "");
		return len;
	}
	if (txt_n == 0) {
		emit(c, R_EW_SYNTAX, f, off, len, "Encoded-word has no "
		    "encoded-text", "", "");
		return len;
	}
	if (len > EW_MAX) {
		snprintf(c->msg, sizeof(c->msg), "Encoded-word is %zu "
		    "characters long (limit %d)", len, EW_MAX);
		mhl_emit_span_once(c, R_EW_TOO_LONG, f, off, len, c->msg);
	}

	if (!k->known) {
		snprintf(c->msg, sizeof(c->msg), "Encoded-word charset "
		    "\"%.*s\" is not a registered name", (int)(k->name_n > 64 ?
		    64 : k->name_n), (const char *)cs);
		mhl_emit_span_once(c, R_EW_CHARSET_UNKNOWN, f, off, len,
		    c->msg);
	}
	st->word = 1;
	why = k->is_b ? b_rest(txt, txt_n, done, &d, &at) : check_q(txt,
	    txt_n, done, &d, &at);
	if (why != NULL) {
		emit(c, k->is_b ? R_EW_B_INVALID : R_EW_Q_INVALID, f, off,
		    len, k->is_b ? "Invalid base64 in encoded-word: " :
		    "Invalid Q encoding in encoded-word: ", why, "");
		return len;
	}
	st->split = d.kind == CS_UTF8 && !d.u.bad && d.u.need > 0;
	if (d.kind == CS_UTF8 && (d.u.bad || d.u.need > 0))
		emit(c, R_EW_DECODED_INVALID, f, off, len, "", d.u.bad ?
		    "Encoded-word decodes to bytes that are not valid UTF-8" :
		    "Encoded-word ends inside a UTF-8 character (split "
		    "across encoded-words)", "");
	else if (d.kind == CS_ASCII && d.ascii_bad)
		emit(c, R_EW_DECODED_INVALID, f, off, len,
		    "Encoded-word labelled US-ASCII decodes to 8-bit bytes",
		    "", "");
	return len;
}

int
mhl_ew_check(struct mhl_checker *c, const struct mhl_field *f, size_t off,
    size_t len)
{
	struct ew_state st;

	memset(&st, 0, sizeof(st));
	ew_word(c, f, off, len, 0, &st);
	return st.word;
}

/* The end of the kept line holding offset off (the offset of its LF). */
static size_t
line_end(const struct mhl_field *f, size_t off, size_t end)
{
	const unsigned char *nl;

	nl = memchr(f->buf + off, '\n', end - off);
	return nl == NULL ? end : (size_t)(nl - f->buf);
}

/* RFC 5322 §3.2.3 specials. */
static int
is_special(unsigned char c)
{
	return mhl_is_special(c);
}

void
mhl_ew_unstructured(struct mhl_checker *c, const struct mhl_field *f,
    size_t off, size_t end, int text)
{
	size_t i, n, prev_end = (size_t)-1, next_line = 0, ls, le, k;
	int sep_before, sep_after, prev_split, long_seen = 0;
	struct ew_state st;

	if (end > f->kept)
		end = f->kept;
	memset(&st, 0, sizeof(st));
	i = off;
	while (i + 1 < end) {
		/* the next "=?": mostly where the whitespace after the
		 * last word ends, else found by memchr() */
		if (f->buf[i] != '=') {
			const unsigned char *eq = memchr(f->buf + i, '=',
			    end - 1 - i);

			if (eq == NULL)
				break;
			i = (size_t)(eq - f->buf);
		}
		if (f->buf[i + 1] != '?') {
			i++;
			continue;
		}
		/* only whitespace since the last word: it may continue */
		prev_split = st.split;
		if (prev_split && prev_end != (size_t)-1 && prev_end <= i)
			for (k = prev_end; k < i && prev_split; k++)
				if (!is_ws(f->buf[k]))
					prev_split = 0;
		if ((n = ew_word(c, f, i, end - i, prev_split, &st)) == 0) {
			i++;
			continue;
		}
		if (!st.word) {
			i += n;
			continue;
		}
		/*
		 * §5 (1): linear-white-space on both sides.  Two words
		 * glued together are reported once, for the first.
		 */
		sep_before = i == off || is_ws(f->buf[i - 1]) ||
		    prev_end == i || (!text && is_special(f->buf[i - 1]));
		sep_after = i + n == end || is_ws(f->buf[i + n]) ||
		    (!text && is_special(f->buf[i + n]));
		if (!sep_after)
			mhl_emit_span_once(c, R_EW_NOT_SEPARATED, f, i, n,
			    "Encoded-word not followed by whitespace");
		else if (!sep_before)
			mhl_emit_span_once(c, R_EW_NOT_SEPARATED, f, i, n,
			    "Encoded-word not preceded by whitespace");
		prev_end = i + n;
		/*
		 * §2: the line holding it; the first long one per field.
		 * Each line is measured once, at its first word: lines
		 * before next_line have been.  Its start is found going
		 * back no further than that, its end (a word holds no LF)
		 * from the word's end.
		 */
		if (!long_seen && i >= next_line) {
			for (ls = i; ls > next_line && f->buf[ls - 1] != '\n';
			    ls--)
				;
			le = i + n < end && f->buf[i + n] == '\n' ? i + n :
			    line_end(f, i + n, end);
			next_line = le + 1;
			if (le - ls > EW_LINE_MAX) {
				/* a line cut with the field is longer still */
				snprintf(c->msg, sizeof(c->msg), "Line holding "
				    "encoded-words is %s%zu characters long "
				    "(limit %d)", le == end && f->len > f->kept ?
				    "over " : "", le - ls, EW_LINE_MAX);
				mhl_emit_span_once(c, R_EW_LINE_LONG, f, ls, le - ls,
				    c->msg);
				long_seen = 1;
			}
		}
		/* past the word and the whitespace after it */
		for (i += n; i < end && is_ws(f->buf[i]); i++)
			;
	}
}
