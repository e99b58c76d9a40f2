/* test_pdf_break.c - line breaking (typeset.c) with a made-up font: every
 * byte is 1 point wide, a space too, so widths are easy to reason about. */
#include <criterion/criterion.h>
#include <string.h>

#include "typeset.h"

static double
mono(void *arg, int style, const char *s, size_t n)
{
	(void)arg;
	(void)style;
	(void)s;
	return (double)n;
}

/* The text of line i, words joined as drawn. */
static void
line_text(const struct ts_para *p, size_t i, char *out, size_t size)
{
	const struct ts_line *l = &p->lines[i];
	size_t k, o = 0;

	for (k = l->first; k < l->first + l->n && o + 1 < size; k++) {
		const struct ts_word *w = &p->words[k];

		if (k > l->first && w->space > 0)
			out[o++] = ' ';
		memcpy(out + o, ts_word_text(p, k), w->n);
		o += w->n;
	}
	out[o] = '\0';
}

Test(pdf_break, fills_lines_first_fit)
{
	struct ts_para p = {0};
	char s[64];

	ts_add(&p, "the quick brown fox jumps over the lazy dog", 0, mono,
	    NULL);
	cr_assert_eq(ts_break(&p, 15, mono, NULL, NULL), 3);
	line_text(&p, 0, s, sizeof(s));
	cr_assert_str_eq(s, "the quick brown");
	line_text(&p, 1, s, sizeof(s));
	cr_assert_str_eq(s, "fox jumps over");
	line_text(&p, 2, s, sizeof(s));
	cr_assert_str_eq(s, "the lazy dog");
	cr_assert_eq(p.lines[0].width, 15);
	cr_assert(!p.lines[0].last);
	cr_assert(p.lines[2].last);
	ts_para_free(&p);
}

Test(pdf_break, no_word_is_lost_or_doubled)
{
	static const char text[] = "Resolute Support is a NATO-led, "
	    "non-combat mission launched on 1 January 2015 following ISAF";
	struct ts_para p = {0};
	size_t i, words = 0;
	double w;

	for (w = 8; w < 80; w += 3) {
		memset(&p, 0, sizeof(p));
		ts_add(&p, text, 0, mono, NULL);
		ts_break(&p, w, mono, NULL, NULL);
		for (i = 0, words = 0; i < p.nlines; i++) {
			cr_assert_eq(p.lines[i].first, words);
			words += p.lines[i].n;
			cr_assert_leq(p.lines[i].width, w);
		}
		cr_assert_eq(words, p.nwords);
		ts_para_free(&p);
	}
}

Test(pdf_break, forced_breaks_end_lines)
{
	struct ts_para p = {0};
	char s[64];

	ts_add(&p, "Lead nation: Italy\nCommander: Barduani", 0, mono, NULL);
	cr_assert_eq(ts_break(&p, 100, mono, NULL, NULL), 2);
	line_text(&p, 0, s, sizeof(s));
	cr_assert_str_eq(s, "Lead nation: Italy");
	cr_assert(p.lines[0].last);
	ts_para_free(&p);
}

Test(pdf_break, long_words_are_cut_after_a_slash)
{
	struct ts_para p = {0};
	char s[64];
	double widest;

	ts_add(&p, "see https://www.nato.int/cps/en/natohq/topics.htm", 0,
	    mono, NULL);
	ts_break(&p, 20, mono, NULL, &widest);
	cr_assert_leq(widest, 20);
	line_text(&p, 0, s, sizeof(s));
	cr_assert_str_eq(s, "see");
	line_text(&p, 1, s, sizeof(s));
	cr_assert_str_eq(s, "https://www.nato.");
	line_text(&p, 2, s, sizeof(s));
	cr_assert_str_eq(s, "int/cps/en/natohq/");
	ts_para_free(&p);
}

Test(pdf_break, cuts_never_split_a_utf8_character)
{
	struct ts_para p = {0};
	size_t i;

	/* "é" is two bytes: a 3-byte-wide line holds one and a half. */
	ts_add(&p, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", 0, mono, NULL);
	ts_break(&p, 3, mono, NULL, NULL);
	cr_assert_eq(p.nlines, 4);
	for (i = 0; i < p.nwords; i++)
		cr_assert_eq(p.words[i].n, 2);
	ts_para_free(&p);
}

Test(pdf_break, text_added_without_a_space_joins_the_word)
{
	struct ts_para p = {0};

	ts_add(&p, "[1]", 1, mono, NULL);
	ts_add(&p, "Title", 0, mono, NULL);
	ts_add(&p, " next", 0, mono, NULL);
	cr_assert_eq(p.nwords, 3);
	cr_assert_eq(p.words[1].space, 0);
	cr_assert_eq(p.words[2].space, 1);
	cr_assert_eq(ts_break(&p, 13, mono, NULL, NULL), 1);
	/* The joined pair stays on one line; the break comes at the space. */
	cr_assert_eq(ts_break(&p, 9, mono, NULL, NULL), 2);
	cr_assert_eq(p.lines[0].n, 2);
	cr_assert_eq(p.lines[0].width, 8);
	ts_para_free(&p);
}

/* ---- no-break rules, hyphenation, the gap limit ---- */

static void
broken(const char *text, double w, const struct ts_opts *o, char lines[][64],
    size_t *n)
{
	struct ts_para p = {0};
	size_t i;

	ts_add(&p, text, 0, mono, NULL);
	*n = ts_break_opts(&p, w, o, mono, NULL, NULL);
	for (i = 0; i < *n && i < 8; i++)
		line_text(&p, i, lines[i], 64);
	ts_para_free(&p);
}

Test(pdf_break, dates_and_pairs_do_not_break)
{
	char l[8][64];
	size_t n;

	/* "adopted 12 December 2014" would break after "12" at 16. */
	broken("adopted 12 December 2014", 16, NULL, l, &n);
	cr_assert_eq(n, 2);
	cr_expect_str_eq(l[0], "adopted");
	cr_expect_str_eq(l[1], "12 December 2014");
	broken("on 30 September 2014 it", 18, NULL, l, &n);
	cr_expect_str_eq(l[0], "on");
	cr_expect_str_eq(l[1], "30 September 2014");
	broken("spokes in Herat (west) and", 15, NULL, l, &n);
	cr_expect_str_eq(l[0], "spokes in");
	cr_expect_str_eq(l[1], "Herat (west)");
	broken("four spokes in Mazar-e Sharif", 22, NULL, l, &n);
	cr_expect_str_eq(l[0], "four spokes in");
	cr_expect_str_eq(l[1], "Mazar-e Sharif");
	broken("worth USD 4.2 billion", 16, NULL, l, &n);
	cr_expect_str_eq(l[0], "worth");
	cr_expect_str_eq(l[1], "USD 4.2 billion");
	/* A day needs a month: a count of things still breaks. */
	broken("had 12 nations", 6, NULL, l, &n);
	cr_expect_str_eq(l[0], "had 12");
}

Test(pdf_break, a_tied_group_wider_than_a_line_still_breaks)
{
	char l[8][64];
	size_t n;

	broken("12 December 2014", 9, NULL, l, &n);
	cr_assert_geq(n, 2);
	cr_expect_str_eq(l[0], "12");
}

/* Made-up hyphenation points: after every third letter. */
static size_t
every_third(void *arg, const char *s, size_t n, unsigned char *ok)
{
	size_t i, c = 0;

	(void)arg;
	(void)s;
	for (i = 1; i < n; i++)
		if ((ok[i] = i % 3 == 0))
			c++;
	return c;
}

Test(pdf_break, justified_lines_hyphenate_and_keep_gaps_in_bounds)
{
	struct ts_opts o = {1, 3, every_third, NULL};
	struct ts_para p = {0};
	char l[64];
	size_t i, n;

	ts_add(&p, "aa bb abcdefghi cc", 0, mono, NULL);
	n = ts_break_opts(&p, 10, &o, mono, NULL, NULL);
	cr_assert_eq(n, 2);
	line_text(&p, 0, l, sizeof(l));
	cr_expect_str_eq(l, "aa bb abc-");
	cr_expect(p.lines[0].hyph);
	cr_expect_float_eq(p.lines[0].extra, 0, 1e-9);
	line_text(&p, 1, l, sizeof(l));
	cr_expect_str_eq(l, "defghi cc");
	cr_expect(p.lines[1].last);
	ts_para_free(&p);
	/* No hyphenation point helps: the gap stops at max_gap (3). */
	o.hyph = NULL;
	ts_add(&p, "aa bb abcdefghi", 0, mono, NULL);
	ts_break_opts(&p, 12, &o, mono, NULL, NULL);
	cr_expect_float_eq(p.lines[0].extra, 2, 1e-9);
	for (i = 0; i < p.nlines; i++)
		cr_expect_leq(ts_line_gap(&p, i), 3 + 1e-9);
	ts_para_free(&p);
}
