/* render_text.c - the `text` output: a few fields of the model, one
 * `path = value` line each (the names of query.h), in a plain text file.
 * A debugging output: it reads no layout or font, so it shows quickly
 * whether the data loads and the scheduling machinery (incremental builds,
 * watch) works; the tests use it for that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "query.h"
#include "render.h"
#include "write.h"

/* The fields written, in order: generic model paths, no wording. */
static const char *const text_fields[] = {
	"mission.name", "mission.as_of", "headline.date", "headline.total",
	"headline.qualifier", "snapshot.date", "snapshot.total",
	"snapshot.nations", "count.snapshots", NULL
};

static void *
text_prepare(const struct render_ctx *ctx)
{
	(void)ctx;
	/* Nothing to load; a non-NULL handle means "ready". */
	return xstrdup("text");
}

static void
text_inputs(const void *prep, struct inputs *in)
{
	(void)prep;
	(void)in;
}

static void
put_value(struct buf *b, const struct qvalue *v)
{
	char d[11];

	switch (v->type) {
	case QV_TEXT:
		buf_puts(b, v->text ? v->text : "");
		break;
	case QV_INT:
		buf_printf(b, "%lld", v->i);
		break;
	case QV_REAL:
		buf_printf(b, "%.6g", v->r);
		break;
	case QV_DATE:
		date_iso(&v->d, d);
		buf_puts(b, d);
		break;
	default:
		break;
	}
}

static int
text_render(void *prep, const struct render_ctx *ctx, int fd,
    const char *path)
{
	struct buf b = {0};
	struct qvalue v;
	size_t i;
	int rc;

	(void)prep;
	for (i = 0; text_fields[i]; i++) {
		if (query_field(ctx->m, text_fields[i], &v) < 0)
			continue;
		buf_printf(&b, "%s = ", text_fields[i]);
		put_value(&b, &v);
		buf_puts(&b, "\n");
	}
	buf_printf(&b, "stamp = %lld\n", (long long)ctx->stamp);
	rc = write_all(fd, b.data, b.len, path);
	buf_free(&b);
	return rc;
}

const struct renderer render_text = {"text", text_prepare, text_inputs,
    text_render, free};
