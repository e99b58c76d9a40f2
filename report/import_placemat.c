/* import_placemat.c - TEMPORARY placeholder until the real import_placemat.c lands. */
#include <stdio.h>

#include "build.h"
#include "cmd.h"
#include "diag.h"
#include "render.h"

int
cmd_import(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("briefgen: error: import is not available yet\n", stderr);
	return EXIT_USAGE;
}
