/* format.h - how values look in documents: numbers with the layout's
 * thousands separator ("16,551" or "16 551"), percentages, amounts in
 * millions, dates, yes/no labels.  Pure: no I/O, no PDF. */
#ifndef BRIEFGEN_FORMAT_H
#define BRIEFGEN_FORMAT_H

#include "query.h"
#include "util.h"

enum fmt_kind {
	FMT_AUTO = 0,   /* by the value's type */
	FMT_NUMBER,     /* 16,551 (decimals: numberN) */
	FMT_PLAIN,      /* 16551: no separators */
	FMT_PERCENT,    /* a fraction as percent: 0.483 -> 48.3% */
	FMT_THOUSANDS,  /* divided by 1,000 */
	FMT_MILLIONS,   /* divided by 1,000,000 */
	FMT_BILLIONS,   /* divided by 1,000,000,000: 3.2 */
	FMT_DATE,       /* February 2020, 11 February 2021 */
	FMT_ISO,        /* 2020-02 */
	FMT_YEAR,       /* 2020 */
	FMT_UPPER,      /* text in capitals (ASCII letters only) */
	FMT_YESNO,      /* a 0/1 flag as the block's yes/no labels */
	FMT_MARK,       /* a source number as its mark: [3] */
	FMT__MAX
};

struct fmt_spec {
	enum fmt_kind kind;
	int decimals;           /* -1: the kind's default */
};

/* A layout's number and date conventions, and the yes/no labels of the
 * block being drawn.  Strings are borrowed. */
struct fmt_locale {
	char thousands[8];      /* UTF-8: ",", "\u00a0", "." or "" */
	char decimal[8];
	const char *months[12]; /* NULL: English month names */
	const char *yes, *no;   /* NULL: "yes"/"no" is not wanted: "1"/"0" */
};

/* Set *l for a locale name: en (16,551.5), fr (16 551,5 with a no-break
 * space), de (16.551,5), plain (16551.5).  -1 for an unknown name. */
int fmt_locale_init(struct fmt_locale *l, const char *name);
extern const char fmt_locale_names[];   /* "en, fr, de, plain" */

/* Parse a format name ("number", "percent1", "millions", "iso"...) with an
 * optional number of decimals as its last digit; -1 when unknown. */
int fmt_parse(const char *s, struct fmt_spec *out);
extern const char fmt_names[];          /* for messages */

/* Append v rounded to `decimals` places with the locale's separators. */
void fmt_number(double v, int decimals, const struct fmt_locale *l,
    struct buf *out);

/* Append a value in format f (FMT_AUTO: numbers grouped, dates long,
 * text as is; QV_NONE appends nothing). */
void fmt_value(const struct qvalue *v, const struct fmt_spec *f,
    const struct fmt_locale *l, struct buf *out);

/* A value as a number for sums and charts; 0 when it is not one. */
double fmt_as_double(const struct qvalue *v);

/* How pages are numbered: a layout's `[page] numbers`, used by {page} and
 * {pages} and by the PDF's page labels. */
enum fmt_pagestyle { PN_ARABIC = 0, PN_ROMAN, PN_UPPER_ROMAN, PN__MAX };
extern const char *const fmt_pagestyle_names[];    /* NULL-terminated */

/* Append page number n (>= 1) in style s: 4, iv, IV.  Roman numerals
 * above 3999 fall back to arabic digits. */
void fmt_page_number(long n, enum fmt_pagestyle s, struct buf *out);

#endif
