#!/bin/bash
# `mendlog due` for cron: --new prints each due slot once, a snooze set
# on the screen holds the exercise lines back until it ends, and the state
# file that carries both is private.
. "$(dirname "$0")/lib.sh"

at() { when=$1; shift; faketime "$when" "$ML" -d "$D" "$@"; }
# Imported before the faked days below: a plan has no slots before it
# is imported (plan history).
MENDLOG_NOW=2026-11-01T09:00:00 "$ML" -d "$D" plan import "$TOP/tests/data/plan-physio.csv" >/dev/null

out=$(at '2026-11-21 08:05:00' due --new)
check "due --new prints the 08:00 slots" \
    grep -q '^Exercise due 08:00: Pelvic tilts  (mendlog done pelvic_tilt)$' <<<"$out"
check_eq "two lines" 2 "$(wc -l <<<"$out")"
check_eq "the state file is private" 600 "$(stat -c %a "$D/state.csv")"
out=$(at '2026-11-21 08:35:00' due --new)
check_eq "run again: nothing new, nothing printed" "" "$out"
out=$(at '2026-11-21 08:35:00' due)
check "plain due still lists them" grep -q '^Exercise due 08:00: Pelvic tilts' <<<"$out"
out=$(at '2026-11-21 10:35:00' due --new)
check_eq "only the slot that came due since" \
    "Exercise due 10:30: Walking  (mendlog done walk)" "$out"
out=$(at '2026-11-22 08:05:00' due --new)
check "the next day's slots are new again" grep -q '^Exercise due 08:00: Pelvic tilts' <<<"$out"
check "yesterday's lines are dropped from the state" \
    bash -c "! grep -q '2026-11-21' '$D/state.csv'"

# z on the screen at 12:05 (snooze_minutes 15): due holds back until 12:20.
tm_start -- "faketime -f '@2026-11-22 12:05:00' '$ML' -d '$D'"
tm_send F4
check "reminder shown on the screen" wait_for 'Exercise overdue since 08:00'
tm_send z
check "snoozed on the screen" wait_for 'Reminders snoozed until 12:20'
tm_send q
check "quits" wait_for '__EXITED__ 0'
out=$(at '2026-11-22 12:10:00' due)
check_eq "due honours the snooze" "Exercise reminders snoozed until 12:20." "$out"
out=$(at '2026-11-22 12:10:00' due --quiet)
check_eq "quietly" "" "$out"
out=$(at '2026-11-22 12:25:00' due)
check "after the snooze, the slots again" \
    grep -q '^Exercise overdue since 08:00: Knee-to-chest stretch' <<<"$out"

finish
