/* build.c - the pipeline: load the configuration and data, validate once,
 * prepare each output's renderer, and write the outputs atomically.
 * `briefgen check`, `build` and `list` all start from session_load(). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "diag.h"
#include "render.h"
#include "subset_memo.h"
#include "write.h"

/* The one place that maps an output type to its renderer. */
const struct renderer *
render_for(int type)
{
	switch (type) {
	case OUT_PDF:
		return &render_pdf;
	case OUT_XLSX:
		return &render_xlsx;
	case OUT_PACK:
		return &render_pack;
	case OUT_TEXT:
		return &render_text;
	default:
		return NULL;
	}
}

void
inputs_add(struct inputs *in, const char *path)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		if (strcmp(in->paths[i], path) == 0)
			return;
	*(char **)array_push(&in->paths, &in->n, sizeof(char *)) =
	    xstrdup(path);
}

void
inputs_free(struct inputs *in)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		free(in->paths[i]);
	free(in->paths);
	in->paths = NULL;
	in->n = 0;
}

/* The time stamp documents carry: SOURCE_DATE_EPOCH when set (the
 * reproducible-builds convention), else the data's "as of" date. */
static time_t
session_stamp(const struct model *m)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	long v;

	if (e && num_parse_long(e, 0, 253402300799L, &v) == 0)
		return (time_t)v;
	if (e)
		diag_warning(NULL, "SOURCE_DATE_EPOCH='%s' is not a number of "
		    "seconds; using the data's as_of date", e);
	return (time_t)(date_epoch(&m->mission.as_of) * 86400);
}

static void
ctx_for(const struct session *s, size_t i, struct render_ctx *ctx)
{
	ctx->m = &s->m;
	ctx->c = &s->c;
	ctx->o = &s->c.outputs[i];
	ctx->stamp = s->stamp;
	ctx->version = "briefgen " BRIEFGEN_VERSION;
}

/* libxlsxwriter takes a creation time of 0 for "none given" and writes
 * the clock's time instead: a workbook stamped 1970-01-01T00:00:00Z
 * would differ at every build.  It cannot be written faithfully, so it is
 * refused (SOURCE_DATE_EPOCH=1 or a later as_of works).  0, or -1. */
static int
check_stamp(const struct session *s, const struct output *o)
{
	if (o->type != OUT_XLSX || s->stamp != 0)
		return 0;
	if (getenv("SOURCE_DATE_EPOCH"))
		diag_error(&o->loc, "SOURCE_DATE_EPOCH=0 cannot be the creation "
		    "time of workbook '%s': libxlsxwriter would write the "
		    "current time instead (use 1 or later)", o->name);
	else
		diag_error(&s->m.mission.loc, "as_of 1970-01-01 cannot be the "
		    "creation time of workbook '%s': libxlsxwriter would write "
		    "the current time instead (set SOURCE_DATE_EPOCH=1 or "
		    "later)", o->name);
	return -1;
}

/* Does an output marked in want (any, when want is NULL) draw the map? */
static int
wants_outline(const struct session *s, const char *want)
{
	size_t i;

	for (i = 0; i < s->c.noutputs; i++)
		if ((want == NULL || want[i]) &&
		    output_reads_outline(s->c.outputs[i].type))
			return 1;
	return 0;
}

/* The geo file is the largest input, and only a map reads it: a build of
 * workbooks alone leaves it unread (and unlisted, see incr.c's add_data).
 * An output found stale only after the data were loaded may still need
 * it: it is loaded and checked then. */
static int
load_geo_late(struct session *s, const char *want)
{
	int before = diag_errors();

	if (s->c.data.geo == NULL || s->m.geo || !wants_outline(s, want))
		return 0;
	load_geo(&s->m, s->c.data.geo);
	validate_geo(&s->m);
	return diag_errors() > before ? -1 : 0;
}

/* Prepare the outputs marked in want (all when want is NULL). */
int
session_prepare(struct session *s, const char *want)
{
	struct render_ctx ctx;
	size_t i;
	int before = diag_errors();

	if (load_geo_late(s, want) < 0)
		return -1;
	if (s->preps == NULL)
		s->preps = xcalloc(s->c.noutputs ? s->c.noutputs : 1,
		    sizeof(*s->preps));
	for (i = 0; i < s->c.noutputs; i++) {
		const struct renderer *r = render_for(s->c.outputs[i].type);

		if ((want && !want[i]) || s->preps[i])
			continue;
		if (check_stamp(s, &s->c.outputs[i]) < 0)
			continue;
		ctx_for(s, i, &ctx);
		s->preps[i] = r->prepare(&ctx);
	}
	return diag_errors() > before ? -1 : 0;
}

int
session_open(struct session *s, const char *config_path)
{
	memset(s, 0, sizeof(*s));
	if (load_config(&s->c, config_path) < 0)
		return -1;
	return 0;
}

int
session_load_data(struct session *s, const char *want)
{
	const struct config *c = &s->c;
	int before = diag_errors();

	if (c->data.nations == NULL || c->data.mission == NULL ||
	    c->data.snapshots == NULL)
		return -1;
	/* Load everything even after an error, and validate what loaded, so
	 * that one run reports all the problems.  Only a broken nations file
	 * stops validation: every name would then look unknown. */
	load_data(&s->m, c->data.nations, c->data.mission, c->data.snapshots,
	    want == NULL || wants_outline(s, want) ? c->data.geo : NULL);
	if (!s->m.nations_failed)
		validate_model(&s->m);
	if (diag_errors() > before)
		return -1;
	s->stamp = session_stamp(&s->m);
	return 0;
}

int
session_load(struct session *s, const char *config_path)
{
	/* A configuration with errors is still loaded as far as it goes, so
	 * that `check` reports the data's problems too. */
	if (session_open(s, config_path) < 0 && s->c.data.nations == NULL)
		return -1;
	if (session_load_data(s, NULL) < 0 || diag_errors() > 0)
		return -1;
	return session_prepare(s, NULL);
}

void
session_free(struct session *s)
{
	size_t i;

	if (s->preps)
		for (i = 0; i < s->c.noutputs; i++)
			if (s->preps[i])
				render_for(s->c.outputs[i].type)->free(
				    s->preps[i]);
	free(s->preps);
	model_free(&s->m);
	config_free(&s->c);
	memset(s, 0, sizeof(*s));
}

struct job {
	const struct session *s;
	size_t i;
};

static int
render_job(void *arg, int fd, const char *path)
{
	struct job *j = arg;
	struct render_ctx ctx;

	ctx_for(j->s, j->i, &ctx);
	return render_for(ctx.o->type)->render(j->s->preps[j->i], &ctx, fd,
	    path);
}

/* May an output's file name be part of another in the output folder
 * (its subset memo's)? */
static int
plain_name(const char *name)
{
	if (*name == '\0' || *name == '.')
		return 0;
	for (; *name; name++)
		if (!isalnum((unsigned char)*name) && *name != '-' &&
		    *name != '_' && *name != '.')
			return 0;
	return 1;
}

int
session_write_hash(const struct session *s, size_t i, const char *outdir,
    const char *same_as, char hash[HASH_HEX], int *changed)
{
	const struct output *o = &s->c.outputs[i];
	struct job j = {s, i};
	int memo = output_reads_outline(o->type) && plain_name(o->file), rc;

	/* A document's fonts are cut as its last build cut them, if the
	 * glyphs are the same (subset_memo.h).  By file, not name: two
	 * missions' configurations may share a folder and their names. */
	if (memo && subset_memo_open(outdir, o->file) < 0)
		return -1;
	rc = write_atomic_hash(outdir, o->file, render_job, &j, same_as, hash,
	    changed);
	if (memo)
		subset_memo_close(rc == 0);
	return rc;
}

/* The parts of the data each type of output can show.  Every output sees
 * the whole validated model (nations, mission, snapshots), but only a
 * document with pages can draw the map: a workbook or a text summary never
 * reads the outline, so a new outline does not rebuild it. */
int
output_reads_outline(int type)
{
	return type == OUT_PDF || type == OUT_PACK;
}

int
exit_status(void)
{
	if (diag_sys_failed())
		return EXIT_SYSTEM;
	return diag_errors() ? EXIT_INVALID : EXIT_OK;
}
