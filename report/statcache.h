/* statcache.h - skip re-reading files that have not changed since they
 * were last hashed.
 *
 * A no-change build must cost milliseconds, yet it must know every input
 * and output is unchanged; hashing 4 MB of fonts, data and documents each
 * time is most of that cost.  OUTDIR/.briefgen-stat remembers, per path,
 * the file's identity (device, inode, size, modification and change times
 * in nanoseconds) and its hash (hash.h): when all of these match, the hash is
 * taken from there.  The change time cannot be set by users, so a file
 * rewritten with its old mtime is still seen.  Like git's index, an entry
 * is only remembered when the file was last modified at least two seconds
 * before it was hashed, so a write in the same clock tick is never missed.
 *
 * The cache is an optimisation only: a missing, stale or malformed cache
 * means files are hashed again, never a wrong decision.
 *
 * Format: a first line "briefgen-stat 1", then one line per file:
 *   SHA256 DEV INO SIZE MTIME_S MTIME_NS CTIME_S CTIME_NS PATH
 * (PATH to the end of the line; paths with a CR or LF are not cached). */
#ifndef BRIEFGEN_STATCACHE_H
#define BRIEFGEN_STATCACHE_H

#include "hash.h"

#define STATCACHE_NAME ".briefgen-stat"

struct statcache;

/* Read OUTDIR/.briefgen-stat (missing or bad: an empty cache).  Never
 * fails; statcache_close releases (NULL-safe). */
struct statcache *statcache_open(const char *outdir);

/* The hash of the regular file at path, from the cache when its identity
 * is unchanged.  0, or -1 when it cannot be read (errno set). */
int statcache_hash(struct statcache *sc, const char *path,
    char hex[HASH_HEX]);

/* The same for a file that must not be a symbolic link (an output in
 * the output folder: its hash is read through no link). */
int statcache_hash_nofollow(struct statcache *sc, const char *path,
    char hex[HASH_HEX]);

/* Write the cache back if it learned something and OUTDIR exists (best
 * effort, atomically; failures are silent), then free it. */
void statcache_close(struct statcache *sc, int save);

#endif
