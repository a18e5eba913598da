/*
 * mhlint(1): options, inputs and the exit status.  The only file that
 * talks to the user.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inputs.h"
#include "mhlint.h"
#include "rcfile.h"
#include "cli_fix.h"
#include "summary.h"

#define EXIT_FINDINGS 1
#define EXIT_TROUBLE 2
#define MAX_RULES 1024

/* Where options come from, in the order they are applied. */
enum layer { L_CONFIG, L_COMMAND };

/* An explicit --enable or --disable of one rule. */
enum { FORCE_NONE, FORCE_ON, FORCE_OFF };

struct run {
	struct mhl_options opt;
	enum mhl_format format;
	enum mhl_severity fail_on;
	int quiet;
	int color;       /* -1 auto, 0 never, 1 always */
	int show_source;
	unsigned char enabled[MAX_RULES]; /* per rule, like mhl_rules() */
	/* The rule choice, made into enabled[] by choose_rules(). */
	enum layer layer;
	int select_layer;               /* layer of the --select, or -1 */
	unsigned char selected[MAX_RULES];
	unsigned char ignored[MAX_RULES];
	unsigned char force[MAX_RULES];  /* FORCE_* */
	const char *config;              /* the config file being read */
	const char *where;               /* its name and line, or NULL */
	struct mhl_reporter *rep;
	struct inputs_config in;
	int mbox_set; /* --mbox or --no-mbox was given */
	int summary;  /* --summary */
	struct summary sum;
	int failed;   /* a finding reached fail_on */
	struct cli_fix cf; /* --fix, --annotate and their options */
	int out_errno; /* the first write error on standard output */
};

static const char *progname = "mhlint";

static const struct {
	const char *key;
	unsigned int bit;
} amavis_keys[] = {
	{ "syntax", MHL_AT_SYNTAX }, { "empty", MHL_AT_EMPTY },
	{ "long", MHL_AT_LONG }, { "control", MHL_AT_CONTROL },
	{ "8bit", MHL_AT_8BIT }, { "utf8", MHL_AT_UTF8 },
	{ "missing", MHL_AT_MISSING }, { "multiple", MHL_AT_MULTIPLE },
};

static void
usage(FILE *out)
{
	fputs(
"usage: mhlint [OPTIONS] [PATH...]\n"
"Check the header section of Internet mail messages (RFC 5322).\n"
"With no PATH, or with -, read standard input.  A directory is walked in\n"
"order (a Maildir: cur and new); a file whose first line is \"From \" is\n"
"an mbox, each message reported as PATH:N.\n"
"\n"
"  -p, --profile=NAME    default (all of mhlint's rules) or amavis\n"
"                        (amavisd-new 2.13's header check, byte for byte)\n"
"  -f, --format=NAME     amavis (default): PATH: BAD HEADER SECTION, ...\n"
"                        text: PATH:LINE:COL: SEVERITY: MESSAGE [RULE]\n"
"                        json: JSON Lines, one object per finding\n"
"                        sarif: one SARIF 2.1.0 log for the run\n"
"                        github: GitHub Actions ::error/::warning commands\n"
"      --color=WHEN      colour findings: auto (default: on a terminal,\n"
"                        unless NO_COLOR is set), always or never\n"
"      --show-source     text format: print the line and a caret under the\n"
"                        column\n"
"      --smtputf8        the message came with SMTPUTF8: raw UTF-8 is allowed\n"
"                        in field bodies (RFC 6532)\n"
"      --crlf            input is SMTP DATA: every bare LF is an error\n"
"      --template[=STYLE]  the input is a mail template: a placeholder is\n"
"                        one word (STYLE: all (default), mustache,\n"
"                        handlebars, jinja, shell, python, erb)\n"
"      --assume=FIELD[,FIELD...]  the field is added later (Date, From,\n"
"                        Sender, Message-ID): its absence is no finding\n"
"      --enable=KEY[,KEY...]   switch on rules, or Amavis tests (syntax,\n"
"                        empty, long, control, 8bit, utf8, missing, multiple)\n"
"      --disable=KEY[,KEY...]  switch them off\n"
"      --select=ID[,ID...]   check only the rules with these ids or id\n"
"                        prefixes (header- or header); --enable/--disable win\n"
"      --ignore=ID[,ID...]   do not check these rules or id prefixes\n"
"      --config=FILE     read options from FILE, not from the .mhlintrc\n"
"                        found in this directory or a parent\n"
"      --no-config       read no configuration file\n"
"      --fail-on=SEVERITY   exit 1 when a finding is at least this severe:\n"
"                        error (default), warning or info\n"
"      --list-rules      print every rule: id, severity, summary\n"
"      --fix             write the message repaired (see mhlint(1)): line\n"
"                        endings, RFC 2047 encoding, folding, controls,\n"
"                        separator; what remains is reported on stderr\n"
"      --annotate[=first]  copy the message with an X-Mhlint-Alert field\n"
"                        per finding (first: only the first) in front\n"
"      --annotate-field=NAME  the alert field's name (X-Mhlint-Alert)\n"
"  -o, --output=FILE     write FILE (through a temporary file and rename)\n"
"                        instead of standard output\n"
"      --in-place        rewrite each PATH the same way, keeping its mode\n"
"      --eol=crlf|lf     header line endings of --fix (default crlf)\n"
"      --fix-body-eol    --fix changes the body's line endings too\n"
"      --assume-charset=NAME  charset of non-UTF-8 bytes for --fix\n"
"                        (default ISO-8859-1)\n"
"      --mbox            read every file as an mbox\n"
"      --no-mbox         read every file as one message\n"
"      --all             walk dot files and dot directories too\n"
"  -L, --follow          follow symbolic links while walking\n"
"  -j, --jobs=N          check with N threads (default: online CPUs)\n"
"      --summary         after the findings: messages checked, findings\n"
"                        per severity and rule, elapsed time\n"
"      --explain=RULE    print what RULE checks, why it matters, and a bad\n"
"                        and a good example\n"
"  -q, --quiet           print no findings; only the exit status tells\n"
"  -h, --help            print this help and exit\n"
"  -V, --version         print the version and exit\n"
"\n"
"Exit status: 0 no finding at the failing severity, 1 some, 2 usage or\n"
"I/O error; with --fix, findings in the repaired output.  See mhlint(1).\n", out);
}

static int
switch_key(struct run *r, const char *key, size_t len, int on)
{
	const struct mhl_rule *rule;
	char id[128];
	size_t i;

	for (i = 0; i < sizeof(amavis_keys) / sizeof(amavis_keys[0]); i++)
		if (strlen(amavis_keys[i].key) == len &&
		    strncmp(amavis_keys[i].key, key, len) == 0) {
			if (on)
				r->opt.amavis_tests |= amavis_keys[i].bit;
			else
				r->opt.amavis_tests &= ~amavis_keys[i].bit;
			return 0;
		}
	if (len >= sizeof(id))
		return -1;
	memcpy(id, key, len);
	id[len] = '\0';
	if ((rule = mhl_rule_find(id)) == NULL)
		return -1;
	r->force[mhl_rule_index(rule)] = on ? FORCE_ON : FORCE_OFF;
	return 0;
}

/*
 * --select and --ignore: KEY names a rule by its id, or a family by a
 * prefix of ids that ends at a '-' ("header-" or "header").  Marks the
 * rules it names in set[]; returns how many.
 */
static size_t
mark_prefix(unsigned char *set, const char *key, size_t len)
{
	const struct mhl_rule *rules;
	size_t n, i, hits = 0;

	rules = mhl_rules(&n);
	for (i = 0; i < n && len > 0; i++)
		if (strncmp(rules[i].id, key, len) == 0 &&
		    (key[len - 1] == '-' || rules[i].id[len] == '\0' ||
		    rules[i].id[len] == '-')) {
			set[i] = 1;
			hits++;
		}
	return hits;
}

/* What a list of keys is for. */
enum list_kind { K_ENABLE, K_DISABLE, K_SELECT, K_IGNORE };

static void
bad_usage(const struct run *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

/*
 * Reports a usage error, with the config file's line when it is one.
 * The message repeats arguments and file names, which may hold any
 * bytes: it is escaped as the reports are, so that none reaches a
 * terminal raw.
 */
static void
bad_usage(const struct run *r, const char *fmt, ...)
{
	char msg[4096];
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	if (r->where != NULL) {
		mhl_escape(stderr, (const unsigned char *)r->where,
		    strlen(r->where), 0);
		fputs(": ", stderr);
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	mhl_escape(stderr, (const unsigned char *)msg, strlen(msg), 0);
	fputc('\n', stderr);
	exit(EXIT_TROUBLE);
}

/* "mhlint: PATH: reason", the path escaped: a file name is message data
 * too. */
static void
say_errno(const char *path, int errnum)
{
	fprintf(stderr, "%s: ", progname);
	mhl_escape(stderr, (const unsigned char *)path, strlen(path), 0);
	fprintf(stderr, ": %s\n", strerror(errnum));
}

/*
 * The end of output; returns the exit status it calls for.  A write
 * error is trouble (2) with a message; a closed pipe (EPIPE: the reader
 * went away, as in "mhlint ... | head -1") is trouble too, since the
 * check was cut short and neither 0 nor 1 would be true, but it gets no
 * message: the reader chose to stop.
 */
static int
output_done(int errnum)
{
	if (fflush(stdout) == EOF && errnum == 0)
		errnum = errno;
	if (!ferror(stdout) && errnum == 0)
		return 0;
	if (errnum == 0)
		errnum = EIO;
	if (errnum != EPIPE)
		say_errno("standard output", errnum);
	return EXIT_TROUBLE;
}

/*
 * The next item of a comma-separated list (blanks around items and empty
 * items ignored): sets *item and *len and returns the rest, or NULL at
 * the end.
 */
static const char *
next_item(const char *p, const char **item, size_t *len)
{
	const char *e;
	size_t n;

	while (*p == ' ' || *p == '\t' || *p == ',')
		p++;
	if (*p == '\0')
		return NULL;
	for (e = p; *e != '\0' && *e != ','; e++)
		;
	n = (size_t)(e - p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	*item = p;
	*len = n;
	return e;
}

static void
switch_list(struct run *r, const char *list, enum list_kind kind)
{
	const char *rest = list, *p;
	size_t len;

	while ((rest = next_item(rest, &p, &len)) != NULL) {
		switch (kind) {
		case K_ENABLE:
		case K_DISABLE:
			if (switch_key(r, p, len, kind == K_ENABLE) == -1)
				bad_usage(r, "unknown rule or Amavis test: %.*s",
				    (int)len, p);
			break;
		case K_SELECT:
		case K_IGNORE:
			if (mark_prefix(kind == K_SELECT ? r->selected :
			    r->ignored, p, len) == 0)
				bad_usage(r, "no rule id is or starts with: "
				    "%.*s", (int)len, p);
			break;
		}
	}
}

/*
 * The rules that run: those of the --select (the command line's replaces
 * the config file's), else all; less those of any --ignore; then each
 * rule named by --enable or --disable as the last of them says.
 */
static void
choose_rules(struct run *r)
{
	size_t n, i;

	mhl_rules(&n);
	for (i = 0; i < n; i++) {
		r->enabled[i] = (r->select_layer < 0 || r->selected[i]) &&
		    !r->ignored[i];
		if (r->force[i] != FORCE_NONE)
			r->enabled[i] = r->force[i] == FORCE_ON;
	}
}

/* The value of a yes/no option: NULL (given as a flag) is yes. */
static int
yes_no(const struct run *r, const char *name, const char *v)
{
	if (v == NULL || strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
	    strcmp(v, "on") == 0 || strcmp(v, "1") == 0)
		return 1;
	if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0 ||
	    strcmp(v, "off") == 0 || strcmp(v, "0") == 0)
		return 0;
	bad_usage(r, "%s: want yes or no, not: %s", name, v);
}

static void
on_begin(void *arg, const char *path, uint64_t msgno)
{
	struct run *r = arg;

	summary_begin(&r->sum);
	mhl_reporter_begin(r->rep, path, msgno);
}

static void
on_finding(void *arg, const struct mhl_finding *f)
{
	struct run *r = arg;

	if (f->severity >= r->fail_on)
		r->failed = 1;
	summary_finding(&r->sum, f);
	if (r->quiet)
		return;
	mhl_reporter_finding(r->rep, f);
	/* Keep the first write error's errno before anything clobbers it. */
	if (r->out_errno == 0 && ferror(stdout))
		r->out_errno = errno != 0 ? errno : EIO;
}

static void
on_end(void *arg)
{
	struct run *r = arg;

	summary_end(&r->sum);
	mhl_reporter_end(r->rep);
}

static const char *const sev_names[] = { "info", "warning", "error" };

static void
list_rules(void)
{
	const struct mhl_rule *rules;
	size_t n, i;

	rules = mhl_rules(&n);
	for (i = 0; i < n; i++)
		printf("%-24s %-8s %s\n", rules[i].id,
		    sev_names[rules[i].severity], rules[i].summary);
}

/* Writes s escaped; the UTF-8 section sign of a cite becomes "section ". */
static void
put_text(const char *s, size_t n)
{
	const char *p;

	while ((p = memchr(s, 0xc2, n)) != NULL && (size_t)(p - s) + 1 < n &&
	    (unsigned char)p[1] == 0xa7) {
		mhl_escape(stdout, (const unsigned char *)s, (size_t)(p - s), 0);
		fputs("section ", stdout);
		n -= (size_t)(p - s) + 2;
		s = p + 2;
	}
	mhl_escape(stdout, (const unsigned char *)s, n, 0);
}

/* The columns put_text takes for s. */
static size_t
text_width(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		if (p[i] == 0xc2 && i + 1 < n && p[i + 1] == 0xa7) {
			w += 8;
			i++;
		} else
			w += p[i] >= 0x20 && p[i] <= 0x7e ? 1 : 6;
	return w;
}

/* Writes text wrapped at 72 columns, breaking at spaces. */
static void
put_wrapped(const char *s)
{
	size_t col = 0, w, sp, tw;

	while (*s != '\0') {
		for (sp = 0; s[sp] == ' '; sp++)
			;
		s += sp;
		for (w = 0; s[w] != '\0' && s[w] != ' '; w++)
			;
		if (w == 0)
			break;
		tw = text_width(s, w);
		if (col > 0 && col + sp + tw > 72) {
			putchar('\n');
			col = 0;
		} else if (col > 0) {
			printf("%*s", (int)sp, "");
			col += sp;
		}
		put_text(s, w);
		col += tw;
		s += w;
	}
	putchar('\n');
}

/* Writes an example's lines, indented; escapes make CR, NUL and 8-bit
 * bytes visible. */
static void
put_example(const char *what, const char *ex, size_t n)
{
	const char *nl;
	size_t len;

	printf("\n%s:\n", what);
	for (;;) {
		nl = memchr(ex, '\n', n);
		len = nl != NULL ? (size_t)(nl - ex) : n;
		if (len > 0) {
			fputs("    ", stdout);
			mhl_escape(stdout, (const unsigned char *)ex, len, 0);
		}
		putchar('\n');
		if (nl == NULL)
			break;
		n -= len + 1;
		ex = nl + 1;
	}
}

static int
explain_rule(const char *id)
{
	const struct mhl_rule *r;

	if ((r = mhl_rule_find(id)) == NULL) {
		warnx("unknown rule: %s (see --list-rules)", id);
		return EXIT_TROUBLE;
	}
	printf("%s (%s): ", r->id, sev_names[r->severity]);
	put_text(r->summary, strlen(r->summary));
	fputs("\nStandard: ", stdout);
	put_text(r->cite, strlen(r->cite));
	fputs("\n\n", stdout);
	put_wrapped(r->explain);
	put_example("Bad", r->bad, r->bad_len);
	put_example("Good", r->good, r->good_len);
	return 0;
}

enum {
	OPT_SMTPUTF8 = 256, OPT_CRLF, OPT_ENABLE, OPT_DISABLE,
	OPT_FAIL_ON, OPT_LIST_RULES, OPT_SELECT, OPT_IGNORE, OPT_COLOR,
	OPT_SHOW_SOURCE, OPT_CONFIG, OPT_NO_CONFIG, OPT_FIX, OPT_ANNOTATE,
	OPT_ANNOTATE_FIELD, OPT_IN_PLACE, OPT_EOL, OPT_FIX_BODY_EOL,
	OPT_ASSUME_CHARSET, OPT_MBOX, OPT_NO_MBOX, OPT_ALL, OPT_SUMMARY,
	OPT_TEMPLATE, OPT_ASSUME, OPT_EXPLAIN
};

static const struct option longopts[] = {
	{ "profile", required_argument, NULL, 'p' },
	{ "format", required_argument, NULL, 'f' },
	{ "smtputf8", no_argument, NULL, OPT_SMTPUTF8 },
	{ "crlf", no_argument, NULL, OPT_CRLF },
	{ "template", optional_argument, NULL, OPT_TEMPLATE },
	{ "assume", required_argument, NULL, OPT_ASSUME },
	{ "enable", required_argument, NULL, OPT_ENABLE },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "select", required_argument, NULL, OPT_SELECT },
	{ "ignore", required_argument, NULL, OPT_IGNORE },
	{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "show-source", no_argument, NULL, OPT_SHOW_SOURCE },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "no-config", no_argument, NULL, OPT_NO_CONFIG },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "fix", no_argument, NULL, OPT_FIX },
	{ "annotate", optional_argument, NULL, OPT_ANNOTATE },
	{ "annotate-field", required_argument, NULL, OPT_ANNOTATE_FIELD },
	{ "output", required_argument, NULL, 'o' },
	{ "in-place", no_argument, NULL, OPT_IN_PLACE },
	{ "eol", required_argument, NULL, OPT_EOL },
	{ "fix-body-eol", no_argument, NULL, OPT_FIX_BODY_EOL },
	{ "assume-charset", required_argument, NULL, OPT_ASSUME_CHARSET },
	{ "mbox", no_argument, NULL, OPT_MBOX },
	{ "no-mbox", no_argument, NULL, OPT_NO_MBOX },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "follow", no_argument, NULL, 'L' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "explain", required_argument, NULL, OPT_EXPLAIN },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Options a config file may not hold: they act at once or choose it. */
static const int not_in_config[] = {
	OPT_CONFIG, OPT_NO_CONFIG, OPT_LIST_RULES, OPT_EXPLAIN, 'h', 'V',
	/* --fix, --annotate and theirs say what to do with these files. */
	OPT_FIX, OPT_ANNOTATE, OPT_ANNOTATE_FIELD, 'o', OPT_IN_PLACE, OPT_EOL,
	OPT_FIX_BODY_EOL, OPT_ASSUME_CHARSET
};

/* --assume: field names, each adding its MHL_ASSUME_* bit. */
static void
assume_list(struct run *r, const char *list)
{
	const char *rest = list, *p;
	unsigned int bit;
	size_t len;

	while ((rest = next_item(rest, &p, &len)) != NULL) {
		if ((bit = mhl_assume_bit(p, len)) == 0)
			bad_usage(r, "--assume: unknown field: %.*s (Date, From, "
			    "Sender or Message-ID)", (int)len, p);
		r->opt.assume |= bit;
	}
}

/*
 * Applies one option, from the command line or a config file.  'arg' is
 * the option's argument; for yes/no options it is NULL on the command
 * line and the value ("yes", "no") in a config file.
 */
static void
apply_option(struct run *r, int ch, const char *arg)
{
	char *end;
	long n;

	switch (ch) {
	case 'p':
		if (strcmp(arg, "default") == 0)
			r->opt.profile = MHL_PROFILE_DEFAULT;
		else if (strcmp(arg, "amavis") == 0)
			r->opt.profile = MHL_PROFILE_AMAVIS;
		else
			bad_usage(r, "unknown profile: %s (default or amavis)",
			    arg);
		break;
	case 'f':
		if (mhl_format_parse(arg, &r->format) == -1)
			bad_usage(r, "unknown format: %s (%s)", arg,
			    mhl_format_names());
		break;
	case OPT_SMTPUTF8:
		r->opt.smtputf8 = yes_no(r, "smtputf8", arg);
		break;
	case OPT_CRLF:
		r->opt.crlf = yes_no(r, "crlf", arg);
		break;
	case OPT_TEMPLATE:
		/* "--template", or "template = yes" in a config file: all */
		if (arg == NULL || strcmp(arg, "yes") == 0)
			r->opt.tmpl = MHL_TMPL_ALL;
		else if (strcmp(arg, "no") == 0)
			r->opt.tmpl = 0;
		else if (mhl_template_style(arg, &r->opt.tmpl) == -1)
			bad_usage(r, "unknown template style: %s (all, "
			    "mustache, handlebars, jinja, shell, python or "
			    "erb)", arg);
		break;
	case OPT_ASSUME:
		assume_list(r, arg);
		break;
	case OPT_ENABLE:
		switch_list(r, arg, K_ENABLE);
		break;
	case OPT_DISABLE:
		switch_list(r, arg, K_DISABLE);
		break;
	case OPT_SELECT:
		if (r->select_layer != (int)r->layer) {
			/* The command line's --select replaces the file's. */
			memset(r->selected, 0, sizeof(r->selected));
			r->select_layer = (int)r->layer;
		}
		switch_list(r, arg, K_SELECT);
		break;
	case OPT_IGNORE:
		switch_list(r, arg, K_IGNORE);
		break;
	case OPT_FAIL_ON:
		if (strcmp(arg, "error") == 0)
			r->fail_on = MHL_ERROR;
		else if (strcmp(arg, "warning") == 0)
			r->fail_on = MHL_WARNING;
		else if (strcmp(arg, "info") == 0)
			r->fail_on = MHL_INFO;
		else
			bad_usage(r, "unknown severity: %s "
			    "(error, warning or info)", arg);
		break;
	case OPT_COLOR:
		if (strcmp(arg, "auto") == 0)
			r->color = -1;
		else if (strcmp(arg, "always") == 0)
			r->color = 1;
		else if (strcmp(arg, "never") == 0)
			r->color = 0;
		else
			bad_usage(r, "unknown --color: %s "
			    "(auto, always or never)", arg);
		break;
	case OPT_SHOW_SOURCE:
		r->show_source = yes_no(r, "show-source", arg);
		break;
	case OPT_CONFIG:
	case OPT_NO_CONFIG:
		break; /* read before all others */
	case OPT_FIX:
		r->cf.mode |= CLI_FIX;
		break;
	case OPT_ANNOTATE:
		r->cf.mode |= CLI_ANNOTATE;
		if (arg == NULL || strcmp(arg, "all") == 0)
			r->cf.first = 0;
		else if (strcmp(arg, "first") == 0)
			r->cf.first = 1;
		else
			bad_usage(r, "unknown --annotate: %s (all or first)",
			    arg);
		break;
	case OPT_ANNOTATE_FIELD:
		r->cf.field = arg;
		break;
	case 'o':
		r->cf.out = arg;
		break;
	case OPT_IN_PLACE:
		r->cf.in_place = 1;
		break;
	case OPT_EOL:
		if (strcmp(arg, "crlf") == 0)
			r->cf.fo.eol_lf = 0;
		else if (strcmp(arg, "lf") == 0)
			r->cf.fo.eol_lf = 1;
		else
			bad_usage(r, "unknown --eol: %s (crlf or lf)", arg);
		break;
	case OPT_FIX_BODY_EOL:
		r->cf.fo.body_eol = 1;
		break;
	case OPT_ASSUME_CHARSET:
		r->cf.fo.charset = arg;
		break;
	case OPT_LIST_RULES:
		list_rules();
		exit(output_done(0));
	case OPT_MBOX:
		r->in.mbox = yes_no(r, "mbox", arg) ? INPUTS_MBOX_FORCE :
		    INPUTS_MBOX_AUTO;
		r->mbox_set = 1;
		break;
	case OPT_NO_MBOX:
		r->in.mbox = yes_no(r, "no-mbox", arg) ? INPUTS_MBOX_NEVER :
		    INPUTS_MBOX_AUTO;
		r->mbox_set = 1;
		break;
	case OPT_ALL:
		r->in.all = yes_no(r, "all", arg);
		break;
	case 'L':
		r->in.follow = yes_no(r, "follow", arg);
		break;
	case 'j':
		errno = 0;
		n = strtol(arg, &end, 10);
		if (errno != 0 || end == arg || *end != '\0' || n < 1 ||
		    n > 256)
			bad_usage(r, "bad number of jobs: %s (1 to 256)", arg);
		r->in.jobs = (int)n;
		break;
	case OPT_SUMMARY:
		r->summary = yes_no(r, "summary", arg);
		break;
	case OPT_EXPLAIN:
		exit(explain_rule(arg));
	case 'q':
		r->quiet = yes_no(r, "quiet", arg);
		break;
	case 'h':
		usage(stdout);
		exit(output_done(0));
	case 'V':
		printf("mhlint %s\n", MHL_VERSION);
		exit(output_done(0));
	default:
		usage(stderr);
		exit(EXIT_TROUBLE);
	}
}

/* A config file line: its key is a long option's name. */
static int
config_line(void *arg, const char *key, const char *val, unsigned long n)
{
	static char where[PATH_MAX + 32];
	struct run *r = arg;
	const struct option *o;
	size_t i;

	snprintf(where, sizeof(where), "%s:%lu", r->config, n);
	r->where = where;
	for (o = longopts; o->name != NULL; o++)
		if (strcmp(o->name, key) == 0)
			break;
	for (i = 0; o->name != NULL &&
	    i < sizeof(not_in_config) / sizeof(not_in_config[0]); i++)
		if (not_in_config[i] == o->val)
			bad_usage(r, "%s is not allowed in a config file", key);
	if (o->name == NULL)
		bad_usage(r, "unknown key: %s", key);
	if (o->has_arg == required_argument && (val == NULL || *val == '\0'))
		bad_usage(r, "%s wants a value", key);
	apply_option(r, o->val, val);
	r->where = NULL;
	return 0;
}

static void
read_config(struct run *r, const char *path)
{
	char found[PATH_MAX];

	if (path == NULL) {
		if (!rc_find(found, sizeof(found)))
			return;
		path = found;
	}
	r->layer = L_CONFIG;
	r->config = path;
	if (rc_read(path, config_line, r) == -1) {
		say_errno(path, errno);
		exit(EXIT_TROUBLE);
	}
	r->config = NULL;
}

static int
want_color(const struct run *r)
{
	const char *e;

	if (r->color >= 0)
		return r->color;
	if ((e = getenv("NO_COLOR")) != NULL && *e != '\0')
		return 0;
	if ((e = getenv("TERM")) != NULL && strcmp(e, "dumb") == 0)
		return 0;
	return isatty(STDOUT_FILENO);
}

/* Standard output's buffer when it is not a terminal. */
static char outbuf[65536];

int
main(int argc, char *argv[])
{
	static const struct inputs_ops in_ops = { on_begin, on_finding,
	    on_end };
	struct run r;
	struct { int ch; char *arg; } *cl;
	const char *config = NULL;
	size_t nrules, ncl = 0, k;
	unsigned int flags = 0;
	long cpus;
	int ch, trouble, no_config = 0;
	const char *slash;

	if (argc > 0 && argv[0] != NULL && argv[0][0] != '\0') {
		slash = strrchr(argv[0], '/');
		progname = slash != NULL ? slash + 1 : argv[0];
	}
	/* A reader of a closed pipe gets an error, not a signal; even
	 * --help's. */
	signal(SIGPIPE, SIG_IGN);
	memset(&r, 0, sizeof(r));
	mhl_options_init(&r.opt);
	r.format = MHL_FORMAT_AMAVIS;
	r.fail_on = MHL_ERROR;
	r.color = -1;
	r.select_layer = -1;
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	r.in.jobs = cpus < 1 ? 1 : cpus > 64 ? 64 : (int)cpus;
	mhl_rules(&nrules);
	if (nrules > sizeof(r.enabled))
		errx(EXIT_TROUBLE, "too many rules: %zu", nrules);

	/*
	 * The command line is read first but applied last, after the
	 * config file it may name, so that its options win.
	 */
	if ((cl = calloc((size_t)argc, sizeof(*cl))) == NULL)
		err(EXIT_TROUBLE, NULL);
	while ((ch = getopt_long(argc, argv, "p:f:o:Lj:qhV", longopts,
	    NULL)) != -1) {
		/* These work whatever the config file holds. */
		if (ch == 'h' || ch == 'V')
			apply_option(&r, ch, NULL);
		if (ch == OPT_CONFIG)
			config = optarg;
		else if (ch == OPT_NO_CONFIG)
			no_config = 1;
		cl[ncl].ch = ch;
		cl[ncl++].arg = optarg;
	}
	argc -= optind;
	argv += optind;
	if (!no_config)
		read_config(&r, config);
	r.layer = L_COMMAND;
	for (k = 0; k < ncl; k++)
		apply_option(&r, cl[k].ch, cl[k].arg);
	free(cl);
	choose_rules(&r);

	r.opt.enabled = r.enabled;
	cli_fix_validate(&r.cf, argc);
	if (r.cf.mode != 0)
		return cli_fix_run(&r.cf, &r.opt, r.format, r.fail_on, r.quiet,
		    argc, argv);
	if (want_color(&r))
		flags |= MHL_REPORT_COLOR;
	if (r.show_source)
		flags |= MHL_REPORT_SOURCE;
	/* Amavis checks one message, as the MTA hands it over: with its
	 * profile a file is split only when --mbox asks. */
	if (!r.mbox_set && r.opt.profile == MHL_PROFILE_AMAVIS)
		r.in.mbox = INPUTS_MBOX_NEVER;
	/* Findings to a file or a pipe go out 64 KiB at a time, not in
	 * stdio's 4 KiB: over the benchmark's Maildir (47 MB of findings)
	 * 700 write(2) calls instead of 11,400.  Standard output is flushed
	 * before anything is said on standard error, so the order holds.
	 * (glibc takes the size only with a buffer given.) */
	if (!isatty(STDOUT_FILENO))
		(void)setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	if ((r.rep = mhl_reporter_new(r.format, stdout)) == NULL)
		err(EXIT_TROUBLE, NULL);
	mhl_reporter_set_flags(r.rep, flags);
	r.in.opt = &r.opt;
	r.in.ops = &in_ops;
	r.in.arg = &r;
	r.in.progress = !r.quiet && isatty(STDERR_FILENO);
	summary_start(&r.sum);
	if ((trouble = inputs_run(&r.in, argv, argc)) == -1)
		err(EXIT_TROUBLE, NULL);
	r.sum.suppressed = r.in.suppressed;
	if (mhl_reporter_finish(r.rep) == -1 && r.out_errno == 0)
		r.out_errno = errno != 0 ? errno : EIO;
	mhl_reporter_free(r.rep);
	/* The summary follows the findings: on standard output after
	 * amavis and text lines, on standard error beside a machine
	 * format, so that its document stays whole. */
	if (r.out_errno == 0 && r.summary &&
	    summary_print(&r.sum, r.format == MHL_FORMAT_AMAVIS ||
	    r.format == MHL_FORMAT_TEXT ? stdout : stderr) == -1)
		r.out_errno = errno != 0 ? errno : EIO;
	if (output_done(r.out_errno) != 0)
		return EXIT_TROUBLE;
	if (trouble)
		return EXIT_TROUBLE;
	return r.failed ? EXIT_FINDINGS : 0;
}
