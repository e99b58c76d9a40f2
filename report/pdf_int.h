/* pdf_int.h - inside the PDF engine: the document, the laying-out state,
 * and the boxes blocks are broken into.  Shared by pdf_doc.c,
 * pdf_engine.c (flow, text, header and footer) and one file per kind of
 * block (pdf_blocks.c, pdf_table.c, pdf_chart.c, pdf_map.c).
 *
 * Coordinates: x from the left edge, y DOWN from the top edge of the page,
 * in points; only the drawing helpers turn y into PDF's upward axis. */
#ifndef BRIEFGEN_PDF_INT_H
#define BRIEFGEN_PDF_INT_H

#include <time.h>

#include <hpdf.h>

#include "layout.h"
#include "pdf_engine.h"
#include "typeset.h"

struct tag_tree;
struct pdf_fonts;

#define PDF_EPS 0.01            /* points: below any visible difference */
#define PDF_HUGE 1e7            /* "no page limit" (inside columns) */
#define PDF_HAIR 0.5            /* line width of rules */

struct pdf_font {               /* an embedded font, loaded once per doc */
	char *path;
	HPDF_Font font;
	unsigned char *used;    /* a bit per code drawn (pdf_font.h) */
	unsigned char *checked; /* a bit per code known to be in it */
};

/* The sRGB profile of PDF/A output intents (Debian: icc-profiles-free). */
#define PDF_SRGB_PROFILE "/usr/share/color/icc/sRGB.icc"

struct pdf_doc_info {           /* what pdf_doc_set_info was given */
	char *title, *subject, *keywords, *author, *creator;
	time_t stamp;
};

struct pdf_doc {
	HPDF_Doc pdf;
	HPDF_Encoder utf8;
	struct pdf_font *fonts;
	size_t nfonts;
	HPDF_Page *pages;
	size_t npages;
	size_t insert;          /* where new pages go; >= npages: the end */
	size_t cur;             /* index of the page added last */
	const struct pdf_toc_entry *toc;        /* for contents blocks */
	size_t ntoc;
	int labelled;           /* a page label range was added */
	enum fmt_pagestyle label_style;
	long label_next;        /* the number the last range reaches next */
	unsigned long err, detail;      /* libharu's first error */
	struct tag_tree *tags;  /* the structure tree (pdf_tag.h) */
	int finished;           /* pdf_doc_finish ran (before saving) */
	struct pdf_doc_info info;       /* for the XMP metadata */
	int pdfa_part;          /* PDF/A-1a or -2a; 0: not PDF/A */
	struct pdf_parked **parked;     /* finished pages' content, kept
					   compressed (pdf_park.c) */
	size_t nparked;
};

/* Page p is finished (the next has been added): its content stream waits,
 * compressed, until the document is saved; what is drawn on it later
 * (headers, footers) follows it.  The saved bytes are the same. */
void pdf_park(struct pdf_doc *d, HPDF_Page p);
/* p's content as it will be saved, in pieces, to fn; -1 on failure. */
int pdf_page_content(HPDF_Page p, void (*fn)(void *, const void *, size_t),
    void *arg);
void pdf_park_free(struct pdf_doc *d);
/* Add a page of w x h points; NULL after reporting. */
HPDF_Page pdf_doc_add_page(struct pdf_doc *d, double w, double h);
/* The font at path, embedded on first use; NULL after reporting at loc. */
HPDF_Font pdf_doc_font(struct pdf_doc *d, const char *path,
    const struct loc *loc);
/* A destination on page at (x, top) in PDF's coordinates, the zoom left
 * as the reader has it; NULL on failure (libharu has the error). */
HPDF_Destination pdf_dest_xyz(HPDF_Page page, double x, double top);
/* Is every character of s[0..n) in font f?  Reported at loc when not;
 * then -1. */
int pdf_doc_font_covers(struct pdf_doc *d, HPDF_Font f, const char *s,
    size_t n, const struct loc *loc);
/* Note that s[0..n) is drawn in f (for its ToUnicode map and subset). */
void pdf_doc_font_use(struct pdf_doc *d, HPDF_Font f, const char *s,
    size_t n);
/* Before saving: XMP metadata, the document ID, PDF/A's output intent
 * (pdf_meta.c); lang is the document's.  -1 after reporting. */
int pdf_meta_finish(struct pdf_doc *d, const char *lang);
/* Report a libharu error (if one happened) at loc; -1 if one did. */
int pdf_doc_check(struct pdf_doc *d, const struct loc *loc);

struct eng;
struct box;

/* Draw box bx with its top-left corner at (x, y), w wide. */
typedef void (*box_draw_fn)(struct eng *e, const struct box *bx, double x,
    double y, double w);

struct box {
	double h;               /* height */
	double space;           /* above it; dropped at the top of a page */
	int keep_next;          /* no page break between it and the next */
	int brk_after;          /* a page break after it */
	int fresh_page;         /* it cannot start on this page: break first */
	box_draw_fn draw;
	const struct lay_block *b;
	void *p;                /* the block's laid-out data (engine-owned) */
	size_t i, n;            /* which part of it */
	double off, inset;      /* content offset: down, and in from both sides */
	const struct lay_paint *bg;     /* the block's background */
	const char *role;       /* the block's element (pdf_tag.h); NULL:
				   its paragraphs say */
	const char *alt;        /* a Figure's alternative text (run-owned) */
};

struct boxes {
	struct box *v;
	size_t n;
};

/* A box that draws nothing: space, or a table's lead-in to a new page. */
void box_draw_nothing(struct eng *e, const struct box *bx, double x,
    double y, double w);
struct box *boxes_push(struct boxes *bx, double h, box_draw_fn draw,
    const struct lay_block *b, void *p);
void boxes_free(struct boxes *bx);
double boxes_height(const struct boxes *bx, int drop_first_space);

struct eng {
	struct pdf_doc *d;
	const struct layout *L;
	const struct model *m;
	HPDF_Font *fonts;       /* per layout font, embedded on first use */
	struct fmt_locale loc;  /* the layout's; yes/no set per block */
	struct pdf_run *run;
	HPDF_Outline parent;
	HPDF_Page page;         /* the current page */
	double fx, fw, ftop, fbot;      /* the text area */
	double y;               /* where the next box goes */
	int fresh;              /* nothing placed on this page yet */
	const struct lay_block *cur;    /* the block in the flow */
	int failed;
	void **owned;           /* laid-out data, freed with the run */
	void (**owned_free)(void *);
	size_t nowned;
	int head_level;         /* level of block headings (1 or 2) */
	const struct loc *where;        /* what is being laid out: the
					   place to report a missing glyph */
};

/* Lay block b out `w` points wide into boxes.  `first` is the room left
 * on the current page and `full` the room on an empty page (only tables
 * split themselves by these).  Returns 0, or -1 after reporting. */
typedef int (*block_fn)(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);

int pdf_title(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);
int pdf_text(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);
int pdf_facts(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);
int pdf_list(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);
int pdf_sources(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);
int pdf_spacer(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);
int pdf_columns(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);
int pdf_contents(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);
int pdf_table(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);
int pdf_chart(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);
int pdf_map(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);

/* The boxes of block b with its heading, spacing and background (what the
 * flow and the columns block place). */
int pdf_block_boxes(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out);

/* ---- helpers (pdf_engine.c) ---- */

/* A figure's alternative text (owned by the run): b's `alt` template, else
 * its title, then what it shows, `points` ("United States 8,000, ..."). */
const char *eng_alt(struct eng *e, const struct lay_block *b,
    const struct buf *points);

/* Keep p until the run ends, then release it with fn; returns p. */
void *eng_own(struct eng *e, void *p, void (*fn)(void *));
const struct lay_style *eng_style(const struct eng *e, int style);
HPDF_Font eng_font(struct eng *e, int style);
/* ts_measure for the engine (arg is the struct eng). */
double eng_measure(void *e, int style, const char *s, size_t n);

/* Expand t (for row `row` of list l, if any) into out. */
void eng_expand(struct eng *e, const struct tmpl *t, const struct qlist *l,
    size_t row, struct buf *out);

/* The rows of b, filtered and sorted as the layout says: their indices
 * in the list (caller frees).  *n is their number cut to `top`, *nall
 * (if not NULL) their number before the cut. */
size_t *eng_rows(struct eng *e, const struct lay_block *b, size_t *n,
    size_t *nall);

/* A paragraph laid out at a width: owned by the run. */
struct epara {
	struct ts_para p;
	int style;              /* sets the line height and baseline */
	enum lay_align align;
	double w;               /* the width it was broken for */
	double widest;
	size_t link_first, link_n;      /* words that are a link, if any */
	const char *link;
	const char *role;       /* its element (pdf_tag.h), NULL: none */
	int depth;              /* ... at this depth under the block */
	const void *key;        /* ... shared by paragraphs with this key;
				   NULL: the paragraph's own */
};

/* A new, empty paragraph in style s (owned by the run). */
struct epara *eng_para(struct eng *e, int style);
/* The same, owned by the caller, who frees it with eng_para_free (a
 * table releases its cells page by page, as they are drawn). */
struct epara *eng_para_new(const struct eng *e, int style);
void eng_para_free(struct epara *p);
/* Append text in style s (capitals when the style says so). */
void eng_para_add(struct eng *e, struct epara *p, const char *s, int style);
/* Break p to width w; -1 after reporting (at b's line) when a line
 * cannot fit even alone. */
int eng_para_break(struct eng *e, struct epara *p, double w,
    const struct lay_block *b);
double eng_line_height(const struct eng *e, const struct epara *p);
double eng_para_height(const struct eng *e, const struct epara *p);
/* Draw line i of p with its box's top at y. */
void eng_draw_line(struct eng *e, const struct epara *p, size_t i, double x,
    double y, double w);
/* Draw all lines of p from y down. */
void eng_draw_para(struct eng *e, const struct epara *p, double x, double y,
    double w);
/* Push one box per line of p (orphans and widows kept with their
 * neighbours); the first gets `space` above it. */
void eng_para_boxes(struct eng *e, const struct lay_block *b,
    struct epara *p, double space, struct boxes *out);

/* One line of text in style s, left-aligned at x, its box's top at y;
 * returns its width.  Clipped to nothing: callers measure first. */
double eng_text(struct eng *e, int style, double x, double y, const char *s);
double eng_text_width(struct eng *e, int style, const char *s);
double eng_baseline(struct eng *e, int style);

void eng_fill_rect(struct eng *e, double x, double y, double w, double h,
    const struct lay_rgb *c);
void eng_line(struct eng *e, double x1, double y1, double x2, double y2,
    double width, const struct lay_rgb *c);
/* A clickable link to uri over the rectangle (no border). */
void eng_link(struct eng *e, double x, double y, double w, double h,
    const char *uri);
/* A clickable link to page `to` of the document (no border), `what`
 * for readers. */
void eng_goto(struct eng *e, double x, double y, double w, double h,
    HPDF_Page to, const char *what);
/* Open the structure element of box bx (pdf_tag.h) before drawing it. */
void eng_box_tag(struct eng *e, const struct box *bx);
/* PDF's y for a y from the top. */
double eng_py(const struct eng *e, double y);

/* Bookmark b on the current page, and note it as a section of the run. */
void eng_bookmark(struct eng *e, const struct lay_block *b);
/* The same, the bookmark opening at (x, y) of the page (a /XYZ). */
void eng_bookmark_at(struct eng *e, const struct lay_block *b, double x,
    double y);

/* Report at b's line that (`what`, e.g. "a part of ") block b is h
 * points tall where an empty page holds `room`; returns -1. */
int eng_too_tall(const struct lay_block *b, const char *what, double h,
    double room);

#endif
