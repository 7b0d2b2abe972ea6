/* Dynamics nodes over dsp/ph_dyn.h (the compressor is in ph_node_fx.c): the limiter (both
 * channels linked), the expanders (a detector per channel, as compress), and the seed's
 * sidechain_compressor, which is a keyed compress node. */
#include "dsp/ph_dyn.h"
#include "nodes/ph_rack_util.h"

static void free_state(ph_node *n) { free(n->state); }

/* ---- limiter: ceiling, look-ahead (fixed), release -------------------------------------------- */

static void limiter_render(ph_node *n, const ph_ctx *ctx)
{
    bool st = n->channels > 1;
    ph_limiter_process(n->state, n->out[0], st ? n->out[1] : NULL, n->in[0][0], st ? n->in[0][1] : NULL, n->in[1][0],
                       n->in[3][0], ctx->n, (uint64_t)ctx->sample);
}

static void limiter_destroy(ph_node *n)
{
    if (!n->state) return;
    ph_limiter_destroy(n->state);
    free(n->state);
}
const ph_node_ops ph_kind_limiter = {.kind = "limiter", .render = limiter_render, .destroy = limiter_destroy};

int ph_make_limiter(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    ph_limiter *l = calloc(1, sizeof *l);
    if (!l) return -1;
    double look = ph_rack_const(g, a->n_param > 1 ? a->param[1] : ph_ref_none(), 0.005f);
    if (ph_limiter_create(l, a->rate, look) != 0) {
        free(l);
        return -1;
    }
    int id = ph_rack_add(g, &ph_kind_limiter, l, a->channels, a, 3, oc);
    if (id < 0) limiter_destroy(&(ph_node){.state = l});
    return id;
}

/* ---- expander, noisegate: threshold dB, ratio, attack, release ---------------------------------- */

typedef struct exp_node {
    ph_expander e[2];
} exp_node;

static void expander_render(ph_node *n, const ph_ctx *ctx)
{
    exp_node *s = n->state;
    for (uint32_t c = 0; c < n->channels; c++)
        ph_expander_process(&s->e[c], n->out[c], n->in[0][c], NULL, n->in[1][0], n->in[2][0], n->in[3][0], n->in[4][0],
                            ctx->n, (uint64_t)ctx->sample);
}
const ph_node_ops ph_kind_expander = {.kind = "expander", .render = expander_render, .destroy = free_state};
const ph_node_ops ph_kind_noisegate = {.kind = "noisegate", .render = expander_render, .destroy = free_state};

static int make_expander(ph_graph *g, bool upward, const ph_node_args *a, uint32_t *oc)
{
    exp_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    for (int c = 0; c < 2; c++) ph_expander_init(&s->e[c], a->rate, upward);
    int id = ph_rack_add(g, upward ? &ph_kind_expander : &ph_kind_noisegate, s, a->channels, a, 4, oc);
    if (id < 0) free(s);
    return id;
}

int ph_make_expander(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_expander(g, true, a, oc); }
int ph_make_noisegate(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_expander(g, false, a, oc); }

/* ---- sidechain_compressor key threshold ratio attack release: compress with a key ------------------ */

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
