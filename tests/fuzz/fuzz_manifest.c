/* fuzz_manifest.c - libFuzzer target: the manifest reader.  Any bytes may
 * sit in OUTDIR/.briefgen-manifest; parsing must never crash, and what it
 * accepts must read back the same after formatting (so a manifest briefgen
 * writes is always one it reads), then the staleness decision runs over
 * every record. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
same_records(const struct manifest *a, const struct manifest *b)
{
	size_t i, k;

	if (a->nrecs != b->nrecs)
		abort();
	for (i = 0; i < a->nrecs; i++) {
		const struct mrecord *x = &a->recs[i], *y = &b->recs[i];

		if (strcmp(x->name, y->name) || strcmp(x->file, y->file) ||
		    strcmp(x->hash, y->hash) || x->nin != y->nin)
			abort();
		for (k = 0; k < x->nin; k++)
			if (x->in[k].kind != y->in[k].kind ||
			    strcmp(x->in[k].path, y->in[k].path) ||
			    strcmp(x->in[k].hash, y->in[k].hash))
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct manifest m = {0}, again = {0};
	struct buf b = {0};
	size_t i;

	diag_set_silent(1);
	if (manifest_parse(&m, (const char *)data, size) == 0) {
		manifest_format(&m, &b);
		if (manifest_parse(&again, b.data, b.len) != 0)
			abort();
		same_records(&m, &again);
		for (i = 0; i < m.nrecs; i++) {
			const struct mrecord *r = &m.recs[i];

			(void)stale_decide(r, r->file, r->in, r->nin, r->hash, 0);
			(void)stale_decide(r, "other", again.recs[i].in,
			    again.recs[i].nin, NULL, 0);
		}
	}
	buf_free(&b);
	manifest_free(&m);
	manifest_free(&again);
	diag_reset();
	return 0;
}
