/* render_pdf.c - the "pdf" output type: one layout, one document.
 *
 * prepare() loads the layout and lays the whole document out, so that
 * `briefgen check` reports everything a build would (an unknown field as
 * much as a table row too tall for a page); render() only saves what
 * prepare() built.  The engine itself is pdf_engine.h, shared with the
 * briefing pack. */
#include <stdlib.h>
#include <string.h>

#include "cite.h"
#include "diag.h"
#include "layout.h"
#include "pdf_engine.h"
#include "render.h"

struct pdf_prep {
	struct layout *L;
	struct model *view;     /* the model with the cited sources only
				   (cite.h); NULL: the whole model */
	const struct model *m;
	struct pdf_doc *doc;
	int pdfa;               /* it embeds the sRGB profile */
};

static void
pdf_free(void *p)
{
	struct pdf_prep *pp = p;

	if (pp == NULL)
		return;
	pdf_doc_free(pp->doc);
	layout_free(pp->L);
	cite_view_free(pp->view, pp->m);
	free(pp);
}

/* The whole document: information, pages, header and footer. */
static struct pdf_doc *
build(const struct layout *L, const struct model *m,
    const struct render_ctx *ctx)
{
	struct pdf_doc *d = pdf_doc_new();
	char *title = pdf_layout_title(L, m);
	struct pdf_run run;
	int rc;

	if (d == NULL) {
		free(title);
		return NULL;
	}
	rc = pdf_doc_info(d, L, m, ctx->version, ctx->stamp);
	if (pdf_doc_set_pdfa(d, ctx->o->pdfa, &ctx->o->pdfa_loc) < 0)
		rc = -1;
	memset(&run, 0, sizeof(run));
	run.title = title;
	if (pdf_layout_run(d, L, m, NULL, &run) < 0)
		rc = -1;
	if (rc == 0)
		rc = pdf_run_label(d, L, &run, 1);
	if (rc == 0)
		rc = pdf_run_decorate(d, L, m, &run, 1,
		    (long)run.npages);
	if (rc == 0 && L->doc.open_outline && run.nsections > 0)
		HPDF_SetPageMode(pdf_doc_hpdf(d), HPDF_PAGE_MODE_USE_OUTLINE);
	pdf_run_free(&run);
	free(title);
	if (rc < 0) {
		pdf_doc_free(d);
		return NULL;
	}
	return d;
}

/* A contents block lists the sections of a pack, which a single layout
 * does not have. */
static int
no_contents(const struct layout *L)
{
	const struct lay_block *b = layout_find_type(L, LB_CONTENTS);

	if (b == NULL)
		return 0;
	diag_error(&b->loc, "the contents block '%s' lists the sections of a "
	    "pack: use this layout as a pack's 'contents = LAYOUT'", b->id);
	return -1;
}

static void *
pdf_prepare(const struct render_ctx *ctx)
{
	struct pdf_prep *pp = xcalloc(1, sizeof(*pp));

	pp->m = ctx->m;
	if ((pp->L = cite_layout_load(ctx->o->layout, ctx->m,
	    &pp->view)) == NULL || no_contents(pp->L) < 0 ||
	    (pp->doc = build(pp->L, pp->view ? pp->view : ctx->m,
	    ctx)) == NULL) {
		pdf_free(pp);
		return NULL;
	}
	pp->pdfa = ctx->o->pdfa && strcmp(ctx->o->pdfa, "no") != 0;
	return pp;
}

static void
pdf_inputs(const void *p, struct inputs *in)
{
	const struct pdf_prep *pp = p;
	size_t i;

	inputs_add(in, pp->L->path);
	if (pp->pdfa)
		inputs_add(in, pdf_doc_icc_path());
	for (i = 0; i < pp->L->nfonts; i++)
		if (pp->L->fonts[i].used)
			inputs_add(in, pp->L->fonts[i].path);
}

static int
pdf_render(void *p, const struct render_ctx *ctx, int fd, const char *path)
{
	struct pdf_prep *pp = p;

	(void)ctx;
	return pdf_doc_save(pp->doc, fd, path);
}

const struct renderer render_pdf = {"pdf", pdf_prepare, pdf_inputs,
    pdf_render, pdf_free};
