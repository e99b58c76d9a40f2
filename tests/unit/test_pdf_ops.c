/* test_pdf_ops.c - pdf_ops.c writes what libharu's own operator functions
 * write, byte for byte, and leaves the page in the same state (graphics
 * mode, colours, font, positions); what libharu refuses, it still refuses,
 * once. */
#include <criterion/criterion.h>
#include <string.h>

#include <hpdf.h>
#include <hpdf_error.h>

#include "pdf_ops.h"

#define FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

static int errors;

static void
on_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
	(void)e;
	(void)d;
	(void)u;
	errors++;
}

struct side {
	HPDF_Doc pdf;
	HPDF_Page page;
	HPDF_Font font;
};

static void
open_side(struct side *s)
{
	const char *name;

	s->pdf = HPDF_New(on_error, NULL);
	cr_assert_not_null(s->pdf);
	HPDF_UseUTFEncodings(s->pdf);
	s->page = HPDF_AddPage(s->pdf);
	name = HPDF_LoadTTFontFromFile(s->pdf, FONT, HPDF_TRUE);
	cr_assert_not_null(name);
	s->font = HPDF_GetFont(s->pdf, name, "UTF-8");
	cr_assert_not_null(s->font);
}

/* The page's content so far. */
static size_t
content(struct side *s, char *out, size_t cap)
{
	HPDF_Stream st = ((HPDF_PageAttr)s->page->attr)->stream;
	HPDF_UINT n = (HPDF_UINT)cap;

	HPDF_Error_Reset(st->error);    /* a refusal leaves it set */
	cr_assert_eq(HPDF_Stream_Seek(st, 0, HPDF_SEEK_SET), HPDF_OK);
	HPDF_Stream_Read(st, (HPDF_BYTE *)out, &n);
	return n;
}

/* Numbers libharu formats in all its ways: whole, fractions it rounds,
 * trailing zeros cut, negatives, zero, and its clamping at 32,767. */
static const HPDF_REAL xs[] = {0, 1, 12.5f, 0.000004f, 0.333333f, -7.25f,
	595.27563f, 841.88977f, 99999.0f, -40000.0f, 1e-9f, 30.000001f};
#define NX (sizeof(xs) / sizeof(xs[0]))

static void
draw_libharu(HPDF_Page p, HPDF_Font f)
{
	size_t i;

	for (i = 0; i + 3 < NX; i++) {
		HPDF_Page_SetRGBFill(p, 0.10588f, 0.5f, i % 2 ? 1 : 0);
		HPDF_Page_SetRGBStroke(p, 0.72549f, 0, 0.333333f);
		HPDF_Page_BeginText(p);
		HPDF_Page_SetFontAndSize(p, f, 8.2f + (HPDF_REAL)i);
		HPDF_Page_TextOut(p, xs[i], xs[i + 1], "Kabul 2014");
		HPDF_Page_EndText(p);
		HPDF_Page_MoveTo(p, xs[i], xs[i + 2]);
		HPDF_Page_LineTo(p, xs[i + 3], xs[i]);
		HPDF_Page_Stroke(p);
		HPDF_Page_Rectangle(p, xs[i], xs[i + 1], xs[i + 2], xs[i + 3]);
		HPDF_Page_Fill(p);
	}
}

static void
draw_ops(HPDF_Page p, HPDF_Font f)
{
	size_t i;

	for (i = 0; i + 3 < NX; i++) {
		ops_fill(p, 0.10588f, 0.5f, i % 2 ? 1 : 0);
		ops_stroke(p, 0.72549f, 0, 0.333333f);
		ops_text(p, f, 8.2f + (HPDF_REAL)i, xs[i], xs[i + 1],
		    "Kabul 2014");
		ops_move_to(p, xs[i], xs[i + 2]);
		ops_line_to(p, xs[i + 3], xs[i]);
		HPDF_Page_Stroke(p);
		ops_rect(p, xs[i], xs[i + 1], xs[i + 2], xs[i + 3]);
		HPDF_Page_Fill(p);
	}
}

Test(pdf_ops, the_same_bytes_and_state_as_libharu)
{
	static char a[65536], b[65536];
	struct side l, o;
	HPDF_PageAttr la, oa;
	size_t na, nb;

	open_side(&l);
	open_side(&o);
	draw_libharu(l.page, l.font);
	draw_ops(o.page, o.font);
	na = content(&l, a, sizeof(a));
	nb = content(&o, b, sizeof(b));
	cr_assert_gt(na, 1000);
	cr_assert_eq(na, nb);
	cr_assert(memcmp(a, b, na) == 0, "content differs:\n%.*s\n---\n%.*s",
	    (int)na, a, (int)nb, b);
	la = l.page->attr;
	oa = o.page->attr;
	cr_expect_eq(la->gmode, oa->gmode);
	cr_expect(memcmp(&la->gstate->rgb_fill, &oa->gstate->rgb_fill,
	    sizeof(HPDF_RGBColor)) == 0);
	cr_expect(memcmp(&la->gstate->rgb_stroke, &oa->gstate->rgb_stroke,
	    sizeof(HPDF_RGBColor)) == 0);
	cr_expect_eq(la->gstate->font_size, oa->gstate->font_size);
	cr_expect(memcmp(&la->cur_pos, &oa->cur_pos, sizeof(la->cur_pos)) == 0);
	cr_expect(memcmp(&la->text_pos, &oa->text_pos,
	    sizeof(la->text_pos)) == 0);
	cr_expect_eq(errors, 0);
	HPDF_Free(l.pdf);
	HPDF_Free(o.pdf);
}

/* Each refusal in a document of its own: libharu skips all writing once
 * an error is set. */
Test(pdf_ops, what_libharu_refuses_is_refused_once)
{
	struct side o;
	char b[4096];
	int k;

	for (k = 0; k < 3; k++) {
		open_side(&o);
		errors = 0;
		if (k == 0)     /* a colour out of range */
			cr_expect_neq(ops_fill(o.page, 1.5f, 0, 0), HPDF_OK);
		else if (k == 1)        /* a line before any move */
			cr_expect_neq(ops_line_to(o.page, 1, 2), HPDF_OK);
		else            /* a font size of 0 */
			cr_expect_neq(ops_text(o.page, o.font, 0, 1, 2, "x"),
			    HPDF_OK);
		cr_expect_eq(errors, 1, "case %d: %d errors", k, errors);
		/* Nothing written but the text object begun. */
		cr_expect_eq(content(&o, b, sizeof(b)), k == 2 ? 3 : 0);
		HPDF_Free(o.pdf);
	}
}
