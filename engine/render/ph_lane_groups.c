/* Lane groups (see ph_lane_groups.h). */
#include "render/ph_lane_groups.h"

#include "render/ph_fusion.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static _Atomic bool groups_on = true;

void ph_lane_groups_enable(bool on) { groups_on = on; }


static uint64_t key_of(const ph_node *n)
{
    if (n->fused) return 0; /* rendered by its fused unit */
    return n->ops->render_lanes && n->ops->lane_key ? n->ops->lane_key(n) : 0;
}

bool ph_lanes_build(ph_lanes *l, ph_graph *g, bool enabled)
{
    memset(l, 0, sizeof *l);
    if (!enabled || !groups_on || ph_plan_off_by_env("PHONON_LANES") || !g->n_order) return true;
    l->groups = calloc(g->n_order, sizeof *l->groups);
    if (!l->groups) return false;
    uint32_t n = 0;
    for (uint32_t s = 0; s < g->n_stages; s++) {
        const ph_stage *st = &g->stages[s];
        uint32_t open = n; /* this stage's groups are groups[open .. n) */
        for (uint32_t k = 0; k < st->count; k++) {
            ph_node *node = &g->nodes[g->order[st->first + k]];
            uint64_t key = key_of(node);
            if (!key) continue;
            ph_lane_group *to = NULL;
            for (uint32_t j = open; j < n && !to; j++) {
                ph_lane_group *c = &l->groups[j];
                if (c->count < PH_LANE_GROUP_MAX && c->member[0]->ops == node->ops && key_of(c->member[0]) == key)
                    to = c;
            }
            if (!to) {
                to = &l->groups[n++];
                memset(to, 0, sizeof *to);
            }
            to->member[to->count++] = node;
        }
        /* a group of one is no group: drop it, keep the others packed */
        uint32_t kept = open;
        for (uint32_t j = open; j < n; j++)
            if (l->groups[j].count > 1) l->groups[kept++] = l->groups[j];
        n = kept;
    }
    for (uint32_t j = 0; j < n; j++) {
        ph_lane_group *lg = &l->groups[j];
        lg->width = (lg->count + 7) / 8 * 8;
        for (uint32_t m = 0; m < lg->count; m++) lg->member[m]->lanes = lg;
    }
    l->n_groups = n;
    return true;
}

void ph_lanes_free(ph_lanes *l, ph_graph *g)
{
    if (g)
        for (uint32_t j = 0; j < l->n_groups; j++)
            for (uint32_t m = 0; m < l->groups[j].count; m++) l->groups[j].member[m]->lanes = NULL;
    free(l->groups);
    memset(l, 0, sizeof *l);
}
