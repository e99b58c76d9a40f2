/* hyphen_memo.h - the hyphenation points a build asked libhyphen for,
 * remembered in the output folder, so that the next build of the same
 * text need not load the patterns at all.
 *
 * Loading Debian's English patterns costs libhyphen 8 to 11 ms (15,600
 * states built from 106 KB of text), a quarter of a fact sheet's build,
 * yet a mission's documents ask for the points of a few dozen words, the
 * same ones each time.  OUTDIR/.briefgen-hyphen keeps, per word, the
 * points hy_points gave, under the hash of the patterns file they came
 * from: other patterns, and the memo is not used.  It is an optimisation
 * only: a missing, stale or damaged memo (its last line is a hash of the
 * rest) means the patterns are loaded, never another hyphenation.
 *
 * Format: "briefgen-hyphen 1 PATTERNS-HASH", then one line per word,
 * "WORD P,P,..." ("-": no point; WORD lowercase ASCII letters, P the
 * byte before which a hyphen may go), then "end HASH" of all before it. */
#ifndef BRIEFGEN_HYPHEN_MEMO_H
#define BRIEFGEN_HYPHEN_MEMO_H

#include <stddef.h>
#include <stdint.h>

#define HYMEMO_NAME ".briefgen-hyphen"

/* Use OUTDIR's memo for patterns whose hash (hash.h) is patterns_hash
 * ("-" or NULL: no memo).  -1 when the memo is a link, a FIFO or other
 * than a regular file with one link (reported); 0 otherwise, whatever
 * the memo held. */
int hy_memo_open(const char *outdir, const char *patterns_hash);

/* The points of lowercase word w[0..n) as a mask (bit i: a hyphen may go
 * before byte i); 1 when remembered, 0 when not (or no memo is open). */
int hy_memo_get(const char *w, size_t n, uint64_t *mask);

/* Remember them (words of more than 63 bytes are not). */
void hy_memo_put(const char *w, size_t n, uint64_t mask);

/* Write the memo back if it learned something (atomically, best effort:
 * a failure only means the patterns are loaded next time). */
void hy_memo_save(void);

/* Forget the memo (the patterns stay loaded if they were). */
void hy_memo_close(void);

#endif
