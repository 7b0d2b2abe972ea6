/* The host's audio input (an effect plugin's track): `in` (stereo), `inL`, `inR`, and
 * `retrig`, which repeats slices of any signal (dsp/ph_retrig.h) on a pattern's events.
 * The input is read from the engine's ph_live (render/ph_engine.c copies each span of the
 * caller's input there, sanitised, before the span is rendered). */
#include <stdlib.h>
#include <string.h>

#include "dsp/ph_retrig.h"
#include "nodes/ph_nodes.h"

static void free_state(ph_node *n) { free(n->state); }

/* ---- in, inL, inR ------------------------------------------------------------------- */

typedef struct input_state {
    int side; /* -1 both (stereo), 0 left, 1 right */
} input_state;

static void input_render(ph_node *nd, const ph_ctx *ctx)
{
    const input_state *s = nd->state;
    const ph_live *l = ctx->live;
    const int64_t at = ctx->sample - l->input_sample;
    for (uint32_t c = 0; c < nd->channels; c++) {
        const int side = s->side < 0 ? (int)c : s->side;
        const float *src = l->input[side];
        /* a render without input (a bus rendered into a table at compile time) is silent */
        if (!src || at < 0) memset(nd->out[c], 0, ctx->n * sizeof(float));
        else memcpy(nd->out[c], src + at, ctx->n * sizeof(float));
    }
}
const ph_node_ops ph_kind_input = {.kind = "input", .render = input_render, .destroy = free_state};

static int make_input(ph_graph *g, int side, uint32_t *oc)
{
    input_state *s = calloc(1, sizeof *s);
    if (!s) return -1;
    s->side = side;
    *oc = side < 0 ? 2 : 1;
    int id = ph_graph_add(g, &ph_kind_input, s, *oc, 0, NULL, 0);
    if (id < 0) free(s);
    return id;
}

int ph_make_in(ph_graph *g, const ph_node_args *a, uint32_t *oc) { (void)a; return make_input(g, -1, oc); }
int ph_make_inl(ph_graph *g, const ph_node_args *a, uint32_t *oc) { (void)a; return make_input(g, 0, oc); }
int ph_make_inr(ph_graph *g, const ph_node_args *a, uint32_t *oc) { (void)a; return make_input(g, 1, oc); }

/* ---- retrig: inputs 0 the signal, 1 the count, 2 gate, 3 trigger ----------------------- */

typedef struct retrig_node {
    ph_retrig r;
} retrig_node;

static void retrig_render(ph_node *nd, const ph_ctx *ctx)
{
    retrig_node *s = nd->state;
    const ph_clock *k = &ctx->win->clock;
    /* cycle length in samples at the window's tempo (rate * den / num of cps) */
    const double spc = k->cps.n > 0 ? (double)k->rate * (double)k->cps.d / (double)k->cps.n : ctx->rate * 2.0;
    const float *in[2] = {nd->in[0][0], nd->in[0][1]};
    ph_retrig_process(&s->r, nd->out, in, nd->in[1][0], nd->in[2][0], nd->in[3][0], spc, ctx->n);
}

static void retrig_destroy(ph_node *n)
{
    retrig_node *s = n->state;
    if (s) ph_retrig_destroy(&s->r);
    free(s);
}
const ph_node_ops ph_kind_retrig = {.kind = "retrig", .render = retrig_render, .destroy = retrig_destroy};

int ph_make_retrig(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param < 1) return -1;
    retrig_node *s = calloc(1, sizeof *s);
    if (!s || ph_retrig_create(&s->r, a->rate, a->channels) != 0) {
        free(s);
        return -1;
    }
    ph_ref in[4] = {a->in, a->param[0], a->gate, a->trig};
    *oc = a->channels;
    int id = ph_graph_add(g, &ph_kind_retrig, s, a->channels, 0, in, 4);
    if (id < 0) retrig_destroy(&(ph_node){.state = s});
    return id;
}
