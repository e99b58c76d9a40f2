/* model.c - look-ups over the loaded model (model_free is in load_data.c,
 * next to the tables that say what each item owns). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static const char *const qual_names[QUAL__MAX] = {
	"exact", "around", "more than", "less than", "at least", "over"
};

const char *
qual_name(enum qual q)
{
	return q < QUAL__MAX ? qual_names[q] : "exact";
}

int
qual_parse(const char *s, enum qual *out)
{
	int i;

	for (i = 0; i < QUAL__MAX; i++)
		if (strcmp(s, qual_names[i]) == 0) {
			*out = (enum qual)i;
			return 0;
		}
	return -1;
}

/* The index of every name and other name, sorted case-insensitively, so
 * that a history of 100,000 rows resolves in O(log n) per row. */
struct name_entry {
	const char *name;
	const struct nation *nation;
};

struct name_index {
	size_t n;
	struct name_entry e[];
};

static int
cmp_fold(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);

		if (x != y)
			return x - y;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct name_entry *x = a, *y = b;
	int c = cmp_fold(x->name, y->name);

	/* Ties keep file order, so a clash resolves to the first nation. */
	if (c == 0)
		c = (x->nation > y->nation) - (x->nation < y->nation);
	return c;
}

static struct name_index *
build_index(const struct model *m)
{
	struct name_index *ix;
	size_t i, j, n = 0;

	for (i = 0; i < m->nnations; i++)
		n += 1 + m->nations[i].naka;
	ix = xmalloc(sizeof(*ix) + n * sizeof(ix->e[0]));
	ix->n = 0;
	for (i = 0; i < m->nnations; i++) {
		const struct nation *na = &m->nations[i];

		ix->e[ix->n].name = na->name;
		ix->e[ix->n++].nation = na;
		for (j = 0; j < na->naka; j++) {
			ix->e[ix->n].name = na->aka[j];
			ix->e[ix->n++].nation = na;
		}
	}
	qsort(ix->e, ix->n, sizeof(ix->e[0]), cmp_entry);
	return ix;
}

const struct nation *
model_nation(const struct model *cm, const char *name)
{
	struct model *m = (struct model *)cm;   /* the index cache only */
	size_t lo = 0, hi;

	if (m->nation_index == NULL || m->nation_index_for != m->nnations) {
		free(m->nation_index);
		m->nation_index = build_index(m);
		m->nation_index_for = m->nnations;
	}
	/* Lower bound: the first entry not below name. */
	hi = m->nation_index->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_fold(m->nation_index->e[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < m->nation_index->n &&
	    cmp_fold(m->nation_index->e[lo].name, name) == 0)
		return m->nation_index->e[lo].nation;
	return NULL;
}

const char *
model_nation_suggest(const struct model *m, const char *name)
{
	const char *best = NULL;
	int bestd = 1 << 20, d;
	size_t i, j, len = strlen(name);

	for (i = 0; i < m->nnations; i++) {
		const struct nation *n = &m->nations[i];

		d = str_edit_distance(name, n->name);
		for (j = 0; j < n->naka; j++) {
			int e = str_edit_distance(name, n->aka[j]);

			if (e < d)
				d = e;
		}
		if (d < bestd) {
			bestd = d;
			best = n->name;
		}
	}
	/* A far-fetched guess is worse than none. */
	if (bestd > 3 && (size_t)bestd * 3 > len)
		return NULL;
	return best;
}

#define FIND_BY_ID(fn, type, arr)                                      \
const struct type *                                                    \
fn(const struct model *m, const char *id)                              \
{                                                                      \
	size_t i;                                                      \
                                                                       \
	for (i = 0; i < m->n##arr; i++)                                \
		if (strcmp(m->arr[i].id, id) == 0)                     \
			return &m->arr[i];                             \
	return NULL;                                                   \
}

FIND_BY_ID(model_source, source, sources)
FIND_BY_ID(model_place, place, places)
FIND_BY_ID(model_text, text, texts)
FIND_BY_ID(model_list, list, lists)

int
nation_is_member(const struct nation *n, const char *group,
    const struct date *d)
{
	size_t i;

	if (group == NULL)
		return 0;
	for (i = 0; i < n->ngroups; i++)
		if (strcmp(n->groups[i].group, group) == 0)
			/* Joining in the month of a month-precise snapshot is
			 * unknown to be before it; date_cmp treats it as
			 * equal, i.e. a member. */
			return date_cmp(&n->groups[i].since, d) <= 0;
	return 0;
}

int
model_has_group(const struct model *m, const char *group)
{
	size_t i, j;

	for (i = 0; i < m->nnations; i++)
		for (j = 0; j < m->nations[i].ngroups; j++)
			if (strcmp(m->nations[i].groups[j].group, group) == 0)
				return 1;
	return 0;
}
