/* render.h - the one interface every output format implements.
 *
 * A renderer gets the validated model and the output's configuration; it
 * never reads data files and never sees INI data.  Its `prepare` loads and
 * checks the output's layout(s) (through its own layout loader), reporting
 * problems as file:line; `render` then writes the document to an open,
 * empty temporary file that write.c fsyncs and renames into place.
 * Renderers are chosen in exactly one place: render_for() in build.c. */
#ifndef BRIEFGEN_RENDER_H
#define BRIEFGEN_RENDER_H

#include <time.h>

#include "load.h"
#include "model.h"

struct render_ctx {
	const struct model *m;
	const struct config *c;
	const struct output *o;
	time_t stamp;           /* SOURCE_DATE_EPOCH, else the data's as_of */
	const char *version;    /* "briefgen 0.1.0" */
};

/* The files an output reads besides the data: layouts, fonts.  Paths are
 * as given (relative to the working folder); the list owns them. */
struct inputs {
	char **paths;
	size_t n;
};
void inputs_add(struct inputs *in, const char *path);
void inputs_free(struct inputs *in);

struct renderer {
	const char *type;       /* "pdf", "xlsx", "pack": [output] type */
	/* Load and check what the output needs; NULL after reporting. */
	void *(*prepare)(const struct render_ctx *ctx);
	/* Add every file `prep` was built from (layouts, fonts). */
	void (*inputs)(const void *prep, struct inputs *in);
	/* Write the document to fd (path names the same file, for
	 * libraries that must open it themselves).  0, or -1 reported. */
	int (*render)(void *prep, const struct render_ctx *ctx, int fd,
	    const char *path);
	void (*free)(void *prep);
};

extern const struct renderer render_pdf;        /* render_pdf.c */
extern const struct renderer render_xlsx;       /* render_xlsx.c */
extern const struct renderer render_pack;       /* pack.c */
extern const struct renderer render_text;       /* render_text.c */

#endif
