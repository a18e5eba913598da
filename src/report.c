/*
 * The reporter: dispatch to a format, and the escaping all formats share
 * so that no byte of message data reaches a terminal raw.
 */
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "report.h"

static const struct {
	const char *name;
	enum mhl_format format;
	const struct report_ops *ops;
	int machine;
} formats[] = {
	{ "amavis", MHL_FORMAT_AMAVIS, &mhl_report_amavis, 0 },
	{ "text", MHL_FORMAT_TEXT, &mhl_report_text, 0 },
	{ "json", MHL_FORMAT_JSON, &mhl_report_json, 1 },
	{ "sarif", MHL_FORMAT_SARIF, &mhl_report_sarif, 1 },
	{ "github", MHL_FORMAT_GITHUB, &mhl_report_github, 1 },
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

int
mhl_format_parse(const char *s, enum mhl_format *f)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (strcmp(s, formats[i].name) == 0) {
			*f = formats[i].format;
			return 0;
		}
	return -1;
}

const char *
mhl_format_names(void)
{
	return "amavis, text, json, sarif, github";
}

int
mhl_format_is_machine(enum mhl_format f)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (formats[i].format == f)
			return formats[i].machine;
	return 0;
}

struct mhl_reporter *
mhl_reporter_new(enum mhl_format f, FILE *out)
{
	struct mhl_reporter *r;
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (formats[i].format == f)
			break;
	if (i == NFORMATS)
		return NULL;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->ops = formats[i].ops;
	r->out = out;
	return r;
}

void
mhl_reporter_free(struct mhl_reporter *r)
{
	if (r == NULL)
		return;
	free(r->priv);
	free(r->rule_text);
	free(r);
}

void
mhl_reporter_set_flags(struct mhl_reporter *r, unsigned int flags)
{
	r->flags = flags;
}

void
mhl_reporter_begin(struct mhl_reporter *r, const char *path, uint64_t msgno)
{
	r->path = path;
	r->msgno = msgno;
	r->name_state = 0;
	if (r->ops->begin != NULL)
		r->ops->begin(r);
}

void
mhl_reporter_finding(struct mhl_reporter *r, const struct mhl_finding *f)
{
	r->ops->finding(r, f);
	r->nfindings++;
}

void
mhl_reporter_end(struct mhl_reporter *r)
{
	if (r->ops->end != NULL)
		r->ops->end(r);
}

int
mhl_reporter_finish(struct mhl_reporter *r)
{
	if (r->ops->finish != NULL)
		r->ops->finish(r);
	return fflush(r->out) == EOF || ferror(r->out) ? -1 : 0;
}

void
mhl_report_cb(void *arg, const struct mhl_finding *f)
{
	mhl_reporter_finding(arg, f);
}

const char *
mhl_color(const struct mhl_reporter *r, const char *c)
{
	return r->flags & MHL_REPORT_COLOR ? c : "";
}

const char *
mhl_color_severity(const struct mhl_reporter *r, enum mhl_severity s)
{
	static const char *const sev[] = {
		[MHL_INFO] = MHL_C_INFO,
		[MHL_WARNING] = MHL_C_WARNING,
		[MHL_ERROR] = MHL_C_ERROR,
	};

	return mhl_color(r, sev[s]);
}

void
mhl_line_flush(struct mhl_line *l)
{
	if (l->out == NULL)
		l->lost = 1;
	else if (l->len > 0)
		fwrite(l->buf, 1, l->len, l->out);
	l->len = 0;
}

void
mhl_line_spill(struct mhl_line *l, const void *p, size_t n)
{
	mhl_line_flush(l);
	if (n > MHL_LINE_CAP) {
		if (l->out == NULL)
			l->lost = 1;
		else
			fwrite(p, 1, n, l->out);
		return;
	}
	memcpy(l->buf, p, n);
	l->len = n;
}

void
mhl_line_str(struct mhl_line *l, const char *s)
{
	mhl_line_put(l, s, strlen(s));
}

size_t
mhl_line_u64(struct mhl_line *l, uint64_t v, size_t width)
{
	char d[24];
	size_t k = sizeof(d);

	do {
		d[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	/* Padded to width on the left, as far as d goes. */
	for (; k > 0 && sizeof(d) - k < width; k--)
		d[k - 1] = ' ';
	mhl_line_put(l, d + k, sizeof(d) - k);
	return sizeof(d) - k;
}

static const char hex[] = "0123456789ABCDEF";

/* Printable ASCII but the backslash, which may start "\x{". */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
};

/*
 * The bytes of the word that stop a run, as the high bit of each: one
 * mask for the tests of chars.h, each less its "& ~x" (which only keeps
 * a byte of 0x80 or more from being flagged, and those stop a run
 * anyway): x - 0x20 in a byte sets its high bit for a control, x + 1
 * for DEL, x itself for 8-bit, (x ^ c) - 1 for the byte c.  The borrows
 * and carries between bytes only start at a byte that is flagged
 * itself, so in a word of mhl_load_le the lowest flagged byte is the
 * first that stops the run, and bytes above it may be flagged wrongly.
 */
static inline uint64_t
word_stops(uint64_t x, unsigned char also)
{
	return ((x - MHL_ONES * 0x20) | (x + MHL_ONES) | x |
	    ((x ^ MHL_ONES * '\\') - MHL_ONES) |
	    ((x ^ MHL_ONES * also) - MHL_ONES)) & MHL_HIGHS;
}

/*
 * The end of the run of plain[] bytes from p[i] on, with 'also' left out
 * of the run too ('\\' for no other).  In bulk, eight bytes at a time
 * while word_stops flags none; in a word that flags some, the lowest
 * is the end.  Fewer than eight left, the last eight bytes of p (which
 * reach back before i) flagging none mean the run goes to the end;
 * otherwise the bytes go one by one through plain[].
 */
static size_t
plain_end(const unsigned char *p, size_t i, size_t n, unsigned char also)
{
	uint64_t m;

	for (; n - i >= 8; i += 8)
		if ((m = word_stops(mhl_load_le(p + i), also)) != 0)
			return i + mhl_first_flagged(m);
	if (n - i < 8 && n >= 8 &&
	    word_stops(mhl_load_le(p + n - 8), also) == 0)
		return n;
	while (i < n && plain[p[i]] && p[i] != also)
		i++;
	return i;
}

/* Does the backslash at p[i] start "\x{"? */
static int
starts_hex(const unsigned char *p, size_t i, size_t n)
{
	return i + 2 < n && p[i + 1] == 'x' && p[i + 2] == '{';
}

size_t
mhl_line_escaped(struct mhl_line *l, const unsigned char *p, size_t n,
    int amavis, const char *on)
{
	char e[6] = { '\\', 'x', '{', 0, 0, '}' };
	size_t i, run, w = 0;

	i = 0;
	while (i < n) {
		/* The bytes written as they are, in one piece: a
		 * backslash is one of them unless Amavis escapes it. */
		run = plain_end(p, i, n, '\\');
		while (run < n && p[run] == '\\' &&
		    !(amavis && starts_hex(p, run, n)))
			run = plain_end(p, run + 1, n, '\\');
		mhl_line_put(l, p + i, run - i);
		w += run - i;
		if (run == n)
			break;
		if (on != NULL)
			mhl_line_str(l, on);
		e[3] = hex[p[run] >> 4];
		e[4] = hex[p[run] & 15];
		mhl_line_put(l, e, sizeof(e));
		if (on != NULL)
			MHL_LINE_LIT(l, MHL_C_RESET);
		w += sizeof(e);
		i = run + 1;
	}
	return w;
}

void
mhl_put_escaped(FILE *out, const unsigned char *p, size_t n, int amavis)
{
	struct mhl_line l;

	mhl_line_init(&l, out);
	mhl_line_escaped(&l, p, n, amavis, NULL);
	mhl_line_flush(&l);
}

size_t
mhl_escape(FILE *out, const unsigned char *p, size_t n, int amavis)
{
	mhl_put_escaped(out, p, n, amavis);
	return n;
}

void
mhl_line_path(struct mhl_line *l, const struct mhl_reporter *r)
{
	const char *p = r->path != NULL ? r->path : "<stdin>";

	mhl_line_escaped(l, (const unsigned char *)p, strlen(p), 0, NULL);
	if (r->msgno > 0) {
		mhl_line_putc(l, ':');
		mhl_line_u64(l, r->msgno, 0);
	}
}

void
mhl_line_name(struct mhl_line *l, struct mhl_reporter *r,
    void (*make)(struct mhl_line *, const struct mhl_reporter *))
{
	if (r->name_state == 0) {
		mhl_line_init(&r->name, NULL);
		make(&r->name, r);
		r->name_state = r->name.lost ? -1 : 1;
	}
	if (r->name_state == 1)
		mhl_line_put(l, r->name.buf, r->name.len);
	else
		make(l, r);
}

void
mhl_line_rule(struct mhl_line *l, struct mhl_reporter *r,
    const struct mhl_rule *rule, int part,
    void (*make)(struct mhl_line *, const struct mhl_rule *, int))
{
	struct mhl_rule_text *t;
	struct mhl_line m;
	size_t k, n;

	if (r->rule_text == NULL && r->nrule_text == 0) {
		mhl_rules(&n);
		r->rule_text = calloc(n, sizeof(*r->rule_text));
		/* Without it, made each time from now on. */
		r->nrule_text = r->rule_text != NULL ? n : (size_t)-1;
	}
	k = mhl_rule_index(rule);
	if (r->rule_text == NULL || k >= r->nrule_text) {
		make(l, rule, part);
		return;
	}
	t = &r->rule_text[k];
	if (t->state[part] == 0) {
		mhl_line_init(&m, NULL);
		make(&m, rule, part);
		t->state[part] = -1;
		if (!m.lost && m.len <= MHL_RULE_KEEP) {
			memcpy(t->buf[part], m.buf, m.len);
			t->len[part] = (unsigned char)m.len;
			t->state[part] = 1;
		}
	}
	if (t->state[part] == 1)
		mhl_line_put(l, t->buf[part], t->len[part]);
	else
		make(l, rule, part);
}

/*
 * RFC 3629 §4:
 *   UTF8-2 = %xC2-DF UTF8-tail
 *   UTF8-3 = %xE0 %xA0-BF UTF8-tail / %xE1-EC 2( UTF8-tail ) /
 *            %xED %x80-9F UTF8-tail / %xEE-EF 2( UTF8-tail )
 *   UTF8-4 = %xF0 %x90-BF 2( UTF8-tail ) / %xF1-F3 3( UTF8-tail ) /
 *            %xF4 %x80-8F 2( UTF8-tail )
 */
size_t
mhl_utf8_len(const unsigned char *p, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (n == 0)
		return 0;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < len || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return len;
}

/*
 * Does the valid UTF-8 sequence at p of len >= 2 bytes go into JSON as
 * it is?  Not the C1 controls (U+0080..U+009F) nor U+2028 and U+2029,
 * which JavaScript takes for line ends.
 */
static int
json_as_is(const unsigned char *p, size_t len)
{
	if (len == 2)
		return !(p[0] == 0xc2 && p[1] < 0xa0);
	if (len == 3)
		return !(p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9));
	return 1;
}

/* \uXXXX for a code point below U+10000. */
static void
json_u(struct mhl_line *l, unsigned int c)
{
	char e[6] = { '\\', 'u', hex[c >> 12 & 15], hex[c >> 8 & 15],
	    hex[c >> 4 & 15], hex[c & 15] };

	mhl_line_put(l, e, sizeof(e));
}

/* The JSON for the character at p (n > 0 bytes left); returns the
 * number of bytes it takes. */
static size_t
json_one(struct mhl_line *l, const unsigned char *p, size_t n)
{
	char e[7] = { '\\', '\\', 'x', '{', 0, 0, '}' };
	size_t len;

	len = mhl_utf8_len(p, n);
	if (len == 0) {
		e[4] = hex[p[0] >> 4];
		e[5] = hex[p[0] & 15];
		mhl_line_put(l, e, sizeof(e));
		return 1;
	}
	if (len > 1) {
		if (!json_as_is(p, len))
			json_u(l, len == 2 ? p[1] : 0x2000u + p[2] - 0x80);
		else
			mhl_line_put(l, p, len);
		return len;
	}
	if (p[0] == '"')
		MHL_LINE_LIT(l, "\\\"");
	else if (p[0] == '\\' && starts_hex(p, 0, n))
		MHL_LINE_LIT(l, "\\\\x{5C}");
	else if (p[0] == '\\')
		MHL_LINE_LIT(l, "\\\\");
	else if (p[0] < 0x20 || p[0] == 0x7f)
		json_u(l, p[0]);
	else
		mhl_line_putc(l, p[0]);
	return 1;
}

void
mhl_line_json(struct mhl_line *l, const unsigned char *p, size_t n)
{
	size_t i, run, len;

	i = 0;
	while (i < n) {
		/* The bytes json_one would write as they are, in one
		 * piece: plain ASCII but '"', and valid UTF-8 that
		 * json_as_is passes.  The first other one goes to
		 * json_one. */
		run = i;
		for (;;) {
			run = plain_end(p, run, n, '"');
			if (run == n || p[run] < 0x80)
				break;
			len = mhl_utf8_len(p + run, n - run);
			if (len == 0 || !json_as_is(p + run, len))
				break;
			run += len;
		}
		mhl_line_put(l, p + i, run - i);
		if (run == n)
			break;
		i = run + json_one(l, p + run, n - run);
	}
}

void
mhl_put_json(FILE *out, const unsigned char *p, size_t n)
{
	struct mhl_line l;

	mhl_line_init(&l, out);
	mhl_line_json(&l, p, n);
	mhl_line_flush(&l);
}

void
mhl_line_json_str(struct mhl_line *l, const char *s)
{
	if (s == NULL) {
		MHL_LINE_LIT(l, "null");
		return;
	}
	mhl_line_putc(l, '"');
	mhl_line_json(l, (const unsigned char *)s, strlen(s));
	mhl_line_putc(l, '"');
}
