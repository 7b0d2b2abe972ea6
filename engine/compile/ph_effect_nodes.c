/* Envelopes and effects as graph nodes: one kernel state per channel. */
#include "compile/ph_effect_nodes.h"

#include <stdlib.h>
#include <string.h>

#include "dsp/ph_delay.h"
#include "dsp/ph_env.h"
#include "dsp/ph_fx.h"
#include "dsp/ph_reverb.h"

/* ---- envelopes --------------------------------------------------------------------- */

typedef struct env_node {
    ph_env env;
    bool ar;
    float buf[PH_CHUNK];
} env_node;

static void env_render(ph_node *n, const ph_ctx *ctx)
{
    env_node *s = n->state;
    const float *gate = n->in[1][0], *trig = n->in[2][0];
    uint64_t t0 = (uint64_t)ctx->sample;
    if (s->ar) /* percussive: one shot per trigger (no gate), attack then release */
        ph_ar_process(&s->env, s->buf, trig, NULL, n->in[3][0], n->in[4][0], ctx->n, t0);
    else
        ph_adsr_process(&s->env, s->buf, trig, gate, n->in[3][0], n->in[4][0], n->in[5][0], n->in[6][0],
                        ctx->n, t0);
    for (uint32_t c = 0; c < n->channels; c++) {
        const float *x = n->in[0][c];
        float *o = n->out[c];
        for (uint32_t i = 0; i < ctx->n; i++) o[i] = x[i] * s->buf[i];
    }
}

static void free_state(ph_node *n) { free(n->state); }
static const ph_node_ops adsr_ops = {.kind = "adsr", .render = env_render, .destroy = free_state};
static const ph_node_ops ar_ops = {.kind = "ar", .render = env_render, .destroy = free_state};

static int env_node_new(ph_graph *g, bool ar, const ph_ref *in, uint32_t n_in, uint32_t channels, double rate)
{
    env_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    ph_env_init(&s->env, rate);
    s->ar = ar;
    int id = ph_graph_add(g, ar ? &ar_ops : &adsr_ops, s, channels, 0, in, n_in);
    if (id < 0) free(s);
    return id;
}

int ph_en_adsr(ph_graph *g, ph_ref in, uint32_t channels, ph_ref gate, ph_ref trig, ph_ref a, ph_ref d,
               ph_ref s, ph_ref r, double rate)
{
    ph_ref inputs[7] = {in, gate, trig, a, d, s, r};
    return env_node_new(g, false, inputs, 7, channels, rate);
}

int ph_en_ar(ph_graph *g, ph_ref in, uint32_t channels, ph_ref gate, ph_ref trig, ph_ref a, ph_ref r,
             double rate)
{
    ph_ref inputs[5] = {in, gate, trig, a, r};
    return env_node_new(g, true, inputs, 5, channels, rate);
}

/* ---- effects ----------------------------------------------------------------------- */

typedef struct fx_node {
    ph_fx_kind kind;
    ph_delay delay[2];
    ph_reverb *reverb;
    ph_bitcrush crush[2];
    ph_chorus chorus[2];
    ph_comp comp[2];
    float mono[PH_CHUNK];
    float tmp[PH_CHUNK];
} fx_node;

static void fx_render(ph_node *n, const ph_ctx *ctx)
{
    fx_node *s = n->state;
    uint64_t t0 = (uint64_t)ctx->sample;
    const float *p0 = n->in[1][0], *p1 = n->in[2][0], *p2 = n->in[3][0], *p3 = n->in[4][0];
    uint32_t in_ch = n->in_channels[0] ? n->in_channels[0] : 1;
    if (s->kind == PH_FX_REVERB) {
        const float *x = n->in[0][0];
        if (in_ch > 1) { /* the reverb is mono in: sum the input's sides */
            for (uint32_t i = 0; i < ctx->n; i++) s->mono[i] = 0.5f * (n->in[0][0][i] + n->in[0][1][i]);
            x = s->mono;
        }
        ph_reverb_process(s->reverb, n->out[0], n->out[1], x, p0, p1, p2, ctx->n, t0);
        if (in_ch > 1) {
            /* keep the dry signal's stereo image: out = wet(mono sum) + dry - dry_mono */
            for (uint32_t i = 0; i < ctx->n; i++) {
                float side = 0.5f * (n->in[0][0][i] - n->in[0][1][i]);
                n->out[0][i] += side * (1.0f - p2[i]);
                n->out[1][i] -= side * (1.0f - p2[i]);
            }
        }
        return;
    }
    for (uint32_t c = 0; c < n->channels; c++) {
        const float *x = n->in[0][c];
        float *o = n->out[c];
        switch (s->kind) {
        case PH_FX_DELAY: ph_delay_process(&s->delay[c], o, x, p0, p1, p2, ctx->n, t0); break;
        case PH_FX_DISTORT: ph_distort(o, x, p0, ctx->n); break;
        case PH_FX_BITCRUSH: ph_bitcrush_process(&s->crush[c], o, x, p0, p1, ctx->n, t0); break;
        case PH_FX_CHORUS: ph_chorus_process(&s->chorus[c], o, x, p0, p1, p2, ctx->n, t0); break;
        case PH_FX_COMPRESS: ph_comp_process(&s->comp[c], o, x, p0, p1, p2, p3, ctx->n, t0); break;
        default: memcpy(o, x, ctx->n * sizeof(float)); break;
        }
    }
}

static void fx_destroy(ph_node *n)
{
    fx_node *s = n->state;
    if (!s) return;
    for (int c = 0; c < 2; c++) {
        if (s->kind == PH_FX_DELAY) ph_delay_destroy(&s->delay[c]);
        if (s->kind == PH_FX_CHORUS) ph_chorus_destroy(&s->chorus[c]);
    }
    if (s->reverb) ph_reverb_destroy(s->reverb);
    free(s);
}

static const ph_node_ops fx_ops[] = {
    {.kind = "delay", .render = fx_render, .destroy = fx_destroy},
    {.kind = "reverb", .render = fx_render, .destroy = fx_destroy},
    {.kind = "distort", .render = fx_render, .destroy = fx_destroy},
    {.kind = "bitcrush", .render = fx_render, .destroy = fx_destroy},
    {.kind = "chorus", .render = fx_render, .destroy = fx_destroy},
    {.kind = "compress", .render = fx_render, .destroy = fx_destroy},
};

int ph_fx_node(ph_graph *g, ph_fx_kind kind, ph_ref in, uint32_t channels, const ph_ref *params,
               int n_params, double rate, uint32_t *out_channels)
{
    fx_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    s->kind = kind;
    bool ok = true;
    for (int c = 0; c < (int)channels && ok; c++) {
        switch (kind) {
        case PH_FX_DELAY: ok = ph_delay_create(&s->delay[c], rate, PH_DELAY_MAX_SECONDS) == 0; break;
        case PH_FX_BITCRUSH: ph_bitcrush_init(&s->crush[c]); break;
        case PH_FX_CHORUS: ok = ph_chorus_create(&s->chorus[c], rate) == 0; break;
        case PH_FX_COMPRESS: ph_comp_init(&s->comp[c], rate); break;
        default: break;
        }
    }
    if (kind == PH_FX_REVERB) ok = (s->reverb = ph_reverb_create(rate)) != NULL;
    uint32_t out_ch = kind == PH_FX_REVERB ? 2 : channels;
    ph_ref inputs[5] = {in, ph_ref_none(), ph_ref_none(), ph_ref_none(), ph_ref_none()};
    for (int i = 0; i < n_params && i < 4; i++) inputs[1 + i] = params[i];
    int id = ok ? ph_graph_add(g, &fx_ops[kind], s, out_ch, 0, inputs, 5) : -1;
    if (id < 0) {
        ph_node tmp = {.state = s};
        fx_destroy(&tmp);
        return -1;
    }
    *out_channels = out_ch;
    return id;
}
