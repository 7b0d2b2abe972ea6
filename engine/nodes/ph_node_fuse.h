/* What the fuser (ph_node_fuse.c: fused units, graph/ph_fuse.h) reads of the node kinds it
 * fuses: each family file gives its kinds' kernel states. Internal to engine/nodes. */
#ifndef PH_NODE_FUSE_H
#define PH_NODE_FUSE_H

#include <stdbool.h>

#include "dsp/ph_delay.h"
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

/* The delay's line (ph_node_fx.c), mono. */
ph_delay *ph_node_delay_fuse(ph_node *n);

#endif
