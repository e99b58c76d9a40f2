/* diag.c - prints every diagnostic and counts them (see diag.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static struct {
	char **names;
	size_t nnames;
	struct strindex index;  /* name -> its place in names */
	int errors, warnings, sys;
	int quiet_warnings, silent;
} D;

/* Every file of a run is interned, thousands of snapshots among them:
 * the index keeps that linear (a search through the list made loading
 * 2,500 snapshots quadratic; callgrind). */
const char *
diag_intern(const char *path)
{
	size_t i = strindex_get(&D.index, path);

	if (i != (size_t)-1)
		return D.names[i];
	*(char **)array_push(&D.names, &D.nnames, sizeof(char *)) =
	    xstrdup(path);
	strindex_put(&D.index, D.names[D.nnames - 1], D.nnames - 1);
	return D.names[D.nnames - 1];
}

#define DIAG_MAX_SHOWN 100      /* a hostile file must not flood the log */

static int
shown(void)
{
	if (D.errors + D.warnings <= DIAG_MAX_SHOWN)
		return 1;
	if (D.errors + D.warnings == DIAG_MAX_SHOWN + 1 && !D.silent)
		fprintf(stderr, "briefgen: error: too many problems; the "
		    "rest are not shown\n");
	return 0;
}

static void
emit(const char *where, int line, const char *level, const char *fmt,
    va_list ap)
{
	/* Build the whole line first so that concurrent writers (-j) never
	 * interleave halves of two messages. */
	struct buf b = {0};
	char *msg;
	int n;
	va_list aq;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	if (line > 0)
		buf_printf(&b, "%s:%d: %s: %s\n", where, line, level, msg);
	else
		buf_printf(&b, "%s: %s: %s\n", where, level, msg);
	if (!D.silent && shown())
		fputs(b.data, stderr);
	buf_free(&b);
	free(msg);
}

void
diag_error(const struct loc *loc, const char *fmt, ...)
{
	va_list ap;

	D.errors++;
	va_start(ap, fmt);
	emit(loc && loc->file ? loc->file : "briefgen", loc ? loc->line : 0,
	    "error", fmt, ap);
	va_end(ap);
}

void
diag_warning(const struct loc *loc, const char *fmt, ...)
{
	va_list ap;

	D.warnings++;
	if (D.quiet_warnings)
		return;
	va_start(ap, fmt);
	emit(loc && loc->file ? loc->file : "briefgen", loc ? loc->line : 0,
	    "warning", fmt, ap);
	va_end(ap);
}

void
diag_file_error(const char *path, const char *fmt, ...)
{
	va_list ap;

	D.errors++;
	va_start(ap, fmt);
	emit(path ? path : "briefgen", 0, "error", fmt, ap);
	va_end(ap);
}

void
diag_sys_error(const char *path, const char *fmt, ...)
{
	va_list ap;

	D.errors++;
	D.sys = 1;
	va_start(ap, fmt);
	emit(path ? path : "briefgen", 0, "error", fmt, ap);
	va_end(ap);
}

int diag_errors(void) { return D.errors; }
int diag_warnings(void) { return D.warnings; }
int diag_sys_failed(void) { return D.sys; }
void diag_set_quiet_warnings(int quiet) { D.quiet_warnings = quiet; }
void diag_set_silent(int silent) { D.silent = silent; }

void
diag_reset(void)
{
	size_t i;

	for (i = 0; i < D.nnames; i++)
		free(D.names[i]);
	free(D.names);
	D.names = NULL;
	D.nnames = 0;
	strindex_free(&D.index);
	D.errors = D.warnings = D.sys = 0;
}
