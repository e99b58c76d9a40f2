/* validate_copy.c - the faults an editor finds in the copy that a machine
 * can see too: a source nothing cites, a timeline the documents would
 * print out of the order the file gives, "As 16 November 2020" without
 * its "of", and two texts that count the same thing differently ("three
 * funding streams" here, "four funding streams" there).  Called once by
 * validate_model(), before the events are sorted: the timeline keeps the
 * file's order among dates equal as far as both go, so the file must be
 * in date order. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "format.h"
#include "model.h"
#include "validate_copy.h"

/* ---- every source cited ---- */

static void
cite(const struct model *m, char *cited, const char *id)
{
	size_t i;

	if (id == NULL)
		return;
	for (i = 0; i < m->nsources; i++)
		if (strcmp(m->sources[i].id, id) == 0)
			cited[i] = 1;
}

static void
check_cited(const struct model *m)
{
	char *cited = xcalloc(m->nsources + 1, 1);
	size_t i;

	cite(m, cited, m->mission.source);
#define CITES(arr, n) for (i = 0; i < m->n; i++) \
	cite(m, cited, m->arr[i].source)
	CITES(texts, ntexts);
	CITES(lists, nlists);
	CITES(bases, nbases);
	CITES(places, nplaces);
	CITES(commands, ncommands);
	CITES(events, nevents);
	CITES(funds, nfunds);
	CITES(snapshots, nsnapshots);
#undef CITES
	for (i = 0; i < m->nsources; i++)
		if (!cited[i])
			diag_error(&m->sources[i].loc, "source '%s' [%d] is "
			    "listed but nothing cites it (no item has "
			    "'source = %s'): cite it or leave it out",
			    m->sources[i].id, m->sources[i].number,
			    m->sources[i].id);
	free(cited);
}

/* ---- the timeline in the order the file gives ---- */

/* Is a definitely before b?  Dates equal as far as both go ("February
 * 2020", "13 February 2020") are in no order: the file's decides. */
static int
date_before(const struct date *a, const struct date *b)
{
	if (a->y != b->y)
		return a->y < b->y;
	if (a->prec >= DATE_MONTH && b->prec >= DATE_MONTH && a->m != b->m)
		return a->m < b->m;
	if (a->prec >= DATE_DAY && b->prec >= DATE_DAY)
		return a->d < b->d;
	return 0;
}

static void
long_date(const struct date *d, struct buf *out)
{
	struct fmt_locale l;
	struct fmt_spec f = {FMT_DATE, -1};
	struct qvalue v = {0};

	fmt_locale_init(&l, "en");
	v.type = QV_DATE;
	v.d = *d;
	fmt_value(&v, &f, &l, out);
}

static void
check_timeline(const struct model *m)
{
	size_t i;

	for (i = 1; i < m->nevents; i++) {
		const struct event *a = &m->events[i - 1], *b = &m->events[i];
		struct buf da = {0}, db = {0};

		if (!date_before(&b->date, &a->date))
			continue;
		long_date(&a->date, &da);
		long_date(&b->date, &db);
		diag_error(&b->loc, "event '%s' (%s) follows '%s' (%s): the "
		    "timeline is in the order of the file, and this is not "
		    "date order", b->id, db.data, a->id, da.data);
		buf_free(&da);
		buf_free(&db);
	}
}

/* ---- the texts readers get ---- */

struct copy {                   /* one text of the data and its item */
	const char *s;
	const struct loc *loc;
	const char *what, *id;
};

static void
add_copy(struct copy **v, size_t *n, const char *s, const struct loc *loc,
    const char *what, const char *id)
{
	struct copy *c;

	if (s == NULL || *s == '\0')
		return;
	c = array_push(v, n, sizeof(**v));
	c->s = s;
	c->loc = loc;
	c->what = what;
	c->id = id;
}

static size_t
gather(const struct model *m, struct copy **v)
{
	size_t i, k, n = 0;

	*v = NULL;
	for (i = 0; i < m->ntexts; i++) {
		add_copy(v, &n, m->texts[i].title, &m->texts[i].loc, "text",
		    m->texts[i].id);
		add_copy(v, &n, m->texts[i].body, &m->texts[i].loc, "text",
		    m->texts[i].id);
	}
	for (i = 0; i < m->nlists; i++)
		for (k = 0; k < m->lists[i].nitems; k++)
			add_copy(v, &n, m->lists[i].items[k], &m->lists[i].loc,
			    "list", m->lists[i].id);
	for (i = 0; i < m->nbases; i++)
		add_copy(v, &n, m->bases[i].summary, &m->bases[i].loc, "basis",
		    m->bases[i].id);
	for (i = 0; i < m->nevents; i++) {
		add_copy(v, &n, m->events[i].title, &m->events[i].loc, "event",
		    m->events[i].id);
		add_copy(v, &n, m->events[i].body, &m->events[i].loc, "event",
		    m->events[i].id);
	}
	for (i = 0; i < m->nfunds; i++)
		add_copy(v, &n, m->funds[i].body, &m->funds[i].loc, "fund",
		    m->funds[i].id);
	for (i = 0; i < m->nsnapshots; i++)
		add_copy(v, &n, m->snapshots[i].note, &m->snapshots[i].loc,
		    "snapshot", m->snapshots[i].id);
	return n;
}

static const char *const month_names[] = {"January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December", NULL};

static int
word_is(const char *s, const char *w)
{
	size_t n = strlen(w);

	return strncmp(s, w, n) == 0 && !isalpha((unsigned char)s[n]);
}

/* "As 16 November 2020," or "As November 2020": "As" at a sentence's
 * start right before a date has lost its "of". */
static void
check_as_of(const struct copy *c)
{
	const char *p;

	for (p = c->s; (p = strstr(p, "As ")) != NULL; p += 3) {
		const char *q = p + 3;
		size_t k;
		int day = 0;

		if (p > c->s && (isalnum((unsigned char)p[-1]) || p[-1] == '-'))
			continue;
		while (isdigit((unsigned char)*q) && day < 3)
			q++, day++;
		if (day > 0 && *q == ' ')
			q++;
		else if (day > 0)
			continue;
		for (k = 0; month_names[k]; k++)
			if (word_is(q, month_names[k]))
				break;
		if (month_names[k] == NULL)
			continue;
		q += strlen(month_names[k]);
		if (q[0] == ' ' && isdigit((unsigned char)q[1]) &&
		    isdigit((unsigned char)q[4]) && !isdigit((unsigned char)q[5]))
			q += 5;         /* the year */
		diag_error(c->loc, "the %s '%s' says \"As %.*s\": a date "
		    "after \"As\" needs \"of\" (\"As of …\")", c->what, c->id,
		    (int)(q - p - 3), p + 3);
	}
}

/* Counts a text states in words or small numbers: "three funding
 * streams", "4 spokes". */
static const char *const count_words[] = {"no", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", NULL};

#define MAX_COUNT 12

struct count {                  /* "three funding streams" */
	int n;
	char what[64];          /* "funding streams", lower case */
	const struct copy *c;
};

/* The count at p, if a word or number there is one: its value and the
 * bytes it takes; -1 otherwise. */
static int
count_at(const char *p, size_t *len)
{
	size_t k;
	int n = 0;

	if (isdigit((unsigned char)*p)) {
		for (*len = 0; isdigit((unsigned char)p[*len]) && *len < 3;
		    (*len)++)
			n = n * 10 + (p[*len] - '0');
		return isalnum((unsigned char)p[*len]) || p[*len] == ',' ||
		    p[*len] == '.' || n > MAX_COUNT ? -1 : n;
	}
	for (k = 1; count_words[k]; k++) {
		size_t w = strlen(count_words[k]);

		if (strncasecmp(p, count_words[k], w) == 0 &&
		    !isalnum((unsigned char)p[w])) {
			*len = w;
			return (int)k;
		}
	}
	return -1;
}

static const char *const not_counted[] = {"of", "is", "are", "was", "were",
    "has", "have", "had", "and", "or", "the", "a", "an", "to", "in", "on",
    "at", "by", "for", "from", "with", "more", "less", "times", NULL};

/* The two lower-case words after a count, the second a plural ("funding
 * streams"): 0 when they are not that (a date, a name, "of the"). */
static int
counted(const char *p, char *out, size_t size)
{
	size_t o = 0, k, start = 0;
	int words = 0;

	while (*p == ' ' && words < 2) {
		p++;
		if (!islower((unsigned char)*p))
			return 0;
		if (o > 0 && o + 1 < size)
			out[o++] = ' ';
		start = o;
		while (islower((unsigned char)*p) || *p == '-') {
			if (o + 1 < size)
				out[o++] = *p;
			p++;
		}
		out[o] = '\0';
		for (k = 0; words == 0 && not_counted[k]; k++)
			if (strcmp(out + start, not_counted[k]) == 0)
				return 0;
		words++;
	}
	out[o] = '\0';
	return words == 2 && o > 0 && out[o - 1] == 's' && isalpha(
	    (unsigned char)*p) == 0;
}

static void
check_counts(const struct copy *v, size_t n)
{
	struct count *seen = NULL;
	size_t nseen = 0, i, k;

	for (i = 0; i < n; i++) {
		const char *p;

		for (p = v[i].s; *p; p++) {
			struct count c = {0};
			size_t len;

			if (p > v[i].s && isalnum((unsigned char)p[-1]))
				continue;
			if ((c.n = count_at(p, &len)) < 2 ||
			    !counted(p + len, c.what, sizeof(c.what)))
				continue;
			c.c = &v[i];
			for (k = 0; k < nseen; k++)
				if (strcmp(seen[k].what, c.what) == 0)
					break;
			if (k == nseen)
				*(struct count *)array_push(&seen, &nseen,
				    sizeof(c)) = c;
			else if (seen[k].n != c.n)
				diag_error(v[i].loc, "the %s '%s' counts %d "
				    "%s where the %s '%s' (line %d) counts "
				    "%d", v[i].what, v[i].id, c.n, c.what,
				    seen[k].c->what, seen[k].c->id,
				    seen[k].c->loc->line, seen[k].n);
		}
	}
	free(seen);
}

void
validate_copy(const struct model *m)
{
	struct copy *v;
	size_t n = gather(m, &v), i;

	check_cited(m);
	/* A date that did not load leaves its event out of order: that
	 * error is enough. */
	if (diag_errors() == 0)
		check_timeline(m);
	for (i = 0; i < n; i++)
		check_as_of(&v[i]);
	check_counts(v, n);
	free(v);
}
