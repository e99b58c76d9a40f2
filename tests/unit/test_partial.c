/* test_partial.c - the partial-table model: per-row qualifiers, unnamed
 * rows, `table = partial`, what validate derives and what layouts read. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "query.h"

static struct model M;

static const char nations[] =
    "[Italy]\ncode = ITA\nnato = 1949-04-04\n"
    "[Austria]\ncode = AUT\n"
    "[Sweden]\ncode = SWE\nnato = 2024-03-07\n";

static const char mission[] =
    "[mission]\nname = Test Mission\nacronym = TM\norganisation = Org\n"
    "launched = 2020\nas_of = 2022-08\nsource = s1\ngroup = nato\n"
    "[source s1]\ntitle = A source\n";

/* Load the three files; returns the number of errors validate reports. */
static int
load(const char *snapshot)
{
	int before;

	memset(&M, 0, sizeof(M));
	M.nations_file = xstrdup("nations.ini");
	M.mission_file = xstrdup("mission.ini");
	M.snapshots_dir = xstrdup("snapshots");
	load_data_mem(&M, LOAD_NATIONS, "nations.ini", nations,
	    strlen(nations));
	load_data_mem(&M, LOAD_MISSION, "mission.ini", mission,
	    strlen(mission));
	before = diag_errors();
	load_data_mem(&M, LOAD_SNAPSHOT, "snapshots/2022-08.ini", snapshot,
	    strlen(snapshot));
	return (diag_errors() - before) + validate_model(&M);
}

static void
unload(void)
{
	model_free(&M);
	diag_reset();
}

static long long
field(const char *path)
{
	struct qvalue v;

	cr_assert_eq(query_field(&M, path, &v), 0, "%s", path);
	cr_assert_eq(v.type, QV_INT, "%s", path);
	return v.i;
}

/* A field that prints nothing ("none" is empty, not 0). */
static int
empty(const char *path)
{
	struct qvalue v;

	cr_assert_eq(query_field(&M, path, &v), 0, "%s", path);
	return v.type == QV_NONE;
}

TestSuite(partial, .fini = unload);

Test(partial, rows_qualifiers_and_unnamed_rows_are_kept)
{
	cr_assert_eq(load("[snapshot]\ndate = 2022-08\nsource = s1\n"
	    "total = 3735\nnations = 27\ntable = partial\n"
	    "[troops]\nItaly = 638\nAustria = around 10\n"
	    "[unnamed]\nrow = 252\nrow = 303\n"), 0);
	const struct snapshot *s = M.latest_table;

	cr_assert_not_null(s);
	cr_assert(s->partial);
	cr_assert_eq(s->nrows, 2);
	cr_assert_eq(s->rows[1].qual, QUAL_AROUND);
	cr_assert_eq(s->rows[1].troops, 10);
	cr_assert_eq(s->nunnamed, 2);
	cr_assert_null(s->unnamed[0].name);
	cr_assert_eq(s->sum, 638 + 10 + 252 + 303);
	cr_assert_eq(s->unnamed_troops, 555);
	cr_assert_eq(s->itemised_nations, 4);
	/* Unnamed rows count for neither Allies nor partners. */
	cr_assert_eq(s->allies, 1);
	cr_assert_eq(s->partners, 1);
	cr_assert_eq(s->ally_troops + s->partner_troops, 648);
}

Test(partial, layouts_read_stated_and_itemised_figures)
{
	const struct qlist *l;
	struct qvalue v;

	cr_assert_eq(load("[snapshot]\ndate = 2022-08\nsource = s1\n"
	    "total = 3735\nnations = 27\ntable = partial\n"
	    "[troops]\nItaly = 638\nAustria = 10\n[unnamed]\nrow = 252\n"),
	    0);
	cr_assert_eq(field("snapshot.total"), 3735);
	cr_assert_eq(field("snapshot.partial"), 1);
	cr_assert_eq(field("snapshot.itemised_nations"), 3);
	cr_assert_eq(field("snapshot.itemised_troops"), 900);
	cr_assert_eq(field("snapshot.named_troops"), 648);
	cr_assert_eq(field("snapshot.unnamed_rows"), 1);
	cr_assert_eq(field("snapshot.unnamed_troops"), 252);
	cr_assert_eq(field("snapshot.rest_troops"), 3735 - 900);
	cr_assert_eq(field("snapshot.rest_nations"), 24);
	/* Shares are of the stated total, not of the partial sum. */
	l = query_list(&M, "contributions");
	query_get(&M, l, 0, query_col(l, "share"), &v);
	cr_assert_float_eq(v.r, 638.0 / 3735.0, 1e-12);
	l = query_list(&M, "unnamed");
	cr_assert_eq(query_rows(&M, l), 1);
	query_get(&M, l, 0, query_col(l, "troops"), &v);
	cr_assert_eq(v.i, 252);
}

Test(partial, a_complete_table_must_add_up, .init = cr_redirect_stderr)
{
	cr_assert_eq(load("[snapshot]\ndate = 2022-08\nsource = s1\n"
	    "total = 1000\n[troops]\nItaly = 638\n[unnamed]\nrow = 300\n"), 1);
}

Test(partial, a_complete_table_counts_unnamed_rows_as_nations)
{
	cr_assert_eq(load("[snapshot]\ndate = 2022-08\nsource = s1\n"
	    "total = 938\nnations = 2\n[troops]\nItaly = 638\n"
	    "[unnamed]\nrow = 300\n"), 0);
	cr_assert_eq(empty("snapshot.rest_troops"), 1);
	cr_assert_eq(empty("snapshot.rest_nations"), 1);
	cr_assert_eq(empty("snapshot.unnamed_troops"), 0);
}

Test(partial, a_partial_sum_above_an_exact_total_is_an_error,
    .init = cr_redirect_stderr)
{
	cr_assert_eq(load("[snapshot]\ndate = 2022-08\nsource = s1\n"
	    "total = 600\ntable = partial\n[troops]\nItaly = 638\n"), 1);
}

Test(partial, more_rows_than_stated_nations_is_an_error,
    .init = cr_redirect_stderr)
{
	cr_assert_eq(load("[snapshot]\ndate = 2022-08\nsource = s1\n"
	    "total = 6000\nnations = 1\ntable = partial\n[troops]\n"
	    "Italy = 638\n[unnamed]\nrow = 1\n"), 1);
}

Test(partial, a_qualified_row_makes_a_mismatch_a_warning,
    .init = cr_redirect_stderr)
{
	cr_assert_eq(load("[snapshot]\ndate = 2022-08\nsource = s1\n"
	    "total = 700\n[troops]\nItaly = around 638\n"), 0);
	cr_assert_eq(diag_warnings(), 1);
}

Test(partial, bad_rows_are_errors, .init = cr_redirect_stderr)
{
	/* an unknown qualifier word, a bad unnamed row, a key that is not
	 * `row`, partial without any rows */
	cr_assert_eq(load("[snapshot]\ndate = 2022-08\nsource = s1\n"
	    "total = 700\n[troops]\nItaly = about 638\n[unnamed]\nrow = x\n"
	    "name = 3\n"), 3);
	unload();
	cr_assert_eq(load("[snapshot]\ndate = 2022-08\nsource = s1\n"
	    "total = 700\ntable = partial\n"), 1);
}
