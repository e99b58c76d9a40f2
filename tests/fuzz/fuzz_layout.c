/* fuzz_layout.c - libFuzzer target: a layout, loaded against the shipped
 * model (read once) and, when it loads, laid out into a PDF document in
 * memory (never saved): the loader, templates, line breaking, tables,
 * charts and the map all run. */
#include <string.h>

#include "fuzz_common.h"
#include "layout.h"
#include "pdf_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct model base;
static int loaded;

static void
init(void)
{
	diag_set_silent(1);
	if (load_data(&base, "data/nations.ini", "data/rsm/mission.ini",
	    "data/rsm/snapshots", "data/geo/countries.txt") == 0)
		validate_model(&base);
	loaded = 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct layout *L;
	struct pdf_doc *d;
	struct pdf_run run = {0};     /* run.title is read: no section here */

	if (!loaded)
		init();
	L = layout_load_mem("fuzz.ini", (const char *)data, size, &base);
	if (L != NULL && (d = pdf_doc_new()) != NULL) {
		if (pdf_layout_run(d, L, &base, NULL, &run) == 0)
			pdf_run_decorate(d, L, &base, &run, 1,
			    (long)run.npages);
		pdf_run_free(&run);
		pdf_doc_free(d);
	}
	layout_free(L);
	/* No diag_reset: the model's locations point at interned names. */
	return 0;
}
