/* util.h - small pure helpers shared by every stage: memory, growable
 * buffers, strings, UTF-8, dates and numbers.  Nothing here does I/O. */
#ifndef BRIEFGEN_UTIL_H
#define BRIEFGEN_UTIL_H

#include <stdarg.h>
#include <stddef.h>

struct date;

/* Where an item came from.  `file` points at a string owned by the
 * diagnostics file table (diag_intern), valid for the whole run. */
struct loc {
	const char *file;
	int line;
};

/* Allocation that never returns NULL: on failure it prints and exits 3
 * (the design's "system error"), like cmark's and mandoc's allocators. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow array `*p` of `*n` elements of `size` bytes by one zeroed element,
 * returning it. */
void *array_push(void *pp, size_t *n, size_t size);

/* A growable byte buffer; always NUL-terminated.  buf_free releases. */
struct buf {
	char *data;
	size_t len, cap;
};
void buf_add(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);

/* Strings mapped to indexes, found in constant time (open addressing).
 * Keys are not copied: each must outlive the index.  A zeroed struct is
 * an empty index; strindex_free releases (NULL-safe contents). */
struct strindex {
	const char **keys;
	size_t *idx;
	size_t cap, n;
};
/* The index stored for key, or (size_t)-1. */
size_t strindex_get(const struct strindex *x, const char *key);
/* Store key with idx (key must not be there yet). */
void strindex_put(struct strindex *x, const char *key, size_t idx);
void strindex_free(struct strindex *x);

int str_ieq(const char *a, const char *b);
int str_starts(const char *s, const char *prefix);
int str_edit_distance(const char *a, const char *b);  /* ASCII-case-folded */

/* UTF-8.  utf8_check returns the byte offset of the first invalid sequence,
 * or -1 when all of s[0..n) is valid.  utf8_len counts code points. */
long utf8_check(const char *s, size_t n);
size_t utf8_len(const char *s);
/* Offset of the first character documents cannot show faithfully
 * (right-to-left, invisible, outside the BMP) in valid UTF-8, with its code
 * point in *cp; -1 when there is none. */
long utf8_unsupported(const char *s, size_t n, unsigned *cp);

/* Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" into *d; 0 on success, -1 when
 * malformed or not a real date. */
int date_parse(const char *s, struct date *d);
/* Compare two dates at the precision of the less precise one. */
int date_cmp(const struct date *a, const struct date *b);
/* Format as written ("2020-02") into out[11]. */
void date_iso(const struct date *d, char out[11]);
/* Format for readers: "February 2020", "12 December 2014", "2012". */
void date_long(const struct date *d, char *out, size_t size);
/* Days since 1970-01-01 of the date's first day, for time stamps. */
long long date_epoch(const struct date *d);

/* Parse a whole number in [min, max]; 0 on success. */
int num_parse_long(const char *s, long min, long max, long *out);
/* Parse a finite decimal number; 0 on success. */
int num_parse_double(const char *s, double *out);

/* Format an integer with a thousands separator ("," gives 16,551; a space
 * gives 16 551; "" gives 16551) into out. */
void num_format(long long v, const char *sep, char *out, size_t size);

#endif
