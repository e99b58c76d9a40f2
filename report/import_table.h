/* import_table.h - what an importer read from its source: named rows, rows
 * the source gives without a name, the stated total, and lines such as
 * "Other countries 3,528" that count in the total but itemise nothing.
 * Shared by `import placemat` (placemat_parse.c) and `import csv`
 * (import_csv.c), with the checks both need on each row. */
#ifndef BRIEFGEN_IMPORT_TABLE_H
#define BRIEFGEN_IMPORT_TABLE_H

#include <stddef.h>

#include "model.h"

struct placemat_num;

struct import_row {
	int line;
	const struct nation *nation;    /* NULL: not named in the source */
	long troops;
	enum qual qual;
	char *written;          /* the row as written when it is not a plain
				   "Name N", for a comment; or NULL */
	char *alias;            /* the name as written, when it is another
				   name of the nation; or NULL */
};

struct import_table {
	struct import_row *rows;        /* named, in reading order */
	size_t nrows;
	struct import_row *unnamed;     /* in reading order */
	size_t nunnamed;
	long sum;                       /* of all rows, named and unnamed */
	int inexact;                    /* a row has a qualifier */
	long total;                     /* the stated total, or -1 */
	enum qual total_qual;
	int total_line;                 /* 0: none in the source */
	long nations;                   /* stated with the total, or 0 */
	long others;                    /* "Other countries N" lines: troops */
	int others_line;                /* the first such line, or 0 */
	size_t nothers;
	int first_line, last_line;      /* where the table is */
	int *seen;                      /* per nation: the line of its row */
	int too_many;
};

#define IMPORT_MAX_ROWS 1000    /* the snapshot loader's limit */

/* What a name that is no nation stands for in a table. */
enum import_label { LABEL_NONE, LABEL_TOTAL, LABEL_OTHERS, LABEL_PAGE };

/* "Total", "Total strength", "KFOR total", "Sum": LABEL_TOTAL; "Other
 * countries", "Others", "Remaining nations": LABEL_OTHERS; "Page":
 * LABEL_PAGE. */
enum import_label import_label(const char *name);

/* The nation `name` stands for, or NULL; a leading "and" is skipped
 * ("and Montenegro").  *alias is set when the name is another name. */
const struct nation *import_nation(const struct model *m, const char *name,
    int *alias);

/* Report `name` as not a nation: the nearest suggestion, and how to add a
 * nation. */
void import_unknown(const struct model *m, const struct loc *loc,
    const char *name);

/* Report what makes v unusable as a figure after `name`: not a whole
 * number, too big, a qualifier the format cannot hold.  Returns 0 when v
 * is usable. */
int import_check_value(const struct loc *loc, const struct placemat_num *v,
    const char *name);

/* Take a row (nation NULL: unnamed).  written and alias are copied.
 * Reports a nation listed twice and too many rows. */
void import_add_row(struct import_table *t, const struct model *m,
    const struct loc *loc, const struct nation *n,
    const struct placemat_num *v, const char *written, const char *alias);

/* Take a stated total; reports a second one. */
void import_add_total(struct import_table *t, const struct loc *loc,
    const struct placemat_num *v);

/* Take an "Other countries N" line. */
void import_add_others(struct import_table *t, const struct loc *loc,
    const struct placemat_num *v, const char *written);

void import_table_init(struct import_table *t);
void import_table_free(struct import_table *t);

#endif
