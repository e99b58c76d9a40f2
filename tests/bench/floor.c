/* floor.c - the libraries' own floor, for `make bench`: the fact sheet,
 * the placemat and the workbook written straight with libharu and
 * libxlsxwriter by a plain program, so that briefgen's figures can be shown
 * as a ratio to what the libraries alone cost.
 *
 *     floor JOB CONTENT OUT [JOB CONTENT OUT]...
 *
 * JOB is `factsheet`, `placemat`, `pack` or `workbook`; CONTENT is the
 * output's text as flat records (tests/bench/flatten: every template
 * expanded, every number formatted); OUT is the file to write.  Several jobs run in one
 * process, as `briefgen build` writes several outputs.
 *
 * No config, no model, no validation, no layout engine: the arrangement of
 * each document is written out by hand below (the pack's sections other
 * than the fact sheet are drawn block after block down the page, side by
 * side where the layout puts blocks in columns), with the fonts, sizes and
 * colours of the shipped layouts (layouts/factsheet.ini, placemat.ini,
 * workbook.ini).  Where the page count depends on them, the measures come
 * with the records (flatten passes the layout's margins, styles' sizes
 * and leading, paddings, heights, gaps and spaces), and tables are split
 * over pages as briefgen splits them, so that the floor lays out the same
 * pages as briefgen and the ratio compares like with like.  The pages
 * hold the same text, tables, charts and map in the same four embedded
 * DejaVu fonts; the workbook has the same sheets,
 * cells, formulas (with cached values), tables and charts, and switches to
 * constant_memory mode at the same threshold.  Being a benchmark floor, it
 * trusts its input and exits on the first library error.  Its colours,
 * lines of text and paths go through report/pdf_ops.c, as briefgen's do:
 * libharu's own operator functions, minus the 512-byte buffer each clears
 * a byte at a time, the same bytes out.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>

#include "pdf_ops.h"     /* libharu's operators, minus its buffer clearing */
#include <xlsxwriter.h>

#define FONTDIR "/usr/share/fonts/truetype/dejavu/"
#define MM (72.0 / 25.4)

/* ------------------------------------------------------------ content */

struct rec {
	char **f;               /* kind, name, field, values... */
	int n;
};

struct content {
	char *text;
	struct rec *r;
	size_t n;
};

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("floor: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die("out of memory");
	return p;
}

static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n ? n : 1)) == NULL)
		die("out of memory");
	return p;
}

/* "\n" in a value stands for a line break (flatten writes it so). */
static void
unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] == 'n') {
			*o++ = '\n';
			s++;
		} else
			*o++ = *s;
	}
	*o = '\0';
}

static void
content_load(struct content *c, const char *path)
{
	FILE *fp = fopen(path, "rb");
	size_t cap = 0, len = 0, k;
	char *line, *save;

	if (fp == NULL)
		die("%s: %s", path, strerror(errno));
	c->text = NULL;
	for (;;) {
		if (len + 65536 > cap)
			c->text = xrealloc(c->text, cap = cap * 2 + 65536);
		k = fread(c->text + len, 1, cap - len - 1, fp);
		if (k == 0)
			break;
		len += k;
	}
	fclose(fp);
	c->text[len] = '\0';
	c->r = NULL;
	c->n = 0;
	for (line = strtok_r(c->text, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		struct rec r = {NULL, 0};
		char *p = line, *tab;

		for (;;) {
			r.f = xrealloc(r.f, (size_t)(r.n + 1) * sizeof(char *));
			r.f[r.n++] = p;
			if ((tab = strchr(p, '\t')) == NULL)
				break;
			*tab = '\0';
			p = tab + 1;
		}
		if (r.n < 3) {
			free(r.f);
			continue;
		}
		for (k = 3; k < (size_t)r.n; k++)
			unescape(r.f[k]);
		c->r = xrealloc(c->r, (c->n + 1) * sizeof(*c->r));
		c->r[c->n++] = r;
	}
}

static void
content_free(struct content *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->r[i].f);
	free(c->r);
	free(c->text);
}

/* The records kind/name/field, in order: *n of them. */
static struct rec **
recs(const struct content *c, const char *kind, const char *name,
    const char *field, size_t *n)
{
	struct rec **out = NULL;
	size_t i;

	*n = 0;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->r[i].f[0], kind) == 0 &&
		    strcmp(c->r[i].f[1], name) == 0 &&
		    strcmp(c->r[i].f[2], field) == 0) {
			out = xrealloc(out, (*n + 1) * sizeof(*out));
			out[(*n)++] = &c->r[i];
		}
	return out;
}

/* Value k of the first record kind/name/field, or "". */
static const char *
val(const struct content *c, const char *kind, const char *name,
    const char *field, int k)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->r[i].f[0], kind) == 0 &&
		    strcmp(c->r[i].f[1], name) == 0 &&
		    strcmp(c->r[i].f[2], field) == 0)
			return 3 + k < c->r[i].n ? c->r[i].f[3 + k] : "";
	return "";
}

static const char *
fld(const struct rec *r, int k)
{
	return 3 + k < r->n ? r->f[3 + k] : "";
}

/* ------------------------------------------------------------ PDF */

enum font { SANS, BOLD, COND, CONDB, NFONTS };

struct rgb {
	double r, g, b;
};

static const struct rgb NAVY = {0, 0x49 / 255.0, 0x90 / 255.0},
    DEEP = {0, 0x2D / 255.0, 0x5C / 255.0},
    SKY = {0x7F / 255.0, 0xB2 / 255.0, 0xE5 / 255.0},
    RULE = {0xB9 / 255.0, 0xC6 / 255.0, 0xD3 / 255.0},
    STRIPE = {0xEE / 255.0, 0xF3 / 255.0, 0xF8 / 255.0},
    LAND = {0xE4 / 255.0, 0xEA / 255.0, 0xF0 / 255.0},
    BORDER = {0x87 / 255.0, 0x97 / 255.0, 0xA8 / 255.0};

struct style {
	enum font font;
	double size, leading;
	struct rgb color;
};

struct pdf {
	HPDF_Doc doc;
	HPDF_Font font[NFONTS];
	unsigned char *used[NFONTS];    /* a bit per code drawn */
	HPDF_Page *pages;
	size_t npages;
	HPDF_Page page;         /* the current page */
	double w, h, ml, mr, mt, mb;
	double hbefore, hafter; /* space above and below a heading */
	double y;               /* the cursor, from the bottom */
};

static void
on_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
	(void)u;
	die("libharu error %04X (%u)", (unsigned)e, (unsigned)d);
}

/* ---------------------------------------------------------------- fonts */

/* The fonts as briefgen embeds them (report/pdf_font.c), so that the
 * floor pays what the libraries cost for the same bytes, not more: each
 * file read once per process; HPDF_GetFont spared its walk of
 * all 65,536 codes; at saving, the widths and glyph map of the codes
 * drawn only and a font program cut to their glyphs by hb-subset. */
#define NCODES 65536

static const char *font_files[NFONTS] = {"DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf", "DejaVuSansCondensed.ttf",
    "DejaVuSansCondensed-Bold.ttf"};

static struct {
	unsigned char *data;
	size_t len;
	hb_face_t *face;
} ffile[NFONTS];

static void
font_read(int i)
{
	char path[256];
	size_t n;
	FILE *f;
	hb_blob_t *blob;

	if (ffile[i].data)
		return;
	snprintf(path, sizeof(path), FONTDIR "%s", font_files[i]);
	if ((f = fopen(path, "rb")) == NULL)
		die("%s: %s", path, strerror(errno));
	do {
		ffile[i].data = xrealloc(ffile[i].data, ffile[i].len + 65536);
		n = fread(ffile[i].data + ffile[i].len, 1, 65536, f);
		ffile[i].len += n;
	} while (n == 65536);
	fclose(f);
	blob = hb_blob_create((const char *)ffile[i].data,
	    (unsigned)ffile[i].len, HB_MEMORY_MODE_READONLY, NULL, NULL);
	ffile[i].face = hb_face_create(blob, 0);
	hb_blob_destroy(blob);
}

/* libharu reads the font through a callback reader over our one copy of
 * the file, as briefgen does (report/pdf_font.c), not through a memory
 * stream filled byte by byte. */
struct cursor {
	int i;
	size_t pos;
};

static HPDF_STATUS
cursor_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
	struct cursor *c = s->attr;
	size_t n = ffile[c->i].len - c->pos;

	if (n > *siz)
		n = *siz;
	memcpy(ptr, ffile[c->i].data + c->pos, n);
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
	struct cursor *c = s->attr;
	long at = mode == HPDF_SEEK_CUR ? (long)c->pos + pos :
	    mode == HPDF_SEEK_END ? (long)ffile[c->i].len + pos : pos;

	if (at < 0 || (size_t)at > ffile[c->i].len)
		return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
	c->pos = (size_t)at;
	return HPDF_OK;
}

static HPDF_INT32
cursor_tell(HPDF_Stream s)
{
	return (HPDF_INT32)((struct cursor *)s->attr)->pos;
}

static HPDF_UINT32
cursor_size(HPDF_Stream s)
{
	return (HPDF_UINT32)ffile[((struct cursor *)s->attr)->i].len;
}

static void
cursor_free(HPDF_Stream s)
{
	free(s->attr);
	s->attr = NULL;
}

static HPDF_Stream
font_stream(HPDF_Doc doc, int i)
{
	struct cursor *c = xmalloc(sizeof(*c));
	HPDF_Stream s;

	c->i = i;
	c->pos = 0;
	s = HPDF_CallbackReader_New(doc->mmgr, cursor_read, cursor_seek,
	    cursor_tell, cursor_size, c);
	if (s == NULL)
		die("cannot read %s", font_files[i]);
	s->free_fn = cursor_free;
	return s;
}

/* HPDF_GetFont's walk of all 65,536 codes spared as briefgen spares it
 * (pdf_font.c: pdf_font_get): the encoder reads as a CMap encoder of one
 * code, the cmap as a table of nothing, both put back at once. */
static HPDF_Font
font_get(HPDF_Doc doc, HPDF_FontDef def)
{
	static HPDF_UINT16 none[256];
	HPDF_Encoder enc = HPDF_GetEncoder(doc, "UTF-8");
	HPDF_CMapEncoderAttr ea = enc->attr;
	HPDF_Encoder_ToUnicode_Func to_unicode = enc->to_unicode_fn;
	HPDF_TTFontDefAttr a = def->attr;
	HPDF_TTF_CmapRange cmap = a->cmap;
	HPDF_UINT16 row0[256], last = ea->cid_map[255][255];
	HPDF_Font f;

	memcpy(row0, ea->cid_map[0], sizeof(row0));
	memset(ea->cid_map[0], 0, sizeof(row0));
	ea->cid_map[255][255] = 1;
	enc->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	a->cmap.format = 0;
	a->cmap.glyph_id_array = none;
	f = HPDF_GetFont(doc, def->base_font, "UTF-8");
	a->cmap = cmap;
	enc->to_unicode_fn = to_unicode;
	ea->cid_map[255][255] = last;
	memcpy(ea->cid_map[0], row0, sizeof(row0));
	return f;
}

static HPDF_Font
font_load(HPDF_Doc doc, int i)
{
	HPDF_Stream s;
	HPDF_FontDef def;
	char tag[8];

	font_read(i);
	s = font_stream(doc, i);
	if ((def = HPDF_TTFontDef_Load(doc->mmgr, s, HPDF_TRUE)) == NULL)
		die("cannot load %s", font_files[i]);
	snprintf(tag, sizeof(tag), "BGAAA%c", 'A' + i);
	HPDF_TTFontDef_SetTagName(def, tag);
	HPDF_Doc_RegisterFontDef(doc, def);
	return font_get(doc, def);
}

/* Note the codes of UTF-8 s[0..n) as drawn in font k. */
static void
font_use(struct pdf *p, int k, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	unsigned c;
	int more;

	while (i < n) {
		c = u[i++];
		more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
		if (more)
			c &= 0x3Fu >> more;
		while (more-- > 0 && i < n)
			c = c << 6 | (u[i++] & 0x3Fu);
		if (c < NCODES)
			p->used[k][c / 8] |= (unsigned char)(0x80u >> (c % 8));
	}
}

static int
used(const struct pdf *p, int k, unsigned c)
{
	return p->used[k][c / 8] & (0x80u >> (c % 8));
}

/* The first code from c on that font k drew, or NCODES: the map is
 * skipped 64 codes at a time where it is empty, then 8, as briefgen does
 * (report/pdf_font.c). */
static unsigned
next_used(const struct pdf *p, int k, unsigned c)
{
	uint64_t word;

	while (c < NCODES) {
		if (c % 64 == 0) {
			memcpy(&word, p->used[k] + c / 8, sizeof(word));
			if (word == 0) {
				c += 64;
				continue;
			}
		}
		if (c % 8 == 0 && p->used[k][c / 8] == 0) {
			c += 8;
			continue;
		}
		if (used(p, k, c))
			return c;
		c++;
	}
	return NCODES;
}

/* W and CIDToGIDMap of the codes drawn, the glyphs renumbered as the
 * subset has them. */
static void
font_maps(struct pdf *p, int k, HPDF_FontDef def, const hb_map_t *gids)
{
	HPDF_FontAttr attr = p->font[k]->attr;
	HPDF_Array W = HPDF_Array_New(p->doc->mmgr), run = NULL;
	unsigned c, max = 0, g;
	unsigned char *v;

	HPDF_Dict_Add(attr->descendant_font, "W", W);
	for (c = next_used(p, k, 0); c < NCODES; c = next_used(p, k, c + 1)) {
		if (c != max + 1)       /* max: the code drawn before */
			run = NULL;
		max = c;
		if (run == NULL) {
			HPDF_Array_AddNumber(W, (HPDF_INT32)c);
			run = HPDF_Array_New(p->doc->mmgr);
			HPDF_Array_Add(W, run);
		}
		HPDF_Array_AddNumber(run, HPDF_TTFontDef_GetCharWidth(def,
		    (HPDF_UNICODE)c));
	}
	v = calloc(max + 1, 2);
	for (c = next_used(p, k, 0); c <= max; c = next_used(p, k, c + 1)) {
		g = hb_map_get(gids, HPDF_TTFontDef_GetGlyphid(def,
		    (HPDF_UNICODE)c));
		g = g == HB_MAP_VALUE_INVALID ? 0 : g;
		v[2 * c] = (unsigned char)(g >> 8);
		v[2 * c + 1] = (unsigned char)g;
	}
	HPDF_MemStream_FreeData(attr->map_stream->stream);
	HPDF_Stream_Write(attr->map_stream->stream, v, (max + 1) * 2);
	free(v);
}

/* A ToUnicode map of the codes drawn (codes are their own Unicode values):
 * libharu's is its encoding CMap, which readers reject. */
static void
font_tounicode(struct pdf *p, int k)
{
	HPDF_Dict tu = HPDF_Dict_GetItem(p->font[k], "ToUnicode",
	    HPDF_OCLASS_DICT);
	char *b = xmalloc(NCODES * 24 + 1024), *blk = xmalloc(100 * 24 + 64);
	size_t len = 0, blen = 0;
	unsigned c = 0, end;
	int n = 0;

	if (tu == NULL)
		die("no ToUnicode in %s", font_files[k]);
	HPDF_Dict_RemoveElement(tu, "Type");
	HPDF_Dict_RemoveElement(tu, "CMapName");
	HPDF_Dict_RemoveElement(tu, "CIDSystemInfo");
	HPDF_Dict_RemoveElement(tu, "WMode");
	HPDF_MemStream_FreeData(tu->stream);
	len += (size_t)sprintf(b + len, "/CIDInit /ProcSet findresource begin\n"
	    "12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) "
	    "/Ordering (UCS) /Supplement 0 >> def\n/CMapName "
	    "/Adobe-Identity-UCS def\n/CMapType 2 def\n1 "
	    "begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	while ((c = next_used(p, k, c)) < NCODES) {
		for (end = c; end + 1 < NCODES && (end + 1) % 256 != 0 &&
		    used(p, k, end + 1); end++)
			;
		blen += (size_t)sprintf(blk + blen, "<%04X> <%04X> <%04X>\n", c,
		    end, c);
		if (++n == 100) {
			len += (size_t)sprintf(b + len, "%d beginbfrange\n%s"
			    "endbfrange\n", n, blk);
			blen = 0;
			n = 0;
		}
		c = end + 1;
	}
	if (n > 0)
		len += (size_t)sprintf(b + len, "%d beginbfrange\n%sendbfrange\n",
		    n, blk);
	len += (size_t)sprintf(b + len, "endcmap\nCMapName currentdict /CMap "
	    "defineresource pop\nend\nend\n");
	HPDF_Stream_Write(tu->stream, (const HPDF_BYTE *)b, (HPDF_UINT)len);
	free(b);
	free(blk);
}

/* The subset font program as the descriptor's FontFile2 (a descriptor
 * already there makes libharu skip its own embedding). */
static void
font_program(struct pdf *p, HPDF_FontDef def, hb_face_t *sub)
{
	HPDF_TTFontDefAttr da = def->attr;
	hb_blob_t *blob = hb_face_reference_blob(sub);
	unsigned len = 0;
	const char *data = hb_blob_get_data(blob, &len);
	HPDF_Dict desc = HPDF_Dict_New(p->doc->mmgr);
	HPDF_Dict file = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);

	HPDF_Xref_Add(p->doc->xref, desc);
	HPDF_Stream_Write(file->stream, (const HPDF_BYTE *)data, len);
	hb_blob_destroy(blob);
	file->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);
	HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	HPDF_Dict_AddName(desc, "FontName", da->base_font);
	HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)def->flags);
	HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(p->doc->mmgr,
	    def->font_bbox));
	HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
	HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
	HPDF_Dict_AddNumber(desc, "Descent", def->descent);
	HPDF_Dict_AddNumber(desc, "CapHeight", def->cap_height ?
	    def->cap_height : def->ascent);
	HPDF_Dict_AddNumber(desc, "XHeight", def->x_height);
	HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
	HPDF_Dict_Add(desc, "FontFile2", file);
	def->descriptor = desc;
}

static void
font_finish(struct pdf *p, int k)
{
	static const char *const dropped[] = {"GSUB", "GPOS", "GDEF",
	    "kern", "post", "name", "FFTM", "MATH", "JSTF", "BASE", "hdmx",
	    "LTSH", "VDMX", "gasp"};
	HPDF_FontDef def = ((HPDF_FontAttr)p->font[k]->attr)->fontdef;
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_set_t *glyphs = hb_subset_input_glyph_set(in);
	hb_set_t *drop = hb_subset_input_set(in,
	    HB_SUBSET_SETS_DROP_TABLE_TAG);
	hb_subset_plan_t *plan;
	hb_face_t *sub;
	unsigned c;
	size_t i;

	for (i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++)
		hb_set_add(drop, hb_tag_from_string(dropped[i], 4));
	hb_set_add(glyphs, 0);
	for (c = next_used(p, k, 0); c < NCODES; c = next_used(p, k, c + 1))
		hb_set_add(glyphs, HPDF_TTFontDef_GetGlyphid(def,
		    (HPDF_UNICODE)c));
	if ((plan = hb_subset_plan_create_or_fail(ffile[k].face, in)) == NULL ||
	    (sub = hb_subset_plan_execute_or_fail(plan)) == NULL)
		die("cannot subset %s", font_files[k]);
	hb_subset_input_destroy(in);
	font_tounicode(p, k);
	font_maps(p, k, def, hb_subset_plan_old_to_new_glyph_mapping(plan));
	font_program(p, def, sub);
	hb_face_destroy(sub);
	hb_subset_plan_destroy(plan);
}

static void
pdf_open(struct pdf *p, double w, double h, double ml, double mt)
{
	int i;

	memset(p, 0, sizeof(*p));
	if ((p->doc = HPDF_New(on_error, NULL)) == NULL)
		die("HPDF_New failed");
	HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->doc);
	HPDF_SetCurrentEncoder(p->doc, "UTF-8");
	for (i = 0; i < NFONTS; i++) {
		p->font[i] = font_load(p->doc, i);
		p->used[i] = calloc(NCODES / 8, 1);
	}
	p->w = w;
	p->h = h;
	p->ml = p->mr = ml;
	p->mt = p->mb = mt;
	p->hbefore = 10;
	p->hafter = 6;
}

/* The page margins and heading spaces of the layout c was flattened
 * from (its `page` records), where it gives them. */
static void
page_measures(struct pdf *p, const struct content *c)
{
	if (*val(c, "page", "page", "margin", 0)) {
		p->mt = atof(val(c, "page", "page", "margin", 0)) * MM;
		p->mr = atof(val(c, "page", "page", "margin", 1)) * MM;
		p->mb = atof(val(c, "page", "page", "margin", 2)) * MM;
		p->ml = atof(val(c, "page", "page", "margin", 3)) * MM;
	}
	if (*val(c, "page", "page", "heading", 0)) {
		p->hbefore = atof(val(c, "page", "page", "heading", 0));
		p->hafter = atof(val(c, "page", "page", "heading", 2));
	}
}

static void
pdf_info(struct pdf *p, const struct content *c)
{
	HPDF_Date d = {2021, 2, 11, 0, 0, 0, 'Z', 0, 0};

	HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, val(c, "doc", "info",
	    "title", 0));
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_SUBJECT, val(c, "doc", "info",
	    "subject", 0));
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_KEYWORDS, val(c, "doc", "info",
	    "keywords", 0));
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, val(c, "doc", "info",
	    "author", 0));
	HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "floor");
	HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
}

static void
new_page(struct pdf *p)
{
	p->page = HPDF_AddPage(p->doc);
	HPDF_Page_SetWidth(p->page, (HPDF_REAL)p->w);
	HPDF_Page_SetHeight(p->page, (HPDF_REAL)p->h);
	p->pages = xrealloc(p->pages, (p->npages + 1) * sizeof(*p->pages));
	p->pages[p->npages++] = p->page;
	p->y = p->h - p->mt;
}

static double
text_w(const struct pdf *p, enum font f, double size, const char *s,
    size_t n)
{
	HPDF_TextWidth tw = HPDF_Font_TextWidth(p->font[f],
	    (const HPDF_BYTE *)s, (HPDF_UINT)n);

	return tw.width * size / 1000.0;
}

static void
fill(HPDF_Page pg, struct rgb c)
{
	ops_fill(pg, (HPDF_REAL)c.r, (HPDF_REAL)c.g,
	    (HPDF_REAL)c.b);
}

static void
stroke(HPDF_Page pg, struct rgb c)
{
	ops_stroke(pg, (HPDF_REAL)c.r, (HPDF_REAL)c.g,
	    (HPDF_REAL)c.b);
}

/* n bytes of s at (x, baseline y). */
static void
show(struct pdf *p, const struct style *st, double x, double y,
    const char *s, size_t n)
{
	char buf[4096];

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	fill(p->page, st->color);
	font_use(p, st->font, buf, n);
	ops_text(p->page, p->font[st->font], (HPDF_REAL)st->size,
	    (HPDF_REAL)x, (HPDF_REAL)y, buf);
}

static void
show_right(struct pdf *p, const struct style *st, double right, double y,
    const char *s)
{
	show(p, st, right - text_w(p, st->font, st->size, s, strlen(s)), y, s,
	    strlen(s));
}

static void
rect(struct pdf *p, struct rgb c, double x, double y, double w, double h)
{
	fill(p->page, c);
	ops_rect(p->page, (HPDF_REAL)x, (HPDF_REAL)y,
	    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(p->page);
}

static void
hline(struct pdf *p, struct rgb c, double x, double y, double w, double lw)
{
	stroke(p->page, c);
	HPDF_Page_SetLineWidth(p->page, (HPDF_REAL)lw);
	ops_move_to(p->page, (HPDF_REAL)x, (HPDF_REAL)y);
	ops_line_to(p->page, (HPDF_REAL)(x + w), (HPDF_REAL)y);
	HPDF_Page_Stroke(p->page);
}

/* Break s into lines of at most w points (first fit, at spaces and line
 * breaks) and draw them from the top `top`, justified when asked; draw 0
 * only measures.  Returns the height used. */
static double
para(struct pdf *p, const struct style *st, double x, double top, double w,
    const char *s, int justify, int draw)
{
	double space = text_w(p, st->font, st->size, " ", 1);
	double y = top - st->size;
	size_t nl = 0;

	while (*s) {
		const char *ws[512];
		double ww[512], lw = 0;
		size_t wl[512], n = 0, i;
		int hard = 0;

		while (*s == ' ')
			s++;
		while (*s && *s != '\n' && n < 512) {
			size_t k = strcspn(s, " \n");
			double kw = text_w(p, st->font, st->size, s, k);

			if (n > 0 && lw + space + kw > w)
				break;
			ws[n] = s;
			wl[n] = k;
			ww[n] = kw;
			lw += (n ? space : 0) + kw;
			n++;
			s += k;
			while (*s == ' ')
				s++;
		}
		if (*s == '\n') {
			hard = 1;
			s++;
		}
		if (draw && n > 0) {
			int just = justify && *s && !hard && n > 1;
			double gap = just ? space + (w - lw) / (double)(n - 1) :
			    space, cx = x;

			if (just)   /* word by word: CID fonts ignore word space */
				for (i = 0; i < n; i++) {
					show(p, st, cx, y, ws[i], wl[i]);
					cx += ww[i] + gap;
				}
			else
				show(p, st, x, y, ws[0],
				    (size_t)(ws[n - 1] + wl[n - 1] - ws[0]));
		}
		nl++;
		y -= st->leading;
	}
	return (double)nl * st->leading;
}

/* A section heading in capitals with a rule under it; returns its
 * height. */
static double
heading(struct pdf *p, const struct style *st, double x, double top,
    double w, const char *s)
{
	char up[512];
	size_t i;

	for (i = 0; s[i] && i < sizeof(up) - 1; i++)
		up[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	up[i] = '\0';
	top -= p->hbefore;
	show(p, st, x, top - st->size, up, strlen(up));
	hline(p, RULE, x, top - st->leading - 2, w, 0.6);
	return p->hbefore + st->leading + p->hafter;
}

/* Number with thousands commas. */
static void
commas(double v, char *out, size_t size)
{
	char tmp[32];
	long long n = llround(v);
	size_t len, i, o = 0;

	snprintf(tmp, sizeof(tmp), "%lld", n);
	len = strlen(tmp);
	for (i = 0; i < len && o + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = tmp[i];
	}
	out[o] = '\0';
}

static const struct style FS_TITLE = {BOLD, 22, 28, {1, 1, 1}},
    FS_SUB = {SANS, 10, 14, {0xD5 / 255.0, 0xE3 / 255.0, 0xF2 / 255.0}},
    FS_KICK = {CONDB, 8, 14, {0x7F / 255.0, 0xB2 / 255.0, 0xE5 / 255.0}},
    FS_HEAD = {CONDB, 10, 13, {0, 0x49 / 255.0, 0x90 / 255.0}},
    FS_BODY = {SANS, 8.4, 11.8, {0x1B / 255.0, 0x1F / 255.0, 0x24 / 255.0}},
    FS_LABEL = {CONDB, 7.6, 10.5, {0, 0x49 / 255.0, 0x90 / 255.0}},
    FS_VALUE = {SANS, 8.2, 10.5, {0x1B / 255.0, 0x1F / 255.0, 0x24 / 255.0}},
    FS_FIGURE = {BOLD, 20, 24, {0, 0x49 / 255.0, 0x90 / 255.0}},
    FS_CAPTION = {COND, 7.6, 9.6, {0x5B / 255.0, 0x65 / 255.0, 0x73 / 255.0}},
    FS_TH = {CONDB, 7.6, 9.6, {0, 0x49 / 255.0, 0x90 / 255.0}},
    FS_TD = {COND, 8, 9.4, {0x1B / 255.0, 0x1F / 255.0, 0x24 / 255.0}},
    FS_TDB = {CONDB, 8, 9.4, {0x1B / 255.0, 0x1F / 255.0, 0x24 / 255.0}},
    FS_SMALL = {SANS, 6.8, 8.8, {0x5B / 255.0, 0x65 / 255.0, 0x73 / 255.0}},
    FS_LINK = {SANS, 6.8, 8.8, {0, 0x49 / 255.0, 0x90 / 255.0}};

/* Style `which` of block kind/name (a band's title, a facts block's
 * label): st with the size and leading the layout gives it. */
static struct style
block_style(const struct content *c, const char *kind, const char *name,
    const char *which, struct style st)
{
	size_t n, i;
	struct rec **r = recs(c, kind, name, "style", &n);

	for (i = 0; i < n; i++)
		if (strcmp(fld(r[i], 0), which) == 0) {
			st.size = atof(fld(r[i], 1));
			st.leading = atof(fld(r[i], 2));
		}
	free(r);
	return st;
}

/* A title band across the page, with a bookmark under `parent` (NULL:
 * at the top of the outline) when `mark`.  As briefgen sizes it: kicker
 * and note on a line (stacked when they would touch), title and subtitle
 * wrapped, at least the layout's height, padded; first on its page it
 * bleeds to the page's top edge, which takes up half a padding less than
 * the top margin. */
static void
band(struct pdf *p, const struct content *c, const char *name, double pad,
    HPDF_Outline parent, int mark)
{
	const char *kicker = val(c, "band", name, "kicker", 0);
	const char *note = val(c, "band", name, "note", 0);
	const char *title = val(c, "band", name, "title", 0);
	const char *sub = val(c, "band", name, "subtitle", 0);
	struct style ks = block_style(c, "band", name, "kicker", FS_KICK),
	    ns = block_style(c, "band", name, "note", FS_SUB),
	    ts = block_style(c, "band", name, "title", FS_TITLE),
	    ss = block_style(c, "band", name, "subtitle", FS_SUB);
	double x = p->ml, w = p->w - p->ml - p->mr, top, h, head, th, ty;
	int first = p->y >= p->h - p->mt - 1;

	if (*val(c, "band", name, "measure", 0))
		pad = atof(val(c, "band", name, "measure", 0));
	head = fmax(*kicker ? ks.leading : 0, *note ? ns.leading : 0);
	if (*kicker && *note && text_w(p, ks.font, ks.size, kicker,
	    strlen(kicker)) + text_w(p, ns.font, ns.size, note, strlen(note)) +
	    12 > w - 2 * pad)
		head = ks.leading + ns.leading;
	th = para(p, &ts, 0, 0, w - 2 * pad, title, 0, 0);
	h = fmax(head + th + (*sub ? para(p, &ss, 0, 0, w - 2 * pad, sub, 0,
	    0) : 0), atof(val(c, "band", name, "measure", 1)) - 2 * pad);
	top = first ? p->h : p->y;
	if (first)      /* from the page's edge: the lift, as briefgen's */
		h -= fmin(fmax(p->mt - pad / 2, 0), h) - p->mt;
	h += 2 * pad;
	rect(p, NAVY, 0, top - h, p->w, h);
	p->y = top - h;
	ty = top - pad - (first ? pad / 2 : 0);
	show(p, &ks, x, ty - ks.size, kicker, strlen(kicker));
	show_right(p, &ns, p->w - p->mr, ty - (head > ks.leading + 0.01 &&
	    *kicker ? ks.leading : 0) - ns.size, note);
	ty -= head;
	para(p, &ts, x, ty, w - 2 * pad, title, 0, 1);
	para(p, &ss, x, ty - th, w - 2 * pad, sub, 0, 1);
	if (mark && *title)
		HPDF_Outline_SetDestination(HPDF_CreateOutline(p->doc, parent,
		    title, HPDF_GetEncoder(p->doc, "UTF-8")),
		    HPDF_Page_CreateDestination(p->page));
}

/* A word wider than w broken where it reaches the edge, as briefgen
 * breaks an overlong word; returns the lines (draw 0: only counts). */
static int
broken_word(struct pdf *p, const struct style *st, double x, double top,
    double w, const char *s, int draw)
{
	size_t n = strlen(s), i = 0, k;
	int lines = 0;

	while (i < n) {
		for (k = 1; i + k < n && text_w(p, st->font, st->size, s + i,
		    k + 1) <= w; k++)
			;
		while (i + k < n && (s[i + k] & 0xC0) == 0x80)
			k++;    /* not inside a character */
		if (draw)
			show(p, st, x, top - st->size - lines * st->leading,
			    s + i, k);
		i += k;
		lines++;
	}
	return lines;
}

/* Headline figures side by side, as briefgen stacks them: a rule, the
 * number (broken when wider than its column), the caption. */
static void
figures(struct pdf *p, const struct content *c, const char *name, double gap)
{
	size_t n, i;
	struct rec **f = recs(c, "facts", name, "fact", &n);
	struct style vs = block_style(c, "facts", name, "value", FS_FIGURE),
	    ls = block_style(c, "facts", name, "label", FS_CAPTION);
	double w, h = 0;

	if (*val(c, "facts", name, "gap", 0))
		gap = atof(val(c, "facts", name, "gap", 0));
	w = (p->w - p->ml - p->mr - gap * (double)(n - 1)) / (double)(n ? n : 1);
	for (i = 0; i < n; i++) {
		double x = p->ml + (double)i * (w + gap), vh;
		const char *v = fld(f[i], 1);

		rect(p, NAVY, x, p->y - 1.5, w, 1.5);
		if (strchr(v, ' ') == NULL && text_w(p, vs.font, vs.size, v,
		    strlen(v)) > w)
			vh = broken_word(p, &vs, x, p->y - 6, w, v, 1) *
			    vs.leading;
		else
			vh = para(p, &vs, x, p->y - 6, w, v, 0, 1);
		h = fmax(h, 6 + vh + para(p, &ls, x, p->y - 6 - vh, w,
		    fld(f[i], 0), 0, 1));
	}
	p->y -= h;
	free(f);
}

/* A text block: heading and paragraphs; returns the new top. */
static double
text_block(struct pdf *p, const struct content *c, const char *name,
    const struct style *st, double x, double top, double w)
{
	size_t n, i;
	struct rec **b = recs(c, "text", name, "body", &n);

	if (*val(c, "text", name, "title", 0))
		top -= heading(p, &FS_HEAD, x, top, w, val(c, "text", name,
		    "title", 0));
	for (i = 0; i < n; i++)
		top -= para(p, st, x, top, w, fld(b[i], 0), 1, 1) + 4;
	free(b);
	return top;
}

static double
list_block(struct pdf *p, const struct content *c, const char *name,
    const struct style *st, double x, double top, double w)
{
	size_t n, i;
	struct rec **it = recs(c, "list", name, "item", &n);

	top -= heading(p, &FS_HEAD, x, top, w, val(c, "list", name, "title",
	    0));
	for (i = 0; i < n; i++) {
		show(p, st, x + 2, top - st->size, "•", strlen("•"));
		top -= para(p, st, x + 10, top, w - 10, fld(it[i], 0), 0, 1) + 1;
	}
	free(it);
	return top;
}

/* Label | value rows with a rule under each. */
static double
facts_block(struct pdf *p, const struct content *c, const char *name,
    double x, double top, double w, double lw)
{
	size_t n, i;
	struct rec **f = recs(c, "facts", name, "fact", &n);

	top -= heading(p, &FS_HEAD, x, top, w, val(c, "facts", name, "title",
	    0));
	for (i = 0; i < n; i++) {
		double a = para(p, &FS_LABEL, x, top - 3, w * lw - 4,
		    fld(f[i], 0), 0, 1);
		double b = para(p, &FS_VALUE, x + w * lw, top - 3,
		    w * (1 - lw), fld(f[i], 1), 0, 1);

		top -= (a > b ? a : b) + 6;
		hline(p, RULE, x, top + 1, w, 0.4);
	}
	free(f);
	return top;
}

/* The outline and places, in an equirectangular box. */
static double
map_block(struct pdf *p, const struct content *c, const char *name,
    double x, double top, double w, double h, const struct style *lab)
{
	size_t nv, np, i;
	struct rec **v = recs(c, "map", name, "vtx", &nv);
	struct rec **pl = recs(c, "map", name, "place", &np);
	double x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9, k, ox, oy, hx = 0,
	    hy = 0;

	top -= heading(p, &FS_HEAD, x, top, w, val(c, "map", name, "title",
	    0));
	for (i = 0; i < nv; i++) {
		double lo = atof(fld(v[i], 0)), la = atof(fld(v[i], 1));

		x0 = fmin(x0, lo);
		x1 = fmax(x1, lo);
		y0 = fmin(y0, la);
		y1 = fmax(y1, la);
	}
	k = fmin(w / (x1 - x0), (h - 10) / (y1 - y0));
	ox = x + (w - k * (x1 - x0)) / 2;
	oy = top - h + (h - k * (y1 - y0)) / 2;
	fill(p->page, LAND);
	stroke(p->page, BORDER);
	HPDF_Page_SetLineWidth(p->page, 0.6);
	for (i = 0; i < nv; i++) {
		HPDF_REAL px = (HPDF_REAL)(ox + k * (atof(fld(v[i], 0)) - x0));
		HPDF_REAL py = (HPDF_REAL)(oy + k * (atof(fld(v[i], 1)) - y0));

		if (i == 0)
			ops_move_to(p->page, px, py);
		else
			ops_line_to(p->page, px, py);
	}
	if (nv)
		HPDF_Page_FillStroke(p->page);
	for (i = 0; i < np; i++) {
		double px = ox + k * (atof(fld(pl[i], 2)) - x0);
		double py = oy + k * (atof(fld(pl[i], 3)) - y0);
		int hub = strcmp(fld(pl[i], 1), "hub") == 0;

		if (hub && hx == 0) {
			hx = px;
			hy = py;
		} else if (!hub && hx != 0) {
			hline(p, SKY, px, py, 0, 0.8);
			ops_move_to(p->page, (HPDF_REAL)hx, (HPDF_REAL)hy);
			ops_line_to(p->page, (HPDF_REAL)px, (HPDF_REAL)py);
			HPDF_Page_Stroke(p->page);
		}
		rect(p, hub ? DEEP : NAVY, px - 2.5, py - 2.5, 5, 5);
		show(p, lab, px + 5, py - 3, fld(pl[i], 0), strlen(fld(pl[i], 0)));
	}
	free(v);
	free(pl);
	return top - h;
}

/* A table of wrapped cells, column widths in proportion. */
/* Column widths over w: a width in points ("30pt", as the layout writes a
 * fixed one) is taken as is, the others share what is left. */
static void
col_widths(const struct rec *wd, size_t nc, double w, double *cw)
{
	double fixed = 0, sum = 0;
	size_t i;

	for (i = 0; i < nc; i++) {
		const char *f = fld(wd, (int)i);

		if (strstr(f, "pt"))
			fixed += atof(f);
		else
			sum += atof(f);
	}
	for (i = 0; i < nc; i++) {
		const char *f = fld(wd, (int)i);

		cw[i] = strstr(f, "pt") ? atof(f) :
		    sum > 0 ? (w - fixed) * atof(f) / sum : 0;
	}
}

static double
cmd_table(struct pdf *p, const struct content *c, const char *name,
    double x, double top, double w)
{
	size_t n, i, nc, k;
	struct rec **r = recs(c, "table", name, "row", &n);
	struct rec **hd = recs(c, "table", name, "head", &k);
	struct rec **wd = recs(c, "table", name, "width", &k);
	double cw[16], cx;

	top -= heading(p, &FS_HEAD, x, top, w, val(c, "table", name, "title",
	    0));
	nc = (size_t)hd[0]->n - 3;
	col_widths(wd[0], nc < 16 ? nc : 16, w, cw);
	for (i = 0, cx = x; i < nc && i < 16; i++) {
		show(p, &FS_TH, cx + 2, top - 2 - FS_TH.size, fld(hd[0], (int)i),
		    strlen(fld(hd[0], (int)i)));
		cx += cw[i];
	}
	top -= FS_TH.leading + 4;
	hline(p, NAVY, x, top, w, 0.8);
	for (k = 0; k < n; k++) {
		double h = 0;

		for (i = 0, cx = x; i < nc && i < 16; i++) {
			double hh = para(p, &FS_TD, cx + 2, top - 2, cw[i] - 4,
			    fld(r[k], (int)i), 0, 1);

			if (hh > h)
				h = hh;
			cx += cw[i];
		}
		top -= h + 4;
		hline(p, RULE, x, top, w, 0.4);
	}
	free(r);
	free(hd);
	free(wd);
	return top;
}

/* The nations table: `flow` columns of striped rows under a repeated
 * header, onto new pages as needed (balanced when it fits on one). */
static double
nations_table(struct pdf *p, const struct content *c, const char *name,
    double x, double w, int flow, double gap, const struct style *td,
    const struct style *th, int balance)
{
	size_t n, i, nc, k, row = 0;
	struct rec **r = recs(c, "table", name, "row", &n);
	struct rec **hd = recs(c, "table", name, "head", &k);
	struct rec **wd = recs(c, "table", name, "width", &k);
	struct rec **tot = recs(c, "table", name, "total", &k);
	double cw[8], rh = td->leading + 4.4, colw, low = 0;
	size_t all = n + (tot ? 1 : 0);

	nc = (size_t)hd[0]->n - 3;
	colw = (w - gap * (flow - 1)) / flow;
	col_widths(wd[0], nc < 8 ? nc : 8, colw, cw);
	p->y -= heading(p, &FS_HEAD, x, p->y, w, val(c, "table", name,
	    "title", 0));
	while (row < all) {
		size_t per = (size_t)((p->y - p->mb - th->leading - 6) / rh);
		int col;

		if (per == 0) {
			new_page(p);
			continue;
		}
		if (balance && all - row <= per * (size_t)flow)
			per = (all - row + (size_t)flow - 1) / (size_t)flow;
		for (col = 0; col < flow && row < all; col++) {
			double cx = x + col * (colw + gap), y = p->y, ccx;

			for (i = 0, ccx = cx; i < nc; i++) {
				if (i == 0)
					show(p, th, ccx + 2, y - th->size - 1,
					    fld(hd[0], 0), strlen(fld(hd[0], 0)));
				else
					show_right(p, th, ccx + cw[i] - 2,
					    y - th->size - 1, fld(hd[0], (int)i));
				ccx += cw[i];
			}
			y -= th->leading + 4;
			hline(p, NAVY, cx, y, colw, 0.8);
			for (k = 0; k < per && row < all; k++, row++) {
				const struct rec *rr = row < n ? r[row] : tot[0];
				const struct style *st = row < n ? td : &FS_TDB;

				if (row % 2)
					rect(p, STRIPE, cx, y - rh, colw, rh);
				for (i = 0, ccx = cx; i < nc; i++) {
					if (i == 0)
						show(p, st, ccx + 2, y - 2.2 -
						    st->size, fld(rr, 0),
						    strlen(fld(rr, 0)));
					else
						show_right(p, st, ccx + cw[i] - 2,
						    y - 2.2 - st->size,
						    fld(rr, (int)i));
					ccx += cw[i];
				}
				y -= rh;
			}
			if (low == 0 || y < low)
				low = y;
		}
		p->y = low;
		if (row < all) {
			new_page(p);
			low = 0;
		}
	}
	free(r);
	free(hd);
	free(wd);
	free(tot);
	return p->y;
}

/* A table's measures as its layout gives them (flatten's records). */
struct tmeasure {
	struct style td, th, tot;       /* cell, header and total styles */
	double pad;             /* cell padding, both sides */
	double gap;             /* between column groups */
	int flow;               /* column groups side by side */
	int right[16];          /* column i aligned to the right */
};

static void
table_measures(const struct content *c, const char *name, struct tmeasure *m)
{
	int i;

	m->td = FS_TD;
	m->th = FS_TH;
	m->td.size = atof(val(c, "table", name, "cell", 0));
	m->td.leading = atof(val(c, "table", name, "cell", 1));
	m->th.size = atof(val(c, "table", name, "headcell", 0));
	m->th.leading = atof(val(c, "table", name, "headcell", 1));
	m->tot = FS_TDB;
	m->tot.size = atof(val(c, "table", name, "totalcell", 0));
	m->tot.leading = atof(val(c, "table", name, "totalcell", 1));
	m->pad = 2 * atof(val(c, "table", name, "padding", 0));
	m->gap = atof(val(c, "table", name, "gap", 0));
	m->flow = atoi(val(c, "table", name, "flow", 0));
	for (i = 0; i < 16; i++)
		m->right[i] = strcmp(val(c, "table", name, "align", i),
		    "right") == 0;
	if (m->flow < 1)
		m->flow = 1;
}

/* Height of row r (its cells wrapped in their columns, padded). */
static double
row_h(struct pdf *p, const struct rec *r, const struct style *st, size_t nc,
    const double *cw, double pad)
{
	double h = 0;
	size_t i;

	for (i = 0; i < nc; i++)
		h = fmax(h, para(p, st, 0, 0, cw[i] - pad, fld(r, (int)i), 0, 0));
	return h + pad;
}

/* Column groups needed for rows h[0..n) at most cap high (counted up to
 * most + 1). */
static int
groups_needed(const double *h, size_t n, double cap, int most)
{
	double used = 0;
	int g = 1;
	size_t i;

	for (i = 0; i < n && g <= most; i++) {
		if (used > 0 && used + h[i] > cap + 1e-6) {
			g++;
			used = 0;
		}
		used += h[i];
	}
	return g;
}

/* The least group height that holds h[0..n) in `groups` groups: the
 * last page of a table in groups is balanced, as briefgen does. */
static double
balanced(const double *h, size_t n, int groups, double cap)
{
	double lo = 0, hi = cap;
	size_t i;
	int k;

	for (i = 0; i < n; i++)
		lo = fmax(lo, h[i]);
	if (groups_needed(h, n, lo, groups) <= groups)
		return lo;
	for (k = 0; k < 60 && hi - lo > 1e-4; k++) {
		double mid = (lo + hi) / 2;

		if (groups_needed(h, n, mid, groups) <= groups)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

/* Where a table's rows go: a group of rows side by side with others on
 * its page. */
struct tseg {
	size_t page, first, n;
	int g;                  /* 0 .. flow - 1, from the left */
};

/* Rows rh[0..n) into groups of at most cap0 points of rows on the first
 * page and cap on the others, `flow` to a page, the last page balanced
 * (briefgen's ts_split).  Returns the number of groups, in *out. */
static size_t
table_split(const double *rh, size_t n, int flow, double cap0, double cap,
    struct tseg **out)
{
	size_t k = 0, page = 0, ns = 0;

	*out = xmalloc((n + 1) * sizeof(**out));
	do {
		double c = page ? cap : cap0;
		int g;

		if (flow > 1 && groups_needed(rh + k, n - k, c, flow) <= flow)
			c = balanced(rh + k, n - k, flow, c);
		for (g = 0; g < flow && (k < n || ns == 0); g++) {
			struct tseg *s = &(*out)[ns++];
			double used = 0;

			s->page = page;
			s->g = g;
			s->first = k;
			for (; k < n && (k == s->first || used + rh[k] <= c + 1e-6);
			    k++)
				used += rh[k];
			s->n = k - s->first;
		}
		page++;
	} while (k < n);
	return ns;
}

/* Rows side by side share a baseline: the k-th row of each group on a
 * page gets the tallest one's height (briefgen's align_rows).  Returns
 * 1 when that changed a height. */
static int
table_align(double *rh, const struct tseg *s, size_t ns)
{
	size_t i, hi, a, b, k;
	int changed = 0;

	for (i = 0; i < ns; i = hi) {
		for (hi = i; hi < ns && s[hi].page == s[i].page; hi++)
			;
		for (a = i; a < hi; a++)
			for (b = i; b < hi; b++)
				for (k = 0; k < s[a].n && k < s[b].n; k++)
					if (rh[s[b].first + k] > rh[s[a].first +
					    k] + 0.01) {
						rh[s[a].first + k] =
						    rh[s[b].first + k];
						changed = 1;
					}
	}
	return changed;
}

/* Do the groups still fit their pages with the heights aligned? */
static int
table_fits(const double *rh, const struct tseg *s, size_t ns, double cap0,
    double cap)
{
	size_t i, k;

	for (i = 0; i < ns; i++) {
		double h = 0;

		for (k = s[i].first; k < s[i].first + s[i].n; k++)
			h += rh[k];
		if (h > (s[i].page ? cap : cap0) - 0.01)
			return 0;
	}
	return 1;
}

/* The split, then rows side by side aligned; should aligning overfill a
 * page, split again with the aligned heights (four times at most, then
 * with the rows' own heights), as briefgen's split_rows. */
static size_t
table_layout(double *rh, size_t n, int flow, double cap0, double cap,
    struct tseg **out)
{
	double *own = xmalloc((n + 1) * sizeof(*own));
	size_t ns = 0;
	int round;

	memcpy(own, rh, n * sizeof(*rh));
	*out = NULL;
	for (round = 0; round < 4; round++) {
		free(*out);
		ns = table_split(rh, n, flow, cap0, cap, out);
		if (flow < 2 || !table_align(rh, *out, ns) ||
		    table_fits(rh, *out, ns, cap0, cap))
			goto done;
	}
	memcpy(rh, own, n * sizeof(*rh));
	free(*out);
	ns = table_split(rh, n, flow, cap0, cap, out);
done:
	free(own);
	return ns;
}

/* Column group s at (x, top): the header, then its rows, striped;
 * returns the bottom. */
static double
table_group(struct pdf *p, const struct tmeasure *m, struct rec **r,
    const struct rec *hd, const double *rh, double head,
    const struct tseg *s, size_t nc, const double *cw, double x, double top,
    double colw)
{
	size_t i, k;
	double cx;

	for (i = 0, cx = x; i < nc; i++) {
		para(p, &m->th, cx + m->pad / 2, top - m->pad / 2, cw[i] - m->pad,
		    fld(hd, (int)i), 0, 1);
		cx += cw[i];
	}
	top -= head;
	hline(p, NAVY, x, top, colw, 0.8);
	for (k = s->first; k < s->first + s->n; k++) {
		if ((k - s->first) % 2)
			rect(p, STRIPE, x, top - rh[k], colw, rh[k]);
		for (i = 0, cx = x; i < nc; i++) {
			if (m->right[i])        /* a number: one line */
				show_right(p, &m->td, cx + cw[i] - m->pad / 2,
				    top - m->pad / 2 - m->td.size,
				    fld(r[k], (int)i));
			else
				para(p, &m->td, cx + m->pad / 2, top -
				    m->pad / 2, cw[i] - m->pad, fld(r[k],
				    (int)i), 0, 1);
			cx += cw[i];
		}
		top -= rh[k];
	}
	hline(p, NAVY, x, top, colw, 0.8);
	return top;
}

/* The total row across the table's width under its groups: a rule, the
 * label at the left, the sums right-aligned under the last group's
 * columns.  Returns its bottom. */
static double
total_row(struct pdf *p, const struct tmeasure *m, const struct rec *t,
    size_t nc, const double *cw, double x, double top, double w, double colw)
{
	double cx = x + w - colw, y = top - m->pad / 2 - m->tot.size;
	size_t i;

	hline(p, NAVY, x, top, w, 0.8);
	show(p, &m->tot, x + m->pad / 2, y, fld(t, 0), strlen(fld(t, 0)));
	for (i = 0; i < nc; i++) {
		if (i > 0 && *fld(t, (int)i))
			show_right(p, &m->tot, cx + cw[i] - m->pad / 2, y,
			    fld(t, (int)i));
		cx += cw[i];
	}
	top -= m->tot.leading + m->pad;
	hline(p, NAVY, x, top, w, 0.8);
	return top;
}

/* A table of wrapped cells in `flow` groups side by side, over as many
 * pages as it needs, its header repeated at the top of each group
 * (paginate: in the page's flow; else one group where it is).  Split as
 * briefgen splits (typeset.c ts_split, pdf_table.c split_rows): a group
 * holds the rows that fit under its header, the last page balanced, rows
 * side by side aligned; the first page's room is less the block's
 * heading, every page's less the total row. */
static double
gen_table(struct pdf *p, const struct content *c, const char *name, double x,
    double top, double w, int paginate)
{
	size_t n, nc, k = 0, nh, ns, i;
	struct rec **r = recs(c, "table", name, "row", &n);
	struct rec **hd = recs(c, "table", name, "head", &nh);
	struct rec **wd = recs(c, "table", name, "width", &nh);
	struct rec **tot = recs(c, "table", name, "total", &nh);
	struct tmeasure m;
	double cw[16], colw, head, title, low, *rh, toth;
	struct tseg *seg;

	table_measures(c, name, &m);
	if (!paginate)
		m.flow = 1;
	colw = (w - m.gap * (m.flow - 1)) / m.flow;
	nc = hd ? (size_t)hd[0]->n - 3 : 0;
	if (nc > 16)
		nc = 16;
	col_widths(wd[0], nc, colw, cw);
	head = row_h(p, hd[0], &m.th, nc, cw, m.pad);
	rh = xmalloc((n + 1) * sizeof(*rh));
	for (k = 0; k < n; k++)
		rh[k] = row_h(p, r[k], &m.td, nc, cw, m.pad);
	/* briefgen keeps room for the total on every page. */
	toth = tot ? m.tot.leading + m.pad : 0;
	title = p->hbefore + FS_HEAD.leading + p->hafter;
	if (paginate && top - title - head - toth - (n ? rh[0] : 0) < p->mb) {
		new_page(p);
		top = p->y;
	}
	top -= heading(p, &FS_HEAD, x, top, w, val(c, "table", name, "title",
	    0));
	low = top;
	ns = table_layout(rh, n, m.flow, paginate ? top - p->mb - head - toth :
	    1e9, paginate ? p->h - p->mt - p->mb - head - toth : 1e9,
	    &seg);
	for (i = 0; i < ns; i++) {
		if (seg[i].page > 0 && seg[i].g == 0) {
			new_page(p);
			top = low = p->y;
		}
		low = fmin(low, table_group(p, &m, r, hd[0], rh, head, &seg[i],
		    nc, cw, x + seg[i].g * (colw + m.gap), top, colw));
	}
	free(seg);
	if (tot)
		low = total_row(p, &m, tot[0], nc, cw, x, low, w, colw);
	free(tot);
	free(rh);
	free(r);
	free(hd);
	free(wd);
	return low;
}

/* Horizontal bars with a grid, labels left, values right. */
static double
bar_chart(struct pdf *p, const struct content *c, const char *name, double x,
    double top, double w, const struct style *lab)
{
	size_t n, i;
	struct rec **b = recs(c, "chart", name, "bar", &n);
	double max = 0, step, lw = 0.32 * w, bw = w - lw - 30, y;
	char num[32];

	top -= heading(p, &FS_HEAD, x, top, w, val(c, "chart", name, "title",
	    0));
	for (i = 0; i < n; i++)
		max = fmax(max, atof(fld(b[i], 1)));
	step = pow(10, floor(log10(max > 0 ? max : 1)));
	if (max / step < 3)
		step /= 2;
	max = ceil(max / step) * step;
	y = top - 4;
	for (i = 0; i < n; i++) {
		double v = atof(fld(b[i], 1));

		show_right(p, lab, x + lw - 4, y - 8, fld(b[i], 0));
		rect(p, i == 10 ? SKY : NAVY, x + lw, y - 9, bw * v / max, 9);
		commas(v, num, sizeof(num));
		show(p, &FS_CAPTION, x + lw + bw * v / max + 3, y - 8, num,
		    strlen(num));
		y -= 13;
	}
	for (i = 0; step > 0 && i * step <= max; i++) {
		double gx = x + lw + bw * i * step / max;

		stroke(p->page, RULE);
		HPDF_Page_SetLineWidth(p->page, 0.4);
		ops_move_to(p->page, (HPDF_REAL)gx, (HPDF_REAL)(top - 2));
		ops_line_to(p->page, (HPDF_REAL)gx, (HPDF_REAL)y);
		HPDF_Page_Stroke(p->page);
		commas(i * step, num, sizeof(num));
		show(p, &FS_CAPTION, gx - 6, y - 10, num, strlen(num));
	}
	free(b);
	return y - 14;
}

/* Numbered sources; a URL under its source, as a link. */
static double
sources_block(struct pdf *p, const struct content *c, const char *name,
    double x, double top, double w, const struct style *st,
    const struct style *link)
{
	size_t n, i;
	struct rec **s = recs(c, "sources", name, "item", &n);

	top -= heading(p, &FS_HEAD, x, top, w, val(c, "sources", name, "title",
	    0));
	for (i = 0; i < n; i++) {
		show(p, st, x, top - st->size, fld(s[i], 0), strlen(fld(s[i], 0)));
		top -= para(p, st, x + 14, top, w - 14, fld(s[i], 1), 0, 1);
		if (*fld(s[i], 2)) {
			HPDF_Rect r;
			double h = para(p, link, x + 14, top, w - 14, fld(s[i], 2),
			    0, 1);
			HPDF_Annotation a;

			r.left = (HPDF_REAL)(x + 14);
			r.right = (HPDF_REAL)(x + w);
			r.bottom = (HPDF_REAL)(top - h);
			r.top = (HPDF_REAL)top;
			a = HPDF_Page_CreateURILinkAnnot(p->page, r, fld(s[i], 2));
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
			top -= h;
		}
	}
	free(s);
	return top;
}

/* t with {page} and {pages} replaced by n and m, into out. */
static void
page_numbers(const char *t, size_t n, size_t m, char *out, size_t size)
{
	size_t o = 0;

	for (; *t && o + 24 < size; t++) {
		if (strncmp(t, "{pages}", 7) == 0) {
			o += (size_t)snprintf(out + o, size - o, "%zu", m);
			t += 6;
		} else if (strncmp(t, "{page}", 6) == 0) {
			o += (size_t)snprintf(out + o, size - o, "%zu", n);
			t += 5;
		} else
			out[o++] = *t;
	}
	out[o] = '\0';
}

/* Header (not on a part's first page) and footer with "Page N of M" on
 * page i, numbered n of m; c holds the records of the page's part. */
static void
running_line(struct pdf *p, const struct content *c, size_t i, int first,
    size_t n, size_t m)
{
	char l[512], r[512];

	p->page = p->pages[i];
	if (!first && *val(c, "run", "header", "text", 0)) {
		page_numbers(val(c, "run", "header", "text", 0), n, m, l,
		    sizeof(l));
		page_numbers(val(c, "run", "header", "text", 1), n, m, r,
		    sizeof(r));
		show(p, &FS_SMALL, p->ml, p->h - p->mt + 12, l, strlen(l));
		show_right(p, &FS_SMALL, p->w - p->mr, p->h - p->mt + 12, r);
		hline(p, RULE, p->ml, p->h - p->mt + 8, p->w - p->ml - p->mr,
		    0.4);
	}
	page_numbers(val(c, "run", "footer", "text", 0), n, m, l, sizeof(l));
	page_numbers(val(c, "run", "footer", "text", 1), n, m, r, sizeof(r));
	hline(p, RULE, p->ml, p->mb - 8, p->w - p->ml - p->mr, 0.4);
	show(p, &FS_SMALL, p->ml, p->mb - 18, l, strlen(l));
	show_right(p, &FS_SMALL, p->w - p->mr, p->mb - 18, r);
}

static void
running_lines(struct pdf *p, const struct content *c)
{
	size_t i;

	for (i = 0; i < p->npages; i++)
		running_line(p, c, i, i == 0, i + 1, p->npages);
}

static void
pdf_save(struct pdf *p, const char *path)
{
	int i;

	for (i = 0; i < NFONTS; i++)
		font_finish(p, i);
	if (HPDF_SaveToFile(p->doc, path) != HPDF_OK)
		die("%s: cannot save", path);
	HPDF_Free(p->doc);
	free(p->pages);
	for (i = 0; i < NFONTS; i++)
		free(p->used[i]);
}

/* The fact sheet's pages, from a new page on; its bookmark under parent
 * (NULL: at the top). */
static void
factsheet_pages(struct pdf *p, const struct content *c, HPDF_Outline parent)
{
	double cw, lx, rx, lw, rw, ly, ry, top;

	new_page(p);
	band(p, c, "band", 16, parent, 1);
	figures(p, c, "figures", 14);
	cw = p->w - p->ml - p->mr;
	lw = (cw - 18) * 3 / 5;
	rw = (cw - 18) * 2 / 5;
	lx = p->ml;
	rx = p->ml + lw + 18;
	top = p->y - 6;
	ly = text_block(p, c, "about", &FS_BODY, lx, top, lw);
	ly = list_block(p, c, "functions", &FS_VALUE, lx, ly, lw);
	ry = facts_block(p, c, "keyfacts", rx, top, rw, 0.3);
	ry = map_block(p, c, "locator", rx, ry, rw, 190, &FS_VALUE);
	p->y = fmin(ly, ry) - 4;
	cmd_table(p, c, "commands", p->ml, p->y, cw);
	new_page(p);
	p->y = gen_table(p, c, "nations", p->ml, p->y, cw, 1);
	if (p->y - p->mb < 220)
		new_page(p);
	top = p->y - 8;
	ly = bar_chart(p, c, "largest", lx, top, lw, &FS_VALUE);
	ry = facts_block(p, c, "split", rx, top, rw, 0.32);
	ry -= para(p, &FS_CAPTION, rx, ry - 6, rw, val(c, "text", "note",
	    "body", 0), 0, 1);
	p->y = fmin(ly, ry);
	if (p->y - p->mb < 120)
		new_page(p);
	sources_block(p, c, "refs", p->ml, p->y - 4, cw, &FS_SMALL, &FS_LINK);
}

/* A4 portrait, two pages (more when the nations table is long). */
static void
factsheet(const struct content *c, const char *out)
{
	struct pdf p;

	pdf_open(&p, 595.276, 841.89, 16 * MM, 20 * MM);
	page_measures(&p, c);
	pdf_info(&p, c);
	factsheet_pages(&p, c, NULL);
	running_lines(&p, c);
	pdf_save(&p, out);
}

static const struct style PM_BODY = {SANS, 8.6, 12, {0x1B / 255.0,
    0x1F / 255.0, 0x24 / 255.0}},
    PM_CAP = {COND, 8.5, 11, {0x5B / 255.0, 0x65 / 255.0, 0x73 / 255.0}},
    PM_CARD = {CONDB, 9.5, 12.5, {0, 0x49 / 255.0, 0x90 / 255.0}},
    PM_DETAIL = {COND, 8.4, 11, {0x1B / 255.0, 0x1F / 255.0, 0x24 / 255.0}},
    PM_TH = {CONDB, 8, 10, {0, 0x49 / 255.0, 0x90 / 255.0}},
    PM_TD = {COND, 8.6, 10.2, {0x1B / 255.0, 0x1F / 255.0, 0x24 / 255.0}},
    PM_PLACE = {BOLD, 9, 11, {0, 0x2D / 255.0, 0x5C / 255.0}},
    PM_SMALL = {SANS, 7, 9, {0x5B / 255.0, 0x65 / 255.0, 0x73 / 255.0}},
    PM_LINK = {SANS, 7, 9, {0, 0x49 / 255.0, 0x90 / 255.0}};

/* The commands as cards, two to a row. */
static double
cards(struct pdf *p, const struct content *c, double x, double top, double w)
{
	size_t n, i;
	struct rec **k = recs(c, "list", "commands", "card", &n);
	double cw = (w - 18) / 2, rowtop = top, low = top;

	top -= heading(p, &FS_HEAD, x, top, w, val(c, "list", "commands",
	    "title", 0));
	rowtop = top;
	for (i = 0; i < n; i++) {
		double cx = x + (double)(i % 2) * (cw + 18), y = rowtop;

		hline(p, NAVY, cx, y, cw, 1);
		y -= para(p, &PM_CARD, cx, y - 3, cw, fld(k[i], 0), 0, 1) + 3;
		y -= para(p, &PM_DETAIL, cx, y, cw, fld(k[i], 1), 0, 1);
		low = fmin(low, y);
		if (i % 2 == 1)
			rowtop = low - 10;
	}
	free(k);
	return low;
}

/* A3 landscape, one page: figures, then three columns. */
static void
placemat(const struct content *c, const char *out)
{
	struct pdf p;
	double cw, w1, w2, w3, x1, x2, x3, top, y;

	pdf_open(&p, 1190.55, 841.89, 14 * MM, 14 * MM);
	pdf_info(&p, c);
	new_page(&p);
	band(&p, c, "band", 18, NULL, 1);
	figures(&p, c, "figures", 18);
	cw = p.w - p.ml - p.mr - 48;
	w1 = cw * 1.25 / 4.25;
	w2 = cw * 1.55 / 4.25;
	w3 = cw * 1.45 / 4.25;
	x1 = p.ml;
	x2 = x1 + w1 + 24;
	x3 = x2 + w2 + 24;
	top = p.y - 10;
	y = text_block(&p, c, "mission", &PM_BODY, x1, top, w1);
	y = list_block(&p, c, "functions", &PM_BODY, x1, y, w1);
	text_block(&p, c, "disclaimer", &PM_CAP, x1, y, w1);
	y = map_block(&p, c, "locator", x2, top, w2, 300, &PM_PLACE);
	cards(&p, c, x2, y - 10, w2);
	p.y = top;
	nations_table(&p, c, "nations", x3, w3, 3, 14, &PM_TD, &PM_TH, 1);
	y = bar_chart(&p, c, "largest", x3, p.y - 6, w3, &PM_TD);
	sources_block(&p, c, "sources", x3, y, w3, &PM_SMALL, &PM_LINK);
	running_lines(&p, c);
	pdf_save(&p, out);
}

/* ------------------------------------------------------------ pack */

#define PACK_MAX_PARTS 64

/* A contents entry: a part (level 1) or a titled block in it (level 2). */
struct entry {
	const char *title;
	int level;
	size_t page;
};

struct pack {
	struct pdf p;
	struct content part[PACK_MAX_PARTS];    /* views into the records */
	const char *kind[PACK_MAX_PARTS], *title[PACK_MAX_PARTS];
	size_t first[PACK_MAX_PARTS + 1];       /* each part's first page */
	size_t nparts;
	struct entry *e;
	size_t ne;
	HPDF_Outline outline;   /* the current part's bookmark */
	size_t toc_page;
	double toc_y, toc_h;    /* where the contents go, and their height */
	int in_body;            /* drawing a section: its blocks are entries */
};

static void
entry(struct pack *k, const char *title, int level)
{
	if (title == NULL || *title == '\0')
		return;
	k->e = xrealloc(k->e, (k->ne + 1) * sizeof(*k->e));
	k->e[k->ne].title = title;
	k->e[k->ne].level = level;
	/* A part's entry is made before its first page. */
	k->e[k->ne++].page = k->p.npages - (level == 1 ? 0 : 1);
	if (level == 2 && k->outline)
		HPDF_Outline_SetDestination(HPDF_CreateOutline(k->p.doc,
		    k->outline, title, HPDF_GetEncoder(k->p.doc, "UTF-8")),
		    HPDF_Page_CreateDestination(k->p.page));
}

/* The fact sheet's titled blocks as entries (at its last page: drawn by
 * hand, it does not say where each block went). */
static void
titles(struct pack *k, const struct content *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->r[i].f[2], "title") == 0 &&
		    strcmp(c->r[i].f[0], "band") != 0)
			entry(k, fld(&c->r[i], 0), 2);
}

/* Is name listed in a columns block of c? */
static int
in_columns(const struct content *c, const char *name)
{
	size_t i;
	int f;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->r[i].f[0], "columns") == 0 &&
		    strcmp(c->r[i].f[2], "column") == 0)
			for (f = 3; f < c->r[i].n; f++)
				if (strcmp(c->r[i].f[f], name) == 0)
					return 1;
	return 0;
}

/* The record that starts block kind/name in c, or NULL. */
static const struct rec *
block(const struct content *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->r[i].f[1], name) == 0 &&
		    strcmp(c->r[i].f[0], "run") != 0 &&
		    strcmp(c->r[i].f[0], "doc") != 0 &&
		    strcmp(c->r[i].f[0], "columns") != 0)
			return &c->r[i];
	return NULL;
}

/* A line over the points, a marker and a label at each, the dates under
 * it (thinned to about a dozen). */
static double
line_chart(struct pdf *p, const struct content *c, const char *name,
    double x, double top, double w)
{
	size_t n, i, every;
	struct rec **pt = recs(c, "chart", name, "point", &n);
	/* The layout's height, the dates under the plot included. */
	double max = 1, h = atof(val(c, "chart", name, "height", 0)) - 20, y0,
	    step;
	char num[32];

	top -= heading(p, &FS_HEAD, x, top, w, val(c, "chart", name, "title",
	    0));
	for (i = 0; i < n; i++)
		max = fmax(max, atof(fld(pt[i], 1)));
	y0 = top - h;
	step = n > 1 ? (w - 40) / (double)(n - 1) : 0;
	every = n / 12 + 1;
	for (i = 0; i <= 4; i++) {
		hline(p, RULE, x + 30, y0 + h * (double)i / 4, w - 30, 0.4);
		commas(max * (double)i / 4, num, sizeof(num));
		show_right(p, &FS_CAPTION, x + 26, y0 + h * (double)i / 4 - 3, num);
	}
	stroke(p->page, NAVY);
	HPDF_Page_SetLineWidth(p->page, 1.5);
	for (i = 0; i < n; i++) {
		HPDF_REAL px = (HPDF_REAL)(x + 35 + step * (double)i);
		HPDF_REAL py = (HPDF_REAL)(y0 + h * atof(fld(pt[i], 1)) / max);

		if (i == 0)
			ops_move_to(p->page, px, py);
		else
			ops_line_to(p->page, px, py);
	}
	if (n)
		HPDF_Page_Stroke(p->page);
	for (i = 0; i < n; i++) {
		double px = x + 35 + step * (double)i;
		double py = y0 + h * atof(fld(pt[i], 1)) / max;

		rect(p, NAVY, px - 2, py - 2, 4, 4);
		if (i % every == 0) {
			commas(atof(fld(pt[i], 1)), num, sizeof(num));
			show(p, &FS_CAPTION, px - 8, py + 5, num, strlen(num));
			show(p, &FS_CAPTION, px - 12, y0 - 12, fld(pt[i], 0),
			    strlen(fld(pt[i], 0)));
		}
	}
	free(pt);
	return y0 - 20;
}

/* A list whose items have details (the commands, the funds): a bold line
 * and its text under it, one after the other. */
static double
detail_list(struct pdf *p, const struct content *c, const char *name,
    double x, double top, double w)
{
	size_t n, i;
	struct rec **k = recs(c, "list", name, "card", &n);

	top -= heading(p, &FS_HEAD, x, top, w, val(c, "list", name, "title",
	    0));
	for (i = 0; i < n; i++) {
		top -= para(p, &FS_TDB, x, top, w, fld(k[i], 0), 0, 1) + 1;
		top -= para(p, &FS_VALUE, x, top, w, fld(k[i], 1), 1, 1) + 4;
	}
	free(k);
	return top;
}

/* Has list name of c any items (or cards)? */
static int
has_items(const struct content *c, const char *name)
{
	return *val(c, "list", name, "item", 0) ||
	    *val(c, "list", name, "card", 0);
}

/* The style of text block name, as its layout gives it. */
static struct style
text_style(const struct content *c, const char *name)
{
	struct style st = FS_BODY;

	if (*val(c, "text", name, "style", 0)) {
		st.size = atof(val(c, "text", name, "style", 0));
		st.leading = atof(val(c, "text", name, "style", 1));
	}
	return st;
}

/* The room a block needs to start on this page: a text its heading and
 * the first two lines of its first paragraph (briefgen leaves no lone
 * first line at a page's foot), a line chart its heading and height (it
 * is kept whole); the others a rough 120 points. */
static double
room(struct pdf *p, const struct content *c, const char *kind,
    const char *name, double w)
{
	struct style st;
	double h = 0;

	if (strcmp(kind, "chart") == 0 && *val(c, kind, name, "height", 0))
		return p->hbefore + FS_HEAD.leading + p->hafter +
		    atof(val(c, kind, name, "height", 0));      /* kept whole */
	if (strcmp(kind, "text") != 0)
		return 120;
	st = text_style(c, name);
	if (*val(c, "text", name, "title", 0))
		h += p->hbefore + FS_HEAD.leading + p->hafter;
	return h + fmin(2 * st.leading, para(p, &st, 0, 0, w, val(c, "text",
	    name, "body", 0), 1, 0));
}

/* Block r of the part in k at (x, top), w wide; full: in the page's flow
 * (it may start pages).  Returns where the next block goes. */
static double
pack_block(struct pack *k, const struct content *c, const struct rec *r,
    double x, double top, double w, int full)
{
	struct pdf *p = &k->p;
	const char *kind = r->f[0], *name = r->f[1];
	size_t n;
	struct rec **t;

	if (strcmp(kind, "list") == 0 && !has_items(c, name))
		return top;     /* an empty list is left out */
	/* (A table finds for itself whether it can start here.) */
	if (full && strcmp(kind, "band") != 0 && strcmp(kind, "table") != 0 &&
	    top < p->h - p->mt - 0.5 && top - atof(val(c, kind, name,
	    "space_before", 0)) - room(p, c, kind, name, w) < p->mb) {
		new_page(p);
		top = p->y;
	}
	if (full && top < p->h - p->mt - 0.5)       /* not at a page's top */
		top -= atof(val(c, kind, name, "space_before", 0));
	if (k->in_body && strcmp(kind, "band") != 0)
		entry(k, val(c, kind, name, "title", 0), 2);
	if (strcmp(kind, "band") == 0) {
		p->y = top;
		band(p, c, name, 16, NULL, 0);
		return p->y;
	}
	if (strcmp(kind, "facts") == 0 && atoi(val(c, kind, name, "flow", 0)) > 1) {
		p->y = top;
		figures(p, c, name, 14);
		return p->y;
	}
	if (strcmp(kind, "facts") == 0)
		return facts_block(p, c, name, x, top, w, 0.3);
	if (strcmp(kind, "text") == 0) {
		struct style st = text_style(c, name);

		return text_block(p, c, name, &st, x, top, w);
	}
	if (strcmp(kind, "list") == 0) {
		t = recs(c, "list", name, "card", &n);
		free(t);
		return n ? detail_list(p, c, name, x, top, w) :
		    list_block(p, c, name, &FS_VALUE, x, top, w);
	}
	if (strcmp(kind, "map") == 0)
		return map_block(p, c, name, x, top, w, *val(c, kind, name,
		    "height", 0) ? atof(val(c, kind, name, "height", 0)) : 220,
		    &FS_VALUE);
	if (strcmp(kind, "table") == 0)
		return gen_table(p, c, name, x, top, w, full);
	if (strcmp(kind, "chart") == 0 && strcmp(val(c, kind, name, "kind", 0),
	    "hbar") == 0)
		return bar_chart(p, c, name, x, top, w, &FS_VALUE);
	if (strcmp(kind, "chart") == 0)
		return line_chart(p, c, name, x, top, w);
	if (strcmp(kind, "sources") == 0)
		return sources_block(p, c, name, x, top, w, &FS_VALUE, &FS_LINK);
	if (strcmp(kind, "contents") == 0) {  /* filled in at the end */
		k->toc_page = p->npages - 1;
		k->toc_y = top - 10;
		return top - 10 - k->toc_h;
	}
	if (strcmp(kind, "pagebreak") == 0) {
		new_page(p);
		return p->y;
	}
	return top;
}

/* A columns block: its members side by side, in proportion. */
static double
pack_columns(struct pack *k, const struct content *c, const char *name,
    double top)
{
	struct pdf *p = &k->p;
	size_t n, nw, i;
	struct rec **col = recs(c, "columns", name, "column", &n);
	struct rec **wd = recs(c, "columns", name, "widths", &nw);
	double sum = 0, cw = p->w - p->ml - p->mr - 18 * (double)(n - 1), x,
	    low = top;
	int f;

	for (i = 0; i < n; i++)
		sum += atof(fld(wd[0], (int)i));
	for (i = 0, x = p->ml; i < n; i++) {
		double w = cw * atof(fld(wd[0], (int)i)) / sum, y = top;

		for (f = 3; f < col[i]->n; f++) {
			const struct rec *b = block(c, col[i]->f[f]);

			if (b)
				y = pack_block(k, c, b, x, y + (f == 3 &&
				    *val(c, b->f[0], b->f[1], "title", 0) ?
				    p->hbefore : 0), w, 0);
		}
		low = fmin(low, y);
		x += w + 18;
	}
	free(col);
	free(wd);
	return low;
}

/* Every block of a part in order, from a new page. */
static void
pack_part(struct pack *k, const struct content *c)
{
	struct pdf *p = &k->p;
	size_t i;

	new_page(p);
	for (i = 0; i < c->n; i++) {
		const struct rec *r = &c->r[i];

		if (i > 0 && strcmp(r->f[0], c->r[i - 1].f[0]) == 0 &&
		    strcmp(r->f[1], c->r[i - 1].f[1]) == 0)
			continue;       /* the same block */
		if (strcmp(r->f[0], "run") == 0 || strcmp(r->f[0], "doc") == 0)
			continue;
		if (strcmp(r->f[0], "columns") == 0)
			p->y = pack_columns(k, c, r->f[1], p->y - atof(val(c,
			    "columns", r->f[1], "space_before", 0)));
		else if (!in_columns(c, r->f[1]))
			p->y = pack_block(k, c, r, p->ml, p->y,
			    p->w - p->ml - p->mr, 1);
	}
}

/* The contents, now that every page is known: one line per entry with
 * dots to its page number, and a link to it. */
static void
pack_contents(struct pack *k)
{
	struct pdf *p = &k->p;
	size_t i;
	double y = k->toc_y, w = p->w - p->ml - p->mr;
	char num[32], dots[256];

	p->page = p->pages[k->toc_page];
	memset(dots, '.', sizeof(dots) - 1);
	dots[sizeof(dots) - 1] = '\0';
	for (i = 0; i < k->ne && y > p->mb + 12; i++) {
		const struct style *st = k->e[i].level == 1 ? &FS_TDB : &FS_TD;
		double ind = k->e[i].level == 1 ? 0 : 14, tw;
		HPDF_Rect r;
		HPDF_Annotation a;
		size_t nd;

		if (k->e[i].level == 1)
			y -= 8;
		show(p, st, p->ml + ind, y, k->e[i].title, strlen(k->e[i].title));
		snprintf(num, sizeof(num), "%zu", k->e[i].page - k->first[2] + 1);
		show_right(p, st, p->ml + w, y, num);
		tw = text_w(p, st->font, st->size, k->e[i].title,
		    strlen(k->e[i].title));
		nd = (size_t)fmax(0, (w - ind - tw - 30) /
		    text_w(p, st->font, st->size, ".", 1));
		show(p, &FS_CAPTION, p->ml + ind + tw + 6, y, dots,
		    nd < sizeof(dots) ? nd : sizeof(dots) - 1);
		r.left = (HPDF_REAL)p->ml;
		r.right = (HPDF_REAL)(p->ml + w);
		r.bottom = (HPDF_REAL)(y - 3);
		r.top = (HPDF_REAL)(y + st->size);
		a = HPDF_Page_CreateLinkAnnot(p->page, r,
		    HPDF_Page_CreateDestination(p->pages[k->e[i].page]));
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		y -= st->leading + 3;
	}
}

/* The cover, the contents and the sections (the fact sheet as in
 * factsheet()), bookmarks, page labels, then the running lines: the front
 * matter and the body numbered apart. */
static void
pack(const struct content *c, const char *out)
{
	struct pack *k = calloc(1, sizeof(*k));
	size_t i, j;

	if (k == NULL)
		die("out of memory");
	for (i = 0; i < c->n && k->nparts < PACK_MAX_PARTS; i++)
		if (strcmp(c->r[i].f[0], "part") == 0) {
			k->kind[k->nparts] = c->r[i].f[1];
			k->title[k->nparts] = fld(&c->r[i], 0);
			k->part[k->nparts].r = c->r + i + 1;
			k->part[k->nparts++].n = 0;
		} else if (k->nparts > 0)
			k->part[k->nparts - 1].n++;
	if (k->nparts < 3)
		die("a pack needs a cover, contents and sections");
	for (i = 2; i < k->nparts; i++)     /* a line per part and block */
		for (j = 0; j < k->part[i].n; j++)
			if (strcmp(k->part[i].r[j].f[2], "title") == 0 &&
			    strcmp(k->part[i].r[j].f[0], "band") != 0 &&
			    *fld(&k->part[i].r[j], 0))
				k->toc_h += FS_TD.leading + 3;
	k->toc_h += (double)(k->nparts - 2) * (FS_TDB.leading + 11);
	pdf_open(&k->p, 595.276, 841.89, 18 * MM, 20 * MM);
	pdf_info(&k->p, &k->part[0]);
	for (i = 0; i < k->nparts; i++) {
		k->first[i] = k->p.npages;
		k->outline = NULL;
		if (strcmp(k->kind[i], "cover") != 0)
			k->outline = HPDF_CreateOutline(k->p.doc, NULL,
			    k->title[i], HPDF_GetEncoder(k->p.doc, "UTF-8"));
		k->in_body = strcmp(k->kind[i], "section") == 0;
		page_measures(&k->p, &k->part[i]);
		if (k->in_body)
			entry(k, k->title[i], 1);
		if (block(&k->part[i], "nations") && block(&k->part[i], "largest")) {
			factsheet_pages(&k->p, &k->part[i], k->outline);
			titles(k, &k->part[i]);
		} else
			pack_part(k, &k->part[i]);
		if (k->outline)
			HPDF_Outline_SetDestination(k->outline,
			    HPDF_Page_CreateDestination(k->p.pages[k->first[i]]));
	}
	k->first[k->nparts] = k->p.npages;
	pack_contents(k);
	HPDF_AddPageLabel(k->p.doc, 0, HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, NULL);
	HPDF_AddPageLabel(k->p.doc, (HPDF_UINT)k->first[2],
	    HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
	HPDF_SetPageMode(k->p.doc, HPDF_PAGE_MODE_USE_OUTLINE);
	for (i = 0; i < k->nparts; i++)
		for (j = k->first[i]; j < k->first[i + 1]; j++) {
			int front = i < 2;
			size_t base = front ? 0 : k->first[2];
			size_t all = front ? k->first[2] :
			    k->p.npages - k->first[2];

			page_measures(&k->p, &k->part[i]);
			running_line(&k->p, &k->part[i], j, j == k->first[i],
			    j - base + 1, all);
		}
	pdf_save(&k->p, out);
	free(k->e);
	free(k);
}

/* ------------------------------------------------------------ XLSX */

/* The shipped layout's threshold (layouts/workbook.ini,
 * constant_memory_rows): the floor uses the library in the same mode. */
#define CONSTANT_MEMORY_ROWS 10000
#define BAND 0xEEF2F8           /* the fill of every second row */

struct xfmt {
	lxw_format *title, *note, *header, *text, *wrap, *date, *link, *code,
	    *number, *change, *percent, *rank, *total, *totalnum, *totalpct;
};

static lxw_format *
xf(lxw_workbook *wb, const char *num, uint32_t color, int bold, int wrap,
    uint32_t band)
{
	lxw_format *f = workbook_add_format(wb);

	if (band)
		format_set_bg_color(f, band);
	if (num)
		format_set_num_format(f, num);
	if (color)
		format_set_font_color(f, color);
	if (bold)
		format_set_bold(f);
	if (wrap)
		format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	return f;
}

/* Every format, plain (band 0) or on a banded row (band: its fill). */
static void
formats(lxw_workbook *wb, struct xfmt *f, uint32_t band)
{
	f->title = xf(wb, NULL, 0x1F3864, 1, 0, band);
	format_set_font_size(f->title, 14);
	f->note = xf(wb, NULL, 0x595959, 0, 0, band);
	format_set_italic(f->note);
	f->header = xf(wb, NULL, 0xFFFFFF, 1, 1, band);
	format_set_bg_color(f->header, 0x1F3864);
	format_set_border(f->header, LXW_BORDER_THIN);
	format_set_border_color(f->header, 0xBFBFBF);
	f->text = xf(wb, NULL, 0, 0, 0, band);
	f->wrap = xf(wb, NULL, 0, 0, 1, band);
	f->date = xf(wb, "d mmm yyyy", 0, 0, 0, band);
	format_set_align(f->date, LXW_ALIGN_LEFT);
	f->link = xf(wb, NULL, 0x0563C1, 0, 0, band);
	format_set_underline(f->link, LXW_UNDERLINE_SINGLE);
	f->code = xf(wb, NULL, 0, 0, 0, band);
	format_set_align(f->code, LXW_ALIGN_CENTER);
	f->number = xf(wb, "#,##0", 0, 0, 0, band);
	f->change = xf(wb, "+#,##0;-#,##0;0", 0, 0, 0, band);
	f->percent = xf(wb, "0.0%", 0, 0, 0, band);
	f->rank = xf(wb, "0", 0, 0, 0, band);
	format_set_align(f->rank, LXW_ALIGN_CENTER);
	f->total = xf(wb, NULL, 0, 1, 0, band);
	format_set_top(f->total, LXW_BORDER_THIN);
	format_set_bg_color(f->total, 0xF2F2F2);
	f->totalnum = xf(wb, "#,##0", 0, 1, 0, band);
	format_set_top(f->totalnum, LXW_BORDER_THIN);
	format_set_bg_color(f->totalnum, 0xF2F2F2);
	f->totalpct = xf(wb, "0.0%", 0, 1, 0, band);
	format_set_top(f->totalpct, LXW_BORDER_THIN);
	format_set_bg_color(f->totalpct, 0xF2F2F2);
}

static void
xok(lxw_error e)
{
	if (e != LXW_NO_ERROR)
		die("libxlsxwriter: %s", lxw_strerror(e));
}

/* Title, note and header row; returns the header row.  The header is
 * the table's when there is one. */
static lxw_worksheet *
sheet_start(lxw_workbook *wb, const struct content *c, const char *name,
    const struct xfmt *f, lxw_row_t *hrow)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, val(c, "sheet", name,
	    "name", 0));
	const char *note = val(c, "sheet", name, "note", 0);

	if (ws == NULL)
		die("sheet %s refused", name);
	xok(worksheet_write_string(ws, 0, 0, val(c, "sheet", name, "title", 0),
	    f->title));
	if (*note)
		xok(worksheet_write_string(ws, 1, 0, note, f->note));
	*hrow = *note ? 3 : 2;
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	return ws;
}

static void
header_row(lxw_worksheet *ws, lxw_row_t row, char **heads, size_t n,
    const struct xfmt *f)
{
	size_t i;

	for (i = 0; i < n; i++)
		xok(worksheet_write_string(ws, row, (lxw_col_t)i, heads[i],
		    f->header));
	worksheet_freeze_panes(ws, row + 1, 0);
	xok(worksheet_repeat_rows(ws, row, row));
}

/* A table over the header and data rows (not in constant_memory mode,
 * where libxlsxwriter refuses tables, nor over more than 256 columns, as
 * render_xlsx.c), else an autofilter. */
static void
table(lxw_worksheet *ws, int cm, lxw_row_t hrow, lxw_row_t last,
    char **heads, size_t n)
{
	lxw_table_column *cols = calloc(n, sizeof(*cols));
	lxw_table_column **ptrs = calloc(n + 1, sizeof(*ptrs));
	lxw_table_options o;
	size_t i;

	if (cols == NULL || ptrs == NULL)
		die("out of memory");
	if (cm || last <= hrow) {
		xok(worksheet_autofilter(ws, hrow, 0, last, (lxw_col_t)(n - 1)));
	} else {
		memset(&o, 0, sizeof(o));
		for (i = 0; i < n; i++) {
			cols[i].header = heads[i];
			ptrs[i] = &cols[i];
		}
		o.columns = ptrs;
		o.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
		o.style_type_number = 2;
		xok(worksheet_add_table(ws, hrow, 0, last, (lxw_col_t)(n - 1),
		    &o));
	}
	free(ptrs);
	free(cols);
}

static int
cmp_desc(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x < y) - (x > y);
}

/* The figure of a headline row as briefgen labels its point: the
 * qualifier's mark and the number with thousands separators ("~13,000"). */
static char *
point_label(const struct rec *r)
{
	static const char *const qual[] = {"around", "more than",
	    "less than", "at least", "over"};
	static const char *const mark[] = {"~", ">", "<", "\xe2\x89\xa5",
	    ">"};
	const char *num = fld(r, 1), *q = fld(r, 2), *m = "";
	size_t i, k, n = strlen(num);
	char *out = xmalloc(n + n / 3 + 8), *o = out;

	for (i = 0; i < sizeof(qual) / sizeof(qual[0]); i++)
		if (strcmp(q, qual[i]) == 0)
			m = mark[i];
	o += sprintf(o, "%s", m);
	for (k = 0; k < n; k++) {
		if (k > 0 && (n - k) % 3 == 0)
			*o++ = ',';
		*o++ = num[k];
	}
	*o = '\0';
	return out;
}

/* One custom label per point of the headlines' line, as briefgen writes
 * (libxlsxwriter then writes each label's text into the chart). */
static void
point_labels(lxw_chart_series *s, const struct content *c)
{
	size_t n, i;
	struct rec **r = recs(c, "sheet", "headlines", "row", &n);
	lxw_chart_data_label *v = calloc(n + 1, sizeof(*v));
	lxw_chart_data_label **pv = calloc(n + 1, sizeof(*pv));

	if (v == NULL || pv == NULL)
		die("out of memory");
	for (i = 0; i < n; i++) {
		if (*fld(r[i], 1))
			v[i].value = point_label(r[i]);
		else
			v[i].hide = 1;
		pv[i] = &v[i];
	}
	chart_series_set_labels_position(s, LXW_CHART_LABEL_POSITION_ABOVE);
	xok(chart_series_set_labels_custom(s, pv));
	for (i = 0; i < n; i++)
		free(v[i].value);
	free(v);
	free(pv);
	free(r);
}

static void
chart(lxw_workbook *wb, lxw_worksheet *ws, const struct content *c,
    const char *name, uint8_t type, const char *sheet, lxw_row_t r0,
    lxw_row_t r1, lxw_col_t vcol, lxw_row_t at, lxw_col_t atc, double w,
    double h)
{
	lxw_chart *ch = workbook_add_chart(wb, type);
	lxw_chart_series *s = chart_add_series(ch, NULL, NULL);
	lxw_chart_fill fillc = {0x1F3864, 0, 0};
	lxw_chart_line line = {0x1F3864, 0, 2.25, 0, 0};
	lxw_chart_options o;

	chart_series_set_categories(s, sheet, r0, 0, r1, 0);
	chart_series_set_values(s, sheet, r0, vcol, r1, vcol);
	if (type == LXW_CHART_BAR)
		chart_series_set_fill(s, &fillc);
	else
		chart_series_set_line(s, &line);
	chart_series_set_labels(s);
	if (type == LXW_CHART_LINE)
		point_labels(s, c);
	else
		chart_series_set_labels_num_format(s, "#,##0");
	chart_title_set_name(ch, val(c, "chart", name, "title", 0));
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	memset(&o, 0, sizeof(o));
	o.x_scale = w / 480;
	o.y_scale = h / 288;
	xok(worksheet_insert_chart_opt(ws, at, atc, ch, &o));
}

static void
contributions(lxw_workbook *wb, const struct content *c, const struct xfmt *f,
    int cm)
{
	size_t n, i, nh;
	struct rec **r = recs(c, "sheet", "contributions", "row", &n);
	struct rec **hd = recs(c, "sheet", "contributions", "head", &nh);
	lxw_row_t h, first, tot;
	lxw_worksheet *ws = sheet_start(wb, c, "contributions", f, &h);
	double sum = 0, *sorted = xmalloc((n + 1) * sizeof(double));
	char fo[128];

	for (i = 0; i < n; i++)
		sum += (sorted[i] = atof(fld(r[i], 3)));
	qsort(sorted, n, sizeof(double), cmp_desc);
	first = h + 1;
	tot = first + (lxw_row_t)n;
	header_row(ws, h, hd[0]->f + 3, (size_t)hd[0]->n - 3, f);
	for (i = 0; i < n; i++) {
		lxw_row_t row = first + (lxw_row_t)i;
		double t = atof(fld(r[i], 3));
		const struct xfmt *b = &f[i % 2];
		size_t rank = 0;

		while (rank < n && sorted[rank] > t)
			rank++;
		xok(worksheet_write_string(ws, row, 0, fld(r[i], 0), b->text));
		xok(worksheet_write_string(ws, row, 1, fld(r[i], 1), b->code));
		xok(worksheet_write_string(ws, row, 2, fld(r[i], 2), b->text));
		xok(worksheet_write_number(ws, row, 3, t, b->number));
		snprintf(fo, sizeof(fo), "=D%u/D$%u", row + 1, tot + 1);
		xok(worksheet_write_formula_num(ws, row, 4, fo, b->percent,
		    t / sum));
		snprintf(fo, sizeof(fo), "=RANK(D%u,D$%u:D$%u)", row + 1,
		    first + 1, tot);
		xok(worksheet_write_formula_num(ws, row, 5, fo, b->rank,
		    (double)rank + 1));
	}
	xok(worksheet_write_string(ws, tot, 0, val(c, "sheet", "contributions",
	    "total_label", 0), f->total));
	snprintf(fo, sizeof(fo), "=SUM(D%u:D%u)", first + 1, tot);
	xok(worksheet_write_formula_num(ws, tot, 3, fo, f->totalnum, sum));
	snprintf(fo, sizeof(fo), "=SUM(E%u:E%u)", first + 1, tot);
	xok(worksheet_write_formula_num(ws, tot, 4, fo, f->totalpct, 1));
	xok(worksheet_write_string(ws, tot + 1, 0, val(c, "sheet",
	    "contributions", "stated_label", 0), f->text));
	xok(worksheet_write_number(ws, tot + 1, 3, atof(val(c, "sheet",
	    "contributions", "stated", 0)), f->number));
	xok(worksheet_write_string(ws, tot + 2, 0, val(c, "sheet",
	    "contributions", "difference_label", 0), f->text));
	snprintf(fo, sizeof(fo), "=D%u-D%u", tot + 1, tot + 2);
	xok(worksheet_write_formula_num(ws, tot + 2, 3, fo, f->number,
	    sum - atof(val(c, "sheet", "contributions", "stated", 0))));
	worksheet_set_column(ws, 0, 0, 26, NULL);
	worksheet_set_column(ws, 1, 5, 11, NULL);
	table(ws, cm, h, tot - 1, hd[0]->f + 3, (size_t)hd[0]->n - 3);
	chart(wb, ws, c, "largest", LXW_CHART_BAR, val(c, "sheet",
	    "contributions", "name", 0), first, first + (n < 12 ? (lxw_row_t)n :
	    12) - 1, 3, h, 7, 600, 420);
	free(sorted);
	free(r);
	free(hd);
}

/* The layout's change header with {previous} replaced (caller frees). */
static char *
change_header(const char *t, const char *previous)
{
	const char *at = strstr(t, "{previous}");
	char *s = xmalloc(strlen(t) + strlen(previous) + 1);

	if (at)
		sprintf(s, "%.*s%s%s", (int)(at - t), t, previous, at + 10);
	else
		strcpy(s, t);
	return s;
}

/* A change since the previous snapshot: a formula and its value. */
static void
change(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, lxw_col_t cur,
    double v, lxw_format *fm)
{
	char a[16], b[16], fo[40];

	lxw_rowcol_to_cell(a, row, cur);
	lxw_rowcol_to_cell(b, row, cur - 1);
	snprintf(fo, sizeof(fo), "=%s-%s", a, b);
	xok(worksheet_write_formula_num(ws, row, col, fo, fm, v));
}

/* Nations down, one column per snapshot across, then the changes. */
static void
history(lxw_workbook *wb, const struct content *c, const struct xfmt *f,
    int cm)
{
	size_t n, i, na, k, nh, ncol;
	struct rec **r = recs(c, "sheet", "history", "row", &n);
	struct rec **ac = recs(c, "sheet", "history", "across", &k);
	struct rec **hd = recs(c, "sheet", "history", "head", &nh);
	lxw_row_t h;
	lxw_worksheet *ws = sheet_start(wb, c, "history", f, &h);
	char **heads;

	na = (size_t)ac[0]->n - 3;
	ncol = 3 + na + (na ? na - 1 : 0);
	heads = xmalloc(ncol * sizeof(char *));
	for (i = 0; i < 3; i++)
		heads[i] = hd[0]->f[3 + i];
	for (i = 0; i < na; i++)
		heads[3 + i] = ac[0]->f[3 + i];
	for (i = 1; i < na; i++)
		heads[3 + na + i - 1] = change_header(val(c, "sheet", "history",
		    "change", 0), ac[0]->f[3 + i - 1]);
	header_row(ws, h, heads, ncol, f);
	worksheet_freeze_panes(ws, h + 1, 1);
	for (k = 0; k < n; k++) {
		lxw_row_t row = h + 1 + (lxw_row_t)k;
		const struct xfmt *b = &f[k % 2];

		xok(worksheet_write_string(ws, row, 0, fld(r[k], 0), b->text));
		xok(worksheet_write_string(ws, row, 1, fld(r[k], 1), b->code));
		xok(worksheet_write_string(ws, row, 2, fld(r[k], 2), b->text));
		for (i = 0; i < na; i++)
			if (*fld(r[k], 3 + (int)i))
				xok(worksheet_write_number(ws, row,
				    (lxw_col_t)(3 + i), atof(fld(r[k], 3 +
				    (int)i)), b->number));
		for (i = 1; i < na; i++)
			if (*fld(r[k], 3 + (int)i) && *fld(r[k], 2 + (int)i))
				change(ws, row, (lxw_col_t)(3 + na + i - 1),
				    (lxw_col_t)(3 + i), atof(fld(r[k], 3 +
				    (int)i)) - atof(fld(r[k], 2 + (int)i)),
				    b->change);
	}
	worksheet_set_column(ws, 0, 0, 26, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)(ncol - 1), 14, NULL);
	table(ws, cm || ncol > 256, h, h + (lxw_row_t)n, heads, ncol);
	for (i = 1; i < na; i++)
		free(heads[3 + na + i - 1]);
	free(heads);
	free(r);
	free(ac);
	free(hd);
}

/* A plain sheet of text rows; columns listed in `dates` are dates, in
 * `nums` numbers, `wraps` wrapped text, `links` URLs. */
static void
plain(lxw_workbook *wb, const struct content *c, const struct xfmt *f,
    int cm, const char *name, const char *kinds, lxw_worksheet **out,
    lxw_row_t *first, size_t *rows)
{
	size_t n, i, k, nh;
	struct rec **r = recs(c, "sheet", name, "row", &n);
	struct rec **hd = recs(c, "sheet", name, "head", &nh);
	lxw_row_t h;
	lxw_worksheet *ws = sheet_start(wb, c, name, f, &h);

	header_row(ws, h, hd[0]->f + 3, (size_t)hd[0]->n - 3, f);
	for (k = 0; k < n; k++) {
		lxw_row_t row = h + 1 + (lxw_row_t)k;
		const struct xfmt *b = &f[k % 2];

		for (i = 0; kinds[i]; i++) {
			const char *v = fld(r[k], (int)i);
			lxw_col_t col = (lxw_col_t)i;

			if (!*v)
				continue;
			if (kinds[i] == 'd') {
				lxw_datetime dt = {0, 1, 1, 0, 0, 0};

				sscanf(v, "%d-%d-%d", &dt.year, &dt.month, &dt.day);
				xok(worksheet_write_datetime(ws, row, col, &dt,
				    b->date));
			} else if (kinds[i] == 'n')
				xok(worksheet_write_number(ws, row, col, atof(v),
				    b->number));
			else if (kinds[i] == 'u' && strncmp(v, "http", 4) == 0)
				xok(worksheet_write_url(ws, row, col, v, b->link));
			else
				xok(worksheet_write_string(ws, row, col, v,
				    kinds[i] == 'w' ? b->wrap : b->text));
		}
	}
	for (i = 0; kinds[i]; i++)
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    kinds[i] == 'w' ? 40 : 16, NULL);
	table(ws, cm, h, h + (lxw_row_t)n, hd[0]->f + 3, (size_t)hd[0]->n - 3);
	if (out) {
		*out = ws;
		*first = h + 1;
		*rows = n;
	}
	free(r);
	free(hd);
}

static void
workbook(const struct content *c, const char *out)
{
	lxw_workbook_options opt = {0};
	lxw_doc_properties props;
	lxw_workbook *wb;
	lxw_worksheet *hl;
	struct xfmt f[2];
	size_t n, nrows;
	lxw_row_t first;
	struct tm tm = {0};
	int cm;

	free(recs(c, "sheet", "history", "row", &n));
	cm = n > CONSTANT_MEMORY_ROWS;
	free(recs(c, "sheet", "contributions", "row", &n));
	cm |= n > CONSTANT_MEMORY_ROWS;
	opt.constant_memory = (uint8_t)cm;
	if ((wb = workbook_new_opt(out, &opt)) == NULL)
		die("%s: cannot start a workbook", out);
	memset(&props, 0, sizeof(props));
	props.title = (char *)val(c, "wb", "props", "title", 0);
	props.subject = (char *)val(c, "wb", "props", "subject", 0);
	props.author = (char *)val(c, "wb", "props", "author", 0);
	props.keywords = (char *)val(c, "wb", "props", "keywords", 0);
	props.comments = (char *)val(c, "wb", "props", "comments", 0);
	tm.tm_year = 121;
	tm.tm_mon = 1;
	tm.tm_mday = 11;
	props.created = timegm(&tm);
	xok(workbook_set_properties(wb, &props));
	formats(wb, &f[0], 0);
	formats(wb, &f[1], BAND);
	contributions(wb, c, f, cm);
	history(wb, c, f, cm);
	plain(wb, c, f, cm, "headlines", "dntntww", &hl, &first, &nrows);
	chart(wb, hl, c, "over-time", LXW_CHART_LINE, val(c, "sheet",
	    "headlines", "name", 0), first, first + (lxw_row_t)nrows - 1, 1,
	    first + (lxw_row_t)nrows + 2, 1, 720, 340);
	plain(wb, c, f, cm, "commands", "twttwtt", NULL, NULL, NULL);
	plain(wb, c, f, cm, "timeline", "dwwwt", NULL, NULL, NULL);
	plain(wb, c, f, cm, "sources", "ntwwdutw", NULL, NULL, NULL);
	xok(workbook_close(wb));
}

/* ------------------------------------------------------------ main */

int
main(int argc, char **argv)
{
	int i;

	if (argc < 4 || (argc - 1) % 3 != 0)
		die("usage: floor factsheet|placemat|pack|workbook CONTENT OUT "
		    "...");
	for (i = 1; i + 2 < argc; i += 3) {
		struct content c;

		content_load(&c, argv[i + 1]);
		if (strcmp(argv[i], "factsheet") == 0)
			factsheet(&c, argv[i + 2]);
		else if (strcmp(argv[i], "placemat") == 0)
			placemat(&c, argv[i + 2]);
		else if (strcmp(argv[i], "workbook") == 0)
			workbook(&c, argv[i + 2]);
		else if (strcmp(argv[i], "pack") == 0)
			pack(&c, argv[i + 2]);
		else
			die("unknown job '%s'", argv[i]);
		content_free(&c);
	}
	return 0;
}
