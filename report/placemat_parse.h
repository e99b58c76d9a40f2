/* placemat_parse.h - finds the table of troop contributions in the text of
 * a placemat or a published list (pdftotext, pdftotext -layout, a web page
 * pasted as text) and turns it into rows, accounting for every number in
 * or next to the table.  A pure function from text and nations to a
 * struct import_table and diagnostics (through diag.h): no files, no
 * output.  The rules are in data/README.md, "Importing a placemat". */
#ifndef BRIEFGEN_PLACEMAT_PARSE_H
#define BRIEFGEN_PLACEMAT_PARSE_H

#include <stddef.h>

#include "import_table.h"
#include "model.h"

/* ---- one number ---- */

enum { PLACEMAT_NUM_BAD = -1, PLACEMAT_NUM_BIG = -2 };

/* The number s[0..n) as placemats print it: 16551, 16.551, 16,551, 16'551,
 * or 16 551 (also with a no-break or thin space).  A separator is always a
 * thousands separator: exactly three digits follow each one.  Returns the
 * value, PLACEMAT_NUM_BAD when malformed, or PLACEMAT_NUM_BIG when above
 * LOAD_MAX_TROOPS. */
long placemat_number(const char *s, size_t n);

/* "one" .. "twenty" (any case) as a number, or -1. */
long placemat_number_word(const char *s, size_t n);

struct placemat_num {
	char *text;             /* as written: qualifier and marks removed */
	long troops;            /* >= 0, or PLACEMAT_NUM_BAD / _BIG */
	enum qual qual;         /* "about 10", "<10": the qualifier */
	const char *refused;    /* a qualifier the format cannot hold
				   ("up to"), or NULL */
	int words;              /* written in words ("five") */
	int percent;            /* "48.3%": a share, never troops */
	int grouped;            /* digit groups joined by a blank: "1 300" */
	char *mark;             /* footnote marks dropped, or NULL */
};

/* One value as a cell holds it ("about 1,300*", "<10", "five"), through
 * the same rules as a value in a line.  Returns 1 and fills *v when the
 * cell is one value; 0 when it is not (v->text then holds the cell).
 * placemat_num_free releases. */
int placemat_value(const char *s, size_t n, struct placemat_num *v);
void placemat_num_free(struct placemat_num *v);

/* ---- one line ---- */

struct placemat_word {
	char *text;             /* ':' and footnote marks removed */
	int wide;               /* a column gap (2+ blanks or a tab) before it */
	const char *src;        /* where it starts in the line */
};

struct placemat_pair {          /* "Name number [number...]" */
	struct placemat_word *words;
	size_t nwords;
	struct placemat_num *nums;      /* one per number column */
	size_t nnums;
	char *name_mark;        /* footnote marks after the name, or NULL */
	long nations;           /* "Total 4,273 (30 nations)": 30, or 0 */
	const char *src;        /* the pair in the line, as written */
	size_t srclen;
};

struct placemat_line {
	struct placemat_num *lead;      /* numbers before the first name */
	size_t nlead;
	int lead_rank;          /* the first is written like a rank: "1." */
	struct placemat_pair *pairs;
	size_t npairs;
};

enum { PLACEMAT_PROSE = 0, PLACEMAT_ROW = 1, PLACEMAT_NUMBERS = 2 };

/* Split the line s[0..n) (without its newline) into name-number pairs.
 * Returns PLACEMAT_ROW when the whole line is pairs (perhaps after numbers
 * such as a rank), PLACEMAT_NUMBERS when it holds numbers only, and
 * PLACEMAT_PROSE otherwise (with *out empty).  placemat_line_free releases
 * (NULL-safe). */
int placemat_split(const char *s, size_t n, struct placemat_line *out);
void placemat_line_free(struct placemat_line *l);

/* ---- the whole text ---- */

struct placemat_opts {
	int column;             /* the troop column (1 = first number after
				   the name), or 0: by the header */
};

/* Find the table in text[0..len), reported as file `name`, and resolve its
 * names through m's nations.  Returns 0 with *t filled, or -1 after
 * reporting every problem.  import_table_free releases. */
int placemat_parse(const char *name, const char *text, size_t len,
    const struct model *m, const struct placemat_opts *o,
    struct import_table *t);

#endif
