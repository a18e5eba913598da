/*
 * Template placeholders (--template): outgoing mail templates hold
 * placeholders that a program fills in later.  In templates mode the
 * lexer takes each one as a piece of atext, so "To: {{ recipient }}" is
 * an address and "Date: ${date}" a date to be.
 *
 *   mustache   {{ name }}  {{{ raw }}}       (also Handlebars)
 *   jinja      {{ name }}  {% stmt %}  {# comment #}
 *   shell      ${var}
 *   python     %(var)s
 *   erb        <%= expr %>  <% stmt %>
 *
 * A placeholder lies on one line and is at most PH_MAX bytes long.
 */
#include <string.h>

#include "mhlint.h"
#include "lex5322.h"

#define PH_MAX 256

static const struct {
	const char *name;
	unsigned int bits;
} styles[] = {
	{ "all", MHL_TMPL_ALL },
	{ "mustache", MHL_TMPL_MUSTACHE },
	{ "handlebars", MHL_TMPL_MUSTACHE },
	{ "jinja", MHL_TMPL_JINJA },
	{ "shell", MHL_TMPL_SHELL },
	{ "python", MHL_TMPL_PYTHON },
	{ "erb", MHL_TMPL_ERB },
};

int
mhl_template_style(const char *name, unsigned int *bits)
{
	size_t i;

	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++)
		if (strcmp(name, styles[i].name) == 0) {
			*bits = styles[i].bits;
			return 0;
		}
	return -1;
}

/* The length up to and including 'close' (searched from 'from'), or 0. */
static size_t
until(const unsigned char *p, size_t n, size_t from, const char *close)
{
	size_t i, k = strlen(close);

	if (n > PH_MAX)
		n = PH_MAX;
	for (i = from; i + k <= n; i++) {
		if (p[i] == '\n' || p[i] == '\r')
			return 0;
		if (memcmp(p + i, close, k) == 0)
			return i + k;
	}
	return 0;
}

size_t
mhl_template_match(unsigned int tmpl, const unsigned char *p, size_t n)
{
	size_t k;

	if (n < 3)
		return 0;
	if (p[0] == '{' && p[1] == '{' &&
	    (tmpl & (MHL_TMPL_MUSTACHE | MHL_TMPL_JINJA))) {
		if (n > 3 && p[2] == '{' && (tmpl & MHL_TMPL_MUSTACHE) &&
		    (k = until(p, n, 3, "}}}")) > 0)
			return k;
		return until(p, n, 2, "}}");
	}
	if (p[0] == '{' && (p[1] == '%' || p[1] == '#') &&
	    (tmpl & MHL_TMPL_JINJA))
		return until(p, n, 2, p[1] == '%' ? "%}" : "#}");
	if (p[0] == '$' && p[1] == '{' && (tmpl & MHL_TMPL_SHELL))
		return until(p, n, 2, "}");
	if (p[0] == '%' && p[1] == '(' && (tmpl & MHL_TMPL_PYTHON)) {
		k = until(p, n, 2, ")");
		/* the conversion: %(name)s, %(count)d */
		if (k > 3 && k < n && ((p[k] >= 'a' && p[k] <= 'z') ||
		    (p[k] >= 'A' && p[k] <= 'Z')))
			return k + 1;
		return 0;
	}
	if (p[0] == '<' && p[1] == '%' && (tmpl & MHL_TMPL_ERB))
		return until(p, n, 2, "%>");
	return 0;
}

unsigned int
mhl_assume_bit(const char *name, size_t len)
{
	static const struct {
		const char *name;
		unsigned int bit;
	} fields[] = {
		{ "date", MHL_ASSUME_DATE },
		{ "from", MHL_ASSUME_FROM },
		{ "sender", MHL_ASSUME_SENDER },
		{ "message-id", MHL_ASSUME_MESSAGE_ID },
	};
	size_t i, j;
	int c;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (strlen(fields[i].name) != len)
			continue;
		for (j = 0; j < len; j++) {
			c = (unsigned char)name[j];
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			if (c != fields[i].name[j])
				break;
		}
		if (j == len)
			return fields[i].bit;
	}
	return 0;
}
