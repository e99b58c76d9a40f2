/* pdf_engine.c - the layout engine: blocks become boxes, boxes flow down
 * the text area and onto new pages, and the helpers every block draws
 * with (fonts, paragraphs, rules, links).  See pdf_engine.h for the API
 * and pdf_int.h for the box model. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hyphenate.h"
#include "pdf_int.h"
#include "pdf_ops.h"
#include "pdf_tag.h"

/* ---- boxes ---- */

struct box *
boxes_push(struct boxes *bx, double h, box_draw_fn draw,
    const struct lay_block *b, void *p)
{
	struct box *x = array_push(&bx->v, &bx->n, sizeof(*x));

	x->h = h;
	x->draw = draw;
	x->b = b;
	x->p = p;
	return x;
}

void
boxes_free(struct boxes *bx)
{
	free(bx->v);
	bx->v = NULL;
	bx->n = 0;
}

double
boxes_height(const struct boxes *bx, int drop_first_space)
{
	double h = 0;
	size_t i;

	for (i = 0; i < bx->n; i++)
		h += bx->v[i].h + (i == 0 && drop_first_space ? 0 :
		    bx->v[i].space);
	return h;
}

/* ---- resources ---- */

void *
eng_own(struct eng *e, void *p, void (*fn)(void *))
{
	size_t n = e->nowned;

	*(void **)array_push(&e->owned, &n, sizeof(void *)) = p;
	*(void (**)(void *))array_push(&e->owned_free, &e->nowned,
	    sizeof(fn)) = fn;
	return p;
}

static void
release_owned(struct eng *e)
{
	size_t i;

	for (i = 0; i < e->nowned; i++)
		e->owned_free[i](e->owned[i]);
	free(e->owned);
	free(e->owned_free);
	e->owned = NULL;
	e->owned_free = NULL;
	e->nowned = 0;
}

const struct lay_style *
eng_style(const struct eng *e, int style)
{
	return &e->L->styles[style];
}

HPDF_Font
eng_font(struct eng *e, int style)
{
	const struct lay_style *s = eng_style(e, style);
	size_t f = s->font;

	if (e->fonts[f] == NULL) {
		e->fonts[f] = pdf_doc_font(e->d, e->L->fonts[f].path, &s->loc);
		if (e->fonts[f] == NULL)
			e->failed = 1;
	}
	return e->fonts[f];
}

/* What a font file's printable ASCII characters measure (1/1000 em) and
 * whether it has their glyphs, each asked of libharu once per process:
 * words are mostly ASCII, and HPDF_Font_TextWidth runs its CMap encoder,
 * and the glyph check a cmap search, over every character of every word
 * measured.  Both are the font file's, the same in every document
 * (builds fork per output, never thread).  Missing glyphs are never
 * remembered here: pdf_doc_font_covers reports them, as before. */
struct ascii_font {
	char *path;
	int w[128];             /* -1: not measured yet */
	unsigned char has[128]; /* 1: its glyph is in the font */
};

static struct ascii_font *
ascii_font(const char *path)
{
	static struct ascii_font *v;
	static size_t n;
	struct ascii_font *af;
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].path, path) == 0)
			return &v[i];
	af = array_push(&v, &n, sizeof(*v));
	af->path = xstrdup(path);
	memset(af->w, 0xff, sizeof(af->w));     /* -1 */
	memset(af->has, 0, sizeof(af->has));
	return af;
}

static int
printable_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7F)
			return 0;
	return 1;
}

/* Are all of s[0..n)'s glyphs known to be in the font? */
static int
known_covered(const struct ascii_font *af, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!af->has[(int)s[i]])
			return 0;
	return 1;
}

/* HPDF_Font_TextWidth's sum of the characters' widths, from af. */
static HPDF_UINT
ascii_width(struct ascii_font *af, HPDF_Font f, const char *s, size_t n)
{
	HPDF_UINT sum = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int c = s[i];

		if (af->w[c] < 0)
			af->w[c] = (int)HPDF_Font_TextWidth(f,
			    (const HPDF_BYTE *)s + i, 1).width;
		sum += (HPDF_UINT)af->w[c];
	}
	return sum;
}

double
eng_measure(void *arg, int style, const char *s, size_t n)
{
	struct eng *e = arg;
	HPDF_Font f = eng_font(e, style);
	struct ascii_font *af = NULL;
	HPDF_UINT w;
	size_t i;

	if (f == NULL || n == 0)
		return 0;
	if (printable_ascii(s, n))
		af = ascii_font(e->L->fonts[eng_style(e, style)->font].path);
	if (af == NULL || !known_covered(af, s, n)) {
		if (pdf_doc_font_covers(e->d, f, s, n, e->where ? e->where :
		    &(struct loc){e->L->path, 0}) < 0)
			e->failed = 1;
		else if (af)
			for (i = 0; i < n; i++)
				af->has[(int)s[i]] = 1;
	}
	w = af ? ascii_width(af, f, s, n) : HPDF_Font_TextWidth(f,
	    (const HPDF_BYTE *)s, (HPDF_UINT)n).width;
	return w / 1000.0 * eng_style(e, style)->size;
}

double
eng_py(const struct eng *e, double y)
{
	return e->L->ph - y;
}

int
eng_too_tall(const struct lay_block *b, const char *what, double h,
    double room)
{
	diag_error(&b->loc, "%sthe %s block '%s' is %.0f pt tall, more than "
	    "an empty page holds (%.0f pt)", what, layout_btype_name(b->type),
	    b->id, h, room);
	return -1;
}

/* ---- rows ---- */

static int
cmp_values(const struct qvalue *a, const struct qvalue *b)
{
	double x, y;

	if (a->type == QV_NONE || b->type == QV_NONE)
		return (a->type == QV_NONE) - (b->type == QV_NONE);
	if (a->type == QV_TEXT && b->type == QV_TEXT)
		return strcmp(a->text, b->text);
	if (a->type == QV_DATE && b->type == QV_DATE)
		return date_cmp(&a->d, &b->d);
	x = fmt_as_double(a);
	y = fmt_as_double(b);
	return x < y ? -1 : x > y;
}

struct sorter {
	struct eng *e;
	const struct lay_block *b;
};

static int
cmp_rows(const struct sorter *s, size_t r1, size_t r2)
{
	struct qvalue a, b;
	int c;

	query_get(s->e->m, s->b->rows.list, r1, s->b->rows.sort_col, &a);
	query_get(s->e->m, s->b->rows.list, r2, s->b->rows.sort_col, &b);
	c = cmp_values(&a, &b);
	return s->b->rows.sort_desc ? -c : c;
}

/* A stable merge sort: rows that compare equal keep the list's order. */
static void
sort_rows(const struct sorter *s, size_t *v, size_t *tmp, size_t n)
{
	size_t h = n / 2, i = 0, j = h, k = 0;

	if (n < 2)
		return;
	sort_rows(s, v, tmp, h);
	sort_rows(s, v + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = cmp_rows(s, v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

size_t *
eng_rows(struct eng *e, const struct lay_block *b, size_t *n, size_t *nall)
{
	size_t total = query_rows(e->m, b->rows.list), i, *v, *tmp;
	struct sorter s = {e, b};

	v = xcalloc(total + 1, sizeof(*v));
	*n = 0;
	for (i = 0; i < total; i++) {
		if (!layout_row_kept(&b->rows, e->m, i))
			continue;
		v[(*n)++] = i;
	}
	if (b->rows.sort_col >= 0) {
		tmp = xcalloc(*n + 1, sizeof(*tmp));
		sort_rows(&s, v, tmp, *n);
		free(tmp);
	}
	if (nall)
		*nall = *n;
	if (b->rows.top > 0 && *n > (size_t)b->rows.top)
		*n = (size_t)b->rows.top;
	return v;
}

void
eng_expand(struct eng *e, const struct tmpl *t, const struct qlist *l,
    size_t row, struct buf *out)
{
	struct tmpl_env env = {e->m, l, row, 0, 0, 0, &e->loc,
	    e->run ? e->run->title : NULL, PN_ARABIC};

	tmpl_expand(t, &env, out);
}

/* ---- alternative text ---- */

const char *
eng_alt(struct eng *e, const struct lay_block *b, const struct buf *points)
{
	struct buf t = {0};

	eng_expand(e, b->has_alt ? &b->alt : &b->title, NULL, 0, &t);
	if (t.len > 0 && points->len > 0 && !strchr(":;,.", t.data[t.len - 1]))
		buf_puts(&t, ":");
	if (t.len > 0 && points->len > 0)
		buf_puts(&t, " ");
	if (points->len > 0)
		buf_add(&t, points->data, points->len);
	buf_add(&t, "", 0);
	return eng_own(e, t.data, free);
}

/* ---- text ---- */

double
eng_baseline(struct eng *e, int style)
{
	const struct lay_style *s = eng_style(e, style);
	HPDF_Font f = eng_font(e, style);
	double asc = 0.93, desc = -0.24;

	if (f) {
		asc = HPDF_Font_GetAscent(f) / 1000.0;
		desc = HPDF_Font_GetDescent(f) / 1000.0;
	}
	/* Centre the font's full height in the line's height. */
	return (s->leading - (asc - desc) * s->size) / 2 + asc * s->size;
}

static void
set_fill(struct eng *e, const struct lay_rgb *c)
{
	ops_fill(e->page, (HPDF_REAL)c->r, (HPDF_REAL)c->g,
	    (HPDF_REAL)c->b);
}

/* Show s[0..n) at (x, baseline) in style k. */
static void
show(struct eng *e, int k, double x, double base, const char *s, size_t n)
{
	const struct lay_style *st = eng_style(e, k);
	HPDF_Font f = eng_font(e, k);
	char *z;

	if (f == NULL || e->page == NULL || n == 0)
		return;
	z = xstrndup(s, n);
	tag_mark(e, 0);
	pdf_doc_font_use(e->d, f, z, n);
	set_fill(e, &st->color);
	ops_text(e->page, f, (HPDF_REAL)st->size, (HPDF_REAL)x,
	    (HPDF_REAL)eng_py(e, base), z);
	free(z);
}

double
eng_text_width(struct eng *e, int style, const char *s)
{
	return eng_measure(e, style, s, strlen(s));
}

double
eng_text(struct eng *e, int style, double x, double y, const char *s)
{
	show(e, style, x, y + eng_baseline(e, style), s, strlen(s));
	return eng_text_width(e, style, s);
}

static void
free_para(void *p)
{
	struct epara *ep = p;

	ts_para_free(&ep->p);
	free(ep);
}

struct epara *
eng_para_new(const struct eng *e, int style)
{
	struct epara *p = xcalloc(1, sizeof(*p));

	p->style = style;
	p->align = eng_style(e, style)->align;
	return p;
}

void
eng_para_free(struct epara *p)
{
	if (p)
		free_para(p);
}

struct epara *
eng_para(struct eng *e, int style)
{
	return eng_own(e, eng_para_new(e, style), free_para);
}

void
eng_para_add(struct eng *e, struct epara *p, const char *s, int style)
{
	struct buf b = {0};
	char *c;

	if (!eng_style(e, style)->upper) {
		ts_add(&p->p, s, style, eng_measure, e);
		return;
	}
	buf_puts(&b, s);
	for (c = b.data; c && *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	ts_add(&p->p, b.data ? b.data : "", style, eng_measure, e);
	buf_free(&b);
}

int
eng_para_break(struct eng *e, struct epara *p, double w,
    const struct lay_block *b)
{
	struct ts_opts o = {0};
	double size = eng_style(e, p->style)->size;

	p->w = w;
	/* A narrow measure is set ragged right (hyphenate.h). */
	if (p->align == LA_JUSTIFY && !hy_justifiable(w, size))
		p->align = LA_LEFT;
	if (p->align == LA_JUSTIFY)
		hy_justified(&o, size);
	ts_break_opts(&p->p, w, &o, eng_measure, e, &p->widest);
	if (p->widest > w + PDF_EPS) {
		diag_error(&b->loc, "text in the %s block '%s' does not fit in "
		    "a width of %.0f pt, even one character to a line",
		    layout_btype_name(b->type), b->id, w);
		return -1;
	}
	return 0;
}

double
eng_line_height(const struct eng *e, const struct epara *p)
{
	return eng_style(e, p->style)->leading;
}

double
eng_para_height(const struct eng *e, const struct epara *p)
{
	return eng_line_height(e, p) * (double)p->p.nlines;
}

/* x of each word of line li, and the extra glue a justified line gets. */
static double
line_start(const struct epara *p, const struct ts_line *l, double x,
    double w, double *extra)
{
	*extra = 0;
	switch (p->align) {
	case LA_RIGHT:
		return x + w - l->width;
	case LA_CENTER:
		return x + (w - l->width) / 2;
	case LA_JUSTIFY:
		/* typeset.c worked the glue out, within the gap limit. */
		*extra = l->extra;
		return x;
	default:
		return x;
	}
}

/* A link over the words of p in [link_first, link_first + link_n). */
static void
link_words(struct eng *e, const struct epara *p, size_t k, double x0,
    double x1, double top)
{
	if (p->link == NULL || k < p->link_first ||
	    k >= p->link_first + p->link_n)
		return;
	eng_link(e, x0, top, x1 - x0, eng_line_height(e, p), p->link);
}

/* Is the run ending before word j of line li followed by a space (in the
 * line, or at a break between words)?  Readers (text extraction, screen
 * readers) need that space, which a justified line or a line end leaves
 * out: it is drawn, invisible, where it moves nothing. */
static int
word_gap_follows(const struct epara *p, size_t li, size_t j)
{
	const struct ts_line *l = &p->p.lines[li];

	if (j < l->first + l->n)
		return p->p.words[j].space > 0;
	return li + 1 < p->p.nlines &&
	    p->p.words[p->p.lines[li + 1].first].space > 0;
}

void
eng_draw_line(struct eng *e, const struct epara *p, size_t li, double x,
    double y, double w)
{
	const struct ts_line *l = &p->p.lines[li];
	double extra, cx = line_start(p, l, x, w, &extra);
	double base = y + eng_baseline(e, p->style);
	size_t k, j, end = l->first + l->n;
	int linked;

	if (p->role)
		tag_at(e, p->depth, p->role, p->key ? p->key : p);

	/* Runs of words in one style go out as one string (a justified
	 * line: word by word, since UTF-8 text ignores word spacing). */
	for (k = l->first; k < end; k = j) {
		struct buf run = {0};
		const struct ts_word *w0 = &p->p.words[k];
		double x0;

		if (k > l->first)
			cx += w0->space + (w0->space > 0 ? extra : 0);
		x0 = cx;
		buf_add(&run, ts_word_text(&p->p, k), w0->n);
		cx += w0->w;
		for (j = k + 1; j < end && p->p.words[j].style == w0->style &&
		    extra == 0; j++) {
			if (p->p.words[j].space > 0)
				buf_add(&run, " ", 1);
			buf_add(&run, ts_word_text(&p->p, j), p->p.words[j].n);
			cx += p->p.words[j].space + p->p.words[j].w;
		}
		if (word_gap_follows(p, li, j))
			buf_add(&run, " ", 1);
		linked = p->role && p->link && k >= p->link_first &&
		    k < p->link_first + p->link_n;
		if (linked)
			tag_at(e, p->depth + 1, "Link", p->link);
		show(e, w0->style, x0, base, run.data, run.len);
		link_words(e, p, k, x0, cx, y);
		if (linked)
			tag_close(e, p->depth + 1);
		buf_free(&run);
	}
}

void
eng_draw_para(struct eng *e, const struct epara *p, double x, double y,
    double w)
{
	size_t i;

	for (i = 0; i < p->p.nlines; i++)
		eng_draw_line(e, p, i, x, y + (double)i * eng_line_height(e, p),
		    w);
}

static void
draw_para_line(struct eng *e, const struct box *bx, double x, double y,
    double w)
{
	eng_draw_line(e, bx->p, bx->i, x, y, w);
}

void
eng_para_boxes(struct eng *e, const struct lay_block *b, struct epara *p,
    double space, struct boxes *out)
{
	size_t i, n = p->p.nlines;
	struct box *x;

	for (i = 0; i < n; i++) {
		x = boxes_push(out, eng_line_height(e, p), draw_para_line, b,
		    p);
		x->i = i;
		x->space = i == 0 ? space : 0;
		/* No lone first line at a page's foot, nor last at a head. */
		x->keep_next = n > 1 && (i == 0 || i + 2 == n);
	}
}

/* ---- shapes ---- */

void
eng_fill_rect(struct eng *e, double x, double y, double w, double h,
    const struct lay_rgb *c)
{
	if (e->page == NULL || w <= 0 || h <= 0)
		return;
	tag_mark(e, 1);
	set_fill(e, c);
	ops_rect(e->page, (HPDF_REAL)x, (HPDF_REAL)eng_py(e, y + h),
	    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(e->page);
}

void
eng_line(struct eng *e, double x1, double y1, double x2, double y2,
    double width, const struct lay_rgb *c)
{
	if (e->page == NULL)
		return;
	tag_mark(e, 1);
	ops_stroke(e->page, (HPDF_REAL)c->r, (HPDF_REAL)c->g,
	    (HPDF_REAL)c->b);
	HPDF_Page_SetLineWidth(e->page, (HPDF_REAL)width);
	ops_move_to(e->page, (HPDF_REAL)x1, (HPDF_REAL)eng_py(e, y1));
	ops_line_to(e->page, (HPDF_REAL)x2, (HPDF_REAL)eng_py(e, y2));
	HPDF_Page_Stroke(e->page);
}

void
eng_link(struct eng *e, double x, double y, double w, double h,
    const char *uri)
{
	HPDF_Rect r;
	HPDF_Annotation a;

	if (e->page == NULL)
		return;
	r.left = (HPDF_REAL)x;
	r.right = (HPDF_REAL)(x + w);
	r.top = (HPDF_REAL)eng_py(e, y);
	r.bottom = (HPDF_REAL)eng_py(e, y + h);
	a = HPDF_Page_CreateURILinkAnnot(e->page, r, uri);
	if (a != NULL)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	tag_annot(e, a, uri);
}

void
eng_goto(struct eng *e, double x, double y, double w, double h,
    HPDF_Page to, const char *what)
{
	HPDF_Destination dst;
	HPDF_Annotation a;
	HPDF_Rect r;

	if (e->page == NULL || to == NULL ||
	    (dst = HPDF_Page_CreateDestination(to)) == NULL)
		return;
	r.left = (HPDF_REAL)x;
	r.right = (HPDF_REAL)(x + w);
	r.top = (HPDF_REAL)eng_py(e, y);
	r.bottom = (HPDF_REAL)eng_py(e, y + h);
	a = HPDF_Page_CreateLinkAnnot(e->page, r, dst);
	if (a != NULL)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	tag_annot(e, a, what);
}

/* ---- blocks into boxes ---- */

static const block_fn block_fns[LB__MAX] = {
	[LB_TITLE] = pdf_title, [LB_TEXT] = pdf_text, [LB_FACTS] = pdf_facts,
	[LB_LIST] = pdf_list, [LB_TABLE] = pdf_table, [LB_CHART] = pdf_chart,
	[LB_MAP] = pdf_map, [LB_SOURCES] = pdf_sources,
	[LB_SPACER] = pdf_spacer, [LB_COLUMNS] = pdf_columns,
	[LB_CONTENTS] = pdf_contents,
};

/* The element each kind of block is, when its boxes are not paragraphs
 * that say it themselves. */
static const char *const block_roles[LB__MAX] = {
	[LB_FACTS] = "L", [LB_LIST] = "L", [LB_SOURCES] = "L",
	[LB_TABLE] = "Table", [LB_CHART] = "Figure", [LB_MAP] = "Figure",
	[LB_CONTENTS] = "TOC",
};

void
eng_box_tag(struct eng *e, const struct box *bx)
{
	tag_block_lang(e, bx->b ? bx->b->lang : NULL);
	/* Paragraphs open their own elements; what is drawn before them
	 * (a background) belongs to none. */
	if (bx->role == NULL) {
		tag_close(e, 0);
		return;
	}
	tag_at(e, 0, bx->role, bx->b);
	if (bx->alt)
		tag_set_alt(e, bx->alt);
}

static void
draw_rule_below(struct eng *e, const struct box *bx, double x, double y,
    double w)
{
	const struct lay_style *s = eng_style(e, bx->b->title_style);

	double ry = y + bx->h - s->space_after / 2;

	/* The last line's box holds the space after the heading: the rule
	 * goes in the middle of that space. */
	eng_draw_line(e, bx->p, bx->i, x, y, w);
	if (bx->i + 1 == ((struct epara *)bx->p)->p.nlines)
		eng_line(e, x, ry, x + w, ry, PDF_HAIR, &s->rule.c);
}

/* The block's title as a heading: boxes kept with what follows. */
static int
heading(struct eng *e, const struct lay_block *b, double w, struct boxes *out)
{
	const struct lay_style *s = eng_style(e, b->title_style);
	struct epara *p = eng_para(e, b->title_style);
	struct buf t = {0};
	size_t i, first = out->n;

	eng_expand(e, &b->title, NULL, 0, &t);
	eng_para_add(e, p, t.data, b->title_style);
	p->role = tag_heading(e, e->head_level);
	buf_free(&t);
	if (eng_para_break(e, p, w, b) < 0)
		return -1;
	eng_para_boxes(e, b, p, s->space_before, out);
	for (i = first; i < out->n; i++) {
		out->v[i].keep_next = 1;
		if (s->rule.set)
			out->v[i].draw = draw_rule_below;
	}
	if (out->n > first)
		out->v[out->n - 1].h += s->space_after;
	return 0;
}

/* Background and padding: content inset, spaces inside the block folded
 * into the boxes so the colour has no gaps. */
static void
pad_boxes(const struct lay_block *b, struct boxes *bx, size_t from)
{
	size_t i;

	for (i = from; i < bx->n; i++) {
		struct box *x = &bx->v[i];

		if (i > from) {
			x->h += x->space;
			x->off += x->space;
			x->space = 0;
		}
		x->inset += b->padding;
		x->bg = b->bg.set ? &b->bg : NULL;
	}
	if (bx->n > from) {
		bx->v[from].h += b->padding;
		bx->v[from].off += b->padding;
		bx->v[bx->n - 1].h += b->padding;
	}
}

int
pdf_block_boxes(struct eng *e, const struct lay_block *b, double w,
    double first, double full, struct boxes *out)
{
	double pad = b->padding, head;
	size_t from = out->n, i, head_end;

	if (block_fns[b->type] == NULL)
		return 0;
	e->where = &b->loc;
	if (b->has_title && b->type != LB_TITLE &&
	    heading(e, b, w - 2 * pad, out) < 0)
		return -1;
	for (head = 0, i = from; i < out->n; i++)
		head += out->v[i].h + out->v[i].space;
	head_end = out->n;
	/* The heading is drawn on the first page only: later pages have
	 * the room of a whole page (they lost a row each). */
	if (block_fns[b->type](e, b, w - 2 * pad, first - head - 2 * pad,
	    full - 2 * pad, out) < 0)
		return -1;
	for (i = head_end; i < out->n; i++)
		out->v[i].role = block_roles[b->type];
	if (out->n > from)
		out->v[from].space += b->space_before;
	if (pad > 0 || b->bg.set)
		pad_boxes(b, out, from);
	return 0;
}

void
box_draw_nothing(struct eng *e, const struct box *bx, double x, double y,
    double w)
{
	(void)e;
	(void)bx;
	(void)x;
	(void)y;
	(void)w;
}

/* ---- the flow ---- */

/* More pages than any briefing needs: a layout or data that asks for more
 * is a mistake (a table over a runaway list), not a document. */
#define PDF_MAX_PAGES 20000

static int
new_page(struct eng *e)
{
	const struct layout *L = e->L;

	/* [page] pages = 1 (the placemat): the block that would start
	 * another page is named, nothing is written. */
	if (L->max_pages > 0 && e->run->npages >= (size_t)L->max_pages) {
		diag_error(e->cur ? &e->cur->loc : &L->pages_loc, "%s'%s' does "
		    "not fit on the %ld page%s that [page] pages allows",
		    e->cur ? "block " : "", e->cur ? e->cur->id : L->path,
		    L->max_pages, L->max_pages == 1 ? "" : "s");
		e->failed = 1;
		return -1;
	}
	if (pdf_doc_npages(e->d) >= PDF_MAX_PAGES) {
		diag_error(&(struct loc){L->path, 0}, "the document would have "
		    "more than %d pages", PDF_MAX_PAGES);
		e->failed = 1;
		return -1;
	}
	e->page = pdf_doc_add_page(e->d, L->pw, L->ph);
	if (e->page == NULL) {
		pdf_doc_check(e->d, &(struct loc){L->path, 0});
		e->failed = 1;
		return -1;
	}
	e->run->npages++;
	e->fx = L->ml;
	e->fw = L->pw - L->ml - L->mr;
	e->ftop = L->mt;
	e->fbot = L->ph - L->mb;
	e->y = e->ftop;
	e->fresh = 1;
	return 0;
}

void
eng_bookmark(struct eng *e, const struct lay_block *b)
{
	eng_bookmark_at(e, b, e->fx, e->y);
}

void
eng_bookmark_at(struct eng *e, const struct lay_block *b, double x, double y)
{
	struct pdf_section *s;
	struct buf t = {0};
	HPDF_Destination dst;

	eng_expand(e, &b->bookmark, NULL, 0, &t);
	s = array_push(&e->run->sections, &e->run->nsections, sizeof(*s));
	s->title = xstrdup(t.data ? t.data : "");
	s->page = e->d->cur;
	s->outline = HPDF_CreateOutline(e->d->pdf, e->parent, s->title,
	    e->d->utf8);
	/* Open at the entry itself, the zoom left as the reader has it. */
	dst = pdf_dest_xyz(e->page, x, eng_py(e, y));
	if (s->outline && dst)
		HPDF_Outline_SetDestination(s->outline, dst);
	buf_free(&t);
}

/* Height of box i and the boxes that must stay on its page with it. */
static double
chain_height(const struct boxes *bx, size_t i, double full)
{
	double h = bx->v[i].h;

	while (bx->v[i].keep_next && i + 1 < bx->n &&
	    h + bx->v[i + 1].space + bx->v[i + 1].h <= full) {
		i++;
		h += bx->v[i].space + bx->v[i].h;
	}
	return h;
}

static void
place(struct eng *e, const struct box *bx, double space)
{
	double y = e->y + space;

	eng_box_tag(e, bx);
	if (bx->bg)
		eng_fill_rect(e, e->fx, y, e->fw, bx->h, &bx->bg->c);
	bx->draw(e, bx, e->fx + bx->inset, y + bx->off, e->fw - 2 * bx->inset);
	e->y = y + bx->h;
	e->fresh = 0;
}

static int
place_boxes(struct eng *e, const struct lay_block *b, const struct boxes *bx)
{
	double full = e->fbot - e->ftop, space;
	size_t i;

	for (i = 0; i < bx->n && !e->failed; i++) {
		space = e->fresh ? 0 : bx->v[i].space;
		if (!e->fresh && e->y + space + chain_height(bx, i, full) >
		    e->fbot + PDF_EPS) {
			if (new_page(e) < 0)
				return -1;
			space = 0;
		}
		if (bx->v[i].h > full + PDF_EPS)
			return eng_too_tall(b, "a part of ", bx->v[i].h, full);
		if (i == 0 && b->has_bookmark)
			eng_bookmark(e, b);
		place(e, &bx->v[i], space);
		if (bx->v[i].brk_after && i + 1 < bx->n && new_page(e) < 0)
			return -1;
	}
	return e->failed ? -1 : 0;
}

/* Lay b out where the flow stands; a block that cannot start here (a
 * table without room for its header and a row) starts on a new page. */
static int
make_boxes(struct eng *e, const struct lay_block *b, double lead,
    struct boxes *bx)
{
	double full = e->fbot - e->ftop;
	double first = e->fresh ? full : e->fbot - e->y - lead;
	size_t i;

	if (pdf_block_boxes(e, b, e->fw, first, full, bx) < 0)
		return -1;
	for (i = 0; i < bx->n && !bx->v[i].fresh_page; i++)
		;
	if (i < bx->n && !e->fresh) {
		boxes_free(bx);
		if (new_page(e) < 0)
			return -1;
		return pdf_block_boxes(e, b, e->fw, full, full, bx);
	}
	return 0;
}

static int
flow_block(struct eng *e, const struct lay_block *b, double *after)
{
	struct boxes bx = {0};
	double full = e->fbot - e->ftop, h;
	int rc = -1;

	e->cur = b;
	if (b->type == LB_PAGEBREAK) {
		*after = 0;
		return e->fresh ? 0 : new_page(e);
	}
	if (make_boxes(e, b, *after + b->space_before, &bx) < 0)
		goto out;
	if (bx.n > 0)
		bx.v[0].space += *after;
	h = boxes_height(&bx, 1);
	if (b->keep && h > full + PDF_EPS) {
		eng_too_tall(b, "with keep = yes, ", h, full);
		goto out;
	}
	if (b->keep && !e->fresh && e->y + bx.v[0].space + h > e->fbot + PDF_EPS
	    && new_page(e) < 0)
		goto out;
	rc = place_boxes(e, b, &bx);
	if (pdf_doc_check(e->d, &b->loc) < 0)
		rc = -1;
	*after = b->space_after;
out:
	boxes_free(&bx);
	return rc;
}

int
pdf_layout_run(struct pdf_doc *d, const struct layout *L,
    const struct model *m, HPDF_Outline parent, struct pdf_run *run)
{
	const char *title;
	struct eng e;
	double after = 0;
	int level;
	size_t i;

	title = run->title;
	level = run->level;
	memset(run, 0, sizeof(*run));
	run->title = title;
	memset(&e, 0, sizeof(e));
	e.d = d;
	e.L = L;
	e.m = m;
	e.loc = L->locale;
	e.run = run;
	e.parent = parent;
	e.fonts = xcalloc(L->nfonts, sizeof(*e.fonts));
	run->first = d->insert < d->npages ? d->insert : d->npages;
	run->level = level;
	e.head_level = layout_find_type(L, LB_TITLE) ? 2 : 1;
	tag_run_begin(d, level > 0, L->lang);
	if (new_page(&e) == 0)
		for (i = 0; i < L->nblocks && !e.failed; i++)
			if (!L->blocks[i].in_group &&
			    flow_block(&e, &L->blocks[i], &after) < 0)
				e.failed = 1;
	tag_run_end(d);
	if (pdf_doc_check(d, &(struct loc){L->path, 0}) < 0)
		e.failed = 1;
	release_owned(&e);
	free(e.fonts);
	return e.failed ? -1 : 0;
}

void
pdf_run_free(struct pdf_run *run)
{
	size_t i;

	if (run == NULL)
		return;
	for (i = 0; i < run->nsections; i++)
		free(run->sections[i].title);
	free(run->sections);
	memset(run, 0, sizeof(*run));
}

/* ---- header and footer ---- */

#define RUNNING_GAP 6           /* points between them and the text area */

/* Draw a header (footer) line on the current page; -1 after reporting
 * when its left, centre and right texts would overlap. */
static int
running(struct eng *e, const struct lay_running *r, long page, long pages,
    const char *section, int is_header)
{
	const struct tmpl *parts[3] = {&r->left, &r->center, &r->right};
	const struct layout *L = e->L;
	double lh = eng_style(e, r->style)->leading, y, rule, x[3], w[3];
	struct tmpl_env env = {e->m, NULL, 0, page, pages, 0, &e->loc,
	    section, L->numbers};
	struct buf t[3] = {{0}, {0}, {0}};
	int k, rc = 0;

	e->where = &r->loc;
	y = is_header ? L->mt - RUNNING_GAP - lh : L->ph - L->mb + RUNNING_GAP;
	rule = is_header ? L->mt - RUNNING_GAP / 2 :
	    L->ph - L->mb + RUNNING_GAP / 2;
	for (k = 0; k < 3; k++) {
		tmpl_expand(parts[k], &env, &t[k]);
		w[k] = t[k].len ? eng_text_width(e, r->style, t[k].data) : 0;
	}
	x[0] = L->ml;
	x[1] = (L->pw - w[1]) / 2;
	x[2] = L->pw - L->mr - w[2];
	if ((w[0] > 0 && w[1] > 0 && x[0] + w[0] > x[1] - 6) ||
	    (w[1] > 0 && w[2] > 0 && x[1] + w[1] > x[2] - 6) ||
	    x[0] + w[0] > x[2] - 6 || w[1] > L->pw - L->ml - L->mr) {
		diag_error(&r->loc, "the %s's texts overlap on page %ld (%.0f "
		    "+ %.0f + %.0f pt wide, %.0f pt available)", is_header ?
		    "header" : "footer", page, w[0], w[1], w[2],
		    L->pw - L->ml - L->mr);
		rc = -1;
	}
	if (r->rule.set && rc == 0)
		eng_line(e, L->ml, rule, L->pw - L->mr, rule, PDF_HAIR,
		    &r->rule.c);
	for (k = 0; k < 3; k++) {
		if (t[k].len > 0 && rc == 0)
			eng_text(e, r->style, x[k], y, t[k].data);
		buf_free(&t[k]);
	}
	return rc;
}

/* Does the header (footer) fit in its margin? */
static int
running_fits(struct eng *e, const struct lay_running *r, double margin,
    int is_header)
{
	double need;

	if (!r->present)
		return 0;
	need = eng_style(e, r->style)->leading + RUNNING_GAP;
	if (need <= margin + PDF_EPS)
		return 0;
	diag_error(&r->loc, "the %s margin (%.0f pt) is too small for the %s "
	    "(%.0f pt needed)", is_header ? "top" : "bottom", margin,
	    is_header ? "header" : "footer", need);
	return -1;
}

int
pdf_run_decorate(struct pdf_doc *d, const struct layout *L,
    const struct model *m, const struct pdf_run *run, long number,
    long total)
{
	struct eng e;
	size_t i;
	int rc = 0;

	memset(&e, 0, sizeof(e));
	e.d = d;
	e.L = L;
	e.m = m;
	e.loc = L->locale;
	e.fonts = xcalloc(L->nfonts, sizeof(*e.fonts));
	if (running_fits(&e, &L->header, L->mt, 1) < 0)
		rc = -1;
	if (running_fits(&e, &L->footer, L->mb, 0) < 0)
		rc = -1;
	tag_artifact(&e, 1, 1);
	for (i = 0; rc == 0 && i < run->npages; i++) {
		e.page = d->pages[run->first + i];
		if (L->header.present && (i > 0 || L->header.first) &&
		    running(&e, &L->header, number + (long)i, total, run->title,
		    1) < 0)
			rc = -1;
		if (L->footer.present && (i > 0 || L->footer.first) &&
		    running(&e, &L->footer, number + (long)i, total, run->title,
		    0) < 0)
			rc = -1;
	}
	tag_artifact(&e, 0, 0);
	tag_run_end(d);
	if (pdf_doc_check(d, &(struct loc){L->path, 0}) < 0 || e.failed)
		rc = -1;
	free(e.fonts);
	return rc;
}
