/* Math nodes: constants, arithmetic, mixing, min/max/clip/range. Every loop is a straight
 * loop over a chunk so that the compiler vectorises it. */
#include <math.h>
#include <stdlib.h>

#include "dsp/ph_fx.h"
#include "nodes/ph_nodes.h"

static void free_state(ph_node *n) { free(n->state); }

/* ---- constant ----------------------------------------------------------------------- */

static void const_init(ph_node *n)
{
    float v = *(const float *)n->state;
    for (uint32_t i = 0; i < PH_CHUNK; i++) n->out[0][i] = v;
}
const ph_node_ops ph_kind_constant = {.kind = "const", .init = const_init, .destroy = free_state};

bool ph_node_const_value(const ph_graph *g, ph_ref r, float *value)
{
    if (r.node < 0 || (uint32_t)r.node >= g->n_nodes || r.port != 0) return false;
    const ph_node *n = &g->nodes[r.node];
    if (n->ops != &ph_kind_constant) return false;
    *value = *(const float *)n->state;
    return true;
}

int ph_node_const(ph_graph *g, float value)
{
    float *v = malloc(sizeof *v);
    if (!v) return -1;
    *v = isfinite(value) ? value : 0.0f;
    int id = ph_graph_add(g, &ph_kind_constant, v, 1, 0, NULL, 0);
    if (id < 0) free(v);
    return id;
}

/* ---- binary operators --------------------------------------------------------------- */

#define BINOP_RENDER(name, expr)                                                         \
    static void name(ph_node *nd, const ph_ctx *ctx)                                     \
    {                                                                                    \
        for (uint32_t c = 0; c < nd->channels; c++) {                                    \
            const float *restrict a = nd->in[0][c];                                      \
            const float *restrict b = nd->in[1][c];                                      \
            float *restrict o = nd->out[c];                                              \
            for (uint32_t i = 0; i < ctx->n; i++) o[i] = (expr);                         \
        }                                                                                \
    }

BINOP_RENDER(add_render, a[i] + b[i])
BINOP_RENDER(sub_render, a[i] - b[i])
BINOP_RENDER(mul_render, a[i] * b[i])
BINOP_RENDER(div_render, fabsf(b[i]) > 1e-12f ? a[i] / b[i] : 0.0f)

const ph_node_ops ph_kind_add = {.kind = "add", .render = add_render};
const ph_node_ops ph_kind_sub = {.kind = "sub", .render = sub_render};
const ph_node_ops ph_kind_mul = {.kind = "mul", .render = mul_render};
const ph_node_ops ph_kind_div = {.kind = "div", .render = div_render};

int ph_node_binop(ph_graph *g, ph_binop op, ph_ref a, ph_ref b, uint32_t channels)
{
    const ph_node_ops *ops = op == PH_BIN_ADD ? &ph_kind_add : op == PH_BIN_SUB ? &ph_kind_sub
                             : op == PH_BIN_MUL ? &ph_kind_mul : &ph_kind_div;
    ph_ref in[2] = {a, b};
    return ph_graph_add(g, ops, NULL, channels, 0, in, 2);
}

/* ---- mix ---------------------------------------------------------------------------- */

static void mix_render(ph_node *nd, const ph_ctx *ctx)
{
    for (uint32_t c = 0; c < nd->channels; c++) {
        float *o = nd->out[c];
        const float *x0 = nd->in[0][c];
        for (uint32_t i = 0; i < ctx->n; i++) o[i] = x0[i];
        for (uint32_t k = 1; k < nd->n_in; k++) {
            const float *x = nd->in[k][c];
            for (uint32_t i = 0; i < ctx->n; i++) o[i] += x[i];
        }
    }
}
const ph_node_ops ph_kind_mix = {.kind = "mix", .render = mix_render};

int ph_node_mix(ph_graph *g, const ph_ref *in, uint32_t n, uint32_t channels)
{
    if (n == 0 || n > PH_NODE_MAX_IN) return -1;
    return ph_graph_add(g, &ph_kind_mix, NULL, channels, 0, in, n);
}

int ph_mix_tree(ph_graph *g, const ph_ref *in, uint32_t n, uint32_t channels)
{
    if (n <= PH_NODE_MAX_IN) return ph_node_mix(g, in, n, channels);
    ph_ref part[PH_NODE_MAX_IN];
    uint32_t groups = (n + PH_NODE_MAX_IN - 1) / PH_NODE_MAX_IN;
    if (groups > PH_NODE_MAX_IN) { /* deeper: mix the first inputs, then the rest with them */
        int head = ph_mix_tree(g, in, n - PH_NODE_MAX_IN + 1, channels);
        if (head < 0) return -1;
        part[0] = ph_ref_audio(head);
        for (uint32_t k = 1; k < PH_NODE_MAX_IN; k++) part[k] = in[n - PH_NODE_MAX_IN + k];
        return ph_node_mix(g, part, PH_NODE_MAX_IN, channels);
    }
    for (uint32_t k = 0; k < groups; k++) {
        uint32_t first = k * PH_NODE_MAX_IN, m = n - first < PH_NODE_MAX_IN ? n - first : PH_NODE_MAX_IN;
        int node = m == 1 && in[first].port == 0 ? in[first].node : ph_node_mix(g, in + first, m, channels);
        if (node < 0) return -1;
        part[k] = ph_ref_audio(node);
    }
    return ph_node_mix(g, part, groups, channels);
}

/* ---- min / max / clip / range -------------------------------------------------------- */

static void min_render(ph_node *n, const ph_ctx *ctx)
{
    for (uint32_t c = 0; c < n->channels; c++) ph_min(n->out[c], n->in[0][c], n->in[1][c], ctx->n);
}
static void max_render(ph_node *n, const ph_ctx *ctx)
{
    for (uint32_t c = 0; c < n->channels; c++) ph_max(n->out[c], n->in[0][c], n->in[1][c], ctx->n);
}
static void clip_render(ph_node *n, const ph_ctx *ctx)
{
    for (uint32_t c = 0; c < n->channels; c++) ph_clip(n->out[c], n->in[0][c], n->in[1][0], n->in[2][0], ctx->n);
}
static void range_render(ph_node *n, const ph_ctx *ctx)
{
    for (uint32_t c = 0; c < n->channels; c++) ph_dsp_range(n->out[c], n->in[0][c], n->in[1][0], n->in[2][0], ctx->n);
}
const ph_node_ops ph_kind_min = {.kind = "min", .render = min_render};
const ph_node_ops ph_kind_max = {.kind = "max", .render = max_render};
const ph_node_ops ph_kind_clip = {.kind = "clip", .render = clip_render};
const ph_node_ops ph_kind_range = {.kind = "range", .render = range_render};

/* in and the first n_param params, in that order; the output as wide as the input. */
static int with_params(ph_graph *g, const ph_node_ops *ops, const ph_node_args *a, uint32_t n_param,
                       uint32_t *out_channels)
{
    if (a->n_param < n_param) return -1;
    ph_ref in[3] = {a->in, a->param[0], n_param > 1 ? a->param[1] : ph_ref_none()};
    *out_channels = a->channels;
    return ph_graph_add(g, ops, NULL, a->channels, 0, in, 1 + n_param);
}

static void mtof_render(ph_node *n, const ph_ctx *ctx)
{
    const float *m = n->in[0][0];
    float *o = n->out[0];
    for (uint32_t i = 0; i < ctx->n; i++) {
        float x = m[i] == m[i] ? m[i] : 69.0f;
        x = x < -64.0f ? -64.0f : x > 192.0f ? 192.0f : x; /* about 0.1 Hz .. 250 kHz */
        o[i] = 440.0f * exp2f((x - 69.0f) * (1.0f / 12.0f));
    }
}
const ph_node_ops ph_kind_mtof = {.kind = "mtof", .render = mtof_render};

int ph_make_mtof(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param < 1) return -1;
    *oc = 1;
    return ph_graph_add(g, &ph_kind_mtof, NULL, 1, 0, a->param, 1);
}

int ph_make_min(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return with_params(g, &ph_kind_min, a, 1, oc); }
int ph_make_max(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return with_params(g, &ph_kind_max, a, 1, oc); }
int ph_make_clip(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return with_params(g, &ph_kind_clip, a, 2, oc); }
int ph_make_range(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return with_params(g, &ph_kind_range, a, 2, oc); }
