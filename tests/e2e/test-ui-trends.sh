#!/bin/bash
# (d) Trends draws with data and with none, in UTF-8 and in ASCII.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"

# No data at all.
ui_start
tm_send F5
check "Trends with no data says so" wait_for 'No scores in this period yet'
check "the axis is drawn with no data" wait_for '0 ─{20,}'
tm_send q
check "quits" wait_for '__EXITED__ 0'

# With data and a procedure.
$ML -d "$D" procedure add --date 2026-11-10 --kind lumbar_puncture >/dev/null
$ML -d "$D" log --date 2026-11-20 back_pain=10 leg_pain=0 headache=5 >/dev/null
$ML -d "$D" log --date 2026-11-12 back_pain=4 >/dev/null
ui_start
tm_send F5
check "all three series by default" wait_for '^ Head'
check "a full block for a 10" wait_for '█'
check "the procedure day is marked" wait_for '\^ 2026-11-10 +lumbar puncture'
check "no empty-chart message with data" wait_gone 'No scores in this period'
tm_send b
check "one series: back pain" wait_for 'Back pain, last 30 days'
check "a line marks the procedure day in the chart" wait_for '^ +10 +│'
# 10 fills all 8 rows: the top row of the chart holds a full block.
check "a 10 reaches the top row" wait_for '^ +10 .*█'
tm_send r
check "r switches to 90 days" wait_for 'last 90 days'
check "90 days starts 89 days back" wait_for '2026-08-24'
tm_send h
check "h shows headache" wait_for 'Headache, last 90 days'
tm_send '['
check "[ shows the 90 days before" wait_for 'Headache, 90 days to 2026-08-23'
check "the period starts 179 days back" wait_for '2026-05-26'
tm_send ']' ']'
check "] comes back and stops at today" wait_for 'Headache, last 90 days'
tm_send q
check "quits" wait_for '__EXITED__ 0'

# ASCII when the locale is not UTF-8.
ui_start 80 24 LANG=C LC_ALL=C
tm_send F5 b
check "ASCII chart uses #" wait_for '^ +10 .*#'
check "ASCII axis uses -" wait_for '0 -{20,}'
check "no block characters in ASCII" sh -c "! tmux -L $TMUX_SOCK capture-pane -p -t main | grep -q '█'"
tm_send q
check "quits" wait_for '__EXITED__ 0'
finish
