/*
 * libFuzzer harness for --fix and --annotate (src/fix.c, src/annotate.c).
 * Oracles:
 *
 *   - the repaired message and the notes do not depend on how the input
 *     was split into feeds (a reset fixer, chunk sizes from the input);
 *   - notes are one line of printable US-ASCII;
 *   - repairing is idempotent: the repaired message, repaired again,
 *     comes out unchanged with no repair noted, and the checker finds
 *     none of the byte-level problems --fix always repairs (NUL, bare
 *     CR, controls, whitespace-only lines, leading continuation lines,
 *     mixed line endings), with or without --fix-body-eol.  This
 *     holds when every problem was repaired (no "not fixed" note: a
 *     control in a line that is not a field stays when without it the
 *     line would read as a field or a fold).  The inputs that once
 *     broke it are in testdata/fuzz/fuzz_fix/;
 *   - each --annotate alert field built from the input's findings is
 *     printable US-ASCII (TAB allowed), its lines ended by the chosen
 *     line ending, each continuation line starting with SP or TAB.
 *
 * Input layout (see fuzz_reader.c):
 *   byte 0      flags: 1 --eol=lf, 2 --fix-body-eol, 4 --smtputf8,
 *               8 --assume-charset=windows-1252, 16 Amavis's escaping
 *               in alert fields
 *   bytes 1..3  chunk sizes, used in turn (0 means "all the rest")
 *   the rest    the message
 */
#include "mhlint.h"
#include "mhlint_fix.h"
#include "fuzz_common.h"

struct fixrun {
	struct fbuf out;   /* the repaired message */
	struct fbuf notes; /* every note, serialized */
	int unrepaired;    /* a "not fixed" note came */
	size_t nnotes;
};

static int
on_write(void *arg, const void *p, size_t n)
{
	struct fixrun *fr = arg;

	fbuf_add(&fr->out, p, n);
	return 0;
}

static void
on_note(void *arg, const struct mhl_fix_note *n)
{
	struct fixrun *fr = arg;
	size_t i;

	if (n->text == NULL && n->text_len > 0)
		abort();
	for (i = 0; i < n->text_len; i++)
		if (n->text[i] < 0x20 || n->text[i] > 0x7e)
			abort();
	if (!n->repaired)
		fr->unrepaired = 1;

	fr->nnotes++;
	fbuf_u64(&fr->notes, (uint64_t)n->kind);
	fbuf_u64(&fr->notes, (uint64_t)n->repaired);
	fbuf_u64(&fr->notes, n->line);
	fbuf_bytes(&fr->notes, n->text, n->text_len);
}

static void
fix_all(struct mhl_fixer *fx, const unsigned char *p, size_t n,
    struct chunker *ch)
{
	size_t off, k;

	mhl_fixer_reset(fx);
	for (off = 0; off < n; off += k) {
		k = ch != NULL ? chunk_next(ch, n - off) : n - off;
		if (mhl_fixer_feed(fx, p + off, k) == -1)
			abort();
	}
	if (mhl_fixer_finish(fx) == -1)
		abort();
}

/* Findings of rules --fix always repairs. */
static const char *const always[] = {
	"header-nul", "header-bare-cr", "header-control",
	"fold-whitespace-only", "fold-leading", "separator-whitespace",
	"eol-mixed",
};

static void
on_fixed_finding(void *arg, const struct mhl_finding *f)
{
	size_t i;

	(void)arg;
	for (i = 0; i < sizeof(always) / sizeof(always[0]); i++)
		if (strcmp(f->rule->id, always[i]) == 0) {
			fprintf(stderr, "--fix left a %s finding\n",
			    f->rule->id);
			abort();
		}
}

struct alertrun {
	int amavis;
	const char *eol;
};

static void
on_finding(void *arg, const struct mhl_finding *f)
{
	static char dst[MHL_ALERT_MAX];
	const struct alertrun *ar = arg;
	size_t n, i, el = strlen(ar->eol), ls = 0;

	n = mhl_alert_field(dst, "X-Mhlint-Alert", f, ar->amavis, ar->eol);
	if (n > MHL_ALERT_MAX || n < el ||
	    memcmp(dst + n - el, ar->eol, el) != 0)
		abort();
	for (i = 0; i < n; i++) {
		if (n - i >= el && memcmp(dst + i, ar->eol, el) == 0) {
			/* A line ends; the next must be a continuation. */
			i += el;
			if (i < n && dst[i] != ' ' && dst[i] != '\t')
				abort();
			if (i - ls - el > 998)
				abort();
			ls = i;
			if (i >= n)
				break;
		}
		if ((dst[i] < 0x20 && dst[i] != '\t') || dst[i] > 0x7e)
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mhl_fix_options fo;
	struct mhl_fixer *fx;
	struct fixrun one, many, again;
	struct chunker ch;
	struct mhl_options opt;
	struct mhl_checker *chk;
	struct alertrun ar;
	unsigned int flags;

	if (size < 4)
		return 0;
	flags = data[0];
	ch.sizes = data + 1;
	ch.nsizes = 3;
	ch.k = 0;
	data += 4;
	size -= 4;

	memset(&fo, 0, sizeof(fo));
	fo.eol_lf = (flags & 1) != 0;
	fo.body_eol = (flags & 2) != 0;
	fo.smtputf8 = (flags & 4) != 0;
	fo.charset = (flags & 8) ? "windows-1252" : NULL;
	if (fo.charset != NULL && !mhl_fix_charset_ok(fo.charset))
		abort();
	memset(&one, 0, sizeof(one));
	memset(&many, 0, sizeof(many));
	memset(&again, 0, sizeof(again));

	/* One feed, then chunks, on the same (reset) fixer. */
	if ((fx = mhl_fixer_new(&fo, on_write, on_note, &one)) == NULL)
		abort();
	fix_all(fx, data, size, NULL);
	mhl_fixer_free(fx);
	if ((fx = mhl_fixer_new(&fo, on_write, on_note, &many)) == NULL)
		abort();
	fix_all(fx, data, size, &ch);
	mhl_fixer_free(fx);
	fbuf_same(&one.out, &many.out, "fix: output, one feed vs chunks");
	fbuf_same(&one.notes, &many.notes, "fix: notes, one feed vs chunks");

	if (!one.unrepaired) {
		/* Idempotent, and the checker agrees. */
		if ((fx = mhl_fixer_new(&fo, on_write, on_note, &again)) ==
		    NULL)
			abort();
		fix_all(fx, one.out.p, one.out.len, NULL);
		mhl_fixer_free(fx);
		fbuf_same(&one.out, &again.out, "fix: fixed twice");
		if (again.nnotes != 0) {
			fprintf(stderr, "fix: %zu repair(s) of a repaired "
			    "message\n", again.nnotes);
			abort();
		}
		mhl_options_init(&opt);
		opt.smtputf8 = fo.smtputf8;
		if ((chk = mhl_checker_new(&opt, on_fixed_finding, NULL)) ==
		    NULL)
			abort();
		mhl_check_buf(chk, one.out.p, one.out.len);
		mhl_checker_free(chk);
	}

	/* --annotate: an alert field for each finding of the input. */
	mhl_options_init(&opt);
	ar.amavis = (flags & 16) != 0;
	ar.eol = fo.eol_lf ? "\n" : "\r\n";
	if (ar.amavis)
		opt.profile = MHL_PROFILE_AMAVIS;
	if ((chk = mhl_checker_new(&opt, on_finding, &ar)) == NULL)
		abort();
	mhl_check_buf(chk, data, size);
	mhl_checker_free(chk);

	fbuf_free(&one.out);
	fbuf_free(&one.notes);
	fbuf_free(&many.out);
	fbuf_free(&many.notes);
	fbuf_free(&again.out);
	fbuf_free(&again.notes);
	return 0;
}
