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

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
seq_len(const unsigned char *s, size_t n)
{
	size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;

	if (len == 0 || len > n || utf8_check((const char *)s, len) >= 0)
		return 0;
	return len;
}

void
diag_escape(struct buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = strlen(str), i = 0, len;
	unsigned cp;

	buf_puts(b, "");
	while (i < n) {
		if (s[i] >= 0x20 && s[i] < 0x7f) {
			buf_add(b, s + i++, 1);
			continue;
		}
		len = s[i] < 0x80 ? 0 : seq_len(s + i, n - i);
		if (len == 0) {
			/* A control character or a byte that is not UTF-8. */
			buf_printf(b, "\\x%02x", s[i++]);
			continue;
		}
		/* C1 controls, and what could make a terminal show the line
		 * other than it is (right-to-left, invisible characters). */
		if (s[i] == 0xC2 && s[i + 1] < 0xA0)
			cp = s[i + 1];  /* U+0080 to U+009F */
		else if (utf8_unsupported((const char *)s + i, len, &cp) != 0) {
			buf_add(b, s + i, len);
			i += len;
			continue;
		}
		buf_printf(b, cp > 0xFFFF ? "\\U%08x" : "\\u%04x", cp);
		i += len;
	}
}

/* The message, formatted (caller frees). */
static char *
vformat(const char *fmt, va_list ap)
{
	va_list aq;
	char *msg;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(msg, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	return msg;
}

static void
emit(const char *where, int line, const char *level, const char *fmt,
    va_list ap)
{
	/* Build the whole line first so that concurrent writers (-j) never
	 * interleave halves of two messages. */
	struct buf b = {0};
	char *msg = vformat(fmt, ap);

	/* Names and values come from files and the command line: a control
	 * character in them must not reach the terminal (diag_escape). */
	diag_escape(&b, where);
	if (line > 0)
		buf_printf(&b, ":%d", line);
	buf_printf(&b, ": %s: ", level);
	diag_escape(&b, msg);
	buf_puts(&b, "\n");
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

void
diag_usage(const char *fmt, ...)
{
	struct buf e = {0};
	char *msg;
	va_list ap;

	va_start(ap, fmt);
	msg = vformat(fmt, ap);
	va_end(ap);
	buf_puts(&e, "briefgen: error: ");
	diag_escape(&e, msg);
	buf_puts(&e, "\n");
	if (!D.silent)
		fputs(e.data, stderr);
	buf_free(&e);
	free(msg);
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
