/* The render plan of a program: what the renderer keeps beside the compiled graph to
 * render it on several threads -- the graph partitioned into tasks, the task dependencies
 * that let several chunks be in flight at once, the static schedule, and the captures that
 * copy the program's outputs out. Built when a program is made (non-RT); used by the pool
 * and the engine (RT). The graph itself (graph/) knows nothing of threads. */
#ifndef PH_PLAN_H
#define PH_PLAN_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "graph/ph_graph.h"
#include "render/ph_fusion.h"
#include "render/ph_lane_groups.h"

#define PH_TASK_MAX_THREADS 65 /* render thread + the pool's at most 64 workers */
#define PH_TASK_COST_PARTS 4   /* render/ph_pool.c times tasks in this many parts */
#define PH_PLAN_MAX_CAPTURES 40 /* output copies (ph_plan_add_capture) */

/* Tasks: the live nodes partitioned into in-trees (a node that has exactly one consumer
 * and is not an output joins its consumer's task), each run by one thread in topological
 * order. Tasks form a DAG: a task may start when the tasks feeding it are done.
 *
 * Pipelining. Several chunks may be in flight at once (render/ph_pool.c): task a may
 * render chunk j once it has rendered chunk j-1, its producers (prod) have rendered chunk
 * j, and every task in after[] has rendered chunk j-1 - its consumers, which must have
 * read a's buffers of chunk j-1 before a overwrites them, and the tasks on either side of
 * a feedback tap (the tap reads what its source wrote up to chunk j-1; the source must
 * not overwrite ring data the tap's task has not read). */
typedef struct ph_tasks {
    uint32_t n;
    uint32_t *first, *count; /* into nodes */
    uint32_t *nodes;          /* node indices, task by task, topological inside a task */
    uint32_t *ndeps;          /* tasks feeding each task */
    uint32_t *cons_start;     /* consumers of task t: cons[cons_start[t] .. cons_start[t+1]) */
    uint32_t *cons;
    uint32_t *initial;        /* tasks with no deps */
    uint32_t n_initial;
    uint32_t *prod_start, *prod;   /* producers of task t: prod[prod_start[t] .. prod_start[t+1]) */
    uint32_t *after_start, *after; /* tasks that must have rendered the previous chunk */
    uint32_t *task_of;             /* node -> task (UINT32_MAX for nodes not rendered) */
    uint32_t *tap_task;            /* per g->taps entry: the task of its source */
    uint64_t seq;                  /* pipelined chunks rendered so far (see ph_task_sync) */
    /* run-time state (one chunk at a time) */
    _Atomic uint32_t *pending;
    _Atomic uint64_t *slots; /* ready queue: gen << 32 | (task + 1) */
    /* Static schedule (render/ph_pool.c): from measured task times (cost) every task
     * gets an owner thread; each thread runs its own list, and tasks synchronise through
     * sync[] (one cache line per task). Remade every few thousand chunks. */
    struct ph_task_sync *sync;
    uint64_t *cost, *rank, *ready; /* measured cycles (PH_TASK_COST_PARTS per task); scratch */
    uint32_t *order;               /* tasks by decreasing rank (a topological order) */
    uint32_t *owner;               /* thread that runs each task */
    uint32_t *lists;               /* tasks thread by thread, in `order` */
    uint32_t list_start[PH_TASK_MAX_THREADS + 1];
    uint32_t calib_chunks;         /* chunks rendered with workers (for the timing phases) */
    uint32_t sched_threads;        /* threads the schedule is for; 0 = none yet */
} ph_tasks;

/* One cache line per task, so threads working on different tasks never share a line.
 * Pipelined chunks are numbered 1, 2, ... (ph_tasks.seq); both counters only grow. */
typedef struct ph_task_sync {
    _Alignas(64) _Atomic uint64_t claimed; /* last chunk a thread took this task for */
    _Atomic uint64_t done;                 /* last chunk this task finished */
} ph_task_sync;

/* A copy of a node's output channel to dst + (offset of the chunk in its span), made as
 * soon as the node's task has rendered the chunk (the engine's outputs). */
typedef struct ph_capture {
    uint32_t node, channel, task;
    float *dst;
} ph_capture;

typedef struct ph_plan {
    ph_graph *g;
    /* The nodes that render something, in the graph's order (a lane group's or a fused
     * unit's other members render nothing: ph_node_render), for serial rendering. The
     * tasks' node lists hold only these too. */
    uint32_t *serial;
    uint32_t n_serial;
    ph_fusion fusion; /* fused units (ph_fusion.h), made first */
    ph_lanes lanes; /* lane groups (ph_lane_groups.h), made before the tasks */
    ph_tasks tasks;
    ph_capture captures[PH_PLAN_MAX_CAPTURES];
    uint32_t n_captures;
    uint64_t prof_samples; /* frames whose node times are in prof_ns (render/ph_profile.c) */
} ph_plan;

/* Partitions g's live graph (finalized) into tasks with their dependencies
 * (render/ph_tasks.c). False when out of memory. */
bool ph_plan_build(ph_plan *pl, ph_graph *g, const int *roots, uint32_t n_roots);
void ph_plan_free(ph_plan *pl);
/* Node's output `channel` is copied to dst + offset after every chunk. False when the
 * table is full or the node is not rendered. */
bool ph_plan_add_capture(ph_plan *pl, int node, uint32_t channel, float *dst);
/* [RT] After a whole chunk (serial rendering): taps commit, captures copy; `offset` is
 * the chunk's first frame within the span the captures' dst buffers hold. */
void ph_plan_chunk_done(ph_plan *pl, const ph_ctx *ctx, uint32_t offset);
/* [RT] The same for the taps whose source and the captures whose node are in task a,
 * right after a has rendered the chunk (pipelined rendering). */
void ph_plan_task_done(ph_plan *pl, uint32_t a, const ph_ctx *ctx, uint32_t offset);

#endif
