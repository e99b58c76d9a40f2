/* hyphenate.h - where an English word may take a hyphen at a line's end:
 * Debian's hyphen-en-us patterns through libhyphen, the library and
 * patterns LibreOffice uses.  The patterns are loaded once per process. */
#ifndef BRIEFGEN_HYPHENATE_H
#define BRIEFGEN_HYPHENATE_H

#include <stddef.h>

/* The patterns briefgen reads (Debian's hyphen-en-us). */
#define HY_PATTERNS "/usr/share/hyphen/hyph_en_US.dic"

/* Set ok[i] = 1 (i in 1..n-1) where s[0..n) may be cut before byte i with
 * a hyphen added, 0 elsewhere.  Only plain words are hyphenated: ASCII
 * letters, not all capitals (acronyms), at least 6 letters; anything else,
 * or patterns that cannot be loaded, gives no points.  Returns the number
 * of points. */
size_t hy_points(const char *s, size_t n, unsigned char *ok);

/* Were the patterns loaded in this process (not all points came from
 * the memo, hyphen_memo.h)? */
int hy_patterns_loaded(void);

/* ts_hyphen for the typesetter (arg unused). */
size_t hy_points_cb(void *arg, const char *s, size_t n, unsigned char *ok);

/* Justification, as every layout gets it: only on a measure of at least
 * HY_JUSTIFY_MIN_EM ems of the type (narrower columns are set ragged
 * right: too few words a line to stretch evenly), word gaps never wider
 * than HY_MAX_GAP_EM ems (a normal DejaVu space is 0.32 em), words
 * hyphenated to fill lines. */
#define HY_JUSTIFY_MIN_EM 25.0
#define HY_MAX_GAP_EM 0.6

struct ts_opts;

/* May type of `size` points be justified on a measure of w points? */
int hy_justifiable(double w, double size);
/* Options for a justified paragraph in type of `size` points. */
void hy_justified(struct ts_opts *o, double size);

#endif
