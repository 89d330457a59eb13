#!/bin/sh
# Build the Debian package in a copy of the tree (make deb), install it,
# use it, remove and purge it, and check nothing of it is left.  Needs
# root (it installs into the system) and the packages `make check-deb`
# installs first.  Ends with "N passed, N failed".
cd "$(dirname "$0")/../.." || exit 1
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $*"; }
check() {
	desc=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$desc"; else not_ok "$desc"; fi
}
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
	exit $?
}

if [ "$(id -u)" -ne 0 ]; then
	not_ok "test-deb installs a package: run it as root"
	finish
fi
if dpkg-query -W -f='${Status}' mendlog 2>/dev/null | grep -q 'ok installed'; then
	not_ok "mendlog is already installed as a package; remove it first"
	finish
fi

log=$(mktemp)
lst=$(mktemp)
trap 'rm -f "$log" "$lst"' EXIT

if make -s deb >"$log" 2>&1; then
	ok "make deb builds the package"
else
	tail -n 30 "$log"
	not_ok "make deb builds the package"
	finish
fi
deb=$(ls build/deb/mendlog_*.deb 2>/dev/null | head -n 1)
check "the .deb is under build/deb/" test -f "$deb"
check "the work tree has no debian/ build output" \
    test ! -e debian/.debhelper -a ! -e debian/tmp -a ! -e debian/mendlog

# lintian: no errors; warnings are printed for the record.
lintian "$deb" >"$log" 2>&1
grep -E '^[EW]:' "$log" | sed 's/^/    /'
if grep -q '^E:' "$log"; then not_ok "lintian: no errors"; else ok "lintian: no errors"; fi

contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/mendlog ./usr/share/man/man1/mendlog.1.gz \
    ./usr/share/man/man5/mendlog.5.gz ./usr/share/doc/mendlog/config.example \
    ./usr/share/doc/mendlog/copyright \
    ./usr/share/bash-completion/completions/mendlog \
    ./usr/share/zsh/vendor-completions/_mendlog \
    ./usr/share/fish/vendor_completions.d/mendlog.fish; do
	case "$contents" in
	*" $f"*) ok "package holds ${f#.}" ;;
	*) not_ok "package holds ${f#.}" ;;
	esac
done

export DEBIAN_FRONTEND=noninteractive
if apt-get install -y -q "./$deb" >"$log" 2>&1; then
	ok "apt-get install ./$deb"
else
	tail -n 20 "$log"
	not_ok "apt-get install ./$deb"
	finish
fi
check "installed: mendlog on the PATH is /usr/bin/mendlog" \
    test "$(command -v mendlog)" = /usr/bin/mendlog
v=$(/usr/bin/mendlog --version 2>&1)
case "$v" in
"mendlog "[0-9]*) ok "mendlog --version: $v" ;;
*) not_ok "mendlog --version (got '$v')" ;;
esac
check "man -w mendlog finds the page" sh -c 'man -w mendlog | grep -q "^/usr/share/man/man1/mendlog.1"'
check "man -w 5 mendlog finds the codebook" sh -c 'man -w 5 mendlog | grep -q "^/usr/share/man/man5/mendlog.5"'
check "the installed binary saves an entry" sh -c \
    'd=$(mktemp -d) && /usr/bin/mendlog -d "$d" log mood=5 && grep -q ",5," "$d/entries.csv"; rc=$?; rm -rf "$d"; exit $rc'
check "bash completes the installed command from its installed script" sh -c \
    'bash -c ". /usr/share/bash-completion/completions/mendlog; COMP_WORDS=(mendlog lo); COMP_CWORD=1; COMP_LINE=\"mendlog lo\"; COMP_POINT=10; _mendlog; [ \"\${COMPREPLY[*]}\" = log ]"'

# Everything the package put there, then remove and purge it.
dpkg -L mendlog >"$lst"
check "dpkg -L lists the binary" grep -qx /usr/bin/mendlog "$lst"
check "dpkg -r mendlog" dpkg -r mendlog
check "dpkg --purge mendlog" dpkg --purge mendlog
check "dpkg no longer knows mendlog" sh -c \
    '! dpkg-query -W -f="\${Status}" mendlog 2>/dev/null | grep -q installed'
left=""
while IFS= read -r p; do
	# Shared directories (/usr, /usr/bin ...) stay; the package's own go.
	if [ -d "$p" ]; then
		case "$p" in /usr/share/doc/mendlog) left="$left $p" ;; esac
		continue
	fi
	[ -e "$p" ] || [ -L "$p" ] && left="$left $p"
done <"$lst"
if [ -z "$left" ]; then
	ok "removal leaves none of the $(wc -l <"$lst") listed paths"
else
	not_ok "removal left:$left"
fi
check "mendlog is no longer on the PATH" sh -c '! command -v mendlog'
finish
