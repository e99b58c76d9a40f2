/* load_layout.c - loads a layout (layouts/NAME.ini) through schema.h and
 * compiles it into struct layout (layout.h): lengths into points, colour
 * and style names into values, templates into parts, list and column
 * names into query handles.  Every problem is reported at its file:line,
 * and all of them are reported in one run. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "geo.h"
#include "layout.h"
#include "project.h"
#include "schema.h"

#define DEJAVU "/usr/share/fonts/truetype/dejavu/"

/* ---- the file as written ---- */

struct lv {                     /* a value and where it was written */
	char *s;
	struct loc loc;
};

struct rep {                    /* one use of a repeatable or free key */
	char *key, *s;
	struct loc loc;
};

struct src_block {
	char *id;
	struct loc loc;
	struct lv title, title_style, style, keep, space_before, space_after;
	struct lv bookmark, background, padding, alt, lang;
	struct lv list, where, sort, top, flow, gap, rule;
	struct lv subtitle, kicker, note, subtitle_style, kicker_style;
	struct lv note_style, bleed, height, accent;
	struct lv lead, lead_style;
	struct lv label_style, value_style, arrange, label_width;
	struct lv item, detail, detail_style, bullet;
	struct lv total, total_style, header_style, yes, no, stripe;
	struct lv repeat_header, cell_padding;
	struct lv kind, label, value, format, others, bar, color;
	struct lv others_color, grid, axis, axis_style, plan_legend;
	struct lv lat, lon, links, land, border, link_color, symbol, legend;
	struct lv neighbour, neighbour_border, water, neighbour_style;
	struct lv legend_style, frame;
	struct lv number, url, link_style, widths;
	struct lv sub_style, number_style, leader, leader_style, depth, indent;
	struct lv when, unless, join;
	struct rep *reps;       /* body, fact, column lines; a map's
				   symbol., color. and legend.ROLE keys */
	size_t nreps;
};

struct src_style {
	char *id;
	struct loc loc;
	struct lv font, size, leading, color, align, space_before;
	struct lv space_after, upper, rule;
};

struct src_running {
	struct loc loc;
	struct lv left, center, right, style, rule, first;
};

struct src_map {                /* [fonts], [colors]: NAME = value */
	struct loc loc;
	struct rep *v;
	size_t n;
};

struct src_unknown {
	char *id;
	struct loc loc;
};

struct src {
	struct {
		struct loc loc;
		struct lv title, subject, keywords, author, locale, months;
		struct lv outline, section, when, unless;
	} doc;
	struct {
		struct loc loc;
		struct lv size, orientation, margin, numbers, pages;
	} page;
	struct src_map fonts, colors;
	struct src_running header, footer;
	struct src_style *styles;
	size_t nstyles;
	struct src_block *blocks[LB__MAX];
	size_t nblocks[LB__MAX];
	struct src_unknown *unknown;
	size_t nunknown;
};

#define LVF(k, t, m) {k, ST_STR, offsetof(struct t, m.s), SF_LOC, 0, \
	offsetof(struct t, m.loc), 0, 0, NULL}
#define B(k) LVF(#k, src_block, k)
#define END {NULL, 0, 0, 0, 0, 0, 0, 0, NULL}
#define COND B(when), B(unless)
#define COMMON B(title), B(title_style), B(keep), B(space_before), \
	B(space_after), B(bookmark), B(background), B(padding), B(lang), COND
#define ROWS B(list), B(where), B(sort), B(top)

static const struct schema_field title_fields[] = {
	COMMON, B(style), B(subtitle), B(kicker), B(note), B(subtitle_style),
	B(kicker_style), B(note_style), B(bleed), B(height), B(accent), END
};
static const struct schema_field text_fields[] = {
	COMMON, B(style), B(lead), B(lead_style), END
};
static const struct schema_field facts_fields[] = {
	COMMON, ROWS, B(join), B(label_style), B(value_style), B(arrange),
	B(label_width), B(flow), B(gap), B(rule), END
};
static const struct schema_field list_fields[] = {
	COMMON, B(style), ROWS, B(item), B(detail), B(detail_style), B(bullet), B(flow),
	B(gap), B(rule), END
};
static const struct schema_field table_fields[] = {
	COMMON, B(style), ROWS, B(flow), B(gap), B(total), B(total_style),
	B(header_style), B(yes), B(no), B(stripe), B(rule), B(repeat_header),
	B(cell_padding), END
};
static const struct schema_field chart_fields[] = {
	COMMON, ROWS, B(kind), B(label), B(value), B(format), B(others),
	B(height), B(bar), B(color), B(others_color), B(grid), B(axis),
	B(axis_style), B(label_style), B(value_style), B(yes), B(no), B(alt),
	B(plan_legend), END
};
static const struct schema_field map_fields[] = {
	COMMON, B(list), B(where), B(label), B(lat), B(lon), B(kind),
	B(links), B(height), B(land), B(border), B(color), B(link_color),
	B(label_style), B(symbol), B(legend), B(legend_style), B(neighbour),
	B(neighbour_border), B(neighbour_style), B(water), B(frame), B(alt), END
};
static const struct schema_field sources_fields[] = {
	COMMON, B(style), ROWS, B(item), B(number), B(url), B(link_style), END
};
static const struct schema_field spacer_fields[] = {B(height), COND, END};
static const struct schema_field pagebreak_fields[] = {COND, END};
static const struct schema_field columns_fields[] = {
	B(space_before), B(space_after), B(widths), B(gap), B(rule),
	B(background), B(padding), COND, END
};
static const struct schema_field contents_fields[] = {
	COMMON, B(style), B(sub_style), B(number_style), B(leader),
	B(leader_style), B(depth), B(indent), B(rule), END
};

#define S(k) LVF(#k, src_style, k)
static const struct schema_field style_fields[] = {
	S(font), S(size), S(leading), S(color), S(align), S(space_before),
	S(space_after), S(upper), S(rule), END
};

#define R(k) LVF(#k, src_running, k)
static const struct schema_field running_fields[] = {
	R(left), R(center), R(right), R(style), R(rule), R(first), END
};

#define DOC(k) {#k, ST_STR, offsetof(struct src, doc.k.s) - \
	offsetof(struct src, doc), SF_LOC, 0, offsetof(struct src, doc.k.loc) \
	- offsetof(struct src, doc), 0, 0, NULL}
static const struct schema_field doc_fields[] = {
	DOC(title), DOC(subject), DOC(keywords), DOC(author), DOC(locale),
	DOC(months), DOC(outline), DOC(section), DOC(when), DOC(unless), END
};

#define PAGE(k) {#k, ST_STR, offsetof(struct src, page.k.s) - \
	offsetof(struct src, page), SF_LOC, 0, \
	offsetof(struct src, page.k.loc) - offsetof(struct src, page), 0, 0, \
	NULL}
static const struct schema_field page_fields[] = {
	PAGE(size), PAGE(orientation), PAGE(margin), PAGE(numbers),
	PAGE(pages), END
};

/* The repeatable key of each block type (NULL: none). */
static const char *const rep_key[LB__MAX] = {
	[LB_TEXT] = "body", [LB_FACTS] = "fact", [LB_TABLE] = "column",
	[LB_COLUMNS] = "column",
};

static const char *const btype_names[LB__MAX] = {
	"title", "text", "facts", "list", "table", "chart", "map", "sources",
	"spacer", "pagebreak", "columns", "contents"
};

const char *
layout_btype_name(enum lay_btype t)
{
	return t < LB__MAX ? btype_names[t] : "?";
}

static void
add_rep(struct schema_state *st, struct rep **v, size_t *n,
    const struct ini_item *it)
{
	struct rep *r;

	/* An indented line continues the last value (inih repeats the key);
	 * schema_join keeps a long paragraph linear and within 1 MiB. */
	if (it->continued && *n > 0 && strcmp((*v)[*n - 1].key, it->key) == 0) {
		schema_join(st, &(*v)[*n - 1].s, it);
		return;
	}
	r = array_push(v, n, sizeof(*r));
	r->key = xstrdup(it->key);
	r->s = xstrdup(it->value);
	r->loc = it->loc;
}

/* symbol.ROLE, color.ROLE, legend.ROLE: a map's keys for a role. */
static int
map_role_key(const char *key)
{
	static const char *const prefix[] = {"symbol.", "color.", "legend."};
	size_t i, n;

	for (i = 0; i < sizeof(prefix) / sizeof(prefix[0]); i++) {
		n = strlen(prefix[i]);
		if (strncmp(key, prefix[i], n) == 0 && key[n] != '\0')
			return 1;
	}
	return 0;
}

/* Keys of blocks that schema does not know: the repeatable one, else an
 * error worded as schema words it. */
static int
block_key(struct schema_state *st, void *item, const struct ini_item *it)
{
	struct src_block *b = item;
	enum lay_btype t = (enum lay_btype)(st->cur - st->kinds);
	const char *rk = rep_key[t];

	if (t == LB_MAP && map_role_key(it->key))
		rk = it->key;
	if (rk == NULL || strcmp(it->key, rk) != 0) {
		diag_error(&it->loc, "unknown key '%s' in '[%s]'", it->key,
		    it->section);
		return 0;
	}
	if (*it->value == '\0') {
		diag_error(&it->loc, "empty value for '%s'", it->key);
		return 0;
	}
	free(st->last_other);
	st->last_other = xstrdup(it->key);
	add_rep(st, &b->reps, &b->nreps, it);
	return 0;
}

static int
map_key(struct schema_state *st, void *item, const struct ini_item *it)
{
	struct src_map *mp = item;

	if (*it->value == '\0') {
		diag_error(&it->loc, "empty value for '%s'", it->key);
		return 0;
	}
	free(st->last_other);
	st->last_other = xstrdup(it->key);
	add_rep(st, &mp->v, &mp->n, it);
	return 0;
}

/* Keys of a section already reported as unknown. */
static int
ignore_key(struct schema_state *st, void *item, const struct ini_item *it)
{
	(void)item;
	free(st->last_other);
	st->last_other = xstrdup(it->key);
	return 0;
}

#define SRC(f) offsetof(struct src, f)
#define BLOCK_KIND(t, name, f) {name, 0, sizeof(struct src_block), \
	SRC(blocks[t]), SRC(nblocks[t]), offsetof(struct src_block, id), \
	offsetof(struct src_block, loc), f, block_key, 1000}

/* The block kinds come first, in enum order: block_key finds a block's
 * type from the position of its kind. */
static const struct schema_kind kinds[] = {
	BLOCK_KIND(LB_TITLE, "title", title_fields),
	BLOCK_KIND(LB_TEXT, "text", text_fields),
	BLOCK_KIND(LB_FACTS, "facts", facts_fields),
	BLOCK_KIND(LB_LIST, "list", list_fields),
	BLOCK_KIND(LB_TABLE, "table", table_fields),
	BLOCK_KIND(LB_CHART, "chart", chart_fields),
	BLOCK_KIND(LB_MAP, "map", map_fields),
	BLOCK_KIND(LB_SOURCES, "sources", sources_fields),
	BLOCK_KIND(LB_SPACER, "spacer", spacer_fields),
	BLOCK_KIND(LB_PAGEBREAK, "pagebreak", pagebreak_fields),
	BLOCK_KIND(LB_COLUMNS, "columns", columns_fields),
	BLOCK_KIND(LB_CONTENTS, "contents", contents_fields),
	{"document", 1, 1, SRC(doc), 0, 0, 0, doc_fields, NULL, 0},
	{"page", 1, 1, SRC(page), 0, 0, 0, page_fields, NULL, 0},
	{"fonts", 1, 1, SRC(fonts), 0, 0, 0, NULL, map_key, 0},
	{"colors", 1, 1, SRC(colors), 0, 0, 0, NULL, map_key, 0},
	{"header", 1, 1, SRC(header), 0, 0, 0, running_fields, NULL, 0},
	{"footer", 1, 1, SRC(footer), 0, 0, 0, running_fields, NULL, 0},
	{"style", 0, sizeof(struct src_style), SRC(styles), SRC(nstyles),
	    offsetof(struct src_style, id), offsetof(struct src_style, loc),
	    style_fields, NULL, 1000},
	{NULL, 0, sizeof(struct src_unknown), SRC(unknown), SRC(nunknown),
	    offsetof(struct src_unknown, id), offsetof(struct src_unknown, loc),
	    NULL, ignore_key, 1000},
	{0}
};

static void
free_reps(struct rep *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].s);
	}
	free(v);
}

static void
src_free(struct src *s)
{
	size_t t, i;

	for (t = 0; t < LB__MAX; t++)
		for (i = 0; i < s->nblocks[t]; i++)
			free_reps(s->blocks[t][i].reps, s->blocks[t][i].nreps);
	free_reps(s->fonts.v, s->fonts.n);
	free_reps(s->colors.v, s->colors.n);
	schema_free(kinds, s);
}

/* ---- values ---- */

struct named_color {
	const char *name;
	struct lay_rgb c;
};

struct cc {                     /* compiling one layout */
	struct src *src;
	struct layout *L;
	const struct model *m;
	struct named_color *colors;
	size_t ncolors;
	const struct tmpl_var *vars;    /* besides the model's fields */
	int in_doc;             /* compiling [document]: no {section} */
	struct strindex left_out;       /* blocks left out for want of data */
};

static const struct {
	const char *unit;
	double pt;
} units[] = {
	{"pt", 1}, {"mm", 72 / 25.4}, {"cm", 72 / 2.54}, {"in", 72}, {"", 1}
};

/* "12", "12pt", "4.5mm", "1cm", "0.5in" into points; -1 if malformed. */
static int
len_parse(const char *s, double *out)
{
	char num[64];
	size_t i, n = strspn(s, "+-0123456789.");

	if (n == 0 || n >= sizeof(num))
		return -1;
	memcpy(num, s, n);
	num[n] = '\0';
	if (num_parse_double(num, out) < 0)
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(s + n, units[i].unit) == 0) {
			*out *= units[i].pt;
			return fabs(*out) < 1e5 ? 0 : -1;
		}
	return -1;
}

/* A length in points, not negative; def when not given. */
static double
get_len(const struct lv *v, const char *key, double def)
{
	double x;

	if (v->s == NULL)
		return def;
	if (len_parse(v->s, &x) < 0) {
		diag_error(&v->loc, "'%s' for '%s' is not a length (12, 12pt, "
		    "4mm, 1.5cm or 0.5in)", v->s, key);
		return def;
	}
	if (x < 0) {
		diag_error(&v->loc, "'%s' for '%s' must not be negative", v->s,
		    key);
		return def;
	}
	return x;
}

static double
get_num(const struct lv *v, const char *key, double min, double max,
    double def)
{
	double x;

	if (v->s == NULL)
		return def;
	if (num_parse_double(v->s, &x) < 0 || x < min || x > max) {
		diag_error(&v->loc, "'%s' for '%s' is not a number from %g to "
		    "%g", v->s, key, min, max);
		return def;
	}
	return x;
}

static long
get_int(const struct lv *v, const char *key, long min, long max, long def)
{
	long x;

	if (v->s == NULL)
		return def;
	if (num_parse_long(v->s, min, max, &x) < 0) {
		diag_error(&v->loc, "'%s' for '%s' is not a whole number from "
		    "%ld to %ld", v->s, key, min, max);
		return def;
	}
	return x;
}

static int
get_bool(const struct lv *v, const char *key, int def)
{
	if (v->s == NULL)
		return def;
	if (str_ieq(v->s, "yes") || str_ieq(v->s, "true"))
		return 1;
	if (str_ieq(v->s, "no") || str_ieq(v->s, "false"))
		return 0;
	diag_error(&v->loc, "'%s' for '%s' is not yes or no", v->s, key);
	return def;
}

/* One of names[] (NULL-terminated); def when not given or bad. */
static int
get_enum(const struct lv *v, const char *key, const char *const *names,
    int def)
{
	struct buf b = {0};
	int i;

	if (v->s == NULL)
		return def;
	for (i = 0; names[i]; i++)
		if (strcmp(v->s, names[i]) == 0)
			return i;
	for (i = 0; names[i]; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
	diag_error(&v->loc, "'%s' for '%s' is not one of %s", v->s, key,
	    b.data);
	buf_free(&b);
	return def;
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "#RRGGBB" or "#RGB"; -1 if malformed. */
static int
hex_color(const char *s, struct lay_rgb *c)
{
	size_t n = strlen(s), i;
	int d[6];

	if (s[0] != '#' || (n != 7 && n != 4))
		return -1;
	for (i = 1; i < n; i++)
		if ((d[i - 1] = hex_digit(s[i])) < 0)
			return -1;
	if (n == 4) {
		c->r = d[0] * 17 / 255.0;
		c->g = d[1] * 17 / 255.0;
		c->b = d[2] * 17 / 255.0;
	} else {
		c->r = (d[0] * 16 + d[1]) / 255.0;
		c->g = (d[2] * 16 + d[3]) / 255.0;
		c->b = (d[4] * 16 + d[5]) / 255.0;
	}
	return 0;
}

static void
color_names(const struct cc *cc, struct buf *b)
{
	size_t i;

	for (i = 0; i < cc->ncolors; i++)
		buf_printf(b, "%s%s", i ? ", " : "", cc->colors[i].name);
	if (cc->ncolors == 0)
		buf_puts(b, "none defined");
}

/* A colour: #RRGGBB, a name from [colors], or "none". */
static struct lay_paint
get_paint(const struct cc *cc, const struct lv *v, const char *key,
    struct lay_paint def)
{
	struct lay_paint p = {1, {0, 0, 0}};
	struct buf b = {0};
	size_t i;

	if (v->s == NULL)
		return def;
	if (strcmp(v->s, "none") == 0) {
		p.set = 0;
		return p;
	}
	if (hex_color(v->s, &p.c) == 0)
		return p;
	for (i = 0; i < cc->ncolors; i++)
		if (strcmp(cc->colors[i].name, v->s) == 0) {
			p.c = cc->colors[i].c;
			return p;
		}
	color_names(cc, &b);
	diag_error(&v->loc, "unknown colour '%s' for '%s' (write #RRGGBB, "
	    "none, or a name from [colors]: %s)", v->s, key, b.data);
	buf_free(&b);
	return def;
}

static const struct lay_paint no_paint = {0, {0, 0, 0}};

static int
find_style(const struct layout *L, const char *name)
{
	size_t i;

	for (i = 0; i < L->nstyles; i++)
		if (strcmp(L->styles[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The style named by v, or the default style `def` when v is not given;
 * -1 after reporting. */
static int
get_style(const struct cc *cc, const struct lv *v, const char *key,
    const char *def, const struct loc *where)
{
	struct buf b = {0};
	size_t i;
	int k;

	k = find_style(cc->L, v->s ? v->s : def);
	if (k >= 0)
		return k;
	for (i = 0; i < cc->L->nstyles; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", cc->L->styles[i].name);
	if (v->s)
		diag_error(&v->loc, "unknown style '%s' for '%s' (styles: %s)",
		    v->s, key, b.len ? b.data : "none defined");
	else
		diag_error(where, "no style for '%s': add [style %s] or write "
		    "'%s = STYLE'", key, def, key);
	buf_free(&b);
	return -1;
}

static void
get_tmpl(const struct cc *cc, const struct lv *v, struct tmpl *t,
    const struct qlist *list, const char *list_name, unsigned specials)
{
	struct tmpl_scope sc = {cc->m, list, list_name, specials |
	    (cc->in_doc ? 0 : TS_SECTION), cc->vars};

	if (v->s)
		tmpl_compile(t, v->s, &v->loc, &sc);
}

/* ---- document, page, colours, fonts, styles, header and footer ---- */

static void
compile_doc(struct cc *cc)
{
	struct layout *L = cc->L;
	const char *loc = cc->src->doc.locale.s ? cc->src->doc.locale.s : "en";
	char *copy, *save = NULL, *w;
	int n = 0, k, empty = 0;

	/* [document] makes the section's title and the PDF's information,
	 * which {section} cannot be part of. */
	cc->in_doc = 1;
	get_tmpl(cc, &cc->src->doc.title, &L->doc.title, NULL, NULL, 0);
	get_tmpl(cc, &cc->src->doc.subject, &L->doc.subject, NULL, NULL, 0);
	get_tmpl(cc, &cc->src->doc.keywords, &L->doc.keywords, NULL, NULL, 0);
	get_tmpl(cc, &cc->src->doc.author, &L->doc.author, NULL, NULL, 0);
	get_tmpl(cc, &cc->src->doc.section, &L->doc.section, NULL, NULL, 0);
	L->doc.has_section = cc->src->doc.section.s != NULL;
	cc->in_doc = 0;
	L->doc.open_outline = get_bool(&cc->src->doc.outline, "outline", 1);
	/* "plain" names a number style, not a language: English text. */
	snprintf(L->lang, sizeof(L->lang), "%s", strcmp(loc, "plain") == 0 ||
	    strlen(loc) >= sizeof(L->lang) ? "en" : loc);
	if (fmt_locale_init(&L->locale, loc) < 0) {
		diag_error(&cc->src->doc.locale.loc, "'%s' for 'locale' is not "
		    "one of %s", loc, fmt_locale_names);
		fmt_locale_init(&L->locale, "en");
	}
	if (cc->src->doc.months.s == NULL)
		return;
	copy = xstrdup(cc->src->doc.months.s);
	for (w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		size_t len;

		w += strspn(w, " ");
		len = strlen(w);
		while (len > 0 && w[len - 1] == ' ')
			len--;
		if (n < 12 && len > 0)
			L->months[n] = xstrndup(w, len);
		n++;
	}
	free(copy);
	for (k = 0; k < 12; k++)
		empty |= L->months[k] == NULL;
	if (n != 12 || empty) {
		diag_error(&cc->src->doc.months.loc, "'months' needs 12 names "
		    "separated by commas (%d given)", n);
		return;
	}
	for (n = 0; n < 12; n++)
		L->locale.months[n] = L->months[n];
}

static const struct {
	const char *name;
	double w, h;
} paper[] = {
	{"A3", 841.89, 1190.55}, {"A4", 595.28, 841.89},
	{"A5", 419.53, 595.28}, {"Letter", 612, 792}, {"Legal", 612, 1008},
};

/* "A4", "Letter" or "210mm x 297mm". */
static int
page_size(const char *s, double *w, double *h)
{
	const char *x = strchr(s, 'x');
	char a[64];
	size_t i;

	for (i = 0; i < sizeof(paper) / sizeof(paper[0]); i++)
		if (str_ieq(s, paper[i].name)) {
			*w = paper[i].w;
			*h = paper[i].h;
			return 0;
		}
	if (x == NULL || (size_t)(x - s) >= sizeof(a))
		return -1;
	memcpy(a, s, (size_t)(x - s));
	a[x - s] = '\0';
	while (x - s > 0 && a[strlen(a) - 1] == ' ')
		a[strlen(a) - 1] = '\0';
	x++;
	x += strspn(x, " ");
	return len_parse(a, w) < 0 || len_parse(x, h) < 0 || *w < 72 ||
	    *h < 72 ? -1 : 0;
}

/* margin = ALL | VERTICAL HORIZONTAL | TOP RIGHT BOTTOM LEFT */
static void
margins(struct cc *cc, const struct lv *v)
{
	struct layout *L = cc->L;
	double m[4];
	char *copy, *save = NULL, *w;
	int n = 0, bad = 0;
	struct lv one;

	L->mt = L->mb = L->ml = L->mr = 56.69;  /* 20 mm */
	if (v->s == NULL)
		return;
	copy = xstrdup(v->s);
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		one.s = w;
		one.loc = v->loc;
		if (n < 4) {
			int before = diag_errors();

			m[n] = get_len(&one, "margin", 0);
			bad |= diag_errors() > before;
		}
		n++;
	}
	free(copy);
	if (bad)
		return;
	if (n != 1 && n != 2 && n != 4) {
		diag_error(&v->loc, "'margin' takes 1, 2 or 4 lengths (top "
		    "right bottom left), not %d", n);
		return;
	}
	L->mt = m[0];
	L->mr = n > 1 ? m[1] : m[0];
	L->mb = n > 2 ? m[2] : m[0];
	L->ml = n > 2 ? m[3] : L->mr;
}

static void
compile_page(struct cc *cc)
{
	static const char *const orient[] = {"portrait", "landscape", NULL};
	struct layout *L = cc->L;
	const struct lv *size = &cc->src->page.size;
	double t;

	L->pw = paper[1].w;
	L->ph = paper[1].h;
	if (size->s && page_size(size->s, &L->pw, &L->ph) < 0)
		diag_error(&size->loc, "'%s' for 'size' is not a page size "
		    "(A3, A4, A5, Letter, Legal or WIDTH x HEIGHT)", size->s);
	if (get_enum(&cc->src->page.orientation, "orientation", orient, 0) ==
	    1 && L->ph > L->pw) {
		t = L->pw;
		L->pw = L->ph;
		L->ph = t;
	}
	margins(cc, &cc->src->page.margin);
	L->numbers = (enum fmt_pagestyle)get_enum(&cc->src->page.numbers,
	    "numbers", fmt_pagestyle_names, PN_ARABIC);
	L->max_pages = get_int(&cc->src->page.pages, "pages", 1, 20000, 0);
	L->pages_loc = cc->src->page.pages.loc;
	if (L->ml + L->mr >= L->pw || L->mt + L->mb >= L->ph)
		diag_error(cc->src->page.margin.s ? &cc->src->page.margin.loc :
		    &cc->src->page.loc, "the margins leave no room on the page "
		    "(%.0f x %.0f pt, margins %.0f + %.0f across, %.0f + %.0f "
		    "down)", L->pw, L->ph, L->ml, L->mr, L->mt, L->mb);
}

static void
compile_colors(struct cc *cc)
{
	const struct src_map *mp = &cc->src->colors;
	struct named_color *c;
	size_t i;

	for (i = 0; i < mp->n; i++) {
		c = array_push(&cc->colors, &cc->ncolors, sizeof(*c));
		c->name = mp->v[i].key;
		if (hex_color(mp->v[i].s, &c->c) < 0) {
			diag_error(&mp->v[i].loc, "'%s' for colour '%s' is not "
			    "#RRGGBB", mp->v[i].s, mp->v[i].key);
			cc->ncolors--;
		}
	}
}

static const struct {
	const char *name, *file;
} default_fonts[] = {
	{"sans", "DejaVuSans.ttf"}, {"sans-bold", "DejaVuSans-Bold.ttf"},
	{"sans-italic", "DejaVuSans-Oblique.ttf"},
	{"sans-bold-italic", "DejaVuSans-BoldOblique.ttf"},
	{"serif", "DejaVuSerif.ttf"}, {"serif-bold", "DejaVuSerif-Bold.ttf"},
	{"serif-italic", "DejaVuSerif-Italic.ttf"},
	{"condensed", "DejaVuSansCondensed.ttf"},
	{"condensed-bold", "DejaVuSansCondensed-Bold.ttf"},
	{"condensed-italic", "DejaVuSansCondensed-Oblique.ttf"},
	{"mono", "DejaVuSansMono.ttf"}, {"mono-bold", "DejaVuSansMono-Bold.ttf"},
};

static struct lay_font *
find_font(struct layout *L, const char *name)
{
	size_t i;

	for (i = 0; i < L->nfonts; i++)
		if (strcmp(L->fonts[i].name, name) == 0)
			return &L->fonts[i];
	return NULL;
}

/* Is path a TrueType font libharu can embed?  Reports at loc if not.
 * Opened without blocking and checked to be a regular file: a FIFO or a
 * device named as a font must not hang or feed the library. */
static int
font_check(const char *path, const struct loc *loc)
{
	unsigned char h[4];
	struct stat st;
	ssize_t n = -1;
	int fd = open(path, O_RDONLY | O_NONBLOCK);

	if (fd < 0) {
		diag_error(loc, "cannot read font file '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		n = read(fd, h, 4);
	close(fd);
	if (n == 4 && (memcmp(h, "\0\1\0\0", 4) == 0 ||
	    memcmp(h, "true", 4) == 0))
		return 0;
	diag_error(loc, "'%s' is not a TrueType font file (.ttf)", path);
	return -1;
}

static void
compile_fonts(struct cc *cc)
{
	struct layout *L = cc->L;
	const struct src_map *mp = &cc->src->fonts;
	struct lay_font *f;
	size_t i;

	for (i = 0; i < sizeof(default_fonts) / sizeof(default_fonts[0]); i++) {
		f = array_push(&L->fonts, &L->nfonts, sizeof(*f));
		f->name = xstrdup(default_fonts[i].name);
		f->path = xasprintf(DEJAVU "%s", default_fonts[i].file);
	}
	for (i = 0; i < mp->n; i++) {
		if ((f = find_font(L, mp->v[i].key)) == NULL) {
			f = array_push(&L->fonts, &L->nfonts, sizeof(*f));
			f->name = xstrdup(mp->v[i].key);
		}
		free(f->path);
		f->path = project_find(mp->v[i].s);     /* project.h */
		f->loc = mp->v[i].loc;
		font_check(f->path, &f->loc);
	}
}

static void
font_names(const struct layout *L, struct buf *b)
{
	size_t i;

	for (i = 0; i < L->nfonts; i++)
		buf_printf(b, "%s%s", i ? ", " : "", L->fonts[i].name);
}

/* The font of a style; a default font file is checked when first used. */
static size_t
style_font(struct cc *cc, const struct src_style *s)
{
	const char *name = s->font.s ? s->font.s : "sans";
	const struct loc *loc = s->font.s ? &s->font.loc : &s->loc;
	struct lay_font *f = find_font(cc->L, name);
	struct buf b = {0};

	if (f == NULL) {
		font_names(cc->L, &b);
		diag_error(loc, "unknown font '%s' (fonts: %s; add others in "
		    "[fonts])", name, b.data);
		buf_free(&b);
		return 0;
	}
	if (!f->used && f->loc.line == 0)
		font_check(f->path, loc);
	f->used = 1;
	return (size_t)(f - cc->L->fonts);
}

static void
compile_style(struct cc *cc, const struct src_style *s, struct lay_style *y)
{
	static const char *const aligns[] = {"left", "right", "center",
	    "justify", NULL};
	struct lay_paint black = {1, {0, 0, 0}};

	y->name = xstrdup(s->id);
	y->loc = s->loc;
	y->font = style_font(cc, s);
	y->size = get_num(&s->size, "size", 1, 500, 10);
	y->leading = get_len(&s->leading, "leading", y->size * 1.25);
	if (y->leading < y->size * 0.5)
		diag_error(&s->leading.loc, "'leading' %.1f pt is less than "
		    "half the size %.1f pt", y->leading, y->size);
	y->color = get_paint(cc, &s->color, "color", black).c;
	y->align = (enum lay_align)get_enum(&s->align, "align", aligns, 0);
	y->space_before = get_len(&s->space_before, "space_before", 0);
	y->space_after = get_len(&s->space_after, "space_after", 0);
	y->upper = get_bool(&s->upper, "upper", 0);
	y->rule = get_paint(cc, &s->rule, "rule", no_paint);
}

static void
compile_styles(struct cc *cc)
{
	size_t i;

	cc->L->styles = xcalloc(cc->src->nstyles, sizeof(struct lay_style));
	cc->L->nstyles = cc->src->nstyles;
	for (i = 0; i < cc->src->nstyles; i++)
		compile_style(cc, &cc->src->styles[i], &cc->L->styles[i]);
}

static void
compile_running(struct cc *cc, const struct src_running *s,
    struct lay_running *r)
{
	if (s->loc.line == 0)
		return;
	r->present = 1;
	r->loc = s->loc;
	get_tmpl(cc, &s->left, &r->left, NULL, NULL, TS_PAGE);
	get_tmpl(cc, &s->center, &r->center, NULL, NULL, TS_PAGE);
	get_tmpl(cc, &s->right, &r->right, NULL, NULL, TS_PAGE);
	r->style = get_style(cc, &s->style, "style", "small", &s->loc);
	r->rule = get_paint(cc, &s->rule, "rule", no_paint);
	r->first = get_bool(&s->first, "first", 1);
}

/* ---- blocks ---- */

static void
list_names(struct buf *b)
{
	const char *const *n;

	for (n = query_list_names(); *n; n++)
		buf_printf(b, "%s%s", n == query_list_names() ? "" : ", ", *n);
}

/* Column `name` of the block's list; -1 after reporting at loc. */
static int
col_of(const struct lay_block *b, const char *name, const char *key,
    const struct loc *loc)
{
	int c;

	if (b->rows.list == NULL)
		return -1;
	if ((c = query_col(b->rows.list, name)) < 0)
		diag_error(loc, "unknown column '%s' for '%s' in list '%s' "
		    "(columns: %s)", name, key, b->rows.name,
		    query_col_names(b->rows.list));
	return c;
}

/* A column named by v, or `def` (NULL: none, -1). */
static int
get_col(const struct lay_block *b, const struct lv *v, const char *key,
    const char *def, const struct loc *where)
{
	if (v->s)
		return col_of(b, v->s, key, &v->loc);
	return def ? col_of(b, def, key, where) : -1;
}

/* `where = COL`, `not COL`, `COL is VALUE`, `COL is not VALUE`. */
static void
where_sort(struct lay_block *b, const struct src_block *s)
{
	char name[64];
	const char *w = s->where.s, *dir, *is;
	size_t n;

	b->rows.where_col = b->rows.sort_col = -1;
	if (w) {
		if (str_starts(w, "not ")) {
			b->rows.where_not = 1;
			w += 4 + strspn(w + 4, " ");
		}
		if ((is = strstr(w, " is ")) != NULL && !b->rows.where_not) {
			n = (size_t)(is - w);
			is += 4 + strspn(is + 4, " ");
			if (str_starts(is, "not ")) {
				b->rows.where_not = 1;
				is += 4 + strspn(is + 4, " ");
			}
			b->rows.where_is = xstrdup(is);
			snprintf(name, sizeof(name), "%.*s", (int)n, w);
			w = name;
		}
		b->rows.where_col = col_of(b, w, "where", &s->where.loc);
	}
	if (s->sort.s == NULL)
		return;
	n = strcspn(s->sort.s, " ");
	dir = s->sort.s + n + strspn(s->sort.s + n, " ");
	snprintf(name, sizeof(name), "%.*s", (int)n, s->sort.s);
	b->rows.sort_col = col_of(b, name, "sort", &s->sort.loc);
	if (strcmp(dir, "desc") == 0)
		b->rows.sort_desc = 1;
	else if (*dir && strcmp(dir, "asc") != 0)
		diag_error(&s->sort.loc, "'sort' is 'COLUMN', 'COLUMN asc' or "
		    "'COLUMN desc', not '%s'", s->sort.s);
}

/* list, where, sort, top.  def: the list when none is named; a block
 * that needs a list and has none is an error. */
static void
compile_rows(struct cc *cc, const struct src_block *s, struct lay_block *b,
    const char *def)
{
	const char *name = s->list.s ? s->list.s : def;
	struct buf names = {0};

	if (name == NULL) {
		diag_error(&s->loc, "a %s block needs 'list = NAME'",
		    btype_names[b->type]);
		return;
	}
	b->rows.name = xstrdup(name);
	b->rows.list = query_list(cc->m, name);
	if (b->rows.list == NULL) {
		list_names(&names);
		diag_error(s->list.s ? &s->list.loc : &s->loc, "unknown list "
		    "'%s' (lists: %s)", name, names.data);
		buf_free(&names);
		return;
	}
	where_sort(b, s);
	b->rows.top = get_int(&s->top, "top", 1, 1000000, 0);
}

/* A template over the block's rows. */
static void
row_tmpl(const struct cc *cc, const struct lay_block *b, const struct lv *v,
    struct tmpl *t, unsigned specials)
{
	/* A list already reported as unknown has no columns to check. */
	if (b->rows.name && b->rows.list == NULL)
		return;
	get_tmpl(cc, v, t, b->rows.list, b->rows.name, specials);
}

static void
need(const struct lv *v, const char *key, const struct src_block *s,
    enum lay_btype t)
{
	if (v->s == NULL)
		diag_error(&s->loc, "a %s block needs '%s'", btype_names[t],
		    key);
}

static void
compile_band(struct cc *cc, const struct src_block *s, struct lay_block *b)
{
	need(&s->title, "title", s, b->type);
	b->style = get_style(cc, &s->style, "style", "title", &s->loc);
	b->band.sub_style = get_style(cc, &s->subtitle_style,
	    "subtitle_style", "subtitle", &s->loc);
	get_tmpl(cc, &s->subtitle, &b->band.sub, NULL, NULL, 0);
	get_tmpl(cc, &s->kicker, &b->band.kicker, NULL, NULL, 0);
	get_tmpl(cc, &s->note, &b->band.note, NULL, NULL, 0);
	b->band.kicker_style = s->kicker.s ? get_style(cc, &s->kicker_style,
	    "kicker_style", "subtitle", &s->loc) : -1;
	b->band.note_style = s->note.s ? get_style(cc, &s->note_style,
	    "note_style", "subtitle", &s->loc) : -1;
	b->band.bleed = get_bool(&s->bleed, "bleed", 0);
	b->band.height = get_len(&s->height, "height", 0);
	b->band.accent = get_paint(cc, &s->accent, "accent", no_paint);
}

static void
compile_text(struct cc *cc, const struct src_block *s, struct lay_block *b)
{
	struct tmpl_scope sc = {cc->m, NULL, NULL, TS_SECTION, cc->vars};
	size_t i;

	if (s->nreps == 0)
		diag_error(&s->loc, "a text block needs 'body = TEXT'");
	b->text.paras = xcalloc(s->nreps, sizeof(struct tmpl));
	b->text.nparas = s->nreps;
	for (i = 0; i < s->nreps; i++)
		tmpl_compile(&b->text.paras[i], s->reps[i].s, &s->reps[i].loc,
		    &sc);
	get_tmpl(cc, &s->lead, &b->text.lead, NULL, NULL, 0);
	if (s->lead.s)
		b->text.lead_style = get_style(cc, &s->lead_style,
		    "lead_style", "strong", &s->loc);
}

/* "LABEL | VALUE" */
static void
compile_fact(struct cc *cc, const struct rep *r, struct lay_fact *f,
    const struct tmpl_scope *scope)
{
	struct tmpl_scope sc = *scope;
	const char *bar = strchr(r->s, '|');
	char *label;
	size_t n;

	f->loc = r->loc;
	if (bar == NULL) {
		diag_error(&r->loc, "'fact' is 'LABEL | VALUE'");
		return;
	}
	n = (size_t)(bar - r->s);
	while (n > 0 && r->s[n - 1] == ' ')
		n--;
	(void)cc;
	label = xstrndup(r->s, n);
	tmpl_compile(&f->label, label, &r->loc, &sc);
	tmpl_compile(&f->value, bar + 1 + strspn(bar + 1, " "), &r->loc, &sc);
	free(label);
}

/* The text of template t for row `row` of list l, as the document will
 * print it (fields and columns are known when the layout is loaded). */
static char *
expand_now(const struct cc *cc, const struct tmpl *t, const struct qlist *l,
    size_t row)
{
	struct tmpl_env env = {cc->m, l, row, 0, 0, 0, &cc->L->locale, "-",
	    PN_ARABIC};
	struct buf out = {0};

	tmpl_expand(t, &env, &out);
	return out.data ? out.data : xstrdup("");
}

/* `yes = {mission.member}`: a label that is a template of fields, printed
 * once now (NULL when not given). */
static char *
label_now(struct cc *cc, const struct lv *v)
{
	struct tmpl t;
	char *s;

	if (v->s == NULL)
		return NULL;
	get_tmpl(cc, v, &t, NULL, NULL, 0);
	s = expand_now(cc, &t, NULL, 0);
	tmpl_free(&t);
	return s;
}

/* A template that prints `text` as it is. */
static void
literal_tmpl(struct tmpl *t, char *text, const struct loc *loc)
{
	memset(t, 0, sizeof(*t));
	t->loc = *loc;
	t->parts = xcalloc(1, sizeof(struct tpart));
	t->n = 1;
	t->parts[0].kind = TP_TEXT;
	t->parts[0].text = text;
}

/* One fact over the rows of the block's list: a fact per row, or with
 * `join = SEP` one fact per label, the values of its rows joined by SEP
 * ("Hub | Kabul / Bagram"). */
static void
facts_over_rows(struct cc *cc, const struct src_block *s, struct lay_block *b,
    const struct lay_fact *f)
{
	size_t i, n = query_rows(cc->m, b->rows.list), shown = 0;
	struct lay_fact *last = NULL;
	char *label, *value, *sep = NULL;

	/* INI trims values: `join = " / "` keeps its spaces in quotes. */
	if (s->join.s) {
		size_t len = strlen(s->join.s);

		if (len >= 2 && s->join.s[0] == '"' && s->join.s[len - 1] == '"')
			sep = xstrndup(s->join.s + 1, len - 2);
		else
			sep = xstrdup(s->join.s);
	}
	for (i = 0; i < n; i++) {
		if (!layout_row_kept(&b->rows, cc->m, i))
			continue;
		if (b->rows.top > 0 && shown >= (size_t)b->rows.top)
			break;
		shown++;
		label = expand_now(cc, &f->label, b->rows.list, i);
		value = expand_now(cc, &f->value, b->rows.list, i);
		if (sep && last && strcmp(last->label.parts[0].text, label) == 0) {
			char *j = xasprintf("%s%s%s", last->value.parts[0].text,
			    sep, value);

			free(last->value.parts[0].text);
			last->value.parts[0].text = j;
			free(label);
			free(value);
			continue;
		}
		last = array_push(&b->facts.v, &b->facts.n, sizeof(*last));
		last->loc = f->loc;
		literal_tmpl(&last->label, label, &f->loc);
		literal_tmpl(&last->value, value, &f->loc);
	}
	free(sep);
}

/* A fact with a value that prints nothing is left out (a mission without
 * a predecessor has no "Predecessor" line). */
static int
fact_empty(const struct cc *cc, const struct lay_fact *f)
{
	char *v = expand_now(cc, &f->value, NULL, 0);
	char *l = expand_now(cc, &f->label, NULL, 0);
	int empty = v[strspn(v, " ")] == '\0' || (f->label.n > 0 &&
	    l[strspn(l, " ")] == '\0');

	free(v);
	free(l);
	return empty;
}

static void
compile_facts(struct cc *cc, const struct src_block *s, struct lay_block *b)
{
	static const char *const arr[] = {"rows", "stacked", NULL};
	struct tmpl_scope sc = {cc->m, NULL, NULL, TS_SECTION, cc->vars};
	struct lay_fact f;
	size_t i;
	int before = diag_errors();

	if (s->nreps == 0)
		diag_error(&s->loc, "a facts block needs 'fact = LABEL | "
		    "VALUE'");
	if (s->list.s)
		compile_rows(cc, s, b, NULL);
	else if (s->join.s)
		diag_error(&s->join.loc, "'join' needs 'list = NAME' (it "
		    "joins the values of the list's rows)");
	for (i = 0; i < s->nreps; i++) {
		memset(&f, 0, sizeof(f));
		if (b->rows.list) {
			sc.list = b->rows.list;
			sc.list_name = b->rows.name;
		}
		compile_fact(cc, &s->reps[i], &f, &sc);
		/* Over rows, a fact that names no column stands once. */
		if (diag_errors() > before || (s->list.s &&
		    (tmpl_uses_cols(&f.label) || tmpl_uses_cols(&f.value)))) {
			/* Over rows: the compiled fact is only a pattern. */
			if (diag_errors() == before && b->rows.list)
				facts_over_rows(cc, s, b, &f);
			tmpl_free(&f.label);
			tmpl_free(&f.value);
			continue;
		}
		if (fact_empty(cc, &f)) {
			tmpl_free(&f.label);
			tmpl_free(&f.value);
			continue;
		}
		*(struct lay_fact *)array_push(&b->facts.v, &b->facts.n,
		    sizeof(f)) = f;
	}
	b->facts.label_style = get_style(cc, &s->label_style, "label_style",
	    "strong", &s->loc);
	b->facts.value_style = get_style(cc, &s->value_style, "value_style",
	    "body", &s->loc);
	b->facts.stacked = get_enum(&s->arrange, "arrange", arr, 0);
	b->facts.label_width = get_num(&s->label_width, "label_width", 0.05,
	    0.95, 0.4);
}

static void
compile_list(struct cc *cc, const struct src_block *s, struct lay_block *b)
{
	compile_rows(cc, s, b, NULL);
	need(&s->item, "item", s, b->type);
	row_tmpl(cc, b, &s->item, &b->list.item, 0);
	row_tmpl(cc, b, &s->detail, &b->list.detail, 0);
	if (s->detail.s)
		b->list.detail_style = get_style(cc, &s->detail_style,
		    "detail_style", "small", &s->loc);
	b->list.bullet = xstrdup(s->bullet.s ? s->bullet.s : "\xe2\x80\xa2");
	if (strcmp(b->list.bullet, "none") == 0)
		b->list.bullet[0] = '\0';
}

static void
compile_sources(struct cc *cc, const struct src_block *s,
    struct lay_block *b)
{
	compile_rows(cc, s, b, "sources");
	need(&s->item, "item", s, b->type);
	row_tmpl(cc, b, &s->item, &b->list.item, 0);
	row_tmpl(cc, b, &s->number, &b->list.number, 0);
	b->list.url_col = -1;
	/* `url = none`: entries without their addresses (a placemat that
	 * cannot give every address a line; the pack lists them). */
	if (b->rows.list && !(s->url.s && strcmp(s->url.s, "none") == 0) &&
	    (s->url.s || query_col(b->rows.list, "url") >= 0))
		b->list.url_col = get_col(b, &s->url, "url", "url", &s->loc);
	b->list.link_style = s->link_style.s ? get_style(cc, &s->link_style,
	    "link_style", NULL, &s->loc) : b->style;
}

/* The text of part k of "a | b | c", trimmed, or NULL. */
static char *
part(const char *s, int k)
{
	const char *e;
	size_t n;

	for (; k > 0; k--) {
		if ((s = strchr(s, '|')) == NULL)
			return NULL;
		s++;
	}
	s += strspn(s, " ");
	e = strchr(s, '|');
	n = e ? (size_t)(e - s) : strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return xstrndup(s, n);
}

/* Does the list hold numbers in column c?  (Its first value says.) */
static int
numeric_col(const struct cc *cc, const struct lay_block *b, int c)
{
	size_t i, n = query_rows(cc->m, b->rows.list);
	struct qvalue v;

	for (i = 0; i < n; i++) {
		query_get(cc->m, b->rows.list, i, c, &v);
		if (v.type != QV_NONE)
			return v.type == QV_INT || v.type == QV_REAL;
	}
	return 0;
}

/* A column that must hold numbers (chart values, coordinates). */
static void
need_numbers(const struct cc *cc, const struct lay_block *b, int c,
    const struct lv *v, const char *key)
{
	if (c >= 0 && query_rows(cc->m, b->rows.list) > 0 &&
	    !numeric_col(cc, b, c))
		diag_error(v->s ? &v->loc : &b->loc, "column '%s' for '%s' "
		    "holds no numbers", v->s ? v->s : key, key);
}

/* width=N (a share) or width=LENGTH, align=..., format=..., sum=no,
 * blank=yes, total=FIELD, when=FIELD */
static int cond_field(const struct cc *cc, const char *f,
    const struct lv *v, const char *key);

static void
col_option(const struct cc *cc, const struct rep *r, struct lay_col *c,
    const char *opt, int *align_set, int *wanted)
{
	static const char *const aligns[] = {"left", "right", "center", NULL};
	const char *eq = strchr(opt, '=');
	struct lv v = {NULL, r->loc};
	char key[16];

	if (eq == NULL || eq - opt >= (long)sizeof(key)) {
		diag_error(&r->loc, "column option '%s' is not KEY=VALUE "
		    "(width, align, format, sum, blank, total, when)", opt);
		return;
	}
	snprintf(key, sizeof(key), "%.*s", (int)(eq - opt), opt);
	v.s = (char *)eq + 1;
	if (strcmp(key, "width") == 0) {
		c->abs = strspn(v.s, "0123456789.") != strlen(v.s);
		c->width = c->abs ? get_len(&v, "width", 0) :
		    get_num(&v, "width", 0.01, 1000, 1);
	} else if (strcmp(key, "align") == 0) {
		c->align = (enum lay_align)get_enum(&v, "align", aligns,
		    (int)c->align);
		*align_set = 1;
	} else if (strcmp(key, "format") == 0) {
		if (fmt_parse(v.s, &c->fmt) < 0)
			diag_error(&r->loc, "unknown format '%s' (formats: "
			    "%s)", v.s, fmt_names);
	} else if (strcmp(key, "sum") == 0)
		c->sum = get_bool(&v, "sum", 1);
	else if (strcmp(key, "blank") == 0)
		c->blank = get_bool(&v, "blank", 0);
	else if (strcmp(key, "when") == 0)
		*wanted &= cond_field(cc, v.s, &v, "when");
	else if (strcmp(key, "total") == 0) {
		/* The total row shows a stated figure, not the sum. */
		if (query_field(cc->m, v.s, &c->total_v) < 0)
			diag_error(&r->loc, "unknown field '%s' for 'total'",
			    v.s);
		c->has_total_v = 1;
	} else
		diag_error(&r->loc, "unknown column option '%s' (width, "
		    "align, format, sum, blank, total, when)", key);
}

/* column = NAME | HEADER | OPTIONS; returns 0 when `when=FIELD` leaves
 * the column out. */
static int
compile_col(struct cc *cc, struct lay_block *b, const struct rep *r,
    struct lay_col *c)
{
	struct tmpl_scope sc = {cc->m, NULL, NULL, TS_SECTION, cc->vars};
	char *name = part(r->s, 0), *head = part(r->s, 1), *opts = part(r->s,
	    2), *save = NULL, *o;
	int align_set = 0, wanted = 1;

	c->loc = r->loc;
	c->width = 1;
	c->sum = 1;
	c->fmt.decimals = -1;
	c->col = col_of(b, name, "column", &r->loc);
	if (c->col >= 0)
		c->numeric = numeric_col(cc, b, c->col);
	tmpl_compile(&c->head, head ? head : name, &r->loc, &sc);
	for (o = opts ? strtok_r(opts, " ", &save) : NULL; o;
	    o = strtok_r(NULL, " ", &save))
		col_option(cc, r, c, o, &align_set, &wanted);
	if (c->fmt.kind == FMT_YESNO || c->fmt.kind == FMT_UPPER ||
	    c->fmt.kind >= FMT_DATE)
		c->numeric = 0;
	if (c->numeric && !align_set)
		c->align = LA_RIGHT;
	c->sum = c->numeric && c->sum;
	free(name);
	free(head);
	free(opts);
	return wanted;
}

static void
compile_table(struct cc *cc, const struct src_block *s, struct lay_block *b)
{
	size_t i;

	compile_rows(cc, s, b, NULL);
	if (s->nreps == 0)
		diag_error(&s->loc, "a table block needs 'column = NAME | "
		    "HEADER'");
	b->table.cols = xcalloc(s->nreps, sizeof(struct lay_col));
	b->table.ncols = 0;
	for (i = 0; b->rows.list && i < s->nreps; i++) {
		struct lay_col *c = &b->table.cols[b->table.ncols];

		/* `when=FIELD` false: the column is left out. */
		if (compile_col(cc, b, &s->reps[i], c) == 0) {
			tmpl_free(&c->head);
			memset(c, 0, sizeof(*c));
			continue;
		}
		b->table.ncols++;
	}
	b->table.has_total = s->total.s != NULL;
	row_tmpl(cc, b, &s->total, &b->table.total, TS_ROWS);
	if (tmpl_uses_cols(&b->table.total))
		diag_error(&s->total.loc, "'total' may use fields and {rows}, "
		    "not columns");
	b->table.header_style = get_style(cc, &s->header_style,
	    "header_style", "strong", &s->loc);
	if (b->table.has_total)
		b->table.total_style = get_style(cc, &s->total_style,
		    "total_style", "strong", &s->loc);
	b->table.yes = label_now(cc, &s->yes);
	b->table.no = label_now(cc, &s->no);
	b->table.stripe = get_paint(cc, &s->stripe, "stripe", no_paint);
	b->table.repeat_header = get_bool(&s->repeat_header, "repeat_header",
	    1);
	b->table.cell_pad = get_len(&s->cell_padding, "cell_padding", 2);
}

static void
compile_chart(struct cc *cc, const struct src_block *s, struct lay_block *b)
{
	static const char *const kinds_[] = {"hbar", "vbar", "line", NULL};
	struct lay_paint black = {1, {0, 0, 0}}, grey = {1, {.6, .6, .6}};

	compile_rows(cc, s, b, NULL);
	b->chart.kind = (enum lay_chart)get_enum(&s->kind, "kind", kinds_, 0);
	need(&s->label, "label", s, b->type);
	need(&s->value, "value", s, b->type);
	b->chart.label_col = get_col(b, &s->label, "label", NULL, &s->loc);
	b->chart.value_col = get_col(b, &s->value, "value", NULL, &s->loc);
	need_numbers(cc, b, b->chart.value_col, &s->value, "value");
	b->chart.fmt.decimals = -1;
	if (s->format.s && fmt_parse(s->format.s, &b->chart.fmt) < 0)
		diag_error(&s->format.loc, "unknown format '%s' (formats: %s)",
		    s->format.s, fmt_names);
	b->chart.has_others = s->others.s != NULL;
	get_tmpl(cc, &s->others, &b->chart.others, NULL, NULL, TS_ROWS);
	b->chart.height = get_len(&s->height, "height", 160);
	b->chart.bar = get_len(&s->bar, "bar", 12);
	b->chart.color = get_paint(cc, &s->color, "color", black);
	b->chart.others_color = get_paint(cc, &s->others_color,
	    "others_color", grey);
	b->chart.grid = get_paint(cc, &s->grid, "grid", no_paint);
	b->chart.axis = get_bool(&s->axis, "axis", 1);
	b->chart.label_style = get_style(cc, &s->label_style, "label_style",
	    "small", &s->loc);
	b->chart.value_style = get_style(cc, &s->value_style, "value_style",
	    "small", &s->loc);
	b->chart.axis_style = get_style(cc, &s->axis_style, "axis_style",
	    "small", &s->loc);
	b->chart.plan_legend = label_now(cc, &s->plan_legend);
	b->table.yes = label_now(cc, &s->yes);
	b->table.no = label_now(cc, &s->no);
}

static const char *const symbol_names[] = {
	[SYM_CIRCLE] = "circle", [SYM_SQUARE] = "square",
	[SYM_DIAMOND] = "diamond", [SYM_TRIANGLE] = "triangle",
	[SYM_STAR] = "star", NULL
};

/* The entry for `role`, made on first use. */
static struct lay_role *
map_role(struct lay_block *b, const char *role)
{
	struct lay_role *r;
	size_t i;

	for (i = 0; i < b->map.nroles; i++)
		if (strcmp(b->map.roles[i].role, role) == 0)
			return &b->map.roles[i];
	r = array_push(&b->map.roles, &b->map.nroles, sizeof(*r));
	r->role = xstrdup(role);
	r->symbol = -1;
	return r;
}

/* symbol.ROLE, color.ROLE and legend.ROLE, each at most once a role. */
static void
compile_map_roles(struct cc *cc, const struct src_block *s,
    struct lay_block *b)
{
	size_t i, k;

	for (i = 0; i < s->nreps; i++) {
		const struct rep *p = &s->reps[i];
		const char *dot = strchr(p->key, '.');
		struct lay_role *r = map_role(b, dot + 1);
		struct lv v = {p->s, p->loc};

		for (k = 0; k < i; k++)
			if (strcmp(s->reps[k].key, p->key) == 0)
				diag_error(&p->loc, "'%s' is given twice (first "
				    "at line %d)", p->key, s->reps[k].loc.line);
		if (str_starts(p->key, "symbol."))
			r->symbol = get_enum(&v, p->key, symbol_names, -1);
		else if (str_starts(p->key, "color."))
			r->color = get_paint(cc, &v, p->key, no_paint);
		else if (r->legend == NULL)
			r->legend = xstrdup(p->s);
	}
}

/* `symbol = circle, square, ...`: the symbols roles without their own
 * take in turn (default: every symbol, circle first). */
static void
compile_map_symbols(const struct lv *v, struct lay_block *b)
{
	char *copy, *w, *save = NULL;
	int k;

	if (v->s == NULL) {
		for (k = 0; k < SYM__MAX; k++)
			b->map.symbols[b->map.nsymbols++] = k;
		return;
	}
	copy = xstrdup(v->s);
	for (w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ",
	    &save)) {
		struct lv one = {w, v->loc};

		k = get_enum(&one, "symbol", symbol_names, -1);
		if (k >= 0 && b->map.nsymbols < 8)
			b->map.symbols[b->map.nsymbols++] = k;
	}
	free(copy);
	if (b->map.nsymbols == 0)
		b->map.symbols[b->map.nsymbols++] = SYM_CIRCLE;
}

static void
compile_map(struct cc *cc, const struct src_block *s, struct lay_block *b)
{
	struct lay_paint land = {1, {.9, .9, .9}}, border = {1, {.45, .45, .45}};
	struct lay_paint black = {1, {0, 0, 0}}, pale = {1, {.96, .96, .96}};
	struct lay_paint mid = {1, {.75, .75, .75}};

	compile_rows(cc, s, b, "places");
	b->map.label_col = get_col(b, &s->label, "label", "name", &s->loc);
	b->map.lat_col = get_col(b, &s->lat, "lat", "lat", &s->loc);
	b->map.lon_col = get_col(b, &s->lon, "lon", "lon", &s->loc);
	need_numbers(cc, b, b->map.lat_col, &s->lat, "lat");
	need_numbers(cc, b, b->map.lon_col, &s->lon, "lon");
	b->map.kind_col = get_col(b, &s->kind, "kind", NULL, &s->loc);
	if (s->links.s && strcmp(s->links.s, "no") != 0) {
		if (s->kind.s == NULL)
			diag_error(&s->links.loc, "'links' needs 'kind = "
			    "COLUMN' (the column whose value is the role)");
		b->map.links = xstrdup(s->links.s);
	}
	compile_map_roles(cc, s, b);
	if (b->map.nroles && s->kind.s == NULL)
		diag_error(&s->reps[0].loc, "'%s' needs 'kind = COLUMN' (the "
		    "column whose value is the role)", s->reps[0].key);
	compile_map_symbols(&s->symbol, b);
	b->map.legend = get_bool(&s->legend, "legend", s->kind.s != NULL);
	b->map.height = get_len(&s->height, "height", 200);
	b->map.land = get_paint(cc, &s->land, "land", land);
	b->map.border = get_paint(cc, &s->border, "border", border);
	b->map.color = get_paint(cc, &s->color, "color", black);
	b->map.link_color = get_paint(cc, &s->link_color, "link_color",
	    b->map.border);
	b->map.neighbour = get_paint(cc, &s->neighbour, "neighbour", pale);
	b->map.neighbour_border = get_paint(cc, &s->neighbour_border,
	    "neighbour_border", mid);
	b->map.water = get_paint(cc, &s->water, "water", no_paint);
	b->map.frame = get_paint(cc, &s->frame, "frame", no_paint);
	b->map.label_style = get_style(cc, &s->label_style, "label_style",
	    "small", &s->loc);
	b->map.legend_style = get_style(cc, &s->legend_style, "legend_style",
	    "small", &s->loc);
	b->map.neighbour_style = s->neighbour_style.s ? get_style(cc,
	    &s->neighbour_style, "neighbour_style", NULL, &s->loc) : -1;
	/* Without an outline the map is left out (block_empty). */
}

/* A contents block: its entries come from the pack at layout time. */
static void
compile_contents(struct cc *cc, const struct src_block *s,
    struct lay_block *b)
{
	b->contents.sub_style = s->sub_style.s ? get_style(cc, &s->sub_style,
	    "sub_style", NULL, &s->loc) : -1;
	b->contents.number_style = s->number_style.s ? get_style(cc,
	    &s->number_style, "number_style", NULL, &s->loc) : -1;
	b->contents.leader_style = s->leader_style.s ? get_style(cc,
	    &s->leader_style, "leader_style", NULL, &s->loc) : -1;
	if (s->leader.s == NULL)
		b->contents.leader = xstrdup(".");
	else if (strcmp(s->leader.s, "none") != 0)
		b->contents.leader = xstrdup(s->leader.s);
	b->contents.depth = (int)get_int(&s->depth, "depth", 1, 2, 2);
	b->contents.indent = get_len(&s->indent, "indent", 12);
}

/* The keys every block has. */
/* A block's language, when it is not the layout's: a BCP 47 tag. */
static char *
get_lang(const struct lv *v)
{
	size_t i;

	if (v->s == NULL)
		return NULL;
	for (i = 0; v->s[i]; i++)
		if (!((v->s[i] >= 'a' && v->s[i] <= 'z') || (v->s[i] >= 'A' &&
		    v->s[i] <= 'Z') || (v->s[i] >= '0' && v->s[i] <= '9') ||
		    (v->s[i] == '-' && i > 0)))
			break;
	if (i == 0 || i > 35 || v->s[i] || v->s[i - 1] == '-') {
		diag_error(&v->loc, "'%s' for 'lang' is not a language tag "
		    "(en, fr, de-CH...)", v->s);
		return NULL;
	}
	return xstrdup(v->s);
}

static void
compile_common(struct cc *cc, const struct src_block *s,
    struct lay_block *b)
{
	static const char *const default_style[LB__MAX] = {
		[LB_TEXT] = "body", [LB_LIST] = "body", [LB_TABLE] = "body",
		[LB_SOURCES] = "small", [LB_CONTENTS] = "body",
	};
	struct tmpl_scope sc = {cc->m, NULL, NULL, TS_SECTION, cc->vars};
	int title_ok;

	b->id = xstrdup(s->id);
	b->loc = s->loc;
	b->style = b->title_style = -1;
	b->flow = 1;
	b->has_title = s->title.s != NULL;
	title_ok = diag_errors();
	get_tmpl(cc, &s->title, &b->title, NULL, NULL, 0);
	title_ok = diag_errors() == title_ok;
	if (b->has_title && b->type != LB_TITLE)
		b->title_style = get_style(cc, &s->title_style, "title_style",
		    "heading", &s->loc);
	if (default_style[b->type])
		b->style = get_style(cc, &s->style, "style",
		    default_style[b->type], &s->loc);
	b->keep = get_bool(&s->keep, "keep", 0);
	b->space_before = get_len(&s->space_before, "space_before", 0);
	b->space_after = get_len(&s->space_after, "space_after", 0);
	b->padding = get_len(&s->padding, "padding", 0);
	b->bg = get_paint(cc, &s->background, "background", no_paint);
	b->flow = (int)get_int(&s->flow, "flow", 1, 12, 1);
	b->gap = get_len(&s->gap, "gap", 12);
	b->rule = get_paint(cc, &s->rule, "rule", no_paint);
	if (s->bookmark.s && strcmp(s->bookmark.s, "no") != 0)
		tmpl_compile(&b->bookmark, s->bookmark.s, &s->bookmark.loc, &sc);
	else if (s->bookmark.s == NULL && b->has_title && title_ok)
		tmpl_compile(&b->bookmark, s->title.s, &s->title.loc, &sc);
	b->has_bookmark = b->bookmark.n > 0;
	/* A figure's alternative text (chart, map; other blocks have no
	 * `alt` key): its lead-in, the points follow (pdf_chart.c). */
	b->has_alt = s->alt.s != NULL;
	b->lang = get_lang(&s->lang);
	get_tmpl(cc, &s->alt, &b->alt, NULL, NULL, 0);
}

static void
compile_block(struct cc *cc, enum lay_btype t, const struct src_block *s,
    struct lay_block *b)
{
	b->type = t;
	compile_common(cc, s, b);
	switch (t) {
	case LB_TITLE:
		compile_band(cc, s, b);
		break;
	case LB_TEXT:
		compile_text(cc, s, b);
		break;
	case LB_FACTS:
		compile_facts(cc, s, b);
		break;
	case LB_LIST:
		compile_list(cc, s, b);
		break;
	case LB_TABLE:
		compile_table(cc, s, b);
		break;
	case LB_CHART:
		compile_chart(cc, s, b);
		break;
	case LB_MAP:
		compile_map(cc, s, b);
		break;
	case LB_SOURCES:
		compile_sources(cc, s, b);
		break;
	case LB_SPACER:
		need(&s->height, "height", s, t);
		b->spacer = get_len(&s->height, "height", 0);
		break;
	case LB_CONTENTS:
		compile_contents(cc, s, b);
		break;
	case LB_PAGEBREAK:
	case LB_COLUMNS:        /* after every block exists: groups() */
	case LB__MAX:
		break;
	}
}

/* ---- columns blocks: which blocks stand side by side ---- */

/* The block called id among the first n (all compiled). */
static long
find_block(const struct layout *L, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(L->blocks[i].id, id) == 0)
			return (long)i;
	return -1;
}

static void
add_member(struct cc *cc, struct lay_block *cb, struct lay_group *g,
    const char *id, const struct loc *loc)
{
	long k = find_block(cc->L, cc->L->nblocks, id);
	struct lay_block *b;

	/* Left out for want of data: the column closes up. */
	if (k < 0 && strindex_get(&cc->left_out, id) != (size_t)-1)
		return;
	if (k < 0) {
		diag_error(loc, "unknown block '%s' in columns '%s'", id,
		    cb->id);
		return;
	}
	b = &cc->L->blocks[k];
	if (b->type == LB_COLUMNS || b->type == LB_PAGEBREAK) {
		diag_error(loc, "a %s block cannot stand in a column",
		    btype_names[b->type]);
		return;
	}
	if (b->in_group) {
		diag_error(loc, "block '%s' is already placed in a column", id);
		return;
	}
	b->in_group = 1;
	*(size_t *)array_push(&g->blocks, &g->n, sizeof(size_t)) = (size_t)k;
}

static void
group_widths(const struct src_block *s, struct lay_block *cb)
{
	char *copy, *save = NULL, *w;
	struct lv v = {NULL, s->widths.loc};
	size_t n = 0;

	if (s->widths.s == NULL)
		return;
	copy = xstrdup(s->widths.s);
	for (w = strtok_r(copy, " ,", &save); w; w = strtok_r(NULL, " ,", &save)) {
		v.s = w;
		if (n < cb->groups.n)
			cb->groups.v[n].width = get_num(&v, "widths", 0.01,
			    1000, 1);
		n++;
	}
	free(copy);
	if (n != cb->groups.n)
		diag_error(&s->widths.loc, "'widths' gives %zu widths for %zu "
		    "columns", n, cb->groups.n);
}

static void
compile_groups(struct cc *cc, const struct src_block *s, struct lay_block *cb)
{
	char *copy, *save = NULL, *id;
	size_t i;

	if (s->nreps == 0)
		diag_error(&s->loc, "a columns block needs 'column = BLOCK "
		    "...' (one line per column)");
	cb->groups.v = xcalloc(s->nreps, sizeof(struct lay_group));
	cb->groups.n = s->nreps;
	for (i = 0; i < s->nreps; i++) {
		cb->groups.v[i].width = 1;
		copy = xstrdup(s->reps[i].s);
		for (id = strtok_r(copy, " ,", &save); id;
		    id = strtok_r(NULL, " ,", &save))
			add_member(cc, cb, &cb->groups.v[i], id,
			    &s->reps[i].loc);
		free(copy);
	}
	group_widths(s, cb);
}

/* ---- the whole file ---- */

struct order {
	enum lay_btype t;
	const struct src_block *s;
};

static int
cmp_order(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	return x->s->loc.line - y->s->loc.line;
}

/* Blocks flow in the order they are written, whatever their type. */
static struct order *
block_order(const struct src *src, size_t *n)
{
	struct order *o = NULL;
	size_t t, i;

	*n = 0;
	for (t = 0; t < LB__MAX; t++)
		for (i = 0; i < src->nblocks[t]; i++) {
			struct order *e = array_push(&o, n, sizeof(*o));

			e->t = (enum lay_btype)t;
			e->s = &src->blocks[t][i];
		}
	if (*n > 1)
		qsort(o, *n, sizeof(*o), cmp_order);
	return o;
}

/* ---- blocks a mission has no data for ---- */

int
layout_truthy(const struct qvalue *v)
{
	switch (v->type) {
	case QV_INT:
		return v->i != 0;
	case QV_REAL:
		return v->r != 0;
	case QV_TEXT:
		return v->text[0] != '\0';
	case QV_DATE:
		return 1;
	default:
		return 0;
	}
}

int
layout_row_kept(const struct lay_rows *r, const struct model *m, size_t row)
{
	struct qvalue q;
	int keep;

	if (r->where_col < 0)
		return 1;
	query_get(m, r->list, row, r->where_col, &q);
	if (r->where_is)
		keep = q.type == QV_TEXT && strcmp(q.text, r->where_is) == 0;
	else
		keep = layout_truthy(&q);
	return keep != r->where_not;
}

/* Is the field f of a `when` or `unless` true?  An item the mission does
 * not have (text.disclaimer) is false; any other unknown name an error. */
static int
cond_field(const struct cc *cc, const char *f, const struct lv *v,
    const char *key)
{
	const struct tmpl_var *x;
	struct qvalue q;

	for (x = cc->vars; x && x->name; x++)
		if (strcmp(x->name, f) == 0)
			return x->value && x->value[0];
	if (query_field(cc->m, f, &q) == 0)
		return layout_truthy(&q);
	if (!query_names_item(f))
		diag_error(&v->loc, "unknown field '%s' in '%s' (a field of "
		    "the model, e.g. 'snapshot.partial', 'text.disclaimer')",
		    f, key);
	return 0;
}

/* `when = F ...`: all true (`when = F or G`: one); `unless = F ...`: none
 * true (`unless = F or G`: the same).  Returns whether the block is laid
 * out. */
static int
conditions_hold(const struct cc *cc, const struct lv *when,
    const struct lv *unless)
{
	const struct lv *v[2] = {when, unless};
	char *copy, *save = NULL, *f;
	int k, hold = 1, t, any, anyone;

	for (k = 0; k < 2; k++) {
		if (v[k]->s == NULL)
			continue;
		/* `when = A or B`: one is enough; `when = A B`: all. */
		any = strstr(v[k]->s, " or ") != NULL;
		anyone = 0;
		copy = xstrdup(v[k]->s);
		for (f = strtok_r(copy, " ,", &save); f;
		    f = strtok_r(NULL, " ,", &save)) {
			if (strcmp(f, "or") == 0)
				continue;
			t = cond_field(cc, f, v[k], k ? "unless" : "when");
			anyone |= t;
			if (!any && t == k)
				hold = 0;
		}
		if (any && anyone == k)
			hold = 0;
		free(copy);
	}
	return hold;
}

static size_t
rows_shown(const struct cc *cc, const struct lay_block *b)
{
	size_t i, n = query_rows(cc->m, b->rows.list), kept = 0;

	for (i = 0; i < n; i++)
		kept += layout_row_kept(&b->rows, cc->m, i);
	return kept;
}

/* A paragraph that prints nothing is dropped; so is a text block left
 * with none. */
static void
drop_empty_paras(const struct cc *cc, struct lay_block *b)
{
	size_t i, k = 0;

	for (i = 0; i < b->text.nparas; i++) {
		char *t = expand_now(cc, &b->text.paras[i], NULL, 0);

		if (t[strspn(t, " ")] == '\0')
			tmpl_free(&b->text.paras[i]);
		else
			b->text.paras[k++] = b->text.paras[i];
		free(t);
	}
	b->text.nparas = k;
}

/* Would the block show nothing for this model?  Then it is left out,
 * title and all: never an empty table, chart or list. */
static int
block_empty(const struct cc *cc, struct lay_block *b)
{
	switch (b->type) {
	case LB_TEXT:
		drop_empty_paras(cc, b);
		return b->text.nparas == 0;
	case LB_FACTS:
		return b->facts.n == 0;
	case LB_MAP:
		if (cc->m->geo == NULL || cc->m->geo->home == NULL)
			return 1;
		/* FALLTHROUGH */
	case LB_CHART:
		/* A line is a change over time: one point shows none. */
		if (b->chart.kind == LC_LINE)
			return b->rows.list && rows_shown(cc, b) < 2;
		/* FALLTHROUGH */
	case LB_LIST:
	case LB_TABLE:
	case LB_SOURCES:
		return b->rows.list && rows_shown(cc, b) == 0;
	default:
		return 0;
	}
}

/* A columns block whose every member was left out. */
static int
groups_empty(const struct lay_block *cb)
{
	size_t i;

	for (i = 0; i < cb->groups.n; i++)
		if (cb->groups.v[i].n > 0)
			return 0;
	return 1;
}

static void free_block(struct lay_block *b);

/* A columns block left with nothing in it goes too; the members of the
 * others are renumbered to the blocks' new places. */
static void
drop_empty_columns(struct layout *L)
{
	size_t *to = xcalloc(L->nblocks + 1, sizeof(*to));
	size_t i, g, m, k = 0;

	for (i = 0; i < L->nblocks; i++) {
		to[i] = k;
		if (L->blocks[i].type == LB_COLUMNS &&
		    groups_empty(&L->blocks[i])) {
			free_block(&L->blocks[i]);
			continue;
		}
		L->blocks[k++] = L->blocks[i];
	}
	/* Columns emptied for want of data close up: the rest share the
	 * width. */
	for (i = 0; i < k; i++) {
		struct lay_block *cb = &L->blocks[i];
		size_t n = 0;

		for (g = 0; g < cb->groups.n; g++) {
			if (cb->groups.v[g].n == 0) {
				free(cb->groups.v[g].blocks);
				continue;
			}
			cb->groups.v[n++] = cb->groups.v[g];
		}
		cb->groups.n = n;
	}
	for (i = 0; i < k; i++)
		for (g = 0; g < L->blocks[i].groups.n; g++)
			for (m = 0; m < L->blocks[i].groups.v[g].n; m++)
				L->blocks[i].groups.v[g].blocks[m] =
				    to[L->blocks[i].groups.v[g].blocks[m]];
	L->nblocks = k;
	free(to);
}

static void
compile_blocks(struct cc *cc)
{
	struct layout *L = cc->L;
	size_t n, i, k = 0;
	struct order *o = block_order(cc->src, &n);
	const struct src_block **srcs = xcalloc(n + 1, sizeof(*srcs));
	long j;

	L->blocks = xcalloc(n + 1, sizeof(struct lay_block));
	for (i = 0; i < n; i++) {
		struct lay_block *b = &L->blocks[k];
		int before = diag_errors();

		size_t gone = strindex_get(&cc->left_out, o[i].s->id);

		L->nblocks = k;
		j = find_block(L, k, o[i].s->id);
		if (j >= 0 || gone != (size_t)-1)
			diag_error(&o[i].s->loc, "block name '%s' is also used "
			    "at line %d", o[i].s->id, j >= 0 ?
			    L->blocks[j].loc.line : o[gone].s->loc.line);
		if (!conditions_hold(cc, &o[i].s->when, &o[i].s->unless)) {
			strindex_put(&cc->left_out, o[i].s->id, i);
			continue;
		}
		compile_block(cc, o[i].t, o[i].s, b);
		if (diag_errors() == before && block_empty(cc, b)) {
			free_block(b);
			memset(b, 0, sizeof(*b));
			strindex_put(&cc->left_out, o[i].s->id, i);
			continue;
		}
		srcs[k++] = o[i].s;
	}
	L->nblocks = k;
	for (i = 0; i < L->nblocks; i++)
		if (L->blocks[i].type == LB_COLUMNS)
			compile_groups(cc, srcs[i], &L->blocks[i]);
	drop_empty_columns(L);
	free(srcs);
	free(o);
	if (n == 0)
		diag_file_error(L->path, "the layout has no blocks");
}

static void
report_unknown(const struct src *src)
{
	size_t i, t;

	for (i = 0; i < src->nunknown; i++) {
		const struct src_unknown *u = &src->unknown[i];
		size_t n = strcspn(u->id, " ");

		for (t = 0; t < LB__MAX; t++)
			if (strcmp(u->id, btype_names[t]) == 0)
				break;
		if (t < LB__MAX || strcmp(u->id, "style") == 0)
			diag_error(&u->loc, "section '[%s]' needs a name, as in "
			    "'[%s NAME]'", u->id, u->id);
		else
			diag_error(&u->loc, "unknown block type '%.*s' (blocks: "
			    "title, text, facts, list, table, chart, map, "
			    "sources, spacer, pagebreak, columns, contents; "
			    "other "
			    "sections: document, page, fonts, colors, header, "
			    "footer, style NAME)", (int)n, u->id);
	}
}

/* Compile what schema loaded into src (and release src). */
static struct layout *
compile(struct layout *L, struct src *src, const struct model *m,
    const struct tmpl_var *vars, int before)
{
	struct cc cc;

	memset(&cc, 0, sizeof(cc));
	cc.src = src;
	cc.L = L;
	cc.m = m;
	cc.vars = vars;
	report_unknown(src);
	compile_doc(&cc);
	L->left_out = !conditions_hold(&cc, &src->doc.when, &src->doc.unless);
	compile_page(&cc);
	compile_colors(&cc);
	compile_fonts(&cc);
	compile_styles(&cc);
	compile_running(&cc, &src->header, &L->header);
	compile_running(&cc, &src->footer, &L->footer);
	compile_blocks(&cc);
	strindex_free(&cc.left_out);
	free(cc.colors);
	src_free(src);
	if (diag_errors() > before) {
		layout_free(L);
		return NULL;
	}
	return L;
}

struct layout *
layout_load(const char *path, const struct model *m)
{
	return layout_load_vars(path, m, NULL);
}

struct layout *
layout_load_vars(const char *path, const struct model *m,
    const struct tmpl_var *vars)
{
	struct src src;
	struct layout *L = xcalloc(1, sizeof(*L));
	int before = diag_errors();

	memset(&src, 0, sizeof(src));
	L->path = xstrdup(path);
	if (schema_load(path, kinds, &src, NULL) < 0) {
		layout_free(L);
		return NULL;
	}
	return compile(L, &src, m, vars, before);
}

struct layout *
layout_load_mem(const char *name, const char *text, size_t len,
    const struct model *m)
{
	struct src src;
	struct layout *L = xcalloc(1, sizeof(*L));
	int before = diag_errors();

	memset(&src, 0, sizeof(src));
	L->path = xstrdup(name);
	schema_load_mem(name, text, len, kinds, &src, NULL);
	return compile(L, &src, m, NULL, before);
}

const struct lay_block *
layout_find_type(const struct layout *L, enum lay_btype t)
{
	size_t i;

	for (i = 0; i < L->nblocks; i++)
		if (L->blocks[i].type == t)
			return &L->blocks[i];
	return NULL;
}

static void
free_block(struct lay_block *b)
{
	size_t i;

	free(b->id);
	tmpl_free(&b->title);
	tmpl_free(&b->bookmark);
	tmpl_free(&b->alt);
	free(b->lang);
	free(b->rows.name);
	free(b->rows.where_is);
	tmpl_free(&b->band.sub);
	tmpl_free(&b->band.kicker);
	tmpl_free(&b->band.note);
	for (i = 0; i < b->text.nparas; i++)
		tmpl_free(&b->text.paras[i]);
	free(b->text.paras);
	tmpl_free(&b->text.lead);
	for (i = 0; i < b->facts.n; i++) {
		tmpl_free(&b->facts.v[i].label);
		tmpl_free(&b->facts.v[i].value);
	}
	free(b->facts.v);
	tmpl_free(&b->list.item);
	tmpl_free(&b->list.detail);
	tmpl_free(&b->list.number);
	free(b->list.bullet);
	for (i = 0; i < b->table.ncols; i++)
		tmpl_free(&b->table.cols[i].head);
	free(b->table.cols);
	tmpl_free(&b->table.total);
	free(b->table.yes);
	free(b->table.no);
	free(b->chart.plan_legend);
	tmpl_free(&b->chart.others);
	for (i = 0; i < b->map.nroles; i++) {
		free(b->map.roles[i].role);
		free(b->map.roles[i].legend);
	}
	free(b->map.roles);
	free(b->map.links);
	free(b->contents.leader);
	for (i = 0; i < b->groups.n; i++)
		free(b->groups.v[i].blocks);
	free(b->groups.v);
}

void
layout_free(struct layout *L)
{
	size_t i;

	if (L == NULL)
		return;
	tmpl_free(&L->doc.title);
	tmpl_free(&L->doc.subject);
	tmpl_free(&L->doc.keywords);
	tmpl_free(&L->doc.author);
	tmpl_free(&L->doc.section);
	for (i = 0; i < 12; i++)
		free(L->months[i]);
	for (i = 0; i < L->nfonts; i++) {
		free(L->fonts[i].name);
		free(L->fonts[i].path);
	}
	free(L->fonts);
	for (i = 0; i < L->nstyles; i++)
		free(L->styles[i].name);
	free(L->styles);
	tmpl_free(&L->header.left);
	tmpl_free(&L->header.center);
	tmpl_free(&L->header.right);
	tmpl_free(&L->footer.left);
	tmpl_free(&L->footer.center);
	tmpl_free(&L->footer.right);
	for (i = 0; i < L->nblocks; i++)
		free_block(&L->blocks[i]);
	free(L->blocks);
	free(L->path);
	free(L);
}
