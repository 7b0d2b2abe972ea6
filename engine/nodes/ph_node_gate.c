/* Gated sources (ph_node_gate.h). */
#include "nodes/ph_node_gate.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "nodes/ph_nodes.h"

void ph_node_gate_init(ph_node_gate *s, double rate, bool gated)
{
    s->gated = gated;
    s->g = 0.0f;
    s->g_coef = 1.0f - expf(-1.0f / (0.002f * (float)rate));
}

void ph_node_gate_apply(ph_node_gate *s, float *out, const float *gate, const ph_ctx *ctx)
{
    if (!s->gated) return;
    float g = s->g, k = s->g_coef;
    /* Fast path (bench): a settled gate that does not move in this chunk leaves g as it
     * is, so the smoothing loop (a per-sample recurrence) reduces to one gain. */
    /* compared as bits (a float compare does not vectorise under -ftrapping-math; the gate
     * lines hold 0 and 1, and g is flushed to +0, so bits and values agree) */
    uint32_t gb, u, diff = 0;
    memcpy(&gb, &g, sizeof gb);
    for (uint32_t i = 0; i < ctx->n; i++) {
        memcpy(&u, gate + i, sizeof u);
        diff |= u ^ gb;
    }
    bool settled = diff == 0;
    if (settled) {
        if (g != 1.0f)
            for (uint32_t i = 0; i < ctx->n; i++) out[i] *= g;
        return;
    }
    for (uint32_t i = 0; i < ctx->n; i++) {
        g += k * (gate[i] - g);
        out[i] *= g;
    }
    /* Settle at absolute chunk ends only (so every evaluator and block size agrees):
     * the one-pole never reaches 0 or 1 exactly by itself. */
    if ((ctx->sample + ctx->n) % PH_CHUNK == 0 && fabsf(g - gate[ctx->n - 1]) < 1e-6f) g = gate[ctx->n - 1];
    s->g = g < 1e-20f ? 0.0f : g;
}

/* The kinds whose state begins with a ph_node_gate. */
static const ph_node_ops *const gated_kinds[] = {&ph_kind_sine, &ph_kind_saw, &ph_kind_square, &ph_kind_tri,
                                                 &ph_kind_fm,   &ph_kind_pm,  &ph_kind_impulse, &ph_kind_blip,
                                                 &ph_kind_additive, &ph_kind_wavetable, &ph_kind_soft_saw};

void ph_node_osc_ungate(ph_graph *g, int node)
{
    if (node < 0 || (uint32_t)node >= g->n_nodes) return;
    for (size_t k = 0; k < sizeof gated_kinds / sizeof gated_kinds[0]; k++)
        if (g->nodes[node].ops == gated_kinds[k]) ((ph_node_gate *)g->nodes[node].state)->gated = false;
}
