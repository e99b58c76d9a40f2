/* test_pdf_split.c - the table splitter (typeset.c): rows over pages and
 * column groups, a header on each, no row lost or split. */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "typeset.h"

/* Every row in exactly one segment, in order; returns the page count. */
static size_t
check_cover(const struct ts_seg *s, size_t nseg, size_t nrows)
{
	size_t i, next = 0;

	for (i = 0; i < nseg; i++) {
		cr_assert_eq(s[i].first, next, "segment %zu starts at row %zu, "
		    "expected %zu", i, s[i].first, next);
		next += s[i].n;
		if (i > 0)
			cr_assert(s[i].page > s[i - 1].page ||
			    (s[i].page == s[i - 1].page &&
			    s[i].col == s[i - 1].col + 1));
	}
	cr_assert_eq(next, nrows);
	return nseg ? s[nseg - 1].page + 1 : 0;
}

Test(pdf_split, a_300_row_table_repeats_its_header_and_loses_no_row)
{
	double h[300], head = 14, first = 300, full = 700;
	struct ts_seg *s;
	size_t n, i, pages, p;

	for (i = 0; i < 300; i++)
		h[i] = i % 7 == 0 ? 22 : 11;   /* some rows wrap */
	n = ts_split(h, 300, head, 1, first, full, 0, &s);
	cr_assert_gt(n, 1);
	pages = check_cover(s, n, 300);
	/* One column group per page, so a header on every page. */
	cr_assert_eq(n, pages);
	for (p = 0; p < pages; p++) {
		cr_assert_eq(s[p].page, p);
		cr_assert_leq(s[p].height, p == 0 ? first : full);
		cr_assert_gt(s[p].n, 0);
	}
	free(s);
}

Test(pdf_split, flowed_columns_are_balanced_on_the_last_page)
{
	double h[39];
	struct ts_seg *s;
	size_t n, i;

	for (i = 0; i < 39; i++)
		h[i] = 10;
	n = ts_split(h, 39, 12, 3, 500, 500, 1, &s);
	cr_assert_eq(n, 3);
	check_cover(s, n, 39);
	for (i = 0; i < 3; i++) {
		cr_assert_eq(s[i].page, 0);
		cr_assert_eq(s[i].col, (int)i);
		cr_assert_eq(s[i].n, 13);
	}
	free(s);
}

Test(pdf_split, full_pages_fill_every_column_then_go_on)
{
	double h[100];
	struct ts_seg *s;
	size_t n, i;

	for (i = 0; i < 100; i++)
		h[i] = 10;
	/* 10 rows under a header per column, 2 columns per page. */
	n = ts_split(h, 100, 10, 2, 110, 110, 1, &s);
	cr_assert_eq(check_cover(s, n, 100), 5);
	for (i = 0; i < n; i++)
		cr_assert_eq(s[i].n, 10);
	free(s);
}

Test(pdf_split, no_room_for_a_row_starts_on_the_next_page)
{
	double h[5] = {10, 10, 10, 10, 10};
	struct ts_seg *s;
	size_t n;

	n = ts_split(h, 5, 12, 1, 15, 200, 0, &s);
	cr_assert_eq(n, 1);
	cr_assert_eq(s[0].page, 1);
	cr_assert_eq(s[0].n, 5);
	free(s);
}

Test(pdf_split, a_row_taller_than_a_page_is_refused)
{
	double h[3] = {10, 500, 10};
	struct ts_seg *s;

	cr_assert_eq(ts_split(h, 3, 12, 1, 400, 400, 0, &s), 0);
	cr_assert_null(s);
}
