/* model.h - the one data model every loader fills and every renderer reads.
 *
 * Ownership: the model owns every string and array hanging off it; one
 * model_free() releases it all.  Every loaded item carries a `struct loc`
 * (file and line) so that the validator and the renderers' own checks can
 * point the user at the line that caused a problem.
 */
#ifndef BRIEFGEN_MODEL_H
#define BRIEFGEN_MODEL_H

#include <stddef.h>

#include "util.h"

/* A date as precise as it was written: YYYY, YYYY-MM or YYYY-MM-DD. */
enum date_prec { DATE_NONE = 0, DATE_YEAR, DATE_MONTH, DATE_DAY };

struct date {
	int y, m, d;            /* m and d are 0 when not given */
	enum date_prec prec;
};

/* Qualifier on a stated figure; the order is the one used in messages. */
enum qual { QUAL_EXACT = 0, QUAL_AROUND, QUAL_MORE_THAN, QUAL_LESS_THAN,
	QUAL_AT_LEAST, QUAL_OVER, QUAL__MAX };

/* A nation's membership of a group (an alliance, a union): the key
 * `GROUP = DATE` of data/nations.ini, e.g. `nato = 2009-04-01`. */
struct membership {
	char *group;            /* the key, a free word */
	struct date since;      /* joined */
};

struct nation {
	struct loc loc;
	char *name;             /* the name documents use */
	char *code;             /* ISO 3166-1 alpha-3, or a code in use for a
				   nation ISO lacks (XKX) */
	struct membership *groups;
	size_t ngroups;
	char **aka;
	size_t naka;
};

struct text {                   /* [text ID]; a title alone is a label */
	struct loc loc;
	char *id, *title, *body, *source;
};

struct list {                   /* [list ID] */
	struct loc loc;
	char *id, *title, *source;
	char **items;
	size_t nitems;
};

struct basis {                  /* [basis ID] */
	struct loc loc;
	char *id, *name, *shortname, *summary, *source;
	char *label;            /* what it is to documents: "Legal basis" */
	struct date signed_on, ratified, adopted;
};

struct place {                  /* [place ID] */
	struct loc loc;
	char *id, *name, *role, *region, *source;
	double lat, lon;
	int has_lat, has_lon;
};

struct command {                /* [command ID] */
	struct loc loc;
	char *id, *name, *shortname, *hq, *lead, *commander, *commander_nation;
	char *source;
	struct loc lead_loc, hq_loc, cnation_loc;
	const struct place *hq_place;           /* resolved by validate */
	const struct nation *lead_nation, *cmd_nation;
};

struct event {                  /* [event ID] */
	struct loc loc;
	char *id, *title, *body, *place, *source;
	struct date date;
	struct date end;        /* last day of a meeting over several days;
				   prec 0 when not given (event_span.c) */
	struct loc end_loc;
	char when[64];          /* derived by validate: "8–9 July 2016" */
};

struct fund {                   /* [fund ID] */
	struct loc loc;
	char *id, *name, *shortname, *administrator, *currency, *body, *source;
	char *period;           /* "year": the amount is per year */
	struct date established, as_of;
	double amount;          /* NaN-free; has_amount says whether given */
	int has_amount;
	enum qual qual;
};

struct source {                 /* [source ID] */
	struct loc loc;
	char *id, *title, *publisher, *url, *seed, *note;
	struct date date;
	int number;             /* 1-based, in file order: "[3]" in documents */
};

struct troop_row {              /* one `Nation = troops` line, or one
				   `row = troops` line of [unnamed] */
	struct loc loc;
	char *name;             /* as written; NULL for an unnamed row */
	const struct nation *nation;    /* resolved by validate */
	long troops;
	enum qual qual;         /* `Austria = around 10`: QUAL_AROUND */
	int ally;               /* Ally on the snapshot date (validate) */
};

struct snapshot {
	struct loc loc;         /* the [snapshot] line */
	struct loc troops_loc;  /* the [troops] line, if any */
	char *id;               /* file name without .ini */
	char *file;
	char *source, *note;
	int plan;               /* kind = plan: a planned or pledged level,
				   not a count of troops there */
	struct loc source_loc;
	struct date date;
	long total;             /* stated total */
	enum qual qual;
	long nations;           /* stated number of nations; -1 = not stated */
	struct troop_row *rows;         /* [troops]: the named rows */
	size_t nrows;
	struct troop_row *unnamed;      /* [unnamed]: rows without a name,
					   in source order */
	size_t nunnamed;
	struct loc unnamed_loc; /* the [unnamed] line, if any */
	struct loc table_loc;   /* the `table =` line, if any */
	int partial;            /* `table = partial`: the rows itemise only
				   part of the stated total */
	int has_table;          /* a [troops] or [unnamed] section was present */
	int load_failed;        /* its file had errors: totals not checked */
	/* Derived by validate: */
	long sum;               /* of all rows, named and unnamed */
	long allies, partners, ally_troops, partner_troops;
	long itemised_nations;  /* nrows + nunnamed */
	long unnamed_troops;    /* sum of the unnamed rows */
	int rows_exact;         /* no row has a qualifier */
};

struct mission {
	struct loc loc;
	char *name, *acronym, *organisation, *country, *kind;
	char *country_code;     /* its outline in the geo file (geo.h) */
	struct loc country_code_loc;
	char *predecessor, *predecessor_acronym, *hub, *source;
	/* Membership: rows of nations in `group` (a key of nations.ini) on
	 * the snapshot date are members ("Allies"), the others partners;
	 * NULL: no group, no one is a member.  The words are the mission's. */
	char *group, *member, *members, *nonmember, *nonmembers;
	struct loc loc_group;
	struct date launched, as_of;
};

/* A growable array of T with its count: declared per type below. */
#define MODEL_ARRAY(type, name) type *name; size_t n##name

struct qlist;
struct geo;
struct name_index;

struct model {
	char *nations_file, *mission_file, *snapshots_dir;
	MODEL_ARRAY(struct nation, nations);
	struct mission mission;
	MODEL_ARRAY(struct text, texts);
	MODEL_ARRAY(struct list, lists);
	MODEL_ARRAY(struct basis, bases);
	MODEL_ARRAY(struct place, places);
	MODEL_ARRAY(struct command, commands);
	MODEL_ARRAY(struct event, events);
	MODEL_ARRAY(struct fund, funds);
	MODEL_ARRAY(struct source, sources);
	MODEL_ARRAY(struct snapshot, snapshots);    /* sorted by date, then id */
	struct geo *geo;        /* the country and its neighbours (geo.h);
				   NULL: the configuration names no geo file */
	int nations_failed;     /* nations.ini had errors, or the mission file
				   could not be read: no validation */
	/* Derived by validate: */
	const struct snapshot *latest_table;    /* newest with a [troops] table */
	const struct snapshot *latest;          /* newest of all */
	struct qlist *item_lists;       /* query.c's cache of list.ID */
	struct name_index *nation_index;        /* model.c's name look-up */
	size_t nation_index_for;        /* nnations when it was built */
	struct snap_index *snap_index;  /* query.c's k-th table/headline */
};

void model_free(struct model *m);
/* Free v, a shallow copy of `of` (a pack's restricted view, cite.c's
 * cited view): only the caches it built for itself are its own. */
void model_view_free(struct model *v, const struct model *of);
/* Free the snapshots only, keeping nations and mission (fuzzing). */
void model_drop_snapshots(struct model *m);

/* Look-ups; each returns NULL when absent.  Names match case-insensitively,
 * also against other names (aka). */
const struct nation *model_nation(const struct model *m, const char *name);
const struct source *model_source(const struct model *m, const char *id);
const struct place *model_place(const struct model *m, const char *id);
const struct text *model_text(const struct model *m, const char *id);
const struct list *model_list(const struct model *m, const char *id);

/* The closest nation name to `name` (edit distance), for "did you mean". */
const char *model_nation_suggest(const struct model *m, const char *name);

/* Is nation n a member of group on date d?  (Joined on or before d;
 * group NULL: never.) */
int nation_is_member(const struct nation *n, const char *group,
    const struct date *d);
/* Does any nation belong to group? */
int model_has_group(const struct model *m, const char *group);

const char *qual_name(enum qual q);
int qual_parse(const char *s, enum qual *out);

#endif
