/* depfile.h - writing file names into a Make-style depfile.
 *
 * A depfile is read by make (`-include out/briefgen.d`): a name written
 * raw can end the rule, start a comment, a recipe, a variable or a
 * pattern, so every name is escaped the way GNU make reads it back, and a
 * name make has no way to read back is refused (see depfile.c). */
#ifndef BRIEFGEN_DEPFILE_H
#define BRIEFGEN_DEPFILE_H

#include "util.h"

enum dep_side { DEP_PREREQ = 0, DEP_TARGET };

/* Why name cannot be written into a depfile ("a newline", "';'", ...),
 * or NULL when it can. */
const char *dep_unescapable(const char *name);

/* Append name to b escaped for its side of a rule.  Returns 0, or -1
 * (b unchanged) when dep_unescapable(name) says it cannot be. */
int dep_escape(struct buf *b, const char *name, enum dep_side side);

#endif
