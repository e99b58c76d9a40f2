/* render_xlsx.c - the workbook renderer: a workbook layout (load_workbook.c)
 * and its plan (xlsx_plan.c) written through libxlsxwriter.
 *
 * libxlsxwriter writes whatever it is given, and some of it makes a file
 * that Excel must repair (invalid UTF-8, over-long strings, NaN): so every
 * string is checked for UTF-8 and length, and every number for finiteness,
 * here, before the library sees it.  Every formula is written with the value it
 * computes, so a reader that does not recalculate shows the right number.
 * Cells go out row by row, left to right, which is what constant_memory
 * mode requires; that mode (chosen by the plan when a sheet is longer
 * than the layout's threshold) has no tables, so sheets then get a plain
 * autofilter instead. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "diag.h"
#include "load_workbook.h"
#include "render.h"
#include "xlsx_plan.h"

#define CELL_TEXT_MAX 32767     /* characters in a cell */
#define URL_MAX 2079            /* characters in a hyperlink */
#define TABLE_HEADER_MAX 255
/* libxlsxwriter 1.1.4 needs memory for a table that grows with the square
 * of its columns (measured: 2,000 columns cost 160 MB), so a sheet wider
 * than this gets an autofilter instead. */
#define TABLE_MAX_COLUMNS 256
#define CHART_W 480.0           /* libxlsxwriter's default chart size */
#define CHART_H 288.0

static const uint8_t border_style[] = {LXW_BORDER_NONE, LXW_BORDER_THIN,
	LXW_BORDER_MEDIUM, LXW_BORDER_THICK, LXW_BORDER_DASHED,
	LXW_BORDER_DOTTED, LXW_BORDER_DOUBLE, LXW_BORDER_HAIR};
static const uint8_t align_style[] = {LXW_ALIGN_NONE, LXW_ALIGN_LEFT,
	LXW_ALIGN_CENTER, LXW_ALIGN_RIGHT};
static const uint8_t valign_style[] = {LXW_ALIGN_NONE,
	LXW_ALIGN_VERTICAL_TOP, LXW_ALIGN_VERTICAL_CENTER};

/* One combination of layout formats made into a libxlsxwriter format. */
struct fmt_key {
	long base, over;
	const char *num;
	lxw_format *f;
};

/* Everything one render needs. */
struct xw {
	const struct model *m;
	const struct wb_layout *l;
	struct xplan *p;
	lxw_workbook *wb;
	struct fmt_key *fmts;
	size_t nfmts;
	/* The sheet being written: */
	const struct xp_sheet *ps;
	lxw_worksheet *cur;
	double *acc;                    /* per layout column: formula sums */
	size_t nurls;
	int failed;
};

/* ---- formats ---- */

static void
apply(lxw_format *f, const struct wb_format *s)
{
	if (s->font)
		format_set_font_name(f, s->font);
	if (s->has_size)
		format_set_font_size(f, s->size);
	if (s->bold)
		format_set_bold(f);
	if (s->italic)
		format_set_italic(f);
	if (s->underline)
		format_set_underline(f, LXW_UNDERLINE_SINGLE);
	if (s->has_color)
		format_set_font_color(f, s->rgb_color);
	if (s->has_fill) {
		format_set_pattern(f, LXW_PATTERN_SOLID);
		format_set_bg_color(f, s->rgb_fill);
	}
	if (s->border)
		format_set_border(f, border_style[s->border]);
	if (s->top)
		format_set_top(f, border_style[s->top]);
	if (s->bottom)
		format_set_bottom(f, border_style[s->bottom]);
	if (s->has_border_color)
		format_set_border_color(f, s->rgb_border);
	if (s->align)
		format_set_align(f, align_style[s->align]);
	if (s->valign)
		format_set_align(f, valign_style[s->valign]);
	if (s->wrap)
		format_set_text_wrap(f);
	if (s->indent)
		format_set_indent(f, (uint8_t)s->indent);
	if (s->num_format)
		format_set_num_format(f, s->num_format);
}

/* The format `over` laid over `base` (indices into the layout's formats,
 * -1 for none), with number format num if not NULL; NULL when all are
 * absent.  Made once per combination. */
static lxw_format *
fmt(struct xw *w, long base, long over, const char *num)
{
	struct fmt_key *k;
	size_t i;

	if (base < 0 && over < 0 && num == NULL)
		return NULL;
	for (i = 0; i < w->nfmts; i++)
		if (w->fmts[i].base == base && w->fmts[i].over == over &&
		    w->fmts[i].num == num)
			return w->fmts[i].f;
	k = array_push(&w->fmts, &w->nfmts, sizeof(*k));
	k->base = base;
	k->over = over;
	k->num = num;
	k->f = workbook_add_format(w->wb);
	if (base >= 0)
		apply(k->f, &w->l->formats[base]);
	if (over >= 0)
		apply(k->f, &w->l->formats[over]);
	if (num)
		format_set_num_format(k->f, num);
	return k->f;
}

/* ---- checked cells ---- */

static const struct wb_column *
col_of(const struct xw *w, size_t k)
{
	return w->ps->info[k].c;
}

/* Report a problem with one cell, at the layout line of its sheet. */
static void
cell_error(struct xw *w, lxw_row_t row, lxw_col_t col, const char *what)
{
	char cell[LXW_MAX_CELL_NAME_LENGTH];

	lxw_rowcol_to_cell(cell, row, col);
	diag_error(&w->ps->s->loc, "[sheet %s] cell %s: %s", w->ps->s->id,
	    cell, what);
	w->failed = 1;
}

static int
lxw_ok(struct xw *w, lxw_error e, lxw_row_t row, lxw_col_t col)
{
	if (e == LXW_NO_ERROR)
		return 0;
	cell_error(w, row, col, lxw_strerror(e));
	return -1;
}

/* Excel counts a cell's length in UTF-16 code units. */
static size_t
units(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n += (unsigned char)*s >= 0xF0 ? 2 : 1;
	return n;
}

static int
text_ok(struct xw *w, const char *s, lxw_row_t row, lxw_col_t col)
{
	char msg[96];

	if (utf8_check(s, strlen(s)) >= 0) {
		cell_error(w, row, col, "the text is not valid UTF-8");
		return 0;
	}
	if (units(s) > CELL_TEXT_MAX) {
		snprintf(msg, sizeof(msg), "the text is %zu characters long; a "
		    "cell holds at most %d", units(s), CELL_TEXT_MAX);
		cell_error(w, row, col, msg);
		return 0;
	}
	return 1;
}

static void
put_text(struct xw *w, lxw_row_t row, lxw_col_t col, const char *s,
    lxw_format *f)
{
	if (text_ok(w, s, row, col))
		lxw_ok(w, worksheet_write_string(w->cur, row, col, s, f), row,
		    col);
}

static void
put_number(struct xw *w, lxw_row_t row, lxw_col_t col, double x,
    lxw_format *f)
{
	if (!isfinite(x)) {
		cell_error(w, row, col, "the number is not finite");
		return;
	}
	lxw_ok(w, worksheet_write_number(w->cur, row, col, x, f), row, col);
}

/* A formula and the value it computes (checked like any number). */
static void
put_formula(struct xw *w, lxw_row_t row, lxw_col_t col, const char *formula,
    double x, lxw_format *f)
{
	if (!isfinite(x)) {
		cell_error(w, row, col, "the formula's value is not finite");
		return;
	}
	lxw_ok(w, worksheet_write_formula_num(w->cur, row, col, formula, f, x),
	    row, col);
}

static void
put_blank(struct xw *w, lxw_row_t row, lxw_col_t col, lxw_format *f)
{
	/* A blank without a format is no cell at all. */
	if (f)
		lxw_ok(w, worksheet_write_blank(w->cur, row, col, f), row, col);
}

static int
is_url(const char *s)
{
	return str_starts(s, "https://") || str_starts(s, "http://") ||
	    str_starts(s, "ftp://") || str_starts(s, "mailto:");
}

static void
put_link(struct xw *w, lxw_row_t row, lxw_col_t col, const char *s,
    lxw_format *f)
{
	/* Past Excel's limits a link stays readable as text. */
	if (!is_url(s) || units(s) > URL_MAX || w->nurls >= LXW_MAX_NUMBER_URLS ||
	    strpbrk(s, " \"<>") != NULL) {
		put_text(w, row, col, s, f);
		return;
	}
	if (!text_ok(w, s, row, col))
		return;
	w->nurls++;
	lxw_ok(w, worksheet_write_url(w->cur, row, col, s, f), row, col);
}

static const char *
date_format(const struct xw *w, enum date_prec p)
{
	const struct wb_props *b = &w->l->book;

	switch (p) {
	case DATE_DAY:
		return b->date_day ? b->date_day : "yyyy-mm-dd";
	case DATE_MONTH:
		return b->date_month ? b->date_month : "yyyy-mm";
	default:
		return b->date_year ? b->date_year : "yyyy";
	}
}

/* A date is a real date (its first day), shown at its own precision. */
static void
put_date(struct xw *w, lxw_row_t row, lxw_col_t col, const struct date *d,
    long fi, long over)
{
	lxw_datetime dt = {d->y, d->m ? d->m : 1, d->d ? d->d : 1, 0, 0, 0};
	char iso[11];

	if (d->y < 1900) {      /* before Excel's calendar: keep it as text */
		date_iso(d, iso);
		put_text(w, row, col, iso, fmt(w, fi, over, NULL));
		return;
	}
	lxw_ok(w, worksheet_write_datetime(w->cur, row, col, &dt,
	    fmt(w, fi, over, date_format(w, d->prec))), row, col);
}

/* The value v of layout column c, in its format (laid under `over`). */
static void
put_value(struct xw *w, lxw_row_t row, lxw_col_t col, const struct qvalue *v,
    const struct wb_column *c, long over)
{
	lxw_format *f = fmt(w, c->fmt, over, NULL);

	switch (v->type) {
	case QV_TEXT:
		if (c->link)
			put_link(w, row, col, v->text, f);
		else
			put_text(w, row, col, v->text, f);
		break;
	case QV_INT:
		if (c->yes)
			put_text(w, row, col, v->i ? c->yes : c->no, f);
		else
			put_number(w, row, col, (double)v->i, f);
		break;
	case QV_REAL:
		put_number(w, row, col, v->r, f);
		break;
	case QV_DATE:
		put_date(w, row, col, &v->d, c->fmt, over);
		break;
	default:
		put_blank(w, row, col, f);
	}
}

/* ---- row heights ---- */

/* Neither libxlsxwriter nor LibreOffice sizes a row to its wrapped text,
 * so the writer estimates it: words laid greedily into lines of `cap`
 * characters. */
static size_t
wrap_lines(const char *s, size_t cap)
{
	size_t lines = 1, used = 0, word;
	const char *e;

	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		for (e = s, word = 0; *e && *e != ' '; e++)
			if (((unsigned char)*e & 0xC0) != 0x80)
				word++;
		if (used && used + 1 + word > cap) {
			lines++;
			used = 0;
		}
		used += (used ? 1 : 0) + word;
		for (; used > cap; used -= cap)
			lines++;
		s = e;
	}
	return lines;
}

/* Height in points of text in a cell of the given formats, or 0 when the
 * cell does not wrap (one line fits the default height). */
static double
text_height(const struct xw *w, long base, long over, const char *text,
    const struct wb_column *c)
{
	const struct wb_format *b = base >= 0 ? &w->l->formats[base] : NULL;
	const struct wb_format *o = over >= 0 ? &w->l->formats[over] : NULL;
	double size = 11;       /* libxlsxwriter's default font */
	size_t lines;
	int bold;

	if (!c->has_width || !((b && b->wrap) || (o && o->wrap)))
		return 0;
	if (o && o->has_size)
		size = o->size;
	else if (b && b->has_size)
		size = b->size;
	/* A column's width counts digits; text averages narrower, about 1.2
	 * characters to a digit in the usual fonts, bold text about 1 (a
	 * little less than measured, so that an estimate errs on the side of
	 * room). */
	bold = (b && b->bold) || (o && o->bold);
	lines = wrap_lines(text, c->width < 1 ? 1 :
	    (size_t)(c->width * (bold ? 1.0 : 1.2)));
	/* 15 points a line for 11-point text, as Excel's default row. */
	return lines > 1 ? (double)lines * size * 15 / 11 : 0;
}

static void
set_height(struct xw *w, lxw_row_t row, double h)
{
	if (h > 409)            /* Excel's tallest row */
		h = 409;
	if (h > 0)
		lxw_ok(w, worksheet_set_row(w->cur, row, h, NULL), row, 0);
}

/* The text a value shows in column c, or NULL for a number or a date. */
static const char *
shown_text(const struct qvalue *v, const struct wb_column *c)
{
	if (v->type == QV_TEXT)
		return v->text;
	if (v->type == QV_INT && c->yes)
		return v->i ? c->yes : c->no;
	return NULL;
}

static double
value_height(const struct xw *w, const struct qvalue *v,
    const struct wb_column *c, long over)
{
	const char *t = shown_text(v, c);

	return t ? text_height(w, c->fmt, over, t, c) : 0;
}

/* ---- data rows ---- */

static void
ref(char *out, lxw_row_t row, lxw_col_t col, int abs_row)
{
	lxw_rowcol_to_cell_abs(out, row, col, (uint8_t)abs_row, 0);
}

static int stated(const struct xw *w, const struct wb_column *c,
    double *x);

/* =D5/D$44: the row's share of the stated total when the column states
 * one (a partial table's sum is not the total), else of the total row;
 * cached. */
static void
share_cell(struct xw *w, size_t k, lxw_row_t row, const struct qvalue *vals,
    long over)
{
	const struct xp_sheet *ps = w->ps;
	const struct wb_column *c = col_of(w, k);
	const struct xp_info *of = &ps->info[c->of_col];
	lxw_col_t oc = (lxw_col_t)of->first;
	char a[LXW_MAX_CELL_NAME_LENGTH], t[LXW_MAX_CELL_NAME_LENGTH];
	char formula[64];
	double x, whole = of->total;
	lxw_row_t whole_row = ps->total_row;

	if (ps->stated_row != UINT32_MAX && stated(w, of->c, &whole))
		whole_row = ps->stated_row;
	else
		whole = of->total;
	if (!xplan_number(of->c, &vals[c->of_col], &x) || whole == 0) {
		put_blank(w, row, (lxw_col_t)ps->info[k].first,
		    fmt(w, c->fmt, over, NULL));
		return;
	}
	ref(a, row, oc, 0);
	ref(t, whole_row, oc, 1);
	snprintf(formula, sizeof(formula), "=%s/%s", a, t);
	w->acc[k] += x / whole;
	put_formula(w, row, (lxw_col_t)ps->info[k].first, formula,
	    x / whole, fmt(w, c->fmt, over, NULL));
}

/* =RANK(D5,D$5:D$42): largest first, ties share a rank; cached. */
static void
rank_cell(struct xw *w, size_t k, lxw_row_t row, const struct qvalue *vals,
    long over)
{
	const struct xp_sheet *ps = w->ps;
	const struct wb_column *c = col_of(w, k);
	const struct xp_info *of = &ps->info[c->of_col];
	lxw_col_t oc = (lxw_col_t)of->first;
	char a[LXW_MAX_CELL_NAME_LENGTH], f[LXW_MAX_CELL_NAME_LENGTH];
	char l[LXW_MAX_CELL_NAME_LENGTH], formula[96];
	double x;
	long r;

	if (!xplan_number(of->c, &vals[c->of_col], &x)) {
		put_blank(w, row, (lxw_col_t)ps->info[k].first,
		    fmt(w, c->fmt, over, NULL));
		return;
	}
	r = xplan_rank(of, x);
	ref(a, row, oc, 0);
	ref(f, ps->first_row, oc, 1);
	ref(l, ps->first_row + (lxw_row_t)ps->nrows - 1, oc, 1);
	snprintf(formula, sizeof(formula), "=RANK(%s,%s:%s)", a, f, l);
	w->acc[k] += (double)r;
	put_formula(w, row, (lxw_col_t)ps->info[k].first, formula, (double)r,
	    fmt(w, c->fmt, over, NULL));
}

/* Every second data row may carry the sheet's band format, so rows read
 * as bands in any spreadsheet (a table's own banding is Excel's only). */
static long
band(const struct xw *w, size_t r)
{
	return r % 2 ? w->ps->s->fmt_band : -1;
}

static void
plain_row(struct xw *w, size_t r, struct qvalue *vals)
{
	const struct xp_sheet *ps = w->ps;
	lxw_row_t row = ps->first_row + (lxw_row_t)r;
	size_t k, n = ps->s->ncols;
	long over = band(w, r);
	double h = 0, t;

	for (k = 0; k < n; k++) {
		xplan_cell(w->m, ps, r, k, &vals[k]);
		if ((t = value_height(w, &vals[k], col_of(w, k), over)) > h)
			h = t;
	}
	set_height(w, row, h);
	for (k = 0; k < n && !w->failed; k++) {
		const struct wb_column *c = col_of(w, k);

		if (c->formula == WBX_SHARE)
			share_cell(w, k, row, vals, over);
		else if (c->formula == WBX_RANK)
			rank_cell(w, k, row, vals, over);
		else
			put_value(w, row, (lxw_col_t)ps->info[k].first,
			    &vals[k], c, over);
	}
}

/* =E5-D5: the change of a repeated column since the value before. */
static void
change_cell(struct xw *w, size_t k, lxw_row_t row, size_t a,
    const size_t *cell, long over)
{
	const struct xp_sheet *ps = w->ps;
	const struct xp_pivot *pv = ps->pv;
	const struct xp_info *in = &ps->info[k];
	lxw_col_t col = (lxw_col_t)(in->change_first + a - 1);
	char x[LXW_MAX_CELL_NAME_LENGTH], y[LXW_MAX_CELL_NAME_LENGTH];
	char formula[64];
	double cur, prev;

	/* A change needs both values: no change is shown for a nation that
	 * joined or left between the two. */
	if (cell[a] == (size_t)-1 || cell[a - 1] == (size_t)-1 ||
	    !xplan_number(in->c, &pv->rvals[cell[a] * pv->nrep + in->rep],
	    &cur) || !xplan_number(in->c,
	    &pv->rvals[cell[a - 1] * pv->nrep + in->rep], &prev)) {
		put_blank(w, row, col, fmt(w, in->c->fmt, over, NULL));
		return;
	}
	ref(x, row, (lxw_col_t)(in->first + a), 0);
	ref(y, row, (lxw_col_t)(in->first + a - 1), 0);
	snprintf(formula, sizeof(formula), "=%s-%s", x, y);
	put_formula(w, row, col, formula, cur - prev,
	    fmt(w, in->c->fmt, over, NULL));
}

/* One group's row: its own columns, then each repeated column across. */
static void
pivot_row(struct xw *w, size_t r, size_t *cell)
{
	const struct xp_sheet *ps = w->ps;
	const struct xp_pivot *pv = ps->pv;
	size_t g = ps->order ? ps->order[r] : r, j, k, a;
	lxw_row_t row = ps->first_row + (lxw_row_t)r;
	const struct qvalue *gv = &pv->gvals[g * ps->s->ncols];
	struct qvalue none = {0};
	long over = band(w, r);
	double h = 0, t;

	for (j = pv->gstart[g]; j < pv->gstart[g + 1]; j++)
		cell[pv->racross[pv->grows[j]]] = pv->grows[j];
	for (k = 0; k < ps->s->ncols; k++)
		if (!ps->info[k].c->repeat &&
		    (t = value_height(w, &gv[k], ps->info[k].c, over)) > h)
			h = t;
	set_height(w, row, h);
	for (k = 0; k < ps->s->ncols && !w->failed; k++) {
		const struct xp_info *in = &ps->info[k];

		if (!in->c->repeat) {
			put_value(w, row, (lxw_col_t)in->first, &gv[k], in->c,
			    over);
			continue;
		}
		for (a = 0; a < pv->nacross; a++)
			put_value(w, row, (lxw_col_t)(in->first + a),
			    cell[a] == (size_t)-1 ? &none :
			    &pv->rvals[cell[a] * pv->nrep + in->rep], in->c,
			    over);
		for (a = 1; in->c->change && a < pv->nacross; a++)
			change_cell(w, k, row, a, cell, over);
	}
	for (j = pv->gstart[g]; j < pv->gstart[g + 1]; j++)
		cell[pv->racross[pv->grows[j]]] = (size_t)-1;
}

static void
data_rows(struct xw *w)
{
	const struct xp_sheet *ps = w->ps;
	struct qvalue *vals = xcalloc(ps->s->ncols, sizeof(*vals));
	size_t *cell = NULL, r, a;

	if (ps->pv) {
		cell = xcalloc(ps->pv->nacross + 1, sizeof(size_t));
		for (a = 0; a < ps->pv->nacross; a++)
			cell[a] = (size_t)-1;
	}
	for (r = 0; r < ps->nrows && !w->failed; r++) {
		if (ps->pv)
			pivot_row(w, r, cell);
		else
			plain_row(w, r, vals);
	}
	free(cell);
	free(vals);
}

/* ---- rows around the data ---- */

static void
text_row(struct xw *w, uint32_t row, const char *t, long fi)
{
	struct wb_tctx tc = {NULL, NULL, w->l->book.thousands};
	struct buf b = {0};

	if (row == UINT32_MAX)
		return;
	wb_template(w->m, t, &tc, &b);
	put_text(w, row, 0, b.data, fmt(w, fi, -1, NULL));
	buf_free(&b);
}

static void
header_row(struct xw *w)
{
	const struct xp_sheet *ps = w->ps;
	double h = 0, t;
	size_t i;

	for (i = 0; i < ps->npc; i++) {
		const struct wb_column *c = ps->info[ps->pc[i].k].c;

		t = text_height(w, c->fmt, ps->s->fmt_header, ps->pc[i].header, c);
		if (t > h)
			h = t;
	}
	set_height(w, ps->header_row, h);
	for (i = 0; i < ps->npc && !w->failed; i++)
		put_text(w, ps->header_row, (lxw_col_t)i, ps->pc[i].header,
		    fmt(w, ps->info[ps->pc[i].k].c->fmt, ps->s->fmt_header,
		    NULL));
}

/* The first cell of a total row holds its label; the others carry the
 * total format so that the row reads as one band. */
static void
footer_cells(struct xw *w, uint32_t row, const char *label,
    void (*cell)(struct xw *, uint32_t, size_t))
{
	const struct xp_sheet *ps = w->ps;
	size_t i;

	if (row == UINT32_MAX)
		return;
	put_text(w, row, 0, label, fmt(w, ps->info[ps->pc[0].k].c->fmt,
	    ps->s->fmt_total, NULL));
	for (i = 1; i < ps->npc && !w->failed; i++)
		cell(w, row, i);
}

static void
total_cell(struct xw *w, uint32_t row, size_t i)
{
	const struct xp_sheet *ps = w->ps;
	const struct xp_info *in = &ps->info[ps->pc[i].k];
	lxw_format *f = fmt(w, in->c->fmt, ps->s->fmt_total, NULL);
	char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
	char formula[64];

	if (!in->c->sum) {
		put_blank(w, row, (lxw_col_t)i, f);
		return;
	}
	if (ps->nrows == 0) {
		put_number(w, row, (lxw_col_t)i, 0, f);
		return;
	}
	ref(a, ps->first_row, (lxw_col_t)i, 0);
	ref(b, ps->first_row + (lxw_row_t)ps->nrows - 1, (lxw_col_t)i, 0);
	snprintf(formula, sizeof(formula), "=SUM(%s:%s)", a, b);
	put_formula(w, row, (lxw_col_t)i, formula, in->c->formula ?
	    w->acc[ps->pc[i].k] : in->total, f);
}

/* The stated value of a column (a field of the model), if a number. */
static int
stated(const struct xw *w, const struct wb_column *c, double *x)
{
	struct qvalue v;

	if (c->stated == NULL || query_field(w->m, c->stated, &v) < 0)
		return 0;
	return xplan_number(c, &v, x);
}

static void
stated_cell(struct xw *w, uint32_t row, size_t i)
{
	const struct xp_sheet *ps = w->ps;
	const struct wb_column *c = ps->info[ps->pc[i].k].c;
	lxw_format *f = fmt(w, c->fmt, ps->s->fmt_total, NULL);
	double x;

	if (stated(w, c, &x))
		put_number(w, row, (lxw_col_t)i, x, f);
	else
		put_blank(w, row, (lxw_col_t)i, f);
}

/* =D44-D45: total minus stated. */
static void
diff_cell(struct xw *w, uint32_t row, size_t i)
{
	const struct xp_sheet *ps = w->ps;
	const struct xp_info *in = &ps->info[ps->pc[i].k];
	lxw_format *f = fmt(w, in->c->fmt, ps->s->fmt_total, NULL);
	char a[LXW_MAX_CELL_NAME_LENGTH], b[LXW_MAX_CELL_NAME_LENGTH];
	char formula[64];
	double x, total;

	if (!stated(w, in->c, &x)) {
		put_blank(w, row, (lxw_col_t)i, f);
		return;
	}
	total = in->c->formula ? w->acc[ps->pc[i].k] : in->total;
	ref(a, ps->total_row, (lxw_col_t)i, 0);
	ref(b, ps->stated_row, (lxw_col_t)i, 0);
	snprintf(formula, sizeof(formula), "=%s-%s", a, b);
	put_formula(w, row, (lxw_col_t)i, formula, total - x, f);
}

static void
footers(struct xw *w)
{
	const struct wb_sheet *s = w->ps->s;

	/* A partial table's sum is only what it itemises. */
	footer_cells(w, w->ps->total_row, s->itemised_label &&
	    w->m->latest_table && w->m->latest_table->partial ?
	    s->itemised_label : s->total_label, total_cell);
	footer_cells(w, w->ps->stated_row, s->stated_label, stated_cell);
	footer_cells(w, w->ps->diff_row, s->difference_label, diff_cell);
}

/* ---- the sheet as a whole ---- */

static void
widths(struct xw *w)
{
	const struct xp_sheet *ps = w->ps;
	size_t i;

	for (i = 0; i < ps->npc; i++) {
		const struct wb_column *c = ps->info[ps->pc[i].k].c;

		if (c->has_width)
			worksheet_set_column(w->cur, (lxw_col_t)i, (lxw_col_t)i,
			    c->width, NULL);
	}
}

/* A table needs distinct, non-empty headers of at most 255 characters. */
static int
table_headers_ok(struct xw *w)
{
	const struct xp_sheet *ps = w->ps;
	size_t i, j;

	for (i = 0; i < ps->npc; i++) {
		const char *h = ps->pc[i].header;

		if (!text_ok(w, h, ps->header_row, (lxw_col_t)i))
			return 0;
		if (*h == '\0' || units(h) > TABLE_HEADER_MAX) {
			cell_error(w, ps->header_row, (lxw_col_t)i, "a table "
			    "header must have 1 to 255 characters");
			return 0;
		}
		for (j = 0; j < i; j++)
			if (str_ieq(ps->pc[j].header, h)) {
				cell_error(w, ps->header_row, (lxw_col_t)i,
				    "a table needs distinct headers (Excel "
				    "ignores case)");
				return 0;
			}
	}
	return 1;
}

static void
add_table(struct xw *w)
{
	const struct xp_sheet *ps = w->ps;
	lxw_table_column *cols = xcalloc(ps->npc, sizeof(*cols));
	lxw_table_column **ptrs = xcalloc(ps->npc + 1, sizeof(*ptrs));
	lxw_table_options o = {0};
	size_t i;

	for (i = 0; i < ps->npc; i++) {
		cols[i].header = ps->pc[i].header;
		cols[i].header_format = fmt(w, ps->info[ps->pc[i].k].c->fmt,
		    ps->s->fmt_header, NULL);
		ptrs[i] = &cols[i];
	}
	o.columns = ptrs;
	o.style_type = (uint8_t)ps->s->table_type;
	o.style_type_number = (uint8_t)ps->s->table_number;
	o.no_autofilter = !ps->s->autofilter;
	o.no_banded_rows = ps->s->fmt_band >= 0;
	lxw_ok(w, worksheet_add_table(w->cur, ps->header_row, 0,
	    ps->first_row + (lxw_row_t)ps->nrows - 1, (lxw_col_t)(ps->npc - 1),
	    &o), ps->header_row, 0);
	free(ptrs);
	free(cols);
}

/* A table where the layout asks for one and the mode allows it (not in
 * constant_memory mode, not without rows, not too wide); else a plain
 * autofilter. */
static void
table_or_filter(struct xw *w)
{
	const struct xp_sheet *ps = w->ps;
	lxw_row_t last = ps->first_row + (lxw_row_t)ps->nrows -
	    (ps->nrows ? 1 : 0);

	if (ps->npc == 0)
		return;         /* only repeated columns, and nothing across */
	if (ps->s->table_type && !w->p->constant_memory && ps->nrows > 0 &&
	    ps->npc <= TABLE_MAX_COLUMNS) {
		if (table_headers_ok(w))
			add_table(w);
		return;
	}
	if (ps->s->autofilter)
		lxw_ok(w, worksheet_autofilter(w->cur, ps->header_row, 0,
		    ps->nrows ? last : ps->header_row,
		    (lxw_col_t)(ps->npc - 1)), ps->header_row, 0);
}

/* Pixels of physical column i as Excel draws it (7 px a character plus
 * 5 of padding; 64 for a column the layout leaves at Excel's width). */
static double
col_px(const struct xp_sheet *ps, size_t i)
{
	const struct wb_column *c = i < ps->npc ? ps->info[ps->pc[i].k].c :
	    NULL;

	return c && c->has_width ? floor(c->width * 7 + 0.5) + 5 : 64;
}

#define ROW_PX 20.0             /* a row of Excel's default height */
#define BELOW_GAP 2             /* rows between a table and a chart */

/* The chart under the table of sheet ps: its first row. */
static lxw_row_t
below_row(const struct xp_sheet *ps)
{
	return (lxw_row_t)(ps->nsheet_rows + BELOW_GAP - 1);
}

/* Is chart ch drawn over the rows of ps?  Not over no rows, and a line
 * (a change over time) not over a single point: it would show no change. */
static int
chart_drawn(const struct wb_chart *ch, const struct xp_sheet *ps)
{
	return ps->nrows >= (ch->type == WB_CHART_LINE ||
	    ch->type == WB_CHART_TIME ? 2u : 1u);
}

/* The cells the sheet prints: its table, and the charts placed below it
 * (a chart beside the table prints too, but shrinks the page to fit). */
static void
print_area(struct xw *w, size_t sheet)
{
	const struct xp_sheet *ps = w->ps;
	lxw_row_t last = ps->nsheet_rows ? (lxw_row_t)(ps->nsheet_rows - 1) : 0;
	lxw_col_t lastc = ps->npc ? (lxw_col_t)(ps->npc - 1) : 0;
	size_t k;

	for (k = 0; k < w->l->ncharts; k++) {
		const struct wb_chart *ch = &w->l->charts[k];
		lxw_row_t r0 = ch->has_anchor ? ch->anchor_row : ch->below ?
		    below_row(ps) : ps->header_row;
		size_t c0 = ch->has_anchor ? ch->anchor_col : ch->below ? 0 :
		    ps->npc + 1, c;
		double px = 0, want = ch->width ? (double)ch->width : CHART_W;

		if (ch->sheet_idx != sheet || !chart_drawn(ch, ps))
			continue;
		for (c = c0; px < want; c++)
			px += col_px(ps, c);
		r0 += (lxw_row_t)ceil((ch->height ? (double)ch->height :
		    CHART_H) / ROW_PX);
		if (r0 > last)
			last = r0;
		if (c - 1 > lastc)
			lastc = (lxw_col_t)(c - 1);
	}
	lxw_ok(w, worksheet_print_area(w->cur, 0, 0, last, lastc), 0, 0);
}

static void
page_setup(struct xw *w, size_t sheet)
{
	const struct xp_sheet *ps = w->ps;
	const struct wb_props *b = &w->l->book;

	worksheet_set_paper(w->cur, wb_paper_codes[b->paper]);
	if (b->footer)
		worksheet_set_footer(w->cur, b->footer);
	print_area(w, sheet);
	if (ps->s->freeze)
		worksheet_freeze_panes(w->cur, ps->header_row + 1,
		    (lxw_col_t)ps->s->freeze_columns);
	if (ps->s->landscape)
		worksheet_set_landscape(w->cur);
	if (ps->s->fit_width)
		worksheet_fit_to_pages(w->cur, 1, 0);
	lxw_ok(w, worksheet_repeat_rows(w->cur, ps->header_row,
	    ps->header_row), ps->header_row, 0);
}

static void charts(struct xw *w, size_t sheet);

static int
write_sheet(struct xw *w, size_t i)
{
	const struct wb_sheet *s = &w->l->sheets[i];

	w->ps = &w->p->sheets[i];
	w->cur = workbook_add_worksheet(w->wb, s->name);
	if (w->cur == NULL) {
		diag_error(&s->name_loc, "libxlsxwriter refused sheet name "
		    "'%s'", s->name);
		return -1;
	}
	w->acc = xcalloc(s->ncols, sizeof(double));
	w->nurls = 0;
	/* Everything that names a range goes first: in constant_memory
	 * mode the library refuses a range above the row it has reached. */
	widths(w);
	table_or_filter(w);
	page_setup(w, i);
	charts(w, i);
	text_row(w, w->ps->title_row, s->title, s->fmt_title);
	text_row(w, w->ps->note_row, s->note, s->fmt_note);
	header_row(w);
	data_rows(w);
	footers(w);
	free(w->acc);
	w->acc = NULL;
	return w->failed ? -1 : 0;
}

/* ---- charts ---- */

static const uint8_t chart_type[] = {LXW_CHART_BAR, LXW_CHART_COLUMN,
	LXW_CHART_LINE, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS};

/* A chart's title or axis title; 0 (reported) when not valid UTF-8. */
static int
chart_text(struct xw *w, const struct wb_chart *ch, const char *t,
    struct buf *b)
{
	struct wb_tctx tc = {NULL, NULL, w->l->book.thousands};

	b->len = 0;
	wb_template(w->m, t, &tc, b);
	if (utf8_check(b->data, b->len) < 0)
		return 1;
	diag_error(&ch->loc, "a title of chart '%s' is not valid UTF-8",
	    ch->id);
	w->failed = 1;
	return 0;
}

/* In libxlsxwriter's bar chart the axes trade places: x_axis holds the
 * values (drawn horizontally), y_axis the categories. */
static lxw_chart_axis *
cat_axis(const struct wb_chart *ch, lxw_chart *chart)
{
	return ch->type == WB_CHART_BAR ? chart->y_axis : chart->x_axis;
}

static lxw_chart_axis *
val_axis(const struct wb_chart *ch, lxw_chart *chart)
{
	return ch->type == WB_CHART_BAR ? chart->x_axis : chart->y_axis;
}

static void
chart_style(const struct wb_chart *ch, lxw_chart *chart,
    lxw_chart_series *se)
{
	lxw_chart_fill fill = {0};
	lxw_chart_line line = {0};

	if (ch->has_rgb && (ch->type == WB_CHART_LINE ||
	    ch->type == WB_CHART_TIME)) {
		line.color = ch->rgb;
		line.width = 2.25;
		fill.color = ch->rgb;
		chart_series_set_line(se, &line);
		chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
		chart_series_set_marker_fill(se, &fill);
		chart_series_set_marker_line(se, &line);
	} else if (ch->has_rgb) {
		fill.color = ch->rgb;
		chart_series_set_fill(se, &fill);
	}
	if (ch->labels && ch->type != WB_CHART_TIME)
		chart_series_set_labels(se);
	if (ch->labels && ch->type == WB_CHART_LINE)
		chart_series_set_labels_position(se,
		    LXW_CHART_LABEL_POSITION_ABOVE);
	if (ch->type != WB_CHART_LINE && ch->type != WB_CHART_TIME)
		chart_set_series_gap(chart, 60);        /* bars wider than gaps */
	if (!ch->legend)
		chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
	/* A bar chart draws its first category at the bottom; the reader
	 * expects the first row of the sheet at the top, and the values
	 * still below. */
	if (ch->type == WB_CHART_BAR) {
		chart_axis_set_reverse(cat_axis(ch, chart));
		chart_axis_set_crossing_max(cat_axis(ch, chart));
	}
}

static void
chart_titles(struct xw *w, const struct wb_chart *ch, lxw_chart *chart)
{
	struct buf b = {0};

	if (ch->title && chart_text(w, ch, ch->title, &b))
		chart_title_set_name(chart, b.data);
	if (ch->x_title && chart_text(w, ch, ch->x_title, &b))
		chart_axis_set_name(cat_axis(ch, chart), b.data);
	if (ch->y_title && chart_text(w, ch, ch->y_title, &b))
		chart_axis_set_name(val_axis(ch, chart), b.data);
	if (ch->num_format)
		chart_axis_set_num_format(val_axis(ch, chart), ch->num_format);
	if (ch->category_format)
		chart_axis_set_num_format(cat_axis(ch, chart),
		    ch->category_format);
	buf_free(&b);
}

/* ---- time charts ---- */

/* Excel's serial of a date's first day (1 = 1 January 1900; the serials
 * the sheet's date cells hold, put_date). */
static double
excel_serial(int y, int m, int d)
{
	static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243,
	    273, 304, 334};
	long yy = y - 1, days;

	days = 365L * yy + yy / 4 - yy / 100 + yy / 400 + before[m - 1] +
	    (m > 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) + d;
	/* 1 January 1900 is day 693596 of this count and Excel's 1; Excel
	 * counts a phantom 29 February 1900, so from March 1900 on (every
	 * date a mission has) its serial is one more. */
	return (double)(days - 693594);
}

static const char *const qual_mark[QUAL__MAX] = {"", "~", ">", "<",
	"\xe2\x89\xa5", ">"};

/* Is data row r a planned level (snapshot kind = plan)? */
static int
row_plan(struct xw *w, const struct wb_chart *ch, size_t r)
{
	const struct xp_sheet *ps = &w->p->sheets[ch->sheet_idx];
	int pc = query_col(ps->s->ql, "plan");
	struct qvalue v;

	if (pc < 0)
		return 0;
	query_get(w->m, ps->s->ql, ps->order ? ps->order[r] : r, pc, &v);
	return v.type == QV_INT && v.i != 0;
}

/* The label of data row r: "~13,000", "16,000 planned", as the PDF's
 * chart marks them. */
static char *
time_label(struct xw *w, const struct wb_chart *ch, size_t r, double x)
{
	const struct xp_sheet *ps = &w->p->sheets[ch->sheet_idx];
	size_t i = ps->order ? ps->order[r] : r;
	int qc = query_col(ps->s->ql, "qualifier");
	enum qual q = QUAL_EXACT;
	struct qvalue v;
	struct buf b = {0};
	const char *sep = w->l->book.thousands ? w->l->book.thousands : ",";
	char num[32];
	int plan = 0;
	size_t n, k;

	if (qc >= 0) {
		query_get(w->m, ps->s->ql, i, qc, &v);
		if (v.type == QV_TEXT && v.text)
			qual_parse(v.text, &q);
	}
	plan = row_plan(w, ch, r);
	n = (size_t)snprintf(num, sizeof(num), "%.0f", x);
	buf_puts(&b, qual_mark[q]);
	for (k = 0; k < n; k++) {
		if (k > 0 && (n - k) % 3 == 0)
			buf_puts(&b, sep);
		buf_add(&b, num + k, 1);
	}
	if (plan && ch->plan_label) {
		buf_puts(&b, " ");
		buf_puts(&b, ch->plan_label);
	}
	buf_add(&b, "", 0);
	return b.data;
}

/* One label per point of layout column k; rows without a value get none
 * (libxlsxwriter copies the strings). */
static void
time_labels(struct xw *w, const struct wb_chart *ch, lxw_chart_series *se,
    size_t k, size_t n)
{
	const struct xp_sheet *ps = &w->p->sheets[ch->sheet_idx];
	lxw_chart_data_label *v = xcalloc(n + 1, sizeof(*v));
	lxw_chart_data_label **pv = xcalloc(n + 1, sizeof(*pv));
	struct qvalue q;
	double x;
	size_t r;

	for (r = 0; r < n; r++) {
		xplan_cell(w->m, ps, r, k, &q);
		if (xplan_number(ps->info[k].c, &q, &x))
			v[r].value = time_label(w, ch, r, x);
		else
			v[r].hide = 1;
		pv[r] = &v[r];
	}
	chart_series_set_labels(se);
	chart_series_set_labels_position(se, LXW_CHART_LABEL_POSITION_ABOVE);
	lxw_ok(w, chart_series_set_labels_custom(se, pv), 0, 0);
	for (r = 0; r < n; r++)
		free(v[r].value);
	free(v);
	free(pv);
}

/* The date axis: whole years, from the first date's to the year after
 * the last, a tick a year. */
static void
time_axis(struct xw *w, const struct wb_chart *ch, lxw_chart *chart,
    size_t n)
{
	const struct xp_sheet *ps = &w->p->sheets[ch->sheet_idx];
	int lo = 0, hi = 0;
	struct qvalue v;
	size_t r;

	for (r = 0; r < n; r++) {
		xplan_cell(w->m, ps, r, ch->cat_col, &v);
		if (v.type != QV_DATE || v.d.prec == DATE_NONE)
			continue;
		if (lo == 0 || v.d.y < lo)
			lo = v.d.y;
		if (v.d.y > hi)
			hi = v.d.y;
	}
	if (lo == 0)
		return;
	chart_axis_set_min(chart->x_axis, excel_serial(lo, 1, 1));
	chart_axis_set_max(chart->x_axis, excel_serial(hi + 1, 1, 1));
	chart_axis_set_major_unit(chart->x_axis, 365.25);
	chart_axis_set_num_format(chart->x_axis, ch->category_format ?
	    ch->category_format : "yyyy");
	chart_axis_set_min(chart->y_axis, 0);
}

/* A point off the line (a plan, or a second figure of one date): a series
 * of its own, so no line joins two of them, a ring with a white centre.
 * LibreOffice colours a marker with its series' line, so the line is the
 * ring's colour; a one-point series draws none. */
static int
time_apart_point(struct xw *w, const struct wb_chart *ch, lxw_chart *chart,
    size_t r, double x)
{
	const struct xp_sheet *ps = &w->p->sheets[ch->sheet_idx];
	const char *sheet = ps->s->name;
	lxw_col_t cc = (lxw_col_t)ps->info[ch->cat_col].first;
	lxw_col_t ac = (lxw_col_t)ps->info[ch->apart_col].first;
	lxw_row_t row = ps->first_row + (lxw_row_t)r;
	lxw_chart_series *se = chart_add_series(chart, NULL, NULL);
	lxw_chart_line ring = {0};
	lxw_chart_fill white = {0};
	lxw_chart_data_label lab = {0}, *labs[2] = {&lab, NULL};

	if (se == NULL)
		return -1;
	chart_series_set_categories(se, sheet, row, cc, row, cc);
	chart_series_set_values(se, sheet, row, ac, row, ac);
	chart_series_set_name_range(se, sheet, ps->header_row, ac);
	ring.color = ch->has_rgb ? ch->rgb : 0;        /* 0: Excel's own */
	ring.width = 1.5;
	white.color = 0xFFFFFF;
	chart_series_set_line(se, &ring);
	chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
	chart_series_set_marker_size(se, 7);
	chart_series_set_marker_fill(se, &white);
	chart_series_set_marker_line(se, &ring);
	if (ch->labels) {
		/* A second figure of a date sits just under the first, whose
		 * label is above the line: its label goes below; a plan's
		 * above, clear of the line. */
		lab.value = time_label(w, ch, r, x);
		chart_series_set_labels(se);
		chart_series_set_labels_position(se, row_plan(w, ch, r) ?
		    LXW_CHART_LABEL_POSITION_ABOVE :
		    LXW_CHART_LABEL_POSITION_BELOW);
		lxw_ok(w, chart_series_set_labels_custom(se, labs), 0, 0);
		free(lab.value);
	}
	return 0;
}

/* The points off the line; the legend names the first of them only. */
static void
time_apart(struct xw *w, const struct wb_chart *ch, lxw_chart *chart,
    size_t n)
{
	const struct xp_sheet *ps = &w->p->sheets[ch->sheet_idx];
	int16_t *hide = xcalloc(n + 2, sizeof(*hide));
	size_t r, k = 0, nhide = 0;
	struct qvalue q;
	double x;

	for (r = 0; r < n; r++) {
		xplan_cell(w->m, ps, r, (size_t)ch->apart_col, &q);
		if (!xplan_number(ps->info[ch->apart_col].c, &q, &x))
			continue;
		if (time_apart_point(w, ch, chart, r, x) < 0)
			break;
		if (k++ > 0)
			hide[nhide++] = (int16_t)k;     /* series 0 is the line */
	}
	hide[nhide] = -1;
	if (nhide > 0)
		chart_legend_delete_series(chart, hide);
	free(hide);
}

/* A time chart beyond its line: the axis, the points apart, labels. */
static void
time_chart(struct xw *w, const struct wb_chart *ch, lxw_chart *chart,
    lxw_chart_series *se, lxw_row_t n)
{
	time_axis(w, ch, chart, n);
	/* A plan between two counts leaves a blank: the line goes on. */
	chart_show_blanks_as(chart, LXW_CHART_BLANKS_AS_CONNECTED);
	if (ch->labels)
		time_labels(w, ch, se, ch->val_col, n);
	if (ch->apart_col >= 0)
		time_apart(w, ch, chart, n);
	chart_legend_set_position(chart, ch->legend ?
	    LXW_CHART_LEGEND_BOTTOM : LXW_CHART_LEGEND_NONE);
}

static int
add_chart(struct xw *w, const struct wb_chart *ch)
{
	const struct xp_sheet *ps = &w->p->sheets[ch->sheet_idx];
	const char *sheet = ps->s->name;
	lxw_col_t cc = (lxw_col_t)ps->info[ch->cat_col].first;
	lxw_col_t vc = (lxw_col_t)ps->info[ch->val_col].first;
	lxw_chart_options o = {0};
	lxw_chart_series *se;
	lxw_chart *chart;
	lxw_row_t n, last;

	if (!chart_drawn(ch, ps))
		return 0;       /* nothing to draw */
	n = (lxw_row_t)(ch->rows && (size_t)ch->rows < ps->nrows ? ch->rows :
	    (long)ps->nrows);
	last = ps->first_row + n - 1;
	chart = workbook_add_chart(w->wb, chart_type[ch->type]);
	se = chart ? chart_add_series(chart, NULL, NULL) : NULL;
	if (se == NULL) {
		diag_error(&ch->loc, "libxlsxwriter could not make chart '%s'",
		    ch->id);
		return -1;
	}
	chart_series_set_categories(se, sheet, ps->first_row, cc, last, cc);
	chart_series_set_values(se, sheet, ps->first_row, vc, last, vc);
	chart_series_set_name_range(se, sheet, ps->header_row, vc);
	chart_style(ch, chart, se);
	chart_titles(w, ch, chart);
	if (ch->type == WB_CHART_TIME)
		time_chart(w, ch, chart, se, n);
	if (w->failed)
		return -1;
	o.x_scale = ch->width ? (double)ch->width / CHART_W : 1;
	o.y_scale = ch->height ? (double)ch->height / CHART_H : 1;
	return lxw_ok(w, worksheet_insert_chart_opt(w->cur,
	    ch->has_anchor ? ch->anchor_row : ch->below ? below_row(ps) :
	    ps->header_row, ch->has_anchor ? ch->anchor_col : ch->below ? 0 :
	    (lxw_col_t)(ps->npc + 1), chart, &o), 0, 0);
}

/* The charts placed on sheet i. */
static void
charts(struct xw *w, size_t i)
{
	size_t k;

	for (k = 0; k < w->l->ncharts && !w->failed; k++)
		if (w->l->charts[k].sheet_idx == i &&
		    add_chart(w, &w->l->charts[k]) < 0)
			w->failed = 1;
}

/* ---- the workbook ---- */

/* Expand each property template; NULL for those the layout leaves out. */
static int
properties(struct xw *w, time_t stamp)
{
	const struct wb_props *b = &w->l->book;
	const char *const t[] = {b->title, b->subject, b->author, b->manager,
	    b->company, b->category, b->keywords, b->comments, b->status};
	struct buf v[sizeof(t) / sizeof(t[0])];
	struct wb_tctx tc = {NULL, NULL, b->thousands};
	lxw_doc_properties p = {0};
	char **slot[] = {&p.title, &p.subject, &p.author, &p.manager,
	    &p.company, &p.category, &p.keywords, &p.comments, &p.status};
	size_t i;
	int rc = 0;

	memset(v, 0, sizeof(v));
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (t[i] == NULL)
			continue;
		wb_template(w->m, t[i], &tc, &v[i]);
		if (utf8_check(v[i].data, v[i].len) >= 0) {
			diag_error(&b->loc, "a document property is not valid "
			    "UTF-8");
			rc = -1;
		}
		*slot[i] = v[i].data;
	}
	/* A fixed creation time keeps two builds byte-identical. */
	p.created = stamp;
	if (rc == 0 && workbook_set_properties(w->wb, &p) != LXW_NO_ERROR) {
		diag_error(&b->loc, "libxlsxwriter refused the document "
		    "properties");
		rc = -1;
	}
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		buf_free(&v[i]);
	return rc;
}

static int
write_book(struct xw *w, time_t stamp)
{
	size_t i;

	if (properties(w, stamp) < 0)
		return -1;
	/* A sheet whose list has no rows (a mission without commands or
	 * per-nation tables) is left out, never written empty. */
	for (i = 0; i < w->l->nsheets; i++)
		if (w->p->sheets[i].nrows > 0 && write_sheet(w, i) < 0)
			return -1;
	return 0;
}

/* The final name of the output, for messages (path is the temporary
 * file beside it). */
static char *
shown_name(const char *path, const char *file)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(file);
	return xasprintf("%.*s/%s", (int)(slash - path), path, file);
}

static int
xlsx_render(void *prep, const struct render_ctx *ctx, int fd,
    const char *path)
{
	struct xw w = {0};
	lxw_workbook_options opt = {0};
	lxw_error e;
	char *shown = shown_name(path, ctx->o->file);
	int rc = -1;

	(void)fd;       /* libxlsxwriter opens the file by its name itself */
	w.m = ctx->m;
	w.l = prep;
	if ((w.p = xplan_new(w.l, w.m)) == NULL)
		goto out;
	opt.constant_memory = (uint8_t)w.p->constant_memory;
	if ((w.wb = workbook_new_opt(path, &opt)) == NULL) {
		diag_sys_error(shown, "cannot start a workbook");
		goto out;
	}
	if (write_book(&w, ctx->stamp) < 0) {
		lxw_workbook_free(w.wb);        /* write nothing */
		goto out;
	}
	/* Only now is the file written: an unwritable folder or a full disk
	 * shows up here. */
	if ((e = workbook_close(w.wb)) != LXW_NO_ERROR) {
		diag_sys_error(shown, "cannot write the workbook: %s",
		    lxw_strerror(e));
		goto out;
	}
	rc = 0;
out:
	free(w.fmts);
	xplan_free(w.p);
	free(shown);
	return rc;
}

/* ---- the renderer interface ---- */

static void *
xlsx_prepare(const struct render_ctx *ctx)
{
	return load_workbook(ctx->o->layout, ctx->m);
}

static void
xlsx_inputs(const void *prep, struct inputs *in)
{
	const struct wb_layout *l = prep;

	if (l)
		inputs_add(in, l->path);
}

static void
xlsx_free(void *prep)
{
	wb_layout_free(prep);
}

const struct renderer render_xlsx = {"xlsx", xlsx_prepare, xlsx_inputs,
	xlsx_render, xlsx_free};
