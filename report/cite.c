/* cite.c - the sources one document cites, numbered as it cites them.
 *
 * A fact sheet that lists every source of the mission lists some it never
 * cites, under numbers its marks never use.  A document cites a source
 * when it prints that source's number: a `source_number` field (fetched
 * when the layout is compiled) or a `source_number` column of a block's
 * rows.  The layout is loaded once to see which, and, when some are not
 * cited, once more over a copy of the model that holds only the cited
 * sources, renumbered; the marks then come from the same numbers the
 * sources block prints. */
#include <stdlib.h>
#include <string.h>

#include "cite.h"
#include "query.h"
#include "template.h"
#include "util.h"

static int
tmpl_uses(const struct tmpl *t, int col)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->parts[i].kind == TP_COL && t->parts[i].col == col)
			return 1;
	return 0;
}

/* Does block b print column col of its rows? */
static int
block_uses(const struct lay_block *b, int col)
{
	size_t i;

	for (i = 0; i < b->table.ncols; i++)
		if (b->table.cols[i].col == col)
			return 1;
	return tmpl_uses(&b->list.item, col) ||
	    tmpl_uses(&b->list.detail, col);
}

/* Mark the sources of the rows of blocks that print their numbers.  A
 * `top` block may print fewer rows: all are counted, as the sources block
 * lists a source rather than leave a mark without its entry. */
static void
cite_rows(const struct layout *L, const struct model *m)
{
	size_t i, r, n;
	struct qvalue v;
	int col;

	for (i = 0; i < L->nblocks; i++) {
		const struct lay_block *b = &L->blocks[i];

		if (b->rows.list == NULL || b->type == LB_SOURCES ||
		    (col = query_col(b->rows.list, "source_number")) < 0 ||
		    !block_uses(b, col))
			continue;
		n = query_rows(m, b->rows.list);
		for (r = 0; r < n; r++)
			if (layout_row_kept(&b->rows, m, r))
				query_get(m, b->rows.list, r, col, &v);
	}
}

/* Does the layout list sources?  Only then does what it cites matter. */
static int
lists_sources(const struct layout *L)
{
	size_t i;

	for (i = 0; i < L->nblocks; i++)
		if (L->blocks[i].type == LB_SOURCES)
			return 1;
	return 0;
}

/* A copy of m with only the cited sources, numbered in file order, or
 * keeping the numbers they have (in a pack, whose appendix numbers them
 * all). */
static struct model *
cited_view(const struct model *m, const char *cited, int renumber)
{
	struct model *v = xmalloc(sizeof(*v));
	size_t i, k = 0;

	*v = *m;
	v->sources = xcalloc(m->nsources + 1, sizeof(*v->sources));
	for (i = 0; i < m->nsources; i++)
		if (cited[i]) {
			v->sources[k] = m->sources[i];
			if (renumber)
				v->sources[k].number = (int)(k + 1);
			k++;
		}
	v->nsources = k;
	return v;
}

void
cite_view_free(struct model *v, const struct model *m)
{
	if (v == NULL)
		return;
	/* Its sources array is its own, besides its caches. */
	free(v->sources);
	model_view_free(v, m);
}

struct layout *
cite_layout_load_vars(const char *path, const struct model *m,
    const struct tmpl_var *vars, int renumber, struct model **view)
{
	char *cited = xcalloc(m->nsources + 1, 1);
	struct layout *L;
	size_t i, n = 0;

	*view = NULL;
	query_record_cites(cited);
	L = layout_load_vars(path, m, vars);
	if (L)
		cite_rows(L, m);
	query_record_cites(NULL);
	for (i = 0; i < m->nsources; i++)
		n += cited[i] != 0;
	/* A layout that cites nothing (a pack's appendix) lists them all. */
	if (L && n > 0 && n < m->nsources && lists_sources(L)) {
		layout_free(L);
		*view = cited_view(m, cited, renumber);
		if ((L = layout_load_vars(path, *view, vars)) == NULL) {
			cite_view_free(*view, m);
			*view = NULL;
		}
	}
	free(cited);
	return L;
}

struct layout *
cite_layout_load(const char *path, const struct model *m,
    struct model **view)
{
	return cite_layout_load_vars(path, m, NULL, 1, view);
}
