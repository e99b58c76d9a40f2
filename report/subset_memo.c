/* subset_memo.c - the font subsets of an output's last build, kept in
 * the output folder (see subset_memo.h). */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "subset_memo.h"
#include "util.h"
#include "write.h"

#define MAGIC "briefgen-subsets 1\n"
#define MAGIC_LEN (sizeof(MAGIC) - 1)
#define MAX_BYTES (32L << 20)   /* some hundreds of subsets */
#define MAX_SUBSETS 1024
#define MAX_PAIRS 65536         /* glyphs a font can have */
#define SUM 16

/* One memo per process: the output being saved (builds fork per output,
 * never thread). */
static struct {
	char *outdir, *file;    /* NULL: no memo open */
	struct subset *v;
	size_t n;
	int changed;            /* a subset put, so the file must be new */
} M;

static void
sum_of(const void *p, size_t n, unsigned char out[SUM])
{
	XXH128_canonical_t c;

	XXH128_canonicalFromHash(&c, XXH3_128bits(p, n));
	memcpy(out, c.digest, SUM);
}

static uint32_t
rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
wr32(struct buf *b, uint32_t v)
{
	unsigned char p[4] = {(unsigned char)v, (unsigned char)(v >> 8),
		(unsigned char)(v >> 16), (unsigned char)(v >> 24)};

	buf_add(b, p, 4);
}

static void
free_subset(struct subset *s)
{
	free(s->map);
	free(s->data);
}

static void
forget(void)
{
	size_t i;

	for (i = 0; i < M.n; i++)
		free_subset(&M.v[i]);
	free(M.v);
	M.v = NULL;
	M.n = 0;
}

/* Take a 4-byte count from [*p, end); -1 when the bytes run out. */
static int
take32(const unsigned char **p, const unsigned char *end, uint32_t *v)
{
	if (end - *p < 4)
		return -1;
	*v = rd32(*p);
	*p += 4;
	return 0;
}

/* One subset at *p; -1 when it is not one (old glyphs must ascend). */
static int
parse_subset(const unsigned char **p, const unsigned char *end,
    struct subset *s)
{
	uint32_t npairs, len, i;

	memset(s, 0, sizeof(*s));
	if (end - *p < SUBSET_KEY)
		return -1;
	memcpy(s->key, *p, SUBSET_KEY);
	*p += SUBSET_KEY;
	if (take32(p, end, &npairs) < 0 || npairs > MAX_PAIRS ||
	    (size_t)(end - *p) < (size_t)npairs * 8)
		return -1;
	s->map = xreallocarray(NULL, (size_t)npairs * 2 + 1, sizeof(uint32_t));
	s->npairs = npairs;
	for (i = 0; i < 2 * npairs; i++, *p += 4)
		s->map[i] = rd32(*p);
	for (i = 1; i < npairs; i++)
		if (s->map[2 * i] <= s->map[2 * i - 2])
			return -1;
	if (take32(p, end, &len) < 0 || len == 0 ||
	    (size_t)(end - *p) < len)
		return -1;
	s->data = xmalloc(len);
	memcpy(s->data, *p, len);
	s->len = len;
	*p += len;
	return 0;
}

/* The memo's bytes, checked whole; -1 when they are not a memo. */
static int
parse(const unsigned char *t, size_t len)
{
	const unsigned char *p = t + MAGIC_LEN, *end;
	unsigned char sum[SUM];
	uint32_t n, i;

	if (len < MAGIC_LEN + 4 + SUM || memcmp(t, MAGIC, MAGIC_LEN) != 0)
		return -1;
	end = t + len - SUM;
	sum_of(t, len - SUM, sum);
	if (memcmp(sum, end, SUM) != 0 || take32(&p, end, &n) < 0 ||
	    n > MAX_SUBSETS)
		return -1;
	M.v = xcalloc(n + 1, sizeof(*M.v));
	for (i = 0; i < n; i++) {
		if (parse_subset(&p, end, &M.v[i]) < 0) {
			free_subset(&M.v[i]);
			return -1;
		}
		M.n++;
	}
	return p == end ? 0 : -1;
}

static int
load(void)
{
	char *t;
	size_t len;

	if (outdir_read_cache(M.file, MAX_BYTES, &t, &len) < 0)
		return -1;      /* reported */
	if (t && parse((const unsigned char *)t, len) < 0)
		forget();
	free(t);
	return 0;
}

int
subset_memo_open(const char *outdir, const char *name)
{
	subset_memo_close(0);
	M.outdir = xstrdup(outdir);
	M.file = xasprintf("%s/%s%s", outdir, SUBSETS_NAME, name);
	if (load() < 0) {
		subset_memo_close(0);
		return -1;
	}
	return 0;
}

const struct subset *
subset_memo_get(const unsigned char key[SUBSET_KEY])
{
	size_t i;

	for (i = 0; M.file && i < M.n; i++)
		if (memcmp(M.v[i].key, key, SUBSET_KEY) == 0) {
			M.v[i].used = 1;
			return &M.v[i];
		}
	return NULL;
}

void
subset_memo_put(const unsigned char key[SUBSET_KEY], const uint32_t *map,
    size_t npairs, const void *data, size_t len)
{
	struct subset *s;

	if (M.file == NULL || M.n >= MAX_SUBSETS || npairs > MAX_PAIRS ||
	    len == 0 || len > (size_t)MAX_BYTES / 2)
		return;
	s = array_push(&M.v, &M.n, sizeof(*s));
	memcpy(s->key, key, SUBSET_KEY);
	s->map = xreallocarray(NULL, 2 * npairs + 1, sizeof(uint32_t));
	memcpy(s->map, map, 2 * npairs * sizeof(uint32_t));
	s->npairs = npairs;
	s->data = xmalloc(len);
	memcpy(s->data, data, len);
	s->len = len;
	s->used = 1;
	M.changed = 1;
}

uint32_t
subset_glyph(const struct subset *s, uint32_t g)
{
	size_t a = 0, b = s->npairs, m;

	while (a < b) {
		m = a + (b - a) / 2;
		if (s->map[2 * m] < g)
			a = m + 1;
		else
			b = m;
	}
	return a < s->npairs && s->map[2 * a] == g ? s->map[2 * a + 1] : 0;
}

/* The subsets used in this run, as the file holds them. */
static void
format(struct buf *b)
{
	unsigned char sum[SUM];
	size_t i, k, n = 0;

	buf_add(b, MAGIC, MAGIC_LEN);
	for (i = 0; i < M.n; i++)
		n += M.v[i].used;
	wr32(b, (uint32_t)n);
	for (i = 0; i < M.n; i++) {
		const struct subset *s = &M.v[i];

		if (!s->used)
			continue;
		buf_add(b, s->key, SUBSET_KEY);
		wr32(b, (uint32_t)s->npairs);
		for (k = 0; k < 2 * s->npairs; k++)
			wr32(b, s->map[k]);
		wr32(b, (uint32_t)s->len);
		buf_add(b, s->data, s->len);
	}
	sum_of(b->data, b->len, sum);
	buf_add(b, sum, SUM);
}

static void
save(void)
{
	struct buf b = {0};

	format(&b);
	write_cache_buf(M.outdir, strrchr(M.file, '/') + 1, &b);
	buf_free(&b);
}

void
subset_memo_close(int do_save)
{
	size_t i;
	int stale = 0;

	for (i = 0; i < M.n; i++)
		stale |= !M.v[i].used;
	if (do_save && M.file && (M.changed || stale))
		save();
	forget();
	free(M.outdir);
	free(M.file);
	memset(&M, 0, sizeof(M));
}
