/* hash.h - content hashes for change detection: XXH3-128 of files and
 * memory, through xxHash (libxxhash), as lowercase hex; and SHA-256 through
 * nettle for the PDF document ID.
 *
 * Change detection asks only "are these the bytes we saw last time?" of
 * files we read ourselves: no adversary picks them, so a 128-bit
 * non-cryptographic hash is as good as SHA-256 there, and XXH3 runs at
 * memory speed where SHA-256 (even with the CPU's SHA extensions) was
 * about 4 % of a 100,000-row pack's build (its 70 MB output hashed for the
 * manifest, the ID's page streams, the inputs).
 * The document ID stays the SHA-256 it was, so that the PDFs keep their
 * bytes. */
#ifndef BRIEFGEN_HASH_H
#define BRIEFGEN_HASH_H

#include <stddef.h>

#include <nettle/sha2.h>

#define HASH_HEX 33             /* 32 hex digits and a NUL */
#define HASH_SHA256_HEX 65      /* 64 hex digits and a NUL */

/* The hash of n bytes at p. */
void hash_mem(const void *p, size_t n, char hex[HASH_HEX]);

/* The hash of the whole regular file at path, or at fd from its start.
 * Return 0, or -1 (errno set, nothing reported: a missing input is simply
 * "changed" to the callers, who report what matters). */
int hash_file(const char *path, char hex[HASH_HEX]);
int hash_fd(int fd, char hex[HASH_HEX]);

/* The SHA-256 of data given piece by piece: no copy of the pieces is
 * needed (a long pack's page streams). */
struct hash_stream {
	struct sha256_ctx c;
};
void hash_stream_init(struct hash_stream *h);
void hash_stream_add(struct hash_stream *h, const void *p, size_t n);
void hash_stream_hex(struct hash_stream *h, char hex[HASH_SHA256_HEX]);

/* Is s a hash as hash_mem writes it (32 lowercase hex digits)? */
int hash_is_hex(const char *s);

#endif
