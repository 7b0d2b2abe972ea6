/* Fusion (render plan, non-RT): finds the fused units of a program (graph/ph_fuse.h) when
 * it is made, before the lane groups and the tasks.
 *
 * Seeds are the voices a lane group would hold (nodes of one kind and key in one stage,
 * at most PH_FUSE_MAX_LANES). From a seed the lanes grow in lockstep along the signal
 * inputs and consumers: a node joins when every lane has one of the same kind, wired the
 * same way, that is not shared between lanes (a shared LFO or constant stays a parameter).
 * Then the unit takes the mixing after its lanes: nodes of elementwise arithmetic that
 * read only the unit and constants (a `+` tree, `* 0.1`). A unit is kept only when no path
 * leaves it and comes back (its inputs never depend on its own output in the same chunk)
 * and the graph's fuser compiles it. The stages are then recomputed with every unit as
 * one node, all its members in one stage, so that whatever reads a member comes after the
 * unit in every renderer's order; the task partition treats a unit as one node, like a
 * lane group. */
#ifndef PH_FUSION_H
#define PH_FUSION_H

#include <stdbool.h>

#include "graph/ph_graph.h"

#define PH_FUSE_MAX_LANES 16 /* lanes of a unit: two 8-float vectors */
#define PH_FUSE_MAX_LEN 32   /* nodes per lane */

typedef struct ph_fusion {
    ph_fuse_unit *units;
    uint32_t n_units;
    ph_node **mem; /* the units' node lists, one allocation */
} ph_fusion;

/* Finds and compiles g's units (g finalized) and restages g. With `enabled` false, or
 * PHONON_FUSE=off in the environment (an A/B switch for measurements), or a graph without
 * a fuser, no unit is made. False when out of memory. */
bool ph_fuse_build(ph_fusion *f, ph_graph *g, const int *roots, uint32_t n_roots, bool enabled);
/* Unlinks the members and frees the units. */
void ph_fuse_free(ph_fusion *f, ph_graph *g);
/* Tests: programs made from now on get fused units (true, the default) or none. */
void ph_fuse_enable(bool on);

/* An A/B switch of the plan's optimisations (PHONON_FUSE, PHONON_LANES): whether the
 * environment variable `name` says "off" or "0". */
bool ph_plan_off_by_env(const char *name);

#endif
