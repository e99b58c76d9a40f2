/* fuzz_model.c - libFuzzer target: the whole load-and-validate path.
 * An input without a "%%" line is a snapshot file, checked against the
 * shipped nations and mission (parsed once, so the fuzzer stays fast);
 * with "%%" lines it is nations, mission and snapshot, all parsed afresh
 * (a part left out is the shipped file). */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *ship_nations, *ship_mission;
static size_t ship_nations_len, ship_mission_len;
static struct model base;

static const char *
next_part(const char *p, const char *end, size_t *len)
{
	const char *sep = memmem(p, (size_t)(end - p), "\n%%\n", 4);

	*len = (size_t)((sep ? sep : end) - p);
	return sep ? sep + 4 : NULL;
}

static void
init(void)
{
	diag_set_silent(1);
	ship_nations = fuzz_slurp("data/nations.ini", &ship_nations_len);
	ship_mission = fuzz_slurp("data/rsm/mission.ini", &ship_mission_len);
	base.nations_file = strdup("n.ini");
	base.mission_file = strdup("m.ini");
	base.snapshots_dir = strdup("s");
	load_data_mem(&base, LOAD_NATIONS, "data/nations.ini", ship_nations,
	    ship_nations_len);
	load_data_mem(&base, LOAD_MISSION, "data/rsm/mission.ini",
	    ship_mission, ship_mission_len);
}

/* One snapshot against the shared background model. */
static void
one_snapshot(const char *p, size_t len)
{
	/* Validated even after load errors, as briefgen does. */
	load_data_mem(&base, LOAD_SNAPSHOT, "s.ini", p, len);
	validate_model(&base);
	model_drop_snapshots(&base);
}

static void
all_parts(const char *const *parts, const size_t *lens, size_t n)
{
	struct model m;

	memset(&m, 0, sizeof(m));
	m.nations_file = strdup("n.ini");
	m.mission_file = strdup("m.ini");
	m.snapshots_dir = strdup("s");
	load_data_mem(&m, LOAD_NATIONS, "n.ini", parts[0], lens[0]);
	if (n >= 3)
		load_data_mem(&m, LOAD_MISSION, "m.ini", parts[1], lens[1]);
	else if (ship_mission)
		load_data_mem(&m, LOAD_MISSION, "m.ini", ship_mission,
		    ship_mission_len);
	load_data_mem(&m, LOAD_SNAPSHOT, "s.ini", parts[n - 1], lens[n - 1]);
	if (!m.nations_failed)
		validate_model(&m);
	model_free(&m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *parts[3] = {0};
	size_t lens[3] = {0}, n = 0;

	if (ship_nations == NULL)
		init();
	while (p && n < 3) {
		parts[n] = p;
		p = next_part(p, end, &lens[n]);
		n++;
	}
	if (n == 1)
		one_snapshot(parts[0], lens[0]);
	else
		all_parts(parts, lens, n);
	/* Only the per-input counts are reset: the interned names of the
	 * background model must stay alive, so no diag_reset here. */
	return 0;
}
