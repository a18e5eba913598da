/*
 * mhlint(1): options, inputs and the exit status.  The only file that
 * talks to the user.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mhlint.h"

#define EXIT_FINDINGS 1
#define EXIT_TROUBLE 2

struct run {
	struct mhl_options opt;
	enum mhl_format format;
	enum mhl_severity fail_on;
	int quiet;
	unsigned char enabled[1024]; /* per rule, indexed like mhl_rules() */
	struct mhl_reporter *rep;
	struct mhl_checker *chk;
	int failed;   /* a finding reached fail_on */
	int trouble;  /* an input could not be read */
};

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
"With no PATH, or with -, read one message from standard input.\n"
"\n"
"  -p, --profile=NAME    default (all of mhlint's rules) or amavis\n"
"                        (amavisd-new 2.13's header check, byte for byte)\n"
"  -f, --format=NAME     amavis (default): PATH: BAD HEADER SECTION, ...\n"
"                        text: PATH:LINE:COL: SEVERITY: MESSAGE [RULE]\n"
"      --smtputf8        the message came with SMTPUTF8: raw UTF-8 is allowed\n"
"                        in field bodies (RFC 6532)\n"
"      --crlf            input is SMTP DATA: every bare LF is an error\n"
"      --enable=KEY[,KEY...]   switch on rules, or Amavis tests (syntax,\n"
"                        empty, long, control, 8bit, utf8, missing, multiple)\n"
"      --disable=KEY[,KEY...]  switch them off\n"
"      --fail-on=SEVERITY   exit 1 when a finding is at least this severe:\n"
"                        error (default), warning or info\n"
"      --list-rules      print every rule: id, severity, summary\n"
"  -q, --quiet           print no findings; only the exit status tells\n"
"  -h, --help            print this help and exit\n"
"  -V, --version         print the version and exit\n"
"\n"
"Exit status: 0 no finding at the failing severity, 1 some, 2 usage or\n"
"I/O error.  See mhlint(1).\n", out);
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
	r->enabled[mhl_rule_index(rule)] = (unsigned char)on;
	return 0;
}

static int
switch_list(struct run *r, const char *list, int on)
{
	const char *p = list, *e;
	size_t len;

	for (;;) {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '\0')
			return 0;
		for (e = p; *e != '\0' && *e != ','; e++)
			;
		len = (size_t)(e - p);
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (switch_key(r, p, len, on) == -1) {
			warnx("unknown rule or Amavis test: %.*s", (int)len, p);
			return -1;
		}
		p = e;
	}
}

static void
on_finding(void *arg, const struct mhl_finding *f)
{
	struct run *r = arg;

	if (f->severity >= r->fail_on)
		r->failed = 1;
	if (!r->quiet)
		mhl_reporter_finding(r->rep, f);
}

static void
check_path(struct run *r, const char *path)
{
	struct stat st;
	int fd;

	if (strcmp(path, "-") == 0) {
		mhl_reporter_begin(r->rep, NULL, 0);
		if (mhl_check_fd(r->chk, STDIN_FILENO) == -1) {
			warn("<stdin>");
			r->trouble = 1;
		}
		mhl_reporter_end(r->rep);
		return;
	}
	if ((fd = open(path, O_RDONLY)) == -1) {
		warn("%s", path);
		r->trouble = 1;
		return;
	}
	if (fstat(fd, &st) == -1) {
		warn("%s", path);
		r->trouble = 1;
		close(fd);
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		warnx("%s: %s", path, strerror(EISDIR));
		r->trouble = 1;
		close(fd);
		return;
	}
	mhl_reporter_begin(r->rep, path, 0);
	if (mhl_check_fd(r->chk, fd) == -1) {
		warn("%s", path);
		r->trouble = 1;
	}
	mhl_reporter_end(r->rep);
	close(fd);
}

static void
list_rules(void)
{
	static const char *const sev[] = { "info", "warning", "error" };
	const struct mhl_rule *rules;
	size_t n, i;

	rules = mhl_rules(&n);
	for (i = 0; i < n; i++)
		printf("%-24s %-8s %s\n", rules[i].id, sev[rules[i].severity],
		    rules[i].summary);
}

int
main(int argc, char *argv[])
{
	enum {
		OPT_SMTPUTF8 = 256, OPT_CRLF, OPT_ENABLE, OPT_DISABLE,
		OPT_FAIL_ON, OPT_LIST_RULES
	};
	static const struct option longopts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ "smtputf8", no_argument, NULL, OPT_SMTPUTF8 },
		{ "crlf", no_argument, NULL, OPT_CRLF },
		{ "enable", required_argument, NULL, OPT_ENABLE },
		{ "disable", required_argument, NULL, OPT_DISABLE },
		{ "fail-on", required_argument, NULL, OPT_FAIL_ON },
		{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct run r;
	size_t nrules;
	int ch, i;

	memset(&r, 0, sizeof(r));
	mhl_options_init(&r.opt);
	r.format = MHL_FORMAT_AMAVIS;
	r.fail_on = MHL_ERROR;
	mhl_rules(&nrules);
	if (nrules > sizeof(r.enabled))
		errx(EXIT_TROUBLE, "too many rules: %zu", nrules);
	memset(r.enabled, 1, nrules);

	while ((ch = getopt_long(argc, argv, "p:f:qhV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'p':
			if (strcmp(optarg, "default") == 0)
				r.opt.profile = MHL_PROFILE_DEFAULT;
			else if (strcmp(optarg, "amavis") == 0)
				r.opt.profile = MHL_PROFILE_AMAVIS;
			else
				errx(EXIT_TROUBLE, "unknown profile: %s "
				    "(default or amavis)", optarg);
			break;
		case 'f':
			if (mhl_format_parse(optarg, &r.format) == -1)
				errx(EXIT_TROUBLE, "unknown format: %s "
				    "(amavis or text)", optarg);
			break;
		case OPT_SMTPUTF8:
			r.opt.smtputf8 = 1;
			break;
		case OPT_CRLF:
			r.opt.crlf = 1;
			break;
		case OPT_ENABLE:
		case OPT_DISABLE:
			if (switch_list(&r, optarg, ch == OPT_ENABLE) == -1)
				exit(EXIT_TROUBLE);
			break;
		case OPT_FAIL_ON:
			if (strcmp(optarg, "error") == 0)
				r.fail_on = MHL_ERROR;
			else if (strcmp(optarg, "warning") == 0)
				r.fail_on = MHL_WARNING;
			else if (strcmp(optarg, "info") == 0)
				r.fail_on = MHL_INFO;
			else
				errx(EXIT_TROUBLE, "unknown severity: %s "
				    "(error, warning or info)", optarg);
			break;
		case OPT_LIST_RULES:
			list_rules();
			return 0;
		case 'q':
			r.quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("mhlint %s\n", MHL_VERSION);
			return 0;
		default:
			usage(stderr);
			return EXIT_TROUBLE;
		}
	}
	argc -= optind;
	argv += optind;

	/* A reader of a closed pipe gets an error, not a signal. */
	signal(SIGPIPE, SIG_IGN);
	r.opt.enabled = r.enabled;
	if ((r.rep = mhl_reporter_new(r.format, stdout)) == NULL ||
	    (r.chk = mhl_checker_new(&r.opt, on_finding, &r)) == NULL)
		err(EXIT_TROUBLE, NULL);
	if (argc == 0)
		check_path(&r, "-");
	for (i = 0; i < argc && !ferror(stdout); i++)
		check_path(&r, argv[i]);
	mhl_checker_free(r.chk);
	ch = mhl_reporter_finish(r.rep);
	mhl_reporter_free(r.rep);
	if (ch == -1 || fflush(stdout) == EOF || ferror(stdout)) {
		if (errno != EPIPE)
			warn("standard output");
		return EXIT_TROUBLE;
	}
	if (r.trouble)
		return EXIT_TROUBLE;
	return r.failed ? EXIT_FINDINGS : 0;
}
