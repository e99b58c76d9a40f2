/* fuzz_workbook.c - libFuzzer target: a workbook layout, loaded and
 * checked against the shipped model, then planned (everything the
 * renderer decides before libxlsxwriter sees a cell). */
#include <string.h>

#include "fuzz_common.h"
#include "load_workbook.h"
#include "xlsx_plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct model M;
static int loaded;

static void
load_shipped(void)
{
	loaded = 1;
	if (load_data(&M, "data/nations.ini", "data/rsm/mission.ini",
	    "data/rsm/snapshots", "data/geo/countries.txt") == 0)
		validate_model(&M);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wb_layout *l;

	diag_set_silent(1);
	if (!loaded)
		load_shipped();
	l = load_workbook_mem("fuzz.ini", (const char *)data, size, &M);
	if (l)
		xplan_free(xplan_new(l, &M));
	wb_layout_free(l);
	/* Keep the interned file names of the model; forget the counts. */
	return 0;
}
