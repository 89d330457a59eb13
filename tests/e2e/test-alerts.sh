#!/usr/bin/env bash
# Red-flag alerts from the command line: `mendlog log` reports what a save
# raises on stderr and still exits 0; alerts.csv records each alert once;
# `mendlog alerts` and `mendlog ack`; a bad threshold is FILE:LINE;
# `procedure add` reports what it raised too.
. "$(dirname "$0")/lib.sh"

export MENDLOG_NOW=2026-11-21T08:15:00+00:00
A="$D/alerts.csv"

# Acceptance 4: the emergency is printed at once, exit 0, entry saved.
err=$("$ML" -d "$D" log leg_weakness=yes 2>&1 >/dev/null); rc=$?
check_eq "log with an emergency exits 0" 0 $rc
check_eq "the entry is saved" yes "$(csv_field "$D/entries.csv" date 2026-11-21 leg_weakness)"
check "stderr names the tier and rule" grep -q '^mendlog: EMERGENCY alert (leg_weakness, 2026-11-21)' <<<"$err"
flat=$(tr '\n' ' ' <<<"$err" | tr -s ' ')
check "stderr says to call the emergency number" grep -q 'Call your local emergency number now' <<<"$flat"
check "stderr carries the whole message" grep -q 'Do not wait to see if it passes' <<<"$flat"
check_eq "recorded as an emergency" emergency "$(csv_field "$A" rule leg_weakness severity)"
check_eq "raised_at is the time of the save" 2026-11-21T08:15:00+00:00 "$(csv_field "$A" rule leg_weakness raised_at)"
check_eq "not acknowledged yet" "" "$(csv_field "$A" rule leg_weakness acknowledged_at)"
check "alerts.csv is 0600" test "$(stat -c %a "$A")" = 600

# Saving again raises nothing new and records nothing twice.
err=$("$ML" -d "$D" log leg_weakness=yes back_pain=2 2>&1 >/dev/null)
check_eq "a re-save prints no alert" "" "$err"
check_eq "one row only" 1 "$(grep -c leg_weakness "$A")"

# A plain entry prints nothing.
err=$("$ML" -d "$D" log --date 2026-11-19 back_pain=3 mood=6 2>&1 >/dev/null)
check_eq "no alert, no noise" "" "$err"

# fever, then fever with back pain: an escalation is a new row.
err=$(MENDLOG_NOW=2026-11-21T09:00:00+00:00 "$ML" -d "$D" log temperature_c=38.5 2>&1 >/dev/null)
check "fever reported" grep -q '^mendlog: URGENT alert (fever, 2026-11-21)' <<<"$err"
check "fever message names the warning signs" grep -q 'stiff neck, a rash, confusion' <<<"$(tr '\n' ' ' <<<"$err" | tr -s ' ')"
err=$(MENDLOG_NOW=2026-11-21T09:05:00+00:00 "$ML" -d "$D" log back_pain=6 2>&1 >/dev/null)
check "fever_back_pain reported" grep -q 'URGENT alert (fever_back_pain, 2026-11-21)' <<<"$err"
check "fever not reported again" test "$(grep -c '(fever,' <<<"$err")" = 0
check_eq "three rows and the header" 4 "$(wc -l <"$A")"

# alerts: numbered, oldest first; ack by number.
out=$("$ML" -d "$D" alerts)
check_eq "alerts exits 0" 0 $?
check "1 is the emergency" grep -Eq '^ +1  EMERGENCY  2026-11-21  leg_weakness$' <<<"$out"
check "2 is the fever" grep -Eq '^ +2  URGENT +2026-11-21  fever$' <<<"$out"
check "3 is fever_back_pain" grep -Eq '^ +3  URGENT +2026-11-21  fever_back_pain$' <<<"$out"
check "raised time shown in local time" grep -q 'raised 2026-11-21 08:15, not acknowledged' <<<"$out"
out=$(MENDLOG_NOW=2026-11-21T10:00:00+00:00 "$ML" -d "$D" ack 2)
check_eq "ack 2" "acknowledged alert 2: 2026-11-21 urgent fever" "$out"
check_eq "acknowledged_at filled" 2026-11-21T10:00:00+00:00 "$(csv_field "$A" rule fever acknowledged_at)"
check_eq "others untouched" "" "$(csv_field "$A" rule leg_weakness acknowledged_at)"
out=$("$ML" -d "$D" alerts)
check "acknowledged ones leave the default list" test "$(grep -c '  fever$' <<<"$out")" = 0
check "numbers stay" grep -Eq '^ +3  URGENT +2026-11-21  fever_back_pain$' <<<"$out"
out=$("$ML" -d "$D" alerts --all)
check "--all shows it with the time" grep -q 'acknowledged 2026-11-21 10:00' <<<"$out"
out=$("$ML" -d "$D" ack 2)
check "ack twice is harmless" grep -q '^already acknowledged alert 2' <<<"$out"

"$ML" -d "$D" ack 9 2>/dev/null
check_eq "ack of a missing number exits 2" 2 $?
"$ML" -d "$D" ack 2>/dev/null
check_eq "ack without a number exits 2" 2 $?
"$ML" -d "$D" ack 1 --all 2>/dev/null
check_eq "numbers and --all exit 2" 2 $?
out=$("$ML" -d "$D" ack --all)
check "ack --all spares the emergency" grep -q '^acknowledged 1 alert$' <<<"$out"
check "and says it is left" grep -q '^1 emergency left' <<<"$out"
out=$("$ML" -d "$D" ack --all --emergency)
check_eq "ack --all --emergency" "acknowledged 1 alert" "$out"
check_eq "every row acknowledged" 0 "$(python3 -c '
import csv,sys
print(sum(1 for r in csv.DictReader(open(sys.argv[1])) if not r["acknowledged_at"]))' "$A")"
check_eq "nothing left" "No unacknowledged alerts." "$("$ML" -d "$D" alerts)"
check_eq "no row was deleted" 4 "$(wc -l <"$A")"

# A config threshold changes the outcome; a bad one is FILE:LINE.
cfg="$T/config"
printf '[alerts]\nfever_c = 39.0\n' >"$cfg"
err=$("$ML" -d "$D" -c "$cfg" log --date 2026-11-10 temperature_c=38.5 2>&1 >/dev/null)
check_eq "fever_c = 39.0: 38.5 raises nothing" "" "$err"
printf '[alerts]\n# comment\nfever_c = hot\n' >"$cfg"
err=$("$ML" -d "$D" -c "$cfg" log --date 2026-11-10 temperature_c=39.5 2>&1); rc=$?
check_eq "bad threshold fails" 1 $rc
check "error names FILE:LINE: key" grep -q "^mendlog: $cfg:3: fever_c: invalid value 'hot'" <<<"$err"

# alerts.csv that cannot be parsed: the entry is saved, the alert still
# shown, the file left as it was.
D2="$T/d2"
mkdir -m 700 "$D2"
printf 'raised_at,date,rule,severity,message,acknowledged_at\n"broken\n' >"$D2/alerts.csv"
before=$(sha256sum <"$D2/alerts.csv")
err=$("$ML" -d "$D2" log bladder_bowel=yes 2>&1 >/dev/null); rc=$?
check_eq "still exits 0" 0 $rc
check_eq "entry saved" yes "$(csv_field "$D2/entries.csv" date 2026-11-21 bladder_bowel)"
check "says the alert could not be recorded" grep -q 'could not be recorded' <<<"$err"
check "and shows it anyway" grep -q 'EMERGENCY alert (bladder_bowel' <<<"$err"
check_eq "broken file untouched" "$before" "$(sha256sum <"$D2/alerts.csv")"

# An entry written by another program is caught by `mendlog alerts`.
D3="$T/d3"
mkdir -m 700 "$D3"
printf 'date,site_problem\n2026-11-20,yes\n' >"$D3/entries.csv"
out=$("$ML" -d "$D3" alerts)
check "alerts runs the rules first" grep -Eq '^ +1  URGENT +2026-11-20  site_problem$' <<<"$out"
check_eq "and records it" urgent "$(csv_field "$D3/alerts.csv" rule site_problem severity)"

# A procedure changes "day N after": `procedure add` runs the rules on its
# day and after, like `log`, and still exits 0.
D4="$T/d4"
mkdir -m 700 "$D4"
err=$("$ML" -d "$D4" log --date 2026-11-18 headache=1 2>&1 >/dev/null)
check_eq "a mild headache alone raises nothing" "" "$err"
err=$("$ML" -d "$D4" procedure add --date 2026-11-18 --kind lumbar_puncture 2>&1 >/dev/null); rc=$?
check_eq "procedure add with an alert exits 0" 0 $rc
check "procedure add reports what it raised" \
    grep -q '^mendlog: CONTACT alert (post_puncture_headache, 2026-11-18)' <<<"$err"
check_eq "and records it" contact "$(csv_field "$D4/alerts.csv" rule post_puncture_headache severity)"
err=$("$ML" -d "$D4" procedure add --date 2026-11-18 --kind lumbar_puncture 2>&1 >/dev/null)
check_eq "the same procedure again raises nothing new" "" "$err"
finish
