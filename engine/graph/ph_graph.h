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

#include "core/ph_clock.h"
#include "core/ph_rational.h"
#include "graph/ph_fuse.h"
#include "phonon/phonon.h"

#define PH_CHUNK 128        /* internal block; also the feedback (back-edge) delay */
#define PH_QUERY_WINDOW 4096 /* pattern queries cover aligned windows of this many samples */
#define PH_NODE_MAX_IN 12
#define PH_NODE_MAX_OUT 4   /* audio channels (1 or 2) + auxiliary mono buffers */
#define PH_TAP_RING (2 * PH_CHUNK) /* a tap's ring: written at s % RING, read RING/2 behind */

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
 * one set of pattern queries. While rolling, cycle(s) follows the clock (core/ph_clock.h);
 * when stopped no events happen and the cycle is frozen. */
typedef struct ph_window {
    int64_t sample_begin, sample_end;
    ph_rat cycle_begin, cycle_end; /* exact span; empty when stopped */
    bool rolling;
    ph_clock clock;
} ph_window;

/* Pattern time at sample s, as a double (for continuous values); frozen when stopped. */
double ph_window_cycle_at(const ph_window *w, int64_t s);

/* Engine-wide inputs that nodes may read (macros, MIDI). Written by the engine between
 * chunks only; nodes read it during a chunk. */
/* Lanes: the notes a pitched pattern plays at once (a chord) and the MIDI voices of `osc
 * midi` chains, each with its own chain of filters and envelopes. One constant for both. */
#define PH_LANES 8
#define PH_LIVE_VOICES PH_LANES
typedef struct ph_live {
    float macro[PH_MACROS]; /* targets, 0..1 */
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
    /* The host's audio input (an effect's track: `in`, `inL`, `inR`) for the span being
     * rendered: input[c][s - input_sample] is channel c at absolute sample s. Finite,
     * clamped and never NULL (silence when the caller gives none). */
    const float *input[2];
    int64_t input_sample;
} ph_live;

/* MIDI that nodes play (nodes/ph_node_midiout.c, in programs compiled for MIDI output):
 * a note (status 0x9n: data1 the note, data2 the velocity, `off` the sample of its
 * note-off), a control change (0xBn) or a program change (0xCn) at an absolute sample.
 * The engine's scheduler (render/ph_midi_sched.c) orders them and sends the note-offs. */
typedef struct ph_midi_req {
    int64_t sample, off;
    uint8_t status, data1, data2;
} ph_midi_req;
/* Where the playing program's nodes put their MIDI during a span: any thread may push
 * (one atomic increment); what does not fit is dropped (count > cap). */
typedef struct ph_midi_sink {
    ph_midi_req *req;
    uint32_t cap;
    atomic_uint count;
} ph_midi_sink;
static inline void ph_midi_push(ph_midi_sink *s, const ph_midi_req *r)
{
    const uint32_t i = atomic_fetch_add_explicit(&s->count, 1u, memory_order_relaxed);
    if (i < s->cap) s->req[i] = *r;
}

typedef struct ph_ctx {
    int64_t sample; /* absolute index of the chunk's first frame */
    uint32_t n;     /* frames, 1..PH_CHUNK */
    double rate;
    const ph_window *win;
    const ph_live *live;
    ph_midi_sink *midi; /* the playing program's MIDI, or NULL (not collected) */
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
    /* Optional, lanes (render/ph_lanes.c): live nodes of one kind in one stage whose
     * lane_key is equal and non-zero form a lane group, and render_lanes(members, count,
     * ctx) renders the chunk of all of them at once, SIMD lane per member. It must write
     * exactly what render would write for each member (bit for bit: the per-sample
     * evaluator and programs without lanes call render). */
    uint64_t (*lane_key)(const ph_node *n);
    void (*render_lanes)(ph_node *const *members, uint32_t count, const ph_ctx *ctx);
} ph_node_ops;

/* A lane group: at most PH_LANE_GROUP_MAX nodes of one kind rendered together by their
 * kind's render_lanes. member[0] comes first in the graph's order; it renders the group,
 * the other members render nothing (ph_node_render). Made by the render plan. */
#define PH_LANE_GROUP_MAX 16
typedef struct ph_lane_group {
    uint32_t count;
    uint32_t width; /* SIMD lanes the kernels run: count rounded up to a multiple of 8 */
    ph_node *member[PH_LANE_GROUP_MAX];
} ph_lane_group;

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
    /* The chunk (its first sample) for which its source's fused unit keeps the ring itself
     * (nodes/ph_node_fuse.c: it reads the source's buffer directly while chunks come whole,
     * and commits late), so that ph_graph_commit_tap leaves it; -1 none. */
    int64_t tap_kept;
    /* Bookkeeping. */
    int32_t stage;
    bool live;     /* reachable from an output */
    bool constant; /* output written once at finalize (render does nothing) */
    char label[40];
    int line, column;
    uint64_t prof_ns; /* accumulated render time when profiling */
    uint64_t prof_chunk_ns; /* this chunk's time, until render/ph_profile.c commits it */
    uint32_t eval_stamp; /* per-sample evaluator: last frame evaluated */
    ph_lane_group *lanes; /* its lane group (set by the render plan), or NULL */
    /* Its fused unit (graph/ph_fuse.h; set by the render plan), or NULL; its place there
     * (lane and position, or -1 - index among the unit's mixing nodes); whether anything
     * outside the unit reads its output (an output, a tap source, a consumer). */
    ph_fuse_unit *fused;
    int32_t fuse_pos;
    uint32_t fuse_lane;
    bool fuse_out;
};

/* [RT] Renders node n's chunk: alone, or, for a lane group, the whole group when n is its
 * first member and nothing for the others; for a fused unit, the whole unit when n is its
 * rep and nothing for the others. Every block renderer calls this. */
/* Whether ph_node_render renders anything for n: a fused unit's rep, a lane group's first
 * member, or a node on its own (the others are rendered by those). */
static inline bool ph_node_renders(const ph_node *n)
{
    if (n->fused) return n->fused->rep == n;
    return !n->lanes || n->lanes->member[0] == n;
}

static inline void ph_node_render(ph_node *n, const ph_ctx *ctx)
{
    const ph_lane_group *lg = n->lanes;
    if (n->fused) { /* a fused unit: its rep renders all of it */
        if (n->fused->rep == n) n->fused->fuser->render(n->fused, ctx);
    } else if (!lg) n->ops->render(n, ctx);
    else if (lg->member[0] == n) n->ops->render_lanes((ph_node *const *)lg->member, lg->count, ctx);
}

typedef struct ph_stage {
    uint32_t first, count; /* into ph_graph.order */
} ph_stage;

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
    bool finalized;
    /* Describes, compiles and renders fused units of this graph's nodes (graph/ph_fuse.h);
     * NULL: the graph is never fused. */
    const ph_fuser *fuser;
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
 * acyclic, sorts it into stages, allocates the buffers and runs every live node's init. Returns false with a
 * message in err on failure (a cycle not broken by a tap, out of memory). */
bool ph_graph_finalize(ph_graph *g, const int *roots, uint32_t n_roots, char *err, size_t errlen);
/* Marks seen[i] for every node the roots read, through inputs and tap sources (seen has
 * n_nodes entries, cleared or holding earlier marks). false when out of memory. */
bool ph_graph_reachable(const ph_graph *g, const int *roots, uint32_t n_roots, bool *seen);

void ph_graph_prepare(ph_graph *g, const ph_window *w);
/* [RT] After every stage of a chunk: feedback taps take their sources' new output. */
void ph_graph_commit_taps(ph_graph *g, const ph_ctx *ctx);
/* [RT] The same for one tap (g->taps[k]), as soon as its source has rendered the chunk. */
void ph_graph_commit_tap(ph_graph *g, uint32_t k, const ph_ctx *ctx);
/* [RT] Per-sample reference evaluation of one frame (ctx->n == 1): evaluates the nodes
 * the roots need, recursively from the roots, each once. `stamp` must differ per call. */
void ph_graph_eval_recursive(ph_graph *g, const int *roots, uint32_t n_roots,
                             const ph_ctx *ctx, uint32_t stamp);

/* Clamps to a finite range and flushes NaN/Inf to 0. Used on feedback and outputs. */
void ph_sanitize(float *x, uint32_t n, float limit);
/* dst = src sanitised the same way, in one pass (dst may be src). */
void ph_sanitize_copy(float *dst, const float *src, uint32_t n, float limit);
/* What a feedback tap carries is clamped to +-this (NaN made 0), so that a loop with gain
 * above one saturates instead of running to infinity. */
#define PH_FEEDBACK_LIMIT 8.0f

#endif
