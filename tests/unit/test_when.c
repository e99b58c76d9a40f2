/* test_when.c - one layout for every mission: blocks left out for want of
 * data (when, unless, no rows), defaults, facts over rows. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "layout.h"
#include "load.h"
#include "model.h"

static struct model M;
static struct layout *L;

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
	layout_free(L);
	L = NULL;
	model_free(&M);
	diag_reset();
}

/* A layout of the given blocks, with the styles they need. */
static struct layout *
lay(const char *blocks)
{
	char text[2048];

	snprintf(text, sizeof(text), "[style body]\n[style heading]\n"
	    "[style strong]\n[style small]\n%s", blocks);
	layout_free(L);
	L = layout_load_mem("test.ini", text, strlen(text), &M);
	return L;
}

/* The ids of the blocks laid out, space-separated. */
static const char *
ids(void)
{
	static char buf[256];
	size_t i;

	buf[0] = '\0';
	for (i = 0; L && i < L->nblocks; i++) {
		strcat(buf, i ? " " : "");
		strcat(buf, L->blocks[i].id);
	}
	return buf;
}

TestSuite(when, .init = load_shipped, .fini = unload);

Test(when, when_and_unless_choose_blocks)
{
	cr_assert_not_null(lay("[text a]\nwhen = snapshot.has_table\n"
	    "body = x\n[text b]\nunless = snapshot.has_table\nbody = y\n"
	    "[text c]\nwhen = text.no-such-text\nbody = {text.no-such-text}\n"
	    "[text d]\nwhen = mission.group snapshot.total\nbody = z\n"));
	cr_assert_str_eq(ids(), "a d");
}

Test(when, a_misspelt_field_is_still_an_error, .init = cr_redirect_stderr)
{
	cr_assert_null(lay("[text a]\nwhen = snapshot.totl\nbody = x\n"));
}

Test(when, blocks_without_rows_or_text_are_left_out)
{
	cr_assert_not_null(lay("[table t]\nlist = unnamed\n"
	    "column = troops | Troops\n[text e]\nbody = [[{text.nothing}]]\n"
	    "[columns c]\ncolumn = e\n[text f]\nbody = f\n"));
	cr_assert_str_eq(ids(), "f");
}

Test(when, facts_over_rows_join_by_label)
{
	const struct lay_block *b;

	cr_assert_not_null(lay("[facts h]\nlist = places\nwhere = role is "
	    "hub\nfact = Hub | {name}\njoin = \" / \"\n"));
	b = &L->blocks[0];
	cr_assert_eq(b->facts.n, 1);
	cr_assert_str_eq(b->facts.v[0].value.parts[0].text, "Kabul / Bagram");
}

Test(when, defaults_and_empty_facts)
{
	const struct lay_block *b;

	cr_assert_not_null(lay("[facts f]\nfact = A | {text.none.title?dflt}\n"
	    "fact = B | [[{text.none}]]\nfact = C | {text.commands.title?x}\n"));
	b = &L->blocks[0];
	cr_assert_eq(b->facts.n, 2);
	cr_assert_eq(b->facts.v[0].value.parts[0].kind, TP_FIELD);
	cr_assert_str_eq(b->facts.v[0].value.parts[0].dflt, "dflt");
}
