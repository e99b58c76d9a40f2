/* util.c - memory, buffers, strings, UTF-8, dates and numbers (pure helpers). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util.h"

static void
oom(void)
{
	/* One place decides what running out of memory means: exit 3. */
	fputs("briefgen: error: out of memory\n", stderr);
	exit(3);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom();
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		oom();
	p = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *
array_push(void *pp, size_t *n, size_t size)
{
	char **p = pp;
	size_t cap = 4;

	/* Capacity is implied by the count: grow at powers of two. */
	while (cap < *n + 1)
		cap *= 2;
	if (*n == 0 || (*n & (*n - 1)) == 0 || *n < 4)
		*p = xreallocarray(*p, cap, size);
	memset(*p + *n * size, 0, size);
	return *p + (*n)++ * size;
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	buf_add(b, s, (size_t)n);
	free(s);
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

/* FNV-1a. */
static size_t
str_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

size_t
strindex_get(const struct strindex *x, const char *key)
{
	size_t i;

	if (x->cap == 0)
		return (size_t)-1;
	for (i = str_hash(key) & (x->cap - 1); x->keys[i];
	    i = (i + 1) & (x->cap - 1))
		if (strcmp(x->keys[i], key) == 0)
			return x->idx[i];
	return (size_t)-1;
}

void
strindex_put(struct strindex *x, const char *key, size_t idx)
{
	size_t i;

	if ((x->n + 1) * 2 > x->cap) {      /* at most half full */
		struct strindex old = *x;

		x->cap = old.cap ? old.cap * 2 : 64;
		x->keys = xcalloc(x->cap, sizeof(*x->keys));
		x->idx = xcalloc(x->cap, sizeof(*x->idx));
		x->n = 0;
		for (i = 0; i < old.cap; i++)
			if (old.keys[i])
				strindex_put(x, old.keys[i], old.idx[i]);
		free(old.keys);
		free(old.idx);
	}
	for (i = str_hash(key) & (x->cap - 1); x->keys[i];
	    i = (i + 1) & (x->cap - 1))
		;
	x->keys[i] = key;
	x->idx[i] = idx;
	x->n++;
}

void
strindex_free(struct strindex *x)
{
	free(x->keys);
	free(x->idx);
	memset(x, 0, sizeof(*x));
}

int
str_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

int
str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
str_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	int *row, d;

	if (la > 256 || lb > 256)
		return 1 << 20;
	row = xmalloc((lb + 1) * sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (i = 1; i <= la; i++) {
		int prev = row[0], cur;

		row[0] = (int)i;
		for (j = 1; j <= lb; j++) {
			int cost = tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]);

			cur = row[j];
			d = prev + cost;
			if (row[j] + 1 < d)
				d = row[j] + 1;
			if (row[j - 1] + 1 < d)
				d = row[j - 1] + 1;
			row[j] = d;
			prev = cur;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

long
utf8_check(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t k, len;
		unsigned cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			len = 2, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4, cp = c & 0x07;
		else
			return (long)i;
		if (i + len > n)
			return (long)i;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return (long)i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		/* Reject overlongs, surrogates and anything past U+10FFFF. */
		if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return (long)i;
		i += len;
	}
	return -1;
}

/* Decode one code point at s (valid UTF-8 assumed); sets *len. */
static unsigned
utf8_decode(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if (s[0] < 0xE0) {
		*len = 2;
		return ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
	}
	if (s[0] < 0xF0) {
		*len = 3;
		return ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
		    (s[2] & 0x3Fu);
	}
	*len = 4;
	return ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) |
	    ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
}

/* Characters the renderers cannot show faithfully: right-to-left scripts
 * (no bidi or shaping in libharu), invisible and bidi controls (they hide
 * text), and anything outside the Basic Multilingual Plane. */
static int
unsupported(unsigned c)
{
	return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) ||
	    (c >= 0xFE70 && c <= 0xFEFF) || (c >= 0x200B && c <= 0x200F) ||
	    (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) ||
	    c == 0x00AD || c > 0xFFFF;
}

long
utf8_unsupported(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, len;

	while (i < n) {
		*cp = utf8_decode(s + i, &len);
		if (unsupported(*cp))
			return (long)i;
		i += len;
	}
	return -1;
}

size_t
utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
date_parse(const char *s, struct date *d)
{
	size_t n = strlen(s);

	memset(d, 0, sizeof(*d));
	if ((n != 4 && n != 7 && n != 10) || digits(s, 4, &d->y) < 0 ||
	    d->y < 1000)
		return -1;
	d->prec = DATE_YEAR;
	if (n == 4)
		return 0;
	if (s[4] != '-' || digits(s + 5, 2, &d->m) < 0 || d->m < 1 || d->m > 12)
		return -1;
	d->prec = DATE_MONTH;
	if (n == 7)
		return 0;
	if (s[7] != '-' || digits(s + 8, 2, &d->d) < 0 || d->d < 1 ||
	    d->d > days_in_month(d->y, d->m))
		return -1;
	d->prec = DATE_DAY;
	return 0;
}

int
date_cmp(const struct date *a, const struct date *b)
{
	enum date_prec p = a->prec < b->prec ? a->prec : b->prec;

	if (a->y != b->y)
		return a->y < b->y ? -1 : 1;
	if (p >= DATE_MONTH && a->m != b->m)
		return a->m < b->m ? -1 : 1;
	if (p >= DATE_DAY && a->d != b->d)
		return a->d < b->d ? -1 : 1;
	return 0;
}

/* v as exactly n decimal digits at p; returns the end. */
static char *
put_digits(char *p, unsigned v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + n;
}

void
date_iso(const struct date *d, char out[11])
{
	/* Fields are range-checked by date_parse.  Digits are written by hand:
	 * snprintf was a tenth of a 100,000-row workbook build (callgrind). */
	char *p = out;

	if (d->prec == DATE_NONE) {
		*p = '\0';
		return;
	}
	p = put_digits(p, (unsigned)d->y % 10000, 4);
	if (d->prec >= DATE_MONTH) {
		*p++ = '-';
		p = put_digits(p, (unsigned)d->m % 100, 2);
	}
	if (d->prec >= DATE_DAY) {
		*p++ = '-';
		p = put_digits(p, (unsigned)d->d % 100, 2);
	}
	*p = '\0';
}

void
date_long(const struct date *d, char *out, size_t size)
{
	static const char *const month[] = {"January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December"};

	switch (d->prec) {
	case DATE_DAY:
		snprintf(out, size, "%d %s %d", d->d, month[d->m - 1], d->y);
		break;
	case DATE_MONTH:
		snprintf(out, size, "%s %d", month[d->m - 1], d->y);
		break;
	case DATE_YEAR:
		snprintf(out, size, "%d", d->y);
		break;
	default:
		if (size)
			out[0] = '\0';
	}
}

long long
date_epoch(const struct date *d)
{
	/* Days from civil (Howard Hinnant's algorithm). */
	int y = d->y, m = d->m ? d->m : 1, dd = d->d ? d->d : 1;
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
num_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	/* No '+', and no '-' where negatives are not allowed ("-0"). */
	if (*s == '\0' || isspace((unsigned char)*s) || *s == '+' ||
	    (*s == '-' && min >= 0))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
num_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	if (*s == '\0' || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtod(s, &end);
	/* No hex floats, no "inf"/"nan": only plain decimals are numbers. */
	if (errno || *end != '\0' || !isfinite(v) || strpbrk(s, "xXiInN"))
		return -1;
	*out = v;
	return 0;
}

void
num_format(long long v, const char *sep, char *out, size_t size)
{
	char digitsbuf[32], tmp[96];
	size_t nd, i, o = 0, seplen = strlen(sep);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	snprintf(digitsbuf, sizeof(digitsbuf), "%llu", u);
	nd = strlen(digitsbuf);
	if (v < 0)
		tmp[o++] = '-';
	for (i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0 && seplen < 8) {
			memcpy(tmp + o, sep, seplen);
			o += seplen;
		}
		tmp[o++] = digitsbuf[i];
	}
	tmp[o] = '\0';
	snprintf(out, size, "%s", tmp);
}
