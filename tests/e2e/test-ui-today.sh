#!/bin/bash
# The day form: (a) every field by keyboard alone, (b) moving between days,
# and the key contract the other screens' tests rely on.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"

# (a) every field of today's entry.
ui_start
check "form shows the notes field" wait_for 'Notes'
check "help line for back_pain under the form" wait_for 'average back pain today'
fill_form
check_form_file "$NOW_DAY" "(a)"
check "screen shows the note" wait_for 'Notes +Walked 2 km, felt "better"'
check "status line shows the save time" wait_for 'saved 10:00'

# (b) back two days, edit, come back.
tm_send '['
check "[ goes back a day" wait_for '2026-11-20'
tm_send PageUp
check "PgUp goes back another" wait_for 'Fri 2026-11-19|Thu 2026-11-19'
tm_send Home; tm_type 8
check "score on the earlier day shows" wait_for 'Back pain \(average\) +8/10'
tm_send ']' PageDown
check "] and PgDn come back to today" wait_for '2026-11-21 \(today\)'
check "today's back pain unchanged on screen" wait_for 'Back pain \(average\) +4/10'
check_eq "(b) file: 2026-11-19 back_pain" 8 "$(csv_field "$D/entries.csv" date 2026-11-19 back_pain)"
check_eq "(b) file: today back_pain" 4 "$(csv_field "$D/entries.csv" date "$NOW_DAY" back_pain)"
check_eq "(b) nothing written for 2026-11-20" "" "$(csv_field "$D/entries.csv" date 2026-11-20 date)"
tm_send g; tm_type 2026-11-19; tm_send Enter
check "g goes to a typed date" wait_for 'Back pain \(average\) +8/10'
tm_send g; tm_type yesterday; tm_send Enter
check "g accepts yesterday" wait_for 'Fri 2026-11-20'
tm_send g; tm_type 2026-13-01; tm_send Enter
check "g refuses an impossible date and stays open" wait_for 'type a date as YYYY-MM-DD'
tm_send Escape
check "Esc closes the date prompt" wait_gone 'Go to day'
tm_send t
check "t returns to today" wait_for '2026-11-21 \(today\)'
tm_send ']'
check "] stops at today" wait_for 'does not go past today'

# Clearing, undo, cancel, invalid input.
tm_send Home; tm_send x
check "x clears back_pain" wait_for 'Back pain \(average\) +-$'
check "clearing says how to undo" wait_for 'Back pain \(average\) cleared; u brings it back'
check_eq "cleared in the file" "" "$(csv_field "$D/entries.csv" date "$NOW_DAY" back_pain)"
tm_send u
check "u undoes the clear" wait_for 'Back pain \(average\) +4/10'
tm_send j j j j j j j j j j Enter C-u; tm_type 99; tm_send Enter
check "an impossible temperature is refused" wait_for 'Highest temperature: .*30.0-45.0'
check "the editor stays open with the typed text" wait_for 'Highest temperature +99 *$'
tm_send C-u; tm_type 38.2; tm_send Enter
check "the corrected temperature saves" wait_for 'Highest temperature +38.2 C'
tm_send Enter; tm_type 5
check "editor holds 38.25" wait_for 'Highest temperature +38.25 *$'
tm_send Escape
check "Esc cancels the editor" wait_for 'Highest temperature +38.2 C$'
check_eq "file keeps 38.2" 38.2 "$(csv_field "$D/entries.csv" date "$NOW_DAY" temperature_c)"
tm_send Delete
check "Delete clears a number" wait_for 'Highest temperature +-$'
# (Pins and needles: a red-flag answer would open the alert dialog.)
tm_send k k k k; tm_send Space
check "Space toggles yes to no" wait_for 'Pins and needles +no'
tm_send Space
check "Space toggles no to yes" wait_for 'Pins and needles +yes'
tm_send j j j j +
check "+ on an empty temperature starts at 37.0" wait_for 'Highest temperature +37.0 C'
tm_send + + -
check "+ + - steps by 0.1" wait_for 'Highest temperature +37.1 C'
check_eq "stepped temperature in the file" 37.1 "$(csv_field "$D/entries.csv" date "$NOW_DAY" temperature_c)"

# A note longer than the screen scrolls sideways and is kept whole.
long="Start of a long note, $(printf 'word%02d ' $(seq 1 20))end é"
tm_to_notes; tm_send Enter C-u; tm_type "$long"
check "long note: the editor scrolls, showing the end" wait_for 'Notes +<.*word20 end é'
tm_send Home
check "long note: Home shows the start and more to the right" wait_for 'Notes +Start of a long note.*>$'
tm_send Right Right Right Right Right; tm_type 'X'
check "long note: typing in the middle" wait_for 'Notes +StartX of a long'
tm_send Enter
wait_file_has "$D/entries.csv" 'word20 end é' 5
check_eq "long note: kept whole in the file" "StartX of a long note, $(printf 'word%02d ' $(seq 1 20))end é" \
    "$(csv_field "$D/entries.csv" date "$NOW_DAY" notes)"

# A red-flag answer: the alert dialog takes the keys until acknowledged,
# and the form carries on after it.
tm_send Home j j j j j j j j j
check "cursor on saddle numbness" wait_for 'numbness between the legs or around the bottom'
tm_type y
check "a red-flag answer opens the emergency dialog" wait_for 'a: I have read this'
tm_type n
tm_type a
check "a closes the dialog" wait_gone 'a: I have read this'
check_eq "the dialog kept n from the form; the answer stays yes" yes \
    "$(csv_field "$D/entries.csv" date "$NOW_DAY" saddle_numbness)"
tm_type n
check "the form answers keys again" wait_for 'Numbness between the legs +no'

# Inside the editor q is text; outside it quits.
tm_to_notes; tm_send Enter; tm_send C-u; tm_type 'q'; tm_send Enter
check "q typed into a note is text" wait_for 'Notes +q$'
tm_send q
check "q quits" wait_for '__EXITED__ 0'
# A value written by hand elsewhere that the field does not accept is
# shown, explained, kept, and can be corrected.
ui_stop
printf 'date,back_pain,temperature_c,notes\n2026-11-21,12,hot,kept\n' >"$D/entries.csv"
ui_start
check "an invalid score is shown as written" wait_for 'Back pain \(average\) +12/10'
check "and explained on the help line" wait_for 'not valid here: expected an integer 0-10'
tm_send +
check "+ refuses to step an invalid value" wait_for "'12' is not valid; press Enter"
check_eq "the file keeps the value until corrected" 12 "$(csv_field "$D/entries.csv" date "$NOW_DAY" back_pain)"
tm_type 3
check "a digit corrects it" wait_for 'Back pain \(average\) +3/10'
check_eq "the corrected score is saved" 3 "$(csv_field "$D/entries.csv" date "$NOW_DAY" back_pain)"
check_eq "the other invalid value is untouched" hot "$(csv_field "$D/entries.csv" date "$NOW_DAY" temperature_c)"
tm_send q
check "quits" wait_for '__EXITED__ 0'
finish
