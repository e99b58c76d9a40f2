/* hash.c - XXH3-128 through xxHash, SHA-256 through nettle (see hash.h). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>
#include <xxhash.h>

#include "hash.h"

static void
to_hex(const unsigned char *d, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[2 * n] = '\0';
}

/* The canonical (big-endian) bytes of the hash, as xxhsum -H2 shows. */
static void
xxh_hex(XXH128_hash_t v, char hex[HASH_HEX])
{
	XXH128_canonical_t c;

	XXH128_canonicalFromHash(&c, v);
	to_hex(c.digest, sizeof(c.digest), hex);
}

void
hash_mem(const void *p, size_t n, char hex[HASH_HEX])
{
	xxh_hex(XXH3_128bits(p, n), hex);
}

void
hash_stream_init(struct hash_stream *h)
{
	sha256_init(&h->c);
}

void
hash_stream_add(struct hash_stream *h, const void *p, size_t n)
{
	sha256_update(&h->c, n, p);
}

void
hash_stream_hex(struct hash_stream *h, char hex[HASH_SHA256_HEX])
{
	unsigned char d[SHA256_DIGEST_SIZE];

	sha256_digest(&h->c, sizeof(d), d);
	to_hex(d, sizeof(d), hex);
}

int
hash_fd(int fd, char hex[HASH_HEX])
{
	XXH3_state_t *x;
	unsigned char b[65536];
	off_t off = 0;
	ssize_t r;
	struct stat st;
	int e;

	/* Only regular files: a device given as an input (/dev/zero) must
	 * not keep us reading forever; the loader reports it. */
	if (fstat(fd, &st) < 0)
		return -1;
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		return -1;
	}
	if ((x = XXH3_createState()) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	XXH3_128bits_reset(x);
	/* pread: the descriptor's offset stays where its writer left it. */
	while ((r = pread(fd, b, sizeof(b), off)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			e = errno;
			XXH3_freeState(x);
			errno = e;
			return -1;
		}
		XXH3_128bits_update(x, b, (size_t)r);
		off += r;
	}
	xxh_hex(XXH3_128bits_digest(x), hex);
	XXH3_freeState(x);
	return 0;
}

int
hash_file(const char *path, char hex[HASH_HEX])
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer (hash_fd
	 * then refuses anything but a regular file). */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), rc, e;

	if (fd < 0)
		return -1;
	rc = hash_fd(fd, hex);
	e = errno;
	close(fd);
	errno = e;
	return rc;
}

int
hash_is_hex(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	return n == HASH_HEX - 1 && s[n] == '\0';
}
