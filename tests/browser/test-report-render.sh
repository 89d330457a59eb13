#!/usr/bin/env bash
# The HTML report in a real browser: Debian's Chromium, headless, renders
# the 90-day fixture's report to a PNG and to an A4 PDF.  Checks: the PDF
# has the pages this layout gives (A4, 2-4 pages, the header on the first,
# the urgent-day notes on the last), and neither the screenshot nor the
# PDF's first page is blank.  Run by `make check-browser` (CI runs it after
# `make check`); installs chromium, poppler-utils and python3-pil when
# missing and run as root.
#   REPORT_PNG_OUT=FILE  also keep the PDF's first page as a PNG there.
. "$(dirname "$0")/../e2e/lib.sh"
export MENDLOG_NOW=2026-10-29T23:00:00+00:00

sh "$TOP/tests/deps.sh" chromium poppler-utils python3-pil || exit 1
PY=python3
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import PIL' 2>/dev/null; then PY=$p; break; fi
done

cp -r "$TOP/tests/data/report-90" "$D"
printf '%s\n' '2026-10-18T20:00:00+00:00,2026-10-18,cauda_equina,emergency,Get emergency care now.,' >>"$D/alerts.csv"
"$ML" -d "$D" log --date 2026-09-10 notes='<script>alert(1)</script> then "><img src=x onerror=alert(1)>' 2>/dev/null
printf '[patient]\nname = Anna Example\nid = H-12345\n' >"$T/config"
"$ML" -d "$D" -c "$T/config" report --to 2026-10-29 --html -o "$T/report.html"
check_eq "report --html exits 0" 0 $?

# Headless Chromium as root needs --no-sandbox; its own profile directory
# keeps it away from the user's; a bound on each run, not a timing check.
chrome() {
	timeout 180 chromium --headless --no-sandbox --disable-gpu \
	    --no-first-run --no-default-browser-check --disable-extensions \
	    --user-data-dir="$T/chrome" "$@" "file://$T/report.html" \
	    >>"$T/chrome.log" 2>&1
}
chrome --window-size=800,1200 --hide-scrollbars --screenshot="$T/screen.png"
check "screenshot written" test -s "$T/screen.png"
chrome --no-pdf-header-footer --print-to-pdf="$T/report.pdf"
check "PDF written" test -s "$T/report.pdf"
[ -s "$T/report.pdf" ] || cat "$T/chrome.log"

pages=$(pdfinfo "$T/report.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
size=$(pdfinfo "$T/report.pdf" 2>/dev/null | sed -n 's/^Page size: *//p')
case "$size" in *"(A4)"*) ok "PDF pages are A4" ;; *) not_ok "PDF pages are A4: $size" ;; esac
if [ "${pages:-0}" -ge 2 ] && [ "${pages:-0}" -le 4 ]; then ok "PDF has 2-4 pages ($pages)"
else not_ok "PDF has 2-4 pages: ${pages:-none}"; fi
pdftotext -f 1 -l 1 -layout "$T/report.pdf" "$T/page1.txt" 2>/dev/null
pdftotext -f "${pages:-1}" -l "${pages:-1}" -layout "$T/report.pdf" "$T/last.txt" 2>/dev/null
check "first page: title, patient and procedure" sh -c "grep -q 'Recovery report' '$T/page1.txt' &&
    grep -q 'Anna Example' '$T/page1.txt' && grep -q 'discectomy on 2026-08-01' '$T/page1.txt'"
check "first page: the pain chart's legend" grep -q 'leg pain' "$T/page1.txt"
check "last page: notes of urgent days, the hostile one as text" \
    grep -q '<script>alert(1)</script>' "$T/last.txt"
pdftoppm -f 1 -l 1 -r 60 -png "$T/report.pdf" "$T/page" 2>/dev/null
page1=$(ls "$T"/page*.png 2>/dev/null | head -n 1)
check "PDF first page rasterised" test -n "$page1"

# Not blank: many distinct colours, and a fair share of non-white pixels.
for img in "$T/screen.png" "$page1"; do
	[ -n "$img" ] || continue
	verdict=$("$PY" - "$img" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert('RGB')
colours = im.getcolors(1 << 24) or []
ink = sum(n for n, c in colours if sum(c) < 600)
share = ink / (im.width * im.height)
print('ok' if len(colours) >= 16 and share > 0.02 else 'blank',
      len(colours), 'colours', '%.1f%% ink' % (100 * share))
PY
)
	case "$verdict" in
	ok*) ok "$(basename "$img") is not blank: ${verdict#ok }" ;;
	*) not_ok "$(basename "$img") is not blank: $verdict" ;;
	esac
done
if [ -n "${REPORT_PNG_OUT:-}" ] && [ -n "$page1" ]; then
	pdftoppm -f 1 -l 1 -r 110 -png -singlefile "$T/report.pdf" "$T/keep" &&
	    cp "$T/keep.png" "$REPORT_PNG_OUT"
fi
finish
