/* hyphen_memo.c - hyphenation points remembered per output folder (see
 * hyphen_memo.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "hyphen_memo.h"
#include "util.h"
#include "write.h"

#define HYMEMO_MAGIC "briefgen-hyphen 1"
#define HYMEMO_MAX_BYTES (2L << 20)     /* some 100,000 words */
#define HYMEMO_MAX_WORDS 100000
#define WORD_MAX 63                     /* a point per bit of the mask */

struct hword {
	char *w;
	uint64_t mask;
};

/* One memo per process: builds fork per output, never thread. */
static struct {
	char *outdir, *pattern;         /* NULL: no memo open */
	struct hword *v;
	size_t n;
	struct strindex ix;
	int learned;
} M;

static void
add(const char *w, size_t n, uint64_t mask)
{
	struct hword *h;

	if (M.n >= HYMEMO_MAX_WORDS)
		return;
	h = array_push(&M.v, &M.n, sizeof(*h));
	h->w = xstrndup(w, n);
	h->mask = mask;
	strindex_put(&M.ix, h->w, M.n - 1);
}

/* "word P,P" or "word -" into the memo; -1 when it is not such a line. */
static int
parse_word(char *line)
{
	char *sp = strchr(line, ' '), *p, *end;
	uint64_t mask = 0;
	size_t n, i;
	long v;

	if (sp == NULL || (n = (size_t)(sp - line)) == 0 || n > WORD_MAX)
		return -1;
	for (i = 0; i < n; i++)
		if (line[i] < 'a' || line[i] > 'z')
			return -1;
	*sp = '\0';
	if (strindex_get(&M.ix, line) != (size_t)-1)
		return -1;
	if (strcmp(sp + 1, "-") != 0)
		for (p = sp + 1;; p = end + 1) {
			if (*p < '0' || *p > '9')
				return -1;
			v = strtol(p, &end, 10);
			if (v < 1 || (size_t)v >= n || (*end != ',' &&
			    *end != '\0'))
				return -1;
			mask |= (uint64_t)1 << v;
			if (*end == '\0')
				break;
		}
	add(line, n, mask);
	return 0;
}

/* The lines of text[0..len) after the header; all or nothing. */
static int
parse_words(char *text, size_t len)
{
	char *p = text, *nl;

	while (p < text + len) {
		if ((nl = memchr(p, '\n', (size_t)(text + len - p))) == NULL)
			return -1;
		*nl = '\0';
		if (parse_word(p) < 0)
			return -1;
		p = nl + 1;
	}
	return 0;
}

/* The memo's text, checked: its header names these patterns and its last
 * line hashes the rest.  -1 when it is not such a memo. */
static int
parse(char *text, size_t len)
{
	char head[sizeof(HYMEMO_MAGIC) + HASH_HEX + 1], sum[HASH_HEX];
	size_t hl, body;
	char *last;

	hl = (size_t)snprintf(head, sizeof(head), "%s %s\n", HYMEMO_MAGIC,
	    M.pattern);
	/* "end " + a hash + "\n" closes it. */
	if (len < hl + 4 + HASH_HEX || text[len - 1] != '\n' ||
	    memcmp(text, head, hl) != 0)
		return -1;
	body = len - (4 + HASH_HEX);
	last = text + body;
	hash_mem(text, body, sum);
	if (memcmp(last, "end ", 4) != 0 ||
	    memcmp(last + 4, sum, HASH_HEX - 1) != 0)
		return -1;
	return parse_words(text + hl, body - hl);
}

static void
forget_words(void)
{
	size_t i;

	for (i = 0; i < M.n; i++)
		free(M.v[i].w);
	free(M.v);
	M.v = NULL;
	M.n = 0;
	strindex_free(&M.ix);
	memset(&M.ix, 0, sizeof(M.ix));
}

/* Read it; a damaged memo is forgotten whole. */
static int
load(const char *path)
{
	char *text;
	size_t len;

	if (outdir_read_cache(path, HYMEMO_MAX_BYTES, &text, &len) < 0)
		return -1;      /* reported */
	if (text && parse(text, len) < 0)
		forget_words();
	free(text);
	return 0;
}

int
hy_memo_open(const char *outdir, const char *patterns_hash)
{
	char *path;
	int rc;

	hy_memo_close();
	if (patterns_hash == NULL || !hash_is_hex(patterns_hash))
		return 0;
	M.outdir = xstrdup(outdir);
	M.pattern = xstrdup(patterns_hash);
	path = xasprintf("%s/%s", outdir, HYMEMO_NAME);
	rc = load(path);
	free(path);
	if (rc < 0)
		hy_memo_close();
	return rc;
}

int
hy_memo_get(const char *w, size_t n, uint64_t *mask)
{
	char key[WORD_MAX + 1];
	size_t i;

	if (M.pattern == NULL || n > WORD_MAX)
		return 0;
	memcpy(key, w, n);
	key[n] = '\0';
	if ((i = strindex_get(&M.ix, key)) == (size_t)-1)
		return 0;
	*mask = M.v[i].mask;
	return 1;
}

void
hy_memo_put(const char *w, size_t n, uint64_t mask)
{
	uint64_t old;

	if (M.pattern == NULL || n > WORD_MAX || hy_memo_get(w, n, &old))
		return;
	add(w, n, mask);
	M.learned = 1;
}

static int
cmp_word(const void *a, const void *b)
{
	return strcmp(((const struct hword *)a)->w,
	    ((const struct hword *)b)->w);
}

/* The memo's text: words sorted, so the same words give the same file. */
static void
format(struct buf *b)
{
	struct hword *s = xreallocarray(NULL, M.n + 1, sizeof(*s));
	char sum[HASH_HEX];
	size_t i;
	int k, first;

	memcpy(s, M.v, M.n * sizeof(*s));
	qsort(s, M.n, sizeof(*s), cmp_word);
	buf_printf(b, "%s %s\n", HYMEMO_MAGIC, M.pattern);
	for (i = 0; i < M.n; i++) {
		buf_printf(b, "%s ", s[i].w);
		if (s[i].mask == 0)
			buf_puts(b, "-");
		for (k = 1, first = 1; k <= WORD_MAX; k++)
			if (s[i].mask >> k & 1) {
				buf_printf(b, first ? "%d" : ",%d", k);
				first = 0;
			}
		buf_puts(b, "\n");
	}
	free(s);
	hash_mem(b->data, b->len, sum);
	buf_printf(b, "end %s\n", sum);
}

void
hy_memo_save(void)
{
	struct buf b = {0};

	if (M.pattern == NULL || !M.learned)
		return;
	format(&b);
	write_cache_buf(M.outdir, HYMEMO_NAME, &b);
	buf_free(&b);
	M.learned = 0;
}

void
hy_memo_close(void)
{
	forget_words();
	free(M.outdir);
	free(M.pattern);
	memset(&M, 0, sizeof(M));
}
