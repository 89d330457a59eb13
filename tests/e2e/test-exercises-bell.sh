#!/bin/bash
# The reminder's bell, seen through tmux's bell flag on a window that is
# not the current one: it rings once when a slot comes due (not again at
# the next ticks), and never with bell = no.  Snoozing hides the reminder.
. "$(dirname "$0")/lib.sh"

# Imported before the faked days below: a plan has no slots before it
# is imported (plan history).
MENDLOG_NOW=2026-11-01T09:00:00 "$ML" -d "$D" plan import "$TOP/tests/data/plan-physio.csv" >/dev/null

# bell_flag [WINDOW]: 1 when the window (default 0) has rung.
bell_flag() { tm list-windows -t main -F '#{window_index} #{window_bell_flag}' |
    sed -n "s/^${1:-0} //p"; }
# wait_bell SECONDS: poll until window 0 has rung.
wait_bell() {
	end=$(( $(date +%s) + $1 ))
	while [ "$(bell_flag)" != 1 ]; do
		[ "$(date +%s)" -ge "$end" ] && return 1
		sleep 0.1
	done
}
# pane_wait TARGET PATTERN: bounded poll (10 s) of one window's screen,
# also when it is not the current window.
pane_wait() {
	for _ in $(seq 200); do
		tm capture-pane -p -t "$1" | grep -Eq -- "$2" && return 0
		sleep 0.05
	done
	echo "    timed out waiting for $2 on $1" >&2
	tm capture-pane -p -t "$1" | sed 's/^/    | /' >&2
	return 1
}
# not_before SECONDS: return once at least SECONDS have passed since
# mark_time.  A lower bound on elapsed time, never an assertion by itself:
# what follows waits for a positive sign that the screen went on working.
mark_time() { marked=$(date +%s%N); }
not_before() {
	while [ $(( ($(date +%s%N) - marked) / 1000000 )) -lt $(( $1 * 1000 )) ]; do
		sleep 0.1
	done
}

# Ten seconds before the 08:00 slots: room for a slow start on a loaded
# machine, so the bell cannot come before the background window exists.
tm_start -- "faketime -f '@2026-11-21 07:59:50' '$ML' -d '$D'"
# The real Today screen, not just any output (an error message also
# names mendlog).
check "Today screen shown" wait_for 'Sat 2026-11-21 \(today\)' 10
tm new-window -t main "sleep 60"	# mendlog's window is now in the background
check_eq "no bell before 08:00" 0 "$(bell_flag)"
check "bell rings when the 08:00 slots come due" wait_bell 30
# Look at it (clears the flag), go away again, let a few ticks pass.
tm select-window -t main:0
tm select-window -t main:1
check_eq "flag cleared" 0 "$(bell_flag)"
# The input timeout is 2 s: after 3 s at least one tick has run by the
# clock.  Then a key the background screen must answer (F4, Exercises)
# proves its loop is alive and has ticked again since.
mark_time
not_before 3
tm send-keys -t main:0 F4
check "background screen answers a key" pane_wait main:0 "Today's exercises"
check_eq "the bell rang once, not at every tick" 0 "$(bell_flag)"

# z on the Exercises screen snoozes the reminder.
tm select-window -t main:0
check "reminder shown" wait_for 'Exercise due 08:00'
tm_send z
check "snoozed for snooze_minutes" wait_for 'Reminders snoozed until 08:15'
# A fresh message keeps the notice line for 4 s; after 5 s, a key that
# switches screens (Today) is followed by a tick, so a reminder that the
# snooze failed to hide would be on screen by the time Today is.
mark_time
not_before 5
tm_send F1
check "screen alive after the snooze" wait_for 'Sat 2026-11-21 \(today\)'
check "reminder gone while snoozed" \
    bash -c "! tmux -L '$TMUX_SOCK' capture-pane -p -t main | grep -q 'Exercise due'"
tm_send q
check "quits" wait_for '__EXITED__ 0'

# bell = no: the reminder, but no bell.  (A new window of the same tmux
# server, in the background from the start.)
printf '[reminders]\nbell = no\n' >"$T/config"
# Started before 08:00 so the reminder comes by a tick, where a bell
# would ring, not at start-up, where none does.
tm new-window -d -t main:5 "env HOME='$HOME' TERM=tmux-256color faketime \
    -f '@2026-11-21 07:59:50' '$ML' -c '$T/config' -d '$D'; sleep 60"
check "reminder without bell" bash -c "
	for i in \$(seq 300); do
		tmux -L '$TMUX_SOCK' capture-pane -p -t main:5 | grep -q 'Exercise due' && exit 0
		sleep 0.1
	done; exit 1"
check_eq "no bell with bell = no" 0 "$(bell_flag 5)"

# Settled from another shell: the open screen picks up the log and the
# reminder goes.
faketime '2026-11-21 08:01:00' "$ML" -d "$D" done knee_to_chest >/dev/null
faketime '2026-11-21 08:01:00' "$ML" -d "$D" done pelvic_tilt >/dev/null
check "reminder gone after logs from another mendlog" bash -c "
	for i in \$(seq 100); do
		tmux -L '$TMUX_SOCK' capture-pane -p -t main:5 | grep -q 'Exercise due' || exit 0
		sleep 0.1
	done; exit 1"
finish
