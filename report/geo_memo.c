/* geo_memo.c - the geo file's outlines as a build read them, kept in the
 * output folder (see geo_memo.h). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "diag.h"
#include "geo_memo.h"
#include "ini_read.h"
#include "write.h"

#define MAGIC "briefgen-geo 1\n"
#define MAGIC_LEN (sizeof(MAGIC) - 1)
#define CHECK 0x01020304u       /* and 1.5: this machine's byte order */
#define SUM 16
#define MAX_BYTES (64L << 20)
#define MAX_ITEMS 10000000u     /* countries, rings or points */

#define KEEP 4                  /* outlines of so many files or countries:
				   missions sharing a folder each find theirs */

struct entry {
	unsigned char *p;       /* a head (put_head), then the outlines */
	size_t len;
};

/* One memo per process: the parent loads the data, then forks. */
static struct {
	char *outdir, *file;    /* NULL: no memo open */
	struct entry v[KEEP];   /* what the file held, checked */
	size_t n;
	struct buf made;        /* what this run learned: a new entry */
	size_t made_head;       /* the length of its head */
} M;

static void
sum_of(const void *p, size_t n, unsigned char out[SUM])
{
	XXH128_canonical_t c;

	XXH128_canonicalFromHash(&c, XXH3_128bits(p, n));
	memcpy(out, c.digest, SUM);
}

/* ---- writing ---- */

static void
put32(struct buf *b, uint32_t v)
{
	buf_add(b, &v, sizeof(v));
}

static void
putd(struct buf *b, double v)
{
	buf_add(b, &v, sizeof(v));
}

static void
putstr(struct buf *b, const char *s)
{
	put32(b, (uint32_t)strlen(s));
	buf_add(b, s, strlen(s));
}

/* An entry's head: what says which file and country it is of. */
static void
put_head(struct buf *b, const unsigned char hash[SUM], const char *code)
{
	put32(b, CHECK);
	putd(b, 1.5);
	buf_add(b, hash, SUM);
	putstr(b, code);
}

static void
put_ring(struct buf *b, const struct geo_ring *r)
{
	put32(b, (uint32_t)r->hole);
	put32(b, (uint32_t)r->n);
	putd(b, r->x0);
	putd(b, r->y0);
	putd(b, r->x1);
	putd(b, r->y1);
	buf_add(b, r->pt, 2 * r->n * sizeof(double));
}

static void
remember(const struct geo *g, const unsigned char hash[SUM],
    const char *code)
{
	size_t i, k;

	buf_free(&M.made);
	put_head(&M.made, hash, code);
	M.made_head = M.made.len;
	put32(&M.made, g->home != NULL);
	put32(&M.made, (uint32_t)g->n);
	for (i = 0; i < g->n; i++) {
		const struct geo_country *c = &g->v[i];

		put32(&M.made, (uint32_t)c->loc.line);
		putstr(&M.made, c->code);
		putstr(&M.made, c->name);
		putd(&M.made, c->x0);
		putd(&M.made, c->y0);
		putd(&M.made, c->x1);
		putd(&M.made, c->y1);
		put32(&M.made, (uint32_t)c->nrings);
		for (k = 0; k < c->nrings; k++)
			put_ring(&M.made, &c->rings[k]);
	}
}

/* ---- reading ---- */

struct rd {
	const unsigned char *p, *end;
	int bad;
};

static const void *
take(struct rd *r, size_t n)
{
	const unsigned char *p = r->p;

	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	return p;
}

static uint32_t
get32(struct rd *r, uint32_t max)
{
	const void *p = take(r, 4);
	uint32_t v = 0;

	if (p)
		memcpy(&v, p, 4);
	if (v > max)
		r->bad = 1;
	return r->bad ? 0 : v;
}

static double
getd(struct rd *r)
{
	const void *p = take(r, 8);
	double v = 0;

	if (p)
		memcpy(&v, p, 8);
	if (!isfinite(v))
		r->bad = 1;
	return r->bad ? 0 : v;
}

static char *
getstr(struct rd *r)
{
	uint32_t n = get32(r, 4096);
	const char *p = take(r, n);

	return xstrndup(p ? p : "", p ? n : 0);
}

static void
get_ring(struct rd *r, struct geo_ring *g)
{
	size_t i;
	const void *p;

	g->hole = get32(r, 1) != 0;
	g->n = get32(r, MAX_ITEMS);
	g->x0 = getd(r);
	g->y0 = getd(r);
	g->x1 = getd(r);
	g->y1 = getd(r);
	if (g->n < 3 || (p = take(r, 2 * g->n * sizeof(double))) == NULL) {
		r->bad = 1;
		g->n = 0;
		return;
	}
	g->pt = xreallocarray(NULL, 2 * g->n, sizeof(double));
	memcpy(g->pt, p, 2 * g->n * sizeof(double));
	for (i = 0; i < 2 * g->n; i++)
		if (!isfinite(g->pt[i]))
			r->bad = 1;
}

static void
get_country(struct rd *r, struct geo_country *c, const char *file)
{
	size_t k;

	c->loc.file = file;
	c->loc.line = (int)get32(r, INT32_MAX);
	c->code = getstr(r);
	c->name = getstr(r);
	c->x0 = getd(r);
	c->y0 = getd(r);
	c->x1 = getd(r);
	c->y1 = getd(r);
	c->nrings = get32(r, MAX_ITEMS);
	if (r->bad || c->nrings > (size_t)(r->end - r->p) / 48) {
		r->bad = 1;
		c->nrings = 0;
		return;
	}
	c->rings = xcalloc(c->nrings + 1, sizeof(*c->rings));
	for (k = 0; k < c->nrings && !r->bad; k++)
		get_ring(r, &c->rings[k]);
	if (r->bad)
		c->nrings = k;  /* those read, to be freed */
	else
		geo_country_finish(c);
}

/* g from entry e's outlines (after its head of hlen bytes); 0, or -1 (g
 * left empty) when they are not outlines. */
static int
recall_entry(struct geo *g, const char *path, const struct entry *e,
    size_t hlen)
{
	struct rd r = {e->p + hlen, e->p + e->len, 0};
	int home;
	size_t n, i;

	home = get32(&r, 1) != 0;
	n = get32(&r, MAX_ITEMS);
	if (r.bad || n > (size_t)(r.end - r.p) / 64 || (home && n == 0))
		return -1;
	g->file = xstrdup(path);
	g->v = xcalloc(n + 1, sizeof(*g->v));
	for (i = 0; i < n && !r.bad; i++, g->n++)
		get_country(&r, &g->v[i], diag_intern(path));
	if (r.bad || r.p != r.end) {
		geo_free(g);
		return -1;
	}
	g->home = home ? &g->v[0] : NULL;
	return 0;
}

/* g from the memo's entry of these bytes and this country; 0, or -1. */
static int
recall(struct geo *g, const char *path, const unsigned char hash[SUM],
    const char *code)
{
	struct buf head = {0};
	size_t i;
	int rc = -1;

	put_head(&head, hash, code);
	for (i = 0; i < M.n && rc < 0; i++)
		if (M.v[i].len >= head.len &&
		    memcmp(M.v[i].p, head.data, head.len) == 0)
			rc = recall_entry(g, path, &M.v[i], head.len);
	buf_free(&head);
	return rc;
}

int
geo_memo_load(struct geo *g, const char *path, const char *code)
{
	unsigned char hash[SUM];
	char *text;
	size_t len;
	int rc;

	if (file_slurp(path, &text, &len) < 0) {
		g->file = xstrdup(path);
		g->failed = 1;
		return -1;
	}
	sum_of(text, len, hash);
	if (M.outdir && code && recall(g, path, hash, code) == 0) {
		free(text);
		return 0;
	}
	rc = geo_load_text(g, path, text, len, code);
	free(text);
	if (rc == 0 && M.outdir && code)
		remember(g, hash, code);
	return rc;
}

/* ---- the file ---- */

static void
forget(void)
{
	size_t i;

	for (i = 0; i < M.n; i++)
		free(M.v[i].p);
	M.n = 0;
}

/* The entries of text[0..len), checked whole (the magic, the hash at its
 * end, the entries' lengths); none when it is not a memo. */
static void
parse(const unsigned char *t, size_t len)
{
	struct rd r;
	unsigned char sum[SUM];
	uint32_t n, i, el;
	const void *p;

	if (len < MAGIC_LEN + 4 + SUM || memcmp(t, MAGIC, MAGIC_LEN) != 0)
		return;
	sum_of(t, len - SUM, sum);
	if (memcmp(sum, t + len - SUM, SUM) != 0)
		return;
	r = (struct rd){t + MAGIC_LEN, t + len - SUM, 0};
	n = get32(&r, KEEP);
	for (i = 0; i < n && !r.bad; i++) {
		el = get32(&r, MAX_BYTES);
		if ((p = take(&r, el)) == NULL)
			break;
		M.v[M.n].p = xmalloc(el + 1);
		memcpy(M.v[M.n].p, p, el);
		M.v[M.n++].len = el;
	}
	if (r.bad || r.p != r.end)
		forget();
}

static int
load(void)
{
	char *t;
	size_t len;

	if (outdir_read_cache(M.file, MAX_BYTES, &t, &len) < 0)
		return -1;      /* reported */
	if (t)
		parse((const unsigned char *)t, len);
	free(t);
	return 0;
}

int
geo_memo_open(const char *outdir)
{
	geo_memo_close(0);
	M.outdir = xstrdup(outdir);
	M.file = xasprintf("%s/%s", outdir, GEOMEMO_NAME);
	if (load() < 0) {
		geo_memo_close(0);
		return -1;
	}
	return 0;
}

/* The new entry first, then the others of other files or countries, as
 * many as are kept. */
static void
format(struct buf *b)
{
	unsigned char sum[SUM];
	size_t i, n = 1;

	for (i = 0; i < M.n && n < KEEP; i++)
		n += !(M.v[i].len >= M.made_head &&
		    memcmp(M.v[i].p, M.made.data, M.made_head) == 0);
	buf_add(b, MAGIC, MAGIC_LEN);
	put32(b, (uint32_t)n);
	put32(b, (uint32_t)M.made.len);
	buf_add(b, M.made.data, M.made.len);
	for (i = 0, n--; i < M.n && n > 0; i++)
		if (!(M.v[i].len >= M.made_head &&
		    memcmp(M.v[i].p, M.made.data, M.made_head) == 0)) {
			put32(b, (uint32_t)M.v[i].len);
			buf_add(b, M.v[i].p, M.v[i].len);
			n--;
		}
	sum_of(b->data, b->len, sum);
	buf_add(b, sum, SUM);
}

static void
save(void)
{
	struct buf b = {0};

	format(&b);
	write_cache_buf(M.outdir, GEOMEMO_NAME, &b);
	buf_free(&b);
}

void
geo_memo_close(int do_save)
{
	if (do_save && M.file && M.made.len > 0)
		save();
	forget();
	buf_free(&M.made);
	free(M.outdir);
	free(M.file);
	memset(&M, 0, sizeof(M));
}
