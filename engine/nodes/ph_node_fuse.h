/* What the fuser (ph_node_fuse.c: fused units, graph/ph_fuse.h) reads of the node kinds it
 * fuses: each family file gives its kinds' kernel states. Internal to engine/nodes. */
#ifndef PH_NODE_FUSE_H
#define PH_NODE_FUSE_H

#include <stdbool.h>

#include "dsp/ph_ctl.h"
#include "dsp/ph_delay.h"
#include "dsp/ph_env.h"
#include "dsp/ph_filter.h"
#include "dsp/ph_osc.h"
#include "graph/ph_graph.h"
#include "nodes/ph_node_gate.h"

/* Oscillators (ph_node_osc.c): sine, saw and tri (not square: a pulse width per sample).
 * shape is a PH_LANES_OSC_* of dsp/ph_lanes.h. */
typedef struct ph_fuse_osc {
    int shape;
    ph_osc *osc;
    ph_node_gate *gate;
} ph_fuse_osc;
bool ph_node_osc_fuse(ph_node *n, ph_fuse_osc *v);

/* State-variable filters (ph_node_filter.c), mono: the kernel state and the buffer that
 * holds the node's Q mapped to the kernel's resonance, refreshed for each chunk by
 * ph_node_filter_fuse_chunk (what the node's own render does first). Not the ladder. */
typedef struct ph_fuse_svf {
    ph_svf *svf;
    const float *res;
} ph_fuse_svf;
bool ph_node_filter_fuse(ph_node *n, ph_fuse_svf *v);
void ph_node_filter_fuse_chunk(ph_node *n, uint32_t frames);

/* Envelopes (ph_node_env.c), mono: the kernel state, the buffer the node's render writes
 * the envelope into, and whether it is an ar (no gate). */
typedef struct ph_fuse_env {
    ph_env *env;
    float *buf;
    bool ar;
} ph_fuse_env;
bool ph_node_env_fuse(ph_node *n, ph_fuse_env *v);
/* The scalar kernel over the chunk into v->buf, as the node's render runs it first. */
void ph_node_env_fuse_render(ph_node *n, const ph_ctx *ctx);

/* Whether a pattern node's (ph_node_pattern.c) lines hold one value each over the chunk it
 * rendered last, with no trigger (a whole chunk without an event): then nothing that reads
 * them needs to look at every sample. */
bool ph_node_pattern_steady(const ph_node *n);

/* The delay's line (ph_node_fx.c), mono. */
ph_delay *ph_node_delay_fuse(ph_node *n);

/* The one-pole low-pass's state (ph_node_kernel.c: the onepole kernel), mono. */
ph_lag *ph_node_onepole_fuse(ph_node *n);

#endif
