/* import_placemat.c - `briefgen import placemat`: the text of a published
 * placemat in (a file or stdin), a snapshot data file out (stdout or -o,
 * written atomically).  The table itself is found by placemat_parse.c;
 * this file does the command line, the reading and the writing.  Nothing
 * is written when anything is wrong. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "cmd.h"
#include "diag.h"
#include "ini_read.h"
#include "load.h"
#include "placemat_parse.h"
#include "schema.h"
#include "write.h"

#define STDIN_NAME "<stdin>"
#define DEFAULT_NATIONS "data/nations.ini"

struct import_opts {
	const char *input;      /* NULL: stdin */
	const char *name;       /* the input, as diagnostics call it */
	const char *source;     /* NULL: not given */
	const char *nations;
	const char *output;     /* NULL: stdout */
	struct date date;
	int force;
};

/* ---- the command line ---- */

static int
check_date(const char *s, struct date *d)
{
	if (date_parse(s, d) < 0 || d->prec < DATE_MONTH) {
		diag_file_error(NULL, "--date '%s': expected a real date as "
		    "YYYY-MM or YYYY-MM-DD", s);
		return -1;
	}
	return 0;
}

static int
check_source(const char *s)
{
	if (!schema_is_id(s)) {
		diag_file_error(NULL, "--source '%s': expected an ID (letters, "
		    "digits, '-', '_' and '.')", s);
		return -1;
	}
	return 0;
}

/* One option; -1 (usage, reported) when it or its value is bad. */
static int
take_opt(int ch, int argc, char **argv, struct import_opts *o,
    const char **date)
{
	switch (ch) {
	case 'd': *date = optarg; return 0;
	case 's': o->source = optarg; return check_source(optarg);
	case 'n': o->nations = optarg; return 0;
	case 'o': o->output = optarg; return 0;
	case 'f': o->force = 1; return 0;
	case ':':
		diag_file_error(NULL, "option '%s' needs a value",
		    argv[optind - 1]);
		return -1;
	default:
		diag_file_error(NULL, "bad option '%s' (see briefgen help "
		    "import)", optind - 1 < argc ? argv[optind - 1] : "?");
		return -1;
	}
}

/* argv[0] is "placemat".  Returns 0, or -1 after reporting bad usage. */
static int
parse_opts(int argc, char **argv, struct import_opts *o)
{
	static const struct option lo[] = {
		{"date", required_argument, NULL, 'd'},
		{"source", required_argument, NULL, 's'},
		{"nations", required_argument, NULL, 'n'},
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'f'},
		{NULL, 0, NULL, 0}
	};
	const char *date = NULL;
	int ch;

	memset(o, 0, sizeof(*o));
	o->nations = DEFAULT_NATIONS;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":o:", lo, NULL)) != -1)
		if (take_opt(ch, argc, argv, o, &date) < 0)
			return -1;
	if (optind < argc && strcmp(argv[optind], "-") != 0)
		o->input = argv[optind];
	if (optind < argc)
		optind++;
	if (optind < argc) {
		diag_file_error(NULL, "unexpected argument '%s'", argv[optind]);
		return -1;
	}
	if (date == NULL) {
		diag_file_error(NULL, "--date is required (YYYY-MM or "
		    "YYYY-MM-DD: the date the placemat gives its figures for)");
		return -1;
	}
	if (o->output && (*o->output == '\0' ||
	    o->output[strlen(o->output) - 1] == '/')) {
		diag_file_error(NULL, "-o '%s': expected a file name",
		    o->output);
		return -1;
	}
	o->name = o->input ? o->input : STDIN_NAME;
	return check_date(date, &o->date);
}

/* ---- reading ---- */

static int
read_stdin(char **text, size_t *len)
{
	struct buf b = {0};
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (b.len + n > (size_t)INI_FILE_MAX) {
			diag_file_error(STDIN_NAME, "the input is more than %ld "
			    "bytes", INI_FILE_MAX);
			buf_free(&b);
			return -1;
		}
		buf_add(&b, chunk, n);
	}
	if (ferror(stdin)) {
		diag_sys_error(STDIN_NAME, "read error: %s", strerror(errno));
		buf_free(&b);
		return -1;
	}
	buf_add(&b, "", 0);     /* an empty input is "" too, never NULL */
	*text = b.data;
	*len = b.len;
	return 0;
}

static int
read_input(const struct import_opts *o, char **text, size_t *len)
{
	if (o->input)
		return file_slurp(o->input, text, len);
	return read_stdin(text, len);
}

/* ---- the snapshot file (format: data/README.md) ---- */

/* Rows point into one array of nations: their order is the file's. */
static int
cmp_row(const void *a, const void *b)
{
	const struct placemat_row *x = a, *y = b;

	return (x->nation > y->nation) - (x->nation < y->nation);
}

/* The input's file name for the comment at the top, when it is short,
 * printable text (it lands in an INI file that limits its lines). */
static const char *
comment_name(const char *name)
{
	const char *b = strrchr(name, '/');
	size_t i, n;

	b = b ? b + 1 : name;
	n = strlen(b);
	if (n == 0 || n > 100 || utf8_check(b, n) >= 0)
		return NULL;
	for (i = 0; i < n; i++)
		if ((unsigned char)b[i] < 0x20 || b[i] == 0x7f)
			return NULL;
	return b;
}

/* A total kept with --force is marked `around`: it is the figure the
 * placemat states, but not an exact one, and `briefgen check` holds an
 * exact total to the sum of the rows. */
static void
snapshot_head(const struct import_opts *o, const struct placemat *p,
    int forced, struct buf *b)
{
	const char *from = comment_name(o->name);
	char date[11];

	buf_printf(b, "; Imported by briefgen import placemat%s%s, ",
	    from ? " from " : "", from ? from : "");
	if (p->first_line == p->last_line)
		buf_printf(b, "line %d.\n\n", p->first_line);
	else
		buf_printf(b, "lines %d-%d.\n\n", p->first_line,
		    p->last_line);
	date_iso(&o->date, date);
	buf_printf(b, "[snapshot]\ndate = %s\n", date);
	if (o->source)
		buf_printf(b, "source = %s\n", o->source);
	buf_printf(b, "total = %ld\nqualifier = %s\nnations = %zu\n",
	    p->total_line ? p->total : p->sum,
	    qual_name(forced ? QUAL_AROUND : QUAL_EXACT), p->nrows);
}

/* The rows in nations.ini order (its sections are alphabetical), under the
 * names nations.ini gives them. */
static void
snapshot_text(const struct import_opts *o, struct placemat *p, int forced,
    struct buf *b)
{
	size_t i;

	snapshot_head(o, p, forced, b);
	if (forced)
		buf_printf(b, "note = The rows of the table add up to %ld, not "
		    "to its stated total of %ld: the stated total is kept, as "
		    "'%s' (imported with --force).\n", p->sum, p->total,
		    qual_name(QUAL_AROUND));
	buf_puts(b, "\n[troops]\n");
	qsort(p->rows, p->nrows, sizeof(*p->rows), cmp_row);
	for (i = 0; i < p->nrows; i++)
		buf_printf(b, "%s = %ld\n", p->rows[i].nation->name,
		    p->rows[i].troops);
}

/* ---- writing ---- */

static int
write_stdout(const struct buf *b)
{
	if (fwrite(b->data, 1, b->len, stdout) != b->len ||
	    fflush(stdout) != 0) {
		diag_sys_error("<stdout>", "write failed: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int
write_output(const struct import_opts *o, struct buf *b)
{
	const char *slash;
	char *dir;
	int rc;

	char *inputs[2] = {(char *)o->input, (char *)o->nations};

	if (o->output == NULL)
		return write_stdout(b);
	/* Never onto its own input or the nations file (write.c). */
	if (write_refuse_input(o->output, inputs, 2, "the snapshot") < 0)
		return -1;
	slash = strrchr(o->output, '/');
	if (slash == NULL)
		return write_atomic_buf(".", o->output, b);
	dir = slash == o->output ? xstrdup("/") :
	    xstrndup(o->output, (size_t)(slash - o->output));
	rc = write_atomic_buf(dir, slash + 1, b);
	free(dir);
	return rc;
}

/* ---- the command ---- */

static void
import(const struct import_opts *o, const struct model *m)
{
	struct placemat p;
	struct buf out = {0};
	char *text = NULL;
	size_t len = 0;
	int forced;

	if (read_input(o, &text, &len) < 0)
		return;
	if (placemat_parse(o->name, text, len, m, &p) == 0 &&
	    (forced = placemat_check_total(&p, o->name, o->force)) >= 0) {
		if (o->source == NULL)
			diag_warning(NULL, "no --source: add 'source = ID' (a "
			    "[source] of the mission) to [snapshot] before "
			    "using the file");
		snapshot_text(o, &p, forced, &out);
		write_output(o, &out);
	}
	buf_free(&out);
	placemat_free(&p);
	free(text);
}

int
cmd_import(int argc, char **argv)
{
	struct import_opts o;
	struct model m = {0};

	if (argc < 2 || strcmp(argv[1], "placemat") != 0) {
		diag_file_error(NULL, "import: expected 'placemat' (see "
		    "briefgen help import)");
		return EXIT_USAGE;
	}
	if (parse_opts(argc - 1, argv + 1, &o) < 0)
		return EXIT_USAGE;
	if (load_nations(&m, o.nations) == 0)
		import(&o, &m);
	model_free(&m);
	return exit_status();
}
