/* pdf_tag.c - the structure tree of a tagged PDF: elements in reading
 * order, marked content written into the page streams, and the tree
 * written into the file as libharu saves it.  See pdf_tag.h. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"
#include "pdf_tag.h"

#define TAG_DEPTH 16            /* Document, Part and 14 levels of blocks */
#define NONE UINT32_MAX
#define ALT_MAX 16000           /* bytes of a Figure's alternative text */

/* A long pack has hundreds of thousands of elements (a TR and a TD per
 * table cell), so they are kept small: indexes of 32 bits, not pointers,
 * and what few elements have (Alt, Lang, a header's Scope) aside. */
enum kid_type { KID_NODE, KID_MC, KID_OBJR };

struct tag_kid {
	unsigned char type;     /* enum kid_type */
	uint32_t page;          /* KID_MC, KID_OBJR: index in t->pages */
	uint32_t ref;           /* KID_NODE: the node; KID_MC: its MCID;
				   KID_OBJR: index in t->annots */
};

struct tag_node {
	/* Its kids: most elements (a table cell) have one, kept inline. */
	struct tag_kid *more;   /* kids 1.. */
	struct tag_kid kid1;
	uint32_t parent;
	uint32_t nkids;
	uint32_t extra;         /* its index in t->extras + 1; 0: none */
	int32_t first;          /* at finish: its first page, -1 if empty
				   (at most 20,000: PDF_MAX_PAGES) */
	uint32_t id;            /* its object number; 0: not written */
	uint16_t role;          /* its structure type, in t->roles */
	unsigned char figure;   /* it or an ancestor is a Figure */
};

struct tag_extra {              /* what few elements have */
	char *alt, *lang;
	const char *scope;
};

/* The nodes in chunks of a fixed size: no copy of them all as they grow,
 * no slack of a doubled array (half of it, at worst), and a node stays
 * where it is. */
#define CHUNK_SHIFT 12
#define CHUNK_NODES ((size_t)1 << CHUNK_SHIFT)

struct tag_page {               /* the marked content of one page */
	HPDF_Page page;
	uint32_t *mc;           /* node of each MCID */
	size_t nmc;
};

struct tag_annot {
	HPDF_Annotation annot;
	uint32_t node;
};

enum mc_kind { MC_NONE, MC_CONTENT, MC_ARTIFACT, MC_PAGINATION };

struct tag_tree {
	struct tag_node **chunks;       /* node 0: the Document */
	size_t nchunks, nnodes;
	const char **roles;     /* standard structure types (static) */
	size_t nroles;
	struct tag_extra *extras;
	size_t nextras;
	uint32_t stack[TAG_DEPTH];
	const void *keys[TAG_DEPTH];    /* who opened each (tag_at) */
	int top;                /* stack[0..top] are open */
	int hi;                 /* stack[top+1..hi] closed but may reopen
				   (a paragraph over several boxes) */
	int base;               /* depth 0 of tag_at is stack[base] */
	struct tag_page *pages;
	size_t npages;
	struct tag_annot *annots;
	size_t nannots;
	HPDF_Page open_page;    /* the marked content open now, if any */
	enum mc_kind open_kind;
	uint32_t open_node;
	int artifact, pagination;
	char *lang;             /* the document's: its first run's */
	const char *block_lang; /* the block drawn now, if not the run's */
	/* Writing (tag_finish): how many elements are written, the walk
	 * that meets them in object order (a path from the Document, and
	 * the next kid to look at on each level), the one dictionary that
	 * writes each in turn and its extra xref entries. */
	struct pdf_doc *doc;
	size_t norder, wcur;
	uint32_t wnode[TAG_DEPTH];
	uint32_t wkid[TAG_DEPTH];
	int wdepth;
	unsigned root_id;
	HPDF_List xref;         /* libharu's xref list, which holds */
	size_t xfirst;          /* at xfirst.. */
	HPDF_XrefEntry_Rec *entries;    /* these */
	size_t nentries;
};

/* Node i, wherever its chunk is. */
static struct tag_node *
node(const struct tag_tree *t, uint32_t i)
{
	return &t->chunks[i >> CHUNK_SHIFT][i & (CHUNK_NODES - 1)];
}

/* Kid k of node n (k is evaluated twice: no side effects). */
#define KID(n, k) ((k) == 0 ? &(n)->kid1 : &(n)->more[(k) - 1])

/* Nothing near 4 billion elements, pages or MCIDs, or 65,536 structure
 * types, fits in memory (or in libharu's 24-bit object numbers): like
 * running out of memory, it ends the program. */
static void
too_large(void)
{
	fputs("briefgen: error: the structure tree is too large\n", stderr);
	exit(3);
}

/* n as an index of 32 bits. */
static uint32_t
index32(size_t n)
{
	if (n >= NONE)
		too_large();
	return (uint32_t)n;
}

/* role's index in t->roles, added if new: an element keeps 2 bytes, not
 * a pointer, and a document has a few dozen types. */
static uint16_t
role_ix(struct tag_tree *t, const char *role)
{
	size_t i;

	for (i = 0; i < t->nroles; i++)
		if (t->roles[i] == role)
			return (uint16_t)i;
	for (i = 0; i < t->nroles; i++)
		if (strcmp(t->roles[i], role) == 0)
			return (uint16_t)i;
	if (t->nroles > UINT16_MAX)
		too_large();
	*(const char **)array_push(&t->roles, &t->nroles, sizeof(*t->roles)) =
	    role;
	return (uint16_t)i;
}

static const char *
role_of(const struct tag_tree *t, const struct tag_node *n)
{
	return t->roles[n->role];
}

/* A new kid of n, zeroed. */
static struct tag_kid *
add_kid(struct tag_node *n)
{
	size_t m;

	index32(n->nkids);
	if (n->nkids++ == 0) {
		memset(&n->kid1, 0, sizeof(n->kid1));
		return &n->kid1;
	}
	m = n->nkids - 2;
	return array_push(&n->more, &m, sizeof(*n->more));
}

/* n's Alt, Lang and Scope, made when first set. */
static struct tag_extra *
extra_of(struct tag_tree *t, struct tag_node *n)
{
	if (n->extra == 0) {
		array_push(&t->extras, &t->nextras, sizeof(*t->extras));
		n->extra = index32(t->nextras);
	}
	return &t->extras[n->extra - 1];
}

/* n's extra record, or NULL: none was set. */
static const struct tag_extra *
extra(const struct tag_tree *t, const struct tag_node *n)
{
	return n->extra ? &t->extras[n->extra - 1] : NULL;
}

static uint32_t
new_node(struct tag_tree *t, const char *role, uint32_t parent)
{
	uint32_t i = index32(t->nnodes);
	struct tag_node *n;

	if ((i & (CHUNK_NODES - 1)) == 0)
		*(struct tag_node **)array_push(&t->chunks, &t->nchunks,
		    sizeof(*t->chunks)) = xcalloc(CHUNK_NODES, sizeof(*n));
	t->nnodes++;
	n = node(t, i);
	n->role = role_ix(t, role);
	n->parent = parent;
	n->first = -1;
	if (parent != NONE) {
		struct tag_node *p = node(t, parent);
		struct tag_kid *k = add_kid(p);

		k->type = KID_NODE;
		k->ref = i;
		n->figure = p->figure || strcmp(role, "Figure") == 0;
	}
	return i;
}

struct tag_tree *
tag_tree_new(void)
{
	struct tag_tree *t = xcalloc(1, sizeof(*t));

	t->stack[0] = new_node(t, "Document", NONE);
	t->base = 1;
	return t;
}

/* The elements' xref entries are ours, one block: out of libharu's list
 * before it frees the document, which would free each entry (and the
 * dictionary they share, each time). */
static void
drop_entries(struct tag_tree *t)
{
	HPDF_List l = t->xref;
	size_t end = t->xfirst + t->nentries;

	if (l && t->nentries > 0) {
		memmove(l->obj + t->xfirst, l->obj + end,
		    (l->count - end) * sizeof(*l->obj));
		l->count -= (HPDF_UINT)t->nentries;
	}
	free(t->entries);
}

void
tag_tree_free(struct tag_tree *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nnodes; i++)
		free(node(t, (uint32_t)i)->more);
	for (i = 0; i < t->nchunks; i++)
		free(t->chunks[i]);
	for (i = 0; i < t->nextras; i++) {
		free(t->extras[i].alt);
		free(t->extras[i].lang);
	}
	for (i = 0; i < t->npages; i++)
		free(t->pages[i].mc);
	drop_entries(t);
	free(t->chunks);
	free(t->roles);
	free(t->extras);
	free(t->pages);
	free(t->annots);
	free(t->lang);
	free(t);
}

/* ---- marked content ---- */

static HPDF_Stream
page_stream(HPDF_Page p)
{
	return ((HPDF_PageAttr)p->attr)->stream;
}

static void
mc_close(struct tag_tree *t)
{
	if (t->open_page)
		HPDF_Stream_WriteStr(page_stream(t->open_page), "EMC\n");
	t->open_page = NULL;
	t->open_kind = MC_NONE;
}

static struct tag_page *
page_of(struct tag_tree *t, HPDF_Page p)
{
	size_t i;

	for (i = t->npages; i-- > 0;)
		if (t->pages[i].page == p)
			return &t->pages[i];
	t->pages = xrealloc(t->pages, (t->npages + 1) * sizeof(*t->pages));
	memset(&t->pages[t->npages], 0, sizeof(*t->pages));
	t->pages[t->npages].page = p;
	return &t->pages[t->npages++];
}

static void
put(HPDF_Stream s, const char *text)
{
	HPDF_Stream_WriteStr(s, text);
}

/* Decimal numbers, written by hand: snprintf was nearly all the time of
 * writing a long pack's tree (hundreds of thousands of references).
 * Each writes what "%lu" or "%ld" would at p, NUL-terminated, and returns
 * the end (the NUL). */
static char *
fmt_ulong(char *p, unsigned long v)
{
	unsigned long rest;
	char *end = p + 1, *q;

	for (rest = v / 10; rest != 0; rest /= 10)
		end++;
	*end = '\0';
	q = end;
	do
		*--q = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return end;
}

static char *
fmt_long(char *p, long v)
{
	if (v >= 0)
		return fmt_ulong(p, (unsigned long)v);
	*p++ = '-';
	return fmt_ulong(p, 0UL - (unsigned long)v);
}

static void
mc_open(struct tag_tree *t, HPDF_Page p, enum mc_kind kind, uint32_t ni)
{
	char op[96];
	size_t len;

	if (t->open_page == p && t->open_kind == kind &&
	    (kind != MC_CONTENT || t->open_node == ni))
		return;
	mc_close(t);
	if (kind == MC_CONTENT) {
		struct tag_page *tp = page_of(t, p);
		struct tag_node *n = node(t, ni);
		struct tag_kid *k = add_kid(n);

		k->type = KID_MC;
		k->page = index32((size_t)(tp - t->pages));
		k->ref = index32(tp->nmc);
		*(uint32_t *)array_push(&tp->mc, &tp->nmc, sizeof(*tp->mc)) =
		    ni;
		/* A standard structure type is a short name ("TD"). */
		len = strnlen(role_of(t, n), 48);
		op[0] = '/';
		memcpy(op + 1, role_of(t, n), len);
		memcpy(op + 1 + len, " <</MCID ", 9);
		memcpy(fmt_ulong(op + 10 + len, k->ref), ">> BDC\n", 8);
		put(page_stream(p), op);
	} else if (kind == MC_PAGINATION)
		put(page_stream(p), "/Artifact <</Type /Pagination>> BDC\n");
	else
		put(page_stream(p), "/Artifact BMC\n");
	t->open_page = p;
	t->open_kind = kind;
	t->open_node = ni;
}

void
tag_mark(struct eng *e, int decor)
{
	struct tag_tree *t = e->d->tags;
	uint32_t cur = t->stack[t->top];

	if (e->page == NULL)
		return;
	if (t->artifact)
		mc_open(t, e->page, t->pagination ? MC_PAGINATION :
		    MC_ARTIFACT, NONE);
	else if (node(t, cur)->figure)
		mc_open(t, e->page, MC_CONTENT, cur);
	else if (decor)
		mc_open(t, e->page, MC_ARTIFACT, NONE);
	else {
		/* Text no block gave an element: a paragraph of its own. */
		if (t->top < t->base)
			tag_at(e, 0, "P", NULL);
		mc_open(t, e->page, MC_CONTENT, t->stack[t->top]);
	}
}

void
tag_artifact(struct eng *e, int on, int pagination)
{
	struct tag_tree *t = e->d->tags;

	t->artifact = on;
	t->pagination = on && pagination;
}

/* ---- elements ---- */

void
tag_run_begin(struct pdf_doc *d, int part, const char *lang)
{
	struct tag_tree *t = d->tags;

	mc_close(t);
	t->top = 0;
	t->base = 1;
	if (t->lang == NULL && lang)
		t->lang = xstrdup(lang);
	t->hi = 0;
	if (part) {
		t->hi = 1;
		t->stack[1] = new_node(t, "Part", t->stack[0]);
		t->keys[1] = NULL;
		if (lang && strcmp(lang, t->lang) != 0)
			extra_of(t, node(t, t->stack[1]))->lang =
			    xstrdup(lang);
		t->top = 1;
		t->base = 2;
	}
}

void
tag_run_end(struct pdf_doc *d)
{
	mc_close(d->tags);
	d->tags->top = d->tags->hi = 0;
	d->tags->base = 1;
}

void
tag_block_lang(struct eng *e, const char *lang)
{
	e->d->tags->block_lang = lang;
}

void
tag_close(struct eng *e, int depth)
{
	struct tag_tree *t = e->d->tags;
	int at = t->base + depth;

	if (node(t, t->stack[t->top])->figure && depth > 0)
		return;
	if (at <= t->top)
		t->top = at - 1;
}

void
tag_at(struct eng *e, int depth, const char *role, const void *key)
{
	struct tag_tree *t = e->d->tags;
	int at = t->base + depth;
	struct tag_node *n;

	if (t->artifact)
		return;         /* a repeated header: no element */
	if (at >= TAG_DEPTH || at > t->top + 1 || at < 1)
		return;         /* a level was skipped: stay where we are */
	if (node(t, t->stack[t->top])->figure && t->top < at)
		return;
	if (at <= t->hi) {
		n = node(t, t->stack[at]);
		if (t->keys[at] == key && strcmp(role_of(t, n), role) == 0 &&
		    n->parent == t->stack[at - 1]) {
			t->top = at;
			return;
		}
	}
	t->stack[at] = new_node(t, role, t->stack[at - 1]);
	t->keys[at] = key;
	t->top = t->hi = at;
	n = node(t, t->stack[at]);
	if (depth == 0 && t->block_lang)
		extra_of(t, n)->lang = xstrdup(t->block_lang);
	/* A figure's drawing may not go through the helpers (a map's paths):
	 * its marked content starts now. */
	if (n->figure && e->page && !t->artifact)
		mc_open(t, e->page, MC_CONTENT, t->stack[at]);
}

const char *
tag_heading(const struct eng *e, int level)
{
	static const char *const h[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
	int k = level - 1 + (e->run ? e->run->level : 0);

	return h[k < 0 ? 0 : k > 5 ? 5 : k];
}

static struct tag_node *
current(struct eng *e)
{
	struct tag_tree *t = e->d->tags;

	return t->top >= t->base ? node(t, t->stack[t->top]) : NULL;
}

void
tag_set_alt(struct eng *e, const char *alt)
{
	struct tag_node *n = current(e);
	struct tag_extra *x;
	size_t len;

	if (n == NULL || alt == NULL)
		return;
	x = extra_of(e->d->tags, n);
	free(x->alt);
	x->alt = xstrdup(alt);
	/* libharu writes no string of more than 65,535 bytes (UTF-16 in
	 * the file: twice the characters and more); a chart of thousands of
	 * points says the first ones, cut between characters. */
	if ((len = strlen(x->alt)) > ALT_MAX) {
		len = ALT_MAX;
		while (len > 0 && ((unsigned char)x->alt[len] & 0xC0) == 0x80)
			len--;
		x->alt = xrealloc(x->alt, len + 4);
		memcpy(x->alt + len, "\xe2\x80\xa6", 4);      /* "..." */
	}
}

void
tag_set_scope(struct eng *e, const char *scope)
{
	struct tag_node *n = current(e);

	if (n)
		extra_of(e->d->tags, n)->scope = scope;
}

void
tag_annot(struct eng *e, HPDF_Annotation a, const char *what)
{
	struct tag_tree *t = e->d->tags;
	struct tag_node *n = current(e);
	struct tag_kid *k;
	struct tag_annot *ta;

	if (a == NULL)
		return;
	/* Printed (PDF/A wants every annotation to be), and described. */
	HPDF_Dict_AddNumber(a, "F", 4);
	if (what && *what)
		HPDF_Dict_Add(a, "Contents", HPDF_String_New(e->d->pdf->mmgr,
		    what, e->d->utf8));
	if (n == NULL || t->artifact)
		return;
	k = add_kid(n);
	k->type = KID_OBJR;
	k->page = index32((size_t)(page_of(t, e->page) - t->pages));
	k->ref = index32(t->nannots);
	ta = array_push(&t->annots, &t->nannots, sizeof(*ta));
	ta->annot = a;
	ta->node = t->stack[t->top];
}

/* ---- writing the tree ---- */

/* Page objects by address, for finding a page's index in O(log n): a
 * scan of every page per marked content made writing a long pack's tree
 * quadratic. */
struct page_ix {
	HPDF_Page page;
	long i;
};

static int
cmp_page_ix(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct page_ix *)a)->page;
	uintptr_t y = (uintptr_t)((const struct page_ix *)b)->page;

	return x < y ? -1 : x > y;
}

static struct page_ix *
page_map(const struct pdf_doc *d)
{
	struct page_ix *v = xcalloc(d->npages + 1, sizeof(*v));
	size_t i;

	for (i = 0; i < d->npages; i++) {
		v[i].page = d->pages[i];
		v[i].i = (long)i;
	}
	qsort(v, d->npages, sizeof(*v), cmp_page_ix);
	return v;
}

static long
page_index(const struct pdf_doc *d, const struct page_ix *map, HPDF_Page p)
{
	struct page_ix key = {p, 0}, *f;

	f = bsearch(&key, map, d->npages, sizeof(*map), cmp_page_ix);
	return f ? f->i : -1;
}

/* The first page of every node (-1: nothing drawn in it).  A document
 * has at most 20,000 pages (PDF_MAX_PAGES): an int32_t holds the index. */
static long
first_pages(const struct pdf_doc *d, const struct page_ix *map,
    struct tag_tree *t, uint32_t i)
{
	struct tag_node *n = node(t, i);
	const struct tag_kid *c;
	long f = -1, g;
	size_t k;

	for (k = 0; k < n->nkids; k++) {
		c = KID(n, k);
		g = c->type == KID_NODE ? first_pages(d, map, t, c->ref) :
		    page_index(d, map, t->pages[c->page].page);
		if (g >= 0 && (f < 0 || g < f))
			f = g;
	}
	n->first = (int32_t)f;
	return f;
}

/* The document's parts in page order: a briefing pack lays its contents
 * out last and inserts its pages after the cover. */
static void
sort_top(struct tag_tree *t)
{
	struct tag_node *doc = node(t, 0);
	size_t i, j;

	for (i = 1; i < doc->nkids; i++) {
		struct tag_kid k = *KID(doc, i);
		long f = node(t, k.ref)->first;

		for (j = i; j > 0 && f >= 0 &&
		    node(t, KID(doc, j - 1)->ref)->first > f; j--)
			*KID(doc, j) = *KID(doc, j - 1);
		*KID(doc, j) = k;
	}
}

/* A structure tree has an element for nearly every table cell: as
 * libharu objects (a dictionary, its names, references and arrays) a
 * 100,000-row pack's tree took a gigabyte before saving.  So each element
 * is one xref entry sharing a single dictionary, whose write function
 * prints the element whose turn it is, from the tree itself, in the form
 * libharu's own writer gives (the same bytes as before). */

static void
put_ref(HPDF_Stream s, const void *obj)
{
	const HPDF_Obj_Header *h = obj;
	char b[48], *p;

	p = fmt_ulong(b, h->obj_id & 0x00FFFFFF);
	*p++ = ' ';
	p = fmt_ulong(p, h->gen_no);
	memcpy(p, " R", 3);
	put(s, b);
}

static void
put_id(HPDF_Stream s, unsigned id)
{
	char b[32];

	memcpy(fmt_ulong(b, id), " 0 R", 5);
	put(s, b);
}

static void
put_int(HPDF_Stream s, long v)
{
	char b[32];

	fmt_long(b, v);
	put(s, b);
}

/* "/key " before a value, "\n" after it: an element of a dictionary. */
static void
put_key(HPDF_Stream s, const char *key)
{
	HPDF_Stream_WriteEscapeName(s, key);
	put(s, " ");
}

static void
put_name_item(HPDF_Stream s, const char *key, const char *name)
{
	put_key(s, key);
	HPDF_Stream_WriteEscapeName(s, name);
	put(s, "\012");
}

static void
put_text_item(struct pdf_doc *d, HPDF_Stream s, const char *key,
    const char *text)
{
	HPDF_String str = HPDF_String_New(d->pdf->mmgr, text, d->utf8);

	put_key(s, key);
	if (str) {
		HPDF_String_Write(str, s, NULL);
		HPDF_String_Free(str);
	}
	put(s, "\012");
}

/* The page of n's first marked content, its /Pg. */
static HPDF_Page
first_mc_page(const struct tag_tree *t, const struct tag_node *n)
{
	size_t k;

	for (k = 0; k < n->nkids; k++)
		if (KID(n, k)->type != KID_NODE)
			return t->pages[KID(n, k)->page].page;
	return NULL;
}

/* The /K entry of node n: its elements, marked content and objects. */
static void
put_kids(const struct tag_tree *t, const struct tag_node *n, HPDF_Page pg,
    HPDF_Stream s)
{
	size_t k, shown = 0;

	for (k = 0; k < n->nkids; k++)
		shown += KID(n, k)->type != KID_NODE ||
		    node(t, KID(n, k)->ref)->id != 0;
	put_key(s, "K");
	/* One kid stands alone (an array of one is the same, and longer:
	 * a tagged fact sheet has hundreds of elements). */
	if (shown != 1)
		put(s, "[ ");
	for (k = 0; k < n->nkids; k++) {
		const struct tag_kid *c = KID(n, k);
		HPDF_Page cpg = c->type == KID_NODE ? NULL :
		    t->pages[c->page].page;

		if (c->type == KID_NODE) {
			if (node(t, c->ref)->id == 0)
				continue;
			put_id(s, node(t, c->ref)->id);
		} else if (c->type == KID_MC && cpg == pg)
			put_int(s, (long)c->ref);
		else if (c->type == KID_MC) {
			put(s, "<<\012/Type /MCR\012/Pg ");
			put_ref(s, cpg);
			put(s, "\012/MCID ");
			put_int(s, (long)c->ref);
			put(s, "\012>>");
		} else {
			put(s, "<<\012/Type /OBJR\012/Pg ");
			put_ref(s, cpg);
			put(s, "\012/Obj ");
			put_ref(s, t->annots[c->ref].annot);
			put(s, "\012>>");
		}
		if (shown != 1)
			put(s, " ");
	}
	put(s, shown != 1 ? "]\012" : "\012");
}

/* One element, as write_fn of the shared dictionary. */
static void
put_node(struct tag_tree *t, uint32_t i, HPDF_Stream s)
{
	const struct tag_node *n = node(t, i);
	const struct tag_extra *x = extra(t, n);
	HPDF_Page pg = first_mc_page(t, n);

	/* No /Type: it is optional for a structure element (ISO 32000-1,
	 * table 323), and 18 bytes in each of hundreds of objects. */
	put_name_item(s, "S", role_of(t, n));
	put_key(s, "P");
	put_id(s, i == 0 ? t->root_id : node(t, n->parent)->id);
	put(s, "\012");
	if (pg) {
		put_key(s, "Pg");
		put_ref(s, pg);
		put(s, "\012");
	}
	if (x && x->alt)
		put_text_item(t->doc, s, "Alt", x->alt);
	if (x && x->lang)
		put_text_item(t->doc, s, "Lang", x->lang);
	if (x && x->scope) {
		put_key(s, "A");
		put(s, "<<\012/O /Table\012/Scope ");
		HPDF_Stream_WriteEscapeName(s, x->scope);
		put(s, "\012>>\012");
	}
	put_kids(t, n, pg, s);
}

/* The next element written, in the order number_nodes numbered them
 * (depth first): a walk, not a list of them all (2 MB or more in a long
 * pack).  The tree is at most TAG_DEPTH deep.  NONE after the last. */
static uint32_t
next_written(struct tag_tree *t)
{
	const struct tag_node *n;
	const struct tag_kid *c;
	int d;

	if (t->wcur++ == 0) {
		t->wnode[0] = 0;
		t->wkid[0] = 0;
		t->wdepth = 1;
		return 0;
	}
	while ((d = t->wdepth - 1) >= 0) {
		n = node(t, t->wnode[d]);
		while (t->wkid[d] < n->nkids) {
			c = KID(n, t->wkid[d]);
			t->wkid[d]++;
			if (c->type == KID_NODE && node(t, c->ref)->id != 0 &&
			    d + 1 < TAG_DEPTH) {
				t->wnode[d + 1] = c->ref;
				t->wkid[d + 1] = 0;
				t->wdepth++;
				return c->ref;
			}
		}
		t->wdepth--;
	}
	return NONE;
}

static HPDF_STATUS
write_element(HPDF_Dict shared, HPDF_Stream s)
{
	struct tag_tree *t = shared->attr;
	uint32_t i = next_written(t);

	if (i != NONE)
		put_node(t, i, s);
	return HPDF_OK;
}

/* Node i and everything under it that was drawn, in object order. */
static void
number_nodes(struct tag_tree *t, uint32_t i, unsigned *next)
{
	struct tag_node *n = node(t, i);
	size_t k;

	if (n->first < 0 && i != 0)
		return;
	n->id = (*next)++;
	t->norder++;
	for (k = 0; k < n->nkids; k++)
		if (KID(n, k)->type == KID_NODE)
			number_nodes(t, KID(n, k)->ref, next);
}

/* One xref entry per element, all on one dictionary that writes them.
 * The entries are one block (drop_entries), not an allocation each:
 * malloc's own 8 bytes in every 32, and a pointer to each to find them
 * again, were a sixth of a long pack's tree. */
static int
add_elements(struct pdf_doc *d, struct tag_tree *t)
{
	HPDF_Dict shared = HPDF_Dict_New(d->pdf->mmgr);
	HPDF_List xref = d->pdf->xref->entries;
	HPDF_UINT per;
	unsigned next;
	size_t k;

	if (shared == NULL || HPDF_Xref_Add(d->pdf->xref, shared) != HPDF_OK)
		return -1;
	shared->write_fn = write_element;
	shared->attr = t;
	next = shared->header.obj_id & 0x00FFFFFF;
	number_nodes(t, 0, &next);
	t->entries = xcalloc(t->norder + 1, sizeof(*t->entries));
	t->xref = xref;
	t->xfirst = xref->count;
	/* libharu's lists grow by a fixed block, each time a copy of them
	 * all: half a million entries so are quadratic.  Room for them all
	 * at once. */
	per = xref->items_per_block;
	if (xref->count + t->norder > xref->block_siz)
		xref->items_per_block = (HPDF_UINT)(xref->count + t->norder -
		    xref->block_siz + per);
	for (k = 1; k < t->norder; k++) {
		HPDF_XrefEntry x = &t->entries[k - 1];

		x->entry_typ = HPDF_IN_USE_ENTRY;
		x->obj = shared;
		if (HPDF_List_Add(xref, x) != HPDF_OK) {
			xref->items_per_block = per;
			return -1;
		}
		t->nentries++;
	}
	xref->items_per_block = per;
	return 0;
}

/* The ParentTree: for each page the element of each MCID, then the
 * element of each annotation. */
static void
put_parents(struct pdf_doc *d, struct tag_tree *t, HPDF_Stream s)
{
	struct page_ix *map = xcalloc(t->npages + 1, sizeof(*map)), key, *f;
	size_t i, k, nmap = t->npages;

	/* The tree's pages by address (page_of scans from the last). */
	for (i = 0; i < nmap; i++) {
		map[i].page = t->pages[i].page;
		map[i].i = (long)i;
	}
	qsort(map, nmap, sizeof(*map), cmp_page_ix);
	put_key(s, "ParentTree");
	put(s, "<<\012/Nums [ ");
	for (i = 0; i < d->npages; i++) {
		struct tag_page *tp = NULL;

		key.page = d->pages[i];
		f = bsearch(&key, map, nmap, sizeof(*map), cmp_page_ix);
		if (f)
			tp = &t->pages[f->i];
		put_int(s, (long)i);
		put(s, " [ ");
		for (k = 0; tp && k < tp->nmc; k++) {
			unsigned id = node(t, tp->mc[k])->id;

			if (id)
				put_id(s, id);
			else
				put(s, "null");
			put(s, " ");
		}
		put(s, "] ");
	}
	for (k = 0; k < t->nannots; k++) {
		unsigned id = node(t, t->annots[k].node)->id;

		if (id == 0)
			continue;
		put_int(s, (long)(d->npages + k));
		put(s, " ");
		put_id(s, id);
		put(s, " ");
	}
	put(s, "]\012>>\012");
	free(map);
}

/* The StructTreeRoot's entries, as its write_fn. */
static HPDF_STATUS
write_root(HPDF_Dict root, HPDF_Stream s)
{
	struct tag_tree *t = root->attr;

	t->wcur = 0;
	t->wdepth = 0;
	put_name_item(s, "Type", "StructTreeRoot");
	put_key(s, "K");
	put(s, "[ ");
	put_id(s, node(t, 0)->id);
	put(s, " ]\012");
	put_parents(t->doc, t, s);
	put_key(s, "ParentTreeNextKey");
	put_int(s, (long)(t->doc->npages + t->nannots));
	put(s, "\012");
	return HPDF_OK;
}

/* What the ParentTree needs of the pages and annotations themselves. */
static void
mark_parents(struct pdf_doc *d, struct tag_tree *t)
{
	size_t i, k;

	for (i = 0; i < d->npages; i++) {
		HPDF_Dict_AddNumber(d->pages[i], "StructParents", (int)i);
		HPDF_Dict_AddName(d->pages[i], "Tabs", "S");
	}
	for (k = 0; k < t->nannots; k++)
		if (node(t, t->annots[k].node)->id)
			HPDF_Dict_AddNumber(t->annots[k].annot, "StructParent",
			    (int)(d->npages + k));
}

const char *
tag_lang(const struct tag_tree *t)
{
	return t->lang;
}

int
tag_finish(struct pdf_doc *d)
{
	const char *lang = d->tags->lang;
	struct tag_tree *t = d->tags;
	HPDF_Dict cat = d->pdf->catalog, root, mark, vp;
	struct page_ix *map;

	mc_close(t);
	map = page_map(d);
	first_pages(d, map, t, 0);
	free(map);
	sort_top(t);
	root = HPDF_Dict_New(d->pdf->mmgr);
	if (root == NULL || HPDF_Xref_Add(d->pdf->xref, root) != HPDF_OK)
		return -1;
	t->doc = d;
	t->root_id = root->header.obj_id & 0x00FFFFFF;
	root->write_fn = write_root;
	root->attr = t;
	if (add_elements(d, t) < 0)
		return -1;
	mark_parents(d, t);
	HPDF_Dict_Add(cat, "StructTreeRoot", root);
	mark = HPDF_Dict_New(d->pdf->mmgr);
	HPDF_Dict_Add(cat, "MarkInfo", mark);
	HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	if (lang && *lang)
		HPDF_Dict_Add(cat, "Lang", HPDF_String_New(d->pdf->mmgr, lang,
		    NULL));
	vp = HPDF_Dict_GetItem(cat, "ViewerPreferences", HPDF_OCLASS_DICT);
	if (vp == NULL) {
		vp = HPDF_Dict_New(d->pdf->mmgr);
		HPDF_Dict_Add(cat, "ViewerPreferences", vp);
	}
	HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
	return d->err ? -1 : 0;
}
