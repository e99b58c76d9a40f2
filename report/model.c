/* model.c - look-ups over the loaded model (model_free is in load_data.c,
 * next to the tables that say what each item owns). */
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

static int
nation_matches(const struct nation *n, const char *name)
{
	size_t i;

	if (str_ieq(n->name, name))
		return 1;
	for (i = 0; i < n->naka; i++)
		if (str_ieq(n->aka[i], name))
			return 1;
	return 0;
}

const struct nation *
model_nation(const struct model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nnations; i++)
		if (nation_matches(&m->nations[i], name))
			return &m->nations[i];
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
nation_is_ally(const struct nation *n, const struct date *d)
{
	if (n->nato.prec == DATE_NONE)
		return 0;
	/* An accession in the month of a month-precise snapshot is unknown
	 * to be before it; date_cmp treats it as equal, i.e. an Ally. */
	return date_cmp(&n->nato, d) <= 0;
}
