/* A patch: what the compiler hands the renderer. The signal graph (not yet finalized),
 * which nodes feed the outputs, the tempo the text asked for, and whatever the graph's
 * nodes point into (patterns, sample banks) that must outlive it. compile/ makes patches,
 * render/ plays them; neither includes the other. */
#ifndef PH_PATCH_H
#define PH_PATCH_H

#include "core/ph_held.h"
#include "graph/ph_graph.h"
#include "phonon/phonon.h"

#define PH_PATCH_MAX_WARNINGS 32

typedef struct ph_patch {
    ph_graph g;
    double cps;      /* tempo the text asked for, 0 if none */
    int aux_outputs; /* highest outN used */
    int main_node;   /* node feeding out: (mono or stereo), -1 if none */
    int aux_node[PH_AUX_CHANNELS]; /* nodes feeding out1..out16, -1 if none */
    /* What compiled but deserves a word (a name defined twice, a sound no bank has). */
    ph_diag warnings[PH_PATCH_MAX_WARNINGS];
    uint32_t n_warnings;
    /* The chord `held` reads (in the program's heap), or NULL when the text has no `held`;
     * the engine fills it before each query window (render/ph_engine.c). */
    struct ph_held *held;
    /* Freed after the graph: memory the nodes point into. */
    void *owned;
    void (*free_owned)(void *owned);
} ph_patch;

/* An empty patch (no outputs); NULL on no memory. */
ph_patch *ph_patch_new(void);
void ph_patch_free(ph_patch *p);
/* The output nodes in channel order (main, then out1..out16), at most 1 + PH_AUX_CHANNELS;
 * returns how many. */
uint32_t ph_patch_roots(const ph_patch *p, int *roots);
/* Adds a warning (dropped when the list is full or it repeats one already there). */
void ph_patch_warn(ph_patch *p, int line, int column, const char *message);

#endif
