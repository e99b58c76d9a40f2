/* fuzz_geo.c - libFuzzer target: a geo file (data/geo/countries.txt's
 * format), loaded for each of a few codes (the corpus uses them), then
 * point-in-country and edge distances over the country's rings. */
#include "fuzz_common.h"
#include "geo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const double pts[][2] = {{0, 0}, {5, 5}, {-179.9, 65},
		{179.9, -16}, {21.17, 42.66}, {1e-9, 90}};
	static const char *const codes[] = {"HOM", "XKX", "RUS"};
	size_t i, k;

	diag_set_silent(1);
	for (k = 0; k < 3; k++) {
		struct geo g = {0};

		geo_load_mem(&g, "fuzz.txt", (const char *)data, size,
		    codes[k]);
		for (i = 0; g.home && i < sizeof(pts) / sizeof(pts[0]); i++) {
			(void)geo_inside(g.home, pts[i][0], pts[i][1]);
			(void)geo_edge_km(g.home, pts[i][0], pts[i][1]);
		}
		geo_free(&g);
	}
	return 0;
}
