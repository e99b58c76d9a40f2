/* main.c - the briefgen command line: dispatch to the sub-commands. */
#include <stdio.h>
#include <string.h>

#include "build.h"
#include "cmd.h"
#include "diag.h"
#include "project.h"

static const char usage_text[] =
"usage: briefgen COMMAND [OPTIONS]\n"
"\n"
"  build  [-c CONFIG] [-o OUTDIR] [--only NAME,...] [--force] [-j N]\n"
"         [-M DEPFILE] [--wait SECONDS] [-q|-v]\n"
"                 write the outputs that are out of date\n"
"  check  [-c CONFIG]\n"
"                 report every problem in config, layouts and data\n"
"  list   [-c CONFIG] [-o OUTDIR]\n"
"                 show the outputs, their inputs, and whether up to date\n"
"  watch  [-c CONFIG] [-o OUTDIR] [--interval SECONDS] [--once] [-j N]\n"
"         [--wait SECONDS] [-v]\n"
"                 keep the outputs current\n"
"  import placemat|csv [FILE|-] --date YYYY-MM[-DD] [--source ID]\n"
"         [--total N] [--qualifier Q] [--nations N] [--partial]\n"
"         [--column N|NAME] [--nation-column NAME] [--nations-file FILE]\n"
"         [-o FILE] [--force]\n"
"                 turn a placemat's text or a CSV table into a snapshot file\n"
"  new-mission ID [--force]\n"
"                 write starter files for a new mission (data/ID/, config/ID.ini)\n"
"  help [COMMAND], --help, --version\n"
"\n"
"Without -c: the configuration briefgen.ini names ([project] default =\n"
"config/NAME.ini), else the only config/*.ini.  Layouts are looked for in\n"
"the project, then in the installed data folder: briefgen help files.\n"
"Exit status: 0 success, 1 invalid input, 2 bad usage, 3 system error.\n";

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} commands[] = {
	{"build", cmd_build,
	    "usage: briefgen build [-c CONFIG] [-o OUTDIR] [--only NAME,...] "
	    "[--force] [-j N] [-M DEPFILE] [--wait SECONDS] [-q|-v]\n"
	    "Rebuild every output whose inputs changed (all with --force), "
	    "N at a time;\nsay so when there is nothing to do (not with -q), "
	    "each output's state with -v.\n"
	    "-M writes a Make-style depfile.  --wait: how long to wait for "
	    "another briefgen\nwriting the same folder (default 60).\n"},
	{"check", cmd_check,
	    "usage: briefgen check [-c CONFIG]\n"
	    "Load and validate config, layouts and data; print every problem "
	    "as file:line: error: message.\n"},
	{"list", cmd_list,
	    "usage: briefgen list [-c CONFIG] [-o OUTDIR]\n"
	    "Show each output, the files it is built from, and its state.\n"},
	{"watch", cmd_watch,
	    "usage: briefgen watch [-c CONFIG] [-o OUTDIR] [--interval SECONDS] "
	    "[--once] [-j N]\n       [--wait SECONDS] [-v]\n"
	    "Check the inputs every SECONDS ([schedule] check_every) and "
	    "rebuild what is\nstale; run [schedule] on_change after a change; "
	    "log one line per event.\nSIGTERM/SIGINT: finish and exit 0; "
	    "SIGHUP: re-read [schedule].  --once: one\ncheck, for cron.\n"},
	{"import", cmd_import,
	    "usage: briefgen import placemat|csv [FILE|-] --date YYYY-MM[-DD] "
	    "[--source ID]\n"
	    "       [--total N] [--qualifier Q] [--nations N] [--partial]\n"
	    "       [--column N|NAME] [--nation-column NAME] "
	    "[--nations-file FILE]\n"
	    "       [-o FILE] [--force]\n"
	    "Read a placemat's text (placemat) or a CSV table with a header "
	    "row (csv) and\nwrite a snapshot data file, to stdout or -o FILE "
	    "(never over an existing file\nwithout --force).  Every number in "
	    "or next to the table becomes a row, the\nstated total or a "
	    "diagnostic; nothing is written unless all of it is accounted\n"
	    "for.\n"
	    "  --partial         the rows itemise part of the stated total "
	    "(table = partial)\n"
	    "  --total N, --qualifier Q, --nations N\n"
	    "                    the stated total, its qualifier (exact, "
	    "around, more than,\n"
	    "                    less than, at least, over) and the number "
	    "of nations, when\n"
	    "                    the source does not state them\n"
	    "  --column N        placemat: the troop column, 1 = the first "
	    "number after names\n"
	    "  --column NAME, --nation-column NAME\n"
	    "                    csv: the troops and nation columns by their "
	    "header\n"
	    "  --nations-file FILE\n"
	    "                    the nations (default data/nations.ini)\n"
	    "The rules: data/README.md, \"Importing a placemat\".\n"},
	{"new-mission", cmd_new_mission,
	    "usage: briefgen new-mission ID [--force]\n"
	    "Write data/ID/mission.ini, data/ID/snapshots/YYYY-MM.ini.example "
	    "(copy it to\nYYYY-MM.ini with a real troop figure) and "
	    "config/ID.ini, every key commented,\nwhich pass `briefgen check -c "
	    "config/ID.ini` at once.\nExisting files are kept (an error) "
	    "unless --force.\n"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* `briefgen help files`: where each file is looked for, with this
 * binary's own data folder (the man page's FILES says the same). */
static void
help_files(void)
{
	printf("Where briefgen looks for its files:\n"
	    "  " PROJECT_FILE "     in the folder briefgen runs in: [project] "
	    "default = config/NAME.ini\n"
	    "                   names the configuration used without -c\n"
	    "  configuration    -c CONFIG; else the one " PROJECT_FILE " names; "
	    "else the only\n"
	    "                   config/*.ini of the folder briefgen runs in\n"
	    "  project root     the folder that holds the configuration's "
	    "config/ folder\n"
	    "                   (or the configuration's own folder): every "
	    "path in a\n"
	    "                   configuration is relative to it; -o OUTDIR is "
	    "relative to\n"
	    "                   the folder briefgen runs in\n"
	    "  layouts, fonts,  the project root first, then the data folder\n"
	    "  nations, maps    "
	    "%s (BRIEFGEN_DATADIR overrides it)\n"
	    "  built-in fonts   /usr/share/fonts/truetype/dejavu (Debian "
	    "fonts-dejavu-core,\n"
	    "                   fonts-dejavu-extra)\n", project_datadir());
}

static int
help(const char *cmd)
{
	size_t i;

	if (cmd == NULL) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if (strcmp(cmd, "files") == 0) {
		help_files();
		return EXIT_OK;
	}
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(cmd, commands[i].name) == 0) {
			fputs(commands[i].help, stdout);
			return EXIT_OK;
		}
	fprintf(stderr, "briefgen: error: unknown command '%s'\n", cmd);
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	size_t i;
	int rc;

	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return help(NULL);
	if (strcmp(argv[1], "help") == 0)
		return help(argc > 2 ? argv[2] : NULL);
	if (strcmp(argv[1], "--version") == 0) {
		printf("briefgen %s\n", BRIEFGEN_VERSION);
		return EXIT_OK;
	}
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			rc = commands[i].fn(argc - 1, argv + 1);
			diag_reset();
			return rc;
		}
	fprintf(stderr, "briefgen: error: unknown command '%s' "
	    "(see briefgen --help)\n", argv[1]);
	return EXIT_USAGE;
}
