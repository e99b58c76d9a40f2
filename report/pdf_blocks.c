/* pdf_blocks.c - the text-like blocks: title band, text, facts, list,
 * sources, spacer, and columns side by side.  Each turns its block into
 * boxes (pdf_int.h) and draws them when the flow places them. */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "pdf_int.h"
#include "pdf_tag.h"

/* A paragraph of template t (row `row` of list l) in style k, broken to
 * width w; NULL after reporting. */
static struct epara *
para_of(struct eng *e, const struct lay_block *b, const struct tmpl *t,
    const struct qlist *l, size_t row, int k, double w)
{
	struct epara *p = eng_para(e, k);
	struct buf s = {0};

	eng_expand(e, t, l, row, &s);
	eng_para_add(e, p, s.data, k);
	buf_free(&s);
	return eng_para_break(e, p, w, b) < 0 ? NULL : p;
}

/* Paragraph p is (part of) a `role` element at `depth` in the block's
 * structure; paragraphs with the same key share one. */
static void
tag_para(struct epara *p, const char *role, int depth, const void *key)
{
	if (p == NULL)
		return;
	p->role = role;
	p->depth = depth;
	p->key = key;
}

/* ---- title band ---- */

struct band {
	struct epara *kicker, *title, *sub, *note;
	double top_h;           /* the kicker and note row(s) */
	int note_below;         /* no room for the note beside the kicker */
	double lift;            /* a band bled to the page's top: its text
				   moved up into the top margin, so that
				   the band is not empty above it */
};

static void
draw_band(struct eng *e, const struct box *bx, double x, double y, double w)
{
	const struct lay_block *b = bx->b;
	const struct band *d = bx->p;
	double top = y - bx->off, bottom = top + bx->h, bx0 = x - bx->inset;
	double bw = w + 2 * bx->inset, cy = y - d->lift;

	if (b->band.bleed) {
		/* Out to the page's edges, and up to its top if it starts the
		 * text area. */
		if (top <= e->ftop + PDF_EPS)
			top = 0;
		bx0 = 0;
		bw = e->L->pw;
		if (b->bg.set)
			eng_fill_rect(e, bx0, top, bw, bottom - top, &b->bg.c);
		/* Its text on the page's grid: at the text area's edges, as
		 * the body and the running lines below. */
		x -= bx->inset;
		w += 2 * bx->inset;
	}
	if (b->band.accent.set)
		eng_fill_rect(e, bx0, bottom - 3, bw, 3, &b->band.accent.c);
	if (d->kicker)
		eng_draw_para(e, d->kicker, x, cy, w);
	eng_draw_para(e, d->title, x, cy + d->top_h, w);
	if (d->sub)
		eng_draw_para(e, d->sub, x, cy + d->top_h +
		    eng_para_height(e, d->title), w);
	/* Drawn last: read after the title (the tree is in drawing order). */
	if (d->note)
		eng_draw_para(e, d->note, x, d->note_below ? cy +
		    eng_para_height(e, d->kicker) : cy, w);
}

/* The kicker on the left, the note on the right of the same line; the
 * note goes below when they would touch. */
static void
band_top(struct eng *e, struct band *d, double w)
{
	double hk = d->kicker ? eng_para_height(e, d->kicker) : 0;
	double hn = d->note ? eng_para_height(e, d->note) : 0;

	d->note_below = d->kicker && d->note && (d->kicker->p.nlines > 1 ||
	    d->note->p.nlines > 1 ||
	    d->kicker->widest + d->note->widest + 12 > w);
	d->top_h = d->note_below ? hk + hn : hk > hn ? hk : hn;
}

int
pdf_title(struct eng *e, const struct lay_block *b, double w, double first,
    double full, struct boxes *out)
{
	struct band *d = eng_own(e, xcalloc(1, sizeof(*d)), free);
	double h = 0;

	(void)first;
	if (b->band.kicker.n && (d->kicker = para_of(e, b, &b->band.kicker,
	    NULL, 0, b->band.kicker_style, w)) == NULL)
		return -1;
	if (b->band.note.n) {
		if ((d->note = para_of(e, b, &b->band.note, NULL, 0,
		    b->band.note_style, w)) == NULL)
			return -1;
		d->note->align = LA_RIGHT;
	}
	if ((d->title = para_of(e, b, &b->title, NULL, 0, b->style, w)) ==
	    NULL)
		return -1;
	if (b->band.sub.n && (d->sub = para_of(e, b, &b->band.sub, NULL, 0,
	    b->band.sub_style, w)) == NULL)
		return -1;
	tag_para(d->kicker, "P", 0, NULL);
	tag_para(d->title, tag_heading(e, 1), 0, NULL);
	tag_para(d->sub, "P", 0, NULL);
	tag_para(d->note, "P", 0, NULL);
	band_top(e, d, w);
	h += d->top_h + eng_para_height(e, d->title);
	if (d->sub)
		h += eng_para_height(e, d->sub);
	if (h < b->band.height - 2 * b->padding)
		h = b->band.height - 2 * b->padding;
	/* First on its page and bled to the top: the band starts at the
	 * page's edge, so its text starts there too, half a padding lower
	 * than inside the page (the top margin is the band's own). */
	if (b->band.bleed && first >= full - PDF_EPS) {
		d->lift = e->ftop - b->padding / 2;
		if (d->lift > h)
			d->lift = h;
		if (d->lift < 0)
			d->lift = 0;
		h -= d->lift;
	}
	if (h > full)
		return eng_too_tall(b, "", h, full);
	boxes_push(out, h, draw_band, b, d);
	return 0;
}

/* ---- text ---- */

int
pdf_text(struct eng *e, const struct lay_block *b, double w, double first,
    double full, struct boxes *out)
{
	const struct lay_style *s = eng_style(e, b->style);
	struct buf t = {0};
	size_t i;

	(void)first;
	(void)full;
	for (i = 0; i < b->text.nparas; i++) {
		struct epara *p = eng_para(e, b->style);

		if (i == 0 && b->text.lead.n) {
			eng_expand(e, &b->text.lead, NULL, 0, &t);
			eng_para_add(e, p, t.data, b->text.lead_style);
			eng_para_add(e, p, " ", b->style);
			t.len = 0;
		}
		eng_expand(e, &b->text.paras[i], NULL, 0, &t);
		eng_para_add(e, p, t.data, b->style);
		t.len = 0;
		if (eng_para_break(e, p, w, b) < 0) {
			buf_free(&t);
			return -1;
		}
		tag_para(p, "P", 0, NULL);
		eng_para_boxes(e, b, p, i == 0 ? s->space_before :
		    s->space_after + s->space_before, out);
	}
	buf_free(&t);
	return 0;
}

/* ---- facts ---- */

struct fact {
	struct epara *label, *value;
	double lw;              /* label column width (rows) */
};

struct grid {                   /* cells side by side: facts, list items */
	void **cells;           /* struct fact * or struct item * */
	size_t n, per_row;
	double cw, gap;
	double *rowh;
};

static struct fact *
fact_of(struct eng *e, const struct lay_block *b, const struct lay_fact *f,
    double w)
{
	struct fact *c = eng_own(e, xcalloc(1, sizeof(*c)), free);
	double lw = b->facts.stacked ? w : w * b->facts.label_width;
	double vw = b->facts.stacked ? w : w - lw - 6;

	c->lw = lw;
	c->label = para_of(e, b, &f->label, NULL, 0, b->facts.label_style, lw);
	c->value = para_of(e, b, &f->value, NULL, 0, b->facts.value_style, vw);
	tag_para(c->label, "Lbl", 2, NULL);
	tag_para(c->value, "LBody", 2, NULL);
	return c->label && c->value ? c : NULL;
}

static double
fact_height(struct eng *e, const struct lay_block *b, const struct fact *c)
{
	double hl = eng_para_height(e, c->label), hv = eng_para_height(e,
	    c->value), pad = b->rule.set ? 3 : 0;

	if (b->facts.stacked)
		return hl + hv + pad * 2;
	return (hl > hv ? hl : hv) + pad * 2;
}

static void
draw_fact(struct eng *e, const struct lay_block *b, const struct fact *c,
    double x, double y, double w, double h)
{
	double pad = b->rule.set ? 3 : 0;

	tag_at(e, 1, "LI", c);
	if (b->facts.stacked) {
		/* The label first, as it is read, though it stands below. */
		if (b->rule.set)
			eng_fill_rect(e, x, y, w, 1.5, &b->rule.c);
		eng_draw_para(e, c->label, x, y + pad * 2 +
		    eng_para_height(e, c->value), w);
		eng_draw_para(e, c->value, x, y + pad * 2, w);
		return;
	}
	eng_draw_para(e, c->label, x, y + pad, c->lw);
	eng_draw_para(e, c->value, x + c->lw + 6, y + pad, w - c->lw - 6);
	if (b->rule.set)
		eng_line(e, x, y + h, x + w, y + h, PDF_HAIR / 2, &b->rule.c);
}

static void
draw_fact_row(struct eng *e, const struct box *bx, double x, double y,
    double w)
{
	const struct grid *g = bx->p;
	size_t k;

	for (k = 0; k < g->per_row && bx->i + k < g->n; k++)
		draw_fact(e, bx->b, g->cells[bx->i + k], x + (double)k *
		    (g->cw + g->gap), y, g->per_row > 1 ? g->cw : w,
		    g->rowh[bx->i / g->per_row]);
}

static struct grid *
grid_new(struct eng *e, size_t n, int flow, double w, double gap)
{
	struct grid *g = eng_own(e, xcalloc(1, sizeof(*g)), free);

	g->cells = eng_own(e, xcalloc(n + 1, sizeof(void *)), free);
	g->rowh = eng_own(e, xcalloc(n + 1, sizeof(double)), free);
	g->n = n;
	g->per_row = (size_t)flow;
	g->gap = gap;
	g->cw = (w - gap * (flow - 1)) / flow;
	return g;
}

int
pdf_facts(struct eng *e, const struct lay_block *b, double w, double first,
    double full, struct boxes *out)
{
	struct grid *g = grid_new(e, b->facts.n, b->flow, w, b->gap);
	size_t i;
	struct box *x;

	(void)first;
	(void)full;
	for (i = 0; i < g->n; i++) {
		struct fact *c = fact_of(e, b, &b->facts.v[i], g->cw);
		double h;

		if (c == NULL)
			return -1;
		g->cells[i] = c;
		h = fact_height(e, b, c);
		if (h > g->rowh[i / g->per_row])
			g->rowh[i / g->per_row] = h;
	}
	for (i = 0; i < g->n; i += g->per_row) {
		x = boxes_push(out, g->rowh[i / g->per_row], draw_fact_row, b,
		    g);
		x->i = i;
		x->space = i > 0 && b->facts.stacked ? b->gap / 2 : 0;
	}
	return 0;
}

/* ---- list ---- */

struct item {
	struct epara *text, *detail;
	double indent;
};

static double
item_height(struct eng *e, const struct lay_block *b, const struct item *it)
{
	return eng_para_height(e, it->text) + (it->detail ?
	    eng_para_height(e, it->detail) : 0) + (b->rule.set ? 6 : 0);
}

static void
draw_item(struct eng *e, const struct lay_block *b, const struct item *it,
    double x, double y, double w)
{
	tag_at(e, 1, "LI", it);
	if (b->rule.set) {
		eng_fill_rect(e, x, y, w, 1.5, &b->rule.c);
		y += 6;
	}
	tag_at(e, 2, "Lbl", it);
	if (b->list.bullet[0])
		eng_text(e, b->style, x, y, b->list.bullet);
	eng_draw_para(e, it->text, x + it->indent, y, w - it->indent);
	if (it->detail)
		eng_draw_para(e, it->detail, x + it->indent, y +
		    eng_para_height(e, it->text), w - it->indent);
}

static void
draw_item_row(struct eng *e, const struct box *bx, double x, double y,
    double w)
{
	const struct grid *g = bx->p;
	size_t k;

	for (k = 0; k < g->per_row && bx->i + k < g->n; k++)
		draw_item(e, bx->b, g->cells[bx->i + k], x + (double)k *
		    (g->cw + g->gap), y, g->per_row > 1 ? g->cw : w);
}

static struct item *
item_of(struct eng *e, const struct lay_block *b, size_t row, double w)
{
	struct item *it = eng_own(e, xcalloc(1, sizeof(*it)), free);

	if (b->list.bullet[0])
		it->indent = eng_text_width(e, b->style, b->list.bullet) +
		    eng_style(e, b->style)->size * 0.6;
	it->text = para_of(e, b, &b->list.item, b->rows.list, row, b->style,
	    w - it->indent);
	if (it->text && b->list.detail.n)
		it->detail = para_of(e, b, &b->list.detail, b->rows.list, row,
		    b->list.detail_style, w - it->indent);
	tag_para(it->text, "LBody", 2, it);
	tag_para(it->detail, "LBody", 2, it);
	return it->text && (it->detail || !b->list.detail.n) ? it : NULL;
}

int
pdf_list(struct eng *e, const struct lay_block *b, double w, double first,
    double full, struct boxes *out)
{
	size_t n, i, *rows = eng_rows(e, b, &n, NULL);
	struct grid *g = grid_new(e, n, b->flow, w, b->gap);
	double space = eng_style(e, b->style)->space_after;
	struct box *x;
	int rc = 0;

	(void)first;
	(void)full;
	for (i = 0; i < n && rc == 0; i++) {
		struct item *it = item_of(e, b, rows[i], g->cw);
		double h;

		if (it == NULL) {
			rc = -1;
			break;
		}
		g->cells[i] = it;
		h = item_height(e, b, it);
		if (h > g->rowh[i / g->per_row])
			g->rowh[i / g->per_row] = h;
	}
	for (i = 0; i < n && rc == 0; i += g->per_row) {
		x = boxes_push(out, g->rowh[i / g->per_row], draw_item_row, b,
		    g);
		x->i = i;
		x->space = i > 0 ? (b->flow > 1 ? b->gap / 2 : space) : 0;
	}
	free(rows);
	return rc;
}

/* ---- sources ---- */

struct source_item {
	struct epara *text;
	char *number;
	double indent;
};

static void
free_source(void *p)
{
	struct source_item *s = p;

	free(s->number);
	free(s);
}

static void
draw_source_line(struct eng *e, const struct box *bx, double x, double y,
    double w)
{
	const struct source_item *s = bx->p;

	tag_at(e, 1, "LI", s);
	if (bx->i == 0 && s->number) {
		tag_at(e, 2, "Lbl", s);
		eng_text(e, bx->b->style, x, y, s->number);
	}
	eng_draw_line(e, s->text, bx->i, x + s->indent, y, w - s->indent);
}

static struct source_item *
source_of(struct eng *e, const struct lay_block *b, size_t row,
    double indent, double w)
{
	struct source_item *s = eng_own(e, xcalloc(1, sizeof(*s)),
	    free_source);
	struct buf t = {0};
	struct qvalue url;

	s->indent = indent;
	s->text = eng_para(e, b->style);
	eng_expand(e, &b->list.item, b->rows.list, row, &t);
	eng_para_add(e, s->text, t.data, b->style);
	buf_free(&t);
	if (b->list.url_col >= 0) {
		query_get(e->m, b->rows.list, row, b->list.url_col, &url);
		if (url.type == QV_TEXT && url.text[0]) {
			eng_para_add(e, s->text, "\n", b->style);
			s->text->link_first = s->text->p.nwords;
			eng_para_add(e, s->text, url.text, b->list.link_style);
			s->text->link = url.text;
		}
	}
	if (eng_para_break(e, s->text, w - indent, b) < 0)
		return NULL;
	tag_para(s->text, "LBody", 2, s);
	/* After breaking: a long address may have been cut into more words. */
	if (s->text->link)
		s->text->link_n = s->text->p.nwords - s->text->link_first;
	return s;
}

/* The numbers ("[1]") of the rows, and the widest. */
static char **
source_numbers(struct eng *e, const struct lay_block *b, const size_t *rows,
    size_t n, double *widest)
{
	char **v = xcalloc(n + 1, sizeof(*v));
	struct buf t = {0};
	size_t i;

	*widest = 0;
	for (i = 0; b->list.number.n && i < n; i++) {
		t.len = 0;
		eng_expand(e, &b->list.number, b->rows.list, rows[i], &t);
		v[i] = xstrdup(t.data);
		if (eng_text_width(e, b->style, v[i]) > *widest)
			*widest = eng_text_width(e, b->style, v[i]);
	}
	buf_free(&t);
	return v;
}

int
pdf_sources(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out)
{
	size_t n, i, k, *rows = eng_rows(e, b, &n, NULL);
	const struct lay_style *st = eng_style(e, b->style);
	double indent;
	char **num = source_numbers(e, b, rows, n, &indent);
	struct box *x;
	int rc = 0;

	(void)first;
	(void)full;
	if (indent > 0)
		indent += st->size * 0.6;
	for (i = 0; i < n; i++) {
		struct source_item *s = source_of(e, b, rows[i], indent, w);

		if (s == NULL) {
			rc = -1;
			break;
		}
		s->number = num[i];
		num[i] = NULL;
		for (k = 0; k < s->text->p.nlines; k++) {
			x = boxes_push(out, eng_line_height(e, s->text),
			    draw_source_line, b, s);
			x->i = k;
			x->keep_next = k + 1 < s->text->p.nlines;
			x->space = k == 0 && i > 0 ? st->space_after : 0;
		}
	}
	for (i = 0; i < n; i++)
		free(num[i]);
	free(num);
	free(rows);
	return rc;
}

/* ---- spacer ---- */

int
pdf_spacer(struct eng *e, const struct lay_block *b, double w, double first,
    double full, struct boxes *out)
{
	(void)e;
	(void)w;
	(void)first;
	(void)full;
	/* Space, not a box: it vanishes at the top of a page. */
	boxes_push(out, 0, box_draw_nothing, b, NULL)->space = b->spacer;
	return 0;
}

/* ---- columns ---- */

struct colset {
	struct boxes *col;      /* the boxes of each column */
	double *x, *w;          /* offset and width of each */
	size_t n;
};

static void
free_colset(void *p)
{
	struct colset *c = p;
	size_t i;

	for (i = 0; i < c->n; i++)
		boxes_free(&c->col[i]);
	free(c->col);
	free(c->x);
	free(c->w);
	free(c);
}

/* Place one column's boxes down from y, as the flow would on one page. */
static void
draw_column(struct eng *e, const struct boxes *bx, double x, double y,
    double w)
{
	const struct lay_block *last = NULL;
	size_t i;

	for (i = 0; i < bx->n; i++) {
		const struct box *b = &bx->v[i];

		y += i == 0 ? 0 : b->space;
		if (b->b != last && b->b->has_bookmark)
			eng_bookmark_at(e, b->b, x, y);
		last = b->b;
		eng_box_tag(e, b);
		if (b->bg)
			eng_fill_rect(e, x, y, w, b->h, &b->bg->c);
		b->draw(e, b, x + b->inset, y + b->off, w - 2 * b->inset);
		y += b->h;
	}
}

static void
draw_columns(struct eng *e, const struct box *bx, double x, double y,
    double w)
{
	const struct colset *c = bx->p;
	size_t i;

	(void)w;
	for (i = 0; i < c->n; i++) {
		draw_column(e, &c->col[i], x + c->x[i], y, c->w[i]);
		if (i > 0 && bx->b->rule.set)
			eng_line(e, x + c->x[i] - bx->b->gap / 2, y,
			    x + c->x[i] - bx->b->gap / 2, y + bx->h, PDF_HAIR,
			    &bx->b->rule.c);
	}
}

/* A set of columns taller than a page: name the block that crosses the
 * foot of the page in the tallest column, which is what to shorten. */
static int
columns_too_tall(const struct lay_block *b, const struct colset *c,
    double h, double full)
{
	const struct boxes *col = NULL;
	double y = 0;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (col == NULL || boxes_height(&c->col[i], 1) >
		    boxes_height(col, 1))
			col = &c->col[i];
	for (i = 0; col && i < col->n; i++) {
		y += (i ? col->v[i].space : 0) + col->v[i].h;
		if (y > full + PDF_EPS) {
			diag_error(&col->v[i].b->loc, "block '%s' does not fit "
			    "on the page: its column of '%s' is %.0f pt tall, "
			    "more than an empty page holds (%.0f pt)",
			    col->v[i].b->id, b->id, h, full);
			return -1;
		}
	}
	return eng_too_tall(b, "", h, full);
}

int
pdf_columns(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out)
{
	struct colset *c = eng_own(e, xcalloc(1, sizeof(*c)), free_colset);
	double total = 0, h = 0, x = 0, free_w;
	size_t i, k;

	(void)first;
	c->n = b->groups.n;
	c->col = xcalloc(c->n, sizeof(*c->col));
	c->x = xcalloc(c->n, sizeof(double));
	c->w = xcalloc(c->n, sizeof(double));
	for (i = 0; i < c->n; i++)
		total += b->groups.v[i].width;
	free_w = w - b->gap * (double)(c->n - 1);
	for (i = 0; i < c->n; i++) {
		const struct lay_group *g = &b->groups.v[i];

		c->x[i] = x;
		c->w[i] = free_w * g->width / total;
		x += c->w[i] + b->gap;
		for (k = 0; k < g->n; k++) {
			const struct lay_block *m = &e->L->blocks[g->blocks[k]];
			size_t from = c->col[i].n;

			if (pdf_block_boxes(e, m, c->w[i], PDF_HUGE, PDF_HUGE,
			    &c->col[i]) < 0)
				return -1;
			if (k > 0 && c->col[i].n > from)
				c->col[i].v[from].space += e->L->blocks[
				    g->blocks[k - 1]].space_after;
		}
		if (boxes_height(&c->col[i], 1) > h)
			h = boxes_height(&c->col[i], 1);
	}
	if (h > full + PDF_EPS)
		return columns_too_tall(b, c, h, full);
	boxes_push(out, h, draw_columns, b, c);
	return 0;
}
