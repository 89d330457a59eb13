#!/usr/bin/env bash
# Hostile text in every text-bearing place of the diary (issue 11): OSC 0
# (window title), OSC 52 (clipboard), CSI 2J (clear), C1 CSI (U+009B), a
# right-to-left override (U+202E) and a bare CR, written by hand as a
# spreadsheet, a paste or an attacker would, into notes, an unknown
# column's name and value, a procedure's description, an exercise's name
# and instructions, an exercise log's note, an alert's message and PSFS
# activity names.  Every command that prints them, and every screen, must
# show them as visible escapes: no output holds ESC, another control
# byte, a C1 control or a bidi control; every line is valid UTF-8; the
# report keeps its 80-column promise; the terminal title is unchanged.
. "$(dirname "$0")/lib.sh"
export MENDLOG_NOW=2026-11-21T10:10:00+00:00

"$ML" -d "$D" procedure add --date 2026-11-18 --kind lumbar_puncture \
    --description PROCDESC >/dev/null || not_ok "procedure add"
"$ML" -d "$D" log --date 2026-11-21 back_pain=3 bladder_bowel=no \
    notes=NOTETEXT >/dev/null || not_ok "log"
"$ML" -d "$D" log --date 2026-11-20 back_pain=2 notes=SECONDNOTE >/dev/null ||
    not_ok "log 2"
# Wide characters: the report's 80 columns count two for each.
"$ML" -d "$D" log --date 2026-11-19 back_pain=2 \
    notes="$(printf '痛みが強い%.0s' $(seq 20))" >/dev/null || not_ok "log 3"
printf 'id,name,instructions,times\nwalk,EXNAME,EXINSTR,10:00\n' >"$T/plan.csv"
"$ML" -d "$D" plan import "$T/plan.csv" >/dev/null || not_ok "plan import"
"$ML" -d "$D" done walk --date 2026-11-21 --slot 10:00 --note LOGNOTE \
    >/dev/null || not_ok "done"
"$ML" -d "$D" psfs add PSFSNAME >/dev/null || not_ok "psfs add"
"$ML" -d "$D" psfs rate --week 2026-11-21 PSFSNAME=4 >/dev/null ||
    not_ok "psfs rate"
cat >"$D/alerts.csv" <<'CSV'
raised_at,date,rule,severity,message,acknowledged_at
2026-11-21T06:00:00+00:00,2026-11-21,fever,emergency,ALERTMSG,
2026-11-21T07:00:00+00:00,2026-11-21,ALRULE,ALSEV,ALMSG2,
CSV

# The payload, bytes exactly, in place of each marker; an unknown column
# whose name and value are hostile is added to entries.csv.
python3 - "$D" <<'PY'
import sys, os
bad = (b"<\x1b]0;PWNED\x07\x1b]52;c;SGFja2Vk\x07\x1b[2J\xc2\x9b31m"
       b"\xe2\x80\xaeRTL\rCR>")
d = sys.argv[1]
for name in ("entries.csv", "procedures.csv", "exercises.csv",
             "exercise_log.csv", "alerts.csv", "psfs_activities.csv",
             "psfs_ratings.csv"):
    p = os.path.join(d, name)
    if not os.path.exists(p):
        continue
    data = open(p, "rb").read()
    for marker in (b"NOTETEXT", b"SECONDNOTE", b"PROCDESC", b"EXNAME",
                   b"EXINSTR", b"LOGNOTE", b"ALERTMSG", b"PSFSNAME",
                   b"ALRULE", b"ALSEV", b"ALMSG2"):
        data = data.replace(marker, marker[:2] + bad)
    if name == "entries.csv":
        lines = data.split(b"\n")
        lines[0] += b",X" + bad
        lines[1:] = [l + b",V" + bad if l else l for l in lines[1:]]
        data = b"\n".join(lines)
    open(p, "wb").write(data)
PY

# inert FILE [WIDTH|- [any]]: valid UTF-8; no control byte but LF, no C1
# or bidi control; the visible forms of the escapes are there (unless a
# third argument says the command need not quote the text); every line at
# most WIDTH columns (East Asian wide = 2) when given.
inert() {
	python3 - "$@" <<'PY'
import sys, unicodedata
raw = open(sys.argv[1], "rb").read()
width = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] != "-" else None
shown = len(sys.argv) <= 3
try:
    text = raw.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit("not UTF-8: %s" % e)
bidi = set(range(0x202a, 0x202f)) | set(range(0x2066, 0x206a)) | {0x200e, 0x200f, 0x61c}
for c in text:
    o = ord(c)
    if (o < 32 and c != "\n") or o == 127 or 0x80 <= o < 0xa0 or o in bidi:
        sys.exit("raw control U+%04X in output" % o)
if shown and "\\x1B]0;PWNED" not in text and "\\x1B]52;" not in text:
    sys.exit("the escapes are not shown")
if width:
    for line in text.split("\n"):
        w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 0
                if unicodedata.combining(c) else 1 for c in line)
        if w > width:
            sys.exit("line of %d columns: %r" % (w, line))
PY
}

run() {	# run NAME ARGS...: output (stdout and stderr) into $T/out.NAME
	name=$1
	shift
	"$ML" -d "$D" "$@" >"$T/out.$name" 2>&1 </dev/null
}

run show show --date 2026-11-21
check "show: notes, unknown column's name and value are gated" inert "$T/out.show"
check "show: the unknown column is listed" grep -q '^X<\\x1B\]0;PWNED' "$T/out.show"
check "show: the CR did not split the note" grep -q '^notes: NO<.*RTL CR>V\?$\|^notes: NO<.*RTL CR>' "$T/out.show"
run show2 show --date 2026-11-20
check "show (second day): gated" inert "$T/out.show2"
run check check
check "check: whatever it quotes is gated" python3 -c '
import sys; t = open(sys.argv[1], "rb").read().decode("utf-8")
sys.exit(any(ord(c) < 32 and c != "\n" or 0x80 <= ord(c) < 0xa0 or c == "\u202e" for c in t))' "$T/out.check"
run proc procedure list
check "procedure list: the description is gated" inert "$T/out.proc"
run plan plan list
check "plan list: the name is gated" python3 -c '
import sys; t = open(sys.argv[1], "rb").read().decode("utf-8")
sys.exit(any(ord(c) < 32 and c != "\n" or 0x80 <= ord(c) < 0xa0 or c == "\u202e" for c in t) or "\\x1B" not in t)' "$T/out.plan"
run alerts alerts
check "alerts: the message is gated" inert "$T/out.alerts"
run alertsall alerts --all
check "alerts --all: gated" inert "$T/out.alertsall"
# due names an alert by its rule's label, not its message: nothing to
# show, but nothing raw either.
run due due
check "due: nothing raw" inert "$T/out.due" - any
run duenew due --new
check "due --new: nothing raw" inert "$T/out.duenew" - any
"$ML" -d "$D" report --from 2026-11-01 --to 2026-11-21 >"$T/out.report" \
    2>"$T/out.report-err"
check "report: notes, procedure, alert gated, every line within 80 columns" \
    inert "$T/out.report" 80
check "report: its notices on stderr are gated" inert "$T/out.report-err" - any
run psfs psfs list
check "psfs list: the activity name is gated" inert "$T/out.psfs"
run done done walk --date 2026-11-21 --slot 11:11
check "done: its error is gated" python3 -c '
import sys; t = open(sys.argv[1], "rb").read().decode("utf-8")
sys.exit(any(ord(c) < 32 and c != "\n" for c in t))' "$T/out.done"
run ack ack 1
check_eq "ack 1 exits 0" 0 $?
check "and names the alert" grep -q "acknowledged alert 1" "$T/out.ack"
run ackall ack --all --emergency
cat "$T/out.ackall" >>"$T/out.ack"
check "ack: what it echoes is gated" python3 -c '
import sys; t = open(sys.argv[1], "rb").read().decode("utf-8")
sys.exit(any(ord(c) < 32 and c != "\n" or 0x80 <= ord(c) < 0xa0 or c == "\u202e" for c in t))' "$T/out.ack"

# Arguments are gated in errors too.
"$ML" -d "$D" log $'notes\e]0;PWNED\a=x' >"$T/out.arg" 2>&1
check "an unknown field named with an escape is echoed gated" inert "$T/out.arg"
"$ML" -d "$D" done $'w\e]0;PWNED\a' >"$T/out.arg2" 2>&1
check "an unknown exercise id with an escape is echoed gated" inert "$T/out.arg2"

# A duplicate column whose name is hostile: the error quotes it gated.
mkdir -p "$T/dup" && chmod 700 "$T/dup"
printf 'date,N\033]0;PWNED\007,N\033]0;PWNED\007\n2026-11-21,a,b\n' \
    >"$T/dup/entries.csv"
"$ML" -d "$T/dup" check >"$T/out.dup" 2>&1
check "check: the duplicate-column error is gated" inert "$T/out.dup"
"$ML" -d "$T/dup" show --date 2026-11-21 >"$T/out.dup2" 2>&1
check "show: the duplicate-column error is gated" inert "$T/out.dup2"

# A bare CR inside a note survives a later save, and strict UTF-8: a
# surrogate written by hand is reported by check.
"$ML" -d "$D" log --date 2026-11-21 mood=5 >/dev/null
check_eq "after log, still one row for the day" 1 \
    "$(grep -c '^2026-11-21,' "$D/entries.csv")"
check "the note still holds its CR" python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
sys.exit(0 if any("RTL\rCR>" in r["notes"] for r in rows if r["date"] == "2026-11-21") else 1)' "$D/entries.csv"
mkdir -p "$T/sur" && chmod 700 "$T/sur"
printf 'date,notes\n2026-11-21,a\355\240\200b\n2026-11-20,\300\257\n' >"$T/sur/entries.csv"
"$ML" -d "$T/sur" check >"$T/out.sur" 2>&1
check_eq "check: surrogate and overlong form are two problems" 2 \
    "$(grep -c 'notes: ' "$T/out.sur")"

# A live, unacknowledged alert whose message is hostile, for the Alerts
# screen (the ones above were acknowledged by `ack --all`).
python3 - "$D/alerts.csv" <<'PY'
import csv, sys
p = sys.argv[1]
bad = "<\x1b]0;PWNED\x07\x1b]52;c;SGFja2Vk\x07\x1b[2J\u009b31m\u202eRTL\rCR>"
rows = list(csv.reader(open(p, newline="", encoding="utf-8")))
row = dict.fromkeys(rows[0], "")
row.update(raised_at="2026-11-21T08:00:00+00:00", date="2026-11-21",
           rule="fever", severity="urgent", message="LIVE" + bad)
if "last_date" in row:
    row["last_date"] = "2026-11-21"
rows.append([row[c] for c in rows[0]])
csv.writer(open(p, "w", newline="", encoding="utf-8"),
           lineterminator="\n").writerows(rows)
PY

# The screen: every screen shows the escapes, the title is unchanged.
if command -v tmux >/dev/null; then
	tm_start -- "MENDLOG_NOW=2026-11-21T10:10:00 $ML -d $D"
	tm set-option -t main allow-rename on >/dev/null 2>&1
	tm set-option -t main set-titles on >/dev/null 2>&1
	check "screen: Today shows the note's escapes" wait_for '\\x1B\]0;PWNED' 5
	for step in 'F2:November 2026' 'F3:LIVE<\\x1B\]0;PWNED' \
	    'F4:EX<\\x1B\]0;PWNED' 'F5:Back pain, leg pain' \
	    'F1:Back pain \(average\)'; do
		key=${step%%:*}
		tm_send "$key"
		check "screen $key drawn" wait_for "${step#*:}" 5
		tm capture-pane -p -e -t main >"$T/pane.$key"
		check "screen $key: no title set, no OSC 52, no clear" python3 -c '
import sys
t = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
sys.exit("PWNED" in t and "\x1b]0;" in t)' "$T/pane.$key"
	done
	title=$(tm display-message -p -t main '#{pane_title}')
	check "the pane title was not set by the diary" test "$title" != PWNED
	check "mendlog is still running" wait_for '.' 1
	tm_send q
fi
finish
