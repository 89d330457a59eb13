#!/usr/bin/env bash
# Command options as data: every command goes through the one parser in
# cli.c, so --help, usage errors, --list-commands and --list-options behave
# the same for all of them, and what they list matches the manual.
. "$(dirname "$0")/lib.sh"
export MENDLOG_NOW=2026-11-27T10:00:00

cmds=$("$ML" --list-commands)
check_eq "--list-commands exits 0" 0 $?
help=$("$ML" --help)
# Every top-level command in --help is listed, and nothing else is.
top=$(grep -v ' ' <<<"$cmds" | sort)
in_help=$(sed -n '/^Commands:/,/^$/p' <<<"$help" | awk 'NF > 1 { print $1 }' | sort)
check_eq "--list-commands matches --help's commands" "$in_help" "$top"
check "subcommands listed by full name" grep -qx 'plan import' <<<"$cmds"
check "procedure add listed" grep -qx 'procedure add' <<<"$cmds"

man="$TOP/man/mendlog.1"
while read -r cmd; do
	# shellcheck disable=SC2086 # split "plan import" into two words
	opts=$("$ML" $cmd --list-options)
	check_eq "$cmd --list-options exits 0" 0 $?
	check "$cmd takes the common options" grep -q $'^--data-dir\t-d\tDIR' <<<"$opts"
	check "$cmd has five tab-separated fields a line" \
	    awk -F '\t' 'NF != 5 { exit 1 }' <<<"$opts"
	# shellcheck disable=SC2086
	h=$("$ML" $cmd --help)
	check_eq "$cmd --help exits 0" 0 $?
	check "$cmd --help starts with its synopsis" grep -q "^usage: mendlog ${cmd%% *}" <<<"$h"
	while IFS=$'\t' read -r long short arg desc choices; do
		check "$cmd --help lists $long" grep -qF -- "$long" <<<"$h"
		name=${long#--}
		check "mendlog.1 documents $long" grep -qF -- "\\-${name//-/\\-}" "$man"
	done <<<"$opts"
	# A bad option: exit 2, the synopsis and where to find help.
	# shellcheck disable=SC2086
	err=$("$ML" -d "$D" $cmd --no-such-option 2>&1 >/dev/null)
	check_eq "$cmd --no-such-option exits 2" 2 $?
	case $cmd in plan|procedure)
		check "$cmd: bad option names the command" grep -q "^usage: mendlog $cmd" <<<"$err" ;;
	*)
		check "$cmd: bad option points to its help" grep -qF "Try 'mendlog $cmd --help'." <<<"$err" ;;
	esac
done <<<"$cmds"

# Values the table restricts are checked by the parser, message generated.
err=$("$ML" -d "$D" export --kind weekly 2>&1 >/dev/null)
check_eq "export --kind weekly exits 2" 2 $?
check_eq "choice message lists the choices" \
    "mendlog: --kind: expected daily, exercises, alerts or psfs, not 'weekly'" "$(head -n 1 <<<"$err")"
err=$("$ML" -d "$D" done x --status half 2>&1 >/dev/null)
check_eq "done --status half exits 2" 2 $?
check_eq "status choices" \
    "mendlog: --status: expected done, partial or skipped, not 'half'" "$(head -n 1 <<<"$err")"
check "--help shows the choices" grep -q 'default daily (daily, exercises, alerts, psfs)' \
    <<<"$("$ML" export --help)"

# Spellings every command now shares.
"$ML" -d "$D" log mood=3 --date=2026-11-20
check_eq "option after an operand, --opt=value" 3 "$(csv_field "$D/entries.csv" date 2026-11-20 mood)"
"$ML" log --date yesterday -d "$D" mood=4
check_eq "-d after the command, yesterday" 4 "$(csv_field "$D/entries.csv" date 2026-11-26 mood)"
"$ML" -d "$D" log -- mood=5
check_eq "-- ends the options" 5 "$(csv_field "$D/entries.csv" date 2026-11-27 mood)"
"$ML" -d "$D" export -o "$T/out.csv" --from 2026-11-20 --to 2026-11-21
check_eq "export -o (short form) exits 0" 0 $?
check_eq "export wrote the range" 3 "$(wc -l <"$T/out.csv" | tr -d ' ')"
out=$("$ML" -d "$D" due -q)
check_eq "due -q: silent when nothing is due" "" "$out"
err=$("$ML" -d "$D" report --from 2026-02-30 2>&1 >/dev/null)
check_eq "bad --from exits 2" 2 $?
check_eq "bad --from message" \
    "mendlog: --from: invalid date '2026-02-30': expected YYYY-MM-DD, today, yesterday, -3, 3 days ago or a weekday" "$(head -n 1 <<<"$err")"
err=$("$ML" -d "$D" procedure add --kind other --date soon 2>&1 >/dev/null)
check_eq "procedure add bad --date exits 2" 2 $?
check "procedure add --date message" grep -qF "'soon': expected YYYY-MM-DD" <<<"$err"

# Operand counts come from the table too.
err=$("$ML" -d "$D" check extra 2>&1 >/dev/null)
check_eq "check extra exits 2" 2 $?
check_eq "unexpected operand named" "mendlog: unexpected argument 'extra'" "$(head -n 1 <<<"$err")"
err=$("$ML" -d "$D" done 2>&1 >/dev/null)
check_eq "done without ID exits 2" 2 $?
check_eq "done's own message" "mendlog: expected one exercise ID" "$(head -n 1 <<<"$err")"
err=$("$ML" -d "$D" plan frob 2>&1 >/dev/null)
check_eq "plan frob exits 2" 2 $?
check_eq "unknown subcommand" "mendlog: unknown subcommand 'frob'" "$(head -n 1 <<<"$err")"
err=$("$ML" -d "$D" plan 2>&1 >/dev/null)
check_eq "plan alone exits 2" 2 $?
check_eq "plan alone says what to give" "mendlog: expected import, list or pause" "$(head -n 1 <<<"$err")"
err=$("$ML" -d "$D" plan list --replace 2>&1 >/dev/null)
check_eq "an option of another subcommand exits 2" 2 $?
check "its synopsis is the subcommand's" grep -qx 'usage: mendlog plan list' <<<"$err"

# Help wins over the rest of the line, and writes nothing.
rm -rf "$D"
"$ML" -d "$D" log -h mood=1 >/dev/null
check_eq "log -h exits 0" 0 $?
check "log -h wrote nothing" test ! -e "$D/entries.csv"

finish
