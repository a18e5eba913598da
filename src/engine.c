/*
 * The checker: a reader whose fields go to the chosen profile, and the
 * helpers every rule uses to emit a finding.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chars.h"
#include "internal.h"

#define READ_CHUNK 65536

struct checker_io {
	unsigned char buf[READ_CHUNK];
};

void
mhl_options_init(struct mhl_options *o)
{
	memset(o, 0, sizeof(*o));
	o->profile = MHL_PROFILE_DEFAULT;
	o->amavis_tests = MHL_AT_DEFAULT;
}

static void
on_field(void *arg, const struct mhl_field *f)
{
	struct mhl_checker *c = arg;

	if (c->opt.profile == MHL_PROFILE_AMAVIS)
		mhl_amavis_field(c, f);
	else {
		mhl_suppress_field(c->sup, f);
		mhl_default_field(c, f);
	}
}

/* Delivers the findings held for X-Mhlint-Disable; stops holding. */
static void
release(struct mhl_checker *c)
{
	if (c->holding) {
		mhl_suppress_flush(c->sup, c->fn, c->arg, &c->suppressed);
		c->holding = 0;
	}
}

static void
on_header_end(void *arg, const struct mhl_header_end *e)
{
	struct mhl_checker *c = arg;

	if (c->opt.profile == MHL_PROFILE_AMAVIS)
		mhl_amavis_end(c, e);
	else {
		mhl_default_end(c, e);
		release(c);
	}
}

struct mhl_checker *
mhl_checker_new(const struct mhl_options *opt, mhl_finding_fn *fn, void *arg)
{
	struct mhl_checker *c;
	struct mhl_reader_options ro;
	struct mhl_reader_ops ops;

	mhl_structured_init();
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if (opt != NULL)
		c->opt = *opt;
	else
		mhl_options_init(&c->opt);
	c->fn = fn;
	c->arg = arg;
	memset(&ro, 0, sizeof(ro));
	ro.amavis = c->opt.profile == MHL_PROFILE_AMAVIS;
	/* Only the default profile's eol-bare-lf, with --crlf, reads them. */
	ro.no_lf_mark = ro.amavis || !c->opt.crlf;
	memset(&ops, 0, sizeof(ops));
	ops.field = on_field;
	ops.header_end = on_header_end;
	if ((c->sup = mhl_suppress_new()) == NULL ||
	    (c->reader = mhl_reader_new(&ro, &ops, c)) == NULL) {
		mhl_suppress_free(c->sup);
		free(c);
		return NULL;
	}
	mhl_checker_reset(c);
	return c;
}

void
mhl_checker_free(struct mhl_checker *c)
{
	if (c == NULL)
		return;
	mhl_reader_free(c->reader);
	mhl_suppress_free(c->sup);
	free(c);
}

void
mhl_checker_reset(struct mhl_checker *c)
{
	mhl_reader_reset(c->reader);
	mhl_zero(c->count, sizeof(c->count));
	mhl_zero(c->second_line, sizeof(c->second_line));
	mhl_zero(c->second_off, sizeof(c->second_off));
	c->nfields = 0;
	c->tempfail = 0;
	c->nbad = 0;
	c->hdr_size = 0;
	c->run_open = 0;
	c->run_line = c->run_off = c->run_len = 0;
	mhl_structured_begin(c);
	mhl_suppress_reset(c->sup);
	c->holding = c->opt.profile != MHL_PROFILE_AMAVIS;
}

uint64_t
mhl_checker_suppressed(const struct mhl_checker *c)
{
	return c->suppressed;
}

int
mhl_checker_feed(struct mhl_checker *c, const void *buf, size_t n)
{
	return mhl_reader_feed(c->reader, buf, n);
}

void
mhl_checker_finish(struct mhl_checker *c)
{
	mhl_reader_finish(c->reader);
	release(c);
}

int
mhl_check_fd(struct mhl_checker *c, int fd)
{
	unsigned char buf[READ_CHUNK];
	ssize_t n;

	mhl_checker_reset(c);
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			break;
		if (!mhl_checker_feed(c, buf, (size_t)n))
			break;
	}
	mhl_checker_finish(c);
	return 0;
}

void
mhl_check_buf(struct mhl_checker *c, const void *buf, size_t n)
{
	mhl_checker_reset(c);
	mhl_checker_feed(c, buf, n);
	mhl_checker_finish(c);
}

/* ------------------------------------------------------------------ */

/*
 * The finding's line from the field's kept bytes, cut to MHL_SOURCE_KEEP
 * bytes around the column, for --show-source.
 */
static void
source_line(struct mhl_finding *fd, const struct mhl_field *f)
{
	size_t k, s, e, col, from;

	if (f == NULL || fd->line < f->line ||
	    fd->line - f->line >= f->nline_starts)
		return;
	k = (size_t)(fd->line - f->line);
	s = f->line_log[k];
	e = k + 1 < f->nline_starts ? f->line_log[k + 1] : f->len;
	if (s >= f->kept)
		return;
	if (e > f->kept) {
		e = f->kept;
		fd->src_cut_tail = 1;
	} else if (e > s && f->buf[e - 1] == '\n')
		e--;
	col = fd->col > 0 ? (size_t)fd->col - 1 : 0;
	if (col > e - s)
		col = e - s;
	from = s;
	if (e - s > MHL_SOURCE_KEEP) {
		/* Keep some context before the column, the rest after. */
		if (col > MHL_SOURCE_KEEP / 3)
			from = s + col - MHL_SOURCE_KEEP / 3;
		if (from + MHL_SOURCE_KEEP > e)
			from = e - MHL_SOURCE_KEEP;
		if (from + MHL_SOURCE_KEEP < e) {
			e = from + MHL_SOURCE_KEEP;
			fd->src_cut_tail = 1;
		}
		fd->src_cut_head = from > s;
	}
	fd->src = f->buf + from;
	fd->src_len = e - from;
	fd->src_col = s + col - from;
	if (fd->src_col > fd->src_len)
		fd->src_col = fd->src_len;
}

void
mhl_emit(struct mhl_checker *c, enum rule_index ri,
    const struct mhl_field *f, uint64_t line, uint64_t col, uint64_t off,
    const char *msg, size_t msg_len, const unsigned char *sample,
    size_t sample_len)
{
	struct mhl_finding fd;

	if (c->opt.enabled != NULL && !c->opt.enabled[ri])
		return;
	mhl_zero(&fd, sizeof(fd));
	fd.rule = &mhl_rule_table[ri];
	fd.severity = fd.rule->severity;
	fd.line = line;
	fd.col = col;
	fd.offset = off;
	if (f != NULL && f->kind == MHL_FIELD_OK) {
		fd.field = f->name;
		fd.field_len = f->name_len < MHL_NAME_KEEP ? f->name_len :
		    MHL_NAME_KEEP;
	}
	fd.message = msg;
	fd.message_len = msg_len;
	fd.sample = sample;
	fd.sample_len = sample_len;
	if (c->opt.profile == MHL_PROFILE_AMAVIS)
		fd.amavis_escape = mhl_has_8bit((const unsigned char *)msg,
		    msg_len) || (sample != NULL &&
		    mhl_has_8bit(sample, sample_len));
	else
		fd.amavis_escape = 1;
	source_line(&fd, f);
	if (c->holding &&
	    mhl_suppress_take(c->sup, &fd, c->fn, c->arg, &c->suppressed))
		return;
	c->fn(c->arg, &fd);
}

void
mhl_emit_mark(struct mhl_checker *c, enum rule_index ri,
    const struct mhl_field *f, const struct mhl_mark *m, const char *text)
{
	const unsigned char *pre;
	size_t pre_n, sn;
	int n;

	if (m->pos <= f->kept) {
		pre = f->buf;
		pre_n = m->pos;
	} else {
		pre = m->pre;
		pre_n = m->pre_n;
	}
	sn = mhl_sample(c->sample, f->name, f->name_len, pre, pre_n, m->pos,
	    m->mid, m->mid_n, m->mid_len, m->post, m->post_n, m->post_len);
	n = snprintf(c->msg, sizeof(c->msg), "%s", text);
	mhl_char_hex(c->msg + n, sizeof(c->msg) - (size_t)n, m->mid,
	    m->mid_len);
	mhl_emit(c, ri, f, m->line, m->col, m->offset, c->msg,
	    strlen(c->msg), c->sample, sn);
}

void
mhl_emit_field(struct mhl_checker *c, enum rule_index ri,
    const struct mhl_field *f, const char *text)
{
	size_t n = f->kept;

	memcpy(c->sample, f->buf, n);
	if (f->len > f->kept) {
		memcpy(c->sample + n, "[...]", 5);
		n += 5;
	}
	mhl_emit(c, ri, f, f->line, 1, f->offset, text, strlen(text),
	    c->sample, n);
}

void
mhl_emit_line(struct mhl_checker *c, enum rule_index ri,
    const struct mhl_field *f, const struct mhl_mark *m, const char *text)
{
	size_t n = m->mid_n;

	/* Amavis: the line, cut to 50 bytes plus "[...]" past 55. */
	if (m->mid_len > 55) {
		n = 50;
		memcpy(c->sample, m->mid, n);
		memcpy(c->sample + n, "[...]", 5);
		n += 5;
	} else
		memcpy(c->sample, m->mid, n);
	mhl_emit(c, ri, f, m->line, m->col, m->offset, text, strlen(text),
	    c->sample, n);
}

/*
 * Maps a logical offset of a field to its line, column and input
 * offset through the field's table of line starts.  Past the last line
 * start kept the column is unknown (0).
 */
void
mhl_field_pos(const struct mhl_field *f, size_t off, uint64_t *line,
    uint64_t *col, uint64_t *raw)
{
	size_t lo = 0, hi = f->nline_starts, mid;

	if (hi == 0) {
		*line = f->line;
		*col = off + 1;
		*raw = f->offset + off;
		return;
	}
	/* the last line start at or before off */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (f->line_log[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = f->line + lo;
	*raw = f->line_raw[lo] + (off - f->line_log[lo]);
	if (lo + 1 == f->nline_starts && f->nline_starts < f->nlines)
		*col = 0;
	else
		*col = off - f->line_log[lo] + 1;
}

void
mhl_emit_span(struct mhl_checker *c, enum rule_index ri,
    const struct mhl_field *f, size_t off, size_t n, const char *text)
{
	uint64_t line, col, raw;
	size_t sn;

	mhl_field_pos(f, off, &line, &col, &raw);
	sn = 0;
	if (off < f->kept) {
		sn = n;
		if (sn > f->kept - off)
			sn = f->kept - off;
		/* drop a trailing line end */
		while (sn > 0 && f->buf[off + sn - 1] == '\n')
			sn--;
		if (sn > SPAN_SAMPLE_MAX) {
			memcpy(c->sample, f->buf + off, SPAN_SAMPLE_MAX);
			memcpy(c->sample + SPAN_SAMPLE_MAX, "[...]", 5);
			sn = SPAN_SAMPLE_MAX + 5;
		} else
			memcpy(c->sample, f->buf + off, sn);
	}
	mhl_emit(c, ri, f, line, col, raw, text, strlen(text),
	    sn > 0 ? c->sample : NULL, sn);
}

void
mhl_emit_at(struct mhl_checker *c, enum rule_index ri,
    const struct mhl_field *f, size_t off, size_t len, const char *text)
{
	uint64_t line, col, raw;
	size_t end, post, sn;

	if (off > f->kept)
		off = f->kept;
	if (len > f->kept - off)
		len = f->kept - off;
	end = f->kept;
	if (end > off + len && f->len == f->kept && f->buf[end - 1] == '\n')
		end--;
	post = end > off + len ? end - off - len : 0;
	mhl_field_pos(f, off, &line, &col, &raw);
	sn = mhl_sample(c->sample, f->name, f->name_len, f->buf, off, off,
	    f->buf + off, len, len, f->buf + off + len, post, post);
	mhl_emit(c, ri, f, line, col, raw, text, strlen(text), c->sample, sn);
}

void
mhl_emit_multiple(struct mhl_checker *c, enum rule_index ri, int t)
{
	int n;

	/* Amavis's wording, which both profiles keep. */
	if (c->count[t] == 2)
		n = snprintf(c->msg, sizeof(c->msg),
		    "Duplicate header field: \"%s\"", mhl_tracked_names[t]);
	else
		n = snprintf(c->msg, sizeof(c->msg), "Header field occurs more "
		    "than once: \"%s\" occurs %llu times", mhl_tracked_names[t],
		    (unsigned long long)c->count[t]);
	mhl_emit(c, ri, NULL, c->second_line[t], 1, c->second_off[t], c->msg,
	    (size_t)n, NULL, 0);
}
