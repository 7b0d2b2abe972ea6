/* The rack's generator nodes: fm, pm (dsp/ph_fm.h), impulse, blip (dsp/ph_blit.h), pluck
 * (dsp/ph_comb.h), additive (dsp/ph_additive.h), wavetable (dsp/ph_wavetable.h) and
 * granular (dsp/ph_granular.h). Like the oscillators they are pitched by their first
 * parameter; played by a pitched pattern, the periodic ones are gated by its rests
 * (ph_node_gate.h), while pluck rings on and is plucked by the pattern's trigger.
 * Inputs: the parameters in the order the names table documents, then the gate, the
 * trigger and (granular) the live source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dsp/ph_additive.h"
#include "dsp/ph_blit.h"
#include "dsp/ph_comb.h"
#include "dsp/ph_fm.h"
#include "dsp/ph_granular.h"
#include "dsp/ph_wavetable.h"
#include "nodes/ph_node_gate.h"
#include "nodes/ph_nodes.h"

typedef struct gen_node {
    ph_node_gate gate; /* first: see ph_node_gate.h */
    uint32_t n_param;
    ph_fm fm;
    ph_blit blit;
    ph_pluck pluck;
    ph_additive add;
    ph_wt_osc wt;
    ph_wavetable *table; /* wavetable's, owned */
    ph_granular gran;
    float *sample;       /* granular's sample, owned */
} gen_node;

static void gen_render(ph_node *n, const ph_ctx *ctx)
{
    gen_node *s = n->state;
    float *out = n->out[0];
    const uint64_t t0 = (uint64_t)ctx->sample;
    const uint32_t len = ctx->n, np = s->n_param;
    const float *p0 = n->in[0][0], *p1 = n->in[1][0], *p2 = n->in[2][0];
    const ph_node_ops *k = n->ops;
    if (k == &ph_kind_fm) ph_fm_process(&s->fm, out, p0, p1, p2, len, t0);
    else if (k == &ph_kind_pm) ph_pm_process(&s->fm, out, p0, p1, p2, len, t0);
    else if (k == &ph_kind_impulse) ph_impulse_process(&s->blit, out, p0, len, t0);
    else if (k == &ph_kind_blip) ph_blip_process(&s->blit, out, p0, len, t0);
    else if (k == &ph_kind_additive) ph_additive_process(&s->add, out, p0, len, t0);
    else if (k == &ph_kind_wavetable) ph_wt_process(s->table, &s->wt, out, p0, p1, len, t0);
    else if (k == &ph_kind_pluck) /* no trigger: plucked once */
        ph_pluck_process(&s->pluck, out, p0, p1, n->in_ref[np + 1].node >= 0 ? n->in[np + 1][0] : NULL, len, t0);
    else ph_granular_process(&s->gran, out, s->gran.live ? n->in[np + 2][0] : NULL, p0, p1, p2, n->in[3][0], len, t0);
    ph_node_gate_apply(&s->gate, out, n->in[np][0], ctx);
}

static void gen_destroy(ph_node *n)
{
    gen_node *s = n->state;
    if (!s) return;
    ph_pluck_destroy(&s->pluck);
    ph_granular_destroy(&s->gran);
    ph_wavetable_free(s->table);
    free(s->sample);
    free(s);
}

const ph_node_ops ph_kind_fm = {.kind = "fm", .render = gen_render, .destroy = gen_destroy};
const ph_node_ops ph_kind_pm = {.kind = "pm", .render = gen_render, .destroy = gen_destroy};
const ph_node_ops ph_kind_impulse = {.kind = "impulse", .render = gen_render, .destroy = gen_destroy};
const ph_node_ops ph_kind_blip = {.kind = "blip", .render = gen_render, .destroy = gen_destroy};
const ph_node_ops ph_kind_pluck = {.kind = "pluck", .render = gen_render, .destroy = gen_destroy};
const ph_node_ops ph_kind_additive = {.kind = "additive", .render = gen_render, .destroy = gen_destroy};
const ph_node_ops ph_kind_wavetable = {.kind = "wavetable", .render = gen_render, .destroy = gen_destroy};
const ph_node_ops ph_kind_granular = {.kind = "granular", .render = gen_render, .destroy = gen_destroy};

/* The state with its kernels ready (gated unless told not to); NULL when out of memory. */
static gen_node *new_state(const ph_node_args *a, uint32_t np, bool gated)
{
    gen_node *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    ph_node_gate_init(&s->gate, a->rate, gated && a->gate.node >= 0);
    s->n_param = np;
    ph_fm_init(&s->fm, a->rate);
    ph_blit_init(&s->blit, a->rate);
    ph_wt_osc_init(&s->wt, a->rate);
    return s;
}

/* Inputs: the np parameters, the gate, the trigger, the live source. */
static int add_gen(ph_graph *g, const ph_node_ops *ops, gen_node *s, const ph_node_args *a, uint32_t *oc)
{
    uint32_t np = s->n_param;
    ph_ref in[PH_NODE_MAX_PARAMS + 3];
    for (uint32_t k = 0; k < np; k++) in[k] = k < a->n_param ? a->param[k] : ph_ref_none();
    in[np] = a->gate;
    in[np + 1] = a->trig;
    in[np + 2] = a->in;
    int id = ph_graph_add(g, ops, s, 1, 0, in, np + 3);
    if (id < 0) gen_destroy(&(ph_node){.state = s});
    *oc = 1;
    return id;
}

static int make_gen(ph_graph *g, const ph_node_ops *ops, uint32_t np, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param < np) return -1;
    gen_node *s = new_state(a, np, true);
    return s ? add_gen(g, ops, s, a, oc) : -1;
}

int ph_make_fm(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_gen(g, &ph_kind_fm, 3, a, oc); }
int ph_make_pm(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_gen(g, &ph_kind_pm, 3, a, oc); }
int ph_make_impulse(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_gen(g, &ph_kind_impulse, 1, a, oc); }
int ph_make_blip(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_gen(g, &ph_kind_blip, 1, a, oc); }

int ph_make_pluck(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    gen_node *s = a->n_param >= 2 ? new_state(a, 2, false) : NULL; /* a string rings through rests */
    if (!s) return -1;
    if (ph_pluck_create(&s->pluck, a->rate, a->seed) != 0) {
        gen_destroy(&(ph_node){.state = s});
        return -1;
    }
    return add_gen(g, &ph_kind_pluck, s, a, oc);
}

int ph_make_additive(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    gen_node *s = a->n_param >= 1 && a->n_list ? new_state(a, 1, true) : NULL;
    if (!s) return -1;
    ph_additive_init(&s->add, a->rate, a->list, a->n_list);
    return add_gen(g, &ph_kind_additive, s, a, oc);
}

int ph_make_wavetable(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    gen_node *s = a->n_param >= 2 ? new_state(a, 2, true) : NULL;
    if (!s) return -1;
    const char *name = a->word && a->word[0] ? a->word : "sine";
    s->table = ph_wavetable_builtin(name);
    if (!s->table) { /* not a built-in table: a sound's cycles */
        char err[256];
        uint32_t frames = 0;
        float *x = ph_sound_mono(a->sample_dir, a->rate, name, &frames, err, sizeof err);
        s->table = x ? ph_wavetable_from_sample(x, frames) : NULL;
        free(x);
    }
    if (!s->table) {
        gen_destroy(&(ph_node){.state = s});
        return -1;
    }
    return add_gen(g, &ph_kind_wavetable, s, a, oc);
}

int ph_make_granular(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    gen_node *s = a->n_param >= 4 ? new_state(a, 4, false) : NULL;
    if (!s) return -1;
    bool ok;
    if (a->word && a->word[0]) { /* grains of a sound */
        char err[256];
        uint32_t frames = 0;
        s->sample = ph_sound_mono(a->sample_dir, a->rate, a->word, &frames, err, sizeof err);
        ok = s->sample != NULL;
        ok = ok && ph_granular_create_sample(&s->gran, a->rate, s->sample, frames, a->seed) == 0;
    } else { /* grains of the live input */
        ok = a->in.node >= 0 && ph_granular_create_live(&s->gran, a->rate, a->seed) == 0;
    }
    if (!ok) {
        gen_destroy(&(ph_node){.state = s});
        return -1;
    }
    return add_gen(g, &ph_kind_granular, s, a, oc);
}
