/* pdf_map.c - a locator map: the country outline and the places of a
 * list (hub and spokes), in an equirectangular projection fitted to the
 * block, with labels placed where they overlap nothing. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

#define MARGIN 8                /* points between the drawing and the box */
#define HUB 3.5                 /* half side of a hub's square */
#define SPOT 2.6                /* radius of a place's dot */

struct place_pt {
	char *label;
	double lon, lat;
	double x, y;            /* projected, from the box's top-left */
	int hub;
	double lx, ly, lw, lh;  /* the label's box */
};

struct map {
	const struct lay_block *b;
	struct place_pt *pts;
	size_t n;
	double lon0, lat0, scale, kx;   /* projection */
	double ox, oy;                  /* offset centring the drawing */
};

static void
free_map(void *p)
{
	struct map *mp = p;
	size_t i;

	for (i = 0; i < mp->n; i++)
		free(mp->pts[i].label);
	free(mp->pts);
	free(mp);
}

static void
collect_places(struct eng *e, struct map *mp)
{
	const struct lay_block *b = mp->b;
	size_t n, i, *rows = eng_rows(e, b, &n, NULL);
	struct qvalue v;
	struct buf s = {0};
	struct place_pt *p;

	for (i = 0; i < n; i++) {
		p = array_push(&mp->pts, &mp->n, sizeof(*p));
		query_get(e->m, b->rows.list, rows[i], b->map.lat_col, &v);
		p->lat = fmt_as_double(&v);
		query_get(e->m, b->rows.list, rows[i], b->map.lon_col, &v);
		p->lon = fmt_as_double(&v);
		query_get(e->m, b->rows.list, rows[i], b->map.label_col, &v);
		s.len = 0;
		buf_add(&s, "", 0);
		fmt_value(&v, &(struct fmt_spec){FMT_AUTO, -1}, &e->loc, &s);
		p->label = xstrdup(s.data);
		if (b->map.kind_col >= 0 && b->map.hub) {
			query_get(e->m, b->rows.list, rows[i], b->map.kind_col,
			    &v);
			p->hub = v.type == QV_TEXT && strcmp(v.text,
			    b->map.hub) == 0;
		}
	}
	buf_free(&s);
	free(rows);
}

/* Fit the outline and the places into w x h: one scale for both axes,
 * longitudes shrunk by the cosine of the middle latitude. */
static void
project(const struct model *m, struct map *mp, double w, double h)
{
	double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9, sx, sy;
	size_t i;

	for (i = 0; i < m->noutline; i++) {
		x0 = fmin(x0, m->outline[2 * i]);
		x1 = fmax(x1, m->outline[2 * i]);
		y0 = fmin(y0, m->outline[2 * i + 1]);
		y1 = fmax(y1, m->outline[2 * i + 1]);
	}
	for (i = 0; i < mp->n; i++) {
		x0 = fmin(x0, mp->pts[i].lon);
		x1 = fmax(x1, mp->pts[i].lon);
		y0 = fmin(y0, mp->pts[i].lat);
		y1 = fmax(y1, mp->pts[i].lat);
	}
	mp->kx = cos((y0 + y1) / 2 * M_PI / 180);
	mp->lon0 = x0;
	mp->lat0 = y1;
	sx = (w - 2 * MARGIN) / fmax((x1 - x0) * mp->kx, 1e-6);
	sy = (h - 2 * MARGIN) / fmax(y1 - y0, 1e-6);
	mp->scale = fmin(sx, sy);
	mp->ox = (w - (x1 - x0) * mp->kx * mp->scale) / 2;
	mp->oy = (h - (y1 - y0) * mp->scale) / 2;
	for (i = 0; i < mp->n; i++) {
		mp->pts[i].x = mp->ox + (mp->pts[i].lon - x0) * mp->kx *
		    mp->scale;
		mp->pts[i].y = mp->oy + (y1 - mp->pts[i].lat) * mp->scale;
	}
}

static int
overlaps(double ax, double ay, double aw, double ah, double bx, double by,
    double bw, double bh)
{
	return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

/* Does a label at (x, y, w, h) hit a placed label, a place, or leave the
 * box?  Labels before `upto` are placed. */
static int
label_clash(const struct map *mp, size_t upto, double x, double y, double w,
    double h, double bw, double bh)
{
	size_t i;

	if (x < 1 || y < 1 || x + w > bw - 1 || y + h > bh - 1)
		return 1;
	for (i = 0; i < mp->n; i++) {
		if (overlaps(x, y, w, h, mp->pts[i].x - HUB - 1,
		    mp->pts[i].y - HUB - 1, 2 * HUB + 2, 2 * HUB + 2))
			return 1;
		if (i < upto && overlaps(x, y, w, h, mp->pts[i].lx,
		    mp->pts[i].ly, mp->pts[i].lw, mp->pts[i].lh))
			return 1;
	}
	return 0;
}

/* Right, left, above, below, then the diagonals: the first free spot. */
static void
place_labels(struct eng *e, struct map *mp, double bw, double bh)
{
	const struct lay_block *b = mp->b;
	double lh = eng_style(e, b->map.label_style)->leading, d = HUB + 2;
	size_t i, k;

	for (i = 0; i < mp->n; i++) {
		struct place_pt *p = &mp->pts[i];
		double w = eng_text_width(e, b->map.label_style, p->label);
		double cand[8][2] = {
			{p->x + d, p->y - lh / 2}, {p->x - d - w, p->y - lh / 2},
			{p->x - w / 2, p->y - d - lh}, {p->x - w / 2, p->y + d},
			{p->x + d, p->y - d - lh + 2}, {p->x + d, p->y + d - 2},
			{p->x - d - w, p->y - d - lh + 2},
			{p->x - d - w, p->y + d - 2},
		};

		p->lw = w;
		p->lh = lh;
		for (k = 0; k < 8; k++)
			if (!label_clash(mp, i, cand[k][0], cand[k][1], w, lh,
			    bw, bh))
				break;
		p->lx = cand[k < 8 ? k : 0][0];
		p->ly = cand[k < 8 ? k : 0][1];
	}
}

static void
draw_outline(struct eng *e, const struct map *mp, double x, double y)
{
	const struct model *m = e->m;
	const struct lay_block *b = mp->b;
	size_t i;

	if (e->page == NULL || m->noutline < 3)
		return;
	/* Colours first: PDF allows no colour change inside a path. */
	HPDF_Page_SetRGBFill(e->page, (HPDF_REAL)b->map.land.c.r,
	    (HPDF_REAL)b->map.land.c.g, (HPDF_REAL)b->map.land.c.b);
	HPDF_Page_SetRGBStroke(e->page, (HPDF_REAL)b->map.border.c.r,
	    (HPDF_REAL)b->map.border.c.g, (HPDF_REAL)b->map.border.c.b);
	HPDF_Page_SetLineWidth(e->page, 0.8);
	HPDF_Page_SetLineJoin(e->page, HPDF_ROUND_JOIN);
	for (i = 0; i < m->noutline; i++) {
		double px = x + mp->ox + (m->outline[2 * i] - mp->lon0) *
		    mp->kx * mp->scale;
		double py = y + mp->oy + (mp->lat0 - m->outline[2 * i + 1]) *
		    mp->scale;

		if (i == 0)
			HPDF_Page_MoveTo(e->page, (HPDF_REAL)px,
			    (HPDF_REAL)eng_py(e, py));
		else
			HPDF_Page_LineTo(e->page, (HPDF_REAL)px,
			    (HPDF_REAL)eng_py(e, py));
	}
	HPDF_Page_ClosePath(e->page);
	if (b->map.land.set && b->map.border.set)
		HPDF_Page_FillStroke(e->page);
	else if (b->map.land.set)
		HPDF_Page_Fill(e->page);
	else
		HPDF_Page_Stroke(e->page);
}

/* A marker with a white edge, so that neighbours stay apart: a square
 * for a hub, a dot for any other place. */
static void
marker(struct eng *e, double x, double y, int hub, const struct lay_rgb *c)
{
	HPDF_Page_SetRGBFill(e->page, (HPDF_REAL)c->r, (HPDF_REAL)c->g,
	    (HPDF_REAL)c->b);
	HPDF_Page_SetRGBStroke(e->page, 1, 1, 1);
	HPDF_Page_SetLineWidth(e->page, 0.8);
	if (hub)
		HPDF_Page_Rectangle(e->page, (HPDF_REAL)(x - HUB),
		    (HPDF_REAL)eng_py(e, y + HUB), 2 * HUB, 2 * HUB);
	else
		HPDF_Page_Circle(e->page, (HPDF_REAL)x, (HPDF_REAL)eng_py(e, y),
		    (HPDF_REAL)SPOT);
	HPDF_Page_FillStroke(e->page);
}

static void
draw_map(struct eng *e, const struct box *bx, double x, double y, double w)
{
	const struct map *mp = bx->p;
	const struct lay_block *b = mp->b;
	const struct place_pt *hub = NULL;
	size_t i;

	(void)w;
	if (e->page == NULL)
		return;
	draw_outline(e, mp, x, y);
	for (i = 0; i < mp->n && hub == NULL; i++)
		if (mp->pts[i].hub)
			hub = &mp->pts[i];
	for (i = 0; b->map.links && hub && i < mp->n; i++)
		if (!mp->pts[i].hub)
			eng_line(e, x + hub->x, y + hub->y, x + mp->pts[i].x,
			    y + mp->pts[i].y, 0.9, &b->map.link_color.c);
	for (i = 0; i < mp->n; i++) {
		const struct place_pt *p = &mp->pts[i];

		marker(e, x + p->x, y + p->y, p->hub, p->hub ?
		    &b->map.hub_color.c : &b->map.color.c);
	}
	for (i = 0; i < mp->n; i++)
		eng_text(e, b->map.label_style, x + mp->pts[i].lx,
		    y + mp->pts[i].ly, mp->pts[i].label);
}

/* The alternative text: every place and its kind, "Kabul (hub)". */
static const char *
map_alt(struct eng *e, const struct map *mp)
{
	const struct lay_block *b = mp->b;
	size_t n, i, *rows = eng_rows(e, b, &n, NULL);
	struct buf pts = {0};
	struct qvalue v;
	const char *alt;

	for (i = 0; i < n && i < mp->n; i++) {
		buf_printf(&pts, "%s%s", i ? ", " : "", mp->pts[i].label);
		if (b->map.kind_col < 0)
			continue;
		query_get(e->m, b->rows.list, rows[i], b->map.kind_col, &v);
		if (v.type == QV_TEXT && v.text[0])
			buf_printf(&pts, " (%s)", v.text);
	}
	alt = eng_alt(e, b, &pts);
	buf_free(&pts);
	free(rows);
	return alt;
}

int
pdf_map(struct eng *e, const struct lay_block *b, double w, double first,
    double full, struct boxes *out)
{
	struct map *mp = eng_own(e, xcalloc(1, sizeof(*mp)), free_map);

	(void)first;
	if (b->map.height > full)
		return eng_too_tall(b, "", b->map.height, full);
	mp->b = b;
	collect_places(e, mp);
	project(e->m, mp, w, b->map.height);
	place_labels(e, mp, w, b->map.height);
	boxes_push(out, b->map.height, draw_map, b, mp)->alt = map_alt(e, mp);
	return 0;
}
