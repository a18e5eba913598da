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
 *   - --format=json is one valid JSON value per line, --format=sarif one
 *     valid JSON document (over two messages), --format=github one
 *     well-formed workflow command per line;
 *   - with colour on, the only escape sequences are SGR ones (ESC [
 *     digits and semicolons m): mhlint's own colours, never data.
 *
 * Formats are found at run time, by enum value until mhl_reporter_new
 * refuses one, so formats added later are fuzzed without changes here.
 * Both profiles are checked for split invariance on every input; the
 * formats are rendered with one of them, chosen by the input, since
 * rendering (SARIF's rule metadata above all) costs most of a run.
 *
 * Input layout (see fuzz_reader.c):
 *   byte 0      flags: 1 --smtputf8, 2 --crlf, 4 render the formats
 *               with the Amavis profile (else the default one), 8-32
 *               the path, 64 a message number, 128 --show-source
 *   byte 1      Amavis tests, XOR'd with the default set; the low 5 bits
 *               are also the template styles (--template) and the high
 *               4 the fields assumed added later (--assume)
 *   byte 2      rule switches: 0 all on, else a pattern switching some off
 *   byte 3      low 7 bits: chunk size for the split check (0: one
 *               feed); 128 --color
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
	touch(f->src, f->src_len);
	if (f->field_len > MHL_NAME_KEEP || (f->src != NULL &&
	    (f->src_len > MHL_SOURCE_KEEP || f->src_col > f->src_len)))
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

/* A GitHub workflow command: ::CMD [KEY=VALUE,...]::MESSAGE, where no
 * value holds ':' or ',' (they are percent-encoded). */
static int
github_line(const unsigned char *p, size_t n)
{
	static const char *const cmds[] = { "::error", "::warning",
	    "::notice" };
	static const char *const keys[] = { "file=", "line=", "col=",
	    "title=" };
	size_t i, k, c, end;

	for (c = 0; c < 3; c++)
		if (n >= strlen(cmds[c]) &&
		    memcmp(p, cmds[c], strlen(cmds[c])) == 0)
			break;
	if (c == 3)
		return -1;
	i = strlen(cmds[c]);
	if (i >= n || p[i] != ' ')
		return -1;
	for (end = ++i; end < n && p[end] != ':'; end++)
		;
	if (end + 1 >= n || p[end + 1] != ':')
		return -1;
	/* Each property is a known key, then a value without ','. */
	while (i < end) {
		for (k = 0; k < 4; k++)
			if (end - i >= strlen(keys[k]) &&
			    memcmp(p + i, keys[k], strlen(keys[k])) == 0)
				break;
		if (k == 4)
			return -1;
		while (i < end && p[i] != ',')
			i++;
		if (i < end)
			i++;
	}
	return 0;
}

/* Every ESC starts an SGR sequence: ESC [ 0-9; m. */
static int
only_sgr(const unsigned char *p, size_t n, unsigned char *copy,
    size_t *copy_n)
{
	size_t i, j, k = 0;

	for (i = 0; i < n; i++) {
		if (p[i] != 0x1b) {
			copy[k++] = p[i];
			continue;
		}
		if (i + 1 >= n || p[i + 1] != '[')
			return -1;
		for (j = i + 2; j < n && ((p[j] >= '0' && p[j] <= '9') ||
		    p[j] == ';'); j++)
			;
		if (j >= n || p[j] != 'm')
			return -1;
		i = j;
	}
	*copy_n = k;
	return 0;
}

static void
check_output(enum mhl_format fmt, const unsigned char *p, size_t n,
    int color)
{
	enum mhl_format json, sarif, github;
	const unsigned char *nl;
	unsigned char *plain;
	size_t k;

	if ((plain = malloc(n + 1)) == NULL)
		abort();
	if (color) {
		if (only_sgr(p, n, plain, &k) == -1) {
			fprintf(stderr, "format %d: an escape sequence "
			    "that is not SGR\n", (int)fmt);
			abort();
		}
	} else {
		memcpy(plain, p, n);
		k = n;
	}
	if (safe_text(plain, k) == -1) {
		fprintf(stderr, "format %d: unsafe byte in output\n",
		    (int)fmt);
		abort();
	}
	free(plain);
	if (mhl_format_parse("github", &github) == 0 && fmt == github) {
		for (; n > 0; p += k, n -= k) {
			nl = memchr(p, '\n', n);
			k = nl != NULL ? (size_t)(nl - p) : n;
			if (github_line(p, k) == -1) {
				fprintf(stderr, "github: bad line: %.*s\n",
				    (int)k, (const char *)p);
				abort();
			}
			k += nl != NULL;
		}
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
	unsigned int flags, prof, rflags;
	int fmt, m;
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
	chunk = data[3] & 0x7f;
	rflags = ((flags & 0x80) ? MHL_REPORT_SOURCE : 0) |
	    ((data[3] & 0x80) ? MHL_REPORT_COLOR : 0);
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
		opt.tmpl = data[-3] & MHL_TMPL_ALL;
		opt.assume = (unsigned int)data[-3] >> 4;
		opt.enabled = enabled;

		/* One feed, then the same checker (reset) in chunks. */
		if ((chk = mhl_checker_new(&opt, on_finding, &r)) == NULL)
			abort();
		mhl_check_buf(chk, data, size);
		one = r.log;
		memset(&r.log, 0, sizeof(r.log));
		ch.sizes = &chunk;
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
		for (fmt = 0; prof == ((flags & 4) != 0); fmt++) {
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
			mhl_reporter_set_flags(r.rep, rflags);
			/* Two messages: formats that write one document
			 * per run (SARIF) must hold both. */
			for (m = 0; m < 2; m++) {
				mhl_reporter_begin(r.rep,
				    paths[((flags >> 3) + (unsigned)m) & 7],
				    (flags & 0x40) ? (uint64_t)data[-3] + 1 +
				    (uint64_t)m : 0);
				mhl_check_buf(chk, data, size);
				mhl_reporter_end(r.rep);
			}
			(void)mhl_checker_suppressed(chk);
			if (mhl_reporter_finish(r.rep) == -1)
				abort();
			mhl_reporter_free(r.rep);
			r.rep = NULL;
			fbuf_free(&r.log);
			if (fclose(fp) == EOF)
				abort();
			check_output((enum mhl_format)fmt,
			    (const unsigned char *)out, outlen,
			    (rflags & MHL_REPORT_COLOR) != 0);
			free(out);
		}
		mhl_checker_free(chk);
	}
	return 0;
}
