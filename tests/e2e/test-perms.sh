#!/usr/bin/env bash
# The data directory is 0700 and every file 0600, whatever the umask.
. "$(dirname "$0")/lib.sh"

(umask 000 && "$ML" -d "$D/new" log back_pain=3 && "$ML" -d "$D/new" log mood=2 &&
    "$ML" -d "$D/new" procedure add --kind fusion)
check_eq "directory is 0700 under umask 000" 700 "$(stat -c %a "$D/new")"
for f in entries.csv entries.csv.bak procedures.csv .lock; do
	check_eq "$f is 0600 under umask 000" 600 "$(stat -c %a "$D/new/$f")"
done
mkdir -m 0777 "$D/loose"
chmod 0777 "$D/loose"
(umask 000 && "$ML" -d "$D/loose" log mood=1)
check_eq "an existing 0777 directory is tightened to 0700" 700 "$(stat -c %a "$D/loose")"
if [ "$(id -u)" -eq 0 ]; then
	mkdir "$D/theirs" && chown nobody "$D/theirs"
	err=$("$ML" -d "$D/theirs" log mood=1 2>&1); rc=$?
	check_eq "a directory owned by someone else is refused" 1 $rc
	check "and the error says so" grep -q "^mendlog: $D/theirs: owned by another user" <<<"$err"
fi
finish
