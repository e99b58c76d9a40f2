/* import_common.h - what `briefgen import placemat` and `briefgen import
 * csv` share: the command line, reading the input, the check that the
 * table accounts for the stated total (complete or partial), and writing
 * the snapshot file.  Nothing is written when anything is wrong. */
#ifndef BRIEFGEN_IMPORT_COMMON_H
#define BRIEFGEN_IMPORT_COMMON_H

#include "import_table.h"
#include "model.h"

struct import_opts {
	const char *kind;       /* "placemat" or "csv" */
	const char *input;      /* NULL: stdin */
	const char *name;       /* the input, as diagnostics call it */
	const char *source;     /* NULL: not given */
	const char *nations_file;
	const char *output;     /* NULL: stdout */
	struct date date;
	int force;              /* -o may replace an existing file */
	int partial;            /* --partial: the rows may itemise a part */
	long total;             /* --total, or -1 */
	int has_qual;           /* --qualifier given */
	enum qual qual;
	long nations;           /* --nations, or -1 */
	int column;             /* placemat --column N, or 0 */
	const char *column_name;        /* csv --column NAME, or NULL */
	const char *nation_column;      /* csv --nation-column NAME, or NULL */
};

/* argv[0] is the kind ("placemat", "csv").  Returns 0, or -1 after
 * reporting bad usage. */
int import_parse_opts(int argc, char **argv, struct import_opts *o);

/* The input (a file, or stdin): 0, or -1 after reporting. */
int import_read(const struct import_opts *o, char **text, size_t *len);

/* Check the table against what the text and the options state, and write
 * the snapshot (stdout or -o).  Returns 0 when written. */
int import_finish(const struct import_opts *o, struct import_table *t);

/* The table of the CSV text[0..len), reported as file `name`, with the
 * columns o chooses (o->nation_column, o->column_name; NULL: by the
 * header).  Returns 0 with *t filled, or -1 after reporting every problem;
 * import_table_free releases *t either way. */
int import_csv_parse(const char *name, const char *text, size_t len,
    const struct model *m, const struct import_opts *o,
    struct import_table *t);

int cmd_import_placemat(const struct import_opts *o,
    const struct model *m);
int cmd_import_csv(const struct import_opts *o, const struct model *m);

#endif
