/* load.h - the loaders: configuration and data files into their structs.
 * Loaders never draw; renderers never read files. */
#ifndef BRIEFGEN_LOAD_H
#define BRIEFGEN_LOAD_H

#include "model.h"

enum output_type { OUT_PDF = 0, OUT_XLSX, OUT_PACK, OUT_TEXT, OUT__MAX };

/* A pack section restricted to one item: `command=taac-north` shows the
 * section as if the model held that command only. */
struct pack_only {
	char *kind, *id;
};

/* What a pack's `section = LAYOUT [| TITLE [| KIND=ID ...]]` line says
 * besides its layout (which is output.sections[i]). */
struct pack_section {
	struct loc loc;
	char *line;             /* as written */
	char *title;            /* NULL: the layout's [document] section */
	struct pack_only *only;
	size_t nonly;
};

struct output {                 /* [output NAME] */
	struct loc loc;
	char *name;
	int type;               /* enum output_type */
	char *file;             /* relative to the output folder */
	char *layout;           /* pdf, xlsx: the layout file */
	char *cover;            /* pack: the cover layout */
	char *title;            /* pack: title on the cover (optional) */
	char **sections;        /* pack: section layouts, in order */
	size_t nsections;
	struct pack_section *section_info;      /* pack: one per section */
	char *contents;         /* pack: the contents page's layout (optional) */
	char *pdfa;             /* pdf, pack: PDF/A level ("2a"), NULL: none */
	struct loc file_loc, layout_loc, cover_loc, contents_loc, pdfa_loc;
};

struct config {
	char *path;
	struct {                /* [data] */
		struct loc loc;
		char *nations, *mission, *snapshots, *geo;
	} data;
	struct {                /* [output] */
		struct loc loc;
		char *dir, *depfile;
	} out;
	struct {                /* [schedule] */
		struct loc loc;
		long check_every, rebuild_every;
		char *on_change;
		struct loc on_change_loc;
	} schedule;
	struct output *outputs;
	size_t noutputs;
};

/* Load the configuration at `path`.  Returns 0 when it is usable, -1 after
 * reporting what is wrong.  config_free releases (NULL-safe). */
int load_config(struct config *c, const char *path);
void config_free(struct config *c);

/* Load every data file the configuration names into m (the geo file only
 * if `geo` is not NULL).  Returns 0, or -1 when any error was reported. */
int load_data(struct model *m, const char *nations, const char *mission,
    const char *snapshots, const char *geo);
/* The geo file alone, after load_data (which left it out): the country
 * and its neighbours into m->geo.  0, or -1 when an error was reported. */
int load_geo(struct model *m, const char *geo);

/* The same for one file already in memory (tests and fuzzing). */
enum load_part { LOAD_NATIONS, LOAD_MISSION, LOAD_SNAPSHOT };
void load_data_mem(struct model *m, enum load_part part, const char *name,
    const char *text, size_t len);
int load_config_mem(struct config *c, const char *name, const char *text,
    size_t len);

/* Load only the nations file (for the importer): m->nations and
 * m->nations_file.  Returns 0, or -1 when any error was reported. */
int load_nations(struct model *m, const char *nations);

/* The most troops one nation (or a snapshot's total) may have: more than
 * any mission has fielded; larger numbers are typing errors. */
#define LOAD_MAX_TROOPS 10000000L

/* Validate the whole model once (validate.c); returns the number of errors
 * it reported.  Also derives sums, Ally status and the latest snapshots. */
int validate_model(struct model *m);
/* Places against the country's outline (validate_geo.c). */
void validate_geo(const struct model *m);

const char *output_type_name(int type);

#endif
