/* cmd_build.c - the check, build and list commands: options in, exit
 * status out.  The work is in build.c (loading) and incr.c (what is stale,
 * rebuilding it, the manifest). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "cmd.h"
#include "diag.h"
#include "incr.h"
#include "project.h"

#define DEFAULT_WAIT 60         /* seconds to wait for the folder's lock */

enum { CMD_CHECK, CMD_BUILD, CMD_LIST };

/* The short options each command takes; long ones map onto them. */
static const char *const shorts[] = {"c:", "c:o:fj:M:qvW:", "c:o:"};

static int
usage_error(const char *cmd, const char *what, const char *arg)
{
	/* Escaped by diag: an argument may hold control characters. */
	diag_usage("%s '%s' (see briefgen help %s)", what, arg, cmd);
	return -1;
}

static int
number_opt(const char *cmd, const char *name, long min, long max, int *out)
{
	long v;

	if (num_parse_long(optarg, min, max, &v) < 0) {
		diag_usage("%s takes a number from %ld to %ld (see briefgen "
		    "help %s)", name, min, max, cmd);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int
one_opt(int ch, struct incr_opts *o, const char *cmd)
{
	switch (ch) {
	case 'c': o->config = optarg; return 0;
	case 'o': o->outdir = optarg; return 0;
	case 'O': o->only = optarg; return 0;
	case 'f': o->force = 1; return 0;
	case 'M': o->depfile = optarg; return 0;
	case 'q': o->quiet = 1; return 0;
	case 'v': o->verbose = 1; return 0;
	case 'j': return number_opt(cmd, "-j", 1, 64, &o->jobs);
	case 'W': return number_opt(cmd, "--wait", 0, 86400, &o->wait);
	default: return -1;
	}
}

/* Parse the options of command `which`; -1 on bad usage (reported). */
static int
parse_opts(int argc, char **argv, struct incr_opts *o, int which)
{
	static const struct option lo[] = {
		{"config", required_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'},
		{"only", required_argument, NULL, 'O'},
		{"force", no_argument, NULL, 'f'},
		{"jobs", required_argument, NULL, 'j'},
		{"depfile", required_argument, NULL, 'M'},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},
		{"wait", required_argument, NULL, 'W'},
		{NULL, 0, NULL, 0}
	};
	int ch;

	memset(o, 0, sizeof(*o));
	o->jobs = 1;
	o->wait = DEFAULT_WAIT;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shorts[which], lo, NULL)) != -1) {
		/* --only is long-only: allowed where -f is. */
		int ok = ch == 'O' ? strchr(shorts[which], 'f') != NULL :
		    ch != '?' && ch != ':' && strchr(shorts[which], ch);

		if (!ok)
			return usage_error(argv[0], "bad option",
			    argv[optind - 1]);
		if (one_opt(ch, o, argv[0]) < 0)
			return -1;
	}
	if (optind < argc)
		return usage_error(argv[0], "unexpected argument",
		    argv[optind]);
	if (o->quiet && o->verbose) {
		diag_usage("-q and -v exclude each other (see briefgen help "
		    "%s)", argv[0]);
		return -1;
	}
	return 0;
}

/* Without -c, the project's default configuration (project.h); *own is
 * the path to free.  -1 when there is none (reported). */
static int
pick_config(struct incr_opts *o, char **own)
{
	*own = NULL;
	if (o->config)
		return 0;
	if ((o->config = *own = project_default_config()) == NULL)
		return -1;
	return 0;
}

int
cmd_check(int argc, char **argv)
{
	struct session s;
	struct incr_opts o;
	char *def;

	if (parse_opts(argc, argv, &o, CMD_CHECK) < 0)
		return EXIT_USAGE;
	if (pick_config(&o, &def) < 0)
		return exit_status();
	session_load(&s, o.config);
	session_free(&s);
	free(def);
	return exit_status();
}

int
cmd_build(int argc, char **argv)
{
	struct incr_opts o;
	struct incr_result r;
	char *def;
	int rc;

	if (parse_opts(argc, argv, &o, CMD_BUILD) < 0)
		return EXIT_USAGE;
	if (pick_config(&o, &def) < 0)
		return exit_status();
	diag_set_quiet_warnings(o.quiet);
	rc = incr_build(&o, &r);
	incr_result_free(&r);
	free(def);
	return rc;
}

int
cmd_list(int argc, char **argv)
{
	struct incr_opts o;
	char *def;
	int rc;

	if (parse_opts(argc, argv, &o, CMD_LIST) < 0)
		return EXIT_USAGE;
	if (pick_config(&o, &def) < 0)
		return exit_status();
	rc = incr_list(&o);
	free(def);
	return rc;
}
