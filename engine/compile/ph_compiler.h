/* The compiler's entry point: .ph text -> a patch (graph/ph_patch.h) for the renderer. */
#ifndef PH_COMPILER_H
#define PH_COMPILER_H

#include <stddef.h>

#include "graph/ph_patch.h"
#include "phonon/phonon.h"

/* What the compiler needs from above it (the API layer hands the renderer's functions
 * over, so compile/ never includes render/). May be NULL: then a bus cannot be used as an
 * instrument (s "~synth"). */
typedef struct ph_compile_hooks {
    /* Renders frames of the patch's main output from cycle 0 (the patch is taken). */
    bool (*render)(ph_patch *patch, double rate, double cps, uint32_t frames, float *out);
} ph_compile_hooks;

/* Parses, evaluates and lowers the program. NULL with *err filled on any error; nothing
 * is half-compiled. [non-RT] */
ph_patch *ph_compile(const char *text, size_t len, const ph_settings *s, const ph_compile_hooks *hooks, ph_diag *err);

#endif
