/* xlsx_plan.h - where every cell of a workbook goes, decided before
 * libxlsxwriter sees anything: the rows of each sheet (sorted, or grouped
 * with a column per value "across"), its physical columns and headers, the
 * row numbers of title, header, data and total rows, and the totals and
 * ranks that formulas' cached values need.  Pure: no I/O, no library.
 *
 * Ownership: xplan_free() releases a plan.  Values (struct qvalue) point
 * into the model, which must outlive the plan. */
#ifndef BRIEFGEN_XLSX_PLAN_H
#define BRIEFGEN_XLSX_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "load_workbook.h"
#include "model.h"
#include "query.h"

#define XLSX_ROWS 1048576UL     /* Excel's limits */
#define XLSX_COLS 16384UL

enum xp_kind { XP_PLAIN = 0, XP_REPEAT, XP_CHANGE };

/* One physical column of a sheet. */
struct xp_col {
	size_t k;               /* index into the sheet's layout columns */
	enum xp_kind kind;
	size_t across;          /* XP_REPEAT, XP_CHANGE: which value across */
	char *header;           /* the header, templates expanded */
};

/* What each layout column of a sheet needs beyond its cells. */
struct xp_info {
	const struct wb_column *c;
	size_t first;           /* physical column (first of a repeat) */
	size_t change_first;    /* first change column of a repeat */
	size_t rep;             /* index among the repeated columns */
	double total;           /* the sum of its numbers (total = sum) */
	double *sorted;         /* its numbers, descending (an `of` of rank) */
	size_t nsorted;
};

/* A sheet with `across`: one row per group. */
struct xp_pivot {
	size_t ngroups, nacross;
	struct qvalue *across;  /* nacross values, in order of appearance */
	struct qvalue *gvals;   /* ngroups x ncols: group columns' values */
	size_t *gstart;         /* ngroups + 1: rows of group g are */
	size_t *grows;          /* grows[gstart[g] .. gstart[g+1]) */
	uint32_t *racross;      /* list row -> its across index */
	struct qvalue *rvals;   /* list row x nrep: repeated columns' values */
	size_t nrep;
};

struct xp_sheet {
	const struct wb_sheet *s;
	struct xp_col *pc;
	size_t npc;
	struct xp_info *info;   /* per layout column */
	size_t nrows;           /* data rows */
	size_t *order;          /* data row -> list row or group; NULL: same */
	struct qvalue *cells;   /* sorted plain sheet: list row x ncols */
	struct xp_pivot *pv;
	/* Row numbers (0-based); a row that is absent is UINT32_MAX. */
	uint32_t title_row, note_row, header_row, first_row;
	uint32_t total_row, stated_row, diff_row;
	uint32_t nsheet_rows;   /* rows the sheet uses */
};

struct xplan {
	struct xp_sheet *sheets;        /* one per layout sheet */
	size_t nsheets;
	int constant_memory;            /* some sheet exceeds the threshold */
};

/* Plan the workbook of layout l over model m.  Returns NULL after
 * reporting (e.g. a sheet larger than Excel allows). */
struct xplan *xplan_new(const struct wb_layout *l, const struct model *m);
void xplan_free(struct xplan *p);

/* The value of layout column k in data row r of a plain sheet. */
void xplan_cell(const struct model *m, const struct xp_sheet *ps, size_t r,
    size_t k, struct qvalue *out);
/* Is v, in column c, a number a formula can use?  1 and *out if so. */
int xplan_number(const struct wb_column *c, const struct qvalue *v,
    double *out);
/* Competition rank ("1224") of x among the sorted numbers of info. */
long xplan_rank(const struct xp_info *in, double x);

#endif
