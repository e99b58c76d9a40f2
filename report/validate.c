/* validate.c - checks the whole model once, before anything is rendered,
 * and derives what renderers need (sums, Allies, the latest snapshots).
 * After it reports no error, renderers may trust every reference. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "event_span.h"
#include "load.h"
#include "model.h"
#include "schema.h"
#include "validate_copy.h"

static void
check_source(const struct model *m, const char *id, const struct loc *loc)
{
	if (id && model_source(m, id) == NULL)
		diag_error(loc, "unknown source '%s' (no [source %s] in %s)",
		    id, id, m->mission_file);
}

static int
valid_code(const char *s)
{
	return strlen(s) == 3 && isupper((unsigned char)s[0]) &&
	    isupper((unsigned char)s[1]) && isupper((unsigned char)s[2]);
}

/* Names, other names and codes must each point at one nation only. */
static void
check_nations(const struct model *m)
{
	struct strindex codes = {0};    /* code -> first nation with it */
	size_t i, j, k;

	for (i = 0; i < m->nnations; i++) {
		const struct nation *n = &m->nations[i];

		if (n->code && !valid_code(n->code))
			diag_error(&n->loc, "code '%s' of '%s' is not an ISO "
			    "3166-1 alpha-3 code (three capital letters)",
			    n->code, n->name);
		if (n->code && (j = strindex_get(&codes, n->code)) !=
		    (size_t)-1)
			diag_error(&n->loc, "code '%s' is also the code "
			    "of '%s'", n->code, m->nations[j].name);
		else if (n->code)
			strindex_put(&codes, n->code, i);
		if (model_nation(m, n->name) != n)
			diag_error(&n->loc, "name '%s' is already a name of '%s'",
			    n->name, model_nation(m, n->name)->name);
		for (k = 0; k < n->naka; k++) {
			const struct nation *o = model_nation(m, n->aka[k]);

			if (o != n)
				diag_error(&n->loc, "other name '%s' of '%s' "
				    "is already a name of '%s'", n->aka[k],
				    n->name, o->name);
		}
	}
	strindex_free(&codes);
}

static void
check_mission(const struct model *m)
{
	const struct mission *mi = &m->mission;

	if (mi->loc.line == 0) {
		diag_file_error(m->mission_file, "missing section '[mission]'");
		return;
	}
	check_source(m, mi->source, &mi->loc);
	if (mi->group && !model_has_group(m, mi->group))
		diag_error(&mi->loc_group, "group '%s': no nation in %s "
		    "has a '%s = DATE' line", mi->group, m->nations_file,
		    mi->group);
	if (mi->hub && model_place(m, mi->hub) == NULL)
		diag_error(&mi->loc, "hub '%s' is not a [place]", mi->hub);
}

static void
check_texts(const struct model *m)
{
	size_t i;

	for (i = 0; i < m->ntexts; i++)
		check_source(m, m->texts[i].source, &m->texts[i].loc);
	for (i = 0; i < m->nlists; i++)
		check_source(m, m->lists[i].source, &m->lists[i].loc);
	for (i = 0; i < m->nbases; i++)
		check_source(m, m->bases[i].source, &m->bases[i].loc);
	for (i = 0; i < m->nfunds; i++)
		check_source(m, m->funds[i].source, &m->funds[i].loc);
	for (i = 0; i < m->nevents; i++)
		check_source(m, m->events[i].source, &m->events[i].loc);
}

static void
number_sources(struct model *m)
{
	size_t i;

	for (i = 0; i < m->nsources; i++)
		m->sources[i].number = (int)i + 1;
}

static void
check_places(const struct model *m)
{
	size_t i;

	for (i = 0; i < m->nplaces; i++) {
		const struct place *p = &m->places[i];

		/* Roles are the mission's own words (hub, spoke, camp...);
		 * layouts choose a symbol per word, so a role is one. */
		if (p->role && !schema_is_id(p->role))
			diag_error(&p->loc, "role of place '%s' is '%s'; a role "
			    "is one word (letters, digits, '-', '_')", p->id,
			    p->role);
		if (p->lat < -90 || p->lat > 90 || p->lon < -180 ||
		    p->lon > 180)
			diag_error(&p->loc, "coordinates of place '%s' are out "
			    "of range", p->id);
		check_source(m, p->source, &p->loc);
	}
}

/* Resolve a nation named at `loc`, or report it with a suggestion. */
static const struct nation *
resolve_nation(const struct model *m, const char *name,
    const struct loc *loc)
{
	const struct nation *n = model_nation(m, name);
	const char *hint;

	if (n != NULL)
		return n;
	hint = model_nation_suggest(m, name);
	if (hint)
		diag_error(loc, "unknown nation '%s' (did you mean '%s'?)",
		    name, hint);
	else
		diag_error(loc, "unknown nation '%s' (not in %s; add it "
		    "there, see data/README.md 'Adding a nation')", name,
		    m->nations_file);
	return NULL;
}

static void
check_commands(struct model *m)
{
	size_t i;

	for (i = 0; i < m->ncommands; i++) {
		struct command *c = &m->commands[i];

		if (c->hq && (c->hq_place = model_place(m, c->hq)) == NULL)
			diag_error(&c->hq_loc, "hq '%s' is not a [place]",
			    c->hq);
		if (c->lead)
			c->lead_nation = resolve_nation(m, c->lead,
			    &c->lead_loc);
		if (c->commander_nation)
			c->cmd_nation = resolve_nation(m, c->commander_nation,
			    &c->cnation_loc);
		check_source(m, c->source, &c->loc);
	}
}

static int
cmp_event(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	int c = date_cmp(&x->date, &y->date);

	/* Equal at the shared precision ("February 2020" and "13 February
	 * 2020"): the order the file gives, which knows that the one was at
	 * the end of the month (validate_copy.c checks that order). */
	if (c == 0)
		c = x->loc.line - y->loc.line;
	return c;
}

static int
cmp_snapshot(const void *a, const void *b)
{
	const struct snapshot *x = a, *y = b;
	int c = date_cmp(&x->date, &y->date);

	if (c == 0)
		c = (int)x->date.prec - (int)y->date.prec;
	if (c == 0)
		c = strcmp(x->id, y->id);
	return c;
}

/* Does `sum` fit a total stated with qualifier q?  "Around" allows 10%. */
static int
fits(long sum, long total, enum qual q)
{
	switch (q) {
	case QUAL_EXACT:
		return sum == total;
	case QUAL_AROUND:
		return labs(sum - total) * 10 <= total;
	case QUAL_MORE_THAN:
	case QUAL_OVER:
		return sum > total;
	case QUAL_AT_LEAST:
		return sum >= total;
	case QUAL_LESS_THAN:
		return sum < total;
	default:
		return 1;
	}
}

/* Where a nation was last listed: in which snapshot (its index + 1, so
 * that a zeroed array means "nowhere") and at which row.  One array over
 * all snapshots keeps the check for nations listed twice linear: comparing
 * every row with every earlier one was the largest cost of validating
 * 1,000 nations a snapshot (callgrind). */
struct seen {
	size_t snap, row;
};

/* Resolve and sum the rows of snapshot number k; returns the number of
 * unknown nations.  Unnamed rows count in the sum but for neither Allies
 * nor partners: the source does not say whose they are. */
static int
check_rows(struct model *m, struct snapshot *s, size_t k, struct seen *seen)
{
	/* Snapshots mostly list the nations of the one before, in its order:
	 * a name spelt as there is the nation found there, without a search
	 * (a look-up per row was a fifth of validating a long history). */
	const struct snapshot *prev = k > 0 ? &m->snapshots[k - 1] : NULL;
	size_t i;
	int unknown = 0;

	s->rows_exact = 1;
	for (i = 0; i < s->nrows; i++) {
		struct troop_row *r = &s->rows[i];
		struct seen *sn;

		if (prev && i < prev->nrows && prev->rows[i].nation &&
		    strcmp(prev->rows[i].name, r->name) == 0)
			r->nation = prev->rows[i].nation;
		else
			r->nation = resolve_nation(m, r->name, &r->loc);
		if (r->nation == NULL) {
			unknown++;
			continue;
		}
		sn = &seen[r->nation - m->nations];
		if (sn->snap == k + 1)
			diag_error(&r->loc, "'%s' is listed twice (first "
			    "at line %d)", r->nation->name,
			    s->rows[sn->row].loc.line);
		else {
			sn->snap = k + 1;
			sn->row = i;
		}
		r->ally = nation_is_member(r->nation, m->mission.group,
		    &s->date);
		s->sum += r->troops;
		s->rows_exact &= r->qual == QUAL_EXACT;
		if (r->ally) {
			s->allies++;
			s->ally_troops += r->troops;
		} else {
			s->partners++;
			s->partner_troops += r->troops;
		}
	}
	for (i = 0; i < s->nunnamed; i++) {
		s->sum += s->unnamed[i].troops;
		s->unnamed_troops += s->unnamed[i].troops;
		s->rows_exact &= s->unnamed[i].qual == QUAL_EXACT;
	}
	s->itemised_nations = (long)(s->nrows + s->nunnamed);
	return unknown;
}

/* A complete table: its rows are the stated nations and add up to the
 * stated total.  Exact figures must match exactly; with a qualifier on
 * the total or on a row, a mismatch is only a warning. */
static void
check_complete(const struct snapshot *s)
{
	if (!fits(s->sum, s->total, s->qual)) {
		if (s->qual == QUAL_EXACT && s->rows_exact)
			diag_error(&s->loc, "the %ld nations add up to %ld, but "
			    "the stated total is %ld (a difference of %+ld)",
			    s->itemised_nations, s->sum, s->total,
			    s->sum - s->total);
		else if (s->qual == QUAL_EXACT)
			diag_warning(&s->loc, "the nations add up to %ld, "
			    "which is not the stated total %ld (some rows "
			    "are not exact)", s->sum, s->total);
		else
			diag_warning(&s->loc, "the nations add up to %ld, which "
			    "is not '%s %ld'", s->sum, qual_name(s->qual),
			    s->total);
	}
	if (s->nations >= 0 && s->nations != s->itemised_nations)
		diag_error(&s->loc, "%ld nations are listed, but the stated "
		    "number of nations is %ld%s", s->itemised_nations,
		    s->nations, s->itemised_nations < s->nations ?
		    " (a table that gives only some of them says 'table = "
		    "partial')" : "");
}

/* A partial table: a part of the stated figures, never more than them. */
static void
check_partial(const struct snapshot *s)
{
	if (s->sum > s->total) {
		if (s->qual == QUAL_EXACT && s->rows_exact)
			diag_error(&s->loc, "the %ld rows of this partial table "
			    "add up to %ld, more than the stated total %ld",
			    s->itemised_nations, s->sum, s->total);
		else
			diag_warning(&s->loc, "the rows of this partial table "
			    "add up to %ld, more than the stated total "
			    "'%s%s%ld'", s->sum, s->qual == QUAL_EXACT ? "" :
			    qual_name(s->qual), s->qual == QUAL_EXACT ? "" :
			    " ", s->total);
	}
	if (s->nations >= 0 && s->itemised_nations > s->nations)
		diag_error(&s->loc, "%ld rows are listed, more than the stated "
		    "number of nations %ld", s->itemised_nations, s->nations);
}

static void
check_snapshot(struct model *m, struct snapshot *s, size_t k,
    struct seen *seen)
{
	/* A file that could not be read, or lost a line, was reported while
	 * loading: check its references, but not what the lost lines held. */
	if (s->loc.line == 0) {
		if (!s->load_failed)
			diag_file_error(s->file, "missing section '[snapshot]'");
		return;
	}
	check_source(m, s->source, &s->source_loc);
	if (!s->has_table) {
		if (s->partial)
			diag_error(&s->table_loc, "'table = partial', but the "
			    "snapshot has no [troops] or [unnamed] rows");
		return;
	}
	/* With a row unknown or a line rejected the sum means nothing: the
	 * problem was reported above. */
	if (check_rows(m, s, k, seen) > 0 || s->load_failed)
		return;
	if (s->partial)
		check_partial(s);
	else
		check_complete(s);
}

static void
check_snapshots(struct model *m)
{
	struct seen *seen = xcalloc(m->nnations + 1, sizeof(*seen));
	size_t i;

	for (i = 0; i < m->nsnapshots; i++)
		check_snapshot(m, &m->snapshots[i], i, seen);
	free(seen);
	if (m->nsnapshots > 1)
		qsort(m->snapshots, m->nsnapshots, sizeof(*m->snapshots),
		    cmp_snapshot);
	/* Row nation pointers point into m->nations, not into snapshots, so
	 * sorting the snapshots keeps them valid. */
	for (i = 0; i < m->nsnapshots; i++) {
		m->latest = &m->snapshots[i];
		if (m->snapshots[i].has_table)
			m->latest_table = &m->snapshots[i];
	}
	/* A mission may have no stated figure yet (a new one has none):
	 * every troop block is then left out.  Said, because an emptied
	 * folder would otherwise pass unnoticed. */
	if (m->nsnapshots == 0) {
		struct loc at = {diag_intern(m->snapshots_dir), 0};

		diag_warning(&at, "no snapshot files (*.ini): the documents "
		    "give no troop figure");
	}
}

int
validate_model(struct model *m)
{
	int before = diag_errors();

	check_nations(m);
	number_sources(m);
	check_mission(m);
	check_texts(m);
	check_places(m);
	check_commands(m);
	validate_copy(m);
	if (m->nevents > 1)
		qsort(m->events, m->nevents, sizeof(*m->events), cmp_event);
	event_span_prepare(m);
	check_snapshots(m);
	validate_geo(m);
	return diag_errors() - before;
}
