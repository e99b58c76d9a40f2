/* test_watch.c - the pieces of `briefgen watch` and of safe writing that
 * need no renderer: splitting on_change, atomic writes, the lock. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdline.h"
#include "diag.h"
#include "hash.h"
#include "util.h"
#include "write.h"

static void
split_ok(const char *s, size_t n, const char *const *want)
{
	char **v;
	size_t argc, i;
	const char *err = NULL;

	cr_assert_eq(cmdline_split(s, &v, &argc, &err), 0, "%s: %s", s,
	    err ? err : "");
	cr_assert_eq(argc, n, "%s", s);
	for (i = 0; i < n; i++)
		cr_assert_str_eq(v[i], want[i], "%s [%zu]", s, i);
	cr_assert_null(v[n]);
	cmdline_free(v);
}

Test(cmdline, words_and_quotes)
{
	split_ok("publish.sh", 1, (const char *[]){"publish.sh"});
	split_ok("  cp -a\tout  /srv/www ", 4,
	    (const char *[]){"cp", "-a", "out", "/srv/www"});
	split_ok("sh -c 'echo $BRIEFGEN_CHANGED > marker'", 3,
	    (const char *[]){"sh", "-c", "echo $BRIEFGEN_CHANGED > marker"});
	split_ok("mail -s \"new \\\"briefs\\\"\" a@b", 4,
	    (const char *[]){"mail", "-s", "new \"briefs\"", "a@b"});
	split_ok("a\\ b c''d \"\"", 3, (const char *[]){"a b", "cd", ""});
}

Test(cmdline, bad_commands_are_refused)
{
	static const char *const bad[] = {"", "   ", "a 'b", "a \"b",
	    "a\\"};
	const char *err;
	char **v;
	size_t n, i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err = NULL;
		cr_expect_eq(cmdline_split(bad[i], &v, &n, &err), -1, "%s",
		    bad[i]);
		cr_expect_not_null(err);
		cr_expect_null(v);
	}
}

static char *
scratch_dir(void)
{
	char *d = strdup("/tmp/briefgen-unit-XXXXXX");

	cr_assert_not_null(mkdtemp(d));
	return d;
}

static int
put_hello(void *arg, int fd, const char *path)
{
	(void)arg;
	return write_all(fd, "hello\n", 6, path);
}

static int
fail_half(void *arg, int fd, const char *path)
{
	(void)arg;
	write_all(fd, "half", 4, path);
	return -1;
}

static size_t
count_entries(const char *dir)
{
	char *cmd = xasprintf("ls -A %s | wc -l", dir);
	FILE *p = popen(cmd, "r");
	size_t n = 0;

	cr_assert_eq(fscanf(p, "%zu", &n), 1);
	pclose(p);
	free(cmd);
	return n;
}

Test(write, atomic_write_keeps_the_old_file_on_failure)
{
	char *d = scratch_dir(), *f = xasprintf("%s/out.txt", d);
	char h[HASH_HEX], h2[HASH_HEX];
	int changed = -1;

	cr_assert_eq(write_atomic_hash(d, "out.txt", put_hello, NULL, NULL, h,
	    &changed), 0);
	cr_assert_eq(changed, 1);
	cr_assert_eq(hash_file(f, h2), 0);
	cr_assert_str_eq(h, h2);
	cr_assert_eq(write_atomic(d, "out.txt", fail_half, NULL), -1);
	cr_assert_eq(hash_file(f, h2), 0);
	cr_assert_str_eq(h, h2, "the old file is intact");
	cr_assert_eq(count_entries(d), 1, "no temporary left");
	/* Same bytes: the old file is kept, and said so. */
	cr_assert_eq(write_atomic_hash(d, "out.txt", put_hello, NULL, h, h2,
	    &changed), 0);
	cr_assert_eq(changed, 0);
	cr_assert_eq(count_entries(d), 1);
	unlink(f);
	rmdir(d);
	free(f);
	free(d);
	diag_reset();
}

Test(write, temporaries_of_killed_builds_are_cleared)
{
	char *d = scratch_dir();
	char *names[] = {(char[]){"a.pdf"}};
	const char *files[] = {".a.pdf.Ab12Cd", "a.pdf", ".a.pdf.long-suffix",
	    ".b.pdf.Ab12Cd"};
	size_t i;

	for (i = 0; i < 4; i++) {
		char *p = xasprintf("%s/%s", d, files[i]);
		int fd = open(p, O_CREAT | O_WRONLY, 0644);

		cr_assert(fd >= 0);
		close(fd);
		free(p);
	}
	write_clean_temps(d, names, 1);
	cr_assert_eq(count_entries(d), 3, "only .a.pdf.XXXXXX removed");
	for (i = 1; i < 4; i++) {
		char *p = xasprintf("%s/%s", d, files[i]);

		unlink(p);
		free(p);
	}
	rmdir(d);
	free(d);
}

Test(write, the_lock_is_exclusive_and_names_its_holder,
    .init = cr_redirect_stderr)
{
	char *d = scratch_dir(), *lock = xasprintf("%s/" LOCK_NAME, d);
	char *want = xasprintf("%s: error: locked by pid %ld (another "
	    "briefgen writing %s); gave up after 0 s\n", lock,
	    (long)getpid(), d);
	int a, b;

	a = outdir_lock(d, 0);
	cr_assert(a >= 0);
	/* flock belongs to the open file: a second open conflicts even in
	 * the same process. */
	b = outdir_lock(d, 0);
	cr_assert_eq(b, -1);
	fflush(stderr);
	cr_assert_stderr_eq_str(want);
	outdir_unlock(a);
	b = outdir_lock(d, 0);
	cr_assert(b >= 0, "free again once released");
	outdir_unlock(b);
	unlink(lock);
	rmdir(d);
	free(lock);
	free(want);
	free(d);
	diag_reset();
}
