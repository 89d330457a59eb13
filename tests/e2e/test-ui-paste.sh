#!/bin/bash
# Bracketed paste (issue 11): a paste is text for the open editor, never
# keys.  A three-line note pasted into the note editor keeps all three
# lines' text (line breaks become spaces), changes no other field, raises
# nothing, and mendlog keeps running; a paste on the form itself, outside
# an editor, is ignored with a notice; a 'q' in a paste never quits.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"
f="$D/entries.csv"

# Every field but the note, as a file row, to compare before and after.
others() {
	python3 - "$f" "$NOW_DAY" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline='')):
    if row['date'] == sys.argv[2]:
        print(sorted((k, v) for k, v in row.items()
                     if k not in ('notes', 'updated_at')))
PY
}

"$ML" -d "$D" log back_pain=3 mood=6 >/dev/null
ui_start
check "screen up" wait_for 'Back pain \(average\) +3/10'
before=$(others)

# tmux wraps a paste in ESC [ 200 ~ ... ESC [ 201 ~ only when the program
# asked for it (mode 2004): this also shows mendlog asks.  tmux turns LF
# into CR, as a terminal does.
printf 'first line q\nsecond 2 y j\nthird x 10 u' >"$T/paste.txt"
tm load-buffer -b note "$T/paste.txt"
tm_to_notes; tm_send Enter
check "note editor open" wait_for 'Enter save  Esc cancel'
tm paste-buffer -p -d -b note -t main
check "paste shown in the editor" wait_for 'Notes +first line q second 2 y j third x 10 u'
check "editor still open after the paste" wait_for 'Enter save  Esc cancel'
tm_send Enter
check "note saved" wait_file_has "$f" 'third x 10 u' 5
check_eq "the note holds all three lines" "first line q second 2 y j third x 10 u" \
    "$(csv_field "$f" date "$NOW_DAY" notes)"
check_eq "no other field changed" "$before" "$(others)"
check "no alert raised" bash -c "[ ! -s '$D/alerts.csv' ] || [ \$(wc -l <'$D/alerts.csv') -le 1 ]"
check "mendlog still running" wait_for 'Back pain \(average\) +3/10'

# A paste on the form (no editor open) is dropped whole, with a notice:
# its digits, y and q are not keys.
printf '9\ny\nq\n' >"$T/keys.txt"
tm load-buffer -b keys "$T/keys.txt"
tm_send Home
tm paste-buffer -p -d -b keys -t main
check "paste outside an editor: a notice" wait_for 'paste ignored'
check "back pain unchanged on screen" wait_for 'Back pain \(average\) +3/10'
check "still running after a pasted q" bash -c "! tmux -L '$TMUX_SOCK' capture-pane -p -t main | grep -q __EXITED__"
check_eq "back pain unchanged in the file" 3 "$(csv_field "$f" date "$NOW_DAY" back_pain)"

# The markers typed raw (a terminal that sends them itself): the same.
tm_to_notes; tm_send Enter C-u
wait_for 'Enter save  Esc cancel' >/dev/null
tm_type $'\e[200~raw one\rraw two\e[201~'
check "raw bracketed paste is text" wait_for 'Notes +raw one raw two'
tm_send Enter
check "raw paste saved" wait_file_has "$f" 'raw one raw two' 5

# After q the terminal is back to normal: mendlog switched the mode off.
tm_send q
check "mendlog quit on a typed q" wait_for '__EXITED__ 0'
finish
