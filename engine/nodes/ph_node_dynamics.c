/* Dynamics analysis nodes over dsp/ph_follow.h: `follow attack release`, the level of its
 * input (mono or stereo, the louder side) as a mono control signal, for side-chains. */
#include <stdlib.h>

#include "dsp/ph_follow.h"
#include "nodes/ph_nodes.h"

typedef struct follow_node {
    ph_follow f;
} follow_node;

/* Inputs: 0 the signal, 1 attack, 2 release. */
static void follow_render(ph_node *n, const ph_ctx *ctx)
{
    follow_node *s = n->state;
    const float *r = n->in_channels[0] > 1 ? n->in[0][1] : NULL;
    ph_follow_process(&s->f, n->out[0], n->in[0][0], r, n->in[1][0], n->in[2][0], ctx->n, (uint64_t)ctx->sample);
}

static void free_state(ph_node *n) { free(n->state); }
const ph_node_ops ph_kind_follow = {.kind = "follow", .render = follow_render, .destroy = free_state};

int ph_make_follow(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    follow_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    ph_follow_init(&s->f, a->rate);
    ph_ref in[3] = {a->in, a->n_param > 0 ? a->param[0] : ph_ref_none(), a->n_param > 1 ? a->param[1] : ph_ref_none()};
    *oc = 1;
    int id = ph_graph_add(g, &ph_kind_follow, s, 1, 0, in, 3);
    if (id < 0) free(s);
    return id;
}
