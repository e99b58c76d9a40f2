/* statcache.c - hashes of unchanged files from OUTDIR/.briefgen-stat
 * (see statcache.h for the why and the format). */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ini_read.h"
#include "statcache.h"
#include "util.h"
#include "write.h"

#define STATCACHE_MAGIC "briefgen-stat 1"
#define STATCACHE_MAX_BYTES (8L << 20)
#define SETTLE_SECONDS 2        /* younger files are hashed every time */

struct sentry {
	char *path;
	char hash[HASH_HEX];
	uintmax_t dev, ino, size;
	intmax_t ms, mns, cs, cns;
};

struct statcache {
	char *file;             /* OUTDIR/.briefgen-stat */
	char *outdir;
	struct sentry *v;
	size_t n;
	struct strindex ix;
	int dirty;
};

static void
fill_identity(struct sentry *e, const struct stat *st)
{
	e->dev = (uintmax_t)st->st_dev;
	e->ino = (uintmax_t)st->st_ino;
	e->size = (uintmax_t)st->st_size;
	e->ms = (intmax_t)st->st_mtim.tv_sec;
	e->mns = (intmax_t)st->st_mtim.tv_nsec;
	e->cs = (intmax_t)st->st_ctim.tv_sec;
	e->cns = (intmax_t)st->st_ctim.tv_nsec;
}

static int
same_identity(const struct sentry *a, const struct sentry *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	    a->ms == b->ms && a->mns == b->mns && a->cs == b->cs &&
	    a->cns == b->cns;
}

/* Add or replace the entry for e->path (the cache takes e's path). */
static void
put(struct statcache *sc, struct sentry *e)
{
	size_t i = strindex_get(&sc->ix, e->path);

	if (i != (size_t)-1) {
		/* The index points at the slot's own path string: keep it. */
		char *keep = sc->v[i].path;

		free(e->path);
		sc->v[i] = *e;
		sc->v[i].path = keep;
		return;
	}
	*(struct sentry *)array_push(&sc->v, &sc->n, sizeof(*e)) = *e;
	strindex_put(&sc->ix, sc->v[sc->n - 1].path, sc->n - 1);
}

static int
parse_line(char *line, struct sentry *e)
{
	int off = 0;

	memset(e, 0, sizeof(*e));
	if (sscanf(line, "%32s %ju %ju %ju %jd %jd %jd %jd %n", e->hash,
	    &e->dev, &e->ino, &e->size, &e->ms, &e->mns, &e->cs, &e->cns,
	    &off) != 8 || off == 0 || line[off] == '\0' ||
	    line[HASH_HEX - 1] != ' ' || !hash_is_hex(e->hash))
		return -1;
	e->path = xstrdup(line + off);
	return 0;
}

static void
load(struct statcache *sc)
{
	/* The folder's own file: no link, no FIFO (reported when so). */
	int fd = outdir_open(sc->file, O_RDONLY);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	struct sentry e;
	struct stat st;

	if (f == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > STATCACHE_MAX_BYTES ||
	    (len = getline(&line, &cap, f)) < 0 ||
	    strncmp(line, STATCACHE_MAGIC "\n", sizeof(STATCACHE_MAGIC)) != 0)
		goto out;
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] != '\n')
			break;  /* a cut last line: ignore it */
		line[len - 1] = '\0';
		if (parse_line(line, &e) == 0)
			put(sc, &e);
	}
out:
	free(line);
	fclose(f);
}

struct statcache *
statcache_open(const char *outdir)
{
	struct statcache *sc = xcalloc(1, sizeof(*sc));

	sc->outdir = xstrdup(outdir);
	sc->file = xasprintf("%s/%s", outdir, STATCACHE_NAME);
	load(sc);
	return sc;
}

/* Settled: modified long enough before now that a later write in the
 * same time-stamp tick cannot go unseen. */
static int
settled(const struct stat *st)
{
	struct timespec now;

	if (clock_gettime(CLOCK_REALTIME, &now) < 0)
		return 0;
	return st->st_mtim.tv_sec + SETTLE_SECONDS < now.tv_sec &&
	    st->st_ctim.tv_sec + SETTLE_SECONDS < now.tv_sec;
}

static int
cached_hash(struct statcache *sc, const char *path, int nofollow,
    char hex[HASH_HEX])
{
	struct sentry e = {0};
	struct stat st;
	size_t i;
	int fd;

	/* Known and unchanged: its identity is enough, without opening it
	 * (stat never blocks, and a link or anything but a regular file
	 * goes the long way below, to be refused there). */
	i = sc ? strindex_get(&sc->ix, path) : (size_t)-1;
	if (i != (size_t)-1 && (nofollow ? lstat(path, &st) :
	    stat(path, &st)) == 0 && S_ISREG(st.st_mode)) {
		fill_identity(&e, &st);
		if (same_identity(&sc->v[i], &e)) {
			memcpy(hex, sc->v[i].hash, HASH_HEX);
			return 0;
		}
	}
	/* Never blocks (a FIFO among the inputs or outputs is refused). */
	if ((fd = file_open_regular(path, nofollow, &st)) < 0) {
		if (fd == -2)
			errno = EINVAL;
		return -1;
	}
	fill_identity(&e, &st);
	if (i != (size_t)-1 && same_identity(&sc->v[i], &e)) {
		memcpy(hex, sc->v[i].hash, HASH_HEX);
		close(fd);
		return 0;
	}
	if (hash_fd(fd, hex) < 0) {
		close(fd);
		return -1;
	}
	close(fd);
	if (sc && settled(&st) && strpbrk(path, "\r\n") == NULL) {
		memcpy(e.hash, hex, HASH_HEX);
		e.path = xstrdup(path);
		put(sc, &e);
		sc->dirty = 1;
	}
	return 0;
}

int
statcache_hash(struct statcache *sc, const char *path, char hex[HASH_HEX])
{
	return cached_hash(sc, path, 0, hex);
}

int
statcache_hash_nofollow(struct statcache *sc, const char *path,
    char hex[HASH_HEX])
{
	return cached_hash(sc, path, 1, hex);
}

static void
save(const struct statcache *sc)
{
	struct buf b = {0};
	size_t i;

	buf_puts(&b, STATCACHE_MAGIC "\n");
	for (i = 0; i < sc->n; i++) {
		const struct sentry *e = &sc->v[i];

		buf_printf(&b, "%s %ju %ju %ju %jd %jd %jd %jd %s\n", e->hash,
		    e->dev, e->ino, e->size, e->ms, e->mns, e->cs, e->cns,
		    e->path);
	}
	write_cache_buf(sc->outdir, STATCACHE_NAME, &b);
	buf_free(&b);
}

void
statcache_close(struct statcache *sc, int do_save)
{
	struct stat st;
	size_t i;

	if (sc == NULL)
		return;
	if (do_save && sc->dirty && stat(sc->outdir, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		save(sc);
	for (i = 0; i < sc->n; i++)
		free(sc->v[i].path);
	free(sc->v);
	strindex_free(&sc->ix);
	free(sc->file);
	free(sc->outdir);
	free(sc);
}
