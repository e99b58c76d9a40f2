/* cmdline.c - split a configured command into words (see cmdline.h). */
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "util.h"

void
cmdline_free(char **argv)
{
	size_t i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* Read one quoted part starting after its opening quote q; returns the
 * position after the closing quote, or NULL when there is none. */
static const char *
quoted(const char *s, char q, struct buf *w)
{
	for (; *s && *s != q; s++) {
		if (q == '"' && *s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		buf_add(w, s, 1);
	}
	return *s == q ? s + 1 : NULL;
}

/* Read one word at s (not blank); returns the position after it, or NULL
 * with *err set. */
static const char *
word(const char *s, struct buf *w, const char **err)
{
	buf_puts(w, "");
	while (*s && *s != ' ' && *s != '\t') {
		if (*s == '\'' || *s == '"') {
			if ((s = quoted(s + 1, *s, w)) == NULL) {
				*err = "unterminated quote";
				return NULL;
			}
		} else if (*s == '\\') {
			if (s[1] == '\0') {
				*err = "backslash at the end";
				return NULL;
			}
			buf_add(w, s + 1, 1);
			s += 2;
		} else
			buf_add(w, s++, 1);
	}
	return s;
}

int
cmdline_split(const char *s, char ***argv, size_t *argc, const char **err)
{
	struct buf w = {0};
	char **v = NULL;
	size_t n = 0;

	*argv = NULL;
	*argc = 0;
	for (;;) {
		s += strspn(s, " \t");
		if (*s == '\0')
			break;
		if ((s = word(s, &w, err)) == NULL)
			goto fail;
		v = xreallocarray(v, n + 2, sizeof(char *));
		v[n++] = xstrdup(w.data);
		v[n] = NULL;
		w.len = 0;
	}
	buf_free(&w);
	if (n == 0) {
		*err = "empty command";
		return -1;
	}
	*argv = v;
	*argc = n;
	return 0;
fail:
	buf_free(&w);
	if (v)
		cmdline_free(v);
	return -1;
}
