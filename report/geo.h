/* geo.h - country outlines from the geo file (data/geo/countries.txt,
 * written by tools/geo-convert.mjs): the mission's country for the map and
 * for checking places, and its neighbours for context. */
#ifndef BRIEFGEN_GEO_H
#define BRIEFGEN_GEO_H

#include <stddef.h>

#include "util.h"

struct geo_ring {
	double *pt;             /* lon,lat pairs; closes by itself */
	size_t n;               /* points */
	int hole;               /* a hole of the outer ring it lies in */
	double x0, y0, x1, y1;  /* bounding box (west, south, east, north) */
	/* Point-in-ring looks only at the edges that span the point's
	 * latitude: the box's height cut into nband bands, and for band b
	 * the edges band_edge[band_at[b] .. band_at[b + 1]) that meet it
	 * (edge i runs from point i - 1, or n - 1, to point i). */
	size_t nband, *band_at, *band_edge;
	double band_k;          /* bands per degree of latitude */
};

struct geo_country {
	struct loc loc;         /* its `country` line */
	char *code, *name;
	double x0, y0, x1, y1;  /* bounding box as the file states it */
	double rx0, ry0, rx1, ry1;      /* that of its rings, as unwrapped */
	struct geo_ring *rings;
	size_t nrings;
};

struct geo {
	char *file;
	struct geo_country *v;  /* the country first (if found), then its
				   neighbours, in file order */
	size_t n;
	const struct geo_country *home;         /* NULL: not in the file */
	int failed;             /* errors were reported: nothing to check */
};

/* Load from the geo file at `path` the country `code` and, for context,
 * every country whose box meets the country's box grown by 1.5 times its
 * larger side all round.  Other countries are skipped unparsed.  Problems in the file
 * are errors at their line; returns -1 when any was reported.  A code the
 * file does not have leaves g->home NULL (not an error here). */
int geo_load(struct geo *g, const char *path, const char *code);
int geo_load_mem(struct geo *g, const char *name, const char *text,
    size_t len, const char *code);
void geo_free(struct geo *g);

/* For geo_memo.c: geo_load of text already read (cut into lines in
 * place), and what loading does to a country once its rings are read
 * (the bands of each ring, the box of them all). */
int geo_load_text(struct geo *g, const char *name, char *text, size_t len,
    const char *code);
void geo_country_finish(struct geo_country *c);

/* Is (lon, lat) inside country c (even-odd over all its rings, so holes
 * are outside and islands inside)? */
int geo_inside(const struct geo_country *c, double lon, double lat);

/* The distance in kilometres from (lon, lat) to the nearest edge of any of
 * c's rings (equirectangular, good to a few per cent at these sizes). */
double geo_edge_km(const struct geo_country *c, double lon, double lat);

#endif
