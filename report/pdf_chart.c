/* pdf_chart.c - charts over a column of a list: horizontal bars (the
 * largest contributors), vertical bars and lines (troops over time), with
 * category labels, value labels and a value axis with round ticks. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "pdf_int.h"
#include "pdf_ops.h"

struct bar {
	char *label, *value;    /* as printed */
	double v;
	int others;             /* the "all others" bar */
	double t;               /* a line over dates: the day (NAN: none) */
	enum qual qual;         /* its qualifier, if the list has one */
	int plan;               /* a planned level, not a count */
};

struct chart {
	const struct lay_block *b;
	struct bar *bars;
	size_t n;
	double max, step;       /* axis: 0..max in steps */
	double label_w;         /* hbar: width of the label column */
	double label_h;         /* vbar, line: height under the plot */
	double tick_w;          /* vbar, line: width of the tick labels */
};

static void
free_chart(void *p)
{
	struct chart *c = p;
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->bars[i].label);
		free(c->bars[i].value);
	}
	free(c->bars);
	free(c);
}

/* A round step giving about `ticks` intervals up to max. */
static double
nice_step(double max, int ticks)
{
	double raw = max / ticks, mag = pow(10, floor(log10(raw))), f = raw / mag;

	if (f <= 1)
		return mag;
	if (f <= 2)
		return 2 * mag;
	if (f <= 2.5)
		return 2.5 * mag;
	if (f <= 5)
		return 5 * mag;
	return 10 * mag;
}

static char *
value_text(struct eng *e, const struct lay_block *b, const struct qvalue *v)
{
	struct buf s = {0};

	buf_add(&s, "", 0);
	fmt_value(v, &b->chart.fmt, &e->loc, &s);
	return s.data;
}

static void
add_bar(struct chart *c, char *label, char *value, double v, int others)
{
	struct bar *b = array_push(&c->bars, &c->n, sizeof(*b));

	b->label = label;
	b->value = value;
	b->v = v;
	b->others = others;
	b->t = NAN;
}

/* Days since 1 January of year 0 (proleptic Gregorian), for spacing
 * points by date. */
static double
day_number(int y, int m, int d)
{
	static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243,
	    273, 304, 334};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return 365.0 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400 +
	    before[m - 1] + (leap && m > 2) + d - 1;
}

/* Where a date stands on a time axis: a month in its middle, a year in
 * its middle, a day on itself. */
static double
date_point(const struct date *d)
{
	if (d->prec == DATE_DAY)
		return day_number(d->y, d->m, d->d);
	if (d->prec == DATE_MONTH)
		return day_number(d->y, d->m, 15);
	return day_number(d->y, 7, 1);
}

/* What a line chart's point needs beyond its value: its date, and the
 * list's `qualifier` and `plan` columns where it has them (snapshots). */
static void
point_facts(struct eng *e, const struct lay_block *b, size_t row,
    const struct qvalue *label, struct bar *r)
{
	int qc = query_col(b->rows.list, "qualifier"),
	    pc = query_col(b->rows.list, "plan");
	struct qvalue v;

	r->t = label->type == QV_DATE && label->d.prec != DATE_NONE ?
	    date_point(&label->d) : NAN;
	if (qc >= 0) {
		query_get(e->m, b->rows.list, row, qc, &v);
		if (v.type == QV_TEXT && v.text)
			qual_parse(v.text, &r->qual);
	}
	if (pc >= 0) {
		query_get(e->m, b->rows.list, row, pc, &v);
		r->plan = v.type == QV_INT && v.i != 0;
	}
}

/* The bars: the rows (cut to `top`), then "others" for the rest. */
static void
collect(struct eng *e, struct chart *c)
{
	const struct lay_block *b = c->b;
	size_t n, all, i, *rows = eng_rows(e, b, &n, &all);
	struct qvalue v, l;
	struct buf s = {0};
	double rest = 0;
	int real = 0;

	for (i = 0; i < all; i++) {
		query_get(e->m, b->rows.list, rows[i], b->chart.value_col, &v);
		if (i >= n) {
			rest += fmt_as_double(&v);
			real |= v.type == QV_REAL;
			continue;
		}
		query_get(e->m, b->rows.list, rows[i], b->chart.label_col, &l);
		s.len = 0;
		buf_add(&s, "", 0);
		fmt_value(&l, &(struct fmt_spec){FMT_AUTO, -1}, &e->loc, &s);
		add_bar(c, xstrdup(s.data), value_text(e, b, &v),
		    fmt_as_double(&v), 0);
		point_facts(e, b, rows[i], &l, &c->bars[c->n - 1]);
	}
	if (b->chart.has_others && all > n) {
		v.type = real ? QV_REAL : QV_INT;
		v.r = rest;
		v.i = (long long)llround(rest);
		struct tmpl_env env = {e->m, NULL, 0, 0, 0, (long)(all - n),
		    &e->loc, e->run ? e->run->title : NULL, PN_ARABIC};

		s.len = 0;
		tmpl_expand(&b->chart.others, &env, &s);
		add_bar(c, xstrdup(s.data), value_text(e, b, &v), rest, 1);
	}
	buf_free(&s);
	free(rows);
}

static void
axis_range(struct chart *c)
{
	size_t i;

	c->max = 0;
	for (i = 0; i < c->n; i++)
		if (c->bars[i].v > c->max)
			c->max = c->bars[i].v;
	if (c->max <= 0)
		c->max = 1;
	c->step = nice_step(c->max, 4);
	c->max = ceil(c->max / c->step - 1e-9) * c->step;
}

static char *
tick_text(struct eng *e, const struct chart *c, double v)
{
	struct buf s = {0};

	buf_add(&s, "", 0);
	fmt_value(&(struct qvalue){QV_REAL, NULL, 0, v, {0, 0, 0, 0}},
	    &c->b->chart.fmt, &e->loc, &s);
	return s.data;
}

static double
axis_height(struct eng *e, const struct lay_block *b)
{
	return b->chart.axis ? eng_style(e, b->chart.axis_style)->leading + 3 :
	    0;
}

/* ---- horizontal bars ---- */

#define GAP_RATIO 0.5           /* space between bars, of a bar's width */

static const struct lay_rgb white = {1, 1, 1};

/* s cut to fit w points, with an ellipsis when cut. */
static char *
fit_text(struct eng *e, int style, const char *s, double w)
{
	size_t n = strlen(s);
	char *t;

	if (eng_text_width(e, style, s) <= w)
		return xstrdup(s);
	while (n > 0) {
		do
			n--;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80);
		t = xasprintf("%.*s\xe2\x80\xa6", (int)n, s);
		if (eng_text_width(e, style, t) <= w || n == 0)
			return t;
		free(t);
	}
	return xstrdup("");
}

/* The plot area of an hbar chart: x and width of the bars' axis. */
struct hplot {
	double x0, pw, row;
};

static void
hbar_grid(struct eng *e, const struct chart *c, const struct hplot *p,
    double y)
{
	const struct lay_block *b = c->b;
	double t, gx;

	for (t = 0; b->chart.grid.set && t <= c->max + 1e-9; t += c->step) {
		gx = p->x0 + p->pw * t / c->max;
		eng_line(e, gx, y, gx, y + p->row * (double)c->n, PDF_HAIR / 2,
		    &b->chart.grid.c);
	}
}

static void
hbar_bar(struct eng *e, const struct chart *c, const struct hplot *p,
    const struct bar *r, double cy)
{
	const struct lay_block *b = c->b;
	double bar = b->chart.bar, bw = p->pw * r->v / c->max;
	double lh = eng_style(e, b->chart.label_style)->leading;
	double vh = eng_style(e, b->chart.value_style)->leading;
	char *label = fit_text(e, b->chart.label_style, r->label,
	    c->label_w - 6);

	eng_fill_rect(e, p->x0, cy - bar / 2, bw, bar, r->others ?
	    &b->chart.others_color.c : &b->chart.color.c);
	eng_text(e, b->chart.label_style, p->x0 - 6 - eng_text_width(e,
	    b->chart.label_style, label), cy - lh / 2, label);
	/* The value stands clear of the grid behind it. */
	eng_fill_rect(e, p->x0 + bw + 1, cy - vh / 2, eng_text_width(e,
	    b->chart.value_style, r->value) + 4, vh, b->bg.set ? &b->bg.c :
	    &white);
	eng_text(e, b->chart.value_style, p->x0 + bw + 3, cy - vh / 2,
	    r->value);
	free(label);
}

static void
hbar_axis(struct eng *e, const struct chart *c, const struct hplot *p,
    double y)
{
	int k = c->b->chart.axis_style;
	double t;

	for (t = 0; t <= c->max + 1e-9; t += c->step) {
		char *s = tick_text(e, c, t);

		eng_text(e, k, p->x0 + p->pw * t / c->max -
		    eng_text_width(e, k, s) / 2, y, s);
		free(s);
	}
}

static void
draw_hbar(struct eng *e, const struct box *bx, double x, double y, double w)
{
	const struct chart *c = bx->p;
	const struct lay_block *b = c->b;
	struct hplot p;
	double vw = 0;
	size_t i;

	for (i = 0; i < c->n; i++)
		vw = fmax(vw, eng_text_width(e, b->chart.value_style,
		    c->bars[i].value));
	p.x0 = x + c->label_w;
	p.pw = w - c->label_w - vw - 4;
	p.row = b->chart.bar * (1 + GAP_RATIO);
	hbar_grid(e, c, &p, y);
	for (i = 0; i < c->n; i++)
		hbar_bar(e, c, &p, &c->bars[i], y + p.row * ((double)i + 0.5));
	if (b->chart.axis)
		hbar_axis(e, c, &p, y + p.row * (double)c->n + 3);
}

static double
hbar_layout(struct eng *e, struct chart *c, double w)
{
	const struct lay_block *b = c->b;
	size_t i;

	c->label_w = 0;
	for (i = 0; i < c->n; i++)
		if (eng_text_width(e, b->chart.label_style, c->bars[i].label) >
		    c->label_w)
			c->label_w = eng_text_width(e, b->chart.label_style,
			    c->bars[i].label);
	c->label_w += 6;
	if (c->label_w > w * 0.45)
		c->label_w = w * 0.45;
	return b->chart.bar * (1 + GAP_RATIO) * (double)c->n +
	    axis_height(e, b);
}

/* ---- vertical bars and lines ---- */

static struct epara *
label_para(struct eng *e, const struct lay_block *b, const char *s, double w)
{
	struct epara *p = eng_para(e, b->chart.label_style);

	eng_para_add(e, p, s, b->chart.label_style);
	p->align = LA_CENTER;
	return eng_para_break(e, p, w, b) < 0 ? NULL : p;
}

struct vchart {
	struct chart *c;
	struct epara **labels;  /* NULL where a label is left out */
	double slot, plot_h, top;
	double label_w;         /* width labels are set in */
	size_t value_step;      /* a value over every n-th point only */
	/* A line over dates (timed): points placed by date on an axis
	 * of whole years. */
	int timed;
	int y0, y1;             /* the axis: 1 January y0 to 1 January y1 */
	double year_h;          /* the year labels under the plot */
	int *on_line;           /* the points the line goes through */
	char **marked;          /* value labels with their qualifier mark */
	size_t nmarked;         /* (the chart may be freed first) */
	struct epara *legend;   /* what the marks mean; NULL: none */
};

static void
free_vchart(void *p)
{
	struct vchart *v = p;
	size_t i;

	for (i = 0; i < v->nmarked; i++)
		free(v->marked[i]);
	free(v->marked);
	free(v->on_line);
	free(v->labels);
	free(v);
}

static void
v_axis(struct eng *e, const struct vchart *v, double x, double y, double w)
{
	const struct chart *c = v->c;
	const struct lay_block *b = c->b;
	double lh = eng_style(e, b->chart.axis_style)->leading, t, ty;

	for (t = 0; t <= c->max + 1e-9; t += c->step) {
		ty = y + v->top + v->plot_h * (1 - t / c->max);
		if (b->chart.grid.set)
			eng_line(e, x + c->tick_w, ty, x + w, ty, PDF_HAIR / 2,
			    &b->chart.grid.c);
		if (b->chart.axis) {
			char *s = tick_text(e, c, t);

			eng_text(e, b->chart.axis_style, x + c->tick_w - 4 -
			    eng_text_width(e, b->chart.axis_style, s),
			    ty - lh / 2, s);
			free(s);
		}
	}
}

/* ---- lines over dates ---- */

static void draw_vchart(struct eng *e, const struct box *bx, double x,
    double y, double w);

/* Every point has a date: the line can stand on a time axis. */
static int
timed(const struct chart *c)
{
	size_t i;

	if (c->n < 2)
		return 0;
	for (i = 0; i < c->n; i++)
		if (isnan(c->bars[i].t))
			return 0;
	return 1;
}

/* How a value label shows its qualifier (the legend says so). */
static const char *const qual_mark[QUAL__MAX] = {"", "~", ">", "<",
	"\xe2\x89\xa5", ">"};

/* The points the line goes through: counts, not plans; of points on one
 * date, the exact one (else the first), so that two figures of the same
 * month ("16,551" and "more than 16,000") are not drawn as a fall. */
static void
choose_line(struct vchart *v)
{
	const struct chart *c = v->c;
	size_t i, j;

	v->on_line = xcalloc(c->n + 1, sizeof(int));
	for (i = 0; i < c->n; i++) {
		const struct bar *r = &c->bars[i];
		int keep = !r->plan;

		for (j = 0; j < c->n && keep; j++) {
			const struct bar *o = &c->bars[j];

			if (j == i || o->plan || o->t != r->t)
				continue;
			if ((o->qual == QUAL_EXACT && r->qual != QUAL_EXACT) ||
			    (j < i && (o->qual == QUAL_EXACT) ==
			    (r->qual == QUAL_EXACT)))
				keep = 0;
		}
		v->on_line[i] = keep;
	}
}

/* The legend under the years: the marks and shapes the chart uses. */
static int
timed_legend(struct eng *e, struct vchart *v, double w)
{
	const struct chart *c = v->c;
	int used[QUAL__MAX] = {0}, plan = 0, k;
	struct buf s = {0};
	size_t i;

	for (i = 0; i < c->n; i++) {
		used[c->bars[i].qual] = 1;
		plan |= c->bars[i].plan;
	}
	for (k = 1; k < QUAL__MAX; k++) {
		int dup = k == QUAL_OVER && used[QUAL_MORE_THAN];

		if (!used[k] || dup)
			continue;
		buf_printf(&s, "%s%s %s", s.len ? " \xc2\xb7 " : "", qual_mark[k],
		    qual_name((enum qual)k));
		if (k == QUAL_MORE_THAN && used[QUAL_OVER])
			buf_puts(&s, " (over)");
	}
	if (plan && c->b->chart.plan_legend)
		buf_printf(&s, "%s\xe2\x97\x8b %s", s.len ? " \xc2\xb7 " : "",
		    c->b->chart.plan_legend);
	if (s.len == 0)
		return 0;
	v->legend = eng_para(e, c->b->chart.label_style);
	eng_para_add(e, v->legend, s.data, c->b->chart.label_style);
	v->legend->align = LA_LEFT;
	buf_free(&s);
	return eng_para_break(e, v->legend, w, c->b);
}

static int
timed_layout(struct eng *e, struct vchart *v, struct boxes *out)
{
	struct chart *c = v->c;
	const struct lay_block *b = c->b;
	double lo = c->bars[0].t, hi = lo, legend_h = 0;
	double w = v->slot * (double)c->n + c->tick_w;
	size_t i;

	v->timed = 1;
	for (i = 0; i < c->n; i++) {
		lo = fmin(lo, c->bars[i].t);
		hi = fmax(hi, c->bars[i].t);
	}
	/* Whole years: the year of the first point to the end of the
	 * last's (days / 365.2425 years, back from day_number). */
	v->y0 = (int)floor(lo / 365.2425);
	while (day_number(v->y0 + 1, 1, 1) <= lo)
		v->y0++;
	while (day_number(v->y0, 1, 1) > lo)
		v->y0--;
	v->y1 = v->y0 + 1;
	while (day_number(v->y1, 1, 1) <= hi)
		v->y1++;
	choose_line(v);
	v->marked = xcalloc(c->n + 1, sizeof(char *));
	v->nmarked = c->n;
	for (i = 0; i < c->n; i++)
		v->marked[i] = xasprintf("%s%s", qual_mark[c->bars[i].qual],
		    c->bars[i].value);
	if (timed_legend(e, v, w - c->tick_w) < 0)
		return -1;
	if (v->legend)
		legend_h = eng_para_height(e, v->legend) + 2;
	v->year_h = eng_style(e, b->chart.label_style)->leading + 3;
	v->top = eng_style(e, b->chart.value_style)->leading + 4;
	v->plot_h = b->chart.height - v->top - v->year_h - legend_h - 3;
	if (v->plot_h < 20) {
		diag_error(&b->loc, "the labels of chart '%s' leave no room for "
		    "its plot in a height of %.0f pt", b->id, b->chart.height);
		return -1;
	}
	boxes_push(out, b->chart.height, draw_vchart, b, v);
	return 0;
}

#define TIME_PAD 6              /* points between the axis ends and a year */

static double
time_x(const struct vchart *v, double x, double w, double t)
{
	double t0 = day_number(v->y0, 1, 1), t1 = day_number(v->y1, 1, 1);
	double left = x + v->c->tick_w + TIME_PAD;

	return left + (t - t0) / (t1 - t0) * (x + w - TIME_PAD - left);
}

/* Does the segment (x1,y1)-(x2,y2) cross the rectangle?  (Liang and
 * Barsky's clipping: some part of the segment lies inside.) */
static int
seg_hits(double x1, double y1, double x2, double y2, const double *r)
{
	double p[4], q[4], u0 = 0, u1 = 1;
	int k;

	p[0] = -(x2 - x1), q[0] = x1 - r[0];
	p[1] = x2 - x1, q[1] = r[2] - x1;
	p[2] = -(y2 - y1), q[2] = y1 - r[1];
	p[3] = y2 - y1, q[3] = r[3] - y1;
	for (k = 0; k < 4; k++) {
		if (p[k] == 0) {
			if (q[k] < 0)
				return 0;
			continue;
		}
		if (p[k] < 0)
			u0 = fmax(u0, q[k] / p[k]);
		else
			u1 = fmin(u1, q[k] / p[k]);
		if (u0 > u1)
			return 0;
	}
	return 1;
}

static int
rects_meet(const double *a, const double *b)
{
	return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

#define CROWDED_GAP 4.0         /* pt between labels where they crowd */

struct placed {                 /* what a value label must keep clear of */
	double *px, *py;        /* the points */
	const int *on;
	size_t n;
	double (*rects)[4];     /* rects[k]: point k's label ... */
	unsigned char *placed;  /* ... once placed */
	double gap;             /* kept between labels (a crowded chart) */
	/* Points in time order (px never falls): then only the points,
	 * segments and labels near a candidate need a look, not all of
	 * them for every candidate of every label (quadratic). */
	int sorted;
	size_t *prev_on, *next_on;      /* the line's neighbours; n: none */
	double reach;           /* how far a placed label reaches from its
				   point, at most */
};

/* Does r come within the gap of point k's label, if placed? */
static int
meets_label(const struct placed *pl, const double *r, size_t k)
{
	const double *l = pl->rects[k];
	double g = pl->gap;

	return pl->placed[k] && r[0] < l[2] + g && l[0] < r[2] + g &&
	    r[1] < l[3] + g && l[1] < r[3] + g;
}

/* Is rectangle r clear of point i (not self), of point i's label if
 * placed, and of the line's segment that ends at i? */
static int
clear_of(const struct placed *pl, size_t self, const double *r, size_t i)
{
	double dot[4] = {pl->px[i] - 2.5, pl->py[i] - 2.5, pl->px[i] + 2.5,
	    pl->py[i] + 2.5};
	size_t p = pl->prev_on[i];

	if (i != self && rects_meet(r, dot))
		return 0;
	if (meets_label(pl, r, i))
		return 0;
	return !(pl->on[i] && p < pl->n && seg_hits(pl->px[p], pl->py[p],
	    pl->px[i], pl->py[i], r));
}

/* The first of the sorted points at x or right of it. */
static size_t
first_at(const struct placed *pl, double x)
{
	size_t a = 0, b = pl->n;

	while (a < b) {
		size_t mid = a + (b - a) / 2;

		if (pl->px[mid] < x)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

/* clear() over sorted points.  A point, or a segment of the line, can
 * touch r only near r's x-range (the core: where a crowded chart finds
 * its hit at once); a placed label reaches further from its point.  The
 * margins are far above rounding: what is skipped cannot touch r. */
static int
clear_near(const struct placed *pl, size_t self, const double *r)
{
	double near = 2.5 + 1, far = fmax(2.5, pl->reach) + pl->gap + 1;
	size_t lo = first_at(pl, r[0] - near), i;

	for (i = lo; i < pl->n && pl->px[i] <= r[2] + near; i++)
		if (!clear_of(pl, self, r, i))
			return 0;
	/* The segment from inside (or from the left) to the first point
	 * of the line beyond. */
	if (i < pl->n && !pl->on[i])
		i = pl->next_on[i];
	if (i < pl->n && !clear_of(pl, self, r, i))
		return 0;
	/* Labels of the points around the core. */
	for (i = first_at(pl, r[0] - far); i < pl->n &&
	    pl->px[i] <= r[2] + far; i++)
		if ((i < lo || pl->px[i] > r[2] + near) &&
		    meets_label(pl, r, i))
			return 0;
	return 1;
}

/* Is rectangle r clear of the line, the other points and the labels
 * placed so far, and inside [x0, x1] x [y0, y1]? */
static int
clear(const struct placed *pl, size_t self, const double *r, double x0,
    double y0, double x1, double y1)
{
	size_t i;

	if (r[0] < x0 || r[2] > x1 || r[1] < y0 || r[3] > y1)
		return 0;
	if (pl->sorted)
		return clear_near(pl, self, r);
	for (i = 0; i < pl->n; i++)
		if (!clear_of(pl, self, r, i))
			return 0;
	return 1;
}

/* Each point's neighbours on the line, and whether the points are in
 * time order. */
static void
line_neighbours(struct placed *pl)
{
	size_t i, last = pl->n;

	pl->prev_on = xcalloc(pl->n + 1, sizeof(size_t));
	pl->next_on = xcalloc(pl->n + 1, sizeof(size_t));
	pl->sorted = 1;
	for (i = 0; i < pl->n; i++) {
		pl->prev_on[i] = last;
		if (pl->on[i])
			last = i;
		if (i > 0 && !(pl->px[i] >= pl->px[i - 1]))
			pl->sorted = 0;
	}
	for (i = pl->n, last = pl->n; i-- > 0;) {
		pl->next_on[i] = last;
		if (pl->on[i])
			last = i;
	}
}

/* Put value label i (lw x lh) by its point: above, below, beside,
 * diagonally, then further up or down, the first place that is clear
 * (1); above when none is (0). */
static int
place_label(const struct placed *pl, size_t i, double lw, double lh,
    double x0, double y0, double x1, double y1, double *r)
{
	double cx = pl->px[i], cy = pl->py[i];
	double at[][2] = {{cx - lw / 2, cy - lh - 3}, {cx - lw / 2, cy + 4},
	    {cx + 3, cy - lh - 2}, {cx - 3 - lw, cy - lh - 2},
	    {cx + 3, cy + 3}, {cx - 3 - lw, cy + 3},
	    {cx + 5, cy - lh / 2}, {cx - 5 - lw, cy - lh / 2},
	    {cx - lw / 2, cy - 2 * lh - 3}, {cx - lw / 2, cy + lh + 4},
	    {cx + 3, cy - 2 * lh - 2}, {cx - 3 - lw, cy - 2 * lh - 2},
	    {cx - lw / 2, cy - 3 * lh - 3}, {cx - lw / 2, cy + 2 * lh + 4}};
	size_t k;

	for (k = 0; k < sizeof(at) / sizeof(at[0]); k++) {
		r[0] = at[k][0], r[1] = at[k][1];
		r[2] = r[0] + lw, r[3] = r[1] + lh;
		if (clear(pl, i, r, x0, y0, x1, y1))
			return 1;
	}
	r[0] = at[0][0], r[1] = at[0][1], r[2] = r[0] + lw, r[3] = r[1] + lh;
	return 0;
}

/* The labels of order[0..n), each where place_label puts it; with keep,
 * a label that finds no clear place is not placed.  Returns how many
 * found none. */
static size_t
place_labels(struct placed *pl, const size_t *order, const double *lw,
    double lh, const double *box, int keep)
{
	size_t k, i, missed = 0;

	memset(pl->placed, 0, pl->n);
	pl->reach = 0;
	for (k = 0; k < pl->n; k++) {
		double *r = pl->rects[i = order[k]];

		if (!place_label(pl, i, lw[i], lh, box[0], box[1], box[2],
		    box[3], r)) {
			missed++;
			if (keep)
				continue;
		}
		pl->placed[i] = 1;
		pl->reach = fmax(pl->reach, fmax(pl->px[i] - r[0], r[2] -
		    pl->px[i]));
	}
	return missed;
}

/* Where the labels go in a chart too crowded for all of them: the
 * latest figure first, then the first, the highest and the lowest, then
 * the others in time order; what finds no room is left out (the table
 * and the figure's alternative text still give every value). */
static void
crowded_order(const struct placed *pl, size_t *order)
{
	size_t i, k = 0, hi = 0, lo = 0, n = pl->n, first[4];
	unsigned char *used = xcalloc(n + 1, 1);

	for (i = 1; i < n; i++) {
		hi = pl->py[i] < pl->py[hi] ? i : hi;   /* page y: down */
		lo = pl->py[i] > pl->py[lo] ? i : lo;
	}
	first[0] = n - 1;
	first[1] = 0;
	first[2] = hi;
	first[3] = lo;
	for (i = 0; i < 4; i++)
		if (!used[first[i]]) {
			used[first[i]] = 1;
			order[k++] = first[i];
		}
	for (i = 0; i < n; i++)
		if (!used[i])
			order[k++] = i;
	free(used);
}

static void
time_axis(struct eng *e, const struct vchart *v, double x, double y,
    double w)
{
	const struct lay_block *b = v->c->b;
	const struct lay_style *ls = eng_style(e, b->chart.label_style);
	double base = y + v->top + v->plot_h;
	int yr;

	eng_line(e, x + v->c->tick_w, base, x + w, base, PDF_HAIR, &ls->color);
	for (yr = v->y0; yr <= v->y1; yr++) {
		double tx = time_x(v, x, w, day_number(yr, 1, 1));
		char label[16];

		eng_line(e, tx, base, tx, base + 3, PDF_HAIR, &ls->color);
		if (yr == v->y1)
			break;
		snprintf(label, sizeof(label), "%d", yr);
		tx = (tx + time_x(v, x, w, day_number(yr + 1, 1, 1))) / 2;
		eng_text(e, b->chart.label_style, tx - eng_text_width(e,
		    b->chart.label_style, label) / 2, base + 3, label);
	}
	if (v->legend)
		eng_draw_para(e, v->legend, x + v->c->tick_w, base + v->year_h +
		    2, w - v->c->tick_w);
}

/* A point: a filled square for a count, an open circle for a plan. */
static void
marker(struct eng *e, const struct lay_block *b, const struct bar *r,
    double cx, double cy)
{
	const struct lay_rgb *c = &b->chart.color.c;

	if (!r->plan) {
		eng_fill_rect(e, cx - 2, cy - 2, 4, 4, c);
		return;
	}
	if (e->page == NULL)
		return;
	ops_stroke(e->page, (HPDF_REAL)c->r, (HPDF_REAL)c->g,
	    (HPDF_REAL)c->b);
	HPDF_Page_SetLineWidth(e->page, 1);
	HPDF_Page_Circle(e->page, (HPDF_REAL)cx, (HPDF_REAL)eng_py(e, cy), 2.5);
	HPDF_Page_Stroke(e->page);
}

/* Every value label placed in time order; when one finds no room
 * (a chart of thousands of dates), the labels again in crowded_order,
 * leaving out what finds none, rather than printing them over each
 * other. */
static void
place_all(struct eng *e, const struct vchart *v, struct placed *pl,
    const double *box)
{
	int vs = v->c->b->chart.value_style;
	double lh = eng_style(e, vs)->leading, *lw;
	size_t i, *order;

	lw = xcalloc(pl->n + 1, sizeof(double));
	order = xcalloc(pl->n + 1, sizeof(size_t));
	pl->placed = xcalloc(pl->n + 1, 1);
	for (i = 0; i < pl->n; i++) {
		lw[i] = eng_text_width(e, vs, v->marked[i]);
		order[i] = i;
	}
	if (place_labels(pl, order, lw, lh, box, 0) > 0) {
		crowded_order(pl, order);
		pl->gap = CROWDED_GAP;
		place_labels(pl, order, lw, lh, box, 1);
	}
	free(lw);
	free(order);
}

static void
draw_timed(struct eng *e, const struct vchart *v, double x, double y,
    double w)
{
	const struct chart *c = v->c;
	const struct lay_block *b = c->b;
	int vs = b->chart.value_style;
	double base = y + v->top + v->plot_h;
	struct placed pl = {0};
	size_t i, prev = (size_t)-1;

	pl.n = c->n;
	pl.on = v->on_line;
	pl.px = xcalloc(c->n + 1, sizeof(double));
	pl.py = xcalloc(c->n + 1, sizeof(double));
	pl.rects = xcalloc(c->n + 1, sizeof(*pl.rects));
	v_axis(e, v, x, y, w);
	time_axis(e, v, x, y, w);
	for (i = 0; i < c->n; i++) {
		pl.px[i] = time_x(v, x, w, c->bars[i].t);
		pl.py[i] = base - v->plot_h * c->bars[i].v / c->max;
	}
	line_neighbours(&pl);
	for (i = 0; i < c->n; i++) {
		if (!v->on_line[i])
			continue;
		if (prev != (size_t)-1)
			eng_line(e, pl.px[prev], pl.py[prev], pl.px[i], pl.py[i],
			    1.5, &b->chart.color.c);
		prev = i;
	}
	place_all(e, v, &pl, (double[4]){x + c->tick_w, y, x + w, base});
	for (i = 0; i < c->n; i++) {
		marker(e, b, &c->bars[i], pl.px[i], pl.py[i]);
		if (pl.placed[i])
			eng_text(e, vs, pl.rects[i][0], pl.rects[i][1],
			    v->marked[i]);
	}
	free(pl.px);
	free(pl.py);
	free(pl.rects);
	free(pl.placed);
	free(pl.prev_on);
	free(pl.next_on);
}

/* Where a label centred under cx starts, kept inside the chart. */
static double
label_x(const struct vchart *v, double x, double w, double cx)
{
	double lx = cx - v->label_w / 2;

	if (v->label_w <= v->slot)
		return lx;
	return fmax(x, fmin(lx, x + w - v->label_w));
}

static void
draw_vchart(struct eng *e, const struct box *bx, double x, double y,
    double w)
{
	const struct vchart *v = bx->p;
	const struct chart *c = v->c;
	const struct lay_block *b = c->b;
	double vh = eng_style(e, b->chart.value_style)->leading, px = 0, py = 0;
	double base = y + v->top + v->plot_h;
	size_t i;

	if (v->timed) {
		draw_timed(e, v, x, y, w);
		return;
	}
	v_axis(e, v, x, y, w);
	for (i = 0; i < c->n; i++) {
		const struct bar *r = &c->bars[i];
		double cx = x + c->tick_w + v->slot * ((double)i + 0.5);
		double top = base - v->plot_h * r->v / c->max;
		double bw = fmin(b->chart.bar, v->slot * 0.7);

		if (b->chart.kind == LC_VBAR)
			eng_fill_rect(e, cx - bw / 2, top, bw, base - top,
			    r->others ? &b->chart.others_color.c :
			    &b->chart.color.c);
		else if (i > 0)
			eng_line(e, px, py, cx, top, 1.5, &b->chart.color.c);
		if (b->chart.kind == LC_LINE)
			eng_fill_rect(e, cx - 2, top - 2, 4, 4,
			    &b->chart.color.c);
		if (i % v->value_step == 0)
			eng_text(e, b->chart.value_style, cx - eng_text_width(e,
			    b->chart.value_style, r->value) / 2, top - vh - 2,
			    r->value);
		if (v->labels[i])
			eng_draw_para(e, v->labels[i], label_x(v, x, w, cx),
			    base + 3, v->label_w);
		px = cx;
		py = top;
	}
	eng_line(e, x + c->tick_w, base, x + w, base, PDF_HAIR,
	    &eng_style(e, b->chart.axis_style)->color);
}

/* Every n-th of the texts (each `w` wide at most) fits in a slot. */
static size_t
step_for(double widest, double slot)
{
	return widest + 4 <= slot ? 1 : (size_t)ceil((widest + 4) / slot);
}

/* The width of the widest word of s in style k. */
static double
widest_word(struct eng *e, int k, const char *s)
{
	double w = 0;
	size_t n;

	for (; *s; s += n) {
		s += strspn(s, " ");
		n = strcspn(s, " ");
		w = fmax(w, eng_measure(e, k, s, n));
	}
	return w;
}

/* The category labels: under every point, broken to the slot's width;
 * or, when the points stand too close for that (a word wider than the
 * slot, or a label of more than two lines), on one line under every
 * n-th point.  Returns their height, -1 after reporting. */
static double
v_labels(struct eng *e, struct vchart *v)
{
	const struct chart *c = v->c;
	const struct lay_block *b = c->b;
	int k = b->chart.label_style;
	double widest = 0, word = 0, lh = 0;
	size_t i, step = 1;

	for (i = 0; i < c->n; i++) {
		widest = fmax(widest, eng_text_width(e, k, c->bars[i].label));
		word = fmax(word, widest_word(e, k, c->bars[i].label));
	}
	v->label_w = v->slot - 2;
	if (word > v->label_w || widest > 2 * v->label_w) {
		step = step_for(widest, v->slot);
		v->label_w = widest + 1;
	}
	for (i = 0; i < c->n; i += step) {
		if ((v->labels[i] = label_para(e, b, c->bars[i].label,
		    v->label_w)) == NULL)
			return -1;
		lh = fmax(lh, eng_para_height(e, v->labels[i]));
	}
	return lh;
}

static void
v_values(struct eng *e, struct vchart *v)
{
	const struct chart *c = v->c;
	double widest = 0;
	size_t i;

	for (i = 0; i < c->n; i++)
		widest = fmax(widest, eng_text_width(e, c->b->chart.value_style,
		    c->bars[i].value));
	v->value_step = step_for(widest, v->slot);
}

static int
vchart_layout(struct eng *e, struct chart *c, double w, struct boxes *out)
{
	const struct lay_block *b = c->b;
	struct vchart *v = eng_own(e, xcalloc(1, sizeof(*v)), free_vchart);
	double t, lh;

	v->c = c;
	v->labels = xcalloc(c->n + 1, sizeof(*v->labels));
	for (t = 0, c->tick_w = 0; b->chart.axis && t <= c->max + 1e-9;
	    t += c->step) {
		char *s = tick_text(e, c, t);

		c->tick_w = fmax(c->tick_w, eng_text_width(e,
		    b->chart.axis_style, s) + 6);
		free(s);
	}
	v->slot = (w - c->tick_w) / (double)(c->n ? c->n : 1);
	if (b->chart.kind == LC_LINE && timed(c))
		return timed_layout(e, v, out);
	if ((lh = v_labels(e, v)) < 0)
		return -1;
	v_values(e, v);
	v->top = eng_style(e, b->chart.value_style)->leading + 2;
	v->plot_h = b->chart.height - v->top - lh - 3;
	if (v->plot_h < 20) {
		diag_error(&b->loc, "the labels of chart '%s' leave no room for "
		    "its plot in a height of %.0f pt", b->id, b->chart.height);
		return -1;
	}
	boxes_push(out, b->chart.height, draw_vchart, b, v);
	return 0;
}

/* The alternative text: every bar as printed, "Germany 1,300". */
static const char *
chart_alt(struct eng *e, const struct chart *c)
{
	struct buf pts = {0};
	const char *alt;
	size_t i;

	for (i = 0; i < c->n; i++)
		buf_printf(&pts, "%s%s %s", i ? ", " : "", c->bars[i].label,
		    c->bars[i].value);
	alt = eng_alt(e, c->b, &pts);
	buf_free(&pts);
	return alt;
}

int
pdf_chart(struct eng *e, const struct lay_block *b, double w, double first,
    double full, struct boxes *out)
{
	struct chart *c = eng_own(e, xcalloc(1, sizeof(*c)), free_chart);
	struct fmt_locale saved = e->loc;
	double h;
	int rc = 0;

	(void)first;
	c->b = b;
	e->loc.yes = b->table.yes;
	e->loc.no = b->table.no;
	collect(e, c);
	axis_range(c);
	if (b->chart.kind == LC_HBAR) {
		h = hbar_layout(e, c, w);
		if (h > full)
			rc = eng_too_tall(b, "", h, full);
		else
			boxes_push(out, h, draw_hbar, b, c);
	} else
		rc = vchart_layout(e, c, w, out);
	if (rc == 0 && out->n > 0)
		out->v[out->n - 1].alt = chart_alt(e, c);
	e->loc = saved;
	return rc;
}
