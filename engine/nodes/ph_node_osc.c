/* Oscillator and noise nodes over dsp/ph_osc.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/ph_lanes.h"
#include "dsp/ph_osc.h"
#include "nodes/ph_node_fuse.h"
#include "nodes/ph_node_gate.h"
#include "nodes/ph_nodes.h"

static void free_state(ph_node *n) { free(n->state); }

/* ---- oscillators -------------------------------------------------------------------- */

typedef enum osc_shape { OSC_SINE, OSC_SAW, OSC_SQUARE, OSC_TRI } osc_shape;

typedef struct osc_node {
    ph_node_gate gate; /* first: see ph_node_gate.h */
    ph_osc osc;
    osc_shape shape;
} osc_node;

/* The gate's smoothing on the oscillator's output (input 2), when gated. */
static void osc_gate(ph_node *n, const ph_ctx *ctx)
{
    osc_node *s = n->state;
    ph_node_gate_apply(&s->gate, n->out[0], n->in[2][0], ctx);
}

/* Inputs: 0 freq, 1 pulse width (square), 2 gate. */
static void osc_render(ph_node *n, const ph_ctx *ctx)
{
    osc_node *s = n->state;
    float *out = n->out[0];
    const float *freq = n->in[0][0];
    uint64_t t0 = (uint64_t)ctx->sample;
    switch (s->shape) {
    case OSC_SINE: ph_osc_sine(&s->osc, out, freq, ctx->n, t0); break;
    case OSC_SAW: ph_osc_saw(&s->osc, out, freq, ctx->n, t0); break;
    case OSC_SQUARE:
        ph_osc_square(&s->osc, out, freq, n->in_ref[1].node >= 0 ? n->in[1][0] : NULL, ctx->n, t0);
        break;
    case OSC_TRI: ph_osc_tri(&s->osc, out, freq, ctx->n, t0); break;
    }
    osc_gate(n, ctx);
}

/* Lanes: oscillators of one shape (not square: its pulse width is per sample). */
static uint64_t osc_lane_key(const ph_node *n)
{
    const osc_node *s = n->state;
    return s->shape == OSC_SQUARE ? 0 : 1 + (uint64_t)s->shape;
}

static void osc_render_lanes(ph_node *const *m, uint32_t count, const ph_ctx *ctx)
{
    ph_osc *o[PH_LANE_GROUP_MAX];
    float *out[PH_LANE_GROUP_MAX];
    const float *freq[PH_LANE_GROUP_MAX];
    for (uint32_t j = 0; j < count; j++) {
        osc_node *s = m[j]->state;
        o[j] = &s->osc;
        out[j] = m[j]->out[0];
        freq[j] = m[j]->in[0][0];
    }
    uint64_t t0 = (uint64_t)ctx->sample;
    switch (((osc_node *)m[0]->state)->shape) {
    case OSC_SINE: ph_osc_sine_lanes(o, count, out, freq, ctx->n, t0); break;
    case OSC_SAW: ph_osc_saw_lanes(o, count, out, freq, ctx->n, t0); break;
    case OSC_TRI: ph_osc_tri_lanes(o, count, out, freq, ctx->n, t0); break;
    case OSC_SQUARE: break; /* never grouped */
    }
    for (uint32_t j = 0; j < count; j++) osc_gate(m[j], ctx);
}

#define OSC_KIND(name)                                                                           \
    const ph_node_ops ph_kind_##name = {.kind = #name, .render = osc_render, .destroy = free_state, \
                                        .lane_key = osc_lane_key, .render_lanes = osc_render_lanes}
OSC_KIND(sine);
OSC_KIND(saw);
OSC_KIND(square);
OSC_KIND(tri);

static int make_osc(ph_graph *g, const ph_node_ops *ops, osc_shape shape, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param < 1) return -1;
    osc_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    ph_osc_init(&s->osc, a->rate, 0.0);
    s->shape = shape;
    ph_node_gate_init(&s->gate, a->rate, a->gate.node >= 0);
    ph_ref pw = shape == OSC_SQUARE && a->n_param > 1 ? a->param[1] : ph_ref_none();
    ph_ref in[3] = {a->param[0], pw, a->gate};
    int id = ph_graph_add(g, ops, s, 1, 0, in, 3);
    if (id < 0) free(s);
    *oc = 1;
    return id;
}

bool ph_node_osc_fuse(ph_node *n, ph_fuse_osc *v)
{
    if (n->ops != &ph_kind_sine && n->ops != &ph_kind_saw && n->ops != &ph_kind_tri) return false;
    osc_node *s = n->state;
    v->shape = s->shape == OSC_SAW ? PH_LANES_OSC_SAW : s->shape == OSC_SINE ? PH_LANES_OSC_SINE : PH_LANES_OSC_TRI;
    v->osc = &s->osc;
    v->gate = &s->gate;
    return true;
}

int ph_make_sine(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_osc(g, &ph_kind_sine, OSC_SINE, a, oc); }
int ph_make_saw(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_osc(g, &ph_kind_saw, OSC_SAW, a, oc); }
int ph_make_square(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    return make_osc(g, &ph_kind_square, OSC_SQUARE, a, oc);
}
int ph_make_tri(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_osc(g, &ph_kind_tri, OSC_TRI, a, oc); }

/* ---- noise -------------------------------------------------------------------------- */

static void noise_render(ph_node *n, const ph_ctx *ctx)
{
    ph_noise_process(n->state, n->out[0], NULL, ctx->n, (uint64_t)ctx->sample);
}
const ph_node_ops ph_kind_noise = {.kind = "noise", .render = noise_render, .destroy = free_state};

static int make_noise(ph_graph *g, ph_noise_color color, const ph_node_args *a, uint32_t *oc)
{
    ph_noise *s = calloc(1, sizeof *s);
    if (!s) return -1;
    ph_noise_init(s, color, a->seed);
    int id = ph_graph_add(g, &ph_kind_noise, s, 1, 0, NULL, 0);
    if (id < 0) free(s);
    *oc = 1;
    return id;
}

int ph_make_white(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_noise(g, PH_NOISE_WHITE, a, oc); }
int ph_make_pink(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_noise(g, PH_NOISE_PINK, a, oc); }
int ph_make_brown(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_noise(g, PH_NOISE_BROWN, a, oc); }
