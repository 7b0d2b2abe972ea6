/* Pattern nodes: a pattern as a signal with gate and trigger lines (see the .c file). */
#ifndef PH_PATTERN_NODE_H
#define PH_PATTERN_NODE_H

#include "graph/ph_graph.h"
#include "pattern/ph_pattern.h"

#define PH_PATNODE_MAX_EVENTS 256 /* per query window; more are dropped (counted) */
#define PH_MAX_LANES 8            /* most simultaneous notes a pitched pattern plays */

typedef enum ph_patsig_mode {
    PH_PATSIG_PLAIN,  /* values as numbers, stepped */
    PH_PATSIG_SMOOTH, /* stepped, then smoothed (~2 ms) so jumps do not click */
    PH_PATSIG_PITCH   /* frequencies: numbers are Hz, note names become Hz; stepped */
} ph_patsig_mode;

/* audio = value, aux 1 = gate, aux 2 = trigger. */
int ph_node_pattern_lane(ph_graph *g, const ph_pat *pat, ph_patsig_mode mode, uint32_t lane, double rate);
/* The most events sharing one onset in the pattern's first 16 cycles (1..max_lanes). */
uint32_t ph_pattern_polyphony(const ph_pat *pat, uint32_t max_lanes);

#endif
