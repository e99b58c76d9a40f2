/* test_hyphenate.c - hyphenation points from libhyphen and Debian's
 * hyphen-en-us patterns (hyphenate.c), and what is never hyphenated. */
#include <criterion/criterion.h>
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
