#!/bin/bash
# The diary's own files through a spreadsheet (issue 14).  A Gnumeric-style
# re-save (YYYY/MM/DD dates) shows the same diary on screen and in `show`,
# and the next save writes ISO dates back.  One row with an unreadable
# date: the top line, show, report and export say so; `log` for that day
# refuses instead of adding a second row.  `mendlog check` names cells a
# spreadsheet turned into error values.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"

ml() { "$ML" -d "$D" "$@"; }
ml procedure add --date 2026-11-01 --kind lumbar_puncture >/dev/null
ml log --date 2026-11-19 back_pain=3 'notes=slept badly' >/dev/null
ml log --date 2026-11-20 back_pain=4 mood=6 >/dev/null
ml log back_pain=5 leg_pain=2 'notes=short walk, "better"' >/dev/null
show_before=$(ml show)
show_19_before=$(ml show --date 2026-11-19)

# Gnumeric re-saves the file: every date becomes YYYY/MM/DD.
sed -i -E 's#^([0-9]{4})-([0-9]{2})-([0-9]{2}),#\1/\2/\3,#' "$D/entries.csv"
check "the dates now have slashes" grep -q '^2026/11/21,' "$D/entries.csv"
check_eq "show gives the same day" "$show_before" "$(ml show 2>&1)"
check_eq "show gives the same earlier day" "$show_19_before" "$(ml show --date 2026-11-19 2>&1)"
check_eq "check is clean" 0 "$(ml check >/dev/null 2>&1; echo $?)"
ui_start
check "the screen shows the day's values" wait_for 'Back pain \(average\) +5/10'
check "and its note" wait_for 'short walk, "better"'
tm_send '['
check "and the day before" wait_for 'Mood +6/10'
check "the top line has no unreadable-row notice" bash -c \
    "! tmux -L '$TMUX_SOCK' capture-pane -p -t main | head -n 1 | grep -q unreadable"
ui_stop
ml log --date 2026-11-20 sleep_hours=7 >/dev/null
check_eq "the next save writes ISO dates back" 0 "$(grep -c '^2026/' "$D/entries.csv")"
check_eq "still one row per day" 3 "$(grep -c '^2026-11-' "$D/entries.csv")"
check_eq "the re-saved day kept its values" 6 "$(csv_field "$D/entries.csv" date 2026-11-20 mood)"

# LibreOffice reads 2026-11-19 as a day-first date and writes it back so.
sed -i 's#^2026-11-19,#19.11.2026,#' "$D/entries.csv"
cp "$D/entries.csv" "$T/before.csv"
ui_start
wait_for "unreadable" 3 >/dev/null 2>&1
check "the top line says a row is unreadable" bash -c \
    "tmux -L '$TMUX_SOCK' capture-pane -p -t main | head -n 1 | grep -q 'entries.csv: 1 row unreadable - see mendlog check'"
ui_stop
check "show says so" grep -q 'entries.csv: 1 row cannot be read' <<<"$(ml show 2>&1)"
check "report says so on stderr" grep -q 'entries.csv: 1 row cannot be read' \
    <<<"$(ml report 2>&1 >/dev/null)"
check "and in the report" grep -q '^Left out: 1 row of entries.csv that cannot be read' \
    <<<"$(ml report 2>/dev/null)"
check "export says so" grep -q 'entries.csv: 1 row cannot be read' \
    <<<"$(ml export --from 2026-11-18 2>&1 >/dev/null)"
err=$(ml log --date 2026-11-19 back_pain=2 2>&1)
check_eq "log for that day refuses" 1 "$?"
check "and says why, with the line" grep -q "entries.csv:2: date: '19.11.2026' cannot be read and may be 2026-11-19" <<<"$err"
check "no second row was added" cmp -s "$T/before.csv" "$D/entries.csv"
check "another day still saves" ml log --date 2026-11-18 back_pain=2
check_eq "check names the row" 1 "$(ml check >/dev/null 2>&1; echo $?)"

# Notes a spreadsheet turned into formula results.
ml log --date 2026-11-17 'notes=x' >/dev/null
# What LibreOffice writes back: the notes of two days became error values.
python3 - "$D/entries.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
fields = list(rows[0].keys())
for r in rows:
    if r['date'] == '19.11.2026': r['date'] = '2026-11-19'
    if r['date'] == '2026-11-17': r['notes'] = 'Err:510'
    if r['date'] == '2026-11-18': r['notes'] = '#NAME?'
with open(sys.argv[1], 'w', newline='', encoding='utf-8') as f:
    w = csv.DictWriter(f, fieldnames=fields, lineterminator='\n')
    w.writeheader(); w.writerows(rows)
PY
out=$(ml check 2>&1)
check "check flags Err:510" grep -q "entries.csv:.*: notes: 'Err:510' looks like a spreadsheet's error value" <<<"$out"
check "check flags #NAME?" grep -q "notes: '#NAME?' looks like a spreadsheet's error value" <<<"$out"
finish
