/* event_span.c - events that last several days: the optional `end` of an
 * [event] is checked here and written with its start as one span, so a
 * two-day summit keeps its second day ("8–9 July 2016") wherever the
 * timeline is shown. The start stays the event's date for sorting. */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "event_span.h"
#include "util.h"

static const char *const month_name[] = {"January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December"};

void
event_span_prepare(struct model *m)
{
	size_t i;

	for (i = 0; i < m->nevents; i++) {
		struct event *e = &m->events[i];
		char a[11], b[11];

		event_span_text(e, e->when, sizeof(e->when));
		if (e->end.prec == DATE_NONE)
			continue;
		date_iso(&e->date, a);
		date_iso(&e->end, b);
		/* A span of "2016-07-08" to "2016-07" would not say what it
		 * means: both ends are written to the same precision. */
		if (e->end.prec != e->date.prec)
			diag_error(&e->end_loc, "end '%s' of event '%s' is not "
			    "as precise as its date '%s'", b, e->id, a);
		else if (date_cmp(&e->end, &e->date) <= 0)
			diag_error(&e->end_loc, "end '%s' of event '%s' is "
			    "not after its date '%s'", b, e->id, a);
	}
}

void
event_span_text(const struct event *e, char *out, size_t size)
{
	const struct date *a = &e->date, *b = &e->end;

	if (b->prec == DATE_NONE || b->prec != a->prec ||
	    date_cmp(b, a) <= 0 || a->prec == DATE_NONE) {
		date_long(a, out, size);
		return;
	}
	/* An en dash joins the two ends; spaces around it only when an end
	 * has more than one word of its own (Chicago Manual 6.78). */
	if (a->prec == DATE_YEAR)
		snprintf(out, size, "%d–%d", a->y, b->y);
	else if (a->prec == DATE_MONTH && a->y == b->y)
		snprintf(out, size, "%s–%s %d", month_name[a->m - 1],
		    month_name[b->m - 1], b->y);
	else if (a->prec == DATE_MONTH)
		snprintf(out, size, "%s %d – %s %d", month_name[a->m - 1],
		    a->y, month_name[b->m - 1], b->y);
	else if (a->y == b->y && a->m == b->m)
		snprintf(out, size, "%d–%d %s %d", a->d, b->d,
		    month_name[b->m - 1], b->y);
	else if (a->y == b->y)
		snprintf(out, size, "%d %s – %d %s %d", a->d,
		    month_name[a->m - 1], b->d, month_name[b->m - 1], b->y);
	else
		snprintf(out, size, "%d %s %d – %d %s %d", a->d,
		    month_name[a->m - 1], a->y, b->d, month_name[b->m - 1],
		    b->y);
}
