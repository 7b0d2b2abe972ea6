/* The pattern gate of a source node: a pitched pattern's rests silence its oscillator with
 * ~2 ms ramps (so a gated note neither clicks nor sounds through the rest), until an
 * envelope takes the gating over (ph_node_osc_ungate). Shared by every source kind that a
 * pitched pattern plays (ph_node_osc.c, ph_node_gen.c ...). A gated node's state begins
 * with a ph_node_gate, and its kind is listed in ph_node_gate.c. */
#ifndef PH_NODE_GATE_H
#define PH_NODE_GATE_H

#include <stdbool.h>

#include "graph/ph_graph.h"

typedef struct ph_node_gate {
    bool gated;
    float g;      /* smoothed gate */
    float g_coef; /* one-pole coefficient for ~2 ms */
} ph_node_gate;

void ph_node_gate_init(ph_node_gate *s, double rate, bool gated);
/* out *= the smoothed gate (gate: the driving pattern's gate line); nothing when ungated. */
void ph_node_gate_apply(ph_node_gate *s, float *out, const float *gate, const ph_ctx *ctx);

#endif
