/* test_hyphenate.c - hyphenation points from Debian's hyphen-en-us
 * patterns (hyphenate.c), the same as libhyphen's, and what is never
 * hyphenated. */
#include <criterion/criterion.h>
#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyphenate.h"
#include "typeset.h"

/* The word with "-" at its hyphenation points. */
static const char *
marked(const char *w)
{
	static char out[128];
	unsigned char ok[64];
	size_t i, n = strlen(w), o = 0;

	hy_points(w, n, ok);
	for (i = 0; i < n; i++) {
		if (i > 0 && ok[i])
			out[o++] = '-';
		out[o++] = w[i];
	}
	out[o] = '\0';
	return out;
}

Test(hyphenate, english_words_take_hyphens)
{
	cr_expect_str_eq(marked("effectiveness"), "ef-fec-tive-ness");
	cr_expect_str_eq(marked("institutions"), "in-sti-tu-tions");
	/* A capital first letter is a name or a sentence's start: fine. */
	cr_expect_str_eq(marked("Kandahar"), "Kan-da-har");
}

Test(hyphenate, acronyms_short_words_and_non_words_do_not)
{
	cr_expect_str_eq(marked("ANDSF"), "ANDSF");
	cr_expect_str_eq(marked("NATO-led"), "NATO-led");
	cr_expect_str_eq(marked("McChrystal"), "McChrystal");
	cr_expect_str_eq(marked("mission"), "mis-sion");
	cr_expect_str_eq(marked("troop"), "troop");
	cr_expect_str_eq(marked("16,551"), "16,551");
	cr_expect_str_eq(marked("Mazar-e-Sharif"), "Mazar-e-Sharif");
}

Test(hyphenate, justification_needs_a_wide_measure)
{
	struct ts_opts o;

	cr_expect(!hy_justifiable(200, 8.4));   /* 23.8 em: ragged */
	cr_expect(hy_justifiable(215, 8.4));    /* 25.6 em */
	hy_justified(&o, 10);
	cr_expect(o.justify);
	cr_expect_float_eq(o.max_gap, 6, 1e-9);
	cr_expect(o.hyph != NULL);
}

/* libhyphen's points for w (lower-case letters), with hyphenate.h's
 * LEFTHYPHENMIN 2 and RIGHTHYPHENMIN 3. */
static void
libhyphen_points(HyphenDict *d, const char *w, size_t n, unsigned char *ok)
{
	char marks[128];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t i;

	memset(ok, 0, n);
	cr_assert_eq(hnj_hyphen_hyphenate2(d, w, (int)n, marks, NULL, &rep,
	    &pos, &cut), 0);
	for (i = 0; i + 1 < n; i++)
		ok[i + 1] = (marks[i] & 1) && i + 1 >= 2 && n - (i + 1) >= 3;
	free(pos);
	free(cut);
}

/* Does hy_points agree with libhyphen's whole dictionary on w? */
static int
agrees(HyphenDict *d, const char *w, size_t n)
{
	unsigned char mine[64], theirs[64];

	hy_points(w, n, mine);
	libhyphen_points(d, w, n, theirs);
	return memcmp(mine, theirs, n) == 0;
}

/* hyphenate.c applies the patterns it finds in a word itself, instead of
 * loading all of them into libhyphen: the points must be libhyphen's, on
 * the words of this project's README and data and on made-up strings
 * (a fixed linear congruential sequence) that reach odd patterns. */
Test(hyphenate, the_same_points_as_libhyphen)
{
	static const char *const files[] = {"README.md", "data/README.md",
	    "layouts/README.md", NULL};
	HyphenDict *d = hnj_hyphen_load(HY_PATTERNS);
	char w[64];
	unsigned long x = 12345;
	size_t i, n, words = 0;
	int c, k;
	FILE *f;

	cr_assert(d != NULL);
	for (k = 0; files[k]; k++) {
		cr_assert((f = fopen(files[k], "r")) != NULL, "%s", files[k]);
		for (n = 0; (c = getc(f)) != EOF;) {
			if (c >= 'a' && c <= 'z' && n < 40) {
				w[n++] = (char)c;
				continue;
			}
			if (n >= 6) {
				cr_expect(agrees(d, w, n), "%.*s", (int)n, w);
				words++;
			}
			n = 0;
		}
		fclose(f);
	}
	for (i = 0; i < 20000; i++, words++) {
		x = x * 6364136223846793005ul + 1442695040888963407ul;
		n = 6 + (x >> 33) % 30;
		for (k = 0; k < (int)n; k++) {
			x = x * 6364136223846793005ul + 1442695040888963407ul;
			w[k] = (char)('a' + (x >> 33) % 26);
		}
		cr_expect(agrees(d, w, n), "%.*s", (int)n, w);
	}
	cr_expect(words > 21000, "%zu words", words);
	hnj_hyphen_free(d);
}
