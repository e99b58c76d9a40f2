/* pack.c - TEMPORARY placeholder until the real pack.c lands. */
#include <stdio.h>

#include "build.h"
#include "cmd.h"
#include "diag.h"
#include "render.h"

static void *
pending_prepare(const struct render_ctx *ctx)
{
	diag_error(&ctx->o->loc, "output type '%s' is not available yet",
	    output_type_name(ctx->o->type));
	return NULL;
}
static void pending_inputs(const void *p, struct inputs *in) { (void)p; (void)in; }
static int pending_render(void *p, const struct render_ctx *c, int fd,
    const char *path) { (void)p; (void)c; (void)fd; (void)path; return -1; }
static void pending_free(void *p) { (void)p; }

const struct renderer render_pack = {"pack", pending_prepare, pending_inputs,
    pending_render, pending_free};
