#!/bin/bash
# Issue 10: one value vocabulary.  The same answers given three ways -
# `mendlog log` with Yes/1/TRUE/37,9, the day form in tmux, and a row
# typed into entries.csv by hand - are stored (or read) the same and raise
# the same alerts.  With fever_c = 37.8, 37.9 C raises fever and History
# marks it F; with the default 38.0 it does neither.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"

CFG="$T/mendlog.ini"
printf '[alerts]\nfever_c = 37.8\n' >"$CFG"
DAY=$NOW_DAY
CLI="$T/cli"
HAND="$T/hand"
FORM="$D"
HEADER=date,back_pain,back_pain_worst,leg_pain,headache,headache_upright,numbness,tingling,leg_weakness,bladder_bowel,saddle_numbness,temperature_c,site_problem,sleep_hours,medication,therapies,activity_min,mood,notes,updated_at

ml() { MENDLOG_CONFIG="$CFG" "$ML" "$@"; }
# The alerts of a data directory: "date rule severity", one a line, sorted.
alert_set() {
	python3 - "$1/alerts.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline='') as f:
    rows = sorted(f"{r['date']} {r['rule']} {r['severity']}" for r in csv.DictReader(f))
print("\n".join(rows))
PY
}
# The day's export row (what every reader of the diary sees).
export_row() { ml -d "$1" export --from "$DAY" --to "$DAY" | tail -n 1; }

# 1. The command line.
check "log takes 37,9 Yes 1 TRUE" ml -d "$CLI" log --date "$DAY" \
    temperature_c=37,9 headache_upright=Yes numbness=1 site_problem=TRUE
for pair in temperature_c=37.9 headache_upright=yes numbness=yes site_problem=yes; do
	check_eq "log stores ${pair%%=*} canonically" "${pair#*=}" \
	    "$(csv_field "$CLI/entries.csv" date "$DAY" "${pair%%=*}")"
done
check "log: a truly invalid value is still refused" \
    bash -c "! MENDLOG_CONFIG='$CFG' '$ML' -d '$CLI' log numbness=maybe 2>/dev/null"
check "log: 29.99999999999999999 is below the 30.0 minimum" \
    bash -c "! MENDLOG_CONFIG='$CFG' '$ML' -d '$CLI' log temperature_c=29.99999999999999999 2>/dev/null"

# 2. The day form (cursor starts on back_pain).
ui_start "MENDLOG_CONFIG=$CFG"
# site_problem before temperature, as in the other two paths (one save):
# a fever with a site problem is fever_back_pain, which covers fever.
tm_send j j j j; tm_type y		# headache_upright
tm_send j; tm_type y			# numbness
tm_send j j j j j j; tm_type y		# site_problem
tm_send k Enter; tm_type '37,9'; tm_send Enter	# temperature_c
check "form shows 37.9" wait_for 'Highest temperature +37.9 C'
check "form: 37.9 at fever_c 37.8 raises a fever alert" wait_for 'URGENT: fever'
check "form saves the temperature" wait_file_has "$FORM/entries.csv" "$DAY,.*,37[.]9,yes," 5
for pair in temperature_c=37.9 headache_upright=yes numbness=yes site_problem=yes; do
	check_eq "form stores ${pair%%=*}" "${pair#*=}" \
	    "$(csv_field "$FORM/entries.csv" date "$DAY" "${pair%%=*}")"
done

# History marks the fever at the configured fever_c (U N P and F).
tm_send F2
check "History marks fever at fever_c 37.8" wait_for "Sat 21 Nov 2026 +- +- +- +UNPF *$"
tm_send q
check "quits" wait_for '__EXITED__ 0'
# With the default fever_c (38.0) the same day has no F.
ui_start
tm_send F2
check "History: no fever mark at the default 38.0" wait_for "Sat 21 Nov 2026 +- +- +- +UNP *$"
tm_send q
check "quits again" wait_for '__EXITED__ 0'

# 3. entries.csv typed by hand: " Yes", "1", "37,9", "TRUE".
mkdir -m 700 "$HAND"
printf '%s\n%s\n' "$HEADER" "$DAY,,,,, Yes,1,,,,,\"37,9\",TRUE,,,,,,," >"$HAND/entries.csv"
chmod 600 "$HAND/entries.csv"
check "check accepts the readable hand-typed values" ml -d "$HAND" check
check "alerts runs the rules on the hand-typed row" ml -d "$HAND" alerts
check "hand-typed row raises fever_back_pain" grep -q ',fever_back_pain,' "$HAND/alerts.csv"

# The same answers everywhere: the same export row and the same alerts.
want=$(export_row "$CLI")
check "export shows 37.9 and yes" grep -q ',yes,yes,.*,37.9,yes,' <<<"$want"
check_eq "form and log export the same day" "$want" "$(export_row "$FORM")"
check_eq "hand-typed and log export the same day" "$want" "$(export_row "$HAND")"
want=$(alert_set "$CLI")
check "log raised fever_back_pain (37.9 >= fever_c 37.8)" grep -q "$DAY fever_back_pain urgent" <<<"$want"
check_eq "form raised the same alerts" "$want" "$(alert_set "$FORM")"
check_eq "hand-typed raised the same alerts" "$want" "$(alert_set "$HAND")"
check_eq "the hand-typed file is not rewritten" 'TRUE' \
    "$(csv_field "$HAND/entries.csv" date "$DAY" site_problem)"

# A kind typed by name in procedures.csv counts as that kind.
printf 'date,kind,description\n2026-11-18,Lumbar puncture,\n' >"$HAND/procedures.csv"
chmod 600 "$HAND/procedures.csv"
check "check accepts a kind by name" ml -d "$HAND" check
check "show labels the day by the kind's name" \
    bash -c "MENDLOG_CONFIG='$CFG' '$ML' -d '$HAND' show --date $DAY | grep -q 'day 3 after lumbar puncture'"
check "procedure add --kind Discectomy" ml -d "$CLI" procedure add --date 2026-11-10 --kind Discectomy
check_eq "stored as its id" discectomy "$(csv_field "$CLI/procedures.csv" date 2026-11-10 kind)"
finish
