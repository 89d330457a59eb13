#!/usr/bin/env bash
# Small wrong results of issue 11, each pinned: values read from stdin
# (FIELD=-), done's exit status on a bad value, listings aligned by
# display width, a bare CR in an unquoted note kept through a later save.
. "$(dirname "$0")/lib.sh"
export MENDLOG_NOW=2026-11-21T10:10:00+00:00

# FIELD=- reads the value from stdin (ps shows arguments to other users).
printf 'first line\nsecond line\n' | "$ML" -d "$D" log notes=- mood=3
check_eq "log notes=- exits 0" 0 $?
check_eq "the note is stdin, its last line end dropped" \
    "$(printf 'first line\nsecond line')" \
    "$(csv_field "$D/entries.csv" date 2026-11-21 notes)"
check_eq "the other field is set too" 3 "$(csv_field "$D/entries.csv" date 2026-11-21 mood)"
echo x | "$ML" -d "$D" log notes=- medication=- 2>"$T/err"
check_eq "two fields from stdin: usage error" 2 $?
check "and it says why" grep -q "only one value can be read from standard input" "$T/err"
printf 'a\001b' | "$ML" -d "$D" log notes=- 2>/dev/null
check_eq "a control character from stdin is refused like an argument" 2 $?
check_eq "the note is unchanged" "$(printf 'first line\nsecond line')" \
    "$(csv_field "$D/entries.csv" date 2026-11-21 notes)"
echo "L4-L5, Dr Okafor" | "$ML" -d "$D" procedure add --date 2026-11-18 \
    --kind fusion --description - >/dev/null
check_eq "procedure add --description - reads stdin" "L4-L5, Dr Okafor" \
    "$(csv_field "$D/procedures.csv" date 2026-11-18 description)"
check "mendlog(1) says why" grep -q 'visible to every user' "$TOP/man/mendlog.1"
check "log --help shows it" bash -c "'$ML' log --help | grep -q 'notes=-'"

# done: a bad value is a usage error (2), before anything is read.
printf 'id,name,times\nwalk,Walk,10:00\n' >"$T/plan.csv"
"$ML" -d "$D" plan import "$T/plan.csv" >/dev/null
"$ML" -d "$D" done walk --status maybe 2>/dev/null
check_eq "done --status maybe exits 2" 2 $?
"$ML" -d "$D" done walk --pain 11 2>/dev/null
check_eq "done --pain 11 exits 2" 2 $?
"$ML" -d "$D" done walk --note $'a\001b' 2>/dev/null
check_eq "done --note with a control character exits 2" 2 $?
check "nothing was logged" bash -c "! grep -qs ',walk,' '$D/exercise_log.csv'"
echo "felt fine" | "$ML" -d "$D" done walk --note - >/dev/null
check_eq "done --note - reads stdin" "felt fine" \
    "$(csv_field "$D/exercise_log.csv" exercise_id walk note)"

# plan list: columns by display width, whatever the script of a name.
# A days cell in another language (not a schedule mendlog reads, so the
# row says "not scheduled") must not push the TIMES column either.
printf 'id,name,times\nwalk,Walk,10:00\nbend,Übung Rücken,10:00\nneck,首のストレッチ,10:00\n' \
    >"$T/plan2.csv"
"$ML" -d "$D" plan import --replace "$T/plan2.csv" >/dev/null
python3 - "$D/exercises.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
for r in rows:
    if r["id"] == "bend":
        r["days"] = "lun,mié,sáb"
w = csv.DictWriter(open(sys.argv[1], "w", newline="", encoding="utf-8"), rows[0].keys(), lineterminator="\n")
w.writeheader(); w.writerows(rows)
PY
"$ML" -d "$D" plan list >"$T/list"
check "plan list: TIMES starts in one display column on every row" python3 -c '
import sys, unicodedata
def col(line, word):
    i = line.index(word)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:i])
rows = [l for l in open(sys.argv[1], encoding="utf-8") if l.startswith(("walk", "bend", "neck"))]
cols = {col(l, "10:00") for l in rows}
sys.exit(0 if len(rows) == 3 and len(cols) == 1 else 1)' "$T/list"

# A bare CR inside an unquoted note (a paste from an old Mac program)
# stays in its field, and the next save does not split it into a row.
mkdir -p "$T/cr" && chmod 700 "$T/cr"
printf 'date,back_pain,notes\n2026-11-20,3,before\rafter\n' >"$T/cr/entries.csv"
"$ML" -d "$T/cr" log --date 2026-11-21 back_pain=2 >/dev/null
check_eq "two days, no bogus row" 2 "$(python3 -c '
import csv, sys
print(len(list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))))' "$T/cr/entries.csv")"
check_eq "the note keeps its CR" "$(printf 'before\rafter')" \
    "$(csv_field "$T/cr/entries.csv" date 2026-11-20 notes)"
check "check is clean" bash -c "'$ML' -d '$T/cr' check >/dev/null 2>&1"
finish
