/* fuzz_common.h - shared set-up for the libFuzzer targets: quiet
 * diagnostics, and the shipped files as a background model. */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "ini_read.h"
#include "load.h"
#include "model.h"

/* Read a shipped file once (the fuzzers run from the project root). */
static inline char *
fuzz_slurp(const char *path, size_t *len)
{
	char *text = NULL;

	if (file_slurp(path, &text, len) < 0) {
		*len = 0;
		return NULL;
	}
	return text;
}

#endif
