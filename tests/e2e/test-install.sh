#!/usr/bin/env bash
# make install / uninstall into a DESTDIR.
. "$(dirname "$0")/lib.sh"

dest="$T/dest"
make -s -C "$TOP" install PREFIX=/usr/local DESTDIR="$dest" >/dev/null
check "binary installed" test -x "$dest/usr/local/bin/mendlog"
check "mendlog.1 installed" test -f "$dest/usr/local/share/man/man1/mendlog.1"
check "mendlog.5 installed" test -f "$dest/usr/local/share/man/man5/mendlog.5"
check "config.example installed" test -f "$dest/usr/local/share/doc/mendlog/config.example"
check "bash completion where bash-completion looks" \
    test -f "$dest/usr/local/share/bash-completion/completions/mendlog"
check "zsh completion in site-functions" \
    test -f "$dest/usr/local/share/zsh/site-functions/_mendlog"
check "fish completion" \
    test -f "$dest/usr/local/share/fish/vendor_completions.d/mendlog.fish"
check "installed binary runs" "$dest/usr/local/bin/mendlog" --version
make -s -C "$TOP" uninstall PREFIX=/usr/local DESTDIR="$dest" >/dev/null
check_eq "uninstall removes every file" 0 "$(find "$dest" -type f | wc -l)"

# Under /usr (the .deb's prefix) zsh's is Debian's vendor-completions.
make -s -C "$TOP" install PREFIX=/usr DESTDIR="$dest" >/dev/null
check "PREFIX=/usr: bash completion in /usr/share/bash-completion/completions" \
    test -f "$dest/usr/share/bash-completion/completions/mendlog"
check "PREFIX=/usr: zsh completion in vendor-completions" \
    test -f "$dest/usr/share/zsh/vendor-completions/_mendlog"
make -s -C "$TOP" uninstall PREFIX=/usr DESTDIR="$dest" >/dev/null
check_eq "and uninstall removes them" 0 "$(find "$dest" -type f | wc -l)"
finish
