#!/usr/bin/env bash
# run-cases.sh [--regen] [NAME...] - the golden and bad-input cases.
#
# Each tests/cases/NAME/ holds:
#   cmd            shell commands, run in a scratch copy of the project's
#                  briefgen.ini, config/, data/ and layouts/ (with files/ laid over it and
#                  the paths in `delete` removed); $BRIEFGEN is the binary
#   files/         optional: files that replace or add to the copy
#   delete         optional: paths to remove from the copy, one per line
#   expect-status  the exit status of cmd
#   expect-stderr  exactly what cmd prints on stderr
#   expect-stdout  optional: exactly what it prints on stdout
#   check          optional: a script run afterwards in the scratch folder
#                  (e.g. pdftotext over an output); non-zero fails the case
# --regen rewrites the expect-* files from what the binary does now, for
# review with `git diff`.  CASE_JOBS=N runs N cases at once (`make
# valgrind` does: there each briefgen run is tens of times slower and the
# suite would take half an hour one case at a time); reports still come
# in case order.  Cases bound their own runs with timeout ${CASE_TIMEOUT}.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
: "${BRIEFGEN:=$root/build/briefgen}"
regen=0
if [ "${1:-}" = --regen ]; then regen=1; shift; fi
export BRIEFGEN_BIN="$BRIEFGEN"
# BRIEFGEN_WRAP (e.g. valgrind) goes in front of every briefgen run.
if [ -n "${BRIEFGEN_WRAP:-}" ]; then
	BRIEFGEN="$BRIEFGEN_WRAP $BRIEFGEN"
fi
export BRIEFGEN SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-}
[ -n "$SOURCE_DATE_EPOCH" ] || unset SOURCE_DATE_EPOCH
export LC_ALL=C.UTF-8 TESTS_DIR="$here"
# A briefgen installed on this machine must not lend the cases its layouts
# or nations file: the installed data folder is one that does not exist.
export BRIEFGEN_DATADIR=/nonexistent/briefgen-cases

pass=0 fail=0 failed=
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
	for d in "$here"/cases/*/; do cases+=("$(basename "$d")"); done
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

run_case() {
	local name=$1 dir="$here/cases/$1" w="$scratch/$1"
	mkdir -p "$w"
	cp -r "$root/briefgen.ini" "$root/config" "$root/data" "$root/layouts" "$w/"
	[ -d "$dir/files" ] && cp -r "$dir/files/." "$w/"
	if [ -f "$dir/delete" ]; then
		while read -r p; do [ -n "$p" ] && rm -rf "${w:?}/$p"; done <"$dir/delete"
	fi
	(cd "$w" && bash "$dir/cmd" >"$w/.stdout" 2>"$w/.stderr"; echo $? >"$w/.status")
	if [ $regen = 1 ]; then
		cp "$w/.status" "$dir/expect-status"
		cp "$w/.stderr" "$dir/expect-stderr"
		[ -f "$dir/expect-stdout" ] && cp "$w/.stdout" "$dir/expect-stdout"
		return 0
	fi
	local ok=1
	if ! diff -u "$dir/expect-status" "$w/.status" >"$w/.diff" 2>&1; then ok=0; fi
	if ! diff -u "$dir/expect-stderr" "$w/.stderr" >>"$w/.diff" 2>&1; then ok=0; fi
	if [ -f "$dir/expect-stdout" ] &&
	   ! diff -u "$dir/expect-stdout" "$w/.stdout" >>"$w/.diff" 2>&1; then ok=0; fi
	if [ $ok = 1 ] && [ -f "$dir/check" ] &&
	   ! (cd "$w" && bash "$dir/check") >>"$w/.diff" 2>&1; then ok=0; fi
	if [ $ok = 0 ]; then
		echo "FAIL $name"; sed 's/^/    /' "$w/.diff" | head -60
		return 1
	fi
	return 0
}

# One case with its report kept aside, for running several at once.
run_aside() {
	if run_case "$1" >"$scratch/$1.report" 2>&1; then
		echo 0 >"$scratch/$1.ok"
	else
		echo 1 >"$scratch/$1.ok"
	fi
}

if [ "${CASE_JOBS:-1}" -gt 1 ] && [ $regen = 0 ]; then
	for c in "${cases[@]}"; do
		while [ "$(jobs -rp | wc -l)" -ge "$CASE_JOBS" ]; do wait -n; done
		run_aside "$c" &
	done
	wait
	for c in "${cases[@]}"; do
		cat "$scratch/$c.report"
		if [ "$(cat "$scratch/$c.ok")" = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $c"; fi
	done
else
	for c in "${cases[@]}"; do
		if run_case "$c"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $c"; fi
	done
fi
[ $regen = 1 ] && { echo "regenerated ${#cases[@]} cases"; exit 0; }
[ $fail -gt 0 ] && echo "failed:$failed"
echo "cases: $pass passed, $fail failed"
[ $fail -eq 0 ]
