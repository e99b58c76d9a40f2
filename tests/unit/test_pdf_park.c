/* test_pdf_park.c - a page's content parked compressed (pdf_park.c) comes
 * back whole and in order: the same bytes saved as a page never parked,
 * with what is drawn after parking (a footer) after the body. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

/* Some kilobytes of content: a grid of lines whose ends differ. */
static void
draw_body(HPDF_Page p)
{
	int i;

	for (i = 0; i < 400; i++) {
		HPDF_Page_MoveTo(p, 10 + i % 37, 20 + i);
		HPDF_Page_LineTo(p, 500 - i % 53, 20 + i * 1.5f);
		HPDF_Page_Stroke(p);
	}
}

static void
draw_footer(HPDF_Page p, int page)
{
	HPDF_Page_Rectangle(p, 30, 10, 100 + page, 5);
	HPDF_Page_Fill(p);
}

/* Three pages drawn one after the other, the footers after all of them;
 * with park, each page is parked when the next is added. */
static HPDF_Doc
make_doc(struct pdf_doc *d, int park)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	HPDF_Page pages[3];
	int i;

	cr_assert_not_null(pdf);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	for (i = 0; i < 3; i++) {
		if (park && i > 0)
			pdf_park(d, pages[i - 1]);
		pages[i] = HPDF_AddPage(pdf);
		draw_body(pages[i]);
	}
	for (i = 0; i < 3; i++)
		draw_footer(pages[i], i);
	return pdf;
}

struct bytes {
	char *v;
	size_t n;
};

static void
gather(void *arg, const void *p, size_t n)
{
	struct bytes *b = arg;

	b->v = realloc(b->v, b->n + n);
	memcpy(b->v + b->n, p, n);
	b->n += n;
}

static struct bytes
saved(HPDF_Doc pdf)
{
	struct bytes b = {0};
	HPDF_UINT32 n;

	cr_assert_eq(HPDF_SaveToStream(pdf), HPDF_OK);
	n = HPDF_GetStreamSize(pdf);
	b.v = malloc(n);
	b.n = n;
	cr_assert_eq(HPDF_ReadFromStream(pdf, (HPDF_BYTE *)b.v, &n), HPDF_OK);
	cr_assert_eq(n, b.n);
	return b;
}

Test(pdf_park, parked_pages_save_the_same_bytes)
{
	struct pdf_doc plain = {0}, parked = {0};
	HPDF_Doc a = make_doc(&plain, 0), b = make_doc(&parked, 1);
	struct bytes sa, sb;

	/* Two pages parked (the last stays open), each with its footer
	 * kept apart as the stream's tail. */
	cr_assert_eq(parked.nparked, 2);
	sa = saved(a);
	sb = saved(b);
	cr_assert_eq(sa.n, sb.n);
	cr_assert(memcmp(sa.v, sb.v, sa.n) == 0);
	free(sa.v);
	free(sb.v);
	HPDF_Free(a);
	HPDF_Free(b);
	pdf_park_free(&parked);
}

Test(pdf_park, content_reads_back_body_then_tail)
{
	struct pdf_doc plain = {0}, parked = {0};
	HPDF_Doc a = make_doc(&plain, 0), b = make_doc(&parked, 1);
	struct bytes ca = {0}, cb = {0};
	HPDF_Page pa = HPDF_GetPageByIndex(a, 0);
	HPDF_Page pb = HPDF_GetPageByIndex(b, 0);

	/* Parked: libharu's own stream holds only the footer now. */
	cr_assert_lt(((HPDF_PageAttr)pb->attr)->stream->size, 100);
	cr_assert_eq(pdf_page_content(pa, gather, &ca), 0);
	cr_assert_eq(pdf_page_content(pb, gather, &cb), 0);
	cr_assert_gt(ca.n, 4000);
	cr_assert_eq(ca.n, cb.n);
	cr_assert(memcmp(ca.v, cb.v, ca.n) == 0);
	free(ca.v);
	free(cb.v);
	HPDF_Free(a);
	HPDF_Free(b);
	pdf_park_free(&parked);
}
