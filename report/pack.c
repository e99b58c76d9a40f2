/* pack.c - the "pack" output type: a briefing pack, one PDF assembled
 * from several layouts over the model: a cover, a contents page and the
 * sections, with bookmarks, page labels and running headers.
 *
 * prepare() builds the whole document, so that `briefgen check` reports
 * everything a build would; render() only saves it.  The order matters:
 *   1. the cover; then one bookmark per part (contents, each section),
 *      made before any section is laid out so that the outline reads in
 *      document order;
 *   2. the sections, each layout's own bookmarks nested under its
 *      section's bookmark;
 *   3. the contents, now that every section's first page is known: its
 *      pages are inserted after the cover, so its length never moves a
 *      section's number;
 *   4. page numbers: the front matter (cover, contents) and the body (the
 *      sections) are numbered separately, each from 1, in the page-number
 *      style of their layouts, with PDF page labels to match; then the
 *      headers and footers ({page}, {pages}, {section}).
 * A section may see a restricted model (`command=taac-north`): a shallow
 * copy of the model whose array of that kind holds the one item. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cite.h"
#include "diag.h"
#include "layout.h"
#include "pdf_engine.h"
#include "query.h"
#include "render.h"

struct part {                   /* the cover, the contents or a section */
	const char *path;       /* the layout, as the configuration says */
	const struct loc *loc;  /* the configuration line naming it */
	int front;              /* cover or contents: numbered apart */
	struct layout *L;
	struct model *view;     /* a restricted copy; NULL: the model */
	struct model *cited;    /* of view (or the model): the sources the
				   part lists, cite.h; NULL: all */
	const struct model *m;  /* what L was loaded against */
	char *title;            /* {section}, bookmark, contents entry */
	struct pdf_run run;
	HPDF_Outline outline;
};

struct pack_prep {
	const struct model *m;
	struct tmpl_var vars[2];        /* pack.title; NULL-ended */
	struct part *parts;     /* cover, [contents], sections */
	size_t nparts;
	size_t nfront;          /* cover and contents */
	int has_contents;       /* parts[1] is the contents */
	struct pdf_toc_entry *toc;
	size_t ntoc;
	struct pdf_doc *doc;
	int pdfa;               /* it embeds the sRGB profile */
};

/* ---- restricted models ---- */

/* The kinds of item a section can be restricted to: arrays of the model
 * whose items have an id. */
#define KIND(k, type, arr) {k, offsetof(struct model, arr), \
	offsetof(struct model, n##arr), sizeof(struct type), \
	offsetof(struct type, id)}
static const struct {
	const char *kind;
	size_t arr, cnt, size, id;
} only_kinds[] = {
	KIND("snapshot", snapshot, snapshots),
	KIND("command", command, commands),
	KIND("event", event, events),
	KIND("fund", fund, funds),
	KIND("place", place, places),
	KIND("source", source, sources),
	KIND("basis", basis, bases),
};
#define NKINDS (sizeof(only_kinds) / sizeof(only_kinds[0]))

#define AT(p, off, T) ((T *)(void *)((char *)(p) + (off)))

static int
find_kind(const char *kind)
{
	size_t k;

	for (k = 0; k < NKINDS; k++)
		if (strcmp(only_kinds[k].kind, kind) == 0)
			return (int)k;
	return -1;
}

/* Cut the view's array of kind k to the item called id; -1 after
 * reporting at loc. */
static int
restrict_to(struct model *v, size_t k, const char *id, const struct loc *loc)
{
	char *arr = *AT(v, only_kinds[k].arr, char *);
	size_t n = *AT(v, only_kinds[k].cnt, size_t), i;

	for (i = 0; i < n; i++) {
		char *item = arr + i * only_kinds[k].size;

		if (strcmp(*AT(item, only_kinds[k].id, char *), id) == 0) {
			*AT(v, only_kinds[k].arr, char *) = item;
			*AT(v, only_kinds[k].cnt, size_t) = 1;
			return 0;
		}
	}
	diag_error(loc, "no %s '%s' in the data", only_kinds[k].kind, id);
	return -1;
}

/* A snapshot view: the one snapshot is the newest, and the newest with
 * a table if it has one. */
static void
restrict_derived(struct model *v)
{
	v->latest = &v->snapshots[0];
	v->latest_table = v->snapshots[0].has_table ? &v->snapshots[0] : NULL;
}

/* The model a section sees: NULL (the whole model) or a restricted copy;
 * *bad is set after reporting a mistake. */
static struct model *
make_view(const struct model *m, const struct pack_section *ps, int *bad)
{
	struct model *v;
	unsigned seen = 0;
	size_t i;
	int k;

	if (ps == NULL || ps->nonly == 0)
		return NULL;
	v = xmalloc(sizeof(*v));
	*v = *m;
	for (i = 0; i < ps->nonly; i++) {
		if ((k = find_kind(ps->only[i].kind)) < 0) {
			diag_error(&ps->loc, "a section cannot be restricted "
			    "to a '%s' (kinds: snapshot, command, event, fund, "
			    "place, source, basis)", ps->only[i].kind);
			*bad = 1;
		} else if (seen & (1u << k)) {
			diag_error(&ps->loc, "'%s=' is given twice",
			    ps->only[i].kind);
			*bad = 1;
		} else if (restrict_to(v, (size_t)k, ps->only[i].id,
		    &ps->loc) < 0)
			*bad = 1;
		else
			seen |= 1u << k;
	}
	if (seen & (1u << find_kind("snapshot")))
		restrict_derived(v);
	return v;
}

/* ---- loading the parts ---- */

/* Is path a layout file we can read?  Reported at the configuration's
 * line, which is where the mistake is. */
static int
readable(const char *path, const struct loc *loc)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		diag_error(loc, "cannot read layout '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(loc, "layout '%s' is not a file", path);
		return -1;
	}
	return 0;
}

enum { PART_COVER, PART_CONTENTS, PART_SECTION };

/* A contents block has entries only in the pack's contents layout. */
static void
misplaced_contents(const struct part *p, int kind, const char *pack)
{
	const struct lay_block *b = layout_find_type(p->L, LB_CONTENTS);

	if (b && kind != PART_CONTENTS)
		diag_error(&b->loc, "the contents block '%s' has nothing to "
		    "list in the %s of pack '%s': contents blocks belong in "
		    "the layout the pack names in 'contents = LAYOUT'", b->id,
		    kind == PART_COVER ? "cover" : "sections", pack);
}

/* The cited view is a copy of the part's view (or of the model), so it
 * goes first. */
static void
part_views_free(struct part *p, const struct model *m)
{
	cite_view_free(p->cited, p->view ? p->view : m);
	p->cited = NULL;
	model_view_free(p->view, m);
	p->view = NULL;
}

static void
add_part(struct pack_prep *pp, const char *path, const struct loc *loc,
    const struct pack_section *ps, int kind, const char *pack)
{
	struct part *p = array_push(&pp->parts, &pp->nparts, sizeof(*p));
	int bad = 0;

	p->path = path;
	p->loc = loc;
	p->front = kind != PART_SECTION;
	p->view = make_view(pp->m, ps, &bad);
	p->m = p->view ? p->view : pp->m;
	if (readable(path, loc) < 0 || bad)
		return;
	/* A part lists the sources it cites, under the numbers of the
	 * pack's appendix (which cites none, and lists them all). */
	if ((p->L = cite_layout_load_vars(path, p->m, pp->vars, 0,
	    &p->cited)) == NULL)
		return;
	if (p->cited)
		p->m = p->cited;
	/* A section whose [document] `when` fails has nothing to say for
	 * this mission (no timeline, no funds): the pack goes without it. */
	if (kind == PART_SECTION && p->L->left_out) {
		layout_free(p->L);
		part_views_free(p, pp->m);
		pp->nparts--;
		return;
	}
	misplaced_contents(p, kind, pack);
	p->title = ps && ps->title ? xstrdup(ps->title) :
	    pdf_layout_title(p->L, p->m);
}

/* Every layout of the pack, reporting every problem; 0 when all load. */
static int
load_parts(struct pack_prep *pp, const struct output *o)
{
	int before = diag_errors();
	size_t i;

	add_part(pp, o->cover, &o->cover_loc, NULL, PART_COVER, o->name);
	if (o->contents) {
		add_part(pp, o->contents, &o->contents_loc, NULL,
		    PART_CONTENTS, o->name);
		pp->has_contents = 1;
	}
	pp->nfront = pp->nparts;
	for (i = 0; i < o->nsections; i++)
		add_part(pp, o->sections[i], &o->section_info[i].loc,
		    &o->section_info[i], PART_SECTION, o->name);
	return diag_errors() > before ? -1 : 0;
}

/* ---- the document ---- */

static int
run_part(struct pdf_doc *d, struct part *p, HPDF_Outline parent)
{
	p->run.title = p->title;
	/* The cover is the document's top; every other part is a Part of
	 * it, its headings a level down (pdf_tag.h). */
	p->run.level = parent != NULL;
	return pdf_layout_run(d, p->L, p->m, parent, &p->run);
}

/* One bookmark per part after the cover, in document order. */
static int
make_outlines(struct pack_prep *pp)
{
	size_t i;

	for (i = 1; i < pp->nparts; i++)
		if ((pp->parts[i].outline = pdf_doc_outline(pp->doc, NULL,
		    pp->parts[i].title)) == NULL)
			return -1;
	return 0;
}

static int
run_sections(struct pack_prep *pp)
{
	size_t i;

	for (i = pp->nfront; i < pp->nparts; i++) {
		struct part *p = &pp->parts[i];

		if (run_part(pp->doc, p, p->outline) < 0 ||
		    pdf_doc_outline_to(pp->doc, p->outline, p->run.first) < 0)
			return -1;
		HPDF_Outline_SetOpened(p->outline, p->run.nsections > 0);
	}
	return 0;
}

static void
add_entry(struct pack_prep *pp, const struct part *p, const char *title,
    int level, size_t page, long number)
{
	struct pdf_toc_entry *t = array_push(&pp->toc, &pp->ntoc,
	    sizeof(*t));
	struct buf b = {0};

	fmt_page_number(number, p->L->numbers, &b);
	t->title = title;
	t->level = level;
	t->page = pdf_doc_page(pp->doc, page);
	t->label = b.data;
}

/* The contents entries: each section, then its own bookmarks, with the
 * body's page numbers. */
static void
make_toc(struct pack_prep *pp)
{
	long number = 1;
	size_t i, k;

	for (i = pp->nfront; i < pp->nparts; i++) {
		const struct part *p = &pp->parts[i];

		add_entry(pp, p, p->title, 1, p->run.first, number);
		for (k = 0; k < p->run.nsections; k++)
			add_entry(pp, p, p->run.sections[k].title, 2,
			    p->run.sections[k].page, number +
			    (long)(p->run.sections[k].page - p->run.first));
		number += (long)p->run.npages;
	}
}

/* Page indices of the sections after n pages were inserted before them. */
static void
shift_sections(struct pack_prep *pp, size_t n)
{
	size_t i, k;

	for (i = pp->nfront; i < pp->nparts; i++) {
		pp->parts[i].run.first += n;
		for (k = 0; k < pp->parts[i].run.nsections; k++)
			pp->parts[i].run.sections[k].page += n;
	}
}

/* The contents, laid out last and inserted after the cover. */
static int
run_contents(struct pack_prep *pp)
{
	struct part *c = &pp->parts[1], *cover = &pp->parts[0];
	int rc;

	make_toc(pp);
	pdf_doc_insert_at(pp->doc, cover->run.first + cover->run.npages);
	pdf_doc_set_contents(pp->doc, pp->toc, pp->ntoc);
	rc = run_part(pp->doc, c, c->outline);
	pdf_doc_set_contents(pp->doc, NULL, 0);
	pdf_doc_insert_at(pp->doc, SIZE_MAX);
	shift_sections(pp, c->run.npages);
	if (rc == 0)
		rc = pdf_doc_outline_to(pp->doc, c->outline, c->run.first);
	return rc;
}

/* Number the front matter and the body apart, each from 1; label the
 * pages and draw the headers and footers. */
static int
number_pages(struct pack_prep *pp)
{
	long front = 0, body = 0, n[2] = {1, 1};
	size_t i;

	for (i = 0; i < pp->nparts; i++)
		*(pp->parts[i].front ? &front : &body) +=
		    (long)pp->parts[i].run.npages;
	for (i = 0; i < pp->nparts; i++) {
		struct part *p = &pp->parts[i];
		long *k = &n[!p->front];

		if (pdf_run_label(pp->doc, p->L, &p->run, *k) < 0 ||
		    pdf_run_decorate(pp->doc, p->L, p->m, &p->run, *k,
		    p->front ? front : body) < 0)
			return -1;
		*k += (long)p->run.npages;
	}
	return 0;
}

static int
assemble(struct pack_prep *pp, const struct render_ctx *ctx)
{
	struct part *cover = &pp->parts[0];

	if ((pp->doc = pdf_doc_new()) == NULL ||
	    pdf_doc_set_pdfa(pp->doc, ctx->o->pdfa, &ctx->o->pdfa_loc) < 0)
		return -1;
	if (pdf_doc_info(pp->doc, cover->L, cover->m, ctx->version,
	    ctx->stamp) < 0 || run_part(pp->doc, cover, NULL) < 0 ||
	    make_outlines(pp) < 0 || run_sections(pp) < 0)
		return -1;
	if (pp->has_contents && run_contents(pp) < 0)
		return -1;
	if (number_pages(pp) < 0)
		return -1;
	if (cover->L->doc.open_outline)
		HPDF_SetPageMode(pdf_doc_hpdf(pp->doc),
		    HPDF_PAGE_MODE_USE_OUTLINE);
	return 0;
}

/* ---- the renderer ---- */

static void
pack_free(void *arg)
{
	struct pack_prep *pp = arg;
	size_t i;

	if (pp == NULL)
		return;
	pdf_doc_free(pp->doc);
	for (i = 0; i < pp->ntoc; i++)
		free(pp->toc[i].label);
	free(pp->toc);
	for (i = 0; i < pp->nparts; i++) {
		struct part *p = &pp->parts[i];

		pdf_run_free(&p->run);
		layout_free(p->L);
		part_views_free(p, pp->m);
		free(p->title);
	}
	free(pp->parts);
	free(pp);
}

static void *
pack_prepare(const struct render_ctx *ctx)
{
	struct pack_prep *pp = xcalloc(1, sizeof(*pp));

	pp->m = ctx->m;
	pp->vars[0].name = "pack.title";
	pp->vars[0].value = ctx->o->title ? ctx->o->title : "";
	if (load_parts(pp, ctx->o) < 0 || assemble(pp, ctx) < 0) {
		pack_free(pp);
		return NULL;
	}
	pp->pdfa = ctx->o->pdfa && strcmp(ctx->o->pdfa, "no") != 0;
	return pp;
}

static void
pack_inputs(const void *arg, struct inputs *in)
{
	const struct pack_prep *pp = arg;
	size_t i, k;

	if (pp->pdfa)
		inputs_add(in, pdf_doc_icc_path());
	for (i = 0; i < pp->nparts; i++) {
		const struct layout *L = pp->parts[i].L;

		inputs_add(in, L->path);
		for (k = 0; k < L->nfonts; k++)
			if (L->fonts[k].used)
				inputs_add(in, L->fonts[k].path);
	}
}

static int
pack_render(void *arg, const struct render_ctx *ctx, int fd,
    const char *path)
{
	struct pack_prep *pp = arg;

	(void)ctx;
	return pdf_doc_save(pp->doc, fd, path);
}

const struct renderer render_pack = {"pack", pack_prepare, pack_inputs,
    pack_render, pack_free};
