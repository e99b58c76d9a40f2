/* schema.c - the table-driven INI section loader (see schema.h). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "schema.h"

#define DEFAULT_MAX_ITEMS 100000
#define MAX_ITEMS_PER_KEY 10000
#define VALUE_MAX (1u << 20)    /* bytes of one continued value */

#define AT(base, off, type) ((type *)((char *)(base) + (off)))

int
schema_is_id(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' &&
		    *s != '.')
			return 0;
	return 1;
}

static const struct schema_field *
find_field(const struct schema_kind *k, const char *key, size_t *idx)
{
	size_t i;

	for (i = 0; k->fields && k->fields[i].key; i++)
		if (strcmp(k->fields[i].key, key) == 0) {
			*idx = i;
			return &k->fields[i];
		}
	return NULL;
}

/* At the end of a section: report required keys that never came. */
static void
end_section(struct schema_state *st)
{
	size_t i;

	if (st->cur == NULL || st->item == NULL)
		return;
	for (i = 0; st->cur->fields && st->cur->fields[i].key; i++)
		if ((st->cur->fields[i].flags & SF_REQUIRED) &&
		    !(st->seen & (1ULL << i)))
			diag_error(&st->sect_loc, "missing required key '%s'",
			    st->cur->fields[i].key);
	st->cur = NULL;
	st->item = NULL;
	free(st->last_other);
	st->last_other = NULL;
}

/* Split "type ID" into the kind and ID; returns the kind or NULL. */
static const struct schema_kind *
match_kind(const struct schema_kind *kinds, const char *sect,
    const char **id)
{
	const struct schema_kind *k, *any = NULL;
	size_t n;

	for (k = kinds; k->size; k++) {
		if (k->name == NULL) {
			any = k;
			continue;
		}
		n = strlen(k->name);
		if (k->singleton && strcmp(sect, k->name) == 0) {
			*id = NULL;
			return k;
		}
		if (!k->singleton && strncmp(sect, k->name, n) == 0 &&
		    sect[n] == ' ') {
			*id = sect + n + 1;
			while (**id == ' ')
				(*id)++;
			return k;
		}
	}
	*id = sect;
	return any;
}

static void *
find_item(const struct schema_kind *k, void *container, const char *id)
{
	char *arr = *AT(container, k->arr_off, char *);
	size_t n = *AT(container, k->cnt_off, size_t), i;

	for (i = 0; i < n; i++) {
		char *item = arr + i * k->size;

		if (str_ieq(*AT(item, k->id_off, char *), id))
			return item;
	}
	return NULL;
}

static void *
new_item(struct schema_state *st, const struct schema_kind *k,
    const char *id, const struct loc *loc)
{
	size_t *cnt = AT(st->container, k->cnt_off, size_t);
	size_t max = k->max_items ? k->max_items : DEFAULT_MAX_ITEMS;
	void *item, *old;

	if (!schema_is_id(id) && k->name != NULL) {
		diag_error(loc, "'%s' is not a valid ID (letters, digits, "
		    "'-', '_' and '.')", id);
		return NULL;
	}
	if ((old = find_item(k, st->container, id)) != NULL) {
		const struct loc *ol = AT(old, k->loc_off, struct loc);

		diag_error(loc, "duplicate section '%s' (first at %s:%d)", id,
		    ol->file, ol->line);
		return NULL;
	}
	if (*cnt >= max) {
		if (!(st->said & SAID_SECTIONS))
			diag_error(loc, "too many [%s] sections (limit %zu; "
			    "the rest are ignored)", k->name ? k->name : id, max);
		st->said |= SAID_SECTIONS;
		return NULL;
	}
	item = array_push(AT(st->container, k->arr_off, void *), cnt,
	    k->size);
	st->index = *cnt - 1;
	*AT(item, k->id_off, char *) = xstrdup(id);
	return item;
}

static void
begin_section(struct schema_state *st, const struct ini_item *it)
{
	const struct schema_kind *k;
	const char *id;
	void *item = NULL;

	end_section(st);
	st->seen = 0;
	st->last = NULL;
	st->sect_loc = it->loc;
	k = match_kind(st->kinds, it->section, &id);
	if (k == NULL) {
		diag_error(&it->loc, "unknown section '[%s]'", it->section);
		return;
	}
	if (k->singleton) {
		unsigned bit = 1u << (k - st->kinds);

		if (st->seen_singletons & bit) {
			diag_error(&it->loc, "section '[%s]' given twice",
			    it->section);
			return;
		}
		st->seen_singletons |= bit;
		item = AT(st->container, k->arr_off, void);
	} else if (*id == '\0') {
		diag_error(&it->loc, "section '[%s]' needs an ID, as in "
		    "'[%s NAME]'", it->section, k->name);
		return;
	} else if ((item = new_item(st, k, id, &it->loc)) == NULL)
		return;
	*AT(item, k->loc_off, struct loc) = it->loc;
	st->cur = k;
	st->item = item;
}

/* Re-derive the current item: arrays move when they grow. */
static void *
cur_item(struct schema_state *st)
{
	if (st->cur->singleton)
		return st->item;
	return *AT(st->container, st->cur->arr_off, char *) +
	    st->index * st->cur->size;
}

static int
parse_bool(const char *v, int *out)
{
	if (str_ieq(v, "yes") || str_ieq(v, "true") || strcmp(v, "1") == 0)
		*out = 1;
	else if (str_ieq(v, "no") || str_ieq(v, "false") ||
	    strcmp(v, "0") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

static int
parse_enum(const struct schema_field *f, const char *v, int *out)
{
	int i;

	for (i = 0; f->names[i]; i++)
		if (strcmp(f->names[i], v) == 0) {
			*out = i;
			return 0;
		}
	return -1;
}

static void
enum_choices(const struct schema_field *f, struct buf *b)
{
	int i;

	for (i = 0; f->names[i]; i++)
		buf_printf(b, "%s'%s'", i ? ", " : "", f->names[i]);
}

static int
store_double(const struct schema_field *f, void *item, const char *v,
    const struct loc *loc)
{
	double d;

	if (num_parse_double(v, &d) < 0) {
		diag_error(loc, "'%s' for '%s' is not a number", v, f->key);
		return -1;
	}
	/* signbit: "-0" is no amount either. */
	if ((f->flags & SF_NONNEG) && signbit(d)) {
		diag_error(loc, "'%s' for '%s' is not a number of 0 or more", v,
		    f->key);
		return -1;
	}
	*AT(item, f->off, double) = d;
	*AT(item, f->aux, int) = 1;
	return 0;
}

/* Store value v of field f into item; reports and returns -1 when bad. */
static int
store(struct schema_state *st, const struct schema_field *f, void *item,
    const char *v, const struct loc *loc)
{
	struct buf b = {0};
	int ival;

	switch (f->type) {
	case ST_STR:
		free(*AT(item, f->off, char *));
		*AT(item, f->off, char *) = xstrdup(v);
		return 0;
	case ST_DATE:
		if (date_parse(v, AT(item, f->off, struct date)) == 0)
			return 0;
		diag_error(loc, "'%s' for '%s' is not a real date "
		    "(YYYY, YYYY-MM or YYYY-MM-DD)", v, f->key);
		return -1;
	case ST_DOUBLE:
		return store_double(f, item, v, loc);
	case ST_LONG:
		if (num_parse_long(v, f->min, f->max, AT(item, f->off, long))
		    == 0)
			return 0;
		diag_error(loc, "'%s' for '%s' is not a whole number from %ld "
		    "to %ld", v, f->key, f->min, f->max);
		return -1;
	case ST_QUAL:
		if (qual_parse(v, AT(item, f->off, enum qual)) == 0)
			return 0;
		diag_error(loc, "'%s' for '%s' is not a qualifier (exact, "
		    "around, more than, less than, at least, over)", v,
		    f->key);
		return -1;
	case ST_ITEMS:
		if (*AT(item, f->aux, size_t) >= MAX_ITEMS_PER_KEY) {
			if (!(st->said & SAID_ITEMS))
				diag_error(loc, "'%s' given more than %d times "
				    "(the rest are ignored)", f->key,
				    MAX_ITEMS_PER_KEY);
			st->said |= SAID_ITEMS;
			return -1;
		}
		*(char **)array_push(AT(item, f->off, char **),
		    AT(item, f->aux, size_t), sizeof(char *)) = xstrdup(v);
		return 0;
	case ST_BOOL:
		if (parse_bool(v, AT(item, f->off, int)) == 0)
			return 0;
		diag_error(loc, "'%s' for '%s' is not yes or no", v, f->key);
		return -1;
	case ST_ENUM:
		if (parse_enum(f, v, &ival) == 0) {
			*AT(item, f->off, int) = ival;
			return 0;
		}
		enum_choices(f, &b);
		diag_error(loc, "'%s' for '%s' is not one of %s", v, f->key,
		    b.data);
		buf_free(&b);
		return -1;
	}
	return -1;
}

/* An indented line: join it to the last string (or last item). */
static void
continue_value(struct schema_state *st, void *item, const struct ini_item *it)
{
	const struct schema_field *f = st->last;
	char **slot;

	if (f == NULL || (f->type != ST_STR && f->type != ST_ITEMS)) {
		diag_error(&it->loc, "continuation line: only text values "
		    "may continue on indented lines");
		return;
	}
	if (f->type == ST_STR)
		slot = AT(item, f->off, char *);
	else
		slot = *AT(item, f->off, char **) +
		    *AT(item, f->aux, size_t) - 1;
	if (*slot == NULL)
		return;
	schema_join(st, slot, it);
}

void
schema_join(struct schema_state *st, char **slot, const struct ini_item *it)
{
	size_t add = strlen(it->value);

	/* Joining by copying the whole value for every line made a long
	 * continued value quadratic (5,700 lines took 12 s): the value
	 * grows in place, its size doubling. */
	if (*slot != st->join) {
		st->join_len = strlen(*slot);
		st->join_cap = st->join_len + 1;
	}
	if (st->join_len > VALUE_MAX) {
		if (!(st->said & SAID_LENGTH))
			diag_error(&it->loc, "value longer than 1 MiB (the "
			    "rest is ignored)");
		st->said |= SAID_LENGTH;
		return;
	}
	if (st->join_len + add + 2 > st->join_cap) {
		while (st->join_len + add + 2 > st->join_cap)
			st->join_cap *= 2;
		*slot = xrealloc(*slot, st->join_cap);
	}
	(*slot)[st->join_len++] = ' ';
	memcpy(*slot + st->join_len, it->value, add + 1);
	st->join_len += add;
	st->join = *slot;
}

static void
key_line(struct schema_state *st, const struct ini_item *it)
{
	void *item = cur_item(st);
	const struct schema_field *f;
	size_t idx;

	if (it->continued && st->last_other == NULL) {
		continue_value(st, item, it);
		return;
	}
	f = find_field(st->cur, it->key, &idx);
	if (f == NULL) {
		st->last = NULL;
		if (st->cur->other_key == NULL) {
			diag_error(&it->loc, "unknown key '%s' in '[%s]'",
			    it->key, it->section);
			return;
		}
		st->cur->other_key(st, item, it);
		return;
	}
	st->last = f;
	/* A known key ends any free-form value an other_key callback was
	 * collecting, so its continuation lines come back here. */
	free(st->last_other);
	st->last_other = NULL;
	if ((st->seen & (1ULL << idx)) && f->type != ST_ITEMS) {
		diag_error(&it->loc, "key '%s' given twice", it->key);
		st->last = NULL;
		return;
	}
	st->seen |= 1ULL << idx;
	if (f->flags & SF_LOC)
		*AT(item, f->locoff, struct loc) = it->loc;
	if (*it->value == '\0') {
		diag_error(&it->loc, "empty value for '%s'", it->key);
		st->last = NULL;
		return;
	}
	if (store(st, f, item, it->value, &it->loc) < 0)
		st->last = NULL;
}

static int
on_item(void *user, const struct ini_item *it)
{
	struct schema_state *st = user;

	/* Only continuation lines may find the value they grow as they left
	 * it: anything else may free or replace it. */
	if (!it->continued)
		st->join = NULL;

	if (it->invalid) {
		end_section(st);
		st->skipping = 1;
		return 0;
	}
	if (it->key == NULL) {
		st->skipping = 0;
		begin_section(st, it);
		return 0;
	}
	if (st->skipping)
		return 0;
	if (st->cur == NULL && st->item == NULL && *it->section == '\0') {
		diag_error(&it->loc, "key '%s' outside any section", it->key);
		return 0;
	}
	if (st->cur == NULL)
		return 0;       /* inside a section already reported as bad */
	key_line(st, it);
	return 0;
}

int
schema_load_mem(const char *name, const char *text, size_t len,
    const struct schema_kind *kinds, void *container, void *user)
{
	struct schema_state st = {0};

	st.kinds = kinds;
	st.container = container;
	st.user = user;
	ini_read_mem(name, text, len, on_item, &st);
	end_section(&st);
	return 0;
}

int
schema_load(const char *path, const struct schema_kind *kinds,
    void *container, void *user)
{
	char *text;
	size_t len;
	int rc;

	if (file_slurp(path, &text, &len) < 0)
		return -1;
	rc = schema_load_mem(path, text, len, kinds, container, user);
	free(text);
	return rc;
}

void
schema_free_item(const struct schema_kind *k, void *item)
{
	const struct schema_field *f;
	size_t i;

	if (!k->singleton)
		free(*AT(item, k->id_off, char *));
	for (f = k->fields; f && f->key; f++) {
		if (f->type == ST_STR)
			free(*AT(item, f->off, char *));
		else if (f->type == ST_ITEMS) {
			char **v = *AT(item, f->off, char **);
			size_t n = *AT(item, f->aux, size_t);

			for (i = 0; i < n; i++)
				free(v[i]);
			free(v);
		}
	}
}

void
schema_free(const struct schema_kind *kinds, void *container)
{
	const struct schema_kind *k;
	size_t i;

	for (k = kinds; k->size; k++) {
		if (k->singleton) {
			schema_free_item(k, AT(container, k->arr_off, void));
			continue;
		}
		char *arr = *AT(container, k->arr_off, char *);
		size_t n = *AT(container, k->cnt_off, size_t);

		for (i = 0; i < n; i++)
			schema_free_item(k, arr + i * k->size);
		free(arr);
		*AT(container, k->arr_off, char *) = NULL;
		*AT(container, k->cnt_off, size_t) = 0;
	}
}
