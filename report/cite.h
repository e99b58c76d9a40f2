/* cite.h - the sources one document cites, numbered as it cites them
 * (cite.c). */
#ifndef BRIEFGEN_CITE_H
#define BRIEFGEN_CITE_H

#include "layout.h"
#include "model.h"
#include "template.h"

/* Load the layout at path for m so that its sources block lists only the
 * sources the document cites (a "[n]" mark: a `source_number` field or
 * column it shows), numbered 1, 2... in the mission's order, and every
 * mark agrees.  *view is the model the layout was loaded against: NULL
 * when it is m itself (every source cited), else a copy to free with
 * cite_view_free after the layout and its document.  NULL after
 * reporting, as layout_load. */
struct layout *cite_layout_load(const char *path, const struct model *m,
    struct model **view);
/* The same with the pack's variables (layout_load_vars); renumber 0
 * keeps each source's number (a pack numbers them all in its appendix, and
 * a section lists those it cites under those numbers). */
struct layout *cite_layout_load_vars(const char *path, const struct model *m,
    const struct tmpl_var *vars, int renumber, struct model **view);
void cite_view_free(struct model *view, const struct model *m);

/* query.c: while cited is set, every source number fetched marks
 * cited[index of the source in m->sources]. */
void query_record_cites(char *cited);

#endif
