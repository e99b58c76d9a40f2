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
	struct placemat p;

	if (!loaded) {
		loaded = 1;
		diag_set_silent(1);
		load_nations(&M, "data/nations.ini");
	}
	if (placemat_parse("fuzz", (const char *)data, size, &M, &p) == 0)
		placemat_check_total(&p, "fuzz", 0);
	placemat_free(&p);
	diag_reset();
	return 0;
}
