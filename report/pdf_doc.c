/* pdf_doc.c - one PDF being built: the libharu document, its embedded
 * fonts and pages, document information, and checked saving. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "pdf_font.h"
#include "pdf_int.h"
#include "pdf_tag.h"
#include "template.h"
#include "write.h"

/* libharu reports errors through this handler and then keeps failing
 * ("sticky"); the first error is the one worth telling. */
static void
on_error(HPDF_STATUS err, HPDF_STATUS detail, void *user)
{
	struct pdf_doc *d = user;

	if (d->err == 0) {
		d->err = (unsigned long)err;
		d->detail = (unsigned long)detail;
	}
}

int
pdf_doc_check(struct pdf_doc *d, const struct loc *loc)
{
	if (d->err == 0)
		return 0;
	diag_error(loc, "the PDF library failed (libharu error 0x%04lX, "
	    "detail %lu)", d->err, d->detail);
	d->err = 0;
	HPDF_ResetError(d->pdf);
	return -1;
}

struct pdf_doc *
pdf_doc_new(void)
{
	struct pdf_doc *d = xcalloc(1, sizeof(*d));

	d->pdf = HPDF_New(on_error, d);
	if (d->pdf == NULL) {
		diag_sys_error(NULL, "cannot start a PDF document (out of "
		    "memory?)");
		free(d);
		return NULL;
	}
	d->insert = SIZE_MAX;
	d->tags = tag_tree_new();
	HPDF_SetCompressionMode(d->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(d->pdf);
	d->utf8 = HPDF_GetEncoder(d->pdf, "UTF-8");
	/* Document information strings are written in the current encoder. */
	HPDF_SetCurrentEncoder(d->pdf, "UTF-8");
	if (d->utf8 == NULL || d->err) {
		pdf_doc_check(d, NULL);
		pdf_doc_free(d);
		return NULL;
	}
	return d;
}

void
pdf_doc_free(struct pdf_doc *d)
{
	size_t i;

	if (d == NULL)
		return;
	free(d->info.title);
	free(d->info.subject);
	free(d->info.keywords);
	free(d->info.author);
	free(d->info.creator);
	for (i = 0; i < d->nfonts; i++) {
		free(d->fonts[i].path);
		free(d->fonts[i].checked);
		pdf_font_release(&d->fonts[i]);
	}
	free(d->fonts);
	free(d->pages);
	tag_tree_free(d->tags);
	pdf_park_free(d);
	if (d->pdf)
		HPDF_Free(d->pdf);
	free(d);
}

HPDF_Doc
pdf_doc_hpdf(struct pdf_doc *d)
{
	return d->pdf;
}

size_t
pdf_doc_npages(const struct pdf_doc *d)
{
	return d->npages;
}

HPDF_Page
pdf_doc_page(const struct pdf_doc *d, size_t i)
{
	return i < d->npages ? d->pages[i] : NULL;
}

void
pdf_doc_insert_at(struct pdf_doc *d, size_t i)
{
	d->insert = i < d->npages ? i : SIZE_MAX;
}

HPDF_Page
pdf_doc_add_page(struct pdf_doc *d, double w, double h)
{
	int ins = d->insert < d->npages;
	HPDF_Page p;

	/* Nothing more is drawn on the page added last until the footers. */
	if (d->npages > 0)
		pdf_park(d, d->pages[d->cur]);
	p = ins ? HPDF_InsertPage(d->pdf, d->pages[d->insert]) :
	    HPDF_AddPage(d->pdf);
	if (p == NULL)
		return NULL;
	HPDF_Page_SetWidth(p, (HPDF_REAL)w);
	HPDF_Page_SetHeight(p, (HPDF_REAL)h);
	array_push(&d->pages, &d->npages, sizeof(p));
	d->cur = ins ? d->insert++ : d->npages - 1;
	memmove(&d->pages[d->cur + 1], &d->pages[d->cur],
	    (d->npages - 1 - d->cur) * sizeof(p));
	d->pages[d->cur] = p;
	return p;
}

HPDF_Outline
pdf_doc_outline(struct pdf_doc *d, HPDF_Outline parent, const char *title)
{
	HPDF_Outline o = HPDF_CreateOutline(d->pdf, parent, title, d->utf8);

	if (o == NULL)
		pdf_doc_check(d, NULL);
	return o;
}

HPDF_Destination
pdf_dest_xyz(HPDF_Page page, double x, double top)
{
	HPDF_Destination dst = HPDF_Page_CreateDestination(page);
	HPDF_Array a = dst;
	void *target;

	/* [page /XYZ x top null]: libharu's SetXYZ refuses the null zoom
	 * ("keep the reader's"), so the array is written as it would. */
	if (dst == NULL || (target = HPDF_Array_GetItem(a, 0,
	    HPDF_OCLASS_DICT)) == NULL)
		return dst;
	HPDF_Array_Clear(a);
	if (HPDF_Array_Add(a, target) != HPDF_OK ||
	    HPDF_Array_AddName(a, "XYZ") != HPDF_OK ||
	    HPDF_Array_AddReal(a, (HPDF_REAL)(x < 0 ? 0 : x)) != HPDF_OK ||
	    HPDF_Array_AddReal(a, (HPDF_REAL)(top < 0 ? 0 : top)) != HPDF_OK)
		return NULL;
	HPDF_Array_Add(a, HPDF_Null_New(a->mmgr));
	return dst;
}

int
pdf_doc_outline_to(struct pdf_doc *d, HPDF_Outline o, size_t i)
{
	HPDF_Destination dst;

	if (o == NULL || i >= d->npages)
		return -1;
	/* The page's top, at the reader's zoom (not /Fit). */
	dst = pdf_dest_xyz(d->pages[i], 0, HPDF_Page_GetHeight(d->pages[i]));
	if (dst)
		HPDF_Outline_SetDestination(o, dst);
	return pdf_doc_check(d, NULL);
}

void
pdf_doc_set_contents(struct pdf_doc *d, const struct pdf_toc_entry *v,
    size_t n)
{
	d->toc = n ? v : NULL;
	d->ntoc = n;
}

int
pdf_run_label(struct pdf_doc *d, const struct layout *L,
    const struct pdf_run *run, long number)
{
	static const HPDF_PageNumStyle styles[PN__MAX] = {
		[PN_ARABIC] = HPDF_PAGE_NUM_STYLE_DECIMAL,
		[PN_ROMAN] = HPDF_PAGE_NUM_STYLE_LOWER_ROMAN,
		[PN_UPPER_ROMAN] = HPDF_PAGE_NUM_STYLE_UPPER_ROMAN,
	};
	/* Unlabelled pages are numbered 1, 2, 3: a range that says just
	 * that, or continues the range before it, is left out. */
	int same = d->labelled ? L->numbers == d->label_style &&
	    number == d->label_next : L->numbers == PN_ARABIC &&
	    number == (long)run->first + 1;

	if (run->npages == 0)
		return 0;
	/* The labels must say how page 0 is numbered. */
	if (!same && !d->labelled && run->first > 0)
		HPDF_AddPageLabel(d->pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1,
		    NULL);
	if (!same) {
		HPDF_AddPageLabel(d->pdf, (HPDF_UINT)run->first,
		    styles[L->numbers], (HPDF_UINT)number, NULL);
		d->labelled = 1;
	}
	d->label_style = L->numbers;
	d->label_next = number + (long)run->npages;
	return pdf_doc_check(d, &(struct loc){L->path, 0});
}

HPDF_Font
pdf_doc_font(struct pdf_doc *d, const char *path, const struct loc *loc)
{
	struct pdf_font *f;
	const char *name;
	size_t i;

	for (i = 0; i < d->nfonts; i++)
		if (strcmp(d->fonts[i].path, path) == 0)
			return d->fonts[i].font;
	name = pdf_font_load(d->pdf, path, d->nfonts);
	f = array_push(&d->fonts, &d->nfonts, sizeof(*f));
	f->path = xstrdup(path);
	f->font = name ? pdf_font_get(d->pdf, name) : NULL;
	if (f->font == NULL) {
		diag_error(loc, "cannot embed the font '%s'", path);
		pdf_doc_check(d, loc);
	}
	return f->font;
}

static struct pdf_font *
font_rec(struct pdf_doc *d, HPDF_Font f)
{
	size_t i;

	for (i = 0; i < d->nfonts; i++)
		if (d->fonts[i].font == f)
			return &d->fonts[i];
	return NULL;
}

void
pdf_doc_font_use(struct pdf_doc *d, HPDF_Font f, const char *s, size_t n)
{
	struct pdf_font *pf = font_rec(d, f);

	if (pf)
		pdf_font_use(pf, s, n);
}

/* Characters are checked once per font: text is measured many times. */
int
pdf_doc_font_covers(struct pdf_doc *d, HPDF_Font f, const char *s, size_t n,
    const struct loc *loc)
{
	struct pdf_font *pf = font_rec(d, f);
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k;
	unsigned cp;
	int rc = 0;

	if (pf == NULL)
		return 0;
	if (pf->checked == NULL)
		pf->checked = xcalloc(65536 / 8, 1);
	for (i = 0; i < n; i = k) {
		for (k = i + 1; k < n && (u[k] & 0xC0) == 0x80; k++)
			;
		if (u[i] < 0xF0) {
			cp = u[i] < 0x80 ? u[i] : u[i] < 0xE0 ? (u[i] & 0x1Fu) <<
			    6 | (u[i + 1] & 0x3Fu) : (u[i] & 0x0Fu) << 12 |
			    (u[i + 1] & 0x3Fu) << 6 | (u[i + 2] & 0x3Fu);
			if (k - i == (size_t)(u[i] < 0x80 ? 1 : u[i] < 0xE0 ?
			    2 : 3) && (pf->checked[cp / 8] & (0x80u >>
			    (cp % 8))))
				continue;
		}
		if (pdf_font_covers(f, s + i, k - i, &cp) < 0) {
			diag_error(loc, "'%.*s' (U+%04X) is not in the font "
			    "'%s'", (int)(k - i), s + i, cp, pf->path);
			rc = -1;
		}
		/* Known now, and told once per character and font. */
		if (cp < 65536)
			pf->checked[cp / 8] |= (unsigned char)(0x80u >>
			    (cp % 8));
	}
	return rc;
}

static void
set_attr(struct pdf_doc *d, HPDF_InfoType type, const char *s)
{
	if (s && *s)
		HPDF_SetInfoAttr(d->pdf, type, s);
}

int
pdf_doc_set_info(struct pdf_doc *d, const struct pdf_info *info)
{
	struct tm tm;
	HPDF_Date date;

	d->info.title = xstrdup(info->title ? info->title : "");
	d->info.subject = xstrdup(info->subject ? info->subject : "");
	d->info.keywords = xstrdup(info->keywords ? info->keywords : "");
	d->info.author = xstrdup(info->author ? info->author : "");
	d->info.creator = xstrdup(info->creator ? info->creator : "");
	d->info.stamp = info->stamp;
	set_attr(d, HPDF_INFO_TITLE, info->title);
	set_attr(d, HPDF_INFO_SUBJECT, info->subject);
	set_attr(d, HPDF_INFO_KEYWORDS, info->keywords);
	set_attr(d, HPDF_INFO_AUTHOR, info->author);
	set_attr(d, HPDF_INFO_CREATOR, info->creator);
	set_attr(d, HPDF_INFO_PRODUCER, info->creator);
	gmtime_r(&info->stamp, &tm);
	memset(&date, 0, sizeof(date));
	date.year = tm.tm_year + 1900;
	date.month = tm.tm_mon + 1;
	date.day = tm.tm_mday;
	date.hour = tm.tm_hour;
	date.minutes = tm.tm_min;
	date.seconds = tm.tm_sec;
	date.ind = 'Z';
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, date);
	return pdf_doc_check(d, NULL);
}

static char *
expand(const struct tmpl *t, const struct layout *L, const struct model *m)
{
	struct tmpl_env env = {m, NULL, 0, 0, 0, 0, &L->locale, NULL,
	    PN_ARABIC};
	struct buf b = {0};

	tmpl_expand(t, &env, &b);
	return b.data;
}

char *
pdf_layout_title(const struct layout *L, const struct model *m)
{
	char *s = expand(L->doc.has_section ? &L->doc.section :
	    &L->doc.title, L, m);

	return s ? s : xstrdup("");
}

int
pdf_doc_info(struct pdf_doc *d, const struct layout *L,
    const struct model *m, const char *creator, time_t stamp)
{
	struct pdf_info info;
	char *s[4];
	int rc, i;

	info.title = s[0] = expand(&L->doc.title, L, m);
	info.subject = s[1] = expand(&L->doc.subject, L, m);
	info.keywords = s[2] = expand(&L->doc.keywords, L, m);
	info.author = s[3] = expand(&L->doc.author, L, m);
	info.creator = creator;
	info.stamp = stamp;
	rc = pdf_doc_set_info(d, &info);
	for (i = 0; i < 4; i++)
		free(s[i]);
	return rc;
}

/* What only the whole document can say, once, before it is written: its
 * structure tree, and PDF 1.7 (tagged PDF, PDF/UA-1). */
static int
pdf_doc_finish(struct pdf_doc *d)
{
	size_t i;

	d->finished = 1;
	for (i = 0; i < d->nfonts; i++)
		if (pdf_font_finish(d, &d->fonts[i]) < 0) {
			diag_error(NULL, "cannot subset the font '%s'",
			    d->fonts[i].path);
			return -1;
		}
	if (tag_finish(d) < 0 || pdf_meta_finish(d, tag_lang(d->tags)) < 0)
		return -1;
	d->pdf->pdf_version = HPDF_VER_17;
	return d->err ? -1 : 0;
}

/* libharu's own saving builds the whole file in a memory stream first (a
 * 100,000-row pack: 70 MB more at the peak); it goes straight to fd
 * instead, through a buffer, as libharu writes it. */
struct fd_out {
	int fd;
	const char *path;
	int failed;             /* a write failed, and was reported */
	size_t n;
	HPDF_BYTE buf[65536];
};

static int
fd_flush(struct fd_out *o)
{
	if (o->n > 0 && !o->failed && write_all(o->fd, o->buf, o->n, o->path) < 0)
		o->failed = 1;
	o->n = 0;
	return o->failed ? -1 : 0;
}

static HPDF_STATUS
fd_write(HPDF_Stream s, const HPDF_BYTE *p, HPDF_UINT n)
{
	struct fd_out *o = s->attr;

	if (o->n + n > sizeof(o->buf) && fd_flush(o) < 0)
		return HPDF_FILE_IO_ERROR;
	if (n > sizeof(o->buf)) {
		if (write_all(o->fd, p, n, o->path) < 0) {
			o->failed = 1;
			return HPDF_FILE_IO_ERROR;
		}
		return HPDF_OK;
	}
	memcpy(o->buf + o->n, p, n);
	o->n += n;
	return HPDF_OK;
}

int
pdf_doc_save(struct pdf_doc *d, int fd, const char *path)
{
	struct fd_out *o;
	HPDF_Stream s;
	HPDF_STATUS st;

	if (!d->finished && pdf_doc_finish(d) < 0) {
		pdf_doc_check(d, &(struct loc){path, 0});
		return -1;
	}
	o = xcalloc(1, sizeof(*o));
	o->fd = fd;
	o->path = path;
	if ((s = HPDF_CallbackWriter_New(d->pdf->mmgr, fd_write, o)) == NULL) {
		free(o);
		pdf_doc_check(d, &(struct loc){path, 0});
		return -1;
	}
	/* HPDF_SaveToStream writes into the document's stream, whatever
	 * kind it is. */
	if (d->pdf->stream)
		HPDF_Stream_Free(d->pdf->stream);
	d->pdf->stream = s;
	st = HPDF_SaveToStream(d->pdf);
	if (st == HPDF_OK)
		fd_flush(o);
	d->pdf->stream = NULL;
	HPDF_Stream_Free(s);
	if (o->failed) {
		free(o);
		return -1;      /* write_all said why */
	}
	free(o);
	if (st != HPDF_OK) {
		pdf_doc_check(d, &(struct loc){path, 0});
		return -1;
	}
	return 0;
}
