#!/bin/sh
# Make sure the Debian packages named as arguments are installed.  As root,
# install the missing ones with apt-get; otherwise print the exact command
# and fail.  Without dpkg (not Debian) there is nothing to check.
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
	echo "mendlog: installing Debian packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	# A fresh machine may have no package lists yet.
	apt-get install -y -q $missing >/dev/null 2>&1 ||
		{ apt-get update -q >/dev/null && apt-get install -y -q $missing; }
	exit $?
fi
echo "mendlog: missing Debian packages:$missing" >&2
echo "mendlog: install them with:  sudo apt-get install$missing" >&2
exit 1
