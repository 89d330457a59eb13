#!/bin/bash
# The reminder's bell, seen through tmux's bell flag on a window that is
# not the current one: it rings once when a slot comes due (not again at
# the next ticks), and never with bell = no.  Snoozing hides the reminder.
. "$(dirname "$0")/lib.sh"

"$ML" -d "$D" plan import "$TOP/tests/data/plan-physio.csv" >/dev/null

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

tm_start -- "faketime -f '@2026-11-21 07:59:57' '$ML' -d '$D'"
check "started" wait_for 'Sat 2026-11-21 \(today\)'
tm new-window -t main "sleep 60"	# mendlog's window is now in the background
check_eq "no bell before 08:00" 0 "$(bell_flag)"
check "bell rings when the 08:00 slots come due" wait_bell 15
# Look at it (clears the flag), go away again, let a few ticks pass.
tm select-window -t main:0
tm select-window -t main:1
check_eq "flag cleared" 0 "$(bell_flag)"
sleep 3	# the input timeout is 2 s: at least one more tick
check_eq "the bell rang once, not at every tick" 0 "$(bell_flag)"

# z on the Exercises screen snoozes the reminder.
tm select-window -t main:0
tm_send F4
check "reminder shown" wait_for 'Exercise due 08:00'
tm_send z
check "snoozed for snooze_minutes" wait_for 'Reminders snoozed until 08:15'
check "reminder gone while snoozed" bash -c \
    "sleep 5; ! tmux -L '$TMUX_SOCK' capture-pane -p -t main | grep -q 'Exercise due'"
tm_send q
check "quits" wait_for '__EXITED__ 0'

# bell = no: the reminder, but no bell.  (A new window of the same tmux
# server, in the background from the start.)
printf '[reminders]\nbell = no\n' >"$T/config"
tm new-window -d -t main:5 "env HOME='$HOME' TERM=tmux-256color faketime \
    -f '@2026-11-21 07:59:57' '$ML' -c '$T/config' -d '$D'; sleep 30"
check "reminder without bell" bash -c "
	for i in \$(seq 150); do
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
