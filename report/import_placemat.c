/* import_placemat.c - `briefgen import placemat`: the text of a published
 * placemat or troop list in (a file or stdin), a snapshot data file out.
 * The table itself is found by placemat_parse.c; the command line, the
 * total check and the writing are import_common.c's. */
#include <stdlib.h>

#include "import_common.h"
#include "placemat_parse.h"

int
cmd_import_placemat(const struct import_opts *o, const struct model *m)
{
	struct placemat_opts po = {o->column};
	struct import_table t;
	char *text = NULL;
	size_t len = 0;
	int rc = -1;

	import_table_init(&t);
	if (import_read(o, &text, &len) < 0)
		return -1;
	if (placemat_parse(o->name, text, len, m, &po, &t) == 0)
		rc = import_finish(o, &t);
	import_table_free(&t);
	free(text);
	return rc;
}
