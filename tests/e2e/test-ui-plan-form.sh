#!/bin/bash
# Issue 11: the plan form saves only what the user changed.  With the form
# open, `mendlog plan import --replace` runs from another shell; saving one
# field keeps the import's values (new instructions, sets, an added 18:00
# slot, an exercise it ended), a field both changed keeps the import's value
# and the user is told, and an exercise the import removed stays removed.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"
X="$D/exercises.csv"
xf() { csv_field "$X" id "$1" "$2"; }

"$ML" -d "$D" plan import "$TOP/tests/data/plan-physio.csv" >/dev/null
# The physio's new plan: knee-to-chest changed, bridges and bird dog left
# out (bridges have a past: ended; bird dog starts on the 24th: removed).
cat >"$T/plan-b.csv" <<'CSV'
id,name,instructions,sets,reps,hold_s,days,times,start_date,end_date,active
pelvic_tilt,Pelvic tilts,"Lie on your back, knees bent. Flatten the small of your back into the floor by tightening your tummy, hold, then relax.",2,10,5,daily,08:00;18:00,2026-11-10,,yes
knee_to_chest,Knee-to-chest stretch,New instructions from the physio,3,5,20,daily,08:00;12:00;18:00,2026-11-10,,yes
walk,Walking,"Walk at a comfortable pace on level ground. Stop if leg pain or numbness increases.",1,1,,daily,10:30,2026-11-10,2027-02-28,yes
CSV

ui_start
tm_send F4 P
check "plan view" wait_for 'Exercise plan'
tm_send Down Down	# bird_dog, bridge, knee_to_chest
check "knee-to-chest selected" wait_for '> Knee-to-chest'
tm_send e
check "edit form" wait_for 'Edit exercise'
check "form shows the old instructions" wait_for 'instructions +Lie on your back. Bring one knee'

"$ML" -d "$D" plan import --replace "$T/plan-b.csv" >/dev/null
check_eq "import wrote the new instructions" "New instructions from the physio" \
    "$(xf knee_to_chest instructions)"

# Change reps (the user's only field) and sets (the import changed it too).
tm_send Down Down Enter C-u; tm_type 4; tm_send Enter	# sets 2 -> 4
tm_send Enter C-u; tm_type 12; tm_send Enter		# reps 5 -> 12
check "typed values in the form" wait_for 'reps +12'
tm_send w
check "the user is told which field kept the other value" \
    wait_for 'knee_to_chest saved, but sets: changed elsewhere meanwhile, that value kept'
check_eq "the user's field saved" 12 "$(xf knee_to_chest reps)"
check_eq "import's instructions kept" "New instructions from the physio" \
    "$(xf knee_to_chest instructions)"
check_eq "import's sets kept over the form's" 3 "$(xf knee_to_chest sets)"
check_eq "import's added slot kept" "08:00;12:00;18:00" "$(xf knee_to_chest times)"
check_eq "the exercise the import ended stays ended" 2026-11-20 "$(xf bridge end_date)"
check "the removed exercise stays removed" bash -c "! grep -q '^bird_dog,' '$X'"

# A form open on an exercise the import then removes: w does not bring it
# back, with or without an edit.
"$ML" -d "$D" plan import "$TOP/tests/data/plan-physio.csv" >/dev/null
check "bird dog back in the plan" wait_for 'Bird dog' 10
tm_send Home
for _ in 1 2 3 4 5 6; do tm_send Up; done
check "bird dog selected" wait_for '> Bird dog'
tm_send e
check "edit form on bird dog" wait_for 'name +Bird dog'
"$ML" -d "$D" plan import --replace "$T/plan-b.csv" >/dev/null
tm_send w
check "w with no edit: refused, removed meanwhile" \
    wait_for "not saved: id: 'bird_dog' was removed from the plan"
tm_send Down Enter C-u; tm_type "Bird dog edited"; tm_send Enter w
check "w after an edit: refused too" wait_for "not saved: id: 'bird_dog' was removed"
check "bird dog not resurrected" bash -c "! grep -q '^bird_dog,' '$X'"
check_eq "the import's plan intact" "New instructions from the physio" \
    "$(xf knee_to_chest instructions)"
tm_send Escape
check "form closed" wait_for 'Exercise plan'
check "mendlog still running" bash -c "! tmux -L '$TMUX_SOCK' capture-pane -p -t main | grep -q __EXITED__"
finish
