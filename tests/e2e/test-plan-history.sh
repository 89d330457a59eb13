#!/bin/bash
# Plan history (issue 14): the walking-times scenario.  A plan of three
# daily walks, nine walks logged over three days, a day with none; then
# the walk times change.  The logged walks stay in the export and done,
# week-1 adherence is unchanged, the new times apply from the change day,
# the days before the plan was imported are not due, and a whole-plan
# pause makes its slots "paused".
. "$(dirname "$0")/lib.sh"

at() { when=$1; shift; faketime "$when" "$ML" -d "$D" "$@"; }
at_quiet() { at "$@" >/dev/null; }
# The "exercise" column of week 1 in the report (run at @1).
week1() { at "$1" report --from 2026-11-01 --to 2026-11-14 |
    awk '$1 == "1" { print $(NF - 1) }'; }
# The export's walk rows of one day: "slot status" per line.
day_rows() { at "$1" export --kind exercises --from "$2" --to "$2" |
    awk -F, -v d="$2" '$1 == d && $3 == "walk" { print $2, $5 }'; }

# The physiotherapist's start date is yesterday: that day is not due.
printf 'id,name,days,times,start_date\nwalk,Walk,daily,08:00;12:00;17:00,2026-11-01\n' \
    >"$T/plan1.csv"
check "the plan imports" at_quiet '2026-11-02 07:00:00' plan import "$T/plan1.csv"
for d in 02 03 04; do
	for s in 08:00 12:00 17:00; do
		at "2026-11-$d 20:00:00" done walk --slot "$s" >/dev/null ||
		    not_ok "logging walk $d $s"
	done
done
check_eq "nine walks logged" 9 "$(grep -c ',walk,done,' "$D/exercise_log.csv")"

before=$(week1 '2026-11-06 07:00:00')
# 9 done of 12 due (2-5 Nov); 1 Nov, before the import, is not due.
check_eq "week 1 before the change" "75%" "$before"
exp_before=$(at '2026-11-06 07:00:00' export --kind exercises --from 2026-11-01 --to 2026-11-05)
check_eq "no slot before the plan was imported" "" \
    "$(grep '^2026-11-01,' <<<"$exp_before")"

# The walk times change on 6 November.
printf 'id,name,days,times,start_date\nwalk,Walk,daily,09:00;13:00;18:00,2026-11-01\n' \
    >"$T/plan2.csv"
out=$(at '2026-11-06 07:00:00' plan import "$T/plan2.csv")
check "the change is an update" grep -q '^  updated .*Walk (walk)' <<<"$out"
check "the history keeps the old times" grep -q \
    '^walk,2026-11-05,daily,08:00;12:00;17:00,' "$D/plan_history.csv"
check_eq "history file is private" 600 "$(stat -c %a "$D/plan_history.csv")"

exp=$(at '2026-11-06 14:00:00' export --kind exercises --from 2026-11-01 --to 2026-11-06)
check_eq "the nine logged walks are in the export" 9 \
    "$(grep -c ',walk,Walk,done,' <<<"$exp")"
check_eq "the export is the same for the days before the change" \
    "$exp_before" "$(grep -v '^2026-11-06,' <<<"$exp")"
check_eq "the day with three walks still shows them done" \
    "$(printf '08:00 done\n12:00 done\n17:00 done')" "$(day_rows '2026-11-06 14:00:00' 2026-11-03)"
check_eq "new times from the change day on" \
    "$(printf '09:00 missed\n13:00 due')" \
    "$(day_rows '2026-11-06 14:00:00' 2026-11-06 | sed 's/overdue/due/;s/09:00 due/09:00 missed/')"
check_eq "the old times are gone from the change day" "" \
    "$(day_rows '2026-11-06 14:00:00' 2026-11-06 | grep -E '^(08|12|17):00')"
check_eq "week 1 adherence unchanged" "$before" "$(week1 '2026-11-06 07:00:00')"

# A second change the same day keeps the first day's history.
printf 'id,name,days,times,start_date\nwalk,Walk,daily,10:00,2026-11-01\n' >"$T/plan3.csv"
at '2026-11-06 07:30:00' plan import "$T/plan3.csv" >/dev/null
check_eq "still one version before the change" 1 \
    "$(grep -c '^walk,2026-11-05,daily,08:00;12:00;17:00,' "$D/plan_history.csv")"
check_eq "and one for the days before the plan" 1 \
    "$(grep -c '^walk,2026-11-01,,,,,no,' "$D/plan_history.csv")"
check_eq "no other version" 2 "$(grep -c '^walk,' "$D/plan_history.csv")"
check_eq "and the walks still done" \
    "$(printf '08:00 done\n12:00 done\n17:00 done')" "$(day_rows '2026-11-06 14:00:00' 2026-11-03)"

# A change dated back with --from: the days from then take it.
printf 'id,name,days,times,start_date\nwalk,Walk,daily,10:00;19:00,2026-11-01\n' >"$T/plan4.csv"
at '2026-11-06 08:00:00' plan import "$T/plan4.csv" --from 2026-11-05 >/dev/null
check_eq "--from: the day it names takes the change" "$(printf '10:00 missed\n19:00 missed')" \
    "$(day_rows '2026-11-06 08:00:00' 2026-11-05)"
check_eq "--from: the day before keeps its walks" \
    "$(printf '08:00 done\n12:00 done\n17:00 done')" "$(day_rows '2026-11-06 08:00:00' 2026-11-04)"
printf 'id,name,days,times,start_date\nwalk,Walk,daily,10:00,2026-11-01\n' >"$T/plan3.csv"
at '2026-11-06 08:00:00' plan import "$T/plan3.csv" --from 2026-11-05 >/dev/null
check_eq "a second dated change replaces the first" "10:00 missed" \
    "$(day_rows '2026-11-06 08:00:00' 2026-11-05)"
check_eq "and still leaves the day before" \
    "$(printf '08:00 done\n12:00 done\n17:00 done')" "$(day_rows '2026-11-06 08:00:00' 2026-11-04)"

# Pause the whole plan (a hospital stay).
check "a pause is set" at_quiet '2026-11-06 08:00:00' plan pause --from 2026-11-07 --to 2026-11-09
check_eq "pause file is private" 600 "$(stat -c %a "$D/plan_pauses.csv")"
check "the pause is listed" grep -q '^paused 2026-11-07 to 2026-11-09 (3 days)' \
    <<<"$(at '2026-11-10 08:00:00' plan pause --list)"
check_eq "paused slots are paused, not missed" "10:00 paused" \
    "$(day_rows '2026-11-10 08:00:00' 2026-11-08)"
check_eq "the day after the pause is due again" "10:00 missed" \
    "$(day_rows '2026-11-11 08:00:00' 2026-11-10)"
check "an overlapping pause is refused" bash -c \
    "! faketime '2026-11-06 08:00:00' '$ML' -d '$D' plan pause --from 2026-11-09 --to 2026-11-12 2>/dev/null"
check "a pause that ends before it starts is a usage error" bash -c \
    "faketime '2026-11-06 08:00:00' '$ML' -d '$D' plan pause --from 2026-11-09 --to 2026-11-08 2>/dev/null; [ \$? -eq 2 ]"
rep=$(at '2026-11-10 08:00:00' report --from 2026-11-01 --to 2026-11-14)
check "the report counts the pause" grep -q 'paused' <<<"$rep"
check "the pause is cancelled" at_quiet '2026-11-10 08:00:00' plan pause --cancel 2026-11-07
check_eq "and its slots are missed again" "10:00 missed" \
    "$(day_rows '2026-11-10 08:00:00' 2026-11-08)"
check_eq "mendlog check is clean" 0 "$(at '2026-11-10 08:00:00' check >/dev/null 2>&1; echo $?)"

# The screen: Z on the plan view pauses the whole plan; Space (pause one
# exercise) is a change like any other, kept from its day on.
tm_start -- "MENDLOG_NOW=2026-11-12T10:00:00 $ML -d $D"
# No entry and no procedure: the first-start form comes first (Esc).
check "the screen starts" skip_first_start
tm_send F4
check "the Exercises tab" wait_for 'Exercises'
tm_send P
check "the plan view" wait_for 'Exercise plan'
check "the hint names Z" wait_for 'Z pause plan'
tm_send Z
check "Z opens the pause prompt" wait_for 'Pause plan FROM TO'
tm_type '2026-11-20 2026-11-23'; tm_send Enter
check "the screen says the plan is paused" wait_for 'Whole plan paused 2026-11-20 to 2026-11-23'
check "and the pause is saved" grep -q '^2026-11-20,2026-11-23,' "$D/plan_pauses.csv"
tm_send Space
check "Space pauses the exercise" wait_for 'walk.*paused|Walk.*paused'
check "the change is kept from its day" grep -q '^walk,2026-11-11,daily,10:00,' "$D/plan_history.csv"
tm kill-server 2>/dev/null
check_eq "the walks before the change are still due (missed)" "10:00 missed" \
    "$(day_rows '2026-11-12 10:00:00' 2026-11-11)"
check_eq "and none from the change on" "" "$(day_rows '2026-11-13 10:00:00' 2026-11-12)"
finish
