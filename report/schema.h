/* schema.h - table-driven loading of INI sections into C structs.
 *
 * Every loader (data, configuration, layouts) describes its sections as a
 * table of `struct schema_kind`, each with a table of `struct schema_field`;
 * the engine checks types, duplicates, unknown and missing keys, reports
 * each problem at its line, and fills the structs.  A loader adds only what
 * is special about it (a free-form section such as [troops]). */
#ifndef BRIEFGEN_SCHEMA_H
#define BRIEFGEN_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "ini_read.h"

enum schema_type {
	ST_STR,         /* char *; indented continuation lines join with ' ' */
	ST_DATE,        /* struct date */
	ST_DOUBLE,      /* double; `aux` = offset of an int "given" flag */
	ST_LONG,        /* long in [min, max] */
	ST_QUAL,        /* enum qual */
	ST_ITEMS,       /* char **; `aux` = offset of its size_t count;
			   the key may repeat, each use adds one item */
	ST_BOOL,        /* int: yes/no, true/false, 1/0 */
	ST_ENUM         /* int: index into `names` (NULL-terminated) */
};

#define SF_REQUIRED 0x1
#define SF_LOC      0x2         /* store the key's loc at `locoff` */
#define SF_NONNEG   0x4         /* ST_DOUBLE: not below zero (nor -0) */

struct schema_field {
	const char *key;
	enum schema_type type;
	size_t off;
	unsigned flags;
	size_t aux;
	size_t locoff;
	long min, max;                  /* ST_LONG */
	const char *const *names;       /* ST_ENUM */
};

struct schema_state;

struct schema_kind {
	/* "source" matches [source ID]; with `singleton`, matches [source]
	 * exactly; NULL matches any section name, which becomes the ID. */
	const char *name;
	int singleton;
	size_t size;            /* size of one item */
	size_t arr_off;         /* container: T *array (or T for singleton) */
	size_t cnt_off;         /* container: size_t count (not singleton) */
	size_t id_off;          /* item: char *id (not singleton) */
	size_t loc_off;         /* item: struct loc of the [section] line */
	const struct schema_field *fields;
	/* Called for keys not in `fields`; NULL makes them errors. */
	int (*other_key)(struct schema_state *st, void *item,
	    const struct ini_item *it);
	size_t max_items;       /* 0 = the engine's default limit */
};

struct schema_state {
	const struct schema_kind *kinds;
	void *container;
	void *user;             /* for other_key callbacks */
	/* Current section: */
	const struct schema_kind *cur;
	void *item;             /* NULL: skipping a bad section */
	size_t index;           /* index of item in its array */
	struct loc sect_loc;
	uint64_t seen;
	const struct schema_field *last;        /* for continuations */
	char *last_other;       /* other_key name for continuations */
	unsigned seen_singletons;
	int skipping;           /* after a bad [section] line */
	/* The value continuation lines are growing (schema_join): its
	 * length and allocated size, so each line costs only its bytes. */
	const char *join;
	size_t join_len, join_cap;
	unsigned said;          /* SAID_* limits already reported */
};

/* Report a limit once per file, not once per offending line. */
#define SAID_SECTIONS 0x1u
#define SAID_ITEMS    0x2u
#define SAID_LENGTH   0x4u
#define SAID_OTHER    0x8u

/* Load `path` into `container` with the given kinds (terminated by an entry
 * with name NULL and size 0).  Returns 0 when the file was read, -1 when it
 * could not be opened (reported). */
int schema_load(const char *path, const struct schema_kind *kinds,
    void *container, void *user);
int schema_load_mem(const char *name, const char *text, size_t len,
    const struct schema_kind *kinds, void *container, void *user);

/* Join a continuation line's value to *slot (" " between), in linear
 * time over all the lines of one value, up to the 1 MiB limit (reported
 * once per file at it->loc; the rest is ignored).  For loaders whose
 * other_key callbacks collect continued values of their own. */
void schema_join(struct schema_state *st, char **slot,
    const struct ini_item *it);

/* Free the strings and arrays the fields of one item own. */
void schema_free_item(const struct schema_kind *k, void *item);
/* Free every item of every kind in container, and the arrays. */
void schema_free(const struct schema_kind *kinds, void *container);

/* Does `s` look like an ID: letters, digits, '-', '_', '.'? */
int schema_is_id(const char *s);

#endif
