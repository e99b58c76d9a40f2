/* layout.h - a document design loaded from layouts/NAME.ini: page size
 * and margins, fonts, colours, text styles, a running header and footer,
 * and the blocks in the order they flow.  Everything a layout names
 * (fields, lists, columns, styles, fonts, colours, blocks) is resolved
 * when it is loaded, each problem reported at its file:line; the PDF
 * engine then trusts it.  The language is described in layouts/README.md.
 *
 * Ownership: the layout owns everything below it; layout_free() releases
 * it.  Query lists and field values point into the model, which must
 * outlive the layout. */
#ifndef BRIEFGEN_LAYOUT_H
#define BRIEFGEN_LAYOUT_H

#include <stddef.h>

#include "format.h"
#include "model.h"
#include "query.h"
#include "template.h"

enum lay_align { LA_LEFT = 0, LA_RIGHT, LA_CENTER, LA_JUSTIFY };

enum lay_btype {
	LB_TITLE = 0, LB_TEXT, LB_FACTS, LB_LIST, LB_TABLE, LB_CHART, LB_MAP,
	LB_SOURCES, LB_SPACER, LB_PAGEBREAK, LB_COLUMNS, LB_CONTENTS, LB__MAX
};

enum lay_chart { LC_HBAR = 0, LC_VBAR, LC_LINE };

struct lay_rgb {
	double r, g, b;
};

/* An optional colour. */
struct lay_paint {
	int set;
	struct lay_rgb c;
};

/* Map symbols, as the layout names them (symbol_names in load_layout.c). */
enum lay_symbol { SYM_CIRCLE, SYM_SQUARE, SYM_DIAMOND, SYM_TRIANGLE, SYM_STAR,
	SYM__MAX };

/* How a map draws the places of one role (a free word of the data). */
struct lay_role {
	char *role;
	int symbol;             /* enum lay_symbol; -1: the map's default */
	struct lay_paint color; /* unset: the map's colour */
	char *legend;           /* NULL: the role word, capitalised */
};

struct lay_font {
	char *name, *path;
	struct loc loc;         /* line 0: a built-in default */
	int used;               /* named by a style */
};

struct lay_style {
	char *name;
	struct loc loc;
	size_t font;            /* index into fonts */
	double size, leading;   /* points */
	double space_before, space_after;
	struct lay_rgb color;
	enum lay_align align;
	int upper;              /* capitals (ASCII letters) */
	struct lay_paint rule;  /* a hairline under text in this style */
};

/* The rows a block shows: a list of the model, filtered, sorted, cut. */
struct lay_rows {
	const struct qlist *list;       /* NULL: the block has no list */
	char *name;             /* owned */
	int where_col, where_not;       /* -1: every row */
	char *where_is;         /* `where = COL is VALUE`: the value; NULL:
				   `where = COL` (true, non-empty) */
	int sort_col, sort_desc;        /* -1: the list's own order */
	long top;                       /* 0: all rows */
};

struct lay_col {                /* a table column */
	struct loc loc;
	int col;                /* in the block's list */
	struct tmpl head;
	double width;           /* a share of the free width, or points */
	int abs;                /* width is in points */
	enum lay_align align;
	struct fmt_spec fmt;
	int numeric;            /* numbers: right-aligned, summed */
	int sum;                /* in the total row */
	int blank;              /* `blank=yes`: an empty cell stays blank */
	int has_total_v;        /* `total=FIELD`: the total row shows */
	struct qvalue total_v;  /* this value instead of the sum */
};

struct lay_fact {
	struct loc loc;
	struct tmpl label, value;
};

struct lay_group {              /* one column of a columns block */
	size_t *blocks;         /* indices into layout.blocks */
	size_t n;
	double width;           /* share of the width */
};

struct lay_block {
	enum lay_btype type;
	char *id;
	struct loc loc;
	int in_group;           /* placed by a columns block, not the flow */

	/* Every block */
	struct tmpl title;      /* a heading above the block (title band:
				   its main line) */
	struct tmpl bookmark;   /* outline entry; empty: none */
	int has_title, has_bookmark;
	struct tmpl alt;        /* chart, map: how the figure's alternative
				   text begins (its points follow) */
	int has_alt;
	char *lang;             /* its language if not the layout's (owned) */
	int style, title_style; /* indices into styles; -1: none */
	int keep;               /* never split across pages */
	double space_before, space_after, padding;
	struct lay_paint bg;
	struct lay_rows rows;
	int flow;               /* columns the content flows into */
	double gap;             /* between those columns */
	struct lay_paint rule;

	struct {                /* title band */
		struct tmpl sub, kicker, note;
		int sub_style, kicker_style, note_style;
		int bleed;      /* the band reaches the page edges */
		double height;  /* at least */
		struct lay_paint accent;
	} band;
	struct {                /* text */
		struct tmpl *paras;
		size_t nparas;
		struct tmpl lead;
		int lead_style;
	} text;
	struct {                /* facts */
		struct lay_fact *v;
		size_t n;
		int label_style, value_style;
		int stacked;    /* value above label, as headline figures */
		double label_width;     /* a share (<= 1) of the width */
	} facts;
	struct {                /* list and sources */
		struct tmpl item, detail, number;
		int detail_style, link_style;
		char *bullet;
		int url_col;    /* sources: the link of each row, -1: none */
	} list;
	struct {                /* table */
		struct lay_col *cols;
		size_t ncols;
		struct tmpl total;
		int has_total;
		int header_style, total_style;
		char *yes, *no;
		struct lay_paint stripe;
		int repeat_header;
		double cell_pad;
	} table;
	struct {                /* chart */
		enum lay_chart kind;
		int label_col, value_col;
		struct fmt_spec fmt;
		struct tmpl others;
		int has_others;
		double height, bar;
		struct lay_paint color, others_color, grid;
		int label_style, value_style, axis_style;
		int axis;
		char *plan_legend;      /* the legend's words for a plan */
	} chart;
	struct {                /* map (pdf_map.c) */
		int label_col, lat_col, lon_col, kind_col;
		struct lay_role *roles; /* symbol./color./legend.ROLE keys */
		size_t nroles;
		int symbols[8];         /* for roles without symbol.ROLE,
					   in turn (enum lay_symbol) */
		int nsymbols;
		char *links;            /* role linked to the others; NULL */
		int legend;
		double height;
		struct lay_paint land, border, color, link_color;
		struct lay_paint neighbour, neighbour_border, water, frame;
		int label_style, legend_style;
		int neighbour_style;    /* -1: neighbours are not named */
	} map;
	struct {                /* contents: the sections of a pack */
		int sub_style;          /* parts; -1: the block's style */
		int number_style;       /* sections' numbers; -1: as the
					   entry (parts: always so) */
		int leader_style;       /* -1: as the number */
		char *leader;   /* repeated between title and number; NULL:
				   none */
		int depth;      /* 1: sections only; 2: and their parts */
		double indent;  /* of each level below the first */
	} contents;
	double spacer;          /* spacer height */
	struct {                /* columns */
		struct lay_group *v;
		size_t n;
	} groups;
};

/* A running header or footer. */
struct lay_running {
	int present;
	struct loc loc;
	struct tmpl left, center, right;
	int style;
	struct lay_paint rule;
	int first;              /* also on the first page */
};

struct layout {
	char *path;
	struct {
		struct tmpl title, subject, keywords, author;
		struct tmpl section;    /* its title as a part of a pack */
		int has_section;
		int open_outline;
	} doc;
	int left_out;           /* [document] when/unless: a pack leaves this
				   section out for this mission */
	enum fmt_pagestyle numbers;     /* [page] numbers */
	long max_pages;         /* [page] pages: at most this many; 0: any */
	struct loc pages_loc;
	struct fmt_locale locale;
	char lang[8];           /* the PDF's /Lang: the locale's language */
	char *months[12];       /* owned; locale.months points at them */
	double pw, ph;          /* page size, points */
	double mt, mr, mb, ml;  /* margins */
	struct lay_font *fonts;
	size_t nfonts;
	struct lay_style *styles;
	size_t nstyles;
	struct lay_running header, footer;
	struct lay_block *blocks;       /* in file order */
	size_t nblocks;
};

/* Load and check the layout at path against model m.  Returns NULL after
 * reporting every problem as file:line. */
struct layout *layout_load(const char *path, const struct model *m);
/* The same with values templates may name besides the model's fields
 * ({pack.title}); vars may be NULL. */
struct layout *layout_load_vars(const char *path, const struct model *m,
    const struct tmpl_var *vars);
/* The same from text in memory, reported as file `name` (fuzzing). */
struct layout *layout_load_mem(const char *name, const char *text,
    size_t len, const struct model *m);
void layout_free(struct layout *L);

/* The block type's name ("table"), for messages. */
const char *layout_btype_name(enum lay_btype t);

/* Does row `row` of the block's list pass its `where`? */
int layout_row_kept(const struct lay_rows *r, const struct model *m,
    size_t row);
/* Is a value true: non-zero, non-empty, a date? */
int layout_truthy(const struct qvalue *v);

/* The first block of type t in L (in the flow or in a column), or NULL. */
const struct lay_block *layout_find_type(const struct layout *L,
    enum lay_btype t);

#endif
