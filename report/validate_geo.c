/* validate_geo.c - checks the mission's country against the geo file and
 * every place against the country's outline, so that a mistyped
 * coordinate is an error at its place rather than a dot off the map. */
#include <math.h>
#include <stdlib.h>

#include "diag.h"
#include "geo.h"
#include "load.h"
#include "model.h"

/* How far outside the outline a place may lie: the 1:50m outlines are
 * simplified by a few kilometres, more on coasts. */
#define TOLERANCE_KM 5.0

static void
check_place(const struct model *m, const struct geo_country *c,
    const struct place *p)
{
	double km;

	/* Coordinates out of range are reported by validate.c. */
	if (!p->has_lat || !p->has_lon || fabs(p->lat) > 90 ||
	    fabs(p->lon) > 180 || geo_inside(c, p->lon, p->lat))
		return;
	km = geo_edge_km(c, p->lon, p->lat);
	if (km <= TOLERANCE_KM)
		return;
	diag_error(&p->loc, "place '%s' at %.2f%c %.2f%c lies %.0f km outside "
	    "the outline of %s (%s in %s)", p->id, fabs(p->lat),
	    p->lat < 0 ? 'S' : 'N', fabs(p->lon), p->lon < 0 ? 'W' : 'E', km,
	    m->mission.country ? m->mission.country : c->name, c->code,
	    m->geo->file);
}

void
validate_geo(const struct model *m)
{
	const char *code = m->mission.country_code;
	size_t i;

	if (m->geo == NULL || m->geo->failed || code == NULL)
		return;
	if (m->geo->home == NULL) {
		diag_error(&m->mission.country_code_loc, "country code '%s' is "
		    "not in %s (write the country's code as %s gives it)", code,
		    m->geo->file, m->nations_file ? m->nations_file :
		    "the nations file");
		return;
	}
	for (i = 0; i < m->nplaces; i++)
		check_place(m, m->geo->home, &m->places[i]);
}
