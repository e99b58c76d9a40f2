/* watch.c - TEMPORARY placeholder until the real watch.c lands. */
#include <stdio.h>

#include "build.h"
#include "cmd.h"
#include "diag.h"
#include "render.h"

int
cmd_watch(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("briefgen: error: watch is not available yet\n", stderr);
	return EXIT_USAGE;
}
