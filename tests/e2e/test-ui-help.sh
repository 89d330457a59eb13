#!/bin/bash
# Help: the clinician notice and every screen's keys, gathered from the
# screens' own help lines.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"

# help_has PATTERN: shown on some page of Help (turning pages with PgDn;
# when everything fits there is one page).
help_has() {
	# Leave Help first: its notice is on every page, so waiting for it
	# right after F1 ? could match the old page (seen under valgrind).
	tm_send F1
	wait_for 'Back pain \(average\)' >/dev/null || return 1
	tm_send '?'
	wait_for 'does not replace your clinician' >/dev/null || return 1
	for p in 2 3 4 5; do
		tm_screen | grep -Eq -- "$1" && return 0
		tm_screen | grep -q "page $((p - 1))/$((p - 1))" && break
		tm_screen | grep -Eq 'page [0-9]+/' || break	# one page only
		tm_send PageDown
		wait_for "page $p/" 2 >/dev/null || break
	done
	wait_for "$1" 1
}

ui_start
tm_send '?'
check "help says mendlog does not replace a clinician" wait_for 'does not replace your clinician'
check "and whom to contact" wait_for 'contact your care team; in an emergency call'
check "keys that work everywhere" help_has 'Tab Shift-Tab +next/previous screen'
check "the day form's keys" help_has '0-9 +score \(1 then 0 = 10\)'
check "the inline editor's keys" help_has 'Enter +save +Esc +cancel'
check "History's keys" help_has '\[ \] PgUp PgDn +a month'
check "Trends' keys" help_has 'r +30 or 90 days'
check "Trends' period keys" help_has 'earlier/later/now'
check "Alerts' keys" help_has 'a +acknowledge it'
check "Exercises' keys" help_has 'd p s +done, partial, skipped'
check "the weekly check-in's keys" help_has 'a +add an activity'
check "Today lists the check-in key" help_has 'w +weekly check-in \(PSFS\)'
tm_send 2
check "a digit switches screens outside the day form" wait_for 'Back +Leg +Head +Marks'
tm_send '?' 1
check "1 goes to Today" wait_for 'Back pain \(average\)'
# The contract: whenever Today opens, the cursor is on back_pain.
tm_send j j F2
wait_for 'Back +Leg +Head +Marks' >/dev/null
tm_send F1; tm_type 6
check "reopened Today starts on back_pain" wait_for 'Back pain \(average\) +6/10'
check_eq "and the digit went to back_pain" 6 "$(csv_field "$D/entries.csv" date "$NOW_DAY" back_pain)"
tm_send '?' q
check "q quits from Help" wait_for '__EXITED__ 0'
finish
