/* pdf_font.c - glyph coverage, the characters used, and at saving the
 * ToUnicode map, widths, CIDToGIDMap and subset font program of each
 * embedded font (see pdf_font.h); the subset comes from the output
 * folder's memo when the same glyphs were cut before (subset_memo.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-subset.h>
#include <hb.h>
#include <xxhash.h>

#include "pdf_font.h"
#include "pdf_int.h"
#include "subset_memo.h"

#define NCODES 65536
#define BLOCK 100               /* entries per bfchar/bfrange block */

/* The next code point of valid UTF-8 s[*i..n). */
static unsigned
next_cp(const unsigned char *s, size_t n, size_t *i)
{
	unsigned c = s[(*i)++];
	int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;

	if (more)
		c &= 0x3Fu >> more;
	while (more-- > 0 && *i < n)
		c = c << 6 | (s[(*i)++] & 0x3Fu);
	return c;
}

static HPDF_FontDef
fontdef_of(HPDF_Font f)
{
	return ((HPDF_FontAttr)f->attr)->fontdef;
}

int
pdf_font_covers(HPDF_Font f, const char *s, size_t n, unsigned *cp)
{
	HPDF_FontDef def = fontdef_of(f);
	size_t i = 0;
	unsigned c;

	while (i < n) {
		c = next_cp((const unsigned char *)s, n, &i);
		if (c > 0xFFFF || HPDF_TTFontDef_GetGlyphid(def,
		    (HPDF_UNICODE)c) == 0) {
			*cp = c;
			return -1;
		}
	}
	return 0;
}

void
pdf_font_use(struct pdf_font *pf, const char *s, size_t n)
{
	size_t i = 0;
	unsigned c;

	if (pf->used == NULL)
		pf->used = xcalloc(NCODES / 8, 1);
	while (i < n) {
		c = next_cp((const unsigned char *)s, n, &i);
		if (c < NCODES)
			pf->used[c / 8] |= (unsigned char)(0x80u >> (c % 8));
	}
}

void
pdf_font_release(struct pdf_font *pf)
{
	free(pf->used);
	pf->used = NULL;
}

static int
is_used(const struct pdf_font *pf, unsigned c)
{
	return pf->used && (pf->used[c / 8] & (0x80u >> (c % 8)));
}

/* The first code from c on that is used, or NCODES.  A document uses a
 * few hundred of a font's 65,536 codes: the map is skipped 64 codes at a
 * time where it is empty, then 8. */
static unsigned
next_used(const struct pdf_font *pf, unsigned c)
{
	uint64_t word;

	if (pf->used == NULL)
		return NCODES;
	while (c < NCODES) {
		if (c % 64 == 0) {
			memcpy(&word, pf->used + c / 8, sizeof(word));
			if (word == 0) {
				c += 64;
				continue;
			}
		}
		if (c % 8 == 0 && pf->used[c / 8] == 0) {
			c += 8;
			continue;
		}
		if (is_used(pf, c))
			return c;
		c++;
	}
	return NCODES;
}

/* ---- font files ---- */

/* Each font file is read once per process, for libharu and HarfBuzz
 * alike: a build writes several documents with the same fonts.  Kept
 * until the process ends. */
static struct font_file {
	char *path;
	unsigned char *data;
	size_t len;
	hb_face_t *face;
	unsigned char hash[16];         /* XXH3-128 of data: subset keys */
} *files;
static size_t nfiles;

static struct font_file *
font_file(const char *path)
{
	struct font_file *ff;
	unsigned char *data = NULL;
	size_t len = 0, n;
	XXH128_canonical_t canon;
	hb_blob_t *blob;
	FILE *f;
	size_t i;

	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i].path, path) == 0)
			return &files[i];
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	do {
		data = xrealloc(data, len + 65536);
		n = fread(data + len, 1, 65536, f);
		len += n;
	} while (n == 65536);
	if (ferror(f) || len == 0) {
		fclose(f);
		free(data);
		return NULL;
	}
	fclose(f);
	ff = array_push(&files, &nfiles, sizeof(*ff));
	ff->path = xstrdup(path);
	ff->data = data;
	ff->len = len;
	XXH128_canonicalFromHash(&canon, XXH3_128bits(data, len));
	memcpy(ff->hash, canon.digest, sizeof(ff->hash));
	blob = hb_blob_create((const char *)data, (unsigned)len,
	    HB_MEMORY_MODE_READONLY, NULL, NULL);
	ff->face = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
	return ff;
}

/* libharu reads a font through a stream.  Copying the file into one of
 * its memory streams costs a call per byte (HPDF_MemCpy): 750 KB per
 * font and document, the tenth of a fact sheet's instructions.  So it
 * reads our one copy in place, through a callback reader. */
struct font_cursor {
	const unsigned char *data;      /* the file's bytes, kept all along */
	size_t len, pos;
};

static HPDF_STATUS
cursor_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct font_cursor *c = s->attr;
	size_t n = c->len - c->pos;

	if (n > *siz)
		n = *siz;
	memcpy(ptr, c->data + c->pos, n);
	c->pos += n;
	if (n < *siz) {
		*siz = (HPDF_UINT)n;
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	}
	return HPDF_OK;
}

static HPDF_STATUS
cursor_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	struct font_cursor *c = s->attr;
	long at = mode == HPDF_SEEK_CUR ? (long)c->pos + pos :
	    mode == HPDF_SEEK_END ? (long)c->len + pos : pos;

	if (at < 0 || (size_t)at > c->len)
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	c->pos = (size_t)at;
	return HPDF_OK;
}

static HPDF_INT32
cursor_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct font_cursor *)s->attr)->pos;
}

static HPDF_UINT32
cursor_size(HPDF_Stream s)
{
	return (HPDF_UINT32)((struct font_cursor *)s->attr)->len;
}

static void
cursor_free(HPDF_Stream s)
{
	free(s->attr);
	s->attr = NULL;
}

static HPDF_Stream
font_stream(HPDF_Doc pdf, const struct font_file *ff)
{
	struct font_cursor *c = xcalloc(1, sizeof(*c));
	HPDF_Stream s;

	c->data = ff->data;
	c->len = ff->len;
	s = HPDF_CallbackReader_New(pdf->mmgr, cursor_read, cursor_seek,
	    cursor_tell, cursor_size, c);
	if (s == NULL) {
		free(c);
		return NULL;
	}
	s->free_fn = cursor_free;
	return s;
}

const char *
pdf_font_load(HPDF_Doc pdf, const char *path, size_t index)
{
	struct font_file *ff = font_file(path);
	HPDF_Stream s;
	HPDF_FontDef def;
	char tag[8];

	if (ff == NULL || index >= 26 * 26 * 26 * 26 || ff->len > 0x7FFFFFFF)
		return NULL;
	if ((s = font_stream(pdf, ff)) == NULL)
		return NULL;
	/* libharu keeps the stream (and frees it with the font). */
	if ((def = HPDF_TTFontDef_Load(pdf->mmgr, s, HPDF_TRUE)) == NULL)
		return NULL;
	/* A subset's name starts with six capitals and '+', one set per
	 * font of the document. */
	snprintf(tag, sizeof(tag), "BG%c%c%c%c", 'A' + (int)(index / 17576),
	    'A' + (int)(index / 676 % 26), 'A' + (int)(index / 26 % 26),
	    'A' + (int)(index % 26));
	HPDF_TTFontDef_SetTagName(def, tag);
	if (HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK)
		return NULL;    /* libharu freed it */
	return def->base_font;
}

/* With the UTF-8 encoder, HPDF_GetFont walks all 65,536 codes: the glyph
 * of each (a search of the font's cmap segments), its width, and a W
 * array and 128 KB CIDToGIDMap of them all, which pdf_font_finish
 * replaces with those of the characters used: a third of a fact sheet's
 * instructions, once per font and document, for nothing.  So while the
 * font is made, the encoder reads as a CMap encoder of a single code
 * (libharu then walks only the codes its map holds, and wants one at
 * least) and the cmap as a one-byte table of nothing (glyph 0); both are
 * put back before anything is measured or drawn.  The UTF-8 encoder
 * keeps its decoding state in the map's first row (hpdf_encoder_utf.c),
 * so that row is cleared and restored too. */
struct spared {
	HPDF_Encoder enc;
	HPDF_Encoder_ToUnicode_Func to_unicode;
	HPDF_UINT16 row0[256], last;
	HPDF_TTF_CmapRange cmap;
};

static void
spare(HPDF_Encoder enc, HPDF_TTFontDefAttr a, struct spared *s)
{
	static HPDF_UINT16 none[256];
	HPDF_CMapEncoderAttr ea = enc->attr;

	s->enc = enc;
	s->to_unicode = enc->to_unicode_fn;
	memcpy(s->row0, ea->cid_map[0], sizeof(s->row0));
	s->last = ea->cid_map[255][255];
	memset(ea->cid_map[0], 0, sizeof(s->row0));
	ea->cid_map[255][255] = 1;
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	s->cmap = a->cmap;
	a->cmap.format = 0;
	a->cmap.glyph_id_array = none;
}

static void
unspare(HPDF_TTFontDefAttr a, const struct spared *s)
{
	HPDF_CMapEncoderAttr ea = s->enc->attr;

	a->cmap = s->cmap;
	s->enc->to_unicode_fn = s->to_unicode;
	ea->cid_map[255][255] = s->last;
	memcpy(ea->cid_map[0], s->row0, sizeof(s->row0));
}

HPDF_Font
pdf_font_get(HPDF_Doc pdf, const char *name)
{
	HPDF_FontDef def = HPDF_GetFontDef(pdf, name);
	HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
	struct spared saved;
	HPDF_Font f;

	if (def == NULL || def->type != HPDF_FONTDEF_TYPE_TRUETYPE ||
	    enc == NULL || enc->type != HPDF_ENCODER_TYPE_DOUBLE_BYTE)
		return HPDF_GetFont(pdf, name, "UTF-8");
	spare(enc, def->attr, &saved);
	f = HPDF_GetFont(pdf, name, "UTF-8");
	unspare(def->attr, &saved);
	return f;
}

/* ---- the ToUnicode map ---- */

/* Codes are their own Unicode values: runs of consecutive codes within
 * one high byte are a bfrange, lone codes a bfchar. */
static void
cmap_entries(const struct pdf_font *pf, int ranges, struct buf *out)
{
	struct buf blk = {0};
	unsigned c = 0, end;
	int n = 0;

	while ((c = next_used(pf, c)) < NCODES) {
		for (end = c; end + 1 < NCODES && (end + 1) % 256 != 0 &&
		    is_used(pf, end + 1); end++)
			;
		if ((end > c) == ranges) {
			if (ranges)
				buf_printf(&blk, "<%04X> <%04X> <%04X>\n", c, end,
				    c);
			else
				buf_printf(&blk, "<%04X> <%04X>\n", c, c);
			if (++n == BLOCK) {
				buf_printf(out, "%d begin%s\n%.*sendbf%s\n", n,
				    ranges ? "bfrange" : "bfchar",
				    (int)blk.len, blk.data, ranges ? "range" :
				    "char");
				blk.len = 0;
				n = 0;
			}
		}
		c = end + 1;
	}
	if (n > 0)
		buf_printf(out, "%d begin%s\n%.*sendbf%s\n", n, ranges ?
		    "bfrange" : "bfchar", (int)blk.len, blk.data, ranges ?
		    "range" : "char");
	buf_free(&blk);
}

static void
write_tounicode(struct pdf_doc *d, HPDF_Font f, const struct pdf_font *pf)
{
	HPDF_Dict tu = HPDF_Dict_GetItem(f, "ToUnicode", HPDF_OCLASS_DICT);
	struct buf b = {0};

	if (tu == NULL) {
		tu = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
		HPDF_Dict_Add(f, "ToUnicode", tu);
	}
	/* libharu's is its encoding CMap, with keys a ToUnicode map has not. */
	HPDF_Dict_RemoveElement(tu, "Type");
	HPDF_Dict_RemoveElement(tu, "CMapName");
	HPDF_Dict_RemoveElement(tu, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(tu, "WMode");
	HPDF_MemStream_FreeData(tu->stream);
	tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
	    "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	cmap_entries(pf, 1, &b);
	cmap_entries(pf, 0, &b);
	buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n");
	HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)b.data,
	    (HPDF_UINT)b.len);
	buf_free(&b);
}

/* ---- widths and glyphs ---- */

/* W: the widths of the codes used, runs of consecutive codes together
 * (libharu writes every code of the font, tens of KB per font). */
static void
write_widths(struct pdf_doc *d, HPDF_Font desc, HPDF_FontDef def,
    const struct pdf_font *pf)
{
	HPDF_Array W = HPDF_Array_New(d->pdf->mmgr), run = NULL;
	unsigned c, prev = NCODES;

	HPDF_Dict_Add(desc, "W", W);
	for (c = next_used(pf, 0); c < NCODES; c = next_used(pf, c + 1)) {
		if (c != prev + 1)
			run = NULL;
		prev = c;
		if (run == NULL) {
			HPDF_Array_AddNumber(W, (HPDF_INT32)c);
			run = HPDF_Array_New(d->pdf->mmgr);
			HPDF_Array_Add(W, run);
		}
		HPDF_Array_AddNumber(run, HPDF_TTFontDef_GetCharWidth(def,
		    (HPDF_UNICODE)c));
	}
}

/* The glyph of every code used, renumbered by the subset (gid_map), as
 * CIDToGIDMap, and the CIDSet PDF/A-1 asks for; returns the largest
 * code used. */
static unsigned
write_gid_map(struct pdf_doc *d, HPDF_Font f, HPDF_FontDef def,
    const struct pdf_font *pf, const struct subset *sub, HPDF_Dict *cidset)
{
	HPDF_FontAttr attr = f->attr;
	HPDF_Dict map = attr->map_stream;
	unsigned c, max = 0, g;
	unsigned char *v, *bits;

	for (c = next_used(pf, 0); c < NCODES; c = next_used(pf, c + 1))
		max = c;
	v = xcalloc(max + 1, 2);
	bits = xcalloc(max / 8 + 1, 1);
	bits[0] = 0x80;         /* CID 0, .notdef */
	for (c = next_used(pf, 0); c <= max; c = next_used(pf, c + 1)) {
		g = subset_glyph(sub,
		    HPDF_TTFontDef_GetGlyphid(def, (HPDF_UNICODE)c));
		v[2 * c] = (unsigned char)(g >> 8);
		v[2 * c + 1] = (unsigned char)g;
		bits[c / 8] |= (unsigned char)(0x80u >> (c % 8));
	}
	if (map) {
		HPDF_MemStream_FreeData(map->stream);
		HPDF_Stream_Write(map->stream, v, (max + 1) * 2);
	}
	*cidset = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	if (*cidset) {
		(*cidset)->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		HPDF_Stream_Write((*cidset)->stream, bits, max / 8 + 1);
	}
	free(v);
	free(bits);
	return max;
}

/* ---- the font program ---- */

/* Tables a CIDFontType2 program does not need: the PDF places every
 * glyph itself (no shaping, no kerning, no glyph names). */
static const char *const dropped[] = {
	"GSUB", "GPOS", "GDEF", "kern", "post", "name", "FFTM", "MATH",
	"JSTF", "BASE", "hdmx", "LTSH", "VDMX", "gasp",
};

/* What hb-subset is asked: the glyphs of the codes drawn (and .notdef),
 * the tables dropped. */
static hb_subset_input_t *
subset_input(HPDF_FontDef def, const struct pdf_font *pf)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_set_t *glyphs, *drop;
	unsigned c;
	size_t i;

	if (in == NULL)
		return NULL;
	glyphs = hb_subset_input_glyph_set(in);
	drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++)
		hb_set_add(drop, hb_tag_from_string(dropped[i], 4));
	hb_set_add(glyphs, 0);
	for (c = next_used(pf, 0); c < NCODES; c = next_used(pf, c + 1))
		hb_set_add(glyphs, HPDF_TTFontDef_GetGlyphid(def,
		    (HPDF_UNICODE)c));
	return in;
}

/* The memo's key of a subset: all that decides its bytes (the font
 * file, HarfBuzz's version, the tables dropped, the glyphs kept). */
static void
subset_key(const struct font_file *ff, hb_subset_input_t *in,
    unsigned char key[SUBSET_KEY])
{
	hb_set_t *glyphs = hb_subset_input_glyph_set(in);
	hb_codepoint_t g = HB_SET_VALUE_INVALID;
	XXH128_canonical_t c;
	const char *v = hb_version_string();
	struct buf b = {0};
	size_t i;

	buf_add(&b, ff->hash, sizeof(ff->hash));
	buf_add(&b, v, strlen(v) + 1);
	for (i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++)
		buf_add(&b, dropped[i], 5);
	while (hb_set_next(glyphs, &g))
		buf_add(&b, &g, sizeof(g));
	XXH128_canonicalFromHash(&c, XXH3_128bits(b.data, b.len));
	buf_free(&b);
	memcpy(key, c.digest, SUBSET_KEY);
}

/* Cut the font to in's glyphs with hb-subset into *out (freed by
 * free_subset) and remember it; -1 when it cannot be cut. */
static int
make_subset(const struct font_file *ff, hb_subset_input_t *in,
    const unsigned char key[SUBSET_KEY], struct subset *out)
{
	hb_subset_plan_t *plan = hb_subset_plan_create_or_fail(ff->face, in);
	hb_set_t *glyphs = hb_subset_input_glyph_set(in);
	hb_codepoint_t g = HB_SET_VALUE_INVALID, ng;
	const hb_map_t *map;
	hb_face_t *sub;
	hb_blob_t *blob;
	const char *data;
	unsigned len = 0;
	uint32_t *pairs;
	size_t n = 0;

	if (plan == NULL)
		return -1;
	if ((sub = hb_subset_plan_execute_or_fail(plan)) == NULL) {
		hb_subset_plan_destroy(plan);
		return -1;
	}
	map = hb_subset_plan_old_to_new_glyph_mapping(plan);
	pairs = xreallocarray(NULL, 2 * (size_t)hb_set_get_population(glyphs)
	    + 2, sizeof(uint32_t));
	while (hb_set_next(glyphs, &g))
		if ((ng = hb_map_get(map, g)) != HB_MAP_VALUE_INVALID) {
			pairs[2 * n] = g;
			pairs[2 * n++ + 1] = ng;
		}
	blob = hb_face_reference_blob(sub);
	data = hb_blob_get_data(blob, &len);
	subset_memo_put(key, pairs, n, data, len);
	memset(out, 0, sizeof(*out));
	out->map = pairs;
	out->npairs = n;
	out->data = xmalloc(len + 1);
	memcpy(out->data, data, len);
	out->len = len;
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);
	return 0;
}

/* The font descriptor libharu would write at saving, with the subset as
 * its FontFile2: a descriptor already there makes libharu skip its own
 * (partial) subsetting. */
static int
write_descriptor(struct pdf_doc *d, HPDF_FontDef def,
    const struct subset *sub, HPDF_Dict cidset)
{
	HPDF_TTFontDefAttr da = def->attr;
	HPDF_UINT len = (HPDF_UINT)sub->len;
	HPDF_Dict desc = HPDF_Dict_New(d->pdf->mmgr);
	HPDF_Dict file = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);

	if (desc == NULL || file == NULL || len == 0 ||
	    HPDF_Xref_Add(d->pdf->xref, desc) != HPDF_OK)
		return -1;
	HPDF_Stream_Write(file->stream, sub->data, len);
	file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);
	HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	HPDF_Dict_AddName(desc, "FontName", da->base_font);
	HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)def->flags);
	HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(d->pdf->mmgr,
	    def->font_bbox));
	HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
	HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
	HPDF_Dict_AddNumber(desc, "Descent", def->descent);
	HPDF_Dict_AddNumber(desc, "CapHeight", def->cap_height ?
	    def->cap_height : def->ascent);
	HPDF_Dict_AddNumber(desc, "XHeight", def->x_height);
	HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
	HPDF_Dict_Add(desc, "FontFile2", file);
	if (cidset)
		HPDF_Dict_Add(desc, "CIDSet", cidset);
	def->descriptor = desc;
	return 0;
}

int
pdf_font_finish(struct pdf_doc *d, struct pdf_font *pf)
{
	HPDF_Font f = pf->font;
	const struct font_file *ff;
	const struct subset *sub;
	struct subset made = {0};
	unsigned char key[SUBSET_KEY];
	hb_subset_input_t *in;
	HPDF_FontAttr attr;
	HPDF_FontDef def;
	HPDF_Dict cidset = NULL;
	int rc = -1;

	if (f == NULL)
		return 0;
	attr = f->attr;
	def = attr->fontdef;
	if (pf->used == NULL)
		pf->used = xcalloc(NCODES / 8, 1);
	write_tounicode(d, f, pf);
	write_widths(d, attr->descendant_font, def, pf);
	if ((ff = font_file(pf->path)) == NULL ||
	    (in = subset_input(def, pf)) == NULL)
		return -1;
	/* The output folder's memo first (subset_memo.h); a new subset
	 * goes into it. */
	subset_key(ff, in, key);
	if ((sub = subset_memo_get(key)) == NULL &&
	    make_subset(ff, in, key, &made) == 0)
		sub = &made;
	hb_subset_input_destroy(in);
	if (sub != NULL) {
		write_gid_map(d, f, def, pf, sub, &cidset);
		rc = write_descriptor(d, def, sub, cidset);
	}
	free(made.map);
	free(made.data);
	return d->err || rc < 0 ? -1 : 0;
}
