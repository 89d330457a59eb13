# tests/e2e/ui-lib.sh - shared steps for the screen tests (source it after
# lib.sh).  The clock is pinned so "today" is known.

NOW_DAY=2026-11-21
export MENDLOG_NOW="${NOW_DAY}T10:00:00"
NOTE='Walked 2 km, felt "better" - q café, señora Müller: ça va'

# Stop the tmux server and wait until it is gone (a new session started
# while the old server is still exiting fails with "server exited").
ui_stop() {
	tm kill-server 2>/dev/null
	end=$(( $(date +%s%N) / 1000000 + 3000 ))
	while tm list-sessions >/dev/null 2>&1; do
		[ $(( $(date +%s%N) / 1000000 )) -ge "$end" ] && return 1
		sleep 0.02
	done
	return 0
}

# ui_start [W H] [ENV=VALUE...]: start the screen on $D and wait for the form.
ui_start() {
	size=""
	if [ $# -ge 2 ] && [ "$1" -eq "$1" ] 2>/dev/null; then size="$1 $2"; shift 2; fi
	ui_stop
	# shellcheck disable=SC2086
	tm_start $size -- "MENDLOG_NOW=$MENDLOG_NOW $* $ML -d $D"
	skip_first_start
}


# The pid of mendlog inside the pane (the pane's shell is its parent).
ui_pid() {
	pgrep -P "$(tm list-panes -t main -F '#{pane_pid}')" | head -n 1
}

# Fill every field of the day shown, by keyboard alone, starting with the
# cursor on back_pain (the form's contract).
fill_form() {
	tm_type 4                       # back_pain
	tm_send j; tm_type 1; tm_type 0 # back_pain_worst: 1 then 0 = 10
	tm_send j; tm_type 3; tm_send +	# leg_pain 3, + gives 4
	tm_send Down; tm_type 6         # headache
	tm_send j; tm_type y            # headache_upright
	tm_send j; tm_type n            # numbness
	tm_send j; tm_send Space        # tingling: unanswered -> yes
	tm_send j; tm_type n            # leg_weakness
	tm_send j; tm_type n            # bladder_bowel
	tm_send j; tm_type n            # saddle_numbness
	tm_send j Enter; tm_type '37,9'; tm_send Enter	# temperature_c
	tm_send j; tm_type y            # site_problem
	tm_send j Enter; tm_type 7.5; tm_send Enter	# sleep_hours
	tm_send j Enter; tm_type 'paracetamol, ibuprofen'; tm_send Enter
	tm_send j Enter; tm_type 'heat; walking'; tm_send Enter
	tm_send j Enter; tm_type 45; tm_send Enter	# activity_min
	tm_send j; tm_type 7            # mood
	tm_send j Enter; tm_type "$NOTE"; tm_send Enter	# notes
	wait_for 'Notes +Walked 2 km' 5
}

# Check every field of $1 (a day) in entries.csv against fill_form.
check_form_file() {
	f="$D/entries.csv"
	wait_file_has "$f" 'señora' 5
	for pair in back_pain=4 back_pain_worst=10 leg_pain=4 headache=6 \
	    headache_upright=yes numbness=no tingling=yes leg_weakness=no \
	    bladder_bowel=no saddle_numbness=no temperature_c=37.9 \
	    site_problem=yes sleep_hours=7.5 'medication=paracetamol, ibuprofen' \
	    'therapies=heat; walking' activity_min=45 mood=7; do
		check_eq "$2 ${pair%%=*}" "${pair#*=}" \
		    "$(csv_field "$f" date "$1" "${pair%%=*}")"
	done
	check_eq "$2 notes (comma, quotes, non-ASCII, q)" "$NOTE" \
	    "$(csv_field "$f" date "$1" notes)"
	check "$2 updated_at stamped" test -n "$(csv_field "$f" date "$1" updated_at)"
}
