/* Space nodes: echoes (dsp/ph_echo.h), the plate (ph_plate.h), convolution
 * (ph_convolve.h) and the vocoder (ph_vocoder.h). Input 0 the signal, then the parameters. */
#include "dsp/ph_convolve.h"
#include "dsp/ph_echo.h"
#include "dsp/ph_plate.h"
#include "dsp/ph_vocoder.h"
#include "nodes/ph_rack_util.h"

static void free_state(ph_node *n) { free(n->state); }

/* ---- pingpong: time feedback width channel mix; stereo out --------------------------------------- */

static void pingpong_render(ph_node *n, const ph_ctx *ctx)
{
    ph_pingpong_process(n->state, n->out[0], n->out[1], n->in[0][0], n->in_channels[0] > 1 ? n->in[0][1] : NULL,
                        n->in[1][0], n->in[2][0], n->in[3][0], n->in[4][0], n->in[5][0], ctx->n, (uint64_t)ctx->sample);
}

static void pingpong_destroy(ph_node *n)
{
    if (!n->state) return;
    ph_pingpong_destroy(n->state);
    free(n->state);
}
const ph_node_ops ph_kind_pingpong = {.kind = "pingpong", .render = pingpong_render, .destroy = pingpong_destroy};

int ph_make_pingpong(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    ph_pingpong *p = calloc(1, sizeof *p);
    if (!p || ph_pingpong_create(p, a->rate) != 0) {
        free(p);
        return -1;
    }
    int id = ph_rack_add(g, &ph_kind_pingpong, p, 2, a, 5, oc);
    if (id < 0) pingpong_destroy(&(ph_node){.state = p});
    return id;
}

/* ---- tapedelay: eight parameters -------------------------------------------------------------------- */

typedef struct tape_node {
    ph_tapedelay t[2];
} tape_node;

static void tape_render(ph_node *n, const ph_ctx *ctx)
{
    tape_node *s = n->state;
    const float *p[8];
    for (int k = 0; k < 8; k++) p[k] = n->in[1 + k][0];
    for (uint32_t c = 0; c < n->channels; c++)
        ph_tapedelay_process(&s->t[c], n->out[c], n->in[0][c], p, ctx->n, (uint64_t)ctx->sample);
}

static void tape_destroy(ph_node *n)
{
    tape_node *s = n->state;
    if (!s) return;
    for (int c = 0; c < 2; c++) ph_tapedelay_destroy(&s->t[c]);
    free(s);
}
const ph_node_ops ph_kind_tapedelay = {.kind = "tapedelay", .render = tape_render, .destroy = tape_destroy};

int ph_make_tapedelay(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    tape_node *s = calloc(1, sizeof *s);
    bool ok = s != NULL;
    for (uint32_t c = 0; ok && c < a->channels; c++) ok = ph_tapedelay_create(&s->t[c], a->rate) == 0;
    int id = ok ? ph_rack_add(g, &ph_kind_tapedelay, s, a->channels, a, 8, oc) : -1;
    if (id < 0) tape_destroy(&(ph_node){.state = s});
    return id;
}

/* ---- multitap: time taps (fixed) feedback mix --------------------------------------------------------- */

typedef struct multitap_node {
    ph_multitap m[2];
} multitap_node;

static void multitap_render(ph_node *n, const ph_ctx *ctx)
{
    multitap_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_multitap_process(&s->m[c], n->out[c], n->in[0][c], n->in[1][0], n->in[3][0], n->in[4][0], ctx->n,
                            (uint64_t)ctx->sample);
}

static void multitap_destroy(ph_node *n)
{
    multitap_node *s = n->state;
    if (!s) return;
    for (int c = 0; c < 2; c++) ph_multitap_destroy(&s->m[c]);
    free(s);
}
const ph_node_ops ph_kind_multitap = {.kind = "multitap", .render = multitap_render, .destroy = multitap_destroy};

int ph_make_multitap(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    multitap_node *s = calloc(1, sizeof *s);
    int taps = (int)ph_rack_clampi(ph_rack_const(g, a->n_param > 1 ? a->param[1] : ph_ref_none(), 4), 2, 8);
    bool ok = s != NULL;
    for (uint32_t c = 0; ok && c < a->channels; c++) ok = ph_multitap_create(&s->m[c], a->rate, taps) == 0;
    int id = ok ? ph_rack_add(g, &ph_kind_multitap, s, a->channels, a, 4, oc) : -1;
    if (id < 0) multitap_destroy(&(ph_node){.state = s});
    return id;
}

/* ---- plate: mono in (a stereo input is summed; its image stays in the dry part), stereo out ---------- */

typedef struct plate_node {
    ph_plate p;
    float mono[PH_CHUNK], l[PH_CHUNK], r[PH_CHUNK];
} plate_node;

static void plate_render(ph_node *n, const ph_ctx *ctx)
{
    plate_node *s = n->state;
    const float *prm[6];
    for (int k = 0; k < 6; k++) prm[k] = n->in[1 + k][0];
    const float *x = n->in[0][0];
    bool stereo = n->in_channels[0] > 1;
    if (stereo) {
        for (uint32_t i = 0; i < ctx->n; i++) s->mono[i] = 0.5f * (n->in[0][0][i] + n->in[0][1][i]);
        x = s->mono;
    }
    ph_plate_process(&s->p, n->out[0], n->out[1], x, prm, ctx->n, (uint64_t)ctx->sample);
    if (stereo) { /* put the dry side back: out = wet + dry, not wet + dry's mid */
        const float *mix = prm[5];
        for (uint32_t i = 0; i < ctx->n; i++) {
            float m = mix[i] == mix[i] ? ph_dsp_clampf(mix[i], 0.0f, 1.0f) : 0.5f;
            float side = 0.5f * (n->in[0][0][i] - n->in[0][1][i]) * (1.0f - m);
            n->out[0][i] += side;
            n->out[1][i] -= side;
        }
    }
}

static void plate_destroy(ph_node *n)
{
    plate_node *s = n->state;
    if (!s) return;
    ph_plate_destroy(&s->p);
    free(s);
}
const ph_node_ops ph_kind_plate = {.kind = "plate", .render = plate_render, .destroy = plate_destroy};

int ph_make_plate(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    plate_node *s = calloc(1, sizeof *s);
    if (!s || ph_plate_create(&s->p, a->rate) != 0) {
        free(s);
        return -1;
    }
    int id = ph_rack_add(g, &ph_kind_plate, s, 2, a, 6, oc);
    if (id < 0) plate_destroy(&(ph_node){.state = s});
    return id;
}

/* ---- vocoder: the input modulates param 0 (the carrier); bands fixed ------------------------------------ */

typedef struct vocoder_node {
    ph_vocoder v[2];
} vocoder_node;

static void vocoder_render(ph_node *n, const ph_ctx *ctx)
{
    vocoder_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_vocoder_process(&s->v[c], n->out[c], n->in[0][c], n->in[1][c], ctx->n, (uint64_t)ctx->sample);
}
const ph_node_ops ph_kind_vocoder = {.kind = "vocoder", .render = vocoder_render, .destroy = free_state};

int ph_make_vocoder(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    vocoder_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    int bands = (int)ph_rack_clampi(ph_rack_const(g, a->n_param > 1 ? a->param[1] : ph_ref_none(), 16), 2, 32);
    for (int c = 0; c < 2; c++) ph_vocoder_init(&s->v[c], a->rate, bands);
    uint32_t ch = a->channels;
    if (a->n_param > 0 && a->param[0].node >= 0 && a->param[0].port == 0 && g->nodes[a->param[0].node].channels > 1)
        ch = 2; /* a stereo carrier keeps its image */
    int id = ph_rack_add(g, &ph_kind_vocoder, s, ch, a, 1, oc);
    if (id < 0) free(s);
    return id;
}

/* ---- convolve: the response is taken; param 0 the mix ---------------------------------------------------- */

typedef struct conv_node {
    ph_ir ir;
    ph_conv *c[2];
} conv_node;

static void conv_render(ph_node *n, const ph_ctx *ctx)
{
    conv_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_conv_process(s->c[c], n->out[c], n->in[0][c], n->in[1][0], ctx->n, (uint64_t)ctx->sample);
}

static void conv_destroy(ph_node *n)
{
    conv_node *s = n->state;
    if (!s) return;
    ph_conv_destroy(s->c[0]);
    ph_conv_destroy(s->c[1]);
    ph_ir_free(&s->ir);
    free(s);
}
const ph_node_ops ph_kind_convolve = {.kind = "convolve", .render = conv_render, .destroy = conv_destroy};

int ph_node_convolve(ph_graph *g, const ph_node_args *a, struct ph_ir *ir, uint32_t *oc)
{
    conv_node *s = calloc(1, sizeof *s);
    if (!s) {
        ph_ir_free(ir);
        return -1;
    }
    s->ir = *ir;
    uint32_t ch = a->channels > 1 || ir->data[1] ? 2 : 1;
    bool ok = true;
    for (uint32_t c = 0; ok && c < ch; c++) ok = (s->c[c] = ph_conv_create(&s->ir, (int)c)) != NULL;
    int id = ok ? ph_rack_add(g, &ph_kind_convolve, s, ch, a, 1, oc) : -1;
    if (id < 0) conv_destroy(&(ph_node){.state = s});
    return id;
}
