/* test_geo.c - the geo file loader (which countries it parses, its
 * diagnostics) and point-in-country over islands and holes, on small
 * in-memory files and on the shipped data/geo/countries.txt. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <string.h>

#include "diag.h"
#include "geo.h"
#include "util.h"

static struct geo G;

static void
unload(void)
{
	geo_free(&G);
	diag_reset();
}

/* A `country` line with its body's lines and bytes counted, then the
 * body. */
static void
add_country(struct buf *b, const char *code_box, const char *name,
    const char *body)
{
	size_t lines = 0, i;

	for (i = 0; body[i]; i++)
		lines += body[i] == '\n';
	buf_printf(b, "country %s %zu %zu %s\n%s", code_box, lines,
	    strlen(body), name, body);
}

/* HOM: a 10x10 square with a 2x2 hole (a lake) and a square island off
 * its east coast; NEI touches it; FAR is far away, and its ring is
 * garbage, which the loader never parses. */
static void
load_three(const char *code)
{
	struct buf b = {0};

	buf_puts(&b, "# a comment\n\n");
	add_country(&b, "FAR 100 50 101 51", "Far away",
	    "ring outer 3\nthis is not a point\n");
	add_country(&b, "HOM 0 0 14 10", "Home land",
	    "ring outer 4\n0 0\n10 0\n10 10\n0 10\n"
	    "ring hole 4\n4 4\n6 4\n6 6\n4 6\n"
	    "ring outer 4\n12 4\n14 4\n14 6\n12 6\n");
	add_country(&b, "NEI -5 0 0 10", "Next door",
	    "ring outer 4\n-5 0\n0 0\n0 10\n-5 10\n");
	geo_load_mem(&G, "t.txt", b.data, b.len, code);
	buf_free(&b);
}

static void
load(const char *text, const char *code)
{
	geo_load_mem(&G, "t.txt", text, strlen(text), code);
}

TestSuite(geo, .fini = unload);

Test(geo, the_country_first_then_neighbours_far_ones_skipped)
{
	load_three("HOM");
	cr_assert_eq(diag_errors(), 0);
	cr_assert_not_null(G.home);
	cr_assert_eq(G.n, 2);
	cr_assert_str_eq(G.v[0].code, "HOM");
	cr_assert_str_eq(G.v[0].name, "Home land");
	cr_assert_eq(G.v[0].nrings, 3);
	cr_assert(G.v[0].rings[1].hole);
	cr_assert_eq(G.v[0].loc.line, 6);
	cr_assert_str_eq(G.v[1].code, "NEI");
	cr_assert_eq(G.v[1].rings[0].n, 4);
}

Test(geo, inside_the_mainland_and_the_island_not_in_the_hole)
{
	load_three("HOM");
	cr_assert(geo_inside(G.home, 2, 2));
	cr_assert(geo_inside(G.home, 13, 5));           /* the island */
	cr_assert_not(geo_inside(G.home, 5, 5));        /* the lake */
	cr_assert_not(geo_inside(G.home, 11, 5));       /* the strait */
	cr_assert_not(geo_inside(G.home, -2, 5));       /* next door */
	cr_assert(geo_inside(&G.v[1], -2, 5));
}

Test(geo, distance_to_the_nearest_edge)
{
	load_three("HOM");
	/* 1 degree of latitude south of the south coast: about 111 km. */
	cr_assert_float_eq(geo_edge_km(G.home, 5, -1), 111.2, 0.5);
	/* In the middle of the lake: 1 degree from its shore, at 5N. */
	cr_assert_float_eq(geo_edge_km(G.home, 5, 5), 110.8, 0.5);
}

Test(geo, a_code_not_in_the_file_loads_nothing)
{
	load_three("XYZ");
	cr_assert_eq(diag_errors(), 0);
	cr_assert_null(G.home);
	cr_assert_eq(G.n, 0);
	cr_assert_not(G.failed);
}

Test(geo, a_short_country_line, .init = cr_redirect_stderr)
{
	load("country HOM 0 0 1 1 4\n"
	    "ring outer 3\n0 0\n1 0\n0 91\n", "HOM");
	fflush(stderr);
	cr_expect_stderr_eq_str("t.txt:1: error: expected 'country CODE WEST "
	    "SOUTH EAST NORTH LINES BYTES NAME', not 'country HOM 0 0 1 1 "
	    "4'\n");
	geo_free(&G);
	diag_reset();
}

Test(geo, a_point_out_of_range, .init = cr_redirect_stderr)
{
	load("country HOM 0 0 1 1 4 26 Home\n"
	    "ring outer 3\n0 0\n1 0\n0 91\n", "HOM");
	fflush(stderr);
	cr_expect_stderr_eq_str("t.txt:5: error: expected 'longitude latitude' "
	    "in degrees\n");
	cr_assert(G.failed);
	cr_assert_null(G.home);
}

Test(geo, counts_that_do_not_add_up, .init = cr_redirect_stderr)
{
	load("country HOM 0 0 1 1 4 40 Home\n"
	    "ring outer 3\n0 0\n1 0\n0 1\n", "HOM");
	fflush(stderr);
	cr_expect_stderr_eq_str("t.txt:1: error: HOM announces 40 bytes of "
	    "lines; the file has no line ending there\n");
}

Test(geo, lines_that_are_not_the_stated_bytes, .init = cr_redirect_stderr)
{
	/* 3 points where 4 lines are stated: the bytes hold 5 lines. */
	load("country HOM 0 0 1 1 4 29 Home\n"
	    "ring outer 3\n0 0\n1 0\n0 1\n1 1\n", "HOM");
	fflush(stderr);
	cr_expect_stderr_eq_str("t.txt:1: error: HOM's 4 lines are not its 29 "
	    "bytes\n");
}

Test(geo, a_ring_longer_than_its_country, .init = cr_redirect_stderr)
{
	load("country HOM 0 0 1 1 4 25 Home\n"
	    "ring outer 4\n0 0\n1 0\n0 1\n"
	    "country NEI 0 0 1 1 4 25 Next\n"
	    "ring outer 3\n0 0\n1 0\n0 1\n", "HOM");
	fflush(stderr);
	cr_expect_stderr_eq_str("t.txt:2: error: the ring's 4 points run past "
	    "its country's lines\n");
}

Test(geo, a_code_given_twice, .init = cr_redirect_stderr)
{
	load("country HOM 0 0 1 1 4 25 Home\n"
	    "ring outer 3\n0 0\n1 0\n0 1\n"
	    "country HOM 0 0 1 1 4 25 Home again\n"
	    "ring outer 3\n0 0\n1 0\n0 1\n", "HOM");
	fflush(stderr);
	cr_expect_stderr_eq_str("t.txt:6: error: HOM is given twice (first at "
	    "line 1)\n");
}

Test(geo, not_a_text_file, .init = cr_redirect_stderr)
{
	geo_load_mem(&G, "t.txt", "country\0", 8, "HOM");
	fflush(stderr);
	cr_expect_stderr_eq_str("t.txt: error: not a text file\n");
	cr_assert(G.failed);
}

/* The shipped file: Kosovo with its five neighbours, Afghanistan. */
Test(geo, kosovo_and_its_neighbours)
{
	static const char *const near[] = {"ALB", "MKD", "MNE", "SRB"};
	size_t i, k;

	cr_assert_eq(geo_load(&G, "data/geo/countries.txt", "XKX"), 0);
	cr_assert_not_null(G.home);
	cr_assert_str_eq(G.home->code, "XKX");
	for (k = 0; k < 4; k++) {
		for (i = 1; i < G.n; i++)
			if (strcmp(G.v[i].code, near[k]) == 0)
				break;
		cr_assert_lt(i, G.n, "%s is not loaded", near[k]);
	}
	cr_assert_lt(G.n, 40);          /* not the whole world */
	cr_assert(geo_inside(G.home, 21.17, 42.66));     /* Pristina */
	cr_assert(geo_inside(G.home, 21.25, 42.37));     /* Camp Bondsteel */
	cr_assert(geo_inside(G.home, 20.29, 42.66));     /* Peć */
	cr_assert_not(geo_inside(G.home, 21.43, 42.00)); /* Skopje */
	cr_assert_not(geo_inside(G.home, 20.46, 44.82)); /* Belgrade */
}

Test(geo, afghanistan_is_one_ring_around_kabul)
{
	cr_assert_eq(geo_load(&G, "data/geo/countries.txt", "AFG"), 0);
	cr_assert_eq(G.home->nrings, 1);
	cr_assert(geo_inside(G.home, 69.17, 34.53));
	cr_assert_not(geo_inside(G.home, 59.6, 36.3));   /* Mashhad, Iran */
	cr_assert_gt(geo_edge_km(G.home, 59.6, 36.3), 50);
}

/* Italy's rings include holes (San Marino and the Vatican at this scale
 * or not, the holes of the file): a point in a hole is outside. */
Test(geo, a_hole_in_the_shipped_file)
{
	const struct geo_ring *h = NULL;
	size_t k;

	cr_assert_eq(geo_load(&G, "data/geo/countries.txt", "ITA"), 0);
	for (k = 0; k < G.home->nrings && h == NULL; k++)
		if (G.home->rings[k].hole)
			h = &G.home->rings[k];
	cr_assert_not_null(h);
	cr_assert_not(geo_inside(G.home, (h->x0 + h->x1) / 2,
	    (h->y0 + h->y1) / 2));
	cr_assert(geo_inside(G.home, 12.5, 42.5));      /* Lazio */
	cr_assert(geo_inside(G.home, 14.0, 37.5));      /* Sicily */
}

/* Russia's mainland ring crosses the antimeridian at Chukotka: one shape,
 * on both sides of it, and Alaska is not in it. */
Test(geo, a_ring_across_the_antimeridian)
{
	cr_assert_eq(geo_load(&G, "data/geo/countries.txt", "RUS"), 0);
	cr_assert(geo_inside(G.home, -175.0, 66.0));     /* Chukotka */
	cr_assert(geo_inside(G.home, 170.0, 65.0));      /* west of 180 */
	cr_assert(geo_inside(G.home, 100.0, 60.0));      /* Siberia */
	cr_assert_not(geo_inside(G.home, -150.0, 64.0)); /* Alaska */
	cr_assert_not(geo_inside(G.home, 0.0, 75.0));    /* the Arctic */
	cr_assert_lt(geo_edge_km(G.home, -169.5, 66.0), 60);
}

/* Every edge, the plain way: what geo_inside's bands of latitude must
 * answer too, bit for bit. */
static int
inside_by_every_edge(const struct geo_country *c, double x, double y)
{
	int turn, odd;
	size_t k, i, j;

	for (turn = -1; turn <= 1; turn++) {
		odd = 0;
		for (k = 0; k < c->nrings; k++) {
			const struct geo_ring *r = &c->rings[k];
			double tx = x + 360 * turn;

			for (i = 0, j = r->n - 1; i < r->n; j = i++) {
				double xi = r->pt[2 * i], yi = r->pt[2 * i + 1];
				double xj = r->pt[2 * j], yj = r->pt[2 * j + 1];

				if ((yi > y) != (yj > y) &&
				    tx < xj + (y - yj) * (xi - xj) / (yi - yj))
					odd = !odd;
			}
		}
		if (odd)
			return 1;
	}
	return 0;
}

/* A fine grid over Kosovo's and Afghanistan's neighbourhoods, and points
 * exactly on the outline's vertices (on a band's edge or a ring's
 * extreme latitude): the indexed test agrees with the plain walk. */
Test(geo, bands_of_latitude_answer_as_every_edge_does)
{
	static const char *codes[] = {"XKX", "AFG", "ITA", "RUS"};
	size_t t, i, k, p, in = 0, out = 0;

	for (t = 0; t < 4; t++) {
		cr_assert_eq(geo_load(&G, "data/geo/countries.txt", codes[t]),
		    0);
		for (i = 0; i < G.n; i++) {
			const struct geo_country *c = &G.v[i];
			double w = c->x1 - c->x0, h = c->y1 - c->y0;
			int gx, gy;

			for (gx = -2; gx <= 42; gx++)
				for (gy = -2; gy <= 42; gy++) {
					double x = c->x0 + w * gx / 40;
					double y = c->y0 + h * gy / 40;
					int a = geo_inside(c, x, y);

					cr_assert_eq(a, inside_by_every_edge(c,
					    x, y), "%s at %g %g", c->code, x, y);
					a ? in++ : out++;
				}
			for (k = 0; k < c->nrings; k++)
				for (p = 0; p < c->rings[k].n; p += 7) {
					double x = c->rings[k].pt[2 * p] + 1e-9;
					double y = c->rings[k].pt[2 * p + 1];

					cr_assert_eq(geo_inside(c, x, y),
					    inside_by_every_edge(c, x, y));
				}
		}
		geo_free(&G);
	}
	cr_assert_gt(in, 1000);
	cr_assert_gt(out, 1000);
}
