/* Modulation nodes over dsp/ph_mod.h: one kernel state per channel. Inputs: 0 the signal,
 * then the parameters in the order of ph_nodes_rack.h. */
#include "dsp/ph_mod.h"
#include "nodes/ph_rack_util.h"

static void free_state(ph_node *n) { free(n->state); }

/* ---- tremolo, ring: an LFO per channel ------------------------------------------------------ */

typedef struct lfo_node {
    ph_lfo lfo[2];
} lfo_node;

static void tremolo_render(ph_node *n, const ph_ctx *ctx)
{
    lfo_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_tremolo_process(&s->lfo[c], n->out[c], n->in[0][c], n->in[1][0], n->in[2][0], ctx->n, (uint64_t)ctx->sample);
}
const ph_node_ops ph_kind_tremolo = {.kind = "tremolo", .render = tremolo_render, .destroy = free_state};

static void ring_render(ph_node *n, const ph_ctx *ctx)
{
    lfo_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_ring_process(&s->lfo[c], n->out[c], n->in[0][c], n->in[1][0], ctx->n, (uint64_t)ctx->sample);
}
const ph_node_ops ph_kind_ring = {.kind = "ring", .render = ring_render, .destroy = free_state};

static int make_lfo(ph_graph *g, const ph_node_ops *ops, uint32_t np, const ph_node_args *a, uint32_t *oc)
{
    lfo_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    for (int c = 0; c < 2; c++) ph_lfo_init(&s->lfo[c], a->rate);
    int id = ph_rack_add(g, ops, s, a->channels, a, np, oc);
    if (id < 0) free(s);
    return id;
}

int ph_make_tremolo(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_lfo(g, &ph_kind_tremolo, 2, a, oc); }
int ph_make_ring(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_lfo(g, &ph_kind_ring, 1, a, oc); }

/* ---- ring_mod: in * other ------------------------------------------------------------------- */

static void ring_mod_render(ph_node *n, const ph_ctx *ctx)
{
    for (uint32_t c = 0; c < n->channels; c++) {
        const float *x = n->in[0][c], *y = n->in[1][n->in_channels[1] > 1 ? c : 0];
        for (uint32_t i = 0; i < ctx->n; i++) n->out[c][i] = ph_dsp_sane(x[i] * y[i]);
    }
}
const ph_node_ops ph_kind_ring_mod = {.kind = "ring_mod", .render = ring_mod_render};

int ph_make_ring_mod(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    uint32_t ch = a->channels;
    if (a->n_param > 0 && a->param[0].node >= 0 && g->nodes[a->param[0].node].channels > 1 && a->param[0].port == 0)
        ch = 2;
    return ph_rack_add(g, &ph_kind_ring_mod, NULL, ch, a, 1, oc);
}

/* ---- vibrato, flanger: a modulated line per channel ----------------------------------------- */

typedef struct vib_node {
    ph_vibrato v[2];
} vib_node;

static void vibrato_render(ph_node *n, const ph_ctx *ctx)
{
    vib_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_vibrato_process(&s->v[c], n->out[c], n->in[0][c], n->in[1][0], n->in[2][0], ctx->n, (uint64_t)ctx->sample);
}

static void vibrato_destroy(ph_node *n)
{
    vib_node *s = n->state;
    if (!s) return;
    for (int c = 0; c < 2; c++) ph_vibrato_destroy(&s->v[c]);
    free(s);
}
const ph_node_ops ph_kind_vibrato = {.kind = "vibrato", .render = vibrato_render, .destroy = vibrato_destroy};

int ph_make_vibrato(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    vib_node *s = calloc(1, sizeof *s);
    bool ok = s != NULL;
    for (uint32_t c = 0; ok && c < a->channels; c++) ok = ph_vibrato_create(&s->v[c], a->rate) == 0;
    int id = ok ? ph_rack_add(g, &ph_kind_vibrato, s, a->channels, a, 2, oc) : -1;
    if (id < 0) vibrato_destroy(&(ph_node){.state = s});
    return id;
}

typedef struct flanger_node {
    ph_flanger f[2];
} flanger_node;

static void flanger_render(ph_node *n, const ph_ctx *ctx)
{
    flanger_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_flanger_process(&s->f[c], n->out[c], n->in[0][c], n->in[1][0], n->in[2][0], n->in[3][0], ctx->n,
                           (uint64_t)ctx->sample);
}

static void flanger_destroy(ph_node *n)
{
    flanger_node *s = n->state;
    if (!s) return;
    for (int c = 0; c < 2; c++) ph_flanger_destroy(&s->f[c]);
    free(s);
}
const ph_node_ops ph_kind_flanger = {.kind = "flanger", .render = flanger_render, .destroy = flanger_destroy};

int ph_make_flanger(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    flanger_node *s = calloc(1, sizeof *s);
    bool ok = s != NULL;
    for (uint32_t c = 0; ok && c < a->channels; c++) ok = ph_flanger_create(&s->f[c], a->rate) == 0;
    int id = ok ? ph_rack_add(g, &ph_kind_flanger, s, a->channels, a, 3, oc) : -1;
    if (id < 0) flanger_destroy(&(ph_node){.state = s});
    return id;
}

/* ---- phaser ------------------------------------------------------------------------------------- */

typedef struct phaser_node {
    ph_phaser p[2];
} phaser_node;

static void phaser_render(ph_node *n, const ph_ctx *ctx)
{
    phaser_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_phaser_process(&s->p[c], n->out[c], n->in[0][c], n->in[1][0], n->in[2][0], n->in[3][0], ctx->n,
                          (uint64_t)ctx->sample);
}
const ph_node_ops ph_kind_phaser = {.kind = "phaser", .render = phaser_render, .destroy = free_state};

int ph_make_phaser(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    phaser_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    int stages = (int)ph_rack_clampi(ph_rack_const(g, a->n_param > 3 ? a->param[3] : ph_ref_none(), 4), 2, 12);
    for (int c = 0; c < 2; c++) ph_phaser_init(&s->p[c], a->rate, stages);
    int id = ph_rack_add(g, &ph_kind_phaser, s, a->channels, a, 3, oc);
    if (id < 0) free(s);
    return id;
}

/* ---- width: stereo out ------------------------------------------------------------------------------ */

static void width_render(ph_node *n, const ph_ctx *ctx)
{
    ph_width_process(n->state, n->out[0], n->out[1], n->in[0][0], n->in_channels[0] > 1 ? n->in[0][1] : NULL,
                     n->in[1][0], ctx->n, (uint64_t)ctx->sample);
}
const ph_node_ops ph_kind_width = {.kind = "width", .render = width_render, .destroy = free_state};

int ph_make_width(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    ph_width *w = calloc(1, sizeof *w);
    if (!w) return -1;
    ph_width_init(w, a->rate);
    int id = ph_rack_add(g, &ph_kind_width, w, 2, a, 1, oc);
    if (id < 0) free(w);
    return id;
}

/* ---- coarse -------------------------------------------------------------------------------------- */

typedef struct coarse_node {
    ph_coarse c[2];
} coarse_node;

static void coarse_render(ph_node *n, const ph_ctx *ctx)
{
    coarse_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_coarse_process(&s->c[c], n->out[c], n->in[0][c], n->in[1][0], ctx->n, (uint64_t)ctx->sample);
}
const ph_node_ops ph_kind_coarse = {.kind = "coarse", .render = coarse_render, .destroy = free_state};

int ph_make_coarse(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    coarse_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    for (int c = 0; c < 2; c++) ph_coarse_init(&s->c[c]);
    int id = ph_rack_add(g, &ph_kind_coarse, s, a->channels, a, 1, oc);
    if (id < 0) free(s);
    return id;
}

/* ---- pitch_shift ----------------------------------------------------------------------------------- */

typedef struct pitch_node {
    ph_pitch p[2];
} pitch_node;

static void pitch_render(ph_node *n, const ph_ctx *ctx)
{
    pitch_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_pitch_process(&s->p[c], n->out[c], n->in[0][c], n->in[1][0], ctx->n, (uint64_t)ctx->sample);
}

static void pitch_destroy(ph_node *n)
{
    pitch_node *s = n->state;
    if (!s) return;
    for (int c = 0; c < 2; c++) ph_pitch_destroy(&s->p[c]);
    free(s);
}
const ph_node_ops ph_kind_pitch_shift = {.kind = "pitch_shift", .render = pitch_render, .destroy = pitch_destroy};

int ph_make_pitch_shift(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    pitch_node *s = calloc(1, sizeof *s);
    bool ok = s != NULL;
    for (uint32_t c = 0; ok && c < a->channels; c++) ok = ph_pitch_create(&s->p[c], a->rate, 0.05) == 0;
    int id = ok ? ph_rack_add(g, &ph_kind_pitch_shift, s, a->channels, a, 1, oc) : -1;
    if (id < 0) pitch_destroy(&(ph_node){.state = s});
    return id;
}
