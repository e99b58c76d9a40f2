#!/bin/sh
# deps.sh PACKAGE... - install the Debian packages that are missing; does
# nothing when all are installed.  As root it runs apt-get itself, as
# another user through sudo; with neither it prints the command to run as
# root and fails.  apt-get waits up to 10 minutes for the package manager's
# lock (another apt-get, unattended-upgrades) instead of failing at once.
missing=
for p in "$@"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

install="apt-get install -y --no-install-recommends$missing"
# When we cannot install: what is missing, why, and the command for root.
tell_root() {
	echo "deps: these Debian packages are missing:$missing" >&2
	echo "deps: $1; as root, run:" >&2
	echo "    apt-get update && $install" >&2
	echo "deps: then run make again" >&2
	exit 1
}
sudo=
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 ||
		tell_root "they cannot be installed from here (not root, and no sudo)"
	sudo=sudo
fi
echo "deps: installing:$missing" >&2
# sudo clears the environment: pass the non-interactive front end through env.
apt="$sudo env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600"
# Refresh the package lists once if they are missing or a first try fails.
$apt install -y --no-install-recommends $missing ||
	{ $apt update && $apt install -y --no-install-recommends $missing; } ||
	tell_root "installing them failed (see above)"
