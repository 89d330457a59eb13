#!/usr/bin/env bash
# mendlog export read back with an independent CSV reader (Python's csv):
# one row per day, gaps present, every value equal to the source, tricky
# text intact but for the neutralising quote, --excel, --semicolon, -o.
. "$(dirname "$0")/lib.sh"
export MENDLOG_NOW=2026-11-25T20:00:00+00:00

"$ML" -d "$D" procedure add --date 2026-11-18 --kind lumbar_puncture
"$ML" -d "$D" log --date 2026-11-18 back_pain=6 back_pain_worst=8 temperature_c=37.9 sleep_hours=6.5
"$ML" -d "$D" log --date 2026-11-20 back_pain=4 leg_pain=2 headache=3 headache_upright=yes \
    'notes==SUM(A1:A9) said "the nurse", then
@home; +1 -2 — Müdigkeit' medication=-paracetamol therapies=$'\tice' mood=7
# a column added in a spreadsheet, and an invalid value kept in the file
python3 - "$D/entries.csv" <<'PY'
import csv, sys
p = sys.argv[1]
rows = list(csv.reader(open(p, newline='')))
rows[0].insert(2, 'weight_kg')
for r in rows[1:]:
    r.insert(2, '-1.5' if r[0] == '2026-11-20' else '=1+1')
open(p, 'w', newline='').write(''.join(','.join('"%s"' % c.replace('"', '""') for c in r) + '\n' for r in rows))
PY
"$ML" -d "$D" log --date 2026-11-23 activity_min=30

"$ML" -d "$D" export --from 2026-11-17 --to 2026-11-24 >"$T/out.csv"
check_eq "export exits 0" 0 $?
python3 - "$D/entries.csv" "$T/out.csv" >"$T/verify" 2>&1 <<'PY'
import csv, sys, datetime
src = {r['date']: r for r in csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8'))}
out = list(csv.DictReader(open(sys.argv[2], newline='', encoding='utf-8')))
problems = []
def expect(cond, what):
    if not cond: problems.append(what)
expect(len(out) == 8, 'rows %d != 8 days' % len(out))
days = [(datetime.date(2026, 11, 17) + datetime.timedelta(d)).isoformat() for d in range(8)]
expect([r['date'] for r in out] == days, 'dates not one per calendar day')
hdr = list(out[0].keys())
srccols = [c for c in csv.reader(open(sys.argv[1], newline='')).__next__() if c not in ('date', 'updated_at')]
expect(hdr[:4] == ['date', 'day_after_procedure', 'procedure', 'earlier_procedures'], 'first columns %r' % hdr[:4])
expect(hdr[4:4 + len(srccols)] == srccols, 'entries columns not in file order')
expect('updated_at' not in hdr, 'updated_at exported')
def unneutral(v):
    return v[1:] if v[:1] == "'" and v[1:2] in ('=', '+', '-', '@', '\t', '\r') else v
for r in out:
    s = src.get(r['date'])
    if r['date'] == '2026-11-17':
        expect(r['day_after_procedure'] == '' and r['procedure'] == '', 'day before procedure')
    else:
        n = (datetime.date.fromisoformat(r['date']) - datetime.date(2026, 11, 18)).days
        expect(r['day_after_procedure'] == str(n), 'day number on %s' % r['date'])
        expect(r['procedure'] == 'lumbar_puncture', 'procedure on %s' % r['date'])
    for c in srccols:
        want = s.get(c, '') if s else ''
        got = r[c]
        if got != want:
            expect(unneutral(got) == want and want[:1] in '=+-@\t\r' and want, '%s %s: %r != %r' % (r['date'], c, got, want))
    if s is None:
        expect(all(r[c] == '' for c in srccols), 'gap day %s not empty' % r['date'])
# neutralised cells, and valid numbers untouched
d20 = next(r for r in out if r['date'] == '2026-11-20')
expect(d20['notes'].startswith("'=SUM(A1:A9)"), 'formula note not neutralised: %r' % d20['notes'][:20])
expect(d20['medication'] == "'-paracetamol", 'leading - not neutralised')
expect(d20['therapies'] == "'\tice", 'leading tab not neutralised')
expect(d20['weight_kg'] == '-1.5', 'a valid negative number was altered')
d18 = next(r for r in out if r['date'] == '2026-11-18')
expect(d18['weight_kg'] == "'=1+1", 'formula in unknown column not neutralised')
expect(d18['temperature_c'] == '37.9', 'decimal changed')
print(len(problems))
for p in problems: print(p)
PY
check_eq "daily export read back equals the source" 0 "$(head -n 1 "$T/verify")"
tail -n +2 "$T/verify"

# exercise columns: slots due and done per day, adherence, --kind exercises
printf 'id,name,times,days,start_date\nwalk,Walking,10:00;18:00,daily,2026-11-19\n' >"$T/plan.csv"
# Given on its first day: no slot is due before a plan is imported.
MENDLOG_NOW=2026-11-19T09:00:00 "$ML" -d "$D" plan import "$T/plan.csv" >/dev/null
"$ML" -d "$D" done walk --date 2026-11-20 --slot 10:00 --pain 2 --sets 1 --note '+fine' >/dev/null
"$ML" -d "$D" done walk --date 2026-11-20 --slot 18:00 --status partial >/dev/null
"$ML" -d "$D" export --from 2026-11-18 --to 2026-11-21 >"$T/ex.csv"
check_eq "slots due, done and adherence per day" \
    "2026-11-18:0:0:|2026-11-19:2:0:0.0|2026-11-20:2:1:75.0|2026-11-21:2:0:0.0" \
    "$(python3 -c "
import csv
print('|'.join(':'.join([r['date'], r['exercise_slots_due'], r['exercise_slots_done'], r['adherence_pct']])
               for r in csv.DictReader(open('$T/ex.csv', newline=''))))")"
"$ML" -d "$D" export --kind exercises --from 2026-11-19 --to 2026-11-20 >"$T/slots.csv"
check_eq "--kind exercises: one row per due slot, missed ones included" \
    "2026-11-19 10:00 walk Walking missed   |2026-11-19 18:00 walk Walking missed   |2026-11-20 10:00 walk Walking done 1 2 '+fine|2026-11-20 18:00 walk Walking partial   " \
    "$(python3 -c "
import csv
print('|'.join(' '.join(r.values()) for r in csv.DictReader(open('$T/slots.csv', newline=''))))")"

# --excel: BOM and CRLF; --semicolon: ';' and decimal commas
"$ML" -d "$D" export --from 2026-11-18 --to 2026-11-20 --excel >"$T/excel.csv"
check_eq "--excel starts with the UTF-8 BOM" "efbbbf" "$(head -c 3 "$T/excel.csv" | od -An -tx1 | tr -d ' \n')"
check_eq "--excel uses CRLF on every line end" 0 "$(python3 -c "
import sys; b = open('$T/excel.csv', 'rb').read()
import csv, io
print(b.count(b'\n') - b.count(b'\r\n') - sum(f.count('\n') - f.count('\r\n') for r in csv.reader(io.StringIO(b.decode('utf-8-sig'), newline='')) for f in r))")"
"$ML" -d "$D" export --from 2026-11-18 --to 2026-11-20 --semicolon >"$T/semi.csv"
check_eq "--semicolon reads back with ';' and decimal commas" "37,9|6,5|6|-1,5" "$(python3 -c "
import csv
rows = {r['date']: r for r in csv.DictReader(open('$T/semi.csv', newline=''), delimiter=';')}
print('|'.join([rows['2026-11-18']['temperature_c'], rows['2026-11-18']['sleep_hours'], rows['2026-11-18']['back_pain'], rows['2026-11-20']['weight_kg']]))")"

# default range: first recorded day through today
n=$("$ML" -d "$D" export | python3 -c "import csv,sys; print(sum(1 for _ in csv.DictReader(sys.stdin)))")
check_eq "default range is the first recorded day to today" 8 "$n"

# A window of more than 65,536 entries in date order is streamed from the
# file instead of held; a hand-edited file out of order (with a repeated
# date: its first row counts) is held whole.  Both give the same export.
mkdir -p "$T/big" "$T/shuffled"; chmod 700 "$T/big" "$T/shuffled"
python3 - "$T/big/entries.csv" "$T/shuffled/entries.csv" <<'PY'
import csv, datetime, sys
head = ['date', 'back_pain', 'notes', 'updated_at']
day, one = datetime.date(1900, 1, 1), datetime.timedelta(days=1)
rows = []
for i in range(70000):
    if i % 3:
        rows.append([day.isoformat(), str(i % 11), 'n%d' % i, ''])
    day += one
def write(path, body):
    with open(path, 'w', newline='', encoding='utf-8') as f:
        csv.writer(f, lineterminator='\n').writerows([head] + body)
write(sys.argv[1], rows)
shuffled = rows[::-1] + [[rows[5][0], '10', 'later copy', '']]
write(sys.argv[2], shuffled)
PY
chmod 600 "$T/big/entries.csv" "$T/shuffled/entries.csv"
"$ML" -d "$T/big" export --from 1900-01-01 --to 2091-12-31 >"$T/streamed.csv"
check_eq "streamed export exits 0" 0 $?
"$ML" -d "$T/shuffled" export --from 1900-01-01 --to 2091-12-31 >"$T/held.csv"
check "out-of-order entries export the same as in-order ones" cmp -s "$T/streamed.csv" "$T/held.csv"
check_eq "one row per day, the first of a repeated date" "70127 n8" "$(python3 -c "
import csv
rows = list(csv.DictReader(open('$T/streamed.csv', newline='')))
print(len(rows), rows[8]['notes'])")"

# -o: atomic, 0600, never a diary file
"$ML" -d "$D" export -o "$T/file.csv" --from 2026-11-18 --to 2026-11-18
check_eq "-o writes the file" 2 "$(wc -l <"$T/file.csv")"
before=$(sha256sum "$D/entries.csv")
err=$("$ML" -d "$D" export -o "$D/entries.csv" 2>&1); rc=$?
check_eq "export onto entries.csv is refused" 1 $rc
check "and says why" grep -q "refusing to overwrite the diary's own file" <<<"$err"
(cd "$D" && "$ML" -d . export -o entries.csv.bak 2>/dev/null)
check_eq "export onto a backup via a relative path is refused" 1 $?
check_eq "entries.csv untouched" "$before" "$(sha256sum "$D/entries.csv")"
"$ML" -d "$D" export --kind weekly 2>/dev/null; check_eq "bad --kind exits 2" 2 $?
"$ML" -d "$D" export --from 2026-11-20 --to 2026-11-19 2>/dev/null; check_eq "--from after --to exits 2" 2 $?

# an interrupted export leaves no partial file and no temp file
"$ML" -d "$D" export --from 1900-01-01 --to 9999-12-31 -o "$T/huge.csv" &
pid=$!
for _ in $(seq 100); do ls "$T"/huge.csv.tmp.* >/dev/null 2>&1 && break; sleep 0.01; done
kill -INT $pid; wait $pid; rc=$?
check "interrupted export died of the signal" test $rc -ne 0
check "no partial export" test ! -e "$T/huge.csv"
check_eq "no temp file left" 0 "$(ls "$T" | grep -c 'huge.csv.tmp')"

# -o: a FIFO is written to (its reader gets the export), a character
# device too; a symlink and a directory are refused, untouched; - is
# standard output.
"$ML" -d "$D" export -o - >"$T/stdout.csv"; rc=$?
check_eq "export -o - exits 0" 0 $rc
check "export -o - writes the CSV to standard output" grep -q '^date,' "$T/stdout.csv"
mkfifo "$T/fifo"
# The reader gives up after 20 s: a FIFO replaced by a file would leave it
# waiting forever.
timeout 20 cat "$T/fifo" >"$T/from-fifo" &
reader=$!
timeout 20 "$ML" -d "$D" export -o "$T/fifo"; rc=$?
wait $reader
check_eq "export -o FIFO exits 0" 0 $rc
check "the FIFO is still a FIFO" test -p "$T/fifo"
check "its reader got the export" cmp -s "$T/stdout.csv" "$T/from-fifo"
# A character device of the test's own (never the system's /dev/null: a
# broken build run as root would replace it for the whole machine).
if mknod "$T/null" c 1 3 2>/dev/null; then
	"$ML" -d "$D" export -o "$T/null"; check_eq "export -o CHARDEV exits 0" 0 $?
	check "the device is still a character device" test -c "$T/null"
else
	echo "skip - cannot make a character device here (not root)"
fi
before=$(sha256sum "$D/entries.csv")
ln -s "$D/entries.csv" "$T/link.csv"
err=$("$ML" -d "$D" export -o "$T/link.csv" 2>&1); rc=$?
check_eq "export -o SYMLINK exits 1" 1 $rc
check "and says it is a symbolic link" grep -q "^mendlog: $T/link.csv: a symbolic link; refusing" <<<"$err"
check "the symlink is unchanged" test "$(readlink "$T/link.csv")" = "$D/entries.csv"
check_eq "and so is what it points to" "$before" "$(sha256sum "$D/entries.csv")"
mkdir "$T/adir"
err=$("$ML" -d "$D" export -o "$T/adir/" 2>&1); rc=$?
check_eq "export -o adir/ exits 1" 1 $rc
check "and says it is a directory" grep -q "^mendlog: $T/adir/: is a directory" <<<"$err"
err=$("$ML" -d "$D" export -o "$T/adir" 2>&1)
check "export -o adir (no slash) says it is a directory" grep -q "is a directory" <<<"$err"
check_eq "the directory is left empty" "" "$(ls -A "$T/adir")"

finish
