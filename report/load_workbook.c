/* load_workbook.c - loads and checks a workbook layout (load_workbook.h;
 * format: layouts/workbook.md).  Everything that could make libxlsxwriter
 * write a broken file, or the renderer look up a name that does not exist,
 * is reported here at its file:line, before any output is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load_workbook.h"
#include "schema.h"

#define O(t, f) offsetof(struct t, f)
#define STR(t, k, f) {k, ST_STR, O(t, f), 0, 0, 0, 0, 0, NULL}
#define STRL(t, k, f, l) {k, ST_STR, O(t, f), SF_LOC, 0, O(t, l), 0, 0, NULL}
#define BOOL(t, k, f) {k, ST_BOOL, O(t, f), 0, 0, 0, 0, 0, NULL}
#define LONG(t, k, f, lo, hi) {k, ST_LONG, O(t, f), 0, 0, 0, lo, hi, NULL}
#define ENUM(t, k, f, n) {k, ST_ENUM, O(t, f), 0, 0, 0, 0, 0, n}
#define END {NULL, 0, 0, 0, 0, 0, 0, 0, NULL}

#define XLSX_MAX_ROWS 1048576L
#define XLSX_MAX_COLS 16384L
#define SHEET_NAME_MAX 31       /* UTF-16 units, as Excel counts them */
#define FONT_NAME_MAX 31        /* Excel's limit */
#define NUM_FORMAT_MAX 127      /* libxlsxwriter cuts longer ones silently */

static const char *const border_names[] = {"none", "thin", "medium",
	"thick", "dashed", "dotted", "double", "hair", NULL};
static const char *const align_names[] = {"general", "left", "center",
	"right", NULL};
static const char *const valign_names[] = {"bottom", "top", "center", NULL};
static const char *const chart_names[] = {"bar", "column", "line", "time",
	NULL};
static const char *const formula_names[] = {"none", "share", "rank", NULL};
static const char *const total_names[] = {"none", "sum", NULL};
const char *const wb_paper_names[] = {"A4", "A3", "Letter", "Legal", NULL};
const unsigned char wb_paper_codes[] = {9, 8, 1, 5};

static const struct schema_field book_fields[] = {
	STRL(wb_props, "title", title, tloc[0]),
	STRL(wb_props, "subject", subject, tloc[1]),
	STRL(wb_props, "author", author, tloc[2]),
	STRL(wb_props, "manager", manager, tloc[3]),
	STRL(wb_props, "company", company, tloc[4]),
	STRL(wb_props, "category", category, tloc[5]),
	STRL(wb_props, "keywords", keywords, tloc[6]),
	STRL(wb_props, "comments", comments, tloc[7]),
	STRL(wb_props, "status", status, tloc[8]),
	STR(wb_props, "date_day", date_day),
	STR(wb_props, "date_month", date_month),
	STR(wb_props, "date_year", date_year),
	STR(wb_props, "thousands", thousands),
	{"constant_memory_rows", ST_LONG, O(wb_props, constant_memory_rows),
	    SF_REQUIRED, 0, 0, 1, XLSX_MAX_ROWS, NULL},
	ENUM(wb_props, "paper", paper, wb_paper_names),
	STR(wb_props, "footer", footer),
	END
};

static const struct schema_field format_fields[] = {
	STR(wb_format, "font", font),
	{"size", ST_DOUBLE, O(wb_format, size), 0, O(wb_format, has_size), 0,
	    0, 0, NULL},
	BOOL(wb_format, "bold", bold), BOOL(wb_format, "italic", italic),
	BOOL(wb_format, "underline", underline),
	BOOL(wb_format, "wrap", wrap),
	STRL(wb_format, "color", color, color_loc),
	STRL(wb_format, "fill", fill, fill_loc),
	STRL(wb_format, "border_color", border_color, bcolor_loc),
	ENUM(wb_format, "border", border, border_names),
	ENUM(wb_format, "top", top, border_names),
	ENUM(wb_format, "bottom", bottom, border_names),
	ENUM(wb_format, "align", align, align_names),
	ENUM(wb_format, "valign", valign, valign_names),
	LONG(wb_format, "indent", indent, 0, 15),
	STR(wb_format, "num_format", num_format),
	END
};

static const struct schema_field sheet_fields[] = {
	{"name", ST_STR, O(wb_sheet, name), SF_REQUIRED | SF_LOC, 0,
	    O(wb_sheet, name_loc), 0, 0, NULL},
	{"list", ST_STR, O(wb_sheet, list), SF_REQUIRED | SF_LOC, 0,
	    O(wb_sheet, list_loc), 0, 0, NULL},
	STRL(wb_sheet, "title", title, title_loc),
	STRL(wb_sheet, "note", note, note_loc),
	STRL(wb_sheet, "group", group, group_loc),
	STRL(wb_sheet, "across", across, across_loc),
	STRL(wb_sheet, "title_format", title_format, tf_loc),
	STRL(wb_sheet, "note_format", note_format, nf_loc),
	STRL(wb_sheet, "header_format", header_format, hf_loc),
	STRL(wb_sheet, "total_format", total_format, totf_loc),
	STRL(wb_sheet, "band_format", band_format, bf_loc),
	STRL(wb_sheet, "table_style", table_style, style_loc),
	STRL(wb_sheet, "sort", sort, sort_loc),
	BOOL(wb_sheet, "descending", descending),
	BOOL(wb_sheet, "freeze", freeze),
	LONG(wb_sheet, "freeze_columns", freeze_columns, 0, 100),
	BOOL(wb_sheet, "autofilter", autofilter),
	BOOL(wb_sheet, "landscape", landscape),
	BOOL(wb_sheet, "fit_width", fit_width),
	STR(wb_sheet, "total_label", total_label),
	STR(wb_sheet, "itemised_label", itemised_label),
	STR(wb_sheet, "stated_label", stated_label),
	STR(wb_sheet, "difference_label", difference_label),
	END
};

static const struct schema_field column_fields[] = {
	{"header", ST_STR, O(wb_column, header), SF_REQUIRED | SF_LOC, 0,
	    O(wb_column, header_loc), 0, 0, NULL},
	{"width", ST_DOUBLE, O(wb_column, width), 0, O(wb_column, has_width),
	    0, 0, 0, NULL},
	STRL(wb_column, "format", format, format_loc),
	STR(wb_column, "yes", yes), STR(wb_column, "no", no),
	BOOL(wb_column, "link", link),
	BOOL(wb_column, "repeat", repeat),
	STRL(wb_column, "change", change, change_loc),
	ENUM(wb_column, "formula", formula, formula_names),
	STRL(wb_column, "of", of, of_loc),
	ENUM(wb_column, "total", sum, total_names),
	STRL(wb_column, "stated", stated, stated_loc),
	STRL(wb_column, "when", when, when_loc),
	END
};

static const struct schema_field chart_fields[] = {
	{"sheet", ST_STR, O(wb_chart, sheet), SF_REQUIRED | SF_LOC, 0,
	    O(wb_chart, sheet_loc), 0, 0, NULL},
	{"type", ST_ENUM, O(wb_chart, type), SF_REQUIRED, 0, 0, 0, 0,
	    chart_names},
	STRL(wb_chart, "title", title, title_loc),
	{"categories", ST_STR, O(wb_chart, categories), SF_REQUIRED | SF_LOC,
	    0, O(wb_chart, cat_loc), 0, 0, NULL},
	{"values", ST_STR, O(wb_chart, values), SF_REQUIRED | SF_LOC, 0,
	    O(wb_chart, val_loc), 0, 0, NULL},
	STRL(wb_chart, "apart", apart, apart_loc),
	LONG(wb_chart, "rows", rows, 1, XLSX_MAX_ROWS),
	STRL(wb_chart, "anchor", anchor, anchor_loc),
	LONG(wb_chart, "width", width, 100, 4000),
	LONG(wb_chart, "height", height, 100, 4000),
	STRL(wb_chart, "color", color, color_loc),
	STRL(wb_chart, "x_title", x_title, x_loc),
	STRL(wb_chart, "y_title", y_title, y_loc),
	STR(wb_chart, "num_format", num_format),
	STR(wb_chart, "category_format", category_format),
	STR(wb_chart, "plan_label", plan_label),
	BOOL(wb_chart, "legend", legend), BOOL(wb_chart, "labels", labels),
	END
};

#define KIND(t, arr, f, max) {#t, 0, sizeof(struct wb_##t), \
	O(wb_layout, arr), O(wb_layout, n##arr), O(wb_##t, id), \
	O(wb_##t, loc), f, NULL, max}

static const struct schema_kind layout_kinds[] = {
	{"workbook", 1, sizeof(struct wb_props), O(wb_layout, book), 0, 0,
	    O(wb_props, loc), book_fields, NULL, 0},
	KIND(format, formats, format_fields, 200),
	KIND(sheet, sheets, sheet_fields, 200),
	KIND(column, columns, column_fields, 5000),
	KIND(chart, charts, chart_fields, 200),
	{0}
};

/* ---- templates ---- */

void
wb_value_text(const struct qvalue *v, const char *thousands, struct buf *b)
{
	char s[64];

	switch (v->type) {
	case QV_TEXT:
		buf_puts(b, v->text);
		break;
	case QV_INT:
		num_format(v->i, thousands ? thousands : "", s, sizeof(s));
		buf_puts(b, s);
		break;
	case QV_REAL:
		buf_printf(b, "%g", v->r);
		break;
	case QV_DATE:
		date_long(&v->d, s, sizeof(s));
		buf_puts(b, s);
		break;
	default:
		break;
	}
}

/* {across} and {previous}: the values a repeated column stands for. */
static int
local_field(const char *name, size_t n, const struct wb_tctx *tc,
    const struct qvalue **v)
{
	*v = NULL;
	if (n == 6 && memcmp(name, "across", 6) == 0) {
		*v = tc ? tc->across : NULL;
		return 1;
	}
	if (n == 8 && memcmp(name, "previous", 8) == 0) {
		*v = tc ? tc->previous : NULL;
		return 1;
	}
	return 0;
}

/* Expand one {field} into b (when not NULL), or check it (check != NULL;
 * locals says whether {across} and {previous} are allowed). */
static int
field(const struct model *m, const char *name, size_t n,
    const struct wb_tctx *tc, struct buf *b, const struct loc *check,
    int locals)
{
	const struct qvalue *lv;
	struct qvalue v;
	char *path;
	int rc;

	if (local_field(name, n, tc, &lv)) {
		if (check && !locals) {
			diag_error(check, "'{%.*s}' is only for the header and "
			    "change of a repeated column", (int)n, name);
			return -1;
		}
		if (lv && b)
			wb_value_text(lv, tc->thousands, b);
		return 0;
	}
	path = xstrndup(name, n);
	rc = query_field(m, path, &v);
	if (rc < 0 && check)
		diag_error(check, "unknown field '{%s}' in template", path);
	else if (rc == 0 && b)
		wb_value_text(&v, tc ? tc->thousands : NULL, b);
	free(path);
	return rc;
}

static int
walk(const struct model *m, const char *t, const struct wb_tctx *tc,
    struct buf *b, const struct loc *check, int locals)
{
	const char *p = t, *close;
	int rc = 0;

	while (*p) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			if (b)
				buf_add(b, p, 1);
			p += 2;
			continue;
		}
		if (*p == '{' && (close = strchr(p, '}')) != NULL) {
			if (field(m, p + 1, (size_t)(close - p - 1), tc, b,
			    check, locals) < 0)
				rc = -1;
			p = close + 1;
			continue;
		}
		if (*p == '{' || *p == '}') {
			if (check)
				diag_error(check, "unbalanced '%c' in template "
				    "(write '%c%c' for the character itself)",
				    *p, *p, *p);
			rc = -1;
		} else if (b)
			buf_add(b, p, 1);
		p++;
	}
	return rc;
}

void
wb_template(const struct model *m, const char *t, const struct wb_tctx *tc,
    struct buf *b)
{
	buf_add(b, "", 0);
	if (t)
		walk(m, t, tc, b, NULL, 1);
}

static void
check_template(const struct model *m, const char *t, const struct loc *loc,
    int locals)
{
	if (t)
		walk(m, t, NULL, NULL, loc, locals);
}

/* ---- formats ---- */

/* "#1F3864" into *rgb; reports at loc when malformed. */
static void
parse_color(const char *s, const struct loc *loc, uint32_t *rgb, int *has)
{
	if (s == NULL)
		return;
	if (s[0] != '#' || strlen(s) != 7 ||
	    strspn(s + 1, "0123456789abcdefABCDEF") != 6) {
		diag_error(loc, "colour '%s' is not of the form #RRGGBB", s);
		return;
	}
	*rgb = (uint32_t)strtoul(s + 1, NULL, 16);
	*has = 1;
}

static void
check_num_format(const char *nf, const struct loc *loc)
{
	if (nf && strlen(nf) > NUM_FORMAT_MAX)
		diag_error(loc, "number format '%s' is longer than %d bytes", nf,
		    NUM_FORMAT_MAX);
}

static long
find_format(const struct wb_layout *l, const char *id, const struct loc *loc)
{
	size_t i;

	if (id == NULL)
		return -1;
	for (i = 0; i < l->nformats; i++)
		if (strcmp(l->formats[i].id, id) == 0)
			return (long)i;
	diag_error(loc, "unknown format '%s' (no [format %s] in %s)", id, id,
	    l->path);
	return -1;
}

static void
check_formats(struct wb_layout *l)
{
	size_t i;

	for (i = 0; i < l->nformats; i++) {
		struct wb_format *f = &l->formats[i];

		parse_color(f->color, &f->color_loc, &f->rgb_color,
		    &f->has_color);
		parse_color(f->fill, &f->fill_loc, &f->rgb_fill, &f->has_fill);
		parse_color(f->border_color, &f->bcolor_loc, &f->rgb_border,
		    &f->has_border_color);
		if (f->has_size && (f->size < 1 || f->size > 409))
			diag_error(&f->loc, "font size %g is not from 1 to 409",
			    f->size);
		if (f->font && utf8_len(f->font) > FONT_NAME_MAX)
			diag_error(&f->loc, "font name '%s' is longer than %d "
			    "characters", f->font, FONT_NAME_MAX);
		check_num_format(f->num_format, &f->loc);
	}
}

/* ---- sheets ---- */

/* Excel counts the length of a sheet name in UTF-16 code units. */
static size_t
utf16_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c & 0xC0) != 0x80)
			n += c >= 0xF0 ? 2 : 1;
	}
	return n;
}

/* Excel's rules, which libxlsxwriter does not all enforce (a bad name
 * makes a file Excel opens only after a repair): 1 to 31
 * characters, none of []:*?/\, no apostrophe at either end, not
 * "History" (reserved by Excel for change tracking), unique ignoring case. */
static void
check_sheet_name(const struct wb_layout *l, size_t i)
{
	const struct wb_sheet *s = &l->sheets[i];
	const char *n = s->name, *bad;
	size_t j;

	if (n == NULL)
		return;
	if (utf16_len(n) > SHEET_NAME_MAX)
		diag_error(&s->name_loc, "sheet name '%s' is %zu characters "
		    "long; Excel allows at most %d", n, utf16_len(n),
		    SHEET_NAME_MAX);
	if ((bad = strpbrk(n, "[]:*?/\\")) != NULL)
		diag_error(&s->name_loc, "sheet name '%s' contains '%c'; Excel "
		    "allows none of []:*?/\\ in a sheet name", n, *bad);
	if (n[0] == '\'' || n[strlen(n) - 1] == '\'')
		diag_error(&s->name_loc, "sheet name '%s' begins or ends with "
		    "an apostrophe, which Excel does not allow", n);
	if (str_ieq(n, "History"))
		diag_error(&s->name_loc, "sheet name '%s' is reserved by Excel "
		    "(for tracking changes); choose another", n);
	for (j = 0; j < i; j++)
		if (l->sheets[j].name && str_ieq(l->sheets[j].name, n)) {
			diag_error(&s->name_loc, "sheet name '%s' is already "
			    "the name of [sheet %s] at line %d (Excel ignores "
			    "case)", n, l->sheets[j].id,
			    l->sheets[j].name_loc.line);
			break;
		}
}

/* "none", or "light N" (1-21), "medium N" (1-28), "dark N" (1-11). */
static void
parse_table_style(struct wb_sheet *s)
{
	static const struct {
		const char *name;
		int max;
	} t[] = {{"light", 21}, {"medium", 28}, {"dark", 11}};
	char word[16];
	int n, i, used = 0;

	if (s->table_style == NULL || strcmp(s->table_style, "none") == 0)
		return;
	if (sscanf(s->table_style, "%15s %d%n", word, &n, &used) == 2 &&
	    s->table_style[used] == '\0')
		for (i = 0; i < 3; i++)
			if (strcmp(word, t[i].name) == 0 && n >= 1 &&
			    n <= t[i].max) {
				s->table_type = i + 1;
				s->table_number = n;
				return;
			}
	diag_error(&s->style_loc, "table style '%s' is not 'none', "
	    "'light 1'-'light 21', 'medium 1'-'medium 28' or 'dark 1'-'dark 11'",
	    s->table_style);
}

/* A column of the sheet's list, or -1 after reporting at loc. */
static int
list_col(const struct wb_sheet *s, const char *name, const struct loc *loc)
{
	int q = query_col(s->ql, name);

	if (q < 0)
		diag_error(loc, "unknown column '%s' in list '%s' (columns: %s)",
		    name, s->list, query_col_names(s->ql));
	return q;
}

static void
check_list(struct wb_sheet *s, const struct model *m)
{
	const char *const *n;
	struct buf b = {0};

	s->group_q = s->across_q = -1;
	if (s->list == NULL)
		return;
	if ((s->ql = query_list(m, s->list)) == NULL) {
		for (n = query_list_names(); *n; n++)
			buf_printf(&b, "%s%s", n == query_list_names() ? "" :
			    ", ", *n);
		diag_error(&s->list_loc, "unknown list '%s' (lists: %s)",
		    s->list, b.data);
		buf_free(&b);
		return;
	}
	if ((s->group == NULL) != (s->across == NULL))
		diag_error(&s->loc, "'group' and 'across' go together: one row "
		    "per group, one repeated column per value across");
	if (s->group)
		s->group_q = list_col(s, s->group, &s->group_loc);
	if (s->across)
		s->across_q = list_col(s, s->across, &s->across_loc);
}

static void
check_sheets(struct wb_layout *l, const struct model *m)
{
	size_t i;

	for (i = 0; i < l->nsheets; i++) {
		struct wb_sheet *s = &l->sheets[i];

		check_sheet_name(l, i);
		check_list(s, m);
		s->fmt_title = find_format(l, s->title_format, &s->tf_loc);
		s->fmt_note = find_format(l, s->note_format, &s->nf_loc);
		s->fmt_header = find_format(l, s->header_format, &s->hf_loc);
		s->fmt_total = find_format(l, s->total_format, &s->totf_loc);
		s->fmt_band = find_format(l, s->band_format, &s->bf_loc);
		parse_table_style(s);
		check_template(m, s->title, &s->title_loc, 0);
		check_template(m, s->note, &s->note_loc, 0);
		s->sort_col = -1;
		if (s->difference_label && !s->stated_label)
			diag_error(&s->loc, "difference_label needs "
			    "stated_label (the difference is total - stated)");
		if (s->stated_label && !s->total_label)
			diag_error(&s->loc, "stated_label needs total_label");
	}
}

/* ---- columns ---- */

static long
find_sheet(const struct wb_layout *l, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < l->nsheets; i++)
		if (strlen(l->sheets[i].id) == len &&
		    strncmp(l->sheets[i].id, id, len) == 0)
			return (long)i;
	return -1;
}

const struct wb_column *
wb_col(const struct wb_layout *l, const struct wb_sheet *s, size_t k)
{
	return &l->columns[s->cols[k]];
}

/* Index into s->cols of the column called name, or -1. */
static long
find_col(const struct wb_layout *l, const struct wb_sheet *s,
    const char *name)
{
	size_t k;

	for (k = 0; k < s->ncols; k++)
		if (strcmp(wb_col(l, s, k)->name, name) == 0)
			return (long)k;
	return -1;
}

/* Give [column SHEET.NAME] its sheet and list column; 0 when known. */
static int
resolve_column(struct wb_layout *l, struct wb_column *c)
{
	const char *dot = strchr(c->id, '.');
	long si;

	c->qcol = -1;
	c->of_col = -1;
	if (dot == NULL || dot == c->id || dot[1] == '\0') {
		diag_error(&c->loc, "a column section is named '[column "
		    "SHEET.NAME]', as in '[column contributions.troops]'");
		return -1;
	}
	c->name = dot + 1;
	si = find_sheet(l, c->id, (size_t)(dot - c->id));
	if (si < 0) {
		diag_error(&c->loc, "no [sheet %.*s] in %s", (int)(dot - c->id),
		    c->id, l->path);
		return -1;
	}
	c->sheet = (size_t)si;
	l->sheets[si].nsections++;
	if (l->sheets[si].ql == NULL)
		return -1;      /* its list was already reported */
	if (c->formula == WBX_NONE &&
	    (c->qcol = list_col(&l->sheets[si], c->name, &c->loc)) < 0)
		return -1;
	return 0;
}

/* Keys that only some kinds of column may have. */
static void
check_column_keys(const struct wb_sheet *s, const struct wb_column *c)
{
	if ((c->yes == NULL) != (c->no == NULL))
		diag_error(&c->loc, "'yes' and 'no' go together: the labels "
		    "of a yes-or-no column");
	if (c->repeat && s->across == NULL)
		diag_error(&c->loc, "'repeat' needs 'across' in [sheet %s]",
		    s->id);
	if (c->change && !c->repeat)
		diag_error(&c->loc, "'change' is for a repeated column");
	if (c->formula && s->across)
		diag_error(&c->loc, "a sheet with 'across' has no formula "
		    "columns other than 'change'");
	if (c->formula && c->of == NULL)
		diag_error(&c->loc, "formula '%s' needs 'of = COLUMN'",
		    formula_names[c->formula]);
	if (!c->formula && c->of)
		diag_error(&c->of_loc, "'of' is for a formula column");
	if (c->sum && (s->across || !s->total_label))
		diag_error(&c->loc, "'total = sum' needs 'total_label' in "
		    "[sheet %s] (and no 'across')", s->id);
	if (c->stated && !c->sum)
		diag_error(&c->stated_loc, "'stated' needs 'total = sum'");
	if (c->link && (c->formula || c->repeat || c->yes))
		diag_error(&c->loc, "'link' is for a column of text");
}

static void
check_column(struct wb_layout *l, const struct model *m, size_t i)
{
	struct wb_column *c = &l->columns[i];
	struct qvalue v;
	struct wb_sheet *s;

	c->fmt = find_format(l, c->format, &c->format_loc);
	check_template(m, c->header, &c->header_loc, c->repeat);
	check_template(m, c->change, &c->change_loc, c->repeat);
	if (c->has_width && (c->width < 0 || c->width > 255))
		diag_error(&c->loc, "column width %g is not from 0 to 255",
		    c->width);
	if (c->stated && query_field(m, c->stated, &v) < 0)
		diag_error(&c->stated_loc, "unknown field '%s'", c->stated);
	if (resolve_column(l, c) < 0)
		return;
	s = &l->sheets[c->sheet];
	check_column_keys(s, c);
	*(size_t *)array_push(&s->cols, &s->ncols, sizeof(size_t)) = i;
	if (c->stated)
		s->has_stated = 1;
}

/* A formula's `of`: a plain column of the same sheet. */
static void
resolve_of(struct wb_layout *l, struct wb_sheet *s, struct wb_column *c)
{
	const struct wb_column *o;

	if (c->of == NULL || c->formula == WBX_NONE)
		return;
	if ((c->of_col = find_col(l, s, c->of)) < 0) {
		diag_error(&c->of_loc, "[sheet %s] has no column '%s'", s->id,
		    c->of);
		return;
	}
	o = wb_col(l, s, (size_t)c->of_col);
	if (o->formula)
		diag_error(&c->of_loc, "'%s' is itself a formula column",
		    c->of);
	else if (c->formula == WBX_SHARE && !o->sum)
		diag_error(&c->of_loc, "a share divides by the total of '%s': "
		    "give that column 'total = sum'", c->of);
}

static void
check_sort(struct wb_layout *l, struct wb_sheet *s)
{
	const struct wb_column *c;
	long k;

	if (s->sort == NULL)
		return;
	if ((k = find_col(l, s, s->sort)) < 0) {
		diag_error(&s->sort_loc, "sort: [sheet %s] has no column '%s'",
		    s->id, s->sort);
		return;
	}
	c = wb_col(l, s, (size_t)k);
	if (c->formula || c->repeat)
		diag_error(&s->sort_loc, "sort: '%s' is computed; sort by a "
		    "column of the list", s->sort);
	s->sort_col = k;
}

/* Checks that need every column of a sheet. */
static void
check_sheet_columns(struct wb_layout *l, struct wb_sheet *s)
{
	size_t k, nrep = 0;

	if (s->ql == NULL)
		return;
	if (s->ncols == 0) {
		if (s->nsections == 0)
			diag_error(&s->loc, "[sheet %s] has no columns (add "
			    "'[column %s.NAME]' sections after it)", s->id,
			    s->id);
		return;
	}
	for (k = 0; k < s->ncols; k++) {
		struct wb_column *c = &l->columns[s->cols[k]];

		resolve_of(l, s, c);
		nrep += c->repeat;
	}
	if (s->total_label && wb_col(l, s, 0)->sum)
		diag_error(&s->loc, "the total rows put their labels in the "
		    "first column, so it cannot have 'total = sum'");
	if (s->across && nrep == 0)
		diag_error(&s->loc, "[sheet %s] has 'across' but no column "
		    "with 'repeat = yes'", s->id);
	if (s->stated_label && !s->has_stated)
		diag_error(&s->loc, "stated_label needs a column with "
		    "'stated = FIELD'");
	if (s->freeze_columns > (long)s->ncols)
		diag_error(&s->loc, "freeze_columns is %ld, but the sheet has "
		    "%zu columns", s->freeze_columns, s->ncols);
	check_sort(l, s);
}

/* ---- charts ---- */

static long
chart_col(const struct wb_layout *l, const struct wb_sheet *s,
    const char *name, const struct loc *loc)
{
	long k = find_col(l, s, name);

	if (k < 0)
		diag_error(loc, "[sheet %s] has no column '%s'", s->id, name);
	else if (wb_col(l, s, (size_t)k)->repeat)
		diag_error(loc, "column '%s' is repeated across the sheet; a "
		    "chart takes a single column", name);
	return k;
}

/* "H3" into row 2, column 7. */
static int
parse_cell(const char *s, uint32_t *row, uint16_t *col)
{
	unsigned long c = 0, r = 0;
	const char *p = s;

	for (; *p >= 'A' && *p <= 'Z' && p - s < 3; p++)
		c = c * 26 + (unsigned long)(*p - 'A' + 1);
	if (p == s || *p < '1' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9' && r <= XLSX_MAX_ROWS; p++)
		r = r * 10 + (unsigned long)(*p - '0');
	if (*p != '\0' || c > XLSX_MAX_COLS || r > XLSX_MAX_ROWS)
		return -1;
	*row = (uint32_t)(r - 1);
	*col = (uint16_t)(c - 1);
	return 0;
}

static void
check_chart(struct wb_layout *l, const struct model *m, struct wb_chart *ch)
{
	const struct wb_sheet *s;
	long si, k;

	check_template(m, ch->title, &ch->title_loc, 0);
	check_template(m, ch->x_title, &ch->x_loc, 0);
	check_template(m, ch->y_title, &ch->y_loc, 0);
	parse_color(ch->color, &ch->color_loc, &ch->rgb, &ch->has_rgb);
	ch->below = ch->anchor && strcmp(ch->anchor, "below") == 0;
	if (ch->anchor && !ch->below && parse_cell(ch->anchor, &ch->anchor_row,
	    &ch->anchor_col) < 0)
		diag_error(&ch->anchor_loc, "anchor '%s' is not a cell such "
		    "as 'H3' (or 'below')", ch->anchor);
	ch->has_anchor = ch->anchor != NULL && !ch->below;
	if (ch->sheet == NULL)
		return;
	if ((si = find_sheet(l, ch->sheet, strlen(ch->sheet))) < 0) {
		diag_error(&ch->sheet_loc, "no [sheet %s] in %s", ch->sheet,
		    l->path);
		return;
	}
	ch->sheet_idx = (size_t)si;
	s = &l->sheets[si];
	if (s->ql == NULL || s->ncols == 0)
		return;
	if (ch->categories &&
	    (k = chart_col(l, s, ch->categories, &ch->cat_loc)) >= 0)
		ch->cat_col = (size_t)k;
	if (ch->values && (k = chart_col(l, s, ch->values, &ch->val_loc)) >= 0)
		ch->val_col = (size_t)k;
	ch->apart_col = -1;
	if (ch->apart && ch->type != WB_CHART_TIME)
		diag_error(&ch->apart_loc, "'apart' is for a chart of type "
		    "'time'");
	else if (ch->apart)
		ch->apart_col = chart_col(l, s, ch->apart, &ch->apart_loc);
}

static void
check_book(struct wb_layout *l, const struct model *m)
{
	const struct wb_props *b = &l->book;
	const char *const t[] = {b->title, b->subject, b->author, b->manager,
	    b->company, b->category, b->keywords, b->comments, b->status};
	size_t i;

	if (b->loc.line == 0) {
		diag_file_error(l->path, "missing section '[workbook]'");
		return;
	}
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		check_template(m, t[i], &b->tloc[i], 0);
	check_num_format(b->date_day, &b->loc);
	check_num_format(b->date_month, &b->loc);
	check_num_format(b->date_year, &b->loc);
	if (l->nsheets == 0)
		diag_file_error(l->path, "no [sheet] sections: a workbook "
		    "needs at least one sheet");
}

/* Is `when = FIELD` true for this mission?  An item it does not have
 * (`when = text.ID` of a text it lacks) is false; another unknown name
 * an error. */
static int
column_wanted(const struct model *m, const struct wb_column *c)
{
	struct qvalue v;

	if (c->when == NULL)
		return 1;
	if (query_field(m, c->when, &v) < 0) {
		if (!query_names_item(c->when))
			diag_error(&c->when_loc, "unknown field '%s' in 'when'",
			    c->when);
		return 0;
	}
	switch (v.type) {
	case QV_INT:
		return v.i != 0;
	case QV_REAL:
		return v.r != 0;
	case QV_TEXT:
		return v.text[0] != '\0';
	case QV_DATE:
		return 1;
	default:
		return 0;
	}
}

/* Columns whose `when` is false go before anything refers to them; the
 * `yes` and `no` labels may name fields ({mission.member}). */
static void
fit_columns(struct wb_layout *l, const struct model *m)
{
	static const struct wb_tctx tc = {NULL, NULL, ""};
	size_t i, k = 0;

	for (i = 0; i < l->ncolumns; i++) {
		struct wb_column *c = &l->columns[i];
		char **lab[2] = {&c->yes, &c->no};

		if (!column_wanted(m, c)) {
			schema_free_item(&layout_kinds[3], c);
			continue;
		}
		for (int j = 0; j < 2; j++)
			if (*lab[j] && strchr(*lab[j], '{')) {
				struct buf b = {0};
				int before = diag_errors();

				check_template(m, *lab[j], &c->loc, 0);
				if (diag_errors() > before)
					continue;
				wb_template(m, *lab[j], &tc, &b);
				free(*lab[j]);
				*lab[j] = b.data ? b.data : xstrdup("");
			}
		l->columns[k++] = *c;
	}
	l->ncolumns = k;
}

/* Every check, once the file is parsed into l. */
static struct wb_layout *
check_layout(struct wb_layout *l, const struct model *m, int before)
{
	size_t i;

	fit_columns(l, m);
	check_book(l, m);
	check_formats(l);
	check_sheets(l, m);
	for (i = 0; i < l->ncolumns; i++)
		check_column(l, m, i);
	for (i = 0; i < l->nsheets; i++)
		check_sheet_columns(l, &l->sheets[i]);
	for (i = 0; i < l->ncharts; i++)
		check_chart(l, m, &l->charts[i]);
	if (diag_errors() > before) {
		wb_layout_free(l);
		return NULL;
	}
	return l;
}

struct wb_layout *
load_workbook(const char *path, const struct model *m)
{
	struct wb_layout *l = xcalloc(1, sizeof(*l));
	int before = diag_errors();

	l->path = xstrdup(path);
	if (schema_load(path, layout_kinds, l, l) < 0) {
		wb_layout_free(l);
		return NULL;
	}
	return check_layout(l, m, before);
}

struct wb_layout *
load_workbook_mem(const char *name, const char *text, size_t len,
    const struct model *m)
{
	struct wb_layout *l = xcalloc(1, sizeof(*l));
	int before = diag_errors();

	l->path = xstrdup(name);
	schema_load_mem(name, text, len, layout_kinds, l, l);
	return check_layout(l, m, before);
}

void
wb_layout_free(struct wb_layout *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->nsheets; i++)
		free(l->sheets[i].cols);
	schema_free(layout_kinds, l);
	free(l->path);
	free(l);
}
