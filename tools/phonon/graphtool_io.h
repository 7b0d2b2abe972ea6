/* Reads a whole file for the phonon tool; prints an error and returns NULL on failure. */
#ifndef PH_GRAPHTOOL_IO_H
#define PH_GRAPHTOOL_IO_H

#include <stddef.h>

char *ph_graphtool_read_file(const char *path, size_t *len);

#endif
