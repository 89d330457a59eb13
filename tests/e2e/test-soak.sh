#!/bin/bash
# Concurrency soak (issue 7): 4 writers hammer one diary for SOAK_SECONDS
# (5 here; `make stress` runs 60) and nothing is lost.
#
# All writers write the same 40 days, each its own field, so every save
# races the others on the same rows: a lost update would show as a field
# whose final value is not the last one its writer saved.  Writers are
# functions: writer_log (`mendlog log`) and writer_screen (the day form in
# tmux: a score digit saves at once, `[` goes back a day); two of each by
# default.  Every save must succeed: the lock waits, it never gives up.
#
# What is asserted does not depend on how fast the machine is: no writer
# failed, each saved at least once, every save that reported success is
# in the file (its writer's last value for that day), and the file has
# one row for each day someone saved, no more.  How many saves fit in
# SOAK_SECONDS is only printed (a loaded 2-core machine does far fewer).
. "$(dirname "$0")/lib.sh"

SECS=${SOAK_SECONDS:-5}
# The writers' days are in January 2027: "today" is the 28th for every
# writer, since a day after today is refused (issue 12).
export MENDLOG_NOW=2027-01-28T10:00:00
WRITERS=${SOAK_WRITERS:-"screen screen log log"}
FIELDS=(back_pain leg_pain notes mood)
E="$D/entries.csv"
mkdir -p "$T/w"

# writer_log N: loop until the deadline, setting field N on rotating days;
# append "DAY VALUE" to $T/w/N.ok after each success, count failures.
writer_log() {
	n=$1
	field=${FIELDS[$n]}
	k=0
	fails=0
	end=$(( $(date +%s) + SECS ))
	# At least one save, however late the writer got going.
	while [ "$k" -eq 0 ] || [ "$(date +%s)" -lt "$end" ]; do
		day=$(printf '2027-01-%02d' $(( k % 28 + 1 )))
		case $field in
		notes) value="w$n, k=$k \"quoted\" é" ;;
		*) value=$(( (k * 7 + n) % 11 )) ;;
		esac
		if "$ML" -d "$D" log --date "$day" "$field=$value" 2>>"$T/w/$n.err"; then
			printf '%s\t%s\n' "$day" "$value" >>"$T/w/$n.ok"
		else
			fails=$((fails + 1))
		fi
		k=$((k + 1))
	done
	echo "$fails" >"$T/w/$n.fails"
}

# writer_screen N: a screen in tmux session wN, opened on 2027-01-28,
# setting score field N (back_pain or leg_pain: the form's first and
# third rows) on each day from the 28th back to the 1st, then again.  A
# save counts once the form shows the new value on that day, which it
# draws from the store after the save; each value differs from the day's
# last one, so an old value never passes for a new one.
writer_screen() {
	n=$1
	field=${FIELDS[$n]}
	case $field in
	back_pain) label='Back pain \(average\)' moves="" ;;
	leg_pain) label='Leg pain' moves="j j" ;;
	*) echo "writer_screen: no score field $field" >&2; echo 1 >"$T/w/$n.fails"; return ;;
	esac
	s="w$n"
	fails=0
	declare -A last
	tm new-session -d -s "$s" -x 80 -y 24 \
	    "env HOME='$HOME' TERM=tmux-256color MENDLOG_NOW=2027-01-28T10:00:00 $ML -d $D; sleep 60"
	# An empty diary opens on the first-start form (issue 12): Esc.
	if ! screen_wait "$s" 'Back pain \(average\)|What was done, and when'; then
		echo 1 >"$T/w/$n.fails"
		return
	fi
	if tm_screen_of "$s" | grep -q 'What was done, and when'; then
		tm send-keys -t "$s" Escape
	fi
	if ! screen_wait "$s" 'Back pain \(average\)'; then
		echo 1 >"$T/w/$n.fails"
		return
	fi
	# shellcheck disable=SC2086
	[ -n "$moves" ] && tm send-keys -t "$s" $moves
	k=0
	end=$(( $(date +%s) + SECS ))
	while [ "$k" -eq 0 ] || [ "$(date +%s)" -lt "$end" ]; do
		day=$(printf '2027-01-%02d' $(( 28 - k % 28 )))
		value=$(( (${last[$day]:-2} - 2 + 1 + k % 3) % 8 + 2 ))
		[ "$value" = "${last[$day]:-}" ] && value=$(( (value - 1) % 8 + 2 ))
		if screen_wait "$s" "$day" && { tm send-keys -t "$s" -l "$value";
		    screen_wait "$s" "$label +$value/10"; }; then
			printf '%s\t%s\n' "$day" "$value" >>"$T/w/$n.ok"
			last[$day]=$value
		else
			fails=$((fails + 1))
		fi
		if [ $(( k % 28 )) -eq 27 ]; then
			tm send-keys -t "$s" t
		else
			tm send-keys -t "$s" '['
		fi
		k=$((k + 1))
	done
	tm_screen_of "$s" | grep -q 'not saved' && fails=$((fails + 1))
	tm send-keys -t "$s" q
	echo "$fails" >"$T/w/$n.fails"
}

tm_screen_of() { tm capture-pane -p -t "$1"; }

# screen_wait SESSION PATTERN: bounded poll (30 s) of that session's
# screen.  The bound only catches a hang: a save waits for the lock
# while the other writers hold it, longer on a loaded machine.
screen_wait() {
	for _ in $(seq 1500); do
		tm_screen_of "$1" | grep -Eq -- "$2" && return 0
		sleep 0.02
	done
	echo "session $1: timed out waiting for $2" >&2
	tm_screen_of "$1" | sed 's/^/    | /' >&2
	return 1
}

# The tmux server the screen writers share (lib.sh stops it at the end).
case " $WRITERS " in
*" screen "*)
	tm -f /dev/null new-session -d -s idle "sleep 600"
	tm set-option -g status off >/dev/null 2>&1 ;;
esac

i=0
pids=""
for w in $WRITERS; do
	: >"$T/w/$i.ok"
	"writer_$w" "$i" &
	pids="$pids $!"
	i=$((i + 1))
done
wait $pids

total=0
for n in $(seq 0 $((i - 1))); do
	saves=$(wc -l <"$T/w/$n.ok")
	total=$((total + saves))
	check_eq "writer $n (${FIELDS[$n]}): no failed save" 0 "$(cat "$T/w/$n.fails")"
	[ -s "$T/w/$n.err" ] && sed 's/^/    /' "$T/w/$n.err" | head -n 5
	# The last value each writer saved for each day is what the file holds.
	bad=$(python3 - "$E" "${FIELDS[$n]}" "$T/w/$n.ok" <<'PY'
import csv, sys
path, field, okf = sys.argv[1:4]
rows = {r['date']: r for r in csv.DictReader(open(path, newline='', encoding='utf-8'))}
last = {}
for line in open(okf, encoding='utf-8'):
    day, value = line.rstrip('\n').split('\t', 1)
    last[day] = value
lost = [d for d, v in last.items() if d not in rows or rows[d][field] != v]
print(len(lost), ' '.join(sorted(lost)[:5]))
PY
)
	check "writer $n (${FIELDS[$n]}): saved at least once" test "$saves" -gt 0
	check_eq "writer $n (${FIELDS[$n]}): $saves saves, none lost" "0 " "$bad"
done
echo "# $total saves by $i writers in ${SECS}s (a figure, not a test)"
check "check is clean" "$ML" -d "$D" check 2>/dev/null
check "no temp file left" test -z "$(find "$D" -name '*.tmp.*')"
# One row for each day that any writer saved, and no other row: however
# many days the writers reached in the time.
check_eq "one row per saved day, none extra" "ok" "$(python3 - "$E" "$T"/w/*.ok <<'PY'
import csv, sys
dates = [r['date'] for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8'))]
saved = set()
for okf in sys.argv[2:]:
    for line in open(okf, encoding='utf-8'):
        saved.add(line.split('\t', 1)[0])
dups = sorted({d for d in dates if dates.count(d) > 1})
if dups:
    print('duplicate rows:', ' '.join(dups[:5]))
elif set(dates) != saved:
    print('rows', len(dates), 'saved days', len(saved),
          'missing', sorted(saved - set(dates))[:5],
          'extra', sorted(set(dates) - saved)[:5])
else:
    print('ok')
PY
)"
finish
