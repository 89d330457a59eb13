# mendlog - a recovery diary for the terminal.
#
#   make            build ./mendlog
#   make run        install missing build packages (as root), build, start
#   make check      unit tests, end-to-end tests, sanitizer run, man lint
#   make install    PREFIX=/usr/local DESTDIR=
#   make uninstall, make clean

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DOCDIR    ?= $(PREFIX)/share/doc/mendlog
DESTDIR   ?=

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -Wall -Wextra -Werror -Wshadow -Wconversion -Wno-sign-conversion \
           -Wstrict-prototypes -Wmissing-prototypes
CPPFLAGS_ML = -std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
              -D_XOPEN_SOURCE_EXTENDED -Iinclude

# ncursesw through pkg-config when it is there; libcsv ships no .pc file.
# (its -D_XOPEN_SOURCE=600 would clash with ours)
CURSES_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags ncursesw 2>/dev/null))
CURSES_LIBS   := $(shell pkg-config --libs ncursesw 2>/dev/null || echo -lncursesw)
INIH_LIBS     := $(shell pkg-config --libs inih 2>/dev/null || echo -linih)
CORE_LIBS      = -lcsv $(INIH_LIBS) -lm
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

# Debian packages: to build, and to run the tests.
BUILD_DEPS = gcc make pkg-config libncurses-dev libcsv-dev libinih-dev
CHECK_DEPS = libcmocka-dev mandoc tmux python3 faketime

CORE_SRC = $(filter-out src/main.c src/ui%.c,$(wildcard src/*.c))
UI_SRC   = $(wildcard src/ui*.c)
HEADERS  = $(wildcard include/*.h)

B = build
CORE_OBJ = $(CORE_SRC:src/%.c=$(B)/%.o)
UI_OBJ   = $(UI_SRC:src/%.c=$(B)/%.o)

UNIT_SRC  = $(wildcard tests/unit/test-*.c)
UNIT_BIN  = $(UNIT_SRC:tests/unit/%.c=$(B)/%)
ASAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_CORE_OBJ = $(CORE_SRC:src/%.c=$(B)/asan/%.o)
ASAN_UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/asan/%)

# Short build lines; `make V=1` shows whole commands.
ifeq ($(V),1)
Q =
E = @true
else
Q = @
E = @echo
endif

all: mendlog

mendlog: $(CORE_OBJ) $(UI_OBJ) $(B)/main.o
	$(E) "  LD      $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CORE_LIBS) $(CURSES_LIBS)

$(B)/ui%.o: src/ui%.c $(HEADERS) | $(B)
	$(E) "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS_ML) $(CURSES_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(WARN) -c -o $@ $<

$(B)/%.o: src/%.c $(HEADERS) | $(B)
	$(E) "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS_ML) $(CPPFLAGS) $(CFLAGS) $(WARN) -c -o $@ $<

$(B)/test-%: tests/unit/test-%.c $(CORE_OBJ) tests/unit/testutil.h | $(B)
	$(E) "  TEST    $@"
	$(Q)$(CC) $(CPPFLAGS_ML) -Itests/unit $(CPPFLAGS) $(CFLAGS) $(WARN) -o $@ $< \
	    $(CORE_OBJ) $(CORE_LIBS) $(CMOCKA_LIBS)

$(B)/asan/%.o: src/%.c $(HEADERS) | $(B)/asan
	$(E) "  ASAN    $<"
	$(Q)$(CC) $(CPPFLAGS_ML) $(CPPFLAGS) -O1 -g $(ASAN_FLAGS) $(WARN) -c -o $@ $<

$(B)/asan/test-%: tests/unit/test-%.c $(ASAN_CORE_OBJ) tests/unit/testutil.h | $(B)/asan
	$(E) "  ASAN    $@"
	$(Q)$(CC) $(CPPFLAGS_ML) -Itests/unit $(CPPFLAGS) -O1 -g $(ASAN_FLAGS) $(WARN) \
	    -o $@ $< $(ASAN_CORE_OBJ) $(CORE_LIBS) $(CMOCKA_LIBS)

$(B) $(B)/asan:
	mkdir -p $@

# Install what is missing from Debian's packages: as root with apt-get,
# otherwise print the exact command and stop.  Elsewhere, trust the build.
deps:
	@sh tests/deps.sh $(BUILD_DEPS)

check-deps:
	@sh tests/deps.sh $(BUILD_DEPS) $(CHECK_DEPS)

run: deps
	@$(MAKE) --no-print-directory mendlog
	./mendlog

unit: $(UNIT_BIN)
asan-unit: $(ASAN_UNIT_BIN)

check: check-deps
	@$(MAKE) --no-print-directory mendlog unit asan-unit
	@sh tests/run.sh

install: mendlog
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(DOCDIR)
	install -m 0755 mendlog $(DESTDIR)$(BINDIR)/mendlog
	install -m 0644 man/mendlog.1 $(DESTDIR)$(MANPREFIX)/man1/mendlog.1
	install -m 0644 man/mendlog.5 $(DESTDIR)$(MANPREFIX)/man5/mendlog.5
	install -m 0644 config.example $(DESTDIR)$(DOCDIR)/config.example

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mendlog $(DESTDIR)$(MANPREFIX)/man1/mendlog.1 \
	    $(DESTDIR)$(MANPREFIX)/man5/mendlog.5 $(DESTDIR)$(DOCDIR)/config.example
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

clean:
	rm -rf $(B) mendlog

# Keep sanitizer objects between runs (they are not intermediate files).
.SECONDARY: $(ASAN_CORE_OBJ)

.PHONY: all run deps check-deps unit asan-unit check install uninstall clean
