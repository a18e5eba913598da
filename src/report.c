/*
 * The reporter: dispatch to a format, and the escaping all formats share
 * so that no byte of message data reaches a terminal raw.
 */
#include <stdlib.h>
#include <string.h>

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

size_t
mhl_put_escaped_color(FILE *out, const unsigned char *p, size_t n,
    int amavis, const char *on)
{
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
	size_t i, run, w = 0;

	for (i = 0; i < n;) {
		for (run = i; run < n; run++) {
			if (plain[p[run]])
				continue;
			if (p[run] != '\\' || (amavis && run + 2 < n &&
			    p[run + 1] == 'x' && p[run + 2] == '{'))
				break;
		}
		if (run > i) {
			fwrite(p + i, 1, run - i, out);
			w += run - i;
			i = run;
			continue;
		}
		if (on != NULL)
			fputs(on, out);
		fputs("\\x{", out);
		fputc(hex[p[i] >> 4], out);
		fputc(hex[p[i] & 15], out);
		fputc('}', out);
		if (on != NULL)
			fputs(MHL_C_RESET, out);
		w += 6;
		i++;
	}
	return w;
}

void
mhl_put_escaped(FILE *out, const unsigned char *p, size_t n, int amavis)
{
	mhl_put_escaped_color(out, p, n, amavis, NULL);
}

size_t
mhl_escape(FILE *out, const unsigned char *p, size_t n, int amavis)
{
	mhl_put_escaped(out, p, n, amavis);
	return n;
}

void
mhl_put_path(struct mhl_reporter *r, const char *stdin_name)
{
	const char *p = r->path != NULL ? r->path : stdin_name;

	mhl_put_escaped(r->out, (const unsigned char *)p, strlen(p), 0);
	if (r->msgno > 0)
		fprintf(r->out, ":%llu", (unsigned long long)r->msgno);
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

void
mhl_put_json(FILE *out, const unsigned char *p, size_t n)
{
	size_t i, len;

	for (i = 0; i < n; i += len) {
		len = mhl_utf8_len(p + i, n - i);
		if (len == 0) {
			fprintf(out, "\\\\x{%02X}", p[i]);
			len = 1;
		} else if (len == 1) {
			if (p[i] == '"')
				fputs("\\\"", out);
			else if (p[i] == '\\' && i + 2 < n &&
			    p[i + 1] == 'x' && p[i + 2] == '{')
				fputs("\\\\x{5C}", out);
			else if (p[i] == '\\')
				fputs("\\\\", out);
			else if (p[i] < 0x20 || p[i] == 0x7f)
				fprintf(out, "\\u%04X", p[i]);
			else
				fputc(p[i], out);
		} else if (len == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0)
			fprintf(out, "\\u%04X", p[i + 1]); /* C1 */
		else if (len == 3 && p[i] == 0xe2 && p[i + 1] == 0x80 &&
		    (p[i + 2] == 0xa8 || p[i + 2] == 0xa9))
			fprintf(out, "\\u%04X", 0x2000 + p[i + 2] - 0x80);
		else
			fwrite(p + i, 1, len, out);
	}
}

void
mhl_put_json_str(FILE *out, const char *s)
{
	if (s == NULL) {
		fputs("null", out);
		return;
	}
	fputc('"', out);
	mhl_put_json(out, (const unsigned char *)s, strlen(s));
	fputc('"', out);
}
