#!/bin/bash
# Issue 13's labour-epidural course through the real binary: a numb thigh
# on days 1-21 after a labour epidural raises post_block_deficit, an
# emergency, on day 1.  Answered "my clinician knows" (ack --seen) on day 1,
# it stays one row and nothing more is raised while it lasts; acknowledged
# with a plain `ack` instead, it comes back as "still present" each day.
. "$(dirname "$0")/lib.sh"

day() { date -u -d "2026-10-01 +$1 days" +%F; }
rows() {	# rows of rule $2 in $1's alerts.csv
	python3 -c 'import csv,sys
print(sum(1 for r in csv.DictReader(open(sys.argv[1]))
          if r["rule"] == sys.argv[2]))' "$1/alerts.csv" "$2"
}

# course DIR ANSWER EVERY: days 1-21; the emergency is answered with ANSWER
# on day 1, and again each day it is raised when EVERY is "daily".
course() {
	dir=$1
	answer=$2
	every=$3
	MENDLOG_NOW=2026-10-01T08:00:00 "$ML" -d "$dir" procedure add -q \
	    --date 2026-10-01 --kind epidural_labour 2>/dev/null
	for i in $(seq 1 21); do
		d=$(day "$i")
		MENDLOG_NOW="${d}T20:00:00" "$ML" -d "$dir" log -q --date "$d" \
		    numbness=yes back_pain=2 2>>"$dir.err"
		if [ "$i" -eq 1 ] || [ "$every" = daily ]; then
			for n in $(MENDLOG_NOW="${d}T20:05:00" "$ML" -d "$dir" \
			    alerts | awk '/EMERGENCY/ { print $1 }'); do
				MENDLOG_NOW="${d}T20:05:00" "$ML" -d "$dir" ack \
				    $answer "$n" >/dev/null
			done
		fi
	done
}

course "$D/seen" --seen once
check_eq "seen: one post_block_deficit row for 21 days" 1 \
    "$(rows "$D/seen" post_block_deficit)"
check_eq "seen: it is the day-1 emergency" "emergency,seen" \
    "$(python3 -c 'import csv,sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["rule"] == "post_block_deficit": print(r["severity"] + "," + r["status"])' \
    "$D/seen/alerts.csv")"
check_eq "seen: no emergency printed after day 1" 1 \
    "$(grep -c 'EMERGENCY' "$D/seen.err")"

course "$D/read" "" daily
# Acknowledged each day as read only: day 1 raises it and every following
# day inside post_block_days (2-7) reminds "still present".
check_eq "read only: day 1 and a reminder on each of days 2-7" 7 \
    "$(rows "$D/read" post_block_deficit)"
check "read only: the reminder says still present" \
    grep -qi 'still present' "$D/read.err"
finish
