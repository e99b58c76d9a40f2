/* test_event_span.c - the dates of an event over several days, as readers
 * read them (event_span.c). */
#include <criterion/criterion.h>
#include <string.h>

#include "event_span.h"
#include "model.h"
#include "util.h"

static void
span(const char *from, const char *to, char *out, size_t size)
{
	struct event e;

	memset(&e, 0, sizeof(e));
	cr_assert_eq(date_parse(from, &e.date), 0);
	if (to)
		cr_assert_eq(date_parse(to, &e.end), 0);
	event_span_text(&e, out, size);
}

Test(event_span, two_days_of_one_month_share_the_month)
{
	char s[64];

	span("2016-07-08", "2016-07-09", s, sizeof(s));
	cr_assert_str_eq(s, "8–9 July 2016");
}

Test(event_span, ends_in_other_months_or_years_are_spaced)
{
	char s[64];

	span("2016-06-30", "2016-07-01", s, sizeof(s));
	cr_assert_str_eq(s, "30 June – 1 July 2016");
	span("2016-12-31", "2017-01-02", s, sizeof(s));
	cr_assert_str_eq(s, "31 December 2016 – 2 January 2017");
	span("2020-06", "2020-10", s, sizeof(s));
	cr_assert_str_eq(s, "June–October 2020");
	span("2019-12", "2020-02", s, sizeof(s));
	cr_assert_str_eq(s, "December 2019 – February 2020");
}

Test(event_span, one_date_or_a_bad_end_gives_the_date)
{
	char s[64];

	span("2014-12-12", NULL, s, sizeof(s));
	cr_assert_str_eq(s, "12 December 2014");
	span("2016-07-08", "2016-07-08", s, sizeof(s));
	cr_assert_str_eq(s, "8 July 2016");
	span("2016-07-08", "2016-07", s, sizeof(s));
	cr_assert_str_eq(s, "8 July 2016");
}
