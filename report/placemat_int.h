/* placemat_int.h - what the two halves of the placemat reader share:
 * placemat_line.c reads one line into tokens and name-number pairs,
 * placemat_parse.c finds the table among the lines.  Not for other files. */
#ifndef BRIEFGEN_PLACEMAT_INT_H
#define BRIEFGEN_PLACEMAT_INT_H

#include <stddef.h>

#include "placemat_parse.h"

/* A token of a line: a run of non-blank characters, then its kind. */
enum { T_WORD, T_NUM, T_PCT, T_MARK, T_SEP, T_QSYM, T_FILL, T_URL };

struct tok {
	const char *s;          /* the whole raw token, for pair spans */
	size_t n;
	const char *c;          /* its core: brackets, ',' ';' ':' removed */
	size_t cn;
	size_t gap;             /* blank characters before it */
	int wide;               /* the gap is a column gap */
	int grouped;            /* "1 300": digit groups joined by a blank */
	int kind;
	enum qual qual;         /* T_QSYM */
	const char *refuse;
};

/* Bytes of the blank at s (before e), or 0; *wide: a column gap alone
 * (tab, form feed). */
size_t placemat_blank_len(const char *s, const char *e, int *wide);

/* The raw tokens of s..e, with the blanks before each. */
void placemat_tokenize(const char *s, const char *e, struct tok **t,
    size_t *nt);

int placemat_all_digits(const char *s, size_t n);

/* placemat_split, with "1 300" joined into one number (join) or not. */
int placemat_split_line(const char *s, size_t n, int join,
    struct placemat_line *out);

/* Does the prose s[0..n) hold a number outside web addresses?  0 no, 1
 * years only, 2 another number. */
int placemat_holds_number(const char *s, size_t n);

/* A stated total in prose: "[about] 3.735 soldiers [from 27 countries]".
 * Returns 1 and fills *v (placemat_num_free) and *nations (0: none). */
int placemat_prose_total(const char *s, size_t n, struct placemat_num *v,
    long *nations);

#endif
