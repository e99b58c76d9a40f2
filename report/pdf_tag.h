/* pdf_tag.h - the logical structure of a PDF (tagged PDF, PDF/UA-1):
 * a tree of structure elements (H1, P, L, Table, Figure...) in reading
 * order, and the marked content on the pages that belongs to each.
 *
 * libharu has no tagging API: this module writes BDC/EMC operators into
 * the page content streams itself and, before the document is saved,
 * builds the StructTreeRoot, the ParentTree and the page and annotation
 * keys with libharu's object API.
 *
 * The engine and the block drawers only say what they are drawing:
 *
 *     tag_at(e, 0, "Table", b);          a block-level element (depth 0)
 *     tag_at(e, 1, "TBody", t);          ... and its parts, by depth
 *     tag_at(e, 2, "TR", row);
 *     tag_at(e, 3, "TD", cell);          same key again: the same element
 *
 * Every helper that draws (text, rectangles, lines) calls tag_mark()
 * first: text goes into the innermost open element, rules, stripes and
 * backgrounds become artifacts; inside a Figure everything is the
 * figure's.  tag_artifact() makes all drawing artifacts (headers,
 * footers, repeated table headers). */
#ifndef BRIEFGEN_PDF_TAG_H
#define BRIEFGEN_PDF_TAG_H

#include <hpdf.h>

struct eng;
struct pdf_doc;
struct tag_tree;

struct tag_tree *tag_tree_new(void);
void tag_tree_free(struct tag_tree *t);

/* A layout run starts: its elements go under the document element, or
 * (part != 0) under a new Part element, in language lang (a Part says
 * it when it is not the document's). */
void tag_run_begin(struct pdf_doc *d, int part, const char *lang);
void tag_run_end(struct pdf_doc *d);

/* Make the element at `depth` (0: block level) one of `role` for `key`:
 * kept when it already is, else the elements from that depth down are
 * closed and a new one opened under the one at depth - 1.  Ignored inside
 * a Figure (its content is one picture). */
void tag_at(struct eng *e, int depth, const char *role, const void *key);
/* The language of the block drawn from now on (NULL: the run's): the
 * /Lang of the elements opened at depth 0. */
void tag_block_lang(struct eng *e, const char *lang);
/* Close the elements from `depth` down. */
void tag_close(struct eng *e, int depth);
/* The role of a heading at level `level` of the run (1: its title). */
const char *tag_heading(const struct eng *e, int level);

/* Attributes of the innermost open element. */
void tag_set_alt(struct eng *e, const char *alt);
void tag_set_scope(struct eng *e, const char *scope);   /* TH: Column, Row */

/* Before drawing on e->page: `decor` (a rule, a fill) is an artifact
 * unless it is part of a figure. */
void tag_mark(struct eng *e, int decor);
/* on != 0: everything drawn until tag_artifact(e, 0, 0) is an artifact
 * and opens no element; pagination marks headers and footers. */
void tag_artifact(struct eng *e, int on, int pagination);

/* Link annotation a (text `what` for readers) belongs to the innermost
 * open element, which should be a Link. */
void tag_annot(struct eng *e, HPDF_Annotation a, const char *what);

/* Write the tree into the document (once, before saving): the catalog's
 * StructTreeRoot, MarkInfo and Lang; StructParents and Tabs on every
 * page; StructParent on every annotation.  The document's language is
 * that of its first run.  Returns 0, or -1 after libharu failed (caller
 * checks). */
int tag_finish(struct pdf_doc *d);
/* The document's language (its first run's); NULL before any run. */
const char *tag_lang(const struct tag_tree *t);

#endif
