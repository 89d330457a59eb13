#!/bin/bash
# Issue 11: typing cannot acknowledge an emergency unseen.  Another shell
# raises one (`mendlog log leg_weakness=yes`) while `a` keys are being typed
# into the note editor: the dialog opens, the typed-ahead keys are thrown
# away and keys are ignored for its first second, so alerts.csv still has
# acknowledged_at empty; once its answers show, a deliberate a acknowledges.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"
A="$D/alerts.csv"

"$ML" -d "$D" log back_pain=2 >/dev/null
ui_start
tm_to_notes; tm_send Enter
check "note editor open" wait_for 'Enter save  Esc cancel'
tm_type aaaa
check "a is text in the note" wait_for 'Notes +aaaa'
# The other shell raises the emergency; the typing goes on: one burst right
# after, then more keys one by one, as a busy typist would.
"$ML" -d "$D" log leg_weakness=yes >/dev/null 2>&1
tm_type aaaaaaaaaaaaaaaaaaaa
for _ in 1 2 3 4 5; do tm_type a; done
check "emergency dialog opens" wait_for 'EMERGENCY: leg_weakness' 10
check "recorded by the other shell" wait_file_has "$A" 'leg_weakness' 5
for _ in 1 2 3 4 5; do tm_type a; done
tm_send Enter Escape q s
check_eq "still unacknowledged after the typing" "" \
    "$(csv_field "$A" rule leg_weakness acknowledged_at)"
check "the dialog asks to be read first" \
    wait_for 'Please read this first|a: I have read this \(close\)'
check "mendlog still running" bash -c "! tmux -L '$TMUX_SOCK' capture-pane -p -t main | grep -q __EXITED__"
check "the dialog then shows its answers" wait_for 'a: I have read this \(close\)' 10
check_eq "still unacknowledged once armed" "" \
    "$(csv_field "$A" rule leg_weakness acknowledged_at)"
check "the dialog stays until a" wait_for 'EMERGENCY: leg_weakness \('
tm_type a
check "a deliberate a closes it" wait_gone 'a: I have read this \(close\)' 5
acked() {
	end=$(( $(date +%s%N) / 1000000 + 5000 ))
	while [ -z "$(csv_field "$A" rule leg_weakness acknowledged_at)" ]; do
		[ $(( $(date +%s%N) / 1000000 )) -ge "$end" ] && return 1
		sleep 0.05
	done
}
check "and acknowledges it" acked
check "the note editor carries on" wait_for 'Enter save  Esc cancel'
finish
