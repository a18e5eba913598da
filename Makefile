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

LIB_SRC = src/reader.c src/engine.c src/rules.c src/sample.c \
	src/profile_default.c src/profile_amavis.c \
	src/report.c src/report_amavis.c src/report_text.c
LIB_OBJ = $(LIB_SRC:.c=.o)
HDRS = include/mhlint.h src/internal.h src/ruledefs.h src/report.h

all: mhlint

libmhlint.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

mhlint: src/main.o libmhlint.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ src/main.o libmhlint.a $(LDLIBS)

src/%.o: src/%.c $(HDRS)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

clean:
	rm -f mhlint libmhlint.a src/*.o

.PHONY: all clean
