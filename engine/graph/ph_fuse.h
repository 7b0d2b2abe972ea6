/* Fused units (graph layer: the interface; render/ph_fusion.c finds the units when a program
 * is made, the nodes layer's fuser compiles and renders them).
 *
 * A fused unit is a set of nodes rendered by one call instead of node by node: several
 * voices of the same shape ("lanes": the W1 voices saw -> lpf, the W3 feedback loops) whose
 * per-sample recurrences run in SIMD lanes without buffers between them, plus the mixing
 * that sums those voices (a `+` tree, `* 0.1`). The graph stays as it was: every member
 * keeps its state and output buffer, and the unit writes a member's buffer whenever
 * something outside the unit reads it (ph_node.fuse_out). A unit must write exactly what
 * its members' own renders would write (bit for bit): the per-sample evaluator and
 * programs made without fusion render node by node.
 *
 * The graph does not know what nodes compute; a graph's `fuser` (set by whoever made its
 * nodes: the compiler sets the nodes layer's) describes them and compiles and renders
 * units. */
#ifndef PH_FUSE_H
#define PH_FUSE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct ph_node ph_node;
typedef struct ph_graph ph_graph;
typedef struct ph_ctx ph_ctx;

typedef enum ph_fuse_role {
    PH_FUSE_NONE = 0, /* never in a unit */
    PH_FUSE_LANE,     /* a per-voice recurrence (oscillator, filter): only in lanes */
    PH_FUSE_ELEM,     /* stateless per-sample arithmetic (+ - * /, mix): in lanes or mixing */
    PH_FUSE_PRE,      /* per voice, but computed along time before the lanes (a delay whose
                       * line is longer than a chunk): only in lanes */
    PH_FUSE_TAP       /* a feedback tap (the graph's own kind) */
} ph_fuse_role;

/* What a node can be in a unit. Nodes of two lanes match when their kinds and keys are
 * equal. `sig`: the inputs that carry the voice's signal (bit k: input k); the other
 * inputs are parameters, read from their buffers (never computed inside the unit). */
typedef struct ph_fuse_desc {
    ph_fuse_role role;
    uint32_t key;
    uint32_t sig;
} ph_fuse_desc;

typedef struct ph_fuse_unit ph_fuse_unit;

typedef struct ph_fuser {
    /* What node n of g (live, finalized) can be; role PH_FUSE_NONE for anything else. */
    void (*describe)(const ph_graph *g, const ph_node *n, ph_fuse_desc *d);
    /* Makes u->prog for a unit whose members are set (non-RT); false when it cannot. */
    bool (*compile)(ph_fuse_unit *u, ph_graph *g);
    /* [RT] Renders the unit's chunk: every member's output that something outside the
     * unit reads, and the members' states, as their own renders would. */
    void (*render)(ph_fuse_unit *u, const ph_ctx *ctx);
    /* Frees u->prog (non-RT). */
    void (*release)(ph_fuse_unit *u);
} ph_fuser;

struct ph_fuse_unit {
    const ph_fuser *fuser;
    ph_node *rep; /* the member that renders the unit (ph_node_render) */
    /* Lanes: lane[k * n_lanes + l] is lane l's k-th node; k runs in a topological order
     * and position k holds nodes of one kind in every lane, wired alike. */
    uint32_t n_lanes, lane_len;
    ph_node **lane;
    /* The mixing after the lanes (nodes that read only the unit and constants), in a
     * topological order. */
    uint32_t n_post;
    ph_node **post;
    /* Every member, in the graph's order before fusion (the order a node-by-node
     * rendering of the unit follows). */
    uint32_t n_members;
    ph_node **members;
    void *prog; /* the fuser's */
};

/* [RT] Renders the unit's members one by one, as a program without fusion would (the
 * fuser's fallback). */
void ph_fuse_unit_render_members(ph_fuse_unit *u, const ph_ctx *ctx);

#endif
