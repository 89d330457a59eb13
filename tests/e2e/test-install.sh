#!/usr/bin/env bash
# make install / uninstall into a DESTDIR.
. "$(dirname "$0")/lib.sh"

dest="$T/dest"
make -s -C "$TOP" install PREFIX=/usr/local DESTDIR="$dest" >/dev/null
check "binary installed" test -x "$dest/usr/local/bin/mendlog"
check "mendlog.1 installed" test -f "$dest/usr/local/share/man/man1/mendlog.1"
check "mendlog.5 installed" test -f "$dest/usr/local/share/man/man5/mendlog.5"
check "config.example installed" test -f "$dest/usr/local/share/doc/mendlog/config.example"
check "installed binary runs" "$dest/usr/local/bin/mendlog" --version
make -s -C "$TOP" uninstall PREFIX=/usr/local DESTDIR="$dest" >/dev/null
check_eq "uninstall removes every file" 0 "$(find "$dest" -type f | wc -l)"
finish
