/* test_pdf_template.c - {field} templates: compiling, optional groups,
 * braces, formats, and names that do not exist. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "capture.h"
#include "diag.h"
#include "template.h"

static struct model m;
static char name[] = "Resolute Support Mission", acronym[] = "RSM",
    country[] = "Afghanistan";

static void
setup(void)
{
	memset(&m, 0, sizeof(m));
	m.mission.name = name;
	m.mission.acronym = acronym;
	date_parse("2015-01-01", &m.mission.launched);
}

static const struct tmpl_var vars[] = {
	{"pack.title", "Briefing pack"}, {"pack.empty", NULL}, {NULL, NULL}
};
static enum fmt_pagestyle pagestyle;
static const char *section = "Timeline";

/* Expand src; "ERROR" when it does not compile. */
static const char *
expand(const char *src)
{
	static char out[256];
	struct tmpl_scope sc = {&m, NULL, NULL, TS_PAGE | TS_SECTION, vars};
	struct loc loc = {"test.ini", 1};
	struct fmt_locale l;
	struct tmpl t;
	struct tmpl_env env = {&m, NULL, 0, 3, 7, 0, &l, section, pagestyle};
	struct buf b = {0};

	fmt_locale_init(&l, "en");
	if (tmpl_compile(&t, src, &loc, &sc) < 0) {
		tmpl_free(&t);
		return "ERROR";
	}
	tmpl_expand(&t, &env, &b);
	snprintf(out, sizeof(out), "%s", b.data);
	buf_free(&b);
	tmpl_free(&t);
	return out;
}

/* src does not compile, and says exactly why. */
static void
fails(const char *src, const char *why)
{
	char want[512];

	cr_assert_str_eq(expand(src), "ERROR", "'%s' compiled", src);
	snprintf(want, sizeof(want), "test.ini:1: error: %s\n", why);
	cr_assert_str_eq(capture_take(), want);
}

static void
begin(void)
{
	setup();
	capture_begin();
}

TestSuite(pdf_template, .init = begin, .fini = capture_end);

Test(pdf_template, fields_and_specials)
{
	cr_assert_str_eq(expand("{mission.name} ({mission.acronym})"),
	    "Resolute Support Mission (RSM)");
	cr_assert_str_eq(expand("since {mission.launched}"),
	    "since 1 January 2015");
	cr_assert_str_eq(expand("{mission.launched:year}"), "2015");
	cr_assert_str_eq(expand("Page {page} of {pages}"), "Page 3 of 7");
	cr_assert_str_eq(expand("{{literal}} [1] a\\nb"), "{literal} [1] a\nb");
}

Test(pdf_template, optional_groups_vanish_when_empty)
{
	cr_assert_str_eq(expand("{mission.acronym}[[ in {mission.country}]]."),
	    "RSM.");
	m.mission.country = country;
	cr_assert_str_eq(expand("{mission.acronym}[[ in {mission.country}]]."),
	    "RSM in Afghanistan.");
}

Test(pdf_template, mistakes_do_not_compile)
{
	fails("{mission.nmae}", "unknown field 'mission.nmae'");
	fails("{mission.name", "'{' without '}' (write '{{' for a brace)");
	fails("mission}", "'}' without '{' (write '}}' for a brace)");
	fails("{mission.name:percentage}", "unknown format 'percentage' in "
	    "'{mission.name:percentage}' (formats: number, plain, percent, "
	    "thousands, millions, billions (each with an optional number of "
	    "decimals: percent1), date, iso, year, upper, yesno, mark)");
	fails("{troops}", "unknown field 'troops' (fields are written as "
	    "kind.name, e.g. {mission.name}; here also {page} and {pages})");
	/* The inner ']]' closes the outer group: the last has no '[['. */
	cr_assert_str_eq(expand("[[a [[b]] c]]"), "ERROR");
	cr_assert_str_eq(capture_take(), "test.ini:1: error: optional groups "
	    "'[[ ]]' do not nest\ntest.ini:1: error: ']]' without '[['\n");
	fails("[[open", "'[[' without ']]'");
	fails("]]close", "']]' without '[['");
	fails("{}", "empty or over-long name in '{}'");
}

Test(pdf_template, section_vars_and_page_styles)
{
	cr_assert_str_eq(expand("{section} | {pack.title}"),
	    "Timeline | Briefing pack");
	cr_assert_str_eq(expand("[[{pack.empty}: ]]{section}"), "Timeline");
	section = NULL;
	cr_assert_str_eq(expand("[[{section} · ]]{mission.acronym}"), "RSM");
	pagestyle = PN_ROMAN;
	cr_assert_str_eq(expand("Page {page} of {pages}"), "Page iii of vii");
	cr_assert_str_eq(expand("{page:plain}"), "3");
	pagestyle = PN_UPPER_ROMAN;
	cr_assert_str_eq(expand("{page}"), "III");
	fails("{pack.nothing}", "unknown field 'pack.nothing'");
	cr_assert_str_eq(capture_take(), "", "nothing else was said");
}

/* A group may end in a mark's bracket: "]]]" in a group is "]" and the
 * group's end; outside a group "]]" alone still closes nothing. */
Test(pdf_template, a_group_ends_in_a_bracket)
{
	cr_assert_str_eq(expand("{mission.acronym}[[ [{mission.country}]]]."),
	    "RSM.");
	m.mission.country = country;
	cr_assert_str_eq(expand("{mission.acronym}[[ [{mission.country}]]]."),
	    "RSM [Afghanistan].");
	cr_assert_str_eq(expand("[[[{mission.acronym}]]]"), "[RSM]");
	fails("{mission.acronym}]]", "']]' without '[['");
}

/* A source number as its mark. */
Test(pdf_template, mark_format)
{
	struct fmt_spec f;
	struct fmt_locale l;
	struct qvalue v = {0};
	struct buf b = {0};

	fmt_locale_init(&l, "en");
	cr_assert_eq(fmt_parse("mark", &f), 0);
	v.type = QV_INT;
	v.i = 12;
	fmt_value(&v, &f, &l, &b);
	cr_assert_str_eq(b.data, "[12]");
	buf_free(&b);
}
