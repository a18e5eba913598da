/*
 * The streaming reader: raw bytes in, header fields out.
 *
 * RFC 5322 §2.1: a message is lines of characters; the header section is
 * a sequence of fields, then an empty line, then the body.
 * RFC 5322 §2.2: a field is a name, a colon and a body; §2.2.3: a field
 * may be folded, each continuation line starting with WSP.
 *
 * Bytes pass through two layers.  The raw layer counts offsets and lines
 * and turns CRLF into LF; what comes out is the "logical" stream that the
 * line layer splits into lines and fields.  Only LF ends a line: a CR
 * that is not followed by LF stays in the line as a byte (and is a
 * finding).  Nothing here depends on where the input was split: a CR at
 * the end of one feed waits for the next, and the little lookahead the
 * reader needs is buffered.
 *
 * Memory is fixed: a field keeps its first MHL_FIELD_KEEP logical bytes;
 * everything else is counted while it streams by.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "mhlint.h"

/* Bytes of lookahead: enough to see a field name and its colon. */
#define LA_MAX 1024
#define RING 64

enum state {
	ST_HEADER,  /* in the header section */
	ST_SKIPENV, /* skipping a leading mbox "From " line */
	ST_BODY,
	ST_DONE
};

enum la_mode {
	LA_NONE,
	LA_ENVELOPE, /* is the first line an mbox "From " line? */
	LA_WSLINE    /* a whitespace-only line: fold or separator? */
};

enum name_state {
	NS_NAME,
	NS_WS,
	NS_VALUE,
	NS_BAD
};

enum la_verdict {
	LV_MORE,
	LV_FOLD,    /* the whitespace line continued a field */
	LV_SEP,     /* the whitespace line was meant as the separator */
	LV_ENV,     /* an envelope line */
	LV_REPLAY   /* not an envelope line */
};

struct mhl_reader {
	struct mhl_reader_options opt;
	struct mhl_reader_ops ops;
	void *arg;

	enum state state;
	uint64_t off;      /* raw offset of the next byte */
	uint64_t line;     /* current line, 1-based */
	uint64_t line_off; /* raw offset of the current line's first byte */
	uint64_t prev_line_off;
	int cr_pending;
	int at_line_start;
	int in_field;
	int envelope;

	enum la_mode la_mode;
	size_t la_n;
	unsigned char la[LA_MAX];

	/* the current line */
	size_t line_log;  /* logical offset of the line in the field */
	size_t line_len;  /* logical bytes, LF excluded */
	int line_ws;      /* only SP/TAB so far */
	int line_cont;    /* a continuation line */
	size_t head_n;
	int head_live;    /* head[] is written: the line ends past the kept */
	unsigned char head[MHL_MID_KEEP]; /* first bytes of the line */
	size_t lpre_n;
	unsigned char lpre[MHL_PRE_KEEP]; /* before the line, past the kept */

	/* the current field */
	struct mhl_field f;
	enum name_state ns;
	int nopen;         /* marks still capturing */
	unsigned int dirty; /* marks written to since the field began */
	size_t ring_n;     /* logical bytes so far (the field's length) */
	unsigned char ring[RING];
	/* UTF-8 decoding */
	int u_need;        /* continuation bytes still expected */
	unsigned char u_lo, u_hi;
	int u_n;
	unsigned char u_seq[4];
	uint64_t u_off;    /* raw offset of the lead byte */
	uint64_t u_line;

	/* the header section */
	uint64_t nfields;
	uint64_t eol_lf, eol_crlf;
	enum mhl_eol first_eol;
	uint64_t mixed_line;

	size_t line_log_tab[MHL_LINES_KEEP];
	uint64_t line_raw_tab[MHL_LINES_KEEP];
	unsigned char buf[MHL_FIELD_KEEP];
};

static void run(struct mhl_reader *, const unsigned char *, size_t);

/* RFC 5322 §3.6.8 ftext, widened as Amavis widens it: 0x21-0x39,
 * 0x3B-0x7E and 0x80-0xFF. */
static int
is_name_byte(unsigned char c)
{
	return (c >= 0x21 && c != ':' && c != 0x7f);
}

static int
is_wsp(unsigned char c)
{
	return (c == ' ' || c == '\t');
}

struct mhl_reader *
mhl_reader_new(const struct mhl_reader_options *opt,
    const struct mhl_reader_ops *ops, void *arg)
{
	struct mhl_reader *r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	if (opt != NULL)
		r->opt = *opt;
	r->ops = *ops;
	r->arg = arg;
	mhl_reader_reset(r);
	return r;
}

void
mhl_reader_free(struct mhl_reader *r)
{
	free(r);
}

void
mhl_reader_reset(struct mhl_reader *r)
{
	r->state = ST_HEADER;
	r->off = 0;
	r->line = 1;
	r->line_off = 0;
	r->cr_pending = 0;
	r->at_line_start = 1;
	r->in_field = 0;
	r->envelope = 0;
	r->la_mode = LA_ENVELOPE;
	r->la_n = 0;
	r->nfields = 0;
	r->eol_lf = r->eol_crlf = 0;
	r->first_eol = MHL_EOL_NONE;
	r->mixed_line = 0;
}

/* ------------------------------------------------------------------ */
/* Marks */

/* Copies the last n bytes of the field before its last 'skip' bytes. */
static size_t
ring_tail(const struct mhl_reader *r, size_t skip, unsigned char *dst,
    size_t max)
{
	size_t avail, n, i, start;

	avail = r->ring_n - skip;
	n = avail < max ? avail : max;
	if (n > RING - skip)
		n = RING - skip;
	if (r->ring_n <= MHL_FIELD_KEEP) {
		/* All of it is still in the kept bytes. */
		memcpy(dst, r->buf + avail - n, n);
		return n;
	}
	start = (avail - n) % RING;
	/* In at most two pieces: up to the ring's end, then from its start. */
	i = RING - start < n ? RING - start : n;
	memcpy(dst, r->ring + start, i);
	memcpy(dst + i, r->ring, n - i);
	return n;
}

static struct mhl_mark *
mark_new(struct mhl_reader *r, enum mhl_mark_kind k, size_t pos,
    uint64_t line, uint64_t off)
{
	struct mhl_mark *m = &r->f.mark[k];

	r->dirty |= 1u << k;
	m->count++;
	if (m->set)
		return NULL;
	m->set = 1;
	m->pos = pos;
	m->line = line;
	m->offset = off;
	m->col = 0;
	m->mid_n = m->mid_len = 0;
	m->post_n = m->post_len = 0;
	m->mid_open = m->post_open = 0;
	return m;
}

/* A mark whose mid is k bytes (k <= 4) on the current line, ending with
 * the byte being processed, which is not yet in the ring. */
static void
mark_bytes(struct mhl_reader *r, enum mhl_mark_kind kind, size_t k,
    const unsigned char *mid, uint64_t off)
{
	struct mhl_mark *m;

	if ((m = mark_new(r, kind, r->ring_n - (k - 1), r->line, off)) == NULL)
		return;
	m->col = off - r->line_off + 1;
	m->pre_n = ring_tail(r, k - 1, m->pre, MHL_PRE_KEEP);
	memcpy(m->mid, mid, k);
	m->mid_n = m->mid_len = k;
	m->post_open = 1;
	r->nopen++;
}

/* A mark whose mid is the current line, from its first byte. */
static void
mark_line(struct mhl_reader *r, enum mhl_mark_kind kind, int closed)
{
	struct mhl_mark *m;

	if ((m = mark_new(r, kind, r->line_log, r->line, r->line_off)) ==
	    NULL)
		return;
	m->col = 1;
	if (r->line_log <= MHL_FIELD_KEEP) {
		/* The field's kept bytes still hold what came before. */
		m->pre_n = r->line_log < MHL_PRE_KEEP ? r->line_log :
		    MHL_PRE_KEEP;
		memcpy(m->pre, r->buf + r->line_log - m->pre_n, m->pre_n);
	} else {
		memcpy(m->pre, r->lpre, r->lpre_n);
		m->pre_n = r->lpre_n;
	}
	memcpy(m->mid, r->head_live ? r->head : r->buf + r->line_log,
	    r->head_n);
	m->mid_n = r->head_n;
	m->mid_len = r->line_len;
	if (closed)
		m->post_open = 1;
	else
		m->mid_open = 1;
	r->nopen++;
}

static void
marks_feed(struct mhl_reader *r, unsigned char c)
{
	struct mhl_mark *m;
	int i;

	for (i = 0; i < MHL_MK_COUNT; i++) {
		m = &r->f.mark[i];
		if (m->mid_open) {
			if (m->mid_n < MHL_MID_KEEP)
				m->mid[m->mid_n++] = c;
			m->mid_len++;
		} else if (m->post_open) {
			if (m->post_n < MHL_POST_KEEP)
				m->post[m->post_n++] = c;
			if (m->post_n == MHL_POST_KEEP) {
				m->post_open = 0;
				r->nopen--;
			}
		}
	}
}

/* At a line's end: a mid that is a whole line is complete. */
static void
marks_close_mid(struct mhl_reader *r)
{
	int i;

	/* An open mid is an open mark: none open, none to close. */
	if (r->nopen == 0)
		return;
	for (i = 0; i < MHL_MK_COUNT; i++)
		if (r->f.mark[i].mid_open) {
			r->f.mark[i].mid_open = 0;
			r->f.mark[i].post_open = 1;
		}
}

/* ------------------------------------------------------------------ */
/* Fields */

/* The parts of struct mhl_field before and after its marks. */
#define FIELD_HEAD offsetof(struct mhl_field, mark)
#define FIELD_TAIL (sizeof(struct mhl_field) - FIELD_HEAD - \
	sizeof(((struct mhl_field *)0)->mark))

static void
field_start(struct mhl_reader *r, enum mhl_field_kind kind)
{
	struct mhl_field *f = &r->f;
	int i;

	/* All zero, as if by memset(f, 0, sizeof(*f)); but of the marks
	 * (most of the struct) only those the last field touched. */
	mhl_zero(f, FIELD_HEAD);
	mhl_zero(f->mark + MHL_MK_COUNT, FIELD_TAIL);
	for (i = 0; r->dirty != 0 && i < MHL_MK_COUNT; i++)
		if (r->dirty & (1u << i)) {
			mhl_zero(&f->mark[i], sizeof(f->mark[i]));
			r->dirty &= ~(1u << i);
		}
	f->kind = kind;
	/* The name is the field's first bytes, in its kept bytes. */
	f->name = r->buf;
	f->buf = r->buf;
	f->line = r->line;
	f->offset = r->line_off;
	f->line_log = r->line_log_tab;
	f->line_raw = r->line_raw_tab;
	r->ns = kind == MHL_FIELD_LEADING ? NS_BAD : NS_NAME;
	r->nopen = 0;
	r->ring_n = 0;
	r->u_need = 0;
	r->in_field = 1;
}

static void
field_end(struct mhl_reader *r)
{
	struct mhl_field *f = &r->f;
	struct mhl_mark *m;
	size_t after;
	int i;

	if (!r->in_field)
		return;
	r->in_field = 0;
	f->len = r->ring_n;
	if (f->kind == MHL_FIELD_OK && r->ns != NS_VALUE)
		f->kind = MHL_FIELD_SYNTAX;
	if (r->ring_n > MHL_FIELD_KEEP)
		f->tail_n = ring_tail(r, 0, f->tail, MHL_PRE_KEEP);
	/* Every mark made is dirty: most fields have none. */
	for (i = 0; r->dirty != 0 && i < MHL_MK_COUNT; i++) {
		m = &f->mark[i];
		if (!m->set)
			continue;
		m->mid_open = m->post_open = 0;
		after = m->pos + m->mid_len;
		/* The post part loses one trailing LF, as Perl's chomp. */
		m->post_len = f->len > after ? f->len - after - 1 : 0;
		if (m->post_n > m->post_len)
			m->post_n = m->post_len;
	}
	/* The marks made in a field are the ones it has set. */
	f->marks = r->dirty;
	r->nfields++;
	if (r->ops.field != NULL)
		r->ops.field(r->arg, f);
}

static void
header_end(struct mhl_reader *r, enum mhl_hdr_end how, uint64_t line,
    uint64_t off)
{
	struct mhl_header_end e;

	field_end(r);
	memset(&e, 0, sizeof(e));
	e.how = how;
	e.line = line;
	e.offset = off;
	e.body_offset = r->off;
	e.nfields = r->nfields;
	e.envelope = r->envelope;
	e.eol_lf = r->eol_lf;
	e.eol_crlf = r->eol_crlf;
	e.mixed_line = r->mixed_line;
	r->state = r->ops.body != NULL ? ST_BODY : ST_DONE;
	if (r->ops.header_end != NULL)
		r->ops.header_end(r->arg, &e);
}

/* One more logical byte of the field: kept while the field is within
 * its kept bytes, and in the ring near and past their end, which is
 * the only place ring_tail() reads it from. */
static void
keep_byte(struct mhl_reader *r, unsigned char c)
{
	if (r->ring_n < MHL_FIELD_KEEP)
		r->buf[r->ring_n] = c;
	if (r->ring_n >= MHL_FIELD_KEEP - RING)
		r->ring[r->ring_n % RING] = c;
	r->ring_n++;
	r->f.kept = r->ring_n < MHL_FIELD_KEEP ? r->ring_n : MHL_FIELD_KEEP;
}

/*
 * One logical byte inside a field.  'off' is its raw offset.  The order
 * matters for samples: a mark whose mid ended before c is made first,
 * then c is fed to the marks still capturing, then the marks whose mid
 * ends with c are made.
 */
static void
field_byte(struct mhl_reader *r, unsigned char c, uint64_t off)
{
	struct mhl_field *f = &r->f;
	unsigned char one[1];
	int consumed = 0, done = 0, broke = 0;

	one[0] = c;
	/* The field name, on the first line (RFC 5322 §3.6.8; §4.5 allows
	 * WSP before the colon). */
	switch (r->ns) {
	case NS_NAME:
		if (is_name_byte(c)) {
			f->name_len++;
		} else if (is_wsp(c) && f->name_len > 0) {
			r->ns = NS_WS;
			f->ws_before_colon = 1;
		} else if (c == ':' && f->name_len > 0) {
			r->ns = NS_VALUE;
			f->value_off = r->ring_n + 1;
		} else
			r->ns = NS_BAD;
		break;
	case NS_WS:
		if (c == ':') {
			r->ns = NS_VALUE;
			f->value_off = r->ring_n + 1;
		} else if (!is_wsp(c))
			r->ns = NS_BAD;
		break;
	default:
		break;
	}

	/* UTF-8, RFC 3629 §4: no overlongs, no surrogates, <= U+10FFFF. */
	if (r->u_need > 0) {
		if (c >= r->u_lo && c <= r->u_hi) {
			consumed = 1;
			r->u_seq[r->u_n++] = c;
			r->u_lo = 0x80;
			r->u_hi = 0xbf;
			done = --r->u_need == 0;
		} else {
			broke = r->u_n;
			r->u_need = 0;
		}
	}
	if (broke) {
		/* The sequence broke off before c: its lead is the culprit. */
		struct mhl_mark *m = mark_new(r, MHL_MK_BADUTF8,
		    r->ring_n - (size_t)broke, r->line, r->u_off);

		if (m != NULL) {
			m->col = r->u_off - r->line_off + 1;
			m->pre_n = ring_tail(r, (size_t)broke, m->pre,
			    MHL_PRE_KEEP);
			memcpy(m->mid, r->u_seq, (size_t)broke);
			m->mid_n = m->mid_len = (size_t)broke;
			m->post_open = 1;
			r->nopen++;
		}
	}
	if (r->nopen > 0)
		marks_feed(r, c);

	if (c < 0x20 || c == 0x7f) {
		if (c == 0)
			mark_bytes(r, MHL_MK_NUL, 1, one, off);
		else if (c == '\r')
			mark_bytes(r, MHL_MK_CR, 1, one, off);
		if (c == 0 || c == '\r')
			mark_bytes(r, MHL_MK_NULCR, 1, one, off);
		else if (c != '\t' && c != '\n')
			mark_bytes(r, MHL_MK_CTL, 1, one, off);
	} else if (c >= 0x80) {
		mark_bytes(r, MHL_MK_8BIT, 1, one, off);
		if (!consumed) {
			r->u_n = 1;
			r->u_seq[0] = c;
			r->u_off = off;
			r->u_lo = 0x80;
			r->u_hi = 0xbf;
			if (c >= 0xc2 && c <= 0xdf)
				r->u_need = 1;
			else if (c >= 0xe0 && c <= 0xef) {
				r->u_need = 2;
				if (c == 0xe0)
					r->u_lo = 0xa0;
				else if (c == 0xed)
					r->u_hi = 0x9f;
			} else if (c >= 0xf0 && c <= 0xf4) {
				r->u_need = 3;
				if (c == 0xf0)
					r->u_lo = 0x90;
				else if (c == 0xf4)
					r->u_hi = 0x8f;
			} else
				mark_bytes(r, MHL_MK_BADUTF8, 1, one, off);
		}
	}
	if (done) {
		mark_bytes(r, MHL_MK_UTF8, (size_t)r->u_n, r->u_seq, r->u_off);
		if (r->u_n == 2 && r->u_seq[0] == 0xc2 && r->u_seq[1] <= 0x9f)
			mark_bytes(r, MHL_MK_C1, 2, r->u_seq, r->u_off);
	}

	keep_byte(r, c);
}

/* Counts a line ending, the field's too when the line is in one. */
static void
count_eol(struct mhl_reader *r, enum mhl_eol eol, int in_field)
{
	if (eol == MHL_EOL_LF) {
		r->eol_lf++;
		if (in_field)
			r->f.eol_lf++;
	} else {
		r->eol_crlf++;
		if (in_field)
			r->f.eol_crlf++;
	}
	if (r->first_eol == MHL_EOL_NONE)
		r->first_eol = eol;
	else if (eol != r->first_eol && r->mixed_line == 0)
		r->mixed_line = r->line;
}

/* The end of a line inside the header section. */
static void
line_end(struct mhl_reader *r, enum mhl_eol eol, uint64_t off)
{
	if (r->ns == NS_NAME || r->ns == NS_WS)
		r->ns = NS_BAD;
	marks_close_mid(r);
	if (r->line_cont && r->line_ws)
		mark_line(r, MHL_MK_WSLINE, 1);
	if (eol != MHL_EOL_NONE)
		count_eol(r, eol, 1);
	field_byte(r, '\n', off);
	if (eol == MHL_EOL_LF && !r->opt.no_lf_mark) {
		/* The ring already holds the LF; count it as this mark's
		 * mid without feeding it again. */
		r->ring_n--;
		mark_bytes(r, MHL_MK_BARELF, 1, (const unsigned char *)"\n",
		    off);
		r->ring_n++;
	}
	if (r->line_cont && r->line_ws && !r->opt.amavis &&
	    r->state == ST_HEADER)
		r->la_mode = LA_WSLINE;
}

static void
line_begin(struct mhl_reader *r, int cont)
{
	struct mhl_field *f = &r->f;

	r->line_cont = cont;
	r->line_ws = 1;
	r->line_len = 0;
	r->head_n = 0;
	r->line_log = r->ring_n;
	/* The line's first bytes are copied only where the kept bytes
	 * will not hold them. */
	r->head_live = r->line_log + MHL_MID_KEEP > MHL_FIELD_KEEP;
	/* Only past the kept bytes does the ring have to be copied now. */
	if (r->ring_n > MHL_FIELD_KEEP)
		r->lpre_n = ring_tail(r, 0, r->lpre, MHL_PRE_KEEP);
	if (f->nline_starts < MHL_LINES_KEEP) {
		r->line_log_tab[f->nline_starts] = r->ring_n;
		r->line_raw_tab[f->nline_starts] = r->line_off;
		f->nline_starts++;
	}
	f->nlines++;
}

/* One logical byte in the header section. */
static void
header_byte(struct mhl_reader *r, unsigned char c, uint64_t off,
    enum mhl_eol eol)
{
	if (r->at_line_start) {
		r->at_line_start = 0;
		if (c == '\n') {
			if (eol != MHL_EOL_NONE)
				count_eol(r, eol, 0);
			header_end(r, MHL_END_EMPTY_LINE, r->line,
			    r->line_off);
			return;
		}
		if (is_wsp(c) && r->in_field) {
			line_begin(r, 1);
		} else {
			field_end(r);
			field_start(r, is_wsp(c) ? MHL_FIELD_LEADING :
			    MHL_FIELD_OK);
			line_begin(r, is_wsp(c));
		}
	}
	if (c == '\n') {
		line_end(r, eol, off);
		r->at_line_start = 1;
		return;
	}
	if (!is_wsp(c))
		r->line_ws = 0;
	if (r->head_n < MHL_MID_KEEP) {
		if (r->head_live)
			r->head[r->head_n] = c;
		r->head_n++;
	}
	r->line_len++;
	field_byte(r, c, off);
	if (r->line_len == 79)
		mark_line(r, MHL_MK_LONG78, 0);
	else if (r->line_len == 999)
		mark_line(r, MHL_MK_LONG998, 0);
}

/* One raw byte in the header section: CRLF becomes LF. */
static void
raw_byte(struct mhl_reader *r, unsigned char c)
{
	uint64_t off = r->off++;

	if (r->cr_pending) {
		r->cr_pending = 0;
		if (c == '\n') {
			header_byte(r, '\n', off - 1, MHL_EOL_CRLF);
			goto newline;
		}
		/* A bare CR: a byte of the line, never a line end. */
		header_byte(r, '\r', off - 1, MHL_EOL_NONE);
	}
	if (c == '\r') {
		r->cr_pending = 1;
		return;
	}
	header_byte(r, c, off, c == '\n' ? MHL_EOL_LF : MHL_EOL_NONE);
	if (c != '\n')
		return;
newline:
	r->prev_line_off = r->line_off;
	r->line++;
	r->line_off = r->off;
}

/* ------------------------------------------------------------------ */
/* Lookahead */

static enum la_verdict
la_judge(const struct mhl_reader *r, int eof)
{
	const unsigned char *p = r->la;
	size_t n = r->la_n, i;

	if (r->la_mode == LA_ENVELOPE) {
		static const char from[] = "From ";

		for (i = 0; i < n && i < 5; i++)
			if (p[i] != (unsigned char)from[i])
				return LV_REPLAY;
		/*
		 * "From  : a@b" is a From field with obsolete whitespace
		 * before the colon (RFC 5322 §4.5, Appendix A.6.3), and
		 * "From " alone is no envelope either: decide on the first
		 * byte after the blanks.
		 */
		while (i < n && is_wsp(p[i]))
			i++;
		if (i < n)
			return p[i] == ':' || p[i] == '\r' || p[i] == '\n' ?
			    LV_REPLAY : LV_ENV;
		if (n == LA_MAX)
			return LV_ENV;
		return eof ? LV_REPLAY : LV_MORE;
	}
	if (n == 0)
		return eof ? LV_FOLD : LV_MORE;
	if (is_wsp(p[0]) || p[0] == '\n')
		return LV_FOLD;
	if (p[0] == '\r') {
		if (n < 2)
			return eof ? LV_SEP : LV_MORE;
		return p[1] == '\n' ? LV_FOLD : LV_SEP;
	}
	for (i = 0; i < n && is_name_byte(p[i]); i++)
		;
	if (i == 0)
		return LV_SEP;
	while (i < n && is_wsp(p[i]))
		i++;
	if (i < n)
		return p[i] == ':' ? LV_FOLD : LV_SEP;
	if (n == LA_MAX)
		return LV_FOLD;
	return eof ? LV_SEP : LV_MORE;
}

static void
la_resolve(struct mhl_reader *r, enum la_verdict v)
{
	unsigned char copy[LA_MAX];
	size_t n = r->la_n;
	struct mhl_field *f = &r->f;
	uint64_t sep_line;

	memcpy(copy, r->la, n);
	r->la_mode = LA_NONE;
	r->la_n = 0;
	switch (v) {
	case LV_ENV:
		r->envelope = 1;
		r->state = ST_SKIPENV;
		break;
	case LV_SEP:
		/* The whitespace line just read was the separator: take it
		 * out of the field. */
		sep_line = r->line - 1;
		f->sep_line = sep_line;
		r->ring_n = r->line_log;
		f->kept = r->ring_n < MHL_FIELD_KEEP ? r->ring_n :
		    MHL_FIELD_KEEP;
		f->nlines--;
		if (f->nline_starts > 0 &&
		    r->line_log_tab[f->nline_starts - 1] == r->line_log)
			f->nline_starts--;
		if (f->mark[MHL_MK_WSLINE].set &&
		    f->mark[MHL_MK_WSLINE].line == sep_line) {
			f->mark[MHL_MK_WSLINE].set = 0;
			f->mark[MHL_MK_WSLINE].count--;
		}
		if (f->mark[MHL_MK_LONG78].set &&
		    f->mark[MHL_MK_LONG78].line == sep_line)
			f->mark[MHL_MK_LONG78].set = 0;
		if (f->mark[MHL_MK_LONG998].set &&
		    f->mark[MHL_MK_LONG998].line == sep_line)
			f->mark[MHL_MK_LONG998].set = 0;
		header_end(r, MHL_END_WS_LINE, sep_line, r->prev_line_off);
		break;
	default:
		break;
	}
	run(r, copy, n);
}

/* ------------------------------------------------------------------ */

/*
 * What header_byte() does at a line's start when the line continues the
 * field (SP or TAB) or starts a field with a name byte; plain_run() then
 * takes the line from c on.  Returns 0, having done nothing, for any
 * other first byte, which is the slow path's.
 */
static int
line_start_quick(struct mhl_reader *r, unsigned char c)
{
	if (is_wsp(c) && r->in_field) {
		r->at_line_start = 0;
		line_begin(r, 1);
	} else if (c >= 0x21 && c <= 0x7e && c != ':') {
		r->at_line_start = 0;
		field_end(r);
		field_start(r, MHL_FIELD_OK);
		line_begin(r, 0);
	} else
		return 0;
	return 1;
}

/*
 * What line_end() and raw_byte() do with an LF (eol 1) or CRLF (eol 2)
 * that ends a plain line, then what header_byte() does at the next
 * line's start when that is a continuation or a field name: plain_run()
 * takes the line from there.  The bytes at p are the line end and what
 * follows it (n of them).  Returns the bytes consumed.
 */
static size_t
line_end_quick(struct mhl_reader *r, const unsigned char *p, size_t n,
    size_t eol)
{
	count_eol(r, eol == 1 ? MHL_EOL_LF : MHL_EOL_CRLF, 1);
	keep_byte(r, '\n');
	r->off += eol;
	r->prev_line_off = r->line_off;
	r->line++;
	r->line_off = r->off;
	r->at_line_start = 1;
	if (n > eol)
		line_start_quick(r, p[eol]);
	return eol;
}

/*
 * The scans of plain_run(), sixteen or eight bytes at a time where the
 * input has them (SSE2, or the tests of chars.h), a byte at a time in
 * its last seven.
 * name_run(): p[0..) up to lim, while the bytes are ftext other than the
 * colon (0x21-0x7E but ':').  text_run(): p[k..) up to lim, while they are
 * printable ASCII, SP or TAB; *ws is cleared when one is not SP or TAB.
 * Both return where they stopped.
 */
static size_t
name_run(const unsigned char *p, size_t n, size_t lim)
{
	size_t k = 0, j;
	uint64_t x, m;

	while (k < lim) {
#ifdef MHL_SSE2
		if (n - k >= 16) {
			__m128i v = _mm_loadu_si128((const void *)(p + k));
			unsigned int b;

			/* signed: 0x80-0xFF are below "!" too */
			b = (unsigned int)_mm_movemask_epi8(_mm_or_si128(
			    _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x21)),
			    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f))),
			    _mm_cmpeq_epi8(v, _mm_set1_epi8(':'))));
			if (__builtin_expect(b == 0, 1) && lim - k >= 16) {
				k += 16;
				continue;
			}
			j = b != 0 ? (size_t)__builtin_ctz(b) : 16;
			if (j > lim - k)
				j = lim - k;
			k += j;
			if (j < 16)
				break;
			continue;
		}
#endif
		if (n - k < 8) {
			if (p[k] < 0x21 || p[k] > 0x7e || p[k] == ':')
				break;
			k++;
			continue;
		}
		x = mhl_load_le(p + k);
		m = mhl_word_less(x, 0x21) | mhl_word_over7e(x) |
		    mhl_word_zero(x ^ (MHL_ONES * ':'));
		j = m != 0 ? mhl_first_flagged(m) : 8;
		if (j > lim - k)
			j = lim - k;
		k += j;
		if (j < 8)
			break;
	}
	return k;
}

#ifdef MHL_SSE2
/* The bytes of v that stop a text run: below SP (signed, so 0x80-0xFF
 * too) or DEL, as the bits of a mask. */
static inline unsigned int
text_stops(__m128i v)
{
	return (unsigned int)_mm_movemask_epi8(_mm_or_si128(
	    _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
	    _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f))));
}

/* Whether the first j (<= 16) bytes of v are all SP. */
static inline int
all_sp(__m128i v, size_t j)
{
	unsigned int all = j < 16 ? (1u << j) - 1 : 0xffff;

	return ((unsigned int)_mm_movemask_epi8(_mm_cmpeq_epi8(v,
	    _mm_set1_epi8(' '))) & all) == all;
}
#endif

static size_t
text_run(const unsigned char *p, size_t n, size_t k, size_t lim, int *ws)
{
	size_t j;
	uint64_t x, m, sp;

#ifdef MHL_SSE2
	__m128i v;
	unsigned int b;
	int w = *ws;

	/* Whole blocks before lim.  Sixteen plain bytes, the common case,
	 * are taken on a branch, so the next load waits for no compare. */
	while (lim - k >= 16) {
		v = _mm_loadu_si128((const void *)(p + k));
		if (__builtin_expect((b = text_stops(v)) == 0, 1)) {
			w = w && all_sp(v, 16);
			k += 16;
			continue;
		}
		j = (size_t)__builtin_ctz(b);
		w = w && all_sp(v, j);
		k += j;
		/* below SP, a TAB is as plain as SP */
		if (p[k] != '\t') {
			*ws = w;
			return k;
		}
		k++;
	}
	/* The last bytes before lim, in a block the input still has. */
	if (k < lim && n - k >= 16) {
		v = _mm_loadu_si128((const void *)(p + k));
		j = (b = text_stops(v)) != 0 ? (size_t)__builtin_ctz(b) : 16;
		if (j > lim - k)
			j = lim - k;
		w = w && all_sp(v, j);
		k += j;
		if (k < lim && p[k] != '\t') {
			*ws = w;
			return k;
		}
		if (k < lim)
			k++;
	}
	*ws = w;
#endif
	while (k < lim) {
		if (n - k < 8) {
			if (p[k] != ' ' && p[k] != '\t') {
				if (p[k] < 0x20 || p[k] > 0x7e)
					break;
				*ws = 0;
			}
			k++;
			continue;
		}
		x = mhl_load_le(p + k);
		m = mhl_word_less(x, 0x20) | mhl_word_over7e(x);
		j = m != 0 ? mhl_first_flagged(m) : 8;
		if (j > lim - k)
			j = lim - k;
		if (*ws && j > 0) {
			/* the j bytes taken, all SP? */
			sp = x ^ (MHL_ONES * ' ');
			if (j < 8)
				sp &= (UINT64_C(1) << (8 * j)) - 1;
			if (sp != 0)
				*ws = 0;
		}
		k += j;
		/* below SP, a TAB is as plain as SP */
		if (j < 8 && k < lim && p[k] != '\t')
			break;
		if (j < 8 && k < lim)
			k++;
	}
	return k;
}

/*
 * The fast path: a run of plain bytes (printable ASCII, SP, TAB) inside a
 * field body, or of name bytes in its name, with no lookahead, no pending
 * CR and no UTF-8 sequence open.  It does in bulk what field_byte() and
 * header_byte() would do one byte at a time, stops short of the line
 * lengths that make marks, and takes a plain line's end and the next
 * line's start (line_end_quick()), saying so in *next.  Returns the bytes
 * consumed, 0 when the slow path must take the next.
 */
static size_t
plain_line(struct mhl_reader *r, const unsigned char *p, size_t n, int *next)
{
	struct mhl_field *f = &r->f;
	struct mhl_mark *m;
	size_t k = 0, lim, i, c, eol;
	int ws = 1;

	*next = 0;
	if (r->line_len < 78)
		lim = 78 - r->line_len;
	else if (r->line_len >= 79 && r->line_len < 998)
		lim = 998 - r->line_len;
	else if (r->line_len >= 999)
		lim = n;
	else
		return 0;
	if (lim > n)
		lim = n;
	if (r->ns == NS_NAME) {
		/* The name (RFC 5322 ftext), up to its colon, which ends
		 * the name here as in field_byte(); whatever else ends it
		 * is field_byte()'s. */
		k = name_run(p, n, lim);
		f->name_len += k;
		if (k < lim && p[k] == ':' && f->name_len > 0) {
			r->ns = NS_VALUE;
			f->value_off = r->ring_n + k + 1;
			k++;
		} else if (k == 0)
			return 0;
		else
			lim = k;
		ws = 0;
	}
	k = text_run(p, n, k, lim, &ws);
	if (!ws)
		r->line_ws = 0;
	/* The line's end, when line_end() would make nothing of it but
	 * counts: no mark open or to be made, not a blank continuation
	 * line (whose end opens a lookahead). */
	eol = 0;
	if (k < n && r->nopen == 0 && r->ns != NS_NAME &&
	    !(r->line_cont && r->line_ws)) {
		if (p[k] == '\n' && r->opt.no_lf_mark)
			eol = 1;
		else if (p[k] == '\r' && k + 1 < n && p[k + 1] == '\n')
			eol = 2;
	}
	if (k == 0 && eol == 0)
		return 0;
	if (r->head_n < MHL_MID_KEEP) {
		c = MHL_MID_KEEP - r->head_n < k ? MHL_MID_KEEP - r->head_n : k;
		if (r->head_live)
			memcpy(r->head + r->head_n, p, c);
		r->head_n += c;
	}
	if (r->nopen > 0)
		for (i = 0; i < MHL_MK_COUNT; i++) {
			m = &f->mark[i];
			if (m->mid_open) {
				c = MHL_MID_KEEP - m->mid_n < k ?
				    MHL_MID_KEEP - m->mid_n : k;
				memcpy(m->mid + m->mid_n, p, c);
				m->mid_n += c;
				m->mid_len += k;
			} else if (m->post_open) {
				c = MHL_POST_KEEP - m->post_n < k ?
				    MHL_POST_KEEP - m->post_n : k;
				memcpy(m->post + m->post_n, p, c);
				m->post_n += c;
				if (m->post_n == MHL_POST_KEEP) {
					m->post_open = 0;
					r->nopen--;
				}
			}
		}
	if (r->ring_n < MHL_FIELD_KEEP) {
		c = MHL_FIELD_KEEP - r->ring_n < k ? MHL_FIELD_KEEP - r->ring_n :
		    k;
		memcpy(r->buf + r->ring_n, p, c);
	}
	/* The ring gets the last RING bytes at most, in two pieces; it is
	 * read only past the kept bytes (ring_tail). */
	if (r->ring_n + k > MHL_FIELD_KEEP - RING) {
		size_t from = k > RING ? k - RING : 0, at, first;

		at = (r->ring_n + from) % RING;
		first = RING - at < k - from ? RING - at : k - from;
		memcpy(r->ring + at, p + from, first);
		memcpy(r->ring, p + from + first, k - from - first);
	}
	r->ring_n += k;
	f->kept = r->ring_n < MHL_FIELD_KEEP ? r->ring_n : MHL_FIELD_KEEP;
	r->line_len += k;
	r->off += k;
	if (eol == 0)
		return k;
	k += line_end_quick(r, p + k, n - k, eol);
	*next = !r->at_line_start;
	return k;
}

/*
 * The fast path's entry: plain_line() for as many lines as end plainly
 * and are followed by one that starts so, in the same feed, then back to
 * run().  Returns the bytes consumed, 0 when the slow path must take the
 * next.
 */
static size_t
plain_run(struct mhl_reader *r, const unsigned char *p, size_t n)
{
	size_t done = 0, k;
	int next;

	if (r->la_mode != LA_NONE || r->cr_pending || r->u_need != 0)
		return 0;
	/* a line that starts here, as line_end_quick() takes one that
	 * starts in the same feed */
	if (r->at_line_start && !line_start_quick(r, p[0]))
		return 0;
	do {
		if (!r->in_field || r->ns == NS_WS)
			break;
		k = plain_line(r, p + done, n - done, &next);
		done += k;
	} while (next && done < n);
	return done;
}

static void
run(struct mhl_reader *r, const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n, *nl;
	enum la_verdict v;
	size_t k;

	while (p < end) {
		switch (r->state) {
		case ST_DONE:
			r->off += (uint64_t)(end - p);
			return;
		case ST_BODY:
			r->off += (uint64_t)(end - p);
			r->ops.body(r->arg, p, (size_t)(end - p));
			return;
		case ST_SKIPENV:
			nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL) {
				r->off += (uint64_t)(end - p);
				return;
			}
			r->off += (uint64_t)(nl + 1 - p);
			p = nl + 1;
			r->line++;
			r->line_off = r->off;
			r->state = ST_HEADER;
			continue;
		case ST_HEADER:
			break;
		}
		if (r->la_mode != LA_NONE) {
			r->la[r->la_n++] = *p++;
			if ((v = la_judge(r, 0)) != LV_MORE)
				la_resolve(r, v);
			continue;
		}
		if ((k = plain_run(r, p, (size_t)(end - p))) > 0) {
			p += k;
			continue;
		}
		raw_byte(r, *p++);
	}
}

int
mhl_reader_feed(struct mhl_reader *r, const void *buf, size_t n)
{
	/* An empty feed may come with a null pointer (an empty message in
	 * memory), on which even "p + 0" is undefined. */
	if (n > 0)
		run(r, buf, n);
	return r->state != ST_DONE;
}

void
mhl_reader_finish(struct mhl_reader *r)
{
	if (r->la_mode != LA_NONE)
		la_resolve(r, la_judge(r, 1));
	if (r->state == ST_SKIPENV)
		r->state = ST_HEADER;
	if (r->state != ST_HEADER)
		return;
	if (r->cr_pending) {
		r->cr_pending = 0;
		header_byte(r, '\r', r->off - 1, MHL_EOL_NONE);
		/* A lookahead cannot open here: only LF ends a line. */
	}
	/* Amavis's view: a non-empty message always ends in LF. */
	if (!r->at_line_start)
		header_byte(r, '\n', r->off, MHL_EOL_NONE);
	header_end(r, MHL_END_EOF, r->line > 1 ? r->line - 1 : 1, r->off);
}
