/* geo_memo.h - the outlines a build read from the geo file, remembered in
 * the output folder, so that the next build of the same mission from the
 * same file does not parse it again.
 *
 * The shipped geo file is 1.5 MB of text; a mission's map needs its
 * country and the neighbours round it, some 30,000 points, and parsing
 * them is an eighth of a fact sheet's build.  OUTDIR/.briefgen-geo keeps
 * what geo_load made of the file (every country read, its rings' points
 * and boxes; the bands of latitude are rebuilt on reading) under the hash
 * of the file's bytes and the country asked for.  Only a load without
 * errors is kept, so a hit says nothing geo_load would not have said.
 * An optimisation only: missing, damaged (its last 16 bytes hash the
 * rest) or of another file, the file is parsed.
 *
 * It keeps the outlines of the last four files or countries read into the
 * folder, so that missions sharing a folder each find theirs.
 *
 * Format: the line "briefgen-geo 1", the number of entries, each its
 * length and bytes: a check word, the file's hash, the country's code,
 * then the countries (line, code, name, box, rings; each ring its kind,
 * box and points), counts 4-byte and numbers 8-byte in this machine's
 * order; then the XXH3-128 of all before it.
 */
#ifndef BRIEFGEN_GEO_MEMO_H
#define BRIEFGEN_GEO_MEMO_H

#include "geo.h"

#define GEOMEMO_NAME ".briefgen-geo"

/* Use OUTDIR's memo.  -1 when it is a link, a FIFO or other than a
 * regular file with one link (reported); 0 otherwise. */
int geo_memo_open(const char *outdir);

/* geo_load (geo.h), from the memo when it holds this file's bytes and
 * this country; else parsed, and remembered when no error was found. */
int geo_memo_load(struct geo *g, const char *path, const char *code);

/* Write the memo back if it learned something (atomically, best effort),
 * then forget it. */
void geo_memo_close(int save);

#endif
