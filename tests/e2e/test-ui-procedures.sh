#!/usr/bin/env bash
# Issue 12 on the screen (tmux, 80x24): the first-start form of an empty
# diary records a lumbar puncture three days ago and the day form then
# raises post_puncture_headache with no command line used; the Procedures
# view edits and removes; the top line shows both counts while an earlier
# procedure is still in its window; go-to-date refuses with the reason.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"

# --- the first start: what was done and when ---------------------------
tm_start -- "MENDLOG_NOW=$MENDLOG_NOW $ML -d $D"
check "empty diary: the first-start form" wait_for 'What was done, and when'
check "it offers none yet" wait_for 'none yet: waiting for a procedure'
check "top line: the procedure checks are off" \
    wait_for '^ [A-Z][a-z]{2} 2026-11-21 \(today\) +! no procedure recorded'
# The kind is lumbar puncture (the first); the date typed relative.
tm_send Down Enter C-u
tm_type '3 days ago'
tm_send Enter
check "the date typed" wait_for 'When +3 days ago'
tm_send w
check "saved: the day form" wait_for 'Back pain \(average\)'
check "top line counts from it" \
    wait_for '^ (mendlog  )?Sat 2026-11-21 \(today\) - day 3 after lumbar puncture'
check_eq "procedures.csv holds it" "lumbar_puncture" \
    "$(csv_field "$D/procedures.csv" date 2026-11-18 kind)"
check "the notice is gone" bash -c "! tmux -L '$TMUX_SOCK' capture-pane -p -t main | grep -q 'no procedure recorded'"
# Headache 6, worse upright, on today's form.
tm_send Down Down Down
tm_type 6
tm_send j
tm_type y
check "urgent banner" wait_for 'URGENT: post_puncture_headache'
check "recorded urgent" grep -q ',post_puncture_headache,urgent,' "$D/alerts.csv"

# --- the Procedures view: add, edit, remove ----------------------------
tm_send p
check "p opens the Procedures view" wait_for 'Procedures \(each keeps its own day count\)'
check "it lists the puncture with its day" wait_for '>  1  2026-11-18  lumbar puncture +day 3'
tm_send a
check "a opens the form" wait_for 'Record a procedure'
# Right six times: epidural blood patch (the table's 7th kind).
tm_send Right Right Right Right Right Right
check "kind chosen" wait_for '< epidural blood patch >'
tm_send Down Enter C-u
tm_type yesterday
tm_send Enter Enter
tm_type 'left side'
tm_send Enter w
check "saved, back in the list" wait_for ' 2  2026-11-20  epidural blood patch +left side +day 1'
# Edit the patch: it was the day before.
tm_send j e
check "edit form" wait_for 'Edit procedure'
tm_send Down Enter C-u
tm_type 2026-11-19
tm_send Enter w
check "edited date" wait_for ' 2  2026-11-19  epidural blood patch +left side +day 2'
check_eq "the file has the new date" "epidural_blood_patch" \
    "$(csv_field "$D/procedures.csv" date 2026-11-19 kind)"
# A future day is refused with the reason and today's date.
tm_send e Down Enter C-u
tm_type tomorrow
tm_send Enter w
check "future refused with today's date" \
    wait_for 'When: 2026-11-22 is after today \(2026-11-21\)'
tm_send Escape
# Remove it: y confirms; the row stays only in the .bak.
tm_send d
check "remove asks first" wait_for 'Remove procedure 2\? y removes it'
tm_send y
check "removed" wait_for 'procedure 2 removed'
check "one row left" bash -c "! grep -q epidural_blood_patch '$D/procedures.csv'"
check "the row is in procedures.csv.bak" grep -q '2026-11-19,epidural_blood_patch,left side' "$D/procedures.csv.bak"
check "alerts already raised stay" grep -q post_puncture_headache "$D/alerts.csv"
tm_send Escape
check "Esc: back to Today" wait_for 'Back pain \(average\)'

# --- Help lists the view ---------------------------------------------------
tm_send '?'
check "Help: p from everywhere" wait_for 'p +procedures'
tm_send 1

# --- go to a date: refusals with the reason ------------------------------
tm_send g
tm_type 1985-03-01
tm_send Enter
check "before 1990: a typo, says why" wait_for '1985-03-01 is before 1990'
tm_send g
tm_type monday
tm_send Enter
check "g monday: relative days work" wait_for 'Mon 2026-11-16'
tm_send q
check "q quits" wait_for '__EXITED__ 0'

# --- an earlier procedure in its window: both counts at day 5 -----------
rm -rf "$D"
"$ML" -d "$D" procedure add --kind LP --date 2026-11-16 >/dev/null 2>&1
"$ML" -d "$D" procedure add --kind EBP --date 2026-11-19 >/dev/null 2>&1
"$ML" -d "$D" log back_pain=4 >/dev/null 2>&1
ui_start
check "day 5 of the LP: both counts on the top line" \
    wait_for '^ Sat 2026-11-21: day 2 after epidural blood patch · day 5 after lumbar puncture'
tm_send q
check "q quits (2)" wait_for '__EXITED__ 0'

# --- a row 60 days back edited by hand: the screen's next refresh ---------
rm -rf "$D"
"$ML" -d "$D" procedure add --kind fusion --date 2026-09-01 >/dev/null 2>&1
"$ML" -d "$D" log --date 2026-09-22 back_pain=2 leg_weakness=no >/dev/null 2>&1
"$ML" -d "$D" log back_pain=2 >/dev/null 2>&1
ui_start
python3 - "$D/entries.csv" <<'PY'
import csv, os, sys
p = sys.argv[1]
rows = list(csv.reader(open(p, newline='')))
i = rows[0].index('leg_weakness')
for r in rows[1:]:
    if r[0] == '2026-09-22':
        r[i] = 'yes'
# As a spreadsheet saves: a new file put in place.
csv.writer(open(p + '.new', 'w', newline=''), lineterminator='\n').writerows(rows)
os.chmod(p + '.new', 0o600)
os.rename(p + '.new', p)
PY
check "the screen raises the emergency for the edited old row" \
    wait_for 'EMERGENCY: leg_weakness' 15
check "recorded for that day" grep -q '2026-09-22,leg_weakness,emergency' "$D/alerts.csv"
tm_send a
tm_send q
check "q quits (4)" wait_for '__EXITED__ 0'

# --- skipped: the top line keeps saying the checks are off ---------------
rm -rf "$D"
ui_stop
tm_start -- "MENDLOG_NOW=$MENDLOG_NOW $ML -d $D"
check "first-start form again" wait_for 'What was done, and when'
tm_send Escape
check "skipped: the day form" wait_for 'Back pain \(average\)'
check "top line: the checks are off" wait_for '! no procedure recorded: its checks are off'
tm_send q
check "q quits (3)" wait_for '__EXITED__ 0'
finish
