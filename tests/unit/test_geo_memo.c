/* test_geo_memo.c - the output folder's memo of the geo file's outlines
 * (geo_memo.c): what comes back from it is what parsing gave, point for
 * point; another file's bytes, another country, a damaged memo or a file
 * with errors never come from it; a link in its place is refused. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include "capture.h"
#include "diag.h"
#include "geo_memo.h"

static char dir[] = "/tmp/briefgen-geomemo-XXXXXX";
static char memo[sizeof(dir) + sizeof(GEOMEMO_NAME) + 1];
static char geofile[sizeof(dir) + 16];

static const char text[] =
    "country HOM 0 0 14 10 15 94 Home land\n"
    "ring outer 4\n0 0\n10 0\n10 10\n0 10\n"
    "ring hole 4\n4 4\n6 4\n6 6\n4 6\n"
    "ring outer 4\n12 4\n14 4\n14 6\n12 6\n"
    "country NEI -5 0 0 10 5 33 Next door\n"
    "ring outer 4\n-5 0\n0 0\n0 10\n-5 10\n";

static void
write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	fputs(s, f);
	fclose(f);
}

static void
setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
	snprintf(memo, sizeof(memo), "%s/%s", dir, GEOMEMO_NAME);
	snprintf(geofile, sizeof(geofile), "%s/geo.txt", dir);
	write_file(geofile, text);
	capture_begin();
}

static void
teardown(void)
{
	capture_end();
	unlink(memo);
	unlink(geofile);
	rmdir(dir);
}

TestSuite(geo_memo, .init = setup, .fini = teardown);

static long
memo_size(void)
{
	struct stat st;

	return stat(memo, &st) == 0 ? (long)st.st_size : -1;
}

/* A build's load: open, load, close (saving). */
static int
build_load(struct geo *g, const char *code)
{
	int rc;

	memset(g, 0, sizeof(*g));
	cr_assert_eq(geo_memo_open(dir), 0);
	rc = geo_memo_load(g, geofile, code);
	geo_memo_close(1);
	return rc;
}

static void
expect_same(const struct geo *a, const struct geo *b)
{
	size_t i, k;
	double x, y;

	cr_assert_eq(a->n, b->n);
	cr_expect_eq(a->home == &a->v[0], b->home == &b->v[0]);
	for (i = 0; i < a->n; i++) {
		const struct geo_country *ca = &a->v[i], *cb = &b->v[i];

		cr_expect_str_eq(ca->code, cb->code);
		cr_expect_str_eq(ca->name, cb->name);
		cr_expect_eq(ca->loc.line, cb->loc.line);
		cr_expect_str_eq(ca->loc.file, cb->loc.file);
		cr_assert_eq(ca->nrings, cb->nrings);
		for (k = 0; k < ca->nrings; k++) {
			cr_assert_eq(ca->rings[k].n, cb->rings[k].n);
			cr_expect_eq(ca->rings[k].hole, cb->rings[k].hole);
			cr_expect(memcmp(ca->rings[k].pt, cb->rings[k].pt,
			    2 * ca->rings[k].n * sizeof(double)) == 0);
		}
		/* And every question of the map gets the same answer. */
		for (x = -6; x <= 15; x += 0.5)
			for (y = -1; y <= 11; y += 0.5)
				cr_expect_eq(geo_inside(ca, x, y),
				    geo_inside(cb, x, y), "%s %g %g", ca->code,
				    x, y);
	}
}

Test(geo_memo, the_memo_gives_what_parsing_gave)
{
	struct geo parsed, recalled;

	cr_assert_eq(build_load(&parsed, "HOM"), 0);
	cr_assert_gt(memo_size(), 0);
	/* The geo file gone unreadable would fail: the memo is of its
	 * bytes, so it is still read, but not parsed. */
	cr_assert_eq(build_load(&recalled, "HOM"), 0);
	expect_same(&parsed, &recalled);
	cr_expect(geo_inside(recalled.home, 2, 2));
	cr_expect(!geo_inside(recalled.home, 5, 5));    /* the lake */
	cr_expect(geo_inside(recalled.home, 13, 5));    /* the island */
	geo_free(&parsed);
	geo_free(&recalled);
	cr_expect_str_eq(capture_take(), "");
}

/* The memo re-sealed with one name changed: what a build then reads is
 * the memo's, not the file's. */
Test(geo_memo, a_hit_reads_the_memo_not_the_file)
{
	static unsigned char t[1 << 16];
	XXH128_canonical_t c;
	struct geo g;
	FILE *f;
	size_t n;
	unsigned char *at;

	cr_assert_eq(build_load(&g, "HOM"), 0);
	geo_free(&g);
	cr_assert_not_null(f = fopen(memo, "r"));
	n = fread(t, 1, sizeof(t), f);
	fclose(f);
	cr_assert_not_null(at = memmem(t, n, "Home land", 9));
	memcpy(at, "Memo land", 9);
	XXH128_canonicalFromHash(&c, XXH3_128bits(t, n - 16));
	memcpy(t + n - 16, c.digest, 16);
	cr_assert_not_null(f = fopen(memo, "w"));
	fwrite(t, 1, n, f);
	fclose(f);
	cr_assert_eq(build_load(&g, "HOM"), 0);
	cr_expect_str_eq(g.home->name, "Memo land");
	geo_free(&g);
}

Test(geo_memo, other_bytes_or_country_are_parsed)
{
	struct geo a, b;
	struct stat st0, st1;
	long before;

	cr_assert_eq(build_load(&a, "HOM"), 0);
	geo_free(&a);
	/* Another country of the same file: parsed, and remembered. */
	cr_assert_eq(build_load(&a, "NEI"), 0);
	cr_expect_str_eq(a.home->code, "NEI");
	geo_free(&a);
	/* Both are kept: the first again is a hit, and nothing is written
	 * (the file is the same file: a save renames a new one in). */
	cr_assert_eq(stat(memo, &st0), 0);
	cr_assert_eq(build_load(&a, "HOM"), 0);
	cr_expect_str_eq(a.home->code, "HOM");
	geo_free(&a);
	cr_assert_eq(stat(memo, &st1), 0);
	cr_expect_eq(st0.st_ino, st1.st_ino);
	before = memo_size();
	/* The file edited (a point moved): its new bytes are parsed. */
	write_file(geofile, "country HOM 0 0 14 10 5 33 Home land\n"
	    "ring outer 4\n0 0\n11 0\n10 10\n0 10\n");
	cr_assert_eq(build_load(&b, "HOM"), 0);
	cr_expect_eq(b.v[0].rings[0].pt[2], 11);
	cr_expect_eq(b.v[0].nrings, 1);
	cr_expect_neq(memo_size(), before);
	geo_free(&b);
}

Test(geo_memo, a_file_with_errors_is_never_remembered)
{
	struct geo g;

	write_file(geofile, "country HOM 0 0 14 10 2 17 Home land\n"
	    "ring outer 4\n0 0\n");
	cr_expect_lt(build_load(&g, "HOM"), 0);
	geo_free(&g);
	cr_expect_eq(memo_size(), -1);
	cr_expect(strlen(capture_take()) > 0);
	diag_reset();
}

Test(geo_memo, a_damaged_memo_is_not_used)
{
	struct geo a, b;
	FILE *f;

	cr_assert_eq(build_load(&a, "HOM"), 0);
	/* A point's bytes changed in the memo: its hash no longer fits. */
	cr_assert_not_null(f = fopen(memo, "r+"));
	fseek(f, memo_size() - 40, SEEK_SET);
	fputc(0x7f, f);
	fclose(f);
	cr_assert_eq(build_load(&b, "HOM"), 0);
	expect_same(&a, &b);
	geo_free(&a);
	geo_free(&b);
}

Test(geo_memo, a_link_in_its_place_is_refused)
{
	cr_assert_eq(symlink("/etc/passwd", memo), 0);
	cr_expect_eq(geo_memo_open(dir), -1);
	cr_expect(strstr(capture_take(), GEOMEMO_NAME) != NULL);
	geo_memo_close(1);
}
