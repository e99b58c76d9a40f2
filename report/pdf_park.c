/* pdf_park.c - a finished page's content kept compressed until the
 * document is saved.
 *
 * libharu holds every page's content stream uncompressed until it saves
 * the file: a 1,400-page briefing pack held 70 MB of them.  A page is
 * finished when the next one is added, so its content then goes into an
 * LZ4 block (liblz4: fast enough to cost a few per cent of a build) and
 * comes back only to be hashed for the document ID and to be written,
 * one page at a time.  What is written to the page after that (the EMC
 * closing its last marked content, the running header and footer drawn
 * once the pages are counted) stays in libharu's stream as a tail that
 * follows the body.  The file saved is the same, byte for byte. */
#include <lz4.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

struct pdf_parked {
	char *z;                /* the body, compressed */
	int zlen, len;          /* ... its size, and the body's */
};

/* Pages this small are not worth a block. */
#define PARK_MIN 1024

/* The bytes of a libharu memory stream, in order, to fn. */
static void
each_buf(HPDF_Stream s, void (*fn)(void *, const void *, size_t), void *arg)
{
	HPDF_UINT i, n = HPDF_MemStream_GetBufCount(s), len;
	HPDF_BYTE *p;

	for (i = 0; i < n; i++) {
		p = HPDF_MemStream_GetBufPtr(s, i, &len);
		if (p && len)
			fn(arg, p, len);
	}
}

static void
copy_out(void *arg, const void *p, size_t n)
{
	char **at = arg;

	memcpy(*at, p, n);
	*at += n;
}

/* The stream's bytes in one block of s->size bytes (caller frees). */
static char *
stream_bytes(HPDF_Stream s)
{
	char *v = xmalloc((size_t)s->size + 1), *at = v;

	each_buf(s, copy_out, &at);
	return v;
}

/* The body back, or NULL when the block is damaged (it never is: we
 * wrote it; libharu is then told of an error). */
static char *
body(const struct pdf_parked *pk)
{
	char *v = xmalloc((size_t)pk->len + 1);

	if (LZ4_decompress_safe(pk->z, v, pk->zlen, pk->len) != pk->len) {
		free(v);
		return NULL;
	}
	return v;
}

/* libharu is about to write the contents dictionary: the body goes back
 * into its stream, before the tail. */
static HPDF_STATUS
unpark(HPDF_Dict dict)
{
	const struct pdf_parked *pk = dict->attr;
	HPDF_Stream s = dict->stream;
	size_t tlen = s->size;
	char *tail = stream_bytes(s), *b = body(pk);
	HPDF_STATUS rc = HPDF_OK;

	if (b == NULL)
		rc = HPDF_SetError(dict->error, HPDF_INVALID_STREAM, 0);
	else {
		HPDF_MemStream_FreeData(s);
		if ((rc = HPDF_Stream_Write(s, (HPDF_BYTE *)b,
		    (HPDF_UINT)pk->len)) == HPDF_OK && tlen > 0)
			rc = HPDF_Stream_Write(s, (HPDF_BYTE *)tail,
			    (HPDF_UINT)tlen);
	}
	free(b);
	free(tail);
	return rc;
}

/* ... and has written it: its bytes go again (a document is saved
 * once; pdf_doc_save does not run twice). */
static HPDF_STATUS
release(HPDF_Dict dict)
{
	HPDF_MemStream_FreeData(dict->stream);
	return HPDF_OK;
}

void
pdf_park(struct pdf_doc *d, HPDF_Page p)
{
	HPDF_PageAttr attr = p->attr;
	HPDF_Dict dict = attr->contents;
	HPDF_Stream s = attr->stream;
	struct pdf_parked *pk;
	char *raw;
	int bound;

	/* Only a plain content stream of ours, once. */
	if (dict == NULL || dict->stream != s || dict->attr != NULL ||
	    dict->before_write_fn != NULL || dict->after_write_fn != NULL ||
	    s->type != HPDF_STREAM_MEMORY || s->size < PARK_MIN ||
	    s->size > LZ4_MAX_INPUT_SIZE)
		return;
	pk = xcalloc(1, sizeof(*pk));
	pk->len = (int)s->size;
	bound = LZ4_compressBound(pk->len);
	raw = stream_bytes(s);
	pk->z = xmalloc((size_t)bound);
	pk->zlen = LZ4_compress_default(raw, pk->z, pk->len, bound);
	free(raw);
	if (pk->zlen <= 0) {            /* cannot happen within the bound */
		free(pk->z);
		free(pk);
		return;
	}
	pk->z = xrealloc(pk->z, (size_t)pk->zlen);
	*(struct pdf_parked **)array_push(&d->parked, &d->nparked,
	    sizeof(pk)) = pk;
	HPDF_MemStream_FreeData(s);
	dict->attr = pk;
	dict->before_write_fn = unpark;
	dict->after_write_fn = release;
}

int
pdf_page_content(HPDF_Page p, void (*fn)(void *, const void *, size_t),
    void *arg)
{
	HPDF_PageAttr attr = p->attr;
	const struct pdf_parked *pk = attr->contents ? attr->contents->attr :
	    NULL;
	char *b;

	if (pk != NULL && attr->contents->before_write_fn == unpark) {
		if ((b = body(pk)) == NULL)
			return -1;
		fn(arg, b, (size_t)pk->len);
		free(b);
	}
	each_buf(attr->stream, fn, arg);
	return 0;
}

void
pdf_park_free(struct pdf_doc *d)
{
	size_t i;

	for (i = 0; i < d->nparked; i++) {
		free(d->parked[i]->z);
		free(d->parked[i]);
	}
	free(d->parked);
	d->parked = NULL;
	d->nparked = 0;
}
