/* write.h - atomic, checked writing of outputs: a temporary file in the
 * target folder, every write checked, fsync, rename.  A failure leaves the
 * previous file untouched and no temporary behind. */
#ifndef BRIEFGEN_WRITE_H
#define BRIEFGEN_WRITE_H

#include <stddef.h>

/* Fill the open, empty temporary file (fd, also named by path); return 0,
 * or -1 after reporting the problem. */
typedef int (*write_fn)(void *arg, int fd, const char *path);

/* Write dir/name through fn.  Returns 0, or -1 after reporting. */
int write_atomic(const char *dir, const char *name, write_fn fn, void *arg);

/* write(2) all of p, retrying short writes; -1 after reporting. */
int write_all(int fd, const void *p, size_t n, const char *path);

/* Create dir (and its parents) if missing; -1 after reporting. */
int make_dirs(const char *dir);

/* Is `name` a safe relative file name (no '..', not absolute, no empty
 * components)? */
int path_is_safe(const char *name);

#endif
