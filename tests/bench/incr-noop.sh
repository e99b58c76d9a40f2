#!/usr/bin/env bash
# incr-noop.sh [CONFIG] - how long `briefgen build` takes when nothing
# changed (the design asks for a few milliseconds): builds once in a scratch
# copy of the project, then times 50 builds that have nothing to do and
# prints the median and the slowest, in milliseconds.  For `make bench`.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${BRIEFGEN:-$root/build/briefgen}
config=${1:-config/rsm.ini}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
cp -r "$root/config" "$root/data" "$root/layouts" "$w/"
cd "$w"
"$bin" build -q -c "$config"
for i in $(seq 50); do
	s=$(date +%s%N)
	"$bin" build -q -c "$config"
	e=$(date +%s%N)
	echo $(((e - s) / 1000))
done | sort -n | awk '{ t[NR] = $1 } END {
	printf "build with nothing to do (%s): median %.1f ms, slowest %.1f ms over %d runs\n",
	    "'"$config"'", t[int((NR + 1) / 2)] / 1000, t[NR] / 1000, NR }'
