/* Render worker pool: threads created with the engine that help render the independent
 * nodes of an execution stage.
 *
 * Work distribution is lock-free: the render thread publishes a job (a stage's node list)
 * by storing a 64-bit counter (generation << 32 | next index); every participant claims
 * nodes by compare-and-swap on that counter and counts finished nodes in `done`. The
 * render thread claims nodes itself and then spins until the others' nodes are done; it
 * never sleeps or takes a lock. Idle workers spin briefly, then sleep on a futex; the
 * render thread wakes them with FUTEX_WAKE only when some are asleep.
 *
 * Chunks of the task graph (ph_pool_render_span) use that dynamic scheme only until the
 * tasks have been timed; then each task has an owner thread (list scheduling on the
 * measured costs, remade every 2048 chunks), every thread runs its own tasks in order,
 * chunk after chunk, and a task waits for its producers (this chunk) and its consumers
 * (previous chunk) through per-task chunk counters, one cache line each: the chunks of a
 * span are pipelined, with one join per span instead of one per chunk. A thread whose next
 * task is not ready takes a ready one from the end of another thread's list (cores of a
 * VM change speed). A thread that has not started a span (asleep) has its tasks taken by
 * the others, and when no task finishes anywhere for a while (an owner preempted) any
 * ready task is taken. */
#ifndef PH_POOL_H
#define PH_POOL_H

#include <stdbool.h>
#include <stdint.h>

#include "render/ph_plan.h"

typedef struct ph_pool ph_pool;

/* workers = extra threads besides the caller (0 gives a pool that renders inline). */
ph_pool *ph_pool_new(uint32_t workers);
void ph_pool_free(ph_pool *p);
uint32_t ph_pool_workers(const ph_pool *p);

/* Most chunks one ph_pool_render_span call takes (the engine's spans). */
#define PH_POOL_SPAN_CHUNKS 8

/* [RT] Renders n_chunks (<= PH_POOL_SPAN_CHUNKS) consecutive chunks of every live node of
 * g, all inside one query window: serially in stage order without workers, else through
 * the task graph (g->tasks) with the workers, several chunks in flight at once. After each
 * chunk (or each task's part of it) the taps commit and the captures copy to
 * dst + offsets[j]. */
void ph_pool_render_span(ph_pool *p, ph_plan *pl, const ph_ctx *ctxs, const uint32_t *offsets, uint32_t n_chunks);

/* [RT] A new query window: every node's prepare (pattern queries), shared out like a
 * stage (the nodes are independent). */
void ph_pool_prepare(ph_pool *p, ph_plan *pl, const ph_window *w);

/* [RT, render thread] Before a program the workers may have seen is handed back to be
 * freed: publishes an empty job, so that a worker that has not yet looked at an older job
 * never will, and returns its generation (0 without workers). */
uint32_t ph_pool_fence(ph_pool *p);
/* [RT] Whether no worker is still inside a job older than `fence` (a worker preempted in
 * the middle of one may still read its program). */
bool ph_pool_released(const ph_pool *p, uint32_t fence);


#endif
