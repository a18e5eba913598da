/*
 * One message, checked again and again in one process: what a message
 * costs without the process, the file system or the walk.  Reads the
 * message from standard input, checks it N times (default 10000) with
 * the default profile and a reporter writing to /dev/null, and prints
 * the microseconds per message.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "mhlint.h"

int
main(int argc, char *argv[])
{
	static unsigned char msg[1 << 20];
	struct mhl_reporter *rep;
	struct mhl_checker *chk;
	struct timespec a, b;
	FILE *null;
	size_t n = 0;
	ssize_t r;
	long i, times = argc > 1 ? atol(argv[1]) : 10000;

	while (n < sizeof(msg) &&
	    (r = read(STDIN_FILENO, msg + n, sizeof(msg) - n)) > 0)
		n += (size_t)r;
	if ((null = fopen("/dev/null", "w")) == NULL ||
	    (rep = mhl_reporter_new(MHL_FORMAT_AMAVIS, null)) == NULL ||
	    (chk = mhl_checker_new(NULL, mhl_report_cb, rep)) == NULL)
		err(2, NULL);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < times; i++) {
		mhl_reporter_begin(rep, "message", 0);
		mhl_check_buf(chk, msg, n);
		mhl_reporter_end(rep);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%.2f\n", ((double)(b.tv_sec - a.tv_sec) * 1e6 +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e3) / (double)times);
	mhl_checker_free(chk);
	mhl_reporter_finish(rep);
	mhl_reporter_free(rep);
	fclose(null);
	return 0;
}
