/* pdf_table.c - tables over any list of the model: chosen columns with
 * their alignment and number format, a header row repeated wherever the
 * table continues (next page or next column group), an optional total
 * row, and rows that are never split.  Where the rows go is decided by
 * ts_split() (typeset.c); this file measures and draws. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"
#include "pdf_tag.h"

struct tbl {
	const struct lay_block *b;
	size_t nrows;           /* data rows, then the total row if any */
	struct epara **cells;   /* nrows + 1 (header last) x ncols */
	double *rowh, head;
	double gw;              /* width of one column group */
	double *cx, *cw;        /* column offsets and widths in a group */
	struct ts_seg *segs;
	size_t nsegs;
};

static void
free_tbl(void *p)
{
	struct tbl *t = p;

	free(t->cells);
	free(t->rowh);
	free(t->cx);
	free(t->cw);
	free(t->segs);
	free(t);
}

#define CELL(t, r, c) ((t)->cells[(r) * (t)->b->table.ncols + (c)])

/* Column widths within a group: fixed ones first, shares of the rest. */
static void
col_widths(struct tbl *t)
{
	const struct lay_block *b = t->b;
	double fixed = 0, shares = 0, x = 0;
	size_t c, n = b->table.ncols;

	for (c = 0; c < n; c++) {
		if (b->table.cols[c].abs)
			fixed += b->table.cols[c].width;
		else
			shares += b->table.cols[c].width;
	}
	for (c = 0; c < n; c++) {
		const struct lay_col *col = &b->table.cols[c];

		t->cw[c] = col->abs ? col->width : shares > 0 ?
		    (t->gw - fixed) * col->width / shares : 0;
		if (t->cw[c] < 0)
			t->cw[c] = 0;
		t->cx[c] = x;
		x += t->cw[c];
	}
}

/* One cell's text in style k, aligned as its column. */
static struct epara *
cell(struct eng *e, struct tbl *t, size_t c, const char *s, int k)
{
	const struct lay_col *col = &t->b->table.cols[c];
	struct epara *p = eng_para(e, k);

	eng_para_add(e, p, s, k);
	p->align = col->align;
	if (eng_para_break(e, p, t->cw[c] - 2 * t->b->table.cell_pad,
	    t->b) < 0)
		return NULL;
	return p;
}

static double
row_height(struct eng *e, const struct tbl *t, size_t r)
{
	double h = 0, x;
	size_t c;

	for (c = 0; c < t->b->table.ncols; c++)
		if (CELL(t, r, c) && (x = eng_para_height(e, CELL(t, r, c))) > h)
			h = x;
	return h + 2 * t->b->table.cell_pad;
}

static int
header_row(struct eng *e, struct tbl *t)
{
	const struct lay_block *b = t->b;
	struct buf s = {0};
	size_t c;

	for (c = 0; c < b->table.ncols; c++) {
		s.len = 0;
		eng_expand(e, &b->table.cols[c].head, NULL, 0, &s);
		CELL(t, t->nrows, c) = cell(e, t, c, s.data ? s.data : "",
		    b->table.header_style);
		if (CELL(t, t->nrows, c) == NULL) {
			buf_free(&s);
			return -1;
		}
	}
	buf_free(&s);
	t->head = row_height(e, t, t->nrows);
	return 0;
}

static int
data_row(struct eng *e, struct tbl *t, size_t r, size_t row, double *sums,
    int *reals)
{
	const struct lay_block *b = t->b;
	struct buf s = {0};
	struct qvalue v;
	size_t c;

	for (c = 0; c < b->table.ncols; c++) {
		const struct lay_col *col = &b->table.cols[c];

		query_get(e->m, b->rows.list, row, col->col, &v);
		s.len = 0;
		buf_add(&s, "", 0);
		fmt_value(&v, &col->fmt, &e->loc, &s);
		sums[c] += fmt_as_double(&v);
		reals[c] |= v.type == QV_REAL;
		if ((CELL(t, r, c) = cell(e, t, c, s.data, b->style)) == NULL) {
			buf_free(&s);
			return -1;
		}
	}
	buf_free(&s);
	return 0;
}

/* The total row's label, across the columns left of the first sum. */
static struct epara *
total_label(struct eng *e, struct tbl *t, size_t rows)
{
	const struct lay_block *b = t->b;
	struct tmpl_env env = {e->m, NULL, 0, 0, 0, (long)rows, &e->loc,
	    e->run ? e->run->title : NULL, PN_ARABIC};
	struct epara *p = eng_para(e, b->table.total_style);
	struct buf s = {0};
	double w = 0;
	size_t c;

	for (c = 0; c < b->table.ncols && (c == 0 || !b->table.cols[c].sum);
	    c++)
		w += t->cw[c];
	tmpl_expand(&b->table.total, &env, &s);
	eng_para_add(e, p, s.data, b->table.total_style);
	buf_free(&s);
	p->align = LA_LEFT;
	return eng_para_break(e, p, w - 2 * b->table.cell_pad, b) < 0 ? NULL :
	    p;
}

/* The total row: the label on the left, sums under numbers. */
static int
total_row(struct eng *e, struct tbl *t, size_t r, const double *sums,
    const int *reals)
{
	const struct lay_block *b = t->b;
	struct buf s = {0};
	struct qvalue v = {0};
	size_t c;

	if ((CELL(t, r, 0) = total_label(e, t, r)) == NULL)
		return -1;
	for (c = 1; c < b->table.ncols; c++) {
		const struct lay_col *col = &b->table.cols[c];

		if (!col->sum)
			continue;
		s.len = 0;
		buf_add(&s, "", 0);
		v.type = reals[c] ? QV_REAL : QV_INT;
		v.r = sums[c];
		v.i = (long long)llround(sums[c]);
		fmt_value(&v, &col->fmt, &e->loc, &s);
		if ((CELL(t, r, c) = cell(e, t, c, s.data,
		    b->table.total_style)) == NULL) {
			buf_free(&s);
			return -1;
		}
	}
	buf_free(&s);
	return 0;
}

static int
fill_cells(struct eng *e, struct tbl *t, const size_t *rows, size_t n)
{
	size_t nc = t->b->table.ncols, r;
	double *sums = xcalloc(nc + 1, sizeof(double));
	int *reals = xcalloc(nc + 1, sizeof(int)), rc = 0;

	for (r = 0; r < n && rc == 0; r++)
		rc = data_row(e, t, r, rows[r], sums, reals);
	if (rc == 0 && t->b->table.has_total)
		rc = total_row(e, t, n, sums, reals);
	free(sums);
	free(reals);
	return rc;
}

static void
draw_row(struct eng *e, const struct tbl *t, size_t r, double x, double y,
    double h)
{
	double pad = t->b->table.cell_pad;
	int head = r == t->nrows;
	size_t c;

	tag_at(e, 1, head ? "THead" : "TBody", t);
	tag_at(e, 2, "TR", &t->rowh[r]);
	for (c = 0; c < t->b->table.ncols; c++) {
		tag_at(e, 3, head ? "TH" : "TD", &CELL(t, r, c));
		if (head)
			tag_set_scope(e, "Column");
		if (CELL(t, r, c))
			eng_draw_para(e, CELL(t, r, c), x + t->cx[c] + pad,
			    y + pad, t->cw[c] - 2 * pad);
	}
	(void)h;
}

static const struct lay_rgb *
rule_color(const struct eng *e, const struct lay_block *b)
{
	static const struct lay_rgb black = {0, 0, 0};
	const struct lay_style *hs = eng_style(e, b->table.header_style);

	return hs->rule.set ? &hs->rule.c : b->rule.set ? &b->rule.c : &black;
}

/* One column group: header, rows, rules, stripes. */
static void
draw_seg(struct eng *e, const struct tbl *t, const struct ts_seg *s,
    double x, double y)
{
	const struct lay_block *b = t->b;
	size_t r, data = t->nrows - (b->table.has_total ? 1 : 0);
	double cy = y + t->head;

	if (b->table.repeat_header || s->first == 0) {
		/* A header repeated is an artifact: read once. */
		tag_artifact(e, s != t->segs, 0);
		draw_row(e, t, t->nrows, x, y, t->head);
		tag_artifact(e, 0, 0);
		eng_line(e, x, cy, x + t->gw, cy, PDF_HAIR * 1.5,
		    rule_color(e, b));
	}
	for (r = s->first; r < s->first + s->n; r++) {
		int total = r >= data;

		if (!total && b->table.stripe.set && r % 2 == 1)
			eng_fill_rect(e, x, cy, t->gw, t->rowh[r],
			    &b->table.stripe.c);
		if (total)
			eng_line(e, x, cy, x + t->gw, cy, PDF_HAIR * 1.5,
			    rule_color(e, b));
		else if (b->rule.set && r > s->first)
			eng_line(e, x, cy, x + t->gw, cy, PDF_HAIR / 2,
			    &b->rule.c);
		draw_row(e, t, r, x, cy, t->rowh[r]);
		cy += t->rowh[r];
	}
}

static void
draw_page(struct eng *e, const struct box *bx, double x, double y, double w)
{
	const struct tbl *t = bx->p;
	size_t i;

	(void)w;
	for (i = 0; i < t->nsegs; i++)
		if (t->segs[i].page == bx->i)
			draw_seg(e, t, &t->segs[i], x + (double)t->segs[i].col *
			    (t->gw + t->b->gap), y);
}

/* One box per page the table covers, as tall as its tallest group. */
static void
page_boxes(struct tbl *t, struct boxes *out)
{
	size_t i, last = t->segs[t->nsegs - 1].page, p;
	struct box *x;

	if (t->segs[0].page > 0) {
		boxes_push(out, 0, box_draw_nothing, t->b, t)->fresh_page = 1;
		return;
	}
	for (p = 0; p <= last; p++) {
		double h = 0;

		for (i = 0; i < t->nsegs; i++)
			if (t->segs[i].page == p && t->segs[i].height > h)
				h = t->segs[i].height;
		x = boxes_push(out, h, draw_page, t->b, t);
		x->i = p;
		x->brk_after = p < last;
	}
}

int
pdf_table(struct eng *e, const struct lay_block *b, double w, double first,
    double full, struct boxes *out)
{
	struct tbl *t = eng_own(e, xcalloc(1, sizeof(*t)), free_tbl);
	size_t n, r, nc = b->table.ncols, *rows = eng_rows(e, b, &n, NULL);
	struct fmt_locale saved = e->loc;
	int rc = -1;

	t->b = b;
	t->nrows = n + (b->table.has_total ? 1 : 0);
	t->cells = xcalloc((t->nrows + 1) * nc + 1, sizeof(*t->cells));
	t->rowh = xcalloc(t->nrows + 1, sizeof(double));
	t->cx = xcalloc(nc + 1, sizeof(double));
	t->cw = xcalloc(nc + 1, sizeof(double));
	t->gw = (w - b->gap * (b->flow - 1)) / b->flow;
	e->loc.yes = b->table.yes;
	e->loc.no = b->table.no;
	col_widths(t);
	if (header_row(e, t) < 0 || fill_cells(e, t, rows, n) < 0)
		goto out;
	for (r = 0; r < t->nrows; r++)
		t->rowh[r] = row_height(e, t, r);
	t->nsegs = ts_split(t->rowh, t->nrows, t->head, b->flow, first, full,
	    b->flow > 1, &t->segs);
	if (t->nsegs == 0) {
		double most = 0;

		for (r = 0; r < t->nrows; r++)
			most = t->rowh[r] > most ? t->rowh[r] : most;
		eng_too_tall(b, "a row (with the header) of ", t->head + most,
		    full);
		goto out;
	}
	page_boxes(t, out);
	rc = 0;
out:
	e->loc = saved;
	free(rows);
	return rc;
}
