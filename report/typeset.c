/* typeset.c - line breaking and table splitting (typeset.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "typeset.h"

#define EPS 1e-6

const char *
ts_word_text(const struct ts_para *p, size_t i)
{
	return p->text.data + p->words[i].off;
}

/* A space's width in `style`, measured once for a run of one style. */
static double
space_width(struct ts_para *p, int style, ts_measure fn, void *arg)
{
	if (!p->space_known || p->space_style != style) {
		p->space_w = fn(arg, style, " ", 1);
		p->space_style = style;
		p->space_known = 1;
	}
	return p->space_w;
}

static void
add_word(struct ts_para *p, const char *s, size_t n, int style,
    ts_measure fn, void *arg)
{
	struct ts_word *w;
	int joined = p->nwords > 0 && !p->pend_space && !p->pend_brk;

	w = array_push(&p->words, &p->nwords, sizeof(*w));
	w->off = p->text.len;
	w->n = n;
	w->style = style;
	buf_add(&p->text, s, n);
	w->w = fn(arg, style, s, n);
	w->space = p->nwords > 1 && !joined && !p->pend_brk ?
	    space_width(p, style, fn, arg) : 0;
	w->brk = p->pend_brk && p->nwords > 1;
	p->pend_space = p->pend_brk = 0;
}

void
ts_add(struct ts_para *p, const char *s, int style, ts_measure fn,
    void *arg)
{
	size_t n;

	while (*s) {
		if (*s == ' ' || *s == '\t') {
			p->pend_space = 1;
			s++;
		} else if (*s == '\n') {
			p->pend_brk = 1;
			s++;
		} else {
			n = strcspn(s, " \t\n");
			add_word(p, s, n, style, fn, arg);
			s += n;
		}
	}
}

/* The last i in (from, to] with s[i - 1] in set, or 0. */
static size_t
last_after(const char *s, size_t from, size_t to, const char *set)
{
	size_t i;

	for (i = to; i > from && i > 0; i--)
		if (strchr(set, s[i - 1]))
			return i;
	return 0;
}

/* Where to cut a word too wide for a line: the longest prefix (whole
 * UTF-8 characters, at least one) that fits, pulled back to just after a
 * '/' in its second half (addresses read best cut there), else after a
 * '-', '.', '?', '&' or '=' in its last two thirds. */
static size_t
cut_point(const char *s, size_t n, int style, double maxw, ts_measure fn,
    void *arg)
{
	size_t k = 0, best = 0, nice;

	while (k < n) {
		size_t next = k + 1;

		while (next < n && ((unsigned char)s[next] & 0xC0) == 0x80)
			next++;
		if (best > 0 && fn(arg, style, s, next) > maxw + EPS)
			break;
		best = k = next;
	}
	nice = last_after(s, best / 2, best, "/");
	if (nice == 0)
		nice = last_after(s, best / 3, best, "-.?&=");
	return nice && nice < n ? nice : best;
}

/* Split word i at byte k: the rest becomes word i + 1 on a new line. */
static void
cut_word(struct ts_para *p, size_t i, size_t k, ts_measure fn, void *arg)
{
	struct ts_word *w;

	array_push(&p->words, &p->nwords, sizeof(*w));
	memmove(&p->words[i + 2], &p->words[i + 1],
	    (p->nwords - i - 2) * sizeof(*w));
	w = &p->words[i + 1];
	*w = p->words[i];
	w->off += k;
	w->n -= k;
	w->space = 0;
	w->brk = 1;
	w->w = fn(arg, w->style, ts_word_text(p, i + 1), w->n);
	p->words[i].n = k;
	p->words[i].w = fn(arg, w->style, ts_word_text(p, i), k);
}

/* Words j.. that stick together (no glue between them, or glue that
 * ts_tie holds): their width, glue included. */
static size_t
group_end(const struct ts_para *p, size_t j, double *gw)
{
	size_t k = j + 1;

	*gw = p->words[j].w;
	while (k < p->nwords && !p->words[k].brk &&
	    (p->words[k].space == 0 || p->words[k].tie)) {
		*gw += p->words[k].space + p->words[k].w;
		k++;
	}
	return k;
}

/* ---- hyphenation ---- */

static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The letters of a word between leading "(" or quotes and trailing
 * punctuation: [*a, *b). */
static void
word_core(const char *s, size_t n, size_t *a, size_t *b)
{
	*a = 0;
	*b = n;
	while (*a < n && !is_letter(s[*a]) && ((unsigned char)s[*a] < 0x80))
		(*a)++;
	while (*b > *a && !is_letter(s[*b - 1]) &&
	    ((unsigned char)s[*b - 1] < 0x80))
		(*b)--;
}

/* Cut word i at a hyphenation point so that its first part and a hyphen
 * fit in `room` points; the rest becomes word i + 1.  1 when cut. */
static int
hyphenate(struct ts_para *p, size_t i, double room, const struct ts_opts *o,
    ts_measure fn, void *arg)
{
	const char *s = ts_word_text(p, i);
	int style = p->words[i].style;
	unsigned char *ok;
	size_t a, b, k, best = 0, off;
	double hw = fn(arg, style, "-", 1);
	struct ts_word *nw;
	char *part;

	word_core(s, p->words[i].n, &a, &b);
	if (b - a < 2)
		return 0;
	ok = xcalloc(b - a + 1, 1);
	if (o->hyph(o->harg, s + a, b - a, ok) > 0)
		for (k = 1; k < b - a; k++)
			if (ok[k] && fn(arg, style, s, a + k) + hw <=
			    room + EPS)
				best = a + k;
	free(ok);
	if (best == 0)
		return 0;
	/* The first part gets its own text with the hyphen: the
	 * paragraph's text only grows, so offsets stay valid (the copy
	 * first, since growing may move the text). */
	part = xmalloc(best + 1);
	memcpy(part, s, best);
	part[best] = '-';
	off = p->text.len;
	buf_add(&p->text, part, best + 1);
	free(part);
	array_push(&p->words, &p->nwords, sizeof(*nw));
	memmove(&p->words[i + 2], &p->words[i + 1],
	    (p->nwords - i - 2) * sizeof(*nw));
	nw = &p->words[i + 1];
	*nw = p->words[i];
	nw->off += best;
	nw->n -= best;
	nw->space = 0;
	nw->tie = 0;
	nw->brk = 0;
	nw->w = fn(arg, nw->style, ts_word_text(p, i + 1), nw->n);
	p->words[i].off = off;
	p->words[i].n = best + 1;
	p->words[i].w = fn(arg, style, ts_word_text(p, i), best + 1);
	return 1;
}

/* ---- glue that holds ---- */

static const char *const month_names[] = {"January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December", NULL};
/* Words a number stays with: units, scales and currencies after it. */
static const char *const unit_words[] = {"thousand", "million", "millions",
    "billion", "billions", "trillion", "per", "percent", "%", "km", "m",
    "mm", "cm", "kg", "t", "pt", "USD", "EUR", "GBP", "dollars", "euros",
    NULL};
/* Currencies a number stays with when they come first. */
static const char *const currency_words[] = {"USD", "US$", "EUR", "GBP",
    "$", "\xe2\x82\xac", "\xc2\xa3", NULL};

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* s[0..n) without trailing ",.;:)" and closing quotes. */
static size_t
trim_end(const char *s, size_t n)
{
	while (n > 0 && strchr(",.;:)!?", s[n - 1]))
		n--;
	if (n >= 3 && memcmp(s + n - 3, "\xe2\x80\x99", 3) == 0)
		n -= 3;         /* ’ */
	return n;
}

static int
in_list(const char *const *v, const char *s, size_t n)
{
	for (; *v; v++)
		if (strlen(*v) == n && memcmp(*v, s, n) == 0)
			return 1;
	return 0;
}

/* A day of the month, or a span of days: "12", "8–9", "11-12". */
static int
is_day(const char *s, size_t n)
{
	size_t i = 0, k, dash = 0;

	while (i < n) {
		int day = 0;

		for (k = 0; i < n && is_digit(s[i]) && k < 3; k++, i++)
			day = day * 10 + (s[i] - '0');
		if (k == 0 || k > 2 || day < 1 || day > 31)
			return 0;
		if (i == n)
			return 1;
		if (dash++ > 0)
			return 0;
		if (s[i] == '-')
			i++;
		else if (i + 3 < n && memcmp(s + i, "\xe2\x80\x93", 3) == 0)
			i += 3;         /* – */
		else
			return 0;
	}
	return 0;
}

/* A number as text prints it: "16,551", "3.2", "48%". */
static int
is_number(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !is_digit(s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!is_digit(s[i]) && !strchr(",.%", s[i]))
			return 0;
	return 1;
}

static int
is_acronym(const char *s, size_t n)
{
	size_t i;

	if (n < 2)
		return 0;
	for (i = 0; i < n; i++)
		if (!(s[i] >= 'A' && s[i] <= 'Z'))
			return 0;
	return 1;
}

/* "Mazar-e", "Lashkar-gah": a hyphenated name whose last part is one or
 * two small letters joins the capitalised word after it. */
static int
open_compound(const char *s, size_t n)
{
	const char *h = memrchr(s, '-', n);

	return h && h > s && (size_t)(s + n - h - 1) >= 1 &&
	    (size_t)(s + n - h - 1) <= 2 && h[1] >= 'a' && h[1] <= 'z' &&
	    (s + n - h - 1 == 1 || (h[2] >= 'a' && h[2] <= 'z'));
}

/* May the glue between words a (before) and b not break? */
static int
holds(const char *a, size_t an, const char *b, size_t bn)
{
	size_t at = trim_end(a, an), bt = trim_end(b, bn);

	if (at == 0 || bt == 0)
		return 0;
	if (is_day(a, an) && in_list(month_names, b, bt))
		return 1;       /* 12 December */
	if (in_list(month_names, a, an) && bt == 4 && is_digit(b[0]) &&
	    is_number(b, bt))
		return 1;       /* December 2014 (not "December, 2014") */
	if (is_number(a, an) && in_list(unit_words, b, bt))
		return 1;       /* 3.2 billion, 45 km */
	if (in_list(currency_words, a, an) && is_digit(b[0]))
		return 1;       /* USD 4.2 */
	if (is_acronym(a, an) && is_number(b, bt))
		return 1;       /* UNSCR 2189 */
	if (b[0] == '(' && bn > 2 && bn <= 16 && memchr(b, ')', bn) &&
	    !strchr(",;:", a[an - 1]))
		return 1;       /* Herat (west), Force (ISAF) */
	if (open_compound(a, an) && b[0] >= 'A' && b[0] <= 'Z')
		return 1;       /* Mazar-e Sharif */
	if (b[0] == '[' && bt >= 3 && is_digit(b[1]) && b[bt - 1] == ']')
		return 1;       /* a source mark stays with its text: "2014. [5]" */
	return 0;
}

void
ts_tie(struct ts_para *p)
{
	size_t k;

	for (k = 1; k < p->nwords; k++) {
		struct ts_word *w = &p->words[k];

		w->tie = w->space > 0 && !w->brk &&
		    holds(ts_word_text(p, k - 1), p->words[k - 1].n,
		    ts_word_text(p, k), w->n);
	}
}

static void
end_line(struct ts_para *p, size_t first, size_t end, double width)
{
	struct ts_line *l = array_push(&p->lines, &p->nlines, sizeof(*l));

	memset(l, 0, sizeof(*l));

	l->first = first;
	l->n = end - first;
	l->width = width;
	l->last = end >= p->nwords || p->words[end].brk;
}

/* Fill one line from word `first`; returns the first word of the next.
 * *hyph is set when the line ends in a hyphen it added. */
static size_t
fill_line(struct ts_para *p, size_t first, double maxw,
    const struct ts_opts *o, ts_measure fn, void *arg, double *width,
    int *hyph)
{
	size_t j = first, end;
	double gw;

	*width = 0;
	*hyph = 0;
	while (j < p->nwords && (j == first || !p->words[j].brk)) {
		double glue = j == first ? 0 : p->words[j].space;

		end = group_end(p, j, &gw);
		if (*width + glue + gw <= maxw + EPS) {
			*width += glue + gw;
			j = end;
			continue;
		}
		if (j > first) {
			/* A justified line more than a space short takes
			 * the first part of the next word, hyphenated. */
			if (o->justify && o->hyph && end == j + 1 &&
			    maxw - *width - glue > p->words[j].space &&
			    hyphenate(p, j, maxw - *width - glue, o, fn,
			    arg)) {
				*width += glue + p->words[j].w;
				*hyph = 1;
				return j + 1;
			}
			break;
		}
		/* Alone and too wide: break inside the group, as late as
		 * fits ("9 November / 2017"), or cut. */
		if (end - j > 1 && p->words[j].w <= maxw + EPS) {
			size_t k = j + 1;

			*width = p->words[j].w;
			while (k < end && *width + p->words[k].space +
			    p->words[k].w <= maxw + EPS) {
				*width += p->words[k].space + p->words[k].w;
				k++;
			}
			p->words[k].brk = 1;
			return k;
		}
		end = cut_point(ts_word_text(p, j), p->words[j].n,
		    p->words[j].style, maxw, fn, arg);
		if (end < p->words[j].n)
			cut_word(p, j, end, fn, arg);
		*width = p->words[j].w;
		return j + 1;
	}
	return j;
}

/* The glue a justified line adds to each gap, capped by max_gap. */
static double
line_extra(const struct ts_para *p, const struct ts_line *l, double maxw,
    const struct ts_opts *o)
{
	size_t k, gaps = 0;
	double widest = 0, extra;

	if (!o->justify || l->last)
		return 0;
	for (k = l->first + 1; k < l->first + l->n; k++)
		if (p->words[k].space > 0) {
			gaps++;
			if (p->words[k].space > widest)
				widest = p->words[k].space;
		}
	if (gaps == 0 || maxw <= l->width)
		return 0;
	extra = (maxw - l->width) / (double)gaps;
	if (o->max_gap > 0 && widest + extra > o->max_gap)
		extra = o->max_gap > widest ? o->max_gap - widest : 0;
	return extra;
}

double
ts_line_gap(const struct ts_para *p, size_t i)
{
	const struct ts_line *l = &p->lines[i];
	double widest = 0;
	size_t k;

	if (l->extra <= 0)
		return 0;
	for (k = l->first + 1; k < l->first + l->n; k++)
		if (p->words[k].space > 0 && p->words[k].space > widest)
			widest = p->words[k].space;
	return widest + l->extra;
}

size_t
ts_break_opts(struct ts_para *p, double maxw, const struct ts_opts *o,
    ts_measure fn, void *arg, double *widest)
{
	static const struct ts_opts plain;
	size_t i = 0, next;
	double w, most = 0;
	int hyph;

	if (o == NULL)
		o = &plain;
	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
	ts_tie(p);
	while (i < p->nwords) {
		struct ts_line *l;

		next = fill_line(p, i, maxw, o, fn, arg, &w, &hyph);
		end_line(p, i, next, w);
		l = &p->lines[p->nlines - 1];
		l->hyph = hyph;
		l->extra = line_extra(p, l, maxw, o);
		if (w > most)
			most = w;
		i = next;
	}
	if (widest)
		*widest = most;
	return p->nlines;
}

size_t
ts_break(struct ts_para *p, double maxw, ts_measure fn, void *arg,
    double *widest)
{
	return ts_break_opts(p, maxw, NULL, fn, arg, widest);
}

void
ts_para_free(struct ts_para *p)
{
	if (p == NULL)
		return;
	buf_free(&p->text);
	free(p->words);
	free(p->lines);
	memset(p, 0, sizeof(*p));
}

/* ---- tables ---- */

/* Columns needed to hold h[0..n) with at most `cap` points per column,
 * counted only up to `most` + 1: callers ask "do the rest fit in ncols
 * columns?", and stopping there keeps a page's question to the rows of
 * about one page, not every row left (which made splitting quadratic). */
static int
columns_needed(const double *h, size_t n, double cap, int most)
{
	double used = 0;
	int cols = 1;
	size_t i;

	for (i = 0; i < n; i++) {
		if (used > 0 && used + h[i] > cap + EPS) {
			if (++cols > most)
				return cols;
			used = 0;
		}
		used += h[i];
	}
	return cols;
}

/* The least column height that holds h[0..n) in ncols columns. */
static double
balanced_height(const double *h, size_t n, int ncols, double cap)
{
	double lo = 0, hi = cap;
	size_t i;
	int k;

	for (i = 0; i < n; i++)
		if (h[i] > lo)
			lo = h[i];
	if (columns_needed(h, n, lo, ncols) <= ncols)
		return lo;
	for (k = 0; k < 60 && hi - lo > 1e-4; k++) {
		double mid = (lo + hi) / 2;

		if (columns_needed(h, n, mid, ncols) <= ncols)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

static void
push_seg(struct ts_seg **out, size_t *nseg, size_t page, int col,
    size_t first, size_t n, double height)
{
	struct ts_seg *s = array_push(out, nseg, sizeof(**out));

	s->page = page;
	s->col = col;
	s->first = first;
	s->n = n;
	s->height = height;
}

/* Fill up to ncols columns of `cap` points from row *i on; advance *i. */
static void
fill_page(const double *h, size_t n, size_t *i, double head, int ncols,
    double cap, size_t page, struct ts_seg **out, size_t *nseg)
{
	int c;

	for (c = 0; c < ncols && *i < n; c++) {
		size_t start = *i;
		double used = 0;

		while (*i < n && (*i == start || used + h[*i] <= cap + EPS))
			used += h[(*i)++];
		push_seg(out, nseg, page, c, start, *i - start, head + used);
	}
}

size_t
ts_split(const double *h, size_t n, double head, int ncols, double first,
    double full, int balance, struct ts_seg **out)
{
	size_t i = 0, page = 0, nseg = 0;
	double avail = first, cap;

	*out = NULL;
	if (ncols < 1)
		ncols = 1;
	for (i = 0; i < n; i++)
		if (head + h[i] > full + EPS)
			return 0;
	if (n == 0 && head > full + EPS)
		return 0;
	if (head + (n ? h[0] : 0) > first + EPS)
		page = 1, avail = full;
	if (n == 0) {
		push_seg(out, &nseg, page, 0, 0, 0, head);
		return nseg;
	}
	for (i = 0; i < n; page++, avail = full) {
		cap = avail - head;
		/* Rows that fit on this page are spread evenly; should the
		 * spread leave any over, they go on to the next page. */
		if (balance && columns_needed(h + i, n - i, cap, ncols) <= ncols)
			cap = balanced_height(h + i, n - i, ncols, cap);
		fill_page(h, n, &i, head, ncols, cap, page, out, &nseg);
	}
	return nseg;
}
