/* import_table.c - the rows an importer takes, and the checks on each (see
 * import_table.h); the same for a placemat's text and for a CSV file. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "import_table.h"
#include "load.h"
#include "placemat_parse.h"

/* Labels are input syntax, like the keys of an INI file: matched, never
 * printed into a document. */
#define IMPORT_SUGGEST_MAX 100  /* diag.c shows the first 100 problems */

static const char *const total_words[] = {"total", "totals", "sum",
	"overall", "altogether"};
static const char *const others_words[] = {"other", "others", "rest",
	"remaining", "further"};

/* Is the word s[0..n) one of words[]? */
static int
word_in(const char *s, size_t n, const char *const *words, size_t nwords)
{
	size_t i;

	for (i = 0; i < nwords; i++)
		if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
			return 1;
	return 0;
}

enum import_label
import_label(const char *name)
{
	const char *s = name;
	size_t n, first = 1;

	if (str_ieq(name, "page") || str_ieq(name, "p."))
		return LABEL_PAGE;
	while (*s) {
		while (*s && !isalpha((unsigned char)*s))
			s++;
		for (n = 0; isalpha((unsigned char)s[n]); n++)
			;
		if (n == 0)
			break;
		if (word_in(s, n, total_words, 5))
			return LABEL_TOTAL;
		if (first && word_in(s, n, others_words, 5))
			return LABEL_OTHERS;
		if (!(first && n == 3 && strncasecmp(s, "and", 3) == 0))
			first = 0;
		s += n;
	}
	return LABEL_NONE;
}

const struct nation *
import_nation(const struct model *m, const char *name, int *alias)
{
	const struct nation *n = model_nation(m, name);

	if (n == NULL && (strncasecmp(name, "and ", 4) == 0 ||
	    strncmp(name, "& ", 2) == 0))
		return import_nation(m, strchr(name, ' ') + 1, alias);
	*alias = n != NULL && strcmp(n->name, name) != 0 &&
	    !str_ieq(n->name, name);
	return n;
}

void
import_unknown(const struct model *m, const struct loc *loc,
    const char *name)
{
	/* A suggestion costs an edit distance per name of nations.ini: past
	 * the problems diag shows, nobody reads it. */
	const char *hint = strlen(name) <= 200 &&
	    diag_errors() + diag_warnings() <= IMPORT_SUGGEST_MAX ?
	    model_nation_suggest(m, name) : NULL;
	const char *file = m->nations_file ? m->nations_file : "nations.ini";

	if (hint)
		diag_error(loc, "unknown nation '%s' (did you mean '%s'? or add "
		    "it to %s, see data/README.md)", name, hint, file);
	else
		diag_error(loc, "unknown nation '%s' (not in %s: add it there, "
		    "see data/README.md)", name, file);
}

int
import_check_value(const struct loc *loc, const struct placemat_num *v,
    const char *name)
{
	if (v->refused) {
		diag_error(loc, "'%s %s' after '%s': the snapshot format has "
		    "no qualifier for '%s' (only around, more than, less than, "
		    "at least, over)", v->refused, v->text, name, v->refused);
		return -1;
	}
	if (v->percent) {
		diag_error(loc, "'%s' after '%s' is a share, not a number of "
		    "troops", v->text, name);
		return -1;
	}
	if (v->troops == PLACEMAT_NUM_BAD) {
		diag_error(loc, "'%s' after '%s' is not a whole number",
		    v->text, name);
		return -1;
	}
	if (v->troops == PLACEMAT_NUM_BIG) {
		diag_error(loc, "'%s' after '%s' is more than %ld", v->text,
		    name, LOAD_MAX_TROOPS);
		return -1;
	}
	return 0;
}

/* The table runs from the first line taken to the last. */
static void
span(struct import_table *t, const struct loc *loc)
{
	if (t->first_line == 0 || loc->line < t->first_line)
		t->first_line = loc->line;
	if (loc->line > t->last_line)
		t->last_line = loc->line;
}

void
import_add_row(struct import_table *t, const struct model *m,
    const struct loc *loc, const struct nation *n,
    const struct placemat_num *v, const char *written, const char *alias)
{
	struct import_row *r;

	if (n) {
		size_t idx = (size_t)(n - m->nations);

		if (t->seen == NULL)
			t->seen = xcalloc(m->nnations + 1, sizeof(int));
		if (t->seen[idx]) {
			diag_error(loc, "'%s' is listed twice (first at line %d)",
			    n->name, t->seen[idx]);
			return;
		}
		t->seen[idx] = loc->line;
	}
	if (t->nrows + t->nunnamed >= IMPORT_MAX_ROWS) {
		if (!t->too_many++)
			diag_error(loc, "more than %d rows in the table",
			    IMPORT_MAX_ROWS);
		return;
	}
	r = n ? array_push(&t->rows, &t->nrows, sizeof(*r)) :
	    array_push(&t->unnamed, &t->nunnamed, sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->line = loc->line;
	r->nation = n;
	r->troops = v->troops;
	r->qual = v->qual;
	r->written = written ? xstrdup(written) : NULL;
	r->alias = alias ? xstrdup(alias) : NULL;
	t->sum += v->troops;
	t->inexact |= v->qual != QUAL_EXACT;
	span(t, loc);
}

void
import_add_total(struct import_table *t, const struct loc *loc,
    const struct placemat_num *v)
{
	if (t->total_line) {
		diag_error(loc, "a second total (the first is line %d)",
		    t->total_line);
		return;
	}
	t->total = v->troops;
	t->total_qual = v->qual;
	t->total_line = loc->line;
	span(t, loc);
}

void
import_add_others(struct import_table *t, const struct loc *loc,
    const struct placemat_num *v, const char *written)
{
	diag_warning(loc, "'%s': %ld troops of nations not named, counted "
	    "in the stated total, not as a row", written ? written : v->text,
	    v->troops);
	if (!t->others_line)
		t->others_line = loc->line;
	t->others += v->troops;
	t->nothers++;
	t->inexact |= v->qual != QUAL_EXACT;
	span(t, loc);
}

void
import_table_init(struct import_table *t)
{
	memset(t, 0, sizeof(*t));
	t->total = -1;
}

static void
free_rows(struct import_row *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].written);
		free(r[i].alias);
	}
	free(r);
}

void
import_table_free(struct import_table *t)
{
	if (t == NULL)
		return;
	free_rows(t->rows, t->nrows);
	free_rows(t->unnamed, t->nunnamed);
	free(t->seen);
	import_table_init(t);
}
