/* fuzz_placemat.c - libFuzzer target for the placemat importer's parser:
 * any bytes in, never a crash, a leak or undefined behaviour.  Built and
 * run by `make fuzz` from the project root (it reads data/nations.ini). */
#include <stdint.h>

#include "diag.h"
#include "load.h"
#include "placemat_parse.h"

static struct model M;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int loaded;
	struct import_table t;
	struct placemat_opts o = {0};

	if (!loaded) {
		loaded = 1;
		diag_set_silent(1);
		load_nations(&M, "data/nations.ini");
	}
	placemat_parse("fuzz", (const char *)data, size, &M, &o, &t);
	import_table_free(&t);
	diag_reset();
	return 0;
}
