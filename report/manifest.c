/* manifest.c - reads and writes OUTDIR/.briefgen-manifest, and decides
 * whether an output is stale (see manifest.h for the format). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "manifest.h"
#include "write.h"

#define MANIFEST_MAGIC "briefgen-manifest 2"
/* Version 1 held SHA-256 hashes: read as no manifest (everything is
 * rebuilt once, without a warning). */
#define MANIFEST_MAGIC_1 "briefgen-manifest 1"
#define MANIFEST_MAX (64L << 20)

static const char *const kind_names[MIN__MAX] = {
	"config", "version", "file", "data"
};

const char *
min_kind_name(int kind)
{
	return kind >= 0 && kind < MIN__MAX ? kind_names[kind] : "?";
}

static int
kind_parse(const char *s)
{
	int k;

	for (k = 0; k < MIN__MAX; k++)
		if (strcmp(s, kind_names[k]) == 0)
			return k;
	return -1;
}

/* ---- records ---- */

void
mrecord_free(struct mrecord *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nin; i++)
		free(r->in[i].path);
	free(r->in);
	free(r->name);
	free(r->file);
	memset(r, 0, sizeof(*r));
}

void
mrecord_add(struct mrecord *r, int kind, const char *path, const char *hash)
{
	struct minput *in = array_push(&r->in, &r->nin, sizeof(*in));

	in->kind = kind;
	in->path = xstrdup(path);
	snprintf(in->hash, sizeof(in->hash), "%s", hash ? hash : "-");
}

int
minput_cmp(const void *a, const void *b)
{
	const struct minput *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return strcmp(x->path, y->path);
}

void
minputs_sort(struct minput *in, size_t n)
{
	if (n > 1)
		qsort(in, n, sizeof(*in), minput_cmp);
}

void
manifest_free(struct manifest *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nrecs; i++)
		mrecord_free(&m->recs[i]);
	free(m->recs);
	m->recs = NULL;
	m->nrecs = 0;
}

struct mrecord *
manifest_find(const struct manifest *m, const char *file)
{
	size_t i;

	for (i = 0; i < m->nrecs; i++)
		if (strcmp(m->recs[i].file, file) == 0)
			return &m->recs[i];
	return NULL;
}

void
manifest_put(struct manifest *m, struct mrecord *r)
{
	struct mrecord *old = manifest_find(m, r->file);

	if (old == NULL)
		old = array_push(&m->recs, &m->nrecs, sizeof(*old));
	else
		mrecord_free(old);
	*old = *r;
	memset(r, 0, sizeof(*r));
}

/* The configuration file r was built from ("" when it names none). */
static const char *
config_of(const struct mrecord *r)
{
	size_t i;

	for (i = 0; i < r->nin; i++)
		if (r->in[i].kind == MIN_CONFIG)
			return r->in[i].path;
	return "";
}

void
manifest_keep(struct manifest *m, const char *config, char *const *files,
    size_t n)
{
	size_t i, j, k = 0;

	for (i = 0; i < m->nrecs; i++) {
		for (j = 0; j < n; j++)
			if (strcmp(m->recs[i].file, files[j]) == 0)
				break;
		/* Another configuration's output, written into the same
		 * folder (two missions sharing out/), stays. */
		if (j == n && strcmp(config_of(&m->recs[i]), config) == 0)
			mrecord_free(&m->recs[i]);
		else
			m->recs[k++] = m->recs[i];
	}
	m->nrecs = k;
}

/* ---- text ---- */

/* Paths run to the end of the line; escape what would end it early. */
static void
put_path(struct buf *b, const char *p)
{
	for (; *p; p++)
		if (*p == '%' || *p == '\n' || *p == '\r')
			buf_printf(b, "%%%02X", (unsigned char)*p);
		else
			buf_add(b, p, 1);
}

/* Undo put_path in place; -1 on a bad escape. */
static int
unescape(char *s)
{
	char *w = s;
	unsigned v;

	for (; *s; s++) {
		if (*s != '%') {
			*w++ = *s;
			continue;
		}
		/* %00 too: a NUL would cut the path short. */
		if (sscanf(s + 1, "%2X", &v) != 1 || strspn(s + 1,
		    "0123456789ABCDEF") < 2 || v == 0)
			return -1;
		*w++ = (char)v;
		s += 2;
	}
	*w = '\0';
	return 0;
}

void
manifest_format(const struct manifest *m, struct buf *b)
{
	size_t i, j;

	buf_puts(b, "# written by briefgen after each build; do not edit\n"
	    MANIFEST_MAGIC "\n");
	for (i = 0; i < m->nrecs; i++) {
		const struct mrecord *r = &m->recs[i];

		buf_printf(b, "output %s %s ", r->name, r->hash);
		put_path(b, r->file);
		buf_puts(b, "\n");
		for (j = 0; j < r->nin; j++) {
			buf_printf(b, "input %s %s ",
			    min_kind_name(r->in[j].kind), r->in[j].hash);
			put_path(b, r->in[j].path);
			buf_puts(b, "\n");
		}
	}
}

/* Split "WORD WORD REST" in place: w[0], w[1] and the rest of the line. */
static int
split3(char *line, char *w[3])
{
	int i;

	for (i = 0; i < 2; i++) {
		w[i] = line;
		line = strchr(line, ' ');
		if (line == NULL || line == w[i])
			return -1;
		*line++ = '\0';
	}
	w[2] = line;
	return *line ? 0 : -1;
}

static int
good_hash(const char *h)
{
	return hash_is_hex(h) || strcmp(h, "-") == 0;
}

/* One "output ..." or "input ..." line (without its keyword). */
static int
parse_record(struct manifest *m, const char *kw, char *rest)
{
	char *w[3];
	struct mrecord *r;
	int kind;

	if (split3(rest, w) < 0 || !good_hash(w[1]) || unescape(w[2]) < 0)
		return -1;
	if (strcmp(kw, "output") == 0) {
		/* A file once: names may repeat (two configurations'
		 * outputs in one folder). */
		if (manifest_find(m, w[2]) || !hash_is_hex(w[1]))
			return -1;
		r = array_push(&m->recs, &m->nrecs, sizeof(*r));
		r->name = xstrdup(w[0]);
		r->file = xstrdup(w[2]);
		memcpy(r->hash, w[1], HASH_HEX);
		return 0;
	}
	if (strcmp(kw, "input") != 0 || m->nrecs == 0 ||
	    (kind = kind_parse(w[0])) < 0)
		return -1;
	mrecord_add(&m->recs[m->nrecs - 1], kind, w[2], w[1]);
	return 0;
}

static int
parse_line(struct manifest *m, char *line, int *seen_magic)
{
	char *sp;

	if (*line == '#')
		return 0;
	if (!*seen_magic) {
		*seen_magic = 1;
		return strcmp(line, MANIFEST_MAGIC) == 0 ? 0 : -1;
	}
	if ((sp = strchr(line, ' ')) == NULL)
		return -1;
	*sp = '\0';
	return parse_record(m, line, sp + 1);
}

int
manifest_parse(struct manifest *m, const char *text, size_t len)
{
	char *copy = xstrndup(text, len), *line, *next;
	int lineno = 0, magic = 0, bad = 0;

	if (memchr(text, '\0', len))
		bad = 1;
	for (line = copy; line && *line == '#';) {     /* comments first */
		if ((line = strchr(line, '\n')) == NULL)
			break;
		line++;
	}
	if (line && strncmp(line, MANIFEST_MAGIC_1 "\n", strlen(
	    MANIFEST_MAGIC_1) + 1) == 0) {
		free(copy);
		return 0;
	}
	for (line = copy; !bad && line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		if (parse_line(m, line, &magic) < 0)
			bad = lineno;
	}
	if (!bad && !magic)
		bad = 1;
	free(copy);
	if (bad) {
		manifest_free(m);
		return bad;
	}
	for (size_t i = 0; i < m->nrecs; i++)
		minputs_sort(m->recs[i].in, m->recs[i].nin);
	return 0;
}

/* Read the whole file; 1 when it does not exist, -1 after reporting. */
static int
slurp(const char *path, struct buf *b)
{
	char chunk[65536];
	/* Not through a link, not a FIFO (it would never end), not a file
	 * linked from elsewhere: only the manifest a build wrote here. */
	int fd = outdir_open(path, O_RDONLY);
	ssize_t r;

	if (fd == -2)
		return 1;
	if (fd < 0)
		return -1;
	while ((r = read(fd, chunk, sizeof(chunk))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || b->len + (size_t)r > MANIFEST_MAX) {
			diag_sys_error(path, "cannot read: %s", r < 0 ?
			    strerror(errno) : "file too large");
			close(fd);
			return -1;
		}
		buf_add(b, chunk, (size_t)r);
	}
	close(fd);
	return 0;
}

int
manifest_read(struct manifest *m, const char *outdir, int quiet)
{
	char *path = xasprintf("%s/%s", outdir, MANIFEST_NAME);
	struct buf b = {0};
	struct loc loc;
	int rc;

	rc = slurp(path, &b);
	if (rc == 0 && (loc.line = manifest_parse(m, b.data ? b.data : "",
	    b.len)) != 0 && !quiet) {
		loc.file = diag_intern(path);
		diag_warning(&loc, "malformed manifest; every output will be "
		    "rebuilt");
	}
	buf_free(&b);
	free(path);
	return rc < 0 ? -1 : 0;
}

int
manifest_write(const struct manifest *m, const char *outdir)
{
	struct buf b = {0};
	int rc;

	manifest_format(m, &b);
	rc = write_atomic_buf(outdir, MANIFEST_NAME, &b);
	buf_free(&b);
	return rc;
}

/* ---- staleness ---- */

static const struct minput *
find_input(const struct mrecord *r, const struct minput *key)
{
	return r->nin ? bsearch(key, r->in, r->nin, sizeof(*key),
	    minput_cmp) : NULL;
}

int
stale_input_changed(const struct mrecord *old, const struct minput *cur)
{
	const struct minput *was = old ? find_input(old, cur) : NULL;

	/* An unreadable input is never "unchanged": the build must run and
	 * report it. */
	return was == NULL || strcmp(was->hash, cur->hash) != 0 ||
	    strcmp(cur->hash, "-") == 0;
}

enum stale_why
stale_decide(const struct mrecord *old, const char *file,
    const struct minput *now, size_t n, const char *out_hash, int force)
{
	size_t i;

	if (force)
		return STALE_FORCED;
	if (old == NULL || strcmp(old->file, file) != 0)
		return STALE_NEW;
	if (out_hash == NULL)
		return STALE_MISSING;
	if (strcmp(out_hash, old->hash) != 0)
		return STALE_ALTERED;
	/* Same count and every current input unchanged means the same set:
	 * an input that went away shows up as a count mismatch. */
	if (n != old->nin)
		return STALE_INPUTS;
	for (i = 0; i < n; i++)
		if (stale_input_changed(old, &now[i]))
			return STALE_INPUTS;
	return STALE_NO;
}

const char *
stale_why_text(enum stale_why w)
{
	static const char *const text[STALE__MAX] = {
		"up to date", "forced", "never built", "output missing",
		"output altered", "inputs changed"
	};

	return w >= 0 && w < STALE__MAX ? text[w] : "?";
}
