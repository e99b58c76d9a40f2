/* typeset.h - the pure parts of page layout: breaking a paragraph of
 * styled words into lines, and splitting table rows over pages and column
 * groups.  No libharu here: widths come from a callback, so the unit
 * tests can drive both with made-up measurements. */
#ifndef BRIEFGEN_TYPESET_H
#define BRIEFGEN_TYPESET_H

#include <stddef.h>

#include "util.h"

/* Width in points of s[0..n) set in `style`. */
typedef double (*ts_measure)(void *arg, int style, const char *s, size_t n);

struct ts_word {
	size_t off, n;          /* bytes in the paragraph's text */
	int style;
	double w;               /* width */
	double space;           /* glue before it; 0: joined to the last */
	int brk;                /* a forced line break before it */
	int tie;                /* its glue may not break (ts_tie rules) */
};

struct ts_line {
	size_t first, n;        /* its words */
	double width;           /* natural width, glue included */
	int last;               /* ends the paragraph or a forced break */
	int hyph;               /* ends in a hyphen the breaker added */
	double extra;           /* justified: glue added to each word gap
				   (capped by ts_opts.max_gap) */
};

/* A paragraph owns a copy of its text, its words and its lines. */
struct ts_para {
	struct buf text;
	struct ts_word *words;
	size_t nwords;
	struct ts_line *lines;
	size_t nlines;
	int pend_space, pend_brk;       /* between ts_add calls */
	/* The width of a space in space_style, once measured (every word's
	 * glue is one: measuring it each time was half of ts_add's calls). */
	int space_known, space_style;
	double space_w;
};

/* Append s in `style`: words split at spaces and tabs, "\n" forces a
 * line break.  Text added right after other text without a space joins
 * the last word ("(", "[1]"). */
void ts_add(struct ts_para *p, const char *s, int style, ts_measure fn,
    void *arg);

/* Break into lines of at most maxw points, first fit.  A word wider than
 * a line is cut (preferably after '/', '-', '.', '?' or '&'), so every
 * line fits unless a single character is wider than maxw.  Returns the
 * number of lines; the widest line's width goes to *widest if not NULL.
 * Cutting changes the words: break a paragraph once. */
size_t ts_break(struct ts_para *p, double maxw, ts_measure fn, void *arg,
    double *widest);

/* Where a word may take a hyphen: ok[i] = 1 for a cut before byte i
 * (i in 1..n-1); returns how many.  hy_points_cb (hyphenate.h) is one. */
typedef size_t (*ts_hyphen)(void *arg, const char *s, size_t n,
    unsigned char *ok);

/* How ts_break_opts sets a paragraph.  Zeroed: ragged, no hyphens. */
struct ts_opts {
	int justify;            /* lines will be justified: fill them
				   (hyphenating) and work out their glue */
	double max_gap;         /* widest word gap of a justified line in
				   points; a line that would need more is
				   stretched only so far (0: no limit) */
	ts_hyphen hyph;         /* NULL: no hyphenation */
	void *harg;
};

/* ts_break with options.  Whatever the options, glue is never broken
 * where ts_tie() says it holds: "12 December 2014", "30 September",
 * "3.2 billion", "USD 4", "Herat (west)", "Mazar-e Sharif".  A justified
 * paragraph hyphenates a word (letters only, see hyphenate.h) when the
 * line would otherwise end more than a word space short. */
size_t ts_break_opts(struct ts_para *p, double maxw, const struct ts_opts *o,
    ts_measure fn, void *arg, double *widest);

/* Mark the glue that may not break (word.tie); ts_break does it too. */
void ts_tie(struct ts_para *p);

/* The widest word gap of line i as drawn justified (0 for a line that is
 * not stretched): its natural glue plus extra. */
double ts_line_gap(const struct ts_para *p, size_t i);

/* The text of word i (not NUL-terminated: see its n). */
const char *ts_word_text(const struct ts_para *p, size_t i);

void ts_para_free(struct ts_para *p);

/* One column group of a split table: rows [first, first + n) under a
 * header, in column group `col` of page `page` (0 = the page the table
 * starts on). */
struct ts_seg {
	size_t page;
	int col;
	size_t first, n;
	double height;          /* header + rows */
};

/* Split n rows of heights h[] into groups of at most ncols columns per
 * page, each column starting with a header of height `head`.  The first
 * page has `first` points free, later pages `full`.  When `balance` is
 * set and the remaining rows fit on a page, they are spread evenly over
 * the columns (as a placemat does); otherwise columns fill top to bottom.
 * A first page too small for the header and one row is left empty (the
 * table starts on page 1).  Rows are never split; no row is lost.
 * Returns the number of segments (*out, caller frees), or 0 with *out
 * NULL when some row cannot fit under a header even on an empty page. */
size_t ts_split(const double *h, size_t n, double head, int ncols,
    double first, double full, int balance, struct ts_seg **out);

#endif
