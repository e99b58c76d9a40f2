/* write.c - atomic, checked writing of outputs and the output folder's
 * lock (see write.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "ini_read.h"
#include "util.h"
#include "write.h"

/* Messages name the output, not its temporary: "DIR/.NAME.XXXXXX" is
 * shown as "DIR/NAME" (into out, which must hold strlen(path) + 1). */
static const char *
shown_name(const char *path, char *out)
{
	const char *base = strrchr(path, '/');
	size_t dir, len;

	base = base ? base + 1 : path;
	dir = (size_t)(base - path);
	len = strlen(base);
	if (base[0] != '.' || len < 9 || base[len - 7] != '.')
		return path;
	memcpy(out, path, dir);
	memcpy(out + dir, base + 1, len - 8);
	out[dir + len - 8] = '\0';
	return out;
}

int
write_all(int fd, const void *p, size_t n, const char *path)
{
	const char *c = p;
	char *shown;
	ssize_t w;

	while (n > 0) {
		w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			const char *why = w < 0 ? strerror(errno) :
			    "no progress";

			shown = xmalloc(strlen(path) + 1);
			diag_sys_error(shown_name(path, shown), "write failed: "
			    "%s", why);
			free(shown);
			return -1;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

int
path_is_safe(const char *name)
{
	const char *p = name;

	if (*name == '\0' || *name == '/')
		return 0;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += n;
		if (*p == '/')
			p++;
	}
	return p[-1] != '/';
}

int
make_dirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST) {
			diag_sys_error(p, "cannot create folder: %s",
			    strerror(errno));
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return rc;
}

static void
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);

	/* Best effort: the rename is already atomic; this makes it durable. */
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

static int
fix_mode(int fd)
{
	mode_t um = umask(0);

	/* mkstemp makes 0600; outputs are for readers: follow the umask. */
	umask(um);
	return fchmod(fd, 0666 & ~um);
}

/* Is the file at fd the same as `same_as`?  Fills hash either way. */
static int
same_bytes(int fd, const char *final, const char *same_as,
    char hash[HASH_HEX])
{
	if (hash_fd(fd, hash) < 0) {
		diag_sys_error(final, "cannot read back: %s", strerror(errno));
		return -1;
	}
	return same_as != NULL && strcmp(hash, same_as) == 0;
}

/* Write, check and sync the temporary; 0, or -1 after reporting. */
static int
fill_temp(int fd, const char *tmp, const char *final, write_fn fn,
    void *arg)
{
	if (fix_mode(fd) < 0) {
		diag_sys_error(final, "cannot set mode: %s", strerror(errno));
		return -1;
	}
	if (fn(arg, fd, tmp) < 0)
		return -1;
	if (fsync(fd) < 0) {
		diag_sys_error(final, "fsync failed: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- what may be replaced, what may be opened ---- */

/* The folder's own files (lock, manifest, stat cache, status) are held
 * to the stricter rule: a regular file with exactly one link. */
static int
is_own_file(const char *path)
{
	const char *base = strrchr(path, '/');

	return str_starts(base ? base + 1 : path, ".briefgen-");
}

/* "a FIFO", or "a regular file with 2 links" into b (for messages). */
static const char *
what_is(const struct stat *st, char *b, size_t n)
{
	if (S_ISREG(st->st_mode))
		snprintf(b, n, "a regular file with %ju links",
		    (uintmax_t)st->st_nlink);
	else
		snprintf(b, n, "%s", file_kind(st));
	return b;
}

/* Is st something the rule allows at path? */
static int
allowed(const char *path, const struct stat *st)
{
	return S_ISREG(st->st_mode) && (!is_own_file(path) ||
	    st->st_nlink == 1);
}

int
write_check_target(const char *path, int quiet)
{
	struct stat st;
	char what[64];

	/* lstat: a symbolic link is itself what a rename would replace. */
	if (lstat(path, &st) < 0) {
		if (errno == ENOENT)
			return 0;
		if (!quiet)
			diag_sys_error(path, "cannot check what is there: %s",
			    strerror(errno));
		return -1;
	}
	if (allowed(path, &st))
		return 0;
	if (!quiet)
		diag_sys_error(path, "%s: refusing to replace it (only a "
		    "regular file%s or nothing may be)",
		    what_is(&st, what, sizeof(what)),
		    is_own_file(path) ? " with one link" : "");
	return -1;
}

static void
refuse_own(const char *path, const char *what)
{
	diag_sys_error(path, "%s: refusing to use it (only a regular file "
	    "with one link may be)", what);
}

int
outdir_open(const char *path, int flags)
{
	struct stat st;
	char what[64];
	int fd, fl;

	/* Look before opening: opening a device can have effects of its
	 * own, and O_CREAT must not create a file at a link's target. */
	if (lstat(path, &st) == 0 && (!S_ISREG(st.st_mode) ||
	    st.st_nlink != 1)) {
		refuse_own(path, what_is(&st, what, sizeof(what)));
		return -1;
	}
	fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
	if (fd < 0 && errno == ENOENT && !(flags & O_CREAT))
		return -2;
	if (fd < 0 && errno != ELOOP) {
		diag_sys_error(path, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fd >= 0 && fstat(fd, &st) < 0) {
		diag_sys_error(path, "cannot check: %s", strerror(errno));
		close(fd);
		return -1;
	}
	if (fd < 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1) {
		refuse_own(path, fd < 0 ? "a symbolic link" :
		    what_is(&st, what, sizeof(what)));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if ((fl = fcntl(fd, F_GETFL)) >= 0)
		(void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	return fd;
}

int
outdir_read_cache(const char *path, size_t max, char **out, size_t *len)
{
	int fd = outdir_open(path, O_RDONLY);
	struct stat st;
	char *t;

	*out = NULL;
	*len = 0;
	if (fd == -2)
		return 0;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && st.st_size > 0 &&
	    (uintmax_t)st.st_size <= max) {
		t = xmalloc((size_t)st.st_size + 1);
		if (read(fd, t, (size_t)st.st_size) == st.st_size) {
			t[st.st_size] = '\0';
			*out = t;
			*len = (size_t)st.st_size;
		} else
			free(t);
	}
	close(fd);
	return 0;
}

void
write_cache_buf(const char *dir, const char *name, const struct buf *b)
{
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
	char *file = xasprintf("%s/%s", dir, name);
	FILE *f = NULL;
	int fd, ok;

	/* Through stdio, as the stat cache always was written: the
	 * safe-output cases kill a build after its Nth write(2) of an
	 * output (tests/shim/failwrite.c), and a cache written after the
	 * manifest must not move that count (whether it is written at all
	 * depends on the clock: statcache.h). */
	if ((fd = mkostemp(tmp, O_CLOEXEC)) >= 0 &&
	    (f = fdopen(fd, "w")) == NULL)
		close(fd);
	if (f) {
		ok = fwrite(b->data ? b->data : "", 1, b->len, f) == b->len;
		ok = fclose(f) == 0 && ok;
		if (!ok || write_check_target(file, 1) != 0 ||
		    rename(tmp, file) != 0)
			unlink(tmp);
	} else if (fd >= 0)
		unlink(tmp);
	free(file);
	free(tmp);
}

/* Before the rename: what is at final may still be replaced, and the
 * temporary is still the regular file with one link we made. */
static int
may_rename(int fd, const char *final)
{
	struct stat st;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_nlink != 1) {
		diag_sys_error(final, "the temporary file was replaced while "
		    "it was written");
		return -1;
	}
	return write_check_target(final, 0);
}

int
write_atomic_hash(const char *dir, const char *name, write_fn fn,
    void *arg, const char *same_as, char hash[HASH_HEX], int *changed)
{
	/* "." is left out, so that messages name the file as it was given. */
	int here = strcmp(dir, ".") == 0;
	char *final = here ? xstrdup(name) : xasprintf("%s/%s", dir, name);
	char *tmp = here ? xasprintf(".%s.XXXXXX", name) :
	    xasprintf("%s/.%s.XXXXXX", dir, name);
	char h[HASH_HEX];
	int fd, rc = -1, same = 0;

	/* Only a regular file (or nothing) is ever replaced: a device node,
	 * FIFO or link named as an output is refused before any work. */
	if (write_check_target(final, 0) < 0)
		goto out;
	/* mkostemp uses O_EXCL: a file or symlink planted there is refused. */
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		diag_sys_error(final, "cannot create temporary file: %s",
		    strerror(errno));
		goto out;
	}
	if (fill_temp(fd, tmp, final, fn, arg) < 0 ||
	    (same = same_bytes(fd, final, same_as, h)) < 0 ||
	    (!same && may_rename(fd, final) < 0))
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		diag_sys_error(final, "close failed: %s", strerror(errno));
		goto fail;
	}
	fd = -1;
	if (same) {
		unlink(tmp);
	} else if (rename(tmp, final) < 0) {
		diag_sys_error(final, "cannot rename into place: %s",
		    strerror(errno));
		goto fail;
	} else
		sync_dir(dir);
	if (hash)
		memcpy(hash, h, HASH_HEX);
	if (changed)
		*changed = !same;
	rc = 0;
	goto out;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
out:
	free(tmp);
	free(final);
	return rc;
}

int
write_atomic(const char *dir, const char *name, write_fn fn, void *arg)
{
	return write_atomic_hash(dir, name, fn, arg, NULL, NULL, NULL);
}

/* Does `ent` look like mkstemp's temporary for `name`: ".NAME.XXXXXX"? */
static int
is_temp_of(const char *ent, const char *name)
{
	size_t n = strlen(name);

	return ent[0] == '.' && strncmp(ent + 1, name, n) == 0 &&
	    ent[n + 1] == '.' && strlen(ent + n + 2) == 6;
}

int
write_has_temps(const char *dir, char *const *names, size_t n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t i;
	int found = 0;

	if (d == NULL)
		return 0;
	while (!found && (e = readdir(d)) != NULL)
		for (i = 0; i < n && !found; i++)
			found = is_temp_of(e->d_name, names[i]);
	closedir(d);
	return found;
}

void
write_clean_temps(const char *dir, char *const *names, size_t n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t i;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		for (i = 0; i < n; i++)
			if (is_temp_of(e->d_name, names[i]))
				(void)unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
}

/* ---- one file under two names ---- */

struct fid {
	dev_t dev;
	ino_t ino;
	int ok;                 /* it could be looked at */
};

/* The identity of the file at path (links followed); 0, or -1. */
static int
fid_of(const char *path, struct fid *id)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	id->dev = st.st_dev;
	id->ino = st.st_ino;
	id->ok = 1;
	return 0;
}

void
fileids_init(struct fileids *s, char *const *paths, size_t n)
{
	struct fid *v = xcalloc(n + 1, sizeof(*v));
	size_t i;

	/* Each input is looked at once, however many targets are checked
	 * against thousands of snapshot files. */
	for (i = 0; i < n; i++)
		if (paths[i])
			(void)fid_of(paths[i], &v[i]);
	s->ids = v;
	s->paths = paths;
	s->n = n;
}

long
fileids_find(const struct fileids *s, const char *target)
{
	const struct fid *v = s->ids;
	struct fid t;
	size_t i;

	/* A target that does not exist yet is no input's file. */
	if (fid_of(target, &t) < 0)
		return -1;
	for (i = 0; i < s->n; i++)
		if (v[i].ok && v[i].dev == t.dev && v[i].ino == t.ino)
			return (long)i;
	return -1;
}

void
fileids_free(struct fileids *s)
{
	free(s->ids);
	memset(s, 0, sizeof(*s));
}

long
write_same_file(const char *target, char *const *paths, size_t n)
{
	struct fileids s;
	long i;

	fileids_init(&s, paths, n);
	i = fileids_find(&s, target);
	fileids_free(&s);
	return i;
}

/* Split path into its folder (".": none given) and its last name. */
static char *
dir_of(const char *path, const char **base)
{
	const char *slash = strrchr(path, '/');

	*base = slash ? slash + 1 : path;
	if (slash == NULL)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path,
	    (size_t)(slash - path));
}

int
write_same_target(const char *a, const char *b)
{
	const char *na, *nb;
	char *da = dir_of(a, &na), *db = dir_of(b, &nb);
	struct fid fa, fb;
	int same;

	/* The same file when both exist; else the same name in the same
	 * folder (compared as folders, whatever path leads there). */
	if (fid_of(a, &fa) == 0 && fid_of(b, &fb) == 0)
		same = fa.dev == fb.dev && fa.ino == fb.ino;
	else if (strcmp(na, nb) != 0)
		same = 0;
	else if (fid_of(da, &fa) == 0 && fid_of(db, &fb) == 0)
		same = fa.dev == fb.dev && fa.ino == fb.ino;
	else
		same = strcmp(da, db) == 0;
	free(da);
	free(db);
	return same;
}

int
write_refuse_ids(const char *target, const struct fileids *s,
    const char *what)
{
	long i = fileids_find(s, target);

	if (i < 0)
		return 0;
	diag_file_error(target, "is also an input of this run (%s); refusing "
	    "to overwrite it with %s", s->paths[i], what);
	return -1;
}

int
write_refuse_input(const char *target, char *const *inputs, size_t n,
    const char *what)
{
	struct fileids s;
	int rc;

	fileids_init(&s, inputs, n);
	rc = write_refuse_ids(target, &s, what);
	fileids_free(&s);
	return rc;
}

/* ---- the output folder's lock ---- */

/* The pid the holder wrote into the lock file, or 0. */
static long
lock_holder(int fd)
{
	char b[32];
	ssize_t r = pread(fd, b, sizeof(b) - 1, 0);
	long pid;

	if (r <= 0)
		return 0;
	b[r] = '\0';
	b[strcspn(b, "\n")] = '\0';
	return num_parse_long(b, 1, 1L << 30, &pid) == 0 ? pid : 0;
}

static void
lock_note_pid(int fd)
{
	char b[32];
	int n = snprintf(b, sizeof(b), "%ld\n", (long)getpid());

	/* Only informative (flock is the lock): failures do not matter. */
	if (ftruncate(fd, 0) == 0 && pwrite(fd, b, (size_t)n, 0) < 0)
		return;
}

/* flock with a bounded wait; 0 when taken. */
static int
lock_wait(int fd, const char *path, int wait_secs)
{
	struct timespec step = {0, 50 * 1000 * 1000};
	long tries = (long)wait_secs * 20;
	int told = 0;

	while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK || tries-- <= 0)
			return -1;
		/* Progress for a person at a terminal, never in logs. */
		if (!told++ && isatty(2))
			fprintf(stderr, "briefgen: waiting for %s (held by "
			    "pid %ld)\n", path, lock_holder(fd));
		nanosleep(&step, NULL);
	}
	return 0;
}

/* Open dir's lock file; -1 (reported). */
static int
lock_open(const char *path)
{
	/* Never through a link, never a FIFO or device, never a file that
	 * is also linked from elsewhere: truncating it writes only here. */
	return outdir_open(path, O_RDWR | O_CREAT);
}

int
outdir_lock(const char *dir, int wait_secs)
{
	char *path = xasprintf("%s/%s", dir, LOCK_NAME);
	int fd = lock_open(path);
	long pid;

	if (fd < 0) {
		fd = -1;
	} else if (lock_wait(fd, path, wait_secs) < 0) {
		if (errno != EWOULDBLOCK)
			diag_sys_error(path, "cannot lock: %s",
			    strerror(errno));
		else if ((pid = lock_holder(fd)) > 0)
			diag_sys_error(path, "locked by pid %ld (another "
			    "briefgen writing %s); gave up after %d s", pid,
			    dir, wait_secs);
		else
			diag_sys_error(path, "locked by another process; "
			    "gave up after %d s", wait_secs);
		close(fd);
		fd = -1;
	} else
		lock_note_pid(fd);
	free(path);
	return fd;
}

int
outdir_trylock(const char *dir)
{
	char *path = xasprintf("%s/%s", dir, LOCK_NAME);
	int fd = lock_open(path);

	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) < 0) {
		close(fd);
		fd = -1;
	} else if (fd >= 0)
		lock_note_pid(fd);
	free(path);
	return fd < 0 ? -1 : fd;
}

void
outdir_unlock(int fd)
{
	/* Closing releases the flock; the file stays (removing it would race
	 * with a process that just opened it). */
	if (fd >= 0)
		close(fd);
}

static int
write_buf(void *arg, int fd, const char *path)
{
	const struct buf *b = arg;

	return write_all(fd, b->data, b->len, path);
}

int
write_atomic_buf(const char *dir, const char *name, const struct buf *b)
{
	return write_atomic(dir, name, write_buf, (void *)b);
}
