#!/usr/bin/env bash
# The command line end to end: log/show/procedure/check, exit statuses,
# error messages naming file, line and field, help and version.
. "$(dirname "$0")/lib.sh"

# log + show round trip, tricky text included
note=$'stiff after the drive, "20 min" walk\nsecond line — Müdigkeit'
"$ML" -d "$D" log --date 2026-11-20 back_pain=4 leg_weakness=No "notes=$note"
check_eq "log exits 0" 0 $?
check_eq "score stored" 4 "$(csv_field "$D/entries.csv" date 2026-11-20 back_pain)"
check_eq "yes/no normalised" no "$(csv_field "$D/entries.csv" date 2026-11-20 leg_weakness)"
check_eq "note stored exactly" "$note" "$(csv_field "$D/entries.csv" date 2026-11-20 notes)"
stamp=$(csv_field "$D/entries.csv" date 2026-11-20 updated_at)
check "updated_at is ISO 8601 with offset" \
    grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$' <<<"$stamp"

"$ML" -d "$D" procedure add --date 2026-11-18 --kind lumbar_puncture --description "diagnostic LP"
check_eq "procedure add exits 0" 0 $?
out=$("$ML" -d "$D" show --date 2026-11-20)
check "show prints day N after the procedure" grep -q '^date: 2026-11-20 (day 2 after lumbar puncture)$' <<<"$out"
check "show prints fields" grep -q '^back_pain: 4$' <<<"$out"
check "show indents note lines" grep -q '^    second line — Müdigkeit$' <<<"$out"
check "procedure list" grep -q '^ 1  2026-11-18  lumbar_puncture         diagnostic LP$' \
    <<<"$("$ML" -d "$D" procedure list)"

# FIELD= clears; a second log keeps other fields
"$ML" -d "$D" log --date 2026-11-20 back_pain= mood=6
check_eq "empty value clears" "" "$(csv_field "$D/entries.csv" date 2026-11-20 back_pain)"
check_eq "other fields kept" no "$(csv_field "$D/entries.csv" date 2026-11-20 leg_weakness)"

# default date is today (MENDLOG_NOW pins it)
MENDLOG_NOW=2026-11-22T09:00:00+00:00 "$ML" -d "$D" log headache=2
check_eq "default date is today" 2 "$(csv_field "$D/entries.csv" date 2026-11-22 headache)"

# usage errors: exit 2, nothing written
before=$(sha256sum "$D/entries.csv")
err=$("$ML" -d "$D" log back_pain=7/10 2>&1); rc=$?
check_eq "bad value exits 2" 2 $rc
check_eq "bad value message" \
    "mendlog: back_pain: invalid value '7/10': expected an integer 0-10 (or empty to clear)" "$err"
err=$("$ML" -d "$D" log mood=5 weight_kg=80 2>&1); rc=$?
check_eq "unknown field exits 2" 2 $rc
check "unknown field lists the fields" grep -q '^mendlog: weight_kg: unknown field; fields are: back_pain, ' <<<"$err"
check_eq "nothing written on usage error" "$before" "$(sha256sum "$D/entries.csv")"
"$ML" -d "$D" log 2>/dev/null; check_eq "no fields: exit 2" 2 $?
"$ML" -d "$D" log --date 2026-02-30 mood=1 2>/dev/null; check_eq "bad --date: exit 2" 2 $?
"$ML" -d "$D" frobnicate 2>/dev/null; check_eq "unknown command: exit 2" 2 $?
"$ML" --bogus 2>/dev/null; check_eq "unknown option: exit 2" 2 $?
"$ML" -d "$D" procedure add --kind acupuncture 2>/dev/null; check_eq "bad kind: exit 2" 2 $?
# (spinal_tap is a synonym of lumbar_puncture since issue 10.)
"$ML" -d "$D" show --date 2026-01-01 2>/dev/null; check_eq "show of a missing day: exit 1" 1 $?

# help and version
check "--help lists commands" grep -q '^  log ' <<<"$("$ML" --help)"
check "log --help" grep -q '^usage: mendlog log' <<<"$("$ML" log --help)"
check "procedure --help" grep -q '^usage: mendlog procedure add' <<<"$("$ML" procedure --help)"
check "check -h" grep -q '^usage: mendlog check' <<<"$("$ML" check -h)"
check "--version" grep -Eq '^mendlog [0-9]+\.[0-9]+\.[0-9]+$' <<<"$("$ML" -V)"

# check: clean, then problems as FILE:LINE: column: problem
"$ML" -d "$D" check 2>/dev/null
check_eq "check on a clean diary exits 0" 0 $?
printf 'date,back_pain,weight_kg\n2026-11-01,7/10,80\n2026-11-02,3\n' >"$D/entries.csv"
out=$("$ML" -d "$D" check 2>/dev/null); rc=$?
check_eq "check with problems exits 1" 1 $rc
check "invalid value reported with line" grep -qF "$D/entries.csv:2: back_pain: invalid value '7/10' (expected an integer 0-10)" <<<"$out"
check "ragged row reported with line" grep -qF "$D/entries.csv:3: row has 2 fields, the header has 3" <<<"$out"

# an unparseable file is never overwritten, and every writer says why
printf 'date,notes\n2026-11-01,"never closed\n' >"$D/entries.csv"
before=$(sha256sum "$D/entries.csv")
err=$("$ML" -d "$D" log mood=3 2>&1); rc=$?
check_eq "write to unparseable file exits 1" 1 $rc
check_eq "error names file and line" \
    "mendlog: $D/entries.csv:2: unterminated quoted field (a \" is never closed)" "$err"
check_eq "unparseable file untouched" "$before" "$(sha256sum "$D/entries.csv")"
"$ML" -d "$D" check >/dev/null 2>&1; check_eq "check on unparseable file exits 1" 1 $?

# paths: MENDLOG_DIR, config data_dir, XDG_DATA_HOME, ~/.local/share
MENDLOG_DIR="$T/envdir" "$ML" log mood=1 && check "MENDLOG_DIR used" test -f "$T/envdir/entries.csv"
printf '[storage]\ndata_dir = %s\n' "$T/cfgdir" >"$T/cfg"
"$ML" -c "$T/cfg" log mood=1 && check "config data_dir used" test -f "$T/cfgdir/entries.csv"
MENDLOG_CONFIG="$T/cfg" "$ML" log mood=2 && check_eq "MENDLOG_CONFIG used" 2 "$(csv_field "$T/cfgdir/entries.csv" date "$(date +%F)" mood)"
MENDLOG_DIR="$T/envdir2" "$ML" -c "$T/cfg" log mood=1 && check "MENDLOG_DIR beats config" test -f "$T/envdir2/entries.csv"
XDG_DATA_HOME="$T/xdg" "$ML" log mood=1 && check "XDG_DATA_HOME used" test -f "$T/xdg/mendlog/entries.csv"
"$ML" log mood=1 && check "~/.local/share/mendlog by default" test -f "$HOME/.local/share/mendlog/entries.csv"
mkdir -p "$HOME/.config/mendlog"
printf '[alerts]\nfever_c = hot\n' >"$HOME/.config/mendlog/config"
err=$("$ML" log mood=1 2>&1); rc=$?
check_eq "bad config value fails" 1 $rc
check_eq "config error names FILE:LINE: key" \
    "mendlog: $HOME/.config/mendlog/config:2: fever_c: invalid value 'hot': expected a number from 37 to 42" "$err"
printf '[alerts]\nfevr_c = 38\n' >"$HOME/.config/mendlog/config"
# -q: the warning must be all that is printed.
err=$("$ML" log -q mood=1 2>&1); rc=$?
check_eq "unknown config key is only a warning" 0 $rc
check_eq "warning names FILE:LINE: key" \
    "mendlog: $HOME/.config/mendlog/config:2: fevr_c: unknown key in [alerts], ignored (warning)" "$err"
"$ML" -c "$T/missing.cfg" log mood=1 2>/dev/null; check_eq "a named config must exist" 1 $?

# One-line confirmations on success; -q/--quiet prints nothing and the
# exit status still tells.
C="$T/confirm"
out=$("$ML" -d "$C" procedure add --date 2026-11-18 --kind "Lumbar puncture")
check_eq "procedure add confirms" \
    "Recorded lumbar puncture on 2026-11-18: days after it count from there (day 0)." "$out"
out=$("$ML" -d "$C" log --date 2026-11-21 back_pain=4 leg_weakness=n \
    temperature_c=37,2 mood= 2>/dev/null)
check_eq "log confirms what was saved, for which day, day N after" \
    "Logged back_pain=4, leg_weakness=no, temperature_c=37.2, mood (cleared) for 2026-11-21 (day 3 after lumbar puncture)." \
    "$out"
out=$("$ML" -d "$C" log --date 2026-11-21 "notes=a long note that goes on for more than thirty columns")
check_eq "a long value is shown by its start" \
    "Logged notes=a long note that goes on fo... for 2026-11-21 (day 3 after lumbar puncture)." "$out"
out=$("$ML" -d "$C" log --date 2026-11-17 mood=5)
check_eq "a day before any procedure: no day N" "Logged mood=5 for 2026-11-17." "$out"
out=$("$ML" -d "$C" log -q --date 2026-11-21 mood=6); rc=$?
check_eq "log -q: nothing on stdout" "" "$out"
check_eq "log -q: exit 0" 0 $rc
check_eq "log -q: saved" 6 "$(csv_field "$C/entries.csv" date 2026-11-21 mood)"
out=$("$ML" -d "$C" log --quiet --date 2026-11-21 back_pain=11 2>/dev/null); rc=$?
check_eq "log --quiet: a bad value still exits 2" 2 $rc
check_eq "log --quiet: and prints nothing on stdout" "" "$out"
out=$("$ML" -d "$C" procedure add --quiet --kind fusion --date 2026-11-19); rc=$?
check_eq "procedure add --quiet: nothing, exit 0" "0:" "$rc:$out"
check "procedure add --quiet: recorded" grep -q '^2026-11-19,fusion,' "$C/procedures.csv"

# the screen needs a terminal
err=$("$ML" -d "$D" </dev/null 2>&1 >/dev/null); rc=$?
check_eq "no terminal: exit 1" 1 $rc
check "no terminal: points to the commands" grep -q "the commands work anywhere: mendlog log, show, alerts" <<<"$err"

finish
