/* pdf_contents.c - the contents block: one entry per section of the
 * document (and per part of a section, down to the block's depth), each
 * with a leader, the printed number of its first page, and a link to that
 * page.  The entries come from whoever assembles the document (the pack,
 * pdf_doc_set_contents) once the sections are laid out. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "pdf_int.h"
#include "pdf_ops.h"
#include "pdf_tag.h"

#define NUMBER_GAP 10           /* between a title and its number column */
#define RULE_PAD 5              /* between a rule and the entry below it */

struct entry {
	const struct pdf_toc_entry *t;
	struct epara *title;
	int nstyle;             /* style of the page number */
	double indent, tw;      /* title: in from the left, width */
	double numw;            /* the widest page number of the block */
	double pad;             /* above the title: room for a rule */
};

static int
entry_style(const struct lay_block *b, int level)
{
	return level > 1 && b->contents.sub_style >= 0 ?
	    b->contents.sub_style : b->style;
}

static int
number_style(const struct lay_block *b, int level)
{
	return level == 1 && b->contents.number_style >= 0 ?
	    b->contents.number_style : entry_style(b, level);
}

/* The leader from x0 to x1 on the line whose baseline is `base`: a
 * row of dots (one path: text extraction sees no dots), a dot every two
 * widths of the layout's leader, on a grid counted from x1 so that the
 * leaders of all entries line up. */
static void
leader(struct eng *e, const struct lay_block *b, int nstyle, double x0,
    double x1, double base)
{
	/* One dash of length 1 every 100 units, drawn with round caps: a
	 * dot each.  libharu takes dash patterns in whole units of at most
	 * 100, so the line is drawn in units of lw / 100 (a dot every lw
	 * exactly).  One stroked line per leader: a disc per dot made the
	 * contents page's stream 600 KB, a quarter of a pack's deflate. */
	static const HPDF_UINT16 dash[2] = {1, 99};
	const char *s = b->contents.leader;
	int style = b->contents.leader_style >= 0 ? b->contents.leader_style :
	    nstyle;
	const struct lay_style *st = eng_style(e, style);
	double lw, r = st->size * 0.06, x, k;
	long n;

	if (s == NULL || e->page == NULL ||
	    (lw = eng_text_width(e, style, s) * 2) <= 2 * r)
		return;
	x = x1 - floor((x1 - x0) / lw) * lw;
	if (x >= x1 - PDF_EPS)
		return;
	n = (long)floor((x1 + PDF_EPS - x) / lw) + 1;
	k = lw / 100;
	HPDF_Page_GSave(e->page);
	ops_stroke(e->page, (HPDF_REAL)st->color.r,
	    (HPDF_REAL)st->color.g, (HPDF_REAL)st->color.b);
	HPDF_Page_SetLineCap(e->page, HPDF_ROUND_END);
	HPDF_Page_SetDash(e->page, dash, 2, 0);
	HPDF_Page_Concat(e->page, (HPDF_REAL)k, 0, 0, (HPDF_REAL)k,
	    (HPDF_REAL)(x - k / 2), (HPDF_REAL)eng_py(e, base - r));
	HPDF_Page_SetLineWidth(e->page, (HPDF_REAL)(2 * r / k));
	ops_move_to(e->page, 0, 0);
	ops_line_to(e->page, (HPDF_REAL)((double)(n - 1) * 100 + 1), 0);
	HPDF_Page_Stroke(e->page);
	HPDF_Page_GRestore(e->page);
}

static void
draw_entry(struct eng *e, const struct box *bx, double x, double y,
    double w)
{
	const struct entry *en = bx->p;
	const struct lay_block *b = bx->b;
	const struct epara *p = en->title;
	double lh = eng_line_height(e, p), ty = y + en->pad;
	double last = ty + lh * (double)(p->p.nlines - 1);
	double base = last + eng_baseline(e, p->style);
	double nw = eng_text_width(e, en->nstyle, en->t->label);
	double ntop = base - eng_baseline(e, en->nstyle);
	double lw = p->p.nlines ? p->p.lines[p->p.nlines - 1].width : 0;

	tag_at(e, 1, "TOCI", en);
	tag_at(e, 2, "Link", en);
	if (en->pad > 0)
		eng_line(e, x, y + PDF_HAIR, x + w, y + PDF_HAIR, PDF_HAIR,
		    &b->rule.c);
	eng_draw_para(e, p, x + en->indent, ty, en->tw);
	tag_artifact(e, 1, 0);          /* the leader is no text to read */
	leader(e, b, en->nstyle, x + en->indent + lw + 4, x + w - en->numw - 4,
	    base);
	tag_artifact(e, 0, 0);
	eng_text(e, en->nstyle, x + w - nw, ntop, en->t->label);
	eng_goto(e, x, y, w, bx->h, en->t->page, en->t->title);
}

/* The widest page number, so that every title wraps at the same place. */
static double
number_width(struct eng *e, const struct lay_block *b)
{
	const struct pdf_toc_entry *t = e->d->toc;
	double w = 0;
	size_t i;

	for (i = 0; i < e->d->ntoc; i++)
		if (t[i].level <= b->contents.depth)
			w = fmax(w, eng_text_width(e, number_style(b,
			    t[i].level), t[i].label));
	return w;
}

static int
add_entry(struct eng *e, const struct lay_block *b, size_t i, double w,
    double numw, struct boxes *out)
{
	const struct pdf_toc_entry *t = &e->d->toc[i];
	struct entry *en = eng_own(e, xcalloc(1, sizeof(*en)), free);
	int style = entry_style(b, t->level);
	const struct lay_style *st = eng_style(e, style);
	struct box *x;

	en->t = t;
	en->nstyle = number_style(b, t->level);
	en->numw = numw;
	en->indent = b->contents.indent * (double)(t->level - 1);
	en->tw = w - en->indent - numw - NUMBER_GAP;
	en->pad = t->level == 1 && b->rule.set ? RULE_PAD : 0;
	en->title = eng_para(e, style);
	eng_para_add(e, en->title, t->title, style);
	if (en->tw <= 0) {
		diag_error(&b->loc, "the contents block '%s' is too narrow "
		    "(%.0f pt) for its titles beside page numbers %.0f pt "
		    "wide", b->id, w, numw);
		return -1;
	}
	if (eng_para_break(e, en->title, en->tw, b) < 0)
		return -1;
	x = boxes_push(out, eng_para_height(e, en->title) + en->pad +
	    st->space_after, draw_entry, b, en);
	x->space = st->space_before;
	return 0;
}

int
pdf_contents(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out)
{
	const struct pdf_toc_entry *t = e->d->toc;
	double numw = number_width(e, b);
	size_t i, from = out->n;

	(void)first;
	for (i = 0; i < e->d->ntoc; i++) {
		if (t[i].level > b->contents.depth)
			continue;
		if (add_entry(e, b, i, w, numw, out) < 0)
			return -1;
		if (out->v[out->n - 1].h > full)
			return eng_too_tall(b, "an entry of ",
			    out->v[out->n - 1].h, full);
	}
	/* A section's entry stays with the first of its parts. */
	for (i = from; i + 1 < out->n; i++)
		out->v[i].keep_next = ((struct entry *)out->v[i + 1].p)->t->level >
		    ((struct entry *)out->v[i].p)->t->level;
	return 0;
}
