/*
 * Runs a command and writes its peak resident set size in KiB (from
 * wait4(2)'s rusage) to the file named first:
 *
 *   maxrss FILE COMMAND [ARG...]
 *
 * The exit status is the command's, or 128 + N if signal N killed it.
 * The memory-ceiling tests use this instead of /usr/bin/time so that
 * make check needs nothing beyond libc.
 */
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <stdio.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	struct rusage ru;
	FILE *fp;
	pid_t pid;
	int status;

	if (argc < 3) {
		fputs("usage: maxrss FILE COMMAND [ARG...]\n", stderr);
		return 2;
	}
	if ((pid = fork()) == -1) {
		perror("fork");
		return 2;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) == -1) {
		perror("wait4");
		return 2;
	}
	if ((fp = fopen(argv[1], "w")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	fprintf(fp, "%ld\n", ru.ru_maxrss);
	if (fclose(fp) == EOF) {
		perror(argv[1]);
		return 2;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
