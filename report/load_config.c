/* load_config.c - loads a run configuration (the files in config/). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmdline.h"
#include "diag.h"
#include "load.h"
#include "project.h"
#include "schema.h"

#define O(t, f) offsetof(struct t, f)
#define C(f) offsetof(struct config, f)

static const char *const type_names[] = {"pdf", "xlsx", "pack", "text",
    NULL};

const char *
output_type_name(int type)
{
	return type >= 0 && type < OUT__MAX ? type_names[type] : "?";
}

static const struct schema_field data_fields[] = {
	{"nations", ST_STR, 0 + O(config, data.nations) - C(data), SF_REQUIRED,
	    0, 0, 0, 0, NULL},
	{"mission", ST_STR, O(config, data.mission) - C(data), SF_REQUIRED, 0,
	    0, 0, 0, NULL},
	{"snapshots", ST_STR, O(config, data.snapshots) - C(data), SF_REQUIRED,
	    0, 0, 0, 0, NULL},
	{"geo", ST_STR, O(config, data.geo) - C(data), 0, 0, 0, 0, 0, NULL},
	{NULL, 0, 0, 0, 0, 0, 0, 0, NULL}
};

static const struct schema_field out_fields[] = {
	{"dir", ST_STR, O(config, out.dir) - C(out), 0, 0, 0, 0, 0, NULL},
	{"depfile", ST_STR, O(config, out.depfile) - C(out), 0, 0, 0, 0, 0,
	    NULL},
	{NULL, 0, 0, 0, 0, 0, 0, 0, NULL}
};

#define S(f) (O(config, schedule.f) - C(schedule))
static const struct schema_field schedule_fields[] = {
	{"check_every", ST_LONG, S(check_every), 0, 0, 0, 1, 31L * 86400, NULL},
	{"rebuild_every", ST_LONG, S(rebuild_every), 0, 0, 0, 1, 366L * 86400,
	    NULL},
	{"on_change", ST_STR, S(on_change), SF_LOC, 0, S(on_change_loc), 0, 0,
	    NULL},
	{NULL, 0, 0, 0, 0, 0, 0, 0, NULL}
};

static const struct schema_field output_fields[] = {
	{"type", ST_ENUM, O(output, type), SF_REQUIRED, 0, 0, 0, 0, type_names},
	{"file", ST_STR, O(output, file), SF_REQUIRED | SF_LOC, 0,
	    O(output, file_loc), 0, 0, NULL},
	{"layout", ST_STR, O(output, layout), SF_LOC, 0, O(output, layout_loc),
	    0, 0, NULL},
	{"cover", ST_STR, O(output, cover), SF_LOC, 0, O(output, cover_loc), 0,
	    0, NULL},
	{"title", ST_STR, O(output, title), 0, 0, 0, 0, 0, NULL},
	{"contents", ST_STR, O(output, contents), SF_LOC, 0,
	    O(output, contents_loc), 0, 0, NULL},
	{"pdfa", ST_STR, O(output, pdfa), SF_LOC, 0, O(output, pdfa_loc), 0,
	    0, NULL},
	{NULL, 0, 0, 0, 0, 0, 0, 0, NULL}
};

/* `section = ...` lines: each keeps its line, so that a pack can point
 * at the one that names a bad layout.  They are split in split_section
 * once the file is read (a line may continue on indented lines). */
static int
output_key(struct schema_state *st, void *item, const struct ini_item *it)
{
	struct output *o = item;
	struct pack_section *ps;
	size_t n;

	if (strcmp(it->key, "section") != 0) {
		diag_error(&it->loc, "unknown key '%s' in '[%s]'", it->key,
		    it->section);
		return 0;
	}
	if (it->continued && o->nsections > 0) {
		ps = &o->section_info[o->nsections - 1];
		schema_join(st, &ps->line, it);
		return 0;
	}
	free(st->last_other);
	st->last_other = xstrdup(it->key);
	n = o->nsections;
	ps = array_push(&o->section_info, &n, sizeof(*ps));
	/* The layout's path is filled in by split_section. */
	*(char **)array_push(&o->sections, &o->nsections, sizeof(char *)) =
	    NULL;
	ps->loc = it->loc;
	ps->line = xstrdup(it->value);
	return 0;
}

/* The singleton sections' structs start with their loc, so loc_off is 0
 * relative to the sub-struct the kind points at. */
static const struct schema_kind config_kinds[] = {
	{"data", 1, 0 + 1, C(data), 0, 0, 0, data_fields, NULL, 0},
	{"output", 1, 1, C(out), 0, 0, 0, out_fields, NULL, 0},
	{"schedule", 1, 1, C(schedule), 0, 0, 0, schedule_fields, NULL, 0},
	{"output", 0, sizeof(struct output), C(outputs), C(noutputs),
	    O(output, name), O(output, loc), output_fields, output_key, 100},
	{0}
};

/* Trim blanks off both ends of s in place; returns s. */
static char *
trim(char *s)
{
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* KIND=ID words of a section line. */
static void
split_only(struct pack_section *ps, char *opts)
{
	char *save = NULL, *w, *eq;
	struct pack_only *po;

	for (w = strtok_r(opts, " \t", &save); w; w = strtok_r(NULL, " \t",
	    &save)) {
		eq = strchr(w, '=');
		if (eq == NULL || eq == w || eq[1] == '\0') {
			diag_error(&ps->loc, "'%s' in a section line is not "
			    "KIND=ID (e.g. command=taac-north)", w);
			continue;
		}
		po = array_push(&ps->only, &ps->nonly, sizeof(*po));
		po->kind = xstrndup(w, (size_t)(eq - w));
		po->id = xstrdup(eq + 1);
	}
}

/* section = LAYOUT [| TITLE [| KIND=ID ...]] */
static void
split_section(struct output *o, size_t i)
{
	struct pack_section *ps = &o->section_info[i];
	char *copy = xstrdup(ps->line), *part[3] = {NULL, NULL, NULL}, *p;
	size_t n = 0;

	for (p = copy; p && n < 3; n++) {
		part[n] = p;
		if ((p = strchr(p, '|')) != NULL)
			*p++ = '\0';
	}
	if (p != NULL)
		diag_error(&ps->loc, "a section line has at most three parts: "
		    "LAYOUT | TITLE | KIND=ID ...");
	if (*trim(part[0]) == '\0')
		diag_error(&ps->loc, "a section line needs a layout file "
		    "first");
	o->sections[i] = xstrdup(trim(part[0]));
	if (part[1] && *trim(part[1]))
		ps->title = xstrdup(trim(part[1]));
	if (part[2])
		split_only(ps, part[2]);
	free(copy);
}

/* Keys that belong to one type of output only. */
static void
check_pack_keys(const struct output *o)
{
	if (o->type == OUT_PACK) {
		if (o->layout)
			diag_error(&o->layout_loc, "a pack has no 'layout': "
			    "its layouts are 'cover', 'contents' and "
			    "'section'");
		if (o->cover == NULL)
			diag_error(&o->loc, "pack '%s' needs 'cover = LAYOUT'",
			    o->name);
		if (o->nsections == 0)
			diag_error(&o->loc, "pack '%s' needs at least one "
			    "'section = LAYOUT'", o->name);
		return;
	}
	if (o->cover)
		diag_error(&o->cover_loc, "'cover' is a key of packs (type = "
		    "pack)");
	if (o->contents)
		diag_error(&o->contents_loc, "'contents' is a key of packs "
		    "(type = pack)");
	if (o->nsections > 0)
		diag_error(&o->section_info[0].loc, "'section' is a key of "
		    "packs (type = pack)");
}

/* Checks that need the whole file: which keys each type of output needs. */
static void
check_outputs(struct config *c)
{
	size_t i, j;

	for (i = 0; i < c->noutputs; i++) {
		struct output *o = &c->outputs[i];

		if ((o->type == OUT_PDF || o->type == OUT_XLSX) &&
		    o->layout == NULL)
			diag_error(&o->loc, "output '%s' of type %s needs "
			    "'layout = FILE'", o->name,
			    output_type_name(o->type));
		check_pack_keys(o);
		for (j = 0; j < o->nsections; j++)
			split_section(o, j);
		/* Outputs live in the output folder, beside the manifest and the
		 * lock: a path elsewhere, or a hidden name, is refused. */
		if (o->file && (*o->file == '\0' || *o->file == '.' ||
		    strchr(o->file, '/')))
			diag_error(&o->file_loc, "output file '%s' must be a "
			    "plain file name (no '/', not starting with '.')",
			    o->file);
		for (j = 0; j < i; j++)
			if (o->file && c->outputs[j].file &&
			    strcmp(o->file, c->outputs[j].file) == 0)
				diag_error(&o->file_loc, "output file '%s' is "
				    "also written by output '%s'", o->file,
				    c->outputs[j].name);
	}
}

/* on_change is run without a shell: it must split into words. */
static void
check_schedule(const struct config *c)
{
	const char *err;
	char **argv;
	size_t argc;

	if (c->schedule.on_change == NULL)
		return;
	if (cmdline_split(c->schedule.on_change, &argv, &argc, &err) < 0)
		diag_error(&c->schedule.on_change_loc, "on_change: %s", err);
	else
		cmdline_free(argv);
}

/* Without a `geo` key: geo/countries.txt beside the nations file, the
 * country outlines every mission shares, when it is there. */
static char *
default_geo(const char *nations)
{
	const char *slash = strrchr(nations, '/');
	char *path = xasprintf("%.*sgeo/countries.txt",
	    slash ? (int)(slash - nations + 1) : 0, nations);
	struct stat st;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
		return path;
	free(path);
	return NULL;
}

static void
resolve(char **path, char *(*how)(const char *))
{
	char *r;

	if (*path == NULL)
		return;
	r = how(*path);
	free(*path);
	*path = r;
}

/* Paths in a configuration are relative to its project root, the folder
 * that holds its config/ (project.h), so that it works from any folder.
 * What briefgen ships (the layouts, the nations file, the map outlines) is
 * looked for in the project first, then in the installed data folder; a
 * mission's own files only in the project.  Diagnostics and the manifest
 * then name the files as they are found. */
static void
resolve_paths(struct config *c)
{
	char *root = project_root_of(c->path);
	size_t i, j;

	project_set_root(root);
	free(root);
	resolve(&c->data.nations, project_find);
	resolve(&c->data.mission, project_path);
	resolve(&c->data.snapshots, project_path);
	resolve(&c->data.geo, project_find);
	if (c->data.geo == NULL && c->data.nations)
		c->data.geo = default_geo(c->data.nations);
	resolve(&c->out.dir, project_path);
	resolve(&c->out.depfile, project_path);
	for (i = 0; i < c->noutputs; i++) {
		struct output *o = &c->outputs[i];

		resolve(&o->layout, project_find);
		resolve(&o->cover, project_find);
		resolve(&o->contents, project_find);
		for (j = 0; j < o->nsections; j++)
			resolve(&o->sections[j], project_find);
	}
}

/* What every configuration needs once its file is parsed. */
static int
finish_config(struct config *c, int before)
{
	if (c->data.loc.line == 0)
		diag_file_error(c->path, "missing section '[data]'");
	if (c->out.dir == NULL)
		c->out.dir = xstrdup("out");
	check_outputs(c);
	check_schedule(c);
	resolve_paths(c);
	return diag_errors() > before ? -1 : 0;
}

int
load_config(struct config *c, const char *path)
{
	int before = diag_errors();

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(path);
	if (schema_load(path, config_kinds, c, c) < 0)
		return -1;
	return finish_config(c, before);
}

int
load_config_mem(struct config *c, const char *name, const char *text,
    size_t len)
{
	int before = diag_errors();

	memset(c, 0, sizeof(*c));
	c->path = xstrdup(name);
	schema_load_mem(name, text, len, config_kinds, c, c);
	return finish_config(c, before);
}

static void
free_sections(struct output *o)
{
	size_t i, k;

	for (i = 0; i < o->nsections; i++) {
		struct pack_section *ps = &o->section_info[i];

		free(o->sections[i]);
		free(ps->line);
		free(ps->title);
		for (k = 0; k < ps->nonly; k++) {
			free(ps->only[k].kind);
			free(ps->only[k].id);
		}
		free(ps->only);
	}
	free(o->sections);
	free(o->section_info);
}

void
config_free(struct config *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->noutputs; i++)
		free_sections(&c->outputs[i]);
	schema_free(config_kinds, c);
	free(c->path);
	memset(c, 0, sizeof(*c));
}
