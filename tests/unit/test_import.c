/* test_import.c - the placemat importer's number and line parser, and its
 * table finder over small texts (report/placemat_parse.c). */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "placemat_parse.h"

/* ---- numbers ---- */

static long
num(const char *s)
{
	return placemat_number(s, strlen(s));
}

Test(placemat_number, plain)
{
	cr_expect_eq(num("0"), 0);
	cr_expect_eq(num("99"), 99);
	cr_expect_eq(num("16551"), 16551);
}

Test(placemat_number, thousands_separators)
{
	cr_expect_eq(num("1.300"), 1300);
	cr_expect_eq(num("1,300"), 1300);
	cr_expect_eq(num("1 300"), 1300);
	cr_expect_eq(num("1\xC2\xA0" "300"), 1300);        /* no-break space */
	cr_expect_eq(num("1\xE2\x80\xAF" "300"), 1300);    /* narrow nbsp */
	cr_expect_eq(num("1'300"), 1300);
	cr_expect_eq(num("16.551"), 16551);
	cr_expect_eq(num("1.300.000"), 1300000);
	cr_expect_eq(num("10.000.000"), 10000000);
}

Test(placemat_number, malformed)
{
	const char *bad[] = {"", "abc", "1.30", "1.3000", "1234.567", "0.500",
	    "1.300,000", "1..300", "1.", ".300", "12a", "1.5", "-5", "+5",
	    "1\t300", "1  300", "1,300.000"};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_expect_eq(num(bad[i]), PLACEMAT_NUM_BAD, "'%s'", bad[i]);
}

Test(placemat_number, too_big)
{
	cr_expect_eq(num("10.000.001"), PLACEMAT_NUM_BIG);
	cr_expect_eq(num("99999999999999999999999"), PLACEMAT_NUM_BIG);
}

/* ---- lines ---- */

static struct placemat_line L;

static int
split(const char *s)
{
	placemat_line_free(&L);
	return placemat_split(s, strlen(s), &L);
}

static void
line_fini(void)
{
	placemat_line_free(&L);
}

/* Pair k's name, words joined by one space. */
static const char *
name(size_t k)
{
	static char out[256];
	size_t j;

	out[0] = '\0';
	for (j = 0; j < L.pairs[k].nwords; j++) {
		if (j)
			strcat(out, " ");
		strcat(out, L.pairs[k].words[j].text);
	}
	return out;
}

TestSuite(placemat_split, .fini = line_fini);

Test(placemat_split, three_columns_flattened)
{
	cr_assert_eq(split("Czech Republic 309 Netherlands 160 "
	    "United Kingdom 1.100"), 1);
	cr_assert_eq(L.npairs, 3);
	cr_expect_str_eq(name(0), "Czech Republic");
	cr_expect_eq(L.pairs[0].troops, 309);
	cr_expect_str_eq(name(1), "Netherlands");
	cr_expect_str_eq(name(2), "United Kingdom");
	cr_expect_str_eq(L.pairs[2].number, "1.100");
	cr_expect_eq(L.pairs[2].troops, 1100);
}

Test(placemat_split, one_pair_tab_and_colon)
{
	cr_assert_eq(split("Total:\t16.551\r"), 1);
	cr_assert_eq(L.npairs, 1);
	cr_expect_str_eq(name(0), "Total");
	cr_expect_eq(L.pairs[0].troops, 16551);
}

Test(placemat_split, space_thousands_join_only_single_blanks)
{
	cr_assert_eq(split("United States 8 000 Poland 350"), 1);
	cr_assert_eq(L.npairs, 2);
	cr_expect_eq(L.pairs[0].troops, 8000);
	cr_expect_eq(L.pairs[1].troops, 350);
	/* A column gap is not a thousands separator: two numbers in a row
	 * make the line prose. */
	cr_expect_eq(split("Spain 66     300"), 0);
	cr_expect_eq(split("Luxembourg 2 3000"), 0);
}

Test(placemat_split, footnote_marks)
{
	cr_assert_eq(split("Georgia* 871 North Macedonia 44\xC2\xB9 "
	    "United States 8.000 *"), 1);
	cr_assert_eq(L.npairs, 3);
	cr_expect_str_eq(name(0), "Georgia");
	cr_expect_str_eq(L.pairs[0].name_mark, "*");
	cr_expect_null(L.pairs[0].number_mark);
	cr_expect_str_eq(L.pairs[1].number, "44");
	cr_expect_str_eq(L.pairs[1].number_mark, "\xC2\xB9");
	cr_expect_eq(L.pairs[1].troops, 44);
	cr_expect_str_eq(L.pairs[2].number_mark, "*");
	cr_expect_eq(L.pairs[2].troops, 8000);
	cr_assert_eq(split("United Kingdom 1.100*\xE2\x80\xA0"), 1);
	cr_expect_str_eq(L.pairs[0].number_mark, "*\xE2\x80\xA0");
	cr_expect_eq(L.pairs[0].troops, 1100);
}

Test(placemat_split, column_gap_flag)
{
	cr_assert_eq(split("  assist the forces and      Albania   99"), 1);
	cr_assert_eq(L.npairs, 1);
	cr_assert_eq(L.pairs[0].nwords, 5);
	cr_expect_eq(L.pairs[0].words[3].wide, 0);
	cr_expect_eq(L.pairs[0].words[4].wide, 1);
}

Test(placemat_split, bad_number_still_a_row)
{
	cr_assert_eq(split("Germany 1.30"), 1);
	cr_expect_eq(L.pairs[0].troops, PLACEMAT_NUM_BAD);
	cr_expect_str_eq(L.pairs[0].number, "1.30");
}

Test(placemat_split, prose)
{
	const char *prose[] = {"", "   \f ",
	    "Headquarter TAAC(E) in Laghman (USA)",
	    "16.551", "and 13 February 2020. Both are finalizing the details",
	    "https://rs.nato.int/page35494954.aspx",
	    "Resolute Support Mission (RSM): Key Facts and Figures",
	    "99 Albania"};
	size_t i;

	for (i = 0; i < sizeof(prose) / sizeof(prose[0]); i++) {
		cr_expect_eq(split(prose[i]), 0, "'%s'", prose[i]);
		cr_expect_eq(L.npairs, 0);
	}
}

/* ---- whole texts ---- */

static struct model M;
static struct placemat P;

static void
add_nation(const char *n, const char *aka)
{
	struct nation *x = array_push(&M.nations, &M.nnations, sizeof(*x));

	x->name = xstrdup(n);
	x->code = xstrdup("ZZZ");
	if (aka) {
		x->aka = xmalloc(sizeof(char *));
		x->aka[0] = xstrdup(aka);
		x->naka = 1;
	}
}

static void
text_init(void)
{
	cr_redirect_stderr();
	add_nation("Albania", NULL);
	add_nation("Equatorial Guinea", NULL);
	add_nation("Germany", NULL);
	add_nation("Guinea", NULL);
	add_nation("North Macedonia", "Macedonia");
	add_nation("Papua New Guinea", NULL);
	add_nation("United Kingdom", "UK");
	M.nations_file = xstrdup("nations.ini");
}

static void
text_fini(void)
{
	placemat_free(&P);
	model_free(&M);
	diag_reset();
}

static int
parse(const char *text)
{
	placemat_free(&P);
	return placemat_parse("t.txt", text, strlen(text), &M, &P);
}

TestSuite(placemat_parse, .init = text_init, .fini = text_fini);

Test(placemat_parse, greedy_multi_word_names)
{
	cr_assert_eq(parse("Equatorial Guinea 5 Guinea 3 Papua New Guinea 1\n"
	    "North Macedonia 44 Macedonia 1\n"), -1);
	cr_assert_eq(P.nrows, 4);
	cr_expect_str_eq(P.rows[0].nation->name, "Equatorial Guinea");
	cr_expect_str_eq(P.rows[1].nation->name, "Guinea");
	cr_expect_str_eq(P.rows[2].nation->name, "Papua New Guinea");
	cr_expect_str_eq(P.rows[3].nation->name, "North Macedonia");
	/* "Macedonia" is North Macedonia again. */
	cr_expect_eq(diag_errors(), 1);
}

Test(placemat_parse, table_among_prose)
{
	cr_assert_eq(parse("Key Facts and Figures\n\n"
	    "more than 16,000 troops from 38\n"
	    "NATO Allies and partners.\n\n"
	    "Troop numbers 2020\n"
	    "Albania 99 Germany 1.300\n\n"
	    "UK 1.100 Total 2.499\n"
	    "https://example.org/2020/3/x.pdf\n"), 0);
	cr_assert_eq(P.nrows, 3);
	cr_expect_eq(P.sum, 2499);
	cr_expect_eq(P.total, 2499);
	cr_expect_eq(P.total_line, 9);
	cr_expect_eq(P.first_line, 7);
	cr_expect_eq(P.last_line, 9);
	cr_expect_str_eq(P.rows[2].nation->name, "United Kingdom");
	cr_expect_eq(placemat_check_total(&P, "t.txt", 0), 0);
	cr_expect_eq(diag_warnings(), 0);
}

Test(placemat_parse, text_beside_the_table)
{
	cr_assert_eq(parse("prose at the left     Albania 99   Germany 5\n"
	    "more prose       Guinea 3\n"), 0);
	cr_assert_eq(P.nrows, 3);
	/* Without a column gap, the words are part of the name. */
	cr_expect_eq(parse("Albania 99\nPapua Nw Guinea 1\n"), -1);
	fflush(stderr);
	cr_expect_stderr_eq_str("t.txt:2: error: unknown nation "
	    "'Papua Nw Guinea' (did you mean 'Papua New Guinea'?)\n");
}

Test(placemat_parse, totals)
{
	cr_assert_eq(parse("Albania 99 Germany 1.300\nTotal 1.400\n"), 0);
	cr_expect_eq(placemat_check_total(&P, "t.txt", 1), 1);
	cr_expect_eq(diag_errors(), 0);
	cr_expect_eq(placemat_check_total(&P, "t.txt", 0), -1);
	cr_expect_eq(diag_errors(), 1);
	cr_assert_eq(parse("Albania 99\n"), 0);
	cr_expect_eq(P.total, -1);
	cr_expect_eq(placemat_check_total(&P, "t.txt", 0), 0);
	cr_expect_eq(diag_warnings(), 2);
}

Test(placemat_parse, second_total_and_duplicate)
{
	cr_expect_eq(parse("Albania 99 Total 99\nGermany 5 Albania 1\n"
	    "Total 104\n"), -1);
	fflush(stderr);
	cr_expect_stderr_eq_str(
	    "t.txt:2: error: 'Albania' is listed twice (first at line 1)\n"
	    "t.txt:3: error: a second Total line (the first is line 1)\n");
}

Test(placemat_parse, not_text)
{
	cr_expect_eq(parse(""), -1);
	cr_expect_eq(placemat_parse("t.txt", "Albania 99\n\0", 12, &M, &P),
	    -1);
	cr_expect_eq(parse("Albania \xff\n"), -1);
	cr_expect_eq(parse("Prose only, 12 words.\n"), -1);
	cr_expect_eq(diag_errors(), 4);
	cr_expect_eq(P.nrows, 0);
}

Test(placemat_parse, bom_and_crlf)
{
	cr_assert_eq(parse("\xEF\xBB\xBF" "Albania 99\r\nGermany 1 300\r\n"),
	    0);
	cr_expect_eq(P.nrows, 2);
	cr_expect_eq(P.sum, 1399);
}
