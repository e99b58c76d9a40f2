/* import_common.c - the command line, the total check and the snapshot
 * writer that `import placemat` and `import csv` share (import_common.h).
 * The rules are in data/README.md, "Importing a placemat". */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "build.h"
#include "cmd.h"
#include "diag.h"
#include "import_common.h"
#include "ini_read.h"
#include "load.h"
#include "schema.h"
#include "write.h"

#define STDIN_NAME "<stdin>"
#define DEFAULT_NATIONS "data/nations.ini"
#define WRITTEN_MAX 80          /* bytes of a source row quoted in a comment */

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

static int
opt_number(const char *opt, const char *s, long min, long *out)
{
	if (num_parse_long(s, min, LOAD_MAX_TROOPS, out) < 0) {
		diag_file_error(NULL, "%s '%s': expected a whole number from "
		    "%ld to %ld%s", opt, s, min, LOAD_MAX_TROOPS,
		    strcmp(opt, "--nations") == 0 ? " (the nations file is "
		    "--nations-file FILE)" : "");
		return -1;
	}
	return 0;
}

static int
opt_qual(const char *s, struct import_opts *o)
{
	if (qual_parse(s, &o->qual) < 0) {
		diag_file_error(NULL, "--qualifier '%s': expected exact, "
		    "around, more than, less than, at least or over", s);
		return -1;
	}
	o->has_qual = 1;
	return 0;
}

static int
opt_column(const char *s, struct import_opts *o)
{
	long v;

	if (strcmp(o->kind, "csv") == 0) {
		o->column_name = s;
		return 0;
	}
	if (num_parse_long(s, 1, 100, &v) < 0) {
		diag_file_error(NULL, "--column '%s': expected the number of "
		    "the troop column, 1 for the first number after the name",
		    s);
		return -1;
	}
	o->column = (int)v;
	return 0;
}

enum { O_PARTIAL = 256, O_TOTAL, O_QUAL, O_NATIONS, O_NFILE, O_COLUMN,
	O_NCOLUMN };

/* One option; -1 (usage, reported) when it or its value is bad. */
static int
take_opt(int ch, int argc, char **argv, struct import_opts *o,
    const char **date)
{
	switch (ch) {
	case 'd': *date = optarg; return 0;
	case 's': o->source = optarg; return check_source(optarg);
	case O_NFILE: o->nations_file = optarg; return 0;
	case 'o': o->output = optarg; return 0;
	case 'f': o->force = 1; return 0;
	case O_PARTIAL: o->partial = 1; return 0;
	case O_TOTAL: return opt_number("--total", optarg, 0, &o->total);
	case O_NATIONS: return opt_number("--nations", optarg, 1, &o->nations);
	case O_QUAL: return opt_qual(optarg, o);
	case O_COLUMN: return opt_column(optarg, o);
	case O_NCOLUMN:
		if (strcmp(o->kind, "csv") != 0) {
			diag_file_error(NULL, "--nation-column is for import "
			    "csv (see briefgen help import)");
			return -1;
		}
		o->nation_column = optarg;
		return 0;
	case ':':
		diag_file_error(NULL, "option '%s' needs a value",
		    argv[optind - 1]);
		return -1;
	default:
		break;
	}
	diag_file_error(NULL, "bad option '%s' (see briefgen help import)",
	    optind - 1 < argc ? argv[optind - 1] : "?");
	return -1;
}

static int
check_opts(struct import_opts *o, const char *date)
{
	if (date == NULL) {
		diag_file_error(NULL, "--date is required (YYYY-MM or "
		    "YYYY-MM-DD: the date the source gives its figures for)");
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

int
import_parse_opts(int argc, char **argv, struct import_opts *o)
{
	static const struct option lo[] = {
		{"date", required_argument, NULL, 'd'},
		{"source", required_argument, NULL, 's'},
		{"nations-file", required_argument, NULL, O_NFILE},
		{"output", required_argument, NULL, 'o'},
		{"force", no_argument, NULL, 'f'},
		{"partial", no_argument, NULL, O_PARTIAL},
		{"total", required_argument, NULL, O_TOTAL},
		{"qualifier", required_argument, NULL, O_QUAL},
		{"nations", required_argument, NULL, O_NATIONS},
		{"column", required_argument, NULL, O_COLUMN},
		{"nation-column", required_argument, NULL, O_NCOLUMN},
		{NULL, 0, NULL, 0}
	};
	const char *date = NULL, *kind = argv[0];
	int ch;

	memset(o, 0, sizeof(*o));
	o->kind = kind;
	o->nations_file = DEFAULT_NATIONS;
	o->total = -1;
	o->nations = -1;
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
	return check_opts(o, date);
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

int
import_read(const struct import_opts *o, char **text, size_t *len)
{
	if (o->input)
		return file_slurp(o->input, text, len);
	return read_stdin(text, len);
}

/* ---- the stated total: complete or partial ---- */

struct outcome {
	long total;
	enum qual qual;
	long nations;           /* -1: not stated */
	int partial;
};

/* Does `sum` fit a total stated with qualifier q?  As briefgen check
 * holds a table to it: "around" allows 10%. */
static int
fits(long sum, long total, enum qual q)
{
	switch (q) {
	case QUAL_EXACT: return sum == total;
	case QUAL_AROUND: return labs(sum - total) * 10 <= total;
	case QUAL_MORE_THAN:
	case QUAL_OVER: return sum > total;
	case QUAL_AT_LEAST: return sum >= total;
	case QUAL_LESS_THAN: return sum < total;
	default: return 1;
	}
}

/* The qualifier of a sum of rows some of which are qualified. */
static enum qual
sum_qual(const struct import_table *t)
{
	enum qual q = QUAL_EXACT, r;
	size_t i, n = t->nrows + t->nunnamed;

	for (i = 0; i < n; i++) {
		r = i < t->nrows ? t->rows[i].qual :
		    t->unnamed[i - t->nrows].qual;
		if (r == QUAL_OVER)
			r = QUAL_MORE_THAN;
		if (r == QUAL_EXACT || r == q)
			continue;
		if (q == QUAL_EXACT)
			q = r;
		else if ((q == QUAL_MORE_THAN && r == QUAL_AT_LEAST) ||
		    (q == QUAL_AT_LEAST && r == QUAL_MORE_THAN))
			q = QUAL_AT_LEAST;
		else
			q = QUAL_AROUND;
	}
	return q;
}

/* No total stated anywhere: the sum of the rows is the total. */
static int
no_total(const struct import_opts *o, const struct import_table *t,
    const struct loc *loc, struct outcome *out)
{
	if (o->partial) {
		diag_error(loc, "--partial: a partial table needs its stated "
		    "total, and the text states none (give --total N)");
		return -1;
	}
	if (t->nothers) {
		struct loc ol = {loc->file, t->others_line};

		diag_error(&ol, "troops of nations not named, but no stated "
		    "total to check them against (give --total N)");
		return -1;
	}
	out->total = t->sum;
	out->qual = sum_qual(t);
	diag_warning(loc, "no stated total: the total is the sum of the %zu "
	    "rows, %ld%s%s", t->nrows + t->nunnamed, t->sum,
	    out->qual != QUAL_EXACT ? ", " : "",
	    out->qual != QUAL_EXACT ? qual_name(out->qual) : "");
	return 0;
}

/* The stated total: the text's, or --total, which must agree. */
static int
stated_total(const struct import_opts *o, const struct import_table *t,
    const struct loc *loc, struct outcome *out)
{
	out->total = t->total_line ? t->total : o->total;
	out->qual = t->total_line ? t->total_qual : QUAL_EXACT;
	if (t->total_line && o->total >= 0 && o->total != t->total) {
		diag_error(loc, "--total %ld, but the text states a total of "
		    "%ld here", o->total, t->total);
		return -1;
	}
	if (o->has_qual) {
		if (t->total_line && t->total_qual != QUAL_EXACT &&
		    t->total_qual != o->qual)
			diag_warning(loc, "--qualifier '%s' replaces '%s', the "
			    "qualifier the text gives its total",
			    qual_name(o->qual), qual_name(t->total_qual));
		out->qual = o->qual;
	}
	return 0;
}

/* The rows against a stated total: 1 complete, 0 partial, -1 an error.
 * Rows with a qualifier make their sum approximate: it is then held to the
 * total as an "around" one is, as briefgen check does. */
static int
compare(const struct import_opts *o, const struct import_table *t,
    const struct loc *loc, const struct outcome *out)
{
	long all = t->sum + t->others;
	size_t n = t->nrows + t->nunnamed;
	enum qual q = out->qual == QUAL_EXACT && t->inexact ? QUAL_AROUND :
	    out->qual;

	if (t->nothers && q == QUAL_EXACT && all != out->total) {
		diag_error(loc, "the %zu rows (%ld) and the troops of nations not "
		    "named (%ld) add up to %ld, but the stated total is %ld (a "
		    "difference of %+ld)", n, t->sum, t->others, all,
		    out->total, all - out->total);
		return -1;
	}
	if (all > out->total && !fits(all, out->total, q)) {
		if (q == QUAL_EXACT)
			diag_error(loc, "the %zu rows add up to %ld, more than "
			    "the stated total of %ld (a difference of %+ld)", n,
			    t->sum, out->total, t->sum - out->total);
		else
			diag_error(loc, "the %zu rows add up to %ld, more than "
			    "a stated total of %s %ld allows", n, all,
			    qual_name(out->qual), out->total);
		return -1;
	}
	if (t->nothers == 0 && fits(t->sum, out->total, q)) {
		if (t->inexact && out->qual == QUAL_EXACT &&
		    t->sum != out->total)
			diag_warning(loc, "the %zu rows add up to about %ld (some "
			    "are qualified), the stated total is %ld", n, t->sum,
			    out->total);
		return !o->partial;
	}
	if (!o->partial) {
		diag_error(loc, "the %zu rows add up to %ld, less than the "
		    "stated total of %ld: they itemise part of it (%ld not "
		    "itemised); --partial imports them as a partial table", n,
		    t->sum, out->total, out->total - t->sum);
		return -1;
	}
	return 0;
}

/* The stated number of nations: --nations, or the rows of a complete
 * table. */
static int
nations(const struct import_opts *o, const struct import_table *t,
    const struct loc *loc, struct outcome *out)
{
	long n = (long)(t->nrows + t->nunnamed);

	out->nations = o->nations >= 0 ? o->nations :
	    t->nations > 0 ? t->nations : -1;
	if (o->nations >= 0 && t->nations > 0 && o->nations != t->nations) {
		diag_error(loc, "--nations %ld, but the text states %ld nations "
		    "here", o->nations, t->nations);
		return -1;
	}
	if (out->nations >= 0 && n > out->nations) {
		diag_error(loc, "the table has %ld rows, more than the %ld "
		    "nations stated", n, out->nations);
		return -1;
	}
	if (!out->partial && out->nations >= 0 && n != out->nations) {
		diag_error(loc, "the table has %ld rows, but %ld nations are "
		    "stated (--partial if it itemises part of them)", n,
		    out->nations);
		return -1;
	}
	if (!out->partial)
		out->nations = n;
	return 0;
}

static int
account(const struct import_opts *o, const struct import_table *t,
    struct outcome *out)
{
	struct loc loc = {diag_intern(o->name), t->total_line};
	int c;

	memset(out, 0, sizeof(*out));
	if (t->total_line == 0 && o->total < 0) {
		if (no_total(o, t, &loc, out) < 0)
			return -1;
		out->partial = 0;
	} else {
		if (stated_total(o, t, &loc, out) < 0 ||
		    (c = compare(o, t, &loc, out)) < 0)
			return -1;
		out->partial = c == 0;
	}
	if (nations(o, t, &loc, out) < 0)
		return -1;
	if (out->partial) {
		char of[40] = "";

		if (out->nations >= 0)
			snprintf(of, sizeof(of), " of %ld", out->nations);
		diag_warning(&loc, "a partial table: %zu%s nations itemised, "
		    "%ld of %ld troops (%ld not itemised)",
		    t->nrows + t->nunnamed, of, t->sum, out->total,
		    out->total - t->sum);
	}
	return 0;
}

/* ---- the snapshot file (format: data/README.md) ---- */

static int
cmp_row(const void *a, const void *b)
{
	const struct import_row *x = a, *y = b;

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

/* s, at most WRITTEN_MAX bytes cut at a character, blanks for controls. */
static void
put_written(struct buf *b, const char *s)
{
	size_t n = strlen(s), i;

	if (n > WRITTEN_MAX) {
		n = WRITTEN_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++)
		buf_add(b, (unsigned char)s[i] < 0x20 ? " " : &s[i], 1);
	if (n < strlen(s))
		buf_puts(b, "...");
}

static void
put_row(struct buf *b, const struct import_row *r)
{
	size_t start = b->len;

	if (r->nation)
		buf_printf(b, "%s = ", r->nation->name);
	else
		buf_puts(b, "row = ");
	if (r->qual != QUAL_EXACT)
		buf_printf(b, "%s ", qual_name(r->qual));
	buf_printf(b, "%ld", r->troops);
	if (r->written) {
		while (b->len - start < 32)
			buf_add(b, " ", 1);
		buf_printf(b, " ; line %d: '", r->line);
		put_written(b, r->written);
		buf_puts(b, "'");
	}
	buf_puts(b, "\n");
}

/* The note: names kept as the source writes them, troops of nations not
 * named.  One line, no ';' (it would start a comment). */
static void
put_note(struct buf *b, const struct import_table *t)
{
	size_t i, k = 0;

	for (i = 0; i < t->nrows; i++) {
		const struct import_row *r = &t->rows[i];

		if (!r->alias || strchr(r->alias, ';'))
			continue;
		buf_puts(b, k++ ? ", " : "note = The source writes ");
		buf_printf(b, "%s for %s", r->alias, r->nation->name);
	}
	if (k)
		buf_puts(b, ".");
	if (t->nothers)
		buf_printf(b, "%sThe source gives %ld troops of nations it does "
		    "not name.", k ? " " : "note = ", t->others);
	if (k || t->nothers)
		buf_puts(b, "\n");
}

static void
snapshot_text(const struct import_opts *o, struct import_table *t,
    const struct outcome *out, struct buf *b)
{
	const char *from = comment_name(o->name);
	char date[11];
	size_t i;

	buf_printf(b, "; Imported by briefgen import %s%s%s, ", o->kind,
	    from ? " from " : "", from ? from : "");
	if (t->first_line == t->last_line)
		buf_printf(b, "line %d.\n", t->first_line);
	else
		buf_printf(b, "lines %d-%d.\n", t->first_line, t->last_line);
	buf_puts(b, "; A comment after a row quotes the source where it is "
	    "not a plain 'Name N'.\n\n");
	date_iso(&o->date, date);
	buf_printf(b, "[snapshot]\ndate = %s\n", date);
	if (o->source)
		buf_printf(b, "source = %s\n", o->source);
	buf_printf(b, "total = %ld\nqualifier = %s\n", out->total,
	    qual_name(out->qual));
	if (out->nations >= 0)
		buf_printf(b, "nations = %ld\n", out->nations);
	if (out->partial)
		buf_puts(b, "table = partial\n");
	put_note(b, t);
	if (t->nrows) {
		buf_puts(b, "\n[troops]\n");
		qsort(t->rows, t->nrows, sizeof(*t->rows), cmp_row);
		for (i = 0; i < t->nrows; i++)
			put_row(b, &t->rows[i]);
	}
	if (t->nunnamed) {
		buf_puts(b, "\n[unnamed]\n");
		for (i = 0; i < t->nunnamed; i++)
			put_row(b, &t->unnamed[i]);
	}
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

/* -o never replaces a file without --force: a snapshot may hold edits. */
static int
check_exists(const struct import_opts *o)
{
	struct stat st;

	if (o->force || lstat(o->output, &st) < 0)
		return 0;
	diag_file_error(o->output, "exists; nothing written (--force "
	    "replaces it)");
	return -1;
}

static int
write_output(const struct import_opts *o, struct buf *b)
{
	const char *slash;
	char *dir;
	int rc;
	char *inputs[2] = {(char *)o->input, (char *)o->nations_file};

	if (o->output == NULL)
		return write_stdout(b);
	/* Never onto its own input or the nations file, never over a
	 * device or a link (write.c); then, only with --force, over a file. */
	if (write_refuse_input(o->output, inputs, 2, "the snapshot") < 0 ||
	    write_check_target(o->output, 0) < 0 || check_exists(o) < 0)
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

int
import_finish(const struct import_opts *o, struct import_table *t)
{
	struct outcome out;
	struct buf b = {0};
	int rc;

	if (account(o, t, &out) < 0)
		return -1;
	if (o->source == NULL)
		diag_warning(NULL, "no --source: add 'source = ID' (a [source] "
		    "of the mission) to [snapshot] before using the file");
	snapshot_text(o, t, &out, &b);
	rc = write_output(o, &b);
	buf_free(&b);
	return rc;
}

/* ---- the command ---- */

int
cmd_import(int argc, char **argv)
{
	struct import_opts o;
	struct model m = {0};

	if (argc < 2 || (strcmp(argv[1], "placemat") != 0 &&
	    strcmp(argv[1], "csv") != 0)) {
		diag_file_error(NULL, "import: expected 'placemat' or 'csv' "
		    "(see briefgen help import)");
		return EXIT_USAGE;
	}
	if (import_parse_opts(argc - 1, argv + 1, &o) < 0)
		return EXIT_USAGE;
	if (load_nations(&m, o.nations_file) == 0) {
		if (strcmp(o.kind, "csv") == 0)
			cmd_import_csv(&o, &m);
		else
			cmd_import_placemat(&o, &m);
	}
	model_free(&m);
	return exit_status();
}
