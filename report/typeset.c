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
	    fn(arg, style, " ", 1) : 0;
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

/* Words j.. that stick together (no glue between them): their width. */
static size_t
group_end(const struct ts_para *p, size_t j, double *gw)
{
	size_t k = j + 1;

	*gw = p->words[j].w;
	while (k < p->nwords && p->words[k].space == 0 && !p->words[k].brk) {
		*gw += p->words[k].w;
		k++;
	}
	return k;
}

static void
end_line(struct ts_para *p, size_t first, size_t end, double width)
{
	struct ts_line *l = array_push(&p->lines, &p->nlines, sizeof(*l));

	l->first = first;
	l->n = end - first;
	l->width = width;
	l->last = end >= p->nwords || p->words[end].brk;
}

/* Fill one line from word `first`; returns the first word of the next. */
static size_t
fill_line(struct ts_para *p, size_t first, double maxw, ts_measure fn,
    void *arg, double *width)
{
	size_t j = first, end;
	double gw;

	*width = 0;
	while (j < p->nwords && (j == first || !p->words[j].brk)) {
		double glue = j == first ? 0 : p->words[j].space;

		end = group_end(p, j, &gw);
		if (*width + glue + gw <= maxw + EPS) {
			*width += glue + gw;
			j = end;
			continue;
		}
		if (j > first)
			break;
		/* Alone and too wide: break inside the group, or cut. */
		if (end - j > 1 && p->words[j].w <= maxw + EPS) {
			*width = p->words[j].w;
			p->words[j + 1].brk = 1;
			return j + 1;
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

size_t
ts_break(struct ts_para *p, double maxw, ts_measure fn, void *arg,
    double *widest)
{
	size_t i = 0, next;
	double w, most = 0;

	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
	while (i < p->nwords) {
		next = fill_line(p, i, maxw, fn, arg, &w);
		end_line(p, i, next, w);
		if (w > most)
			most = w;
		i = next;
	}
	if (widest)
		*widest = most;
	return p->nlines;
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

/* Columns needed to hold h[0..n) with at most `cap` points per column. */
static int
columns_needed(const double *h, size_t n, double cap)
{
	double used = 0;
	int cols = 1;
	size_t i;

	for (i = 0; i < n; i++) {
		if (used > 0 && used + h[i] > cap + EPS) {
			cols++;
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
	if (columns_needed(h, n, lo) <= ncols)
		return lo;
	for (k = 0; k < 60 && hi - lo > 1e-4; k++) {
		double mid = (lo + hi) / 2;

		if (columns_needed(h, n, mid) <= ncols)
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
		if (balance && columns_needed(h + i, n - i, cap) <= ncols)
			cap = balanced_height(h + i, n - i, ncols, cap);
		fill_page(h, n, &i, head, ncols, cap, page, out, &nseg);
	}
	return nseg;
}
