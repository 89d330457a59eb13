#!/bin/bash
# Bad input, answered with a clear error and nothing lost (issue 7).
#
# Each case damages a data directory the way real life does (a spreadsheet,
# a crash, a full disk, a wrong chown) and runs the real binary.  For each:
# the exact error names FILE(:LINE), the exit status is right, and a write
# that was refused left the file byte-identical.  Cases that need root
# (another user, a tmpfs) say why when they are skipped.
. "$(dirname "$0")/lib.sh"

E="$D/entries.csv"
HEADER='date,back_pain,back_pain_worst,leg_pain,headache,headache_upright,numbness,tingling,leg_weakness,bladder_bowel,saddle_numbness,temperature_c,site_problem,sleep_hours,medication,therapies,activity_min,mood,notes,updated_at'

skip() { echo "skip - $*"; }

# big_field FILE DATE COL: like csv_field, for fields over Python's
# default 128 KiB limit.
big_field() {
	python3 - "$@" <<'PY'
import csv, sys
csv.field_size_limit(sys.maxsize)
path, date, col = sys.argv[1:4]
with open(path, newline='', encoding='utf-8-sig') as f:
    for row in csv.DictReader(f):
        if row.get('date') == date:
            sys.stdout.write(row.get(col, ''))
            break
PY
}

# run CMD...: run with stdout/stderr/status captured.
run() {
	"$@" >"$T/out" 2>"$T/err"
	status=$?
}
err1() { head -n 1 "$T/err"; }
out1() { head -n 1 "$T/out"; }

# fresh: a data directory with two good days.
fresh() {
	rm -rf "$D"
	"$ML" -d "$D" log --date 2026-11-01 back_pain=3 notes="first" >/dev/null &&
	"$ML" -d "$D" log --date 2026-11-02 back_pain=4 >/dev/null ||
	    { echo "setup failed"; exit 1; }
}

# refused DESC EXPECTED_STDERR: a log must fail (exit 1) with exactly that
# first line of stderr and leave entries.csv byte-identical.
refused() {
	cp -p "$E" "$T/before" 2>/dev/null
	run "$ML" -d "$D" log --date 2026-11-03 mood=5
	check_eq "$1: log exits 1" 1 "$status"
	check_eq "$1: log says" "$2" "$(err1)"
	if [ -f "$T/before" ]; then
		check "$1: file byte-identical after refused log" cmp -s "$T/before" "$E"
		rm -f "$T/before"
	fi
	check "$1: no temp file left" \
	    test -z "$(find "$D" -name '*.tmp.*' 2>/dev/null)"
}

# --- a 1 MiB note, and the largest note a command line can carry ---------
fresh
python3 - "$E" "$HEADER" <<'PY'
import csv, sys
path, header = sys.argv[1], sys.argv[2].split(',')
line = 'stiff, "sore" — dizzy on standing; ünïcödé ✓ walked 20 min\n'
note = (line * (1048576 // len(line.encode()) + 1)).encode()[:1048576]
note = note.decode('utf-8', 'ignore')
open(path + '.note', 'w', encoding='utf-8', newline='').write(note)
with open(path, 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(header)
    row = [''] * len(header)
    row[0], row[18] = '2026-11-01', note
    w.writerow(row)
PY
run "$ML" -d "$D" log --date 2026-11-01 back_pain=5
check_eq "1 MiB note: log on that day exits 0" 0 "$status"
big_field "$E" 2026-11-01 notes >"$T/note"
check "1 MiB note: kept byte for byte" cmp -s "$T/note" "$E.note"
check_eq "1 MiB note: the new field is there" 5 \
    "$(big_field "$E" 2026-11-01 back_pain)"
run "$ML" -d "$D" check
check_eq "1 MiB note: check is clean" 0 "$status"
rm -f "$E.note"
# One argument may be at most 128 KiB (the kernel's MAX_ARG_STRLEN).
big=$(python3 -c 'print("long note, with commas \"and quotes\" é " * 3000, end="")')
run "$ML" -d "$D" log --date 2026-11-02 "notes=$big"
check_eq "120 KiB note from the command line: exit 0" 0 "$status"
printf '%s' "$big" >"$T/big"
big_field "$E" 2026-11-02 notes >"$T/note"
check "120 KiB note from the command line: kept exactly" cmp -s "$T/big" "$T/note"

# --- a 10,000-column row -----------------------------------------------
fresh
python3 -c "import sys; sys.stdout.write('2026-11-05,' + ','.join(str(i % 10) for i in range(9999)) + '\n')" >>"$E"
wide=$(sed -n 4p "$E")
run "$ML" -d "$D" check
check_eq "10,000 columns: check exits 1" 1 "$status"
check_eq "10,000 columns: check names FILE:LINE" \
    "$E:4: row has 10000 fields, the header has $(head -n 1 "$E" | tr ',' '\n' | wc -l)" "$(out1)"
run "$ML" -d "$D" log --date 2026-11-03 mood=5
check_eq "10,000 columns: log on another day exits 0" 0 "$status"
check_eq "10,000 columns: the wide row is kept as it was" "$wide" \
    "$(grep '^2026-11-05,' "$E")"

# --- NUL bytes -----------------------------------------------------------
fresh
printf '2026-11-04,2,,,,,,,,,,,,,,,,,bad\0note,,,,,,,,,,,\n' >>"$E"
run "$ML" -d "$D" check
check_eq "NUL byte: check exits 1" 1 "$status"
check_eq "NUL byte: check names FILE:LINE" \
    "$E:4: NUL byte in file (not a text CSV file)" "$(out1)"
refused "NUL byte" "mendlog: $E:4: NUL byte in file (not a text CSV file)"

# --- invalid UTF-8 ---------------------------------------------------------
fresh
printf '2026-11-04,2,,,,,,,,,,,,,,,,,caf\xe9 au lait,,,,,,,,,,,\n' >>"$E"
bad_line=$(sed -n 4p "$E")
run "$ML" -d "$D" check
check_eq "invalid UTF-8 in the file: check exits 1" 1 "$status"
check_eq "invalid UTF-8 in the file: check names FILE:LINE: notes" \
    "$E:4: notes: invalid value 'caf\xE9 au lait' (expected UTF-8 text)" "$(out1)"
run "$ML" -d "$D" log --date 2026-11-03 mood=5
check_eq "invalid UTF-8 in the file: log on another day exits 0" 0 "$status"
check_eq "invalid UTF-8 in the file: the bytes are kept as written" \
    "$bad_line" "$(grep -a '^2026-11-04,' "$E")"
cp "$E" "$T/before"
run "$ML" -d "$D" log --date 2026-11-03 "notes=$(printf 'caf\xe9')"
check_eq "invalid UTF-8 on the command line: exit 2" 2 "$status"
check_eq "invalid UTF-8 on the command line: names the field" \
    "mendlog: notes: invalid value 'caf\xE9': expected UTF-8 text (or empty to clear)" \
    "$(err1)"
check "invalid UTF-8 on the command line: nothing written" cmp -s "$T/before" "$E"

# --- a BOM in the middle (two files pasted together) -----------------------
fresh
printf '\xef\xbb\xbf2026-11-04,2,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n' >>"$E"
run "$ML" -d "$D" check
check_eq "BOM in the middle: check exits 1" 1 "$status"
check_eq "BOM in the middle: check names FILE:LINE: date" \
    "$E:4: date: invalid value '\xEF\xBB\xBF2026-11-04' (expected a date YYYY-MM-DD); \xEF\xBB\xBF is an invisible byte order mark, often left by pasting two files together" \
    "$(out1)"
run "$ML" -d "$D" log --date 2026-11-03 mood=5
check_eq "BOM in the middle: log on another day exits 0" 0 "$status"
# (written back quoted, so the next read keeps the mark in the cell)
check_eq "BOM in the middle: the row's values are kept" "1" "$(python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig")))
print(sum(1 for r in rows if r[:2] == ["\ufeff2026-11-04", "2"]))' "$E")"

# --- a header with duplicate columns ----------------------------------
fresh
sed -i '1s/,notes,/,mood,/' "$E"
run "$ML" -d "$D" check
check_eq "duplicate column: check exits 1" 1 "$status"
check_eq "duplicate column: check names FILE:1: column" \
    "$E:1: mood: duplicate column name (columns 18 and 19)" "$(out1)"
refused "duplicate column" \
    "mendlog: $E:1: mood: duplicate column name (columns 18 and 19)"

# --- a file that is a directory -------------------------------------------
rm -rf "$D" && mkdir -p "$E" && chmod 700 "$D"
run "$ML" -d "$D" check
check_eq "directory: check exits 1" 1 "$status"
check_eq "directory: check names FILE" "$E: not a regular file" "$(out1)"
refused "directory" "mendlog: $E: not a regular file"
check "directory: still a directory" test -d "$E"

# --- a dangling symbolic link ---------------------------------------------
rm -rf "$D" && mkdir -p "$D" && chmod 700 "$D" && ln -s "$T/gone.csv" "$E"
run "$ML" -d "$D" check
check_eq "dangling symlink: check exits 1" 1 "$status"
check_eq "dangling symlink: check names FILE" \
    "$E: No such file or directory (dangling symbolic link)" "$(out1)"
refused "dangling symlink" \
    "mendlog: $E: No such file or directory (dangling symbolic link)"
check_eq "dangling symlink: link untouched" "$T/gone.csv" "$(readlink "$E")"
check "dangling symlink: target not created" test ! -e "$T/gone.csv"

# --- a symbolic link to a good file (a sync folder) ------------------------
fresh
mkdir -p "$T/sync"
mv "$E" "$T/sync/entries.csv"
ln -s "$T/sync/entries.csv" "$E"
run "$ML" -d "$D" check
check_eq "symlink to a good file: check reads through it" 0 "$status"
refused "symlink to a good file" \
    "mendlog: $E: is a symbolic link; mendlog saves by replacing the file, which would cut the link: keep the file itself in the data directory (or link the directory instead)"
check "symlink to a good file: still a link" test -L "$E"

# --- root-only cases: another user, an unreadable file, a full disk --------
if [ "$(id -u)" -ne 0 ]; then
	skip "unreadable file, data directory of another user, full disk: need root"
else
	nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    env HOME="$HOME" "$@"; }
	chmod 755 "$T"

	# An unreadable file, as an ordinary user (root reads anything).
	fresh
	chown -R nobody:nogroup "$D"
	chmod 000 "$E"
	run nobody "$ML" -d "$D" check
	check_eq "unreadable file: check exits 1" 1 "$status"
	check_eq "unreadable file: check names FILE" "$E: Permission denied" \
	    "$(out1)"
	cp -p "$E" "$T/before"
	run nobody "$ML" -d "$D" log --date 2026-11-03 mood=5
	check_eq "unreadable file: log exits 1" 1 "$status"
	check_eq "unreadable file: log says" "mendlog: $E: Permission denied" \
	    "$(err1)"
	check "unreadable file: byte-identical" cmp -s "$T/before" "$E"
	check_eq "unreadable file: mode untouched" 0 "$(stat -c %a "$E")"

	# A data directory owned by someone else.
	fresh
	chown nobody "$D"
	cp -p "$E" "$T/before"
	msg="mendlog: $D: owned by another user (uid $(id -u nobody)); refusing to keep health records there"
	run "$ML" -d "$D" log --date 2026-11-03 mood=5
	check_eq "other user's directory: log exits 1" 1 "$status"
	check_eq "other user's directory: log says" "$msg" "$(err1)"
	check "other user's directory: byte-identical" cmp -s "$T/before" "$E"
	# Reading changes nothing, so it is allowed (issue 11: a read-only
	# copy must be readable): check reads, leaves owner, mode and files.
	{ stat -c "%a %U %y" "$D"; ls -lA --time-style=full-iso "$D"; } >"$T/dir-before"
	run "$ML" -d "$D" check
	check_eq "other user's directory: check reads it (exit 0)" 0 "$status"
	{ stat -c "%a %U %y" "$D"; ls -lA --time-style=full-iso "$D"; } >"$T/dir-after"
	check "other user's directory: check changed nothing" cmp -s "$T/dir-before" "$T/dir-after"

	# A full disk: a small tmpfs, filled up.
	M="$T/full"
	mkdir -p "$M"
	if mount -t tmpfs -o size=256k,mode=700 tmpfs "$M" 2>/dev/null; then
		FD="$M/data"
		FE="$FD/entries.csv"
		"$ML" -d "$FD" log --date 2026-11-01 back_pain=3 \
		    "notes=$(head -c 60000 /dev/zero | tr '\0' x)" >/dev/null
		# Fill what is left (the page cache rounds: fill to ENOSPC).
		dd if=/dev/zero of="$M/filler" bs=4k 2>/dev/null
		cp -p "$FE" "$T/before"
		run "$ML" -d "$FD" log --date 2026-11-02 back_pain=4
		check_eq "full disk: log exits 1" 1 "$status"
		check "full disk: log says FILE: No space left on device" \
		    grep -Eq "^mendlog: $FE(\.bak)?: .*No space left on device" "$T/err"
		check "full disk: byte-identical" cmp -s "$T/before" "$FE"
		check "full disk: no temp file left" \
		    test -z "$(find "$FD" -name '*.tmp.*')"
		rm -f "$M/filler"
		run "$ML" -d "$FD" log --date 2026-11-02 back_pain=4
		check_eq "full disk: with room again, log works" 0 "$status"
		run "$ML" -d "$FD" check
		check_eq "full disk: check clean afterwards" 0 "$status"
		umount "$M"
	else
		skip "full disk: mounting a tmpfs is not permitted here"
	fi
fi

finish
