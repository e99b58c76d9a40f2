/* geo.c - loads the mission's country and its neighbours from the geo file
 * (format: data/README.md, "data/geo/countries.txt"), and answers whether a
 * point lies in a country.  Each `country` line states its bounding box and
 * how many lines and bytes follow for it, so a first pass reads only those
 * lines, jumping over every body, and only the rings of the countries a
 * map can show are parsed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "geo.h"
#include "ini_read.h"

#define MAX_LINES 10000000L     /* lines of one country */
#define KM_PER_DEGREE 111.195   /* of latitude, on a sphere of 6371 km */
#define CONTEXT 1.5             /* neighbours: within this many times the
				   country's larger side */

/* The file as lines, NUL-terminated in place by the first pass. */
struct text {
	char *p, *end;
	const char *file;       /* interned, for struct loc */
};

/* What the first pass keeps of a `country` line. */
struct head {
	int lineno;
	long count, bytes;      /* the lines that follow for it */
	char *body;             /* where they start */
	double x0, y0, x1, y1;
	char *code, *name;
};

/* The line at *p (NUL-terminated, any '\r' dropped); *p moves past it.
 * NULL at the end of the text. */
static char *
next_line(const struct text *T, char **p)
{
	char *s = *p, *nl;

	if (s >= T->end)
		return NULL;
	nl = memchr(s, '\n', (size_t)(T->end - s));
	if (nl == NULL)
		nl = T->end;
	*nl = '\0';
	if (nl > s && nl[-1] == '\r')
		nl[-1] = '\0';
	*p = nl + 1;
	return s;
}

/* Up to `max` words of s, separated by spaces or tabs; the last one takes
 * the rest of the line.  Returns how many. */
static int
words(char *s, char **w, int max)
{
	int n = 0;

	while (n < max) {
		s += strspn(s, " \t");
		if (*s == '\0')
			break;
		w[n++] = s;
		if (n == max)
			break;
		s += strcspn(s, " \t");
		if (*s)
			*s++ = '\0';
	}
	return n;
}

static int
valid_code(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return i == 3;
}

/* A plain decimal ("-12.345") at s, without strtod's cost: the points
 * are most of the file.  Its digits as a whole number divided by a power
 * of ten is correctly rounded while they fit 15 digits.  Returns the end
 * of the number, or NULL. */
static const char *
decimal_at(const char *s, double *out)
{
	static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
		1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
	const char *p = s + (*s == '-');
	unsigned long long v = 0;
	int nd = 0, nf = 0;

	for (; (unsigned)(*p - '0') < 10 && nd < 16; p++, nd++)
		v = v * 10 + (unsigned)(*p - '0');
	if (*p == '.') {
		for (p++; (unsigned)(*p - '0') < 10 && nd + nf < 16; p++, nf++)
			v = v * 10 + (unsigned)(*p - '0');
		if (nf == 0)
			return NULL;
	}
	if (nd + nf == 0 || nd + nf > 15)
		return NULL;
	*out = (double)v / p10[nf];
	if (*s == '-')
		*out = -*out;
	return p;
}

/* A whole word that is a plain decimal: 0, or -1. */
static int
decimal(const char *s, double *out)
{
	const char *end = decimal_at(s, out);

	return end && *end == '\0' ? 0 : -1;
}

/* Past blanks; strspn's call costs more than the one or two it skips. */
static const char *
blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* `longitude latitude`, blanks around and between. */
static int
parse_lon_lat(const char *s, double *x, double *y)
{
	s = blanks(s);
	if ((s = decimal_at(s, x)) == NULL || (*s != ' ' && *s != '\t'))
		return -1;
	s = blanks(s);
	if ((s = decimal_at(s, y)) == NULL)
		return -1;
	s = blanks(s);
	return *s == '\0' && *x >= -180 && *x <= 180 && *y >= -90 &&
	    *y <= 90 ? 0 : -1;
}

/* `country CODE WEST SOUTH EAST NORTH LINES BYTES NAME` into h. */
static int
parse_head(const struct text *T, char *line, int lineno, struct head *h)
{
	char copy[64], *w[9];
	struct loc loc = {T->file, lineno};

	snprintf(copy, sizeof(copy), "%s", line);
	if (words(line, w, 9) != 9 || strcmp(w[0], "country") != 0 ||
	    decimal(w[2], &h->x0) < 0 || decimal(w[3], &h->y0) < 0 ||
	    decimal(w[4], &h->x1) < 0 || decimal(w[5], &h->y1) < 0 ||
	    num_parse_long(w[6], 1, MAX_LINES, &h->count) < 0 ||
	    num_parse_long(w[7], 1, INI_FILE_MAX, &h->bytes) < 0) {
		diag_error(&loc, "expected 'country CODE WEST SOUTH EAST NORTH "
		    "LINES BYTES NAME', not '%s'", copy);
		return -1;
	}
	if (!valid_code(w[1])) {
		diag_error(&loc, "'%s' is not a code of three capital letters",
		    w[1]);
		return -1;
	}
	if (h->x0 < -180 || h->x1 > 180 || h->y0 < -90 || h->y1 > 90 ||
	    h->x0 > h->x1 || h->y0 > h->y1) {
		diag_error(&loc, "the box of %s is not WEST SOUTH EAST NORTH in "
		    "degrees", w[1]);
		return -1;
	}
	if (utf8_check(w[8], strlen(w[8])) >= 0) {
		diag_error(&loc, "the name of %s is not UTF-8", w[1]);
		return -1;
	}
	h->lineno = lineno;
	h->code = w[1];
	h->name = w[8];
	return 0;
}

/* First pass: every country line, checked; its body is skipped by its
 * stated size, unread (parse_country reads it if it is wanted). */
static int
scan_heads(const struct text *T, struct head **hv, size_t *nh)
{
	char *p = T->p, *line;
	int lineno = 0, bad = 0;

	while ((line = next_line(T, &p)) != NULL) {
		struct head h;
		const char *s = line + strspn(line, " \t");
		struct loc loc = {T->file, ++lineno};

		if (*s == '\0' || *s == '#')
			continue;
		if (parse_head(T, line, lineno, &h) < 0)
			return -1;
		for (size_t i = 0; i < *nh; i++)
			if (strcmp((*hv)[i].code, h.code) == 0) {
				diag_error(&loc, "%s is given twice (first at "
				    "line %d)", h.code, (*hv)[i].lineno);
				bad = 1;
			}
		if (h.bytes > T->end - p || p[h.bytes - 1] != '\n') {
			diag_error(&loc, "%s announces %ld bytes of lines; the "
			    "file has no line ending there", h.code, h.bytes);
			return -1;
		}
		h.body = p;
		p += h.bytes;
		lineno += (int)h.count;
		*(struct head *)array_push(hv, nh, sizeof(h)) = h;
	}
	return bad ? -1 : 0;
}

/* A ring that crosses the antimeridian (Russia at Chukotka, Fiji) jumps
 * from 180 to -180: its longitudes are made continuous (some beyond 180),
 * so that point-in-ring and drawing see one shape.  A ring around a pole
 * (Antarctica) cannot be, and is left as it is. */
static void
unwrap_ring(struct geo_ring *r)
{
	double off = 0, *u = xreallocarray(NULL, r->n, sizeof(double));
	size_t i;
	int jumps = 0;

	for (i = 0; i < r->n; i++) {
		u[i] = r->pt[2 * i] + off;
		if (i > 0 && u[i] - u[i - 1] > 180)
			off -= 360, u[i] -= 360, jumps++;
		else if (i > 0 && u[i] - u[i - 1] < -180)
			off += 360, u[i] += 360, jumps++;
	}
	if (jumps > 0 && fabs(u[r->n - 1] - u[0]) <= 180) {
		r->x0 = 1e9;
		r->x1 = -1e9;
		for (i = 0; i < r->n; i++) {
			r->pt[2 * i] = u[i];
			r->x0 = fmin(r->x0, u[i]);
			r->x1 = fmax(r->x1, u[i]);
		}
	}
	free(u);
}

/* The band of latitude y in r's index, clamped to the bands.  Monotonic
 * in y (a subtraction and a product, each rounded), so an edge from
 * south a to north b is in every band from band_of(a) to band_of(b), and
 * a point between a and b falls in one of them. */
static size_t
band_of(const struct geo_ring *r, double y)
{
	double b = (y - r->y0) * r->band_k;

	if (!(b > 0))
		return 0;
	if (b >= (double)r->nband)
		return r->nband - 1;
	return (size_t)b;
}

/* Sorts r's edges into bands of latitude (by counting, then filling),
 * once at load: the map's labels test thousands of points against the
 * same rings.  A level edge is never crossed by the ray and is left
 * out. */
/* The bands edge j-i of r spans, *b0 to *b1; 0 for a level edge. */
static int
edge_bands(const struct geo_ring *r, size_t i, size_t j, size_t *b0,
    size_t *b1)
{
	double yi = r->pt[2 * i + 1], yj = r->pt[2 * j + 1];

	if (yi == yj)
		return 0;
	*b0 = band_of(r, yi < yj ? yi : yj);
	*b1 = band_of(r, yi > yj ? yi : yj);
	return 1;
}

static void
index_ring(struct geo_ring *r)
{
	size_t i, j, b, b0, b1, total = 0, *fill;

	r->nband = r->n / 4 + 1;
	r->band_k = r->y1 > r->y0 ? (double)r->nband / (r->y1 - r->y0) : 0;
	r->band_at = xreallocarray(NULL, r->nband + 1, sizeof(size_t));
	memset(r->band_at, 0, (r->nband + 1) * sizeof(size_t));
	for (i = 0, j = r->n - 1; i < r->n; j = i++)
		if (edge_bands(r, i, j, &b0, &b1))
			for (b = b0; b <= b1; b++)
				r->band_at[b + 1]++;
	for (b = 0; b < r->nband; b++)
		r->band_at[b + 1] += r->band_at[b];
	total = r->band_at[r->nband];
	r->band_edge = xreallocarray(NULL, total ? total : 1, sizeof(size_t));
	fill = xreallocarray(NULL, r->nband, sizeof(size_t));
	memcpy(fill, r->band_at, r->nband * sizeof(size_t));
	for (i = 0, j = r->n - 1; i < r->n; j = i++)
		if (edge_bands(r, i, j, &b0, &b1))
			for (b = b0; b <= b1; b++)
				r->band_edge[fill[b]++] = i;
	free(fill);
}

/* One ring: `ring outer|hole N` in `line`, then N points from B; *seen
 * counts the country's lines, *lineno the file's. */
static int
parse_ring(struct text *B, char **q, char *line, int *lineno, long *seen,
    long count, struct geo_ring *r)
{
	char *w[3], *pl;
	struct loc loc = {B->file, *lineno};
	long n;
	size_t k;

	if (words(line, w, 3) != 3 || strcmp(w[0], "ring") != 0 ||
	    (strcmp(w[1], "outer") != 0 && strcmp(w[1], "hole") != 0) ||
	    num_parse_long(w[2], 3, MAX_LINES, &n) < 0) {
		diag_error(&loc, "expected 'ring outer N' or 'ring hole N' "
		    "(N at least 3)");
		return -1;
	}
	if (n > count - *seen) {
		diag_error(&loc, "the ring's %ld points run past its country's "
		    "lines", n);
		return -1;
	}
	r->hole = w[1][0] == 'h';
	r->n = (size_t)n;
	r->pt = xreallocarray(NULL, 2 * r->n, sizeof(double));
	r->x0 = r->y0 = 1e9;
	r->x1 = r->y1 = -1e9;
	for (k = 0; k < r->n; k++) {
		double *p = &r->pt[2 * k];

		loc.line = ++*lineno;
		++*seen;
		if ((pl = next_line(B, q)) == NULL ||
		    parse_lon_lat(pl, &p[0], &p[1]) < 0) {
			diag_error(&loc, "expected 'longitude latitude' in "
			    "degrees");
			return -1;
		}
		r->x0 = fmin(r->x0, p[0]);
		r->x1 = fmax(r->x1, p[0]);
		r->y0 = fmin(r->y0, p[1]);
		r->y1 = fmax(r->y1, p[1]);
	}
	unwrap_ring(r);
	index_ring(r);
	return 0;
}

/* The box of c's rings (empty: none), so that geo_inside can turn a
 * point away in one test where each ring would test it. */
static void
rings_box(struct geo_country *c)
{
	size_t k;

	c->rx0 = c->ry0 = 1e9;
	c->rx1 = c->ry1 = -1e9;
	for (k = 0; k < c->nrings; k++) {
		c->rx0 = fmin(c->rx0, c->rings[k].x0);
		c->rx1 = fmax(c->rx1, c->rings[k].x1);
		c->ry0 = fmin(c->ry0, c->rings[k].y0);
		c->ry1 = fmax(c->ry1, c->rings[k].y1);
	}
}

/* Second pass, for one chosen country: its rings, which must fill its
 * stated lines and bytes exactly. */
static int
parse_country(const struct text *T, const struct head *h,
    struct geo_country *c)
{
	struct text B = {h->body, h->body + h->bytes, T->file};
	char *q = B.p, *line;
	int lineno = h->lineno;
	long seen = 0;

	c->loc = (struct loc){T->file, h->lineno};
	c->code = xstrdup(h->code);
	c->name = xstrdup(h->name);
	c->x0 = h->x0;
	c->y0 = h->y0;
	c->x1 = h->x1;
	c->y1 = h->y1;
	while (seen < h->count && (line = next_line(&B, &q)) != NULL) {
		lineno++;
		seen++;
		if (parse_ring(&B, &q, line, &lineno, &seen, h->count,
		    array_push(&c->rings, &c->nrings, sizeof(*c->rings))) < 0)
			return -1;
	}
	rings_box(c);
	if (seen != h->count || q != B.end) {
		diag_error(&c->loc, "%s's %ld lines are not its %ld bytes",
		    h->code, h->count, h->bytes);
		return -1;
	}
	return 0;
}

static int
boxes_meet(const struct head *a, double x0, double y0, double x1, double y1)
{
	return a->x0 <= x1 && x0 <= a->x1 && a->y0 <= y1 && y0 <= a->y1;
}

static int
load_text(struct geo *g, const struct text *T, const char *code)
{
	struct head *hv = NULL, *home = NULL;
	size_t nh = 0, i;
	double x0 = 0, y0 = 0, x1 = 0, y1 = 0, grow;
	int rc = scan_heads(T, &hv, &nh);

	for (i = 0; rc == 0 && code && i < nh; i++)
		if (strcmp(hv[i].code, code) == 0)
			home = &hv[i];
	if (home) {
		/* Context for a view of any shape the layout gives: a map
		 * much wider or taller than the country still finds its
		 * neighbours at its sides. */
		grow = CONTEXT * fmax(home->x1 - home->x0, home->y1 - home->y0);
		x0 = home->x0 - grow;
		x1 = home->x1 + grow;
		y0 = home->y0 - grow;
		y1 = home->y1 + grow;
		/* The country first, so that home is v[0]. */
		if (parse_country(T, home, array_push(&g->v, &g->n,
		    sizeof(*g->v))) < 0)
			rc = -1;
	}
	for (i = 0; rc == 0 && home && i < nh; i++)
		if (&hv[i] != home && boxes_meet(&hv[i], x0, y0, x1, y1) &&
		    parse_country(T, &hv[i], array_push(&g->v, &g->n,
		    sizeof(*g->v))) < 0)
			rc = -1;
	if (rc == 0 && nh == 0)
		diag_file_error(T->file, "no 'country' lines");
	g->home = rc == 0 && home ? &g->v[0] : NULL;
	g->failed = rc < 0 || nh == 0;
	free(hv);
	return g->failed ? -1 : 0;
}

/* The text is the caller's, and is cut into lines in place. */
static int
load_buf(struct geo *g, const char *name, char *text, size_t len,
    const char *code)
{
	struct text T = {text, text + len, diag_intern(name)};

	g->file = xstrdup(name);
	if (memchr(text, '\0', len)) {
		diag_file_error(name, "not a text file");
		g->failed = 1;
		return -1;
	}
	return load_text(g, &T, code);
}

int
geo_load_text(struct geo *g, const char *name, char *text, size_t len,
    const char *code)
{
	return load_buf(g, name, text, len, code);
}

void
geo_country_finish(struct geo_country *c)
{
	size_t k;

	for (k = 0; k < c->nrings; k++)
		index_ring(&c->rings[k]);
	rings_box(c);
}

int
geo_load_mem(struct geo *g, const char *name, const char *text, size_t len,
    const char *code)
{
	char *copy = xmalloc(len + 1);
	int rc;

	memcpy(copy, text, len);
	copy[len] = '\0';
	rc = load_buf(g, name, copy, len, code);
	free(copy);
	return rc;
}

int
geo_load(struct geo *g, const char *path, const char *code)
{
	char *text;
	size_t len;
	int rc;

	if (file_slurp(path, &text, &len) < 0) {
		g->file = xstrdup(path);
		g->failed = 1;
		return -1;
	}
	rc = load_buf(g, path, text, len, code);
	free(text);
	return rc;
}

void
geo_free(struct geo *g)
{
	size_t i, k;

	if (g == NULL)
		return;
	for (i = 0; i < g->n; i++) {
		for (k = 0; k < g->v[i].nrings; k++) {
			free(g->v[i].rings[k].pt);
			free(g->v[i].rings[k].band_at);
			free(g->v[i].rings[k].band_edge);
		}
		free(g->v[i].rings);
		free(g->v[i].code);
		free(g->v[i].name);
	}
	free(g->v);
	free(g->file);
	memset(g, 0, sizeof(*g));
}

/* Crossings of a ray from (x, y) towards +x: odd means inside.  Only
 * the edges of y's band can span y; the test of each is the full one, so
 * the answer is that of a walk over every edge. */
static int
ring_crossings(const struct geo_ring *r, double x, double y)
{
	size_t e, i, j, b;
	double xi, yi, xj, yj;
	int odd = 0;

	if (x < r->x0 || x > r->x1 || y < r->y0 || y > r->y1)
		return 0;
	b = band_of(r, y);
	for (e = r->band_at[b]; e < r->band_at[b + 1]; e++) {
		i = r->band_edge[e];
		j = i > 0 ? i - 1 : r->n - 1;
		xi = r->pt[2 * i];
		yi = r->pt[2 * i + 1];
		xj = r->pt[2 * j];
		yj = r->pt[2 * j + 1];
		if ((yi > y) != (yj > y) &&
		    x < xj + (y - yj) * (xi - xj) / (yi - yj))
			odd = !odd;
	}
	return odd;
}

/* Also a turn of the globe east or west, for rings unwrapped past the
 * antimeridian. */
int
geo_inside(const struct geo_country *c, double lon, double lat)
{
	size_t k;
	int turn, odd;

	/* Outside every ring's box, each ring gives no crossing. */
	if (lat < c->ry0 || lat > c->ry1)
		return 0;
	for (turn = -1; turn <= 1; turn++) {
		if (lon + 360 * turn < c->rx0 || lon + 360 * turn > c->rx1)
			continue;
		odd = 0;
		for (k = 0; k < c->nrings; k++)
			odd ^= ring_crossings(&c->rings[k], lon + 360 * turn,
			    lat);
		if (odd)
			return 1;
	}
	return 0;
}

/* Distance from the origin to segment a-b, in the plane. */
static double
seg_dist(double ax, double ay, double bx, double by)
{
	double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy, t;

	t = l2 > 0 ? -(ax * dx + ay * dy) / l2 : 0;
	t = fmax(0, fmin(1, t));
	return hypot(ax + t * dx, ay + t * dy);
}

double
geo_edge_km(const struct geo_country *c, double lon, double lat)
{
	double kx = cos(lat * M_PI / 180) * KM_PER_DEGREE, best = INFINITY;
	size_t k, i, j;

	for (k = 0; k < c->nrings; k++) {
		const struct geo_ring *r = &c->rings[k];

		for (i = 0, j = r->n - 1; i < r->n; j = i++) {
			/* The nearer way round the globe. */
			double dx = remainder(r->pt[2 * j] - lon, 360);

			best = fmin(best, seg_dist(dx * kx,
			    (r->pt[2 * j + 1] - lat) * KM_PER_DEGREE,
			    (dx + r->pt[2 * i] - r->pt[2 * j]) * kx,
			    (r->pt[2 * i + 1] - lat) * KM_PER_DEGREE));
		}
	}
	return best;
}
