/* test_manifest.c - the manifest format, the staleness decision, the
 * depfile text and the hashes (incremental builds, issues 6 and 18). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "incr.h"
#include "load.h"
#include "manifest.h"

#define H1 "11111111111111111111111111111111"
#define H2 "22222222222222222222222222222222"
#define H3 "33333333333333333333333333333333"

static const char sample[] =
    "# a comment\n"
    "briefgen-manifest 2\n"
    "output factsheet " H1 " rsm-factsheet.pdf\n"
    "input data " H2 " data/rsm/mission.ini\n"
    "input config " H3 " config/rsm.ini\n"
    "input file - layouts/gone.ini\n"
    "output book " H2 " a %25 b%0A.xlsx\n";

Test(hash, xxh3_128_of_known_text)
{
	char h[HASH_HEX];

	/* xxHash's own test values (xxhsum -H2). */
	hash_mem("abc", 3, h);
	cr_assert_str_eq(h, "06b05ab6733a618578af5f94892f3950");
	hash_mem("", 0, h);
	cr_assert_str_eq(h, "99aa06d3014798d86001c324468d497f");
	cr_assert(hash_is_hex(h));
	cr_assert_not(hash_is_hex("abc"));
	cr_assert_not(hash_is_hex("e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855"));
}

Test(hash, sha256_of_known_text)
{
	struct hash_stream s;
	char h[HASH_SHA256_HEX];

	hash_stream_init(&s);
	hash_stream_add(&s, "a", 1);
	hash_stream_add(&s, "bc", 2);
	hash_stream_hex(&s, h);
	cr_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
}

Test(manifest, version_1_reads_as_none)
{
	struct manifest m = {0};
	static const char old[] = "# briefgen\nbriefgen-manifest 1\n"
	    "output factsheet e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b9"
	    "34ca495991b7852b855 rsm-factsheet.pdf\n";

	cr_assert_eq(manifest_parse(&m, old, sizeof(old) - 1), 0);
	cr_assert_eq(m.nrecs, 0);
	manifest_free(&m);
}

Test(hash, only_regular_files)
{
	char h[HASH_HEX];

	cr_assert_eq(hash_file("/dev/zero", h), -1);
	cr_assert_eq(hash_file("/nonexistent/file", h), -1);
	cr_assert_eq(hash_file(".", h), -1);
}

Test(manifest, parses_records_and_sorts_inputs)
{
	struct manifest m = {0};
	const struct mrecord *r;

	cr_assert_eq(manifest_parse(&m, sample, strlen(sample)), 0);
	cr_assert_eq(m.nrecs, 2);
	r = manifest_find(&m, "rsm-factsheet.pdf");
	cr_assert_not_null(r);
	cr_assert_str_eq(r->name, "factsheet");
	cr_assert_str_eq(r->hash, H1);
	cr_assert_eq(r->nin, 3);
	/* Sorted by kind (config, version, file, data), then path. */
	cr_assert_eq(r->in[0].kind, MIN_CONFIG);
	cr_assert_eq(r->in[1].kind, MIN_FILE);
	cr_assert_str_eq(r->in[1].hash, "-");
	cr_assert_eq(r->in[2].kind, MIN_DATA);
	cr_assert_str_eq(manifest_find(&m, "a % b\n.xlsx")->name, "book");
	cr_assert_null(manifest_find(&m, "factsheet"));         /* a name */
	manifest_free(&m);
}

Test(manifest, format_then_parse_is_the_same)
{
	struct manifest m = {0}, again = {0};
	struct buf a = {0}, b = {0};

	cr_assert_eq(manifest_parse(&m, sample, strlen(sample)), 0);
	manifest_format(&m, &a);
	cr_assert_eq(manifest_parse(&again, a.data, a.len), 0);
	manifest_format(&again, &b);
	cr_assert_str_eq(a.data, b.data);
	/* The escaped name stays on its line. */
	cr_assert_not_null(strstr(a.data, " a %25 b%0A.xlsx\n"));
	manifest_free(&m);
	manifest_free(&again);
	buf_free(&a);
	buf_free(&b);
}

/* Each malformed manifest is refused at its line, leaving it empty. */
Test(manifest, malformed_lines_are_refused)
{
	static const char two[] = "briefgen-manifest 2\noutput a " H1
	    " f\noutput a " H1 " g\n";
	static const struct {
		const char *text;
		int line;
	} bad[] = {
		{"", 1},
		{"briefgen-manifest 3\n", 1},
		{"briefgen-manifest 2\ninput data " H1 " x\n", 2},
		{"briefgen-manifest 2\noutput a " H1 " f\noutput b " H1
		    " f\n", 3},
		{"briefgen-manifest 2\noutput a 12 f\n", 2},
		{"briefgen-manifest 2\noutput a - f\n", 2},
		{"briefgen-manifest 2\noutput a " H1 "\n", 2},
		{"briefgen-manifest 2\noutput a " H1 " f\ninput font " H1
		    " x\n", 3},
		{"briefgen-manifest 2\noutput a " H1 " f%4\n", 2},
		{"briefgen-manifest 2\noutput a " H1 " f%zz\n", 2},
		{"briefgen-manifest 2\nbogus\n", 2},
		{"briefgen-manifest 2\noutput  a " H1 " f\n", 2},
	};
	struct manifest m = {0};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_expect_eq(manifest_parse(&m, bad[i].text,
		    strlen(bad[i].text)), bad[i].line, "case %zu", i);
		cr_expect_eq(m.nrecs, 0, "case %zu", i);
		manifest_free(&m);
	}
	cr_assert_eq(manifest_parse(&m, "briefgen-manifest 2\0x", 21), 1);
	/* One name, two files: two configurations' outputs. */
	cr_assert_eq(manifest_parse(&m, two, sizeof(two) - 1), 0);
	cr_expect_eq(m.nrecs, 2);
	manifest_free(&m);
}

/* Records are the folder's files: a record of the same file is
 * replaced; keep drops this configuration's outputs it no longer has, and
 * never another configuration's (two missions sharing out/). */
Test(manifest, put_replaces_and_keep_drops)
{
	struct manifest m = {0};
	struct mrecord r = {0};
	char *files[] = {(char[]){"rsm-factsheet.pdf"}};

	manifest_parse(&m, sample, strlen(sample));
	r.name = strdup("factsheet");
	r.file = strdup("rsm-factsheet.pdf");
	strcpy(r.hash, H3);
	mrecord_add(&r, MIN_CONFIG, "config/rsm.ini", H1);
	manifest_put(&m, &r);
	cr_assert_null(r.name);
	cr_assert_eq(m.nrecs, 2);
	cr_assert_str_eq(manifest_find(&m, "rsm-factsheet.pdf")->hash, H3);
	/* KFOR's fact sheet, named alike, is another record. */
	r.name = strdup("factsheet");
	r.file = strdup("kfor-factsheet.pdf");
	strcpy(r.hash, H2);
	mrecord_add(&r, MIN_CONFIG, "config/kfor.ini", H1);
	manifest_put(&m, &r);
	cr_assert_eq(m.nrecs, 3);
	cr_assert_str_eq(manifest_find(&m, "rsm-factsheet.pdf")->hash, H3);
	/* RSM's configuration now has the fact sheet only: KFOR's and the
	 * book (no config input) are not RSM's, and stay; a configuration
	 * of no path drops the book, KFOR's drops its own. */
	manifest_keep(&m, "config/rsm.ini", files, 1);
	cr_assert_eq(m.nrecs, 3);
	cr_assert_not_null(manifest_find(&m, "kfor-factsheet.pdf"));
	manifest_keep(&m, "", files, 1);
	cr_assert_eq(m.nrecs, 2);
	cr_assert_null(manifest_find(&m, "a % b\n.xlsx"));
	manifest_keep(&m, "config/kfor.ini", files, 1);
	cr_assert_eq(m.nrecs, 1);
	cr_assert_null(manifest_find(&m, "kfor-factsheet.pdf"));
	manifest_free(&m);
}

/* ---- the staleness decision ---- */

static struct mrecord
record(const char *file, const char *out)
{
	struct mrecord r = {0};

	r.name = strdup("o");
	r.file = strdup(file);
	strcpy(r.hash, out);
	mrecord_add(&r, MIN_CONFIG, "config/rsm.ini", H1);
	mrecord_add(&r, MIN_FILE, "layouts/a.ini", H2);
	mrecord_add(&r, MIN_DATA, "data/n.ini", H3);
	minputs_sort(r.in, r.nin);
	return r;
}

Test(stale, unchanged_inputs_and_output_are_up_to_date)
{
	struct mrecord old = record("o.pdf", H1), now = record("o.pdf", H1);

	cr_assert_eq(stale_decide(&old, "o.pdf", now.in, now.nin, H1, 0),
	    STALE_NO);
	cr_assert_eq(stale_decide(&old, "o.pdf", now.in, now.nin, H1, 1),
	    STALE_FORCED);
	mrecord_free(&old);
	mrecord_free(&now);
}

Test(stale, every_reason_is_told)
{
	struct mrecord old = record("o.pdf", H1), now = record("o.pdf", H1);

	cr_assert_eq(stale_decide(NULL, "o.pdf", now.in, now.nin, H1, 0),
	    STALE_NEW);
	cr_assert_eq(stale_decide(&old, "p.pdf", now.in, now.nin, H1, 0),
	    STALE_NEW);
	cr_assert_eq(stale_decide(&old, "o.pdf", now.in, now.nin, NULL, 0),
	    STALE_MISSING);
	cr_assert_eq(stale_decide(&old, "o.pdf", now.in, now.nin, H2, 0),
	    STALE_ALTERED);
	/* One input's bytes changed. */
	strcpy(now.in[2].hash, H1);
	cr_assert(stale_input_changed(&old, &now.in[2]));
	cr_assert_not(stale_input_changed(&old, &now.in[0]));
	cr_assert_eq(stale_decide(&old, "o.pdf", now.in, now.nin, H1, 0),
	    STALE_INPUTS);
	mrecord_free(&now);
	/* An input went away. */
	now = record("o.pdf", H1);
	cr_assert_eq(stale_decide(&old, "o.pdf", now.in, now.nin - 1, H1, 0),
	    STALE_INPUTS);
	/* An unreadable input is never up to date. */
	strcpy(now.in[1].hash, "-");
	strcpy(old.in[1].hash, "-");
	cr_assert_eq(stale_decide(&old, "o.pdf", now.in, now.nin, H1, 0),
	    STALE_INPUTS);
	mrecord_free(&old);
	mrecord_free(&now);
}

Test(stale, a_new_input_makes_it_stale)
{
	struct mrecord old = record("o.pdf", H1), now = record("o.pdf", H1);

	mrecord_add(&now, MIN_DATA, "data/snap/2021.ini", H2);
	minputs_sort(now.in, now.nin);
	cr_assert_eq(stale_decide(&old, "o.pdf", now.in, now.nin, H1, 0),
	    STALE_INPUTS);
	mrecord_free(&old);
	mrecord_free(&now);
}

/* ---- the depfile ---- */

Test(depfile, one_rule_per_output_and_phony_inputs)
{
	struct manifest m = {0};
	struct config c;
	struct output outs[2];
	struct buf b = {0};

	memset(&c, 0, sizeof(c));
	memset(outs, 0, sizeof(outs));
	outs[0].name = (char[]){"factsheet"};
	outs[0].file = (char[]){"rsm-factsheet.pdf"};
	outs[1].name = (char[]){"unbuilt"};
	outs[1].file = (char[]){"unbuilt.pdf"};
	c.outputs = outs;
	c.noutputs = 2;
	c.data.snapshots = (char[]){"data/my snaps"};
	manifest_parse(&m, sample, strlen(sample));
	cr_assert_eq(incr_depfile_text(&m, &c, "out", &b, NULL), 0);
	cr_assert_str_eq(b.data,
	    "out/rsm-factsheet.pdf: \\\n"
	    "  config/rsm.ini \\\n"
	    "  layouts/gone.ini \\\n"
	    "  data/rsm/mission.ini \\\n"
	    "  data/my\\ snaps\n"
	    "\n"
	    "config/rsm.ini:\n"
	    "\n"
	    "layouts/gone.ini:\n"
	    "\n"
	    "data/rsm/mission.ini:\n"
	    "\n"
	    "data/my\\ snaps:\n");
	buf_free(&b);
	manifest_free(&m);
}
