/* pdf_ops.c - the content operators drawn most, byte for byte as libharu
 * writes them (see pdf_ops.h).  Each mirrors its HPDF_Page_* function in
 * libharu 2.3.0's hpdf_page_operator.c: the same check of the graphics
 * mode, the same numbers through HPDF_FToA, the same state afterwards. */
#include <string.h>

#include <hpdf.h>
#include <hpdf_utils.h>

#include "pdf_ops.h"

#define OPS_BUF 128             /* four numbers of at most 12 bytes, an
				   operator: far less than this */

static HPDF_PageAttr
attr_of(HPDF_Page p)
{
	return (HPDF_PageAttr)p->attr;
}

/* May an operator of these graphics modes be drawn on p now?  Asked
 * without HPDF_Page_CheckState, which reports a refusal: libharu's own
 * function, called then, reports it once. */
static int
in_mode(HPDF_Page p, HPDF_UINT modes)
{
	return p && p->header.obj_class == (HPDF_OSUBCLASS_PAGE |
	    HPDF_OCLASS_DICT) && (attr_of(p)->gmode & modes);
}

/* v as libharu writes a real at b (no terminating NUL needed: the next
 * byte is always written over it). */
static char *
real(char *b, HPDF_REAL v, char *end)
{
	return HPDF_FToA(b, v, end);
}

/* s (without its NUL) at b. */
static char *
put(char *b, const char *s)
{
	size_t n = strlen(s);

	memcpy(b, s, n);
	return b + n;
}

static HPDF_STATUS
emit(HPDF_Page p, const char *b, const char *end)
{
	if (HPDF_Stream_Write(attr_of(p)->stream, (const HPDF_BYTE *)b,
	    (HPDF_UINT)(end - b)) != HPDF_OK)
		return HPDF_CheckError(p->error);
	return HPDF_OK;
}

/* "a b c OP\n" (or two numbers, or four). */
static HPDF_STATUS
emit_reals(HPDF_Page p, const HPDF_REAL *v, int n, const char *op)
{
	char b[OPS_BUF], *q = b, *end = b + OPS_BUF - 8;
	int i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			*q++ = ' ';
		q = real(q, v[i], end);
	}
	q = put(q, op);
	return emit(p, b, q);
}

static int
unit(HPDF_REAL r, HPDF_REAL g, HPDF_REAL b)
{
	return r >= 0 && r <= 1 && g >= 0 && g <= 1 && b >= 0 && b <= 1;
}

/* rg or RG, and the graphics state's colour of that side. */
static HPDF_STATUS
color(HPDF_Page p, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b, int fill)
{
	const HPDF_REAL v[3] = {r, g, b};
	HPDF_GState gs;
	HPDF_STATUS ret;

	if (!in_mode(p, HPDF_GMODE_TEXT_OBJECT |
	    HPDF_GMODE_PAGE_DESCRIPTION) || !unit(r, g, b))
		return fill ? HPDF_Page_SetRGBFill(p, r, g, b) :  /* reports */
		    HPDF_Page_SetRGBStroke(p, r, g, b);
	if ((ret = emit_reals(p, v, 3, fill ? " rg\n" : " RG\n")) != HPDF_OK)
		return ret;
	gs = attr_of(p)->gstate;
	if (fill) {
		gs->rgb_fill = (HPDF_RGBColor){r, g, b};
		gs->cs_fill = HPDF_CS_DEVICE_RGB;
	} else {
		gs->rgb_stroke = (HPDF_RGBColor){r, g, b};
		gs->cs_stroke = HPDF_CS_DEVICE_RGB;
	}
	return HPDF_OK;
}

HPDF_STATUS
ops_fill(HPDF_Page p, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b)
{
	return color(p, r, g, b, 1);
}

HPDF_STATUS
ops_stroke(HPDF_Page p, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b)
{
	return color(p, r, g, b, 0);
}

/* Tf, in a text object (HPDF_Page_SetFontAndSize). */
static HPDF_STATUS
font(HPDF_Page p, HPDF_Font f, HPDF_REAL size)
{
	HPDF_PageAttr a = attr_of(p);
	char b[OPS_BUF], *q = b;
	const char *name;
	HPDF_STATUS ret;

	if (!HPDF_Font_Validate(f) || size <= 0 || size > HPDF_MAX_FONTSIZE ||
	    p->mmgr != f->mmgr ||
	    (name = HPDF_Page_GetLocalFontName(p, f)) == NULL)
		return HPDF_Page_SetFontAndSize(p, f, size);    /* reports */
	if (HPDF_Stream_WriteEscapeName(a->stream, name) != HPDF_OK)
		return HPDF_CheckError(p->error);
	*q++ = ' ';
	q = real(q, size, b + OPS_BUF - 8);
	q = put(q, " Tf\n");
	if ((ret = emit(p, b, q)) != HPDF_OK)
		return ret;
	a->gstate->font = f;
	a->gstate->font_size = size;
	a->gstate->writing_mode = ((HPDF_FontAttr)f->attr)->writing_mode;
	return HPDF_OK;
}

/* Td to the absolute (x, y) (HPDF_Page_TextOut's TextPos_AbsToRel, then
 * HPDF_Page_MoveTextPos). */
static HPDF_STATUS
text_pos(HPDF_Page p, HPDF_REAL xa, HPDF_REAL ya)
{
	HPDF_PageAttr a = attr_of(p);
	HPDF_TransMatrix *m = &a->text_matrix;
	HPDF_REAL v[2], y;
	HPDF_STATUS ret;

	if (m->a == 0) {
		v[0] = (ya - m->y - (xa - m->x) * m->d / m->c) / m->b;
		v[1] = (xa - m->x) / m->c;
	} else {
		y = (ya - m->y - (xa - m->x) * m->b / m->a) / (m->d - m->c *
		    m->b / m->a);
		v[0] = (xa - m->x - y * m->c) / m->a;
		v[1] = y;
	}
	if ((ret = emit_reals(p, v, 2, " Td\n")) != HPDF_OK)
		return ret;
	m->x += v[0] * m->a + v[1] * m->c;
	m->y += v[1] * m->d + v[0] * m->b;
	a->text_pos.x = m->x;
	a->text_pos.y = m->y;
	return HPDF_OK;
}

HPDF_STATUS
ops_text(HPDF_Page p, HPDF_Font f, HPDF_REAL size, HPDF_REAL x, HPDF_REAL y,
    const char *text)
{
	HPDF_STATUS ret;

	if ((ret = HPDF_Page_BeginText(p)) != HPDF_OK ||
	    (ret = font(p, f, size)) != HPDF_OK ||
	    (ret = text_pos(p, x, y)) != HPDF_OK ||
	    (ret = HPDF_Page_ShowText(p, text)) != HPDF_OK)
		return ret;
	return HPDF_Page_EndText(p);
}

/* A path begun at (x, y): what m and re leave. */
static void
path_at(HPDF_Page p, HPDF_REAL x, HPDF_REAL y)
{
	HPDF_PageAttr a = attr_of(p);

	a->cur_pos.x = x;
	a->cur_pos.y = y;
	a->str_pos = a->cur_pos;
	a->gmode = HPDF_GMODE_PATH_OBJECT;
}

HPDF_STATUS
ops_move_to(HPDF_Page p, HPDF_REAL x, HPDF_REAL y)
{
	const HPDF_REAL v[2] = {x, y};
	HPDF_STATUS ret;

	if (!in_mode(p, HPDF_GMODE_PAGE_DESCRIPTION |
	    HPDF_GMODE_PATH_OBJECT))
		return HPDF_Page_MoveTo(p, x, y);               /* reports */
	if ((ret = emit_reals(p, v, 2, " m\n")) != HPDF_OK)
		return ret;
	path_at(p, x, y);
	return HPDF_OK;
}

HPDF_STATUS
ops_line_to(HPDF_Page p, HPDF_REAL x, HPDF_REAL y)
{
	const HPDF_REAL v[2] = {x, y};
	HPDF_PageAttr a;
	HPDF_STATUS ret;

	if (!in_mode(p, HPDF_GMODE_PATH_OBJECT))
		return HPDF_Page_LineTo(p, x, y);
	if ((ret = emit_reals(p, v, 2, " l\n")) != HPDF_OK)
		return ret;
	a = attr_of(p);
	a->cur_pos.x = x;
	a->cur_pos.y = y;
	return HPDF_OK;
}

HPDF_STATUS
ops_rect(HPDF_Page p, HPDF_REAL x, HPDF_REAL y, HPDF_REAL w, HPDF_REAL h)
{
	const HPDF_REAL v[4] = {x, y, w, h};
	HPDF_STATUS ret;

	if (!in_mode(p, HPDF_GMODE_PAGE_DESCRIPTION |
	    HPDF_GMODE_PATH_OBJECT))
		return HPDF_Page_Rectangle(p, x, y, w, h);
	if ((ret = emit_reals(p, v, 4, " re\n")) != HPDF_OK)
		return ret;
	path_at(p, x, y);
	return HPDF_OK;
}
