/* capture.c - what the code under test writes on stderr (its diagnostics),
 * kept in a temporary file instead of reaching the terminal (capture.h).
 * File descriptor 2 itself is redirected, so every writer is caught,
 * whether it goes through diag.c or prints directly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "util.h"

static FILE *file;              /* where fd 2 points while capturing */
static int saved = -1;          /* the real stderr */
static long read_to;            /* what capture_take has handed out */
static struct buf taken;

void
capture_begin(void)
{
	capture_end();
	fflush(stderr);
	if ((file = tmpfile()) == NULL || (saved = dup(2)) < 0 ||
	    dup2(fileno(file), 2) < 0)
		abort();
	read_to = 0;
}

const char *
capture_take(void)
{
	char chunk[4096];
	size_t n;

	buf_free(&taken);
	buf_puts(&taken, "");   /* "" rather than NULL when nothing was said */
	if (file == NULL)
		return taken.data;
	fflush(stderr);
	if (fseek(file, read_to, SEEK_SET) != 0)
		abort();
	while ((n = fread(chunk, 1, sizeof(chunk), file)) > 0)
		buf_add(&taken, chunk, n);
	read_to = ftell(file);
	return taken.data;
}

const char *
capture_take_as(const char *path, const char *name)
{
	struct buf b = {0};
	const char *s = capture_take(), *hit;
	size_t n = strlen(path);

	buf_puts(&b, "");
	while (n > 0 && (hit = strstr(s, path)) != NULL) {
		buf_add(&b, s, (size_t)(hit - s));
		buf_puts(&b, name);
		s = hit + n;
	}
	buf_puts(&b, s);
	buf_free(&taken);
	taken = b;
	return taken.data;
}

void
capture_end(void)
{
	if (saved >= 0) {
		fflush(stderr);
		dup2(saved, 2);
		close(saved);
		saved = -1;
	}
	if (file)
		fclose(file);
	file = NULL;
	buf_free(&taken);
}
