/* Effect nodes over dsp/ (ph_delay.h, ph_reverb.h, ph_fx.h): one kind each, one kernel
 * state per channel. Inputs: 0 the signal, then the parameters in the documented order. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/ph_delay.h"
#include "dsp/ph_fx.h"
#include "dsp/ph_reverb.h"
#include "nodes/ph_node_fuse.h"
#include "nodes/ph_nodes.h"
#include "nodes/ph_rack_util.h"

static void free_state(ph_node *n) { free(n->state); }

/* ---- delay: time (s), feedback, mix --------------------------------------------------- */

typedef struct delay_node {
    ph_delay line[2];
} delay_node;

static void delay_render(ph_node *n, const ph_ctx *ctx)
{
    delay_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_delay_process(&s->line[c], n->out[c], n->in[0][c], n->in[1][0], n->in[2][0], n->in[3][0], ctx->n,
                         (uint64_t)ctx->sample);
}

static void delay_destroy(ph_node *n)
{
    delay_node *s = n->state;
    if (!s) return;
    for (int c = 0; c < 2; c++) ph_delay_destroy(&s->line[c]);
    free(s);
}
const ph_node_ops ph_kind_delay = {.kind = "delay", .render = delay_render, .destroy = delay_destroy};

ph_delay *ph_node_delay_fuse(ph_node *n)
{
    return n->ops == &ph_kind_delay && n->channels == 1 ? &((delay_node *)n->state)->line[0] : NULL;
}

static int make_delay(ph_graph *g, const ph_node_args *a, uint32_t *oc, bool linear)
{
    delay_node *s = calloc(1, sizeof *s);
    bool ok = s != NULL;
    /* A constant time sizes the line (plus 10 ms, so the kernel's clamp never bites): a
     * 0.1 s echo then takes 32 KiB instead of 1 MiB, which keeps many lines in the cache
     * (W3's 16) and makes the program quicker to build. */
    double max_s = PH_DELAY_MAX_SECONDS;
    float t;
    if (a->n_param > 0 && ph_node_const_value(g, a->param[0], &t) && t >= 0 && t < PH_DELAY_MAX_SECONDS - 0.01)
        max_s = (double)t + 0.01;
    for (uint32_t c = 0; ok && c < a->channels; c++)
        if ((ok = ph_delay_create(&s->line[c], a->rate, max_s) == 0)) s->line[c].linear = linear;
    int id = ok ? ph_rack_add(g, &ph_kind_delay, s, a->channels, a, 3, oc) : -1;
    if (id < 0) delay_destroy(&(ph_node){.state = s});
    return id;
}

int ph_make_delay(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_delay(g, a, oc, false); }
int ph_make_delayl(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_delay(g, a, oc, true); }

/* ---- reverb: room, damp, mix; mono in, stereo out ------------------------------------ */

typedef struct reverb_node {
    ph_reverb *rv;
    float mono[PH_CHUNK];
} reverb_node;

static void reverb_render(ph_node *n, const ph_ctx *ctx)
{
    reverb_node *s = n->state;
    const float *x = n->in[0][0], *mix = n->in[3][0];
    bool stereo = n->in_channels[0] > 1;
    if (stereo) { /* the reverb is mono in: sum the input's sides */
        for (uint32_t i = 0; i < ctx->n; i++) s->mono[i] = 0.5f * (n->in[0][0][i] + n->in[0][1][i]);
        x = s->mono;
    }
    ph_reverb_process(s->rv, n->out[0], n->out[1], x, n->in[1][0], n->in[2][0], mix, ctx->n,
                      (uint64_t)ctx->sample);
    if (stereo) {
        /* keep the dry signal's stereo image: out = wet(mono sum) + dry - dry_mono */
        for (uint32_t i = 0; i < ctx->n; i++) {
            float side = 0.5f * (n->in[0][0][i] - n->in[0][1][i]);
            n->out[0][i] += side * (1.0f - mix[i]);
            n->out[1][i] -= side * (1.0f - mix[i]);
        }
    }
}

static void reverb_destroy(ph_node *n)
{
    reverb_node *s = n->state;
    if (!s) return;
    if (s->rv) ph_reverb_destroy(s->rv);
    free(s);
}
const ph_node_ops ph_kind_reverb = {.kind = "reverb", .render = reverb_render, .destroy = reverb_destroy};

int ph_make_reverb(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    reverb_node *s = calloc(1, sizeof *s);
    if (s) s->rv = ph_reverb_create(a->rate);
    int id = s && s->rv ? ph_rack_add(g, &ph_kind_reverb, s, 2, a, 3, oc) : -1;
    if (id < 0) reverb_destroy(&(ph_node){.state = s});
    return id;
}

/* ---- distort: drive ------------------------------------------------------------------ */

static void distort_render(ph_node *n, const ph_ctx *ctx)
{
    for (uint32_t c = 0; c < n->channels; c++) ph_distort(n->out[c], n->in[0][c], n->in[1][0], ctx->n);
}
const ph_node_ops ph_kind_distort = {.kind = "distort", .render = distort_render};

int ph_make_distort(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    return ph_rack_add(g, &ph_kind_distort, NULL, a->channels, a, 1, oc);
}

/* ---- bitcrush: bits, rate reduction -------------------------------------------------- */

typedef struct crush_node {
    ph_bitcrush b[2];
} crush_node;

static void crush_render(ph_node *n, const ph_ctx *ctx)
{
    crush_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_bitcrush_process(&s->b[c], n->out[c], n->in[0][c], n->in[1][0], n->in[2][0], ctx->n, (uint64_t)ctx->sample);
}
const ph_node_ops ph_kind_bitcrush = {.kind = "bitcrush", .render = crush_render, .destroy = free_state};

int ph_make_bitcrush(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    crush_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    for (int c = 0; c < 2; c++) ph_bitcrush_init(&s->b[c]);
    int id = ph_rack_add(g, &ph_kind_bitcrush, s, a->channels, a, 2, oc);
    if (id < 0) free(s);
    return id;
}

/* ---- chorus: rate, depth, mix -------------------------------------------------------- */

typedef struct chorus_node {
    ph_chorus ch[2];
} chorus_node;

static void chorus_render(ph_node *n, const ph_ctx *ctx)
{
    chorus_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_chorus_process(&s->ch[c], n->out[c], n->in[0][c], n->in[1][0], n->in[2][0], n->in[3][0], ctx->n,
                          (uint64_t)ctx->sample);
}

static void chorus_destroy(ph_node *n)
{
    chorus_node *s = n->state;
    if (!s) return;
    for (int c = 0; c < 2; c++) ph_chorus_destroy(&s->ch[c]);
    free(s);
}
const ph_node_ops ph_kind_chorus = {.kind = "chorus", .render = chorus_render, .destroy = chorus_destroy};

int ph_make_chorus(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    chorus_node *s = calloc(1, sizeof *s);
    bool ok = s != NULL;
    for (uint32_t c = 0; ok && c < a->channels; c++) ok = ph_chorus_create(&s->ch[c], a->rate) == 0;
    int id = ok ? ph_rack_add(g, &ph_kind_chorus, s, a->channels, a, 3, oc) : -1;
    if (id < 0) chorus_destroy(&(ph_node){.state = s});
    return id;
}

/* ---- compress: threshold dB, ratio, attack, release, make-up gain dB, key ------------- */

typedef struct comp_node {
    ph_comp c[2];
    float key[PH_CHUNK]; /* a side chain: the larger of the key's channels */
} comp_node;

static void comp_render(ph_node *n, const ph_ctx *ctx)
{
    comp_node *s = n->state;
    const float *makeup = n->in[5][0], *key = NULL;
    if (n->n_in > 6) { /* keyed: both channels follow the key's level */
        const float *kl = n->in[6][0], *kr = n->in[6][n->in_channels[6] > 1 ? 1 : 0];
        for (uint32_t i = 0; i < ctx->n; i++) s->key[i] = ph_dsp_maxf(fabsf(kl[i]), fabsf(kr[i]));
        key = s->key;
    }
    for (uint32_t c = 0; c < n->channels; c++) {
        float *o = n->out[c];
        ph_comp_process_keyed(&s->c[c], o, n->in[0][c], key, n->in[1][0], n->in[2][0], n->in[3][0], n->in[4][0], ctx->n,
                              (uint64_t)ctx->sample);
        if (n->in_ref[5].node < 0) continue; /* no make-up gain */
        for (uint32_t i = 0; i < ctx->n; i++) { /* dB -> linear, clamped to +-24 dB */
            float db = makeup[i] == makeup[i] ? makeup[i] : 0.0f;
            db = db < -24.0f ? -24.0f : db > 24.0f ? 24.0f : db;
            o[i] *= exp10f(db * 0.05f);
        }
    }
}
const ph_node_ops ph_kind_compress = {.kind = "compress", .render = comp_render, .destroy = free_state};

int ph_make_compress(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    comp_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    for (int c = 0; c < 2; c++) ph_comp_init(&s->c[c], a->rate);
    /* a key given as a signal (not the default constant): a side chain */
    bool keyed = a->n_param > 5 && a->param[5].node >= 0 && g->nodes[a->param[5].node].ops != &ph_kind_constant;
    int id = ph_rack_add(g, &ph_kind_compress, s, a->channels, a, keyed ? 6 : a->n_param > 4 ? 5 : 4, oc);
    if (id < 0) free(s);
    return id;
}

/* sidechain_compressor key threshold ratio attack release (the seed's order): compress
 * with the detector on the key, no make-up gain */
int ph_make_sidechain_compressor(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param < 5) return -1;
    ph_node_args b = *a;
    for (int k = 0; k < 4; k++) b.param[k] = a->param[k + 1];
    int makeup = ph_node_const(g, 0.0f);
    if (makeup < 0) return -1;
    b.param[4] = ph_ref_audio(makeup);
    b.param[5] = a->param[0];
    b.n_param = 6;
    return ph_make_compress(g, &b, oc);
}

/* ---- pan: position 0 left .. 1 right; stereo out ------------------------------------ */

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
const ph_node_ops ph_kind_pan = {.kind = "pan", .render = pan_render};

int ph_make_pan(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return ph_rack_add(g, &ph_kind_pan, NULL, 2, a, 1, oc); }
