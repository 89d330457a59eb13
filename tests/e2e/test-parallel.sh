#!/usr/bin/env bash
# Four `mendlog log` loops write 200 times each, at once, to one diary
# (different fields and days).  Every write must be in entries.csv
# afterwards, `mendlog check` clean, and no temp file left.
. "$(dirname "$0")/lib.sh"

N=${PARALLEL_WRITES:-200}
writer() {	# writer FIELD DAY-OFFSET
	local field=$1 off=$2 i day
	for ((i = 0; i < N; i++)); do
		day=$(date -d "2026-01-01 + $(( (i % 50) + off )) days" +%F)
		"$ML" -d "$D" log --date "$day" "$field=$(( i % 11 ))" ||
			echo "FAILED $field $i" >>"$T/failures"
	done
}
start=$(date +%s%N)
writer back_pain 0 & writer leg_pain 25 & writer headache 50 & writer mood 0 &
wait
ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "    $((4 * N)) writes by 4 processes in ${ms} ms"

check "no writer failed" test ! -e "$T/failures"
# The last value each writer wrote on each day is what the file must hold.
python3 - "$D/entries.csv" "$N" >"$T/verify" <<'PY'
import csv, sys, datetime
path, n = sys.argv[1], int(sys.argv[2])
rows = {r['date']: r for r in csv.DictReader(open(path, newline=''))}
expect = {}
for field, off in (('back_pain', 0), ('leg_pain', 25), ('headache', 50), ('mood', 0)):
    for i in range(n):
        day = (datetime.date(2026, 1, 1) + datetime.timedelta(days=(i % 50) + off)).isoformat()
        expect[(day, field)] = str(i % 11)
bad = [(d, f, v, rows.get(d, {}).get(f)) for (d, f), v in expect.items()
       if rows.get(d, {}).get(f) != v]
print(len(expect), len(bad))
for b in bad[:5]:
    print(b)
PY
read -r total missing <"$T/verify"
echo "    $total (day, field) values checked, $missing wrong or missing"
check_eq "every write is in entries.csv" 0 "$missing"
check_eq "one row per day" 100 "$(($(wc -l <"$D/entries.csv") - 1))"
"$ML" -d "$D" check >/dev/null 2>&1
check_eq "mendlog check is clean" 0 $?
check_eq "no temp files left" 0 "$(find "$D" -name '*.tmp.*' | wc -l)"
check "previous version kept as .bak" test -s "$D/entries.csv.bak"

finish
