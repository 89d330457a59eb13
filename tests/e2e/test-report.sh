#!/usr/bin/env bash
# mendlog report on a 90-day fixture: the weekly figures match a table
# computed independently from the fixture; the page fits 80 columns.
. "$(dirname "$0")/lib.sh"
export MENDLOG_NOW=2026-10-29T23:00:00+00:00

cp -r "$TOP/tests/data/report-90" "$D"
"$ML" -d "$D" report --to 2026-10-29 >"$T/report.txt"
check_eq "report exits 0" 0 $?
grep -v '^#' "$TOP/tests/data/report-90.expected" >"$T/expected"
sed -n '/^week  from/,/^  13 /p' "$T/report.txt" >"$T/weeks"
if diff -u "$T/expected" "$T/weeks"; then ok "weekly table matches the hand-checked figures"
else not_ok "weekly table matches the hand-checked figures"; fi
check "procedure and day count" grep -q '^Procedure: discectomy on 2026-08-01, L4/5; 2026-10-29 is day 89\.$' "$T/report.txt"
check_eq "no line wider than 80 columns" 0 "$(python3 -c "
import sys; print(sum(1 for l in open('$T/report.txt', encoding='utf-8') if len(l.rstrip('\n')) > 80))")"
check "no control characters" python3 -c "
import sys; t = open('$T/report.txt', encoding='utf-8').read()
sys.exit(any(ord(c) < 32 and c != '\n' for c in t))"
check "adherence line for the whole period" grep -q "^Exercise adherence: last 7 days 79%, last 30 days 80%, whole period 81%\.$" "$T/report.txt"
check "chart compresses 90 days" grep -q 'one column = 2 days' "$T/report.txt"
check "unacknowledged alert shown as such" grep -Eq '2026-09-10  urgent +fever +NOT acknowledged' "$T/report.txt"
check "acknowledged alert shown as such" grep -Eq '2026-08-02  contact +severe_pain +acknowledged' "$T/report.txt"
check_eq "last five notes, newest first" "2026-10-24 2026-10-18 2026-10-12 2026-10-06 2026-09-30" \
    "$(sed -n '/^Last notes/,$p' "$T/report.txt" | awk 'NR>1 {printf "%s%s", sep, $1; sep=" "}')"
check "note text shown" grep -q '2026-10-24  walked 94 min, "sore"' "$T/report.txt"
# PSFS, hand-computed from psfs_ratings.csv: week 1 (2+3+1)/3 = 2.0,
# the last week (7+7+5)/3 = 6.33, so +4.3; the week of 09-07 has none.
check "a PSFS line for the first week" grep -q '^  week of 2026-08-03  mean  2\.0  (3 rated)$' "$T/report.txt"
check "a PSFS line for a later week" grep -q '^  week of 2026-08-17  mean  2\.7  (3 rated)$' "$T/report.txt"
check "a week with no rating is a gap, not a zero" grep -q '^  week of 2026-09-07  no rating$' "$T/report.txt"
check_eq "one PSFS line per week, first rated to last" 13 "$(grep -c '^  week of 2026-' "$T/report.txt")"
check "the change since week 1, labelled meaningful" grep -q \
    '^  Change since 2026-08-03: +4\.3 (meaningful improvement; threshold 2\.0)\.$' "$T/report.txt"
"$ML" -d "$D" report --to 2026-08-20 >"$T/early.txt"
check "a small change is not labelled meaningful" grep -q \
    '^  Change since 2026-08-03: +0\.7 (not yet a meaningful change; threshold 2\.0)\.$' "$T/early.txt"
printf '[psfs]\nmeaningful_change = 5\n' >"$T/config"
"$ML" -c "$T/config" -d "$D" report --to 2026-10-29 >"$T/strict.txt"
check "the threshold comes from the config" grep -q \
    '^  Change since 2026-08-03: +4\.3 (not yet a meaningful change; threshold 5\.0)\.$' "$T/strict.txt"
"$ML" -d "$D" report --from 2026-10-01 --to 2026-09-01 2>/dev/null; check_eq "--from after --to exits 2" 2 $?
finish
