#!/bin/bash
# Exercises on screen, with the clock run by faketime: the reminder line
# appears on the Today screen by itself when a slot comes due; d on the
# Exercises screen logs the slot with pain during; adherence changes on
# screen; z snoozes the reminder; the plan view pauses an exercise.
. "$(dirname "$0")/lib.sh"

# Imported before the faked days below: a plan has no slots before it
# is imported (plan history).
MENDLOG_NOW=2026-11-01T09:00:00 "$ML" -d "$D" plan import "$TOP/tests/data/plan-physio.csv" >/dev/null
check "sample plan imported" test -s "$D/exercises.csv"

# Ten seconds before the 08:00 slots, with the clock running (room for a
# slow start on a loaded machine before "no reminder before 08:00").
tm_start -- "faketime -f '@2026-11-21 07:59:50' '$ML' -d '$D'"
check "Today screen shown" wait_for 'Sat 2026-11-21 \(today\)' 10
check "no reminder before 08:00" \
    bash -c "! tmux -L '$TMUX_SOCK' capture-pane -p -t main | grep -q 'Exercise due'"
# Nobody presses a key: the input timeout wakes the loop.
check "reminder appears on Today without a key" \
    wait_for 'Exercise due 08:00: Knee-to-chest stretch \(\+1 more\)' 30
check "still on the Today screen" \
    bash -c "! tmux -L '$TMUX_SOCK' capture-pane -p -t main | grep -q \"Today's exercises\""

tm_send F4
check "Exercises screen lists today's slots" wait_for '> 08:00 +due +Knee-to-chest'
check "later slots shown as later" wait_for '10:30 +later +Walking'
check "instructions of the selected exercise" wait_for 'Bring one knee towards your chest'
check "sets x reps and hold" wait_for '2 x 5, hold 20 s'
check "adherence before logging" wait_for 'Adherence 7 days 0%'

tm_send d
check "d asks for pain during" wait_for 'Knee-to-chest stretch 08:00 done. Pain during it \(0-10'
tm_type 3
tm_send Enter
check "log written" wait_file_has "$D/exercise_log.csv" 'knee_to_chest'
check_eq "logged status" done "$(csv_field "$D/exercise_log.csv" exercise_id knee_to_chest status)"
check_eq "logged slot" 08:00 "$(csv_field "$D/exercise_log.csv" exercise_id knee_to_chest slot)"
check_eq "pain during logged" 3 "$(csv_field "$D/exercise_log.csv" exercise_id knee_to_chest pain_during)"
check_eq "logged on the faked day" 2026-11-21 "$(csv_field "$D/exercise_log.csv" exercise_id knee_to_chest date)"
check "slot shown done" wait_for '08:00 +done +Knee-to-chest'
# 1 done of 34 slots due in the last 7 days (plan from 10 Nov): 3 %.
check "adherence updated on screen" wait_for 'Adherence 7 days 3%'
# (a fresh "logged" message has the notice line for a few seconds first)
check "reminder moves on to the next due slot" \
    wait_for 'Exercise due 08:00: Pelvic tilts -' 10

# Partial, with Enter alone: no pain score.
tm_send p
check "p asks too" wait_for 'Pelvic tilts 08:00 partial. Pain during it'
tm_send Enter
check "partial logged" wait_file_has "$D/exercise_log.csv" 'pelvic_tilt,partial'
check_eq "no pain score when skipped" "" "$(csv_field "$D/exercise_log.csv" exercise_id pelvic_tilt pain_during)"
check "reminder gone once every due slot is settled" wait_gone 'Exercise due' 8

# The plan view: pause the walk, then resume it.
tm_send P
check "plan view" wait_for 'Exercise plan'
tm_send Down Down Down Down
tm_send Space
check "shown paused" wait_for 'Walking .* paused'
check_eq "walk paused in the file" no "$(csv_field "$D/exercises.csv" id walk active)"
check_eq "therapist's column kept" "Build up 5 min per week" \
    "$(csv_field "$D/exercises.csv" id walk therapist_note)"
tm_send Space
check "shown active" wait_for 'Walking .* active'
check_eq "walk resumed in the file" yes "$(csv_field "$D/exercises.csv" id walk active)"

# Add an exercise from the keyboard: a bad time is refused and named.
tm_send a
check "new exercise form" wait_for 'New exercise'
tm_send Down Enter
tm_type "Side-lying clams"
tm_send Enter Down Down Down Down Down Enter
tm_type "25:00"
tm_send Enter
tm_send w
check "bad time refused" wait_for 'not saved: times: invalid value .25:00.'
check "nothing written" bash -c "! grep -q clams '$D/exercises.csv'"
tm_send Enter BSpace BSpace BSpace BSpace BSpace
tm_type "19:30"
tm_send Enter w
check "saved, with an id made from the name" wait_for 'side_lying_clams saved'
check_eq "new exercise in the file" 19:30 \
    "$(csv_field "$D/exercises.csv" id side_lying_clams times)"
check "listed in the plan" wait_for 'Side-lying clams .* 19:30 .* active'
# Edit it: the id stays, the name changes.
tm_send e
check "edit form" wait_for 'Edit exercise'
tm_send Enter
tm_send BSpace BSpace BSpace BSpace BSpace	# "clams"
tm_type "clam shells"
tm_send Enter w
check "edited" wait_for 'Side-lying clam shells'
check_eq "edited in the file" "Side-lying clam shells" \
    "$(csv_field "$D/exercises.csv" id side_lying_clams name)"
tm_send Escape
check "back to today" wait_for "Today's exercises"
check "the new slot is on today's list" wait_for '19:30 +later +Side-lying clam shells'
tm_send q
check "quits" wait_for '__EXITED__ 0'
finish
