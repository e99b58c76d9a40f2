/* pdf_table.c - tables over any list of the model: chosen columns with
 * their alignment and number format, a header row repeated wherever the
 * table continues (next page or next column group), an optional total
 * row, and rows that are never split.  Where the rows go is decided by
 * ts_split() (typeset.c); this file measures and draws.
 *
 * A data row is typeset twice: once to measure it (its cells then go,
 * its height stays) and again when its page is drawn.  So a table holds
 * the typeset cells of one page at a time, not of all its rows: a
 * 100,000-row history kept them all, most of a pack's memory. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"
#include "pdf_tag.h"

#define EMPTY_CELL "\xe2\x80\x94"  /* an em dash: "none", not "missing" */

struct tbl {
	const struct lay_block *b;
	size_t nrows;           /* data rows, then the total row if any */
	int wide_total;         /* several column groups: the total row goes
				   below them all, across the table */
	double w;               /* the whole table's width */
	struct epara **cells;   /* nrows + 1 (header last) x ncols; a data
				   row's only while it is measured or drawn
				   (the slots' addresses key the tags) */
	size_t *rows;           /* data row r is rows[r] of the list */
	double *rowh, head;
	double gw;              /* width of one column group */
	double *cx, *cw;        /* column offsets and widths in a group */
	struct ts_seg *segs;
	size_t nsegs;
	size_t *pseg;           /* page p's segments: segs[pseg[p] ..
				   pseg[p + 1]) (ts_split keeps page order) */
};

static void
free_tbl(void *p)
{
	struct tbl *t = p;
	size_t i;

	/* The cells not drawn (all of them when the table was laid out
	 * again on a new page). */
	for (i = 0; t->cells && i < (t->nrows + 1) * t->b->table.ncols; i++)
		eng_para_free(t->cells[i]);
	free(t->cells);
	free(t->rowh);
	free(t->cx);
	free(t->cw);
	free(t->segs);
	free(t->pseg);
	free(t->rows);
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
	struct epara *p = eng_para_new(e, k);

	eng_para_add(e, p, s, k);
	p->align = col->align;
	if (eng_para_break(e, p, t->cw[c] - 2 * t->b->table.cell_pad,
	    t->b) < 0) {
		eng_para_free(p);
		return NULL;
	}
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

/* Data row r (row of the list) typeset into its cells; its numbers added
 * to sums (NULL: not again). */
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
		/* An empty cell says so (TAAC Air has no headquarters),
		 * unless nothing is the normal value (a qualifier column:
		 * most rows are exact). */
		if (s.len == 0 && !col->blank)
			buf_puts(&s, EMPTY_CELL);
		if (sums) {     /* NULL: typeset again, already summed */
			sums[c] += fmt_as_double(&v);
			reals[c] |= v.type == QV_REAL;
		}
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
	struct epara *p = eng_para_new(e, b->table.total_style);
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
	if (eng_para_break(e, p, w - 2 * b->table.cell_pad, b) < 0) {
		eng_para_free(p);
		return NULL;
	}
	return p;
}

/* A sum of a total row across the groups: bold and larger than the
 * numbers above it, it may reach left of its column (it is drawn
 * right-aligned to the column's edge), so it is set a group wide. */
static struct epara *
wide_sum(struct eng *e, struct tbl *t, size_t c, const char *s)
{
	int k = t->b->table.total_style;
	struct epara *p = eng_para_new(e, k);

	eng_para_add(e, p, s, k);
	p->align = t->b->table.cols[c].align;
	if (eng_para_break(e, p, t->gw - 2 * t->b->table.cell_pad,
	    t->b) < 0) {
		eng_para_free(p);
		return NULL;
	}
	return p;
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
		/* `total=FIELD`: the stated total, never a partial sum. */
		fmt_value(col->has_total_v ? &col->total_v : &v, &col->fmt,
		    &e->loc, &s);
		if ((CELL(t, r, c) = t->wide_total ? wide_sum(e, t, c,
		    s.data) : cell(e, t, c, s.data, b->table.total_style)) ==
		    NULL) {
			buf_free(&s);
			return -1;
		}
	}
	buf_free(&s);
	return 0;
}

/* Rows [first, first + n) are measured or drawn: their cells go. */
static void
release_rows(struct tbl *t, size_t first, size_t n)
{
	size_t r, c, nc = t->b->table.ncols;

	for (r = first; r < first + n && r < t->nrows; r++)
		for (c = 0; c < nc; c++) {
			eng_para_free(CELL(t, r, c));
			CELL(t, r, c) = NULL;
		}
}

/* Every row typeset and measured; the data rows' cells go at once (they
 * are typeset again when drawn), the header's and the total's stay. */
static int
fill_cells(struct eng *e, struct tbl *t, size_t n)
{
	size_t nc = t->b->table.ncols, r;
	double *sums = xcalloc(nc + 1, sizeof(double));
	int *reals = xcalloc(nc + 1, sizeof(int)), rc = 0;

	for (r = 0; r < n && rc == 0; r++) {
		rc = data_row(e, t, r, t->rows[r], sums, reals);
		t->rowh[r] = row_height(e, t, r);
		release_rows(t, r, 1);
	}
	if (rc == 0 && t->b->table.has_total) {
		rc = total_row(e, t, n, sums, reals);
		t->rowh[n] = row_height(e, t, n);
	}
	free(sums);
	free(reals);
	return rc;
}

/* The data rows of a segment typeset again, to be drawn: they were
 * measured so, so they cannot fail now unless memory does. */
static int
refill_rows(struct eng *e, struct tbl *t, size_t first, size_t n)
{
	size_t data = t->nrows - (t->b->table.has_total ? 1 : 0), r;
	struct fmt_locale saved = e->loc;
	int rc = 0;

	e->loc.yes = t->b->table.yes;
	e->loc.no = t->b->table.no;
	for (r = first; r < first + n && r < data && rc == 0; r++)
		if (CELL(t, r, 0) == NULL)
			rc = data_row(e, t, r, t->rows[r], NULL, NULL);
	e->loc = saved;
	return rc;
}

/* Rows per TBody element: libharu writes no array of more than 32,767
 * items (HPDF_LIMIT_MAX_ARRAY), so a table of more rows (a 100,000-row
 * history) is tagged as several bodies, each its own key. */
#define TBODY_ROWS 32000

static const void *
tbody_key(const struct tbl *t, size_t r)
{
	return r < TBODY_ROWS || r == t->nrows ? (const void *)t :
	    (const void *)&CELL(t, r - r % TBODY_ROWS, 0);
}

static void
draw_row(struct eng *e, const struct tbl *t, size_t r, double x, double y,
    double h)
{
	double pad = t->b->table.cell_pad;
	int head = r == t->nrows;
	size_t c;

	tag_at(e, 1, head ? "THead" : "TBody", tbody_key(t, r));
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

/* One column group: header, rows, rules, stripes, and a closing rule
 * under its last row. */
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

		/* Stripes counted in the group, so that groups side by side
		 * stripe alike. */
		if (!total && b->table.stripe.set && (r - s->first) % 2 == 1)
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
	if (s->n > 0 && s->first + s->n <= data && !t->wide_total)
		eng_line(e, x, cy, x + t->gw, cy, PDF_HAIR * 1.5,
		    rule_color(e, b));
}

/* The total row across a table of several groups: a rule over the whole
 * width, the label at the left, the sums under the last group's
 * columns. */
static void
draw_wide_total(struct eng *e, const struct tbl *t, double x, double y)
{
	const struct lay_block *b = t->b;
	double pad = b->table.cell_pad, gx = x + t->w - t->gw;
	size_t r = t->nrows - 1, c;

	eng_line(e, x, y, x + t->w, y, PDF_HAIR * 1.5, rule_color(e, b));
	for (c = 0; c < b->table.ncols; c++) {
		struct epara *p = CELL(t, r, c);

		if (p == NULL)
			continue;
		if (c == 0)
			eng_draw_para(e, p, x + pad, y + pad, t->cw[c] - 2 * pad);
		else    /* right-aligned to the column, or in it */
			eng_draw_para(e, p, p->align == LA_RIGHT ? gx +
			    t->cx[c] + t->cw[c] - pad - p->w : gx + t->cx[c] +
			    pad, y + pad, p->align == LA_RIGHT ? p->w :
			    t->cw[c] - 2 * pad);
	}
	y += t->rowh[r];
	eng_line(e, x, y, x + t->w, y, PDF_HAIR * 1.5, rule_color(e, b));
}

static void
draw_page(struct eng *e, const struct box *bx, double x, double y, double w)
{
	struct tbl *t = bx->p;
	double h = 0;
	size_t i;

	(void)w;
	for (i = t->pseg[bx->i]; i < t->pseg[bx->i + 1]; i++) {
		if (refill_rows(e, t, t->segs[i].first, t->segs[i].n) < 0) {
			e->failed = 1;
			return;
		}
		draw_seg(e, t, &t->segs[i], x + (double)t->segs[i].col *
		    (t->gw + t->b->gap), y);
		if (t->segs[i].height > h)
			h = t->segs[i].height;
	}
	if (t->wide_total && bx->i == t->segs[t->nsegs - 1].page) {
		draw_wide_total(e, t, x, y + h);
		release_rows(t, t->nrows - 1, 1);
	}
	for (i = t->pseg[bx->i]; i < t->pseg[bx->i + 1]; i++)
		release_rows(t, t->segs[i].first, t->segs[i].n);
}

/* One box per page the table covers, as tall as its tallest group (and
 * the total row below the groups, on the last). */
static void
page_boxes(struct tbl *t, struct boxes *out)
{
	size_t i, last = t->segs[t->nsegs - 1].page, p;
	struct box *x;

	if (t->segs[0].page > 0) {
		boxes_push(out, 0, box_draw_nothing, t->b, t)->fresh_page = 1;
		return;
	}
	/* Each page's segments, found once: not every segment per page. */
	t->pseg = xcalloc(last + 2, sizeof(*t->pseg));
	for (i = 0, p = 0; p <= last + 1; p++) {
		while (i < t->nsegs && t->segs[i].page < p)
			i++;
		t->pseg[p] = i;
	}
	for (p = 0; p <= last; p++) {
		double h = 0;

		for (i = t->pseg[p]; i < t->pseg[p + 1]; i++)
			if (t->segs[i].height > h)
				h = t->segs[i].height;
		if (t->wide_total && p == last)
			h += t->rowh[t->nrows - 1];
		x = boxes_push(out, h, draw_page, t->b, t);
		x->i = p;
		x->brk_after = p < last;
	}
}

/* Rows side by side share a baseline: the k-th row of each group on a
 * page gets the height of the tallest of them.  Returns 1 when that
 * changed a height. */
static int
align_rows(struct tbl *t)
{
	size_t i, j, k, lo = 0, hi;
	int changed = 0;

	for (i = 0; i < t->nsegs; i++) {
		/* The segments of i's page, side by side: ts_split keeps
		 * them together, so no other page's need be looked at. */
		if (t->segs[lo].page != t->segs[i].page)
			lo = i;
		for (hi = i; hi < t->nsegs &&
		    t->segs[hi].page == t->segs[i].page; hi++)
			;
		for (k = 0; k < t->segs[i].n; k++) {
			size_t r = t->segs[i].first + k;

			for (j = lo; j < hi; j++) {
				size_t q = t->segs[j].first + k;

				if (j == i || k >= t->segs[j].n)
					continue;
				if (t->rowh[q] > t->rowh[r] + PDF_EPS) {
					t->rowh[r] = t->rowh[q];
					changed = 1;
				}
			}
		}
	}
	return changed;
}

/* Where the rows go: ts_split over the data rows (the total row apart
 * when it runs across several groups), then rows side by side aligned;
 * should aligning make a page too full, split again with the aligned
 * heights.  0 when some row cannot fit. */
static size_t
split_rows(struct tbl *t, double first, double full)
{
	const struct lay_block *b = t->b;
	size_t n = t->nrows - (t->wide_total ? 1 : 0), i;
	double tot = t->wide_total ? t->rowh[t->nrows - 1] : 0;
	double *own = xcalloc(t->nrows + 1, sizeof(double));
	int round;

	memcpy(own, t->rowh, t->nrows * sizeof(double));
	for (round = 0; round < 4; round++) {
		free(t->segs);
		t->nsegs = ts_split(t->rowh, n, t->head, b->flow, first - tot,
		    full - tot, b->flow > 1, &t->segs);
		if (t->nsegs == 0 || b->flow < 2 || !align_rows(t))
			goto done;
		for (i = 0; i < t->nsegs; i++) {
			size_t r;
			double h = t->head;

			for (r = t->segs[i].first;
			    r < t->segs[i].first + t->segs[i].n; r++)
				h += t->rowh[r];
			t->segs[i].height = h;
			if (h > (t->segs[i].page ? full : first) - tot - PDF_EPS)
				break;
		}
		if (i == t->nsegs)
			goto done;
	}
	/* Aligning keeps overfilling a page: rows as tall as they are. */
	memcpy(t->rowh, own, t->nrows * sizeof(double));
	free(t->segs);
	t->nsegs = ts_split(t->rowh, n, t->head, b->flow, first - tot,
	    full - tot, b->flow > 1, &t->segs);
done:
	free(own);
	return t->nsegs;
}

int
pdf_table(struct eng *e, const struct lay_block *b, double w, double first,
    double full, struct boxes *out)
{
	struct tbl *t = eng_own(e, xcalloc(1, sizeof(*t)), free_tbl);
	size_t n, r, nc = b->table.ncols;
	struct fmt_locale saved = e->loc;
	int rc = -1;

	t->b = b;
	t->rows = eng_rows(e, b, &n, NULL);
	t->nrows = n + (b->table.has_total ? 1 : 0);
	t->cells = xcalloc((t->nrows + 1) * nc + 1, sizeof(*t->cells));
	t->rowh = xcalloc(t->nrows + 1, sizeof(double));
	t->cx = xcalloc(nc + 1, sizeof(double));
	t->cw = xcalloc(nc + 1, sizeof(double));
	t->gw = (w - b->gap * (b->flow - 1)) / b->flow;
	t->w = w;
	t->wide_total = b->table.has_total && b->flow > 1;
	e->loc.yes = b->table.yes;
	e->loc.no = b->table.no;
	col_widths(t);
	if (header_row(e, t) < 0 || fill_cells(e, t, n) < 0)
		goto out;
	if (split_rows(t, first, full) == 0) {
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
	return rc;
}
