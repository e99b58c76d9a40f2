/* test_load.c - the loaders and the validator over the shipped data and
 * over small in-memory files. */
#include <criterion/criterion.h>
#include <string.h>

#include "capture.h"
#include "diag.h"
#include "geo.h"
#include "load.h"
#include "model.h"
#include "query.h"
#include "schema.h"

static struct model M;

static void
load_shipped(void)
{
	memset(&M, 0, sizeof(M));
	cr_assert_eq(load_data(&M, "data/nations.ini", "data/rsm/mission.ini",
	    "data/rsm/snapshots", "data/geo/countries.txt"), 0);
	cr_assert_eq(validate_model(&M), 0);
}

static void
unload(void)
{
	model_free(&M);
	diag_reset();
}

TestSuite(shipped, .init = load_shipped, .fini = unload);

Test(shipped, february_2020_has_38_nations_totalling_16551)
{
	const struct snapshot *s = M.latest_table;

	cr_assert_not_null(s);
	cr_assert_str_eq(s->id, "2020-02");
	cr_assert_eq(s->nrows, 38);
	cr_assert_eq(s->sum, 16551);
	cr_assert_eq(s->total, 16551);
	cr_assert_eq(s->nations, 38);
	cr_assert_eq(s->allies + s->partners, 38);
}

Test(shipped, north_macedonia_was_a_partner_in_february_2020)
{
	const struct snapshot *s = M.latest_table;
	size_t i;
	int seen = 0;

	for (i = 0; i < s->nrows; i++)
		if (strcmp(s->rows[i].nation->code, "MKD") == 0) {
			cr_assert_eq(s->rows[i].ally, 0);
			seen = 1;
		} else if (strcmp(s->rows[i].nation->code, "USA") == 0)
			cr_assert_eq(s->rows[i].ally, 1);
	cr_assert(seen);
}

Test(shipped, every_iso_country_is_known_with_32_allies)
{
	size_t i, allies = 0;

	cr_assert_eq(M.nnations, 250);  /* ISO 3166-1 and Kosovo (XKX) */
	for (i = 0; i < M.nnations; i++)
		allies += M.nations[i].ngroups > 0;
	cr_assert_eq(allies, 32);
	cr_assert_not_null(model_nation(&M, "Czechia"));
	cr_assert_not_null(model_nation(&M, "bosnia-herzegovina"));
	cr_assert_str_eq(model_nation(&M, "the former Yugoslav Republic of "
	    "Macedonia")->code, "MKD");
}

Test(shipped, snapshots_are_sorted_by_date_and_keep_qualifiers)
{
	size_t i;

	cr_assert_geq(M.nsnapshots, 7);
	for (i = 1; i < M.nsnapshots; i++)
		cr_assert_leq(date_cmp(&M.snapshots[i - 1].date,
		    &M.snapshots[i].date), 0);
	cr_assert_eq(M.latest->total, 10000);
	cr_assert_eq(M.latest->qual, QUAL_AROUND);
	cr_assert_eq(M.latest->nations, 36);
}

Test(shipped, the_hub_and_four_spokes_have_coordinates)
{
	size_t i, hubs = 0, spokes = 0;

	for (i = 0; i < M.nplaces; i++) {
		hubs += strcmp(M.places[i].role, "hub") == 0;
		spokes += strcmp(M.places[i].role, "spoke") == 0;
	}
	cr_assert_geq(hubs, 1);
	cr_assert_eq(spokes, 4);
	cr_assert_not_null(M.geo);
	cr_assert_not_null(M.geo->home);
	cr_assert_str_eq(M.geo->home->code, "AFG");
	cr_assert_gt(M.geo->home->rings[0].n, 300);
}

Test(shipped, query_reads_fields_and_lists_by_name)
{
	struct qvalue v;
	const struct qlist *l;
	long long sum = 0;
	size_t i;
	int col;

	cr_assert_eq(query_field(&M, "snapshot.total", &v), 0);
	cr_assert_eq(v.type, QV_INT);
	cr_assert_eq(v.i, 16551);
	cr_assert_eq(query_field(&M, "mission.acronym", &v), 0);
	cr_assert_str_eq(v.text, "RSM");
	cr_assert_eq(query_field(&M, "headline.qualifier", &v), 0);
	cr_assert_str_eq(v.text, "around");
	cr_assert_eq(query_field(&M, "mission.nonsense", &v), -1);
	cr_assert_eq(query_field(&M, "text.no-such-text", &v), -1);
	cr_assert_eq(query_field(&M, "count.commands", &v), 0);
	cr_assert_eq(v.i, (long long)M.ncommands);
	l = query_list(&M, "contributions");
	cr_assert_not_null(l);
	cr_assert_eq(query_rows(&M, l), 38);
	col = query_col(l, "troops");
	cr_assert_geq(col, 0);
	for (i = 0; i < 38; i++) {
		query_get(&M, l, i, col, &v);
		sum += v.i;
	}
	cr_assert_eq(sum, 16551);
	cr_assert_eq(query_col(l, "bogus"), -1);
	cr_assert_null(query_list(&M, "bogus"));
}

Test(shipped, history_walks_every_row_in_order)
{
	const struct qlist *l = query_list(&M, "history");
	struct qvalue v;
	size_t i, n = query_rows(&M, l);
	long long sum = 0;

	cr_assert_eq(n, 38);
	for (i = 0; i < n; i++) {
		query_get(&M, l, i, query_col(l, "troops"), &v);
		sum += v.i;
	}
	cr_assert_eq(sum, 16551);
	query_get(&M, l, 0, query_col(l, "nation"), &v);
	cr_assert_str_eq(v.text, "Albania");
}

Test(shipped, list_items_are_lists)
{
	const struct qlist *l = query_list(&M, "list.supporting-functions");

	cr_assert_not_null(l);
	cr_assert_eq(query_rows(&M, l), 6);
	cr_assert_eq(query_list(&M, "list.supporting-functions"), l);
}

/* A tiny schema over a struct, for the engine itself. */
struct thing {
	struct loc loc;
	char *id, *name;
	long n;
	char **tags;
	size_t ntags;
};
struct box {
	struct thing *things;
	size_t nthings;
};

static const struct schema_field thing_fields[] = {
	{"name", ST_STR, offsetof(struct thing, name), SF_REQUIRED, 0, 0, 0, 0,
	    NULL},
	{"n", ST_LONG, offsetof(struct thing, n), 0, 0, 0, 0, 10, NULL},
	{"tag", ST_ITEMS, offsetof(struct thing, tags), 0,
	    offsetof(struct thing, ntags), 0, 0, 0, NULL},
	{NULL, 0, 0, 0, 0, 0, 0, 0, NULL}
};
static const struct schema_kind box_kinds[] = {
	{"thing", 0, sizeof(struct thing), offsetof(struct box, things),
	    offsetof(struct box, nthings), offsetof(struct thing, id),
	    offsetof(struct thing, loc), thing_fields, NULL, 0},
	{0}
};

static int
load_text(const char *text, struct box *b)
{
	int before = diag_errors();

	memset(b, 0, sizeof(*b));
	schema_load_mem("mem.ini", text, strlen(text), box_kinds, b, NULL);
	return diag_errors() - before;
}

Test(schema, continuation_lines_join_with_a_space)
{
	struct box b;

	cr_assert_eq(load_text("[thing a]\nname = one\n  two\ntag = x\n"
	    "tag = y\n", &b), 0);
	cr_assert_eq(b.nthings, 1);
	cr_assert_str_eq(b.things[0].name, "one two");
	cr_assert_eq(b.things[0].ntags, 2);
	cr_assert_eq(b.things[0].loc.line, 1);
	schema_free(box_kinds, &b);
}

Test(schema, each_problem_is_counted, .init = capture_begin,
    .fini = capture_end)
{
	struct box b;

	/* unknown key, bad number, duplicate key, missing name, dup id */
	cr_assert_eq(load_text("[thing a]\nname = x\nbogus = 1\nn = 11\n"
	    "name = y\n[thing b]\nn = 1\n[thing a]\nname = z\n", &b), 5);
	cr_assert_str_eq(capture_take(),
	    "mem.ini:3: error: unknown key 'bogus' in '[thing a]'\n"
	    "mem.ini:4: error: '11' for 'n' is not a whole number from 0 to 10\n"
	    "mem.ini:5: error: key 'name' given twice\n"
	    "mem.ini:6: error: missing required key 'name'\n"
	    "mem.ini:8: error: duplicate section 'a' (first at mem.ini:1)\n");
	schema_free(box_kinds, &b);
}

Test(schema, long_lines_and_bad_utf8_are_errors, .init = capture_begin,
    .fini = capture_end)
{
	struct box b;
	char text[400];

	memset(text, 0, sizeof(text));
	strcpy(text, "[thing a]\nname = ");
	memset(text + strlen(text), 'x', 250);
	strcat(text, "\n[thing b]\nname = \xff\xfe\n");
	cr_assert_eq(load_text(text, &b), 4);   /* 2 lines + 2 missing names */
	cr_assert_str_eq(capture_take(),
	    "mem.ini:2: error: line is 257 bytes long; the limit is 199 "
	    "(continue a long value on indented lines)\n"
	    "mem.ini:1: error: missing required key 'name'\n"
	    "mem.ini:4: error: invalid UTF-8 at byte 8\n"
	    "mem.ini:3: error: missing required key 'name'\n");
	schema_free(box_kinds, &b);
}
