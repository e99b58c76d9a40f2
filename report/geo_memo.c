/* geo_memo.c - the geo file's outlines as a build read them, kept in the
 * output folder (see geo_memo.h). */
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* One memo per process: the parent loads the data, then forks. */
static struct {
	char *outdir, *file;    /* NULL: no memo open */
	unsigned char *text;    /* what the file held, checked */
	size_t len;
	struct buf made;        /* what this run learned */
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

/* The memo's head: what says which file and country it is of. */
static void
put_head(struct buf *b, const unsigned char hash[SUM], const char *code)
{
	buf_add(b, MAGIC, MAGIC_LEN);
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
	unsigned char sum[SUM];
	size_t i, k;

	buf_free(&M.made);
	put_head(&M.made, hash, code);
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
	sum_of(M.made.data, M.made.len, sum);
	buf_add(&M.made, sum, SUM);
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

/* g from the memo when it is of these bytes and this country; 0, or -1
 * (g left empty) when it is not. */
static int
recall(struct geo *g, const char *path, const unsigned char hash[SUM],
    const char *code)
{
	struct buf head = {0};
	struct rd r;
	int home;
	size_t n, i;

	if (M.text == NULL)
		return -1;
	put_head(&head, hash, code);
	if (M.len < head.len || memcmp(M.text, head.data, head.len) != 0) {
		buf_free(&head);
		return -1;
	}
	r = (struct rd){M.text + head.len, M.text + M.len - SUM, 0};
	buf_free(&head);
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

/* Its bytes, kept when whole: the head and the hash at its end. */
static int
load(void)
{
	int fd = outdir_open(M.file, O_RDONLY);
	unsigned char sum[SUM];
	struct stat st;

	if (fd == -2)
		return 0;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && st.st_size > (off_t)(MAGIC_LEN + SUM) &&
	    st.st_size <= MAX_BYTES) {
		M.len = (size_t)st.st_size;
		M.text = xmalloc(M.len);
		if (read(fd, M.text, M.len) != (ssize_t)M.len ||
		    memcmp(M.text, MAGIC, MAGIC_LEN) != 0 ||
		    (sum_of(M.text, M.len - SUM, sum),
		    memcmp(sum, M.text + M.len - SUM, SUM) != 0)) {
			free(M.text);
			M.text = NULL;
			M.len = 0;
		}
	}
	close(fd);
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

static void
save(void)
{
	/* Named as write.c names temporaries, so that a killed run's
	 * leftover is cleaned like theirs. */
	char *tmp = xasprintf("%s/.%s.XXXXXX", M.outdir, GEOMEMO_NAME);
	int fd, ok;

	if ((fd = mkostemp(tmp, O_CLOEXEC)) >= 0) {
		ok = write(fd, M.made.data, M.made.len) == (ssize_t)M.made.len;
		ok = close(fd) == 0 && ok;
		if (!ok || write_check_target(M.file, 1) != 0 ||
		    rename(tmp, M.file) != 0)
			unlink(tmp);
	}
	free(tmp);
}

void
geo_memo_close(int do_save)
{
	if (do_save && M.file && M.made.len > 0)
		save();
	free(M.text);
	buf_free(&M.made);
	free(M.outdir);
	free(M.file);
	memset(&M, 0, sizeof(M));
}
