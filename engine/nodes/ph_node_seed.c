/* Nodes of the seed's routing and source names (dsp/ph_seedctl.h, dsp/ph_softsaw.h):
 *   cond      the seed's `if cond then else`: inputs the three arguments
 *   pan2_l/_r input, position: one side of an equal-power pan
 *   phasor    [speed]: a ramp 0..1 locked to the cycle
 *   soft_saw  freq (the seed's soft_saw_hz), gated by a pitched pattern's rests like the
 *             other oscillators (ph_node_gate.h): inputs freq, gate
 *   waveguide freq damping pickup (the seed's string): inputs those, then the trigger of
 *             a pitched pattern (its onsets pluck); it rings through rests, like pluck
 *   env_trig  pattern attack decay sustain release: an adsr node (ph_node_env.c) whose
 *             gate and trigger are the pattern's (a->gate, a->trig); param 0 is dropped
 * Multi-channel inputs give as many channels out (a mono input is read on each). */
#include <stdlib.h>

#include "dsp/ph_seedctl.h"
#include "dsp/ph_softsaw.h"
#include "dsp/ph_waveguide.h"
#include "nodes/ph_node_gate.h"
#include "nodes/ph_rack_util.h"

static void free_state(ph_node *n) { free(n->state); }

/* ---- cond ------------------------------------------------------------------------------- */

static void cond_render(ph_node *n, const ph_ctx *ctx)
{
    ph_cond *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_cond_process(&s[c], n->out[c], n->in[0][c], n->in[1][c], n->in[2][c], ctx->n, (uint64_t)ctx->sample);
}
const ph_node_ops ph_kind_cond = {.kind = "cond", .render = cond_render, .destroy = free_state};

int ph_make_cond(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param != 3) return -1;
    uint32_t ch = a->channels > 1 ? 2 : 1;
    ph_cond *s = calloc(2, sizeof *s);
    if (!s) return -1;
    for (int c = 0; c < 2; c++) ph_cond_init(&s[c], a->rate);
    int id = ph_graph_add(g, &ph_kind_cond, s, ch, 0, a->param, 3);
    if (id < 0) free(s);
    *oc = ch;
    return id;
}

/* ---- pan2_l, pan2_r --------------------------------------------------------------------- */

static void pan2_render(ph_node *n, const ph_ctx *ctx)
{
    int right = n->ops == &ph_kind_pan2_r;
    for (uint32_t c = 0; c < n->channels; c++) ph_pan2_process(n->out[c], n->in[0][c], n->in[1][c], right, ctx->n);
}
const ph_node_ops ph_kind_pan2_l = {.kind = "pan2_l", .render = pan2_render};
const ph_node_ops ph_kind_pan2_r = {.kind = "pan2_r", .render = pan2_render};

static int make_pan2(ph_graph *g, const ph_node_ops *ops, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param != 2) return -1;
    uint32_t ch = a->channels > 1 ? 2 : 1;
    *oc = ch;
    return ph_graph_add(g, ops, NULL, ch, 0, a->param, 2);
}
int ph_make_pan2_l(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_pan2(g, &ph_kind_pan2_l, a, oc); }
int ph_make_pan2_r(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_pan2(g, &ph_kind_pan2_r, a, oc); }

/* ---- phasor ----------------------------------------------------------------------------- */

static void phasor_render(ph_node *n, const ph_ctx *ctx)
{
    for (uint32_t i = 0; i < ctx->n; i++) {
        float speed = n->n_in > 0 ? n->in[0][0][i] : 1.0f;
        n->out[0][i] = ph_phasor_value(ph_window_cycle_at(ctx->win, ctx->sample + i), speed);
    }
}
const ph_node_ops ph_kind_phasor = {.kind = "phasor", .render = phasor_render};

int ph_make_phasor(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param > 1) return -1;
    *oc = 1;
    return ph_graph_add(g, &ph_kind_phasor, NULL, 1, 0, a->param, a->n_param);
}

/* ---- soft_saw --------------------------------------------------------------------------- */

typedef struct soft_saw_node {
    ph_node_gate gate; /* first: see ph_node_gate.h */
    ph_softsaw osc;
} soft_saw_node;

static void soft_saw_render(ph_node *n, const ph_ctx *ctx)
{
    soft_saw_node *s = n->state;
    ph_softsaw_process(&s->osc, n->out[0], n->in[0][0], ctx->n, (uint64_t)ctx->sample);
    ph_node_gate_apply(&s->gate, n->out[0], n->in[1][0], ctx);
}
const ph_node_ops ph_kind_soft_saw = {.kind = "soft_saw", .render = soft_saw_render, .destroy = free_state};

int ph_make_soft_saw(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param < 1) return -1;
    soft_saw_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    ph_node_gate_init(&s->gate, a->rate, a->gate.node >= 0);
    ph_softsaw_init(&s->osc, a->rate);
    ph_ref in[2] = {a->param[0], a->gate};
    int id = ph_graph_add(g, &ph_kind_soft_saw, s, 1, 0, in, 2);
    if (id < 0) free(s);
    *oc = 1;
    return id;
}

/* ---- env_trig: the adsr kind, its parameters after the pattern --------------------------- */

int ph_make_env_trig(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param < 5) return -1;
    ph_node_args b = *a;
    for (int k = 0; k < 4; k++) b.param[k] = a->param[k + 1];
    b.param[4] = ph_ref_none();
    b.n_param = 4;
    return ph_make_adsr(g, &b, oc);
}

/* ---- waveguide ---------------------------------------------------------------------------- */

static void waveguide_render(ph_node *n, const ph_ctx *ctx)
{
    ph_waveguide_process(n->state, n->out[0], n->in[0][0], n->in[1][0], n->in[2][0],
                         n->in_ref[3].node >= 0 ? n->in[3][0] : NULL, ctx->n, (uint64_t)ctx->sample);
}
static void waveguide_destroy(ph_node *n)
{
    if (n->state) ph_waveguide_destroy(n->state);
    free(n->state);
}
const ph_node_ops ph_kind_waveguide = {.kind = "waveguide", .render = waveguide_render, .destroy = waveguide_destroy};

int ph_make_waveguide(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param < 3) return -1;
    ph_waveguide *s = calloc(1, sizeof *s);
    if (!s) return -1;
    if (ph_waveguide_create(s, a->rate) != 0) {
        waveguide_destroy(&(ph_node){.state = s});
        return -1;
    }
    ph_ref in[4] = {a->param[0], a->param[1], a->param[2], a->trig};
    int id = ph_graph_add(g, &ph_kind_waveguide, s, 1, 0, in, 4);
    if (id < 0) waveguide_destroy(&(ph_node){.state = s});
    *oc = 1;
    return id;
}
