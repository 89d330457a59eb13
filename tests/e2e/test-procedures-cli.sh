#!/usr/bin/env bash
# Issue 12 on the command line: the no-procedure notice in show, due and
# report; procedure add|list|edit|remove with kinds matched through the
# table; rules re-run over every day a change touches (a procedure added
# for three days ago, a row edited by hand 60 days back); dates refused
# after today and before 1990; relative dates; the timeline in the rules,
# the report and the export.
. "$(dirname "$0")/lib.sh"
export MENDLOG_NOW=2026-11-27T10:00:00
M() { "$ML" -d "$D" "$@"; }

# --- no procedure: every reader is told the checks are off -----------------
M log back_pain=2 >/dev/null 2>&1
for cmd in show due report; do
	M $cmd >"$T/out" 2>&1
	check "$cmd says the procedure checks are off" \
	    grep -q 'No procedure recorded: the checks tied to a procedure are' "$T/out"
done
M report >"$T/out" 2>/dev/null
check "the report itself says so" grep -q 'Procedure: none recorded; the checks tied to a procedure are off' "$T/out"

# --- dates ---------------------------------------------------------------
cp "$D/entries.csv" "$T/entries.before"
M log --date tomorrow back_pain=3 >"$T/out" 2>"$T/err"
check_eq "log --date tomorrow exits 2" 2 $?
check "with the reason and today's date" grep -q -- '--date: 2026-11-28 is after today (2026-11-27)' "$T/err"
check "and writes nothing" cmp -s "$D/entries.csv" "$T/entries.before"
M log --date 2026-12-03 back_pain=3 >/dev/null 2>&1
check_eq "a later date exits 2" 2 $?
M log --date 1969-07-20 back_pain=3 >/dev/null 2>"$T/err"
check_eq "before 1990 exits 2" 2 $?
check "says why" grep -q 'before 1990' "$T/err"
check "nothing written" cmp -s "$D/entries.csv" "$T/entries.before"
M log --date 1989-12-31 --force back_pain=3 >/dev/null 2>&1
check_eq "--force records it" 3 "$(csv_field "$D/entries.csv" date 1989-12-31 back_pain)"
M log --date -3 back_pain=5 >/dev/null 2>&1
check_eq "log --date -3 logs three days ago" 5 "$(csv_field "$D/entries.csv" date 2026-11-24 back_pain)"
M log --date '2 days ago' back_pain=6 >/dev/null 2>&1
check_eq "2 days ago" 6 "$(csv_field "$D/entries.csv" date 2026-11-25 back_pain)"
M log --date monday leg_pain=1 >/dev/null 2>&1
check_eq "monday (2026-11-23)" 1 "$(csv_field "$D/entries.csv" date 2026-11-23 leg_pain)"

# --- procedure add after three days of upright headache ------------------
rm -rf "$D"
for d in 2026-11-24 2026-11-25 2026-11-26; do
	M log --date $d headache=6 headache_upright=yes >/dev/null 2>&1
done
M procedure add --kind "Lumbar Puncture" --date -3 >"$T/out" 2>"$T/err"
check_eq "procedure add exits 0" 0 $?
check "stored as lumbar_puncture" grep -q '^2026-11-24,lumbar_puncture,' "$D/procedures.csv"
check "the urgent alert is raised at once" \
    grep -q 'URGENT alert (post_puncture_headache, 2026-11-24)' "$T/err"
# One episode over the three days (alerts.h): one row, from the first.
check "recorded urgent from the puncture day" \
    grep -q '2026-11-24,post_puncture_headache,urgent,' "$D/alerts.csv"

# --- list, edit, remove ---------------------------------------------------
M procedure add --kind "blood patch" --date yesterday --description "left" >/dev/null 2>&1
M procedure add --kind EBP --date yesterday --description "right side" >/dev/null 2>&1
check_eq "a second add of the same procedure keeps one row" 1 \
    "$(grep -c 'epidural_blood_patch' "$D/procedures.csv")"
M procedure list >"$T/out"
check "list numbers them" grep -Eq '^ 2  2026-11-26  epidural_blood_patch +right side$' "$T/out"
M procedure edit 2 --kind discectomy --date 2026-11-20 >/dev/null 2>&1
check_eq "edit exits 0" 0 $?
check "edited kind and date, kept in date order" \
    bash -c "sed -n 2p '$D/procedures.csv' | grep -q '^2026-11-20,discectomy,right side'"
M procedure edit 9 --kind LP >/dev/null 2>"$T/err"
check_eq "edit of a missing N exits 2" 2 $?
M procedure edit 1 --date tomorrow >/dev/null 2>&1
check_eq "edit to a future date exits 2" 2 $?
M procedure edit 1 --kind "brain surgery" >/dev/null 2>"$T/err"
check_eq "an unknown kind exits 2" 2 $?
check "and lists the kinds" grep -q 'epidural_blood_patch' "$T/err"
M procedure remove 1 >/dev/null 2>&1
check_eq "remove exits 0" 0 $?
check "gone from procedures.csv" bash -c "! grep -q discectomy '$D/procedures.csv'"
check "kept in procedures.csv.bak" grep -q '^2026-11-20,discectomy,right side' "$D/procedures.csv.bak"
check "alerts stay" grep -q post_puncture_headache "$D/alerts.csv"

# --- a hand-typed kind counts ---------------------------------------------
rm -rf "$D"
mkdir -p "$D"
chmod 700 "$D"
printf 'date,kind,description\n2026-11-24,Lumbar puncture,\n' >"$D/procedures.csv"
chmod 600 "$D/procedures.csv"
M log headache=6 headache_upright=yes >/dev/null 2>"$T/err"
check "hand-typed 'Lumbar puncture' drives the puncture rules" \
    grep -q 'URGENT alert (post_puncture_headache' "$T/err"
M show >"$T/out" 2>&1
check "and the day count" grep -q 'day 3 after lumbar puncture' "$T/out"

# --- a row 60 days back edited by hand ------------------------------------
rm -rf "$D"
M procedure add --kind fusion --date 2026-09-01 >/dev/null 2>&1
M log --date 2026-09-28 back_pain=2 leg_weakness=no >/dev/null 2>&1
M show >/dev/null 2>&1		# the rows as they are have been seen
python3 - "$D/entries.csv" <<'PY'
import csv, sys
p = sys.argv[1]
rows = list(csv.reader(open(p, newline='')))
i = rows[0].index('leg_weakness')
rows[1][i] = 'yes'
csv.writer(open(p, 'w', newline=''), lineterminator='\n').writerows(rows)
PY
M export -o "$T/x.csv" 2>"$T/err"
check "the next command (export) raises the emergency" \
    grep -q 'EMERGENCY alert (leg_weakness, 2026-09-28)' "$T/err"
check "recorded" grep -q '2026-09-28,leg_weakness,emergency' "$D/alerts.csv"
M show >/dev/null 2>"$T/err"
check "once" bash -c "! grep -q EMERGENCY '$T/err'"

# --- LP day 0, blood patch day 3, back pain 4 on days 0-10 -----------------
rm -rf "$D"
export MENDLOG_NOW=2026-11-11T10:00:00
M procedure add --kind LP --date 2026-11-01 >/dev/null 2>&1
M procedure add --kind "blood patch" --date 2026-11-04 >/dev/null 2>&1
for i in 01 02 03 04 05 06 07 08 09 10 11; do
	M log --date 2026-11-$i back_pain=4 >/dev/null 2>&1
done
check_eq "pain_beyond_window on day 8 of the LP" "2026-11-09" \
    "$(csv_field "$D/alerts.csv" rule pain_beyond_window date)"
check_eq "once" 1 "$(grep -c pain_beyond_window "$D/alerts.csv")"
M report >"$T/out" 2>/dev/null
check "the report lists the LP with its own count" \
    grep -q 'Procedure: lumbar puncture on 2026-11-01; 2026-11-11 is day 10.' "$T/out"
check "and the blood patch with its own" \
    grep -q 'Procedure: epidural blood patch on 2026-11-04; 2026-11-11 is day 7.' "$T/out"
M export -o "$T/x.csv" 2>/dev/null
check_eq "export: day 5 of the LP names the earlier one" "lumbar_puncture day 5" \
    "$(csv_field "$T/x.csv" date 2026-11-06 earlier_procedures)"
check_eq "export: the newest in its own column" "epidural_blood_patch" \
    "$(csv_field "$T/x.csv" date 2026-11-06 procedure)"
MENDLOG_NOW=2026-11-06T10:00:00 M show --date 2026-11-06 >"$T/out" 2>&1
check "show on day 5: both counts" \
    grep -q 'day 2 after epidural blood patch · day 5 after lumbar puncture' "$T/out"
finish
