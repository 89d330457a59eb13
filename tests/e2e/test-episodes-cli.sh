#!/bin/bash
# Issue 13 part B through the real binary: `due` with 11 older urgent
# alerts and a new emergency puts the emergency first with its action in
# full, every line within 80 columns, and no "and N more"; a sign that goes
# on is one row; `ack --all` spares an emergency; --seen and --error; and a
# value a rule cannot read (leg_weakness=si) is named with file, line and
# field by log, alerts and due.
. "$(dirname "$0")/lib.sh"

at() { when=$1; shift; MENDLOG_NOW=$when "$ML" -d "$D" "$@"; }
day() { date -u -d "$1 +$2 days" +%F; }

# Eleven separate fever episodes (each followed by two entered days
# without it), none acknowledged, then bladder_bowel today.
for i in $(seq 0 10); do
	d=$(day 2026-10-20 $((i * 3)))
	at "${d}T09:00:00" log --date "$d" temperature_c=38.6 2>/dev/null
	# Each day logged on that day: a day after today is refused.
	at "$(day "$d" 1)T09:00:00" log --date "$(day "$d" 1)" temperature_c=36.6
	at "$(day "$d" 2)T09:00:00" log --date "$(day "$d" 2)" temperature_c=36.6
done
check_eq "eleven urgent rows, one per episode" 11 \
    "$(grep -c ',fever,urgent,' "$D/alerts.csv")"
err=$(at 2026-11-27T09:00:00 log bladder_bowel=yes 2>&1 >/dev/null)
check "log names the emergency" grep -q 'EMERGENCY alert (bladder_bowel' <<<"$err"
check "log says mendlog does not replace your clinician" \
    grep -q 'does not replace your clinician' <<<"$err"

out=$(at 2026-11-27T09:10:00 due)
printf '%s\n' "$out" | sed 's/^/    | /'
check "the emergency comes first" \
    grep -q '^EMERGENCY 2026-11-27 lost control of bladder or bowel' \
    <<<"$(head -n 1 <<<"$out")"
check "its action in full" grep -q 'call your local emergency number now' \
    <<<"$(head -n 2 <<<"$out")"
check_eq "every line within 80 columns" "" \
    "$(awk 'length($0) > 80' <<<"$out")"
check_eq "all eleven urgent alerts shown" 11 "$(grep -c '^URGENT ' <<<"$out")"
check_eq "none hidden behind 'and N more'" "" "$(grep 'more' <<<"$out")"
check_eq "the closing line" \
    "mendlog alerts for details; mendlog does not replace your clinician" \
    "$(tail -n 1 <<<"$out")"

# ack --all leaves the emergency; --emergency takes it.
out=$(at 2026-11-27T09:20:00 ack --all)
check "ack --all acknowledges the urgent ones" \
    grep -q '^acknowledged 11 alerts' <<<"$out"
check "and says the emergency is left" grep -q '1 emergency left' <<<"$out"
out=$(at 2026-11-27T09:20:00 due)
check "due still shows the emergency" grep -q '^EMERGENCY' <<<"$out"
n=$(at 2026-11-27T09:20:00 alerts | awk '/EMERGENCY/ { print $1; exit }')
out=$(at 2026-11-27T09:21:00 ack --seen "$n")
check "ack --seen" grep -q 'clinician knows' <<<"$out"
check_eq "status seen in alerts.csv" seen \
    "$(python3 -c 'import csv,sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["rule"] == "bladder_bowel": print(r["status"])' "$D/alerts.csv")"
# Still there the next day: no reminder, no new row (seen).  (-q: the
# confirmation line aside, nothing at all is printed.)
out=$(at 2026-11-28T09:00:00 log -q --date 2026-11-28 bladder_bowel=yes 2>&1)
check_eq "seen: nothing raised the next day" "" "$out"
check_eq "one bladder_bowel row" 1 "$(grep -c ',bladder_bowel,' "$D/alerts.csv")"
check "its last_date moved on" grep -q ',bladder_bowel,.*,2026-11-28,seen' \
    "$D/alerts.csv"

# Entered in error: yes then no the same day.
at 2026-11-29T09:00:00 log --date 2026-11-29 saddle_numbness=yes 2>/dev/null
at 2026-11-29T09:05:00 log --date 2026-11-29 saddle_numbness=no 2>/dev/null
check "undone the same day: status error" \
    grep -q ',saddle_numbness,emergency,.*,error$' "$D/alerts.csv"
out=$(at 2026-11-29T09:10:00 alerts)
check_eq "not in the unacknowledged list" "" \
    "$(grep saddle_numbness <<<"$out")"

# Seen and entered in error in the report; error left out of the export.
out=$(at 2026-11-29T09:15:00 report --from 2026-11-20 --to 2026-11-29)
check "the report shows seen" \
    grep -q 'bladder_bowel .*seen: clinician knows' <<<"$out"
check "the report lists entered in error apart" \
    grep -A1 -q '^Entered in error' <<<"$out"
check "with the sign" grep -q 'saddle_numbness .*entered in error' <<<"$out"
out=$(at 2026-11-29T09:15:00 export --from 2026-11-29 --to 2026-11-29)
check_eq "the export's alerts column leaves it out" "" \
    "$(python3 -c 'import csv,sys
for r in csv.DictReader(sys.stdin): print(r["alerts"])' <<<"$out")"

# Never silent: leg_weakness=si typed into entries.csv by hand.
at 2026-11-29T10:00:00 log --date 2026-11-29 leg_weakness=no 2>/dev/null
python3 - "$D/entries.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
i = rows[0].index('leg_weakness')
for r in rows[1:]:
    if r[0] == '2026-11-29':
        r[i] = 'si'
csv.writer(open(sys.argv[1], 'w', newline=''), lineterminator='\n').writerows(rows)
PY
line=$(grep -n '^2026-11-29,' "$D/entries.csv" | cut -d: -f1)
want="entries.csv:$line: leg_weakness 'si' cannot be read, so it is not checked"
out=$(at 2026-11-29T10:05:00 alerts 2>&1)
check "alerts names file, line and field" grep -qF "$want" <<<"$out"
out=$(at 2026-11-29T10:05:00 due 2>&1)
check "due names file, line and field" grep -qF "$want" <<<"$out"
check_eq "due within 80 columns" "" "$(awk 'length($0) > 80' <<<"$out")"
out=$(at 2026-11-29T10:05:00 log --date 2026-11-29 back_pain=2 2>&1)
check "log names file, line and field" grep -qF "$want" <<<"$out"

# A threshold outside its safe range is named too.
printf '[alerts]\nfever_c = 42.0\n' >"$T/config"
out=$(MENDLOG_CONFIG="$T/config" at 2026-11-29T10:05:00 due 2>&1)
check "due names an unsafe threshold" \
    grep -q 'fever_c = 42 is outside its safe range' <<<"$out"

finish
