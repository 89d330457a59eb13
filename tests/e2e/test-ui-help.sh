#!/bin/bash
# Help: the clinician notice and every screen's keys, gathered from the
# screens' own help lines.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"

ui_start
tm_send '?'
check "help says mendlog does not replace a clinician" wait_for 'does not replace your clinician'
check "and whom to contact" wait_for 'contact your care team; in an emergency call'
check "keys that work everywhere" wait_for 'Tab Shift-Tab +next/previous screen'
check "the day form's keys" wait_for '0-9 +score \(1 then 0 = 10\)'
check "the inline editor's keys" wait_for 'Enter +save +Esc +cancel'
check "History's keys" wait_for '\[ \] PgUp PgDn +a month'
check "Trends' keys" wait_for 'r +30 or 90 days'
check "all on one page at 80x24" sh -c "! tmux -L $TMUX_SOCK capture-pane -p -t main | grep -q 'page 1/'"
tm_send 2
check "a digit switches screens outside the day form" wait_for 'Back +Leg +Head +Marks'
tm_send '?' 1
check "1 goes to Today" wait_for 'Back pain \(average\)'
# The contract: whenever Today opens, the cursor is on back_pain.
tm_send j j F2
wait_for 'Back +Leg +Head +Marks' >/dev/null
tm_send F1; tm_type 6
check "reopened Today starts on back_pain" wait_for 'Back pain \(average\) +6/10'
check_eq "and the digit went to back_pain" 6 "$(csv_field "$D/entries.csv" date "$NOW_DAY" back_pain)"
tm_send '?' q
check "q quits from Help" wait_for '__EXITED__ 0'
finish
