/* fuzz_memos.c - libFuzzer target: the three memos of the output folder
 * (hyphen_memo.c, subset_memo.c, geo_memo.c).  Each is sealed by a hash
 * of its bytes, which random bytes never match, so the target seals what
 * it is given itself: that is what someone writing a memo on purpose
 * could do.  Reading one must never crash, and what is read is used: the
 * points looked up, the subsets' bytes touched, the outlines asked
 * whether points lie inside.  The first byte picks the memo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xxhash.h>

#include "fuzz_common.h"
#include "geo_memo.h"
#include "hash.h"
#include "hyphen_memo.h"
#include "hyphenate.h"
#include "subset_memo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PATTERNS "0123456789abcdef0123456789abcdef"

static const char geo_text[] =
    "country HOM 0 0 14 10 10 66 Home land\n"
    "ring outer 4\n0 0\n10 0\n10 10\n0 10\n"
    "ring outer 4\n12 4\n14 4\n14 6\n12 6\n";

static char dir[] = "/tmp/briefgen-fuzz-memos-XXXXXX";
static char path[sizeof(dir) + 64], geofile[sizeof(dir) + 16];

/* The scratch folder goes when the fuzzer exits. */
static void
cleanup(void)
{
	static const char *const files[] = {HYMEMO_NAME, SUBSETS_NAME "f",
		GEOMEMO_NAME, "geo.txt"};
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void
init(void)
{
	FILE *f;

	if (dir[sizeof(dir) - 2] != 'X')
		return;
	if (mkdtemp(dir) == NULL)
		abort();
	atexit(cleanup);
	snprintf(geofile, sizeof(geofile), "%s/geo.txt", dir);
	if ((f = fopen(geofile, "w")) == NULL)
		abort();
	fputs(geo_text, f);
	fclose(f);
}

static void
spit(const char *name, const struct buf *b)
{
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		abort();
	fwrite(b->data ? b->data : "", 1, b->len, f);
	fclose(f);
}

static void
seal16(struct buf *b)
{
	XXH128_canonical_t c;

	XXH128_canonicalFromHash(&c, XXH3_128bits(b->data, b->len));
	buf_add(b, c.digest, 16);
}

static void
hyphen(const uint8_t *d, size_t n)
{
	static const char *const words[] = {"training", "develop",
		"effectiveness", "command"};
	struct buf b = {0};
	char sum[HASH_HEX];
	unsigned char ok[64];
	uint64_t mask;
	size_t i;

	buf_puts(&b, "briefgen-hyphen 1 " PATTERNS "\n");
	buf_add(&b, d, n);
	hash_mem(b.data, b.len, sum);
	buf_printf(&b, "end %s\n", sum);
	spit(HYMEMO_NAME, &b);
	buf_free(&b);
	if (hy_memo_open(dir, PATTERNS) == 0)
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
			hy_memo_get(words[i], strlen(words[i]), &mask);
			hy_points(words[i], strlen(words[i]), ok);
		}
	hy_memo_close();
}

static void
subsets(const uint8_t *d, size_t n)
{
	struct buf b = {0};
	const struct subset *s;
	unsigned char key[SUBSET_KEY] = {0};
	unsigned sum = 0;
	size_t i;

	buf_puts(&b, "briefgen-subsets 1\n");
	buf_add(&b, d, n);
	seal16(&b);
	spit(SUBSETS_NAME "f", &b);
	buf_free(&b);
	/* The first subset's key, when the bytes hold one. */
	if (n >= 4 + SUBSET_KEY)
		memcpy(key, d + 4, SUBSET_KEY);
	if (subset_memo_open(dir, "f") == 0 &&
	    (s = subset_memo_get(key)) != NULL) {
		for (i = 0; i < s->len; i++)
			sum += s->data[i];
		for (i = 0; i < 300; i += 7)
			sum += subset_glyph(s, (uint32_t)i);
		if (sum == 0xdeadbeef)
			puts("");       /* keep the loops */
	}
	subset_memo_close(0);
}

static void
geo(const uint8_t *d, size_t n)
{
	XXH128_canonical_t c;
	struct buf b = {0};
	struct geo g = {0};
	uint32_t v, len = 3;
	double one_half = 1.5, x, y;
	size_t i;

	buf_puts(&b, "briefgen-geo 1\n");
	v = 1;
	buf_add(&b, &v, 4);                     /* one entry */
	v = (uint32_t)(4 + 8 + 16 + 4 + 3 + n);
	buf_add(&b, &v, 4);
	v = 0x01020304u;
	buf_add(&b, &v, 4);
	buf_add(&b, &one_half, 8);
	XXH128_canonicalFromHash(&c, XXH3_128bits(geo_text,
	    sizeof(geo_text) - 1));
	buf_add(&b, c.digest, 16);
	buf_add(&b, &len, 4);
	buf_add(&b, "HOM", 3);
	buf_add(&b, d, n);
	seal16(&b);
	spit(GEOMEMO_NAME, &b);
	buf_free(&b);
	if (geo_memo_open(dir) == 0 && geo_memo_load(&g, geofile, "HOM") == 0)
		for (i = 0; i < g.n; i++)
			for (x = -2; x <= 16; x += 2.5)
				for (y = -2; y <= 12; y += 2.5)
					(void)geo_inside(&g.v[i], x, y);
	geo_memo_close(0);
	geo_free(&g);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	init();
	diag_set_silent(1);
	if (size == 0)
		return 0;
	switch (data[0] % 3) {
	case 0:
		hyphen(data + 1, size - 1);
		break;
	case 1:
		subsets(data + 1, size - 1);
		break;
	default:
		geo(data + 1, size - 1);
	}
	diag_reset();
	return 0;
}
