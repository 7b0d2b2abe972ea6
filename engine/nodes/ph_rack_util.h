/* Helpers shared by the rack's node files (ph_node_kernel.c, ph_node_ctl.c, ph_node_conv.c).
 * Internal to engine/nodes/. */
#ifndef PH_RACK_UTIL_H
#define PH_RACK_UTIL_H

#include <stdlib.h>

#include "nodes/ph_nodes.h"

/* A node whose inputs are a->in, then the first n parameters (missing ones read as zeros). */
static inline int ph_rack_add(ph_graph *g, const ph_node_ops *ops, void *state, uint32_t out_ch, const ph_node_args *a,
                              uint32_t n, uint32_t *oc)
{
    ph_ref in[1 + PH_NODE_MAX_PARAMS] = {a->in};
    for (uint32_t k = 0; k < n && k < PH_NODE_MAX_PARAMS; k++) in[1 + k] = k < a->n_param ? a->param[k] : ph_ref_none();
    int id = ph_graph_add(g, ops, state, out_ch, 0, in, 1 + n);
    *oc = out_ch;
    return id;
}

/* A parameter fixed when the program is compiled (a count, a look-ahead): the value of a
 * constant node, else dflt. */
static inline float ph_rack_const(const ph_graph *g, ph_ref r, float dflt)
{
    float v;
    return ph_node_const_value(g, r, &v) ? v : dflt;
}

/* Where a pattern is used as a gate or a trigger: its gate (port 1) or trigger (port 2)
 * line rather than its stepped value. Any other signal is used as it is. */
static inline ph_ref ph_rack_events(const ph_graph *g, ph_ref r, int port)
{
    if (r.node >= 0 && r.port == 0 && g->nodes[r.node].ops == &ph_kind_pattern) r.port = port;
    return r;
}


#endif
