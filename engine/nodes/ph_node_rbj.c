/* The rack's filter nodes over dsp/ph_rbj.h and dsp/ph_comb.h: the cookbook responses
 * under the seed's names (rlpf rhpf resonz, svf_*, bq_*), the three-band eq, the DJ
 * filter, comb and all-pass. One node type for all of them (a kernel state per channel,
 * chosen by the kind); inputs: 0 the signal, then the parameters in the order the names
 * table documents. */
#include <stdlib.h>

#include "dsp/ph_comb.h"
#include "dsp/ph_formant.h"
#include "dsp/ph_rbj.h"
#include "nodes/ph_nodes.h"
#include "nodes/ph_rack_util.h"

typedef enum rack_filter { RF_RBJ, RF_EQ, RF_DJF, RF_COMB, RF_ALLPASS, RF_FORMANT, RF_VOWEL } rack_filter;

typedef struct filter_node {
    rack_filter type;
    union {
        ph_rbj rbj[2];
        ph_rbj eq[2][3];
        ph_djf djf[2];
        ph_comb comb[2];
        ph_allpass1 ap[2];
        ph_formant fo[2];
    } u;
} filter_node;

static void filter_render(ph_node *n, const ph_ctx *ctx)
{
    filter_node *s = n->state;
    const uint64_t t0 = (uint64_t)ctx->sample;
    const uint32_t len = ctx->n;
    for (uint32_t c = 0; c < n->channels; c++) {
        float *out = n->out[c];
        const float *x = n->in[0][c];
        switch (s->type) {
        case RF_RBJ: ph_rbj_process(&s->u.rbj[c], out, x, n->in[1][0], n->in[2][0], NULL, len, t0); break;
        case RF_EQ: /* three bells in series; inputs 1 + 3b .. 3 + 3b: freq, gain, q */
            for (int b = 0; b < 3; b++, x = out)
                ph_rbj_process(&s->u.eq[c][b], out, x, n->in[1 + 3 * b][0], n->in[3 + 3 * b][0], n->in[2 + 3 * b][0], len, t0);
            break;
        case RF_DJF: ph_djf_process(&s->u.djf[c], out, x, n->in[1][0], len, t0); break;
        case RF_COMB: ph_comb_process(&s->u.comb[c], out, x, n->in[1][0], n->in[2][0], len, t0); break;
        case RF_ALLPASS: ph_allpass1_process(&s->u.ap[c], out, x, n->in[1][0], len, t0); break;
        case RF_FORMANT:
            ph_formant_process(&s->u.fo[c], out, x, n->in[1][0], n->in[2][0], n->in[3][0], n->in[4][0], n->in[5][0],
                               n->in[6][0], len, t0);
            break;
        case RF_VOWEL: ph_vowel_process(&s->u.fo[c], out, x, n->in[1][0], len, t0); break;
        }
    }
}

static void filter_destroy(ph_node *n)
{
    filter_node *s = n->state;
    if (s && s->type == RF_COMB)
        for (int c = 0; c < 2; c++) ph_comb_destroy(&s->u.comb[c]);
    free(s);
}

const ph_node_ops ph_kind_rbj = {.kind = "rbj", .render = filter_render, .destroy = filter_destroy};
const ph_node_ops ph_kind_eq = {.kind = "eq", .render = filter_render, .destroy = filter_destroy};
const ph_node_ops ph_kind_djf = {.kind = "djf", .render = filter_render, .destroy = filter_destroy};
const ph_node_ops ph_kind_comb = {.kind = "comb", .render = filter_render, .destroy = filter_destroy};
const ph_node_ops ph_kind_allpass = {.kind = "allpass", .render = filter_render, .destroy = filter_destroy};
const ph_node_ops ph_kind_formant = {.kind = "formant", .render = filter_render, .destroy = filter_destroy};

/* The node: its kernels made for both channels, the signal and np parameters as inputs.
 * mode, q_lo and q_hi are the cookbook section's (RF_RBJ). */
static int make(ph_graph *g, const ph_node_args *a, uint32_t *oc, rack_filter type, uint32_t np, ph_rbj_mode mode,
                float q_lo, float q_hi)
{
    static const ph_node_ops *const ops[] = {&ph_kind_rbj,     &ph_kind_eq,      &ph_kind_djf,    &ph_kind_comb,
                                             &ph_kind_allpass, &ph_kind_formant, &ph_kind_formant};
    filter_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    s->type = type;
    bool ok = true;
    for (int c = 0; c < 2; c++) {
        switch (type) {
        case RF_RBJ: ph_rbj_init(&s->u.rbj[c], a->rate, mode, q_lo, q_hi); break;
        case RF_EQ:
            for (int b = 0; b < 3; b++) ph_rbj_init(&s->u.eq[c][b], a->rate, PH_RBJ_PEAK, 0.1f, 10.0f); /* the seed's Q */
            break;
        case RF_DJF: ph_djf_init(&s->u.djf[c], a->rate); break;
        case RF_COMB: ok = ok && ((uint32_t)c >= a->channels || ph_comb_create(&s->u.comb[c], a->rate) == 0); break;
        case RF_ALLPASS: ph_allpass1_init(&s->u.ap[c]); break;
        case RF_FORMANT:
        case RF_VOWEL: ph_formant_init(&s->u.fo[c], a->rate); break;
        }
    }
    int id = ok ? ph_rack_add(g, ops[type], s, a->channels, a, np, oc) : -1;
    if (id < 0) filter_destroy(&(ph_node){.state = s});
    *oc = a->channels;
    return id;
}

/* The seed's ranges: biquads and rlpf/rhpf Q 0.1..20, resonz 0.5..100, its SVF Q >= 0.1
 * (here at most 50: beyond that it only rings). */
int ph_make_rlpf(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_RBJ, 2, PH_RBJ_LP, 0.1f, 20); }
int ph_make_rhpf(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_RBJ, 2, PH_RBJ_HP, 0.1f, 20); }
int ph_make_resonz(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_RBJ, 2, PH_RBJ_BP, 0.5f, 100); }
int ph_make_bq_lp(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_RBJ, 2, PH_RBJ_LP, 0.1f, 20); }
int ph_make_bq_hp(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_RBJ, 2, PH_RBJ_HP, 0.1f, 20); }
int ph_make_bq_bp(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_RBJ, 2, PH_RBJ_BP, 0.1f, 20); }
int ph_make_bq_notch(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_RBJ, 2, PH_RBJ_NOTCH, 0.1f, 20); }
int ph_make_svf_lp(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_RBJ, 2, PH_RBJ_LP, 0.1f, 50); }
int ph_make_svf_hp(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_RBJ, 2, PH_RBJ_HP, 0.1f, 50); }
int ph_make_svf_bp(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_RBJ, 2, PH_RBJ_BP, 0.1f, 50); }
int ph_make_svf_notch(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_RBJ, 2, PH_RBJ_NOTCH, 0.1f, 50); }
int ph_make_eq(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_EQ, 9, PH_RBJ_PEAK, 0, 0); }
int ph_make_djf(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_DJF, 1, PH_RBJ_LP, 0, 0); }
int ph_make_comb(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_COMB, 2, PH_RBJ_LP, 0, 0); }
int ph_make_allpass(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_ALLPASS, 1, PH_RBJ_LP, 0, 0); }
int ph_make_formant(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_FORMANT, 6, PH_RBJ_LP, 0, 0); }
int ph_make_vowel(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make(g, a, oc, RF_VOWEL, 1, PH_RBJ_LP, 0, 0); }
