/* build.h - a loaded, validated and prepared run (config + model +
 * renderers), shared by the check, build, list and watch commands. */
#ifndef BRIEFGEN_BUILD_H
#define BRIEFGEN_BUILD_H

#include <stddef.h>
#include <time.h>

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
void session_free(struct session *s);

/* Index of the output called name, or -1. */
int session_output(const struct session *s, const char *name);

/* Render output i into outdir atomically; 0 or -1 (reported). */
int session_write(const struct session *s, size_t i, const char *outdir);

const struct renderer *render_for(int type);

/* The exit status that the diagnostics seen so far call for. */
int exit_status(void);

#endif
