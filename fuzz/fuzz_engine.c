/*
 * libFuzzer harness for the whole checker: both profiles, options taken
 * from the input, every output format.  Oracles:
 *
 *   - findings are well formed (a rule from the table, switched on; a
 *     severity; an offset inside the input) and every byte they point
 *     to is readable;
 *   - the findings do not depend on how the input was split into feeds;
 *   - every format's output is safe for a terminal (printable ASCII,
 *     LF and valid UTF-8 without C1 controls: no byte of message data
 *     raw), including the path, which is message data too;
 *   - --format=json is one valid JSON value per line and --format=sarif
 *     one valid JSON document, when those formats exist.
 *
 * Formats are found at run time, by enum value until mhl_reporter_new
 * refuses one, so formats added later are fuzzed without changes here.
 *
 * Input layout (see fuzz_reader.c):
 *   byte 0      flags: 1 --smtputf8, 2 --crlf, 4 chunked feed of one
 *               byte at a time (else byte 3 gives the chunk size), the
 *               rest choose the path and message number reported
 *   byte 1      Amavis tests, XOR'd with the default set
 *   byte 2      rule switches: 0 all on, else a pattern switching some off
 *   byte 3      chunk size for the split check (0: one feed)
 *   the rest    the message
 */
#include "mhlint.h"
#include "fuzz_common.h"
#include "json_check.h"

static const char *const paths[] = {
	NULL, "msg.eml", "dir/\x1b]0;pwned\x07\x1b[2J\r.eml",
	"a\nb\tc\x7f\xc2\x85\xff\xe2\x82.eml", "q\"uo\\te\\x{41}.eml",
	"caf\xc3\xa9.eml", "-", "",
};

struct run {
	const struct mhl_rule *rules;
	size_t nrules;
	const unsigned char *enabled;
	uint64_t size, nlines;
	struct fbuf log;
	struct mhl_reporter *rep;
};

static volatile unsigned char sink;

static void
touch(const void *p, size_t n)
{
	const unsigned char *q = p;
	unsigned char s = 0;
	size_t i;

	if (n > 0 && p == NULL)
		abort();
	for (i = 0; i < n; i++)
		s ^= q[i];
	sink ^= s;
}

static void
on_finding(void *arg, const struct mhl_finding *f)
{
	struct run *r = arg;
	size_t i;

	if (f->rule == NULL || f->rule < r->rules ||
	    f->rule >= r->rules + r->nrules)
		abort();
	i = mhl_rule_index(f->rule);
	if (&r->rules[i] != f->rule || !r->enabled[i])
		abort();
	if ((unsigned int)f->severity > MHL_ERROR)
		abort();
	if (f->offset > r->size || f->line > r->nlines + 1)
		abort();
	touch(f->message, f->message_len);
	touch(f->sample, f->sample_len);
	touch(f->field, f->field_len);
	if (f->field_len > MHL_NAME_KEEP)
		abort();
	fbuf_add(&r->log, f->rule->id, strlen(f->rule->id));
	fbuf_u64(&r->log, f->severity);
	fbuf_u64(&r->log, f->line);
	fbuf_u64(&r->log, f->col);
	fbuf_u64(&r->log, f->offset);
	fbuf_bytes(&r->log, f->field, f->field_len);
	fbuf_bytes(&r->log, f->message, f->message_len);
	fbuf_bytes(&r->log, f->sample, f->sample_len);
	fbuf_u64(&r->log, (uint64_t)f->amavis_escape);
	if (r->rep != NULL)
		mhl_reporter_finding(r->rep, f);
}

static void
check_output(enum mhl_format fmt, const unsigned char *p, size_t n)
{
	enum mhl_format json, sarif;
	const unsigned char *nl;
	size_t k;

	if (safe_text(p, n) == -1) {
		fprintf(stderr, "format %d: unsafe byte in output\n",
		    (int)fmt);
		abort();
	}
	if (mhl_format_parse("json", &json) == 0 && fmt == json) {
		/* JSON Lines: each line one value. */
		while (n > 0) {
			nl = memchr(p, '\n', n);
			k = nl != NULL ? (size_t)(nl - p) : n;
			if (json_check(p, k) == -1) {
				fprintf(stderr, "json: bad line: %.*s\n",
				    (int)k, (const char *)p);
				abort();
			}
			k += nl != NULL;
			p += k;
			n -= k;
		}
	}
	if (mhl_format_parse("sarif", &sarif) == 0 && fmt == sarif &&
	    json_check(p, n) == -1) {
		fprintf(stderr, "sarif: not one JSON document\n");
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char enabled[4096];
	struct mhl_options opt;
	struct mhl_checker *chk;
	struct run r;
	struct fbuf one;
	struct chunker ch;
	unsigned char chunk;
	static const unsigned char one_byte[1] = { 1 };
	unsigned int flags, prof;
	int fmt;
	size_t i;
	char *out;
	size_t outlen;
	FILE *fp;

	if (size < 4)
		return 0;
	memset(&r, 0, sizeof(r));
	r.rules = mhl_rules(&r.nrules);
	if (r.nrules > sizeof(enabled))
		abort();
	flags = data[0];
	for (i = 0; i < r.nrules; i++)
		enabled[i] = data[2] == 0 || (i * 131 + data[2]) % 5 != 0;
	r.enabled = enabled;
	chunk = data[3];
	data += 4;
	size -= 4;
	r.size = size;
	for (i = 0; i < size; i++)
		r.nlines += data[i] == '\n';

	for (prof = 0; prof < 2; prof++) {
		mhl_options_init(&opt);
		opt.profile = prof == 0 ? MHL_PROFILE_DEFAULT :
		    MHL_PROFILE_AMAVIS;
		opt.smtputf8 = (flags & 1) != 0;
		opt.crlf = (flags & 2) != 0;
		opt.amavis_tests ^= data[-3];
		opt.enabled = enabled;

		/* One feed, then the same checker (reset) in chunks. */
		if ((chk = mhl_checker_new(&opt, on_finding, &r)) == NULL)
			abort();
		mhl_check_buf(chk, data, size);
		one = r.log;
		memset(&r.log, 0, sizeof(r.log));
		ch.sizes = (flags & 4) ? one_byte : &chunk;
		ch.nsizes = 1;
		ch.k = 0;
		mhl_checker_reset(chk);
		for (i = 0; i < size; i += outlen) {
			outlen = chunk_next(&ch, size - i);
			if (!mhl_checker_feed(chk, data + i, outlen))
				break;
		}
		mhl_checker_finish(chk);
		fbuf_same(&one, &r.log, "engine: one feed vs chunks");
		fbuf_free(&one);
		fbuf_free(&r.log);

		/* Every format, into memory. */
		for (fmt = 0;; fmt++) {
			out = NULL;
			outlen = 0;
			if ((fp = open_memstream(&out, &outlen)) == NULL)
				abort();
			if ((r.rep = mhl_reporter_new((enum mhl_format)fmt,
			    fp)) == NULL) {
				fclose(fp);
				free(out);
				break;
			}
			mhl_reporter_begin(r.rep, paths[(flags >> 3) & 7],
			    (flags & 0x40) ? (uint64_t)data[-3] + 1 : 0);
			mhl_check_buf(chk, data, size);
			mhl_reporter_end(r.rep);
			if (mhl_reporter_finish(r.rep) == -1)
				abort();
			mhl_reporter_free(r.rep);
			r.rep = NULL;
			fbuf_free(&r.log);
			if (fclose(fp) == EOF)
				abort();
			check_output((enum mhl_format)fmt,
			    (const unsigned char *)out, outlen);
			free(out);
		}
		mhl_checker_free(chk);
	}
	return 0;
}
