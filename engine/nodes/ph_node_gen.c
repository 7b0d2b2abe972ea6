/* The rack's generator nodes over dsp/ph_fm.h and dsp/ph_blit.h: fm, pm, impulse, blip.
 * Like the oscillators they are pitched by their first parameter and, played by a pitched
 * pattern, gated by its rests (ph_node_gate.h). Inputs: the parameters in the order the
 * names table documents, then the gate. */
#include <stdlib.h>

#include "dsp/ph_blit.h"
#include "dsp/ph_fm.h"
#include "nodes/ph_node_gate.h"
#include "nodes/ph_nodes.h"

typedef struct gen_node {
    ph_node_gate gate; /* first: see ph_node_gate.h */
    ph_fm fm;
    ph_blit blit;
    uint32_t n_param;
} gen_node;

static void free_state(ph_node *n) { free(n->state); }

static void gen_render(ph_node *n, const ph_ctx *ctx)
{
    gen_node *s = n->state;
    float *out = n->out[0];
    uint64_t t0 = (uint64_t)ctx->sample;
    if (n->ops == &ph_kind_fm) ph_fm_process(&s->fm, out, n->in[0][0], n->in[1][0], n->in[2][0], ctx->n, t0);
    else if (n->ops == &ph_kind_pm) ph_pm_process(&s->fm, out, n->in[0][0], n->in[1][0], n->in[2][0], ctx->n, t0);
    else if (n->ops == &ph_kind_impulse) ph_impulse_process(&s->blit, out, n->in[0][0], ctx->n, t0);
    else ph_blip_process(&s->blit, out, n->in[0][0], ctx->n, t0);
    ph_node_gate_apply(&s->gate, out, n->in[s->n_param][0], ctx);
}

const ph_node_ops ph_kind_fm = {.kind = "fm", .render = gen_render, .destroy = free_state};
const ph_node_ops ph_kind_pm = {.kind = "pm", .render = gen_render, .destroy = free_state};
const ph_node_ops ph_kind_impulse = {.kind = "impulse", .render = gen_render, .destroy = free_state};
const ph_node_ops ph_kind_blip = {.kind = "blip", .render = gen_render, .destroy = free_state};

static int make_gen(ph_graph *g, const ph_node_ops *ops, uint32_t np, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param < np) return -1;
    gen_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    ph_node_gate_init(&s->gate, a->rate, a->gate.node >= 0);
    ph_fm_init(&s->fm, a->rate);
    ph_blit_init(&s->blit, a->rate);
    s->n_param = np;
    ph_ref in[PH_NODE_MAX_PARAMS + 1];
    for (uint32_t k = 0; k < np; k++) in[k] = a->param[k];
    in[np] = a->gate;
    int id = ph_graph_add(g, ops, s, 1, 0, in, np + 1);
    if (id < 0) free(s);
    *oc = 1;
    return id;
}

int ph_make_fm(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_gen(g, &ph_kind_fm, 3, a, oc); }
int ph_make_pm(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_gen(g, &ph_kind_pm, 3, a, oc); }
int ph_make_impulse(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_gen(g, &ph_kind_impulse, 1, a, oc); }
int ph_make_blip(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_gen(g, &ph_kind_blip, 1, a, oc); }
