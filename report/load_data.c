/* load_data.c - loads data/nations.ini, the mission file, the snapshot files
 * and the map's countries (through geo.c) into the model.  Checks here are
 * those of the file format (types, keys, lines); the facts are checked by
 * validate.c. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "geo.h"
#include "geo_memo.h"
#include "load.h"
#include "model.h"
#include "query.h"
#include "schema.h"

#define O(t, f) offsetof(struct t, f)
#define STR(t, f) {#f, ST_STR, O(t, f), 0, 0, 0, 0, 0, NULL}
#define REQ(t, f) {#f, ST_STR, O(t, f), SF_REQUIRED, 0, 0, 0, 0, NULL}
#define DATE(t, f) {#f, ST_DATE, O(t, f), 0, 0, 0, 0, 0, NULL}
#define KEY(k, t, f, ty, fl) {k, ty, O(t, f), fl, 0, 0, 0, 0, NULL}
#define END {NULL, 0, 0, 0, 0, 0, 0, 0, NULL}

#define MAX_TROOPS LOAD_MAX_TROOPS
#define MAX_SNAPSHOTS 10000

/* A snapshot's `kind =`: the index is the value of snapshot.plan. */
static const char *const figure_kinds[] = {"count", "plan", NULL};

/* ---- nations.ini ---- */

static const struct schema_field nation_fields[] = {
	KEY("code", nation, code, ST_STR, SF_REQUIRED),
	{"aka", ST_ITEMS, O(nation, aka), 0, O(nation, naka), 0, 0, 0, NULL},
	END
};

/* Any other key is a membership: `GROUP = DATE` (`nato = 2009-04-01`). */
static int
membership_line(struct schema_state *st, void *item, const struct ini_item *it)
{
	struct nation *n = item;
	struct membership *g;
	struct date d;
	size_t i;

	(void)st;
	if (schema_is_id(it->key) && strspn(it->value, "0123456789") == 4 &&
	    date_parse(it->value, &d) < 0) {
		diag_error(&it->loc, "'%s' for '%s' is not a real date (YYYY, "
		    "YYYY-MM or YYYY-MM-DD)", it->value, it->key);
		return 0;
	}
	if (!schema_is_id(it->key) || date_parse(it->value, &d) < 0) {
		diag_error(&it->loc, "unknown key '%s' in '[%s]' (keys: code, "
		    "aka, and GROUP = DATE for a membership, e.g. 'nato = "
		    "2009-04-01')", it->key, it->section);
		return 0;
	}
	for (i = 0; i < n->ngroups; i++)
		if (strcmp(n->groups[i].group, it->key) == 0) {
			diag_error(&it->loc, "key '%s' given twice", it->key);
			return 0;
		}
	g = array_push(&n->groups, &n->ngroups, sizeof(*g));
	g->group = xstrdup(it->key);
	g->since = d;
	return 0;
}

static const struct schema_kind nation_kinds[] = {
	{NULL, 0, sizeof(struct nation), O(model, nations), O(model, nnations),
	    O(nation, name), O(nation, loc), nation_fields, membership_line,
	    1000},
	{0}
};

/* ---- mission.ini ---- */

static const struct schema_field mission_fields[] = {
	REQ(mission, name), REQ(mission, acronym), REQ(mission, organisation),
	STR(mission, country), STR(mission, kind),
	{"country_code", ST_STR, O(mission, country_code), SF_LOC, 0,
	    O(mission, country_code_loc), 0, 0, NULL},
	KEY("launched", mission, launched, ST_DATE, SF_REQUIRED),
	STR(mission, predecessor), STR(mission, predecessor_acronym),
	STR(mission, hub),
	{"group", ST_STR, O(mission, group), SF_LOC, 0, O(mission, loc_group),
	    0, 0, NULL},
	STR(mission, member), STR(mission, members), STR(mission, nonmember),
	STR(mission, nonmembers),
	KEY("as_of", mission, as_of, ST_DATE, SF_REQUIRED),
	REQ(mission, source),
	END
};

static const struct schema_field text_fields[] = {
	STR(text, title), STR(text, body), STR(text, source), END
};

static const struct schema_field list_fields[] = {
	STR(list, title), STR(list, source),
	{"item", ST_ITEMS, O(list, items), SF_REQUIRED, O(list, nitems), 0, 0,
	    0, NULL},
	END
};

static const struct schema_field basis_fields[] = {
	REQ(basis, name), {"short", ST_STR, O(basis, shortname), 0, 0, 0, 0, 0,
	    NULL}, STR(basis, label),
	KEY("signed", basis, signed_on, ST_DATE, 0), DATE(basis, ratified),
	DATE(basis, adopted), STR(basis, summary), STR(basis, source), END
};

static const struct schema_field place_fields[] = {
	REQ(place, name), REQ(place, role), STR(place, region),
	{"lat", ST_DOUBLE, O(place, lat), SF_REQUIRED, O(place, has_lat), 0, 0,
	    0, NULL},
	{"lon", ST_DOUBLE, O(place, lon), SF_REQUIRED, O(place, has_lon), 0, 0,
	    0, NULL},
	STR(place, source), END
};

static const struct schema_field command_fields[] = {
	REQ(command, name), {"short", ST_STR, O(command, shortname), 0, 0, 0, 0,
	    0, NULL},
	{"hq", ST_STR, O(command, hq), SF_LOC, 0, O(command, hq_loc), 0, 0,
	    NULL},
	{"lead", ST_STR, O(command, lead), SF_LOC, 0, O(command, lead_loc), 0,
	    0, NULL},
	STR(command, commander),
	{"commander_nation", ST_STR, O(command, commander_nation), SF_LOC, 0,
	    O(command, cnation_loc), 0, 0, NULL},
	STR(command, source), END
};

static const struct schema_field event_fields[] = {
	KEY("date", event, date, ST_DATE, SF_REQUIRED), REQ(event, title),
	{"end", ST_DATE, O(event, end), SF_LOC, 0, O(event, end_loc), 0, 0,
	    NULL},
	STR(event, body), STR(event, place), STR(event, source), END
};

static const struct schema_field fund_fields[] = {
	REQ(fund, name), {"short", ST_STR, O(fund, shortname), 0, 0, 0, 0, 0,
	    NULL},
	DATE(fund, established), STR(fund, administrator),
	{"amount", ST_DOUBLE, O(fund, amount), SF_NONNEG, O(fund, has_amount),
	    0, 0, 0, NULL},
	STR(fund, currency), STR(fund, period),
	KEY("qualifier", fund, qual, ST_QUAL, 0),
	DATE(fund, as_of), STR(fund, body), STR(fund, source), END
};

static const struct schema_field source_fields[] = {
	REQ(source, title), STR(source, publisher), STR(source, url),
	DATE(source, date), STR(source, seed), STR(source, note), END
};

#define KIND(t, arr, f, max) {#t, 0, sizeof(struct t), O(model, arr), \
	O(model, n##arr), O(t, id), O(t, loc), f, NULL, max}

static const struct schema_kind mission_kinds[] = {
	{"mission", 1, sizeof(struct mission), O(model, mission), 0, 0,
	    O(mission, loc), mission_fields, NULL, 0},
	KIND(text, texts, text_fields, 1000),
	KIND(list, lists, list_fields, 1000),
	KIND(basis, bases, basis_fields, 1000),
	KIND(place, places, place_fields, 1000),
	KIND(command, commands, command_fields, 1000),
	KIND(event, events, event_fields, 10000),
	KIND(fund, funds, fund_fields, 1000),
	KIND(source, sources, source_fields, 10000),
	{0}
};

/* ---- snapshots/<date>.ini ---- */

/* `table =`: the index is the value of snapshot.partial. */
static const char *const table_names[] = {"complete", "partial", NULL};

static const struct schema_field snapshot_fields[] = {
	KEY("date", snapshot, date, ST_DATE, SF_REQUIRED),
	{"source", ST_STR, O(snapshot, source), SF_REQUIRED | SF_LOC, 0,
	    O(snapshot, source_loc), 0, 0, NULL},
	{"total", ST_LONG, O(snapshot, total), SF_REQUIRED, 0, 0, 0, MAX_TROOPS,
	    NULL},
	KEY("qualifier", snapshot, qual, ST_QUAL, 0),
	{"kind", ST_ENUM, O(snapshot, plan), 0, 0, 0, 0, 0, figure_kinds},
	{"nations", ST_LONG, O(snapshot, nations), 0, 0, 0, 1, 1000, NULL},
	STR(snapshot, note),
	{"table", ST_ENUM, O(snapshot, partial), SF_LOC, 0,
	    O(snapshot, table_loc), 0, 0, table_names},
	END
};

static int troop_line(struct schema_state *st, void *item,
    const struct ini_item *it);
static int unnamed_line(struct schema_state *st, void *item,
    const struct ini_item *it);

static const struct schema_kind snapshot_kinds[] = {
	{"snapshot", 1, sizeof(struct snapshot), 0, 0, 0, O(snapshot, loc),
	    snapshot_fields, NULL, 0},
	/* [troops] has no fields of its own: every key is a nation. */
	{"troops", 1, sizeof(struct snapshot), 0, 0, 0, O(snapshot, troops_loc),
	    NULL, troop_line, 0},
	/* [unnamed]: `row = N` lines, rows the source gives without a name. */
	{"unnamed", 1, sizeof(struct snapshot), 0, 0, 0,
	    O(snapshot, unnamed_loc), NULL, unnamed_line, 0},
	{0}
};

/* "around 10" -> QUAL_AROUND, 10: an optional qualifier (the words of a
 * stated total, but not "exact", which is what no word means) before a
 * whole number. */
static int
row_value(const char *value, enum qual *q, long *v)
{
	int i;

	*q = QUAL_EXACT;
	/* Qualifiers are words: a figure starting with a digit has none. */
	for (i = QUAL_EXACT + 1; (*value < '0' || *value > '9') &&
	    i < QUAL__MAX; i++) {
		const char *w = qual_name((enum qual)i);
		size_t n = strlen(w);

		if (strncmp(value, w, n) == 0 && value[n] == ' ') {
			*q = (enum qual)i;
			value += n + strspn(value + n, " ");
			break;
		}
	}
	return num_parse_long(value, 0, MAX_TROOPS, v);
}

/* Add one row to rows/n, or report why not; the limit is per section.
 * what NULL: the row is the key's nation, quoted only when there is
 * something to say (a snprintf per row was a tenth of loading). */
static struct troop_row *
add_row(struct schema_state *st, struct troop_row **rows, size_t *n,
    const struct ini_item *it, const char *what, const char *rows_word)
{
	struct troop_row *r;
	enum qual q;
	long v;
	char quoted[300];

	if (*n >= 1000) {
		if (!(st->said & SAID_OTHER))
			diag_error(&it->loc, "too many %s in one snapshot "
			    "(limit 1000; the rest are ignored)", rows_word);
		st->said |= SAID_OTHER;
		return NULL;
	}
	if (row_value(it->value, &q, &v) < 0) {
		if (what == NULL) {
			snprintf(quoted, sizeof(quoted), "'%s'", it->key);
			what = quoted;
		}
		/* Words before the number: say which words are meant. */
		diag_error(&it->loc, "troops for %s: '%s' is not a whole "
		    "number from 0 to %ld%s", what, it->value, MAX_TROOPS,
		    strchr(it->value, ' ') ? " (a qualifier before it is one "
		    "of: around, more than, less than, at least, over)" : "");
		return NULL;
	}
	r = array_push(rows, n, sizeof(*r));
	r->loc = it->loc;
	r->troops = v;
	r->qual = q;
	return r;
}

static int
troop_line(struct schema_state *st, void *item, const struct ini_item *it)
{
	struct snapshot *s = item;
	struct troop_row *r;

	s->has_table = 1;
	if ((r = add_row(st, &s->rows, &s->nrows, it, NULL, "nations")) != NULL)
		r->name = xstrdup(it->key);
	return 0;
}

static int
unnamed_line(struct schema_state *st, void *item, const struct ini_item *it)
{
	struct snapshot *s = item;

	if (strcmp(it->key, "row") != 0) {
		diag_error(&it->loc, "unknown key '%s' in '[unnamed]' (each "
		    "row is 'row = TROOPS')", it->key);
		return 0;
	}
	s->has_table = 1;
	add_row(st, &s->unnamed, &s->nunnamed, it, "an unnamed row",
	    "unnamed rows");
	return 0;
}

static char *
base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	size_t n;

	b = b ? b + 1 : path;
	n = strlen(b);
	if (n > 4 && strcmp(b + n - 4, ".ini") == 0)
		n -= 4;
	return xstrndup(b, n);
}

static void
finish_snapshot(struct snapshot *s)
{
	if (s->troops_loc.line && s->nrows == 0 && !s->has_table)
		diag_error(&s->troops_loc, "[troops] has no nations");
	if (s->unnamed_loc.line && s->nunnamed == 0 && !s->has_table)
		diag_error(&s->unnamed_loc, "[unnamed] has no rows");
	s->has_table = s->troops_loc.line != 0 || s->unnamed_loc.line != 0;
}

static void
load_snapshot(struct model *m, const char *path)
{
	struct snapshot *s;
	int before;

	s = array_push(&m->snapshots, &m->nsnapshots, sizeof(*s));
	s->nations = -1;
	s->id = base_name(path);
	s->file = xstrdup(path);
	before = diag_errors();
	/* Both singleton kinds fill the same struct at offset 0. */
	schema_load(path, snapshot_kinds, s, m);
	finish_snapshot(s);
	s->load_failed = diag_errors() > before;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collect the *.ini names in dir, sorted, so the order never depends on
 * the file system. */
static char **
list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t len;

	*n = 0;
	if (d == NULL) {
		diag_file_error(dir, "cannot open folder: %s", strerror(errno));
		return NULL;
	}
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len > 4 && e->d_name[0] != '.' &&
		    strcmp(e->d_name + len - 4, ".ini") == 0)
			*(char **)array_push(&v, n, sizeof(char *)) =
			    xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

static void
load_snapshots(struct model *m, const char *dir)
{
	size_t n, i;
	char **files = list_dir(dir, &n);

	if (n > MAX_SNAPSHOTS)
		diag_file_error(dir, "%zu snapshot files; the limit is %d",
		    n, MAX_SNAPSHOTS);
	for (i = 0; i < n; i++) {
		if (i < MAX_SNAPSHOTS)
			load_snapshot(m, files[i]);
		free(files[i]);
	}
	free(files);
}

void
load_data_mem(struct model *m, enum load_part part, const char *name,
    const char *text, size_t len)
{
	struct snapshot *s;
	int before;

	switch (part) {
	case LOAD_NATIONS:
		before = diag_errors();
		schema_load_mem(name, text, len, nation_kinds, m, m);
		m->nations_failed = diag_errors() > before;
		break;
	case LOAD_MISSION:
		schema_load_mem(name, text, len, mission_kinds, m, m);
		break;
	case LOAD_SNAPSHOT:
		if (m->nsnapshots >= MAX_SNAPSHOTS)
			return;
		s = array_push(&m->snapshots, &m->nsnapshots, sizeof(*s));
		s->nations = -1;
		s->id = base_name(name);
		s->file = xstrdup(name);
		before = diag_errors();
		schema_load_mem(name, text, len, snapshot_kinds, s, m);
		finish_snapshot(s);
		s->load_failed = diag_errors() > before;
		break;
	}
}

int
load_nations(struct model *m, const char *nations)
{
	int before = diag_errors();

	m->nations_file = xstrdup(nations);
	schema_load(nations, nation_kinds, m, m);
	return diag_errors() > before ? -1 : 0;
}

/* The mission's country_code, or else the code of the nation its
 * `country` names (kept as if written, at the [mission] line). */
static const char *
mission_country_code(struct model *m)
{
	struct mission *mi = &m->mission;
	const struct nation *n;

	if (mi->country_code == NULL && mi->country &&
	    (n = model_nation(m, mi->country)) != NULL && n->code) {
		mi->country_code = xstrdup(n->code);
		mi->country_code_loc = mi->loc;
	}
	return mi->country_code;
}

int
load_data(struct model *m, const char *nations, const char *mission,
    const char *snapshots, const char *geo)
{
	int before = diag_errors();

	m->nations_file = xstrdup(nations);
	m->mission_file = xstrdup(mission);
	m->snapshots_dir = xstrdup(snapshots);
	if (schema_load(nations, nation_kinds, m, m) < 0 ||
	    diag_errors() > before)
		m->nations_failed = 1;
	/* Without the mission file every source would look unknown. */
	if (schema_load(mission, mission_kinds, m, m) < 0)
		m->nations_failed = 1;
	load_snapshots(m, snapshots);
	/* After the mission file, which names the country; the code is
	 * settled even when the geo file is left for later (or never). */
	mission_country_code(m);
	if (geo)
		load_geo(m, geo);
	return diag_errors() > before ? -1 : 0;
}

int
load_geo(struct model *m, const char *geo)
{
	/* Through the output folder's memo when a build opened it. */
	return geo_memo_load(m->geo = xcalloc(1, sizeof(*m->geo)), geo,
	    mission_country_code(m));
}

void
model_view_free(struct model *v, const struct model *of)
{
	if (v == NULL)
		return;
	if (v->item_lists != of->item_lists)
		free(v->item_lists);
	if (v->nation_index != of->nation_index)
		free(v->nation_index);
	if (v->snap_index != of->snap_index)
		query_free_cache(v);
	free(v);
}

void
model_drop_snapshots(struct model *m)
{
	size_t i, j;

	for (i = 0; i < m->nsnapshots; i++) {
		struct snapshot *s = &m->snapshots[i];

		schema_free_item(&snapshot_kinds[0], s);
		for (j = 0; j < s->nrows; j++)
			free(s->rows[j].name);
		free(s->rows);
		free(s->unnamed);
		free(s->id);
		free(s->file);
	}
	free(m->snapshots);
	m->snapshots = NULL;
	m->nsnapshots = 0;
	m->latest = m->latest_table = NULL;
	query_free_cache(m);
}

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->nnations; i++) {
		for (size_t j = 0; j < m->nations[i].ngroups; j++)
			free(m->nations[i].groups[j].group);
		free(m->nations[i].groups);
	}
	schema_free(nation_kinds, m);
	schema_free(mission_kinds, m);
	model_drop_snapshots(m);
	geo_free(m->geo);
	free(m->geo);
	free(m->item_lists);
	free(m->nation_index);
	query_free_cache(m);
	free(m->nations_file);
	free(m->mission_file);
	free(m->snapshots_dir);
	memset(m, 0, sizeof(*m));
}
