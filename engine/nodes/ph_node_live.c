/* Live input nodes: the host's macros and MIDI notes, read from the engine's ph_live
 * (written between chunks, read during one). */
#include <math.h>
#include <stdlib.h>

#include "nodes/ph_nodes.h"
#include "phonon/phonon.h"

static void free_state(ph_node *n) { free(n->state); }

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
const ph_node_ops ph_kind_macro = {.kind = "macro", .render = macro_render, .destroy = free_state};

int ph_node_macro(ph_graph *g, int index)
{
    if (index < 0 || index >= PH_MACROS) return -1;
    macro_state *m = calloc(1, sizeof *m);
    if (!m) return -1;
    m->index = index;
    int id = ph_graph_add(g, &ph_kind_macro, m, 1, 0, NULL, 0);
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
const ph_node_ops ph_kind_midi = {.kind = "midi", .render = midi_render, .destroy = free_state};

int ph_node_midi(ph_graph *g)
{
    midi_state *m = calloc(1, sizeof *m);
    if (!m) return -1;
    int id = ph_graph_add(g, &ph_kind_midi, m, 1, 2, NULL, 0);
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
const ph_node_ops ph_kind_midi_voice = {.kind = "midi voice", .render = midi_voice_render, .destroy = free_state};

int ph_node_midi_voice(ph_graph *g, uint32_t voice)
{
    if (voice >= PH_LIVE_VOICES) return -1;
    midi_state *m = calloc(1, sizeof *m);
    if (!m) return -1;
    m->voice = voice;
    int id = ph_graph_add(g, &ph_kind_midi_voice, m, 1, 3, NULL, 0);
    if (id < 0) free(m);
    return id;
}

bool ph_node_is_midi(const ph_graph *g, int node)
{
    return node >= 0 && (uint32_t)node < g->n_nodes && g->nodes[node].ops == &ph_kind_midi;
}
