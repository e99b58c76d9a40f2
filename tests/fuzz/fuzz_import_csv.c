/* fuzz_import_csv.c - libFuzzer target for `briefgen import csv`'s reader
 * (libcsv, the header, the cells): any bytes in, never a crash, a leak or
 * undefined behaviour.  Built and run by `make fuzz` from the project root
 * (it reads data/nations.ini). */
#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "import_common.h"
#include "load.h"

static struct model M;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int loaded;
	struct import_opts o;
	struct import_table t;

	if (!loaded) {
		loaded = 1;
		diag_set_silent(1);
		load_nations(&M, "data/nations.ini");
	}
	memset(&o, 0, sizeof(o));
	o.kind = "csv";
	o.name = "fuzz.csv";
	o.total = -1;
	o.nations = -1;
	import_csv_parse("fuzz.csv", (const char *)data, size, &M, &o, &t);
	import_table_free(&t);
	diag_reset();
	return 0;
}
