#!/usr/bin/env bash
# mendlog note: the day's notes in $VISUAL/$EDITOR, saved only when the
# editor exits 0; the 0600 temp file in the data directory never stays.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"	# MENDLOG_NOW=2026-11-21T10:00:00
DAY=2026-11-21
E="$T/editors"
mkdir -p "$E"

# Editors: each records the file it was given and its mode, then acts.
cat >"$E/append" <<'SH'
#!/bin/sh
echo "$1" >"$(dirname "$0")/path"
stat -c %a "$1" >"$(dirname "$0")/mode"
printf 'walked to the shop, "fine"\n\n\n' >>"$1"
SH
cat >"$E/fail" <<'SH'
#!/bin/sh
echo "$1" >"$(dirname "$0")/path"
echo 'this must not be saved' >>"$1"
exit 1
SH
cat >"$E/same" <<'SH'
#!/bin/sh
echo "$1" >"$(dirname "$0")/path"
SH
cat >"$E/hang" <<'SH'
#!/bin/sh
echo "$1" >"$(dirname "$0")/path"
echo 'half written' >>"$1"
exec sleep 30
SH
chmod +x "$E"/*
notes() { csv_field "$D/entries.csv" date "$DAY" notes; }
temp_files() { find "$D" -name 'notes-*' | wc -l; }

"$ML" -d "$D" log notes="stiff in the morning" >/dev/null
out=$(EDITOR="$E/append" "$ML" -d "$D" note 2>&1); rc=$?
check_eq "appending editor: exit 0" 0 "$rc"
check_eq "says what it saved" "notes of $DAY saved" "$out"
check_eq "the line is saved below the old text, trailing newlines dropped" \
    "$(printf 'stiff in the morning\nwalked to the shop, "fine"')" "$(notes)"
check "the editor got a file in the data directory" \
    grep -q "^$D/notes-$DAY\.......\.txt\$" "$E/path"
check_eq "the editor's file was 0600" 600 "$(cat "$E/mode")"
check_eq "the temp file is gone after a save" 0 "$(temp_files)"
check "updated_at stamped" test -n "$(csv_field "$D/entries.csv" date "$DAY" updated_at)"

before=$(cat "$D/entries.csv")
err=$(EDITOR="$E/fail" "$ML" -d "$D" note 2>&1 >/dev/null); rc=$?
check_eq "failing editor: exit 1" 1 "$rc"
check_eq "failing editor: says nothing was saved" \
    "mendlog: nothing saved: the editor exited with status 1 ($E/fail)" "$err"
check_eq "failing editor: entries.csv unchanged" "$before" "$(cat "$D/entries.csv")"
check_eq "failing editor: the temp file is gone" 0 "$(temp_files)"

out=$(EDITOR="$E/same" "$ML" -d "$D" note 2>&1); rc=$?
check_eq "unchanged note: exit 0 and says so" "0 notes of $DAY unchanged" "$rc $out"
check_eq "unchanged note: entries.csv untouched" "$before" "$(cat "$D/entries.csv")"

# VISUAL wins over EDITOR; --date picks the day (a new entry).
rm -f "$E/path"
VISUAL="$E/append" EDITOR="$E/fail" "$ML" -d "$D" note --date 2026-11-20 >/dev/null
check_eq "VISUAL is used before EDITOR" 0 $?
check_eq "--date: that day's notes" 'walked to the shop, "fine"' \
    "$(csv_field "$D/entries.csv" date 2026-11-20 notes)"

err=$(VISUAL="$T/no-such-editor" "$ML" -d "$D" note 2>&1 >/dev/null); rc=$?
check_eq "missing editor: exit 1" 1 "$rc"
check "missing editor: says which and what to set" \
    grep -q "cannot run the editor '$T/no-such-editor' (set VISUAL or EDITOR)" <<<"$err"
check_eq "missing editor: no temp file" 0 "$(temp_files)"

"$ML" -d "$D" note --date nonsense >/dev/null 2>&1
check_eq "bad --date: usage error" 2 $?
"$ML" -d "$D" note extra >/dev/null 2>&1
check_eq "an operand: usage error" 2 $?

# Killed while the editor is open: the temp file still goes, nothing saved.
rm -f "$E/path"
EDITOR="$E/hang" "$ML" -d "$D" note >/dev/null 2>&1 &
pid=$!
end=$(( $(date +%s) + 5 ))
while [ ! -s "$E/path" ] && [ "$(date +%s)" -le "$end" ]; do sleep 0.05; done
check "hanging editor started" test -s "$E/path"
kill -TERM "$pid"
wait "$pid"; rc=$?
check_eq "SIGTERM during the edit: mendlog dies of it" 143 "$rc"
check_eq "SIGTERM during the edit: the temp file is gone" 0 "$(temp_files)"
check_eq "SIGTERM during the edit: entries.csv unchanged" "$before" \
    "$(grep -v '^2026-11-20' "$D/entries.csv")"

# The screen: E on Notes, curses suspended and back, same save.
rm -rf "$D"
"$ML" -d "$D" log notes="from the shell" >/dev/null
ui_start EDITOR="$E/append"
tm_to_notes
check "screen: the hint offers E on Notes" wait_for 'E editor'
tm_type E
check "screen: E saves what the editor wrote" \
    wait_for 'Notes saved from your editor; u undoes it'
check "screen: the form is drawn again" wait_for 'Back pain \(average\)'
check_eq "screen: E's text is in entries.csv" \
    "$(printf 'from the shell\nwalked to the shop, "fine"')" "$(notes)"
check_eq "screen: the temp file is gone after a save" 0 "$(temp_files)"
tm_type u
check "screen: u undoes the editor's change" wait_for 'undone: Notes'
check_eq "screen: undone in the file" "from the shell" "$(notes)"
tm_send q
wait_for '__EXITED__ 0' >/dev/null

before=$(cat "$D/entries.csv")
ui_start EDITOR="$E/fail"
tm_to_notes; tm_type E
check "screen: a failing editor saves nothing and says so" \
    wait_for 'nothing saved: the editor exited with status 1'
check_eq "screen: entries.csv unchanged" "$before" "$(cat "$D/entries.csv")"
check_eq "screen: the temp file is gone" 0 "$(temp_files)"
tm_send Home; tm_type E
check "screen: E on a score says where it works" \
    wait_for 'E opens your editor on a text field'
tm_send q
check "screen: quits cleanly after the editor" wait_for '__EXITED__ 0'
finish
