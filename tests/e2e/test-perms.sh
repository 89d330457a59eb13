#!/usr/bin/env bash
# The data directory is 0700 and every file 0600, whatever the umask.
. "$(dirname "$0")/lib.sh"

(umask 000 && "$ML" -d "$D/new" log back_pain=3 && "$ML" -d "$D/new" log mood=2 &&
    "$ML" -d "$D/new" procedure add --kind fusion)
check_eq "directory is 0700 under umask 000" 700 "$(stat -c %a "$D/new")"
for f in entries.csv entries.csv.bak procedures.csv .lock; do
	check_eq "$f is 0600 under umask 000" 600 "$(stat -c %a "$D/new/$f")"
done
mkdir -m 0755 "$D/loose"
chmod 0755 "$D/loose"
(umask 000 && "$ML" -d "$D/loose" log mood=1)
check_eq "an existing 0755 directory of one's own is tightened to 0700" 700 "$(stat -c %a "$D/loose")"

# A spreadsheet saved the file 0644: the file and its .bak end 0600.
chmod 0644 "$D/new/entries.csv"
"$ML" -d "$D/new" log mood=4
check_eq "a 0644 file is saved 0600" 600 "$(stat -c %a "$D/new/entries.csv")"
check_eq "and its .bak is 0600 too" 600 "$(stat -c %a "$D/new/entries.csv.bak")"

# Shared directories are refused by a writing command and left as they
# are by every command; a reading command works in them.
for mode in 1777 0777 2775; do
	mkdir "$D/shared$mode" && chmod "$mode" "$D/shared$mode"
	err=$("$ML" -d "$D/shared$mode" log mood=1 2>&1); rc=$?
	check_eq "log in a $mode directory is refused" 1 $rc
	check "and says why ($mode)" grep -q "^mendlog: $D/shared$mode: .*refusing to keep health records there" <<<"$err"
	"$ML" -d "$D/shared$mode" check >/dev/null 2>&1
	"$ML" -d "$D/shared$mode" show >/dev/null 2>&1
	check_eq "check and show leave a $mode directory as it was" "$mode" \
	    "$(stat -c %a "$D/shared$mode" | sed 's/^777$/0777/')"
	check_eq "and put nothing in it ($mode)" "" "$(ls -A "$D/shared$mode")"
done

# Reading commands change nothing: no directory made, no mode changed.
"$ML" -d "$D/absent" show >/dev/null 2>&1
"$ML" -d "$D/absent" check >/dev/null 2>&1
check "show and check do not create the directory" test ! -e "$D/absent"
mkdir "$D/mine" && chmod 0750 "$D/mine"
for cmd in show check alerts report export "plan list" due "procedure list" "psfs list"; do
	# shellcheck disable=SC2086
	"$ML" -d "$D/mine" $cmd >/dev/null 2>&1
done
check_eq "reading commands leave a 0750 directory as it was" 750 "$(stat -c %a "$D/mine")"
check_eq "and write nothing in it" "" "$(ls -A "$D/mine")"

# A read-only copy: a 0500 directory (as a user) or a read-only bind
# mount (as root, where modes do not stop writes).
# An emergency alert and a plan in the copy, so alerts, due and plan list
# have something to read (and would be tempted to write).
MENDLOG_NOW=2026-11-21T10:00:00 "$ML" -d "$D/new" log --date 2026-11-21 \
    temperature_c=39.5 >/dev/null 2>&1
printf 'id,name,times\nw,W,10:00\n' >"$T/plan.csv"
"$ML" -d "$D/new" plan import "$T/plan.csv" >/dev/null
cp -a "$D/new" "$D/ro"
if [ "$(id -u)" -eq 0 ]; then
	mkdir "$D/mnt"
	if mount --bind "$D/ro" "$D/mnt" 2>/dev/null; then
		if mount -o remount,ro,bind "$D/mnt" 2>/dev/null; then
			out=$("$ML" -d "$D/mnt" show 2>&1); rc=$?
			check_eq "show works on a read-only bind mount" 0 $rc
			check "and shows the entry" grep -q '^mood: 4' <<<"$out"
			for cmd in check alerts "alerts --all" report export \
			    "plan list" due "procedure list" "psfs list"; do
				# shellcheck disable=SC2086
				"$ML" -d "$D/mnt" $cmd >/dev/null 2>&1
				check_eq "$cmd works on the read-only mount" 0 $?
			done
		else
			echo "skip - cannot remount read-only here"
		fi
		umount "$D/mnt"
	else
		echo "skip - cannot bind-mount here"
	fi
else
	chmod 0500 "$D/ro"
	out=$("$ML" -d "$D/ro" show 2>&1); rc=$?
	check_eq "show works on a 0500 copy" 0 $rc
	check "and shows the entry" grep -q '^mood: 4' <<<"$out"
	check "check works on it too" "$ML" -d "$D/ro" check
	check_eq "and the copy stays 0500" 500 "$(stat -c %a "$D/ro")"
	chmod 0700 "$D/ro"
fi
if [ "$(id -u)" -eq 0 ]; then
	mkdir "$D/theirs" && chown nobody "$D/theirs"
	err=$("$ML" -d "$D/theirs" log mood=1 2>&1); rc=$?
	check_eq "a directory owned by someone else is refused" 1 $rc
	check "and the error says so" grep -q "^mendlog: $D/theirs: owned by another user" <<<"$err"
fi
finish
