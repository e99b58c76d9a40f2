/* import_csv.c - `briefgen import csv`: a spreadsheet saved as CSV (a
 * header row, then one row per nation) in, a snapshot data file out.  The
 * CSV syntax (quotes, separators inside quotes, line ends) is libcsv's;
 * the nation and troops columns are chosen by their header; each cell is
 * read by the same rules as a placemat's text (placemat_value), so the
 * same shapes and the same diagnostics apply, at file:line. */
#include <csv.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "import_common.h"
#include "placemat_parse.h"

struct record {
	int line;
	char **cells;           /* trimmed */
	size_t ncells;
};

struct reader {
	struct record *recs;
	size_t nrecs;
	struct record cur;
	int line;               /* the line being fed to libcsv */
	int in_record;
};

/* ---- reading the records ---- */

static char *
trimmed(const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

static void
on_cell(void *s, size_t n, void *data)
{
	struct reader *r = data;
	char **c;

	if (!r->in_record) {
		r->in_record = 1;
		r->cur.line = r->line;
	}
	c = array_push(&r->cur.cells, &r->cur.ncells, sizeof(*c));
	*c = trimmed(s ? s : "", s ? n : 0);
}

static void
on_record(int term, void *data)
{
	struct reader *r = data;
	struct record *rec;

	(void)term;
	if (!r->in_record)
		return;
	rec = array_push(&r->recs, &r->nrecs, sizeof(*rec));
	*rec = r->cur;
	memset(&r->cur, 0, sizeof(r->cur));
	r->in_record = 0;
}

static void
free_record(struct record *rec)
{
	size_t i;

	for (i = 0; i < rec->ncells; i++)
		free(rec->cells[i]);
	free(rec->cells);
}

static void
free_reader(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->nrecs; i++)
		free_record(&r->recs[i]);
	free(r->recs);
	free_record(&r->cur);
}

/* The separator: the most frequent of , ; and tab in the first line
 * (spreadsheets in many countries save CSV with ';'). */
static unsigned char
guess_delim(const char *s, const char *e)
{
	size_t n[3] = {0}, i;
	const char *d = ",;\t";
	int quoted = 0;

	for (; s < e && (*s != '\n' || quoted); s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted)
			for (i = 0; i < 3; i++)
				n[i] += *s == d[i];
	}
	i = n[1] > n[0] && n[1] >= n[2] ? 1 : n[2] > n[0] ? 2 : 0;
	return (unsigned char)d[i];
}

/* Text checks as for a placemat: not empty, no NUL, UTF-8. */
static int
check_bytes(const char *file, const char *s, const char *e)
{
	struct loc loc = {file, 0};
	const char *nl;
	size_t n;
	long bad;

	if (s == e) {
		diag_file_error(file, "the input is empty (expected a header "
		    "row and one row per nation)");
		return -1;
	}
	for (; s < e; s = nl ? nl + 1 : e) {
		nl = memchr(s, '\n', (size_t)(e - s));
		n = nl ? (size_t)(nl - s) : (size_t)(e - s);
		loc.line++;
		if (memchr(s, '\0', n) != NULL) {
			diag_error(&loc, "NUL byte: this is binary data, not "
			    "CSV text");
			return -1;
		}
		if ((bad = utf8_check(s, n)) >= 0) {
			diag_error(&loc, "invalid UTF-8 at byte %ld of the line "
			    "(save the CSV as UTF-8)", bad + 1);
			return -1;
		}
	}
	return 0;
}

/* Feed libcsv one line at a time, so that each record knows its line. */
static int
read_records(const char *file, const char *s, const char *e,
    struct reader *r)
{
	struct csv_parser p;
	struct loc loc = {file, 0};
	const char *nl;
	size_t n;
	int rc = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		diag_sys_error(file, "cannot start the CSV parser");
		return -1;
	}
	csv_set_delim(&p, guess_delim(s, e));
	r->line = 1;
	for (; s < e && rc == 0; s = nl ? nl + 1 : e, r->line++) {
		nl = memchr(s, '\n', (size_t)(e - s));
		n = nl ? (size_t)(nl - s) + 1 : (size_t)(e - s);
		if (csv_parse(&p, s, n, on_cell, on_record, r) != n)
			rc = -1;
	}
	if (rc == 0) {
		r->line--;
		if (csv_fini(&p, on_cell, on_record, r) != 0)
			rc = -1;
	}
	if (rc < 0) {
		loc.line = r->line;
		diag_error(&loc, "not CSV: a quote is left open, or stands "
		    "inside a cell that is not quoted (libcsv: %s; a quote "
		    "inside a quoted cell is written twice, \"\")",
		    csv_strerror(csv_error(&p)));
	}
	csv_free(&p);
	return rc;
}

/* ---- the columns ---- */

static int
blank_record(const struct record *rec)
{
	size_t i;

	for (i = 0; i < rec->ncells; i++)
		if (rec->cells[i][0])
			return 0;
	return 1;
}

/* Does the header cell hold one of the words (whole words, any case)? */
static int
cell_has_word(const char *cell, const char *const *words, size_t nwords)
{
	const char *s = cell;
	size_t n, i;

	while (*s) {
		while (*s && !isalpha((unsigned char)*s))
			s++;
		for (n = 0; isalpha((unsigned char)s[n]); n++)
			;
		for (i = 0; i < nwords && n > 0; i++)
			if (strlen(words[i]) == n &&
			    strncasecmp(s, words[i], n) == 0)
				return 1;
		s += n;
	}
	return 0;
}

/* The column named `want` (any case), or the one cell holding one of the
 * words; -1 after reporting. */
static int
find_column(const struct loc *loc, const struct record *h,
    const char *want, const char *opt, const char *what,
    const char *const *words, size_t nwords)
{
	size_t i, found = 0, which = 0;

	for (i = 0; i < h->ncells; i++)
		if (want ? str_ieq(h->cells[i], want) :
		    cell_has_word(h->cells[i], words, nwords)) {
			found++;
			which = i;
		}
	if (found == 1)
		return (int)which;
	if (want)
		diag_error(loc, "no column '%s' in the header (%s)", want, opt);
	else
		diag_error(loc, "the header names %s %s column: choose it with "
		    "%s NAME", found ? "more than one" : "no", what, opt);
	return -1;
}

static const char *const nation_words[] = {"nation", "nations", "country",
	"countries", "contributor", "state"};
static const char *const troop_words[] = {"troops", "personnel",
	"strength", "soldiers", "contribution", "contributions"};

/* ---- the rows ---- */

struct columns {
	int nation, troops;
};

static char *
written(const char *ncell, const char *tcell, const struct nation *n,
    const struct placemat_num *v)
{
	char num[32];

	snprintf(num, sizeof(num), "%ld", v->troops);
	if (n && strcmp(ncell, n->name) == 0 && strcmp(tcell, num) == 0)
		return NULL;
	return xasprintf("%s, %s", ncell, tcell);
}

static void
take_record(const struct model *m, const char *file,
    const struct record *rec, const struct columns *c,
    struct import_table *t)
{
	struct loc loc = {file, rec->line};
	const char *ncell, *tcell;
	const struct nation *n = NULL;
	struct placemat_num v;
	enum import_label lb = LABEL_NONE;
	char *w;
	int alias = 0;

	if ((size_t)(c->nation > c->troops ? c->nation : c->troops) >=
	    rec->ncells) {
		diag_error(&loc, "%zu cell%s: the row ends before the nation "
		    "or the troops column", rec->ncells,
		    rec->ncells == 1 ? "" : "s");
		return;
	}
	ncell = rec->cells[c->nation];
	tcell = rec->cells[c->troops];
	if (*ncell && (n = import_nation(m, ncell, &alias)) == NULL &&
	    (lb = import_label(ncell)) == LABEL_NONE) {
		import_unknown(m, &loc, ncell);
		return;
	}
	if (*tcell == '\0') {
		diag_error(&loc, "'%s' has no troop number (its cell is empty)",
		    *ncell ? ncell : "the row");
		return;
	}
	placemat_value(tcell, strlen(tcell), &v);
	if (import_check_value(&loc, &v, *ncell ? ncell : "no name") == 0) {
		if (v.mark)
			diag_warning(&loc, "footnote mark '%s' after '%s' "
			    "dropped", v.mark, v.text);
		w = written(ncell, tcell, n, &v);
		if (lb == LABEL_TOTAL)
			import_add_total(t, &loc, &v);
		else if (lb == LABEL_OTHERS)
			import_add_others(t, &loc, &v, w);
		else if (n == NULL) {
			diag_warning(&loc, "'%s' has no name: kept as a row not "
			    "named in the source ([unnamed])", tcell);
			import_add_row(t, m, &loc, NULL, &v, w, NULL);
		} else
			import_add_row(t, m, &loc, n, &v, w,
			    alias ? ncell : NULL);
		free(w);
	}
	placemat_num_free(&v);
}

static int
choose_columns(const struct import_opts *o, const char *file,
    const struct record *h, struct columns *c)
{
	struct loc loc = {file, h->line};

	c->nation = find_column(&loc, h, o->nation_column, "--nation-column",
	    "nation", nation_words, sizeof(nation_words) / sizeof(char *));
	c->troops = find_column(&loc, h, o->column_name, "--column", "troops",
	    troop_words, sizeof(troop_words) / sizeof(char *));
	if (c->nation < 0 || c->troops < 0)
		return -1;
	if (c->nation == c->troops) {
		diag_error(&loc, "the nation and the troops column are the same, "
		    "'%s'", h->cells[c->nation]);
		return -1;
	}
	diag_warning(&loc, "nations from column %d ('%s'), troops from column "
	    "%d ('%s')%s", c->nation + 1, h->cells[c->nation], c->troops + 1,
	    h->cells[c->troops], h->ncells > 2 ? "; the other columns are "
	    "not read" : "");
	return 0;
}

static int
read_table(const struct import_opts *o, const struct model *m,
    const char *file, const struct reader *r, struct import_table *t)
{
	int before = diag_errors();
	struct columns c;
	size_t i = 0;

	while (i < r->nrecs && blank_record(&r->recs[i]))
		i++;
	if (i == r->nrecs) {
		diag_file_error(file, "no rows (expected a header row and one "
		    "row per nation)");
		return -1;
	}
	if (choose_columns(o, file, &r->recs[i], &c) < 0)
		return -1;
	for (i++; i < r->nrecs; i++)
		if (!blank_record(&r->recs[i]))
			take_record(m, file, &r->recs[i], &c, t);
	if (t->nrows + t->nunnamed == 0 && diag_errors() == before)
		diag_file_error(file, "a header but no rows with troops");
	return diag_errors() > before ? -1 : 0;
}

int
import_csv_parse(const char *name, const char *text, size_t len,
    const struct model *m, const struct import_opts *o,
    struct import_table *t)
{
	struct reader r = {0};
	const char *file = diag_intern(name), *s = text, *e = text + len;
	int rc = -1;

	import_table_init(t);
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	if (check_bytes(file, s, e) == 0 && read_records(file, s, e, &r) == 0)
		rc = read_table(o, m, file, &r, t);
	free_reader(&r);
	return rc;
}

int
cmd_import_csv(const struct import_opts *o, const struct model *m)
{
	struct import_table t;
	char *text = NULL;
	size_t len = 0;
	int rc = -1;

	if (import_read(o, &text, &len) < 0)
		return -1;
	if (import_csv_parse(o->name, text, len, m, o, &t) == 0)
		rc = import_finish(o, &t);
	import_table_free(&t);
	free(text);
	return rc;
}
