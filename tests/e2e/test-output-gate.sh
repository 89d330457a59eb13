#!/usr/bin/env bash
# The output gate on the command line: text from the files that holds an
# escape sequence, a C1 control, a bidi override or a byte that is not
# UTF-8 reaches the terminal only as visible escapes (\x1B, <U+009B>,
# <U+202E>, \xE9) from show, procedure list, plan list, alerts, due and
# report.  The files are edited by hand, as a spreadsheet or a paste would.
. "$(dirname "$0")/lib.sh"
export MENDLOG_NOW=2026-11-21T10:10:00+00:00

"$ML" -d "$D" procedure add --date 2026-11-18 --kind lumbar_puncture \
    --description PROCDESC >/dev/null || not_ok "procedure add"
"$ML" -d "$D" log --date 2026-11-21 back_pain=3 notes=NOTETEXT >/dev/null ||
    not_ok "log"
printf 'id,name,times\nwalk,EXNAME,10:00\n' >"$T/plan.csv"
"$ML" -d "$D" plan import "$T/plan.csv" >/dev/null || not_ok "plan import"
cat >"$D/alerts.csv" <<'CSV'
raised_at,date,rule,severity,message,acknowledged_at
2026-11-21T06:00:00+00:00,2026-11-21,fever,emergency,ALERTMSG,
CSV

# Put the hostile text in place of each marker, bytes exactly.
python3 - "$D" <<'PY'
import sys, os
bad = b"A\x1b[2J\xc2\x9b31m\xe2\x80\xaeB\xe9Z"
for name in ("entries.csv", "procedures.csv", "exercises.csv", "alerts.csv"):
    p = os.path.join(sys.argv[1], name)
    data = open(p, "rb").read()
    for marker in (b"NOTETEXT", b"PROCDESC", b"EXNAME", b"ALERTMSG"):
        data = data.replace(marker, marker[:2] + bad)
    open(p, "wb").write(data)
PY

# No ESC, C1 control, bidi control or invalid UTF-8 in @file, and the
# escapes that stand for them are there.
gated() {
	python3 - "$1" <<'PY'
import sys
raw = open(sys.argv[1], "rb").read()
text = raw.decode("utf-8")            # fails on an invalid byte
bad = [c for c in text if (ord(c) < 32 and c not in "\n") or ord(c) == 127
       or 0x80 <= ord(c) < 0xa0 or ord(c) in (0x202a, 0x202b, 0x202c,
       0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f)]
sys.exit(1 if bad or "A\\x1B[2J<U+009B>31m<U+202E>B\\xE9Z" not in text else 0)
PY
}

"$ML" -d "$D" show --date 2026-11-21 >"$T/show" 2>&1
check "show: the note is gated" gated "$T/show"
"$ML" -d "$D" procedure list >"$T/proc" 2>&1
check "procedure list: the description is gated" gated "$T/proc"
"$ML" -d "$D" plan list >"$T/plan" 2>&1
check "plan list: the name is gated (cut to 26 columns)" \
    grep -q '^walk  *EXA\\x1B\[2J<U+009B>31m  *daily' "$T/plan"
check "plan list: nothing raw" python3 -c '
import sys; t = open(sys.argv[1], "rb").read().decode("utf-8")
sys.exit(any(ord(c) < 32 and c != "\n" or 0x80 <= ord(c) < 0xa0 or c == "\u202e" for c in t))' "$T/plan"
"$ML" -d "$D" alerts >"$T/alerts" 2>&1
check "alerts: the message is gated" gated "$T/alerts"
"$ML" -d "$D" due >"$T/due" 2>&1
check "due: the alert is gated" gated "$T/due"
"$ML" -d "$D" report --to 2026-11-21 >"$T/report" 2>&1
check "report: the note and the procedure are gated" gated "$T/report"
check "report: the procedure line too" \
    grep -q '^Procedure: lumbar puncture on 2026-11-18, PRA\\x1B\[2J<U+009B>31m<U+202E>B\\xE9Z;' "$T/report"
finish
