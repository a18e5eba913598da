/*
 * Writes a pathological message to standard output, generated on the
 * fly so that no big file is ever committed:
 *
 *   hostile_gen CASE N
 *
 * CASE and what N counts:
 *   longline   bytes in one header line (Subject)
 *   body       bytes of body after a clean header section
 *   fields     header fields
 *   subjects   copies of Subject
 *   folded     folded lines of one field
 *   comments   nesting depth of a comment in From
 *   encwords   RFC 2047 encoded-words in one Subject
 *   nuls       NUL bytes, and nothing else
 *   crs        CR bytes, and nothing else
 *   lfs        LF bytes, and nothing else
 *   random     pseudo-random bytes (a fixed seed: the same every run)
 *   truncutf8  (N unused) a header ending in a cut UTF-8 sequence
 *   noend      header fields after Date and From, never an empty line
 *   mbox       empty messages in an mbox
 *
 * A closed pipe ends the output quietly: mhlint stops reading at the end
 * of the header section, and that is not an error here.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char buf[65536];
static size_t fill;

static void
flush(void)
{
	if (fill > 0 && fwrite(buf, 1, fill, stdout) != fill) {
		if (errno == EPIPE)
			exit(0);
		perror("hostile_gen");
		exit(2);
	}
	fill = 0;
}

static void
put(const void *p, size_t n)
{
	const char *s = p;
	size_t k;

	while (n > 0) {
		if (fill == sizeof(buf))
			flush();
		k = sizeof(buf) - fill < n ? sizeof(buf) - fill : n;
		memcpy(buf + fill, s, k);
		fill += k;
		s += k;
		n -= k;
	}
}

static void
puts_(const char *s)
{
	put(s, strlen(s));
}

/* n copies of byte c. */
static void
fill_bytes(int c, uint64_t n)
{
	size_t k;

	while (n > 0) {
		if (fill == sizeof(buf))
			flush();
		k = sizeof(buf) - fill;
		if (k > n)
			k = (size_t)n;
		memset(buf + fill, c, k);
		fill += k;
		n -= k;
	}
}

static const char head[] = "Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
    "From: a@example.com\n";

int
main(int argc, char *argv[])
{
	const char *c;
	uint64_t n, i, x = 0x9e3779b97f4a7c15ULL;
	char line[64];
	int k;

	if (argc != 3) {
		fputs("usage: hostile_gen CASE N\n", stderr);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	c = argv[1];
	n = strtoull(argv[2], NULL, 10);
	if (strcmp(c, "longline") == 0) {
		puts_(head);
		puts_("Subject: ");
		fill_bytes('a', n);
		puts_("\n\nbody\n");
	} else if (strcmp(c, "body") == 0) {
		puts_(head);
		puts_("Subject: big body\n\n");
		for (i = 0; i < n; i += 64)
			put("0123456789abcdef0123456789abcdef"
			    "0123456789abcdef012345678901234\n",
			    n - i < 64 ? (size_t)(n - i) : 64);
	} else if (strcmp(c, "fields") == 0) {
		for (i = 0; i < n; i++) {
			k = snprintf(line, sizeof(line), "X-F%llu: v\n",
			    (unsigned long long)(i % 1000));
			put(line, (size_t)k);
		}
		puts_("\n");
	} else if (strcmp(c, "subjects") == 0) {
		puts_(head);
		for (i = 0; i < n; i++)
			puts_("Subject: again\n");
		puts_("\n");
	} else if (strcmp(c, "folded") == 0) {
		puts_(head);
		puts_("Subject: start");
		for (i = 0; i < n; i++)
			puts_("\n fold");
		puts_("\n\n");
	} else if (strcmp(c, "comments") == 0) {
		puts_("Date: Mon, 1 Jan 2024 10:00:00 +0000\nFrom: ");
		/* Folded every 64 bytes: folding is allowed in comments,
		 * so only the nesting is extreme. */
		for (i = 0; i < n; i++)
			put(i % 64 == 63 ? "(\n " : "(", i % 64 == 63 ? 3 : 1);
		puts_("c");
		for (i = 0; i < n; i++)
			put(i % 64 == 63 ? ")\n " : ")", i % 64 == 63 ? 3 : 1);
		puts_(" a@example.com\n\n");
	} else if (strcmp(c, "encwords") == 0) {
		puts_(head);
		puts_("Subject:");
		for (i = 0; i < n; i++)
			puts_(i % 4 == 3 ? " =?utf-8?q?caf=C3=A9?=\n" :
			    " =?utf-8?q?caf=C3=A9?=");
		puts_("\n\n");
	} else if (strcmp(c, "nuls") == 0)
		fill_bytes('\0', n);
	else if (strcmp(c, "crs") == 0)
		fill_bytes('\r', n);
	else if (strcmp(c, "lfs") == 0)
		fill_bytes('\n', n);
	else if (strcmp(c, "random") == 0) {
		for (i = 0; i < n; i++) {
			/* xorshift64 */
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			line[0] = (char)(x >> 24);
			put(line, 1);
		}
	} else if (strcmp(c, "truncutf8") == 0) {
		puts_(head);
		puts_("Subject: caf\xc3");
	} else if (strcmp(c, "noend") == 0) {
		puts_(head);
		for (i = 0; i < n; i++)
			puts_("X-More: value\n");
	} else if (strcmp(c, "mbox") == 0) {
		for (i = 0; i < n; i++)
			puts_("From a@example.com Mon Jan  1 10:00:00 2024\n\n");
	} else {
		fprintf(stderr, "hostile_gen: unknown case: %s\n", c);
		return 2;
	}
	flush();
	if (fflush(stdout) == EOF && errno != EPIPE) {
		perror("hostile_gen");
		return 2;
	}
	return 0;
}
