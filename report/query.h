/* query.h - the model seen by name, for layouts: `{mission.name}`,
 * `{snapshot.total}`, a table over the list `contributions` with the
 * columns `nation`, `troops`, `share`.  Renderers resolve names once, when
 * their layout is loaded (query_list, query_col, query_field_check), so a
 * layout that names something that does not exist is a file:line error
 * before anything is drawn; then they fetch values by index, cheaply.
 *
 * Values point into the model (no copies); valid while the model lives.
 * Every list and column is documented in layouts/README.md. */
#ifndef BRIEFGEN_QUERY_H
#define BRIEFGEN_QUERY_H

#include <stddef.h>

#include "model.h"

enum qv_type { QV_NONE = 0, QV_TEXT, QV_INT, QV_REAL, QV_DATE };

struct qvalue {
	enum qv_type type;      /* QV_NONE: the item has no such value */
	const char *text;       /* QV_TEXT */
	long long i;            /* QV_INT (also 0/1 flags such as `ally`) */
	double r;               /* QV_REAL (shares are fractions: 0.483) */
	struct date d;          /* QV_DATE */
};

struct qlist;                   /* opaque: one kind of list */

/* Lists: contributions, history, snapshots, tables (snapshots that have a
 * per-nation table), headlines (those that do not), commands, timeline,
 * sources, places, funds, basis, and list.ID (the items of [list ID]).
 * Returns NULL for an unknown name. */
const struct qlist *query_list(const struct model *m, const char *name);
/* The names of all lists, NULL-terminated (for messages). */
const char *const *query_list_names(void);

size_t query_rows(const struct model *m, const struct qlist *l);
/* Free what the queries cached in m (model_free does). */
void query_free_cache(struct model *m);
/* Index of column `name` in l, or -1. */
int query_col(const struct qlist *l, const char *name);
/* "nation, code, ally, ..." for "unknown column" messages (static). */
const char *query_col_names(const struct qlist *l);
/* Value of column `col` in row `row` (row < query_rows). */
void query_get(const struct model *m, const struct qlist *l, size_t row,
    int col, struct qvalue *out);

/* A scalar field by path, e.g. "mission.name", "snapshot.total",
 * "headline.qualifier", "text.summary", "text.summary.title",
 * "list.roadmap-areas.title", "fund.ana-trust-fund.amount",
 * "source.nato-rsm-2021-02.url", "count.commands"; an item may also be
 * named by its place in the file: "basis.1.name" is the first basis.
 * Returns 0 and fills *out (QV_NONE when the item lacks the value), or -1
 * when the path names nothing in this model. */
int query_field(const struct model *m, const char *path, struct qvalue *out);
/* Does path name one item of the mission ("text.ID", "basis.ID.COL",
 * "basis.1.COL": the first basis...)?  A mission may lack such an item:
 * layouts then leave out the block or optional group that names it. */
int query_names_item(const char *path);

#endif
