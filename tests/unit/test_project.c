/* test_project.c - a configuration's project root, and how its paths and
 * shipped files are found (project.c). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture.h"
#include "diag.h"
#include "project.h"

static void
root_is(const char *config, const char *want)
{
	char *r = project_root_of(config);

	cr_assert_str_eq(r, want, "root of %s", config);
	free(r);
}

Test(project, the_root_holds_the_config_folder)
{
	root_is("config/rsm.ini", ".");
	root_is("./config/rsm.ini", ".");
	root_is("m1/config/all.ini", "m1");
	root_is("/srv/briefs/config/kfor.ini", "/srv/briefs");
	root_is("/config/x.ini", "/");
	root_is("../config/x.ini", "..");
	/* Kept elsewhere: the configuration's own folder. */
	root_is("x.ini", ".");
	root_is("runs/x.ini", "runs");
	root_is("/x.ini", "/");
	root_is("config/old/x.ini", "config/old");
}

static char *
path_under(const char *root, const char *p)
{
	project_set_root(root);
	return project_path(p);
}

Test(project, paths_are_joined_to_the_root)
{
	const char *cases[][3] = {
		{".", "data/nations.ini", "data/nations.ini"},
		{NULL, "data/nations.ini", "data/nations.ini"},
		{"m1", "data/nations.ini", "m1/data/nations.ini"},
		{"/", "data/x", "/data/x"},
		{"m1", "/abs/data", "/abs/data"},
		{"../p", "out", "../p/out"},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = path_under(cases[i][0], cases[i][1]);

		cr_assert_str_eq(got, cases[i][2]);
		free(got);
	}
	project_set_root(NULL);
}

static void
touch(const char *path)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f, "%s", path);
	fclose(f);
}

/* A scratch project and data folder: the project's own file wins, the
 * data folder fills in, and a file in neither names the project's path. */
Test(project, shipped_files_come_from_the_project_then_the_data_folder)
{
	char tmp[] = "/tmp/briefgen-project-XXXXXX", p[300], d[300];
	char *got;

	cr_assert_not_null(mkdtemp(tmp));
	snprintf(p, sizeof(p), "%s/proj", tmp);
	snprintf(d, sizeof(d), "%s/share", tmp);
	cr_assert_eq(mkdir(p, 0700), 0);
	cr_assert_eq(mkdir(d, 0700), 0);
	cr_assert_eq(chdir(p), 0);
	cr_assert_eq(mkdir("layouts", 0700), 0);
	touch("layouts/own.ini");
	snprintf(d + strlen(d), sizeof(d) - strlen(d), "/layouts");
	cr_assert_eq(mkdir(d, 0700), 0);
	snprintf(d + strlen(d), sizeof(d) - strlen(d), "/both.ini");
	touch(d);
	touch("layouts/both.ini");
	snprintf(d, sizeof(d), "%s/share/layouts/shipped.ini", tmp);
	touch(d);
	snprintf(d, sizeof(d), "%s/share", tmp);
	setenv("BRIEFGEN_DATADIR", d, 1);
	project_set_root(".");

	got = project_find("layouts/own.ini");
	cr_assert_str_eq(got, "layouts/own.ini");
	free(got);
	got = project_find("layouts/both.ini");
	cr_assert_str_eq(got, "layouts/both.ini");
	cr_assert(!project_is_shipped(got));
	free(got);
	got = project_find("layouts/shipped.ini");
	snprintf(p, sizeof(p), "%s/share/layouts/shipped.ini", tmp);
	cr_assert_str_eq(got, p);
	cr_assert(project_is_shipped(got));
	free(got);
	got = project_find("layouts/nowhere.ini");
	cr_assert_str_eq(got, "layouts/nowhere.ini");
	free(got);
	cr_assert_str_eq(project_datadir(), d);
	unsetenv("BRIEFGEN_DATADIR");
	cr_assert_str_neq(project_datadir(), d);
	snprintf(p, sizeof(p), "rm -rf '%s'", tmp);
	cr_assert_eq(system(p), 0);
}

/* The default configuration, from a scratch folder. */
Test(project, the_default_is_named_or_the_only_one, .init = capture_begin,
    .fini = capture_end)
{
	char tmp[] = "/tmp/briefgen-default-XXXXXX", cmd[100];
	char *got;
	FILE *f;

	cr_assert_not_null(mkdtemp(tmp));
	cr_assert_eq(chdir(tmp), 0);
	cr_assert_null(project_default_config());
	cr_assert_str_eq(capture_take(), "briefgen: error: no configuration: "
	    "give one with -c CONFIG (there is no briefgen.ini naming a "
	    "default, and no config/*.ini here)\n");
	cr_assert_eq(mkdir("config", 0700), 0);
	touch("config/b.ini");
	touch("config/.hidden.ini");
	touch("config/notes.txt");
	got = project_default_config();
	cr_assert_str_eq(got, "config/b.ini");
	free(got);
	touch("config/a.ini");
	cr_assert_null(project_default_config());
	cr_assert_str_eq(capture_take(), "briefgen: error: which "
	    "configuration? config/ holds 2 (a.ini, b.ini): give one with -c "
	    "CONFIG, or name the default in briefgen.ini ([project] default = "
	    "config/NAME.ini)\n");
	f = fopen("briefgen.ini", "w");
	cr_assert_not_null(f);
	fputs("; the default\n[project]\ndefault = config/b.ini\n", f);
	fclose(f);
	got = project_default_config();
	cr_assert_str_eq(got, "config/b.ini");
	free(got);
	cr_assert_str_eq(capture_take(), "");
	diag_reset();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	cr_assert_eq(system(cmd), 0);
}
