#!/bin/bash
# Safety: (g) another process writes while the screen is open, (h) SIGHUP
# while typing a note keeps it; SIGTERM and Ctrl-C too.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"
f="$D/entries.csv"

# (g) `mendlog log` from another shell shows up within 5 s; neither change
# is lost.
ui_start
tm_type 5
check "(g) own change on screen" wait_for 'Back pain \(average\) +5/10'
wait_file_has "$f" "^$NOW_DAY,5," 5
$ML -d "$D" log headache=8 'notes=from the other shell' >/dev/null
check "(g) other process's headache shows within 5 s" wait_for 'Headache +8/10' 5
check "(g) and its note" wait_for 'Notes +from the other shell' 5
check "(g) own score still on screen" wait_for 'Back pain \(average\) +5/10'
tm_send j j j; tm_type 9
check "(g) a change after the reload" wait_for 'Headache +9/10'
wait_file_has "$f" "^$NOW_DAY,5,,,9," 5
check_eq "(g) file keeps the screen's back_pain" 5 "$(csv_field "$f" date "$NOW_DAY" back_pain)"
check_eq "(g) file keeps the other process's note" "from the other shell" \
    "$(csv_field "$f" date "$NOW_DAY" notes)"
check_eq "(g) file has the newest headache" 9 "$(csv_field "$f" date "$NOW_DAY" headache)"
# The other writer edits while our editor is open: nothing typed is lost.
tm_to_notes; tm_send Enter C-u; tm_type 'typed while'
wait_for 'Notes +typed while' >/dev/null
$ML -d "$D" log mood=3 >/dev/null
check "(g) reload while editing shows the other change" wait_for 'Mood +3/10' 5
check "(g) and keeps the text being typed" wait_for 'Notes +typed while'
tm_type ' the file changed'; tm_send Enter
wait_file_has "$f" 'typed while the file changed' 5
check_eq "(g) typed note saved" "typed while the file changed" "$(csv_field "$f" date "$NOW_DAY" notes)"
check_eq "(g) other mood kept" 3 "$(csv_field "$f" date "$NOW_DAY" mood)"
tm_send q
check "(g) quits" wait_for '__EXITED__ 0'

# (g) also when the files did not exist when the screen opened.
rm -rf "$D"
ui_start
$ML -d "$D" log leg_pain=4 >/dev/null
check "(g) an entry created by another process shows" wait_for 'Leg pain +4/10' 5
$ML -d "$D" procedure add --date 2026-11-19 --kind discectomy >/dev/null
check "(g) a procedure recorded elsewhere updates the top line" wait_for 'day 2 after discectomy' 5
tm_send q
wait_for '__EXITED__ 0' >/dev/null
$ML -d "$D" log headache=9 >/dev/null

# (h) kill -HUP while typing a note keeps the typed text.
ui_start
tm_to_notes; tm_send Enter C-u; tm_type 'half a thought, q1 ça'
check "(h) typing a note" wait_for 'Notes +half a thought, q1 ça'
pid=$(ui_pid)
check "(h) found the pid" test -n "$pid"
kill -HUP "$pid"
check "(h) exits after SIGHUP" wait_for '__EXITED__' 5
check_eq "(h) the typed note is in the file" "half a thought, q1 ça" \
    "$(csv_field "$f" date "$NOW_DAY" notes)"
check_eq "(h) other fields untouched" 9 "$(csv_field "$f" date "$NOW_DAY" headache)"

# SIGTERM while editing a number keeps it.
ui_start
tm_send j j j j j j j j j j Enter C-u; tm_type 38.4
check "SIGTERM: typing a temperature" wait_for 'Highest temperature +38.4 *$'
kill -TERM "$(ui_pid)"
check "exits after SIGTERM" wait_for '__EXITED__' 5
check_eq "SIGTERM: the typed temperature is in the file" 38.4 \
    "$(csv_field "$f" date "$NOW_DAY" temperature_c)"

# Ctrl-C quits cleanly and keeps what is typed.
ui_start
tm_to_notes; tm_send Enter C-u; tm_type 'before ctrl-c'
wait_for 'Notes +before ctrl-c' >/dev/null
tm_send C-c
check "Ctrl-C quits with status 0" wait_for '__EXITED__ 0' 5
check_eq "Ctrl-C: the typed note is in the file" "before ctrl-c" \
    "$(csv_field "$f" date "$NOW_DAY" notes)"
check "the terminal is restored (normal screen)" sh -c \
    "tmux -L $TMUX_SOCK display -p -t main '#{alternate_on}' | grep -qx 0"

# Esc then a signal: a cancelled edit is not saved.
ui_start
tm_to_notes; tm_send Enter C-u; tm_type 'never meant'
wait_for 'Notes +never meant' >/dev/null
tm_send Escape
check "Esc closes the editor" wait_for 'Notes +before ctrl-c'
kill -HUP "$(ui_pid)"
wait_for '__EXITED__' 5 >/dev/null
check_eq "a cancelled edit is not saved by SIGHUP" "before ctrl-c" \
    "$(csv_field "$f" date "$NOW_DAY" notes)"
check_eq "the file stays 0600" 600 "$(stat -c %a "$f")"
finish
