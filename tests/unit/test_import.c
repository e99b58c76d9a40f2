/* test_import.c - the importer's number, value and line parser, and its
 * table finder over small texts (report/placemat_parse.c,
 * report/import_table.c). */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "placemat_int.h"
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
	cr_expect_eq(L.pairs[0].nums[0].troops, 309);
	cr_expect_str_eq(name(1), "Netherlands");
	cr_expect_str_eq(name(2), "United Kingdom");
	cr_expect_str_eq(L.pairs[2].nums[0].text, "1.100");
	cr_expect_eq(L.pairs[2].nums[0].troops, 1100);
}

Test(placemat_split, one_pair_tab_and_colon)
{
	cr_assert_eq(split("Total:\t16.551\r"), 1);
	cr_assert_eq(L.npairs, 1);
	cr_expect_str_eq(name(0), "Total");
	cr_expect_eq(L.pairs[0].nums[0].troops, 16551);
}

Test(placemat_split, space_thousands_join_only_single_blanks)
{
	cr_assert_eq(split("United States 8 000 Poland 350"), 1);
	cr_assert_eq(L.npairs, 2);
	cr_expect_eq(L.pairs[0].nums[0].troops, 8000);
	cr_expect_eq(L.pairs[1].nums[0].troops, 350);
	/* A column gap is not a thousands separator: a second number column
	 * (or a row without a name, which the table decides). */
	cr_assert_eq(split("Spain 66     300"), PLACEMAT_ROW);
	cr_assert_eq(L.pairs[0].nnums, 2);
	cr_expect_eq(L.pairs[0].nums[1].troops, 300);
	cr_assert_eq(split("Luxembourg 2 3000"), PLACEMAT_ROW);
	cr_expect_eq(L.pairs[0].nnums, 2);
}

Test(placemat_split, footnote_marks)
{
	cr_assert_eq(split("Georgia* 871 North Macedonia 44\xC2\xB9 "
	    "United States 8.000 *"), 1);
	cr_assert_eq(L.npairs, 3);
	cr_expect_str_eq(name(0), "Georgia");
	cr_expect_str_eq(L.pairs[0].name_mark, "*");
	cr_expect_null(L.pairs[0].nums[0].mark);
	cr_expect_str_eq(L.pairs[1].nums[0].text, "44");
	cr_expect_str_eq(L.pairs[1].nums[0].mark, "\xC2\xB9");
	cr_expect_eq(L.pairs[1].nums[0].troops, 44);
	cr_expect_str_eq(L.pairs[2].nums[0].mark, "*");
	cr_expect_eq(L.pairs[2].nums[0].troops, 8000);
	cr_assert_eq(split("United Kingdom 1.100*\xE2\x80\xA0"), 1);
	cr_expect_str_eq(L.pairs[0].nums[0].mark, "*\xE2\x80\xA0");
	cr_expect_eq(L.pairs[0].nums[0].troops, 1100);
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
	cr_expect_eq(L.pairs[0].nums[0].troops, PLACEMAT_NUM_BAD);
	cr_expect_str_eq(L.pairs[0].nums[0].text, "1.30");
}

Test(placemat_split, prose)
{
	const char *prose[] = {"", "   \f ",
	    "Headquarter TAAC(E) in Laghman (USA)",
	    "and 13 February 2020. Both are finalizing the details",
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
static struct import_table P;

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
	import_table_free(&P);
	model_free(&M);
	diag_reset();
}

static int
parse(const char *text)
{
	import_table_free(&P);
	return placemat_parse("t.txt", text, strlen(text), &M, NULL, &P);
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
	/* The heading next to the table holds a number: said, not read. */
	fflush(stderr);
	cr_expect_stderr_eq_str("t.txt:6: warning: 'Troop numbers 2020' read "
	    "as a heading or a date (2020 as a year), not a row\n");
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
	    "'Papua Nw Guinea' (did you mean 'Papua New Guinea'? or add it to "
	    "nations.ini, see data/README.md)\n");
}

Test(placemat_parse, totals)
{
	cr_assert_eq(parse("Albania 99 Germany 1.300\nTotal 1.400\n"), 0);
	cr_expect_eq(P.total, 1400);
	cr_expect_eq(P.total_qual, QUAL_EXACT);
	cr_expect_eq(P.total_line, 2);
	cr_assert_eq(parse("Albania 99\nTotal strength: approximately 100\n"),
	    0);
	cr_expect_eq(P.total, 100);
	cr_expect_eq(P.total_qual, QUAL_AROUND);
	cr_assert_eq(parse("Albania 99\n"), 0);
	cr_expect_eq(P.total, -1);
	cr_expect_eq(P.total_line, 0);
}

Test(placemat_parse, others_line_counts_apart)
{
	cr_assert_eq(parse("Albania 99 Germany 1.300\nOther countries 3,528\n"
	    "Total 4.927\n"), 0);
	cr_expect_eq(P.nrows, 2);
	cr_expect_eq(P.sum, 1399);
	cr_expect_eq(P.others, 3528);
	cr_expect_eq(P.others_line, 2);
	cr_expect_eq(P.total, 4927);
}

Test(placemat_parse, second_total_and_duplicate)
{
	cr_expect_eq(parse("Albania 99 Total 99\nGermany 5 Albania 1\n"
	    "Total 104\n"), -1);
	fflush(stderr);
	cr_expect_stderr_eq_str(
	    "t.txt:2: error: 'Albania' is listed twice (first at line 1)\n"
	    "t.txt:3: error: a second total (the first is line 1)\n");
}

Test(placemat_parse, not_text)
{
	cr_expect_eq(parse(""), -1);
	cr_expect_eq(placemat_parse("t.txt", "Albania 99\n\0", 12, &M, NULL, &P),
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

/* ---- values: qualifiers, words, shapes ---- */

static struct placemat_num V;

static void
value_fini(void)
{
	placemat_num_free(&V);
}

static int
value(const char *s)
{
	placemat_num_free(&V);
	return placemat_value(s, strlen(s), &V);
}

TestSuite(placemat_value, .fini = value_fini);

Test(placemat_value, qualifiers)
{
	cr_assert_eq(value("about 1,300"), 1);
	cr_expect_eq(V.troops, 1300);
	cr_expect_eq(V.qual, QUAL_AROUND);
	cr_assert_eq(value("<10"), 1);
	cr_expect_eq(V.troops, 10);
	cr_expect_eq(V.qual, QUAL_LESS_THAN);
	cr_assert_eq(value("more than 16.000"), 1);
	cr_expect_eq(V.qual, QUAL_MORE_THAN);
	cr_assert_eq(value("over 500"), 1);
	cr_expect_eq(V.qual, QUAL_OVER);
	cr_assert_eq(value("at least 3"), 1);
	cr_expect_eq(V.qual, QUAL_AT_LEAST);
	cr_assert_eq(value("approximately 67,700"), 1);
	cr_expect_eq(V.qual, QUAL_AROUND);
	cr_expect_eq(V.troops, 67700);
	cr_assert_eq(value("up to 40"), 1);
	cr_expect_str_eq(V.refused, "up to");
}

Test(placemat_value, words_and_marks)
{
	cr_assert_eq(value("five"), 1);
	cr_expect_eq(V.troops, 5);
	cr_expect_eq(V.words, 1);
	cr_assert_eq(value("Twenty"), 1);
	cr_expect_eq(V.troops, 20);
	cr_assert_eq(value("1'300[2]"), 1);
	cr_expect_eq(V.troops, 1300);
	cr_expect_str_eq(V.mark, "[2]");
	cr_expect_eq(value("twenty-one"), 0);
	cr_expect_eq(value("many"), 0);
	cr_expect_eq(value("12 and 13"), 0);
}

Test(placemat_split, lists_and_parentheses)
{
	cr_assert_eq(split("Italy (638), United States (635); Hungary 469"),
	    PLACEMAT_ROW);
	cr_assert_eq(L.npairs, 3);
	cr_expect_str_eq(name(0), "Italy");
	cr_expect_eq(L.pairs[0].nums[0].troops, 638);
	cr_expect_str_eq(name(1), "United States");
	cr_expect_eq(L.pairs[2].nums[0].troops, 469);
	cr_assert_eq(split("United States: about 29,000"), PLACEMAT_ROW);
	cr_expect_str_eq(name(0), "United States");
	cr_expect_eq(L.pairs[0].nums[0].qual, QUAL_AROUND);
	cr_assert_eq(split("Austria one, Kazakhstan five"), PLACEMAT_ROW);
	cr_expect_eq(L.pairs[1].nums[0].troops, 5);
	cr_assert_eq(split("Romania 56 252"), PLACEMAT_ROW);
	cr_expect_eq(L.pairs[0].nnums, 1);      /* "56 252": one number */
	cr_assert_eq(split("Germany 8,000 troops"), PLACEMAT_ROW);
	cr_expect_eq(L.pairs[0].nnums, 1);
	/* Prose stays prose: a number in words needs to end its pair. */
	cr_expect_eq(split("one hub and four spokes"), PLACEMAT_PROSE);
	cr_expect_eq(split("See https://example.org/2020/3 for 12 more"),
	    PLACEMAT_PROSE);
}

Test(placemat_split, ranks_and_shares)
{
	cr_assert_eq(split("1. United States 8,000 48.3%"), PLACEMAT_ROW);
	cr_expect_eq(L.nlead, 1);
	cr_expect_eq(L.lead_rank, 1);
	cr_assert_eq(L.pairs[0].nnums, 2);
	cr_expect_eq(L.pairs[0].nums[0].troops, 8000);
	cr_expect_eq(L.pairs[0].nums[1].percent, 1);
	cr_expect_eq(split("252"), PLACEMAT_NUMBERS);
}

Test(placemat_parse, unnamed_rows_and_columns)
{
	cr_assert_eq(parse("Albania 13 Germany 530\nGermany 2 303\n"), -1);
	cr_assert_eq(parse("Albania 13\n252\nGermany 530\n"), 0);
	cr_expect_eq(P.nrows, 2);
	cr_assert_eq(P.nunnamed, 1);
	cr_expect_eq(P.unnamed[0].troops, 252);
	cr_expect_eq(P.unnamed[0].line, 2);
	cr_expect_null(P.unnamed[0].nation);
	cr_expect_eq(P.sum, 795);
}

/* ---- labels and names (import_table.c) ---- */

Test(import_label, totals_others_pages)
{
	cr_expect_eq(import_label("Total"), LABEL_TOTAL);
	cr_expect_eq(import_label("Total strength"), LABEL_TOTAL);
	cr_expect_eq(import_label("KFOR Total Strength"), LABEL_TOTAL);
	cr_expect_eq(import_label("Sum"), LABEL_TOTAL);
	cr_expect_eq(import_label("Other countries"), LABEL_OTHERS);
	cr_expect_eq(import_label("Others"), LABEL_OTHERS);
	cr_expect_eq(import_label("and other nations"), LABEL_OTHERS);
	cr_expect_eq(import_label("Page"), LABEL_PAGE);
	cr_expect_eq(import_label("Atlantis"), LABEL_NONE);
	cr_expect_eq(import_label("Nations of the other kind"), LABEL_NONE);
	cr_expect_eq(import_label("Totalitaria"), LABEL_NONE);
}

Test(import_nation, and_alias, .init = text_init, .fini = text_fini)
{
	int alias = -1;

	cr_assert_not_null(import_nation(&M, "and Albania", &alias));
	cr_expect_eq(alias, 0);
	cr_assert_not_null(import_nation(&M, "uk", &alias));
	cr_expect_eq(alias, 1);
	cr_assert_not_null(import_nation(&M, "GERMANY", &alias));
	cr_expect_eq(alias, 0);         /* the name, in other capitals */
	cr_expect_null(import_nation(&M, "Atlantis", &alias));
}

/* ---- a stated total in prose ---- */

static int
prose(const char *s, struct placemat_num *v, long *nations)
{
	memset(v, 0, sizeof(*v));
	*nations = -1;
	return placemat_prose_total(s, strlen(s), v, nations);
}

Test(placemat_prose, total_and_nations)
{
	struct placemat_num v;
	long n;

	cr_assert_eq(prose("KFOR has about 3,735 soldiers from 27 countries.",
	    &v, &n), 1);
	cr_expect_eq(v.troops, 3735);
	cr_expect_eq(v.qual, QUAL_AROUND);
	cr_expect_eq(n, 27);
	placemat_num_free(&v);
	cr_assert_eq(prose("16,551 troops", &v, &n), 1);
	cr_expect_eq(v.troops, 16551);
	cr_expect_eq(v.qual, QUAL_EXACT);
	cr_expect_eq(n, 0);
	placemat_num_free(&v);
}

/* A qualifier and a number as the line's last tokens: nothing to read
 * after them (the fuzzer found a read past the tokens here). */
Test(placemat_prose, qualifier_and_number_last)
{
	struct placemat_num v;
	long n;

	/* 4 and 8 tokens: the token array is full (it grows at powers of
	 * two), so a read past the last one leaves the allocation. */
	cr_expect_eq(prose("Figures are about 812", &v, &n), 0);
	cr_expect_eq(prose("The figures of this sheet are about 812", &v, &n),
	    0);
	cr_expect_eq(prose("about 812", &v, &n), 0);
	cr_expect_eq(prose("812", &v, &n), 0);
	cr_expect_eq(prose("some 900 staff", &v, &n), 1);
	cr_expect_eq(v.troops, 900);
	placemat_num_free(&v);
}
