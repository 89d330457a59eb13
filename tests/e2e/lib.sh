# tests/e2e/lib.sh - shared helpers for end-to-end tests (source it).
#
# Every test gets a fresh temporary HOME and data directory, a private tmux
# server (its own socket), and counts its checks; `finish` prints
# "N passed, N failed" and sets the exit status.  Waits are bounded polls,
# never blind sleeps.

set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
ML=${ML:-$TOP/mendlog}
T=$(mktemp -d "${TMPDIR:-/tmp}/mendlog-e2e.XXXXXX")
export HOME="$T/home"
mkdir -p "$HOME"
unset MENDLOG_DIR MENDLOG_CONFIG MENDLOG_NOW XDG_DATA_HOME XDG_CONFIG_HOME NO_COLOR
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=${TZ:-UTC}
D="$T/data"			# the data directory most tests use
TMUX_SOCK="mendlog-test-$$"
pass=0
fail=0

cleanup() {
	tmux -L "$TMUX_SOCK" kill-server 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

ok() { pass=$((pass + 1)); echo "ok - $*"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $*"; }

# check DESCRIPTION COMMAND...: pass when COMMAND succeeds.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		printf '    expected: %s\n    actual:   %s\n' "$2" "$3"
	fi
}

finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}

# CSV field of a row, read with Python's csv module (an independent reader).
# csv_field FILE KEYCOL KEYVAL COL
csv_field() {
	python3 - "$@" <<'PY'
import csv, sys
path, keycol, keyval, col = sys.argv[1:5]
with open(path, newline='', encoding='utf-8-sig') as f:
    for row in csv.DictReader(f):
        if row.get(keycol) == keyval:
            sys.stdout.write(row.get(col, ''))
            break
PY
}

# --- tmux -------------------------------------------------------------
tm() { tmux -L "$TMUX_SOCK" "$@"; }

# tm_start [WIDTH HEIGHT] -- COMMAND...: start COMMAND in a fresh session.
tm_start() {
	w=80
	h=24
	if [ "$1" != "--" ]; then w=$1; h=$2; shift 2; fi
	shift
	tm kill-server 2>/dev/null
	tm -f /dev/null new-session -d -s main -x "$w" -y "$h" \
	    "env HOME='$HOME' TERM=${TERM_E2E:-tmux-256color} $*; echo __EXITED__ \$?; sleep 30"
	tm set-option -t main status off >/dev/null 2>&1
}

# An empty diary starts with the first-start form (issue 12): Esc skips
# it.  Returns once the day form is shown.
skip_first_start() {
	wait_for 'Back pain \(average\)|What was done, and when' 5 || return 1
	if tm_screen | grep -q 'What was done, and when'; then
		tm_send Escape
	fi
	wait_for 'Back pain \(average\)' 5
}

tm_send() { tm send-keys -t main "$@"; }
tm_type() { tm send-keys -t main -l "$1"; }	# literal text
tm_screen() { tm capture-pane -p -t main; }
# On the day form: the cursor to Notes.  End is the last field; since
# issue 13 the ten new signs follow Notes in the file's (and the form's)
# order, so Notes is ten fields above it.
tm_to_notes() {
	tm_send End
	for _ in 1 2 3 4 5 6 7 8 9 10; do tm_send k; done
}

# wait_for PATTERN [SECONDS]: poll the screen until grep -E matches.
wait_for() {
	pat=$1
	limit=${2:-5}
	end=$(( $(date +%s%N) / 1000000 + limit * 1000 ))
	while :; do
		if tm_screen | grep -Eq -- "$pat"; then return 0; fi
		[ $(( $(date +%s%N) / 1000000 )) -ge "$end" ] && break
		sleep 0.05
	done
	echo "    timed out after ${limit}s waiting for: $pat" >&2
	tm_screen | sed 's/^/    | /' >&2
	return 1
}

# wait_gone PATTERN [SECONDS]: poll until the pattern is no longer shown.
wait_gone() {
	pat=$1
	limit=${2:-5}
	end=$(( $(date +%s%N) / 1000000 + limit * 1000 ))
	while tm_screen | grep -Eq -- "$pat"; do
		[ $(( $(date +%s%N) / 1000000 )) -ge "$end" ] && return 1
		sleep 0.05
	done
	return 0
}

# wait_file_has FILE PATTERN [SECONDS]
wait_file_has() {
	limit=${3:-5}
	end=$(( $(date +%s%N) / 1000000 + limit * 1000 ))
	while ! grep -Eq -- "$2" "$1" 2>/dev/null; do
		[ $(( $(date +%s%N) / 1000000 )) -ge "$end" ] && return 1
		sleep 0.05
	done
	return 0
}
