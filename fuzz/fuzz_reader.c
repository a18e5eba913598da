/*
 * libFuzzer harness for the streaming reader, with a split-invariance
 * oracle: the input is read once in one feed and once in chunks whose
 * sizes come from the input, and every event the reader reports (each
 * field with all its marks, the header's end, the body bytes) must be
 * the same both times.  The chunked run also uses a reader that has
 * already read the message once, so that mhl_reader_reset is tested.
 *
 * Input layout (every harness starts with 4 option bytes, so that one
 * seed corpus of messages behind four zero bytes serves them all):
 *   byte 0      flags: 1 Amavis reading, 2 body callback, 4 reuse,
 *               8 feed one byte at a time, 16 no bare-LF marks
 *   bytes 1..3  chunk sizes, used in turn (0 means "all the rest")
 *   the rest    the message
 */
#include "mhlint.h"
#include "fuzz_common.h"

static void
log_mark(struct fbuf *b, const struct mhl_mark *m)
{
	fbuf_u64(b, (uint64_t)m->set);
	if (!m->set) {
		/* An unset mark may still count later occurrences. */
		fbuf_u64(b, m->count);
		return;
	}
	fbuf_u64(b, m->count);
	fbuf_u64(b, m->pos);
	fbuf_u64(b, m->line);
	fbuf_u64(b, m->col);
	fbuf_u64(b, m->offset);
	fbuf_u64(b, m->mid_len);
	fbuf_u64(b, m->post_len);
	fbuf_bytes(b, m->pre, m->pre_n);
	fbuf_bytes(b, m->mid, m->mid_n);
	fbuf_bytes(b, m->post, m->post_n);
	if (m->pre_n > MHL_PRE_KEEP || m->mid_n > MHL_MID_KEEP ||
	    m->post_n > MHL_POST_KEEP || m->mid_n > m->mid_len ||
	    m->post_n > m->post_len || m->mid_open || m->post_open)
		abort();
}

static void
on_field(void *arg, const struct mhl_field *f)
{
	struct fbuf *b = arg;
	size_t i, nk;

	/* Invariants a rule may rely on. */
	if (f->kept > MHL_FIELD_KEEP || f->kept > f->len ||
	    (f->len <= MHL_FIELD_KEEP && f->kept != f->len) ||
	    f->nline_starts > MHL_LINES_KEEP || f->nline_starts > f->nlines ||
	    f->tail_n > MHL_PRE_KEEP || f->tail_n > f->len ||
	    (f->kind == MHL_FIELD_OK && (f->name_len == 0 ||
	    f->value_off > f->len || f->value_off <= f->name_len)))
		abort();
	fbuf_add(b, "F", 1);
	fbuf_u64(b, f->kind);
	nk = f->name_len < MHL_NAME_KEEP ? f->name_len : MHL_NAME_KEEP;
	fbuf_u64(b, f->name_len);
	fbuf_bytes(b, f->name, nk);
	fbuf_u64(b, (uint64_t)f->ws_before_colon);
	fbuf_u64(b, f->value_off);
	fbuf_bytes(b, f->buf, f->kept);
	fbuf_u64(b, f->len);
	fbuf_u64(b, f->line);
	fbuf_u64(b, f->offset);
	fbuf_u64(b, f->nlines);
	fbuf_u64(b, f->nline_starts);
	for (i = 0; i < f->nline_starts; i++) {
		fbuf_u64(b, f->line_log[i]);
		fbuf_u64(b, f->line_raw[i]);
		if (f->line_log[i] > f->len)
			abort();
	}
	for (i = 0; i < MHL_MK_COUNT; i++)
		log_mark(b, &f->mark[i]);
	fbuf_bytes(b, f->tail, f->tail_n);
	fbuf_u64(b, f->sep_line);
	fbuf_u64(b, f->eol_lf);
	fbuf_u64(b, f->eol_crlf);
}

static void
on_header_end(void *arg, const struct mhl_header_end *e)
{
	struct fbuf *b = arg;

	fbuf_add(b, "E", 1);
	fbuf_u64(b, e->how);
	fbuf_u64(b, e->line);
	fbuf_u64(b, e->offset);
	fbuf_u64(b, e->body_offset);
	fbuf_u64(b, e->nfields);
	fbuf_u64(b, (uint64_t)e->envelope);
	fbuf_u64(b, e->eol_lf);
	fbuf_u64(b, e->eol_crlf);
	fbuf_u64(b, e->mixed_line);
}

/* Body bytes are logged as they come; only their concatenation counts,
 * so they go into one run that is closed at the end. */
static struct fbuf body_log;

static void
on_body(void *arg, const unsigned char *p, size_t n)
{
	(void)arg;
	fbuf_add(&body_log, p, n);
}

static void
read_all(struct mhl_reader *r, struct fbuf *log, const unsigned char *p,
    size_t n, struct chunker *ch)
{
	size_t off, k;

	body_log.len = 0;
	for (off = 0; off < n; off += k) {
		k = ch != NULL ? chunk_next(ch, n - off) : n - off;
		if (!mhl_reader_feed(r, p + off, k))
			break;
	}
	mhl_reader_finish(r);
	fbuf_add(log, "B", 1);
	fbuf_bytes(log, body_log.p, body_log.len);
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mhl_reader_options ro;
	struct mhl_reader_ops ops;
	struct mhl_reader *one, *many;
	struct fbuf a = { NULL, 0, 0 }, b = { NULL, 0, 0 };
	struct chunker ch;
	static const unsigned char one_byte[1] = { 1 };
	unsigned int flags;

	if (size < 4)
		return 0;
	flags = data[0];
	ch.sizes = (flags & 8) ? one_byte : data + 1;
	ch.nsizes = (flags & 8) ? 1 : 3;
	ch.k = 0;
	data += 4;
	size -= 4;

	memset(&ro, 0, sizeof(ro));
	ro.amavis = (flags & 1) != 0;
	ro.no_lf_mark = (flags & 16) != 0;
	memset(&ops, 0, sizeof(ops));
	ops.field = on_field;
	ops.header_end = on_header_end;
	if (flags & 2)
		ops.body = on_body;
	if ((one = mhl_reader_new(&ro, &ops, &a)) == NULL ||
	    (many = mhl_reader_new(&ro, &ops, &b)) == NULL)
		abort();

	read_all(one, &a, data, size, NULL);
	if (flags & 4) {
		/* Leave the second reader in whatever state the message
		 * puts it in, then start afresh. */
		read_all(many, &b, data, size / 2, NULL);
		b.len = 0;
		mhl_reader_reset(many);
	}
	read_all(many, &b, data, size, &ch);
	fbuf_same(&a, &b, "reader: one feed vs chunks");

	mhl_reader_free(one);
	mhl_reader_free(many);
	fbuf_free(&a);
	fbuf_free(&b);
	fbuf_free(&body_log);
	return 0;
}
