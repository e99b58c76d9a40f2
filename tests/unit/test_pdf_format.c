/* test_pdf_format.c - numbers, dates and flags as documents print them. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "format.h"

static const char *
num(double v, int dec, const char *locale)
{
	static char out[64];
	struct fmt_locale l;
	struct buf b = {0};

	cr_assert_eq(fmt_locale_init(&l, locale), 0);
	fmt_number(v, dec, &l, &b);
	snprintf(out, sizeof(out), "%s", b.data);
	buf_free(&b);
	return out;
}

static const char *
val(const struct qvalue *v, const char *fmt)
{
	static char out[64];
	struct fmt_locale l;
	struct fmt_spec f = {FMT_AUTO, -1};
	struct buf b = {0};

	fmt_locale_init(&l, "en");
	l.yes = "Ally";
	l.no = "Partner";
	if (fmt)
		cr_assert_eq(fmt_parse(fmt, &f), 0);
	fmt_value(v, &f, &l, &b);
	snprintf(out, sizeof(out), "%s", b.data ? b.data : "");
	buf_free(&b);
	return out;
}

Test(pdf_format, thousands_follow_the_locale)
{
	cr_assert_str_eq(num(16551, 0, "en"), "16,551");
	cr_assert_str_eq(num(16551, 0, "fr"), "16\xc2\xa0" "551");
	cr_assert_str_eq(num(16551, 0, "de"), "16.551");
	cr_assert_str_eq(num(16551, 0, "plain"), "16551");
	cr_assert_str_eq(num(999, 0, "en"), "999");
	cr_assert_str_eq(num(1000, 0, "en"), "1,000");
	cr_assert_str_eq(num(3200000000.0, 0, "en"), "3,200,000,000");
	cr_assert_str_eq(num(1234.5, 1, "de"), "1.234,5");
	cr_assert_str_eq(num(-16551, 0, "en"), "-16,551");
	cr_assert_str_eq(num(-0.04, 1, "en"), "0.0");
}

Test(pdf_format, unknown_locales_and_formats_are_refused)
{
	struct fmt_locale l;
	struct fmt_spec f;

	cr_assert_eq(fmt_locale_init(&l, "xx"), -1);
	cr_assert_eq(fmt_parse("percentage", &f), -1);
	cr_assert_eq(fmt_parse("date2", &f), -1);
	cr_assert_eq(fmt_parse("percent1", &f), 0);
	cr_assert_eq(f.kind, FMT_PERCENT);
	cr_assert_eq(f.decimals, 1);
}

Test(pdf_format, values_by_type_and_format)
{
	struct qvalue i = {QV_INT, NULL, 16551, 0, {0, 0, 0, 0}};
	struct qvalue r = {QV_REAL, NULL, 0, 0.4833, {0, 0, 0, 0}};
	struct qvalue big = {QV_REAL, NULL, 0, 3.2e9, {0, 0, 0, 0}};
	struct qvalue d = {QV_DATE, NULL, 0, 0, {2020, 2, 0, DATE_MONTH}};
	struct qvalue t = {QV_TEXT, "Resolute", 0, 0, {0, 0, 0, 0}};
	struct qvalue yes = {QV_INT, NULL, 1, 0, {0, 0, 0, 0}};
	struct qvalue none = {QV_NONE, NULL, 0, 0, {0, 0, 0, 0}};

	cr_assert_str_eq(val(&i, NULL), "16,551");
	cr_assert_str_eq(val(&i, "plain"), "16551");
	cr_assert_str_eq(val(&r, "percent1"), "48.3%");
	cr_assert_str_eq(val(&r, NULL), "0.48");
	cr_assert_str_eq(val(&big, "billions"), "3.2");
	cr_assert_str_eq(val(&d, NULL), "February 2020");
	cr_assert_str_eq(val(&d, "iso"), "2020-02");
	cr_assert_str_eq(val(&d, "year"), "2020");
	cr_assert_str_eq(val(&t, "upper"), "RESOLUTE");
	cr_assert_str_eq(val(&yes, "yesno"), "Ally");
	cr_assert_str_eq(val(&none, NULL), "");
}

Test(pdf_format, small_shares_are_not_zero)
{
	struct qvalue two = {QV_REAL, NULL, 0, 2.0 / 16551, {0, 0, 0, 0}};
	struct qvalue half = {QV_REAL, NULL, 0, 0.0005, {0, 0, 0, 0}};
	struct qvalue zero = {QV_REAL, NULL, 0, 0, {0, 0, 0, 0}};

	cr_assert_str_eq(val(&two, "percent1"), "<0.1%");
	cr_assert_str_eq(val(&two, "percent"), "<1%");
	cr_assert_str_eq(val(&half, "percent1"), "0.1%");
	cr_assert_str_eq(val(&zero, "percent1"), "0.0%");
}

static const char *
page(long n, enum fmt_pagestyle st)
{
	static char out[64];
	struct buf b = {0};

	fmt_page_number(n, st, &b);
	snprintf(out, sizeof(out), "%s", b.data);
	buf_free(&b);
	return out;
}

Test(pdf_format, page_numbers_in_roman)
{
	cr_assert_str_eq(page(1, PN_ROMAN), "i");
	cr_assert_str_eq(page(4, PN_ROMAN), "iv");
	cr_assert_str_eq(page(9, PN_ROMAN), "ix");
	cr_assert_str_eq(page(14, PN_UPPER_ROMAN), "XIV");
	cr_assert_str_eq(page(1994, PN_UPPER_ROMAN), "MCMXCIV");
	cr_assert_str_eq(page(3999, PN_ROMAN), "mmmcmxcix");
	cr_assert_str_eq(page(4000, PN_ROMAN), "4000");
	cr_assert_str_eq(page(12, PN_ARABIC), "12");
}
