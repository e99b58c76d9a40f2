#!/bin/sh
# deps.sh PACKAGE... - install the Debian packages that are missing (through
# sudo when not root); does nothing when all are installed.
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing:$missing" >&2
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists once if they are missing or a first try fails.
$sudo apt-get install -y -q --no-install-recommends $missing ||
	{ $sudo apt-get update -q && $sudo apt-get install -y -q --no-install-recommends $missing; }
