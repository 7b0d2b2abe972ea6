/* Envelope nodes over dsp/ph_env.h: the input times an envelope driven by the gate and
 * trigger lines of the events that drive the chain (a pattern node's or MIDI's). */
#include <stdlib.h>

#include "dsp/ph_env.h"
#include "nodes/ph_node_fuse.h"
#include "nodes/ph_nodes.h"

typedef struct env_node {
    ph_env env;
    bool ar;
    float buf[PH_CHUNK];
} env_node;

/* The envelope of the chunk into s->buf. Inputs: 0 signal, 1 gate, 2 trigger, 3.. the
 * parameters. */
static void env_run(ph_node *n, const ph_ctx *ctx)
{
    env_node *s = n->state;
    const float *gate = n->in[1][0], *trig = n->in[2][0];
    uint64_t t0 = (uint64_t)ctx->sample;
    if (s->ar) /* percussive: one shot per trigger (no gate), attack then release */
        ph_ar_process(&s->env, s->buf, trig, NULL, n->in[3][0], n->in[4][0], ctx->n, t0);
    else
        ph_adsr_process(&s->env, s->buf, trig, gate, n->in[3][0], n->in[4][0], n->in[5][0], n->in[6][0],
                        ctx->n, t0);
}

static void env_render(ph_node *n, const ph_ctx *ctx)
{
    env_node *s = n->state;
    env_run(n, ctx);
    for (uint32_t c = 0; c < n->channels; c++) {
        const float *x = n->in[0][c];
        float *o = n->out[c];
        for (uint32_t i = 0; i < ctx->n; i++) o[i] = x[i] * s->buf[i];
    }
}

bool ph_node_env_fuse(ph_node *n, ph_fuse_env *v)
{
    if ((n->ops != &ph_kind_adsr && n->ops != &ph_kind_ar) || n->channels != 1) return false;
    env_node *s = n->state;
    v->env = &s->env;
    v->buf = s->buf;
    v->ar = s->ar;
    return true;
}

void ph_node_env_fuse_render(ph_node *n, const ph_ctx *ctx) { env_run(n, ctx); }

static void free_state(ph_node *n) { free(n->state); }
const ph_node_ops ph_kind_adsr = {.kind = "adsr", .render = env_render, .destroy = free_state};
const ph_node_ops ph_kind_ar = {.kind = "ar", .render = env_render, .destroy = free_state};

static int make_env(ph_graph *g, bool ar, const ph_node_args *a, uint32_t *oc)
{
    uint32_t np = ar ? 2 : 4;
    if (a->n_param < np || a->gate.node < 0 || a->trig.node < 0) return -1;
    env_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    ph_env_init(&s->env, a->rate);
    s->ar = ar;
    ph_ref in[7] = {a->in, a->gate, a->trig};
    for (uint32_t k = 0; k < np; k++) in[3 + k] = a->param[k];
    int id = ph_graph_add(g, ar ? &ph_kind_ar : &ph_kind_adsr, s, a->channels, 0, in, 3 + np);
    if (id < 0) free(s);
    *oc = a->channels;
    return id;
}

int ph_make_adsr(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_env(g, false, a, oc); }
int ph_make_ar(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_env(g, true, a, oc); }
