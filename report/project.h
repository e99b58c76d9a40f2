/* project.h - where a project's files are: the default configuration, the
 * project root a configuration's paths are relative to, and the search path
 * for shipped files (layouts, fonts, starter templates).
 *
 * A project is a folder holding config/ and data/ (and, when it has its
 * own, layouts/).  Files briefgen ships are looked for in the project
 * first, then in the installed data folder (PREFIX/share/briefgen, or
 * $BRIEFGEN_DATADIR).  README.md ("Files") and doc/briefgen.1 (FILES) say
 * the same for users. */
#ifndef BRIEFGEN_PROJECT_H
#define BRIEFGEN_PROJECT_H

/* The file, in the folder briefgen runs in, that names the default
 * configuration: [project] default = config/NAME.ini. */
#define PROJECT_FILE "briefgen.ini"

/* The configuration to use when none is given with -c: the one
 * briefgen.ini names, else the only configuration in config/.  Returns a
 * path to free, or NULL after reporting why there is none. */
char *project_default_config(void);

/* The project root of the configuration at config_path: the folder that
 * holds its config/ folder, or, for a configuration kept elsewhere, the
 * folder it is in.  "." for config/NAME.ini.  Returns a path to free. */
char *project_root_of(const char *config_path);

/* Make `root` the folder that the paths of the configuration being loaded
 * (and of its layouts' fonts) are relative to; NULL means ".". */
void project_set_root(const char *root);

/* A path from a configuration, made relative to the folder briefgen runs
 * in: absolute paths and paths under root "." come back unchanged, others
 * are root/path.  Returns a path to free. */
char *project_path(const char *path);

/* A shipped file named by a configuration or a layout (a layout, a font):
 * root/path if it exists, else DATADIR/path if that exists, else
 * root/path (whose "cannot open" then names the project's file).
 * Returns a path to free. */
char *project_find(const char *path);

/* The installed data folder: $BRIEFGEN_DATADIR when set and not empty,
 * else the folder chosen at build time (make PREFIX=...). */
const char *project_datadir(void);

/* Does path lie in the installed data folder (a shipped file that the
 * project does not have a copy of)? */
int project_is_shipped(const char *path);

#endif
