/* test_pack_config.c - a pack's keys in the configuration: section lines
 * with titles and restrictions, continued lines, and where each line is. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "capture.h"
#include "diag.h"
#include "load.h"

static const char head[] = "[data]\nnations = n\nmission = m\n"
    "snapshots = s\n";

static int
load(struct config *c, const char *outputs)
{
	char text[2048];
	int before = diag_errors();

	snprintf(text, sizeof(text), "%s%s", head, outputs);
	load_config_mem(c, "mem.ini", text, strlen(text));
	return diag_errors() - before;
}

Test(pack_config, section_lines_split_into_layout_title_and_restrictions)
{
	struct config c;
	const struct output *o;
	const struct pack_section *ps;

	cr_assert_eq(load(&c, "[output p]\ntype = pack\nfile = p.pdf\n"
	    "cover = c.ini\ncontents = t.ini\n"
	    "section = a.ini\n"
	    "section =  b.ini | Troops, 2020 |  snapshot=2020-02  command=x\n"
	    "section = c.ini | | fund=lotfa\n"
	    "section = d.ini | A title that goes on\n    and on\n"), 0);
	cr_assert_eq(c.noutputs, 1);
	o = &c.outputs[0];
	cr_assert_str_eq(o->contents, "t.ini");
	cr_assert_eq(o->contents_loc.line, 9);
	cr_assert_eq(o->nsections, 4);
	cr_assert_str_eq(o->sections[0], "a.ini");
	cr_assert_null(o->section_info[0].title);
	cr_assert_eq(o->section_info[0].nonly, 0);
	cr_assert_eq(o->section_info[0].loc.line, 10);
	ps = &o->section_info[1];
	cr_assert_str_eq(o->sections[1], "b.ini");
	cr_assert_str_eq(ps->title, "Troops, 2020");
	cr_assert_eq(ps->nonly, 2);
	cr_assert_str_eq(ps->only[0].kind, "snapshot");
	cr_assert_str_eq(ps->only[0].id, "2020-02");
	cr_assert_str_eq(ps->only[1].kind, "command");
	cr_assert_str_eq(ps->only[1].id, "x");
	cr_assert_eq(ps->loc.line, 11);
	cr_assert_null(o->section_info[2].title);
	cr_assert_str_eq(o->section_info[2].only[0].id, "lotfa");
	cr_assert_str_eq(o->section_info[3].title,
	    "A title that goes on and on");
	cr_assert_eq(o->section_info[3].loc.line, 13);
	config_free(&c);
}

Test(pack_config, pack_keys_belong_to_packs, .init = capture_begin,
    .fini = capture_end)
{
	struct config c;

	/* no cover; no sections; a layout; pack keys on a pdf (3) */
	cr_assert_eq(load(&c, "[output p]\ntype = pack\nfile = p.pdf\n"
	    "[output q]\ntype = pack\nfile = q.pdf\nlayout = x.ini\n"
	    "cover = c.ini\nsection = s.ini\n"
	    "[output r]\ntype = pdf\nfile = r.pdf\nlayout = r.ini\n"
	    "cover = c.ini\ncontents = t.ini\nsection = s.ini\n"), 6);
	cr_assert_str_eq(capture_take(),
	    "mem.ini:5: error: pack 'p' needs 'cover = LAYOUT'\n"
	    "mem.ini:5: error: pack 'p' needs at least one 'section = LAYOUT'\n"
	    "mem.ini:11: error: a pack has no 'layout': its layouts are "
	    "'cover', 'contents' and 'section'\n"
	    "mem.ini:18: error: 'cover' is a key of packs (type = pack)\n"
	    "mem.ini:19: error: 'contents' is a key of packs (type = pack)\n"
	    "mem.ini:20: error: 'section' is a key of packs (type = pack)\n");
	config_free(&c);
	/* four parts; no layout; a word that is not KIND=ID */
	cr_assert_eq(load(&c, "[output p]\ntype = pack\nfile = p.pdf\n"
	    "cover = c.ini\nsection = a | b | c=d | e\nsection = | t\n"
	    "section = a | | command\n"), 3);
	cr_assert_str_eq(capture_take(),
	    "mem.ini:9: error: a section line has at most three parts: "
	    "LAYOUT | TITLE | KIND=ID ...\n"
	    "mem.ini:10: error: a section line needs a layout file first\n"
	    "mem.ini:11: error: 'command' in a section line is not KIND=ID "
	    "(e.g. command=taac-north)\n");
	config_free(&c);
	diag_reset();
}
