/* test_safe.c - the pieces that keep briefgen safe with names and files:
 * depfile escaping, escaped diagnostics, what may be replaced, and one
 * file under two names. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "depfile.h"
#include "diag.h"
#include "ini_read.h"
#include "util.h"
#include "write.h"

static void
escapes(const char *name, enum dep_side side, const char *want)
{
	struct buf b = {0};

	cr_assert_eq(dep_escape(&b, name, side), 0, "%s", name);
	cr_assert_str_eq(b.data, want, "%s", name);
	buf_free(&b);
}

Test(depfile, escapes_what_make_reads_specially)
{
	escapes("data/a b#c.ini", DEP_PREREQ, "data/a\\ b\\#c.ini");
	escapes("x$y:z", DEP_PREREQ, "x$$y\\:z");
	escapes("a*b?c[d]", DEP_PREREQ, "a\\*b\\?c\\[d]");
	escapes("a|b%c", DEP_PREREQ, "a\\|b%c");
	escapes("a|b%c", DEP_TARGET, "a|b\\%c");
	/* Backslashes only doubled where make would take them as escapes. */
	escapes("a\\b", DEP_PREREQ, "a\\b");
	escapes("a\\ b", DEP_PREREQ, "a\\\\\\ b");
	escapes("end\\", DEP_PREREQ, "end\\\\");
	escapes("tab\there", DEP_PREREQ, "tab\\\there");
}

Test(depfile, refuses_what_make_cannot_read_back)
{
	struct buf b = {0};
	const char *bad[] = {"a\nb", "a\rb", "x;touch PWNED", "q=r",
	    "esc\033", "a\\*b", NULL};
	size_t i;

	for (i = 0; bad[i]; i++) {
		cr_assert_not_null(dep_unescapable(bad[i]), "%s", bad[i]);
		cr_assert_eq(dep_escape(&b, bad[i], DEP_PREREQ), -1, "%s",
		    bad[i]);
	}
	cr_assert_str_eq(dep_unescapable("a;b"), "';'");
	cr_assert_str_eq(dep_unescapable("a\nb"), "a newline");
	cr_assert_eq(b.len, 0);
	buf_free(&b);
}

static void
shown(const char *s, const char *want)
{
	struct buf b = {0};

	diag_escape(&b, s);
	cr_assert_str_eq(b.data, want, "%s", want);
	buf_free(&b);
}

Test(diag, escapes_control_characters)
{
	shown("plain/é.ini", "plain/é.ini");
	shown("\033[31mred", "\\x1b[31mred");
	shown("tab\tnl\ndel\x7f", "tab\\x09nl\\x0adel\\x7f");
	shown("c1\xc2\x9b", "c1\\u009b");
	shown("rlo\xe2\x80\xae", "rlo\\u202e");
	shown("bad\xff", "bad\\xff");
}

/* A scratch folder of its own for each test. */
static char *
scratch(void)
{
	char *d = strdup("/tmp/briefgen-safe-XXXXXX");

	cr_assert_not_null(mkdtemp(d));
	return d;
}

Test(write, only_regular_files_or_nothing_are_replaced)
{
	char *d = scratch(), *p;

	diag_set_silent(1);
	p = xasprintf("%s/f", d);
	cr_assert_eq(write_check_target(p, 1), 0);      /* nothing there */
	close(open(p, O_CREAT | O_WRONLY, 0600));
	cr_assert_eq(write_check_target(p, 1), 0);      /* a regular file */
	unlink(p);
	cr_assert_eq(mkfifo(p, 0600), 0);
	cr_assert_eq(write_check_target(p, 1), -1);     /* a FIFO */
	unlink(p);
	cr_assert_eq(symlink("/etc/passwd", p), 0);
	cr_assert_eq(write_check_target(p, 1), -1);     /* a link */
	unlink(p);
	free(p);
	/* The folder's own files: one link only. */
	p = xasprintf("%s/.briefgen-manifest", d);
	char *q = xasprintf("%s/elsewhere", d);
	close(open(q, O_CREAT | O_WRONLY, 0600));
	cr_assert_eq(link(q, p), 0);
	cr_assert_eq(write_check_target(p, 1), -1);
	cr_assert_eq(outdir_open(p, O_RDONLY), -1);
	unlink(p);
	cr_assert_eq(outdir_open(p, O_RDONLY), -2);     /* missing */
	unlink(q);
	rmdir(d);
	free(p);
	free(q);
	free(d);
	diag_reset();
}

Test(write, one_file_under_two_names)
{
	char *d = scratch();
	char *a = xasprintf("%s/a", d), *b = xasprintf("%s/b", d);
	char *a2 = xasprintf("%s/./a", d), *n = xasprintf("%s/new", d);
	char *n2 = xasprintf("%s/../%s/new", d, strrchr(d, '/') + 1);
	char *in[2] = {NULL, a};

	close(open(a, O_CREAT | O_WRONLY, 0600));
	cr_assert_eq(link(a, b), 0);
	cr_assert_eq(write_same_file(b, in, 2), 1);     /* a hard link */
	cr_assert_eq(write_same_file(a2, in, 2), 1);    /* another spelling */
	cr_assert_eq(write_same_file(n, in, 2), -1);    /* not there yet */
	cr_assert(write_same_target(n, n2));            /* same folder, name */
	cr_assert(!write_same_target(n, a));
	cr_assert(write_same_target(a2, b));
	unlink(a);
	unlink(b);
	rmdir(d);
	free(a); free(b); free(a2); free(n); free(n2); free(d);
}

Test(ini_read, fifo_is_refused_without_blocking)
{
	char *d = scratch(), *p = xasprintf("%s/fifo", d);
	struct stat st;

	cr_assert_eq(mkfifo(p, 0600), 0);
	cr_assert_eq(file_open_regular(p, 0, &st), -2);
	cr_assert(S_ISFIFO(st.st_mode));
	cr_assert_str_eq(file_kind(&st), "a FIFO");
	unlink(p);
	rmdir(d);
	free(p);
	free(d);
}
