#!/bin/bash
# The output gate on the screen: a note and an exercise name edited by
# hand to hold an escape sequence and a right-to-left override show as
# visible escapes, and the rest of the screen stays where it was.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"

$ML -d "$D" log --date "$NOW_DAY" back_pain=4 notes=NOTEMARK >/dev/null ||
    not_ok "log"
printf 'id,name,times\nwalk,EXMARK,23:00\n' >"$T/plan.csv"
$ML -d "$D" plan import "$T/plan.csv" >/dev/null || not_ok "plan import"
python3 - "$D" <<'PY'
import sys, os
bad = b"A\x1b[2J\xe2\x80\xaeB"
for name in ("entries.csv", "exercises.csv"):
    p = os.path.join(sys.argv[1], name)
    data = open(p, "rb").read()
    data = data.replace(b"NOTEMARK", b"NO" + bad).replace(b"EXMARK", b"EX" + bad)
    open(p, "wb").write(data)
PY

ui_start
check "Today: the note shows the escapes" wait_for 'Notes +NOA\\x1B\[2J<U\+202E>B'
check "Today: the form is still whole" wait_for 'Back pain \(average\) +4/10'
tm_send F4
check "Exercises: the name shows the escapes" wait_for 'EXA\\x1B\[2J<U\+202E>B'
check "Exercises: adherence still on its row" wait_for "Today's exercises .*Adherence"
tm_send q
finish
