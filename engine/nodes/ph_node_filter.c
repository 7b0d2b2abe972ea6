/* Filter nodes over dsp/ph_filter.h: the TPT state-variable filter (lp, hp, bp, notch) and
 * the 4-pole ladder; one kernel state per channel. The state-variable kinds take the
 * quality factor Q as the seed project's filters do (clamped to 0.5 .. 20, damping 1/Q); the
 * node maps it to the kernel's resonance. The ladder takes a resonance 0..1. */
#include <stdlib.h>
#include <string.h>

#include "dsp/ph_filter.h"
#include "dsp/ph_lanes.h"
#include "nodes/ph_node_fuse.h"
#include "nodes/ph_nodes.h"

#define PH_SVF_Q_MIN 0.5f
#define PH_SVF_Q_MAX 20.0f

typedef struct filter_node {
    bool ladder;
    ph_svf svf[2];
    ph_ladder lad[2];
    float res[PH_CHUNK]; /* Q mapped to the kernel's resonance */
    uint32_t q_bits;     /* the Q that fills all of res, when q_steady */
    bool q_steady;
} filter_node;

/* The state-variable kinds' Q (input 2) as the kernel's resonance, into s->res. */
static void map_q(filter_node *s, const float *qin, uint32_t n)
{
    /* A constant Q (the usual case) is mapped once: a division per sample was as costly as
     * the filter lanes themselves. Compared as bits, so it vectorises. */
    uint32_t u0;
    memcpy(&u0, qin, sizeof u0);
    const bool diff = !ph_dsp_steady(qin, n);
    if (!diff && s->q_steady && u0 == s->q_bits) return;
    s->q_steady = !diff;
    s->q_bits = u0;
    if (!diff) n = PH_CHUNK; /* fill all of res: the next chunks may be longer */
    for (uint32_t i = 0; i < n; i++) { /* k = 2 (1 - res) = 1 / Q */
        float q = qin[diff ? i : 0];
        q = q == q ? q : 1.0f;
        q = q < PH_SVF_Q_MIN ? PH_SVF_Q_MIN : q > PH_SVF_Q_MAX ? PH_SVF_Q_MAX : q;
        s->res[i] = 1.0f - 0.5f / q;
    }
}

/* Inputs: 0 signal, 1 cutoff, 2 resonance. */
static void filter_render(ph_node *n, const ph_ctx *ctx)
{
    filter_node *s = n->state;
    const float *cut = n->in[1][0];
    const float *res = n->in[2][0];
    if (!s->ladder) {
        map_q(s, res, ctx->n);
        res = s->res;
    }
    for (uint32_t c = 0; c < n->channels; c++) {
        if (s->ladder)
            ph_ladder_process(&s->lad[c], n->out[c], n->in[0][c], cut, res, ctx->n, (uint64_t)ctx->sample);
        else
            ph_svf_process(&s->svf[c], n->out[c], n->in[0][c], cut, res, ctx->n, (uint64_t)ctx->sample);
    }
}

/* Lanes: state-variable filters of one mode and width, every channel a lane. */
static uint64_t filter_lane_key(const ph_node *n)
{
    const filter_node *s = n->state;
    return s->ladder ? 0 : 1 + ((uint64_t)s->svf[0].mode << 2 | n->channels);
}

static void filter_render_lanes(ph_node *const *m, uint32_t count, const ph_ctx *ctx)
{
    ph_svf *f[2 * PH_LANE_GROUP_MAX];
    float *out[2 * PH_LANE_GROUP_MAX];
    const float *in[2 * PH_LANE_GROUP_MAX], *cut[2 * PH_LANE_GROUP_MAX], *res[2 * PH_LANE_GROUP_MAX];
    uint32_t l = 0;
    for (uint32_t j = 0; j < count; j++) {
        ph_node *n = m[j];
        filter_node *s = n->state;
        map_q(s, n->in[2][0], ctx->n);
        for (uint32_t c = 0; c < n->channels; c++, l++) {
            f[l] = &s->svf[c];
            out[l] = n->out[c];
            in[l] = n->in[0][c];
            cut[l] = n->in[1][0];
            res[l] = s->res;
        }
    }
    ph_svf_lanes(f, l, out, in, cut, res, ctx->n, (uint64_t)ctx->sample);
}

bool ph_node_filter_fuse(ph_node *n, ph_fuse_svf *v)
{
    if ((n->ops != &ph_kind_lpf && n->ops != &ph_kind_hpf && n->ops != &ph_kind_bpf && n->ops != &ph_kind_notch) ||
        n->channels != 1)
        return false;
    filter_node *s = n->state;
    v->svf = &s->svf[0];
    v->res = s->res;
    return true;
}

void ph_node_filter_fuse_chunk(ph_node *n, uint32_t frames) { map_q(n->state, n->in[2][0], frames); }

static void free_state(ph_node *n) { free(n->state); }
#define SVF_KIND(name)                                                                              \
    const ph_node_ops ph_kind_##name = {.kind = #name, .render = filter_render, .destroy = free_state, \
                                        .lane_key = filter_lane_key, .render_lanes = filter_render_lanes}
SVF_KIND(lpf);
SVF_KIND(hpf);
SVF_KIND(bpf);
SVF_KIND(notch);
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
