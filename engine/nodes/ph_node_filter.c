/* Filter nodes over dsp/ph_filter.h: the TPT state-variable filter (lp, hp, bp, notch) and
 * the 4-pole ladder; one kernel state per channel. The state-variable kinds take the
 * quality factor Q as the seed project's filters do (clamped to 0.5 .. 20, damping 1/Q); the
 * node maps it to the kernel's resonance. The ladder takes a resonance 0..1. */
#include <stdlib.h>

#include "dsp/ph_filter.h"
#include "nodes/ph_nodes.h"

#define PH_SVF_Q_MIN 0.5f
#define PH_SVF_Q_MAX 20.0f

typedef struct filter_node {
    bool ladder;
    ph_svf svf[2];
    ph_ladder lad[2];
    float res[PH_CHUNK]; /* Q mapped to the kernel's resonance */
} filter_node;

/* Inputs: 0 signal, 1 cutoff, 2 resonance. */
static void filter_render(ph_node *n, const ph_ctx *ctx)
{
    filter_node *s = n->state;
    const float *cut = n->in[1][0];
    const float *res = n->in[2][0];
    if (!s->ladder) { /* k = 2 (1 - res) = 1 / Q */
        for (uint32_t i = 0; i < ctx->n; i++) {
            float q = res[i];
            q = q == q ? q : 1.0f;
            q = q < PH_SVF_Q_MIN ? PH_SVF_Q_MIN : q > PH_SVF_Q_MAX ? PH_SVF_Q_MAX : q;
            s->res[i] = 1.0f - 0.5f / q;
        }
        res = s->res;
    }
    for (uint32_t c = 0; c < n->channels; c++) {
        if (s->ladder)
            ph_ladder_process(&s->lad[c], n->out[c], n->in[0][c], cut, res, ctx->n, (uint64_t)ctx->sample);
        else
            ph_svf_process(&s->svf[c], n->out[c], n->in[0][c], cut, res, ctx->n, (uint64_t)ctx->sample);
    }
}

static void free_state(ph_node *n) { free(n->state); }
const ph_node_ops ph_kind_lpf = {.kind = "lpf", .render = filter_render, .destroy = free_state};
const ph_node_ops ph_kind_hpf = {.kind = "hpf", .render = filter_render, .destroy = free_state};
const ph_node_ops ph_kind_bpf = {.kind = "bpf", .render = filter_render, .destroy = free_state};
const ph_node_ops ph_kind_notch = {.kind = "notch", .render = filter_render, .destroy = free_state};
const ph_node_ops ph_kind_ladder = {.kind = "ladder", .render = filter_render, .destroy = free_state};

static int make_filter(ph_graph *g, const ph_node_ops *ops, bool ladder, ph_svf_mode mode, const ph_node_args *a,
                       uint32_t *oc)
{
    if (a->n_param < 2) return -1;
    filter_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    s->ladder = ladder;
    for (int c = 0; c < 2; c++) {
        ph_svf_init(&s->svf[c], a->rate, mode);
        ph_ladder_init(&s->lad[c], a->rate);
    }
    ph_ref in[3] = {a->in, a->param[0], a->param[1]};
    int id = ph_graph_add(g, ops, s, a->channels, 0, in, 3);
    if (id < 0) free(s);
    *oc = a->channels;
    return id;
}

int ph_make_lpf(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_filter(g, &ph_kind_lpf, false, PH_SVF_LP, a, oc); }
int ph_make_hpf(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_filter(g, &ph_kind_hpf, false, PH_SVF_HP, a, oc); }
int ph_make_bpf(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_filter(g, &ph_kind_bpf, false, PH_SVF_BP, a, oc); }
int ph_make_notch(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    return make_filter(g, &ph_kind_notch, false, PH_SVF_NOTCH, a, oc);
}
int ph_make_ladder(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    return make_filter(g, &ph_kind_ladder, true, PH_SVF_LP, a, oc);
}
