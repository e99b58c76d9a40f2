/* query.c - the model seen by name (see query.h).  Each list is a table of
 * columns, each column a small getter; scalar fields reuse the same
 * getters ("snapshot.total" is column `total` of the latest table). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cite.h"
#include "query.h"

typedef void (*getter)(const struct model *m, const void *item,
    struct qvalue *v);

struct qcol {
	const char *name;
	getter get;
};

/* How a list finds its rows: the array, its count and element size, or a
 * function for derived lists. */
struct qlist {
	const char *name;
	const struct qcol *cols;
	size_t (*count)(const struct model *m, const struct qlist *l);
	const void *(*row)(const struct model *m, const struct qlist *l,
	    size_t i);
	const char *colnames;   /* for messages */
	const struct list *items;       /* list.ID only */
};

static void
text(struct qvalue *v, const char *s)
{
	memset(v, 0, sizeof(*v));
	if (s) {
		v->type = QV_TEXT;
		v->text = s;
	}
}

static void
num(struct qvalue *v, long long i)
{
	memset(v, 0, sizeof(*v));
	v->type = QV_INT;
	v->i = i;
}

static void
real(struct qvalue *v, double r)
{
	memset(v, 0, sizeof(*v));
	v->type = QV_REAL;
	v->r = r;
}

static void
date(struct qvalue *v, const struct date *d)
{
	memset(v, 0, sizeof(*v));
	if (d->prec != DATE_NONE) {
		v->type = QV_DATE;
		v->d = *d;
	}
}

/* Generate a getter for a string, date or number member of an item. */
#define GET_TEXT(fn, type, member) static void fn(const struct model *m, \
	const void *p, struct qvalue *v) { (void)m; \
	text(v, ((const struct type *)p)->member); }
#define GET_DATE(fn, type, member) static void fn(const struct model *m, \
	const void *p, struct qvalue *v) { (void)m; \
	date(v, &((const struct type *)p)->member); }
#define GET_NUM(fn, type, member) static void fn(const struct model *m, \
	const void *p, struct qvalue *v) { (void)m; \
	num(v, ((const struct type *)p)->member); }

/* ---- contributions: rows of the latest snapshot with a table ---- */

static const struct troop_row *
contrib_row(const void *p)
{
	return p;
}

static void
c_nation(const struct model *m, const void *p, struct qvalue *v)
{
	(void)m;
	text(v, contrib_row(p)->nation ? contrib_row(p)->nation->name :
	    contrib_row(p)->name);
}

static void
c_code(const struct model *m, const void *p, struct qvalue *v)
{
	(void)m;
	text(v, contrib_row(p)->nation ? contrib_row(p)->nation->code : NULL);
}

/* A share of the stated total, which is THE total: for a partial table
 * the sum of its rows is only the part itemised. */
static void
c_share(const struct model *m, const void *p, struct qvalue *v)
{
	long total = m->latest_table ? m->latest_table->total : 0;

	real(v, total > 0 ? (double)contrib_row(p)->troops / (double)total :
	    0.0);
}

/* "around", "more than": the row's qualifier, empty for an exact figure. */
static void
c_qual(const struct model *m, const void *p, struct qvalue *v)
{
	enum qual q = contrib_row(p)->qual;

	(void)m;
	text(v, q == QUAL_EXACT ? "" : qual_name(q));
}

static void
c_rank(const struct model *m, const void *p, struct qvalue *v)
{
	const struct snapshot *s = m->latest_table;
	long t = contrib_row(p)->troops, rank = 1;
	size_t i;

	/* Competition ranking ("1224"): ties share the better rank. */
	for (i = 0; s && i < s->nrows; i++)
		if (s->rows[i].troops > t)
			rank++;
	num(v, rank);
}

GET_NUM(c_troops, troop_row, troops)
GET_NUM(c_ally, troop_row, ally)

static const struct qcol contrib_cols[] = {
	{"nation", c_nation}, {"code", c_code}, {"ally", c_ally},
	{"troops", c_troops}, {"qualifier", c_qual}, {"share", c_share},
	{"rank", c_rank}, {NULL, NULL}
};

/* ---- unnamed: rows of the latest table the source gives without a name */

static void
u_number(const struct model *m, const void *p, struct qvalue *v)
{
	num(v, (long long)(contrib_row(p) - m->latest_table->unnamed) + 1);
}

static const struct qcol unnamed_cols[] = {
	{"number", u_number}, {"troops", c_troops}, {"qualifier", c_qual},
	{"share", c_share}, {NULL, NULL}
};

static size_t
unnamed_count(const struct model *m, const struct qlist *l)
{
	(void)l;
	return m->latest_table ? m->latest_table->nunnamed : 0;
}

static const void *
unnamed_at(const struct model *m, const struct qlist *l, size_t i)
{
	(void)l;
	return &m->latest_table->unnamed[i];
}

static size_t
contrib_count(const struct model *m, const struct qlist *l)
{
	(void)l;
	return m->latest_table ? m->latest_table->nrows : 0;
}

static const void *
contrib_at(const struct model *m, const struct qlist *l, size_t i)
{
	(void)l;
	return &m->latest_table->rows[i];
}

/* ---- snapshots, tables, headlines ---- */

GET_DATE(s_date, snapshot, date)
GET_NUM(s_total, snapshot, total)
GET_TEXT(s_source, snapshot, source)
GET_NUM(s_plan, snapshot, plan)
GET_TEXT(s_note, snapshot, note)
GET_TEXT(s_id, snapshot, id)
GET_NUM(s_sum, snapshot, sum)
GET_NUM(s_allies, snapshot, allies)
GET_NUM(s_partners, snapshot, partners)
GET_NUM(s_ally_troops, snapshot, ally_troops)
GET_NUM(s_partner_troops, snapshot, partner_troops)
GET_NUM(s_has_table, snapshot, has_table)
GET_NUM(s_partial, snapshot, partial)
GET_NUM(s_itemised_nations, snapshot, itemised_nations)
/* Unnamed rows and their troops: empty when there are none, so that an
 * optional group "[[; {snapshot.unnamed_rows} not named]]" goes. */
static void
s_unnamed_rows(const struct model *m, const void *p, struct qvalue *v)
{
	const struct snapshot *s = p;

	(void)m;
	if (s->nunnamed > 0)
		num(v, (long long)s->nunnamed);
	else
		text(v, NULL);
}

static void
s_unnamed_troops(const struct model *m, const void *p, struct qvalue *v)
{
	const struct snapshot *s = p;

	(void)m;
	if (s->nunnamed > 0)
		num(v, s->unnamed_troops);
	else
		text(v, NULL);
}

/* How many rows carry a qualifier ("around 10"): empty when none, so a
 * layout shows a qualifier column only for a table that needs one. */
static void
s_qualified_rows(const struct model *m, const void *p, struct qvalue *v)
{
	const struct snapshot *s = p;
	size_t i, n = 0;

	(void)m;
	for (i = 0; i < s->nrows; i++)
		n += s->rows[i].qual != QUAL_EXACT;
	for (i = 0; i < s->nunnamed; i++)
		n += s->unnamed[i].qual != QUAL_EXACT;
	if (n > 0)
		num(v, (long long)n);
	else
		text(v, NULL);
}

/* Troops of the named rows: the sum less the unnamed rows. */
static void
s_named_troops(const struct model *m, const void *p, struct qvalue *v)
{
	const struct snapshot *s = p;

	(void)m;
	num(v, s->sum - s->unnamed_troops);
}

/* What the stated figures hold beyond the rows; empty when nothing (a
 * complete table), no table, or no stated number of nations. */
static void
s_rest_troops(const struct model *m, const void *p, struct qvalue *v)
{
	const struct snapshot *s = p;

	(void)m;
	if (s->has_table && s->total > s->sum)
		num(v, s->total - s->sum);
	else
		text(v, NULL);
}

/* What the shares of a table's rows add up to: 1 for a complete table;
 * nothing for a partial one, whose rows hold only part of the total. */
static void
s_total_share(const struct model *m, const void *p, struct qvalue *v)
{
	const struct snapshot *s = p;

	(void)m;
	if (s->has_table && !s->partial)
		real(v, 1.0);
	else
		text(v, NULL);
}

static void
s_rest_nations(const struct model *m, const void *p, struct qvalue *v)
{
	const struct snapshot *s = p;

	(void)m;
	if (s->has_table && s->nations > s->itemised_nations)
		num(v, s->nations - s->itemised_nations);
	else
		text(v, NULL);
}

static void
s_qual(const struct model *m, const void *p, struct qvalue *v)
{
	(void)m;
	text(v, qual_name(((const struct snapshot *)p)->qual));
}

/* "around", "more than": empty for an exact figure, for "as of" lines. */
static void
s_qualifier_word(const struct model *m, const void *p, struct qvalue *v)
{
	enum qual q = ((const struct snapshot *)p)->qual;

	(void)m;
	text(v, q == QUAL_EXACT ? "" : qual_name(q));
}

static void
s_nations(const struct model *m, const void *p, struct qvalue *v)
{
	const struct snapshot *s = p;

	(void)m;
	if (s->nations >= 0)
		num(v, s->nations);
	else
		text(v, NULL);
}

static void
s_count(const struct model *m, const void *p, struct qvalue *v)
{
	(void)m;
	num(v, (long long)((const struct snapshot *)p)->nrows);
}

/* While a document's layout is loaded (cite.c): the sources whose
 * numbers it fetched. */
static char *cite_marks;

void
query_record_cites(char *cited)
{
	cite_marks = cited;
}

/* "[3]" in documents: the number of the source called id. */
static void
source_number(const struct model *m, const char *id, struct qvalue *v)
{
	const struct source *src = id ? model_source(m, id) : NULL;

	if (src && cite_marks)
		cite_marks[src - m->sources] = 1;
	if (src)
		num(v, src->number);
	else
		text(v, NULL);
}

static void
s_source_number(const struct model *m, const void *p, struct qvalue *v)
{
	source_number(m, ((const struct snapshot *)p)->source, v);
}

static void
s_source_title(const struct model *m, const void *p, struct qvalue *v)
{
	const struct source *src = model_source(m,
	    ((const struct snapshot *)p)->source);

	text(v, src ? src->title : NULL);
}

static int on_line(const struct model *m, const struct snapshot *p);
static unsigned char *line_flags(const struct snapshot *s, size_t n);

/* The total where the line goes through it; empty elsewhere. */
static void
s_line_total(const struct model *m, const void *p, struct qvalue *v)
{
	const struct snapshot *s = p;

	if (on_line(m, s))
		num(v, s->total);
	else
		text(v, NULL);
}

/* The total of a plan, or of a second figure of one date: drawn apart. */
static void
s_apart_total(const struct model *m, const void *p, struct qvalue *v)
{
	const struct snapshot *s = p;

	if (!on_line(m, s))
		num(v, s->total);
	else
		text(v, NULL);
}


static const struct qcol snapshot_cols[] = {
	{"id", s_id}, {"date", s_date}, {"total", s_total},
	{"qualifier", s_qual}, {"qualifier_word", s_qualifier_word},
	{"plan", s_plan},
	{"line_total", s_line_total}, {"apart_total", s_apart_total},
	{"nations", s_nations}, {"count", s_count}, {"sum", s_sum},
	{"allies", s_allies}, {"partners", s_partners},
	{"ally_troops", s_ally_troops}, {"partner_troops", s_partner_troops},
	{"has_table", s_has_table}, {"partial", s_partial},
	{"itemised_nations", s_itemised_nations}, {"itemised_troops", s_sum},
	{"named_troops", s_named_troops}, {"unnamed_rows", s_unnamed_rows},
	{"unnamed_troops", s_unnamed_troops},
	{"rest_nations", s_rest_nations}, {"rest_troops", s_rest_troops},
	{"total_share", s_total_share}, {"qualified_rows", s_qualified_rows},
	{"source", s_source},
	{"source_number", s_source_number}, {"source_title", s_source_title},
	{"note", s_note}, {NULL, NULL}
};

/* Snapshot filters: all, with a table, without one. */
static int
snap_keep(const struct qlist *l, const struct snapshot *s)
{
	if (strcmp(l->name, "tables") == 0)
		return s->has_table;
	if (strcmp(l->name, "headlines") == 0)
		return !s->has_table;
	return 1;
}

static size_t
snap_count(const struct model *m, const struct qlist *l)
{
	size_t i, n = 0;

	for (i = 0; i < m->nsnapshots; i++)
		n += snap_keep(l, &m->snapshots[i]);
	return n;
}

/* The snapshots each filter keeps, by index, built once per model (and
 * per view of it): tables are sorted by any column, and a scan for the
 * k-th kept snapshot per look-up made that quadratic. */
struct snap_index {
	const struct snapshot *arr;     /* what it was built for */
	size_t n;
	size_t *kept[2];                /* tables, headlines */
	size_t nkept[2];
	unsigned char *line;            /* on_line of each snapshot */
};

void
query_free_cache(struct model *m)
{
	if (m->snap_index) {
		free(m->snap_index->kept[0]);
		free(m->snap_index->kept[1]);
		free(m->snap_index->line);
		free(m->snap_index);
	}
	m->snap_index = NULL;
}

static const struct snap_index *
snap_index(const struct model *cm)
{
	struct model *m = (struct model *)cm;   /* the cache only */
	struct snap_index *x = m->snap_index;
	size_t i;

	if (x && x->arr == m->snapshots && x->n == m->nsnapshots)
		return x;
	/* A view (pack.c) shares its model's cache until it builds its own;
	 * the view frees that one. */
	x = xcalloc(1, sizeof(*x));
	x->arr = m->snapshots;
	x->n = m->nsnapshots;
	x->kept[0] = xcalloc(m->nsnapshots + 1, sizeof(size_t));
	x->kept[1] = xcalloc(m->nsnapshots + 1, sizeof(size_t));
	for (i = 0; i < m->nsnapshots; i++) {
		int k = !m->snapshots[i].has_table;

		x->kept[k][x->nkept[k]++] = i;
	}
	x->line = line_flags(m->snapshots, m->nsnapshots);
	m->snap_index = x;
	return x;
}

static const void *
snap_at(const struct model *m, const struct qlist *l, size_t k)
{
	const struct snap_index *x;
	int which;

	if (strcmp(l->name, "snapshots") == 0)
		return k < m->nsnapshots ? &m->snapshots[k] : NULL;
	which = strcmp(l->name, "headlines") == 0;
	x = snap_index(m);
	return k < x->nkept[which] ? &m->snapshots[x->kept[which][k]] : NULL;
}

/* ---- the troop-levels line ---- */

/* Of figures of one date the line goes through the exact one (else the
 * first), so that "16,551" and "more than 16,000" of one month are not a
 * fall.  "One date" is date_cmp equal at the same precision: a key of
 * precision, year and the fields that precision has. */
static int
cmp_line(const void *a, const void *b, void *arg)
{
	const struct snapshot *s = arg;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct snapshot *x = &s[i], *y = &s[j];
	int c = (int)x->date.prec - (int)y->date.prec;

	if (c == 0)
		c = date_cmp(&x->date, &y->date);
	if (c == 0)
		c = (y->qual == QUAL_EXACT) - (x->qual == QUAL_EXACT);
	if (c == 0)
		c = (i > j) - (i < j);
	return c;
}

/* Which of s[0..n) the line goes through: the first of each date's group
 * once sorted (exact first, then by position), plans never.  One sort
 * instead of a scan of every snapshot per row (issue 18). */
static unsigned char *
line_flags(const struct snapshot *s, size_t n)
{
	unsigned char *line = xcalloc(n + 1, 1);
	size_t *o = xcalloc(n + 1, sizeof(size_t));
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!s[i].plan)
			o[k++] = i;
	qsort_r(o, k, sizeof(size_t), cmp_line, (void *)s);
	for (i = 0; i < k; i++)
		line[o[i]] = i == 0 || s[o[i - 1]].date.prec != s[o[i]].date.prec ||
		    date_cmp(&s[o[i - 1]].date, &s[o[i]].date) != 0;
	free(o);
	return line;
}

/* on_line for a snapshot that is not one of m's: compared with each. */
static int
on_line_scan(const struct model *m, const struct snapshot *p)
{
	size_t i;

	for (i = 0; i < m->nsnapshots; i++) {
		const struct snapshot *o = &m->snapshots[i];

		if (o == p || o->plan || date_cmp(&o->date, &p->date) != 0 ||
		    o->date.prec != p->date.prec)
			continue;
		if ((o->qual == QUAL_EXACT) != (p->qual == QUAL_EXACT)) {
			if (o->qual == QUAL_EXACT)
				return 0;
		} else if (o < p)
			return 0;
	}
	return 1;
}

/* Does the troop-levels line go through snapshot p?  Counts only, not
 * plans.  The PDF's chart chooses alike (pdf_chart.c, choose_line). */
static int
on_line(const struct model *m, const struct snapshot *p)
{
	if (p->plan)
		return 0;
	if (p >= m->snapshots && p < m->snapshots + m->nsnapshots)
		return snap_index(m)->line[p - m->snapshots];
	return on_line_scan(m, p);
}

/* ---- history: one row per (table snapshot, nation), by date ---- */

struct hist_row {
	const struct snapshot *s;
	const struct troop_row *r;
};

static size_t
hist_count(const struct model *m, const struct qlist *l)
{
	size_t i, n = 0;

	(void)l;
	for (i = 0; i < m->nsnapshots; i++)
		n += m->snapshots[i].nrows;
	return n;
}

/* Rows are addressed through a per-thread cursor so that sequential
 * access (what every renderer does) costs O(1) per row. */
static _Thread_local struct {
	const struct model *m;
	size_t k, snap, row;
	struct hist_row cur;
} H;

static const void *
hist_at(const struct model *m, const struct qlist *l, size_t k)
{
	(void)l;
	if (H.m != m || k < H.k) {
		H.m = m;
		H.k = 0;
		H.snap = 0;
		H.row = 0;
	}
	while (H.snap < m->nsnapshots) {
		size_t n = m->snapshots[H.snap].nrows;

		if (k - H.k < n - H.row) {
			H.row += k - H.k;
			H.k = k;
			H.cur.s = &m->snapshots[H.snap];
			H.cur.r = &H.cur.s->rows[H.row];
			return &H.cur;
		}
		H.k += n - H.row;
		H.snap++;
		H.row = 0;
	}
	return NULL;
}

static void
h_date(const struct model *m, const void *p, struct qvalue *v)
{
	s_date(m, ((const struct hist_row *)p)->s, v);
}

static void
h_row(getter g, const struct model *m, const void *p, struct qvalue *v)
{
	g(m, ((const struct hist_row *)p)->r, v);
}

static void h_nation(const struct model *m, const void *p, struct qvalue *v)
{ h_row(c_nation, m, p, v); }
static void h_code(const struct model *m, const void *p, struct qvalue *v)
{ h_row(c_code, m, p, v); }
static void h_troops(const struct model *m, const void *p, struct qvalue *v)
{ h_row(c_troops, m, p, v); }
static void h_ally(const struct model *m, const void *p, struct qvalue *v)
{ h_row(c_ally, m, p, v); }

static void
h_snapshot(const struct model *m, const void *p, struct qvalue *v)
{
	s_id(m, ((const struct hist_row *)p)->s, v);
}

static const struct qcol hist_cols[] = {
	{"date", h_date}, {"snapshot", h_snapshot}, {"nation", h_nation},
	{"code", h_code}, {"ally", h_ally}, {"troops", h_troops},
	{NULL, NULL}
};

/* ---- commands ---- */

GET_TEXT(cm_name, command, name)
GET_TEXT(cm_short, command, shortname)
GET_TEXT(cm_commander, command, commander)
GET_TEXT(cm_source, command, source)
GET_TEXT(cm_id, command, id)

static void
cm_hq(const struct model *m, const void *p, struct qvalue *v)
{
	const struct command *c = p;

	(void)m;
	text(v, c->hq_place ? c->hq_place->name : c->hq);
}

static void
cm_lead(const struct model *m, const void *p, struct qvalue *v)
{
	const struct command *c = p;

	(void)m;
	text(v, c->lead_nation ? c->lead_nation->name : c->lead);
}

static void
cm_lead_code(const struct model *m, const void *p, struct qvalue *v)
{
	const struct command *c = p;

	(void)m;
	text(v, c->lead_nation ? c->lead_nation->code : NULL);
}

static void
cm_cnation(const struct model *m, const void *p, struct qvalue *v)
{
	const struct command *c = p;

	(void)m;
	text(v, c->cmd_nation ? c->cmd_nation->name : c->commander_nation);
}

static void
cm_cnation_code(const struct model *m, const void *p, struct qvalue *v)
{
	const struct command *c = p;

	(void)m;
	text(v, c->cmd_nation ? c->cmd_nation->code : NULL);
}

static void
cm_source_number(const struct model *m, const void *p, struct qvalue *v)
{
	source_number(m, ((const struct command *)p)->source, v);
}

static const struct qcol command_cols[] = {
	{"id", cm_id}, {"name", cm_name}, {"short", cm_short}, {"hq", cm_hq},
	{"lead", cm_lead}, {"lead_code", cm_lead_code},
	{"commander", cm_commander}, {"commander_nation", cm_cnation},
	{"commander_code", cm_cnation_code}, {"source", cm_source},
	{"source_number", cm_source_number}, {NULL, NULL}
};

/* ---- timeline, sources, places, funds, basis ---- */

GET_TEXT(e_id, event, id)
GET_DATE(e_date, event, date)
GET_TEXT(e_title, event, title)
GET_TEXT(e_body, event, body)
GET_TEXT(e_place, event, place)
GET_TEXT(e_source, event, source)

static void
e_source_number(const struct model *m, const void *p, struct qvalue *v)
{
	source_number(m, ((const struct event *)p)->source, v);
}

GET_DATE(e_end, event, end)

/* The dates for readers, a span when the event lasts several days. */
static void
e_when(const struct model *m, const void *p, struct qvalue *v)
{
	const char *w = ((const struct event *)p)->when;

	(void)m;
	text(v, w[0] ? w : NULL);
}

static const struct qcol event_cols[] = {
	{"id", e_id}, {"date", e_date}, {"end", e_end}, {"when", e_when},
	{"title", e_title}, {"body", e_body},
	{"place", e_place}, {"source", e_source},
	{"source_number", e_source_number}, {NULL, NULL}
};

GET_NUM(so_number, source, number)
GET_TEXT(so_id, source, id)
GET_TEXT(so_title, source, title)
GET_TEXT(so_publisher, source, publisher)
GET_TEXT(so_url, source, url)
GET_DATE(so_date, source, date)
GET_TEXT(so_seed, source, seed)
GET_TEXT(so_note, source, note)

static const struct qcol source_cols[] = {
	{"number", so_number}, {"id", so_id}, {"title", so_title},
	{"publisher", so_publisher}, {"url", so_url}, {"date", so_date},
	{"seed", so_seed}, {"note", so_note}, {NULL, NULL}
};

GET_TEXT(p_id, place, id)
GET_TEXT(p_name, place, name)
GET_TEXT(p_role, place, role)
GET_TEXT(p_region, place, region)

static void
p_lat(const struct model *m, const void *p, struct qvalue *v)
{
	(void)m;
	real(v, ((const struct place *)p)->lat);
}

static void
p_lon(const struct model *m, const void *p, struct qvalue *v)
{
	(void)m;
	real(v, ((const struct place *)p)->lon);
}

static const struct qcol place_cols[] = {
	{"id", p_id}, {"name", p_name}, {"role", p_role},
	{"region", p_region}, {"lat", p_lat}, {"lon", p_lon}, {NULL, NULL}
};

GET_TEXT(f_id, fund, id)
GET_TEXT(f_name, fund, name)
GET_TEXT(f_short, fund, shortname)
GET_DATE(f_established, fund, established)
GET_TEXT(f_admin, fund, administrator)
GET_TEXT(f_currency, fund, currency)
GET_TEXT(f_period, fund, period)
GET_DATE(f_as_of, fund, as_of)
GET_TEXT(f_body, fund, body)
GET_TEXT(f_source, fund, source)

static void
f_amount(const struct model *m, const void *p, struct qvalue *v)
{
	const struct fund *f = p;

	(void)m;
	if (f->has_amount)
		real(v, f->amount);
	else
		text(v, NULL);
}

static void
f_source_number(const struct model *m, const void *p, struct qvalue *v)
{
	source_number(m, ((const struct fund *)p)->source, v);
}

static void
f_qual(const struct model *m, const void *p, struct qvalue *v)
{
	const struct fund *f = p;

	(void)m;
	text(v, f->qual == QUAL_EXACT ? "" : qual_name(f->qual));
}

static const struct qcol fund_cols[] = {
	{"id", f_id}, {"name", f_name}, {"short", f_short},
	{"established", f_established}, {"administrator", f_admin},
	{"amount", f_amount}, {"currency", f_currency}, {"qualifier", f_qual},
	{"period", f_period}, {"as_of", f_as_of}, {"body", f_body},
	{"source", f_source}, {"source_number", f_source_number},
	{NULL, NULL}
};

GET_TEXT(b_id, basis, id)
GET_TEXT(b_name, basis, name)
GET_TEXT(b_short, basis, shortname)
GET_DATE(b_signed, basis, signed_on)
GET_DATE(b_ratified, basis, ratified)
GET_DATE(b_adopted, basis, adopted)
GET_TEXT(b_summary, basis, summary)
GET_TEXT(b_source, basis, source)
GET_TEXT(b_label, basis, label)

static void
b_source_number(const struct model *m, const void *p, struct qvalue *v)
{
	source_number(m, ((const struct basis *)p)->source, v);
}

static const struct qcol basis_cols[] = {
	{"id", b_id}, {"name", b_name}, {"short", b_short},
	{"signed", b_signed}, {"ratified", b_ratified}, {"adopted", b_adopted},
	{"summary", b_summary}, {"source", b_source}, {"label", b_label},
	{"source_number", b_source_number}, {NULL, NULL}
};

/* ---- list.ID: the items of a [list] ---- */

static void
li_item(const struct model *m, const void *p, struct qvalue *v)
{
	(void)m;
	text(v, *(char *const *)p);
}

static const struct qcol item_cols[] = {{"item", li_item}, {NULL, NULL}};

static size_t
items_count(const struct model *m, const struct qlist *l)
{
	(void)m;
	return l->items->nitems;
}

static const void *
items_at(const struct model *m, const struct qlist *l, size_t i)
{
	(void)m;
	return &l->items->items[i];
}

/* ---- plain arrays of the model ---- */

#define ARRAY_LIST(cnt, at, arr)                                        \
static size_t cnt(const struct model *m, const struct qlist *l)       \
{ (void)l; return m->n##arr; }                                         \
static const void *at(const struct model *m, const struct qlist *l,   \
    size_t i) { (void)l; return &m->arr[i]; }

ARRAY_LIST(cmd_count, cmd_at, commands)
ARRAY_LIST(ev_count, ev_at, events)
ARRAY_LIST(src_count, src_at, sources)
ARRAY_LIST(pl_count, pl_at, places)
ARRAY_LIST(fu_count, fu_at, funds)
ARRAY_LIST(ba_count, ba_at, bases)

static const struct qlist lists[] = {
	{"contributions", contrib_cols, contrib_count, contrib_at,
	    "nation, code, ally, troops, qualifier, share, rank", NULL},
	{"unnamed", unnamed_cols, unnamed_count, unnamed_at,
	    "number, troops, qualifier, share", NULL},
	{"history", hist_cols, hist_count, hist_at,
	    "date, snapshot, nation, code, ally, troops", NULL},
	{"snapshots", snapshot_cols, snap_count, snap_at, NULL, NULL},
	{"tables", snapshot_cols, snap_count, snap_at, NULL, NULL},
	{"headlines", snapshot_cols, snap_count, snap_at, NULL, NULL},
	{"commands", command_cols, cmd_count, cmd_at, NULL, NULL},
	{"timeline", event_cols, ev_count, ev_at, NULL, NULL},
	{"sources", source_cols, src_count, src_at, NULL, NULL},
	{"places", place_cols, pl_count, pl_at, NULL, NULL},
	{"funds", fund_cols, fu_count, fu_at, NULL, NULL},
	{"basis", basis_cols, ba_count, ba_at, NULL, NULL},
	{NULL, NULL, NULL, NULL, NULL, NULL}
};

static const char *const list_names[] = {"contributions", "unnamed",
	"history",
	"snapshots", "tables", "headlines", "commands", "timeline", "sources",
	"places", "funds", "basis", "list.ID", NULL};

const char *const *
query_list_names(void)
{
	return list_names;
}

/* [list ID] lists are made on demand, one per [list], and kept in the
 * model (freed by model_free) so the pointer lives as long as the model. */
static const struct qlist *
items_list(const struct model *cm, const char *id)
{
	struct model *m = (struct model *)cm;   /* the cache only */
	const struct list *li = model_list(m, id);
	struct qlist *q;

	if (li == NULL)
		return NULL;
	if (m->item_lists == NULL)
		m->item_lists = xcalloc(m->nlists, sizeof(struct qlist));
	q = &m->item_lists[li - m->lists];
	q->name = "list";
	q->cols = item_cols;
	q->count = items_count;
	q->row = items_at;
	q->colnames = "item";
	q->items = li;
	return q;
}

const struct qlist *
query_list(const struct model *m, const char *name)
{
	size_t i;

	if (str_starts(name, "list."))
		return items_list(m, name + 5);
	for (i = 0; lists[i].name; i++)
		if (strcmp(lists[i].name, name) == 0)
			return &lists[i];
	return NULL;
}

size_t
query_rows(const struct model *m, const struct qlist *l)
{
	return l->count(m, l);
}

int
query_col(const struct qlist *l, const char *name)
{
	int i;

	for (i = 0; l->cols[i].name; i++)
		if (strcmp(l->cols[i].name, name) == 0)
			return i;
	return -1;
}

const char *
query_col_names(const struct qlist *l)
{
	static _Thread_local char buf[512];
	size_t o = 0;
	int i;

	if (l->colnames)
		return l->colnames;
	for (i = 0; l->cols[i].name && o < sizeof(buf) - 40; i++)
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%s%s",
		    i ? ", " : "", l->cols[i].name);
	return buf;
}

void
query_get(const struct model *m, const struct qlist *l, size_t row, int col,
    struct qvalue *out)
{
	const void *item = l->row(m, l, row);

	if (item == NULL || col < 0) {
		text(out, NULL);
		return;
	}
	l->cols[col].get(m, item, out);
}

/* ---- scalar fields ---- */

static int
field_of(const struct model *m, const struct qcol *cols, const void *item,
    const char *col, struct qvalue *out)
{
	size_t i;

	for (i = 0; cols[i].name; i++)
		if (strcmp(cols[i].name, col) == 0) {
			if (item)
				cols[i].get(m, item, out);
			else
				text(out, NULL);
			return 0;
		}
	return -1;
}

GET_TEXT(mi_name, mission, name)
GET_TEXT(mi_acronym, mission, acronym)
GET_TEXT(mi_org, mission, organisation)
GET_TEXT(mi_country, mission, country)
GET_TEXT(mi_kind, mission, kind)
GET_DATE(mi_launched, mission, launched)
GET_TEXT(mi_pred, mission, predecessor)
GET_TEXT(mi_pred_acr, mission, predecessor_acronym)
GET_DATE(mi_as_of, mission, as_of)
GET_TEXT(mi_group, mission, group)
GET_TEXT(mi_member, mission, member)
GET_TEXT(mi_members, mission, members)
GET_TEXT(mi_nonmember, mission, nonmember)
GET_TEXT(mi_nonmembers, mission, nonmembers)

static void
mi_hub(const struct model *m, const void *p, struct qvalue *v)
{
	const struct place *pl = model_place(m,
	    ((const struct mission *)p)->hub ? ((const struct mission *)p)->hub
	    : "");

	text(v, pl ? pl->name : NULL);
}

static const struct qcol mission_cols[] = {
	{"name", mi_name}, {"acronym", mi_acronym},
	{"organisation", mi_org}, {"country", mi_country}, {"kind", mi_kind},
	{"launched", mi_launched}, {"predecessor", mi_pred},
	{"predecessor_acronym", mi_pred_acr}, {"hub", mi_hub},
	{"as_of", mi_as_of}, {"group", mi_group}, {"member", mi_member},
	{"members", mi_members}, {"nonmember", mi_nonmember},
	{"nonmembers", mi_nonmembers}, {NULL, NULL}
};

GET_TEXT(t_body, text, body)
GET_TEXT(t_title, text, title)

static void
t_source_number(const struct model *m, const void *p, struct qvalue *v)
{
	source_number(m, ((const struct text *)p)->source, v);
}

static const struct qcol text_cols[] = {
	{"body", t_body}, {"title", t_title},
	{"source_number", t_source_number}, {NULL, NULL}
};

GET_TEXT(l_title, list, title)

static void
l_source_number(const struct model *m, const void *p, struct qvalue *v)
{
	source_number(m, ((const struct list *)p)->source, v);
}

static const struct qcol list_title_cols[] = {{"title", l_title},
	{"source_number", l_source_number}, {NULL, NULL}};

/* Split "kind.ID.col" at the last dot into id and col (in buf). */
static int
split_id(const char *rest, char *buf, size_t size, const char **col)
{
	char *dot;

	if (strlen(rest) >= size)
		return -1;
	strcpy(buf, rest);
	if ((dot = strrchr(buf, '.')) == NULL)
		return -1;
	*dot = '\0';
	*col = dot + 1;
	return 0;
}

/* "3" -> 3; 0 when id is not a whole number from 1. */
static size_t
ordinal(const char *id)
{
	size_t n = 0;

	if (*id == '\0' || *id == '0' || strlen(id) > 6)
		return 0;
	for (; *id; id++) {
		if (*id < '0' || *id > '9')
			return 0;
		n = n * 10 + (size_t)(*id - '0');
	}
	return n;
}

/* The item called id, or else, when id is a number N, the Nth item in
 * file order: layouts address "the first basis" without knowing its ID. */
static const void *
find_item(const struct model *m, const char *kind, const char *id)
{
	size_t i, k = ordinal(id);

#define FIND(k_, arr) if (strcmp(kind, k_) == 0) { \
	for (i = 0; i < m->n##arr; i++) \
		if (strcmp(m->arr[i].id, id) == 0) \
			return &m->arr[i]; \
	return k > 0 && k <= m->n##arr ? &m->arr[k - 1] : NULL; }
	FIND("basis", bases)
	FIND("fund", funds)
	FIND("source", sources)
	FIND("place", places)
	FIND("command", commands)
	FIND("event", events)
#undef FIND
	return NULL;
}

static const struct qcol *
cols_of(const char *kind)
{
	static const struct {
		const char *kind;
		const struct qcol *cols;
	} k[] = {
		{"basis", basis_cols}, {"fund", fund_cols},
		{"source", source_cols}, {"place", place_cols},
		{"command", command_cols}, {"event", event_cols}
	};
	size_t i;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if (strcmp(k[i].kind, kind) == 0)
			return k[i].cols;
	return NULL;
}

/* "fund.ana-trust-fund.amount" and friends. */
static int
item_field(const struct model *m, const char *path, struct qvalue *out)
{
	char kind[16], buf[256];
	const char *dot = strchr(path, '.'), *col;
	const struct qcol *cols;
	const void *item;

	if (dot == NULL || (size_t)(dot - path) >= sizeof(kind))
		return -1;
	memcpy(kind, path, (size_t)(dot - path));
	kind[dot - path] = '\0';
	if ((cols = cols_of(kind)) == NULL ||
	    split_id(dot + 1, buf, sizeof(buf), &col) < 0)
		return -1;
	if ((item = find_item(m, kind, buf)) == NULL)
		return -1;
	return field_of(m, cols, item, col, out);
}

static int
text_field(const struct model *m, const char *rest, struct qvalue *out)
{
	char buf[256];
	const char *col = "body";
	const struct text *t = model_text(m, rest);

	if (t == NULL) {
		if (split_id(rest, buf, sizeof(buf), &col) < 0 ||
		    (t = model_text(m, buf)) == NULL)
			return -1;
	}
	return field_of(m, text_cols, t, col, out);
}

static int
list_field(const struct model *m, const char *rest, struct qvalue *out)
{
	char buf[256];
	const char *col;
	const struct list *li;

	/* "list.ID" alone: its number of items (for `when`). */
	if ((li = model_list(m, rest)) != NULL) {
		num(out, (long long)li->nitems);
		return 0;
	}
	if (split_id(rest, buf, sizeof(buf), &col) < 0 ||
	    (li = model_list(m, buf)) == NULL)
		return -1;
	if (strcmp(col, "count") == 0) {
		num(out, (long long)li->nitems);
		return 0;
	}
	return field_of(m, list_title_cols, li, col, out);
}

int
query_names_item(const char *path)
{
	static const char *const kinds[] = {"text.", "list.", "basis.",
		"fund.", "source.", "place.", "command.", "event.", NULL};
	size_t i;

	for (i = 0; kinds[i]; i++)
		if (str_starts(path, kinds[i]))
			return 1;
	return 0;
}

int
query_field(const struct model *m, const char *path, struct qvalue *out)
{
	const struct qlist *l;

	text(out, NULL);
	if (str_starts(path, "mission."))
		return field_of(m, mission_cols, &m->mission, path + 8, out);
	if (str_starts(path, "snapshot."))
		return field_of(m, snapshot_cols, m->latest_table, path + 9,
		    out);
	if (str_starts(path, "headline."))
		return field_of(m, snapshot_cols, m->latest, path + 9, out);
	if (str_starts(path, "text."))
		return text_field(m, path + 5, out);
	if (str_starts(path, "list."))
		return list_field(m, path + 5, out);
	if (str_starts(path, "count.")) {
		if ((l = query_list(m, path + 6)) == NULL)
			return -1;
		/* None is empty, not "0": "0 commands" is never a headline,
		 * and a fact or optional group over it is left out. */
		if (query_rows(m, l) > 0)
			num(out, (long long)query_rows(m, l));
		return 0;
	}
	/* "several.tables": 1 when the list has more than one row, for a
	 * column (a date) that tells rows of one table from another's. */
	if (str_starts(path, "several.")) {
		if ((l = query_list(m, path + 8)) == NULL)
			return -1;
		if (query_rows(m, l) > 1)
			num(out, 1);
		return 0;
	}
	return item_field(m, path, out);
}
