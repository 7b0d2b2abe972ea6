/* The compiler's entry point: .ph text -> a patch (graph/ph_patch.h) for the renderer. */
#ifndef PH_COMPILER_H
#define PH_COMPILER_H

#include <stddef.h>

#include "graph/ph_patch.h"
#include "phonon/phonon.h"

/* Parses, evaluates and lowers the program. NULL with *err filled on any error; nothing
 * is half-compiled. [non-RT] */
ph_patch *ph_compile(const char *text, size_t len, const ph_settings *s, ph_diag *err);

#endif
