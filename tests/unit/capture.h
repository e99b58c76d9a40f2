/* capture.h - the diagnostics a unit test expects, caught instead of
 * printed, so that the test can check them word for word and a passing run
 * prints no "file:line: error:" lines that read as failures.
 *
 *     TestSuite(things, .init = capture_begin, .fini = capture_end);
 *     ...
 *     cr_assert_str_eq(capture_take(), "t.ini:3: error: ...\n");
 */
#ifndef BRIEFGEN_TEST_CAPTURE_H
#define BRIEFGEN_TEST_CAPTURE_H

/* From now on, what is written on stderr is kept (diagnostics are still
 * counted as usual). */
void capture_begin(void);

/* Everything said since capture_begin or the last capture_take, one
 * "file:line: level: message\n" line each; "" when nothing was said.  The
 * text stays valid until the next capture_* call. */
const char *capture_take(void);

/* The same, with every occurrence of `path` (a temporary file's name, say)
 * written as `name`, so that the test can expect fixed text. */
const char *capture_take_as(const char *path, const char *name);

/* stderr is the terminal's again; the kept text is freed. */
void capture_end(void);

#endif
