/* Per-node profiling that survives a busy machine.
 *
 * Each node's render (and each pattern node's prepare) is timed with the monotonic clock,
 * first into the node's prof_chunk_ns; the chunk's times are added to prof_ns only when
 * the render thread was not switched out during the chunk (its voluntary + involuntary
 * context-switch count, from getrusage(RUSAGE_THREAD), did not move). A preempted chunk
 * would otherwise charge several milliseconds of someone else's time to whichever node
 * happened to be running. Costs two clock reads per node and two getrusage calls per
 * chunk; renders on the calling thread. Only used while profiling is on. */
#ifndef PH_PROFILE_H
#define PH_PROFILE_H

#include "render/ph_plan.h"

/* Renders one chunk of every live node, stage by stage, timing each node. */
void ph_profile_render_chunk(ph_plan *pl, const ph_ctx *ctx);
/* Runs every node's prepare for a new query window, timing each node. */
void ph_profile_prepare(ph_plan *pl, const ph_window *w);

#endif
