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

/* The same, and: `hash` receives the hash (hash.h) of the bytes written; when
 * it equals `same_as` (the hash of the file already there, or NULL), the
 * old file is kept as it is, time stamp included, and *changed is 0. */
int write_atomic_hash(const char *dir, const char *name, write_fn fn,
    void *arg, const char *same_as, char hash[HASH_HEX], int *changed);

/* Remove the temporaries a killed build may have left for dir/names[i]
 * (".NAME.XXXXXX").  Call only while holding the folder's lock. */
void write_clean_temps(const char *dir, char *const *names, size_t n);
/* Are there any such temporaries?  (Reading the folder needs no lock.) */
int write_has_temps(const char *dir, char *const *names, size_t n);

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
/* Take the lock only if it is free at once; -1 when busy (not reported)
 * or when the lock file is unusable (reported). */
int outdir_trylock(const char *dir);

/* May a rename replace what is at path?  Only nothing or a regular file
 * (a symbolic link, FIFO or device node is refused, not followed); the
 * folder's own files (.briefgen-*) must moreover have one link.  0, or -1
 * after reporting (nothing reported when quiet). */
int write_check_target(const char *path, int quiet);

/* Open one of the output folder's own files (lock, manifest, stat cache)
 * with open flags O_RDONLY or O_RDWR | O_CREAT: never through a symbolic
 * link, never blocking, and only a regular file with one link.  Returns
 * the descriptor (close-on-exec), -2 when it does not exist (without
 * O_CREAT; not reported), or -1 after reporting. */
int outdir_open(const char *path, int flags);

/* One of the folder's caches (stat cache, memos), read whole through
 * outdir_open: 0 with *out (malloc'd, NUL after its *len bytes) or with
 * *out NULL when there is none, it is empty or more than max bytes, or
 * it cannot be read whole (a cache is then simply absent); -1 when it is
 * refused (a link, a FIFO...: reported). */
int outdir_read_cache(const char *path, size_t max, char **out,
    size_t *len);

/* Replace the folder's cache `name` with b, atomically and best effort:
 * a temporary named as write.c names them (so a killed run's leftover is
 * cleaned like theirs), then a rename; any failure leaves the old file,
 * or none, and says nothing (a cache only saves time). */
void write_cache_buf(const char *dir, const char *name, const struct buf *b);

/* Outputs never overwrite what the run reads, compared by device and
 * inode (so neither another spelling of the path nor a hard link gets
 * through).  The index in paths[0..n) of a file that target already is
 * (NULL entries skipped), or -1. */
long write_same_file(const char *target, char *const *paths, size_t n);
/* Do paths a and b name the same place: the same file, or (when one does
 * not exist yet) the same name in the same folder?  1 or 0. */
int write_same_target(const char *a, const char *b);
/* The identities of paths[0..n) (not copied: they must outlive it),
 * taken once, for checking many targets against many inputs. */
struct fileids {
	void *ids;
	char *const *paths;
	size_t n;
};
void fileids_init(struct fileids *s, char *const *paths, size_t n);
/* As write_same_file, against the identities taken at init. */
long fileids_find(const struct fileids *s, const char *target);
void fileids_free(struct fileids *s);
/* As write_refuse_input, against s. */
int write_refuse_ids(const char *target, const struct fileids *s,
    const char *what);
/* Report (target: error: ...) and return -1 when target is one of
 * inputs[0..n); `what` says what would have been written ("the
 * depfile").  0 otherwise. */
int write_refuse_input(const char *target, char *const *inputs, size_t n,
    const char *what);

#endif
