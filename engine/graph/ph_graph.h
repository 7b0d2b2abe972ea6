/* The signal graph: nodes that each render a whole chunk of samples into their own
 * buffers from their inputs' buffers, scheduled into execution stages.
 *
 * Life of a graph (all but the render calls are non-real-time):
 *   ph_graph_init -> ph_graph_add ... (inputs may name nodes added later, and taps name
 *   the node whose previous chunk they read) -> ph_graph_finalize (dead-node removal,
 *   topological sort into stages, buffer allocation) -> render -> ph_graph_destroy.
 *
 * Chunks. The renderer never hands a node more than PH_CHUNK frames, and a chunk never
 * straddles an absolute sample index that is a multiple of PH_CHUNK. Feedback taps read
 * their source delayed by exactly PH_CHUNK samples ("the previous block"), so feedback
 * is identical whatever block lengths the host uses. */
#ifndef PH_GRAPH_H
#define PH_GRAPH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ph_rational.h"

#define PH_CHUNK 128        /* internal block; also the feedback (back-edge) delay */
#define PH_QUERY_WINDOW 2048 /* pattern queries cover aligned windows of this many samples */
#define PH_NODE_MAX_IN 12
#define PH_TASK_MAX_THREADS 65 /* render thread + the pool's at most 64 workers */
#define PH_TASK_COST_PARTS 4    /* render/ph_pool.c times tasks in this many parts */
#define PH_NODE_MAX_OUT 4   /* audio channels (1 or 2) + auxiliary mono buffers */
#define PH_TAP_RING (2 * PH_CHUNK) /* a tap's ring: written at s % RING, read RING/2 behind */
#define PH_GRAPH_MAX_CAPTURES 40    /* output copies (ph_graph_add_capture) */

typedef struct ph_node ph_node;

/* A reference to a node's output: port 0 is its audio (1 or 2 channels); port k >= 1 is
 * its auxiliary mono buffer k (e.g. a pattern's gate and trigger lines). */
typedef struct ph_ref {
    int32_t node; /* -1: none */
    int32_t port;
} ph_ref;

static inline ph_ref ph_ref_audio(int node) { ph_ref r = {node, 0}; return r; }
static inline ph_ref ph_ref_none(void) { ph_ref r = {-1, 0}; return r; }

/* The pattern-time window being rendered: chunks inside [sample_begin, sample_end) share
 * one set of pattern queries. cycle(s) = anchor_cycle + (s - anchor_sample) * cps / rate
 * while rolling; when stopped no events happen and cycle is frozen. */
typedef struct ph_window {
    int64_t sample_begin, sample_end;
    ph_rat cycle_begin, cycle_end; /* exact span; empty when stopped */
    bool rolling;
    int64_t anchor_sample;
    ph_rat anchor_cycle;
    ph_rat cps;   /* cycles per second, exact */
    int64_t rate; /* samples per second */
} ph_window;

/* Exact sample at which pattern time t happens: the last sample at or before t (an onset
 * exactly on a sample lands on it). Only meaningful while rolling. */
int64_t ph_window_sample_of(const ph_window *w, ph_rat t);
/* Pattern time at sample s, as a double (for continuous values). */
double ph_window_cycle_at(const ph_window *w, int64_t s);

/* Engine-wide inputs that nodes may read (macros, MIDI). Written by the engine between
 * chunks only; nodes read it during a chunk. */
#define PH_LIVE_VOICES 8 /* MIDI voices: notes played at once by `osc midi` chains */
typedef struct ph_live {
    float macro[8];  /* targets, 0..1 */
    int32_t note;     /* last MIDI note held, -1 when none */
    float velocity;   /* 0..1 */
    uint32_t note_serial; /* increments on every note-on */
    bool gate;        /* any note held */
    float bend;       /* pitch bend of every MIDI note, semitones */
    /* Polyphony: the note each voice plays (or last played, -1 never), its gate, and a
     * serial that changes at each note-on it takes (render/ph_engine.c allocates). */
    struct {
        int32_t note;
        float velocity;
        uint32_t serial;
        bool gate;
    } voice[PH_LIVE_VOICES];
} ph_live;

typedef struct ph_ctx {
    int64_t sample; /* absolute index of the chunk's first frame */
    uint32_t n;     /* frames, 1..PH_CHUNK */
    double rate;
    const ph_window *win;
    const ph_live *live;
} ph_ctx;

typedef struct ph_node_ops {
    const char *kind;
    /* Render ctx->n frames into n->out. NULL for nodes whose output never changes
     * (written once by init); such nodes are not scheduled. */
    void (*render)(ph_node *n, const ph_ctx *ctx);
    /* Optional: called once after finalize, when buffers exist. */
    void (*init)(ph_node *n);
    /* Optional: a new query window starts (pattern queries go here). Called serially
     * before the window's first chunk. */
    void (*prepare)(ph_node *n, const ph_window *w);
    /* Optional: frees n->state (non-RT). */
    void (*destroy)(ph_node *n);
} ph_node_ops;

struct ph_node {
    const ph_node_ops *ops;
    void *state;
    uint32_t channels; /* audio channels: 1 or 2 */
    uint32_t n_aux;    /* auxiliary mono buffers */
    uint32_t n_in;
    ph_ref in_ref[PH_NODE_MAX_IN];
    /* Filled by finalize: in[i][c] is input i's channel c (a mono source gives the same
     * buffer for both channels; an absent input gives a buffer of zeros). */
    const float *in[PH_NODE_MAX_IN][2];
    uint32_t in_channels[PH_NODE_MAX_IN];
    float *out[PH_NODE_MAX_OUT]; /* channels audio buffers, then n_aux buffers */
    /* Feedback taps: the node whose output this tap reads one chunk late. The ring holds
     * two chunks' worth, so that the source may write chunk j while the tap's readers
     * are still on chunk j (pipelined rendering, render/ph_pool.c). */
    int32_t tap_source;
    float *tap_ring[2];
    /* Bookkeeping. */
    int32_t stage;
    bool live;     /* reachable from an output */
    bool constant; /* output written once at finalize (render does nothing) */
    char label[40];
    int line, column;
    uint64_t prof_ns; /* accumulated render time when profiling */
    uint64_t prof_chunk_ns; /* this chunk's time, until render/ph_profile.c commits it */
    uint32_t eval_stamp; /* per-sample evaluator: last frame evaluated */
};

typedef struct ph_stage {
    uint32_t first, count; /* into ph_graph.order */
} ph_stage;

/* Tasks, for parallel rendering: the live nodes partitioned into in-trees (a node that has
 * exactly one consumer and is not an output joins its consumer's task), each run by one
 * thread in topological order. Tasks form a DAG: a task may start when the tasks feeding
 * it are done.
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

typedef struct ph_graph {
    ph_node *nodes;
    uint32_t n_nodes, cap_nodes;
    /* After finalize: */
    uint32_t *order; /* live node indices, stage by stage */
    uint32_t n_order;
    ph_stage *stages;
    uint32_t n_stages;
    uint32_t *taps; /* indices of live tap nodes */
    uint32_t n_taps;
    uint32_t *prepares; /* live nodes with a prepare op */
    uint32_t n_prepares;
    float *mem;     /* every buffer, one allocation */
    float *zeros;   /* PH_CHUNK zeros */
    ph_tasks tasks;
    ph_capture captures[PH_GRAPH_MAX_CAPTURES];
    uint32_t n_captures;
    uint64_t prof_samples; /* frames whose node times are in prof_ns (render/ph_profile.c) */
    bool finalized;
} ph_graph;

void ph_graph_init(ph_graph *g);
void ph_graph_destroy(ph_graph *g);

/* Adds a node; returns its index, or -1 when out of memory. state is owned by the node
 * (freed by ops->destroy). Inputs may be set later with ph_graph_set_input. */
int ph_graph_add(ph_graph *g, const ph_node_ops *ops, void *state, uint32_t channels,
                 uint32_t n_aux, const ph_ref *inputs, uint32_t n_in);
void ph_graph_set_input(ph_graph *g, int node, uint32_t index, ph_ref src);
static inline ph_node *ph_graph_node(ph_graph *g, int i) { return &g->nodes[i]; }
/* A feedback tap: a node with no inputs whose output is `source`'s output one chunk
 * (PH_CHUNK samples) ago. The source may be set later with ph_graph_set_tap_source. */
int ph_graph_add_tap(ph_graph *g, uint32_t channels);
void ph_graph_set_tap_source(ph_graph *g, int tap, int source);

/* Marks the nodes reachable from roots live, checks that the live graph (taps cut) is
 * acyclic, sorts it into stages, and allocates the buffers. Returns false with a
 * message in err on failure (a cycle not broken by a tap, out of memory). */
bool ph_graph_finalize(ph_graph *g, const int *roots, uint32_t n_roots, char *err, size_t errlen);

/* [RT] Renders one chunk of every live node, stage by stage, on the calling thread. */
void ph_graph_render_stage(ph_graph *g, uint32_t stage, const ph_ctx *ctx);
void ph_graph_prepare(ph_graph *g, const ph_window *w);
/* [RT] After every stage of a chunk: feedback taps take their sources' new output. */
void ph_graph_commit_taps(ph_graph *g, const ph_ctx *ctx);
/* After finalize (non-RT): node's output `channel` is copied to dst + offset after every
 * chunk (see ph_graph_chunk_done). False when the table is full or node not rendered. */
bool ph_graph_add_capture(ph_graph *g, int node, uint32_t channel, float *dst);
/* [RT] After a whole chunk (serial rendering): taps commit, captures copy; `offset` is
 * the chunk's first frame within the span the captures' dst buffers hold. */
void ph_graph_chunk_done(ph_graph *g, const ph_ctx *ctx, uint32_t offset);
/* [RT] The same for the taps whose source and the captures whose node are in task a,
 * right after a has rendered the chunk (pipelined rendering). */
void ph_graph_task_done(ph_graph *g, uint32_t a, const ph_ctx *ctx, uint32_t offset);
/* Partitions the live graph into tasks with their dependencies (graph/ph_tasks.c). */
bool ph_graph_build_tasks(ph_graph *g, const int *roots, uint32_t n_roots);
/* [RT] Per-sample reference evaluation of one frame (ctx->n == 1): evaluates the nodes
 * the roots need, recursively from the roots, each once. `stamp` must differ per call. */
void ph_graph_eval_recursive(ph_graph *g, const int *roots, uint32_t n_roots,
                             const ph_ctx *ctx, uint32_t stamp);

/* Clamps to a finite range and flushes NaN/Inf to 0. Used on feedback and outputs. */
void ph_sanitize(float *x, uint32_t n, float limit);

#endif
