/* pdf_meta.c - what a PDF says about itself, written once before saving:
 * XMP metadata agreeing with the document information, the PDF/UA-1
 * identifier, a document ID hashed from the content (never the clock),
 * and for PDF/A the identifier and an sRGB output intent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "hash.h"
#include "pdf_int.h"

int
pdf_doc_set_pdfa(struct pdf_doc *d, const char *level, const struct loc *loc)
{
	if (level == NULL || strcmp(level, "no") == 0) {
		d->pdfa_part = 0;
		return 0;
	}
	if (strcmp(level, "1a") == 0 || strcmp(level, "2a") == 0) {
		d->pdfa_part = level[0] - '0';
		return 0;
	}
	diag_error(loc, "'%s' for 'pdfa' is not one of 1a, 2a, no (this "
	    "tagged output reaches level A)", level);
	return -1;
}

const char *
pdf_doc_icc_path(void)
{
	return PDF_SRGB_PROFILE;
}

static void
xml_text(struct buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '<')
			buf_puts(b, "&lt;");
		else if (*s == '>')
			buf_puts(b, "&gt;");
		else if (*s == '&')
			buf_puts(b, "&amp;");
		else if (*s == '"')
			buf_puts(b, "&quot;");
		else
			buf_add(b, s, 1);
	}
}

/* <tag>value</tag>, the value wrapped as rdf:Alt or rdf:Seq when
 * `container` says so; nothing for an empty value. */
static void
xmp_prop(struct buf *b, const char *tag, const char *container,
    const char *v)
{
	if (v == NULL || *v == '\0')
		return;
	buf_printf(b, "   <%s>", tag);
	if (container && strcmp(container, "Alt") == 0)
		buf_puts(b, "<rdf:Alt><rdf:li xml:lang=\"x-default\">");
	else if (container)
		buf_printf(b, "<rdf:%s><rdf:li>", container);
	xml_text(b, v);
	if (container)
		buf_printf(b, "</rdf:li></rdf:%s>", container);
	buf_printf(b, "</%s>\n", tag);
}

/* PDF/A allows only the schemas it knows, unless described: pdfuaid. */
static const char pdfua_extension[] =
    "  <rdf:Description rdf:about=\"\""
    " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
    " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
    " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
    "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
    "    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema"
    "</pdfaSchema:schema>\n"
    "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/"
    "</pdfaSchema:namespaceURI>\n"
    "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
    "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
    "     <pdfaProperty:name>part</pdfaProperty:name>\n"
    "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
    "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
    "     <pdfaProperty:description>Part of ISO 14289 followed"
    "</pdfaProperty:description>\n"
    "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
    "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
    "  </rdf:Description>\n";

static void
xmp_packet(const struct pdf_doc *d, const char *lang, struct buf *b)
{
	const struct pdf_doc_info *in = &d->info;
	char date[32];
	struct tm tm;

	gmtime_r(&in->stamp, &tm);
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_puts(b, "<?xpacket begin=\"\xEF\xBB\xBF\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "  <rdf:Description rdf:about=\"\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "   <dc:format>application/pdf</dc:format>\n");
	xmp_prop(b, "dc:title", "Alt", in->title);
	xmp_prop(b, "dc:creator", "Seq", in->author);
	xmp_prop(b, "dc:description", "Alt", in->subject);
	xmp_prop(b, "dc:language", "Bag", lang);
	buf_puts(b, "  </rdf:Description>\n  <rdf:Description rdf:about=\"\" "
	    "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
	xmp_prop(b, "pdf:Producer", NULL, in->creator);
	xmp_prop(b, "pdf:Keywords", NULL, in->keywords);
	buf_puts(b, "  </rdf:Description>\n  <rdf:Description rdf:about=\"\" "
	    "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
	xmp_prop(b, "xmp:CreatorTool", NULL, in->creator);
	xmp_prop(b, "xmp:CreateDate", NULL, date);
	xmp_prop(b, "xmp:ModifyDate", NULL, date);
	xmp_prop(b, "xmp:MetadataDate", NULL, date);
	buf_puts(b, "  </rdf:Description>\n  <rdf:Description rdf:about=\"\" "
	    "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	    "   <pdfuaid:part>1</pdfuaid:part>\n  </rdf:Description>\n");
	if (d->pdfa_part) {
		buf_printf(b, "  <rdf:Description rdf:about=\"\" "
		    "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
		    "   <pdfaid:part>%d</pdfaid:part>\n"
		    "   <pdfaid:conformance>A</pdfaid:conformance>\n"
		    "  </rdf:Description>\n", d->pdfa_part);
		buf_puts(b, pdfua_extension);
	}
	buf_puts(b, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

/* The catalog's Metadata: never compressed (PDF/A wants it readable). */
static void
write_xmp(struct pdf_doc *d, const char *lang)
{
	HPDF_Dict md = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	struct buf b = {0};

	if (md == NULL)
		return;
	md->filter = HPDF_STREAM_FILTER_NONE;
	HPDF_Dict_AddName(md, "Type", "Metadata");
	HPDF_Dict_AddName(md, "Subtype", "XML");
	xmp_packet(d, lang, &b);
	HPDF_Stream_Write(md->stream, (const HPDF_BYTE *)b.data,
	    (HPDF_UINT)b.len);
	buf_free(&b);
	HPDF_Dict_Add(d->pdf->catalog, "Metadata", md);
}

/* Hash a page's content in the pieces it lies in: a copy of every
 * page's content doubled a long pack's memory. */
static void
add_piece(void *h, const void *p, size_t n)
{
	hash_stream_add(h, p, n);
}

/* /ID: the same content gives the same ID, any change a new one. */
static int
write_id(struct pdf_doc *d)
{
	struct hash_stream h;
	struct buf b = {0};
	char hex[HASH_SHA256_HEX];
	HPDF_BYTE id[16];
	HPDF_Array a;
	size_t i;
	unsigned v;

	buf_printf(&b, "%s\n%s\n%s\n%s\n%lld\n", d->info.title ?
	    d->info.title : "", d->info.subject ? d->info.subject : "",
	    d->info.author ? d->info.author : "", d->info.keywords ?
	    d->info.keywords : "", (long long)d->info.stamp);
	hash_stream_init(&h);
	hash_stream_add(&h, b.data ? b.data : "", b.len);
	buf_free(&b);
	for (i = 0; i < d->npages; i++)
		if (pdf_page_content(d->pages[i], add_piece, &h) < 0) {
			diag_error(NULL, "a page's content could not be read "
			    "back (pdf_park.c)");
			return -1;
		}
	hash_stream_hex(&h, hex);
	for (i = 0; i < 16; i++) {
		sscanf(hex + 2 * i, "%2x", &v);
		id[i] = (HPDF_BYTE)v;
	}
	a = HPDF_Array_New(d->pdf->mmgr);
	HPDF_Array_Add(a, HPDF_Binary_New(d->pdf->mmgr, id, 16));
	HPDF_Array_Add(a, HPDF_Binary_New(d->pdf->mmgr, id, 16));
	HPDF_Dict_Add(d->pdf->trailer, "ID", a);
	return 0;
}

/* PDF/A: colours are sRGB, said by an output intent with the profile. */
static int
write_intent(struct pdf_doc *d)
{
	FILE *f = fopen(PDF_SRGB_PROFILE, "rb");
	HPDF_Dict icc, oi;
	HPDF_Array arr;
	char chunk[8192];
	size_t n;

	if (f == NULL) {
		diag_sys_error(PDF_SRGB_PROFILE, "cannot "
		    "read the sRGB profile a PDF/A output needs (Debian "
		    "package icc-profiles-free)");
		return -1;
	}
	icc = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddNumber(icc, "N", 3);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		HPDF_Stream_Write(icc->stream, (HPDF_BYTE *)chunk,
		    (HPDF_UINT)n);
	fclose(f);
	oi = HPDF_Dict_New(d->pdf->mmgr);
	HPDF_Dict_AddName(oi, "Type", "OutputIntent");
	HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
	HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(
	    d->pdf->mmgr, "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(oi, "Info", HPDF_String_New(d->pdf->mmgr,
	    "sRGB IEC61966-2.1", NULL));
	HPDF_Dict_Add(oi, "DestOutputProfile", icc);
	arr = HPDF_Array_New(d->pdf->mmgr);
	HPDF_Array_Add(arr, oi);
	HPDF_Dict_Add(d->pdf->catalog, "OutputIntents", arr);
	return 0;
}

int
pdf_meta_finish(struct pdf_doc *d, const char *lang)
{
	write_xmp(d, lang);
	if (write_id(d) < 0)
		return -1;
	if (d->pdfa_part && write_intent(d) < 0)
		return -1;
	return d->err ? -1 : 0;
}
