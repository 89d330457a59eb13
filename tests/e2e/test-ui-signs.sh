#!/usr/bin/env bash
# Issue 13 in tmux at 80x24: the new signs answered on the day form raise
# their rules at each tier.  An emergency opens the dialog that only `a`
# closes; an urgent sign puts its banner on the top line and no dialog; a
# contact alert is listed on the Alerts screen; a watch alert is recorded
# in alerts.csv and nothing more (no dialog, no banner).
#
# Fields are reached from back_pain (where the form opens) with j, in the
# file's column order: ... notes (17), neck_stiffness (18),
# headache_neuro, chest_breathless (20), cannot_walk, both_legs,
# calf_pain (23), fall, pain_uncontrolled, days_no_bowel (26),
# site_leaking (27).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ui-lib.sh"

A="$D/alerts.csv"

# severity_of RULE: the severity of the rule's row ("" when none).
severity_of() { csv_field "$A" rule "$1" severity; }
# wait_row RULE SEVERITY: poll until alerts.csv holds that row.
wait_row() { wait_file_has "$A" "^[^,]*,$NOW_DAY,$1,$2," 5; }
js() { for _ in $(seq 1 "$1"); do tm_send j; done; }
ks() { for _ in $(seq 1 "$1"); do tm_send k; done; }

# A discectomy three days ago: day 3 after surgery.
"$ML" -d "$D" procedure add --date 2026-11-18 --kind discectomy >/dev/null 2>&1 ||
    not_ok "procedure add"

ui_start
check "every new sign is on the one 80x24 screen" \
    wait_for 'Days without bowel motion +- +Wound/site leaking fluid +-'
check "the relabelled bladder sign" wait_for 'Lost bladder/bowel control'
check "the relabelled site sign" wait_for 'Site red/hot/swollen/pus'

# --- emergency: chest pain or breathlessness ----------------------------
js 20
check "the description of chest_breathless" wait_for 'chest pain or breathlessness'
tm_send y
check "emergency dialog opens" wait_for 'EMERGENCY: chest_breathless'
check "dialog says call now" wait_for 'Call your local emergency number now'
check_eq "recorded as an emergency" emergency "$(severity_of chest_breathless)"
tm_send q
check "q does not close it" wait_for 'a: I have read this \(close\)'
tm_send a
check "a closes the dialog" wait_gone 'a: I have read this \(close\)'
check "the form shows the answer" wait_for 'Chest pain/breathless +yes'

# --- urgent: calf pain, and days without a bowel movement ---------------
js 3
tm_send y
check "urgent banner on the top line" \
    wait_for '^ (mendlog  )?[A-Z][a-z]{2} [0-9-]{10}.*URGENT: calf_pain'
check "no dialog for an urgent alert" wait_gone 'a: I have read this'
check_eq "calf_pain recorded as urgent" urgent "$(severity_of calf_pain)"
js 3
tm_send Enter
tm_type 4
tm_send Enter
check "the form shows 4 days" wait_for 'Days without bowel motion +4 days'
check "4 days after surgery: no_bowel_movement is urgent" \
    wait_row no_bowel_movement urgent
check_eq "days_no_bowel stored" 4 "$(csv_field "$D/entries.csv" date "$NOW_DAY" days_no_bowel)"

# --- watch: early drainage after surgery, a stiff neck alone -------------
js 1
tm_send y
check "site leaking on day 3 after surgery is logged as watch" \
    wait_row site_leaking watch
check "the form shows it" wait_for 'Wound/site leaking fluid +yes'
ks 9
tm_send y
check "stiff neck without fever is logged as watch" wait_row neck_stiffness watch
check "no dialog for watch" wait_gone 'a: I have read this'
check "no banner for watch" \
    test -z "$(tm_screen | head -n 1 | grep -E 'site_leaking|neck_stiffness')"

# --- contact: numbness with strong leg pain ------------------------------
tm_send Home
js 2
tm_type 6
js 3
tm_send y
check "numbness with leg pain 6 is a contact alert" \
    wait_row nerve_symptoms contact
tm_send F3
check "the Alerts screen lists the contact tier" wait_for '^ CONTACT'
check "with its rule" wait_for "$NOW_DAY  nerve_symptoms"
# History marks the day red: N numbness, R an emergency sign of issue 13.
tm_send F2
check "History marks the day R" wait_for 'Sat 21 Nov 2026 .* NR *$'
check "and red in the calendar" wait_for ' 21! '
tm_send q
check "quits" wait_for '__EXITED__ 0'
check "the file is whole" "$ML" -d "$D" check
finish
