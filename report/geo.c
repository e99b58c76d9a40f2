/* geo.c - loads the mission's country and its neighbours from the geo file
 * (format: data/README.md, "data/geo/countries.txt"), and answers whether a
 * point lies in a country.  Each `country` line states its bounding box and
 * how many lines follow for it, so a first pass reads only those lines and
 * the rings of far-away countries are skipped without being parsed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "geo.h"
#include "ini_read.h"

#define MAX_LINES 10000000L     /* lines of one country */
#define KM_PER_DEGREE 111.195   /* of latitude, on a sphere of 6371 km */

/* The file as lines: NUL-terminated in place, with their numbers. */
struct lines {
	char **v;
	size_t n;
	const char *file;       /* interned, for struct loc */
};

/* What the first pass keeps of a `country` line. */
struct head {
	size_t at;              /* index of the line */
	long count;             /* lines that follow for it */
	double x0, y0, x1, y1;
};

static void
split_lines(struct lines *L, char *text)
{
	char *line = text, *next;

	while (line) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (next || *line)
			*(char **)array_push(&L->v, &L->n, sizeof(char *)) =
			    line;
		line = next;
	}
}

static struct loc
at(const struct lines *L, size_t i)
{
	return (struct loc){L->file, (int)i + 1};
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

static int
parse_lon_lat(const char *xs, const char *ys, double *x, double *y)
{
	return num_parse_double(xs, x) == 0 && num_parse_double(ys, y) == 0 &&
	    *x >= -180 && *x <= 180 && *y >= -90 && *y <= 90 ? 0 : -1;
}

/* `country CODE WEST SOUTH EAST NORTH LINES NAME`: into h, the code and
 * name into the caller's words (pointing into the line). */
static int
parse_head(const struct lines *L, size_t i, struct head *h, char **code,
    char **name)
{
	char copy[256], *w[8];
	struct loc loc = at(L, i);
	size_t len = strlen(L->v[i]);

	if (len >= sizeof(copy)) {
		diag_error(&loc, "line too long for a 'country' line");
		return -1;
	}
	memcpy(copy, L->v[i], len + 1);
	if (words(L->v[i], w, 8) != 8 || strcmp(w[0], "country") != 0 ||
	    num_parse_double(w[2], &h->x0) < 0 ||
	    num_parse_double(w[3], &h->y0) < 0 ||
	    num_parse_double(w[4], &h->x1) < 0 ||
	    num_parse_double(w[5], &h->y1) < 0 ||
	    num_parse_long(w[6], 1, MAX_LINES, &h->count) < 0) {
		diag_error(&loc, "expected 'country CODE WEST SOUTH EAST NORTH "
		    "LINES NAME', not '%.60s'", copy);
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
	h->at = i;
	*code = w[1];
	*name = w[7];
	return 0;
}

/* First pass: every country line, checked, its body skipped. */
static int
scan_heads(const struct lines *L, struct head **hv, size_t *nh,
    char ***codes, char ***names)
{
	size_t i = 0, n = 0;
	int bad = 0;

	while (i < L->n) {
		const char *s = L->v[i] + strspn(L->v[i], " \t");
		struct head h;
		char *code, *name;

		if (*s == '\0' || *s == '#') {
			i++;
			continue;
		}
		if (parse_head(L, i, &h, &code, &name) < 0)
			return -1;
		if ((size_t)h.count > L->n - i - 1) {
			struct loc loc = at(L, i);

			diag_error(&loc, "%s announces %ld lines; the file ends "
			    "after %zu", code, h.count, L->n - i - 1);
			return -1;
		}
		for (size_t k = 0; k < n; k++)
			if (strcmp((*codes)[k], code) == 0) {
				struct loc loc = at(L, i);

				diag_error(&loc, "%s is given twice (first at "
				    "line %zu)", code, (*hv)[k].at + 1);
				bad = 1;
			}
		*(struct head *)array_push(hv, nh, sizeof(h)) = h;
		n = *nh;
		*codes = xreallocarray(*codes, n, sizeof(char *));
		*names = xreallocarray(*names, n, sizeof(char *));
		(*codes)[n - 1] = code;
		(*names)[n - 1] = name;
		i += (size_t)h.count + 1;
	}
	return bad ? -1 : 0;
}

/* One ring: `ring outer|hole N` at line i, then N points. */
static int
parse_ring(const struct lines *L, size_t i, size_t end, struct geo_ring *r)
{
	char *w[3];
	struct loc loc = at(L, i);
	long n;
	size_t k;

	if (words(L->v[i], w, 3) != 3 || strcmp(w[0], "ring") != 0 ||
	    (strcmp(w[1], "outer") != 0 && strcmp(w[1], "hole") != 0) ||
	    num_parse_long(w[2], 3, MAX_LINES, &n) < 0) {
		diag_error(&loc, "expected 'ring outer N' or 'ring hole N' "
		    "(N at least 3)");
		return -1;
	}
	if ((size_t)n > end - i - 1) {
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
		char *xy[3];

		loc = at(L, i + 1 + k);
		if (words(L->v[i + 1 + k], xy, 3) != 2 ||
		    parse_lon_lat(xy[0], xy[1], &p[0], &p[1]) < 0) {
			diag_error(&loc, "expected 'longitude latitude' in "
			    "degrees");
			return -1;
		}
		r->x0 = fmin(r->x0, p[0]);
		r->x1 = fmax(r->x1, p[0]);
		r->y0 = fmin(r->y0, p[1]);
		r->y1 = fmax(r->y1, p[1]);
	}
	return 0;
}

/* Second pass, for one chosen country: its rings. */
static int
parse_country(const struct lines *L, const struct head *h, const char *code,
    const char *name, struct geo_country *c)
{
	size_t i = h->at + 1, end = h->at + 1 + (size_t)h->count;

	c->loc = at(L, h->at);
	c->code = xstrdup(code);
	c->name = xstrdup(name);
	c->x0 = h->x0;
	c->y0 = h->y0;
	c->x1 = h->x1;
	c->y1 = h->y1;
	while (i < end) {
		struct geo_ring *r = array_push(&c->rings, &c->nrings,
		    sizeof(*r));

		if (parse_ring(L, i, end, r) < 0)
			return -1;
		i += r->n + 1;
	}
	return 0;
}

static int
boxes_meet(const struct head *a, double x0, double y0, double x1, double y1)
{
	return a->x0 <= x1 && x0 <= a->x1 && a->y0 <= y1 && y0 <= a->y1;
}

static int
load_lines(struct geo *g, const struct lines *L, const char *code)
{
	struct head *hv = NULL, *home = NULL;
	char **codes = NULL, **names = NULL;
	size_t nh = 0, i;
	double x0 = 0, y0 = 0, x1 = 0, y1 = 0, grow;
	int rc = scan_heads(L, &hv, &nh, &codes, &names);

	for (i = 0; rc == 0 && code && i < nh; i++)
		if (strcmp(codes[i], code) == 0)
			home = &hv[i];
	if (home) {
		grow = fmax(home->x1 - home->x0, home->y1 - home->y0);
		x0 = home->x0 - grow;
		x1 = home->x1 + grow;
		y0 = home->y0 - grow;
		y1 = home->y1 + grow;
		/* The country first, so that home is v[0]. */
		if (parse_country(L, home, code, names[home - hv],
		    array_push(&g->v, &g->n, sizeof(*g->v))) < 0)
			rc = -1;
	}
	for (i = 0; rc == 0 && home && i < nh; i++)
		if (&hv[i] != home && boxes_meet(&hv[i], x0, y0, x1, y1) &&
		    parse_country(L, &hv[i], codes[i], names[i],
		    array_push(&g->v, &g->n, sizeof(*g->v))) < 0)
			rc = -1;
	if (rc == 0 && nh == 0)
		diag_file_error(L->file, "no 'country' lines");
	g->home = rc == 0 && home ? &g->v[0] : NULL;
	g->failed = rc < 0 || nh == 0;
	free(hv);
	free(codes);
	free(names);
	return rc == 0 && nh > 0 ? 0 : -1;
}

int
geo_load_mem(struct geo *g, const char *name, const char *text, size_t len,
    const char *code)
{
	struct lines L = {NULL, 0, diag_intern(name)};
	char *copy;
	int rc;

	g->file = xstrdup(name);
	if (memchr(text, '\0', len) || utf8_check(text, len) >= 0) {
		diag_file_error(name, "not a text file");
		g->failed = 1;
		return -1;
	}
	copy = xstrndup(text, len);
	split_lines(&L, copy);
	rc = load_lines(g, &L, code);
	free(L.v);
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
	rc = geo_load_mem(g, path, text, len, code);
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
		for (k = 0; k < g->v[i].nrings; k++)
			free(g->v[i].rings[k].pt);
		free(g->v[i].rings);
		free(g->v[i].code);
		free(g->v[i].name);
	}
	free(g->v);
	free(g->file);
	memset(g, 0, sizeof(*g));
}

/* Crossings of a ray from (x, y) towards +x: odd means inside. */
static int
ring_crossings(const struct geo_ring *r, double x, double y)
{
	size_t i, j;
	int odd = 0;

	if (x < r->x0 || x > r->x1 || y < r->y0 || y > r->y1)
		return 0;
	for (i = 0, j = r->n - 1; i < r->n; j = i++) {
		double xi = r->pt[2 * i], yi = r->pt[2 * i + 1];
		double xj = r->pt[2 * j], yj = r->pt[2 * j + 1];

		if ((yi > y) != (yj > y) &&
		    x < xj + (y - yj) * (xi - xj) / (yi - yj))
			odd = !odd;
	}
	return odd;
}

int
geo_inside(const struct geo_country *c, double lon, double lat)
{
	size_t k;
	int odd = 0;

	for (k = 0; k < c->nrings; k++)
		odd ^= ring_crossings(&c->rings[k], lon, lat);
	return odd;
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

		for (i = 0, j = r->n - 1; i < r->n; j = i++)
			best = fmin(best, seg_dist(
			    (r->pt[2 * j] - lon) * kx,
			    (r->pt[2 * j + 1] - lat) * KM_PER_DEGREE,
			    (r->pt[2 * i] - lon) * kx,
			    (r->pt[2 * i + 1] - lat) * KM_PER_DEGREE));
	}
	return best;
}
