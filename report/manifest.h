/* manifest.h - what the last build was made from: the manifest in each
 * output folder, and the decision whether an output is stale.
 *
 * OUTDIR/.briefgen-manifest is a text file, one record per line:
 *
 *   briefgen-manifest 2
 *   output NAME HASH FILE
 *   input KIND HASH PATH
 *
 * `input` lines belong to the `output` line above them.  KIND is config
 * (the output's part of the configuration file), version (briefgen's
 * version and SOURCE_DATE_EPOCH), file (a layout or font the renderer
 * read) or data (a data file).  HASH is an XXH3-128 (hash.h), 32
 * lowercase hex digits, or "-" for a file that could not be read.  FILE and PATH run to the end of the
 * line; '%', CR and LF in them are written %25, %0D, %0A.  Lines starting
 * with '#' are comments.  The file is written whole, atomically, after
 * the outputs (write.c), so it only ever describes complete outputs. */
#ifndef BRIEFGEN_MANIFEST_H
#define BRIEFGEN_MANIFEST_H

#include <stddef.h>

#include "hash.h"
#include "util.h"

#define MANIFEST_NAME ".briefgen-manifest"

/* Kinds of input, in the order `briefgen list` shows them. */
enum min_kind { MIN_CONFIG = 0, MIN_VERSION, MIN_FILE, MIN_DATA, MIN__MAX };

struct minput {
	int kind;               /* enum min_kind */
	char *path;             /* MIN_VERSION: "briefgen 0.1.0" */
	char hash[HASH_HEX];    /* "-": could not be read */
};

struct mrecord {                /* one output */
	char *name, *file;
	char hash[HASH_HEX];    /* of the output file as written */
	struct minput *in;      /* sorted by minput_cmp */
	size_t nin;
};

struct manifest {
	struct mrecord *recs;
	size_t nrecs;
};

/* Parse the text of a manifest.  Returns 0, or the 1-based number of the
 * first malformed line (the manifest is then left empty).  `m` must be
 * zeroed; manifest_free releases it. */
int manifest_parse(struct manifest *m, const char *text, size_t len);
/* Read OUTDIR/.briefgen-manifest.  A missing file is an empty manifest;
 * a malformed one is a warning and an empty manifest (everything is
 * rebuilt; `quiet` leaves that unsaid).  Returns 0, or -1 when the file
 * exists but cannot be read (reported). */
int manifest_read(struct manifest *m, const char *outdir, int quiet);
/* The text of m, for manifest_write and the tests. */
void manifest_format(const struct manifest *m, struct buf *b);
/* Write OUTDIR/.briefgen-manifest atomically; 0 or -1 (reported). */
int manifest_write(const struct manifest *m, const char *outdir);
void manifest_free(struct manifest *m);

/* The record of the output written to file (a folder's files are its
 * outputs' identity: two configurations may write into one folder, and
 * name their outputs alike, as the shipped RSM and KFOR do). */
struct mrecord *manifest_find(const struct manifest *m, const char *file);
/* Replace (or add) the record of r->file with r, taking ownership of
 * what r points at. */
void manifest_put(struct manifest *m, struct mrecord *r);
/* Drop the records built from configuration file `config` whose files
 * are not in files[0..n) (outputs it no longer has); other
 * configurations' records stay. */
void manifest_keep(struct manifest *m, const char *config, char *const *files,
    size_t n);

void mrecord_free(struct mrecord *r);
/* Add an input to r (kept unsorted until minputs_sort). */
void mrecord_add(struct mrecord *r, int kind, const char *path,
    const char *hash);
void minputs_sort(struct minput *in, size_t n);
int minput_cmp(const void *a, const void *b);
const char *min_kind_name(int kind);

/* Why an output must be rebuilt; STALE_NO when it is up to date. */
enum stale_why {
	STALE_NO = 0,
	STALE_FORCED,           /* --force, or watch's rebuild_every */
	STALE_NEW,              /* never built into this folder (or renamed) */
	STALE_MISSING,          /* the output file is gone */
	STALE_ALTERED,          /* its bytes differ from what was written */
	STALE_INPUTS,           /* an input changed, appeared or went away */
	STALE__MAX
};

/* The pure decision.  old: the output's record in the last manifest, or
 * NULL; file: its file name now; now[0..n): its inputs now, sorted, with
 * their current hashes; out_hash: the hash of the file in the output
 * folder now, NULL when there is none. */
enum stale_why stale_decide(const struct mrecord *old, const char *file,
    const struct minput *now, size_t n, const char *out_hash, int force);
/* Did input `cur` change since old (or is it new)?  1 or 0. */
int stale_input_changed(const struct mrecord *old, const struct minput *cur);
/* "inputs changed", "output missing", ... for messages. */
const char *stale_why_text(enum stale_why w);

#endif
