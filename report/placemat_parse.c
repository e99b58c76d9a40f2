/* placemat_parse.c - the nation table of a placemat's text (see
 * placemat_parse.h and data/README.md, "Importing a placemat").
 *
 * A line is a *row* when it is nothing but "Name number" pairs: one pair
 * (a web page, a list), several (pdftotext flattens a three-column table
 * into one line; -layout keeps the columns apart with blanks), with commas
 * or semicolons between them, perhaps with more than one number column.
 * Rows next to each other (blank lines between them allowed) form a *run*;
 * a run that names at least one known nation is part of the table.  Every
 * number of a table run then becomes a row, a total, or a diagnostic, and
 * the prose lines right next to the table are searched for numbers too:
 * nothing with a number in it is dropped without a word. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "placemat_int.h"

/* A name longer than this cannot be a nation: skip the look-up. */
#define NAME_MAX_BYTES 200

/* ---- names ---- */

/* words[from..] joined by one space, with the typographic apostrophe and
 * hyphens PDFs use turned into the plain ones nations.ini uses. */
static char *
join_words(const struct placemat_pair *pr, size_t from)
{
	struct buf b = {0};
	const char *s;
	size_t i;

	for (i = from; i < pr->nwords; i++) {
		if (i > from)
			buf_add(&b, " ", 1);
		for (s = pr->words[i].text; *s; s++) {
			if (strncmp(s, "\xE2\x80\x99", 3) == 0) {
				buf_add(&b, "'", 1);
				s += 2;
			} else if (strncmp(s, "\xE2\x80\x90", 3) == 0 ||
			    strncmp(s, "\xE2\x80\x91", 3) == 0) {
				buf_add(&b, "-", 1);
				s += 2;
			} else
				buf_add(&b, s, 1);
		}
	}
	if (b.data == NULL)
		buf_add(&b, "", 0);
	return b.data;
}

enum { R_UNKNOWN, R_NATION, R_TOTAL, R_OTHERS, R_PAGE };

/* May the name of pair pr start at word j?  At the first word always; on
 * the first pair of a line also after a column gap, because text beside
 * the table (a -layout column of prose) may come before it. */
static int
name_may_start(const struct placemat_pair *pr, size_t j, int first)
{
	return j == 0 || (first && pr->words[j].wide);
}

/* What pair pr names: the longest known name it ends with (greedy, so
 * "North Macedonia" wins over "Macedonia"), starting where a name may;
 * or a label (Total, Other countries, Page). */
static int
resolve_at(const struct model *m, const struct placemat_pair *pr,
    int first, const struct nation **n, int *alias, size_t *at)
{
	int kind = R_UNKNOWN;
	enum import_label lb;
	size_t j;
	char *cand;

	*n = NULL;
	*alias = 0;
	*at = 0;
	for (j = 0; j < pr->nwords && kind == R_UNKNOWN; j++) {
		if (!name_may_start(pr, j, first))
			continue;
		cand = join_words(pr, j);
		if (strlen(cand) <= NAME_MAX_BYTES) {
			if ((*n = import_nation(m, cand, alias)) != NULL)
				kind = R_NATION;
			else if ((lb = import_label(cand)) == LABEL_TOTAL)
				kind = R_TOTAL;
			else if (lb == LABEL_OTHERS)
				kind = R_OTHERS;
			else if (lb == LABEL_PAGE)
				kind = R_PAGE;
			*at = j;
		}
		free(cand);
	}
	return kind;
}

static int
resolve_pair(const struct model *m, const struct placemat_pair *pr,
    int first, const struct nation **n, int *alias)
{
	size_t at;

	return resolve_at(m, pr, first, n, alias, &at);
}

/* The name to show for an unknown pair: after the last column gap. */
static char *
shown_name(const struct placemat_pair *pr, int first)
{
	size_t j, from = 0;

	for (j = 1; j < pr->nwords; j++)
		if (name_may_start(pr, j, first))
			from = j;
	return join_words(pr, from);
}

/* Is `name` (len bytes) within two edits of `cand`, and not so short
 * that two edits make anything match? */
static int
near_name(const char *name, size_t len, const char *cand)
{
	size_t cl = strlen(cand);
	int d;

	if (cl + 2 < len || len + 2 < cl)
		return 0;
	d = str_edit_distance(name, cand);
	return d <= 2 && (size_t)d * 3 <= len;
}

/* Is the unknown pair's name a near miss of a nation's name ("Albnia")? */
static int
near_miss(const struct model *m, const struct placemat_pair *pr, int first)
{
	char *name = shown_name(pr, first);
	size_t i, k, len = strlen(name);
	int near = 0;

	for (i = 0; i < m->nnations && !near && len <= NAME_MAX_BYTES; i++) {
		const struct nation *n = &m->nations[i];

		near = near_name(name, len, n->name);
		for (k = 0; k < n->naka && !near; k++)
			near = near_name(name, len, n->aka[k]);
	}
	free(name);
	return near;
}

/* ---- the whole text: lines ---- */

enum { ROW_FOREIGN, ROW_NEAR, ROW_TABLE };

struct text_line {
	const char *s;
	size_t n;
	int kind;               /* PLACEMAT_* or -1 for a blank line */
	struct placemat_line pl;
	int row_kind;           /* ROW_*, once known; -1 before */
	int in_table;           /* part of a table run */
	int edge;               /* the first or the last line of its run */
	int page_end;           /* the next non-blank line starts a page */
};

struct scan {
	const struct model *m;
	const struct placemat_opts *o;
	const char *file;       /* interned */
	struct import_table *t;
	struct text_line *lines;
	size_t nlines;
	int near_anchors;       /* near misses make a run a table too */
	int saw_near;
	int column;             /* the troop column, 1-based */
	int ncols;              /* number columns of the table */
	int ranks;              /* numbers before the names are ranks */
	int rank_line, pct_line;
};

static int
classify_row(const struct scan *st, const struct text_line *tl)
{
	const struct nation *n;
	int near = 0, alias;
	size_t k;

	for (k = 0; k < tl->pl.npairs; k++) {
		const struct placemat_pair *pr = &tl->pl.pairs[k];
		int r = resolve_pair(st->m, pr, k == 0, &n, &alias);

		if (r == R_NATION || r == R_TOTAL || r == R_OTHERS)
			return ROW_TABLE;
		near |= near_miss(st->m, pr, k == 0);
	}
	return near ? ROW_NEAR : ROW_FOREIGN;
}

static int
row_kind(const struct scan *st, struct text_line *tl)
{
	if (tl->kind != PLACEMAT_ROW)
		return ROW_FOREIGN;
	if (tl->row_kind < 0)
		tl->row_kind = classify_row(st, tl);
	return tl->row_kind;
}

static int
names_nation(const struct scan *st, const struct text_line *tl)
{
	const struct nation *n;
	int alias;
	size_t k;

	for (k = 0; k < tl->pl.npairs; k++)
		if (resolve_pair(st->m, &tl->pl.pairs[k], k == 0, &n,
		    &alias) == R_NATION)
			return 1;
	return 0;
}

static int
is_blank_line(const char *s, size_t n)
{
	const char *e = s + n;
	size_t bl;
	int w;

	while (s < e && (bl = placemat_blank_len(s, e, &w)) > 0)
		s += bl;
	return s == e;
}

static void
split_lines(struct scan *st, const char *s, const char *e)
{
	struct text_line *tl;
	const char *nl;
	size_t i, last = (size_t)-1;

	for (; s < e; s = nl ? nl + 1 : e) {
		nl = memchr(s, '\n', (size_t)(e - s));
		tl = array_push(&st->lines, &st->nlines, sizeof(*tl));
		memset(tl, 0, sizeof(*tl));
		tl->s = s;
		tl->n = nl ? (size_t)(nl - s) : (size_t)(e - s);
		if (tl->n > 0 && s[tl->n - 1] == '\r')
			tl->n--;        /* CRLF line ends: the CR is no text */
		tl->row_kind = -1;
		tl->kind = is_blank_line(tl->s, tl->n) ? -1 :
		    placemat_split(tl->s, tl->n, &tl->pl);
	}
	for (i = 0; i < st->nlines; i++) {
		if (st->lines[i].n > 0 && st->lines[i].s[0] == '\f' &&
		    last != (size_t)-1)
			st->lines[last].page_end = 1;
		if (st->lines[i].kind >= 0)
			last = i;
	}
}

/* ---- runs: which rows are the table ---- */

/* Is the run lines[lo..hi) (rows, numbers and blank lines) a table?  It is
 * when it names a nation; on the second pass also when it names near
 * misses only ("Albnia 99" alone), so that they are reported as unknown
 * nations rather than "no table". */
static int
run_is_table(struct scan *st, size_t lo, size_t hi)
{
	size_t i;
	int near = 0;

	for (i = lo; i < hi; i++) {
		if (st->lines[i].kind == PLACEMAT_ROW &&
		    names_nation(st, &st->lines[i]))
			return 1;
		if (!near && (!st->saw_near || st->near_anchors))
			near = row_kind(st, &st->lines[i]) == ROW_NEAR;
	}
	st->saw_near |= near;
	return near && st->near_anchors;
}

static void
find_table(struct scan *st)
{
	size_t i = 0, lo, hi, k;

	while (i < st->nlines) {
		if (st->lines[i].kind != PLACEMAT_ROW &&
		    st->lines[i].kind != PLACEMAT_NUMBERS) {
			i++;
			continue;
		}
		lo = i;
		while (i < st->nlines && st->lines[i].kind != PLACEMAT_PROSE)
			i++;
		hi = i;
		while (hi > lo && st->lines[hi - 1].kind < 0)
			hi--;
		if (!run_is_table(st, lo, hi))
			continue;
		for (k = lo; k < hi; k++)
			st->lines[k].in_table = st->lines[k].kind >= 0;
		st->lines[lo].edge = st->lines[hi - 1].edge = 1;
	}
}

/* ---- columns ---- */

static size_t
troop_nums(const struct placemat_pair *pr)
{
	size_t k, c = 0;

	for (k = 0; k < pr->nnums; k++)
		c += !pr->nums[k].percent;
	return c;
}

/* The header of the table: the nearest prose line above its first row. */
static const struct text_line *
header_line(const struct scan *st, size_t first)
{
	size_t i;

	for (i = first; i-- > 0;) {
		if (st->lines[i].kind == PLACEMAT_PROSE)
			return &st->lines[i];
		if (st->lines[i].kind >= 0)
			return NULL;
	}
	return NULL;
}

/* Cells of a header: split at column gaps, or at blanks when it has none. */
static size_t
header_cells(const struct text_line *h, struct tok **cells)
{
	struct tok *t = NULL, *c;
	size_t nt = 0, n = 0, i;
	int gaps = 0;

	placemat_tokenize(h->s, h->s + h->n, &t, &nt);
	for (i = 1; i < nt; i++)
		gaps |= t[i].wide;
	*cells = NULL;
	for (i = 0; i < nt; i++) {
		if (n > 0 && gaps && !t[i].wide) {
			c = &(*cells)[n - 1];
			c->n = (size_t)(t[i].s + t[i].n - c->s);
			continue;
		}
		c = array_push(cells, &n, sizeof(*c));
		*c = t[i];
	}
	free(t);
	return n;
}

/* Is the header cell about troops? */
static int
troop_header(const struct tok *c)
{
	static const char *const words[] = {"troops", "personnel",
		"strength", "soldiers", "contribution", "contributions"};
	size_t i, wl;
	const char *s, *e = c->s + c->n;

	for (s = c->s; s < e; s += wl) {
		while (s < e && !isalpha((unsigned char)*s))
			s++;
		for (wl = 0; s + wl < e && isalpha((unsigned char)s[wl]);)
			wl++;
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (wl == strlen(words[i]) &&
			    strncasecmp(s, words[i], wl) == 0)
				return 1;
	}
	return 0;
}

/* Is the header cell about shares ("Share", "% of total")? */
static int
share_header(const struct tok *c)
{
	return memchr(c->s, '%', c->n) != NULL ||
	    (c->n >= 5 && strncasecmp(c->s, "share", 5) == 0) ||
	    (c->n >= 8 && strncasecmp(c->s, "per cent", 8) == 0);
}

/* Choose the troop column of a table with ncols number columns: --column,
 * or the one header cell that says troops.  Says which was used. */
static int
choose_column(struct scan *st, size_t first)
{
	const struct text_line *h = header_line(st, first);
	struct loc loc = {st->file, (int)(first + 1)};
	struct tok *cells = NULL;
	size_t nc = 0, skip, i, found = 0, which = 0;

	if (st->o && st->o->column > 0) {
		if (st->o->column > st->ncols) {
			diag_error(&loc, "--column %d: the table has %d number "
			    "columns", st->o->column, st->ncols);
			return -1;
		}
		diag_warning(&loc, "the troop column is number column %d of "
		    "%d (--column); the others are not read", st->o->column,
		    st->ncols);
		return st->o->column;
	}
	if (h)
		nc = header_cells(h, &cells);
	/* Shares are no number column: drop their cells; the number columns
	 * are the last cells (rank and name come first). */
	for (i = 0; i < nc; i++)
		if (share_header(&cells[i])) {
			memmove(&cells[i], &cells[i + 1],
			    (nc - i - 1) * sizeof(*cells));
			nc--;
			i--;
		}
	skip = nc > (size_t)st->ncols ? nc - (size_t)st->ncols : 0;
	for (i = skip; i < nc; i++)
		if (troop_header(&cells[i])) {
			found++;
			which = i - skip + 1;
		}
	if (h)
		loc.line = (int)(h - st->lines + 1);
	if (found == 1 && nc - skip == (size_t)st->ncols) {
		diag_warning(&loc, "the troop column is '%.*s' (number column "
		    "%zu of %d, by the header); the others are not read",
		    (int)cells[skip + which - 1].n, cells[skip + which - 1].s,
		    which, st->ncols);
		free(cells);
		return (int)which;
	}
	free(cells);
	diag_error(&loc, "the rows have %d number columns and no header "
	    "names one troop column: choose it with --column N (1 is the "
	    "first number after the name)", st->ncols);
	return -1;
}

/* How many number columns the table has, and whether the numbers before
 * the names are ranks: most rows must agree, else the extra numbers are
 * rows not named in the source. */
static int
table_shape(struct scan *st)
{
	size_t i, k, pairs = 0, lines = 0, leads = 0, first = 0;
	size_t count[4] = {0};
	int cmax = 1, any = 0;

	for (i = 0; i < st->nlines; i++) {
		const struct text_line *tl = &st->lines[i];

		if (!tl->in_table || tl->kind != PLACEMAT_ROW)
			continue;
		if (!any++)
			first = i;
		lines++;
		leads += tl->pl.nlead > 0;
		if (tl->pl.lead_rank)
			st->ranks = 1;
		for (k = 0; k < tl->pl.npairs; k++) {
			size_t c = troop_nums(&tl->pl.pairs[k]);

			pairs++;
			count[c > 3 ? 3 : c]++;
			if ((int)c > cmax)
				cmax = c > 3 ? 3 : (int)c;
		}
	}
	if (leads * 2 > lines)
		st->ranks = 1;
	st->ncols = 1;
	st->column = 1;
	if (cmax >= 2 && count[cmax] * 2 >= pairs) {
		st->ncols = cmax;
		st->column = choose_column(st, first);
	}
	return st->column;
}

/* ---- taking rows ---- */

/* The pair as written, when it is not a plain "Name N" under the name
 * documents use, for the comment in the snapshot; else NULL. */
static char *
written(const struct placemat_pair *pr, size_t at, const struct nation *n,
    const struct placemat_num *v)
{
	const char *s = pr->nwords ? pr->words[at].src : pr->src;
	const char *e = pr->src + pr->srclen;
	struct buf b = {0};
	char *plain;
	size_t bl;
	int w, same;

	/* Column gaps of -layout text are not part of how a row reads. */
	while (s < e) {
		if ((bl = placemat_blank_len(s, e, &w)) > 0) {
			while (s < e && (bl = placemat_blank_len(s, e, &w)) > 0)
				s += bl;
			buf_add(&b, " ", 1);
		} else
			buf_add(&b, s++, 1);
	}
	while (b.len > 0 && strchr(",; ", b.data[b.len - 1]))
		b.len--;                /* the list goes on: not part of it */
	buf_add(&b, "", 0);
	if (n) {
		plain = xasprintf("%s %ld", n->name, v->troops);
		same = strcmp(plain, b.data) == 0;
		free(plain);
		if (same) {
			buf_free(&b);
			return NULL;
		}
	}
	return b.data;
}

static void
report_marks(const struct loc *loc, const char *mark, const char *after)
{
	if (mark)
		diag_warning(loc, "footnote mark '%s' after '%s' dropped",
		    mark, after);
}

static void
take_unnamed(struct scan *st, const struct loc *loc,
    const struct placemat_num *v, const char *why)
{
	char *w;

	if (import_check_value(loc, v, "a row without a name") < 0)
		return;
	report_marks(loc, v->mark, v->text);
	diag_warning(loc, "'%s' %s: kept as a row not named in the source "
	    "([unnamed])", v->text, why);
	w = xasprintf("%s (no name)", v->text);
	import_add_row(st->t, st->m, loc, NULL, v, w, NULL);
	free(w);
}

/* The numbers of a pair that are not its troop column. */
static void
take_extra(struct scan *st, const struct loc *loc,
    const struct placemat_pair *pr, const char *name)
{
	size_t k, c = 0;
	char *why;

	for (k = 0; k < pr->nnums; k++) {
		const struct placemat_num *v = &pr->nums[k];

		if (v->percent) {
			if (!st->pct_line)
				st->pct_line = loc->line;
			continue;
		}
		if (++c == (size_t)st->column || st->ncols > 1)
			continue;
		why = xasprintf("follows the number of '%s'", name);
		take_unnamed(st, loc, v, why);
		free(why);
	}
}

/* The troop figure of a pair, or NULL when it has none in its column. */
static const struct placemat_num *
troop_value(const struct scan *st, const struct placemat_pair *pr)
{
	size_t k, c = 0, have = troop_nums(pr);
	long want = st->column;

	/* Fewer numbers than columns: the empty cells are taken to be the
	 * first ones ("Total  13,664" under "since" and "Troops"). */
	if (st->ncols > 1 && have < (size_t)st->ncols)
		want -= st->ncols - (long)have;
	for (k = 0; k < pr->nnums; k++)
		if (!pr->nums[k].percent && (long)++c == want)
			return &pr->nums[k];
	return NULL;
}

/* A number that may be a year: four digits, 1900-2099. */
static int
year_like(const struct placemat_num *v)
{
	return v->troops >= 1900 && v->troops <= 2099 &&
	    strlen(v->text) == 4 && v->qual == QUAL_EXACT;
}

static void
take_pair(struct scan *st, const struct loc *loc,
    const struct placemat_pair *pr, int first)
{
	const struct nation *n;
	const struct placemat_num *v = troop_value(st, pr);
	size_t at;
	int alias, kind = resolve_at(st->m, pr, first, &n, &alias, &at);
	char *name = kind == R_NATION ? xstrdup(n->name) :
	    shown_name(pr, first);
	char *w;

	if (kind == R_UNKNOWN)
		import_unknown(st->m, loc, name);
	else if (kind == R_PAGE)
		diag_warning(loc, "'%.*s' read as a page number, not a row",
		    (int)pr->srclen, pr->src);
	else if (v == NULL) {
		diag_error(loc, "'%s' has no number in the troop column (%d)",
		    name, st->column);
	} else if (import_check_value(loc, v, name) == 0) {
		if (st->ncols > 1 && troop_nums(pr) < (size_t)st->ncols)
			diag_warning(loc, "%zu number%s after '%s' for %d "
			    "columns: read as the last column%s", troop_nums(pr),
			    troop_nums(pr) == 1 ? "" : "s", name, st->ncols,
			    troop_nums(pr) == 1 ? "" : "s");
		report_marks(loc, pr->name_mark, name);
		report_marks(loc, v->mark, v->text);
		w = written(pr, at, kind == R_NATION ? n : NULL, v);
		if (pr->nations && kind != R_TOTAL)
			diag_error(loc, "a count of nations after '%s', which "
			    "is no total", name);
		if (kind == R_TOTAL) {
			import_add_total(st->t, loc, v);
			if (pr->nations > 0)
				st->t->nations = pr->nations;
		} else if (kind == R_OTHERS)
			import_add_others(st->t, loc, v, w);
		else {
			char *as = alias ? shown_name(pr, first) : NULL;

			import_add_row(st->t, st->m, loc, n, v, w, as);
			free(as);
		}
		free(w);
	}
	if (kind != R_UNKNOWN && kind != R_PAGE)
		take_extra(st, loc, pr, name);
	free(name);
}

/* Numbers before the first name: ranks, or rows without a name. */
static void
take_lead(struct scan *st, const struct loc *loc,
    const struct placemat_line *pl)
{
	size_t k;

	for (k = 0; k < pl->nlead; k++) {
		if (st->ranks) {
			if (!st->rank_line)
				st->rank_line = loc->line;
			continue;
		}
		take_unnamed(st, loc, &pl->lead[k], "has no name before it");
	}
}

/* A line of numbers only: a page number at the foot of a page, rows
 * without a name inside the table, and at its edge an error. */
static void
take_numbers(struct scan *st, const struct loc *loc,
    const struct text_line *tl, int edge)
{
	size_t k;

	if (tl->page_end && tl->pl.nlead == 1 && tl->pl.lead[0].troops >= 0 &&
	    tl->pl.lead[0].troops < 1000) {
		diag_warning(loc, "'%s' at the foot of a page read as a page "
		    "number, not a row", tl->pl.lead[0].text);
		return;
	}
	if (edge) {
		diag_error(loc, "'%.*s': numbers without a name at the edge of "
		    "the table (a row not named in the source must stand "
		    "between named rows; remove the line if it is no row)",
		    (int)tl->n, tl->s);
		return;
	}
	for (k = 0; k < tl->pl.nlead; k++)
		take_unnamed(st, loc, &tl->pl.lead[k], "has no name");
}

/* A row at the edge of the table that names nothing like a nation but
 * holds a year ("Troop numbers 2020", "Last updated: 31 May 2017") is a
 * heading or a date: the year as written, or NULL. */
static const char *
heading_year(struct scan *st, struct text_line *tl)
{
	const char *year = NULL;
	size_t k, j;

	if (row_kind(st, tl) != ROW_FOREIGN)
		return NULL;
	for (k = 0; k < tl->pl.npairs; k++) {
		const struct placemat_pair *pr = &tl->pl.pairs[k];

		for (j = 0; j < pr->nnums; j++)
			if (year_like(&pr->nums[j]))
				year = pr->nums[j].text;
	}
	return year;
}

static void
take_line(struct scan *st, size_t i)
{
	struct text_line *tl = &st->lines[i];
	struct loc loc = {st->file, (int)(i + 1)};
	int edge = tl->edge;
	const char *year;
	size_t k;

	if (tl->kind == PLACEMAT_NUMBERS)
		take_numbers(st, &loc, tl, edge);
	else if (edge && (year = heading_year(st, tl)) != NULL)
		diag_warning(&loc, "'%.*s' read as a heading or a date (%s as "
		    "a year), not a row", (int)tl->n, tl->s, year);
	else {
		take_lead(st, &loc, &tl->pl);
		for (k = 0; k < tl->pl.npairs; k++)
			take_pair(st, &loc, &tl->pl.pairs[k], k == 0);
	}
}

/* ---- the lines around the table ---- */

/* Does the prose line name a nation (as whole words)? */
static const char *
prose_nation(const struct scan *st, const char *s, size_t n)
{
	size_t i, k, nl;
	const char *hit;
	char *line = xstrndup(s, n);

	for (i = 0; i < st->m->nnations; i++) {
		const struct nation *x = &st->m->nations[i];

		for (k = 0; k <= x->naka; k++) {
			const char *name = k == 0 ? x->name : x->aka[k - 1];

			nl = strlen(name);
			if (nl < 4)
				continue;
			hit = strcasestr(line, name);
			if (hit && (hit == line ||
			    !isalpha((unsigned char)hit[-1])) &&
			    !isalpha((unsigned char)hit[nl])) {
				free(line);
				return x->name;
			}
		}
	}
	free(line);
	return NULL;
}

/* A prose line in or next to the table that holds numbers: a warning, or
 * an error when it names a nation (a row in a shape not understood). */
static void
check_prose(struct scan *st, size_t i, int inside)
{
	const struct text_line *tl = &st->lines[i];
	struct loc loc = {st->file, (int)(i + 1)};
	const char *nation;
	int n = tl->n > 120 ? 120 : (int)tl->n, has;
	struct placemat_num v;
	long nations;

	if ((has = placemat_holds_number(tl->s, tl->n)) == 0)
		return;
	if (!inside && st->t->total_line == 0 && placemat_prose_total(tl->s, tl->n, &v, &nations)) {
		char of[40] = "";

		if (nations > 0)
			snprintf(of, sizeof(of), ", of %ld nations", nations);
		diag_warning(&loc, "'%s%s%s' in the prose read as the stated "
		    "total%s", v.qual != QUAL_EXACT ? qual_name(v.qual) : "",
		    v.qual != QUAL_EXACT ? " " : "", v.text, of);
		import_add_total(st->t, &loc, &v);
		if (nations > 0)
			st->t->nations = nations;
		placemat_num_free(&v);
		return;
	}
	if (has == 2 && (nation = prose_nation(st, tl->s, tl->n)) != NULL)
		diag_error(&loc, "'%.*s%s': a line with numbers that names %s "
		    "but is not a row (write it as 'Name number')", n, tl->s,
		    (int)tl->n > n ? "..." : "", nation);
	else if (inside && has == 2)
		diag_error(&loc, "'%.*s%s': a line with numbers inside the "
		    "table that is not a row (write rows as 'Name number')",
		    n, tl->s, (int)tl->n > n ? "..." : "");
	else
		diag_warning(&loc, "numbers in or next to the table not read: "
		    "'%.*s%s' (if it states the total or the number of "
		    "nations, give --total or --nations)", n, tl->s,
		    (int)tl->n > n ? "..." : "");
}

/* The prose lines inside the table's span, and the paragraph right next
 * to each run (the non-blank lines up to the next blank one). */
static void
check_around(struct scan *st)
{
	size_t i, k, first = st->nlines, last = 0;
	int *done = xcalloc(st->nlines + 1, sizeof(int));

	for (i = 0; i < st->nlines; i++)
		if (st->lines[i].in_table) {
			if (first == st->nlines)
				first = i;
			last = i;
		}
	for (i = 0; i < st->nlines; i++) {
		if (!st->lines[i].in_table)
			continue;
		for (k = i; k-- > 0 && st->lines[k].kind < 0;)
			;
		for (; k < i && st->lines[k].kind == PLACEMAT_PROSE; k--) {
			if (!done[k]++)
				check_prose(st, k, k > first && k < last);
			if (k == 0)
				break;
		}
		for (k = i + 1; k < st->nlines && st->lines[k].kind < 0; k++)
			;
		for (; k < st->nlines && st->lines[k].kind == PLACEMAT_PROSE;
		    k++)
			if (!done[k]++)
				check_prose(st, k, k > first && k < last);
	}
	free(done);
}

/* ---- the text ---- */

/* Reject what is not text at all, once, at the first bad line: a placemat
 * PDF itself, binary data, invalid UTF-8. */
static int
check_text(const char *file, const char *text, size_t len)
{
	struct loc loc = {file, 0};
	const char *s = text, *e = text + len, *nl;
	size_t n, i;
	long bad;

	if (len == 0) {
		diag_file_error(file, "the input is empty (expected the text "
		    "of a placemat, e.g. from pdftotext -layout)");
		return -1;
	}
	if (len >= 5 && memcmp(text, "%PDF-", 5) == 0) {
		diag_file_error(file, "this is a PDF file, not its text "
		    "(convert it first: pdftotext -layout FILE.pdf -)");
		return -1;
	}
	for (; s < e; s = nl ? nl + 1 : e) {
		nl = memchr(s, '\n', (size_t)(e - s));
		n = nl ? (size_t)(nl - s) : (size_t)(e - s);
		loc.line++;
		if (memchr(s, '\0', n) != NULL) {
			diag_error(&loc, "NUL byte: this is binary data, not "
			    "text");
			return -1;
		}
		if ((bad = utf8_check(s, n)) >= 0) {
			diag_error(&loc, "invalid UTF-8 at byte %ld of the line "
			    "(the input must be UTF-8 text)", bad + 1);
			return -1;
		}
		for (i = 0; i < n; i++)
			if ((unsigned char)s[i] < 0x20 &&
			    !strchr("\t\f\v\r", s[i])) {
				diag_error(&loc, "control character 0x%02x: this "
				    "is binary data, not text",
				    (unsigned char)s[i]);
				return -1;
			}
	}
	return 0;
}

static void
free_lines(struct scan *st)
{
	size_t i;

	for (i = 0; i < st->nlines; i++)
		placemat_line_free(&st->lines[i].pl);
	free(st->lines);
	st->lines = NULL;
	st->nlines = 0;
}

/* Does a number of the table join digit groups at a blank ("1 300")? */
static int
any_grouped(const struct scan *st)
{
	size_t i, k, j;

	for (i = 0; i < st->nlines; i++) {
		const struct placemat_line *pl = &st->lines[i].pl;

		if (!st->lines[i].in_table)
			continue;
		for (k = 0; k < pl->npairs; k++)
			for (j = 0; j < pl->pairs[k].nnums; j++)
				if (pl->pairs[k].nums[j].grouped)
					return 1;
	}
	return 0;
}

/* Do the table's numbers, read with digit groups joined at blanks or not,
 * add up to its Total?  "Germany 530 303" is 530,303 troops, or 530 and
 * a row without a name: the total decides. */
static int
reading_adds_up(const struct scan *st, int join)
{
	struct placemat_line pl;
	const struct nation *n;
	long sum = 0, total = -1;
	size_t i, k, j;
	int alias;

	for (i = 0; i < st->nlines; i++) {
		const struct text_line *tl = &st->lines[i];

		if (!tl->in_table || placemat_split_line(tl->s, tl->n, join, &pl) ==
		    PLACEMAT_PROSE)
			continue;
		for (k = 0; k < pl.nlead && !pl.lead_rank; k++)
			sum += pl.lead[k].troops > 0 ? pl.lead[k].troops : 0;
		for (k = 0; k < pl.npairs; k++) {
			const struct placemat_pair *pr = &pl.pairs[k];
			int r = resolve_pair(st->m, pr, k == 0, &n, &alias);

			for (j = 0; j < pr->nnums; j++) {
				if (pr->nums[j].percent || pr->nums[j].troops < 0)
					continue;
				if (r == R_TOTAL && j == 0)
					total = pr->nums[j].troops;
				else if (r != R_TOTAL)
					sum += pr->nums[j].troops;
			}
		}
		placemat_line_free(&pl);
	}
	return total >= 0 && sum == total;
}

/* Read the table's lines again without joining digit groups at blanks. */
static void
resplit(struct scan *st)
{
	size_t i;

	for (i = 0; i < st->nlines; i++) {
		struct text_line *tl = &st->lines[i];

		if (!tl->in_table)
			continue;
		placemat_line_free(&tl->pl);
		tl->kind = placemat_split_line(tl->s, tl->n, 0, &tl->pl);
		tl->row_kind = -1;
		if (tl->kind == PLACEMAT_PROSE)
			tl->in_table = 0;
	}
}

static void
take_table(struct scan *st)
{
	size_t i;
	struct loc loc = {st->file, 0};

	if (any_grouped(st) && !reading_adds_up(st, 1) &&
	    reading_adds_up(st, 0))
		resplit(st);
	if (table_shape(st) < 0)
		return;
	for (i = 0; i < st->nlines; i++)
		if (st->lines[i].in_table)
			take_line(st, i);
	check_around(st);
	if (st->rank_line) {
		loc.line = st->rank_line;
		diag_warning(&loc, "the numbers before the names read as ranks, "
		    "not troops");
	}
	if (st->pct_line) {
		loc.line = st->pct_line;
		diag_warning(&loc, "the shares (%%) after the numbers are not "
		    "read: shares are worked out from the figures");
	}
}

static int
any_in_table(const struct scan *st)
{
	size_t i;

	for (i = 0; i < st->nlines; i++)
		if (st->lines[i].in_table)
			return 1;
	return 0;
}

int
placemat_parse(const char *name, const char *text, size_t len,
    const struct model *m, const struct placemat_opts *o,
    struct import_table *t)
{
	struct scan st = {0};
	const char *s = text, *e = text + len;
	int before = diag_errors();

	import_table_init(t);
	st.file = diag_intern(name);
	if (check_text(st.file, text, len) < 0)
		return -1;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	st.m = m;
	st.o = o;
	st.t = t;
	split_lines(&st, s, e);
	find_table(&st);
	if (!any_in_table(&st) && st.saw_near) {
		/* No nation anywhere, but near misses: the table is there and
		 * misspelt.  Look again to report them. */
		st.near_anchors = 1;
		find_table(&st);
	}
	if (any_in_table(&st))
		take_table(&st);
	free_lines(&st);
	if (t->nrows + t->nunnamed == 0 && diag_errors() == before)
		diag_file_error(st.file, "no table of nations and troop numbers "
		    "found (expected lines of 'Nation number' pairs whose "
		    "names are in %s)", m->nations_file ? m->nations_file :
		    "the nations");
	return diag_errors() > before ? -1 : 0;
}
