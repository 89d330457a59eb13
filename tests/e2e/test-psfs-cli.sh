#!/usr/bin/env bash
# mendlog psfs from the command line: add, rate, rename (history kept),
# retire, list, export --kind psfs; usage errors exit 2 and write nothing.
. "$(dirname "$0")/lib.sh"
export MENDLOG_NOW=2026-11-27T10:00:00+00:00	# a Friday

m() { "$ML" -d "$D" "$@"; }
m psfs list >"$T/out"; check_eq "empty list exits 0" 0 $?
check "empty list says how to start" grep -q 'mendlog psfs add' "$T/out"
# Added on the Monday of the first week, so later weeks list them.
MENDLOG_NOW=2026-11-02T09:00:00+00:00 m psfs add "putting on socks" &&
    MENDLOG_NOW=2026-11-02T09:00:00+00:00 m psfs add "sitting through a meal" &&
    MENDLOG_NOW=2026-11-02T09:00:00+00:00 m psfs add lifting
check_eq "three activities added" 0 $?
m psfs rate --week 2026-11-04 "putting on socks"=2 "sitting through a meal"=3 lifting=4
check_eq "rate an earlier week" 0 $?
m psfs rate "putting on socks"=5 "sitting through a meal"=5 lifting=5
check_eq "rate this week" 0 $?
check_eq "stored under the week's Monday" "5" \
    "$(csv_field <(grep -E '^(week|2026-11-23)' "$D/psfs_ratings.csv") activity_id lifting rating)"
m psfs rename lifting "lifting a child"; check_eq "rename" 0 $?
m psfs list >"$T/list"
check "renamed activity listed with its former name" grep -q '^  lifting a child  (formerly lifting)$' "$T/list"
check "earlier week keeps the rating under the new name" \
    grep -q '^  2026-11-02  mean  3.0  .*lifting a child 4' "$T/list"
check "gap week shown as no rating" grep -q '^  2026-11-16  no rating$' "$T/list"
check "change and meaningful label" \
    grep -q '^Change since the week of 2026-11-02: +2.0 (meaningful improvement; threshold 2.0)\.$' "$T/list"

cp "$D/psfs_ratings.csv" "$T/before"
m psfs rate "lifting a child"=11 2>"$T/err"; check_eq "rating 11 exits 2" 2 $?
check "says what a rating is" grep -q "from 0 (unable) to 10" "$T/err"
m psfs rate "lifting a child"=4 nosuch=3 2>"$T/err"; check_eq "unknown activity exits 2" 2 $?
check "names the unknown activity" grep -q '^mendlog: nosuch: no such activity' "$T/err"
m psfs rate lifting=4 2>/dev/null; check_eq "old name no longer rates" 2 $?
m psfs rate --week 2026-13-01 lifting=4 2>/dev/null; check_eq "bad --week exits 2" 2 $?
m psfs rate 2>/dev/null; check_eq "rate with nothing exits 2" 2 $?
m psfs frobnicate 2>/dev/null; check_eq "unknown subcommand exits 2" 2 $?
m psfs add 2>/dev/null; check_eq "add without a name exits 2" 2 $?
check "nothing written by refused commands" cmp -s "$T/before" "$D/psfs_ratings.csv"

m psfs add stairs && m psfs add walking; check_eq "five activities" 0 $?
m psfs add running 2>"$T/err"; check_eq "a sixth is refused" 1 $?
check "says to retire one" grep -q 'retire one first' "$T/err"
m psfs retire walking && m psfs add running; check_eq "retire makes room" 0 $?
m psfs rate walking=3 2>/dev/null; check_eq "retired activity takes no rating" 2 $?
check_eq "files are 0600" "600 600" \
    "$(stat -c %a "$D/psfs_activities.csv") $(stat -c %a "$D/psfs_ratings.csv")"

m export --kind psfs --from 2026-11-02 --to 2026-11-29 >"$T/psfs.csv"
check_eq "export --kind psfs exits 0" 0 $?
check_eq "export header" "week,activity_id,activity,rating,week_mean,week_ratings" "$(head -n 1 "$T/psfs.csv")"
check_eq "week 1 row of the renamed activity" "2026-11-02,lifting,lifting a child,4,3.00,3" \
    "$(grep '^2026-11-02,lifting,' "$T/psfs.csv")"
check_eq "a gap week has an empty mean, not 0" "2026-11-16,lifting,lifting a child,,,0" \
    "$(grep '^2026-11-16,lifting,' "$T/psfs.csv")"
# The daily export: the week's mean on each day of the week, empty in a
# week with no rating (a gap, not a zero).
m export --from 2026-11-01 --to 2026-11-29 >"$T/daily.csv"
check_eq "daily export exits 0" 0 $?
check "psfs_mean is the last column" sh -c "head -n 1 '$T/daily.csv' | grep -q ',alerts,psfs_mean\$'"
for d in 2026-11-02 2026-11-05 2026-11-08; do
	check_eq "week 1 mean on $d" 3.00 "$(csv_field "$T/daily.csv" date $d psfs_mean)"
done
check_eq "the day before week 1: empty" "" "$(csv_field "$T/daily.csv" date 2026-11-01 psfs_mean)"
check_eq "a gap week is empty, not 0" "" "$(csv_field "$T/daily.csv" date 2026-11-18 psfs_mean)"
check_eq "this week's mean on its Sunday" 5.00 "$(csv_field "$T/daily.csv" date 2026-11-29 psfs_mean)"
m check 2>/dev/null; check_eq "check is clean" 0 $?

# Names come back through the output gate: an ESC in a hand-edited
# name (the CLI refuses one) is listed as \x1B, never sent to the terminal.
printf 'bend,bend\033[2Jing,2026-11-02,2026-11-03,lift\033]0;x\n' \
    >>"$D/psfs_activities.csv"
m psfs list >"$T/list"
check "list shows the escape" grep -qF 'bend\x1B[2Jing' "$T/list"
! grep -q $'\e' "$T/list"; check_eq "list sends no ESC" 0 $?
m psfs rate $'x\e[2J'=3 2>"$T/err"; check_eq "hostile unknown name exits 2" 2 $?
check "error shows the escape" grep -qF 'x\x1B[2J: no such activity' "$T/err"
! grep -q $'\e' "$T/err"; check_eq "error sends no ESC" 0 $?
finish
