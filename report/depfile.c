/* depfile.c - escaping file names for a Make-style depfile (depfile.h).
 *
 * The rules, as GNU make 4.3 reads a rule line back (each was tried):
 *   $            is written $$
 *   space, tab, '#', ':'       get a backslash before them
 *   '*', '?', '['              too, or make would expand them as globs
 *   '|'          too in prerequisites (else order-only prerequisites)
 *   '%'          too in targets (else the rule becomes a pattern rule)
 *   backslashes  just before any of these, or at the end of the name,
 *                are doubled; elsewhere make keeps them as they are
 * And what make cannot read back at all, so it is refused: a newline or
 * any other control character (a newline ends the rule, whatever comes
 * before it), ';' (it starts a recipe, escaped or not: a name such as
 * "x;touch PWNED" would be run), '=' (the line becomes a variable
 * assignment), and a backslash in a name that also holds '*', '?' or '['
 * (make passes such a name to glob, which takes backslashes its own way,
 * so no spelling reads back right both when the file exists and when it
 * does not). */
#include <string.h>

#include "depfile.h"

const char *
dep_unescapable(const char *name)
{
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p; p++) {
		if (*p == '\n')
			return "a newline";
		if ((*p < 0x20 && *p != '\t') || *p == 0x7f)
			return "a control character";
		if (*p == ';')
			return "';'";
		if (*p == '=')
			return "'='";
	}
	if (strchr(name, '\\') && strpbrk(name, "*?["))
		return "a backslash and a wildcard ('*', '?' or '[')";
	return NULL;
}

/* Does c need a backslash on this side of the rule? */
static int
needs_backslash(char c, enum dep_side side)
{
	if (strchr(" \t#:*?[", c) != NULL)
		return 1;
	return side == DEP_TARGET ? c == '%' : c == '|';
}

int
dep_escape(struct buf *b, const char *name, enum dep_side side)
{
	const char *p = name;
	size_t run;

	if (dep_unescapable(name) != NULL)
		return -1;
	buf_puts(b, "");
	while (*p) {
		/* A run of backslashes: doubled when what follows would take
		 * them for an escape (a special character or the end). */
		run = strspn(p, "\\");
		if (run > 0) {
			buf_add(b, p, run);
			p += run;
			if (*p == '\0' || needs_backslash(*p, side))
				buf_add(b, p - run, run);
			continue;
		}
		if (*p == '$')
			buf_puts(b, "$$");
		else {
			if (needs_backslash(*p, side))
				buf_puts(b, "\\");
			buf_add(b, p, 1);
		}
		p++;
	}
	return 0;
}
