/* load_workbook.h - the workbook layout (layouts/workbook.ini): which
 * sheets in which order, each over a list of the model (query.h) with which
 * columns, labels, formats and formulas; which charts; the document
 * properties.  The format is documented in layouts/workbook.md.
 *
 * load_workbook() checks the whole layout against the model before anything
 * is written (sheet names, list and column names, format references,
 * templates, formulas), so render_xlsx.c can trust every name and index.
 * Ownership: the layout owns every string and array; wb_layout_free()
 * releases it all. */
#ifndef BRIEFGEN_LOAD_WORKBOOK_H
#define BRIEFGEN_LOAD_WORKBOOK_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "query.h"
#include "util.h"

/* [format ID]: cell formatting.  Every key is optional; a format laid over
 * another (a total row over a column's format) changes only what it sets. */
struct wb_format {
	struct loc loc;
	char *id;
	char *font, *color, *fill, *border_color, *num_format;
	double size;
	int has_size;
	int bold, italic, underline, wrap;
	int border, top, bottom;        /* index into border names; 0 unset */
	int align, valign;              /* index into align names; 0 unset */
	long indent;
	struct loc color_loc, fill_loc, bcolor_loc;
	/* Derived: */
	uint32_t rgb_color, rgb_fill, rgb_border;
	int has_color, has_fill, has_border_color;
};

/* What a column's cells hold besides the plain value of the list. */
enum wb_formula { WBX_NONE = 0, WBX_SHARE, WBX_RANK };

/* [column SHEET.NAME]: one column of a sheet, in file order.  NAME is a
 * column of the sheet's list, unless `formula` computes the cells. */
struct wb_column {
	struct loc loc;
	char *id;                       /* "SHEET.NAME" */
	char *header, *format, *yes, *no, *of, *stated, *change;
	char *when;                     /* a field: the column is left out
					   when it is empty, zero or absent */
	int formula;                    /* enum wb_formula */
	int sum;                        /* total = sum: a SUM in the total row */
	int link, repeat;
	double width;
	int has_width;
	struct loc format_loc, of_loc, stated_loc, header_loc, change_loc;
	struct loc when_loc;
	/* Derived: */
	const char *name;               /* NAME, inside id */
	size_t sheet;                   /* index into sheets */
	int qcol;                       /* column of the list, or -1 */
	long fmt;                       /* index into formats, or -1 */
	long of_col;                    /* index into the sheet's cols, or -1 */
};

/* [sheet ID]: one worksheet, in file order. */
struct wb_sheet {
	struct loc loc;
	char *id;
	char *name, *list, *title, *note, *group, *across;
	char *title_format, *note_format, *header_format, *total_format;
	char *band_format, *table_style, *sort;
	int descending, freeze, autofilter, landscape, fit_width;
	long freeze_columns;
	char *total_label, *stated_label, *difference_label;
	char *itemised_label;   /* the total row's label when the newest
				   table is partial: its sum is not the total */
	struct loc name_loc, list_loc, tf_loc, nf_loc, hf_loc, totf_loc,
	    bf_loc, style_loc, sort_loc, group_loc, across_loc, title_loc,
	    note_loc;
	/* Derived: */
	const struct qlist *ql;
	int group_q, across_q;          /* columns of the list, or -1 */
	long fmt_title, fmt_note, fmt_header, fmt_total, fmt_band; /* or -1 */
	int table_type, table_number;   /* table_type 0: no table */
	size_t *cols;                   /* indices into columns, in order */
	size_t ncols;
	long sort_col;                  /* index into cols, or -1 */
	int has_stated;                 /* some column has `stated` */
	size_t nsections;               /* [column] sections naming it */
};

/* time: points placed by their date (a scatter chart over Excel's date
 * serials), the line through `values`, the points of `apart` unjoined. */
enum wb_chart_type { WB_CHART_BAR = 0, WB_CHART_COLUMN, WB_CHART_LINE,
	WB_CHART_TIME };

/* [chart ID]: a chart over two columns of a sheet, placed on it. */
struct wb_chart {
	struct loc loc;
	char *id;
	char *sheet, *title, *categories, *values, *color, *anchor;
	char *apart;                    /* time: the series off the line */
	char *x_title, *y_title, *num_format, *category_format;
	char *plan_label;               /* time: after a plan's figure */
	int type;                       /* enum wb_chart_type */
	long rows, width, height;
	int legend, labels;
	struct loc sheet_loc, cat_loc, val_loc, color_loc, anchor_loc;
	struct loc apart_loc;
	struct loc title_loc, x_loc, y_loc;
	/* Derived: */
	size_t sheet_idx;
	size_t cat_col, val_col;        /* indices into the sheet's cols */
	long apart_col;                 /* -1: none */
	uint32_t rgb;
	int has_rgb, has_anchor;
	int below;                      /* anchor = below: under the table */
	uint32_t anchor_row;
	uint16_t anchor_col;
};

/* [workbook]: document properties (templates) and whole-book settings. */
struct wb_props {
	struct loc loc;
	char *title, *subject, *author, *manager, *company, *category;
	char *keywords, *comments, *status;
	char *date_day, *date_month, *date_year, *thousands;
	long constant_memory_rows;
	int paper;                      /* index into wb_paper_names */
	char *footer;                   /* printed footer (Excel's codes) */
	struct loc tloc[9];             /* of title ... status, in order */
};

/* Paper sizes, and Excel's number for each. */
extern const char *const wb_paper_names[];
extern const unsigned char wb_paper_codes[];

struct wb_layout {
	char *path;
	struct wb_props book;
	struct wb_format *formats;
	size_t nformats;
	struct wb_sheet *sheets;
	size_t nsheets;
	struct wb_column *columns;
	size_t ncolumns;
	struct wb_chart *charts;
	size_t ncharts;
};

/* Load and check the layout at path against model m.  Returns the layout,
 * or NULL after reporting every problem as file:line. */
struct wb_layout *load_workbook(const char *path, const struct model *m);
/* The same over a file in memory, reported as `name` (tests, fuzzing). */
struct wb_layout *load_workbook_mem(const char *name, const char *text,
    size_t len, const struct model *m);
void wb_layout_free(struct wb_layout *l);

/* The column k of sheet s. */
const struct wb_column *wb_col(const struct wb_layout *l,
    const struct wb_sheet *s, size_t k);

/* Templates: "{mission.name}" is a field of the model (query_field);
 * "{across}" and "{previous}" are the values a repeated column stands for
 * (only in a repeated column's header and change); "{{" and "}}" are
 * braces.  Numbers get the [workbook] thousands separator, dates their
 * long form ("February 2020"). */
struct wb_tctx {
	const struct qvalue *across, *previous;
	const char *thousands;
};

/* Append the expansion of template t (checked at load) to b. */
void wb_template(const struct model *m, const char *t,
    const struct wb_tctx *tc, struct buf *b);
/* Append value v as templates show it. */
void wb_value_text(const struct qvalue *v, const char *thousands,
    struct buf *b);

#endif
