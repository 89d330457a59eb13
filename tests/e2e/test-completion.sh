#!/bin/bash
# Shell completion: bash's completion function (completion/mendlog.bash,
# loaded after bash-completion's own helpers when they are installed) run
# the way bash runs it, COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT set and
# COMPREPLY read back; candidates come from `mendlog __complete`, i.e. from
# the command table, the schema and the diary.  Also: completing never
# creates a diary, and the zsh and fish scripts parse.
. "$(dirname "$0")/lib.sh"

SCRIPT=$TOP/completion/mendlog.bash

# comp LINE: COMPREPLY for LINE with the cursor at its end, one space
# between candidates.  LINE is split as bash splits it: at blanks, and at
# '=' and ':' (COMP_WORDBREAKS), which become words of their own.
comp() {
	bash -c '
	bc=/usr/share/bash-completion/bash_completion
	[ -r "$bc" ] && . "$bc"
	. "$1"
	COMP_LINE=$2
	COMP_POINT=${#COMP_LINE}
	COMP_WORDS=()
	cmd_seen=
	for w in $COMP_LINE; do
		# bash leaves VAR=value before the command out of COMP_WORDS.
		if [ -z "$cmd_seen" ] && [[ $w == [A-Za-z_]*=* ]]; then
			continue
		fi
		cmd_seen=1
		while [[ $w == *[=:]* ]]; do
			head=${w%%[=:]*}
			[ -n "$head" ] && COMP_WORDS+=("$head")
			w=${w:${#head}}
			COMP_WORDS+=("${w:0:1}")
			w=${w:1}
		done
		[ -n "$w" ] && COMP_WORDS+=("$w")
	done
	[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_mendlog
	echo "${COMPREPLY[*]}"
	' comp "$SCRIPT" "$1"
}

if [ ! -r /usr/share/bash-completion/bash_completion ]; then
	echo "skip - bash-completion not installed: the script runs alone"
fi

check_eq "lo -> log" "log" "$(comp "$ML lo")"
check_eq "log back_p -> back_pain= back_pain_worst=" \
    "back_pain= back_pain_worst=" "$(comp "$ML -d $D log back_p")"
check_eq "a yes/no field's values, after its '='" "yes no" \
    "$(comp "$ML log leg_weakness=")"
check_eq "and their start" "yes" "$(comp "$ML log leg_weakness=y")"
check_eq "a 0-10 field offers no yes/no" "" "$(comp "$ML log back_pain=")"
check_eq "the date and updated_at are not offered" "" \
    "$(comp "$ML log date")$(comp "$ML log updated")"
check_eq "subcommands" "add list edit remove" "$(comp "$ML procedure ")"
check_eq "--kind KIND: the procedure kinds" \
    "lumbar_puncture epidural_labour epidural_steroid discectomy laminectomy fusion epidural_blood_patch other" \
    "$(comp "$ML procedure add --kind ")"
check_eq "--kind=lu" "lumbar_puncture" "$(comp "$ML procedure add --kind=lu")"
check_eq "export --kind: its choices" "daily exercises alerts psfs" \
    "$(comp "$ML export --kind ")"
check_eq "--date words" "today yesterday" \
    "$(comp "$ML log --date t") $(comp "$ML log --date y")"
check "log's options, --quiet among them" \
    grep -qw -- "--quiet" <<<"$(comp "$ML log --")"
check "global options" grep -qw -- "--data-dir" <<<"$(comp "$ML --")"
check_eq "an unknown command completes nothing" "" "$(comp "$ML frob ")"

# Nothing in the diary yet: no ids, and completion does not create it.
check_eq "done with no diary: nothing" "" "$(comp "$ML -d $D done ")"
check "completing did not create the diary directory" test ! -e "$D"

"$ML" -d "$D" plan import "$TOP/tests/data/plan-physio.csv" >/dev/null
ids=$(cut -d, -f1 "$D/exercises.csv" | sed 1d | tr '\n' ' ' | sed 's/ $//')
check "the plan has ids to complete" test -n "$ids"
check_eq "done <Tab>: the diary's exercise ids (-d)" "$ids" \
    "$(comp "$ML -d $D done ")"
check_eq "done <Tab> honours --data-dir=DIR" "$ids" \
    "$(comp "$ML --data-dir=$D done ")"
check_eq "done <Tab> honours MENDLOG_DIR in the environment" "$ids" \
    "$(MENDLOG_DIR=$D comp "$ML done ")"
check_eq "done <Tab> honours MENDLOG_DIR typed on the line" "$ids" \
    "$(comp "MENDLOG_DIR=$D $ML done ")"
check_eq "done p<Tab>" "$(tr ' ' '\n' <<<"$ids" | grep '^p' | tr '\n' ' ' | sed 's/ $//')" \
    "$(comp "$ML -d $D done p")"
check_eq "done's id is one word: none after it" "" \
    "$(comp "$ML -d $D done pelvic_tilt ")"
check_eq "done ID --status <Tab>" "done partial skipped" \
    "$(comp "$ML -d $D done pelvic_tilt --status ")"

# Open alerts: three raised, one acknowledged; ack offers the others.
"$ML" -d "$D" log leg_weakness=yes >/dev/null 2>&1
MENDLOG_NOW=2026-11-21T09:00:00+00:00 "$ML" -d "$D" log --date 2026-11-21 \
    temperature_c=38.5 >/dev/null 2>&1
"$ML" -d "$D" log bladder_bowel=yes >/dev/null 2>&1
open=$("$ML" -d "$D" alerts | sed -n 's/^ *\([0-9][0-9]*\)  .*/\1/p' | tr '\n' ' ' | sed 's/ $//')
check "alerts were raised" test "$(wc -w <<<"$open")" -ge 2
check_eq "ack <Tab>: the open alert numbers" "$open" "$(comp "$ML -d $D ack ")"
first=${open%% *}
"$ML" -d "$D" ack "$first" >/dev/null
check_eq "an acknowledged alert is no longer offered" "${open#"$first" }" \
    "$(comp "$ML -d $D ack ")"

# Where a file is wanted, bash completes file names.
touch "$T/plan-x.csv"
check_eq "plan import FILE: file names" "$T/plan-x.csv" \
    "$(comp "$ML plan import $T/plan-")"

# wait_screen REGEX: bounded poll of the tmux pane.
wait_screen() {
	n=0
	while ! tm capture-pane -p -t main | grep -q "$1" && [ $n -lt 100 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	tm capture-pane -p -t main | grep -q "$1"
}

# The real thing: an interactive bash in tmux, Tab pressed.
tm_start 80 24 -- "bash --norc --noprofile"
tm send-keys -t main "PS1='\$ '; . $SCRIPT; cd $TOP; complete -F _mendlog ./mendlog; clear" Enter
wait_screen '^\$$' >/dev/null
tm send-keys -t main "./mendlog lo" Tab
# (capture-pane drops trailing blanks: the next check shows the space)
check "Tab in an interactive bash: ./mendlog lo -> ./mendlog log" \
    wait_screen '^\$ \./mendlog log$'
tm send-keys -t main "back_pain_w" Tab "4"
check "then a field, with its '=' and no space after it" \
    wait_screen '^\$ \./mendlog log back_pain_worst=4$'

# The other shells' scripts parse (when those shells are installed).
if command -v zsh >/dev/null 2>&1; then
	check "zsh script parses" zsh -n "$TOP/completion/_mendlog"
	# compinit finds _mendlog on the fpath, as from site-functions.
	mkdir -p "$T/zfunc"
	cp "$TOP/completion/_mendlog" "$T/zfunc/"
	# The same pane, now running zsh (a second tm_start races the
	# kill-server of the first).
	tm respawn-pane -k -t main \
	    "env HOME='$HOME' TERM=tmux-256color PATH=$TOP:\$PATH zsh -f"
	tm send-keys -t main "fpath=($T/zfunc \$fpath); autoload -Uz compinit; compinit -u; PS1='%% '; clear" Enter
	wait_screen '^%$' >/dev/null
	tm send-keys -t main "mendlog lo" Tab
	check "zsh: mendlog lo<Tab> -> mendlog log" wait_screen '^% mendlog log$'
	tm send-keys -t main "back_pain_w" Tab "4 --date y" Tab
	check "zsh: field= without a space, --date words" \
	    wait_screen '^% mendlog log back_pain_worst=4 --date yesterday$'
else
	echo "skip - zsh not installed"
fi
if command -v fish >/dev/null 2>&1; then
	check "fish script parses" fish -n "$TOP/completion/mendlog.fish"
	# (fish sorts what it offers)
	check_eq "fish: done <Tab> lists the diary's exercise ids" \
	    "$(tr ' ' '\n' <<<"$ids" | sort | tr '\n' ' ')" \
	    "$(PATH=$TOP:$PATH fish -c "source $TOP/completion/mendlog.fish; complete -C 'mendlog -d $D done '" | sort | tr '\n' ' ')"
else
	echo "skip - fish not installed"
fi

finish
