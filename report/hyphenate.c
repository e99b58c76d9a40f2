/* hyphenate.c - hyphenation points from libhyphen (hyphenate.h). */
#include <hyphen.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hyphen_memo.h"
#include "hyphenate.h"
#include "typeset.h"

#define HY_MIN_LETTERS 6        /* shorter words are never hyphenated */
#define HY_MAX_LETTERS 60       /* longer "words" are not words */

/* Loaded on first use and kept: builds fork per output, never thread. */
static HyphenDict *dict;
static int tried;

static HyphenDict *
patterns(void)
{
	if (!tried) {
		tried = 1;
		dict = hnj_hyphen_load(HY_PATTERNS);
	}
	return dict;
}

static int
is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static int
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* The points libhyphen gives lowercase word w[0..n) as a mask (bit i: a
 * hyphen may go before byte i); -1 when the patterns cannot be loaded. */
static int
dict_points(const char *w, size_t n, uint64_t *mask)
{
	char marks[HY_MAX_LETTERS + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	HyphenDict *d;
	size_t i;

	*mask = 0;
	if ((d = patterns()) == NULL ||
	    hnj_hyphen_hyphenate2(d, w, (int)n, marks, NULL, &rep, &pos,
	    &cut) != 0)
		return -1;
	/* marks[i] odd: a hyphen may follow letter i; the dictionary's
	 * LEFTHYPHENMIN/RIGHTHYPHENMIN are applied here too (2 and 3). */
	for (i = 0; i + 1 < n; i++)
		if ((marks[i] & 1) && i + 1 >= 2 && n - (i + 1) >= 3)
			*mask |= (uint64_t)1 << (i + 1);
	if (rep) {
		for (i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
	return 0;
}

size_t
hy_points(const char *s, size_t n, unsigned char *ok)
{
	char low[HY_MAX_LETTERS + 1];
	size_t i, lower = 0, count = 0;
	uint64_t mask;

	memset(ok, 0, n);
	if (n < HY_MIN_LETTERS || n > HY_MAX_LETTERS)
		return 0;
	for (i = 0; i < n; i++) {
		if (!is_lower(s[i]) && !is_upper(s[i]))
			return 0;
		lower += is_lower(s[i]);
		low[i] = is_upper(s[i]) ? (char)(s[i] - 'A' + 'a') : s[i];
	}
	/* Two capitals or more (NATO, ANDSF, McChrystal): an acronym or a
	 * name the patterns do not know. */
	if (lower + 1 < n)
		return 0;
	low[n] = '\0';
	/* The output folder's memo first: a hit spares loading the
	 * patterns (hyphen_memo.h). */
	if (!hy_memo_get(low, n, &mask)) {
		if (dict_points(low, n, &mask) < 0)
			return 0;
		hy_memo_put(low, n, mask);
	}
	for (i = 1; i < n; i++)
		if (mask >> i & 1) {
			ok[i] = 1;
			count++;
		}
	return count;
}

int
hy_patterns_loaded(void)
{
	return tried;
}

size_t
hy_points_cb(void *arg, const char *s, size_t n, unsigned char *ok)
{
	(void)arg;
	return hy_points(s, n, ok);
}

int
hy_justifiable(double w, double size)
{
	return w >= HY_JUSTIFY_MIN_EM * size;
}

void
hy_justified(struct ts_opts *o, double size)
{
	memset(o, 0, sizeof(*o));
	o->justify = 1;
	o->max_gap = HY_MAX_GAP_EM * size;
	o->hyph = hy_points_cb;
}
