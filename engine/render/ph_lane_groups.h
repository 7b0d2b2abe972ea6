/* Lane groups (render plan, non-RT): live nodes of one kind in one execution stage whose
 * kinds can be rendered together (ph_node_ops.lane_key / render_lanes) are grouped, at most
 * PH_LANE_GROUP_MAX to a group, so that their kernels advance 8 voices per instruction.
 * Nodes of one stage never read each other, so a group's members are independent; the
 * task partition (ph_plan.c) treats a group as one unit, so a group is never split across
 * threads. Grouping changes no output: render_lanes writes what render would. */
#ifndef PH_LANE_GROUPS_H
#define PH_LANE_GROUPS_H

#include <stdbool.h>

#include "graph/ph_graph.h"

typedef struct ph_lanes {
    ph_lane_group *groups;
    uint32_t n_groups;
} ph_lanes;

/* Groups g's live nodes (g finalized) and points each member's `lanes` at its group.
 * With `enabled` false, or PHONON_LANES=off in the environment (an A/B switch for
 * measurements), no group is made. False when out of memory. */
bool ph_lanes_build(ph_lanes *l, ph_graph *g, bool enabled);
/* Tests: programs made from now on get lane groups (true, the default) or none. */
void ph_lane_groups_enable(bool on);
/* Unlinks the members and frees the groups. */
void ph_lanes_free(ph_lanes *l, ph_graph *g);
/* The node that stands for i in the task partition: its group's first member, or i. */
static inline uint32_t ph_lanes_rep(const ph_graph *g, uint32_t i)
{
    const ph_lane_group *lg = g->nodes[i].lanes;
    return lg ? (uint32_t)(lg->member[0] - g->nodes) : i;
}

#endif
