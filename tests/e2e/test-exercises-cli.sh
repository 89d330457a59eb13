#!/bin/bash
# The plan on the command line under faketime: plan import (good and bad
# files), plan list, done, and `mendlog due` / `due --quiet` as they would
# run from ~/.profile.
. "$(dirname "$0")/lib.sh"

at() { when=$1; shift; faketime "$when" "$ML" -d "$D" "$@"; }

# Imported before the faked days below: a plan has no slots before it
# is imported (plan history).
out=$(MENDLOG_NOW=2026-11-01T09:00:00 "$ML" -d "$D" plan import "$TOP/tests/data/plan-physio.csv")
check_eq "import says what it did" \
    "5 exercises imported: 5 new, 0 updated, 0 unchanged." "$(head -n 1 <<<"$out")"
check "and names each exercise's fate" grep -q '^  new        Pelvic tilts (pelvic_tilt)$' <<<"$out"
check_eq "one line per exercise" 6 "$(wc -l <<<"$out")"
check_eq "therapist_note kept" "Start gently" \
    "$(csv_field "$D/exercises.csv" id pelvic_tilt therapist_note)"
check_eq "file is private" 600 "$(stat -c %a "$D/exercises.csv")"

# A bad file: every problem with its line, and nothing written.
cp "$D/exercises.csv" "$T/before.csv"
printf 'name,times,days\nWalk,10:30,daily\nTilt,8am,daily\nBridge,12:00,someday\n' \
    >"$T/bad.csv"
err=$("$ML" -d "$D" plan import "$T/bad.csv" --replace 2>&1)
rc=$?
check_eq "bad import fails" 1 "$rc"
check "line 3 times reported" grep -q "bad.csv:3: times: invalid value '8am'" <<<"$err"
check "line 4 days reported" grep -q "bad.csv:4: days: invalid value 'someday'" <<<"$err"
check "nothing imported" grep -q "2 problems found; nothing imported" <<<"$err"
check "plan untouched" cmp -s "$T/before.csv" "$D/exercises.csv"

list=$(at '2026-11-21 09:00:00' plan list)
check "plan list shows the exercises" grep -q '^pelvic_tilt .*Pelvic tilts .*daily .*08:00;18:00' <<<"$list"
check "plan list shows paused ones" grep -q '^bird_dog .*(paused)' <<<"$list"

# Before anything is due: silent with --quiet, a short line without.
out=$(at '2026-11-21 07:30:00' due --quiet)
check_eq "due --quiet prints nothing when nothing is due" "" "$out"
out=$(at '2026-11-21 07:30:00' due)
check "due says nothing is due" grep -q '^Nothing due now.' <<<"$out"
check "and what is next" grep -q '^Next: 08:00 Knee-to-chest stretch' <<<"$out"

out=$(at '2026-11-21 08:05:00' due --quiet)
check "due lists the 08:00 slots" grep -q '^Exercise due 08:00: Pelvic tilts  (mendlog done pelvic_tilt)$' <<<"$out"
check_eq "two lines" 2 "$(wc -l <<<"$out")"
out=$(at '2026-11-21 10:05:00' due)
check "overdue after two hours" grep -q '^Exercise overdue since 08:00: Knee-to-chest stretch' <<<"$out"

out=$(at '2026-11-21 10:05:00' done pelvic_tilt --pain 2 --sets 2 --note 'easier today')
check_eq "done picks the due slot" "Logged pelvic_tilt 08:00 on 2026-11-21 as done." "$out"
check_eq "pain logged" 2 "$(csv_field "$D/exercise_log.csv" exercise_id pelvic_tilt pain_during)"
check_eq "note logged" "easier today" "$(csv_field "$D/exercise_log.csv" exercise_id pelvic_tilt note)"
out=$(at '2026-11-21 10:05:00' done knee_to_chest --status skipped -q); rc=$?
check_eq "done -q: nothing on stdout, exit 0" "0:" "$rc:$out"
check_eq "done -q: logged" skipped \
    "$(csv_field "$D/exercise_log.csv" exercise_id knee_to_chest status)"
out=$(at '2026-11-21 10:05:00' due --quiet)
check_eq "settled slots are no longer due" "" "$out"
check "a slot the plan lacks is refused" bash -c \
    "! faketime '2026-11-21 10:05:00' '$ML' -d '$D' done walk --slot 09:00 2>/dev/null"
check "an unknown exercise is refused" bash -c \
    "! faketime '2026-11-21 10:05:00' '$ML' -d '$D' done nosuch 2>/dev/null"

# An unacknowledged urgent alert shows even when no exercise is due; an
# acknowledged one and a mere "watch" do not.
cat >"$D/alerts.csv" <<'CSV'
raised_at,date,rule,severity,message,acknowledged_at
2026-11-21T06:00:00+00:00,2026-11-21,fever,urgent,"Fever with back pain: call your surgical team today.",
2026-11-20T06:00:00+00:00,2026-11-20,headache,urgent,Old one,2026-11-20T07:00:00+00:00
2026-11-21T06:00:00+00:00,2026-11-21,sleep,watch,Sleep poorly,
CSV
out=$(at '2026-11-21 10:10:00' due --quiet)
check_eq "urgent alert shown alone, its action in full" \
    "URGENT 2026-11-21 a raised temperature: contact your clinician or out-of-hours
  service today
mendlog alerts for details; mendlog does not replace your clinician" "$out"

# A long hand-written rule is wrapped, never cut, never split inside a
# UTF-8 character, every line within 80 columns.
cat >"$D/alerts.csv" <<'CSV'
raised_at,date,rule,severity,message,acknowledged_at
2026-11-21T06:00:00+00:00,2026-11-21,x ééééééééééééééééééééééééé ééééééééééééééééééééééééééééééééééééé,emergency,call 999,
CSV
out=$(at '2026-11-21 10:10:00' due --quiet)
check_eq "wrapped, not cut" \
    "x ééééééééééééééééééééééééé ééééééééééééééééééééééééééééééééééééé" \
    "$(head -n 2 <<<"$out" | sed 's/^EMERGENCY 2026-11-21 //; s/^  //' | tr '\n' ' ' | sed 's/: call your.*//; s/ $//')"
check_eq "within 80 columns" "" "$(python3 -c 'import sys
for l in sys.stdin.read().splitlines():
    if len(l) > 80: print(l)' <<<"$out")"
check "valid UTF-8" python3 -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' <<<"$out"
rm "$D/alerts.csv"

# Never more than six lines.
printf 'id,name,times\n' >"$T/many.csv"
for i in 1 2 3 4 5 6 7 8; do printf 'ex%s,Exercise %s,09:00\n' $i $i >>"$T/many.csv"; done
MENDLOG_NOW=2026-11-01T09:00:00 "$ML" -d "$D" plan import "$T/many.csv" >/dev/null
out=$(at '2026-11-21 10:10:00' due)
check_eq "at most six lines of exercises" 6 "$(wc -l <<<"$out")"
# 8 due exercises: five lines, then the other three.
check "the last says how many more" grep -q '^\.\.\. and 3 more: open mendlog' <<<"$out"
finish
