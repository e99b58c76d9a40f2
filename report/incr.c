/* incr.c - incremental builds (see incr.h): plan what is stale from the
 * hashes of each output's inputs, rebuild only that (forking one process
 * per output with -j), then record the manifest and the depfile.
 *
 * Order matters.  Deciding reads only the manifest (replaced whole, so it
 * needs no lock) and hashes.  Only when something is stale are the data
 * loaded and validated; only when they are good is the folder created and
 * locked, and the plan made again under the lock.  Every output goes
 * through a temporary file and rename (write.c), and the manifest is
 * written last: a build killed at any point leaves outputs that are each
 * the old or the new complete file, and a manifest that describes only
 * complete files.  Whatever does not match it is rebuilt next time. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "build.h"
#include "depfile.h"
#include "diag.h"
#include "incr.h"
#include "ini_read.h"
#include "geo_memo.h"
#include "hyphen_memo.h"
#include "hyphenate.h"
#include "manifest.h"
#include "project.h"
#include "statcache.h"
#include "subset_memo.h"
#include "write.h"

/* Each file is hashed at most once per run, and data files before they
 * are loaded: if one changes while we build, the manifest records the hash
 * from before, which no longer matches, and the next build sees the
 * change instead of missing it. */
struct hcache {
	char **paths;
	char (*hash)[HASH_HEX];
	size_t n;
	struct strindex ix;     /* path -> its slot: thousands of snapshots */
	struct statcache *sc;   /* hashes of files unchanged since last run */
};

struct pout {                   /* one selected output */
	size_t idx;             /* in c.outputs */
	const struct output *o;
	char *path;             /* OUTDIR/FILE */
	struct mrecord now;     /* its inputs as they are now */
	int exists;
	char out_hash[HASH_HEX];        /* of the file there now */
	enum stale_why why;
	char *reason;           /* why, with the inputs that changed */
	int built, changed, failed;
	char new_hash[HASH_HEX];
};

struct plan {
	struct session s;
	const char *outdir;
	struct manifest man;
	struct hcache hc;
	struct pout *outs;
	size_t nouts;
	char **data;            /* the data files, as planned */
	size_t ndata;
	char *version;          /* the MIN_VERSION input */
	char **conf_hash;       /* per output (c.outputs order) */
	char **files;           /* the outputs' files (not owned) */
};

/* ---- the hash cache ---- */

/* The hash of path ("-" when unreadable); valid until the next call. */
static const char *
hcache_get(struct hcache *h, const char *path)
{
	size_t i = strindex_get(&h->ix, path);

	if (i != (size_t)-1)
		return h->hash[i];
	h->paths = xreallocarray(h->paths, h->n + 1, sizeof(*h->paths));
	h->hash = xreallocarray(h->hash, h->n + 1, sizeof(*h->hash));
	h->paths[h->n] = xstrdup(path);
	strindex_put(&h->ix, h->paths[h->n], h->n);
	if (statcache_hash(h->sc, path, h->hash[h->n]) < 0)
		strcpy(h->hash[h->n], "-");
	return h->hash[h->n++];
}

static void
hcache_free(struct hcache *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->paths[i]);
	free(h->paths);
	free(h->hash);
	strindex_free(&h->ix);
	/* Only a run that went well teaches the cache anything. */
	statcache_close(h->sc, exit_status() == EXIT_OK);
	memset(h, 0, sizeof(*h));
}

static void
strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- the output's part of the configuration ---- */

struct confsplit {
	const struct config *c;
	struct buf common;
	struct buf *outs;
	struct buf *cur;        /* NULL: a section no output depends on */
};

static struct buf *
conf_target(struct confsplit *cs, const char *section)
{
	size_t i;

	if (strcmp(section, "schedule") == 0 || strcmp(section, "output") == 0)
		return NULL;
	if (str_starts(section, "output ")) {
		section += strlen("output ");
		section += strspn(section, " \t");
		for (i = 0; i < cs->c->noutputs; i++)
			if (strcmp(cs->c->outputs[i].name, section) == 0)
				return &cs->outs[i];
		return NULL;
	}
	return &cs->common;
}

static int
conf_item(void *user, const struct ini_item *it)
{
	struct confsplit *cs = user;

	if (it->invalid)
		cs->cur = NULL;
	else if (it->key == NULL) {
		cs->cur = conf_target(cs, it->section);
		if (cs->cur)
			buf_printf(cs->cur, "[%s]\n", it->section);
	} else if (cs->cur)
		buf_printf(cs->cur, "%s%s%s\n", it->key,
		    it->continued ? "+=" : "=", it->value);
	return 0;
}

/* The output's layouts that were found in the installed data folder, not
 * in the project (project.h).  Copying a shipped layout into the project
 * changes which file is read, not the configuration's text: this makes
 * the change show in the configuration's hash.  Empty for a project that
 * has all its layouts, so that its hashes are as they always were. */
static void
shipped_layouts(const struct output *o, struct buf *b)
{
	const char *one[3] = {o->layout, o->cover, o->contents};
	size_t i;

	for (i = 0; i < 3; i++)
		if (one[i] && project_is_shipped(one[i]))
			buf_printf(b, "shipped %s\n", one[i]);
	for (i = 0; i < o->nsections; i++)
		if (o->sections[i] && project_is_shipped(o->sections[i]))
			buf_printf(b, "shipped %s\n", o->sections[i]);
}

/* Hash, per output, every section it depends on: editing [schedule] or
 * another output's section does not make it stale, but any key added to
 * [data] or to its own section, now or in a later version, does. */
static void
plan_conf_hashes(struct plan *p)
{
	const struct config *c = &p->s.c;
	struct confsplit cs = {c, {0}, NULL, NULL};
	char h[HASH_HEX];
	size_t i;

	cs.outs = xcalloc(c->noutputs + 1, sizeof(*cs.outs));
	cs.cur = &cs.common;
	if (ini_read(c->path, conf_item, &cs) < 0)
		buf_puts(&cs.common, "(unreadable)\n");
	p->conf_hash = xcalloc(c->noutputs + 1, sizeof(char *));
	for (i = 0; i < c->noutputs; i++) {
		struct buf b = {0};

		/* The shared sections, a NUL, then the output's own. */
		buf_add(&b, cs.common.data ? cs.common.data : "",
		    cs.common.len + 1);
		buf_add(&b, cs.outs[i].data ? cs.outs[i].data : "",
		    cs.outs[i].len);
		shipped_layouts(&c->outputs[i], &b);
		hash_mem(b.data, b.len, h);
		p->conf_hash[i] = xstrdup(h);
		buf_free(&b);
		buf_free(&cs.outs[i]);
	}
	free(cs.outs);
	buf_free(&cs.common);
}

/* ---- the data files ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The snapshot files, by the rule load_data.c reads them with (*.ini,
 * not hidden, in name order).  Quiet: a folder that cannot be read makes
 * the outputs stale, and the full load then reports it. */
static void
list_snapshots(struct plan *p, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t len;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len > 4 && e->d_name[0] != '.' &&
		    strcmp(e->d_name + len - 4, ".ini") == 0)
			*(char **)array_push(&p->data, &p->ndata,
			    sizeof(char *)) = xasprintf("%s/%s", dir,
			    e->d_name);
	}
	closedir(d);
}

static void
plan_data(struct plan *p)
{
	const struct config *c = &p->s.c;
	size_t i;

	if (c->data.snapshots)
		list_snapshots(p, c->data.snapshots);
	if (p->ndata > 1)
		qsort(p->data, p->ndata, sizeof(char *), cmp_str);
	/* Hash them now, before anything reads them. */
	for (i = 0; i < p->ndata; i++)
		hcache_get(&p->hc, p->data[i]);
}

/* Add the data inputs; snapshot files come from `snaps` (the model's
 * files after a load, the folder listing before). */
static void
add_data(struct plan *p, struct mrecord *r, const struct output *o,
    char *const *snaps, size_t nsnaps)
{
	const struct config *c = &p->s.c;
	const char *fixed[2] = {c->data.nations, c->data.mission};
	size_t i;

	for (i = 0; i < 2; i++)
		if (fixed[i])
			mrecord_add(r, MIN_DATA, fixed[i],
			    hcache_get(&p->hc, fixed[i]));
	for (i = 0; i < nsnaps; i++)
		mrecord_add(r, MIN_DATA, snaps[i], hcache_get(&p->hc,
		    snaps[i]));
	if (c->data.geo && output_reads_outline(o->type))
		mrecord_add(r, MIN_DATA, c->data.geo,
		    hcache_get(&p->hc, c->data.geo));
}

static void
add_common(struct plan *p, struct mrecord *r, const struct pout *po)
{
	char h[HASH_HEX];

	mrecord_add(r, MIN_CONFIG, p->s.c.path, p->conf_hash[po->idx]);
	hash_mem(p->version, strlen(p->version), h);
	mrecord_add(r, MIN_VERSION, p->version, h);
}

/* "inputs changed: a, b and 2 more" into b, for -v. */
static void
why_text(const struct mrecord *old, const struct pout *po, struct buf *b)
{
	size_t i, shown = 0, more = 0;

	buf_puts(b, stale_why_text(po->why));
	if (po->why != STALE_INPUTS)
		return;
	for (i = 0; i < po->now.nin; i++) {
		if (!stale_input_changed(old, &po->now.in[i]))
			continue;
		if (shown++ < 3)
			buf_printf(b, "%s %s", shown > 1 ? "," : ":",
			    po->now.in[i].path);
		else
			more++;
	}
	if (more)
		buf_printf(b, " and %zu more", more);
	if (shown == 0)
		buf_puts(b, ": an input went away");
}

/* ---- planning ---- */

static void
plan_output(struct plan *p, struct pout *po, int force)
{
	const struct mrecord *old = manifest_find(&p->man, po->o->file);
	size_t i;

	po->now.name = xstrdup(po->o->name);
	po->now.file = xstrdup(po->o->file);
	add_common(p, &po->now, po);
	add_data(p, &po->now, po->o, p->data, p->ndata);
	/* Layouts and fonts are known only to the renderer, which we do not
	 * load here: take them from the last build.  If the layout changed,
	 * its hash says so; if it names a new font, that is in the layout. */
	for (i = 0; old && i < old->nin; i++)
		if (old->in[i].kind == MIN_FILE)
			mrecord_add(&po->now, MIN_FILE, old->in[i].path,
			    hcache_get(&p->hc, old->in[i].path));
	minputs_sort(po->now.in, po->now.nin);
	po->exists = statcache_hash_nofollow(p->hc.sc, po->path,
	    po->out_hash) == 0;
	po->why = stale_decide(old, po->o->file, po->now.in, po->now.nin,
	    po->exists ? po->out_hash : NULL, force);
	free(po->reason);
	po->reason = NULL;
	if (po->why != STALE_NO) {
		struct buf b = {0};

		why_text(old, po, &b);
		po->reason = b.data;
	}
}

static char *
version_input(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");

	/* The stamp documents carry depends on it, so it is an input. */
	if (e)
		return xasprintf("briefgen %s, SOURCE_DATE_EPOCH=%s",
		    BRIEFGEN_VERSION, e);
	return xstrdup("briefgen " BRIEFGEN_VERSION);
}

/* Mark the outputs named in --only; -1 (usage, reported) for an unknown
 * or empty name: `--only ''` or `--only ,,` would build nothing. */
static int
select_only(const struct config *c, const char *only, char *want)
{
	const char *n = only, *end;
	size_t i, len;
	int rc = 0;

	memset(want, 0, c->noutputs);
	for (;;) {
		end = strchr(n, ',');
		len = end ? (size_t)(end - n) : strlen(n);
		for (i = 0; len > 0 && i < c->noutputs; i++)
			if (strlen(c->outputs[i].name) == len &&
			    strncmp(c->outputs[i].name, n, len) == 0)
				break;
		if (len == 0) {
			diag_usage("--only: an empty output name in '%s' "
			    "(give NAME,NAME...)", only);
			return -1;
		}
		if (i == c->noutputs) {
			diag_usage("--only: no output called '%.*s' in %s",
			    (int)len, n, c->path);
			rc = -1;
		} else
			want[i] = 1;
		if (end == NULL)
			break;
		n = end + 1;
	}
	return rc;
}

/* An output folder that exists must be a folder; -1 (reported). */
static int
check_outdir(const char *dir)
{
	struct stat st;

	if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		diag_sys_error(dir, "the output folder is not a folder");
		return -1;
	}
	return 0;
}

/* Load the configuration and plan every selected output.  Returns 0, or
 * the exit status of a failure (reported). */
static int
plan_open(struct plan *p, const struct incr_opts *o, char **wantp)
{
	const struct config *c;
	char *want;

	memset(p, 0, sizeof(*p));
	if (session_open(&p->s, o->config) < 0)
		return exit_status();
	c = &p->s.c;
	want = *wantp = xmalloc(c->noutputs + 1);
	memset(want, 1, c->noutputs);
	if (o->only && select_only(c, o->only, want) < 0)
		return EXIT_USAGE;
	p->outdir = o->outdir ? o->outdir : c->out.dir;
	if (check_outdir(p->outdir) < 0)
		return EXIT_SYSTEM;
	p->hc.sc = statcache_open(p->outdir);
	/* A stat cache that is a link or a FIFO was reported: stop there. */
	if (diag_errors())
		return exit_status();
	p->version = version_input();
	p->files = xcalloc(c->noutputs + 1, sizeof(char *));
	for (size_t i = 0; i < c->noutputs; i++)
		p->files[i] = c->outputs[i].file;
	plan_conf_hashes(p);
	return 0;
}

static void
plan_outputs(struct plan *p, const char *want, int force)
{
	const struct config *c = &p->s.c;
	struct pout *po;
	size_t i;

	plan_data(p);
	for (i = 0; i < c->noutputs; i++) {
		if (!want[i])
			continue;
		po = array_push(&p->outs, &p->nouts, sizeof(*po));
		po->idx = i;
		po->o = &c->outputs[i];
		po->path = xasprintf("%s/%s", p->outdir, po->o->file);
		plan_output(p, po, force);
	}
}

static void
plan_free(struct plan *p)
{
	size_t i;

	for (i = 0; i < p->nouts; i++) {
		free(p->outs[i].path);
		free(p->outs[i].reason);
		mrecord_free(&p->outs[i].now);
	}
	free(p->outs);
	if (p->conf_hash)
		strv_free(p->conf_hash, p->s.c.noutputs);
	strv_free(p->data, p->ndata);
	free(p->version);
	free(p->files);
	hcache_free(&p->hc);
	hy_memo_close();
	geo_memo_close(0);
	manifest_free(&p->man);
	/* Last: the session's configuration owns names the rest used. */
	session_free(&p->s);
}

/* ---- after a build: the exact record ---- */

/* The record of output po as just built (or as it would be built): the
 * data files the model was loaded from and the files the renderer read. */
static void
record_after(struct plan *p, const struct pout *po, struct mrecord *r)
{
	const struct model *m = &p->s.m;
	struct inputs in = {0};
	char **snaps = xcalloc(m->nsnapshots + 1, sizeof(char *));
	size_t i;

	memset(r, 0, sizeof(*r));
	r->name = xstrdup(po->o->name);
	r->file = xstrdup(po->o->file);
	memcpy(r->hash, po->new_hash, HASH_HEX);
	add_common(p, r, po);
	for (i = 0; i < m->nsnapshots; i++)
		snaps[i] = m->snapshots[i].file;
	add_data(p, r, po->o, snaps, m->nsnapshots);
	free(snaps);
	if (p->s.preps && p->s.preps[po->idx])
		render_for(po->o->type)->inputs(p->s.preps[po->idx], &in);
	for (i = 0; i < in.n; i++)
		mrecord_add(r, MIN_FILE, in.paths[i], hcache_get(&p->hc,
		    in.paths[i]));
	inputs_free(&in);
	minputs_sort(r->in, r->nin);
}

/* ---- building ---- */

static int
build_here(struct plan *p, struct pout *po)
{
	if (session_write_hash(&p->s, po->idx, p->outdir,
	    po->exists ? po->out_hash : NULL, po->new_hash, &po->changed) < 0)
		return -1;
	po->built = 1;
	return 0;
}

struct child {
	pid_t pid;
	int fd;                 /* reads "HASH CHANGED\n" from the child */
	struct pout *po;
};

/* In the child: build, tell the parent the hash, exit without running
 * the parent's exit handlers. */
static void
child_run(struct plan *p, struct pout *po, int fd)
{
	int rc = build_here(p, po);

	if (rc == 0)
		dprintf(fd, "%s %d\n", po->new_hash, po->changed);
	fflush(NULL);
	_exit(rc == 0 ? 0 : exit_status() ? exit_status() : EXIT_SYSTEM);
}

/* Start a child for po; -1 when fork is impossible (then build here). */
static int
child_start(struct plan *p, struct pout *po, struct child *ch)
{
	int fds[2];

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	fflush(NULL);
	ch->pid = fork();
	if (ch->pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (ch->pid == 0) {
		close(fds[0]);
		child_run(p, po, fds[1]);
	}
	close(fds[1]);
	ch->fd = fds[0];
	ch->po = po;
	return 0;
}

/* Collect what child ch reported once it exited with `status`; returns
 * the exit status it stands for. */
static int
child_finish(struct child *ch, int status)
{
	char b[HASH_HEX + 8] = "";
	ssize_t r = read(ch->fd, b, sizeof(b) - 1);
	struct pout *po = ch->po;

	close(ch->fd);
	ch->pid = 0;
	if (r > 0)
		b[r] = '\0';
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && r == HASH_HEX + 2
	    && b[HASH_HEX - 1] == ' ') {
		memcpy(po->new_hash, b, HASH_HEX - 1);
		po->new_hash[HASH_HEX - 1] = '\0';
		po->changed = b[HASH_HEX] == '1';
		po->built = 1;
		return EXIT_OK;
	}
	po->failed = 1;
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		return WEXITSTATUS(status);
	diag_sys_error(po->path, "the process building it died (%s)",
	    WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "no result");
	return EXIT_SYSTEM;
}

/* Wait for one of the running children; returns its exit status. */
static int
child_reap(struct child *kids, size_t n)
{
	pid_t pid;
	int st;
	size_t i;

	for (;;) {
		pid = waitpid(-1, &st, 0);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			return EXIT_SYSTEM;
		for (i = 0; i < n; i++)
			if (kids[i].pid == pid)
				return child_finish(&kids[i], st);
	}
}

/* Build todo[0..n) with up to `jobs` processes; returns the worst child
 * exit status (the parent's own diagnostics count separately). */
static int
build_parallel(struct plan *p, struct pout **todo, size_t n, int jobs)
{
	struct child *kids = xcalloc((size_t)jobs, sizeof(*kids));
	size_t next = 0, running = 0, k;
	int worst = EXIT_OK, st;

	while (next < n || running > 0) {
		for (k = 0; k < (size_t)jobs && next < n &&
		    running < (size_t)jobs; k++) {
			if (kids[k].pid)
				continue;
			if (child_start(p, todo[next], &kids[k]) < 0) {
				if (build_here(p, todo[next]) < 0)
					todo[next]->failed = 1;
			} else
				running++;
			next++;
		}
		if (running > 0) {
			st = child_reap(kids, (size_t)jobs);
			running--;
			if (st > worst)
				worst = st;
		}
	}
	free(kids);
	return worst;
}

static int
build_stale(struct plan *p, const struct incr_opts *o)
{
	struct pout **todo = xcalloc(p->nouts + 1, sizeof(*todo));
	size_t i, n = 0;
	int worst = EXIT_OK;

	for (i = 0; i < p->nouts; i++) {
		if (p->outs[i].why == STALE_NO)
			continue;
		if (p->s.preps[p->outs[i].idx] == NULL)
			p->outs[i].failed = 1;  /* its layout was reported */
		else
			todo[n++] = &p->outs[i];
	}
	if (o->jobs > 1 && n > 1)
		worst = build_parallel(p, todo, n, o->jobs);
	else
		for (i = 0; i < n; i++)
			if (build_here(p, todo[i]) < 0)
				todo[i]->failed = 1;
	free(todo);
	return worst;
}

/* ---- reporting ---- */

static void
report_output(const struct pout *po)
{
	struct buf b = {0};

	buf_printf(&b, "briefgen: %s: ", po->path);
	if (po->why == STALE_NO)
		buf_puts(&b, "up to date");
	else if (po->failed)
		buf_puts(&b, "not built, the previous file is kept");
	else
		buf_puts(&b, po->changed ? "written (" : "rebuilt, same bytes (");
	if (po->why != STALE_NO && !po->failed)
		buf_printf(&b, "%s)", po->reason);
	buf_puts(&b, "\n");
	fputs(b.data, stderr);
	buf_free(&b);
}

/* ---- the depfile ---- */

/* Escape one name (depfile.c); *bad receives the first that cannot be. */
static void
dep_name(struct buf *b, const char *s, enum dep_side side, const char **bad)
{
	if (dep_escape(b, s, side) < 0 && *bad == NULL)
		*bad = s;
}

int
incr_depfile_text(const struct manifest *man, const struct config *c,
    const char *outdir, struct buf *b, const char **bad)
{
	struct inputs all = {0};
	const struct mrecord *r;
	const char *first_bad = NULL;
	char *target;
	size_t i, k;

	buf_puts(b, "");
	for (i = 0; i < c->noutputs; i++) {
		if ((r = manifest_find(man, c->outputs[i].file)) == NULL)
			continue;
		target = xasprintf("%s/%s", outdir, r->file);
		dep_name(b, target, DEP_TARGET, &first_bad);
		free(target);
		buf_puts(b, ":");
		for (k = 0; k < r->nin; k++) {
			if (r->in[k].kind == MIN_VERSION)
				continue;
			buf_puts(b, " \\\n  ");
			dep_name(b, r->in[k].path, DEP_PREREQ, &first_bad);
			inputs_add(&all, r->in[k].path);
		}
		/* A new snapshot file changes the folder, not any file. */
		if (c->data.snapshots) {
			buf_puts(b, " \\\n  ");
			dep_name(b, c->data.snapshots, DEP_PREREQ, &first_bad);
			inputs_add(&all, c->data.snapshots);
		}
		buf_puts(b, "\n");
	}
	/* Like gcc -MP: a deleted input does not stop make. */
	for (k = 0; k < all.n; k++) {
		buf_puts(b, "\n");
		dep_name(b, all.paths[k], DEP_TARGET, &first_bad);
		buf_puts(b, ":\n");
	}
	inputs_free(&all);
	if (bad)
		*bad = first_bad;
	return first_bad ? -1 : 0;
}

static void
refuse_dep_name(const char *name, const char *dep)
{
	diag_file_error(name, "this name cannot be written into the depfile "
	    "%s: it holds %s, which make cannot read back", dep,
	    dep_unescapable(name));
}

/* ---- what the run reads, and what it writes ---- */

/* A set of paths, each kept once (thousands of snapshot files appear in
 * every output's record: the index keeps collecting them linear). */
struct pathset {
	struct inputs in;
	struct strindex ix;
};

static void
pathset_add(struct pathset *ps, const char *path)
{
	if (strindex_get(&ps->ix, path) != (size_t)-1)
		return;
	*(char **)array_push(&ps->in.paths, &ps->in.n, sizeof(char *)) =
	    xstrdup(path);
	strindex_put(&ps->ix, ps->in.paths[ps->in.n - 1], ps->in.n - 1);
}

static void
pathset_free(struct pathset *ps)
{
	strindex_free(&ps->ix);
	inputs_free(&ps->in);
}

/* Every file the planned outputs read. */
static void
plan_inputs(const struct plan *p, struct pathset *ps)
{
	struct inputs r = {0};
	size_t i, k;

	pathset_add(ps, p->s.c.path);
	for (i = 0; i < p->ndata; i++)
		pathset_add(ps, p->data[i]);
	for (i = 0; i < p->nouts; i++) {
		const struct pout *po = &p->outs[i];

		for (k = 0; k < po->now.nin; k++)
			if (po->now.in[k].kind != MIN_VERSION)
				pathset_add(ps, po->now.in[k].path);
		/* The layouts and fonts of outputs prepared in this run. */
		if (p->s.preps && p->s.preps[po->idx])
			render_for(po->o->type)->inputs(p->s.preps[po->idx],
			    &r);
	}
	for (k = 0; k < r.n; k++)
		pathset_add(ps, r.paths[k]);
	inputs_free(&r);
}

/* The depfile must not be an input, an output, or what a rename may not
 * replace, and every name in it must be writable; -1 (reported). */
static int
check_depfile(const struct plan *p, const char *dep, struct inputs *in,
    const struct fileids *ids)
{
	const struct config *c = &p->s.c;
	size_t i;
	int rc = 0;

	for (i = 0; i < in->n; i++)
		if (dep_unescapable(in->paths[i])) {
			refuse_dep_name(in->paths[i], dep);
			rc = -1;
		}
	if (rc < 0 || write_check_target(dep, 0) < 0 ||
	    write_refuse_ids(dep, ids, "the depfile") < 0)
		return -1;
	/* Every output of the configuration, built this time or not. */
	for (i = 0; i < c->noutputs; i++) {
		char *out = xasprintf("%s/%s", p->outdir, c->outputs[i].file);

		/* The outputs are the depfile's targets: their names too. */
		if (dep_unescapable(out)) {
			refuse_dep_name(out, dep);
			free(out);
			return -1;
		}
		rc = write_same_target(dep, out);
		free(out);
		if (rc) {
			diag_file_error(dep, "is also output '%s' of this run; "
			    "refusing to overwrite it with the depfile",
			    c->outputs[i].name);
			return -1;
		}
	}
	return 0;
}

/* Before anything is written: no output to be built is one of the run's
 * inputs (file = rsm.ini with -o config), nor is the depfile.  Compared
 * by device and inode (write.c).  0, or -1 (reported). */
static int
check_targets(const struct plan *p, const char *dep)
{
	struct pathset ps = {0};
	struct inputs *in = &ps.in;
	struct fileids ids;
	size_t i;
	int rc = 0;

	plan_inputs(p, &ps);
	fileids_init(&ids, in->paths, in->n);
	for (i = 0; i < p->nouts; i++) {
		char what[160];

		if (p->outs[i].why == STALE_NO)
			continue;
		snprintf(what, sizeof(what), "output '%s'",
		    p->outs[i].o->name);
		if (write_refuse_ids(p->outs[i].path, &ids, what) < 0)
			rc = -1;
	}
	if (rc == 0 && dep && check_depfile(p, dep, in, &ids) < 0)
		rc = -1;
	fileids_free(&ids);
	pathset_free(&ps);
	return rc;
}

static int
depfile_write(const struct plan *p, const char *path)
{
	struct buf b = {0};
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	const char *name = path;
	int rc;

	if (slash) {
		*slash = '\0';
		name = slash + 1;
	}
	const char *bad = NULL;

	if (incr_depfile_text(&p->man, &p->s.c, p->outdir, &b, &bad) < 0) {
		refuse_dep_name(bad, path);
		rc = -1;
	} else
		rc = write_atomic_buf(slash ? (*dir ? dir : "/") : ".", name,
		    &b);
	buf_free(&b);
	free(dir);
	return rc;
}

/* ---- the build command ---- */

/* The names whose temporaries a killed build may have left in the
 * output folder: the outputs and the folder's own files (a subset memo
 * per output, subset_memo.h).  Returns how many; free with
 * free_names. */
static size_t
temp_names(const struct plan *p, char ***names)
{
	static const char *const own[] = {MANIFEST_NAME, STATUS_NAME,
		STATCACHE_NAME, HYMEMO_NAME, GEOMEMO_NAME};
	size_t i, n = p->s.c.noutputs, k = 0;

	*names = xcalloc(2 * n + 5, sizeof(char *));
	for (i = 0; i < n; i++) {
		(*names)[k++] = xstrdup(p->s.c.outputs[i].file);
		(*names)[k++] = xasprintf("%s%s", SUBSETS_NAME,
		    p->s.c.outputs[i].file);
	}
	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		(*names)[k++] = xstrdup(own[i]);
	return k;
}

static void
free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
clean_temps(const struct plan *p)
{
	char **names;
	size_t n = temp_names(p, &names);

	write_clean_temps(p->outdir, names, n);
	free_names(names, n);
}

/* Lock the folder and clear what a killed build left; -1 (reported). */
static int
plan_lock(struct plan *p, int wait)
{
	int fd;

	if (make_dirs(p->outdir) < 0 || (fd = outdir_lock(p->outdir,
	    wait)) < 0)
		return -1;
	clean_temps(p);
	return fd;
}

/* Nothing to build, but a killed build's temporaries are there: clear
 * them if the folder's lock is free right now (a running build owns its
 * temporaries; the next run will clear what it leaves). */
static void
clean_when_idle(const struct plan *p)
{
	char **names;
	size_t n = temp_names(p, &names);
	int fd;

	if (write_has_temps(p->outdir, names, n) &&
	    (fd = outdir_trylock(p->outdir)) >= 0) {
		write_clean_temps(p->outdir, names, n);
		outdir_unlock(fd);
	}
	free_names(names, n);
}

/* Mark the stale outputs in want[]; returns how many there are. */
static size_t
mark_stale(const struct plan *p, char *want)
{
	size_t i, n = 0;

	memset(want, 0, p->s.c.noutputs);
	for (i = 0; i < p->nouts; i++)
		if (p->outs[i].why != STALE_NO)
			n += want[p->outs[i].idx] = 1;
	return n;
}

/* With the lock held: another briefgen may have built this folder while
 * we were loading, so decide again from its manifest. */
static int
replan(struct plan *p, int force, char *want)
{
	size_t i;

	manifest_free(&p->man);
	if (manifest_read(&p->man, p->outdir, 1) < 0)
		return -1;
	for (i = 0; i < p->nouts; i++) {
		mrecord_free(&p->outs[i].now);
		plan_output(p, &p->outs[i], force);
	}
	/* An output stale only now is prepared now; a failure there is
	 * invalid input like any other: nothing is built. */
	if (mark_stale(p, want) && session_prepare(&p->s, want) < 0)
		return -1;
	return 0;
}

/* The depfile this build writes, or NULL. */
static const char *
depfile_of(const struct plan *p, const struct incr_opts *o)
{
	return o->depfile ? o->depfile : p->s.c.out.depfile;
}

/* Load what the stale outputs need, lock the folder, build them, and
 * record them in the manifest.  The folder is created and locked only
 * once the data and every stale output's layout are known to be good: a
 * failed check touches nothing, so a broken layout never leaves a half-
 * updated set of documents.
 * Returns the worst child status; *lock receives the lock. */
static int
rebuild(struct plan *p, const struct incr_opts *o, struct incr_result *r,
    int *lock)
{
	char *want = xcalloc(p->s.c.noutputs + 1, 1);
	struct mrecord rec;
	size_t i;
	int worst = EXIT_OK;

	mark_stale(p, want);
	if (hy_memo_open(p->outdir, hcache_get(&p->hc, HY_PATTERNS)) < 0 ||
	    geo_memo_open(p->outdir) < 0 ||
	    session_load_data(&p->s, want) < 0 ||
	    session_prepare(&p->s, want) < 0 ||
	    check_targets(p, depfile_of(p, o)) < 0 ||
	    (*lock = plan_lock(p, o->wait)) < 0 ||
	    replan(p, o->force, want) < 0)
		goto out;
	worst = build_stale(p, o);
	for (i = 0; i < p->nouts; i++) {
		struct pout *po = &p->outs[i];

		if (!po->built)
			continue;
		r->built++;
		record_after(p, po, &rec);
		manifest_put(&p->man, &rec);
	}
	if (r->built) {
		manifest_keep(&p->man, p->s.c.path, p->files,
		    p->s.c.noutputs);
		manifest_write(&p->man, p->outdir);
	}
	/* What the prepared outputs asked (children learn nothing). */
	hy_memo_save();
	geo_memo_close(1);
out:
	free(want);
	return worst;
}

static void
result_fill(const struct plan *p, struct incr_result *r, int worst)
{
	size_t i;

	r->outdir = xstrdup(p->outdir);
	for (i = 0; i < p->nouts; i++) {
		const struct pout *po = &p->outs[i];

		r->outputs++;
		r->stale += po->why != STALE_NO;
		r->failed += po->why != STALE_NO && !po->built;
		if (po->built && po->changed)
			*(char **)array_push(&r->changed, &r->nchanged,
			    sizeof(char *)) = xstrdup(po->path);
	}
	r->status = exit_status();
	if (worst > r->status)
		r->status = worst;
	if (r->failed && r->status == EXIT_OK)
		r->status = EXIT_INVALID;
}

/* The depfile, once the outputs are in place and all is well. */
static void
finish(struct plan *p, const struct incr_opts *o, struct incr_result *r)
{
	const char *dep = depfile_of(p, o);

	/* Checked again: with nothing to build, nothing checked it yet. */
	if (dep && r->failed == 0 && exit_status() == EXIT_OK &&
	    check_targets(p, dep) == 0)
		depfile_write(p, dep);
}

static void
say_nothing_to_do(size_t n)
{
	fprintf(stderr, "briefgen: nothing to do (%zu output%s up to date)\n",
	    n, n == 1 ? "" : "s");
}

int
incr_build(const struct incr_opts *o, struct incr_result *r)
{
	struct plan p;
	char *want = NULL;
	int lock = -1, worst = EXIT_OK, rc;
	size_t i;

	memset(r, 0, sizeof(*r));
	memset(&p, 0, sizeof(p));
	/* No lock to decide: the manifest is only ever replaced whole. */
	if ((rc = plan_open(&p, o, &want)) != 0 ||
	    manifest_read(&p.man, p.outdir, 0) < 0) {
		r->status = rc ? rc : exit_status();
		goto out;
	}
	plan_outputs(&p, want, o->force);
	if (mark_stale(&p, want))
		worst = rebuild(&p, o, r, &lock);
	else
		clean_when_idle(&p);
	result_fill(&p, r, worst);
	finish(&p, o, r);
	r->status = exit_status() > r->status ? exit_status() : r->status;
	if (o->verbose)
		for (i = 0; i < p.nouts; i++)
			report_output(&p.outs[i]);
	if (r->stale == 0 && !o->quiet && r->status == EXIT_OK)
		say_nothing_to_do(r->outputs);
out:
	outdir_unlock(lock);
	free(want);
	plan_free(&p);
	return r->status;
}

void
incr_result_free(struct incr_result *r)
{
	if (r == NULL)
		return;
	strv_free(r->changed, r->nchanged);
	free(r->outdir);
	memset(r, 0, sizeof(*r));
}

/* ---- the list command ---- */

static void
list_output(const struct plan *p, const struct pout *po,
    const struct mrecord *shown)
{
	const struct mrecord *old = manifest_find(&p->man, po->o->file);
	size_t i;

	printf("%s (%s) %s: %s\n", po->o->name, output_type_name(po->o->type),
	    po->path, stale_why_text(po->why));
	for (i = 0; i < shown->nin; i++) {
		const struct minput *in = &shown->in[i];

		printf("    %-8s %s%s\n", min_kind_name(in->kind), in->path,
		    old && stale_input_changed(old, in) ? "  (changed)" : "");
	}
	/* Inputs of the last build that are no longer read. */
	for (i = 0; old && i < old->nin; i++)
		if (shown->nin == 0 || !bsearch(&old->in[i], shown->in,
		    shown->nin, sizeof(*shown->in), minput_cmp))
			printf("    %-8s %s  (gone)\n",
			    min_kind_name(old->in[i].kind), old->in[i].path);
}

/* Outputs never built here: their layouts and fonts are known only to
 * the renderer, so load and prepare them (reporting any problem). */
static void
list_learn(struct plan *p, struct mrecord *learned)
{
	char *want = xcalloc(p->s.c.noutputs + 1, 1);
	size_t i, n = 0;

	for (i = 0; i < p->nouts; i++)
		if (manifest_find(&p->man, p->outs[i].o->file) == NULL)
			n += want[p->outs[i].idx] = 1;
	if (n && session_load_data(&p->s, want) == 0) {
		session_prepare(&p->s, want);
		for (i = 0; i < p->nouts; i++)
			if (want[p->outs[i].idx])
				record_after(p, &p->outs[i], &learned[i]);
	}
	free(want);
}

int
incr_list(const struct incr_opts *o)
{
	struct plan p;
	struct mrecord *learned = NULL;
	char *want = NULL;
	size_t i;
	int rc;

	if ((rc = plan_open(&p, o, &want)) != 0 ||
	    manifest_read(&p.man, p.outdir, 0) < 0)
		goto out;
	plan_outputs(&p, want, 0);
	learned = xcalloc(p.nouts + 1, sizeof(*learned));
	list_learn(&p, learned);
	for (i = 0; i < p.nouts; i++)
		list_output(&p, &p.outs[i], learned[i].name ? &learned[i] :
		    &p.outs[i].now);
	for (i = 0; i < p.nouts; i++)
		mrecord_free(&learned[i]);
	free(learned);
out:
	free(want);
	plan_free(&p);
	return rc ? rc : exit_status();
}
