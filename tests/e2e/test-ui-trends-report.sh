#!/usr/bin/env bash
# The Trends screen shows the report's weekly table and adherence line:
# the same lines `mendlog report` prints for the same four weeks.
. "$(dirname "$0")/lib.sh"
export MENDLOG_NOW=2026-10-29T20:00:00+00:00

cp -r "$TOP/tests/data/report-90" "$D"
"$ML" -d "$D" report --from 2026-10-02 --to 2026-10-29 >"$T/report.txt"
tm_start -- "MENDLOG_NOW=$MENDLOG_NOW" "$ML" -d "$D"
check "Today screen up" wait_for 'F?1 Today +F?2 History'
tm_send F5
check "weekly table header on Trends" wait_for '^ week  from +back worst +leg +head +days +exercise +alerts'
tm_screen >"$T/screen"
for w in 1 2 3 4; do
	want=$(grep -E "^ +$w  2026-" "$T/report.txt")
	check "week $w on screen equals the report's line" grep -qF -- "$want" "$T/screen"
done
want=$(grep '^Exercise adherence:' "$T/report.txt")
check_eq "report adherence line" "Exercise adherence: last 7 days 79%, last 30 days 80%." "$want"
check "the same adherence line on screen" grep -qF -- "$want" "$T/screen"
tm_send q
check "quits" wait_for '__EXITED__ 0'
finish
