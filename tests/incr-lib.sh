# incr-lib.sh - helpers for the incremental-build, safe-output and watch
# cases (tests/cases/incr-*, watch-*); sourced by their cmd and check
# scripts, which run in the case's scratch folder.

# text_config FILE NAME...: a configuration with one `text` output per NAME
# (written to NAME.txt), reading the project's data.
text_config() {
	local f=$1 n
	shift
	{
		printf '[data]\nnations = data/nations.ini\n'
		printf 'mission = data/rsm/mission.ini\n'
		printf 'snapshots = data/rsm/snapshots\n'
		printf 'geo = data/geo/countries.txt\n\n[output]\ndir = out\n'
		for n in "$@"; do
			printf '\n[output %s]\ntype = text\nfile = %s.txt\n' "$n" "$n"
		done
	} >"$f"
}

# shim: build the write-failing LD_PRELOAD shim as ./failwrite.so and set
# SHIM to the `env ...` prefix that preloads it; ASan must be told that its
# runtime is not first in the list.  Use "$SHIM FAILWRITE_...=N $BRIEFGEN_BIN"
# (the bare binary: under valgrind the shim would load into valgrind).
shim() {
	cc -shared -fPIC -o failwrite.so "$TESTS_DIR/shim/failwrite.c" -ldl ||
		return
	SHIM="env LD_PRELOAD=$PWD/failwrite.so"
	SHIM="$SHIM ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
}

# wait_for SECONDS TEST...: poll TEST every 0.1 s, at most SECONDS; fails
# (status 1) when it never held.
wait_for() {
	local n=$(($1 * 10))
	shift
	while [ $n -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# sums FILE...: a line "name sha256" per file, to compare states.
sums() {
	sha256sum "$@" | awk '{ print $2, $1 }'
}

# no_timestamps: drop the ISO 8601 time that starts each watch log line.
no_timestamps() {
	sed -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z /T /'
}
