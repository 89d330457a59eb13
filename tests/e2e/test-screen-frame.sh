#!/usr/bin/env bash
# The screen frame in a real terminal (tmux, 80x24): first-run notice, the
# tab line, `q` quits, the too-small message and its recovery.
. "$(dirname "$0")/lib.sh"

tm_start -- "$ML" -d "$D"
# An empty diary opens on the first-start form (issue 12); Esc skips it.
check "first-start form on an empty diary" wait_for 'What was done, and when'
check "first-start form skipped" skip_first_start
# On the day form digits are scores: the tab line shows the keys that
# switch there (issue 11); elsewhere the digits.
check "tab line at 80x24 on the day form: F-keys and Tab" \
    wait_for '^ +F1 Today +F2 History +F3 Alerts +F4 Exercises +F5 Trends +\? Help +Tab next$'
tm_send F2
check "tab line elsewhere: the digits" \
    wait_for '^ +1 Today +2 History +3 Alerts +4 Exercises +5 Trends +\? Help$'
tm_send 1
check "a digit switches from History" wait_for '^ +F1 Today +F2 History'
check "first run says it does not replace a clinician" wait_for 'does not replace your clinician'
check "top line shows the date" wait_for "^ (mendlog +)?[A-Z][a-z]{2} $(date +%F) \(today\)"
# Never silent: with no procedure the top line says its checks are off.
check "top line: no procedure, its checks are off" \
    wait_for "^ [A-Z][a-z]{2} $(date +%F) \(today\) +! no procedure recorded: its checks are off"
tm resize-window -t main -x 50 -y 15
check "too small: a clear message" wait_for 'terminal too small \(need 80x24'
tm resize-window -t main -x 80 -y 24
check "recovers on resize" wait_for 'F?1 Today +F?2 History'
tm_send q
check "q quits with status 0" wait_for '__EXITED__ 0'
finish
