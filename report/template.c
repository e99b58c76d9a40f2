/* template.c - compiling and expanding {field} templates (template.h). */
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "template.h"

#define NAME_MAX_LEN 200

/* The group new parts go into (0: none), while compiling. */
static _Thread_local int cur_group;

static struct tpart *
add_part(struct tmpl *t, enum tp_kind k)
{
	struct tpart *p = array_push(&t->parts, &t->n, sizeof(*p));

	p->kind = k;
	p->fmt.decimals = -1;
	p->group = cur_group;
	return p;
}

static void
add_text(struct tmpl *t, const char *s, size_t n)
{
	struct tpart *p;

	if (n == 0)
		return;
	p = t->n && t->parts[t->n - 1].kind == TP_TEXT &&
	    t->parts[t->n - 1].group == cur_group ?
	    &t->parts[t->n - 1] : add_part(t, TP_TEXT);
	if (p->text == NULL)
		p->text = xstrndup(s, n);
	else {
		char *j = xasprintf("%s%.*s", p->text, (int)n, s);

		free(p->text);
		p->text = j;
	}
}

/* A name without a dot: a special of the scope, or a column. */
static int
bare_name(struct tmpl *t, const char *name, const struct tmpl_scope *sc,
    struct tpart *p)
{
	if ((sc->specials & TS_PAGE) && strcmp(name, "page") == 0)
		p->kind = TP_PAGE;
	else if ((sc->specials & TS_PAGE) && strcmp(name, "pages") == 0)
		p->kind = TP_PAGES;
	else if ((sc->specials & TS_SECTION) && strcmp(name, "section") == 0)
		p->kind = TP_SECTION;
	else if ((sc->specials & TS_ROWS) && strcmp(name, "rows") == 0)
		p->kind = TP_ROWS;
	else if (sc->list && (p->col = query_col(sc->list, name)) >= 0)
		p->kind = TP_COL;
	else if (sc->list) {
		diag_error(&t->loc, "unknown column '%s' in list '%s' "
		    "(columns: %s)", name, sc->list_name,
		    query_col_names(sc->list));
		return -1;
	} else {
		diag_error(&t->loc, "unknown field '%s' (fields are written "
		    "as kind.name, e.g. {mission.name}%s)", name,
		    sc->specials & TS_PAGE ? "; here also {page} and {pages}"
		    : "");
		return -1;
	}
	return 0;
}

/* A value the scope gives by name ({pack.title}); -1 when none. */
static int
var(const struct tmpl_scope *sc, const char *name, struct qvalue *v)
{
	const struct tmpl_var *x;

	for (x = sc->vars; x && x->name; x++)
		if (strcmp(x->name, name) == 0) {
			memset(v, 0, sizeof(*v));
			v->type = QV_TEXT;
			v->text = x->value ? x->value : "";
			return 0;
		}
	return -1;
}

/* Compile one "{name[:format]}" whose inside is s[0..n). */
static int
hole(struct tmpl *t, const char *s, size_t n, const struct tmpl_scope *sc)
{
	char name[NAME_MAX_LEN + 1];
	const char *q = memchr(s, '?', n), *colon;
	size_t nl;
	struct tpart *p;
	char *dflt = NULL;

	/* {name?default}: the default is plain text, up to the brace. */
	if (q) {
		dflt = xstrndup(q + 1, n - (size_t)(q - s) - 1);
		n = (size_t)(q - s);
	}
	colon = memchr(s, ':', n);
	nl = colon ? (size_t)(colon - s) : n;

	if (nl == 0 || nl > NAME_MAX_LEN) {
		diag_error(&t->loc, "empty or over-long name in '{%.*s}'",
		    (int)(n > 60 ? 60 : n), s);
		free(dflt);
		return -1;
	}
	memcpy(name, s, nl);
	name[nl] = '\0';
	p = add_part(t, TP_FIELD);
	p->dflt = dflt;
	if (colon) {
		char *f = xstrndup(colon + 1, n - nl - 1);
		int bad = fmt_parse(f, &p->fmt) < 0;

		if (bad)
			diag_error(&t->loc, "unknown format '%s' in '{%.*s}' "
			    "(formats: %s)", f, (int)n, s, fmt_names);
		free(f);
		if (bad)
			return -1;
	}
	if (strchr(name, '.') == NULL)
		return bare_name(t, name, sc, p);
	if (var(sc, name, &p->v) == 0)
		return 0;
	if (query_field(sc->m, name, &p->v) < 0) {
		/* In an optional group, an item this mission lacks is an
		 * empty value: "[[ ({text.roadmap})]]". */
		if ((cur_group || p->dflt) && query_names_item(name)) {
			memset(&p->v, 0, sizeof(p->v));
			return 0;
		}
		diag_error(&t->loc, "unknown field '%s'", name);
		return -1;
	}
	return 0;
}

/* Literal text up to the next brace or "\n"; returns bytes consumed. */
static size_t
literal(struct tmpl *t, const char *s)
{
	size_t n = strcspn(s, "{}\\[]");

	if (n > 0) {
		add_text(t, s, n);
		return n;
	}
	if (s[0] == '\\' && s[1] == 'n') {
		add_text(t, "\n", 1);
		return 2;
	}
	if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
		add_text(t, s, 1);
		return 2;
	}
	if (s[0] == '\\' || ((s[0] == '[' || s[0] == ']') && s[1] != s[0])) {
		add_text(t, s, 1);
		return 1;
	}
	/* "[[ [{n}]]]": in a group, a bracket before the group's end is
	 * text, so a mark "[3]" can close an optional group. */
	if (cur_group && s[0] == ']' && s[1] == ']' && s[2] == ']') {
		add_text(t, s, 1);
		return 1;
	}
	return 0;
}

/* "[[" opens an optional group, "]]" closes it; -1 after reporting. */
static int
group_mark(struct tmpl *t, const char *s, int *groups)
{
	if (s[0] == '[') {
		if (cur_group) {
			diag_error(&t->loc, "optional groups '[[ ]]' do not "
			    "nest");
			return -1;
		}
		cur_group = ++*groups;
		return 0;
	}
	if (!cur_group) {
		diag_error(&t->loc, "']]' without '[['");
		return -1;
	}
	cur_group = 0;
	return 0;
}

int
tmpl_compile(struct tmpl *t, const char *src, const struct loc *loc,
    const struct tmpl_scope *sc)
{
	const char *s = src, *close;
	size_t k;
	int rc = 0, groups = 0;

	memset(t, 0, sizeof(*t));
	t->loc = *loc;
	cur_group = 0;
	while (*s) {
		if ((k = literal(t, s)) > 0) {
			s += k;
			continue;
		}
		if (*s == '[' || *s == ']') {
			if (group_mark(t, s, &groups) < 0)
				rc = -1;
			s += 2;
			continue;
		}
		if (*s == '}') {
			diag_error(loc, "'}' without '{' (write '}}' for a "
			    "brace)");
			return -1;
		}
		if ((close = strchr(s, '}')) == NULL) {
			diag_error(loc, "'{' without '}' (write '{{' for a "
			    "brace)");
			return -1;
		}
		if (hole(t, s + 1, (size_t)(close - s - 1), sc) < 0)
			rc = -1;
		s = close + 1;
	}
	if (cur_group) {
		diag_error(loc, "'[[' without ']]'");
		rc = -1;
	}
	cur_group = 0;
	return rc;
}

void
tmpl_free(struct tmpl *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++) {
		free(t->parts[i].text);
		free(t->parts[i].dflt);
	}
	free(t->parts);
	t->parts = NULL;
	t->n = 0;
}

int
tmpl_uses_cols(const struct tmpl *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->parts[i].kind == TP_COL)
			return 1;
	return 0;
}

static void
part_value(const struct tpart *p, const struct tmpl_env *env,
    struct qvalue *v)
{
	if (p->kind == TP_FIELD)
		*v = p->v;
	else if (p->kind == TP_COL)
		query_get(env->m, env->list, env->row, p->col, v);
	else if (p->kind == TP_SECTION) {
		memset(v, 0, sizeof(*v));
		v->type = QV_TEXT;
		v->text = env->section ? env->section : "";
	} else
		v->type = QV_INT;
}

/* Is a value in the group starting at part i empty?  *end: past it. */
static int
group_empty(const struct tmpl *t, size_t i, const struct tmpl_env *env,
    size_t *end)
{
	int g = t->parts[i].group, empty = 0;
	struct qvalue v;

	for (; i < t->n && t->parts[i].group == g; i++) {
		if (t->parts[i].kind == TP_TEXT)
			continue;
		part_value(&t->parts[i], env, &v);
		empty |= !t->parts[i].dflt && (v.type == QV_NONE ||
		    (v.type == QV_TEXT && v.text[0] == '\0'));
	}
	*end = i;
	return empty;
}

/* {page} and {pages}: in the layout's page style, or in the format the
 * template gives ({page:plain}). */
static void
page_number(const struct tpart *p, const struct tmpl_env *env,
    struct buf *out)
{
	long n = p->kind == TP_PAGE ? env->page : env->pages;
	struct qvalue v;

	if (p->fmt.kind == FMT_AUTO) {
		fmt_page_number(n, env->pagestyle, out);
		return;
	}
	memset(&v, 0, sizeof(v));
	v.type = QV_INT;
	v.i = n;
	fmt_value(&v, &p->fmt, env->loc, out);
}

static void
value_or_default(const struct tpart *p, const struct qvalue *v,
    const struct tmpl_env *env, struct buf *out)
{
	if (p->dflt && (v->type == QV_NONE || (v->type == QV_TEXT &&
	    v->text[0] == '\0')))
		buf_puts(out, p->dflt);
	else
		fmt_value(v, &p->fmt, env->loc, out);
}

void
tmpl_expand(const struct tmpl *t, const struct tmpl_env *env,
    struct buf *out)
{
	struct qvalue v;
	size_t i, end;

	buf_add(out, "", 0);
	for (i = 0; i < t->n; i++) {
		const struct tpart *p = &t->parts[i];

		if (p->group && (i == 0 || t->parts[i - 1].group != p->group) &&
		    group_empty(t, i, env, &end)) {
			i = end - 1;
			continue;
		}
		switch (p->kind) {
		case TP_TEXT:
			buf_puts(out, p->text);
			break;
		case TP_FIELD:
			value_or_default(p, &p->v, env, out);
			break;
		case TP_COL:
			query_get(env->m, env->list, env->row, p->col, &v);
			value_or_default(p, &v, env, out);
			break;
		case TP_PAGE:
		case TP_PAGES:
			page_number(p, env, out);
			break;
		case TP_SECTION:
			buf_puts(out, env->section ? env->section : "");
			break;
		case TP_ROWS:
			fmt_number((double)env->rows, 0, env->loc, out);
			break;
		}
	}
}
