#!/bin/sh
# Run every test layer of mendlog and end with one line
# "total: N passed, N failed, N skipped".  A skip (a cmocka skip(), an e2e
# "skip - why" line) is counted apart: it neither passes nor fails, but the
# summary says how much did not run.
#   unit:  build/test-*        (cmocka, one binary per core module)
#   asan:  build/asan/test-*   (the same under AddressSanitizer + UBSan)
#   faults: build/faults/test-* (cmocka, failing C library calls)
#   fuzz:  each fuzz target over tests/fuzz/seeds-TARGET once
#   e2e:   tests/e2e/test-*.sh (the real binary, CLI and tmux at 80x24)
#   includes: tests/check-includes.sh (screen without cli.h, core
#          without curses)
#   man:   mandoc -Tlint on man/*
# Set TESTS=pattern to run only the matching unit binaries / e2e scripts.
cd "$(dirname "$0")/.." || exit 1
pass=0
fail=0
skipped=0
failed_names=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT
pattern=${TESTS:-}

note_fail() { failed_names="$failed_names $1"; }

# cmocka prints "[  PASSED  ] N test(s).", "[  FAILED  ] N test(s), ..."
# and "[  SKIPPED ] N test(s), ...".
run_cmocka() {
	name=$1
	shift
	"$@" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	s=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	s=${s:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1		# crashed or sanitizer abort before the summary
	fi
	if [ "$f" -gt 0 ]; then
		cat "$log"
		note_fail "$name"
	fi
	report "$name" "$p" "$f" "$s"
}

# report NAME PASSED FAILED SKIPPED: one line per test binary or script,
# and the totals.
report() {
	if [ "$4" -gt 0 ]; then
		echo "$1: $2 passed, $3 failed, $4 skipped"
		grep -E '^\[  SKIPPED \] test_|^skip ' "$log" | sort -u | sed 's/^/    /'
	else
		echo "$1: $2 passed, $3 failed"
	fi
	pass=$((pass + $2))
	fail=$((fail + $3))
	skipped=$((skipped + $4))
}

for t in build/test-*; do
	[ -x "$t" ] || continue
	case "$t" in *"$pattern"*) ;; *) continue ;; esac
	run_cmocka "unit/${t##*/}" "$t"
done

for t in build/asan/test-*; do
	[ -x "$t" ] || continue
	case "$t" in *"$pattern"*) ;; *) continue ;; esac
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    run_cmocka "asan/${t##*/}" "$t"
done

# faults: cmocka tests whose C library calls are wrapped to fail on demand.
for t in build/faults/test-*; do
	[ -x "$t" ] || continue
	case "$t" in *"$pattern"*) ;; *) continue ;; esac
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    run_cmocka "faults/${t##*/}" "$t"
done

# fuzz: every fuzz target once over its seed corpus (crashes found by
# fuzzing are kept there as regression inputs).  The libFuzzer binary when
# clang built one, else the plain replay driver.
for s in tests/fuzz/seeds-*; do
	[ -d "$s" ] || continue
	name=${s#tests/fuzz/seeds-}
	case "fuzz-$name" in *"$pattern"*) ;; *) continue ;; esac
	if command -v clang >/dev/null 2>&1 && [ -x "build/fuzz/fuzz-$name" ]; then
		"build/fuzz/fuzz-$name" "$s"/* >"$log" 2>&1
	else
		"build/fuzz/replay-$name" "$s" >"$log" 2>&1
	fi
	if [ $? -eq 0 ]; then
		pass=$((pass + 1))
		echo "fuzz/$name: $(ls "$s" | wc -l) seeds replayed, 0 failed"
	else
		grep -E 'promise broken|ERROR|SUMMARY|Running:|replayed' "$log" | tail -n 20
		fail=$((fail + 1))
		note_fail "fuzz-$name"
		echo "fuzz/$name: 0 passed, 1 failed"
	fi
done

for t in tests/e2e/test-*.sh; do
	[ -f "$t" ] || continue
	case "$t" in *"$pattern"*) ;; *) continue ;; esac
	bash "$t" >"$log" 2>&1
	rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	s=$(grep -c '^skip ' "$log")
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	if [ "$f" -gt 0 ]; then
		grep -v '^ok ' "$log"
		note_fail "${t##*/}"
	fi
	report "e2e/${t##*/}" "$p" "$f" "$s"
done

# includes: the screen never includes cli.h; core never includes curses.
if [ -z "$pattern" ] || [ "$pattern" = includes ]; then
	if sh tests/check-includes.sh >"$log" 2>&1; then
		pass=$((pass + 1))
		echo "includes: screen without cli.h, core without curses"
	else
		cat "$log"
		fail=$((fail + 1))
		note_fail includes
		echo "includes: 0 passed, 1 failed"
	fi
fi

if [ -z "$pattern" ] || [ "$pattern" = man ]; then
	if mandoc -Tlint -W warning man/mendlog.1 man/mendlog.5 >"$log" 2>&1; then
		pass=$((pass + 1))
		echo "man: mandoc -Tlint clean"
	else
		cat "$log"
		fail=$((fail + 1))
		note_fail man
	fi
fi

[ -n "$failed_names" ] && echo "failed:$failed_names"
echo "total: $pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
