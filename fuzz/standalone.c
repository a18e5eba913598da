/*
 * A main() for the fuzz harnesses without libFuzzer: runs the harness
 * once over each file named on the command line.  This is how the
 * regression inputs in testdata/fuzz/ run under make check with any
 * compiler.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char *argv[])
{
	FILE *fp;
	unsigned char *buf = NULL, *nbuf;
	size_t len, cap = 0;
	size_t n;
	int i;

	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return 2;
		}
		len = 0;
		for (;;) {
			if (len == cap) {
				cap = cap * 2 + 65536;
				if ((nbuf = realloc(buf, cap)) == NULL) {
					perror("realloc");
					return 2;
				}
				buf = nbuf;
			}
			n = fread(buf + len, 1, cap - len, fp);
			if (n == 0)
				break;
			len += n;
		}
		if (ferror(fp)) {
			perror(argv[i]);
			return 2;
		}
		fclose(fp);
		LLVMFuzzerTestOneInput(buf, len);
	}
	free(buf);
	printf("%s: %d input(s) ok\n", argv[0], argc - 1);
	return 0;
}
