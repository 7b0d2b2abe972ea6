/* Phonon FX: the instrument with the track's stereo input as `in` (ph_engine_process).
 *
 * - The input is copied at the start of run() (hosts may run effects in place, the input
 *   and output ports on one buffer), and each render slice reads its part of that copy.
 * - Bypass (lv2:enabled off) crossfades to the dry input: the instrument's smoother fades
 *   the program out (apply_gain in ph_lv2_plugin.c) and the dry signal is faded in here
 *   with the same one-pole, so dry + wet stay at unity through the switch.
 * - Latency: no node looks ahead (every node is causal, the feedback taps delay only
 *   feedback), so the latency port reports 0 samples. [audio] except init/free. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ph_lv2.h"

typedef struct ph_lv2_fx {
    const float *in[2];
    float *latency;
    float *dry[2];  /* max_block each: this block's input */
    double dry_mix; /* 0 while enabled .. 1 bypassed, smoothed like ph_lv2.enable */
} ph_lv2_fx;

bool ph_lv2_fx_init(ph_lv2 *self)
{
    ph_lv2_fx *fx = calloc(1, sizeof *fx);
    if (!fx) return false;
    self->fx = fx;
    for (int c = 0; c < 2; c++)
        if (!(fx->dry[c] = calloc(self->max_block, sizeof(float)))) return false;
    return true;
}

void ph_lv2_fx_free(ph_lv2 *self)
{
    ph_lv2_fx *fx = self->fx;
    if (!fx) return;
    free(fx->dry[0]);
    free(fx->dry[1]);
    free(fx);
    self->fx = NULL;
}

bool ph_lv2_fx_port(ph_lv2 *self, uint32_t port, void *data)
{
    ph_lv2_fx *fx = self->fx;
    switch (port) {
    case PH_PORT_FX_IN_L: fx->in[0] = data; return false;
    case PH_PORT_FX_IN_R: fx->in[1] = data; return false;
    case PH_PORT_FX_LATENCY: fx->latency = data; return false;
    case PH_PORT_FX_TRANSPORT: self->position_in = data; return false;
    default: return port < PH_PORT_FX_IN_L;
    }
}

void ph_lv2_fx_begin(ph_lv2 *self, uint32_t n_samples)
{
    ph_lv2_fx *fx = self->fx;
    for (int c = 0; c < 2; c++) {
        const float *src = fx->in[c] ? fx->in[c] : fx->in[1 - c]; /* one side connected: mono */
        if (src) memcpy(fx->dry[c], src, n_samples * sizeof(float));
        else memset(fx->dry[c], 0, n_samples * sizeof(float));
    }
}

void ph_lv2_fx_render(ph_lv2 *self, float *const *outs, uint32_t from, uint32_t n)
{
    ph_lv2_fx *fx = self->fx;
    const float *in[2] = {fx->dry[0] + from, fx->dry[1] + from};
    ph_engine_process(self->engine, in, 2, outs, PH_MAIN_CHANNELS, n);
}

void ph_lv2_fx_end(ph_lv2 *self, uint32_t n_samples)
{
    ph_lv2_fx *fx = self->fx;
    if (fx->latency) *fx->latency = 0.0f;
    const double target = self->enabled_port && *self->enabled_port <= 0.0f ? 1.0 : 0.0;
    double d = fx->dry_mix;
    if (d == 0.0 && target == 0.0) return;
    const double k = self->smooth_coef;
    float *gs = self->scratch;
    for (uint32_t i = 0; i < n_samples; i++) {
        d += (target - d) * k;
        if (fabs(target - d) < 1e-6) d = target;
        gs[i] = (float)d;
    }
    fx->dry_mix = d;
    for (int c = 0; c < 2; c++) {
        float *o = self->out[c];
        if (!o) continue;
        /* the dry input is made finite like the program's output: a host's NaN stays out */
        for (uint32_t i = 0; i < n_samples; i++) {
            float x = fx->dry[c][i];
            x = x == x ? x : 0.0f;
            x = x > 16.0f ? 16.0f : x < -16.0f ? -16.0f : x;
            o[i] += x * gs[i];
        }
    }
}
