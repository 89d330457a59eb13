# mendlog - a recovery diary for the terminal.
#
#   make            build ./mendlog
#   make run        install missing build packages (as root), build, start
#   make check      unit tests, end-to-end tests, sanitizer run, man lint
#   make check-browser  the HTML report rendered by headless Chromium
#   make install    PREFIX=/usr/local DESTDIR=
#   make deb        Debian package into build/deb/ (built in a copy of the tree)
#   make check-deb  build, install, remove the package (as root; CI)
#   make uninstall, make clean
#   make fuzz       FUZZ_SECONDS=60: each libFuzzer target (needs clang)
#   make stress     long crash, concurrency and valgrind runs
#   make bench      benchmarks into bench/RESULTS.md

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DOCDIR    ?= $(PREFIX)/share/doc/mendlog
# Where bash-completion, zsh and fish look for a command's completions
# (zsh: Debian's place for packages under /usr, site-functions elsewhere).
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(if $(filter /usr,$(PREFIX)),$(PREFIX)/share/zsh/vendor-completions,$(PREFIX)/share/zsh/site-functions)
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
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
CHECK_DEPS = libcmocka-dev mandoc tmux python3 faketime python3-html5lib \
             bash-completion zsh fish
# ... to build the .deb, and to check it (tests/pkg/test-deb.sh).
DEB_DEPS   = dpkg-dev debhelper
DEB_CHECK_DEPS = lintian man-db

CORE_SRC = $(filter-out src/main.c src/ui%.c,$(wildcard src/*.c))
UI_SRC   = $(wildcard src/ui*.c)
HEADERS  = $(wildcard include/*.h)

B = build
CORE_OBJ = $(CORE_SRC:src/%.c=$(B)/%.o)
UI_OBJ   = $(UI_SRC:src/%.c=$(B)/%.o)

UNIT_SRC  = $(wildcard tests/unit/test-*.c)
UNIT_HDR  = $(wildcard tests/unit/*.h)
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

$(B)/test-%: tests/unit/test-%.c $(CORE_OBJ) $(UNIT_HDR) | $(B)
	$(E) "  TEST    $@"
	$(Q)$(CC) $(CPPFLAGS_ML) -Itests/unit $(CPPFLAGS) $(CFLAGS) $(WARN) -o $@ $< \
	    $(CORE_OBJ) $(CORE_LIBS) $(CMOCKA_LIBS)

$(B)/asan/%.o: src/%.c $(HEADERS) | $(B)/asan
	$(E) "  ASAN    $<"
	$(Q)$(CC) $(CPPFLAGS_ML) $(CPPFLAGS) -O1 -g $(ASAN_FLAGS) $(WARN) -c -o $@ $<

$(B)/asan/test-%: tests/unit/test-%.c $(ASAN_CORE_OBJ) $(UNIT_HDR) | $(B)/asan
	$(E) "  ASAN    $@"
	$(Q)$(CC) $(CPPFLAGS_ML) -Itests/unit $(CPPFLAGS) -O1 -g $(ASAN_FLAGS) $(WARN) \
	    -o $@ $< $(ASAN_CORE_OBJ) $(CORE_LIBS) $(CMOCKA_LIBS)

$(B) $(B)/asan:
	mkdir -p $@

# --- fuzzing (tests/fuzz/) -------------------------------------------
# libFuzzer targets are built with clang into build/fuzz/.  `make check`
# replays each seed corpus once: through the libFuzzer binary when clang is
# there, otherwise through tests/fuzz/replay.c linked with the ASan objects.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS    = -O1 -g -fno-omit-frame-pointer
# clang flags the intended "..." "..." continuation in schema.c's table.
FUZZ_WARN     = $(WARN) -Wno-string-concatenation
FUZZ_TARGETS  = $(patsubst tests/fuzz/fuzz-%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_CORE_OBJ = $(CORE_SRC:src/%.c=$(B)/fuzz/obj/%.o)
HAVE_CLANG   := $(shell command -v $(FUZZ_CC) >/dev/null 2>&1 && echo yes)

$(B)/fuzz/obj/%.o: src/%.c $(HEADERS) | $(B)/fuzz/obj
	$(FUZZ_CC) $(CPPFLAGS_ML) $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer-no-link,address,undefined $(FUZZ_WARN) -c -o $@ $<

$(B)/fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h $(FUZZ_CORE_OBJ)
	$(FUZZ_CC) $(CPPFLAGS_ML) -Itests/fuzz $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer,address,undefined $(FUZZ_WARN) -o $@ $< \
	    $(FUZZ_CORE_OBJ) $(CORE_LIBS)

$(B)/fuzz/replay-%: tests/fuzz/fuzz-%.c tests/fuzz/replay.c tests/fuzz/fuzz.h \
    $(ASAN_CORE_OBJ) | $(B)/fuzz
	$(CC) $(CPPFLAGS_ML) -Itests/fuzz -O1 -g $(ASAN_FLAGS) $(WARN) -o $@ \
	    $< tests/fuzz/replay.c $(ASAN_CORE_OBJ) $(CORE_LIBS)

# Keep the objects between runs (they are only named in a pattern rule).
.SECONDARY: $(FUZZ_CORE_OBJ)

$(B)/fuzz $(B)/fuzz/obj:
	mkdir -p $@

# What `make check` replays the seeds with.
ifeq ($(HAVE_CLANG),yes)
fuzz-regress: $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz-%)
else
fuzz-regress: $(FUZZ_TARGETS:%=$(B)/fuzz/replay-%)
endif

fuzz: $(FUZZ_TARGETS:%=$(B)/fuzz/fuzz-%)
	@for t in $(FUZZ_TARGETS); do \
	    sh tests/fuzz/run.sh $$t $(FUZZ_SECONDS) || exit 1; \
	done

# --- failing disk (tests/faults/) ---------------------------------------
# Its own link line: the C library calls a save makes are wrapped so the
# test can make each one fail in turn.
FAULT_WRAP = write fsync fflush fclose fdopen fwrite rename link mkstemp fchmod
$(B)/faults/test-%: tests/faults/test-%.c $(ASAN_CORE_OBJ) | $(B)/faults
	$(CC) $(CPPFLAGS_ML) -Itests/unit $(CPPFLAGS) -O1 -g $(ASAN_FLAGS) $(WARN) \
	    -o $@ $< $(ASAN_CORE_OBJ) $(FAULT_WRAP:%=-Wl,--wrap=%) \
	    $(CORE_LIBS) $(CMOCKA_LIBS)

$(B)/faults:
	mkdir -p $@

FAULT_BIN = $(patsubst tests/faults/%.c,$(B)/faults/%,$(wildcard tests/faults/test-*.c))
faults: $(FAULT_BIN)

# --- long runs and benchmarks -----------------------------------------
stress: mendlog
	@sh tests/stress.sh

# Floor programs the benchmarks compare mendlog against.
$(B)/bench/floor-csv: tests/bench/floor-csv.c | $(B)/bench
	$(CC) $(CFLAGS) $(WARN) -o $@ $< -lcsv

$(B)/bench/floor-curses: tests/bench/floor-curses.c | $(B)/bench
	$(CC) -D_XOPEN_SOURCE_EXTENDED $(CURSES_CFLAGS) $(CFLAGS) $(WARN) -o $@ $< \
	    $(CURSES_LIBS)

$(B)/bench:
	mkdir -p $@

bench: mendlog $(B)/bench/floor-csv $(B)/bench/floor-curses
	@python3 tests/bench/bench.py

# Install what is missing from Debian's packages: as root with apt-get,
# otherwise print the exact command and stop.  Elsewhere, trust the build.
deps:
	@sh tests/deps.sh $(BUILD_DEPS)

check-deps:
	@sh tests/deps.sh $(BUILD_DEPS) $(CHECK_DEPS)

run: deps
	@$(MAKE) --no-print-directory mendlog
	@echo "mendlog: starting ./mendlog (the binary is $(CURDIR)/mendlog)"
	@./mendlog; rc=$$?; \
	echo "mendlog: run it again with ./mendlog; to type just 'mendlog' in this"; \
	echo "         shell: export PATH=\"$(CURDIR):\$$PATH\"; everywhere, with man"; \
	echo "         pages and completion: 'sudo make install' (or 'make deb')"; \
	exit $$rc

unit: $(UNIT_BIN)
asan-unit: $(ASAN_UNIT_BIN)

check: check-deps
	@$(MAKE) --no-print-directory mendlog unit asan-unit faults fuzz-regress
	@sh tests/run.sh

# Heavier than `make check` (it installs Chromium): run separately, and by CI.
check-browser: mendlog
	@sh tests/deps.sh $(CHECK_DEPS) chromium poppler-utils python3-pil
	@bash tests/browser/test-report-render.sh

install: mendlog
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(DOCDIR)
	install -m 0755 mendlog $(DESTDIR)$(BINDIR)/mendlog
	install -m 0644 man/mendlog.1 $(DESTDIR)$(MANPREFIX)/man1/mendlog.1
	install -m 0644 man/mendlog.5 $(DESTDIR)$(MANPREFIX)/man5/mendlog.5
	install -m 0644 config.example $(DESTDIR)$(DOCDIR)/config.example
	@# Shell completions (debian/mendlog.install lists them too, or
	@# dh_missing stops the package build).
	install -d $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	    $(DESTDIR)$(FISHCOMPDIR)
	install -m 0644 completion/mendlog.bash $(DESTDIR)$(BASHCOMPDIR)/mendlog
	install -m 0644 completion/_mendlog $(DESTDIR)$(ZSHCOMPDIR)/_mendlog
	install -m 0644 completion/mendlog.fish \
	    $(DESTDIR)$(FISHCOMPDIR)/mendlog.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mendlog $(DESTDIR)$(MANPREFIX)/man1/mendlog.1 \
	    $(DESTDIR)$(MANPREFIX)/man5/mendlog.5 $(DESTDIR)$(DOCDIR)/config.example \
	    $(DESTDIR)$(BASHCOMPDIR)/mendlog $(DESTDIR)$(ZSHCOMPDIR)/_mendlog \
	    $(DESTDIR)$(FISHCOMPDIR)/mendlog.fish
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

# --- Debian package (debian/) -------------------------------------------
# dpkg-buildpackage writes into the tree it builds and beside it, so it
# runs in a copy under build/deb/ and the .deb is left there.
DEB_SRC = $(B)/deb/mendlog

deb:
	@sh tests/deps.sh $(BUILD_DEPS) $(DEB_DEPS)
	rm -rf $(B)/deb
	mkdir -p $(DEB_SRC)
	tar -cf - --exclude=./build --exclude=./.git --exclude=./mendlog . | \
	    tar -xf - -C $(DEB_SRC)
	cd $(DEB_SRC) && dpkg-buildpackage -us -uc -b
	@ls $(B)/deb/*.deb

check-deb:
	@sh tests/deps.sh $(BUILD_DEPS) $(DEB_DEPS) $(DEB_CHECK_DEPS)
	@sh tests/pkg/test-deb.sh

clean:
	rm -rf $(B) mendlog

# Keep sanitizer objects between runs (they are not intermediate files).
.SECONDARY: $(ASAN_CORE_OBJ)

.PHONY: all run deps check-deps unit asan-unit check check-browser install \
    uninstall clean \
    fuzz fuzz-regress faults stress bench deb check-deb
