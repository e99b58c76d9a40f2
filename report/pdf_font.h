/* pdf_font.h - the embedded fonts as a PDF reader needs them: which
 * characters a font has (checked before anything is drawn), which ones
 * the document draws, and, before saving, what libharu 2.3 gets wrong or
 * too big: a valid ToUnicode map (bfchar/bfrange, not its begincidrange),
 * widths and a CIDToGIDMap for the characters used only, and a font
 * program cut down to their glyphs by HarfBuzz's hb-subset.
 *
 * libharu sets text as 2-byte codes equal to the Unicode code point
 * (Identity-H), so a code is a character of the Basic Multilingual
 * Plane: the ToUnicode map is the identity over the codes used. */
#ifndef BRIEFGEN_PDF_FONT_H
#define BRIEFGEN_PDF_FONT_H

#include <stddef.h>

#include <hpdf.h>

struct pdf_doc;
struct pdf_font;

/* Load the TrueType font at path into pdf for embedding, as
 * HPDF_LoadTTFontFromFile does, but from the bytes read once per process;
 * `index` (the font's number in the document) makes its subset tag.
 * Returns its name for HPDF_GetFont, or NULL. */
const char *pdf_font_load(HPDF_Doc pdf, const char *path, size_t index);

/* HPDF_GetFont(pdf, name, "UTF-8") for a font pdf_font_load loaded,
 * without libharu's glyph look-up of every code (see pdf_font.c). */
HPDF_Font pdf_font_get(HPDF_Doc pdf, const char *name);

/* Does font f have a glyph for every character of the UTF-8 text
 * s[0..n)?  0, or -1 with the first one it lacks in *cp.  Characters
 * outside the BMP are never in it (libharu cannot set them). */
int pdf_font_covers(HPDF_Font f, const char *s, size_t n, unsigned *cp);

/* Note that the characters of s[0..n) are drawn in pf. */
void pdf_font_use(struct pdf_font *pf, const char *s, size_t n);

/* Before saving: the ToUnicode map, W array, CIDToGIDMap and subset font
 * program of pf.  Returns 0, or -1 (a libharu or HarfBuzz failure, which
 * the caller reports). */
int pdf_font_finish(struct pdf_doc *d, struct pdf_font *pf);

void pdf_font_release(struct pdf_font *pf);

#endif
