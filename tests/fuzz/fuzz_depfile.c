/* fuzz_depfile.c - libFuzzer target: names written into a depfile and into
 * diagnostics.  The input is a file name (up to a NUL).  Whatever
 * dep_escape accepts must read back exactly under GNU make's rules (the
 * reader below models what was tried with make 4.3, see depfile.c) and
 * hold nothing that ends a rule or starts a recipe, comment or variable;
 * what it refuses must hold one of the characters make cannot take.
 * diag_escape must leave no control character and valid UTF-8. */
#include <stdlib.h>
#include <string.h>

#include "depfile.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Read an escaped word back as make does; -1 when make would see a
 * separator, a comment, a recipe or more than one word. */
static int
make_reads(const char *e, enum dep_side side, struct buf *out)
{
	const char *p = e;
	size_t run;
	int special;

	buf_puts(out, "");
	while (*p) {
		run = strspn(p, "\\");
		if (run > 0) {
			p += run;
			special = *p == '\0' || strchr(" \t#:*?[", *p) ||
			    (side == DEP_TARGET ? *p == '%' : *p == '|');
			if (!special) {
				buf_add(out, p - run, run);
				continue;
			}
			/* Pairs are literal backslashes; an odd one escapes. */
			buf_add(out, p - run, run / 2);
			if (run % 2 == 0) {
				if (*p == '\0')
					return 0;
				return -1;      /* the special character is bare */
			}
			if (*p == '\0')
				return -1;      /* would join the next line */
			buf_add(out, p++, 1);
			continue;
		}
		if (*p == '$') {
			if (p[1] != '$')
				return -1;
			buf_add(out, "$", 1);
			p += 2;
			continue;
		}
		if (strchr(" \t#:;=\n|*?[%", *p) &&
		    !(*p == '|' && side == DEP_TARGET) &&
		    !(*p == '%' && side == DEP_PREREQ))
			return -1;
		buf_add(out, p++, 1);
	}
	return 0;
}

static void
check_escape(const char *name, enum dep_side side)
{
	struct buf e = {0}, back = {0};

	if (dep_escape(&e, name, side) == 0) {
		if (dep_unescapable(name) != NULL ||
		    make_reads(e.data, side, &back) < 0 ||
		    strcmp(back.data, name) != 0)
			abort();
	} else if (dep_unescapable(name) == NULL)
		abort();
	buf_free(&e);
	buf_free(&back);
}

static void
check_diag(const char *name)
{
	struct buf b = {0};
	size_t i;

	diag_escape(&b, name);
	for (i = 0; i < b.len; i++)
		if ((unsigned char)b.data[i] < 0x20 ||
		    (unsigned char)b.data[i] == 0x7f)
			abort();
	if (utf8_check(b.data, b.len) >= 0)
		abort();
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *name = strndup((const char *)data, size);

	if (name == NULL)
		return 0;
	check_escape(name, DEP_PREREQ);
	check_escape(name, DEP_TARGET);
	check_diag(name);
	free(name);
	return 0;
}
