#!/bin/sh
# The dependency arrows, checked on every `make check`:
#   - the screen (include/ui*.h, src/ui*.c) never includes cli.h: it works
#     on the application context (app.h), not on the command line;
#   - core (src/*.c but ui*.c and main.c, include/*.h but ui*.h) includes
#     no curses header, so it builds, runs and is tested without a terminal.
# Prints one "bad: FILE:LINE: ..." line per breach; exit 1 when any.
cd "$(dirname "$0")/.." || exit 1
bad=0

for f in include/ui*.h src/ui*.c; do
	[ -f "$f" ] || continue
	if grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]cli\.h[>"]' "$f" |
	    sed "s|^|bad: $f:|; s|\$| (the screen must not include cli.h)|" | grep .; then
		bad=1
	fi
done

for f in src/*.c include/*.h; do
	case "${f##*/}" in ui*.c|ui*.h|main.c) continue ;; esac
	if grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([a-z]*/)?(n?cursesw?|panel|menu|form|term)\.h[>"]' "$f" |
	    sed "s|^|bad: $f:|; s|\$| (core must not include curses)|" | grep .; then
		bad=1
	fi
done

exit $bad
