/* capture.c - diagnostics kept in memory for the unit tests (capture.h),
 * through diag.c's sink. */
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "diag.h"

static struct buf said, taken;

void
capture_begin(void)
{
	buf_free(&said);
	buf_puts(&said, "");
	diag_set_sink(&said);
}

const char *
capture_take(void)
{
	buf_free(&taken);
	taken = said;
	memset(&said, 0, sizeof(said));
	buf_puts(&said, "");
	buf_puts(&taken, "");   /* "" rather than NULL when nothing was said */
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
	diag_set_sink(NULL);
	buf_free(&said);
	buf_free(&taken);
}
