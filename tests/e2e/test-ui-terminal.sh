#!/bin/bash
# Terminal care: (e) resizing through a too-small size, (f) the flow of
# (a) under NO_COLOR=1 and TERM=vt100, the other TERMs, --no-color;
# (g) a TERM terminfo does not know falls back with a notice, and TERM=dumb
# or empty says what to use instead and exits 1 without drawing.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"

# Colour escapes (SGR 30-49 or 38;5) in what tmux shows, with attributes.
has_colour() { tm capture-pane -e -p -t main | grep -Eq $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|38;[25])[;m]'; }

# (e) 80x24 -> 50x15 -> 120x40 -> 80x24.
ui_start
tm_type 3
check "(e) form drawn at 80x24" wait_for 'Back pain \(average\) +3/10'
tm resize-window -t main -x 50 -y 15
check "(e) 50x15 says the terminal is too small" wait_for 'terminal too small \(need 80x24\)'
check "(e) and what it is now" wait_for 'now 50x15'
tm resize-window -t main -x 120 -y 40
check "(e) 120x40 draws the form again" wait_for 'Back pain \(average\) +3/10'
check "(e) the status line is at the bottom of 120x40" sh -c \
    "tmux -L $TMUX_SOCK capture-pane -p -t main | sed -n 40p | grep -q 'saved 10:00'"
tm resize-window -t main -x 80 -y 24
check "(e) back at 80x24" wait_for 'Notes'
check "(e) the too-small message is gone" wait_gone 'terminal too small'
tm_send j; tm_type 6
check "(e) still works after the resizes" wait_for 'Back pain \(worst\) +6/10'
check "(e) still running" sh -c "! tmux -L $TMUX_SOCK capture-pane -p -t main | grep -q __EXITED__"
# Another writer is still noticed after a resize (the input timeout survives).
$ML -d "$D" log --date "$NOW_DAY" mood=2 >/dev/null
check "(e) reload still works after resize" wait_for 'Mood +2/10' 5
tm resize-window -t main -x 50 -y 15
wait_for 'terminal too small' >/dev/null
tm_send q
check "(e) q quits from the too-small screen" wait_for '__EXITED__ 0'

# Colour is used when allowed (so the next checks can fail).
rm -rf "$D"
ui_start
check "colour terminal: the title is in colour" has_colour
tm_send q
wait_for '__EXITED__' >/dev/null

# (f) NO_COLOR=1: the whole flow of (a), and no colour.
rm -rf "$D"
ui_start 80 24 NO_COLOR=1
if has_colour; then not_ok "(f) NO_COLOR=1 shows no colour"; else ok "(f) NO_COLOR=1 shows no colour"; fi
fill_form
check_form_file "$NOW_DAY" "(f) NO_COLOR"
tm_send q
wait_for '__EXITED__ 0' >/dev/null

# (f) TERM=vt100: the whole flow of (a).
rm -rf "$D"
TERM_E2E=vt100 ui_start
fill_form
check_form_file "$NOW_DAY" "(f) vt100"
check "(f) vt100: no colour" sh -c "! tmux -L $TMUX_SOCK capture-pane -e -p -t main | grep -q $'\e\\\\[3[0-7]m'"
tm_send q
check "(f) vt100 quits cleanly" wait_for '__EXITED__ 0'

# --no-color.
ui_stop
tm_start -- "MENDLOG_NOW=$MENDLOG_NOW $ML --no-color -d $D"
wait_for 'Back pain' >/dev/null
if has_colour; then not_ok "--no-color shows no colour"; else ok "--no-color shows no colour"; fi
tm_send q
wait_for '__EXITED__' >/dev/null

# The other terminals: start, switch screens with F-keys and Tab, quit.
for term in xterm screen tmux-256color; do
	TERM_E2E=$term ui_start
	tm_send F2
	check "$term: F2 opens History" wait_for 'Back +Leg +Head +Marks'
	tm_send Tab Tab Tab
	check "$term: Tab reaches Trends" wait_for 'last 30 days'
	tm_send BTab BTab BTab BTab
	check "$term: Shift-Tab goes back to Today" wait_for 'Back pain \(average\)'
	tm_send q
	check "$term: q quits" wait_for '__EXITED__ 0'
done

# (g) An unknown terminal type (kitty's, unless this machine has it).
kitty=xterm-kitty
infocmp "$kitty" >/dev/null 2>&1 && kitty=mendlog-no-such-terminal
rm -rf "$D"
TERM_E2E=$kitty ui_start
check "(g) $kitty: the form is drawn" wait_for 'Back pain \(average\)'
check "(g) $kitty: the notice names the fallback and the package" \
    wait_for "TERM=$kitty unknown: using xterm-256color \(apt install [a-z-]+\)"
tm_send j; tm_type 6
check "(g) $kitty: keys work" wait_for 'Back pain \(worst\) +6/10'
tm_send q
check "(g) $kitty: q quits cleanly" wait_for '__EXITED__ 0'
# (-J: the line is longer than 80 columns and wraps.)
check "(g) $kitty: the notice is left on the terminal" sh -c \
    "tmux -L $TMUX_SOCK capture-pane -J -p -t main | grep -q \"terminal type '$kitty' is not in terminfo here; drawing as 'xterm-256color'.  To fix: apt install \""

# (g) TERM comes from the environment: an escape sequence in it is shown
# through the output gate, never sent to the terminal.
rm -rf "$D"
ui_stop
tm_start -- "env TERM=\"\$(printf 'mendlog-x\\033[7m')\" MENDLOG_NOW=$MENDLOG_NOW $ML -d $D"
check "(g) TERM with ESC: the notice shows it escaped" \
    wait_for 'TERM=mendlog-x\\x1B\[7m unknown: using xterm-256color'
tm_send q
check "(g) TERM with ESC: q quits cleanly" wait_for '__EXITED__ 0'
check "(g) TERM with ESC: stderr shows it escaped" sh -c \
    "tmux -L $TMUX_SOCK capture-pane -J -p -t main | grep -qF \"terminal type 'mendlog-x\\x1B[7m' is not in terminfo\""

# (g) TERM=dumb and an empty TERM: a message, exit 1, nothing drawn.
for term in dumb ''; do
	rm -rf "$D"
	ui_stop
	tm_start -- "env TERM='$term' MENDLOG_NOW=$MENDLOG_NOW $ML -d $D"
	check "(g) TERM='$term': exits 1" wait_for '__EXITED__ 1'
	check "(g) TERM='$term': points to the commands" \
	    wait_for "the commands work anywhere: mendlog log, show, alerts; mendlog --help"
	check "(g) TERM='$term': nothing drawn" sh -c \
	    "! tmux -L $TMUX_SOCK capture-pane -p -t main | grep -q 'Back pain'"
	check "(g) TERM='$term': no diary created" test ! -e "$D/entries.csv"
done
finish
