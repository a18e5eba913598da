/*
 * A strict JSON (RFC 8259) validator for the fuzz harnesses: the engine
 * harness parses every line of --format=json and the whole document of
 * --format=sarif with it.  Besides the grammar it refuses what mhlint
 * promises never to write: raw DEL and any UTF-8 that is invalid or
 * encodes a C1 control.
 */
#ifndef FUZZ_JSON_CHECK_H
#define FUZZ_JSON_CHECK_H

#include <stddef.h>

struct jp {
	const unsigned char *p, *end;
	int depth;
};

static int jp_value(struct jp *);

static inline void
jp_ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static inline int
jp_lit(struct jp *j, const char *s)
{
	for (; *s != '\0'; s++, j->p++)
		if (j->p >= j->end || *j->p != (unsigned char)*s)
			return -1;
	return 0;
}

static inline int
jp_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/* One UTF-8 character of 2-4 bytes at j->p; no C1 controls. */
static inline int
jp_utf8(struct jp *j)
{
	const unsigned char *p = j->p;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t need, i;

	if (*p >= 0xc2 && *p <= 0xdf)
		need = 1;
	else if (*p >= 0xe0 && *p <= 0xef) {
		need = 2;
		if (*p == 0xe0)
			lo = 0xa0;
		else if (*p == 0xed)
			hi = 0x9f;
	} else if (*p >= 0xf0 && *p <= 0xf4) {
		need = 3;
		if (*p == 0xf0)
			lo = 0x90;
		else if (*p == 0xf4)
			hi = 0x8f;
	} else
		return -1;
	if ((size_t)(j->end - p) < need + 1)
		return -1;
	for (i = 1; i <= need; i++) {
		if (p[i] < lo || p[i] > hi)
			return -1;
		lo = 0x80;
		hi = 0xbf;
	}
	if (p[0] == 0xc2 && p[1] <= 0x9f)
		return -1;
	j->p += need + 1;
	return 0;
}

static inline int
jp_string(struct jp *j)
{
	int i;

	if (jp_lit(j, "\"") == -1)
		return -1;
	while (j->p < j->end) {
		unsigned char c = *j->p;

		if (c == '"') {
			j->p++;
			return 0;
		}
		if (c < 0x20 || c == 0x7f)
			return -1;
		if (c >= 0x80) {
			if (jp_utf8(j) == -1)
				return -1;
			continue;
		}
		j->p++;
		if (c != '\\')
			continue;
		if (j->p >= j->end)
			return -1;
		c = *j->p++;
		if (c == 'u') {
			for (i = 0; i < 4; i++)
				if (j->p >= j->end || !jp_hex(*j->p++))
					return -1;
		} else if (c != '"' && c != '\\' && c != '/' && c != 'b' &&
		    c != 'f' && c != 'n' && c != 'r' && c != 't')
			return -1;
	}
	return -1;
}

static inline int
jp_digits(struct jp *j)
{
	const unsigned char *s = j->p;

	while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
		j->p++;
	return j->p > s ? 0 : -1;
}

static inline int
jp_number(struct jp *j)
{
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p < j->end && *j->p == '0')
		j->p++;
	else if (jp_digits(j) == -1)
		return -1;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (jp_digits(j) == -1)
			return -1;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (jp_digits(j) == -1)
			return -1;
	}
	return 0;
}

static inline int
jp_container(struct jp *j, unsigned char close, int object)
{
	j->p++;
	if (++j->depth > 64)
		return -1;
	jp_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		j->depth--;
		return 0;
	}
	for (;;) {
		jp_ws(j);
		if (object) {
			if (jp_string(j) == -1)
				return -1;
			jp_ws(j);
			if (jp_lit(j, ":") == -1)
				return -1;
		}
		if (jp_value(j) == -1)
			return -1;
		jp_ws(j);
		if (j->p >= j->end)
			return -1;
		if (*j->p == close) {
			j->p++;
			j->depth--;
			return 0;
		}
		if (*j->p++ != ',')
			return -1;
	}
}

static int
jp_value(struct jp *j)
{
	jp_ws(j);
	if (j->p >= j->end)
		return -1;
	switch (*j->p) {
	case '{':
		return jp_container(j, '}', 1);
	case '[':
		return jp_container(j, ']', 0);
	case '"':
		return jp_string(j);
	case 't':
		return jp_lit(j, "true");
	case 'f':
		return jp_lit(j, "false");
	case 'n':
		return jp_lit(j, "null");
	default:
		return jp_number(j);
	}
}

/* Returns 0 if p[0..n) is exactly one JSON value, with optional space. */
static inline int
json_check(const unsigned char *p, size_t n)
{
	struct jp j = { p, p + n, 0 };

	if (jp_value(&j) == -1)
		return -1;
	jp_ws(&j);
	return j.p == j.end ? 0 : -1;
}

/*
 * Returns 0 if p[0..n) is safe to show on a terminal: printable ASCII,
 * LF, and valid UTF-8 that encodes no C1 control.  No ESC, no CR, no
 * other C0 control, no DEL.
 */
static inline int
safe_text(const unsigned char *p, size_t n)
{
	struct jp j = { p, p + n, 0 };

	while (j.p < j.end) {
		if (*j.p >= 0x80) {
			if (jp_utf8(&j) == -1)
				return -1;
			continue;
		}
		if ((*j.p < 0x20 && *j.p != '\n') || *j.p == 0x7f)
			return -1;
		j.p++;
	}
	return 0;
}

#endif /* FUZZ_JSON_CHECK_H */
