/* What a compiled program is inside the engine: its graph, where its outputs are, and
 * the per-program window state. Filled by the compiler (compile/), rendered by the
 * engine (render/). Not part of the public API. */
#ifndef PH_PROGRAM_IMPL_H
#define PH_PROGRAM_IMPL_H

#include "graph/ph_graph.h"
#include "phonon/phonon.h"

struct ph_program {
    ph_graph g;
    double cps;        /* tempo the text asked for, 0 if none */
    int aux_outputs;   /* highest outN used */
    int main_node;     /* node feeding out: (mono or stereo), -1 if none */
    int aux_node[PH_AUX_CHANNELS]; /* nodes feeding out1..out16, -1 if none */
    int roots[1 + PH_AUX_CHANNELS];
    uint32_t n_roots;
    /* Render state. span_out: the outputs of the span being rendered, PH_MAX_CHANNELS
     * channels of PH_SPAN frames (graph captures copy them there, render/ph_engine.c). */
    float *span_out;
    uint32_t fence; /* pool fence taken when the program was retired (ph_pool_fence) */
    ph_window win;
    bool win_valid;
    uint32_t clock_version; /* engine clock version the window was made for */
    uint32_t eval_stamp;    /* per-sample evaluator */
    bool eval_sample;       /* render with the per-sample reference evaluator */
    /* Whatever the compiler keeps alive (patterns, arenas, samples): freed last. */
    void *owned;
    void (*free_owned)(void *owned);
};

/* An empty program (no outputs) ready for the compiler to fill; NULL on no memory. */
ph_program *ph_program_alloc(void);
/* Finalizes the graph from the program's outputs. */
bool ph_program_finish(ph_program *p, char *err, size_t errlen);

/* Reference evaluator switch (for `phonon bench --eval sample` and A/B tests). */
void ph_program_set_eval_sample(ph_program *p, bool on);

#endif
