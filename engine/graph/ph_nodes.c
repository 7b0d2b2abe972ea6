/* Constants, arithmetic, macros and MIDI as graph nodes. Every loop here is a straight
 * loop over a chunk so the compiler vectorises it. */
#include "graph/ph_nodes.h"

#include <math.h>
#include <stdlib.h>

/* ---- constant ---------------------------------------------------------------------- */

static void const_init(ph_node *n)
{
    float v = *(const float *)n->state;
    for (uint32_t i = 0; i < PH_CHUNK; i++) n->out[0][i] = v;
}
static void free_state(ph_node *n) { free(n->state); }
static const ph_node_ops const_ops = {.kind = "const", .init = const_init, .destroy = free_state};

int ph_node_const(ph_graph *g, float value)
{
    float *v = malloc(sizeof *v);
    if (!v) return -1;
    *v = isfinite(value) ? value : 0.0f;
    int id = ph_graph_add(g, &const_ops, v, 1, 0, NULL, 0);
    if (id < 0) free(v);
    return id;
}

/* ---- binary operators -------------------------------------------------------------- */

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

static const ph_node_ops binop_ops[] = {
    {.kind = "add", .render = add_render}, {.kind = "sub", .render = sub_render},
    {.kind = "mul", .render = mul_render}, {.kind = "div", .render = div_render},
};

int ph_node_binop(ph_graph *g, ph_binop op, ph_ref a, ph_ref b, uint32_t channels)
{
    ph_ref in[2] = {a, b};
    return ph_graph_add(g, &binop_ops[op], NULL, channels, 0, in, 2);
}

/* ---- mix --------------------------------------------------------------------------- */

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
static const ph_node_ops mix_ops = {.kind = "mix", .render = mix_render};

int ph_node_mix(ph_graph *g, const ph_ref *in, uint32_t n, uint32_t channels)
{
    if (n == 0 || n > PH_NODE_MAX_IN) return -1;
    return ph_graph_add(g, &mix_ops, NULL, channels, 0, in, n);
}

/* ---- macros ------------------------------------------------------------------------ */

typedef struct macro_state {
    int index;
    float y;
    bool started;
} macro_state;

static void macro_render(ph_node *nd, const ph_ctx *ctx)
{
    macro_state *m = nd->state;
    float target = ctx->live->macro[m->index];
    if (!m->started) {
        m->y = target;
        m->started = true;
    }
    /* One-pole smoothing with a ~5 ms time constant at this rate. */
    float k = 1.0f - expf(-1.0f / (0.005f * (float)ctx->rate));
    float y = m->y;
    float *o = nd->out[0];
    for (uint32_t i = 0; i < ctx->n; i++) {
        y += k * (target - y);
        o[i] = y;
    }
    m->y = y;
}
static const ph_node_ops macro_ops = {.kind = "macro", .render = macro_render, .destroy = free_state};

int ph_node_macro(ph_graph *g, int index)
{
    if (index < 0 || index >= 8) return -1;
    macro_state *m = calloc(1, sizeof *m);
    if (!m) return -1;
    m->index = index;
    int id = ph_graph_add(g, &macro_ops, m, 1, 0, NULL, 0);
    if (id < 0) free(m);
    return id;
}

/* ---- MIDI -------------------------------------------------------------------------- */

typedef struct midi_state {
    uint32_t voice; /* midi voice nodes: which one */
    uint32_t serial;
    bool started;
} midi_state;

/* Frequency of `note` (440 before any), gate and trigger lines (a trigger on the first
 * frame when the note-on serial has changed since the last chunk). */
static void note_lines(ph_node *nd, const ph_ctx *ctx, int32_t note, bool gate, uint32_t serial)
{
    midi_state *m = nd->state;
    float bend = ctx->live->bend;
    float f = note >= 0 ? 440.0f * powf(2.0f, ((float)(note - 69) + bend) / 12.0f) : 440.0f;
    bool trig = m->started && serial != m->serial;
    m->serial = serial;
    m->started = true;
    for (uint32_t i = 0; i < ctx->n; i++) {
        nd->out[0][i] = f;
        nd->out[1][i] = gate ? 1.0f : 0.0f;
        nd->out[2][i] = 0.0f;
    }
    if (trig) nd->out[2][0] = 1.0f;
}

static void midi_render(ph_node *nd, const ph_ctx *ctx)
{
    const ph_live *l = ctx->live;
    note_lines(nd, ctx, l->note, l->gate, l->note_serial);
}
static const ph_node_ops midi_ops = {.kind = "midi", .render = midi_render, .destroy = free_state};

int ph_node_midi(ph_graph *g)
{
    midi_state *m = calloc(1, sizeof *m);
    if (!m) return -1;
    int id = ph_graph_add(g, &midi_ops, m, 1, 2, NULL, 0);
    if (id < 0) free(m);
    return id;
}

/* One MIDI voice (ph_live.voice[k]): its note's frequency (kept after the release, so a
 * release tail keeps its pitch), gate and trigger lines, like the `midi` node, and the
 * note's velocity (0..1) as aux 3. */
static void midi_voice_render(ph_node *nd, const ph_ctx *ctx)
{
    const midi_state *m = nd->state;
    const ph_live *l = ctx->live;
    note_lines(nd, ctx, l->voice[m->voice].note, l->voice[m->voice].gate, l->voice[m->voice].serial);
    for (uint32_t i = 0; i < ctx->n; i++) nd->out[3][i] = l->voice[m->voice].velocity;
}
static const ph_node_ops midi_voice_ops = {.kind = "midi", .render = midi_voice_render, .destroy = free_state};

int ph_node_midi_voice(ph_graph *g, uint32_t voice)
{
    if (voice >= PH_LIVE_VOICES) return -1;
    midi_state *m = calloc(1, sizeof *m);
    if (!m) return -1;
    m->voice = voice;
    int id = ph_graph_add(g, &midi_voice_ops, m, 1, 3, NULL, 0);
    if (id < 0) free(m);
    return id;
}

bool ph_node_is_midi(const ph_graph *g, int node)
{
    return node >= 0 && (uint32_t)node < g->n_nodes && g->nodes[node].ops == &midi_ops;
}
