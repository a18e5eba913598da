/*
 * The alert field --annotate prepends: one finding as a header field,
 * US-ASCII only, folded as amavisd-new folds its X-Amavis-Alert field
 * (../shared/amavis/SPEC.md, "The alert field Amavis writes"):
 *
 *   the field is unfolded (an LF not followed by SP/TAB becomes SP, an
 *   LF before SP/TAB goes), cut into chunks each starting at a SP/TAB,
 *   and chunks are joined on a line while it stays within 78 columns; a
 *   line still longer than 998 is cut to 995 plus "...".
 *
 * RFC 5322 §2.2: a field body is printable US-ASCII and WSP, so no byte
 * outside 0x20..0x7E (but TAB) is written raw: Amavis writes NUL and CR
 * raw into its field, mhlint writes \x{00} and \x{0D}.
 */
#include <stdio.h>
#include <string.h>

#include "mhlint_fix.h"

#define FOLD_AT 78
#define LINE_CUT 998

static const char *const lead[] = {
	[MHL_INFO] = "HEADER NOTE",
	[MHL_WARNING] = "HEADER WARNING",
	[MHL_ERROR] = "BAD HEADER SECTION",
};

struct sbuf {
	char *p;
	size_t n, cap;
};

static void
sb_put(struct sbuf *b, const void *p, size_t n)
{
	if (b->n + n > b->cap)
		n = b->cap - b->n;
	memcpy(b->p + b->n, p, n);
	b->n += n;
}

/*
 * Text escaping.  all: every byte outside 0x20..0x7E, and a backslash
 * starting "\x{" (Amavis's escaping of a finding with 8-bit data, and
 * mhlint's display escaping).  Otherwise only what may not stand in a
 * field: controls but TAB and LF (LF is unfolded later).
 */
static void
escaped(struct sbuf *b, const unsigned char *p, size_t n, int all,
    int bs)
{
	char hex[8];
	size_t i;

	for (i = 0; i < n; i++) {
		if ((all && (p[i] < 0x20 || p[i] > 0x7e)) ||
		    (!all && ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n') ||
		    p[i] >= 0x7f)) ||
		    (bs && p[i] == '\\' && i + 2 < n && p[i + 1] == 'x' &&
		    p[i + 2] == '{')) {
			snprintf(hex, sizeof(hex), "\\x{%02X}", p[i]);
			sb_put(b, hex, 6);
		} else
			sb_put(b, p + i, 1);
	}
}

static void
put_line(struct sbuf *o, const char *p, size_t n, const char *eol)
{
	if (n > LINE_CUT) {
		sb_put(o, p, LINE_CUT - 3);
		sb_put(o, "...", 3);
	} else
		sb_put(o, p, n);
	sb_put(o, eol, strlen(eol));
}

size_t
mhl_alert_field(char *dst, const char *name, const struct mhl_finding *f,
    int amavis, const char *eol)
{
	char text[MHL_ALERT_MAX], flat[MHL_ALERT_MAX];
	/* Half the room for the text: folding and line endings add to it. */
	struct sbuf t = { text, 0, sizeof(text) / 2 };
	struct sbuf o = { dst, 0, MHL_ALERT_MAX };
	size_t i, fn = 0, ls, cs, ce;
	int all = amavis ? f->amavis_escape : 1;

	sb_put(&t, name, strlen(name));
	sb_put(&t, ": ", 2);
	if (!(f->rule->flags & MHL_RULE_TEMPFAIL)) {
		sb_put(&t, lead[f->severity], strlen(lead[f->severity]));
		sb_put(&t, ", ", 2);
	}
	escaped(&t, (const unsigned char *)f->message, f->message_len, all,
	    f->amavis_escape);
	if (f->sample != NULL) {
		sb_put(&t, ": ", 2);
		escaped(&t, f->sample, f->sample_len, all, f->amavis_escape);
	}
	/* Up to 78 characters (a trailing LF counted) the field stays as
	 * it is, ending in one LF; an LF that would start a line without a
	 * blank (Amavis would write a broken header) becomes SP. */
	if (t.n <= FOLD_AT) {
		if (t.n > 0 && text[t.n - 1] == '\n')
			t.n--;
		for (cs = ls = 0; cs < t.n; cs++) {
			if (text[cs] != '\n')
				continue;
			if (cs + 1 < t.n && (text[cs + 1] == ' ' ||
			    text[cs + 1] == '\t')) {
				put_line(&o, text + ls, cs - ls, eol);
				ls = cs + 1;
			} else
				text[cs] = ' ';
		}
		put_line(&o, text + ls, t.n - ls, eol);
		return o.n;
	}
	/* Unfold. */
	for (i = 0; i < t.n; i++) {
		if (text[i] != '\n')
			flat[fn++] = text[i];
		else if (i + 1 >= t.n || (text[i + 1] != ' ' &&
		    text[i + 1] != '\t'))
			flat[fn++] = ' ';
	}
	/* Re-wrap: chunks start at each blank. */
	ls = 0;
	for (cs = 0; cs < fn; cs = ce) {
		for (ce = cs + 1; ce < fn && flat[ce] != ' ' &&
		    flat[ce] != '\t'; ce++)
			;
		if (cs > ls && ce - ls > FOLD_AT) {
			put_line(&o, flat + ls, cs - ls, eol);
			ls = cs;
		}
	}
	put_line(&o, flat + ls, fn - ls, eol);
	return o.n;
}
