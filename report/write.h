/* write.h - safe writing of outputs: a temporary file in the target
 * folder, every write checked, fsync, rename; and the lock that lets only
 * one briefgen write a given output folder at a time.  A failure leaves
 * the previous file untouched and no temporary behind. */
#ifndef BRIEFGEN_WRITE_H
#define BRIEFGEN_WRITE_H

#include <stddef.h>

#include "hash.h"

#define LOCK_NAME ".briefgen-lock"
#define STATUS_NAME ".briefgen-status"      /* written by watch */

/* Fill the open, empty temporary file (fd, also named by path); return 0,
 * or -1 after reporting the problem. */
typedef int (*write_fn)(void *arg, int fd, const char *path);

/* Write dir/name through fn.  Returns 0, or -1 after reporting. */
int write_atomic(const char *dir, const char *name, write_fn fn, void *arg);

/* The same, and: `hash` receives the SHA-256 of the bytes written; when
 * it equals `same_as` (the hash of the file already there, or NULL), the
 * old file is kept as it is, time stamp included, and *changed is 0. */
int write_atomic_hash(const char *dir, const char *name, write_fn fn,
    void *arg, const char *same_as, char hash[HASH_HEX], int *changed);

/* Remove the temporaries a killed build may have left for dir/names[i]
 * (".NAME.XXXXXX").  Call only while holding the folder's lock. */
void write_clean_temps(const char *dir, char *const *names, size_t n);

/* Write the bytes of b as dir/name, atomically; 0 or -1 (reported). */
struct buf;
int write_atomic_buf(const char *dir, const char *name, const struct buf *b);

/* write(2) all of p, retrying short writes; -1 after reporting. */
int write_all(int fd, const void *p, size_t n, const char *path);

/* Create dir (and its parents) if missing; -1 after reporting. */
int make_dirs(const char *dir);

/* Is `name` a safe relative file name (no '..', not absolute, no empty
 * components)? */
int path_is_safe(const char *name);

/* Take the lock on dir (dir/.briefgen-lock, flock, our pid inside),
 * waiting up to wait_secs for another holder.  Returns the lock's file
 * descriptor (close-on-exec, so commands we run do not inherit it), or -1
 * after reporting who holds it or what failed. */
int outdir_lock(const char *dir, int wait_secs);
void outdir_unlock(int fd);

#endif
