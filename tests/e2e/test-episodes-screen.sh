#!/usr/bin/env bash
# Issue 13 part B on the screen at 80x24: the top line names a value a rule
# cannot read (file, line, field); the Alerts screen asks before
# acknowledging an emergency from the list, takes s for "my clinician
# knows", and carries the clinician line.
. "$(dirname "$0")/lib.sh"

A="$D/alerts.csv"
today=$(date +%F)

# A hand-typed leg_weakness=si on a past day.
"$ML" -d "$D" log --date 2026-11-01 leg_weakness=no 2>/dev/null
python3 - "$D/entries.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
i = rows[0].index('leg_weakness')
for r in rows[1:]:
    if r[0] == '2026-11-01':
        r[i] = 'si'
csv.writer(open(sys.argv[1], 'w', newline=''), lineterminator='\n').writerows(rows)
PY
line=$(grep -n '^2026-11-01,' "$D/entries.csv" | cut -d: -f1)

tm_start -- "$ML" -d "$D"
check "screen up" wait_for '1 Today +2 History +3 Alerts'
check "the top line names file, line and field" \
    wait_for "entries.csv:$line: leg_weakness 'si' cannot be read"
tm_send q
check "q quits" wait_for '__EXITED__ 0'

# An emergency already recorded before the screen starts (no dialog for
# it): from the list, acknowledging it asks first.
"$ML" -d "$D" log bladder_bowel=yes 2>/dev/null
# A fresh tmux server: restarting on the same socket races its shutdown.
tm kill-server 2>/dev/null
TMUX_SOCK="$TMUX_SOCK-2"
tm_start -- "$ML" -d "$D"
check "screen up again" wait_for '1 Today +2 History +3 Alerts'
tm_send F3
check "the emergency is listed" wait_for "bladder_bowel"
check "the clinician line" wait_for 'mendlog does not replace your clinician'
check "hints offer s" wait_for 's clinician knows'
tm_send a
check "a on an emergency asks first" \
    wait_for 'EMERGENCY: not seen yet\? Call your local emergency number now. a again'
check_eq "not acknowledged by one a" "" \
    "$(csv_field "$A" rule bladder_bowel acknowledged_at)"
tm_send j	# any other key cancels the question
tm_send s
check "s asks too" wait_for 'number now. s again: known'
tm_send s
check "s again: noted" wait_for 'your clinician knows'
end=$(( $(date +%s) + 5 ))
while [ "$(csv_field "$A" rule bladder_bowel status)" != seen ] &&
    [ "$(date +%s)" -lt "$end" ]; do sleep 0.05; done
check_eq "status seen" seen "$(csv_field "$A" rule bladder_bowel status)"
check "the list is empty" wait_for 'No alerts waiting'
tm_send v
check "v shows it as known to the clinician" wait_for 'clinician knows'

# The day form: yes by mistake, undone the same day: entered in error;
# yes again: the dialog comes back.
tm_send F1
tm_send Home j j j j j j j j j
check "cursor on saddle numbness" wait_for 'numbness between the legs or around the bottom'
tm_type y
check "yes opens the dialog" wait_for 'a: I have read this'
tm_type a
check "a closes it" wait_gone 'a: I have read this'
tm_type n
end=$(( $(date +%s) + 5 ))
while [ "$(csv_field "$A" rule saddle_numbness status)" != error ] &&
    [ "$(date +%s)" -lt "$end" ]; do sleep 0.05; done
check_eq "undone the same day: entered in error" error \
    "$(csv_field "$A" rule saddle_numbness status)"
tm_type y
check "yes again: the dialog again" wait_for 'a: I have read this'
check_eq "the row is open again" "" "$(csv_field "$A" rule saddle_numbness status)"
tm_type a
check "closed" wait_gone 'a: I have read this'
tm_send q
check "q quits" wait_for '__EXITED__ 0'
finish
