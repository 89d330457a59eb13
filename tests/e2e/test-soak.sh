#!/bin/bash
# Concurrency soak (issue 7): 4 writers hammer one diary for SOAK_SECONDS
# (5 here; `make stress` runs 60) and nothing is lost.
#
# All writers write the same 40 days, each its own field, so every save
# races the others on the same rows: a lost update would show as a field
# whose final value is not the last one its writer saved.  Writers are
# functions (writer_log now; a screen writer slots in when the screen
# can save).  Every save must succeed: the lock waits, it never gives up.
. "$(dirname "$0")/lib.sh"

SECS=${SOAK_SECONDS:-5}
WRITERS=${SOAK_WRITERS:-"log log log log"}
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
	while [ "$(date +%s)" -lt "$end" ]; do
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
	check_eq "writer $n (${FIELDS[$n]}): $saves saves, none lost" "0 " "$bad"
done
echo "# $total saves by $i writers in ${SECS}s"
check "more than 10 saves per writer" test "$total" -gt $((i * 10))
check "check is clean" "$ML" -d "$D" check 2>/dev/null
check "no temp file left" test -z "$(find "$D" -name '*.tmp.*')"
check_eq "one row per day" 28 "$(python3 -c '
import csv, sys; print(len(list(csv.DictReader(open(sys.argv[1], newline="")))))' "$E")"
finish
