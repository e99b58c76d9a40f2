/* pdf_engine.h - lays layouts out on the pages of a libharu document.
 *
 * A pdf_doc is one PDF being built.  pdf_layout_run() appends the pages of
 * one layout and tells which pages those are and which sections it
 * bookmarked, so that a briefing pack can run several layouts into one
 * document, number all its pages and build a contents page.  Running
 * headers and footers ({page}, {pages}) are drawn by pdf_run_decorate()
 * once the page count is known: libharu can still draw on earlier pages.
 *
 *     d = pdf_doc_new();
 *     pdf_doc_info(d, cover_layout, m, ctx->version, ctx->stamp);
 *     for each layout i: pdf_layout_run(d, L[i], m, NULL, &run[i]);
 *     for each layout i: pdf_run_decorate(d, L[i], m, &run[i],
 *         run[i].first + 1, pdf_doc_npages(d));
 *     pdf_doc_save(d, fd, path);  pdf_run_free(&run[i]);  pdf_doc_free(d);
 *
 * Errors are reported through diag.h at the layout's file:line; a function
 * that returns -1 has reported, and the document must not be saved. */
#ifndef BRIEFGEN_PDF_ENGINE_H
#define BRIEFGEN_PDF_ENGINE_H

#include <stddef.h>
#include <time.h>

#include <hpdf.h>

#include "layout.h"
#include "model.h"

struct pdf_doc;

struct pdf_section {            /* a bookmarked block */
	char *title;            /* UTF-8, owned */
	size_t page;            /* index of its first page in the document */
	HPDF_Outline outline;   /* its bookmark */
};

struct pdf_run {                /* one layout laid out into a document */
	size_t first, npages;   /* its pages: [first, first + npages) */
	struct pdf_section *sections;
	size_t nsections;
	const char *title;      /* {section} in its templates: set by the
				   caller before pdf_layout_run (borrowed,
				   kept by it); NULL: empty */
	int level;              /* set by the caller: 0 alone (its title is
				   H1), 1 in a pack (a Part, title H2) */
};

/* An entry of a contents block: a section (level 1) or a part of one
 * (level 2), the page it starts on and that page's printed number. */
struct pdf_toc_entry {
	const char *title;      /* borrowed */
	int level;
	HPDF_Page page;
	char *label;            /* owned by whoever built the entries */
};

/* A new, empty document: compressed, UTF-8 text, fonts embedded.  NULL
 * after reporting.  pdf_doc_free releases (NULL-safe). */
struct pdf_doc *pdf_doc_new(void);
void pdf_doc_free(struct pdf_doc *d);

HPDF_Doc pdf_doc_hpdf(struct pdf_doc *d);
size_t pdf_doc_npages(const struct pdf_doc *d);
HPDF_Page pdf_doc_page(const struct pdf_doc *d, size_t i);

/* Document information; NULL or empty strings are left out.  The date is
 * `stamp` (SOURCE_DATE_EPOCH or the data's), never the clock. */
struct pdf_info {
	const char *title, *subject, *keywords, *author;
	const char *creator;    /* "briefgen 0.1.0" */
	time_t stamp;
};
int pdf_doc_set_info(struct pdf_doc *d, const struct pdf_info *info);

/* Make the document PDF/A at `level` ("1a", "2a"; NULL or "no": not
 * PDF/A); -1 after reporting an unknown level at loc. */
int pdf_doc_set_pdfa(struct pdf_doc *d, const char *level,
    const struct loc *loc);
/* The ICC profile a PDF/A document embeds: an input of its build. */
const char *pdf_doc_icc_path(void);

/* The same from the templates of L's [document]. */
int pdf_doc_info(struct pdf_doc *d, const struct layout *L,
    const struct model *m, const char *creator, time_t stamp);

/* New pages go before page index i (0 <= i < npages) from now on, each
 * after the one inserted before it; i >= npages: at the end again.
 * Pages already laid out keep their contents and bookmarks but move up:
 * callers shift the indices they hold. */
void pdf_doc_insert_at(struct pdf_doc *d, size_t i);

/* A bookmark titled `title` (UTF-8) under parent (NULL: the top level),
 * pointing nowhere until pdf_doc_outline_to; NULL after reporting. */
HPDF_Outline pdf_doc_outline(struct pdf_doc *d, HPDF_Outline parent,
    const char *title);
/* Point bookmark o at page index i. */
int pdf_doc_outline_to(struct pdf_doc *d, HPDF_Outline o, size_t i);

/* The entries contents blocks list from now on (borrowed until reset
 * with n = 0). */
void pdf_doc_set_contents(struct pdf_doc *d, const struct pdf_toc_entry *v,
    size_t n);

/* The title of L as a part of a larger document: its [document] section,
 * else its title (caller frees; "" when it has neither). */
char *pdf_layout_title(const struct layout *L, const struct model *m);

/* Give the run's pages PDF page labels in L's page-number style, its
 * first page numbered `number`.  Call in page order, once every page
 * exists; a run that only continues the numbering adds nothing. */
int pdf_run_label(struct pdf_doc *d, const struct layout *L,
    const struct pdf_run *run, long number);

/* Lay L out over m on new pages of d (at its end, or where
 * pdf_doc_insert_at says).  Bookmarks go under
 * `parent` (NULL: the top level).  Returns 0, or -1 after reporting;
 * run is filled either way (run->title is kept) and released by
 * pdf_run_free. */
int pdf_layout_run(struct pdf_doc *d, const struct layout *L,
    const struct model *m, HPDF_Outline parent, struct pdf_run *run);

/* Draw L's header and footer on the run's pages; its first page is page
 * `number` of `total` (printed in L's page-number style), and {section}
 * is run->title. */
int pdf_run_decorate(struct pdf_doc *d, const struct layout *L,
    const struct model *m, const struct pdf_run *run, long number,
    long total);

void pdf_run_free(struct pdf_run *run);

/* Write the document to the open file fd (named path for messages),
 * checking every write: libharu's own file output does not. */
int pdf_doc_save(struct pdf_doc *d, int fd, const char *path);

#endif
