#!/bin/bash
# The weekly check-in (PSFS) on the screen: activities added on the form,
# the top-line notice from the configured due day (not before), three
# ratings typed on the form written to psfs_ratings.csv, the notice gone
# once all are rated, and Trends' PSFS series with the change since the
# first week.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/ui-lib.sh"

export MENDLOG_CONFIG="$T/config"
printf '[psfs]\ndue_day = wednesday\n' >"$MENDLOG_CONFIG"
# A procedure, so its "none recorded" notice does not take the top line.
$ML -d "$D" procedure add --date 2026-11-10 --kind lumbar_puncture >/dev/null

# Tuesday: the day before the due day.  No activity yet: w opens the
# form on "add"; three are added by keyboard alone.
MENDLOG_NOW=2026-11-24T10:00:00
ui_start
check "no check-in notice before any activity" sh -c "! tmux -L $TMUX_SOCK capture-pane -p -t main | grep -q 'check-in due'"
tm_type w
check "w opens the check-in form" wait_for 'Weekly check-in \(PSFS\): week of 2026-11-23 \(this week\)'
check "the form offers to add an activity" wait_for '\+ add an activity \(e\.g\. putting on socks\)'
check "the status line lists the form's keys" wait_for '0-10 rate .* a add'
for name in 'putting on socks' 'sitting through a meal' 'lifting a child'; do
	tm_type a
	wait_for 'New activity:' 5 >/dev/null
	tm_type "$name"
	tm_send Enter
	wait_for "^ +$name " 5 >/dev/null
done
check "three activities on the form" wait_for '^ +lifting a child +-'
check "activities written to their file" \
    wait_file_has "$D/psfs_activities.csv" '^lifting_a_child,lifting a child,2026-11-24' 5
check "not due on Tuesday" sh -c "! tmux -L $TMUX_SOCK capture-pane -p -t main | grep -q 'check-in due'"
tm_send Escape
check "Esc goes back to Today" wait_for 'Back pain \(average\)'
tm_send q
check "quits" wait_for '__EXITED__ 0'

# Last week rated from the command line: the first week of the change.
$ML -d "$D" psfs rate --week 2026-11-16 'putting on socks'=2 \
    'sitting through a meal'=3 'lifting a child'=4 >/dev/null
check_eq "last week rated" 0 $?

# Wednesday: the due day.
MENDLOG_NOW=2026-11-25T10:00:00
ui_start
check "the notice is on the top line on its day" \
    wait_for '^ Wed 2026-11-25 \(today\).*! weekly check-in due'
tm_type w
check "the form shows the week" wait_for 'week of 2026-11-23 \(this week\)'
# Oldest first, then by name: lifting, putting, sitting.
check "the week before is shown beside" wait_for '^ +putting on socks +- +2'
tm_type 5; tm_send j
tm_type 6; tm_send Down
tm_type 1; tm_type 0		# 1 then 0 = 10
check "the third rating reads 10" wait_for '^ +sitting through a meal +10 +3'
f="$D/psfs_ratings.csv"
check "ratings written" wait_file_has "$f" '^2026-11-23,sitting_through_a_meal,10,' 5
{ head -n 1 "$f"; grep '^2026-11-23,' "$f"; } >"$T/week.csv"
check_eq "lifting rated 5 for the week" 5 \
    "$(csv_field "$T/week.csv" activity_id lifting_a_child rating)"
check_eq "socks rated 6" 6 \
    "$(csv_field "$T/week.csv" activity_id putting_on_socks rating)"
check_eq "three ratings this week" 3 "$(grep -c '^2026-11-23,' "$f")"
check "the week's mean" wait_for 'Mean for the week: 7\.0 \(3 rated\)'
check "the change since the first week, labelled" \
    wait_for 'Since the week of 2026-11-16: \+4\.0 \(meaningful improvement; threshold 2\.0\)'
check "the notice goes once all are rated" wait_gone 'check-in due'
check_eq "ratings file is 0600" 600 "$(stat -c %a "$f")"

# Trends: the PSFS mean as a series.
tm_type w
wait_for 'Back pain \(average\)' 5 >/dev/null
tm_send F5
wait_for 'Back pain, leg pain and headache' 5 >/dev/null
tm_type f
check "f shows the PSFS series" wait_for 'Function \(PSFS weekly mean\), last 30 days'
check "bars drawn for the rated weeks" wait_for '^ +[0-9 ]* +.*█'
check "no empty-chart message with ratings" wait_gone 'No weekly check-in in this period'
check "the change under the chart" \
    wait_for 'PSFS 7\.0, \+4\.0 since the week of 2026-11-16 \(meaningful improvement\)'
tm_type w
check "w opens the check-in from Trends" wait_for 'Weekly check-in \(PSFS\)'
tm_type w
check "w goes back to Trends" wait_for 'Function \(PSFS weekly mean\)'
tm_type w
wait_for 'Weekly check-in \(PSFS\)' 5 >/dev/null
tm_send Tab
check "Tab from the form moves on from Trends, to Help" wait_for 'Tab Shift-Tab +next/previous screen'
tm_send q
check "quits" wait_for '__EXITED__ 0'
ui_stop
finish
