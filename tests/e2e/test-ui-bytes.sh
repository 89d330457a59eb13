#!/bin/bash
# Slow links: bytes written to the terminal per day step (`]`), measured
# over 30 steps once the form is drawn, must stay under 200; and the bytes
# per screen switch, printed.  tmux's pipe-pane copies exactly what the
# program writes to its pane.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"
out="$T/pane-output"

# Forty days with every score and some symptoms and notes, all different,
# so every step changes values on screen.
for i in $(seq 1 40); do
	day=$(date -u -d "$NOW_DAY -$i days" +%F)
	$ML -d "$D" log --date "$day" back_pain=$((i % 11)) \
	    back_pain_worst=$(((i + 3) % 11)) leg_pain=$(((i * 7) % 11)) \
	    headache=$(((i * 3) % 11)) numbness=$([ $((i % 2)) = 0 ] && echo yes || echo no) \
	    sleep_hours=$((4 + i % 5)) mood=$(((i + 5) % 11)) \
	    "notes=day $i: walked, some stiffness" >/dev/null 2>>"$T/log.err" ||
	    not_ok "log day $i: $(tail -n 3 "$T/log.err")"
done
$ML -d "$D" procedure add --date 2026-10-15 --kind epidural_steroid >/dev/null 2>&1

# Bytes the pane received since the pipe opened, once tmux has flushed.
settled_size() {
	prev=-1
	end=$(( $(date +%s%N) / 1000000 + 3000 ))
	while :; do
		cur=$(stat -c %s "$out" 2>/dev/null || echo 0)
		[ "$cur" = "$prev" ] && break
		[ $(( $(date +%s%N) / 1000000 )) -ge "$end" ] && break
		prev=$cur
		sleep 0.1
	done
	echo "$cur"
}

ui_start
for i in $(seq 1 30); do tm_send '['; done
# (The fixture raises alerts; their banner shortens the top line, but the
# date and "day N after" stay in view.  Numbness in the week after the
# epidural is an emergency since issue 13: the longer banner
# "EMERGENCY: post_block_deficit" leaves room for "epidur" only.)
check "30 days back" wait_for 'Thu 2026-10-22 - day 7 after epidur'
check "the form shows that day's note" wait_for 'Notes +day 30: walked'
: >"$out"
tm pipe-pane -o -t main "cat >> '$out'"
for i in $(seq 1 30); do
	tm_send ']'
	d=$(date -u -d "2026-10-22 +$i days" +%F)
	wait_for " $d" 5 >/dev/null || not_ok "step $i reached $d"
done
check "back at today" wait_for '2026-11-21 \(today\)'
tm pipe-pane -t main
total=$(settled_size)
per=$((total / 30))
echo "# bytes per day step: $per ($total over 30 steps)"
check "some output per step was captured" test "$total" -gt 0
check "under 200 bytes per day step (measured $per)" test "$per" -lt 200

# Screen switches: Today -> History -> Trends -> Help -> Today, 5 rounds.
: >"$out"
tm pipe-pane -o -t main "cat >> '$out'"
for i in 1 2 3 4 5; do
	tm_send F2; wait_for 'Back +Leg +Head +Marks' >/dev/null
	tm_send F5; wait_for 'last 30 days' >/dev/null
	tm_send '?'; wait_for 'does not replace your clinician' >/dev/null
	tm_send F1; wait_for 'Back pain \(average\)' >/dev/null
done
tm pipe-pane -t main
total=$(settled_size)
per=$((total / 20))
echo "# bytes per screen switch: $per ($total over 20 switches)"
check "some output per switch was captured" test "$total" -gt 0
# A full repaint of 80x24 is about 2000 bytes plus attributes.
check "a switch repaints less than the whole screen (measured $per)" test "$per" -lt 1800
tm_send q
check "quits" wait_for '__EXITED__ 0'

# Idle: with a wake-up every second, nothing is written and no CPU is
# spent.  (The 2.5 s wait is the measuring window, not a synchronisation.)
printf '[ui]\nrefresh_seconds = 1\n' >"$T/config"
ui_stop
tm_start -- "MENDLOG_NOW=$MENDLOG_NOW $ML -c $T/config -d $D"
wait_for 'Back pain \(average\)' >/dev/null
tm_to_notes; tm_send Enter
wait_for 'Enter save +Esc cancel' >/dev/null
pid=$(ui_pid)
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
: >"$out"
c0=$(cpu)
tm pipe-pane -o -t main "cat >> '$out'"
sleep 2.5
tm pipe-pane -t main
c1=$(cpu)
idle=$(settled_size)
echo "# idle with the editor open: $idle bytes, $((c1 - c0)) CPU ticks in 2.5 s"
check "idle: nothing written to the terminal" test "$idle" -eq 0
check "idle: no busy loop (under 10 ticks of CPU)" test $((c1 - c0)) -lt 10
tm_send Escape q
check "quits after idling" wait_for '__EXITED__ 0'
finish
