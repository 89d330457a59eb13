#!/bin/bash
# The printed report (issue 14): the patient's name and id on the first
# line, two procedures, a long description with wide characters wrapped at
# word boundaries, an emergency day's note present, every line at most 80
# display columns and valid UTF-8, and a chart where a 3 stays below the
# 4 row.
. "$(dirname "$0")/lib.sh"

at() { when=$1; shift; faketime "$when" "$ML" -c "$T/cfg" -d "$D" "$@"; }
printf '[patient]\nname = Åsa Lindqvist-Bergström 林美\nid = NHS 943 476 5919\n' >"$T/cfg"

long='Microdiscectomy L4/5 at 聖路加国際病院 (St Luke'"'"'s), Mr Tanaka; drain removed day 1, wound closed with absorbable sutures, physiotherapy referral given'
at '2026-11-01 12:00:00' procedure add --date 2026-10-01 --kind lumbar_puncture \
    --description 'diagnostic, L3/4' >/dev/null
# Recorded on its day: a procedure after today is refused (issue 12).
at '2026-11-02 12:00:00' procedure add --date 2026-11-02 --kind discectomy \
    --description "$long" >/dev/null
for d in 03 04 05 06 07 08 09 10; do
	at "2026-11-$d 20:00:00" log back_pain=3 "notes=day $d fine" >/dev/null
done
# The emergency day, early in the period: more than five notes follow it.
at '2026-11-04 21:00:00' log bladder_bowel=yes saddle_numbness=yes \
    'notes=went to A&E at 22:00, 急诊 seen by the on-call team' >/dev/null 2>&1
check "an emergency alert was raised" grep -q ',emergency,' "$D/alerts.csv"

rep=$(at '2026-11-10 21:00:00' report --from 2026-11-03 --to 2026-11-10)
check_eq "report exits 0" 0 $?
printf '%s\n' "$rep" >"$T/report.txt"
first=$(head -n 1 "$T/report.txt")
check "the patient's name on the first line" grep -q 'Åsa Lindqvist' <<<"$first"
check "the patient's id on the first line" grep -q 'id: NHS 943 476 5919' <<<"$first"
check_eq "every line at most 80 display columns and valid UTF-8" "ok" "$(python3 - "$T/report.txt" <<'PY'
import sys, unicodedata
raw = open(sys.argv[1], 'rb').read()
try:
    text = raw.decode('utf-8')
except UnicodeDecodeError as e:
    print('invalid UTF-8:', e); sys.exit()
for n, line in enumerate(text.split('\n'), 1):
    w = sum(0 if unicodedata.combining(c) else
            2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in line)
    if w > 80:
        print('line', n, 'is', w, 'columns'); sys.exit()
    if any(ord(c) < 32 for c in line):
        print('line', n, 'has a control character'); sys.exit()
print('ok')
PY
)"
check "the description is there in full" python3 - "$T/report.txt" "$long" <<'PY'
import sys, re
text = open(sys.argv[1], encoding='utf-8').read()
flat = re.sub(r'\s+', ' ', text)
sys.exit(0 if sys.argv[2] in flat else 1)
PY
check "no word of the description is cut" python3 - "$T/report.txt" "$long" <<'PY'
import sys
words = set(sys.argv[2].split())
for line in open(sys.argv[1], encoding='utf-8'):
    parts = line.split()
    if not parts: continue
    # A line's last word is a whole word of the text (or not from it).
    last = parts[-1]
    if any(w.startswith(last) and w != last for w in words) and last not in words:
        sys.exit(1)
PY
check "the emergency day's note is present" grep -q '2026-11-04  went to A&E at 22:00, 急诊' "$T/report.txt"
check "under its own heading" grep -q '^Notes of days with an urgent or emergency alert' "$T/report.txt"
# The chart: daily back pain 3 reaches the 2 row, not the 4 row.
check "a 3 reaches the 2 row" grep -Eq '^  2 \|#' "$T/report.txt"
check_eq "a 3 does not reach the 4 row" "  4 |" "$(grep -E '^  4 \|' "$T/report.txt")"
finish
