/* test_hyphen_memo.c - the output folder's memo of hyphenation points
 * (hyphen_memo.c): it gives the points libhyphen gave, spares loading the
 * patterns, and is ignored whole when damaged or made from other
 * patterns.  Criterion runs each test in a process of its own, so
 * "loaded" is each test's own. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "hash.h"
#include "hyphen_memo.h"
#include "hyphenate.h"

#define PATTERNS "0123456789abcdef0123456789abcdef"

static char dir[] = "/tmp/briefgen-hymemo-XXXXXX";
static char file[sizeof(dir) + sizeof(HYMEMO_NAME) + 1];

static void
setup(void)
{
	cr_assert_not_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/%s", dir, HYMEMO_NAME);
	capture_begin();
}

static void
teardown(void)
{
	capture_end();
	unlink(file);
	rmdir(dir);
}

TestSuite(hyphen_memo, .init = setup, .fini = teardown);

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

static char *
slurp(void)
{
	FILE *f = fopen(file, "r");
	static char text[4096];
	size_t n;

	cr_assert_not_null(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

static void
spit(const char *text)
{
	FILE *f = fopen(file, "w");

	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

/* A memo as hy_memo_save writes it, its last line the hash of the rest. */
static void
spit_sealed(const char *body)
{
	char sum[HASH_HEX], text[4096];

	hash_mem(body, strlen(body), sum);
	snprintf(text, sizeof(text), "%send %s\n", body, sum);
	spit(text);
}

Test(hyphen_memo, remembers_what_the_patterns_gave_in_a_file_sorted)
{
	char expect[4096], sum[HASH_HEX];
	const char *body = "briefgen-hyphen 1 " PATTERNS "\n"
	    "effectiveness 2,5,9\n" "kandahar 3,5\n" "training 5\n";

	cr_assert_eq(hy_memo_open(dir, PATTERNS), 0);
	cr_expect_str_eq(marked("training"), "train-ing");
	cr_expect_str_eq(marked("effectiveness"), "ef-fec-tive-ness");
	cr_expect_str_eq(marked("Kandahar"), "Kan-da-har");
	cr_expect_str_eq(marked("NATO"), "NATO");      /* never asked */
	cr_expect(hy_patterns_loaded());
	hy_memo_save();
	hash_mem(body, strlen(body), sum);
	snprintf(expect, sizeof(expect), "%send %s\n", body, sum);
	cr_expect_str_eq(slurp(), expect);
	hy_memo_close();
	cr_expect_str_eq(capture_take(), "");
}

Test(hyphen_memo, a_remembered_word_spares_loading_the_patterns)
{
	spit_sealed("briefgen-hyphen 1 " PATTERNS "\n" "effectiveness 2,5,9\n"
	    "launched -\n");
	cr_assert_eq(hy_memo_open(dir, PATTERNS), 0);
	cr_expect_str_eq(marked("effectiveness"), "ef-fec-tive-ness");
	cr_expect_str_eq(marked("launched"), "launched");
	cr_expect(!hy_patterns_loaded());
	/* A new word loads them, and the memo learns it. */
	cr_expect_str_eq(marked("institutions"), "in-sti-tu-tions");
	cr_expect(hy_patterns_loaded());
	hy_memo_save();
	cr_expect(strstr(slurp(), "\ninstitutions 2,5,7\n") != NULL);
	hy_memo_close();
}

Test(hyphen_memo, a_damaged_memo_or_other_patterns_are_not_used)
{
	/* Its points edited, its hash now wrong: the patterns decide. */
	spit_sealed("briefgen-hyphen 1 " PATTERNS "\n" "training 5\n");
	cr_assert_eq(hy_memo_open(dir, PATTERNS), 0);
	hy_memo_close();
	{
		char *t = slurp();

		strstr(t, "training 5")[9] = '3';
		spit(t);
	}
	cr_assert_eq(hy_memo_open(dir, PATTERNS), 0);
	cr_expect_str_eq(marked("training"), "train-ing");
	cr_expect(hy_patterns_loaded());
	hy_memo_close();
	/* Sealed, but from other patterns, or not a memo's lines. */
	spit_sealed("briefgen-hyphen 1 " PATTERNS "\n" "training 3\n");
	cr_assert_eq(hy_memo_open(dir, "ffffffffffffffffffffffffffffffff"), 0);
	cr_expect_str_eq(marked("training"), "train-ing");
	hy_memo_close();
	spit_sealed("briefgen-hyphen 1 " PATTERNS "\n" "Training 3\n");
	cr_assert_eq(hy_memo_open(dir, PATTERNS), 0);
	cr_expect_str_eq(marked("training"), "train-ing");
	hy_memo_close();
	spit_sealed("briefgen-hyphen 1 " PATTERNS "\n" "training 9\n");
	cr_assert_eq(hy_memo_open(dir, PATTERNS), 0);
	cr_expect_str_eq(marked("training"), "train-ing");
	hy_memo_close();
	cr_expect_str_eq(capture_take(), "");
}

Test(hyphen_memo, no_memo_without_the_patterns_hash)
{
	cr_assert_eq(hy_memo_open(dir, "-"), 0);
	cr_expect_str_eq(marked("training"), "train-ing");
	hy_memo_save();
	cr_expect(access(file, F_OK) != 0);
	hy_memo_close();
}

Test(hyphen_memo, a_link_in_its_place_is_refused)
{
	cr_assert_eq(symlink("/etc/passwd", file), 0);
	cr_expect_eq(hy_memo_open(dir, PATTERNS), -1);
	cr_expect(strstr(capture_take(), HYMEMO_NAME) != NULL);
	cr_expect_str_eq(marked("training"), "train-ing");
	hy_memo_save();
	hy_memo_close();
}
