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
} formats[] = {
	{ "amavis", MHL_FORMAT_AMAVIS, &mhl_report_amavis },
	{ "text", MHL_FORMAT_TEXT, &mhl_report_text },
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
	free(r);
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

void
mhl_put_escaped(FILE *out, const unsigned char *p, size_t n, int amavis)
{
	size_t i, run;

	for (i = 0; i < n;) {
		for (run = i; run < n && p[run] >= 0x20 && p[run] <= 0x7e &&
		    !(amavis && p[run] == '\\' && run + 2 < n &&
		    p[run + 1] == 'x' && p[run + 2] == '{'); run++)
			;
		if (run > i) {
			fwrite(p + i, 1, run - i, out);
			i = run;
			continue;
		}
		fprintf(out, "\\x{%02X}", p[i]);
		i++;
	}
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
