/* event_span.h - events that last several days ("8–9 July 2016"). */
#ifndef BRIEFGEN_EVENT_SPAN_H
#define BRIEFGEN_EVENT_SPAN_H

#include <stddef.h>

#include "model.h"

/* Errors for an `end` that is not a later date of the same precision
 * as the event's `date`; then every event's `when` is written: its dates
 * as a reader writes them ("8–9 July 2016", "30 June – 1 July 2016",
 * "June–October 2020") or its one date. Called once from validate. */
void event_span_prepare(struct model *m);

/* The same text for one event, into out. */
void event_span_text(const struct event *e, char *out, size_t size);

#endif
