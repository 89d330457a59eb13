# bash completion for mendlog(1).
#
# A thin wrapper: every candidate comes from `mendlog __complete WORD...`,
# which computes them from the tables the command line itself uses (its
# commands and options, the diary's fields and procedure kinds) and from
# the diary (exercise ids for `done`, open alert numbers for `ack`).  So
# nothing here has to change when a command, option or field is added.

# The line's words up to the cursor, with the pieces bash split off at
# '=' and ':' (COMP_WORDBREAKS) glued back: "log", "leg_weakness=" rather
# than "log", "leg_weakness", "=".  Sets _mendlog_w and _mendlog_cw.
_mendlog_words()
{
	local line=${COMP_LINE:0:COMP_POINT} w trimmed prev="" i
	_mendlog_w=()
	_mendlog_cw=0
	# Skip what precedes the command word (VAR=value assignments).
	line=${line#*"${COMP_WORDS[0]}"}
	_mendlog_w=("${COMP_WORDS[0]}")
	for ((i = 1; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		trimmed=${line#"${line%%[![:space:]]*}"}
		if [[ ${#trimmed} -eq ${#line} && ( $w == [=:]* || $prev == *[=:] ) ]]; then
			_mendlog_w[-1]+=$w
		else
			_mendlog_w+=("$w")
		fi
		line=${trimmed:${#w}}
		prev=$w
	done
	_mendlog_cw=$((${#_mendlog_w[@]} - 1))
}

_mendlog()
{
	local _mendlog_w _mendlog_cw cur prog pre rlprefix w
	local -a cands env_assign=()
	local IFS=$'\n'

	_mendlog_words
	cur=${_mendlog_w[_mendlog_cw]}
	prog=${COMP_WORDS[0]}
	[[ $prog == "~/"* ]] && prog=$HOME/${prog#"~/"}
	# MENDLOG_DIR=... or MENDLOG_CONFIG=... typed before mendlog picks the
	# diary the command will use: pass them on.
	pre=${COMP_LINE%%"${COMP_WORDS[0]}"*}
	IFS=$' \t'
	for w in $pre; do
		case $w in
		MENDLOG_DIR=* | MENDLOG_CONFIG=* | XDG_DATA_HOME=* | XDG_CONFIG_HOME=*)
			w=${w/=\~\//=$HOME/}
			env_assign+=("$w") ;;
		esac
	done
	IFS=$'\n'
	cands=($(env "${env_assign[@]}" "$prog" __complete \
	    "${_mendlog_w[@]:1:_mendlog_cw}" 2>/dev/null))
	case ${cands[0]-} in
	:files)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "${COMP_WORDS[COMP_CWORD]}"))
		return ;;
	:dirs)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "${COMP_WORDS[COMP_CWORD]}"))
		return ;;
	esac
	# bash replaces only the text after the last word break in the word
	# (the '=' of back_pain=, the ':' of 08:00), so drop what precedes it.
	rlprefix=
	if [[ $cur == *[=:]* ]]; then
		rlprefix=${cur%"${cur##*[=:]}"}
	fi
	COMPREPLY=("${cands[@]#"$rlprefix"}")
	# "back_pain=" waits for its value: no space after it.
	for w in "${cands[@]}"; do
		if [[ $w == *= ]]; then
			compopt -o nospace 2>/dev/null
			break
		fi
	done
}

complete -F _mendlog mendlog
