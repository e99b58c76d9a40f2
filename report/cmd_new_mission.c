/* cmd_new_mission.c - `briefgen new-mission ID`: the starter files of a new
 * mission, data/ID/mission.ini, data/ID/snapshots/DATE.ini.example (the
 * form of a troop figure, not read until copied to a name ending in .ini:
 * a placeholder figure would be printed as a fact) and config/ID.ini,
 * every key commented, so that
 * `briefgen check -c config/ID.ini` passes at once and the user fills in
 * facts from there (data/README.md, "Adding a mission").  The words are
 * placeholders; nothing in them is about a real mission. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "build.h"
#include "cmd.h"
#include "diag.h"
#include "util.h"
#include "write.h"

/* The starter files.  @ID@ is the ID, @UPPER@ the ID in capitals, @DATE@
 * the month (YYYY-MM) the user runs the command: placeholders to replace. */
static const char mission_text[] =
"; data/@ID@/mission.ini - the facts of the mission @UPPER@ (format: data/README.md).\n"
"; Written by `briefgen new-mission @ID@`: replace every placeholder, keep a [source] for\n"
"; each fact, and run `briefgen check -c config/@ID@.ini` after each change.\n"
"; Lines starting with ';' are comments; the commented keys below are optional.\n"
"\n"
"[mission]\n"
"name = @UPPER@ mission                 ; required: the mission's full name\n"
"acronym = @UPPER@                      ; required\n"
"organisation = Organisation         ; required: who leads it (NATO, EU, UN...)\n"
"launched = @DATE@                     ; required: YYYY, YYYY-MM or YYYY-MM-DD\n"
"as_of = @DATE@                        ; required: the date the facts are as of\n"
"source = @ID@-source                ; required: the [source] of these facts\n"
"; country = Country                 ; where it operates\n"
"; kind = Organisation-led mission   ; \"NATO-led, non-combat mission\"\n"
"; predecessor = Earlier mission     ; and predecessor_acronym = EM\n"
"; hub = main-place                  ; a [place] ID: its headquarters\n"
"; Membership: nations whose line `GROUP = DATE` in data/nations.ini is on or before\n"
"; a table's date are members (\"Allies\"), the others partners, in these words:\n"
"; group = nato\n"
"; member = Ally\n"
"; members = NATO Allies\n"
"; nonmember = Partner\n"
"; nonmembers = Partners\n"
"\n"
"; Every fact names its source by ID; documents number them [1], [2]...\n"
"[source @ID@-source]\n"
"title = Title of the source document   ; required\n"
"; publisher = Organisation\n"
"; url = https://example.org/page\n"
"; date = @DATE@\n"
"; note = What the source is, and anything a reader should know about it\n"
"\n"
"; Texts the shipped layouts read, when the mission has them (layouts/README.md,\n"
"; \"Texts the layouts read\"): about, purpose, focus, structure, activities, summary,\n"
"; mission-statement, legal-framework, disclaimer, commands (a title alone: what the\n"
"; mission calls its commands), figures-note...\n"
"; [text about]\n"
"; title = The mission\n"
"; body = What the mission is, in its source's words.\n"
"; source = @ID@-source\n"
"\n"
"; [basis ID]: label (Legal basis, UN mandate), name, short, signed, ratified, adopted,\n"
"; summary, source.  [place ID]: name, role (a free word: hub, spoke, camp...), region,\n"
"; lat, lon, source.  [command ID]: name, short, hq (a place), lead (a nation), commander,\n"
"; commander_nation, source.  [event ID]: date, title, body, place, source.  [fund ID]:\n"
"; name, short, administrator, amount, currency, qualifier, period, established, as_of,\n"
"; body, source.  [list ID]: title, item (repeat), source.  See data/README.md.\n";

static const char snapshot_text[] =
"; data/@ID@/snapshots/@DATE@.ini.example - the form of one stated troop figure\n"
"; (format: data/README.md).  Only files ending in .ini are read: copy this one to\n"
"; @DATE@.ini (the name is only a name) when your source states a figure, put the\n"
"; figure in `total` and its date in `date`.  Add one file per dated figure; until\n"
"; there is one, the documents give no troop figure.\n"
"\n"
"[snapshot]\n"
"date = @DATE@                         ; required: the date the figure is as of\n"
"source = @ID@-source                ; required: a [source] of the mission file\n"
"total = NUMBER                      ; required: the stated number of troops\n"
"; qualifier = around                ; exact (default), around, more than, less than,\n"
";                                   ; at least, over\n"
"; nations = 27                      ; the stated number of nations\n"
"; note = Anything the source says about the figure\n"
"; A per-nation table: a [troops] section, `Nation = troops` (names from data/nations.ini,\n"
"; `Austria = around 10` with a qualifier).  `table = partial` in [snapshot] when the\n"
"; source itemises only some nations; rows without a name go in [unnamed] as `row = N`.\n"
"; [troops]\n"
"; Italy = 638\n";

static const char config_text[] =
"; config/@ID@.ini - builds the documents of the mission @UPPER@ (format: config/README.md).\n"
"; Written by `briefgen new-mission @ID@`.  Use: briefgen build -c config/@ID@.ini\n"
"; Paths are relative to the folder briefgen runs in.\n"
"\n"
"[data]\n"
"nations = data/nations.ini          ; the nations, shared by all missions\n"
"mission = data/@ID@/mission.ini     ; the mission's facts\n"
"snapshots = data/@ID@/snapshots     ; one file per dated troop figure\n"
"; geo = data/geo/countries.txt   ; the country outlines the maps draw\n"
"\n"
"[output]\n"
"dir = out                           ; where the documents go\n"
"\n"
"[schedule]\n"
"check_every = 300                   ; watch: seconds between checks of the inputs\n"
"rebuild_every = 86400               ; watch: rebuild everything this often anyway\n"
"; on_change = COMMAND               ; run after a build that changed something\n"
"\n"
"; Each [output NAME]: type (pdf, pack, xlsx), layout, file.  The shipped layouts\n"
"; serve every mission: what a mission lacks is left out.\n"
"[output factsheet]\n"
"type = pdf\n"
"layout = layouts/factsheet.ini\n"
"file = @ID@-factsheet.pdf\n"
"\n"
"[output placemat]\n"
"type = pdf\n"
"layout = layouts/placemat.ini\n"
"file = @ID@-placemat.pdf\n"
"\n"
"; A pack: cover, contents, and sections (`layout | title` gives a section its title);\n"
"; a section with nothing to say for the mission (no timeline, no funds) is left out.\n"
"[output briefing-pack]\n"
"type = pack\n"
"file = @ID@-briefing-pack.pdf\n"
"title = Briefing pack\n"
"cover = layouts/pack-cover.ini\n"
"contents = layouts/pack-contents.ini\n"
"section = layouts/factsheet.ini | Fact sheet\n"
"section = layouts/pack-timeline.ini\n"
"section = layouts/pack-troops.ini\n"
"section = layouts/pack-history.ini\n"
"section = layouts/pack-commands.ini\n"
"section = layouts/pack-funding.ini\n"
"section = layouts/pack-sources.ini\n"
"\n"
"[output contributions]\n"
"type = xlsx\n"
"layout = layouts/workbook.ini\n"
"file = @ID@-contributions.xlsx\n";

/* An ID names folders and files: lower-case letters, digits and '-'. */
static int
valid_id(const char *id)
{
	size_t n = strlen(id);

	return n > 0 && n <= 32 && id[0] != '-' &&
	    strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 || errno != ENOENT;
}

/* This month, as the starter's placeholder date. */
static void
this_month(char out[8])
{
	time_t t = time(NULL);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, 8, "%Y-%m", &tm) != 7)
		strcpy(out, "2000-01");
}

/* Append text to b with @ID@, @UPPER@ and @DATE@ replaced. */
static void
fill(struct buf *b, const char *text, const char *id, const char *upper,
    const char *date)
{
	static const char *const marks[] = {"@ID@", "@UPPER@", "@DATE@"};
	const char *vals[] = {id, upper, date};
	const char *at;
	size_t i;

	buf_add(b, "", 0);
	while ((at = strchr(text, '@')) != NULL) {
		buf_add(b, text, (size_t)(at - text));
		for (i = 0; i < 3; i++)
			if (str_starts(at, marks[i]))
				break;
		if (i < 3) {
			buf_puts(b, vals[i]);
			text = at + strlen(marks[i]);
		} else {
			buf_add(b, "@", 1);
			text = at + 1;
		}
	}
	buf_puts(b, text);
}

struct starter {
	const char *dir, *name, *text;
};

static int
write_one(const struct starter *s, const char *id, const char *upper,
    const char *date)
{
	struct buf b = {0};
	int rc;

	if (make_dirs(s->dir) < 0)
		return -1;
	fill(&b, s->text, id, upper, date);
	rc = write_atomic_buf(s->dir, s->name, &b);
	buf_free(&b);
	if (rc == 0)
		printf("wrote %s/%s\n", s->dir, s->name);
	return rc;
}

static int
usage(const char *msg, const char *arg)
{
	fprintf(stderr, "briefgen: error: ");
	fprintf(stderr, msg, arg);
	fprintf(stderr, " (see briefgen help new-mission)\n");
	return EXIT_USAGE;
}

int
cmd_new_mission(int argc, char **argv)
{
	static const struct option longs[] = {
		{"force", no_argument, NULL, 'f'}, {NULL, 0, NULL, 0}
	};
	char upper[33], date[8], *dirs[3], *names[3];
	struct starter st[3];
	int ch, force = 0, rc = EXIT_OK;
	size_t i;
	const char *id;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "f", longs, NULL)) != -1) {
		if (ch != 'f')
			return usage("unknown option '%s'", argv[optind - 1]);
		force = 1;
	}
	if (optind + 1 != argc)
		return usage("%s", "new-mission takes one ID");
	id = argv[optind];
	if (!valid_id(id))
		return usage("'%s' is not a mission ID (lower-case letters, "
		    "digits and '-', at most 32)", id);
	for (i = 0; id[i]; i++)
		upper[i] = (char)(id[i] >= 'a' && id[i] <= 'z' ?
		    id[i] - 'a' + 'A' : id[i]);
	upper[i] = '\0';
	this_month(date);
	dirs[0] = xasprintf("data/%s", id);
	names[0] = xstrdup("mission.ini");
	dirs[1] = xasprintf("data/%s/snapshots", id);
	names[1] = xasprintf("%s.ini.example", date);
	dirs[2] = xstrdup("config");
	names[2] = xasprintf("%s.ini", id);
	st[0] = (struct starter){dirs[0], names[0], mission_text};
	st[1] = (struct starter){dirs[1], names[1], snapshot_text};
	st[2] = (struct starter){dirs[2], names[2], config_text};
	/* Nothing is written when any of them is there already. */
	for (i = 0; i < 3 && !force; i++) {
		char *p = xasprintf("%s/%s", st[i].dir, st[i].name);

		if (exists(p)) {
			fprintf(stderr, "briefgen: error: %s exists; "
			    "new-mission does not overwrite (--force "
			    "does)\n", p);
			rc = EXIT_INVALID;
		}
		free(p);
	}
	if (!force && rc == EXIT_OK && exists(dirs[1])) {
		fprintf(stderr, "briefgen: error: %s exists; new-mission does "
		    "not add to it (--force does)\n", dirs[1]);
		rc = EXIT_INVALID;
	}
	for (i = 0; i < 3 && rc == EXIT_OK; i++)
		if (write_one(&st[i], id, upper, date) < 0)
			rc = EXIT_SYSTEM;
	if (rc == EXIT_OK)
		printf("next: edit data/%s/mission.ini, then briefgen check -c "
		    "config/%s.ini\n", id, id);
	for (i = 0; i < 3; i++) {
		free(dirs[i]);
		free(names[i]);
	}
	return rc;
}
