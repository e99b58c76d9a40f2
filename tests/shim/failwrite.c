/* failwrite.c - an LD_PRELOAD shim for the safe-output tests: it counts
 * write(2) calls to regular files (stderr and pipes are left alone) and,
 * after N of them, either kills the process as `kill -9` would
 * (FAILWRITE_KILL_AFTER=N) or sends every later write to /dev/full, so
 * that the kernel answers ENOSPC as a full disk would
 * (FAILWRITE_FULL_AFTER=N).
 *
 * Build: cc -shared -fPIC -o failwrite.so tests/shim/failwrite.c -ldl
 * Under ASan, also set ASAN_OPTIONS=verify_asan_link_order=0. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static long count;

static long
limit(const char *name)
{
	const char *v = getenv(name);

	return v ? atol(v) : -1;
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	long kill_after = limit("FAILWRITE_KILL_AFTER");
	long full_after = limit("FAILWRITE_FULL_AFTER");
	struct stat st;

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT,
		    "write");
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		if (kill_after >= 0 && count >= kill_after)
			raise(SIGKILL);
		if (full_after >= 0 && count >= full_after) {
			static int full = -1;

			if (full < 0 && (full = open("/dev/full", O_WRONLY |
			    O_CLOEXEC)) < 0) {
				errno = ENOSPC;
				return -1;
			}
			return real(full, buf, n);
		}
		count++;
	}
	return real(fd, buf, n);
}
