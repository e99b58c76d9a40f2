/* write.c - atomic, checked writing of outputs (see write.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"
#include "write.h"

int
write_all(int fd, const void *p, size_t n, const char *path)
{
	const char *c = p;
	ssize_t w;

	while (n > 0) {
		w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			diag_sys_error(path, "write failed: %s",
			    w < 0 ? strerror(errno) : "no progress");
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

int
write_atomic(const char *dir, const char *name, write_fn fn, void *arg)
{
	char *final = xasprintf("%s/%s", dir, name);
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
	int fd, rc = -1;

	/* mkstemp uses O_EXCL: a file or symlink planted there is refused. */
	fd = mkstemp(tmp);
	if (fd < 0) {
		diag_sys_error(final, "cannot create temporary file: %s",
		    strerror(errno));
		goto out;
	}
	if (fix_mode(fd) < 0 || fn(arg, fd, tmp) < 0)
		goto fail;
	if (fsync(fd) < 0) {
		diag_sys_error(final, "fsync failed: %s", strerror(errno));
		goto fail;
	}
	if (close(fd) < 0) {
		fd = -1;
		diag_sys_error(final, "close failed: %s", strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, final) < 0) {
		diag_sys_error(final, "cannot rename into place: %s",
		    strerror(errno));
		goto fail;
	}
	sync_dir(dir);
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
