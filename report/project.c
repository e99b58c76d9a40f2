/* project.c - where a project's files are: which configuration is the
 * default, which folder a configuration's paths are relative to, and where
 * shipped files (layouts, fonts) are looked for.  See project.h. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "project.h"
#include "schema.h"

/* The installed data folder, PREFIX/share/briefgen: the Makefile passes
 * it, so that an install finds its own files. */
#ifndef BRIEFGEN_DATADIR
#error "build with make, which sets BRIEFGEN_DATADIR from PREFIX"
#endif

#define CONFIG_DIR "config"

static char *root;              /* NULL: "." */

/* ---- the default configuration ---- */

struct project_file {
	struct {                /* [project] */
		struct loc loc;
		char *def;
	} project;
};

static const struct schema_field project_fields[] = {
	{"default", ST_STR, 0 + offsetof(struct project_file, project.def) -
	    offsetof(struct project_file, project), SF_REQUIRED, 0, 0, 0, 0,
	    NULL},
	{NULL, 0, 0, 0, 0, 0, 0, 0, NULL}
};

static const struct schema_kind project_kinds[] = {
	{"project", 1, 1, offsetof(struct project_file, project), 0, 0, 0,
	    project_fields, NULL, 0},
	{0}
};

/* The configuration briefgen.ini names, or NULL (reported). */
static char *
named_default(void)
{
	struct project_file pf;
	char *def = NULL;
	int before = diag_errors();

	memset(&pf, 0, sizeof(pf));
	if (schema_load(PROJECT_FILE, project_kinds, &pf, NULL) == 0 &&
	    pf.project.loc.line == 0 && diag_errors() == before)
		diag_file_error(PROJECT_FILE, "missing section '[project]' "
		    "(with 'default = config/NAME.ini', the configuration "
		    "briefgen uses without -c)");
	if (diag_errors() == before && pf.project.def)
		def = xstrdup(pf.project.def);
	schema_free(project_kinds, &pf);
	return def;
}

static int
is_config_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".ini") == 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The one configuration in config/, or NULL (reported). */
static char *
only_config(void)
{
	DIR *d = opendir(CONFIG_DIR);
	struct dirent *e;
	struct buf shown = {0};
	char **names = NULL, *found = NULL;
	size_t n = 0, i;

	while (d && (e = readdir(d)) != NULL)
		if (is_config_name(e->d_name))
			*(char **)array_push(&names, &n, sizeof(char *)) =
			    xstrdup(e->d_name);
	if (d)
		closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(char *), cmp_name);
	for (i = 0; i < n && i < 4; i++)
		buf_printf(&shown, "%s%s", i ? ", " : "", names[i]);
	if (n == 1)
		found = xasprintf(CONFIG_DIR "/%s", names[0]);
	else if (n == 0)
		diag_file_error(NULL, "no configuration: give one with -c "
		    "CONFIG (there is no " PROJECT_FILE " naming a default, "
		    "and no " CONFIG_DIR "/*.ini here)");
	else
		diag_file_error(NULL, "which configuration? " CONFIG_DIR "/ "
		    "holds %zu (%s%s): give one with -c CONFIG, or name the "
		    "default in " PROJECT_FILE " ([project] default = "
		    CONFIG_DIR "/NAME.ini)", n, shown.data, n > 4 ? ", ..." :
		    "");
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_free(&shown);
	return found;
}

char *
project_default_config(void)
{
	struct stat st;

	if (stat(PROJECT_FILE, &st) == 0 || errno != ENOENT)
		return named_default();
	return only_config();
}

/* ---- the project root and the search path ---- */

char *
project_root_of(const char *config_path)
{
	const char *slash = strrchr(config_path, '/'), *base;
	char *dir, *r;

	if (slash == NULL)
		return xstrdup(".");
	dir = slash == config_path ? xstrdup("/") :
	    xstrndup(config_path, (size_t)(slash - config_path));
	slash = strrchr(dir, '/');
	base = slash ? slash + 1 : dir;
	if (strcmp(base, CONFIG_DIR) != 0)
		return dir;
	/* DIR/config/NAME.ini: the project is DIR. */
	if (slash == NULL)
		r = xstrdup(".");
	else if (slash == dir)
		r = xstrdup("/");
	else
		r = xstrndup(dir, (size_t)(slash - dir));
	free(dir);
	return r;
}

void
project_set_root(const char *r)
{
	free(root);
	root = r && strcmp(r, ".") != 0 ? xstrdup(r) : NULL;
}

char *
project_path(const char *path)
{
	if (root == NULL || path[0] == '/')
		return xstrdup(path);
	return xasprintf("%s%s%s", root, root[strlen(root) - 1] == '/' ? "" :
	    "/", path);
}

const char *
project_datadir(void)
{
	const char *e = getenv("BRIEFGEN_DATADIR");

	return e && *e ? e : BRIEFGEN_DATADIR;
}

char *
project_find(const char *path)
{
	char *own = project_path(path), *shipped;

	if (path[0] == '/' || access(own, F_OK) == 0)
		return own;
	shipped = xasprintf("%s/%s", project_datadir(), path);
	if (access(shipped, F_OK) == 0) {
		free(own);
		return shipped;
	}
	free(shipped);
	return own;
}

int
project_is_shipped(const char *path)
{
	const char *d = project_datadir();
	size_t n = strlen(d);

	return strncmp(path, d, n) == 0 && path[n] == '/';
}
