#!/bin/bash
# Issue 11 on the day form: undo after a two-digit score (1 then 0 = 10)
# restores the old value in one step; undo walks back through every change
# of the session; a score change says what it did and how to undo it; undo
# and the editor keep a value another mendlog wrote meanwhile.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"
f="$D/entries.csv"
field() { csv_field "$f" date "$NOW_DAY" "$1"; }
# wait_field COLUMN VALUE: poll the file (the save is done between keys).
wait_field() {
	end=$(( $(date +%s%N) / 1000000 + 5000 ))
	while [ "$(field "$1")" != "$2" ]; do
		[ $(( $(date +%s%N) / 1000000 )) -ge "$end" ] && return 1
		sleep 0.05
	done
}

"$ML" -d "$D" log back_pain=7 leg_pain=2 >/dev/null
ui_start
check "screen up" wait_for 'Back pain \(average\) +7/10'

# 1 then 0: ten, one change.
tm_type 1; tm_type 0
check "1 then 0 is 10" wait_for 'Back pain \(average\) +10/10'
check "the change says what it did and how to undo it" \
    wait_for 'Back pain \(average\) 7 → 10 · u undoes'
check "10 saved" wait_field back_pain 10
tm_type u
check "u after 1 0 restores 7" wait_for 'Back pain \(average\) +7/10'
check "7 in the file" wait_field back_pain 7
tm_type u
check "nothing more to undo" wait_for 'nothing to undo'

# Several changes on several fields, then u walks back through them all.
tm_type 3                       # back_pain 7 -> 3
check "back pain 3" wait_for 'Back pain \(average\) 7 → 3 · u undoes'
tm_send j; tm_type 9            # back_pain_worst - -> 9
check "worst 9" wait_for 'Back pain \(worst\) - → 9 · u undoes'
tm_send j; tm_type 5            # leg_pain 2 -> 5
check "leg 5" wait_for 'Leg pain 2 → 5 · u undoes'
tm_send j j; tm_type y          # headache_upright - -> yes
check "yes answer" wait_for 'Headache worse upright - → yes · u undoes'
tm_to_notes; tm_send Enter C-u; tm_type 'a note'; tm_send Enter
check "note saved" wait_field notes 'a note'
for want in notes= yesno leg_pain=2 back_pain_worst= back_pain=7; do
	tm_type u
	case $want in
	yesno) check "u takes back the yes/no answer" wait_field headache_upright "" ;;
	*) check "u walks back: ${want%%=*} is '${want#*=}' again" wait_field "${want%%=*}" "${want#*=}" ;;
	esac
done
tm_type u
check "then nothing to undo" wait_for 'nothing to undo'
check_eq "leg pain back to 2" 2 "$(field leg_pain)"
check_eq "worst back to empty" "" "$(field back_pain_worst)"

# Undo keeps a value another mendlog wrote since.
tm_send Home; tm_type 4
check "back pain 4" wait_field back_pain 4
"$ML" -d "$D" log back_pain=6 >/dev/null
check "the other value shows" wait_for 'Back pain \(average\) +6/10' 10
tm_type u
check "undo refuses to write over it" wait_for 'not undone: Back pain \(average\) was changed elsewhere'
check_eq "the other value is kept" 6 "$(field back_pain)"

# The editor: a note changed elsewhere while it was open is kept and the
# user told; a second Enter saves the typed text.
tm_to_notes; tm_send Enter C-u; tm_type 'typed here'
wait_for 'Notes +typed here' >/dev/null
"$ML" -d "$D" log 'notes=from the other shell' >/dev/null
tm_send Enter
check "the editor says the note changed elsewhere" wait_for 'Notes was changed elsewhere while you typed'
check_eq "the other note is kept" "from the other shell" "$(field notes)"
check "the typed text is still in the editor" wait_for 'Notes +typed here'
tm_send Enter
check "a second Enter saves the typed text" wait_field notes 'typed here'

# E (the note in $EDITOR): another shell changes the note while the
# editor runs; the other value is kept, the editor's text waits in the
# inline editor, Esc keeps the other.
mkdir -p "$T/ed"
cat >"$T/ed/racing" <<SH
#!/bin/sh
"$ML" -d "$D" log 'notes=written while the editor ran' >/dev/null
printf 'from my editor\n' >"\$1"
SH
chmod +x "$T/ed/racing"
tm_send q
wait_for '__EXITED__ 0' >/dev/null
ui_start EDITOR="$T/ed/racing"
tm_to_notes; tm_type E
check "E: the note changed meanwhile is kept and the user told" \
    wait_for 'Notes was changed elsewhere meanwhile; it is kept'
check "E: the editor's text waits in the inline editor" wait_for 'Notes +from my editor'
check_eq "E: the other value is in the file" "written while the editor ran" "$(field notes)"
tm_send Escape
check "E: Esc keeps the other" wait_for 'Notes +written while the editor ran'
check_eq "E: still the other value" "written while the editor ran" "$(field notes)"
finish
