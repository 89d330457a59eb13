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
# replay a run.  Writers are functions: writer_log now; writer_screen slots
# in when the screen can save (start it in tmux, type, save, kill the pane).
. "$(dirname "$0")/lib.sh"

KILLS=${CRASH_KILLS:-20}
SEED=${CRASH_SEED:-$$}
WRITERS=${CRASH_WRITERS:-log}
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

# writer_screen DATE TOKEN: the screen variant, once the Today screen can
# save (issue 3).  Start `mendlog` in tmux on DATE, type TOKEN into notes,
# press the save key, and set pid to the mendlog process (tm list-panes
# -F '#{pane_pid}'), so the kill lands in the screen's save.
writer_screen() {
	echo "writer_screen: not wired yet (needs the screen's save key)" >&2
	exit 1
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
	day=$(date -d "2030-01-01 + $round days" +%F)
	token="r${round}_$RANDOM"
	for w in $WRITERS; do
		echo "$day $token" >>"$TRIED"
		"writer_$w" "$day" "$token"
		delay=$(( (RANDOM * 32768 + RANDOM) % (save_us + 1) ))
		sleep "$(printf '0.%06d' "$delay")"
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		rc=$?
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
