/* placemat_parse.c - the nation table of a placemat's text (see
 * placemat_parse.h and data/README.md, "Importing a placemat").
 *
 * A line is a *row* when it is nothing but "Name number" pairs: one pair
 * (a web page, a list), or several (pdftotext flattens a three-column table
 * into one line; -layout keeps the columns apart with blanks).  Rows next
 * to each other (blank lines between them allowed) form a *run*; a run that
 * names at least one known nation is part of the table, the others are
 * prose that happens to end in a number.  So the prose, links and headings
 * around the table need no rules of their own. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "placemat_parse.h"

/* The label of the line that states the total.  Input syntax, like the
 * keys of an INI file: it is matched, never printed into a document. */
#define TOTAL_LABEL "Total"

/* A name longer than this cannot be a nation: skip the look-up. */
#define NAME_MAX_BYTES 200

/* ---- characters ---- */

/* Bytes of the blank at s (before e), or 0.  Tabs and form feeds (pdftotext
 * starts each page with one) are column gaps on their own: *wide = 1. */
static size_t
blank_len(const char *s, const char *e, int *wide)
{
	const unsigned char *u = (const unsigned char *)s;

	*wide = 0;
	if (*u == ' ')
		return 1;
	if (*u == '\t' || *u == '\f' || *u == '\v' || *u == '\r') {
		*wide = 1;
		return 1;
	}
	if (e - s >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;                               /* U+00A0 no-break */
	if (e - s >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] <= 0x8A || u[2] == 0xAF))
		return 3;                       /* U+2000..200A, U+202F */
	return 0;
}

/* Bytes of the footnote mark at s (before e), or 0: * † ‡ ¹ ² ³ ⁰ ⁴..⁹. */
static size_t
mark_len(const char *s, const char *e)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*u == '*')
		return 1;
	if (e - s >= 2 && u[0] == 0xC2 &&
	    (u[1] == 0xB9 || u[1] == 0xB2 || u[1] == 0xB3))
		return 2;
	if (e - s >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0xA0 || u[2] == 0xA1))
		return 3;
	if (e - s >= 3 && u[0] == 0xE2 && u[1] == 0x81 &&
	    (u[2] == 0xB0 || (u[2] >= 0xB4 && u[2] <= 0xB9)))
		return 3;
	return 0;
}

/* Where the footnote marks at the end of s[0..n) start (n: none).  Marks
 * begin with '*', 0xC2 or 0xE2, never a UTF-8 continuation byte, so a
 * byte-wise scan cannot start one inside another character. */
static size_t
marks_start(const char *s, size_t n)
{
	size_t i = 0, start = n, ml;

	while (i < n) {
		if ((ml = mark_len(s + i, s + n)) > 0) {
			if (start == n)
				start = i;
			i += ml;
		} else {
			start = n;
			i++;
		}
	}
	return start;
}

/* Bytes of a thousands separator at s: . , ' ’ or a one-character blank. */
static size_t
sep_len(const char *s, const char *e)
{
	int wide;
	size_t n;

	if (*s == '.' || *s == ',' || *s == '\'')
		return 1;
	if (e - s >= 3 && memcmp(s, "\xE2\x80\x99", 3) == 0)
		return 3;
	n = blank_len(s, e, &wide);
	return wide ? 0 : n;
}

/* ---- numbers ---- */

static void
add_digit(long *v, char c, int *big)
{
	if (*big)
		return;
	*v = *v * 10 + (c - '0');
	if (*v > LOAD_MAX_TROOPS)
		*big = 1;
}

long
placemat_number(const char *s, size_t n)
{
	const char *e = s + n, *sep = NULL;
	size_t i, k, sl, seplen = 0;
	long v = 0;
	int big = 0;

	for (i = 0; i < n && isdigit((unsigned char)s[i]); i++)
		add_digit(&v, s[i], &big);
	if (i == 0)
		return PLACEMAT_NUM_BAD;
	/* "0.500" and "1234.567" are not thousands. */
	if (i < n && (i > 3 || s[0] == '0'))
		return PLACEMAT_NUM_BAD;
	while (i < n) {
		sl = sep_len(s + i, e);
		if (sl == 0 || (sep != NULL &&
		    (sl != seplen || memcmp(sep, s + i, sl) != 0)))
			return PLACEMAT_NUM_BAD;
		sep = s + i;
		seplen = sl;
		i += sl;
		for (k = 0; k < 3; k++, i++) {
			if (i >= n || !isdigit((unsigned char)s[i]))
				return PLACEMAT_NUM_BAD;
			add_digit(&v, s[i], &big);
		}
	}
	return big ? PLACEMAT_NUM_BIG : v;
}

/* ---- one line: tokens, then pairs ---- */

struct tok {
	const char *s;
	size_t n;
	size_t gap;             /* blank characters before it */
	int wide;               /* the gap is a column gap */
	int grouped;            /* "1 300": digit groups joined by a blank */
};

enum { T_WORD, T_NUM, T_MARK };

static void
tokenize(const char *s, const char *e, struct tok **t, size_t *nt)
{
	struct tok *k;
	size_t gap = 0, bl;
	int wide = 0, w;

	while (s < e) {
		if ((bl = blank_len(s, e, &w)) > 0) {
			gap++;
			wide |= w;
			s += bl;
			continue;
		}
		k = array_push(t, nt, sizeof(*k));
		k->s = s;
		k->gap = gap;
		k->wide = wide || gap >= 2;
		while (s < e && blank_len(s, e, &w) == 0)
			s++;
		k->n = (size_t)(s - k->s);
		gap = 0;
		wide = 0;
	}
}

static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return n > 0;
}

/* Can t be the front of "1 300": 1-3 digits, or groups already joined? */
static int
group_head(const struct tok *t)
{
	if (t->grouped)
		return isdigit((unsigned char)t->s[t->n - 1]);
	return t->n <= 3 && all_digits(t->s, t->n);
}

/* Is t a group of three digits, perhaps with footnote marks after it? */
static int
group_tail(const struct tok *t)
{
	return t->n >= 3 && all_digits(t->s, 3) &&
	    marks_start(t->s + 3, t->n - 3) == 0;
}

/* Join "16 551" (one blank between) into one token.  Two numbers never
 * follow each other in a row, so the join cannot take a number from a
 * neighbouring column. */
static void
join_groups(struct tok *t, size_t *nt)
{
	size_t i = 0;

	while (i + 1 < *nt) {
		if (group_head(&t[i]) && group_tail(&t[i + 1]) &&
		    t[i + 1].gap == 1 && !t[i + 1].wide) {
			t[i].n = (size_t)(t[i + 1].s + t[i + 1].n - t[i].s);
			t[i].grouped = 1;
			memmove(&t[i + 1], &t[i + 2],
			    (*nt - i - 2) * sizeof(*t));
			(*nt)--;
		} else
			i++;
	}
}

static int
tok_kind(const struct tok *t)
{
	size_t i;

	if (marks_start(t->s, t->n) == 0)
		return T_MARK;
	for (i = 0; i < t->n; i++)
		if (isdigit((unsigned char)t->s[i]))
			return T_NUM;
	return T_WORD;
}

/* Append the marks s[0..n) to *mark. */
static void
add_mark(char **mark, const char *s, size_t n)
{
	char *old = *mark;

	if (n == 0)
		return;
	*mark = old ? xasprintf("%s%.*s", old, (int)n, s) : xstrndup(s, n);
	free(old);
}

static void
add_word(struct placemat_pair *pr, const struct tok *t)
{
	struct placemat_word *w;
	size_t end = marks_start(t->s, t->n);

	add_mark(&pr->name_mark, t->s + end, t->n - end);
	if (end > 1 && t->s[end - 1] == ':')
		end--;
	w = array_push(&pr->words, &pr->nwords, sizeof(*w));
	w->text = xstrndup(t->s, end);
	w->wide = t->wide;
}

static void
set_number(struct placemat_pair *pr, const struct tok *t)
{
	size_t end = marks_start(t->s, t->n);

	add_mark(&pr->number_mark, t->s + end, t->n - end);
	pr->number = xstrndup(t->s, end);
	pr->troops = placemat_number(t->s, end);
}

/* Pairs from tokens: words, then a number; again.  A mark standing alone
 * ("1.100 *") belongs to what comes before it.  Returns 1 for a row. */
static int
build_pairs(const struct tok *t, size_t nt, struct placemat_line *out)
{
	struct placemat_pair *pr;
	int open = 0, last = -1, kind;
	size_t i;

	for (i = 0; i < nt; i++) {
		kind = tok_kind(&t[i]);
		if (kind == T_MARK && last == T_NUM) {
			pr = &out->pairs[out->npairs - 1];
			add_mark(&pr->number_mark, t[i].s, t[i].n);
		} else if (kind == T_MARK && last == T_WORD) {
			pr = &out->pairs[out->npairs - 1];
			add_mark(&pr->name_mark, t[i].s, t[i].n);
		} else if (kind == T_NUM) {
			if (!open)
				return 0;
			set_number(&out->pairs[out->npairs - 1], &t[i]);
			open = 0;
			last = T_NUM;
		} else {
			if (!open)
				array_push(&out->pairs, &out->npairs,
				    sizeof(*pr));
			add_word(&out->pairs[out->npairs - 1], &t[i]);
			open = 1;
			last = T_WORD;
		}
	}
	return out->npairs > 0 && !open;
}

int
placemat_split(const char *s, size_t n, struct placemat_line *out)
{
	struct tok *t = NULL;
	size_t nt = 0;
	int row;

	memset(out, 0, sizeof(*out));
	tokenize(s, s + n, &t, &nt);
	join_groups(t, &nt);
	row = build_pairs(t, nt, out);
	free(t);
	if (!row)
		placemat_line_free(out);
	return row;
}

void
placemat_line_free(struct placemat_line *l)
{
	size_t i, j;

	if (l == NULL)
		return;
	for (i = 0; i < l->npairs; i++) {
		struct placemat_pair *pr = &l->pairs[i];

		for (j = 0; j < pr->nwords; j++)
			free(pr->words[j].text);
		free(pr->words);
		free(pr->number);
		free(pr->name_mark);
		free(pr->number_mark);
	}
	free(l->pairs);
	memset(l, 0, sizeof(*l));
}

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

enum { R_UNKNOWN, R_NATION, R_TOTAL };

/* May the name of pair pr start at word j?  At the first word always; on
 * the first pair of a line also after a column gap, because text beside
 * the table (a -layout column of prose) may come before it. */
static int
name_may_start(const struct placemat_pair *pr, size_t j, int first)
{
	return j == 0 || (first && pr->words[j].wide);
}

/* What pair pr names: the longest known name it ends with (greedy, so
 * "North Macedonia" wins over "Macedonia"), starting where a name may. */
static int
resolve_pair(const struct model *m, const struct placemat_pair *pr,
    int first, const struct nation **n)
{
	int kind = R_UNKNOWN;
	size_t j;
	char *cand;

	*n = NULL;
	for (j = 0; j < pr->nwords && kind == R_UNKNOWN; j++) {
		if (!name_may_start(pr, j, first))
			continue;
		cand = join_words(pr, j);
		if (strlen(cand) <= NAME_MAX_BYTES) {
			if (str_ieq(cand, TOTAL_LABEL))
				kind = R_TOTAL;
			else if ((*n = model_nation(m, cand)) != NULL)
				kind = R_NATION;
		}
		free(cand);
	}
	return kind;
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

/* The closest nation to an unknown pair's name, or NULL. */
static const char *
suggest(const struct model *m, const struct placemat_pair *pr, int first)
{
	char *name = shown_name(pr, first);
	const char *hint = NULL;

	if (strlen(name) <= NAME_MAX_BYTES)
		hint = model_nation_suggest(m, name);
	free(name);
	return hint;
}

/* ---- the whole text ---- */

enum { ROW_FOREIGN, ROW_NEAR, ROW_TABLE };

struct run_line {               /* a row in the current run */
	int line;
	struct placemat_line pl;
	int kind;               /* ROW_*, once known; -1 before */
};

struct scan {
	const struct model *m;
	const char *file;       /* interned */
	struct placemat *p;
	int *seen;              /* per nation: the line of its row, or 0 */
	struct run_line *run;
	size_t nrun;
	int too_many;
	int near_anchors;       /* near misses make a run a table too */
	int saw_near;           /* a run that only had near misses */
};

/* Is `name` (len bytes) within two edits of `cand`, and not so short
 * that two edits make anything match? */
static int
near_name(const char *name, size_t len, const char *cand)
{
	size_t cl = strlen(cand);
	int d;

	/* The lengths alone rule out most names: skip the edit distance. */
	if (cl + 2 < len || len + 2 < cl)
		return 0;
	d = str_edit_distance(name, cand);
	return d <= 2 && (size_t)d * 3 <= len;
}

/* Is the unknown pair's name a near miss of a nation's name ("Albnia"),
 * rather than a word that happens to be a few edits from a short name
 * ("Page" and "Laos")?  Near misses are errors; other rows that name
 * no nation are not part of the table. */
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

/* What a row is to the table: it names a nation or the total (TABLE), only
 * near misses of nations (NEAR: its errors are reported), or nothing like
 * a nation (FOREIGN: a heading, a page number, prose ending in a number). */
static int
classify_row(const struct scan *st, const struct run_line *rl)
{
	const struct nation *n;
	int near = 0;
	size_t k;

	for (k = 0; k < rl->pl.npairs; k++) {
		const struct placemat_pair *pr = &rl->pl.pairs[k];

		if (resolve_pair(st->m, pr, k == 0, &n) != R_UNKNOWN)
			return ROW_TABLE;
		near |= near_miss(st->m, pr, k == 0);
	}
	return near ? ROW_NEAR : ROW_FOREIGN;
}

/* classify_row, once per row: suggestions cost edit distances. */
static int
row_kind(const struct scan *st, struct run_line *rl)
{
	if (rl->kind < 0)
		rl->kind = classify_row(st, rl);
	return rl->kind;
}

static int
row_names_nation(const struct scan *st, const struct run_line *rl)
{
	const struct nation *n;
	size_t k;

	for (k = 0; k < rl->pl.npairs; k++)
		if (resolve_pair(st->m, &rl->pl.pairs[k], k == 0, &n) ==
		    R_NATION)
			return 1;
	return 0;
}

static void
report_unknown(const struct scan *st, const struct loc *loc,
    const struct placemat_pair *pr, int first)
{
	char *name = shown_name(pr, first);
	const char *hint = suggest(st->m, pr, first);

	if (hint)
		diag_error(loc, "unknown nation '%s' (did you mean '%s'?)",
		    name, hint);
	else
		diag_error(loc, "unknown nation '%s' (not in %s)", name,
		    st->m->nations_file ? st->m->nations_file : "the nations");
	free(name);
}

static void
report_marks(const struct loc *loc, const struct placemat_pair *pr,
    const char *name)
{
	if (pr->name_mark)
		diag_warning(loc, "footnote mark '%s' after '%s' dropped",
		    pr->name_mark, name);
	if (pr->number_mark)
		diag_warning(loc, "footnote mark '%s' after '%s' dropped",
		    pr->number_mark, pr->number);
}

static void
take_total(struct scan *st, const struct loc *loc, long v)
{
	if (st->p->total_line) {
		diag_error(loc, "a second %s line (the first is line %d)",
		    TOTAL_LABEL, st->p->total_line);
		return;
	}
	st->p->total = v;
	st->p->total_line = loc->line;
}

static void
take_row(struct scan *st, const struct loc *loc, const struct nation *n,
    long v)
{
	size_t idx = (size_t)(n - st->m->nations);
	struct placemat_row *r;

	if (st->seen[idx]) {
		diag_error(loc, "'%s' is listed twice (first at line %d)",
		    n->name, st->seen[idx]);
		return;
	}
	if (st->p->nrows >= PLACEMAT_MAX_ROWS) {
		if (!st->too_many++)
			diag_error(loc, "more than %d nations in the table",
			    PLACEMAT_MAX_ROWS);
		return;
	}
	st->seen[idx] = loc->line;
	r = array_push(&st->p->rows, &st->p->nrows, sizeof(*r));
	r->line = loc->line;
	r->nation = n;
	r->troops = v;
	st->p->sum += v;
}

static void
take_pair(struct scan *st, const struct loc *loc,
    const struct placemat_pair *pr, int first)
{
	const struct nation *n;
	int kind = resolve_pair(st->m, pr, first, &n);
	const char *name = kind == R_NATION ? n->name : TOTAL_LABEL;

	if (kind == R_UNKNOWN) {
		report_unknown(st, loc, pr, first);
		return;
	}
	report_marks(loc, pr, name);
	if (pr->troops == PLACEMAT_NUM_BAD)
		diag_error(loc, "'%s' after '%s' is not a whole number",
		    pr->number, name);
	else if (pr->troops == PLACEMAT_NUM_BIG)
		diag_error(loc, "'%s' after '%s' is more than %ld",
		    pr->number, name, LOAD_MAX_TROOPS);
	else if (kind == R_TOTAL)
		take_total(st, loc, pr->troops);
	else
		take_row(st, loc, n, pr->troops);
}

static void
take_line(struct scan *st, const struct run_line *rl)
{
	struct loc loc = {st->file, rl->line};
	size_t k;

	for (k = 0; k < rl->pl.npairs; k++)
		take_pair(st, &loc, &rl->pl.pairs[k], k == 0);
	if (st->p->first_line == 0)
		st->p->first_line = rl->line;
	st->p->last_line = rl->line;
}

/* A row inside the table that names nothing like a nation: say so, since
 * a nation missing from nations.ini would look just like it. */
static void
report_foreign(const struct scan *st, const struct run_line *rl)
{
	struct loc loc = {st->file, rl->line};
	char *name = shown_name(&rl->pl.pairs[0], 1);

	diag_warning(&loc, "line ignored: '%s' is not a nation", name);
	free(name);
}

/* Is the run (part of) the table?  It is when it names a nation; on the
 * second pass also when it names near misses only ("Albnia 99" alone),
 * so that they are reported as unknown nations rather than "no table". */
static int
run_is_table(struct scan *st)
{
	size_t i;
	int near = 0;

	for (i = 0; i < st->nrun; i++) {
		if (row_names_nation(st, &st->run[i]))
			return 1;
		/* Once one is seen, the first pass needs to know no more. */
		if (!near && (!st->saw_near || st->near_anchors))
			near = row_kind(st, &st->run[i]) == ROW_NEAR;
	}
	st->saw_near |= near;
	return near && st->near_anchors;
}

/* The run of rows is complete: if it is (part of) the table, take its
 * rows, less those at its ends that name nothing like a nation (a heading
 * such as "Troop numbers 2020"). */
static void
end_run(struct scan *st)
{
	size_t lo = 0, hi = st->nrun, i;

	if (st->nrun > 0 && run_is_table(st)) {
		while (lo < hi && row_kind(st, &st->run[lo]) == ROW_FOREIGN)
			lo++;
		while (hi > lo && row_kind(st, &st->run[hi - 1]) == ROW_FOREIGN)
			hi--;
		for (i = lo; i < hi; i++)
			if (row_kind(st, &st->run[i]) == ROW_FOREIGN)
				report_foreign(st, &st->run[i]);
			else
				take_line(st, &st->run[i]);
	}
	for (i = 0; i < st->nrun; i++)
		placemat_line_free(&st->run[i].pl);
	free(st->run);
	st->run = NULL;
	st->nrun = 0;
}

static int
is_blank_line(const char *s, size_t n)
{
	const char *e = s + n;
	size_t bl;
	int w;

	while (s < e && (bl = blank_len(s, e, &w)) > 0)
		s += bl;
	return s == e;
}

static void
feed_line(struct scan *st, const char *s, size_t n, int line)
{
	struct placemat_line pl;
	struct run_line *rl;

	if (is_blank_line(s, n))
		return;
	if (!placemat_split(s, n, &pl)) {
		end_run(st);
		return;
	}
	rl = array_push(&st->run, &st->nrun, sizeof(*rl));
	rl->line = line;
	rl->pl = pl;
	rl->kind = -1;
}

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
scan_text(struct scan *st, const char *s, const char *e)
{
	const char *nl;
	int line = 0;

	for (; s < e; s = nl ? nl + 1 : e) {
		nl = memchr(s, '\n', (size_t)(e - s));
		feed_line(st, s, nl ? (size_t)(nl - s) : (size_t)(e - s),
		    ++line);
	}
	end_run(st);
}

int
placemat_parse(const char *name, const char *text, size_t len,
    const struct model *m, struct placemat *p)
{
	struct scan st = {0};
	const char *s = text, *e = text + len;
	int before = diag_errors();

	memset(p, 0, sizeof(*p));
	p->total = -1;
	st.file = diag_intern(name);
	if (check_text(st.file, text, len) < 0)
		return -1;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	st.m = m;
	st.p = p;
	st.seen = xcalloc(m->nnations + 1, sizeof(int));
	scan_text(&st, s, e);
	if (p->nrows == 0 && diag_errors() == before && st.saw_near) {
		/* No nation anywhere, but near misses: the table is there and
		 * misspelt.  Read it again to report them. */
		st.near_anchors = 1;
		scan_text(&st, s, e);
	}
	free(st.seen);
	if (p->nrows == 0 && diag_errors() == before)
		diag_file_error(st.file, "no table of nations and troop numbers "
		    "found (expected lines of 'Nation number' pairs whose "
		    "names are in %s)", m->nations_file ? m->nations_file :
		    "the nations");
	return diag_errors() > before ? -1 : 0;
}

void
placemat_free(struct placemat *p)
{
	if (p == NULL)
		return;
	free(p->rows);
	memset(p, 0, sizeof(*p));
	p->total = -1;
}

int
placemat_check_total(const struct placemat *p, const char *name, int force)
{
	struct loc loc = {diag_intern(name), p->total_line};

	if (p->total_line == 0) {
		diag_warning(&loc, "no %s line: the total is the sum of the %zu "
		    "nations, %ld", TOTAL_LABEL, p->nrows, p->sum);
		return 0;
	}
	if (p->sum == p->total)
		return 0;
	if (force) {
		diag_warning(&loc, "the %zu nations add up to %ld, but the "
		    "stated total is %ld (a difference of %+ld); kept because of "
		    "--force", p->nrows, p->sum, p->total,
		    p->sum - p->total);
		return 1;
	}
	diag_error(&loc, "the %zu nations add up to %ld, but the stated total "
	    "is %ld (a difference of %+ld; --force keeps the stated total)",
	    p->nrows, p->sum, p->total, p->sum - p->total);
	return -1;
}
