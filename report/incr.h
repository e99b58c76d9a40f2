/* incr.h - incremental builds, shared by `build`, `list` and `watch`.
 *
 * Each output's inputs are known exactly: its part of the configuration
 * (every section but [schedule], [output] and the other outputs), the
 * briefgen version (and SOURCE_DATE_EPOCH), the files its renderer read
 * (layouts, fonts) and the data files it reads.  The manifest in the
 * output folder records their hashes (XXH3-128, hash.h) after each build, and the output's
 * own.  A build hashes the inputs first and loads data, layouts and fonts
 * only when something is stale. */
#ifndef BRIEFGEN_INCR_H
#define BRIEFGEN_INCR_H

#include <stddef.h>

#include "util.h"

struct incr_opts {
	const char *config;     /* path of the configuration */
	const char *outdir;     /* NULL: the configuration's [output] dir */
	const char *only;       /* NULL, or "NAME,NAME" */
	const char *depfile;    /* NULL: the configuration's [output] depfile */
	int force;              /* rebuild every selected output */
	int jobs;               /* outputs built at once (1: in this process) */
	int wait;               /* seconds to wait for the folder's lock */
	int verbose, quiet;
};

struct incr_result {
	size_t outputs;         /* selected */
	size_t stale, built, failed;
	char **changed;         /* OUTDIR/FILE of each output whose bytes
				   changed, in configuration order */
	size_t nchanged;
	char *outdir;           /* the folder that was built */
	int status;             /* the exit status (EXIT_*) */
};

/* Bring the selected outputs up to date (see incr.c).  Always fills r;
 * incr_result_free releases it.  Returns r->status. */
int incr_build(const struct incr_opts *o, struct incr_result *r);
void incr_result_free(struct incr_result *r);

/* Print every output, its inputs and whether it is up to date on stdout.
 * Returns the exit status. */
int incr_list(const struct incr_opts *o);

/* Write a Make-style depfile for the records in man (exposed for the unit
 * tests): "OUTDIR/FILE: INPUT...", then an empty rule per input, every
 * name escaped (depfile.c).  Returns 0, or -1 with *bad (when not NULL)
 * at the first name that cannot be written (the text is then unusable). */
struct manifest;
struct config;
int incr_depfile_text(const struct manifest *man, const struct config *c,
    const char *outdir, struct buf *b, const char **bad);

#endif
