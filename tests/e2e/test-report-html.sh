#!/usr/bin/env bash
# mendlog report --html on the 90-day fixture, with hostile notes added: the
# page parses as HTML5 with no error (html5lib in strict mode), holds no
# script and no external URL, shows the diary text escaped, and has what a
# physiotherapist files: patient, procedures, three charts with text
# alternatives, the weekly table, alerts and the notes of urgent days.
. "$(dirname "$0")/lib.sh"
export MENDLOG_NOW=2026-10-29T23:00:00+00:00

# html5lib comes from Debian (python3-html5lib): use the Python that has it.
PY=python3
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import html5lib' 2>/dev/null; then PY=$p; break; fi
done

cp -r "$TOP/tests/data/report-90" "$D"
# An emergency on a day with a note, and an urgent day whose note is hostile.
printf '%s\n' '2026-10-18T20:00:00+00:00,2026-10-18,cauda_equina,emergency,Get emergency care now.,' >>"$D/alerts.csv"
HOSTILE='<script>alert(1)</script> then "><img src=x onerror=alert(1)> & '"'"'quoted'"'"''
"$ML" -d "$D" log --date 2026-09-10 notes="$HOSTILE" 2>/dev/null
check_eq "hostile note logged" 0 $?
cat >"$T/config" <<'CFG'
[patient]
name = Anna <O'Brien> & Co
id = H-12345
CFG

"$ML" -d "$D" -c "$T/config" report --to 2026-10-29 --html -o "$T/report.html"
check_eq "report --html exits 0" 0 $?
check_eq "written 0600" 600 "$(stat -c %a "$T/report.html")"
check "no temp file left" sh -c "! ls -a '$T' | grep -q '^\.report\.html\.'"

"$PY" - "$T/report.html" "$HOSTILE" >"$T/checks" 2>&1 <<'PY'
import re, sys
import html5lib

path, hostile = sys.argv[1], sys.argv[2]
raw = open(path, encoding='utf-8').read()
def say(ok, what):
    print(('ok ' if ok else 'FAIL ') + what)

parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
try:
    doc = parser.parse(raw)
    say(True, 'parses as HTML5 with no error')
except Exception as e:
    say(False, 'parses as HTML5 with no error: %s' % e)
    sys.exit(0)
say(re.search(r'<script', raw, re.I) is None, 'no <script')
stripped = raw.replace('xmlns="http://www.w3.org/2000/svg"', '')
say(re.search(r'https?:|//|@import|url\(', stripped) is None,
    'no URL anywhere but the SVG namespace')
local = lambda el: el.tag.split('}')[-1] if isinstance(el.tag, str) else ''
fetching = [local(el) for el in doc.iter() if local(el) in
            ('script', 'link', 'img', 'iframe', 'object', 'embed', 'image', 'use', 'style')]
attrs = [a for el in doc.iter() for a in getattr(el, 'attrib', {})
         if a.split('}')[-1] in ('src', 'href', 'srcset', 'action') or a.startswith('on')]
say(fetching == ['style'] and attrs == [],
    'no element or attribute that fetches or runs anything: %s %s' % (fetching, attrs))
say('<img' not in raw, 'no <img element')
say('&lt;script&gt;alert(1)&lt;/script&gt;' in raw, 'script note escaped')
say('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;quoted&#39;' in raw,
    'attribute-breaking note escaped')
text = lambda el: ''.join(el.itertext())
notes = [text(d) for d in doc.iter('div') if d.get('class') == 'note']
say(hostile in notes, 'hostile note reads back as its own text')
say(any('walked' in n and '"sore"' in n for n in notes), 'emergency day note shown')
body = text(doc.find('body'))
say("Patient: Anna <O'Brien> & Co · ID: H-12345" in body, 'patient name and id')
say('P1 discectomy on 2026-08-01 (L4/5): 2026-10-29 is day 89 after it' in body,
    'procedure with its day count')
say('Period: 2026-08-01 to 2026-10-29 (90 days)' in body, 'period')
svgs = [el for el in doc.iter() if local(el) == 'svg']
svgfind = lambda s, name: [el for el in s.iter() if local(el) == name]
say(len(svgs) == 3, 'three charts (pain, adherence, PSFS): %d' % len(svgs))
say(all(svgfind(s, 'title') and svgfind(s, 'desc') and s.get('role') == 'img'
        for s in svgs), 'every chart has <title> and <desc>')
say(len(svgs) == 3 and all(svgfind(s, 'path') or svgfind(s, 'rect') for s in svgs),
    'every chart draws')
pain = svgs[0] if svgs else doc
dashes = {p.get('stroke-dasharray') for p in svgfind(pain, 'path') if p.get('fill') == 'none'}
say(dashes == {None, '7 4', '2 3'}, 'pain series differ by dash pattern: %s' % dashes)
say(all(w in text(pain) for w in ('back pain', 'leg pain', 'headache', 'P1')),
    'pain legend in words and procedure marked')
say('+4.3 (meaningful improvement; threshold 2.0)' in body, 'PSFS change and label')
tables = list(doc.iter('table'))
weekly = [t for t in tables if 'days logged' in text(t)]
say(len(weekly) == 1 and len(weekly[0].find('tbody').findall('tr')) == 13,
    'weekly table has 13 weeks')
psfs = [t for t in tables if 'putting on socks' in text(t)]
say(len(psfs) == 1 and len(psfs[0].find('tbody').findall('tr')) == 12,
    'PSFS table: 12 rated weeks, the gap week left out')
alerts = [t for t in tables if 'acknowledged' in text(t)]
rows = [text(r) for r in alerts[0].find('tbody').findall('tr')] if alerts else []
say(any('2026-09-10' in r and 'urgent' in r and 'not acknowledged' in r for r in rows),
    'unacknowledged urgent alert listed with its tier')
say(any('emergency' in r and 'cauda_equina' in r for r in rows), 'emergency alert listed')
say('<meta name="viewport"' in raw and '@page { size: A4' in raw and '@media print' in raw,
    'phone viewport and A4 print CSS')
PY
while read -r status what; do
	case "$status" in
	ok) ok "$what" ;;
	*) not_ok "$status $what" ;;
	esac
done <"$T/checks"
check "python checks ran" grep -q 'reads back' "$T/checks"

"$ML" -d "$D" report --html 2>/dev/null; check_eq "--html without -o exits 2" 2 $?
"$ML" -d "$D" report -o "$T/x.html" 2>/dev/null; check_eq "-o without --html exits 2" 2 $?
cp "$D/entries.csv" "$T/entries.before"
"$ML" -d "$D" report --html -o "$D/entries.csv" 2>/dev/null
check_eq "refuses to overwrite a diary file" 1 $?
check "entries.csv untouched" cmp -s "$T/entries.before" "$D/entries.csv"
# One check with export's (cli_refuse_diary_file): a backup, a PSFS file
# and the lock are the diary's too; the refusal names the file through
# the output gate.
for f in entries.csv.bak psfs_ratings.csv .lock; do
	"$ML" -d "$D" report --html -o "$D/$f" 2>/dev/null
	check_eq "refuses to write $f" 1 $?
done
"$ML" -d "$D" report --html -o "$D/entries.csv.html"
check_eq "a name that only starts like a diary file's is written" 0 $?
err=$("$ML" -d "$D" export -o "$D/psfs_activities.csv" 2>&1)
check_eq "export refuses a PSFS file too" 1 $?
check "export says why" grep -q "refusing to overwrite the diary's own file" <<<"$err"
finish
