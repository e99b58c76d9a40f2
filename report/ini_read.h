/* ini_read.h - inih behind a reader that knows line numbers.
 *
 * inih alone cuts long lines silently, passes invalid UTF-8 through and gives
 * the handler no line number (as inih's own ini.h documents).  ini_read
 * feeds inih one checked physical line at a time, so every item arrives
 * with its file:line, and every malformed line is reported at its line. */
#ifndef BRIEFGEN_INI_READ_H
#define BRIEFGEN_INI_READ_H

#include <stddef.h>
#include <sys/stat.h>

#include "util.h"

#define INI_LINE_MAX 199        /* bytes per physical line (inih's limit) */
#define INI_SECTION_MAX 48      /* bytes per section name */
#define INI_FILE_MAX (16L << 20)

struct ini_item {
	const char *section;    /* "" before the first section */
	const char *key;        /* NULL: a section header line */
	const char *value;
	struct loc loc;
	int continued;          /* an indented continuation of `key` */
	int invalid;            /* a section header that was reported as bad:
				   skip the keys that follow it */
};

/* Called for each section header and each key; return 0 to go on. */
typedef int (*ini_fn)(void *user, const struct ini_item *it);

/* Parse the file at `path`.  Returns 0 when the file was read (problems in
 * it are reported through diag and counted), -1 when it could not be read
 * at all (reported too). */
int ini_read(const char *path, ini_fn fn, void *user);

/* The same over a buffer in memory, reported as file `name`. */
int ini_read_mem(const char *name, const char *text, size_t len, ini_fn fn,
    void *user);

/* Open path for reading without ever blocking: O_NONBLOCK first (a FIFO
 * would otherwise wait for a writer forever), then fstat, and only a
 * regular file is kept (blocking mode restored).  Returns the descriptor
 * (close-on-exec); -1 when open fails (errno set); -2 when it is not a
 * regular file (*st says what it is).  `nofollow` refuses a symbolic link
 * as the last component (open fails with ELOOP). */
int file_open_regular(const char *path, int nofollow, struct stat *st);
/* "a FIFO", "a folder", "a device", ... for messages about st. */
const char *file_kind(const struct stat *st);

/* Read a whole file into *out (NUL-terminated, caller frees) after checking
 * its size.  Returns 0, or -1 after reporting the problem. */
int file_slurp(const char *path, char **out, size_t *len);

#endif
