/* placemat_line.c - one line of a placemat's text, read into name-number
 * pairs (see placemat_parse.h and data/README.md, "Importing a placemat"):
 * blanks and column gaps, numbers as placemats print them (1.300, 1 300,
 * "five"), qualifiers ("about", "<"), footnote marks, list separators,
 * ranks and shares.  Which lines make the table is placemat_parse.c's. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "placemat_int.h"

/* ---- characters ---- */

/* Bytes of the blank at s (before e), or 0.  Tabs and form feeds (pdftotext
 * starts each page with one) are column gaps on their own: *wide = 1. */
size_t
placemat_blank_len(const char *s, const char *e, int *wide)
{
	const unsigned char *u = (const unsigned char *)s;

	*wide = 0;
	if (*u == ' ')
		return 1;
	if (*u == '\t' || *u == '\f' || *u == '\v' || *u == '\r') {
		*wide = 1;
		return 1;
	}
	if (e - s >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;                               /* U+00A0 no-break */
	if (e - s >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] <= 0x8A || u[2] == 0xAF))
		return 3;                       /* U+2000..200A, U+202F */
	return 0;
}

/* Bytes of the footnote mark at s (before e), or 0: * † ‡ ¹ ² ³ ⁰ ⁴..⁹. */
static size_t
mark_len(const char *s, const char *e)
{
	const unsigned char *u = (const unsigned char *)s;

	if (*u == '*')
		return 1;
	if (e - s >= 2 && u[0] == 0xC2 &&
	    (u[1] == 0xB9 || u[1] == 0xB2 || u[1] == 0xB3))
		return 2;
	if (e - s >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0xA0 || u[2] == 0xA1))
		return 3;
	if (e - s >= 3 && u[0] == 0xE2 && u[1] == 0x81 &&
	    (u[2] == 0xB0 || (u[2] >= 0xB4 && u[2] <= 0xB9)))
		return 3;
	return 0;
}

/* Where the footnote marks at the end of s[0..n) start (n: none).  Marks
 * begin with '*', 0xC2 or 0xE2, never a UTF-8 continuation byte, so a
 * byte-wise scan cannot start one inside another character.  A bracketed
 * reference at the end ("[3]", "[a]", "[note 1]"), as encyclopaedia
 * tables print them, is a mark too. */
static size_t
marks_start(const char *s, size_t n)
{
	size_t i = 0, start = n, ml;
	const char *open;

	if (n >= 3 && s[n - 1] == ']' &&
	    (open = memchr(s, '[', n - 1)) != NULL)
		return open == s ? 0 : marks_start(s, (size_t)(open - s));
	while (i < n) {
		if ((ml = mark_len(s + i, s + n)) > 0) {
			if (start == n)
				start = i;
			i += ml;
		} else {
			start = n;
			i++;
		}
	}
	return start;
}

/* Bytes of a thousands separator at s: . , ' ’ or a one-character blank. */
static size_t
sep_len(const char *s, const char *e)
{
	int wide;
	size_t n;

	if (*s == '.' || *s == ',' || *s == '\'')
		return 1;
	if (e - s >= 3 && memcmp(s, "\xE2\x80\x99", 3) == 0)
		return 3;
	n = placemat_blank_len(s, e, &wide);
	return wide ? 0 : n;
}

/* ---- numbers ---- */

static void
add_digit(long *v, char c, int *big)
{
	if (*big)
		return;
	*v = *v * 10 + (c - '0');
	if (*v > LOAD_MAX_TROOPS)
		*big = 1;
}

long
placemat_number(const char *s, size_t n)
{
	const char *e = s + n, *sep = NULL;
	size_t i, k, sl, seplen = 0;
	long v = 0;
	int big = 0;

	for (i = 0; i < n && isdigit((unsigned char)s[i]); i++)
		add_digit(&v, s[i], &big);
	if (i == 0)
		return PLACEMAT_NUM_BAD;
	/* "0.500" and "1234.567" are not thousands. */
	if (i < n && (i > 3 || s[0] == '0'))
		return PLACEMAT_NUM_BAD;
	while (i < n) {
		sl = sep_len(s + i, e);
		if (sl == 0 || (sep != NULL &&
		    (sl != seplen || memcmp(sep, s + i, sl) != 0)))
			return PLACEMAT_NUM_BAD;
		sep = s + i;
		seplen = sl;
		i += sl;
		for (k = 0; k < 3; k++, i++) {
			if (i >= n || !isdigit((unsigned char)s[i]))
				return PLACEMAT_NUM_BAD;
			add_digit(&v, s[i], &big);
		}
	}
	return big ? PLACEMAT_NUM_BIG : v;
}

/* Input syntax, like the keys of an INI file: matched, never printed into
 * a document. */
static const char *const number_words[] = {"zero", "one", "two", "three",
	"four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
	"eighteen", "nineteen", "twenty"};

long
placemat_number_word(const char *s, size_t n)
{
	size_t i;

	for (i = 1; i < sizeof(number_words) / sizeof(number_words[0]); i++)
		if (strlen(number_words[i]) == n &&
		    strncasecmp(s, number_words[i], n) == 0)
			return (long)i;
	return -1;
}

/* ---- qualifiers ---- */

/* The words that may come before a number, and what they mean.  `refuse`
 * names a qualifier the snapshot format cannot hold. */
static const struct {
	const char *words;
	enum qual qual;
	const char *refuse;
} qual_words[] = {
	{"approximately", QUAL_AROUND, NULL}, {"approx.", QUAL_AROUND, NULL},
	{"approx", QUAL_AROUND, NULL}, {"about", QUAL_AROUND, NULL},
	{"around", QUAL_AROUND, NULL}, {"some", QUAL_AROUND, NULL},
	{"roughly", QUAL_AROUND, NULL}, {"circa", QUAL_AROUND, NULL},
	{"ca.", QUAL_AROUND, NULL}, {"c.", QUAL_AROUND, NULL},
	{"nearly", QUAL_AROUND, NULL}, {"almost", QUAL_AROUND, NULL},
	{"just over", QUAL_OVER, NULL}, {"just under", QUAL_LESS_THAN, NULL},
	{"more than", QUAL_MORE_THAN, NULL}, {"over", QUAL_OVER, NULL},
	{"above", QUAL_MORE_THAN, NULL}, {"at least", QUAL_AT_LEAST, NULL},
	{"less than", QUAL_LESS_THAN, NULL},
	{"fewer than", QUAL_LESS_THAN, NULL},
	{"under", QUAL_LESS_THAN, NULL}, {"below", QUAL_LESS_THAN, NULL},
	{"up to", QUAL_EXACT, "up to"}, {"at most", QUAL_EXACT, "at most"},
	{"no more than", QUAL_EXACT, "no more than"},
	{"max.", QUAL_EXACT, "max."}, {"maximum", QUAL_EXACT, "maximum"},
};

#define NQUAL_WORDS (sizeof(qual_words) / sizeof(qual_words[0]))

/* Symbols written straight before a number: "<10", "~50". */
static size_t
qual_symbol(const char *s, size_t n, enum qual *q, const char **refuse)
{
	*refuse = NULL;
	if (n >= 1 && *s == '<') {
		*q = QUAL_LESS_THAN;
		return 1;
	}
	if (n >= 1 && *s == '>') {
		*q = QUAL_MORE_THAN;
		return 1;
	}
	if (n >= 1 && *s == '~') {
		*q = QUAL_AROUND;
		return 1;
	}
	if (n >= 3 && memcmp(s, "\xE2\x89\x88", 3) == 0) {     /* ≈ */
		*q = QUAL_AROUND;
		return 3;
	}
	if (n >= 3 && memcmp(s, "\xE2\x89\xA5", 3) == 0) {     /* ≥ */
		*q = QUAL_AT_LEAST;
		return 3;
	}
	if (n >= 3 && memcmp(s, "\xE2\x89\xA4", 3) == 0) {     /* ≤ */
		*q = QUAL_EXACT;
		*refuse = "\xE2\x89\xA4";
		return 3;
	}
	return 0;
}

/* ---- tokens ---- */

void
placemat_tokenize(const char *s, const char *e, struct tok **t, size_t *nt)
{
	struct tok *k;
	size_t gap = 0, bl;
	int wide = 0, w;

	while (s < e) {
		if ((bl = placemat_blank_len(s, e, &w)) > 0) {
			gap++;
			wide |= w;
			s += bl;
			continue;
		}
		k = array_push(t, nt, sizeof(*k));
		memset(k, 0, sizeof(*k));
		k->s = s;
		k->gap = gap;
		k->wide = wide || gap >= 2;
		while (s < e && placemat_blank_len(s, e, &w) == 0)
			s++;
		k->n = (size_t)(s - k->s);
		gap = 0;
		wide = 0;
	}
}

int
placemat_all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return n > 0;
}

/* Can t be the front of "1 300": 1-3 digits, or groups already joined? */
static int
group_head(const struct tok *t)
{
	if (t->grouped)
		return isdigit((unsigned char)t->s[t->n - 1]);
	return t->n <= 3 && placemat_all_digits(t->s, t->n);
}

/* Is t a group of three digits, perhaps with marks or a list separator
 * after it? */
static int
group_tail(const struct tok *t)
{
	size_t n = t->n;

	while (n > 3 && strchr(",;)", t->s[n - 1]))
		n--;
	return n >= 3 && placemat_all_digits(t->s, 3) &&
	    marks_start(t->s + 3, n - 3) == 0;
}

/* Join "16 551" (one blank between) into one token. */
static void
join_groups(struct tok *t, size_t *nt)
{
	size_t i = 0;

	while (i + 1 < *nt) {
		if (group_head(&t[i]) && group_tail(&t[i + 1]) &&
		    t[i + 1].gap == 1 && !t[i + 1].wide) {
			t[i].n = (size_t)(t[i + 1].s + t[i + 1].n - t[i].s);
			t[i].grouped = 1;
			memmove(&t[i + 1], &t[i + 2],
			    (*nt - i - 2) * sizeof(*t));
			(*nt)--;
		} else
			i++;
	}
}

static int
has_digit(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (isdigit((unsigned char)s[i]))
			return 1;
	return 0;
}

static int
is_fill(const char *s, size_t n)
{
	return (n == 1 && strchr("-=:|/", *s)) ||
	    (n == 3 && (memcmp(s, "\xE2\x80\x93", 3) == 0 ||
	    memcmp(s, "\xE2\x80\x94", 3) == 0));
}

/* Is s[0..n) a share, "48.3%"? */
static int
is_percent(const char *s, size_t n)
{
	return n >= 2 && s[n - 1] == '%' && has_digit(s, n - 1);
}

/* Split raw token t (first_tok: the first of its line) into its core and
 * what surrounds it: opening brackets and qualifier symbols before, list
 * separators and closing brackets after.  Appends the pieces to *out. */
static void
lex_token(const struct tok *t, int first_tok, struct tok **out, size_t *nout)
{
	const char *s = t->s, *e = t->s + t->n;
	struct tok *k;
	enum qual q;
	const char *refuse;
	size_t ql;
	int sep = 0;

	if (memmem(s, t->n, "://", 3) ||
	    (t->n > 4 && strncasecmp(s, "www.", 4) == 0)) {
		k = array_push(out, nout, sizeof(*k));
		*k = *t;
		k->kind = T_URL;
		return;
	}
	while (s < e && (*s == '(' || *s == '"'))
		s++;
	if ((ql = qual_symbol(s, (size_t)(e - s), &q, &refuse)) > 0) {
		k = array_push(out, nout, sizeof(*k));
		*k = *t;
		k->kind = T_QSYM;
		k->qual = q;
		k->refuse = refuse;
		s += ql;
	}
	while (e > s && strchr(",;)\"", e[-1])) {
		if (e[-1] == ',' || e[-1] == ';')
			sep = 1;
		e--;
	}
	if (e - s > 1 && e[-1] == ':' && !has_digit(s, (size_t)(e - s)))
		e--;
	/* A full stop after a number ends a sentence ("and Austria 232."),
	 * except a rank at the start of a line ("1."), which keeps it. */
	if (e - s > 1 && e[-1] == '.' && isdigit((unsigned char)e[-2]) &&
	    !(t->gap == 0 && t->s == s && e == t->s + t->n && first_tok))
		e--;
	if (e > s) {
		k = array_push(out, nout, sizeof(*k));
		*k = *t;
		k->c = s;
		k->cn = (size_t)(e - s);
		if (is_fill(s, k->cn))
			k->kind = T_FILL;
		else if (marks_start(s, k->cn) == 0)
			k->kind = T_MARK;
		else if (is_percent(s, k->cn))
			k->kind = T_PCT;
		else if (has_digit(s, k->cn))
			k->kind = T_NUM;
		else
			k->kind = T_WORD;
	}
	if (sep) {
		k = array_push(out, nout, sizeof(*k));
		*k = *t;
		k->kind = T_SEP;
	}
}

/* ---- values ---- */

/* Append the marks s[0..n) to *mark. */
static void
add_mark(char **mark, const char *s, size_t n)
{
	char *old = *mark;

	if (n == 0)
		return;
	*mark = old ? xasprintf("%s %.*s", old, (int)n, s) : xstrndup(s, n);
	free(old);
}

/* Fill v from a number token (digits, or a share). */
static void
set_number(struct placemat_num *v, const struct tok *t)
{
	size_t end = marks_start(t->c, t->cn);

	add_mark(&v->mark, t->c + end, t->cn - end);
	v->text = xstrndup(t->c, end);
	v->grouped = t->grouped;
	if (t->kind == T_PCT) {
		v->percent = 1;
		v->troops = PLACEMAT_NUM_BAD;
	} else
		v->troops = placemat_number(t->c, end);
}

static void
set_number_word(struct placemat_num *v, const struct tok *t, long n)
{
	v->text = xstrndup(t->c, t->cn);
	v->troops = n;
	v->words = 1;
}

/* Does a qualifier phrase start at word token i?  Returns its length in
 * tokens (0: none), with its meaning. */
static size_t
qual_phrase(const struct tok *t, size_t nt, size_t i, enum qual *q,
    const char **refuse)
{
	size_t k, j, len, wl;
	const char *w;

	for (k = 0; k < NQUAL_WORDS; k++) {
		w = qual_words[k].words;
		for (j = i, len = 0; j < nt && *w; j++, len++) {
			if (t[j].kind != T_WORD)
				break;
			wl = strcspn(w, " ");
			if (wl != t[j].cn || strncasecmp(w, t[j].c, wl) != 0)
				break;
			w += wl;
			w += *w == ' ';
		}
		if (*w == '\0') {
			*q = qual_words[k].qual;
			*refuse = qual_words[k].refuse;
			return len;
		}
	}
	return 0;
}

/* The words after a number that name what is counted: "8,000 troops". */
static int
unit_word(const struct tok *t)
{
	static const char *const units[] = {"troops", "soldiers",
		"personnel", "staff", "military", "servicemen"};
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i]) == t->cn &&
		    strncasecmp(units[i], t->c, t->cn) == 0)
			return 1;
	return 0;
}

/* The word after the count of nations: "38 nations", "27 countries". */
static int
nations_word(const struct tok *t)
{
	static const char *const words[] = {"nations", "countries",
		"contributors", "states"};
	size_t i, n = t->cn;

	if (n > 0 && t->c[n - 1] == '.')
		n--;            /* the end of a sentence */
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (t->kind == T_WORD && strlen(words[i]) == n &&
		    strncasecmp(words[i], t->c, n) == 0)
			return 1;
	return 0;
}

/* Is the token a number in words, where a number may stand? */
static long
word_number(const struct tok *t)
{
	return t->kind == T_WORD ? placemat_number_word(t->c, t->cn) : -1;
}

/* A number in words must end its pair: the end of the line, a list
 * separator, a column gap, a mark or a unit after it ("Austria one",
 * "Lithuania one, Montenegro one"), so that prose ("one hub and four
 * spokes") stays prose. */
static int
word_number_ends(const struct tok *t, size_t nt, size_t i)
{
	if (i + 1 >= nt)
		return 1;
	return t[i + 1].kind == T_SEP || t[i + 1].kind == T_MARK ||
	    t[i + 1].wide || (t[i + 1].kind == T_WORD && unit_word(&t[i + 1]));
}

/* ---- pairs ---- */

struct pairing {
	struct placemat_line *out;
	struct placemat_pair *cur;      /* the pair being read */
	enum qual qual;                 /* a qualifier waiting for a number */
	const char *refuse;
	int has_qual;
	const struct tok *last;
	int last_kind;
};

static struct placemat_num *
new_num(struct pairing *p)
{
	struct placemat_num *v;

	if (p->cur)
		v = array_push(&p->cur->nums, &p->cur->nnums, sizeof(*v));
	else
		v = array_push(&p->out->lead, &p->out->nlead, sizeof(*v));
	memset(v, 0, sizeof(*v));
	v->qual = p->has_qual ? p->qual : QUAL_EXACT;
	v->refused = p->has_qual ? p->refuse : NULL;
	p->has_qual = 0;
	return v;
}

static void
end_span(struct pairing *p, const struct tok *t)
{
	if (p->cur)
		p->cur->srclen = (size_t)(t->s + t->n - p->cur->src);
}

static void
add_word(struct pairing *p, const struct tok *t)
{
	struct placemat_word *w;
	size_t end = marks_start(t->c, t->cn);

	if (p->cur == NULL || p->cur->nnums > 0) {
		p->cur = array_push(&p->out->pairs, &p->out->npairs,
		    sizeof(*p->cur));
		memset(p->cur, 0, sizeof(*p->cur));
		p->cur->src = t->s;
	}
	add_mark(&p->cur->name_mark, t->c + end, t->cn - end);
	w = array_push(&p->cur->words, &p->cur->nwords, sizeof(*w));
	w->text = xstrndup(t->c, end);
	w->wide = t->wide;
	w->src = t->s;
	end_span(p, t);
}

/* Is t written like a rank at the start of a line: "1." "2)" "#3"? */
static int
rank_like(const struct tok *t)
{
	return (t->n >= 2 && placemat_all_digits(t->s, t->n - 1) &&
	    (t->s[t->n - 1] == '.' || t->s[t->n - 1] == ')')) ||
	    (t->n >= 2 && t->s[0] == '#' && placemat_all_digits(t->s + 1, t->n - 1));
}

/* One token; returns 0 when the line cannot be pairs. */
static int
pair_token(struct pairing *p, const struct tok *t, size_t nt, size_t *i)
{
	const struct tok *k = &t[*i];
	struct placemat_num *v;
	long w;
	size_t ql;

	switch (k->kind) {
	case T_URL:
		return 0;       /* a web address: the line is prose */
	case T_FILL:
		return 1;
	case T_MARK:
		if (p->last_kind == T_NUM || p->last_kind == T_PCT)
			add_mark(p->cur ? &p->cur->nums[p->cur->nnums - 1].mark
			    : &p->out->lead[p->out->nlead - 1].mark,
			    k->c, k->cn);
		else if (p->cur)
			add_mark(&p->cur->name_mark, k->c, k->cn);
		else
			return 0;
		end_span(p, k);
		return 1;
	case T_SEP:
		if (p->has_qual || (p->cur && p->cur->nnums == 0))
			return 0;
		p->last_kind = T_SEP;
		return 1;
	case T_QSYM:
		if (p->has_qual)
			return 0;
		p->has_qual = 1;
		p->qual = k->qual;
		p->refuse = k->refuse;
		return 1;
	case T_NUM:
	case T_PCT:
		if (p->cur && p->cur->nnums > 0 && *i + 1 < nt &&
		    nations_word(&t[*i + 1])) {
			/* "Total 4,273 (30 nations)": the stated count. */
			p->cur->nations = placemat_number(k->c, k->cn);
			(*i)++;
			end_span(p, &t[*i]);
			return 1;
		}
		if (p->cur == NULL && p->out->npairs == 0 && *i == 0 &&
		    rank_like(k)) {
			v = new_num(p);
			v->text = xstrndup(k->s, k->n);
			v->troops = placemat_number(k->s, k->n - 1);
			p->out->lead_rank = 1;
		} else {
			v = new_num(p);
			set_number(v, k);
		}
		p->last_kind = k->kind;
		end_span(p, k);
		return 1;
	default:
		break;
	}
	/* A word: a qualifier, a unit, a number in words, or a name. */
	if (!p->has_qual && (ql = qual_phrase(t, nt, *i, &p->qual,
	    &p->refuse)) > 0 && *i + ql < nt &&
	    (t[*i + ql].kind == T_NUM || t[*i + ql].kind == T_QSYM ||
	    word_number(&t[*i + ql]) > 0)) {
		p->has_qual = 1;
		*i += ql - 1;
		return 1;
	}
	if (p->last_kind == T_NUM && p->cur && *i + 2 < nt &&
	    k->cn == 4 && strncasecmp(k->c, "from", 4) == 0 &&
	    t[*i + 1].kind == T_NUM && nations_word(&t[*i + 2]))
		return 1;       /* "16,551 troops from 38 nations" */
	if (p->last_kind == T_NUM && p->cur && unit_word(k)) {
		end_span(p, k);
		return 1;
	}
	if ((w = word_number(k)) > 0 && (p->has_qual ||
	    (p->cur && p->cur->nnums == 0 && p->last_kind == T_WORD)) &&
	    word_number_ends(t, nt, *i)) {
		v = new_num(p);
		set_number_word(v, k, w);
		p->last_kind = T_NUM;
		end_span(p, k);
		return 1;
	}
	if (p->has_qual)
		return 0;
	add_word(p, k);
	p->last_kind = T_WORD;
	return 1;
}

static int
build_pairs(const struct tok *t, size_t nt, struct placemat_line *out)
{
	struct pairing p = {0};
	size_t i;
	int any_num = 0;

	p.out = out;
	p.last_kind = -1;
	for (i = 0; i < nt; i++) {
		if (!pair_token(&p, t, nt, &i))
			return PLACEMAT_PROSE;
		if (t[i].kind == T_NUM)
			any_num = 1;
	}
	if (p.has_qual || (p.cur && p.cur->nnums == 0))
		return PLACEMAT_PROSE;
	if (out->npairs > 0)
		return PLACEMAT_ROW;
	return out->nlead > 0 && any_num ? PLACEMAT_NUMBERS : PLACEMAT_PROSE;
}

/* placemat_split, with "1 300" joined into one number or not. */
int
placemat_split_line(const char *s, size_t n, int join, struct placemat_line *out)
{
	struct tok *raw = NULL, *t = NULL;
	size_t nraw = 0, nt = 0, i;
	int kind;

	memset(out, 0, sizeof(*out));
	placemat_tokenize(s, s + n, &raw, &nraw);
	if (join)
		join_groups(raw, &nraw);
	for (i = 0; i < nraw; i++)
		lex_token(&raw[i], i == 0, &t, &nt);
	kind = build_pairs(t, nt, out);
	free(raw);
	free(t);
	if (kind == PLACEMAT_PROSE)
		placemat_line_free(out);
	return kind;
}

int
placemat_split(const char *s, size_t n, struct placemat_line *out)
{
	return placemat_split_line(s, n, 1, out);
}

void
placemat_num_free(struct placemat_num *v)
{
	free(v->text);
	free(v->mark);
	memset(v, 0, sizeof(*v));
}

void
placemat_line_free(struct placemat_line *l)
{
	size_t i, j;

	if (l == NULL)
		return;
	for (i = 0; i < l->nlead; i++)
		placemat_num_free(&l->lead[i]);
	free(l->lead);
	for (i = 0; i < l->npairs; i++) {
		struct placemat_pair *pr = &l->pairs[i];

		for (j = 0; j < pr->nwords; j++)
			free(pr->words[j].text);
		free(pr->words);
		for (j = 0; j < pr->nnums; j++)
			placemat_num_free(&pr->nums[j]);
		free(pr->nums);
		free(pr->name_mark);
	}
	free(l->pairs);
	memset(l, 0, sizeof(*l));
}

int
placemat_value(const char *s, size_t n, struct placemat_num *v)
{
	struct placemat_line l;
	char *w = xasprintf("x %.*s", (int)n, s);
	int ok = 0;

	/* Read as the value of a pair named "x": the same rules as in a
	 * line, so that "five" and "about 1,300*" read as they would there. */
	memset(v, 0, sizeof(*v));
	if (placemat_split(w, strlen(w), &l) == PLACEMAT_ROW && l.nlead == 0 &&
	    l.npairs == 1 && l.pairs[0].nwords == 1 &&
	    l.pairs[0].nnums == 1 && l.pairs[0].name_mark == NULL) {
		*v = l.pairs[0].nums[0];
		memset(&l.pairs[0].nums[0], 0, sizeof(*v));
		ok = 1;
	}
	placemat_line_free(&l);
	free(w);
	if (!ok) {
		v->text = xstrndup(s, n);
		v->troops = PLACEMAT_NUM_BAD;
	}
	return ok;
}

/* ---- prose ---- */

/* Is the token (punctuation around it removed) a year, 1900-2099? */
static int
year_token(const char *s, size_t n)
{
	while (n > 0 && !isdigit((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && !isdigit((unsigned char)s[n - 1]))
		n--;
	return n == 4 && placemat_all_digits(s, 4) && (s[0] == '1' ? s[1] == '9' :
	    s[0] == '2' && s[1] == '0');
}

/* Does s[0..n) hold a number outside web addresses?  2 when one of them
 * is not a year. */
int
placemat_holds_number(const char *s, size_t n)
{
	struct tok *t = NULL;
	size_t nt = 0, i;
	int found = 0;

	placemat_tokenize(s, s + n, &t, &nt);
	for (i = 0; i < nt && found < 2; i++) {
		if (memmem(t[i].s, t[i].n, "://", 3) ||
		    (t[i].n > 4 && strncasecmp(t[i].s, "www.", 4) == 0) ||
		    !has_digit(t[i].s, t[i].n))
			continue;
		found = year_token(t[i].s, t[i].n) ? 1 : 2;
	}
	free(t);
	return found;
}

/* A stated total in prose next to the table: "[about] 3.735 soldiers
 * [from 27 countries]" - a number of troops, said so by the word after
 * it.  Returns 1 and fills *v (and *nations, or 0) when found. */
int
placemat_prose_total(const char *s, size_t n, struct placemat_num *v,
    long *nations)
{
	struct tok *raw = NULL, *t = NULL;
	size_t nraw = 0, nt = 0, i, ql;
	enum qual q = QUAL_EXACT;
	const char *refuse = NULL;
	int found = 0;

	placemat_tokenize(s, s + n, &raw, &nraw);
	join_groups(raw, &nraw);
	for (i = 0; i < nraw; i++)
		lex_token(&raw[i], 0, &t, &nt);
	for (i = 0; i + 1 < nt && !found; i++) {
		if (t[i].kind == T_WORD && (ql = qual_phrase(t, nt, i, &q,
		    &refuse)) > 0 && i + ql < nt && t[i + ql].kind == T_NUM)
			i += ql;
		else
			q = QUAL_EXACT;
		/* A qualifier may have moved i to the last token. */
		if (i + 1 >= nt || t[i].kind != T_NUM || !unit_word(&t[i + 1]) ||
		    placemat_number(t[i].c, t[i].cn) < 0 || refuse)
			continue;
		memset(v, 0, sizeof(*v));
		set_number(v, &t[i]);
		v->qual = q;
		*nations = 0;
		if (i + 4 < nt + 0 && t[i + 2].kind == T_WORD &&
		    t[i + 2].cn == 4 && strncasecmp(t[i + 2].c, "from", 4) == 0 &&
		    t[i + 3].kind == T_NUM && nations_word(&t[i + 4]))
			*nations = placemat_number(t[i + 3].c, t[i + 3].cn);
		found = 1;
	}
	free(raw);
	free(t);
	return found;
}

