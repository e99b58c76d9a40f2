/* xlsx_plan.c - decides where every cell of a workbook goes (see
 * xlsx_plan.h).  Lists are read in order, once or twice, so that a long
 * history costs time in proportion to its length; only a sorted sheet or a
 * grouped one keeps its rows in memory. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xlsx_plan.h"

#define ABSENT UINT32_MAX

/* ---- a small map from value to index, for groups and values across ---- */

struct vmap {
	char **keys;
	size_t *idx;
	size_t cap, n;
};

static void
vkey(const struct qvalue *v, struct buf *b)
{
	char d[11];

	b->len = 0;
	switch (v->type) {
	case QV_TEXT:
		buf_printf(b, "t%s", v->text);
		break;
	case QV_INT:
		buf_printf(b, "i%lld", v->i);
		break;
	case QV_REAL:
		buf_printf(b, "r%.17g", v->r);
		break;
	case QV_DATE:
		date_iso(&v->d, d);
		buf_printf(b, "d%s", d);
		break;
	default:
		buf_puts(b, "n");
	}
}

static size_t
hash(const char *s)
{
	size_t h = 14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void vmap_put(struct vmap *mp, char *key, size_t idx);

static void
vmap_grow(struct vmap *mp)
{
	struct vmap old = *mp;
	size_t i;

	mp->cap = old.cap ? old.cap * 2 : 64;
	mp->keys = xcalloc(mp->cap, sizeof(char *));
	mp->idx = xcalloc(mp->cap, sizeof(size_t));
	mp->n = 0;
	for (i = 0; i < old.cap; i++)
		if (old.keys[i])
			vmap_put(mp, old.keys[i], old.idx[i]);
	free(old.keys);
	free(old.idx);
}

static void
vmap_put(struct vmap *mp, char *key, size_t idx)
{
	size_t i;

	if ((mp->n + 1) * 2 > mp->cap)
		vmap_grow(mp);
	for (i = hash(key) & (mp->cap - 1); mp->keys[i];
	    i = (i + 1) & (mp->cap - 1))
		;
	mp->keys[i] = key;
	mp->idx[i] = idx;
	mp->n++;
}

/* The index of key, or (size_t)-1. */
static size_t
vmap_get(const struct vmap *mp, const char *key)
{
	size_t i;

	if (mp->cap == 0)
		return (size_t)-1;
	for (i = hash(key) & (mp->cap - 1); mp->keys[i];
	    i = (i + 1) & (mp->cap - 1))
		if (strcmp(mp->keys[i], key) == 0)
			return mp->idx[i];
	return (size_t)-1;
}

/* The index of value v, adding it as the next index when new. */
static size_t
vmap_index(struct vmap *mp, const struct qvalue *v, struct buf *b, int *added)
{
	size_t i;

	vkey(v, b);
	*added = 0;
	if ((i = vmap_get(mp, b->data)) != (size_t)-1)
		return i;
	vmap_put(mp, xstrdup(b->data), mp->n);
	*added = 1;
	return mp->n - 1;
}

static void
vmap_free(struct vmap *mp)
{
	size_t i;

	for (i = 0; i < mp->cap; i++)
		free(mp->keys[i]);
	free(mp->keys);
	free(mp->idx);
}

/* ---- values ---- */

int
xplan_number(const struct wb_column *c, const struct qvalue *v, double *out)
{
	/* A yes-or-no column is written as its labels: text to a formula. */
	if (c->yes)
		return 0;
	if (v->type == QV_INT) {
		*out = (double)v->i;
		return 1;
	}
	if (v->type == QV_REAL && isfinite(v->r)) {
		*out = v->r;
		return 1;
	}
	return 0;
}

static int
type_rank(enum qv_type t)
{
	switch (t) {
	case QV_INT:
	case QV_REAL:
		return 0;
	case QV_DATE:
		return 1;
	case QV_TEXT:
		return 2;
	default:
		return 3;
	}
}

/* Order of two values for sorting; blanks last either way. */
static int
vcmp(const struct qvalue *a, const struct qvalue *b, int desc)
{
	int ra = type_rank(a->type), rb = type_rank(b->type), c = 0;
	double x, y;

	if (ra != rb)
		return ra == 3 ? 1 : rb == 3 ? -1 : ra - rb;
	if (ra == 0) {
		x = a->type == QV_INT ? (double)a->i : a->r;
		y = b->type == QV_INT ? (double)b->i : b->r;
		c = (x > y) - (x < y);
	} else if (ra == 1) {
		c = date_cmp(&a->d, &b->d);
		if (c == 0)
			c = (int)a->d.prec - (int)b->d.prec;
	} else if (ra == 2)
		c = strcmp(a->text, b->text);
	return desc ? -c : c;
}

struct sort_ctx {
	const struct qvalue *v;         /* the sort key of item i: v[i*stride] */
	size_t stride;
	int desc;
};

static int
cmp_order(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *sc = arg;
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
	int c = vcmp(&sc->v[a * sc->stride], &sc->v[b * sc->stride], sc->desc);

	/* Ties keep the list's order, so the sort is stable. */
	return c ? c : (a > b) - (a < b);
}

static size_t *
sorted_order(size_t n, const struct qvalue *keys, size_t stride, int desc)
{
	struct sort_ctx sc = {keys, stride, desc};
	size_t *o = xcalloc(n, sizeof(size_t)), i;

	for (i = 0; i < n; i++)
		o[i] = i;
	if (n > 1)
		qsort_r(o, n, sizeof(size_t), cmp_order, &sc);
	return o;
}

void
xplan_cell(const struct model *m, const struct xp_sheet *ps, size_t r,
    size_t k, struct qvalue *out)
{
	size_t i = ps->order ? ps->order[r] : r;
	int q = ps->info[k].c->qcol;

	if (ps->cells)
		*out = ps->cells[i * ps->s->ncols + k];
	else if (q >= 0)
		query_get(m, ps->s->ql, i, q, out);
	else
		memset(out, 0, sizeof(*out));
}

static int
cmp_desc(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a < b) - (a > b);
}

long
xplan_rank(const struct xp_info *in, double x)
{
	size_t lo = 0, hi = in->nsorted;

	/* Count the numbers greater than x: RANK's competition ranking. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (in->sorted[mid] > x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo + 1;
}

/* ---- plain sheets: one row per item of the list ---- */

/* Read every cell of the list (only when the sheet is sorted). */
static void
prefetch(const struct model *m, struct xp_sheet *ps, size_t n)
{
	size_t nc = ps->s->ncols, i, k;

	ps->cells = xcalloc(n, nc * sizeof(struct qvalue));
	for (i = 0; i < n; i++)
		for (k = 0; k < nc; k++)
			if (ps->info[k].c->qcol >= 0)
				query_get(m, ps->s->ql, i, ps->info[k].c->qcol,
				    &ps->cells[i * nc + k]);
}

/* Does layout column k feed a total or a rank? */
static int
needs_numbers(const struct xp_sheet *ps, size_t k, int *rank)
{
	size_t j;

	*rank = 0;
	for (j = 0; j < ps->s->ncols; j++)
		if (ps->info[j].c->formula == WBX_RANK &&
		    ps->info[j].c->of_col == (long)k)
			*rank = 1;
	return *rank || (ps->info[k].c->sum && !ps->info[k].c->formula);
}

/* Totals of plain sum columns and the sorted numbers ranks look up, in
 * data row order (the order a spreadsheet sums them in). */
static void
numbers(const struct model *m, struct xp_sheet *ps)
{
	struct qvalue v;
	size_t k, r;
	double x;
	int rank;

	for (k = 0; k < ps->s->ncols; k++) {
		struct xp_info *in = &ps->info[k];

		if (!needs_numbers(ps, k, &rank))
			continue;
		if (rank)
			in->sorted = xcalloc(ps->nrows,
			    sizeof(double));
		for (r = 0; r < ps->nrows; r++) {
			xplan_cell(m, ps, r, k, &v);
			if (!xplan_number(in->c, &v, &x))
				continue;
			in->total += x;
			if (rank)
				in->sorted[in->nsorted++] = x;
		}
		if (rank && in->nsorted > 1)
			qsort(in->sorted, in->nsorted, sizeof(double), cmp_desc);
	}
}

static void
plan_plain(const struct model *m, struct xp_sheet *ps)
{
	const struct wb_sheet *s = ps->s;
	size_t n = query_rows(m, s->ql);

	ps->nrows = n;
	if (s->sort_col >= 0) {
		prefetch(m, ps, n);
		ps->order = sorted_order(n, ps->cells + s->sort_col, s->ncols,
		    s->descending);
	}
	numbers(m, ps);
}

/* ---- grouped sheets: one row per group, a column per value across ---- */

static void
pivot_alloc(struct xp_pivot *pv, size_t n)
{
	pv->racross = xcalloc(n, sizeof(uint32_t));
	pv->rvals = xcalloc(n, pv->nrep * sizeof(struct qvalue));
}

/* First pass: each row's group and value across, and the repeated
 * columns' values.  Returns each row's group (caller frees). */
static size_t *
pivot_scan(const struct model *m, struct xp_sheet *ps, size_t n,
    size_t **last)
{
	const struct wb_sheet *s = ps->s;
	struct xp_pivot *pv = ps->pv;
	struct vmap groups = {0}, across = {0};
	size_t *rgroup = xcalloc(n, sizeof(size_t)), i, k, g, a;
	struct buf b = {0};
	struct qvalue v;
	int added;

	*last = NULL;
	for (i = 0; i < n; i++) {
		query_get(m, s->ql, i, s->group_q, &v);
		g = vmap_index(&groups, &v, &b, &added);
		if (added)
			*last = xreallocarray(*last, g + 1, sizeof(size_t));
		(*last)[g] = i;
		rgroup[i] = g;
		query_get(m, s->ql, i, s->across_q, &v);
		a = vmap_index(&across, &v, &b, &added);
		if (added) {
			pv->across = xreallocarray(pv->across, a + 1,
			    sizeof(struct qvalue));
			pv->across[a] = v;
		}
		pv->racross[i] = (uint32_t)a;
		for (k = 0; k < s->ncols; k++)
			if (ps->info[k].c->repeat)
				query_get(m, s->ql, i, ps->info[k].c->qcol,
				    &pv->rvals[i * pv->nrep + ps->info[k].rep]);
	}
	pv->ngroups = groups.n;
	pv->nacross = across.n;
	vmap_free(&groups);
	vmap_free(&across);
	buf_free(&b);
	return rgroup;
}

/* The rows of each group, in list order (a counting sort). */
static void
pivot_index(struct xp_pivot *pv, const size_t *rgroup, size_t n)
{
	size_t *fill, i, g;

	pv->gstart = xcalloc(pv->ngroups + 1, sizeof(size_t));
	pv->grows = xcalloc(n, sizeof(size_t));
	for (i = 0; i < n; i++)
		pv->gstart[rgroup[i] + 1]++;
	for (g = 0; g < pv->ngroups; g++)
		pv->gstart[g + 1] += pv->gstart[g];
	fill = xcalloc(pv->ngroups + 1, sizeof(size_t));
	memcpy(fill, pv->gstart, pv->ngroups * sizeof(size_t));
	for (i = 0; i < n; i++)
		pv->grows[fill[rgroup[i]]++] = i;
	free(fill);
}

/* Second pass: the group columns take the values of the group's last row
 * (the latest, for a list in date order). */
static void
pivot_groups(const struct model *m, struct xp_sheet *ps, const size_t *rgroup,
    const size_t *last, size_t n)
{
	const struct wb_sheet *s = ps->s;
	struct xp_pivot *pv = ps->pv;
	size_t i, k, g;

	pv->gvals = xcalloc(pv->ngroups, s->ncols * sizeof(struct qvalue));
	for (i = 0; i < n; i++) {
		g = rgroup[i];
		if (last[g] != i)
			continue;
		for (k = 0; k < s->ncols; k++)
			if (!ps->info[k].c->repeat)
				query_get(m, s->ql, i, ps->info[k].c->qcol,
				    &pv->gvals[g * s->ncols + k]);
	}
}

/* Two rows in one cell would lose a value: report the first such pair. */
static int
pivot_unique(const struct xp_sheet *ps, struct buf *b)
{
	const struct xp_pivot *pv = ps->pv;
	size_t *seen = xcalloc(pv->nacross, sizeof(size_t));
	size_t g, j, a;
	int rc = 0;

	for (g = 0; g < pv->ngroups && rc == 0; g++)
		for (j = pv->gstart[g]; j < pv->gstart[g + 1]; j++) {
			a = pv->racross[pv->grows[j]];
			if (seen[a] == g + 1) {
				wb_value_text(&pv->across[a], NULL, b);
				rc = -1;
				break;
			}
			seen[a] = g + 1;
		}
	free(seen);
	return rc;
}

static int
plan_pivot(const struct model *m, struct xp_sheet *ps)
{
	const struct wb_sheet *s = ps->s;
	size_t n = query_rows(m, s->ql), *rgroup, *last, k;
	struct buf b = {0};
	int rc = 0;

	ps->pv = xcalloc(1, sizeof(*ps->pv));
	for (k = 0; k < s->ncols; k++)
		if (ps->info[k].c->repeat)
			ps->info[k].rep = ps->pv->nrep++;
	pivot_alloc(ps->pv, n);
	rgroup = pivot_scan(m, ps, n, &last);
	pivot_index(ps->pv, rgroup, n);
	pivot_groups(m, ps, rgroup, last, n);
	free(rgroup);
	free(last);
	ps->nrows = ps->pv->ngroups;
	if (pivot_unique(ps, &b) < 0) {
		diag_error(&s->across_loc, "[sheet %s]: two items of list '%s' "
		    "have the same '%s' and the same '%s' (%s); choose an "
		    "'across' column whose values differ within a group",
		    s->id, s->list, s->group, s->across, b.data);
		rc = -1;
	}
	buf_free(&b);
	if (rc == 0 && s->sort_col >= 0)
		ps->order = sorted_order(ps->pv->ngroups,
		    ps->pv->gvals + s->sort_col, s->ncols, s->descending);
	return rc;
}

/* ---- columns and rows ---- */

static void
add_col(struct xp_sheet *ps, size_t k, enum xp_kind kind, size_t a,
    char *header)
{
	struct xp_col *c = array_push(&ps->pc, &ps->npc, sizeof(*c));

	c->k = k;
	c->kind = kind;
	c->across = a;
	c->header = header;
}

static char *
header(const struct model *m, const struct wb_layout *l, const char *t,
    const struct xp_pivot *pv, size_t a)
{
	struct wb_tctx tc = {NULL, NULL, l->book.thousands};
	struct buf b = {0};

	if (pv && a < pv->nacross)
		tc.across = &pv->across[a];
	if (pv && a > 0 && a <= pv->nacross)
		tc.previous = &pv->across[a - 1];
	wb_template(m, t, &tc, &b);
	return b.data;
}

/* Lay out the physical columns: a repeated column takes one column per
 * value across, then one change column per value after the first. */
static int
plan_columns(const struct model *m, const struct wb_layout *l,
    struct xp_sheet *ps)
{
	const struct xp_pivot *pv = ps->pv;
	size_t k, a;

	for (k = 0; k < ps->s->ncols; k++) {
		const struct wb_column *c = ps->info[k].c;

		ps->info[k].first = ps->npc;
		if (!c->repeat) {
			add_col(ps, k, XP_PLAIN, 0, header(m, l, c->header,
			    NULL, 0));
			continue;
		}
		for (a = 0; a < pv->nacross && ps->npc <= XLSX_COLS; a++)
			add_col(ps, k, XP_REPEAT, a, header(m, l, c->header,
			    pv, a));
		ps->info[k].change_first = ps->npc;
		for (a = 1; c->change && a < pv->nacross &&
		    ps->npc <= XLSX_COLS; a++)
			add_col(ps, k, XP_CHANGE, a, header(m, l, c->change,
			    pv, a));
	}
	if (ps->npc > XLSX_COLS) {
		diag_error(&ps->s->loc, "[sheet %s] would have more than %lu "
		    "columns, Excel's limit", ps->s->id, XLSX_COLS);
		return -1;
	}
	return 0;
}

static void
plan_rows(struct xp_sheet *ps)
{
	const struct wb_sheet *s = ps->s;
	unsigned long long r = 0;

	ps->title_row = ps->note_row = ps->total_row = ABSENT;
	ps->stated_row = ps->diff_row = ABSENT;
	if (s->title)
		ps->title_row = (uint32_t)r++;
	if (s->note)
		ps->note_row = (uint32_t)r++;
	if (s->title || s->note)
		r++;            /* a blank row before the table */
	ps->header_row = (uint32_t)r++;
	ps->first_row = (uint32_t)r;
	r += ps->nrows;
	if (s->total_label && r < XLSX_ROWS)
		ps->total_row = (uint32_t)r++;
	if (s->stated_label && r < XLSX_ROWS)
		ps->stated_row = (uint32_t)r++;
	if (s->difference_label && r < XLSX_ROWS)
		ps->diff_row = (uint32_t)r++;
	ps->nsheet_rows = r > XLSX_ROWS ? (uint32_t)XLSX_ROWS + 1 :
	    (uint32_t)r;
}

static int
plan_sheet(const struct model *m, const struct wb_layout *l,
    struct xp_sheet *ps, const struct wb_sheet *s)
{
	size_t k;

	ps->s = s;
	ps->info = xcalloc(s->ncols, sizeof(*ps->info));
	for (k = 0; k < s->ncols; k++)
		ps->info[k].c = wb_col(l, s, k);
	if (s->across ? plan_pivot(m, ps) < 0 : (plan_plain(m, ps), 0))
		return -1;
	if (plan_columns(m, l, ps) < 0)
		return -1;
	plan_rows(ps);
	if (ps->nsheet_rows > XLSX_ROWS) {
		diag_error(&s->loc, "[sheet %s] would have %zu rows of data; "
		    "Excel allows %lu rows in a sheet", s->id, ps->nrows,
		    XLSX_ROWS);
		return -1;
	}
	return 0;
}

struct xplan *
xplan_new(const struct wb_layout *l, const struct model *m)
{
	struct xplan *p = xcalloc(1, sizeof(*p));
	size_t i;
	int rc = 0;

	p->sheets = xcalloc(l->nsheets, sizeof(*p->sheets));
	p->nsheets = l->nsheets;
	for (i = 0; i < l->nsheets; i++) {
		if (plan_sheet(m, l, &p->sheets[i], &l->sheets[i]) < 0)
			rc = -1;
		else if (p->sheets[i].nsheet_rows >
		    (unsigned long)l->book.constant_memory_rows)
			p->constant_memory = 1;
	}
	if (rc < 0) {
		xplan_free(p);
		return NULL;
	}
	return p;
}

static void
pivot_free(struct xp_pivot *pv)
{
	if (pv == NULL)
		return;
	free(pv->across);
	free(pv->gvals);
	free(pv->gstart);
	free(pv->grows);
	free(pv->racross);
	free(pv->rvals);
	free(pv);
}

static void
sheet_free(struct xp_sheet *ps)
{
	size_t i;

	for (i = 0; i < ps->npc; i++)
		free(ps->pc[i].header);
	free(ps->pc);
	if (ps->info)
		for (i = 0; i < ps->s->ncols; i++)
			free(ps->info[i].sorted);
	free(ps->info);
	free(ps->order);
	free(ps->cells);
	pivot_free(ps->pv);
}

void
xplan_free(struct xplan *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nsheets; i++)
		sheet_free(&p->sheets[i]);
	free(p->sheets);
	free(p);
}
