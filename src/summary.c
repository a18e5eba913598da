/*
 * --summary: messages checked, messages with findings, findings per
 * severity and per rule, and the elapsed time, after the findings.
 */
#include <stdio.h>
#include <string.h>

#include "summary.h"

void
summary_start(struct summary *s)
{
	memset(s, 0, sizeof(*s));
	clock_gettime(CLOCK_MONOTONIC, &s->t0);
}

void
summary_begin(struct summary *s)
{
	s->messages++;
	s->open_found = 0;
}

void
summary_finding(struct summary *s, const struct mhl_finding *f)
{
	size_t i = mhl_rule_index(f->rule);

	if (!s->open_found) {
		s->open_found = 1;
		s->with_findings++;
	}
	if ((unsigned)f->severity < 3)
		s->sev[f->severity]++;
	if (i < SUMMARY_RULES)
		s->rule[i]++;
}

void
summary_end(struct summary *s)
{
	s->open_found = 0;
}

int
summary_print(const struct summary *s, FILE *out)
{
	const struct mhl_rule *rules;
	struct timespec now;
	size_t n, i;
	double t;

	clock_gettime(CLOCK_MONOTONIC, &now);
	t = (double)(now.tv_sec - s->t0.tv_sec) +
	    (double)(now.tv_nsec - s->t0.tv_nsec) / 1e9;
	fprintf(out, "summary: %llu messages checked, %llu with findings, "
	    "%.3f s\n", (unsigned long long)s->messages,
	    (unsigned long long)s->with_findings, t);
	fprintf(out, "summary: %llu errors, %llu warnings, %llu infos\n",
	    (unsigned long long)s->sev[MHL_ERROR],
	    (unsigned long long)s->sev[MHL_WARNING],
	    (unsigned long long)s->sev[MHL_INFO]);
	if (s->suppressed > 0)
		fprintf(out, "summary: %llu findings left out by "
		    "X-Mhlint-Disable\n", (unsigned long long)s->suppressed);
	rules = mhl_rules(&n);
	for (i = 0; i < n && i < SUMMARY_RULES; i++)
		if (s->rule[i] > 0)
			fprintf(out, "summary: %8llu %s\n",
			    (unsigned long long)s->rule[i], rules[i].id);
	return fflush(out) == EOF || ferror(out) ? -1 : 0;
}
