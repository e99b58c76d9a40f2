/* subset_memo.h - the font programs hb-subset cut for an output's last
 * build, remembered in the output folder, so that a document drawn with
 * the same glyphs of the same font is not subset again.
 *
 * Cutting a font to the glyphs drawn costs hb-subset some 5 M
 * instructions a font, a sixth of a fact sheet's build, and a mission's
 * documents draw the same glyphs from one build to the next (new figures
 * are new digits only now and then).  OUTDIR/.briefgen-subsets.FILE keeps,
 * for the output written to FILE, each subset it embedded under a key that hashes all
 * that decides the subset's bytes: the font file's bytes, HarfBuzz's
 * version, the tables dropped and the glyphs kept.  A key seen again gives
 * the same bytes hb-subset gave, and the glyph numbers it gave them.  The
 * memo is an optimisation only: missing, damaged (its last 16 bytes hash
 * the rest) or of other fonts, it costs the subsetting, never another
 * document.  Written by the process that saves the output, so that
 * outputs built side by side (-j) never share one.
 *
 * Format: the line "briefgen-subsets 1", a count, then per subset its
 * 16-byte key, its glyph map (pairs of old and new glyph numbers, old
 * ascending) and its bytes, all counts 4-byte little-endian; then the
 * XXH3-128 of all before it. */
#ifndef BRIEFGEN_SUBSET_MEMO_H
#define BRIEFGEN_SUBSET_MEMO_H

#include <stddef.h>
#include <stdint.h>

#define SUBSETS_NAME ".briefgen-subsets."       /* + the output's file */
#define SUBSET_KEY 16

struct subset {
	unsigned char key[SUBSET_KEY];
	uint32_t *map;          /* npairs pairs: old glyph, new glyph */
	size_t npairs;
	unsigned char *data;    /* the font program */
	size_t len;
	int used;               /* asked for or made in this run */
};

/* Use OUTDIR's memo of the output written to file `name`.  -1 when it
 * is a link, a FIFO or other than a regular file with one link
 * (reported); 0 otherwise, whatever it held. */
int subset_memo_open(const char *outdir, const char *name);

/* The subset remembered under key, or NULL (or no memo open). */
const struct subset *subset_memo_get(const unsigned char key[SUBSET_KEY]);

/* Remember a subset made now (copies map and data). */
void subset_memo_put(const unsigned char key[SUBSET_KEY],
    const uint32_t *map, size_t npairs, const void *data, size_t len);

/* The new number of old glyph g in s, or 0 (.notdef) when s has none. */
uint32_t subset_glyph(const struct subset *s, uint32_t g);

/* Write the memo back with the subsets of this run only, when they are
 * not what it held (atomically, best effort), then forget it. */
void subset_memo_close(int save);

#endif
