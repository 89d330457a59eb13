#!/bin/bash
# Crash safety (issue 7): kill -9 a writer at random points during saves.
#
# A diary of a few thousand days makes each save take a few milliseconds;
# each round starts a writer for a new day and kills it after a random
# delay drawn from 0 to the time a save takes (measured first; starting
# the sleep adds a little).  After every kill:
#   - `mendlog check` is clean (every file parses; FILE.bak too);
#   - every save that had returned success is present, whole;
#   - a killed save is either absent or whole (never half a note);
#   - the rows that were there before are all intact.
# CRASH_KILLS rounds (20 here; `make stress` runs 200), CRASH_SEED to
# replay a run.  Writers are functions: writer_log (`mendlog log`) and
# writer_screen (the day form in tmux: type a note, Enter saves it); each
# round runs every writer in CRASH_WRITERS.
. "$(dirname "$0")/lib.sh"

KILLS=${CRASH_KILLS:-20}
SEED=${CRASH_SEED:-$$}
WRITERS=${CRASH_WRITERS:-log screen}
PREFILL=${CRASH_PREFILL:-3000}
RANDOM=$SEED
echo "# seed $SEED, $KILLS kills, writers: $WRITERS"
E="$D/entries.csv"
OK="$T/succeeded"	# "DATE TOKEN" of every save that returned 0
TRIED="$T/tried"	# every save started, killed or not
: >"$OK"
: >"$TRIED"

# A diary of PREFILL days, written directly (the writer under test is
# mendlog; the fixture needs only to be valid).
# The writers log days up to 2100: "today" is after them, since a day
# after today is refused (issue 12).  The screen writer sets its own.
export MENDLOG_NOW=2101-01-01T10:00:00
"$ML" -d "$D" log --date 2000-01-01 back_pain=1 >/dev/null || exit 1
python3 - "$E" "$PREFILL" <<'PY'
import csv, datetime, sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, newline='', encoding='utf-8') as f:
    header = next(csv.reader(f))
with open(path, 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(header)
    d0 = datetime.date(2000, 1, 1)
    for i in range(n):
        row = dict.fromkeys(header, '')
        row['date'] = (d0 + datetime.timedelta(days=i)).isoformat()
        row['back_pain'] = str(i % 11)
        row['notes'] = f'prefill {i}: walked, "stretched", ümlaut\nsecond line'
        w.writerow([row[h] for h in header])
PY

# The checker: all of the promises above, in one pass over the file.
cat >"$T/verify.py" <<'PY'
import csv, datetime, sys
path, n, ok_path, tried_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = {}
with open(path, newline='', encoding='utf-8') as f:
    for r in csv.DictReader(f):
        if r['date'] in rows:
            sys.exit('duplicate day ' + r['date'])
        rows[r['date']] = r
d0 = datetime.date(2000, 1, 1)
for i in range(n):
    d = (d0 + datetime.timedelta(days=i)).isoformat()
    want = f'prefill {i}: walked, "stretched", ümlaut\nsecond line'
    if d not in rows or rows[d]['notes'] != want or rows[d]['back_pain'] != str(i % 11):
        sys.exit('prefilled day lost or changed: ' + d)
for line in open(ok_path):
    d, tok = line.split()
    if d not in rows or rows[d]['notes'] != tok:
        sys.exit('a save that returned success is missing: ' + d)
for line in open(tried_path):
    d, tok = line.split()
    if d in rows and rows[d]['notes'] != tok:
        sys.exit('a killed save left a torn value on ' + d)
PY

verify() {
	python3 "$T/verify.py" "$E" "$PREFILL" "$OK" "$TRIED"
}

# writer_log DATE TOKEN: start `mendlog log` in the background; sets pid.
writer_log() {
	"$ML" -d "$D" log --date "$1" "notes=$2" back_pain=5 >/dev/null 2>&1 &
	pid=$!
}

# writer_screen DATE TOKEN: the screen on DATE (its "today"), in tmux:
# open the notes field, type TOKEN, and press Enter, which saves it.  Sets
# pid to the mendlog process.  The pane runs nothing after mendlog, so
# what it last drew stays there to be read after the kill.
writer_screen() {
	tm kill-server 2>/dev/null
	# A new session while the old server is still exiting would fail.
	for _ in $(seq 100); do
		tm list-sessions >/dev/null 2>&1 || break
		sleep 0.02
	done
	tm -f /dev/null new-session -d -s main -x 80 -y 24 \
	    "env HOME='$HOME' TERM=tmux-256color MENDLOG_NOW=${1}T10:00:00 $ML -d $D; sleep 30"
	tm set-option -t main status off >/dev/null 2>&1
	wait_for 'Back pain \(average\)' 5 || return 1
	tm_to_notes; tm_send Enter
	wait_for 'Enter save' 5 || return 1
	tm_type "$2"
	wait_for "Notes +$2" 5 || return 1
	pid=$(pgrep -P "$(tm list-panes -t main -F '#{pane_pid}')" mendlog)
	tm_send Enter
}

# screen_saved: did the screen's save return success before the kill?
# "saved HH:MM" shows only after the rename (a fresh screen has saved
# nothing else).  Not shown = counted as killed: the file may then hold
# the value or not, but never half of it.
screen_saved() {
	tm_screen | grep -Eq 'saved [0-9]{2}:[0-9]{2}'
}

# How long one save takes here, in microseconds (median of 5).
save_us=$(for i in 1 2 3 4 5; do
	s=$(date +%s%N)
	"$ML" -d "$D" log --date 2100-01-0$i mood=1 >/dev/null
	echo $(( ($(date +%s%N) - s) / 1000 ))
done | sort -n | sed -n 3p)
echo "# one save takes about ${save_us} us"

killed=0
finished=0
for round in $(seq 1 "$KILLS"); do
	wi=0
	for w in $WRITERS; do
		# Each writer its own day: a day is written once, by one save.
		day=$(date -d "2030-01-01 + $((wi * 1000 + round)) days" +%F)
		token="r${round}${w}_$RANDOM"
		wi=$((wi + 1))
		echo "$day $token" >>"$TRIED"
		pid=""
		if ! "writer_$w" "$day" "$token" || [ -z "$pid" ]; then
			not_ok "round $round ($w): the writer did not start"
			continue
		fi
		delay=$(( (RANDOM * 32768 + RANDOM) % (save_us + 1) ))
		sleep "$(printf '0.%06d' "$delay")"
		kill -9 "$pid" 2>/dev/null
		if [ "$w" = screen ]; then
			# Let tmux read what the screen wrote before it died.
			sleep 0.05
			screen_saved
			rc=$?
		else
			wait "$pid" 2>/dev/null
			rc=$?
		fi
		if [ "$rc" -eq 0 ]; then
			echo "$day $token" >>"$OK"
			finished=$((finished + 1))
		else
			killed=$((killed + 1))
		fi
		if ! out=$("$ML" -d "$D" check 2>&1); then
			not_ok "round $round ($w): check after kill: $out"
			continue
		fi
		if ! out=$(verify 2>&1); then
			not_ok "round $round ($w): $out"
			continue
		fi
		if [ -f "$E.bak" ] && ! python3 -c '
import csv, sys; list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))' "$E.bak"; then
			not_ok "round $round ($w): $E.bak does not parse"
			continue
		fi
		ok "round $round ($w): $([ "$rc" -eq 0 ] && echo saved || echo killed), diary whole"
	done
done
echo "# $killed writers killed mid-run, $finished finished first"
check "some writers were killed mid-run" test "$killed" -gt 0

# The next save cleans up whatever temp files the kills left.
"$ML" -d "$D" log --date 2100-02-01 mood=2 >/dev/null
check "no temp file left after the next save" \
    test -z "$(find "$D" -name '*.tmp.*')"
check "check clean at the end" "$ML" -d "$D" check 2>/dev/null
finish
