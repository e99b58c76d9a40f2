/* placemat_parse.h - finds the table of troop contributions in the text of
 * a placemat (from pdftotext, pdftotext -layout, or pasted from a web page)
 * and turns it into rows.  A pure function from text and nations to rows,
 * a stated total and diagnostics (through diag.h): no files, no output.
 * The rules are in data/README.md, "Importing a placemat". */
#ifndef BRIEFGEN_PLACEMAT_PARSE_H
#define BRIEFGEN_PLACEMAT_PARSE_H

#include <stddef.h>

#include "model.h"

#define PLACEMAT_MAX_ROWS 1000  /* the snapshot loader's limit */

/* ---- one line ---- */

struct placemat_word {
	char *text;             /* a trailing ':' and footnote marks removed */
	int wide;               /* a column gap (2+ blanks or a tab) before it */
};

struct placemat_pair {          /* "Name number" */
	struct placemat_word *words;
	size_t nwords;
	char *number;           /* as written, footnote marks removed */
	long troops;            /* >= 0, or PLACEMAT_NUM_BAD / _BIG */
	char *name_mark;        /* footnote marks dropped, or NULL */
	char *number_mark;
};

struct placemat_line {
	struct placemat_pair *pairs;
	size_t npairs;
};

enum { PLACEMAT_NUM_BAD = -1, PLACEMAT_NUM_BIG = -2 };

/* The number s[0..n) as placemats print it: 16551, 16.551, 16,551, 16'551,
 * or 16 551 (also with a no-break or thin space).  A separator is always a
 * thousands separator: exactly three digits follow each one.  Returns the
 * value, PLACEMAT_NUM_BAD when malformed, or PLACEMAT_NUM_BIG when above
 * LOAD_MAX_TROOPS. */
long placemat_number(const char *s, size_t n);

/* Split the line s[0..n) (without its newline) into name-number pairs.
 * Returns 1 and fills *out when the whole line is pairs; 0 when it is
 * prose, with *out empty.  placemat_line_free releases (NULL-safe). */
int placemat_split(const char *s, size_t n, struct placemat_line *out);
void placemat_line_free(struct placemat_line *l);

/* ---- the whole text ---- */

struct placemat_row {
	int line;
	const struct nation *nation;    /* points into the model */
	long troops;
};

struct placemat {
	struct placemat_row *rows;      /* in reading order */
	size_t nrows;
	long sum;                       /* of the rows */
	long total;                     /* the Total line's number, or -1 */
	int total_line;                 /* 0: no Total line */
	int first_line, last_line;      /* where the table is */
};

/* Find the table in text[0..len), reported as file `name`, and resolve its
 * names through m's nations.  Returns 0 with *p filled, or -1 after
 * reporting every problem.  placemat_free releases (NULL-safe). */
int placemat_parse(const char *name, const char *text, size_t len,
    const struct model *m, struct placemat *p);
void placemat_free(struct placemat *p);

/* Compare the rows with the stated total.  Returns 0 when they agree or no
 * total is stated (a warning); 1 when they differ and `force` keeps the
 * stated total (a warning); -1 when they differ (an error). */
int placemat_check_total(const struct placemat *p, const char *name,
    int force);

#endif
