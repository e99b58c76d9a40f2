/* diag.h - the one place diagnostics are printed, gcc style:
 *   file:line: error: message
 * The exit status of a command follows the worst level seen. */
#ifndef BRIEFGEN_DIAG_H
#define BRIEFGEN_DIAG_H

#include "util.h"

enum diag_level { DIAG_NOTE = 0, DIAG_WARNING, DIAG_ERROR, DIAG_FATAL };

/* Return a copy of `path` owned by the diagnostics table (freed by
 * diag_reset), so every `struct loc` can point at it cheaply. */
const char *diag_intern(const char *path);

void diag_error(const struct loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void diag_warning(const struct loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A message about a file as a whole ("file: error: ..."), or about no file
 * at all when path is NULL ("briefgen: error: ..."). */
void diag_file_error(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A system error (I/O, out of space): raises the exit status to 3. */
void diag_sys_error(const char *path, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A usage problem ("briefgen: error: ..."), not counted: the command
 * returns exit status 2 itself. */
void diag_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Append s to b with what a terminal would act on written out: control
 * bytes and bytes that are not UTF-8 as \xNN, C1 controls, right-to-left
 * and invisible characters as \uNNNN (everything diag prints goes
 * through it). */
void diag_escape(struct buf *b, const char *s);

int diag_errors(void);          /* errors seen since the last reset */
int diag_warnings(void);
int diag_sys_failed(void);      /* a system error was seen */
void diag_set_quiet_warnings(int quiet);
/* Count but print nothing (fuzzing). */
void diag_set_silent(int silent);
/* Forget counts and interned names (between watch cycles, and at exit). */
void diag_reset(void);

#endif
