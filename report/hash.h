/* hash.h - SHA-256 of files and memory, through nettle (a packaged,
 * well-kept implementation; we never roll our own), as lowercase hex. */
#ifndef BRIEFGEN_HASH_H
#define BRIEFGEN_HASH_H

#include <stddef.h>

#include <nettle/sha2.h>

#define HASH_HEX 65             /* 64 hex digits and a NUL */

/* The hash of n bytes at p. */
void hash_mem(const void *p, size_t n, char hex[HASH_HEX]);

/* The hash of the whole regular file at path, or at fd from its start.
 * Return 0, or -1 (errno set, nothing reported: a missing input is simply
 * "changed" to the callers, who report what matters). */
int hash_file(const char *path, char hex[HASH_HEX]);
int hash_fd(int fd, char hex[HASH_HEX]);

/* The hash of data given piece by piece, as hash_mem of it all: no copy
 * of the pieces is needed (a long pack's page streams). */
struct hash_stream {
	struct sha256_ctx c;
};
void hash_stream_init(struct hash_stream *h);
void hash_stream_add(struct hash_stream *h, const void *p, size_t n);
void hash_stream_hex(struct hash_stream *h, char hex[HASH_HEX]);

/* Is s 64 lowercase hex digits? */
int hash_is_hex(const char *s);

#endif
