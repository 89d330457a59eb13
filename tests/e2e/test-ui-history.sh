#!/bin/bash
# (c) History shows the entered days and Enter opens the right one.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"

$ML -d "$D" log --date 2026-11-17 back_pain=2 leg_pain=5 headache=7 numbness=yes >/dev/null
$ML -d "$D" log --date 2026-11-19 back_pain=9 bladder_bowel=yes >/dev/null
$ML -d "$D" log --date 2026-10-30 back_pain=1 >/dev/null
ui_start
tm_send F2
check "History shows the month" wait_for 'November 2026'
check "an entered day with its scores and marks" wait_for 'Tue 17 Nov 2026 +2 +5 +7 +N'
check "a red-flag day is marked" wait_for 'Thu 19 Nov 2026 +9 +- +- +B'
check "calendar marks the red-flag day with !" wait_for '19!'
check "calendar marks an entry with *" wait_for '17\*'
check "a day without entry has no scores" wait_for 'Wed 18 Nov 2026 *$'
# Move: two days left, Enter opens 19 Nov in the form.
tm_send Left h
check "moving a day shows it on the top line" wait_for 'Thu 2026-11-19'
tm_send Enter
check "Enter opens the day in the form" wait_for 'Back pain \(average\) +9/10'
check "the form shows that day" wait_for 'Thu 2026-11-19'
check "bladder/bowel answer of that day" wait_for 'Lost bladder/bowel control +yes'
# Week and month moves.
tm_send F2 k
check "k goes back a week" wait_for 'Thu 2026-11-12'
tm_send '['
check "[ goes back a month" wait_for 'October 2026'
check "the October entry is marked" wait_for ' 30\* 31'
tm_send ']' ']'
check "] stops at today" wait_for '2026-11-21 \(today\)'
tm_send t Enter
check "Enter on today opens an empty form" wait_for 'Back pain \(average\) +-$'
tm_send q
check "quits" wait_for '__EXITED__ 0'
finish
