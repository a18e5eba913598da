# mhlint -- see README.md.  Plain make; C11, libc only.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man

CC ?= cc
CFLAGS ?= -O2 -g
WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wpointer-arith -Wcast-qual -Wformat=2
ALL_CFLAGS = $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Iinclude -Isrc $(CFLAGS) $(WERROR)
AR ?= ar

LIB_SRC = src/reader.c src/engine.c src/rules.c src/sample.c src/mbox.c \
	src/profile_default.c src/profile_amavis.c src/structured.c \
	src/rfc2047.c src/sf_mime.c src/suppress.c \
	src/lex5322.c src/template.c src/sf_date.c src/sf_address.c \
	src/sf_msgid.c src/sf_trace.c \
	src/report.c src/report_amavis.c src/report_text.c \
	src/report_json.c src/report_sarif.c src/report_github.c \
	src/fix.c src/fix_struct.c src/rfc2047enc.c src/annotate.c
LIB_OBJ = $(LIB_SRC:.c=.o)
HDRS = include/mhlint.h src/internal.h src/ruledefs.h src/report.h src/chars.h \
	src/structured.h src/rfc2047.h src/sf_mime.h src/rcfile.h src/suppress.h \
	include/mhlint_fix.h src/fix_internal.h src/cli_fix.h \
	src/inputs.h src/summary.h src/lex5322.h src/sf_date.h src/sf_address.h \
	src/sf_msgid.h

TESTS = tests/test_reader tests/test_rules tests/test_sample \
	tests/test_rfc2047 tests/test_mime tests/test_report tests/test_fix \
	tests/test_mbox tests/test_lexer
TOOLS = tools/mkrules7
TEST_TOOLS = tests/hostile_gen tests/maxrss
TEST_LIBS = -lcmocka

all: mhlint libmhlint.a

libmhlint.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

# The command: options, config file, --fix, inputs (walk, mbox,
# workers) and the summary.
CLI_OBJ = src/main.o src/rcfile.o src/cli_fix.o src/inputs.o src/summary.o

# The library's one use of threads: a table filled once (pthread_once).
LIB_LIBS = -lpthread

mhlint: $(CLI_OBJ) libmhlint.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) libmhlint.a $(LDLIBS) \
	    -lpthread

src/%.o: src/%.c $(HDRS)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

tools/%: tools/%.c libmhlint.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< libmhlint.a $(LIB_LIBS)

tests/test_%: tests/test_%.c tests/collect.h libmhlint.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< libmhlint.a $(TEST_LIBS) \
	    $(LIB_LIBS)

tests/hostile_gen tests/maxrss: tests/hostile_gen.c tests/maxrss.c
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $@.c

# Loaded with LD_PRELOAD by tests/cli.sh: read errors in mid-file.  Built
# without CFLAGS and LDFLAGS, so never with a sanitizer runtime of its own.
tests/eio.so: tests/eio.c
	$(CC) $(WARN) $(WERROR) -O2 -fPIC -shared -o $@ tests/eio.c -ldl

# Unit tests, the golden and command-line end-to-end tests,
# man/mhlint-rules.7 against the rule table, pathological inputs, and the
# fuzz harnesses over their regression inputs.
check: mhlint $(TESTS) $(TOOLS) $(TEST_TOOLS) tests/eio.so fuzz-regress
	@set -e; for t in $(TESTS); do echo "== $$t"; ./$$t; done
	@echo "== tests/golden.sh"; tests/golden.sh
	@echo "== tests/cli.sh"; tests/cli.sh
	@echo "== tests/jsonlines.sh"; tests/jsonlines.sh
	@echo "== tests/fix-corpus.sh"; tests/fix-corpus.sh
	@echo "== tests/man-rules.sh"; tests/man-rules.sh
	@echo "== tests/hostile.sh"; tests/hostile.sh

# Pathological inputs at full size (1 GiB, 10^6 fields ...): wall time and
# peak RSS from /usr/bin/time -v.
bench-hostile: mhlint $(TEST_TOOLS)
	tests/hostile.sh --bench

# Not a test: builds inputs from ../shared/corpus under a temporary
# directory and prints wall times against cat/grep/wc, and peak RSS.
bench: mhlint bench/onemsg
	bench/bench.sh

bench/onemsg: bench/onemsg.c libmhlint.a $(HDRS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ bench/onemsg.c libmhlint.a \
	    $(LIB_LIBS)

# Regenerate man/mhlint-rules.7 from the rule table (review the diff).
man: tools/mkrules7
	tests/man-rules.sh --update

golden-update: mhlint
	tests/golden.sh --update
	@git diff --stat -- testdata/golden || true

# ASan + UBSan build of everything, then the whole check.  ASan's shadow
# memory and quarantine add to every run's peak RSS (about 6 MiB where
# the plain build takes 2), so the hostile tests' 8 MiB ceiling becomes
# 16 MiB there: still far below what memory growing with the 16-64 MiB
# inputs would take.
SANITIZE_MAXRSS_KB = 16384
sanitize:
	$(MAKE) clean
	$(MAKE) CC=clang CFLAGS="-O1 -g -fsanitize=address,undefined \
	    -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=address,undefined" \
	    HOSTILE_MAXRSS_KB=$(SANITIZE_MAXRSS_KB) check
	$(MAKE) clean

# The command line over all of ../shared/corpus, both profiles, every
# format, under ASan + UBSan and under valgrind: no report allowed.
# Needs ../shared (CI has it).
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer

build-asan/mhlint: $(CLI_OBJ:.o=.c) $(LIB_SRC) $(HDRS)
	mkdir -p build-asan
	clang $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude \
	    -Isrc $(SAN_FLAGS) $(WERROR) -o $@ $(CLI_OBJ:.o=.c) $(LIB_SRC) \
	    -lpthread

# The command line under ThreadSanitizer, through tests/cli.sh: workers,
# split mboxes, in-order replay.  Any report fails the run.
build-tsan/mhlint: $(CLI_OBJ:.o=.c) $(LIB_SRC) $(HDRS)
	mkdir -p build-tsan
	clang $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude \
	    -Isrc -O1 -g -fsanitize=thread $(WERROR) -o $@ \
	    $(CLI_OBJ:.o=.c) $(LIB_SRC) -lpthread

tsan: build-tsan/mhlint tests/eio.so
	MHLINT=$$PWD/build-tsan/mhlint TSAN_OPTIONS="halt_on_error=1 exitcode=66" \
	    tests/cli.sh

memcheck: mhlint build-asan/mhlint
	tests/memcheck.sh asan build-asan/mhlint
	tests/memcheck.sh valgrind ./mhlint

# .clang-format is an editor aid: clang-format 14 cannot express KNF's
# four-space continuation lines without realigning them, so it is not
# enforced here; cppcheck is.
lint:
	mandoc -Tlint -W warning man/*.[0-9]
	cppcheck --quiet --enable=warning,portability --std=c11 \
	    --error-exitcode=1 -Iinclude -Isrc \
	    --suppress=missingIncludeSystem src/ fuzz/ tools/ bench/

install: mhlint libmhlint.a
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
	    $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man7
	install -m 755 mhlint $(DESTDIR)$(BINDIR)/mhlint
	install -m 644 libmhlint.a $(DESTDIR)$(LIBDIR)/libmhlint.a
	install -m 644 include/mhlint.h $(DESTDIR)$(INCLUDEDIR)/mhlint.h
	install -m 644 include/mhlint_fix.h $(DESTDIR)$(INCLUDEDIR)/mhlint_fix.h
	install -m 644 man/mhlint.1 $(DESTDIR)$(MANDIR)/man1/mhlint.1
	for m in man/*.7; do [ -f "$$m" ] && \
	    install -m 644 "$$m" $(DESTDIR)$(MANDIR)/man7/; done; true

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mhlint $(DESTDIR)$(LIBDIR)/libmhlint.a \
	    $(DESTDIR)$(INCLUDEDIR)/mhlint.h \
	    $(DESTDIR)$(INCLUDEDIR)/mhlint_fix.h $(DESTDIR)$(MANDIR)/man1/mhlint.1 \
	    $(DESTDIR)$(MANDIR)/man7/mhlint-rules.7

clean:
	rm -f mhlint libmhlint.a src/*.o $(TESTS) $(TOOLS) $(TEST_TOOLS) \
	    tests/eio.so bench/onemsg fuzz/*.bin fuzz/*.regress
	rm -rf build-asan build-tsan

.PHONY: all check bench golden-update man sanitize lint install uninstall \
	clean fuzz fuzz-regress bench-hostile memcheck tsan

# libFuzzer harnesses (clang only): make fuzz FUZZ_TIME=N runs each for N
# seconds, one after the other, and fails on any crash, leak, sanitizer
# report or timeout.  See fuzz/run.sh.
FUZZ_TIME ?= 60
FUZZ_CC ?= clang
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZERS = fuzz_reader fuzz_engine fuzz_fix fuzz_lexer
FUZZ_HDRS = fuzz/fuzz_common.h fuzz/json_check.h

fuzz/%.bin: fuzz/%.c $(LIB_SRC) $(HDRS) $(FUZZ_HDRS)
	$(FUZZ_CC) $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	    -Iinclude -Isrc -Ifuzz $(FUZZ_CFLAGS) $(WERROR) -o $@ $< $(LIB_SRC) \
	    $(LIB_LIBS)

fuzz: $(FUZZERS:%=fuzz/%.bin)
	@set -e; for f in $(FUZZERS); do fuzz/run.sh $$f $(FUZZ_TIME); done

# The harnesses built with any compiler and a plain main(), run once over
# each regression input in testdata/fuzz/NAME/ (part of make check).
fuzz/%.regress: fuzz/%.c fuzz/standalone.c libmhlint.a $(HDRS) $(FUZZ_HDRS)
	$(CC) $(ALL_CFLAGS) -Ifuzz $(LDFLAGS) -o $@ $< fuzz/standalone.c \
	    libmhlint.a $(LIB_LIBS)

fuzz-regress: $(FUZZERS:%=fuzz/%.regress)
	@set -e; for f in $(FUZZERS); do echo "== fuzz/$$f.regress"; \
	    ./fuzz/$$f.regress $$(find testdata/fuzz/$$f testdata/golden \
	    -type f -name '*' 2>/dev/null | sort); done
