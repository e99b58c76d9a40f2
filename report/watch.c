/* watch.c - `briefgen watch`: keep the outputs current in the foreground,
 * as a service runs it.  Every interval it does what `briefgen build`
 * does (incr.c), runs [schedule] on_change when an output changed, logs
 * one line per event with an ISO 8601 UTC time (the one place clock time
 * is used: this is a log, not a document) and writes a status file.
 *
 * Signals: SIGINT and SIGTERM are blocked while a cycle runs, so the
 * current build finishes (its outputs are atomic anyway), then the loop
 * exits 0.  SIGHUP re-reads the configuration's [schedule] and checks at
 * once.  Bad data on a later check is logged; the old outputs stay. */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "build.h"
#include "cmd.h"
#include "cmdline.h"
#include "diag.h"
#include "incr.h"
#include "project.h"
#include "write.h"

#define DEFAULT_INTERVAL 300

struct wopts {
	const char *config, *outdir;
	long interval;          /* 0: from the configuration */
	int once, jobs, wait, verbose;
};

/* What the loop needs from the configuration, copied so that nothing
 * outlives the diagnostics' file names (reset every cycle). */
struct wsettings {
	long interval, rebuild_every;
	char *outdir;
	char *hook_text;        /* on_change as written */
	char **hook;            /* ... split, or NULL */
};

/* Facts for the status file. */
struct wstate {
	char last_check[32], last_build[32], last_change[32];
	int status;
	size_t outputs, stale, failed;
	char *changed;          /* "a b" of the last build that changed any */
};

static volatile sig_atomic_t got_stop, got_hup;

static void
on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else
		got_stop = sig;
}

/* ---- the log ---- */

static void
utc_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* One whole line per event, so that lines from children never mix. */
static void __attribute__((format(printf, 1, 2)))
wlog(const char *fmt, ...)
{
	struct buf b = {0};
	char now[32], *msg;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	utc_now(now);
	buf_printf(&b, "%s briefgen watch: %s\n", now, msg ? msg : fmt);
	fputs(b.data, stderr);
	buf_free(&b);
	free(msg);
}

/* ---- options and settings ---- */

static int
usage(const char *what, const char *arg)
{
	diag_usage("%s '%s' (see briefgen help watch)", what, arg);
	return -1;
}

/* A number option in [min, max]; -1 (reported) otherwise. */
static int
number(const char *name, long min, long max, long *out)
{
	if (num_parse_long(optarg, min, max, out) == 0)
		return 0;
	diag_usage("%s takes a number from %ld to %ld (see briefgen help "
	    "watch)", name, min, max);
	return -1;
}

static int
one_opt(int ch, struct wopts *o, char **argv)
{
	long v;

	switch (ch) {
	case 'c': o->config = optarg; return 0;
	case 'o': o->outdir = optarg; return 0;
	case '1': o->once = 1; return 0;
	case 'v': o->verbose = 1; return 0;
	case 'i':
		return number("--interval", 1, 31L * 86400, &o->interval);
	case 'j':
		if (number("-j", 1, 64, &v) < 0)
			return -1;
		o->jobs = (int)v;
		return 0;
	case 'W':
		if (number("--wait", 0, 86400, &v) < 0)
			return -1;
		o->wait = (int)v;
		return 0;
	default:
		return usage("bad option", argv[optind - 1]);
	}
}

static int
parse_opts(int argc, char **argv, struct wopts *o)
{
	static const struct option lo[] = {
		{"config", required_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'},
		{"interval", required_argument, NULL, 'i'},
		{"once", no_argument, NULL, '1'},
		{"jobs", required_argument, NULL, 'j'},
		{"wait", required_argument, NULL, 'W'},
		{"verbose", no_argument, NULL, 'v'},
		{NULL, 0, NULL, 0}
	};
	int ch;

	memset(o, 0, sizeof(*o));
	o->jobs = 1;
	o->wait = 60;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "c:o:j:v", lo, NULL)) != -1)
		if (one_opt(ch, o, argv) < 0)
			return -1;
	if (optind < argc)
		return usage("unexpected argument", argv[optind]);
	return 0;
}

static void
settings_free(struct wsettings *w)
{
	free(w->outdir);
	free(w->hook_text);
	cmdline_free(w->hook);
	memset(w, 0, sizeof(*w));
}

/* Read the configuration's settings into w; 0, or -1 (reported). */
static int
settings_load(struct wsettings *w, const struct wopts *o)
{
	struct session s;
	const char *err;
	size_t n;
	int rc = -1;

	memset(w, 0, sizeof(*w));
	if (session_open(&s, o->config) == 0) {
		const struct config *c = &s.c;

		w->interval = o->interval ? o->interval : c->schedule.check_every
		    ? c->schedule.check_every : DEFAULT_INTERVAL;
		w->rebuild_every = c->schedule.rebuild_every;
		w->outdir = xstrdup(o->outdir ? o->outdir : c->out.dir);
		if (c->schedule.on_change) {
			w->hook_text = xstrdup(c->schedule.on_change);
			/* load_config checked that it splits. */
			if (cmdline_split(w->hook_text, &w->hook, &n, &err) < 0)
				w->hook = NULL;
		}
		rc = 0;
	}
	session_free(&s);
	return rc;
}

/* ---- on_change ---- */

static char *
join(char *const *v, size_t n)
{
	struct buf b = {0};
	size_t i;

	buf_puts(&b, "");
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? " " : "", v[i]);
	return b.data;
}

/* In the child: the environment, the signal mask a command expects, and
 * exec without a shell. */
static void __attribute__((noreturn))
hook_exec(const struct wsettings *w, const struct wopts *o,
    const char *changed, const sigset_t *mask)
{
	setenv("BRIEFGEN_CHANGED", changed, 1);
	setenv("BRIEFGEN_OUTDIR", w->outdir, 1);
	setenv("BRIEFGEN_CONFIG", o->config, 1);
	sigprocmask(SIG_SETMASK, mask, NULL);
	execvp(w->hook[0], w->hook);
	fprintf(stderr, "briefgen watch: on_change: cannot run '%s': %s\n",
	    w->hook[0], strerror(errno));
	_exit(127);
}

static void
hook_run(const struct wsettings *w, const struct wopts *o,
    const struct incr_result *r, const sigset_t *mask)
{
	char *changed = join(r->changed, r->nchanged);
	pid_t pid;
	int st;

	fflush(NULL);
	if ((pid = fork()) < 0)
		wlog("on_change: cannot start %s: %s", w->hook[0],
		    strerror(errno));
	else if (pid == 0)
		hook_exec(w, o, changed, mask);
	else {
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
		if (WIFEXITED(st))
			wlog("on_change: %s exited with status %d",
			    w->hook[0], WEXITSTATUS(st));
		else
			wlog("on_change: %s was killed by SIG%s", w->hook[0],
			    sigabbrev_np(WTERMSIG(st)));
	}
	free(changed);
}

/* ---- the status file ---- */

/* 0, or -1 when the status file could not be written (reported). */
static int
status_write(const struct wsettings *w, const struct wopts *o,
    const struct wstate *st)
{
	struct buf b = {0};
	int rc = -1;

	buf_printf(&b, "# briefgen watch status, rewritten after every check\n"
	    "pid = %ld\nconfig = %s\nlast_check = %s\nlast_build = %s\n"
	    "last_change = %s\nresult = %s\nexit_status = %d\n"
	    "outputs = %zu\nstale = %zu\nfailed = %zu\nchanged = %s\n",
	    (long)getpid(), o->config, st->last_check,
	    *st->last_build ? st->last_build : "never",
	    *st->last_change ? st->last_change : "never",
	    st->status ? "failed" : "ok", st->status, st->outputs, st->stale,
	    st->failed, st->changed ? st->changed : "");
	if (make_dirs(w->outdir) == 0)
		rc = write_atomic_buf(w->outdir, STATUS_NAME, &b);
	buf_free(&b);
	return rc;
}

/* ---- one check ---- */

static void
log_result(const struct incr_result *r, int force, const struct wopts *o)
{
	char *list;

	if (r->status != EXIT_OK)
		wlog("check failed (exit status %d): %zu of %zu outputs not "
		    "built; the previous files are kept", r->status,
		    r->failed, r->outputs);
	else if (r->nchanged) {
		list = join(r->changed, r->nchanged);
		wlog("built %s", list);
		free(list);
	} else if (r->built)
		wlog("rebuilt %zu output%s%s; no bytes changed", r->built,
		    r->built == 1 ? "" : "s", force ? " (rebuild_every)" : "");
	else if (o->verbose)
		wlog("checked: %zu output%s up to date", r->outputs,
		    r->outputs == 1 ? "" : "s");
}

static void
cycle(const struct wsettings *w, const struct wopts *o, int force,
    struct wstate *st, const sigset_t *mask)
{
	struct incr_opts io = {0};
	struct incr_result r;

	io.config = o->config;
	io.outdir = w->outdir;
	io.force = force;
	io.jobs = o->jobs;
	io.wait = o->wait;
	io.quiet = 1;
	diag_reset();   /* a fresh count: the last check's errors are logged */
	incr_build(&io, &r);
	utc_now(st->last_check);
	if (r.stale)
		memcpy(st->last_build, st->last_check, sizeof(st->last_check));
	st->status = r.status;
	st->outputs = r.outputs;
	st->stale = r.stale;
	st->failed = r.failed;
	if (r.nchanged) {
		memcpy(st->last_change, st->last_check, sizeof(st->last_check));
		free(st->changed);
		st->changed = join(r.changed, r.nchanged);
	}
	log_result(&r, force, o);
	if (r.nchanged && w->hook)
		hook_run(w, o, &r, mask);
	/* A status file that cannot be written (a link planted there, a
	 * full disk) is a system error a cron job must see. */
	if (status_write(w, o, st) < 0 && st->status == EXIT_OK)
		st->status = EXIT_SYSTEM;
	incr_result_free(&r);
}

/* ---- the loop ---- */

static double
mono_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Sleep until `until` (monotonic) or a signal; signals are delivered
 * only here, so none is lost between the check and the sleep. */
static void
sleep_until(double until, const sigset_t *mask)
{
	struct timespec ts;
	double left;

	while (!got_stop && !got_hup && (left = until - mono_now()) > 0) {
		ts.tv_sec = (time_t)left;
		ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
		ppoll(NULL, 0, &ts, mask);
	}
}

static void
signals_setup(sigset_t *orig)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGHUP);
	sigprocmask(SIG_BLOCK, &block, orig);
}

static void
reload(struct wsettings *w, const struct wopts *o)
{
	struct wsettings n;

	got_hup = 0;
	diag_reset();
	if (settings_load(&n, o) < 0) {
		wlog("reload of %s failed; keeping the previous settings",
		    o->config);
		return;
	}
	settings_free(w);
	*w = n;
	wlog("reloaded %s: checking every %ld s", o->config, w->interval);
}

static int
watch_loop(struct wsettings *w, const struct wopts *o, const sigset_t *mask)
{
	struct wstate st;
	double last_full = mono_now(), next;
	int force;

	memset(&st, 0, sizeof(st));
	for (;;) {
		force = w->rebuild_every > 0 &&
		    mono_now() - last_full >= (double)w->rebuild_every;
		if (force)
			last_full = mono_now();
		next = mono_now() + (double)w->interval;
		cycle(w, o, force, &st, mask);
		if (o->once)
			break;
		sleep_until(next, mask);
		if (got_stop) {
			wlog("stopping on SIG%s", sigabbrev_np(got_stop));
			break;
		}
		if (got_hup)
			reload(w, o);
	}
	free(st.changed);
	return o->once ? st.status : EXIT_OK;
}

int
cmd_watch(int argc, char **argv)
{
	struct wsettings w;
	struct wopts o;
	sigset_t orig;
	char *def = NULL;
	int rc;

	if (parse_opts(argc, argv, &o) < 0)
		return EXIT_USAGE;
	/* Without -c: the project's default (project.h), chosen once. */
	if (o.config == NULL && (o.config = def = project_default_config()) ==
	    NULL)
		return exit_status();
	if (settings_load(&w, &o) < 0) {
		settings_free(&w);
		free(def);
		return exit_status();
	}
	signals_setup(&orig);
	if (!o.once)
		wlog("watching %s: checking every %ld s%s, writing %s",
		    o.config, w.interval, w.hook ? ", on_change set" : "",
		    w.outdir);
	rc = watch_loop(&w, &o, &orig);
	settings_free(&w);
	free(def);
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return rc;
}
