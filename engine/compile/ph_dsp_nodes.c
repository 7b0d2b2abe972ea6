/* Oscillator, noise, filter and pan nodes over the dsp/ kernels. */
#include "compile/ph_dsp_nodes.h"

#include <math.h>
#include <stdlib.h>

#include "dsp/ph_filter.h"
#include "dsp/ph_fx.h"
#include "dsp/ph_osc.h"

static void free_state(ph_node *n) { free(n->state); }

/* ---- oscillators ------------------------------------------------------------------- */

typedef struct osc_node {
    ph_osc osc;
    ph_osc_shape shape;
    bool gated;
    float g;      /* smoothed gate */
    float g_coef; /* one-pole coefficient for ~2 ms */
} osc_node;

static void osc_render(ph_node *n, const ph_ctx *ctx)
{
    osc_node *s = n->state;
    float *out = n->out[0];
    const float *freq = n->in[0][0];
    uint64_t t0 = (uint64_t)ctx->sample;
    switch (s->shape) {
    case PH_SHAPE_SINE: ph_osc_sine(&s->osc, out, freq, ctx->n, t0); break;
    case PH_SHAPE_SAW: ph_osc_saw(&s->osc, out, freq, ctx->n, t0); break;
    case PH_SHAPE_SQUARE:
        ph_osc_square(&s->osc, out, freq, n->in_ref[1].node >= 0 ? n->in[1][0] : NULL, ctx->n, t0);
        break;
    case PH_SHAPE_TRI: ph_osc_tri(&s->osc, out, freq, ctx->n, t0); break;
    }
    if (s->gated) {
        const float *gate = n->in[2][0];
        float g = s->g, k = s->g_coef;
        /* Fast path (bench): a settled gate that does not move in this chunk leaves g as it
         * is, so the smoothing loop (a per-sample recurrence) reduces to one gain. */
        bool settled = true;
        for (uint32_t i = 0; i < ctx->n; i++) settled &= gate[i] == g;
        if (settled) {
            if (g != 1.0f)
                for (uint32_t i = 0; i < ctx->n; i++) out[i] *= g;
            return;
        }
        for (uint32_t i = 0; i < ctx->n; i++) {
            g += k * (gate[i] - g);
            out[i] *= g;
        }
        /* Settle at absolute chunk ends only (so every evaluator and block size agrees):
         * the one-pole never reaches 0 or 1 exactly by itself. */
        if ((ctx->sample + ctx->n) % PH_CHUNK == 0 && fabsf(g - gate[ctx->n - 1]) < 1e-6f) g = gate[ctx->n - 1];
        s->g = g < 1e-20f ? 0.0f : g;
    }
}

static const ph_node_ops osc_ops[] = {
    {.kind = "sine", .render = osc_render, .destroy = free_state},
    {.kind = "saw", .render = osc_render, .destroy = free_state},
    {.kind = "square", .render = osc_render, .destroy = free_state},
    {.kind = "tri", .render = osc_render, .destroy = free_state},
};

int ph_dn_osc(ph_graph *g, ph_osc_shape shape, ph_ref freq, ph_ref pw, ph_ref gate, double rate)
{
    osc_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    ph_osc_init(&s->osc, rate, 0.0);
    s->shape = shape;
    s->gated = gate.node >= 0;
    s->g_coef = 1.0f - expf(-1.0f / (0.002f * (float)rate));
    ph_ref in[3] = {freq, pw, gate};
    int id = ph_graph_add(g, &osc_ops[shape], s, 1, 0, in, 3);
    if (id < 0) free(s);
    return id;
}

void ph_dn_osc_set_gated(ph_graph *g, int node, bool gated)
{
    if (node < 0 || (uint32_t)node >= g->n_nodes || g->nodes[node].ops->render != osc_render) return;
    osc_node *s = g->nodes[node].state;
    s->gated = gated && g->nodes[node].in_ref[2].node >= 0;
}

/* ---- noise ------------------------------------------------------------------------- */

static void noise_render(ph_node *n, const ph_ctx *ctx)
{
    ph_noise_process(n->state, n->out[0], NULL, ctx->n, (uint64_t)ctx->sample);
}
static const ph_node_ops noise_ops = {.kind = "noise", .render = noise_render, .destroy = free_state};

int ph_dn_noise(ph_graph *g, int color, uint32_t seed)
{
    ph_noise *s = calloc(1, sizeof *s);
    if (!s) return -1;
    ph_noise_init(s, (ph_noise_color)color, seed);
    int id = ph_graph_add(g, &noise_ops, s, 1, 0, NULL, 0);
    if (id < 0) free(s);
    return id;
}

/* ---- filters ----------------------------------------------------------------------- */

typedef struct filter_node {
    ph_filter_kind kind;
    ph_svf svf[2];
    ph_ladder ladder[2];
} filter_node;

static void filter_render(ph_node *n, const ph_ctx *ctx)
{
    filter_node *s = n->state;
    const float *cut = n->in[1][0];
    const float *res = n->in[2][0];
    for (uint32_t c = 0; c < n->channels; c++) {
        if (s->kind == PH_FILT_LADDER)
            ph_ladder_process(&s->ladder[c], n->out[c], n->in[0][c], cut, res, ctx->n, (uint64_t)ctx->sample);
        else
            ph_svf_process(&s->svf[c], n->out[c], n->in[0][c], cut, res, ctx->n, (uint64_t)ctx->sample);
    }
}

static const ph_node_ops filter_ops[] = {
    {.kind = "lpf", .render = filter_render, .destroy = free_state},
    {.kind = "hpf", .render = filter_render, .destroy = free_state},
    {.kind = "bpf", .render = filter_render, .destroy = free_state},
    {.kind = "notch", .render = filter_render, .destroy = free_state},
    {.kind = "ladder", .render = filter_render, .destroy = free_state},
};

int ph_dn_filter(ph_graph *g, ph_filter_kind kind, ph_ref in, uint32_t channels, ph_ref cutoff,
                 ph_ref res, double rate)
{
    filter_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    s->kind = kind;
    static const ph_svf_mode modes[] = {PH_SVF_LP, PH_SVF_HP, PH_SVF_BP, PH_SVF_NOTCH, PH_SVF_LP};
    for (int c = 0; c < 2; c++) {
        ph_svf_init(&s->svf[c], rate, modes[kind]);
        ph_ladder_init(&s->ladder[c], rate);
    }
    ph_ref inputs[3] = {in, cutoff, res};
    int id = ph_graph_add(g, &filter_ops[kind], s, channels, 0, inputs, 3);
    if (id < 0) free(s);
    return id;
}

/* ---- pan --------------------------------------------------------------------------- */

static void pan_render(ph_node *n, const ph_ctx *ctx)
{
    const float *l = n->in[0][0], *r = n->in[0][1], *pos = n->in[1][0];
    if (n->in_channels[0] <= 1) {
        ph_pan(n->out[0], n->out[1], l, pos, ctx->n);
        return;
    }
    /* stereo input: a balance, each side at most unity (as the voice pool does) */
    float *ol = n->out[0], *or = n->out[1];
    for (uint32_t i = 0; i < ctx->n; i++) {
        float p = pos[i] < 0.0f ? 0.0f : pos[i] > 1.0f ? 1.0f : pos[i];
        float gl = 2.0f * (1.0f - p), gr = 2.0f * p;
        ol[i] = l[i] * (gl < 1.0f ? gl : 1.0f);
        or[i] = r[i] * (gr < 1.0f ? gr : 1.0f);
    }
}
static const ph_node_ops pan_ops = {.kind = "pan", .render = pan_render};

int ph_dn_pan(ph_graph *g, ph_ref in, ph_ref pos)
{
    ph_ref inputs[2] = {in, pos};
    return ph_graph_add(g, &pan_ops, NULL, 2, 0, inputs, 2);
}

/* ---- min / max / clip / range ------------------------------------------------------ */

static void min_render(ph_node *n, const ph_ctx *ctx)
{
    for (uint32_t c = 0; c < n->channels; c++) ph_min(n->out[c], n->in[0][c], n->in[1][c], ctx->n);
}
static void max_render(ph_node *n, const ph_ctx *ctx)
{
    for (uint32_t c = 0; c < n->channels; c++) ph_max(n->out[c], n->in[0][c], n->in[1][c], ctx->n);
}
static void clip_render(ph_node *n, const ph_ctx *ctx)
{
    for (uint32_t c = 0; c < n->channels; c++) ph_clip(n->out[c], n->in[0][c], n->in[1][0], n->in[2][0], ctx->n);
}
static void range_render(ph_node *n, const ph_ctx *ctx)
{
    for (uint32_t c = 0; c < n->channels; c++) ph_dsp_range(n->out[c], n->in[0][c], n->in[1][0], n->in[2][0], ctx->n);
}
static const ph_node_ops min_ops = {.kind = "min", .render = min_render};
static const ph_node_ops max_ops = {.kind = "max", .render = max_render};
static const ph_node_ops clip_ops = {.kind = "clip", .render = clip_render};
static const ph_node_ops range_ops = {.kind = "range", .render = range_render};

int ph_dn_min(ph_graph *g, ph_ref a, ph_ref b, uint32_t channels)
{
    ph_ref in[2] = {a, b};
    return ph_graph_add(g, &min_ops, NULL, channels, 0, in, 2);
}
int ph_dn_max(ph_graph *g, ph_ref a, ph_ref b, uint32_t channels)
{
    ph_ref in[2] = {a, b};
    return ph_graph_add(g, &max_ops, NULL, channels, 0, in, 2);
}
int ph_dn_clip(ph_graph *g, ph_ref x, ph_ref lo, ph_ref hi, uint32_t channels)
{
    ph_ref in[3] = {x, lo, hi};
    return ph_graph_add(g, &clip_ops, NULL, channels, 0, in, 3);
}
int ph_dn_range(ph_graph *g, ph_ref x, ph_ref lo, ph_ref hi, uint32_t channels)
{
    ph_ref in[3] = {x, lo, hi};
    return ph_graph_add(g, &range_ops, NULL, channels, 0, in, 3);
}
