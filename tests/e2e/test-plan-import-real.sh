#!/bin/bash
# Plans written as a physiotherapist's spreadsheet writes them (German
# Excel: BOM, CRLF, ';', a title row, natural headers, 7:30, TRUE, day-first
# dates), imported with `date_order = dmy`; then a revised sheet without
# ids that must update by name, --replace, and sheets with problems.
. "$(dirname "$0")/lib.sh"

export MENDLOG_NOW=2026-11-27T09:00:00
CFG="$T/config"
printf '[plan]\ndate_order = dmy\n' >"$CFG"
imp() { "$ML" -d "$D" "$@"; }
# sheet FILE LINE...: write LINEs as Excel would: BOM, CRLF.
sheet() {
	f=$1
	shift
	printf '\357\273\277' >"$f"
	printf '%s\r\n' "$@" >>"$f"
}
rows() { python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))))' "$1"; }

sheet "$T/plan.csv" \
    'Home exercises for J. Smith, from 2 December;;;;;;;;;' \
    ';;;;;;;;;' \
    'Exercise;Sets;Reps;Hold (secs);Days;Times;Start (date);End (date);Active;Notes for patient' \
    'Pelvic tilts;2;10;5;Daily;7:30;02/12/2026;;TRUE;"Lie on your back; knees bent"' \
    'Bridges;3;8;3;Mon, Wed, Fri;"07:30:00; 18:00";02/12/2026;31/01/2027;TRUE;Squeeze, then lift' \
    'Bird dog;2;6;5;every 2 days;19:00;03/12/2026;;FALSE;' \
    ';;;;;;;;;'

# Without the setting a day-first date is refused, and the error says how.
err=$(imp plan import "$T/plan.csv" 2>&1)
check_eq "day-first dates refused without date_order" 1 "$?"
check "the error names the line and the config key" \
    grep -q "plan.csv:4: start_date: '02/12/2026' could be 2 December or 12 February: set date_order = dmy" <<<"$err"
check "every such row is reported" grep -q "plan.csv:6: start_date:" <<<"$err"
check "nothing was written" test ! -e "$D/exercises.csv"

out=$(MENDLOG_CONFIG=$CFG imp plan import "$T/plan.csv")
check_eq "the sheet imports with date_order = dmy" 0 "$?"
check_eq "summary counts" "3 exercises imported: 3 new, 0 updated, 0 unchanged." \
    "$(head -n 1 <<<"$out")"
check "each row's fate is named" grep -q '^  new        Bridges (bridges)$' <<<"$out"
check_eq "7:30 read as 07:30" "07:30" "$(csv_field "$D/exercises.csv" id pelvic_tilts times)"
check_eq "07:30:00 read as 07:30" "07:30;18:00" "$(csv_field "$D/exercises.csv" id bridges times)"
check_eq "day-first start date" "2026-12-02" "$(csv_field "$D/exercises.csv" id bridges start_date)"
check_eq "day-first end date" "2027-01-31" "$(csv_field "$D/exercises.csv" id bridges end_date)"
check_eq "TRUE read as yes" "yes" "$(csv_field "$D/exercises.csv" id pelvic_tilts active)"
check_eq "FALSE read as no" "no" "$(csv_field "$D/exercises.csv" id bird_dog active)"
check_eq "weekdays tidied" "mon;wed;fri" "$(csv_field "$D/exercises.csv" id bridges days)"
check_eq "Hold (secs) is hold_s" "3" "$(csv_field "$D/exercises.csv" id bridges hold_s)"
check_eq "Notes for patient is instructions" "Lie on your back; knees bent" \
    "$(csv_field "$D/exercises.csv" id pelvic_tilts instructions)"
check_eq "the file stays private" 600 "$(stat -c %a "$D/exercises.csv")"
list=$(imp plan list)
check "plan list shows the imported plan" grep -q '^bridges .*Bridges .*mon;wed;fri .*07:30;18:00' <<<"$list"

# The revised sheet, still without ids: updates by name, no duplicates.
sheet "$T/revised.csv" \
    'Revised plan (week 2);;;;;;' \
    'exercise;sets;reps;times;start (date);active;notes for patient' \
    'PELVIC TILTS;2;10;7:30;02/12/2026;TRUE;"Lie on your back; knees bent"' \
    'Bridges;3;10;8:00;02/12/2026;TRUE;Squeeze, then lift' \
    'Bird dog;2;6;19:00;03/12/2026;TRUE;' \
    'Walking;1;1;10:30;02/12/2026;TRUE;Level ground'
out=$(MENDLOG_CONFIG=$CFG imp plan import "$T/revised.csv")
check_eq "the revised sheet imports" 0 "$?"
check_eq "revised summary" "4 exercises imported: 1 new, 3 updated, 0 unchanged." \
    "$(head -n 1 <<<"$out")"
check "PELVIC TILTS updated by name" grep -q '^  updated    PELVIC TILTS (pelvic_tilts)$' <<<"$out"
check "Bridges updated" grep -q '^  updated    Bridges (bridges)$' <<<"$out"
check "Bird dog updated" grep -q '^  updated    Bird dog (bird_dog)$' <<<"$out"
check "Walking new" grep -q '^  new        Walking (walking)$' <<<"$out"
check_eq "no duplicate rows" 4 "$(rows "$D/exercises.csv")"
check_eq "Bridges moved to 08:00" "08:00" "$(csv_field "$D/exercises.csv" id bridges times)"
check_eq "Bird dog now active" "yes" "$(csv_field "$D/exercises.csv" id bird_dog active)"
check_eq "columns the sheet left out are kept" "3" "$(csv_field "$D/exercises.csv" id bridges hold_s)"

# The same sheet again: all unchanged.
out=$(MENDLOG_CONFIG=$CFG imp plan import "$T/revised.csv")
check_eq "re-import: all unchanged" "4 exercises imported: 0 new, 0 updated, 4 unchanged." \
    "$(head -n 1 <<<"$out")"

# --replace on 10 December with Bird dog left out: ended from that day,
# its past kept.
sheet "$T/replace.csv" \
    'Exercise;Times;Start (date)' \
    'Pelvic tilts;7:30;02/12/2026' \
    'Bridges;8:00;02/12/2026' \
    'Walking;10:30;02/12/2026'
out=$(MENDLOG_NOW=2026-12-10T09:00:00 MENDLOG_CONFIG=$CFG \
    imp plan import --replace "$T/replace.csv")
check_eq "--replace imports" 0 "$?"
check_eq "--replace summary" "3 exercises imported: 0 new, 1 updated, 2 unchanged; 1 ended from today." \
    "$(head -n 1 <<<"$out")"
check "the ended one is named" grep -q '^  ended      Bird dog (bird_dog)$' <<<"$out"
check_eq "ended rows stay, with an end date" "2026-12-09" \
    "$(csv_field "$D/exercises.csv" id bird_dog end_date)"

# A sheet with several problems: all of them, with lines; nothing written.
cp "$D/exercises.csv" "$T/before.csv"
sheet "$T/bad.csv" \
    'Plan;;;' \
    'Exercise;Times;Start (date);End (date)' \
    'Stretch;25:00;02/12/2026;' \
    'Twist;8:00;10/12/2026;01/12/2026' \
    'Lunge;9:00;31/02/2026;'
err=$(MENDLOG_CONFIG=$CFG imp plan import "$T/bad.csv" 2>&1)
check_eq "a sheet with problems fails" 1 "$?"
check "bad time reported" grep -q "bad.csv:3: times: invalid value '25:00'" <<<"$err"
check "end before start reported" grep -q "bad.csv:4: end_date: 2026-12-01 is before start_date 2026-12-10" <<<"$err"
check "impossible date reported" grep -q "bad.csv:5: start_date: invalid value '31/02/2026'" <<<"$err"
check "the count" grep -q "bad.csv: 3 problems found; nothing imported" <<<"$err"
check "the plan is untouched" cmp -s "$T/before.csv" "$D/exercises.csv"

# A tab-separated sheet with no header this importer knows.
printf 'Übung\tZeit\nGehen\t10:30\n' >"$T/de.tsv"
err=$(imp plan import "$T/de.tsv" 2>&1)
check_eq "no header: fails" 1 "$?"
check "no header: the expected headers are listed" \
    grep -q "de.tsv:1: no header row found; nothing imported.  The header names the columns: name (or Exercise), id" <<<"$err"

finish
