/* Small helpers shared by the phonon subcommands (not part of the engine). */
#ifndef PH_TOOL_UTIL_H
#define PH_TOOL_UTIL_H

#include <stddef.h>

/* Reads a whole file into a NUL-terminated malloc'd buffer; *len gets its length.
 * On failure prints "phonon: PATH: reason" to stderr and returns NULL. */
char *ph_tool_read_file(const char *path, size_t *len);

#endif
