/* ini_read.c - line-checked feeding of inih (see ini_read.h). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "diag.h"
#include "ini_read.h"

struct reader {
	const char *name;       /* interned file name */
	const char *p, *end;    /* what is left of the text */
	int line;               /* physical line just handed to inih */
	int continued;          /* that line is an indented continuation */
	int after_key;          /* a key line came before, so indent continues */
	ini_fn fn;
	void *user;
	int stop;
};

/* Is s[0..n) printable ASCII and tabs only?  Such a line passes every
 * check below but the length, in one pass instead of four. */
static int
plain_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t') || c > 0x7e)
			return 0;
	}
	return 1;
}

/* Check one physical line; 0 when inih may see it. */
static int
check_line(struct reader *r, const char *s, size_t n)
{
	struct loc loc = {r->name, r->line};
	unsigned cp;
	long bad;
	size_t i;

	if (n <= INI_LINE_MAX && plain_ascii(s, n))
		return 0;
	if (memchr(s, '\0', n) != NULL) {
		diag_error(&loc, "NUL byte in line");
		return -1;
	}
	if (n > INI_LINE_MAX) {
		diag_error(&loc, "line is %zu bytes long; the limit is %d "
		    "(continue a long value on indented lines)", n,
		    INI_LINE_MAX);
		return -1;
	}
	if ((bad = utf8_check(s, n)) >= 0) {
		diag_error(&loc, "invalid UTF-8 at byte %ld", bad + 1);
		return -1;
	}
	if ((bad = utf8_unsupported(s, n, &cp)) >= 0) {
		diag_error(&loc, "character U+%04X at byte %ld is not supported "
		    "(right-to-left, invisible or outside the Basic "
		    "Multilingual Plane)", cp, bad + 1);
		return -1;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\t') {
			diag_error(&loc, "control character 0x%02x in line",
			    (unsigned char)s[i]);
			return -1;
		}
	return 0;
}

static const char *
skip_ws(const char *s, const char *e)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/* A bad [section] line: tell the loader to skip what follows, so that its
 * keys are not taken for keys of the section before. */
static int
bad_section(struct reader *r, const struct loc *loc)
{
	struct ini_item it = {0};

	it.section = "";
	it.loc = *loc;
	it.invalid = 1;
	if (r->fn(r->user, &it) != 0)
		r->stop = 1;
	return -1;
}

/* Check the shape of a line that inih would otherwise misread or report
 * only as "the first error".  Returns 0 when the line is fine. */
static int
check_syntax(struct reader *r, const char *s, size_t n)
{
	struct loc loc = {r->name, r->line};
	const char *e = s + n, *t = skip_ws(s, e), *close;
	struct ini_item it = {0};
	char name[INI_LINE_MAX + 1];
	size_t len;

	r->continued = 0;
	if (t == e || *t == ';' || *t == '#')
		return 0;
	if (t > s && r->after_key) {
		r->continued = 1;
		return 0;
	}
	if (*t == '[') {
		r->after_key = 0;
		close = memchr(t, ']', (size_t)(e - t));
		if (close == NULL) {
			diag_error(&loc, "section header without ']'");
			return bad_section(r, &loc);
		}
		t = skip_ws(t + 1, close);
		while (close > t && (close[-1] == ' ' || close[-1] == '\t'))
			close--;
		len = (size_t)(close - t);
		if (len > INI_SECTION_MAX) {
			diag_error(&loc, "section name is %zu bytes long; the "
			    "limit is %d", len, INI_SECTION_MAX);
			return bad_section(r, &loc);
		}
		if (len == 0) {
			diag_error(&loc, "empty section name");
			return bad_section(r, &loc);
		}
		memcpy(name, t, len);
		name[len] = '\0';
		r->after_key = 0;
		it.section = name;
		it.loc = loc;
		if (r->fn(r->user, &it) != 0)
			r->stop = 1;
		return 0;
	}
	if (memchr(t, '=', (size_t)(e - t)) == NULL &&
	    memchr(t, ':', (size_t)(e - t)) == NULL) {
		diag_error(&loc, "expected 'key = value' or '[section]'");
		r->after_key = 0;
		return -1;
	}
	r->after_key = 1;
	return 0;
}

static char *
next_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	const char *nl;
	size_t n;

	if (r->p >= r->end || r->stop)
		return NULL;
	nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
	n = (size_t)((nl ? nl : r->end) - r->p);
	r->line++;
	if (n > 0 && r->p[n - 1] == '\r')
		n--;
	/* A bad line is reported here and replaced by an empty one, so that
	 * inih goes on and every problem in the file is reported. */
	if (check_line(r, r->p, n) < 0 || check_syntax(r, r->p, n) < 0)
		n = 0;
	if (n > (size_t)num - 1)
		n = (size_t)num - 1;
	memcpy(str, r->p, n);
	str[n] = '\0';
	r->p = nl ? nl + 1 : r->end;
	return str;
}

static int
on_item(void *user, const char *section, const char *key, const char *value)
{
	struct reader *r = user;
	struct ini_item it = {0};

	if (r->stop)
		return 1;
	it.section = section;
	it.key = key;
	it.value = value;
	it.loc.file = r->name;
	it.loc.line = r->line;
	it.continued = r->continued;
	if (r->fn(r->user, &it) != 0)
		r->stop = 1;
	return 1;       /* problems are reported by us, never by inih */
}

int
ini_read_mem(const char *name, const char *text, size_t len, ini_fn fn,
    void *user)
{
	struct reader r = {0};

	r.name = diag_intern(name);
	r.p = text;
	r.end = text + len;
	/* A UTF-8 byte order mark is allowed; inih would skip it too. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r.p += 3;
	r.fn = fn;
	r.user = user;
	ini_parse_stream(next_line, &r, on_item, &r);
	return 0;
}

int
file_open_regular(const char *path, int nofollow, struct stat *st)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC |
	    (nofollow ? O_NOFOLLOW : 0)), e;

	if (fd < 0)
		return -1;
	if (fstat(fd, st) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		close(fd);
		return -2;
	}
	/* O_NONBLOCK stays: it means nothing to a regular file's reads,
	 * and clearing it cost two calls a file (2,500 snapshot files). */
	return fd;
}

const char *
file_kind(const struct stat *st)
{
	switch (st->st_mode & S_IFMT) {
	case S_IFREG: return "a regular file";
	case S_IFDIR: return "a folder";
	case S_IFIFO: return "a FIFO";
	case S_IFSOCK: return "a socket";
	case S_IFCHR: return "a character device";
	case S_IFBLK: return "a block device";
	case S_IFLNK: return "a symbolic link";
	default: return "a special file";
	}
}

/* Read up to n bytes of fd, retrying short reads; -1 on error. */
static ssize_t
read_full(int fd, char *p, size_t n)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

int
file_slurp(const char *path, char **out, size_t *len)
{
	struct stat st;
	ssize_t n;
	char *p;
	int fd = file_open_regular(path, 0, &st);

	if (fd == -1) {
		diag_file_error(path, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fd == -2) {
		diag_file_error(path, "not a regular file (%s)",
		    file_kind(&st));
		return -1;
	}
	if (st.st_size > INI_FILE_MAX) {
		diag_file_error(path, "file is %lld bytes; the limit is %ld",
		    (long long)st.st_size, INI_FILE_MAX);
		close(fd);
		return -1;
	}
	p = xmalloc((size_t)st.st_size + 1);
	n = read_full(fd, p, (size_t)st.st_size);
	if (n < 0) {
		diag_sys_error(path, "read error: %s", strerror(errno));
		free(p);
		close(fd);
		return -1;
	}
	close(fd);
	p[n] = '\0';
	*out = p;
	*len = (size_t)n;
	return 0;
}

int
ini_read(const char *path, ini_fn fn, void *user)
{
	char *text;
	size_t len;

	if (file_slurp(path, &text, &len) < 0)
		return -1;
	ini_read_mem(path, text, len, fn, user);
	free(text);
	return 0;
}
