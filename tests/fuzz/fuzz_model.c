/* fuzz_model.c - libFuzzer target: the whole load-and-validate path.
 * The input is up to three files separated by a line "%%": nations,
 * mission, snapshot; a part left out is the shipped file. */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *ship_nations, *ship_mission;
static size_t ship_nations_len, ship_mission_len;

static const char *
next_part(const char *p, const char *end, size_t *len)
{
	const char *sep = memmem(p, (size_t)(end - p), "\n%%\n", 4);

	*len = (size_t)((sep ? sep : end) - p);
	return sep ? sep + 4 : NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *parts[3] = {0};
	size_t lens[3] = {0}, n = 0;
	struct model m;

	diag_set_silent(1);
	if (ship_nations == NULL) {
		ship_nations = fuzz_slurp("data/nations.ini", &ship_nations_len);
		ship_mission = fuzz_slurp("data/rsm/mission.ini",
		    &ship_mission_len);
	}
	while (p && n < 3) {
		parts[n] = p;
		p = next_part(p, end, &lens[n]);
		n++;
	}
	memset(&m, 0, sizeof(m));
	m.nations_file = strdup("n.ini");
	m.mission_file = strdup("m.ini");
	m.snapshots_dir = strdup("s");
	if (n >= 2)
		load_data_mem(&m, LOAD_NATIONS, "n.ini", parts[0], lens[0]);
	else if (ship_nations)
		load_data_mem(&m, LOAD_NATIONS, "n.ini", ship_nations,
		    ship_nations_len);
	if (n >= 3)
		load_data_mem(&m, LOAD_MISSION, "m.ini", parts[1], lens[1]);
	else if (ship_mission)
		load_data_mem(&m, LOAD_MISSION, "m.ini", ship_mission,
		    ship_mission_len);
	load_data_mem(&m, LOAD_SNAPSHOT, "s.ini", parts[n - 1], lens[n - 1]);
	if (diag_errors() == 0)
		validate_model(&m);
	model_free(&m);
	diag_reset();
	return 0;
}
