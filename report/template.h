/* template.h - text with {field} holes, as layouts write it:
 *   "{snapshot.total} troops from {snapshot.nations} nations"
 *   "Page {page} of {pages}"        (headers and footers)
 *   "{nation}: {troops}"            (a row of the block's list)
 *   "{fund.ana-trust-fund.amount:billions} billion"   (with a format)
 * A name with a dot is a field of the model (query_field); a name without
 * one is a column of the block's list or a special value of the place the
 * template is written in.  "{{" and "}}" are braces; "\n" breaks a line;
 * "[[ · {hq}]]" is an optional group, left out when a value in it is empty;
 * "{text.commands.title?Commands}" prints "Commands" when the value is empty
 * or the mission has no such item.
 * Templates are compiled when the layout is loaded, so an unknown name is
 * a file:line error before anything is drawn. */
#ifndef BRIEFGEN_TEMPLATE_H
#define BRIEFGEN_TEMPLATE_H

#include <stddef.h>

#include "format.h"
#include "query.h"
#include "util.h"

enum tp_kind { TP_TEXT, TP_FIELD, TP_COL, TP_PAGE, TP_PAGES, TP_ROWS,
	TP_SECTION };

struct tpart {
	enum tp_kind kind;
	char *text;             /* TP_TEXT */
	struct qvalue v;        /* TP_FIELD: fetched when compiled */
	int col;                /* TP_COL */
	struct fmt_spec fmt;
	int group;              /* optional group it belongs to; 0: none */
	char *dflt;             /* {name?text}: printed when the value is
				   empty; NULL: none */
};

struct tmpl {
	struct tpart *parts;
	size_t n;
	struct loc loc;
};

/* Specials a template may use where it is written. */
#define TS_PAGE 0x1             /* {page} and {pages} */
#define TS_ROWS 0x2             /* {rows}: rows of the block's table */
#define TS_SECTION 0x4          /* {section}: the title of the section */

/* A value a template may name besides the model's fields, such as
 * {pack.title}: known when the layout is loaded, not part of the model.
 * Arrays of them end with a NULL name; the caller keeps the strings
 * alive as long as the compiled templates. */
struct tmpl_var {
	const char *name, *value;
};

struct tmpl_scope {
	const struct model *m;
	const struct qlist *list;       /* whose columns names may use */
	const char *list_name;          /* for messages */
	unsigned specials;
	const struct tmpl_var *vars;    /* NULL: none */
};

/* Compile src (written at loc) into *t.  Returns 0, or -1 after reporting
 * every problem.  tmpl_free releases (NULL-safe, and safe on a zeroed or
 * failed template). */
int tmpl_compile(struct tmpl *t, const char *src, const struct loc *loc,
    const struct tmpl_scope *sc);
void tmpl_free(struct tmpl *t);

/* Does the template use a list column? */
int tmpl_uses_cols(const struct tmpl *t);

struct tmpl_env {
	const struct model *m;
	const struct qlist *list;
	size_t row;
	long page, pages, rows;
	const struct fmt_locale *loc;
	const char *section;            /* {section}; NULL: empty */
	enum fmt_pagestyle pagestyle;   /* of {page} and {pages} */
};

/* Append the text of t in env to out. */
void tmpl_expand(const struct tmpl *t, const struct tmpl_env *env,
    struct buf *out);

#endif
