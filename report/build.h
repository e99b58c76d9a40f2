/* build.h - a loaded, validated and prepared run (config + model +
 * renderers), shared by the check, build, list and watch commands. */
#ifndef BRIEFGEN_BUILD_H
#define BRIEFGEN_BUILD_H

#include <stddef.h>
#include <time.h>

#include "hash.h"
#include "load.h"
#include "model.h"
#include "render.h"

#define BRIEFGEN_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_INVALID = 1, EXIT_USAGE = 2, EXIT_SYSTEM = 3 };

struct session {
	struct config c;
	struct model m;
	void **preps;           /* per output: what its renderer prepared */
	time_t stamp;
};

/* Load config, data and layouts; validate; prepare every output.  Returns
 * 0, or -1 when anything was reported as an error.  session_free always. */
int session_load(struct session *s, const char *config_path);
/* The same in steps, for builds that only need part of it: the
 * configuration; then the data, validated (the geo file only when an
 * output marked in want[] draws a map, or want is NULL, as for `check`);
 * then the renderers of the outputs marked in want[] (NULL: all), loading
 * the geo file first if they need it and it was left out.  Each returns 0
 * or -1 (reported); an output whose preparation failed has preps[i] ==
 * NULL. */
int session_open(struct session *s, const char *config_path);
int session_load_data(struct session *s, const char *want);
int session_prepare(struct session *s, const char *want);
void session_free(struct session *s);

/* Render output i into outdir atomically, with write_atomic_hash's
 * `same_as`, `hash` and `changed`; 0 or -1 (reported). */
int session_write_hash(const struct session *s, size_t i, const char *outdir,
    const char *same_as, char hash[HASH_HEX], int *changed);

/* Can outputs of this type show the map outline (see build.c)? */
int output_reads_outline(int type);

const struct renderer *render_for(int type);

/* The exit status that the diagnostics seen so far call for. */
int exit_status(void);

#endif
