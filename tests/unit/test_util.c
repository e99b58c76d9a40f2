/* test_util.c - unit tests for the pure helpers in util.c. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "util.h"

Test(util, dates_parse_at_their_precision)
{
	struct date d;

	cr_assert_eq(date_parse("2020-02", &d), 0);
	cr_assert_eq(d.prec, DATE_MONTH);
	cr_assert_eq(d.y, 2020);
	cr_assert_eq(d.m, 2);
	cr_assert_eq(date_parse("2014-12-12", &d), 0);
	cr_assert_eq(d.prec, DATE_DAY);
	cr_assert_eq(date_parse("2015", &d), 0);
	cr_assert_eq(d.prec, DATE_YEAR);
}

Test(util, impossible_dates_are_refused)
{
	struct date d;

	cr_assert_eq(date_parse("2020-02-30", &d), -1);
	cr_assert_eq(date_parse("2019-02-29", &d), -1);
	cr_assert_eq(date_parse("2020-02-29", &d), 0);
	cr_assert_eq(date_parse("2020-13", &d), -1);
	cr_assert_eq(date_parse("2020-1-01", &d), -1);
	cr_assert_eq(date_parse("20200", &d), -1);
	cr_assert_eq(date_parse("", &d), -1);
	cr_assert_eq(date_parse("2020-02-1x", &d), -1);
}

Test(util, dates_compare_at_the_shared_precision)
{
	struct date a, b;

	date_parse("2020-03-27", &a);
	date_parse("2020-02", &b);
	cr_assert_gt(date_cmp(&a, &b), 0);
	date_parse("2020-02-13", &a);
	cr_assert_eq(date_cmp(&a, &b), 0);
}

Test(util, long_dates_read_like_prose)
{
	struct date d;
	char out[40];

	date_parse("2014-12-12", &d);
	date_long(&d, out, sizeof(out));
	cr_assert_str_eq(out, "12 December 2014");
	date_parse("2020-02", &d);
	date_long(&d, out, sizeof(out));
	cr_assert_str_eq(out, "February 2020");
	date_iso(&d, out);
	cr_assert_str_eq(out, "2020-02");
}

Test(util, epoch_days)
{
	struct date d;

	date_parse("1970-01-01", &d);
	cr_assert_eq(date_epoch(&d), 0);
	date_parse("2021-02-11", &d);
	cr_assert_eq(date_epoch(&d), 18669);
}

Test(util, numbers_format_with_separators)
{
	char out[40];

	num_format(16551, ",", out, sizeof(out));
	cr_assert_str_eq(out, "16,551");
	num_format(16551, " ", out, sizeof(out));
	cr_assert_str_eq(out, "16 551");
	num_format(999, ",", out, sizeof(out));
	cr_assert_str_eq(out, "999");
	num_format(-1234567, ".", out, sizeof(out));
	cr_assert_str_eq(out, "-1.234.567");
	num_format(0, ",", out, sizeof(out));
	cr_assert_str_eq(out, "0");
}

Test(util, whole_numbers_are_strict)
{
	long v;

	cr_assert_eq(num_parse_long("16551", 0, 100000, &v), 0);
	cr_assert_eq(v, 16551);
	cr_assert_eq(num_parse_long("16,551", 0, 100000, &v), -1);
	cr_assert_eq(num_parse_long("-5", 0, 100000, &v), -1);
	cr_assert_eq(num_parse_long("+5", 0, 100000, &v), -1);
	cr_assert_eq(num_parse_long(" 5", 0, 100000, &v), -1);
	cr_assert_eq(num_parse_long("99999999999999999999", 0, 100000, &v), -1);
	cr_assert_eq(num_parse_long("", 0, 100000, &v), -1);
}

Test(util, decimals_must_be_finite)
{
	double d;

	cr_assert_eq(num_parse_double("34.53", &d), 0);
	cr_assert_float_eq(d, 34.53, 1e-9);
	cr_assert_eq(num_parse_double("1e999", &d), -1);
	cr_assert_eq(num_parse_double("nan", &d), -1);
	cr_assert_eq(num_parse_double("inf", &d), -1);
	cr_assert_eq(num_parse_double("0x10", &d), -1);
	cr_assert_eq(num_parse_double("12abc", &d), -1);
}

Test(util, utf8_is_checked)
{
	cr_assert_eq(utf8_check("Türkiye", strlen("Türkiye")), -1);
	cr_assert_eq(utf8_check("ab\xff", 3), 2);
	cr_assert_eq(utf8_check("\xc0\xaf", 2), 0);        /* overlong */
	cr_assert_eq(utf8_check("\xed\xa0\x80", 3), 0);    /* surrogate */
	cr_assert_eq(utf8_check("\xe2\x82", 2), 0);        /* truncated */
	cr_assert_eq(utf8_len("Türkiye"), 7);
}

Test(util, edit_distance_ignores_case)
{
	cr_assert_eq(str_edit_distance("Croatia", "croatia"), 0);
	cr_assert_eq(str_edit_distance("Croatai", "Croatia"), 2);
	cr_assert_eq(str_edit_distance("", "abc"), 3);
}

Test(util, buffers_grow)
{
	struct buf b = {0};
	int i;

	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	cr_assert_eq(strncmp(b.data, "0,1,2,", 6), 0);
	cr_assert_eq(b.data[b.len], '\0');
	buf_free(&b);
}

Test(util, arrays_keep_their_elements)
{
	long *v = NULL;
	size_t n = 0, i;

	for (i = 0; i < 1000; i++)
		*(long *)array_push(&v, &n, sizeof(long)) = (long)i;
	cr_assert_eq(n, 1000);
	for (i = 0; i < 1000; i++)
		cr_assert_eq(v[i], (long)i);
	free(v);
}

Test(util, iso_dates_at_every_precision)
{
	struct date d = {7, 3, 9, DATE_DAY};
	char out[11];

	date_iso(&d, out);
	cr_assert_str_eq(out, "0007-03-09");
	d = (struct date){2020, 2, 0, DATE_MONTH};
	date_iso(&d, out);
	cr_assert_str_eq(out, "2020-02");
	d = (struct date){9999, 0, 0, DATE_YEAR};
	date_iso(&d, out);
	cr_assert_str_eq(out, "9999");
	d = (struct date){0, 0, 0, DATE_NONE};
	date_iso(&d, out);
	cr_assert_str_eq(out, "");
}

Test(util, string_index_finds_every_key_after_growing)
{
	struct strindex x = {0};
	char keys[3000][8];
	size_t i;

	cr_assert_eq(strindex_get(&x, "none"), (size_t)-1);
	for (i = 0; i < 3000; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
		strindex_put(&x, keys[i], i * 2);
	}
	for (i = 0; i < 3000; i++)
		cr_assert_eq(strindex_get(&x, keys[i]), i * 2);
	cr_assert_eq(strindex_get(&x, "k3000"), (size_t)-1);
	cr_assert_eq(x.n, 3000);
	strindex_free(&x);
	strindex_free(&x);
	cr_assert_eq(strindex_get(&x, "k1"), (size_t)-1);
}
