/* Generators: signals made from their arguments (the rack's PH_DSP_GEN names) -- the seed's
 * ramps (line, xline, curve over dsp/ph_ctl.h), segments, gate, xfade, select and mix.
 * Inputs: the arguments in order. */
#include <string.h>

#include "dsp/ph_ctl.h"
#include "nodes/ph_rack_util.h"

static void free_state(ph_node *n) { free(n->state); }

/* ---- generators: inputs are the arguments -------------------------------------------------------------- */

static int add_gen(ph_graph *g, const ph_node_ops *ops, void *state, uint32_t ch, const ph_node_args *a, uint32_t *oc)
{
    int id = ph_graph_add(g, ops, state, ch, 0, a->param, a->n_param);
    *oc = ch;
    return id;
}

/* line, xline, curve: a ramp (the state a ph_ramp); line without a duration ramps over
 * every cycle */
static void ramp_render(ph_node *n, const ph_ctx *ctx)
{
    const float *start = n->in[0][0], *end = n->in[1][0];
    if (n->n_in < 3) { /* line start end: the seed's, over each cycle (frozen while stopped) */
        for (uint32_t i = 0; i < ctx->n; i++) {
            double cyc = ph_window_cycle_at(ctx->win, ctx->sample + i);
            float p = (float)(cyc - floor(cyc));
            n->out[0][i] = ph_dsp_sane(start[i] + (end[i] - start[i]) * p);
        }
        return;
    }
    ph_ramp_process(n->state, n->out[0], start, end, n->in[2][0], n->n_in > 3 ? n->in[3][0] : NULL, ctx->n,
                    (uint64_t)ctx->sample);
    for (uint32_t i = 0; i < ctx->n; i++) n->out[0][i] = ph_dsp_sane(n->out[0][i]);
}
const ph_node_ops ph_kind_line = {.kind = "line", .render = ramp_render, .destroy = free_state};
const ph_node_ops ph_kind_xline = {.kind = "xline", .render = ramp_render, .destroy = free_state};
const ph_node_ops ph_kind_curve = {.kind = "curve", .render = ramp_render, .destroy = free_state};

static int make_ramp(ph_graph *g, const ph_node_ops *ops, ph_ramp_shape shape, const ph_node_args *a, uint32_t *oc)
{
    ph_ramp *s = calloc(1, sizeof *s);
    if (!s) return -1;
    ph_ramp_init(s, a->rate, shape);
    int id = add_gen(g, ops, s, 1, a, oc);
    if (id < 0) free(s);
    return id;
}

int ph_make_line(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_ramp(g, &ph_kind_line, PH_RAMP_LINE, a, oc); }
int ph_make_xline(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_ramp(g, &ph_kind_xline, PH_RAMP_XLINE, a, oc); }
int ph_make_curve(ph_graph *g, const ph_node_args *a, uint32_t *oc) { return make_ramp(g, &ph_kind_curve, PH_RAMP_CURVE, a, oc); }

/* segments: no inputs */
static void segments_render(ph_node *n, const ph_ctx *ctx)
{
    ph_segments_process(n->state, n->out[0], ctx->n, (uint64_t)ctx->sample);
}
const ph_node_ops ph_kind_segments = {.kind = "segments", .render = segments_render, .destroy = free_state};

int ph_node_segments(ph_graph *g, double rate, const float *levels, const float *times, uint32_t count)
{
    ph_segments *s = calloc(1, sizeof *s);
    if (!s) return -1;
    ph_segments_init(s, rate, levels, times, count);
    int id = ph_graph_add(g, &ph_kind_segments, s, 1, 0, NULL, 0);
    if (id < 0) free(s);
    return id;
}

/* gate: a pattern's gate line as audio */
static void gate_render(ph_node *n, const ph_ctx *ctx) { memcpy(n->out[0], n->in[0][0], ctx->n * sizeof(float)); }
const ph_node_ops ph_kind_gate = {.kind = "gate", .render = gate_render};

int ph_node_gate_signal(ph_graph *g, int pattern_node)
{
    ph_ref in = {pattern_node, 1};
    return ph_graph_add(g, &ph_kind_gate, NULL, 1, 0, &in, 1);
}

/* xfade a b pos: (1 - pos) a + pos b */
static void xfade_render(ph_node *n, const ph_ctx *ctx)
{
    const float *pos = n->in[2][0];
    for (uint32_t c = 0; c < n->channels; c++) {
        const float *x = n->in[0][c], *y = n->in[1][c];
        for (uint32_t i = 0; i < ctx->n; i++) {
            float p = ph_dsp_clamp_arith(ph_dsp_sane(pos[i]), 0.0f, 1.0f);
            n->out[c][i] = x[i] + (y[i] - x[i]) * p;
        }
    }
}
const ph_node_ops ph_kind_xfade = {.kind = "xfade", .render = xfade_render};

int ph_make_xfade(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param != 3) return -1;
    return add_gen(g, &ph_kind_xfade, NULL, a->channels, a, oc);
}

/* select index a b ...: each input's weight slides toward 1 (selected) or 0 over 5 ms */
typedef struct select_node {
    float w[PH_NODE_MAX_PARAMS], step;
    int started; /* the first sample takes its input at once (no fade in from nothing) */
} select_node;

static void select_render(ph_node *n, const ph_ctx *ctx)
{
    select_node *s = n->state;
    uint32_t k = n->n_in - 1;
    for (uint32_t i = 0; i < ctx->n; i++) {
        float x = ph_dsp_sane(n->in[0][0][i]);
        int pick = (int)(((long)lrintf(ph_dsp_clampf(x, -1e6f, 1e6f)) % (long)k + (long)k) % (long)k);
        if (!s->started) {
            s->w[pick] = 1.0f;
            s->started = 1;
        }
        float acc[2] = {0, 0};
        for (uint32_t j = 0; j < k; j++) {
            float t = (int)j == pick ? 1.0f : 0.0f;
            s->w[j] = s->w[j] < t ? ph_dsp_minf(s->w[j] + s->step, t) : ph_dsp_maxf(s->w[j] - s->step, t);
            if (s->w[j] == 0.0f) continue;
            for (uint32_t c = 0; c < n->channels; c++) acc[c] += s->w[j] * n->in[1 + j][c][i];
        }
        for (uint32_t c = 0; c < n->channels; c++) n->out[c][i] = acc[c];
    }
}
const ph_node_ops ph_kind_select = {.kind = "select", .render = select_render, .destroy = free_state};

int ph_make_select(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    if (a->n_param < 2) return -1;
    select_node *s = calloc(1, sizeof *s);
    if (!s) return -1;
    s->step = (float)(1.0 / (0.005 * a->rate));
    int id = add_gen(g, &ph_kind_select, s, a->channels, a, oc);
    if (id < 0) free(s);
    return id;
}

/* mix a b ...: the sum (the seed's), a tree of the graph's mix nodes */
int ph_make_sum(ph_graph *g, const ph_node_args *a, uint32_t *oc)
{
    *oc = a->channels;
    return ph_mix_tree(g, a->param, a->n_param, a->channels);
}
