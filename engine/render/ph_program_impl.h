/* What a playing program is inside the engine: the compiler's patch (graph/ph_patch.h),
 * the render plan made from it (tasks, schedule, captures: render/ph_plan.h) and the
 * per-program window state. Not part of the public API. */
#ifndef PH_PROGRAM_IMPL_H
#define PH_PROGRAM_IMPL_H

#include "graph/ph_patch.h"
#include "phonon/phonon.h"
#include "render/ph_plan.h"
#include "render/ph_pool.h"

#define PH_SPAN (PH_POOL_SPAN_CHUNKS * PH_CHUNK) /* most frames rendered in one go */

struct ph_program {
    ph_patch *patch;
    ph_plan plan;
    int roots[1 + PH_AUX_CHANNELS];
    uint32_t n_roots;
    /* span_out: the outputs of the span being rendered, PH_MAX_CHANNELS channels of
     * PH_SPAN frames (captures copy them there, render/ph_engine.c). */
    float *span_out;
    bool silent[PH_MAX_CHANNELS]; /* no output node: span_out's channel stays zeros */
    uint32_t fence; /* pool fence taken when the program was retired (ph_pool_fence) */
    ph_window win;
    bool win_valid;
    uint32_t clock_version; /* engine clock version the window was made for */
    uint32_t held_serial;   /* the engine's held chord the window was made with (`held`) */
    uint32_t eval_stamp;    /* per-sample evaluator */
    bool eval_sample;       /* render with the per-sample reference evaluator */
};

/* Makes a playing program from a patch (taken: freed on failure too): finalizes the
 * graph, builds the render plan and the output captures. NULL with a message in err. */
ph_program *ph_program_make(ph_patch *patch, char *err, size_t errlen);

#endif
