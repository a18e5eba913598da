/*
 * Test helper: run a checker over bytes, fed in given chunk sizes, and
 * collect its findings as text, one line each:
 *
 *   RULE LINE:COL@OFFSET MESSAGE|SAMPLE
 *
 * so tests compare whole finding lists with one string.
 */
#ifndef TEST_COLLECT_H
#define TEST_COLLECT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mhlint.h"

struct collect {
	char *buf;
	size_t len, cap;
};

static inline void
collect_add(struct collect *c, const char *p, size_t n)
{
	if (c->len + n + 1 > c->cap) {
		c->cap = (c->len + n + 1) * 2;
		c->buf = realloc(c->buf, c->cap);
		if (c->buf == NULL)
			abort();
	}
	memcpy(c->buf + c->len, p, n);
	c->len += n;
	c->buf[c->len] = '\0';
}

/* Adds bytes with everything outside 0x20..0x7E as \xNN. */
static inline void
collect_esc(struct collect *c, const unsigned char *p, size_t n)
{
	char hex[5];
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] >= 0x20 && p[i] < 0x7f)
			collect_add(c, (const char *)p + i, 1);
		else {
			snprintf(hex, sizeof(hex), "\\x%02X", p[i]);
			collect_add(c, hex, 4);
		}
	}
}

static inline void
collect_finding(void *arg, const struct mhl_finding *f)
{
	struct collect *c = arg;
	char head[256];
	int n;

	n = snprintf(head, sizeof(head), "%s %llu:%llu@%llu ", f->rule->id,
	    (unsigned long long)f->line, (unsigned long long)f->col,
	    (unsigned long long)f->offset);
	collect_add(c, head, (size_t)n);
	collect_esc(c, (const unsigned char *)f->message, f->message_len);
	if (f->sample != NULL) {
		collect_add(c, "|", 1);
		collect_esc(c, f->sample, f->sample_len);
	}
	collect_add(c, "\n", 1);
}

/* Checks buf fed in chunks of 'chunk' bytes (0: all at once), or split
 * once at 'split' when chunk is (size_t)-1.  Returns a malloc'd string. */
static inline char *
check_chunked(const struct mhl_options *opt, const void *buf, size_t len,
    size_t chunk, size_t split)
{
	struct collect c = { NULL, 0, 0 };
	struct mhl_checker *chk;
	const unsigned char *p = buf;
	size_t off = 0, n;

	collect_add(&c, "", 0);
	chk = mhl_checker_new(opt, collect_finding, &c);
	if (chk == NULL)
		abort();
	mhl_checker_reset(chk);
	if (chunk == (size_t)-1) {
		mhl_checker_feed(chk, p, split);
		mhl_checker_feed(chk, p + split, len - split);
	} else if (chunk == 0)
		mhl_checker_feed(chk, p, len);
	else
		for (off = 0; off < len; off += n) {
			n = len - off < chunk ? len - off : chunk;
			mhl_checker_feed(chk, p + off, n);
		}
	mhl_checker_finish(chk);
	mhl_checker_free(chk);
	return c.buf;
}

static inline char *
check_str(const struct mhl_options *opt, const char *s, size_t len)
{
	return check_chunked(opt, s, len, 0, 0);
}

/* The rule ids found, space-separated, in order. */
static inline char *
rule_ids(const struct mhl_options *opt, const char *s, size_t len)
{
	char *all = check_str(opt, s, len), *out, *p, *q;
	size_t n = 0;

	out = calloc(1, strlen(all) + 1);
	if (out == NULL)
		abort();
	for (p = all; *p != '\0'; p = q + 1) {
		if ((q = strchr(p, '\n')) == NULL)
			break;
		if (n > 0)
			out[n++] = ' ';
		while (*p != ' ')
			out[n++] = *p++;
	}
	out[n] = '\0';
	free(all);
	return out;
}

#endif /* TEST_COLLECT_H */
