/* cmd_build.c - the check, build and list commands. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "cmd.h"
#include "diag.h"
#include "write.h"

#define DEFAULT_CONFIG "config/rsm.ini"

struct opts {
	const char *config, *outdir, *only, *depfile;
	int force, jobs, verbose, quiet;
};

/* Parse the options common to check/build/list; -1 on bad usage. */
static int
parse_opts(int argc, char **argv, struct opts *o, int build)
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
		{NULL, 0, NULL, 0}
	};
	long j;
	int ch;

	memset(o, 0, sizeof(*o));
	o->config = DEFAULT_CONFIG;
	o->jobs = 1;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, build ? "c:o:fj:M:qv" : "c:",
	    lo, NULL)) != -1) {
		switch (ch) {
		case 'c': o->config = optarg; break;
		case 'o': o->outdir = optarg; break;
		case 'O': o->only = optarg; break;
		case 'f': o->force = 1; break;
		case 'M': o->depfile = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'v': o->verbose = 1; break;
		case 'j':
			if (num_parse_long(optarg, 1, 64, &j) < 0) {
				fprintf(stderr, "briefgen: error: -j takes a "
				    "number from 1 to 64\n");
				return -1;
			}
			o->jobs = (int)j;
			break;
		default:
			fprintf(stderr, "briefgen: error: bad option '%s' "
			    "(see briefgen help %s)\n", argv[optind - 1],
			    argv[0]);
			return -1;
		}
		if (!build && ch != 'c')
			return -1;
	}
	if (optind < argc) {
		fprintf(stderr, "briefgen: error: unexpected argument '%s'\n",
		    argv[optind]);
		return -1;
	}
	return 0;
}

int
cmd_check(int argc, char **argv)
{
	struct session s;
	struct opts o;

	if (parse_opts(argc, argv, &o, 0) < 0)
		return EXIT_USAGE;
	session_load(&s, o.config);
	session_free(&s);
	return exit_status();
}

/* Mark the outputs named in --only; -1 (usage) for an unknown name. */
static int
select_only(const struct session *s, const char *only, char *want)
{
	char *list = xstrdup(only), *save = NULL, *n;
	int rc = 0, i;

	memset(want, 0, s->c.noutputs);
	for (n = strtok_r(list, ",", &save); n; n = strtok_r(NULL, ",", &save)) {
		if ((i = session_output(s, n)) < 0) {
			fprintf(stderr, "briefgen: error: --only: no output "
			    "called '%s' in %s\n", n, s->c.path);
			rc = -1;
		} else
			want[i] = 1;
	}
	free(list);
	return rc;
}

int
cmd_build(int argc, char **argv)
{
	struct session s;
	struct opts o;
	const char *outdir;
	char *want = NULL;
	size_t i;
	int rc;

	if (parse_opts(argc, argv, &o, 1) < 0)
		return EXIT_USAGE;
	if (session_load(&s, o.config) < 0) {
		session_free(&s);
		return exit_status();
	}
	want = xmalloc(s.c.noutputs + 1);
	memset(want, 1, s.c.noutputs);
	if (o.only && select_only(&s, o.only, want) < 0) {
		free(want);
		session_free(&s);
		return EXIT_USAGE;
	}
	outdir = o.outdir ? o.outdir : s.c.out.dir;
	if (make_dirs(outdir) == 0)
		for (i = 0; i < s.c.noutputs; i++)
			if (want[i] && session_write(&s, i, outdir) == 0 &&
			    o.verbose)
				fprintf(stderr, "briefgen: wrote %s/%s\n",
				    outdir, s.c.outputs[i].file);
	rc = exit_status();
	free(want);
	session_free(&s);
	return rc;
}

int
cmd_list(int argc, char **argv)
{
	struct inputs in = {0};
	struct session s;
	struct opts o;
	size_t i, k;

	if (parse_opts(argc, argv, &o, 0) < 0)
		return EXIT_USAGE;
	if (session_load(&s, o.config) == 0)
		for (i = 0; i < s.c.noutputs; i++) {
			const struct output *out = &s.c.outputs[i];

			printf("%s (%s) -> %s/%s\n", out->name,
			    output_type_name(out->type), s.c.out.dir, out->file);
			render_for(out->type)->inputs(s.preps[i], &in);
			for (k = 0; k < in.n; k++)
				printf("  %s\n", in.paths[k]);
			inputs_free(&in);
		}
	session_free(&s);
	return exit_status();
}
