/* pdf_ops.h - the content operators a document draws most (a fill or
 * stroke colour, a line of text, a path's points and rectangles), written
 * byte for byte as libharu's HPDF_Page_* functions write them, with the
 * same state kept (the graphics mode, colours, font, positions).
 *
 * Why: each of libharu's operator functions clears a 512-byte buffer one
 * byte at a time (HPDF_MemSet) before formatting a dozen bytes into it,
 * some 2,000 instructions an operator: 10 % of a long briefing pack's time,
 * 8 % of a fact sheet's instructions.  These format with libharu's own
 * HPDF_FToA into a small buffer instead.  Anything libharu would refuse (a
 * colour out of range, a bad font or size, the wrong graphics mode) is
 * handed to libharu's own function, which reports it as it always did. */
#ifndef BRIEFGEN_PDF_OPS_H
#define BRIEFGEN_PDF_OPS_H

#include <hpdf.h>

/* rg and RG: HPDF_Page_SetRGBFill, HPDF_Page_SetRGBStroke. */
HPDF_STATUS ops_fill(HPDF_Page p, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b);
HPDF_STATUS ops_stroke(HPDF_Page p, HPDF_REAL r, HPDF_REAL g, HPDF_REAL b);

/* BT, Tf, Td, Tj, ET: BeginText, SetFontAndSize, TextOut, EndText. */
HPDF_STATUS ops_text(HPDF_Page p, HPDF_Font f, HPDF_REAL size, HPDF_REAL x,
    HPDF_REAL y, const char *text);

/* m, l and re: HPDF_Page_MoveTo, HPDF_Page_LineTo, HPDF_Page_Rectangle. */
HPDF_STATUS ops_move_to(HPDF_Page p, HPDF_REAL x, HPDF_REAL y);
HPDF_STATUS ops_line_to(HPDF_Page p, HPDF_REAL x, HPDF_REAL y);
HPDF_STATUS ops_rect(HPDF_Page p, HPDF_REAL x, HPDF_REAL y, HPDF_REAL w,
    HPDF_REAL h);

#endif
