/*
 * libFuzzer harness for the RFC 5322 lexer (src/lex5322.c).  The input
 * becomes the body of header fields through the real reader ("To: "
 * then the bytes, so folds, NULs and cut UTF-8 arrive as in mail), and
 * each field is lexed to its end, from its value and from an offset the
 * input picks.  Oracles:
 *
 *   - every token lies inside the lexed range, after the previous one;
 *   - the lexer moves forward: at most one token per byte, then LX_END,
 *     and LX_END again after that;
 *   - lx_peek returns what the next lx_next returns;
 *   - lx_next_general (lx_next's general path alone) returns the same
 *     tokens as lx_next with its fast path;
 *   - comments reported lie inside the range; template placeholders
 *     never claim more bytes than there are.
 *
 * Input layout (see fuzz_reader.c):
 *   byte 0      template styles (MHL_TMPL_* bits)
 *   byte 1      where lx_init_at starts, in 1/256ths of the field
 *   bytes 2..3  unused
 *   the rest    the field body
 */
#include "mhlint.h"
#include "lex5322.h"
#include "fuzz_common.h"

struct lexrun {
	unsigned int tmpl;
	unsigned char at;
	size_t lo, hi; /* the range being lexed */
};

static void
on_comment(void *arg, size_t off, size_t len)
{
	const struct lexrun *lr = arg;

	if (off < lr->lo || len > lr->hi - off || len < 2)
		abort();
}

static int
same_tok(const struct lx_tok *a, const struct lx_tok *b)
{
	return a->kind == b->kind && a->off == b->off && a->len == b->len &&
	    a->ch == b->ch && a->flags == b->flags && a->err == b->err;
}

static void
lex_range(struct lexrun *lr, const struct mhl_field *f, size_t start)
{
	struct lx lx, gen;
	struct lx_tok t, peek, g;
	size_t n = 0, prev_end, pos;

	if (start == (size_t)-1)
		lx_init(&lx, f, lr->tmpl);
	else
		lx_init_at(&lx, f, lr->tmpl, start, f->kept);
	lr->lo = lx.pos;
	lr->hi = lx.end;
	if (lx.end > f->kept || lx.pos > lx.end)
		abort();
	lx.on_comment = on_comment;
	lx.arg = lr;
	gen = lx;
	prev_end = lx.pos;
	for (;;) {
		pos = lx.pos;
		lx_peek(&lx, &peek);
		if (lx.pos != pos)
			abort(); /* peeking moved the lexer */
		lx_next(&lx, &t);
		if (!same_tok(&t, &peek))
			abort();
		lx_next_general(&gen, &g);
		if (!same_tok(&t, &g) || gen.pos != lx.pos)
			abort(); /* the fast path went astray */
		if (t.off < prev_end || t.len > lx.end - t.off ||
		    (unsigned int)t.kind > LX_BAD ||
		    (t.kind == LX_BAD && t.err == NULL))
			abort();
		if (t.kind == LX_END)
			break;
		if (lx.pos <= pos || lx.pos > lx.end)
			abort(); /* no progress, or past the end */
		prev_end = t.off + t.len;
		if (++n > (lx.end - lr->lo) + 1)
			abort();
	}
	lx_next(&lx, &t);
	if (t.kind != LX_END)
		abort();
}

static void
on_field(void *arg, const struct mhl_field *f)
{
	struct lexrun *lr = arg;
	size_t i, k;

	if (f->kind != MHL_FIELD_OK)
		return;
	lex_range(lr, f, (size_t)-1);
	lex_range(lr, f, f->kept * lr->at / 256);
	for (i = f->value_off; i < f->kept; i++) {
		k = mhl_template_match(lr->tmpl, f->buf + i, f->kept - i);
		if (k > f->kept - i)
			abort();
	}
	(void)lx_has_ew(f->buf, f->kept);
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mhl_reader_ops ops;
	struct mhl_reader *r;
	struct lexrun lr;

	if (size < 4)
		return 0;
	memset(&lr, 0, sizeof(lr));
	lr.tmpl = data[0] & MHL_TMPL_ALL;
	lr.at = data[1];
	memset(&ops, 0, sizeof(ops));
	ops.field = on_field;
	if ((r = mhl_reader_new(NULL, &ops, &lr)) == NULL)
		abort();
	mhl_reader_feed(r, "To: ", 4);
	mhl_reader_feed(r, data + 4, size - 4);
	mhl_reader_finish(r);
	mhl_reader_free(r);
	return 0;
}
