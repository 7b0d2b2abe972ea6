/* Reads a whole file for the phonon tool; prints an error and returns NULL on failure. */
#ifndef PH_GRAPHTOOL_IO_H
#define PH_GRAPHTOOL_IO_H

#include <stdbool.h>
#include <stddef.h>

#include <phonon/phonon.h>

char *ph_graphtool_read_file(const char *path, size_t *len);

/* Compiles text read from `name`; on an error prints "name:line:col: message" (or
 * "name: message" when the error has no place) to stderr and returns NULL. */
ph_program *ph_graphtool_compile(const char *name, const char *text, size_t len, const ph_settings *s);

/* Parses a number for an option; false unless it is all digits of a number in [lo, hi]. */
bool ph_graphtool_num_arg(const char *s, double lo, double hi, double *out);

#endif
