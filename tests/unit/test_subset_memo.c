/* test_subset_memo.c - the output folder's memo of font subsets
 * (subset_memo.c): what is put comes back after a save, only the subsets
 * of the last run are kept, and a damaged memo or a link in its place is
 * never used. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture.h"
#include "subset_memo.h"

static char dir[] = "/tmp/briefgen-subsets-XXXXXX";
static char file[sizeof(dir) + sizeof(SUBSETS_NAME) + 16];

static void
setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/%sfactsheet", dir, SUBSETS_NAME);
	capture_begin();
}

static void
teardown(void)
{
	capture_end();
	unlink(file);
	rmdir(dir);
}

TestSuite(subset_memo, .init = setup, .fini = teardown);

static const unsigned char k1[SUBSET_KEY] = "font one glyphs";
static const unsigned char k2[SUBSET_KEY] = "font two glyphs";
static const uint32_t map1[] = {0, 0, 36, 1, 68, 2, 1200, 3};

static void
put_one(const unsigned char *key, const char *bytes)
{
	subset_memo_put(key, map1, 4, bytes, strlen(bytes));
}

static long
size_of(void)
{
	struct stat st;

	return stat(file, &st) == 0 ? (long)st.st_size : -1;
}

Test(subset_memo, a_subset_put_comes_back_after_a_save)
{
	const struct subset *s;

	cr_assert_eq(subset_memo_open(dir, "factsheet"), 0);
	cr_expect_null(subset_memo_get(k1));
	put_one(k1, "glyf and loca of three glyphs");
	subset_memo_close(1);
	cr_assert_gt(size_of(), 0);
	cr_assert_eq(subset_memo_open(dir, "factsheet"), 0);
	cr_assert_not_null(s = subset_memo_get(k1));
	cr_expect_eq(s->len, strlen("glyf and loca of three glyphs"));
	cr_expect(memcmp(s->data, "glyf and loca", 13) == 0);
	cr_expect_eq(subset_glyph(s, 68), 2);
	cr_expect_eq(subset_glyph(s, 1200), 3);
	cr_expect_eq(subset_glyph(s, 37), 0);    /* not kept: .notdef */
	cr_expect_null(subset_memo_get(k2));
	subset_memo_close(1);
	/* Another output's memo is its own. */
	cr_assert_eq(subset_memo_open(dir, "placemat"), 0);
	cr_expect_null(subset_memo_get(k1));
	subset_memo_close(0);
	cr_expect_str_eq(capture_take(), "");
}

Test(subset_memo, only_the_last_runs_subsets_are_kept)
{
	long both;

	cr_assert_eq(subset_memo_open(dir, "factsheet"), 0);
	put_one(k1, "the first font's subset");
	put_one(k2, "the second font's subset");
	subset_memo_close(1);
	both = size_of();
	/* A run that asks for the first only. */
	cr_assert_eq(subset_memo_open(dir, "factsheet"), 0);
	cr_expect_not_null(subset_memo_get(k1));
	subset_memo_close(1);
	cr_expect_lt(size_of(), both);
	cr_assert_eq(subset_memo_open(dir, "factsheet"), 0);
	cr_expect_not_null(subset_memo_get(k1));
	cr_expect_null(subset_memo_get(k2));
	subset_memo_close(0);
}

Test(subset_memo, a_damaged_memo_is_not_used)
{
	FILE *f;
	long n;

	cr_assert_eq(subset_memo_open(dir, "factsheet"), 0);
	put_one(k1, "the first font's subset");
	subset_memo_close(1);
	/* One byte of the font program changed: the hash says so. */
	n = size_of();
	cr_assert_not_null(f = fopen(file, "r+"));
	fseek(f, n - 16 - 3, SEEK_SET);
	fputc('X', f);
	fclose(f);
	cr_assert_eq(subset_memo_open(dir, "factsheet"), 0);
	cr_expect_null(subset_memo_get(k1));
	subset_memo_close(0);
	/* Cut short. */
	cr_assert_eq(truncate(file, n / 2), 0);
	cr_assert_eq(subset_memo_open(dir, "factsheet"), 0);
	cr_expect_null(subset_memo_get(k1));
	subset_memo_close(0);
	cr_expect_str_eq(capture_take(), "");
}

Test(subset_memo, a_link_in_its_place_is_refused)
{
	cr_assert_eq(symlink("/etc/passwd", file), 0);
	cr_expect_eq(subset_memo_open(dir, "factsheet"), -1);
	cr_expect(strstr(capture_take(), SUBSETS_NAME "factsheet") != NULL);
	/* Without a memo, a subset is still made and used, not kept. */
	put_one(k1, "made now");
	cr_expect_null(subset_memo_get(k1));
	subset_memo_close(1);
}
