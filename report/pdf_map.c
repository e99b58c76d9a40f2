/* pdf_map.c - a locator map: the mission's country from the geo file, its
 * neighbours in a lighter tone for context, the places of a list with one
 * symbol per role (the layout chooses them) and a legend for the symbols,
 * in an equirectangular projection fitted to the country.  Labels go where
 * they overlap no other label, symbol or the legend, and cross as few
 * lines (links, the outline, borders) as the candidate spots allow. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo.h"
#include "pdf_int.h"
#include "pdf_ops.h"

#define EDGE 10                 /* points kept free around the country */
#define SYM 3.2                 /* a symbol's nominal radius */
#define GAP 2.5                 /* between a symbol and its label */
#define SIMPLIFY 0.6             /* points closer than this are merged */

/* Label penalties: a spot that hits something hard is used only when
 * every spot does; lines merely cost (links most, then the outline). */
#define HARD 1000.0
#define W_LINK 8.0
#define W_HOME 3.0
#define W_NEIGHBOUR 1.0
#define W_ASTRAY 20.0           /* a label nearer another place than its own */
#define W_BROKEN 6.0            /* a label broken in two lines */

struct place_pt {
	char *label;
	char *role;             /* NULL: the map has no `kind` */
	double lon, lat;
	double x, y;            /* projected, from the box's top-left */
	int symbol;
	struct lay_rgb color;
	size_t key;             /* its legend entry */
	int is_link_hub;        /* of a role that `links` names */
	double lx, ly, lw, lh;  /* the label's box */
	size_t brk;             /* the label breaks at this space; 0: not */
	int align;              /* its lines: 0 left, 1 centred, 2 right */
};

struct legend_key {
	char *text;
	int symbol;
	struct lay_rgb color;
};

struct seg {                    /* a projected line labels should avoid */
	double x0, y0, x1, y1, weight;
	size_t owner;           /* its country or link: costs once a label */
};

struct rect {
	double x, y, w, h;
};

struct name_label {             /* a neighbour's name */
	char *text;
	struct rect r;
};

struct map {
	const struct lay_block *b;
	const struct geo *g;
	double w, h;                    /* the box */
	double lon0, lat1, kx, scale;   /* projection */
	double ox, oy;
	double vx0, vy0, vx1, vy1;      /* the view, in degrees */
	struct place_pt *pts;
	size_t n;
	struct legend_key *keys;
	size_t nkeys;
	struct rect legend;             /* w == 0: none */
	struct seg *segs;
	size_t nsegs;
	struct name_label *names;
	size_t nnames;
};

static void
free_map(void *p)
{
	struct map *mp = p;
	size_t i;

	for (i = 0; i < mp->n; i++) {
		free(mp->pts[i].label);
		free(mp->pts[i].role);
	}
	for (i = 0; i < mp->nkeys; i++)
		free(mp->keys[i].text);
	for (i = 0; i < mp->nnames; i++)
		free(mp->names[i].text);
	free(mp->pts);
	free(mp->keys);
	free(mp->segs);
	free(mp->names);
	free(mp);
}

static void
project(const struct map *mp, double lon, double lat, double *x, double *y)
{
	*x = mp->ox + (lon - mp->lon0) * mp->kx * mp->scale;
	*y = mp->oy + (mp->lat1 - lat) * mp->scale;
}

static int
overlaps(const struct rect *a, const struct rect *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	    a->y < b->y + b->h && b->y < a->y + a->h;
}

/* ---- the places and the legend ---- */

static const struct lay_role *
role_of(const struct lay_block *b, const char *role)
{
	size_t i;

	for (i = 0; role && i < b->map.nroles; i++)
		if (strcmp(b->map.roles[i].role, role) == 0)
			return &b->map.roles[i];
	return NULL;
}

/* The legend entry of `role` (the role word, capitalised, unless the
 * layout gives its own text), made on first use. */
static size_t
legend_key(struct map *mp, const char *role, const struct lay_role *r,
    int symbol, const struct lay_rgb *color)
{
	struct legend_key *k;
	const char *text = r && r->legend ? r->legend : role ? role : "";
	size_t i;

	char *t = xstrdup(text), *c;

	if (!(r && r->legend)) {        /* "regional-command" -> "Regional
					   command" */
		t[0] = (char)toupper((unsigned char)t[0]);
		for (c = t; *c; c++)
			if (*c == '-' || *c == '_')
				*c = ' ';
	}
	for (i = 0; i < mp->nkeys; i++)
		if (mp->keys[i].symbol == symbol &&
		    memcmp(&mp->keys[i].color, color, sizeof(*color)) == 0 &&
		    strcmp(mp->keys[i].text, t) == 0) {
			free(t);
			return i;
		}
	k = array_push(&mp->keys, &mp->nkeys, sizeof(*k));
	k->text = t;
	k->symbol = symbol;
	k->color = *color;
	return mp->nkeys - 1;
}

/* The symbol of a role the layout gives none: the same as an earlier
 * place of that role, else the first of the layout's `symbol` list that
 * no legend entry shows yet (in turn when all are taken). */
static int
next_symbol(const struct map *mp, const char *role)
{
	const struct lay_block *b = mp->b;
	size_t i;
	int k;

	for (i = 0; i < mp->n - 1; i++)
		if (role && mp->pts[i].role && strcmp(mp->pts[i].role,
		    role) == 0)
			return mp->pts[i].symbol;
	for (k = 0; k < b->map.nsymbols; k++) {
		for (i = 0; i < mp->nkeys; i++)
			if (mp->keys[i].symbol == b->map.symbols[k])
				break;
		if (i == mp->nkeys)
			return b->map.symbols[k];
	}
	return b->map.symbols[mp->nkeys % (size_t)b->map.nsymbols];
}

/* Is w one of the words of list ("hub, headquarters")? */
static int
in_list(const char *list, const char *w)
{
	size_t n = strlen(w);

	while (*list) {
		size_t k;

		list += strspn(list, ", ");
		k = strcspn(list, ", ");
		if (k == n && k > 0 && strncmp(list, w, n) == 0)
			return 1;
		list += k;
	}
	return 0;
}

static char *
cell_text(struct eng *e, const struct lay_block *b, size_t row, int col,
    struct buf *s)
{
	struct qvalue v;

	query_get(e->m, b->rows.list, row, col, &v);
	s->len = 0;
	buf_add(s, "", 0);
	fmt_value(&v, &(struct fmt_spec){FMT_AUTO, -1}, &e->loc, s);
	return s->data;
}

static void
collect_places(struct eng *e, struct map *mp)
{
	const struct lay_block *b = mp->b;
	size_t n, i, *rows = eng_rows(e, b, &n, NULL);
	struct qvalue v;
	struct buf s = {0};

	for (i = 0; i < n; i++) {
		struct place_pt *p = array_push(&mp->pts, &mp->n, sizeof(*p));
		const struct lay_role *r = NULL;
		const char *role = NULL;

		query_get(e->m, b->rows.list, rows[i], b->map.lat_col, &v);
		p->lat = fmt_as_double(&v);
		query_get(e->m, b->rows.list, rows[i], b->map.lon_col, &v);
		p->lon = fmt_as_double(&v);
		p->label = xstrdup(cell_text(e, b, rows[i], b->map.label_col,
		    &s));
		if (b->map.kind_col >= 0) {
			role = p->role = xstrdup(cell_text(e, b, rows[i],
			    b->map.kind_col, &s));
			r = role_of(b, role);
			p->is_link_hub = b->map.links &&
			    in_list(b->map.links, role);
		}
		p->color = r && r->color.set ? r->color.c : b->map.color.c;
		p->symbol = r && r->symbol >= 0 ? r->symbol :
		    next_symbol(mp, role);
		p->key = legend_key(mp, role, r, p->symbol, &p->color);
	}
	buf_free(&s);
	free(rows);
}

/* ---- fitting the view ---- */

static void
grow(double *box, double x0, double y0, double x1, double y1)
{
	box[0] = fmin(box[0], x0);
	box[1] = fmin(box[1], y0);
	box[2] = fmax(box[2], x1);
	box[3] = fmax(box[3], y1);
}

/* The part of the country to fit: its largest ring (by box) and every ring
 * near that or near a ring already taken, so that an archipelago stays
 * whole and coastal islands in view, but far territories (France's
 * overseas departments) do not shrink the mainland to a dot. */
static void
country_box(const struct geo_country *c, double *box)
{
	const struct geo_ring *big = NULL;
	double near;
	size_t k, taken = 0, before;
	char *in;

	for (k = 0; k < c->nrings; k++) {
		const struct geo_ring *r = &c->rings[k];

		if (!r->hole && (big == NULL || (r->x1 - r->x0) * (r->y1 -
		    r->y0) > (big->x1 - big->x0) * (big->y1 - big->y0)))
			big = r;
	}
	if (big == NULL)
		return;
	near = fmax(big->x1 - big->x0, big->y1 - big->y0) / 2;
	in = xcalloc(c->nrings, 1);
	grow(box, big->x0, big->y0, big->x1, big->y1);
	do {
		before = taken;
		for (k = 0; k < c->nrings; k++) {
			const struct geo_ring *r = &c->rings[k];

			if (in[k] || r->hole || r->x0 > box[2] + near ||
			    r->x1 < box[0] - near || r->y0 > box[3] + near ||
			    r->y1 < box[1] - near)
				continue;
			in[k] = 1;
			taken++;
			grow(box, r->x0, r->y0, r->x1, r->y1);
		}
	} while (taken != before);
	free(in);
}

/* One scale for both axes, longitudes shrunk by the cosine of the middle
 * latitude; the country and the places centred in the box. */
static void
fit(struct map *mp)
{
	double box[4] = {1e9, 1e9, -1e9, -1e9}, dx, dy, m;
	size_t i;

	if (mp->g && mp->g->home)
		country_box(mp->g->home, box);
	for (i = 0; i < mp->n; i++)
		grow(box, mp->pts[i].lon, mp->pts[i].lat, mp->pts[i].lon,
		    mp->pts[i].lat);
	if (box[0] > box[2])
		box[0] = box[1] = box[2] = box[3] = 0;
	m = fmax(EDGE, fmin(mp->w, mp->h) * 0.06);
	mp->kx = cos((box[1] + box[3]) / 2 * M_PI / 180);
	dx = fmax((box[2] - box[0]) * mp->kx, 1e-3);
	dy = fmax(box[3] - box[1], 1e-3);
	mp->scale = fmin((mp->w - 2 * m) / dx, (mp->h - 2 * m) / dy);
	mp->lon0 = box[0];
	mp->lat1 = box[3];
	mp->ox = (mp->w - dx * mp->scale) / 2;
	mp->oy = (mp->h - dy * mp->scale) / 2;
	mp->vx0 = mp->lon0 - mp->ox / (mp->kx * mp->scale);
	mp->vx1 = mp->lon0 + (mp->w - mp->ox) / (mp->kx * mp->scale);
	mp->vy1 = mp->lat1 + mp->oy / mp->scale;
	mp->vy0 = mp->lat1 - (mp->h - mp->oy) / mp->scale;
	for (i = 0; i < mp->n; i++)
		project(mp, mp->pts[i].lon, mp->pts[i].lat, &mp->pts[i].x,
		    &mp->pts[i].y);
}

/* A view may reach past the antimeridian: a ring is in it also when it
 * is there one turn of the globe east or west. */
static int
ring_in_view(const struct map *mp, const struct geo_ring *r)
{
	int k;

	if (r->y0 > mp->vy1 || r->y1 < mp->vy0)
		return 0;
	for (k = -1; k <= 1; k++)
		if (r->x0 + 360 * k <= mp->vx1 && r->x1 + 360 * k >= mp->vx0)
			return 1;
	return 0;
}

/* The ring's points in the box's coordinates, into xy, the ring moved by
 * whole turns of the globe to lie nearest the view (a view may reach past
 * the antimeridian; geo.c makes rings that cross it continuous). */
static void
ring_project(const struct map *mp, const struct geo_ring *r, double *xy)
{
	double turn = 360 * round(((mp->vx0 + mp->vx1) - (r->x0 + r->x1)) /
	    2 / 360);
	size_t i;

	for (i = 0; i < r->n; i++)
		project(mp, r->pt[2 * i] + turn, r->pt[2 * i + 1], &xy[2 * i],
		    &xy[2 * i + 1]);
}

/* Sutherland-Hodgman: the part of polygon in[0..n) on the kept side of
 * the line x = v (axis 0) or y = v (axis 1), into out; its points. */
static size_t
clip_side(const double *in, size_t n, double *out, int axis, double v,
    int keep_below)
{
	size_t i, j, m = 0;

	for (i = 0, j = n - 1; i < n; j = i++) {
		const double *a = &in[2 * j], *b = &in[2 * i];
		int ina = keep_below ? a[axis] <= v : a[axis] >= v;
		int inb = keep_below ? b[axis] <= v : b[axis] >= v;

		if (ina != inb) {
			double t = (v - a[axis]) / (b[axis] - a[axis]);

			out[2 * m + axis] = v;
			out[2 * m + 1 - axis] = a[1 - axis] + t * (b[1 - axis] -
			    a[1 - axis]);
			m++;
		}
		if (inb) {
			out[2 * m] = b[0];
			out[2 * m + 1] = b[1];
			m++;
		}
	}
	return m;
}

/* Calls fn for each point of ring r worth drawing: projected, cut to the
 * box and a little more (so that no cut edge shows: the page is clipped
 * to the box), points closer than SIMPLIFY to the last one kept dropped.
 * The ring closes itself.  Returns the points passed to fn. */
static size_t
ring_points(const struct map *mp, const struct geo_ring *r,
    void (*fn)(void *arg, size_t i, double x, double y), void *arg)
{
	double *a = xreallocarray(NULL, 4 * r->n + 16, sizeof(double));
	double *b = xreallocarray(NULL, 4 * r->n + 16, sizeof(double));
	double lx = 0, ly = 0, m = 6;
	size_t i, n, kept = 0;

	ring_project(mp, r, a);
	n = clip_side(a, r->n, b, 0, -m, 0);
	n = n ? clip_side(b, n, a, 0, mp->w + m, 1) : 0;
	n = n ? clip_side(a, n, b, 1, -m, 0) : 0;
	n = n ? clip_side(b, n, a, 1, mp->h + m, 1) : 0;
	for (i = 0; n >= 3 && i < n; i++) {
		if (kept > 0 && i + 1 < n && fabs(a[2 * i] - lx) < SIMPLIFY &&
		    fabs(a[2 * i + 1] - ly) < SIMPLIFY)
			continue;
		fn(arg, kept++, a[2 * i], a[2 * i + 1]);
		lx = a[2 * i];
		ly = a[2 * i + 1];
	}
	free(a);
	free(b);
	return kept;
}

/* ---- what labels avoid ---- */

struct seg_ctx {
	struct map *mp;
	double weight, fx, fy, px, py;
	size_t owner;
};

static void
seg_point(void *arg, size_t i, double x, double y)
{
	struct seg_ctx *c = arg;
	struct seg *s;

	if (i == 0) {
		c->fx = x;
		c->fy = y;
	} else if (fmax(x, c->px) >= 0 && fmin(x, c->px) <= c->mp->w &&
	    fmax(y, c->py) >= 0 && fmin(y, c->py) <= c->mp->h) {
		s = array_push(&c->mp->segs, &c->mp->nsegs, sizeof(*s));
		*s = (struct seg){c->px, c->py, x, y, c->weight, c->owner};
	}
	c->px = x;
	c->py = y;
}

static void
add_country_segs(struct map *mp, const struct geo_country *c, double weight,
    size_t owner)
{
	struct seg_ctx ctx = {mp, weight, 0, 0, 0, 0, owner};
	size_t k;

	for (k = 0; k < c->nrings; k++)
		if (ring_in_view(mp, &c->rings[k]) &&
		    ring_points(mp, &c->rings[k], seg_point, &ctx) > 0)
			seg_point(&ctx, 1, ctx.fx, ctx.fy);
}

static void
collect_segs(struct map *mp)
{
	const struct place_pt *hub = NULL;
	size_t i;

	for (i = 0; mp->g && i < mp->g->n; i++)
		add_country_segs(mp, &mp->g->v[i], &mp->g->v[i] ==
		    mp->g->home ? W_HOME : W_NEIGHBOUR, i);
	for (i = 0; i < mp->n && hub == NULL; i++)
		if (mp->pts[i].is_link_hub)
			hub = &mp->pts[i];
	for (i = 0; hub && i < mp->n; i++)
		if (!mp->pts[i].is_link_hub)
			*(struct seg *)array_push(&mp->segs, &mp->nsegs,
			    sizeof(struct seg)) = (struct seg){hub->x, hub->y,
			    mp->pts[i].x, mp->pts[i].y, W_LINK, 100000 + i};
}

/* Does segment s pass through rectangle r?  (Liang-Barsky clipping.) */
static int
seg_hits(const struct seg *s, const struct rect *r)
{
	double dx = s->x1 - s->x0, dy = s->y1 - s->y0, t0 = 0, t1 = 1;
	double p[4] = {-dx, dx, -dy, dy};
	double q[4] = {s->x0 - r->x, r->x + r->w - s->x0, s->y0 - r->y,
	    r->y + r->h - s->y0};
	int k;

	/* Most segments lie wholly to one side of a label: say so before
	 * clipping (a quarter of a build's instructions went here). */
	if ((s->x0 < r->x && s->x1 < r->x) ||
	    (s->x0 > r->x + r->w && s->x1 > r->x + r->w) ||
	    (s->y0 < r->y && s->y1 < r->y) ||
	    (s->y0 > r->y + r->h && s->y1 > r->y + r->h))
		return 0;
	for (k = 0; k < 4; k++) {
		if (p[k] == 0) {
			if (q[k] < 0)
				return 0;
		} else if (p[k] < 0) {
			t0 = fmax(t0, q[k] / p[k]);
		} else {
			t1 = fmin(t1, q[k] / p[k]);
		}
	}
	return t0 <= t1;
}

static struct rect
symbol_rect(const struct place_pt *p)
{
	return (struct rect){p->x - SYM - 1.5, p->y - SYM - 1.5, 2 * SYM + 3,
	    2 * SYM + 3};
}

/* Distance from point (x, y) to rectangle r. */
static double
rect_dist(const struct rect *r, double x, double y)
{
	return hypot(fmax(0, fmax(r->x - x, x - r->x - r->w)),
	    fmax(0, fmax(r->y - y, y - r->y - r->h)));
}

/* The cost of a label at r: hard clashes with the box's edge, the
 * symbols, the legend and the labels placed so far (`upto` of them);
 * then each line (a country's outline, a link) it crosses, once. */
static double
label_cost(const struct map *mp, const struct rect *r, size_t upto)
{
	double cost = 0, rx1 = r->x + r->w, ry1 = r->y + r->h;
	size_t i, hit = (size_t)-1;

	if (r->x < 3 || r->y < 1 || r->x + r->w > mp->w - 3 ||
	    r->y + r->h > mp->h - 1)
		cost += HARD;
	if (mp->legend.w > 0 && overlaps(r, &mp->legend))
		cost += HARD;
	for (i = 0; i < mp->n; i++) {
		struct rect s = symbol_rect(&mp->pts[i]);
		struct rect l = {mp->pts[i].lx, mp->pts[i].ly, mp->pts[i].lw,
		    mp->pts[i].lh};

		if (overlaps(r, &s))
			cost += HARD;
		if (i < upto && overlaps(r, &l))
			cost += HARD;
	}
	for (i = 0; i < mp->nsegs; i++) {
		const struct seg *g = &mp->segs[i];

		/* seg_hits's own first test, here where the loop keeps r's
		 * far sides at hand: most segments fail it. */
		if ((g->x0 < r->x && g->x1 < r->x) ||
		    (g->x0 > rx1 && g->x1 > rx1) ||
		    (g->y0 < r->y && g->y1 < r->y) ||
		    (g->y0 > ry1 && g->y1 > ry1))
			continue;
		if (g->owner != hit && seg_hits(g, r)) {
			cost += g->weight;
			hit = g->owner;
		}
	}
	return cost;
}

/* A label reads as its nearest place's: cost when that is another. */
static double
astray_cost(const struct map *mp, const struct rect *r, size_t own)
{
	double d = rect_dist(r, mp->pts[own].x, mp->pts[own].y);
	size_t i;

	for (i = 0; i < mp->n; i++)
		if (i != own && rect_dist(r, mp->pts[i].x, mp->pts[i].y) < d)
			return W_ASTRAY;
	return 0;
}

/* The space nearest the middle of s, where a long label breaks in two;
 * NULL when it has none. */
static const char *
middle_space(const char *s)
{
	const char *best = NULL, *c;
	size_t n = strlen(s);

	for (c = s; *c; c++)
		if (*c == ' ' && (best == NULL || labs((long)(c - s) -
		    (long)n / 2) < labs((long)(best - s) - (long)n / 2)))
			best = c;
	return best;
}

/* Right, left, above, below, the diagonals, then the same further out,
 * on one line and then (a little dearer) broken in two at its middle
 * space: the cheapest spot, the earliest among equals. */
static void
place_labels(struct eng *e, struct map *mp)
{
	const struct lay_block *b = mp->b;
	int st = b->map.label_style;
	double lh = eng_style(e, st)->leading;
	size_t i, k;

	for (i = 0; i < mp->n; i++) {
		struct place_pt *p = &mp->pts[i];
		const char *sp = middle_space(p->label);
		double w1 = eng_text_width(e, st, p->label), w2 = w1;
		double best = INFINITY, d, c;
		char *first = NULL;

		if (sp) {
			first = xstrndup(p->label, (size_t)(sp - p->label));
			w2 = fmax(eng_text_width(e, st, first),
			    eng_text_width(e, st, sp + 1));
			free(first);
		}
		for (k = 0; k < (sp ? 32u : 16u); k++) {
			static const double dx[8] = {1, -1, 0, 0, 1, 1, -1, -1};
			static const double dy[8] = {0, 0, -1, 1, -1, 1, -1, 1};
			size_t j = k % 8;
			int two = k >= 16;
			struct rect r;

			d = SYM + GAP + (k % 16 >= 8 ? 6 : 0);
			r.w = two ? w2 : w1;
			r.h = two ? 2 * lh : lh;
			r.x = dx[j] > 0 ? p->x + d * (j < 4 ? 1 : .75) :
			    dx[j] < 0 ? p->x - d * (j < 4 ? 1 : .75) - r.w :
			    p->x - r.w / 2;
			r.y = dy[j] < 0 ? p->y - d * (j < 4 ? 1 : .6) - r.h :
			    dy[j] > 0 ? p->y + d * (j < 4 ? 1 : .6) :
			    p->y - r.h / 2;
			c = label_cost(mp, &r, i) + astray_cost(mp, &r, i) +
			    0.05 * (double)k + (two ? W_BROKEN : 0);
			if (c < best) {
				best = c;
				p->lx = r.x;
				p->ly = r.y;
				p->lw = r.w;
				p->lh = r.h;
				p->brk = two ? (size_t)(sp - p->label) : 0;
				p->align = dx[j] > 0 ? 0 : dx[j] < 0 ? 2 : 1;
			}
		}
	}
}

/* A label as placed: one line, or two aligned towards their place. */
static void
draw_label(struct eng *e, const struct map *mp, const struct place_pt *p,
    double x, double y)
{
	int st = mp->b->map.label_style;
	double lh = eng_style(e, st)->leading, w;
	char *line;

	if (p->brk == 0) {
		eng_text(e, st, x + p->lx, y + p->ly, p->label);
		return;
	}
	line = xstrndup(p->label, p->brk);
	w = eng_text_width(e, st, line);
	eng_text(e, st, x + p->lx + (p->lw - w) * p->align / 2, y + p->ly,
	    line);
	free(line);
	w = eng_text_width(e, st, p->label + p->brk + 1);
	eng_text(e, st, x + p->lx + (p->lw - w) * p->align / 2, y + p->ly +
	    lh, p->label + p->brk + 1);
}

/* ---- the legend ---- */

/* A corner of the box that covers no place, and the least of the
 * country's outline. */
static void
place_legend(struct eng *e, struct map *mp)
{
	const struct lay_block *b = mp->b;
	double lh = eng_style(e, b->map.legend_style)->leading + 1, w = 0;
	double best = INFINITY, c;
	size_t i, k;

	if (!b->map.legend || b->map.kind_col < 0 || mp->nkeys == 0)
		return;
	for (i = 0; i < mp->nkeys; i++)
		w = fmax(w, eng_text_width(e, b->map.legend_style,
		    mp->keys[i].text));
	for (k = 0; k < 4; k++) {
		struct rect r = {0, 0, w + 2 * SYM + 14, lh * mp->nkeys + 6};

		r.x = k % 2 ? mp->w - r.w - 4 : 4;
		r.y = k < 2 ? mp->h - r.h - 4 : 4;
		c = 0;
		for (i = 0; i < mp->n; i++) {
			struct rect s = symbol_rect(&mp->pts[i]);

			s.x -= 30;
			s.w += 60;
			if (overlaps(&r, &s))
				c += HARD;
		}
		for (i = 0; i < mp->nsegs; i++)
			if (mp->segs[i].weight >= W_HOME &&
			    seg_hits(&mp->segs[i], &r))
				c += mp->segs[i].weight;
		if (c < best) {
			best = c;
			mp->legend = r;
		}
	}
}

/* ---- neighbours' names ---- */

static const char *
nation_name(const struct model *m, const struct geo_country *c)
{
	size_t i;

	for (i = 0; i < m->nnations; i++)
		if (m->nations[i].code && strcmp(m->nations[i].code,
		    c->code) == 0)
			return m->nations[i].name;
	return c->name;
}

static int
rect_in_country(const struct map *mp, const struct geo_country *c,
    const struct rect *r)
{
	double px[5] = {r->x, r->x + r->w, r->x, r->x + r->w, r->x + r->w / 2};
	double py[5] = {r->y, r->y, r->y + r->h, r->y + r->h, r->y + r->h / 2};
	int k;

	for (k = 0; k < 5; k++)
		if (!geo_inside(c, mp->lon0 + (px[k] - mp->ox) / (mp->kx *
		    mp->scale), mp->lat1 - (py[k] - mp->oy) / mp->scale))
			return 0;
	return 1;
}

static int
name_clashes(const struct map *mp, const struct rect *r)
{
	size_t i;

	if (label_cost(mp, r, mp->n) >= HARD)
		return 1;
	for (i = 0; i < mp->nnames; i++)
		if (overlaps(r, &mp->names[i].r))
			return 1;
	/* A name is context: it stays off the country and every link. */
	for (i = 0; i < mp->nsegs; i++)
		if (mp->segs[i].weight >= W_HOME && seg_hits(&mp->segs[i], r))
			return 1;
	return 0;
}

/* Each neighbour's name, once, on a free spot well inside its visible
 * part (the grid point nearest the middle of that part that fits). */
static void
place_names(struct eng *e, struct map *mp)
{
	const struct lay_block *b = mp->b;
	enum { N = 24 };
	int st = b->map.neighbour_style, gx, gy;
	unsigned char in[N][N];         /* rect_in_country, asked once */
	double lh, cx, cy, cnt, best, d;
	size_t i, j;

	if (st < 0 || mp->g == NULL)
		return;
	lh = eng_style(e, st)->leading;
	for (i = 0; i < mp->g->n; i++) {
		const struct geo_country *c = &mp->g->v[i];
		struct name_label nl = {NULL, {0, 0, 0, 0}};

		if (c == mp->g->home)
			continue;
		nl.text = xstrdup(nation_name(e->m, c));
		if (eng_style(e, st)->upper)
			for (j = 0; nl.text[j]; j++)
				nl.text[j] = (char)toupper((unsigned char)
				    nl.text[j]);
		nl.r.w = eng_text_width(e, st, nl.text);
		nl.r.h = lh;
		cx = cy = cnt = 0;
		for (gx = 1; gx < N; gx++)
			for (gy = 1; gy < N; gy++) {
				struct rect r = {mp->w * gx / N - nl.r.w / 2,
				    mp->h * gy / N - lh / 2, nl.r.w, lh};

				in[gx][gy] = rect_in_country(mp, c, &r);
				if (in[gx][gy]) {
					cx += mp->w * gx / N;
					cy += mp->h * gy / N;
					cnt++;
				}
			}
		best = INFINITY;
		for (gx = 1; cnt > 0 && gx < N; gx++)
			for (gy = 1; gy < N; gy++) {
				struct rect r = {mp->w * gx / N - nl.r.w / 2,
				    mp->h * gy / N - lh / 2, nl.r.w, lh};

				d = hypot(mp->w * gx / N - cx / cnt,
				    mp->h * gy / N - cy / cnt);
				if (d < best && in[gx][gy] &&
				    !name_clashes(mp, &r)) {
					best = d;
					nl.r = r;
				}
			}
		if (best < INFINITY)
			*(struct name_label *)array_push(&mp->names,
			    &mp->nnames, sizeof(nl)) = nl;
		else
			free(nl.text);
	}
}

/* ---- drawing ---- */

struct path_ctx {
	struct eng *e;
	double x, y;
};

static void
path_point(void *arg, size_t i, double x, double y)
{
	struct path_ctx *c = arg;
	HPDF_REAL px = (HPDF_REAL)(c->x + x);
	HPDF_REAL py = (HPDF_REAL)eng_py(c->e, c->y + y);

	if (i == 0)
		ops_move_to(c->e->page, px, py);
	else
		ops_line_to(c->e->page, px, py);
}

/* A country as one path, its holes cut out by the even-odd rule. */
static void
draw_country(struct eng *e, const struct map *mp, const struct geo_country *c,
    double x, double y, const struct lay_paint *fill,
    const struct lay_paint *line, double width)
{
	struct path_ctx ctx = {e, x, y};
	size_t k, drawn = 0;

	if (!fill->set && !line->set)
		return;
	/* Colours first: PDF allows no colour change inside a path. */
	ops_fill(e->page, (HPDF_REAL)fill->c.r,
	    (HPDF_REAL)fill->c.g, (HPDF_REAL)fill->c.b);
	ops_stroke(e->page, (HPDF_REAL)line->c.r,
	    (HPDF_REAL)line->c.g, (HPDF_REAL)line->c.b);
	HPDF_Page_SetLineWidth(e->page, (HPDF_REAL)width);
	HPDF_Page_SetLineJoin(e->page, HPDF_ROUND_JOIN);
	for (k = 0; k < c->nrings; k++)
		if (ring_in_view(mp, &c->rings[k]) &&
		    ring_points(mp, &c->rings[k], path_point, &ctx) > 0) {
			HPDF_Page_ClosePath(e->page);
			drawn++;
		}
	if (drawn == 0)
		return;
	if (fill->set && line->set)
		HPDF_Page_EofillStroke(e->page);
	else if (fill->set)
		HPDF_Page_Eofill(e->page);
	else
		HPDF_Page_Stroke(e->page);
}

static void
draw_countries(struct eng *e, const struct map *mp, double x, double y)
{
	const struct lay_block *b = mp->b;
	size_t i;

	if (mp->g == NULL)
		return;
	for (i = 0; i < mp->g->n; i++)
		if (&mp->g->v[i] != mp->g->home)
			draw_country(e, mp, &mp->g->v[i], x, y,
			    &b->map.neighbour, &b->map.neighbour_border, 0.5);
	if (mp->g->home)
		draw_country(e, mp, mp->g->home, x, y, &b->map.land,
		    &b->map.border, 0.9);
}

/* A symbol with a white edge, so that neighbours stay apart. */
static void
symbol(struct eng *e, double x, double y, int sym, const struct lay_rgb *c)
{
	HPDF_Page p = e->page;
	double r = SYM, py = eng_py(e, y);
	int k;

	ops_fill(p, (HPDF_REAL)c->r, (HPDF_REAL)c->g,
	    (HPDF_REAL)c->b);
	ops_stroke(p, 1, 1, 1);
	HPDF_Page_SetLineWidth(p, 0.8);
	switch (sym) {
	case SYM_SQUARE:
		r *= 0.9;
		ops_rect(p, (HPDF_REAL)(x - r), (HPDF_REAL)(py - r),
		    (HPDF_REAL)(2 * r), (HPDF_REAL)(2 * r));
		break;
	case SYM_DIAMOND:
	case SYM_TRIANGLE:
	case SYM_STAR:
		/* Points around the centre, the first straight up (PDF's y
		 * grows upwards); a star alternates with an inner radius. */
		for (k = 0; k < (sym == SYM_STAR ? 10 : sym == SYM_DIAMOND ?
		    4 : 3); k++) {
			int n = sym == SYM_STAR ? 10 : sym == SYM_DIAMOND ? 4 : 3;
			double a = M_PI / 2 + 2 * M_PI * k / n;
			double rr = sym == SYM_STAR ? (k % 2 ? r * 0.6 : r * 1.55) :
			    sym == SYM_DIAMOND ? r * 1.2 : r * 1.35;
			double px = x + rr * cos(a), qy = py + rr * sin(a) -
			    (sym == SYM_TRIANGLE ? r * 0.25 : 0);

			if (k == 0)
				ops_move_to(p, (HPDF_REAL)px, (HPDF_REAL)qy);
			else
				ops_line_to(p, (HPDF_REAL)px, (HPDF_REAL)qy);
		}
		HPDF_Page_ClosePath(p);
		break;
	default:
		HPDF_Page_Circle(p, (HPDF_REAL)x, (HPDF_REAL)py, (HPDF_REAL)r);
		break;
	}
	HPDF_Page_FillStroke(p);
}

static void
draw_legend(struct eng *e, const struct map *mp, double x, double y)
{
	const struct lay_block *b = mp->b;
	const struct rect *r = &mp->legend;
	double lh = eng_style(e, b->map.legend_style)->leading + 1;
	struct lay_rgb white = {1, 1, 1};
	size_t i;

	if (r->w == 0)
		return;
	eng_fill_rect(e, x + r->x, y + r->y, r->w, r->h, &white);
	for (i = 0; i < mp->nkeys; i++) {
		double ty = y + r->y + 3 + lh * (double)i;

		symbol(e, x + r->x + 4 + SYM + 1, ty + lh / 2,
		    mp->keys[i].symbol, &mp->keys[i].color);
		eng_text(e, b->map.legend_style, x + r->x + 2 * SYM + 10,
		    ty + 0.5, mp->keys[i].text);
	}
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
	HPDF_Page_GSave(e->page);
	ops_rect(e->page, (HPDF_REAL)x, (HPDF_REAL)eng_py(e, y +
	    mp->h), (HPDF_REAL)mp->w, (HPDF_REAL)mp->h);
	HPDF_Page_Clip(e->page);
	HPDF_Page_EndPath(e->page);
	if (b->map.water.set)
		eng_fill_rect(e, x, y, mp->w, mp->h, &b->map.water.c);
	draw_countries(e, mp, x, y);
	for (i = 0; i < mp->n && hub == NULL; i++)
		if (mp->pts[i].is_link_hub)
			hub = &mp->pts[i];
	for (i = 0; hub && i < mp->n; i++)
		if (!mp->pts[i].is_link_hub)
			eng_line(e, x + hub->x, y + hub->y, x + mp->pts[i].x,
			    y + mp->pts[i].y, 0.9, &b->map.link_color.c);
	for (i = 0; i < mp->nnames; i++)
		eng_text(e, b->map.neighbour_style, x + mp->names[i].r.x,
		    y + mp->names[i].r.y, mp->names[i].text);
	for (i = 0; i < mp->n; i++)
		symbol(e, x + mp->pts[i].x, y + mp->pts[i].y,
		    mp->pts[i].symbol, &mp->pts[i].color);
	for (i = 0; i < mp->n; i++)
		draw_label(e, mp, &mp->pts[i], x, y);
	draw_legend(e, mp, x, y);
	HPDF_Page_GRestore(e->page);
	if (b->map.frame.set) {
		const struct lay_rgb *c = &b->map.frame.c;

		ops_stroke(e->page, (HPDF_REAL)c->r,
		    (HPDF_REAL)c->g, (HPDF_REAL)c->b);
		HPDF_Page_SetLineWidth(e->page, 0.5);
		ops_rect(e->page, (HPDF_REAL)x, (HPDF_REAL)eng_py(e,
		    y + mp->h), (HPDF_REAL)mp->w, (HPDF_REAL)mp->h);
		HPDF_Page_Stroke(e->page);
	}
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
	mp->g = e->m->geo;
	mp->w = w;
	mp->h = b->map.height;
	collect_places(e, mp);
	fit(mp);
	collect_segs(mp);
	place_legend(e, mp);
	place_labels(e, mp);
	place_names(e, mp);
	boxes_push(out, b->map.height, draw_map, b, mp)->alt = map_alt(e, mp);
	return 0;
}
