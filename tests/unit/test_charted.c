/* test_charted.c - what a troop-levels chart draws where: the line through
 * the counts (of one date, the exact figure), plans and second figures of a
 * date apart (snapshot columns line_total, apart_total); several.LIST. */
#include <criterion/criterion.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "model.h"
#include "query.h"

static struct model M;

static const char nations[] = "[Italy]\ncode = ITA\n";
static const char mission[] =
    "[mission]\nname = Test Mission\nacronym = TM\norganisation = Org\n"
    "launched = 2015\nas_of = 2021-02\nsource = s1\n"
    "[source s1]\ntitle = A source\n";

static void
snapshot(const char *file, const char *text)
{
	load_data_mem(&M, LOAD_SNAPSHOT, file, text, strlen(text));
}

/* Four figures: a count, a plan the same month, the exact table of a later
 * month and a "more than" of that month. */
static void
load(void)
{
	memset(&M, 0, sizeof(M));
	M.nations_file = xstrdup("nations.ini");
	M.mission_file = xstrdup("mission.ini");
	M.snapshots_dir = xstrdup("snapshots");
	load_data_mem(&M, LOAD_NATIONS, "nations.ini", nations,
	    strlen(nations));
	load_data_mem(&M, LOAD_MISSION, "mission.ini", mission,
	    strlen(mission));
	snapshot("snapshots/2017-11.ini", "[snapshot]\ndate = 2017-11\n"
	    "source = s1\ntotal = 13000\nqualifier = around\n");
	snapshot("snapshots/2017-11-plan.ini", "[snapshot]\ndate = 2017-11\n"
	    "source = s1\ntotal = 16000\nqualifier = around\nkind = plan\n");
	snapshot("snapshots/2020-02-text.ini", "[snapshot]\ndate = 2020-02\n"
	    "source = s1\ntotal = 16000\nqualifier = more than\n");
	snapshot("snapshots/2020-02.ini", "[snapshot]\ndate = 2020-02\n"
	    "source = s1\ntotal = 900\n[troops]\nItaly = 900\n");
	cr_assert_eq(diag_errors() + validate_model(&M), 0);
}

static void
unload(void)
{
	model_free(&M);
	diag_reset();
}

TestSuite(charted, .init = load, .fini = unload);

/* The total of column col for the snapshot whose total is `total`; -1
 * when the column is empty there. */
static long long
col_of(long total, const char *qual, const char *col)
{
	const struct qlist *l = query_list(&M, "snapshots");
	int tc = query_col(l, "total"), qc = query_col(l, "qualifier"),
	    c = query_col(l, col);
	struct qvalue v, q;
	size_t i;

	cr_assert(l && tc >= 0 && qc >= 0 && c >= 0);
	for (i = 0; i < query_rows(&M, l); i++) {
		query_get(&M, l, i, tc, &v);
		query_get(&M, l, i, qc, &q);
		if (v.type == QV_INT && v.i == total &&
		    strcmp(q.text, qual) == 0) {
			query_get(&M, l, i, c, &v);
			return v.type == QV_INT ? v.i : -1;
		}
	}
	cr_assert_fail("no snapshot of %ld", total);
	return -1;
}

Test(charted, counts_on_the_line_plans_apart)
{
	cr_assert_eq(col_of(13000, "around", "line_total"), 13000);
	cr_assert_eq(col_of(13000, "around", "apart_total"), -1);
	cr_assert_eq(col_of(16000, "around", "line_total"), -1);
	cr_assert_eq(col_of(16000, "around", "apart_total"), 16000);
}

Test(charted, of_one_date_the_exact_figure_is_on_the_line)
{
	cr_assert_eq(col_of(900, "exact", "line_total"), 900);
	cr_assert_eq(col_of(16000, "more than", "line_total"), -1);
	cr_assert_eq(col_of(16000, "more than", "apart_total"), 16000);
}

Test(charted, several_rows)
{
	struct qvalue v;

	cr_assert_eq(query_field(&M, "several.snapshots", &v), 0);
	cr_assert(v.type == QV_INT && v.i == 1);
	cr_assert_eq(query_field(&M, "several.tables", &v), 0);
	cr_assert_eq(v.type, QV_NONE, "one table is not several");
	cr_assert_eq(query_field(&M, "several.nothing", &v), -1);
}
