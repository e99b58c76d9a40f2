/* hyphenate.c - hyphenation points from Debian's hyphen-en-us patterns
 * (hyphenate.h), by Liang's method as libhyphen applies them.
 *
 * libhyphen's hnj_hyphen_load builds a state machine for all 11,000
 * patterns before the first word: 37 M instructions, 14 % of a fact
 * sheet, for the few dozen words a document asks about.  Liang's method
 * gives each gap in ".word." the highest digit any pattern found in the
 * word puts there, so all a word needs is the patterns found in it: here
 * the file is read once, each pattern indexed by its letters, and a word
 * looks up its substrings.  The points are libhyphen's: the unit tests
 * compare the two over a word list (tests/unit/test_hyphenate.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyphenate.h"
#include "typeset.h"
#include "util.h"

#define HY_MIN_LETTERS 6        /* shorter words are never hyphenated */
#define HY_MAX_LETTERS 60       /* longer "words" are not words */
#define HY_DOTTED (HY_MAX_LETTERS + 2)

/* One pattern line of the file, e.g. ".a2ch4", found by its letters
 * (".ach"); patterns with the same letters are chained in file order. */
struct hy_pat {
	const char *line;       /* in the file's text */
	size_t len;             /* the line, without '\n' */
	const char *key;        /* its letters, in keys */
	size_t klen;
	size_t hash;            /* of its letters */
	size_t same;            /* the next with these letters, or NONE */
};

#define NONE ((size_t)-1)

/* The pattern file, read once per process and kept: builds fork per
 * output, never thread. */
static struct {
	int tried;
	char *text;
	char *keys;             /* every pattern's letters, end to end */
	struct hy_pat *pat;
	size_t npat, longest;
	size_t *slot;           /* open addressing: first hy_pat, or NONE */
	size_t cap;             /* slots, a power of two */
} pf;

/* The whole file at path, NUL-ended, or NULL (no message: without
 * patterns nothing is hyphenated, as before). */
static char *
read_all(const char *path)
{
	struct buf b = {0};
	char chunk[16384];
	size_t got;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return NULL;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, got);
	if (ferror(f) || b.len == 0) {
		buf_free(&b);
		b.data = NULL;
	} else {
		buf_add(&b, "", 1);
	}
	fclose(f);
	return b.data;
}

/* FNV-1a, a byte at a time: a word's substrings extend one hash. */
#define HASH0 ((size_t)2166136261u)

static size_t
hash_add(size_t h, char c)
{
	return (h ^ (unsigned char)c) * 16777619u;
}

/* The first pattern with letters s[0..n) (of hash h), or NONE. */
static size_t
lookup(const char *s, size_t n, size_t h)
{
	size_t i, k;

	if (pf.cap == 0)
		return NONE;
	for (i = h & (pf.cap - 1); (k = pf.slot[i]) != NONE;
	    i = (i + 1) & (pf.cap - 1))
		if (pf.pat[k].klen == n && memcmp(pf.pat[k].key, s,
		    n) == 0)
			return k;
	return NONE;
}

/* Index pattern k by its letters (after those already there). */
static void
insert(size_t k)
{
	struct hy_pat *p = &pf.pat[k];
	size_t i, j;

	for (i = p->hash & (pf.cap - 1);
	    (j = pf.slot[i]) != NONE; i = (i + 1) & (pf.cap - 1))
		if (pf.pat[j].klen == p->klen &&
		    memcmp(pf.pat[j].key, p->key, p->klen) == 0) {
			while (pf.pat[j].same != NONE)
				j = pf.pat[j].same;
			pf.pat[j].same = k;
			return;
		}
	pf.slot[i] = k;
}

/* Where a pattern's letters and digits end: a '/' starts libhyphen's
 * non-standard part. */
static int
pattern_end(char c)
{
	return c == '/' || c == ' ' || c == '\t' || c == '\r';
}

/* The letters of pattern s[0..n) into key (n bytes at most): digits
 * dropped, up to a '/' (libhyphen's non-standard part) or white space.
 * 0 for a line no ASCII word contains (other letters: ligatures). */
static size_t
letters(const char *s, size_t n, char *key, size_t *h)
{
	size_t i, k = 0;

	*h = HASH0;
	for (i = 0; i < n && !pattern_end(s[i]); i++) {
		if ((unsigned char)s[i] >= 0x80)
			return 0;
		if (s[i] < '0' || s[i] > '9') {
			key[k++] = s[i];
			*h = hash_add(*h, s[i]);
		}
	}
	return k;
}

/* File line `no` (0-based) s[0..n): a pattern, or the charset line,
 * LEFTHYPHENMIN and the like (hy_points applies those itself), or a
 * comment. */
static void
add_line(size_t no, const char *s, size_t n, char **keys)
{
	struct hy_pat *p;
	size_t klen, h;

	if (no == 0 || n == 0 || s[0] == '%' || (s[0] >= 'A' && s[0] <= 'Z'))
		return;
	if ((klen = letters(s, n, *keys, &h)) == 0)
		return;
	p = &pf.pat[pf.npat++];
	p->line = s;
	p->len = n;
	p->key = *keys;
	p->klen = klen;
	p->hash = h;
	p->same = NONE;
	*keys += klen;
	if (klen > pf.longest)
		pf.longest = klen;
}

/* Read and index the patterns on first use; 0 when there are none. */
static int
patterns(void)
{
	const char *s, *nl, *end;
	char *keys;
	size_t no = 0, k, lines = 1;

	if (pf.tried)
		return pf.npat > 0;
	pf.tried = 1;
	if ((pf.text = read_all(HY_PATTERNS)) == NULL)
		return 0;
	/* A pattern a line, its letters no longer than the line. */
	end = pf.text + strlen(pf.text);
	for (s = pf.text; (s = memchr(s, '\n', (size_t)(end - s))) != NULL;
	    s++)
		lines++;
	pf.pat = xmalloc(lines * sizeof(*pf.pat));
	keys = pf.keys = xmalloc((size_t)(end - pf.text) + 1);
	for (s = pf.text; s < end; s = nl + 1, no++) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		add_line(no, s, (size_t)(nl - s), &keys);
	}
	for (pf.cap = 64; pf.cap < 2 * pf.npat; pf.cap *= 2)
		;
	pf.slot = xmalloc(pf.cap * sizeof(*pf.slot));
	memset(pf.slot, 0xff, pf.cap * sizeof(*pf.slot));       /* NONE */
	for (k = 0; k < pf.npat; k++)
		insert(k);
	return pf.npat > 0;
}

/* Pattern p found at dotted[at..]: the digit before its j-th letter
 * raises gap at + j (gap g lies before dotted[g]). */
static void
apply(const struct hy_pat *p, size_t at, unsigned char *gap)
{
	size_t i, g = at;

	for (i = 0; i < p->len && !pattern_end(p->line[i]); i++) {
		if (p->line[i] >= '0' && p->line[i] <= '9') {
			if ((unsigned char)(p->line[i] - '0') > gap[g])
				gap[g] = (unsigned char)(p->line[i] - '0');
		} else {
			g++;
		}
	}
}

/* Liang's values for the gaps of ".low." (low: n lower-case letters):
 * gap[g] lies before dotted[g], so letter i is followed by gap i + 2. */
static void
liang(const char *low, size_t n, unsigned char *gap)
{
	char dotted[HY_DOTTED];
	size_t i, len, k, h, m = n + 2;

	dotted[0] = '.';
	memcpy(dotted + 1, low, n);
	dotted[n + 1] = '.';
	memset(gap, 0, m + 1);
	for (i = 0; i < m; i++)
		for (h = HASH0, len = 1; len <= pf.longest && i + len <= m;
		    len++) {
			h = hash_add(h, dotted[i + len - 1]);
			for (k = lookup(dotted + i, len, h); k != NONE;
			    k = pf.pat[k].same)
				apply(&pf.pat[k], i, gap);
		}
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

size_t
hy_points(const char *s, size_t n, unsigned char *ok)
{
	char low[HY_MAX_LETTERS + 1];
	unsigned char gap[HY_DOTTED + 1];
	size_t i, lower = 0, count = 0;

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
	if (!patterns())
		return 0;
	liang(low, n, gap);
	/* An odd value after letter i: a hyphen may follow it; the
	 * dictionary's LEFTHYPHENMIN/RIGHTHYPHENMIN (2 and 3) hold too. */
	for (i = 0; i + 1 < n; i++)
		if ((gap[i + 2] & 1) && i + 1 >= 2 && n - (i + 1) >= 3) {
			ok[i + 1] = 1;
			count++;
		}
	return count;
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
