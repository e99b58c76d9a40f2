/* fuzz_config.c - libFuzzer target: a run configuration. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;

	diag_set_silent(1);
	load_config_mem(&c, "fuzz.ini", (const char *)data, size);
	config_free(&c);
	diag_reset();
	return 0;
}
