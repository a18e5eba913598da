/*
 * --summary: what a run found, counted as the findings are reported.
 * Part of mhlint(1), not of the library.
 */
#ifndef MHL_SUMMARY_H
#define MHL_SUMMARY_H

#include <time.h>

#include "mhlint.h"

#define SUMMARY_RULES 1024

struct summary {
	struct timespec t0;
	uint64_t messages;      /* messages checked */
	uint64_t with_findings; /* messages with at least one finding */
	uint64_t sev[3];        /* findings per severity */
	uint64_t rule[SUMMARY_RULES]; /* findings per rule, like mhl_rules() */
	int open_found;         /* the current message has a finding */
	uint64_t suppressed;    /* findings left out by X-Mhlint-Disable */
};

void summary_start(struct summary *);
void summary_begin(struct summary *);
void summary_finding(struct summary *, const struct mhl_finding *);
void summary_end(struct summary *);
/* Writes the summary; returns -1 if the stream failed. */
int summary_print(const struct summary *, FILE *);

#endif /* MHL_SUMMARY_H */
