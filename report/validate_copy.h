/* validate_copy.h - copy checks on the whole model (validate_copy.c). */
#ifndef BRIEFGEN_VALIDATE_COPY_H
#define BRIEFGEN_VALIDATE_COPY_H

#include "model.h"

/* Report, as errors at the item's line, a source nothing cites, events
 * the timeline would print out of the file's order, "As" before a date
 * without "of", and the same thing counted differently by two texts.
 * Call before the events are sorted. */
void validate_copy(const struct model *m);

#endif
