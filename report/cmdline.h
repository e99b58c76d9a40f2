/* cmdline.h - split a command written in a configuration (on_change) into
 * an argument vector, to run it without a shell: words are separated by
 * blanks; '...' keeps everything literally, "..." keeps blanks and takes
 * \" and \\ as escapes, and a backslash outside quotes escapes the next
 * character.  No variables, globs or redirections: the command is what it
 * says, whatever the data files contain. */
#ifndef BRIEFGEN_CMDLINE_H
#define BRIEFGEN_CMDLINE_H

#include <stddef.h>

/* Split s into *argv (NULL-terminated; free with cmdline_free) and *argc.
 * Returns 0, or -1 with *err set to a static message (nothing allocated).
 * An empty command is an error. */
int cmdline_split(const char *s, char ***argv, size_t *argc,
    const char **err);
void cmdline_free(char **argv);

#endif
