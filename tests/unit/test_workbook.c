/* test_workbook.c - the workbook layout loader and the planner over the
 * shipped data and layouts/workbook.ini, and small layouts of their own. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "diag.h"
#include "load.h"
#include "load_workbook.h"
#include "model.h"
#include "xlsx_plan.h"

static struct model M;
static struct wb_layout *L;

static void
load_all(void)
{
	memset(&M, 0, sizeof(M));
	cr_assert_eq(load_data(&M, "data/nations.ini", "data/rsm/mission.ini",
	    "data/rsm/snapshots", "data/geo/countries.txt"), 0);
	cr_assert_eq(validate_model(&M), 0);
	L = load_workbook("layouts/workbook.ini", &M);
	cr_assert_not_null(L);
}

static void
unload(void)
{
	wb_layout_free(L);
	L = NULL;
	model_free(&M);
	diag_reset();
}

TestSuite(workbook, .init = load_all, .fini = unload);

static const struct wb_sheet *
sheet(const char *id)
{
	size_t i;

	for (i = 0; i < L->nsheets; i++)
		if (strcmp(L->sheets[i].id, id) == 0)
			return &L->sheets[i];
	cr_assert_fail("no sheet %s", id);
	return NULL;
}

Test(workbook, the_layout_names_six_sheets_in_order)
{
	static const char *const names[] = {"Contributions", "History by nation",
	    "Headlines", "Commands", "Timeline", "Sources"};
	size_t i;

	cr_assert_eq(L->nsheets, 6);
	for (i = 0; i < 6; i++)
		cr_assert_str_eq(L->sheets[i].name, names[i]);
	cr_assert_eq(sheet("contributions")->ncols, 6);
	cr_assert_eq(wb_col(L, sheet("contributions"), 4)->formula, WBX_SHARE);
}

Test(workbook, contributions_are_planned_largest_first_with_totals)
{
	struct xplan *p = xplan_new(L, &M);
	const struct xp_sheet *ps = &p->sheets[0];
	struct qvalue v;

	cr_assert_not_null(p);
	cr_assert_eq(p->constant_memory, 0);
	cr_assert_eq(ps->nrows, 38);
	cr_assert_eq(ps->header_row, 3);
	cr_assert_eq(ps->first_row, 4);
	cr_assert_eq(ps->total_row, 42);
	cr_assert_eq(ps->stated_row, 43);
	cr_assert_eq(ps->diff_row, 44);
	xplan_cell(&M, ps, 0, 0, &v);
	cr_assert_str_eq(v.text, "United States");
	xplan_cell(&M, ps, 37, 3, &v);
	cr_assert_eq(v.i, 2);
	cr_assert_float_eq(ps->info[3].total, 16551, 1e-9);
	cr_assert_eq(xplan_rank(&ps->info[3], 8000), 1);
	cr_assert_eq(xplan_rank(&ps->info[3], 2), 38);
	cr_assert_str_eq(ps->pc[4].header, "Share of total");
	xplan_free(p);
}

Test(workbook, history_has_a_row_per_nation_and_a_column_per_table)
{
	struct xplan *p = xplan_new(L, &M);
	const struct xp_sheet *ps = &p->sheets[1];

	cr_assert_not_null(ps->pv);
	cr_assert_eq(ps->pv->ngroups, 38);
	cr_assert_eq(ps->pv->nacross, 1);
	cr_assert_eq(ps->npc, 4);       /* no change column without a previous */
	cr_assert_str_eq(ps->pc[3].header, "February 2020");
	xplan_free(p);
}

Test(workbook, templates_take_fields_and_escaped_braces)
{
	struct wb_tctx tc = {NULL, NULL, ","};
	struct buf b = {0};

	wb_template(&M, "{mission.acronym}: {{x}} {snapshot.total} as of "
	    "{snapshot.date}", &tc, &b);
	cr_assert_str_eq(b.data, "RSM: {x} 16,551 as of February 2020");
	buf_free(&b);
}

/* ---- small layouts ---- */

static char *
write_layout(const char *text)
{
	char *path = strdup("/tmp/briefgen-wb-XXXXXX");
	int fd = mkstemp(path);

	cr_assert_geq(fd, 0);
	cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

/* What loading the workbook layout `text` says, the file called book.ini;
 * it must not load. */
static const char *
said_loading(const char *text)
{
	char *path = write_layout(text);
	struct wb_layout *l;
	const char *said;

	capture_begin();
	l = load_workbook(path, &M);
	cr_assert_null(l);
	said = capture_take_as(path, "book.ini");
	unlink(path);
	free(path);
	return said;
}

#define BOOK "[workbook]\nconstant_memory_rows = 100\n"

Test(workbook, sheet_names_follow_excels_rules, .fini = capture_end)
{
	cr_assert_str_eq(said_loading(BOOK
	    "[sheet a]\nname = x*y\nlist = sources\n[column a.id]\nheader = I\n"
	    "[sheet b]\nname = X*Y\nlist = sources\n[column b.id]\nheader = I\n"
	    "[sheet c]\nname = 'q\nlist = sources\n[column c.id]\nheader = I\n"
	    "[sheet d]\nname = 0123456789012345678901234567890x\n"
	    "list = sources\n[column d.id]\nheader = I\n"),
	    "book.ini:4: error: sheet name 'x*y' contains '*'; Excel allows "
	    "none of []:*?/\\ in a sheet name\n"
	    "book.ini:9: error: sheet name 'X*Y' contains '*'; Excel allows "
	    "none of []:*?/\\ in a sheet name\n"
	    "book.ini:9: error: sheet name 'X*Y' is already the name of "
	    "[sheet a] at line 4 (Excel ignores case)\n"
	    "book.ini:14: error: sheet name ''q' begins or ends with an "
	    "apostrophe, which Excel does not allow\n"
	    "book.ini:19: error: sheet name '0123456789012345678901234567890x' "
	    "is 32 characters long; Excel allows at most 31\n");
}

Test(workbook, a_sheet_needs_a_known_list_and_columns, .fini = capture_end)
{
	const char *said = said_loading(BOOK
	    "[sheet a]\nname = A\nlist = nowhere\n"
	    "[sheet b]\nname = B\nlist = sources\n"
	    "[sheet c]\nname = C\nlist = sources\n[column c.colour]\n"
	    "header = x\n");
	/* The lists and columns it offers grow with the model: only their
	 * start is fixed here. */
	const char *want[] = {
	    "book.ini:5: error: unknown list 'nowhere' (lists: contributions, ",
	    "\nbook.ini:12: error: unknown column 'colour' in list 'sources' "
	    "(columns: number, id, title, ",
	    "\nbook.ini:6: error: [sheet b] has no columns (add "
	    "'[column b.NAME]' sections after it)\n"};

	cr_assert(strncmp(said, want[0], strlen(want[0])) == 0, "%s", said);
	cr_assert_not_null(strstr(said, want[1]), "%s", said);
	cr_assert_not_null(strstr(said, want[2]), "%s", said);
	cr_assert_eq(strchr(strstr(said, want[2]) + 1, '\n')[1], '\0',
	    "%s", said);
}

Test(workbook, formulas_need_what_they_compute_over, .fini = capture_end)
{
	cr_assert_str_eq(said_loading(BOOK
	    "[sheet a]\nname = A\nlist = contributions\n"
	    "[column a.troops]\nheader = T\n"
	    "[column a.share]\nheader = S\nformula = share\nof = troops\n"
	    "[column a.rank]\nheader = R\nformula = rank\n"),
	    "book.ini:12: error: formula 'rank' needs 'of = COLUMN'\n"
	    "book.ini:11: error: a share divides by the total of 'troops': "
	    "give that column 'total = sum'\n");
}
