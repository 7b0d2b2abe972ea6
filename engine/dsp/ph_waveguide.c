/* The waveguide string (see ph_waveguide.h). */
#include "dsp/ph_waveguide.h"

#include <stdlib.h>

#define WG_MIN_HZ 20.0f
#define WG_MAX_HZ 10000.0f

int ph_waveguide_create(ph_waveguide *w, double sample_rate)
{
    double rate = sample_rate > 0 ? sample_rate : 48000.0;
    w->rate = (float)rate;
    w->max_len = (uint32_t)(rate / WG_MIN_HZ / 2.0) + 2;
    w->right = calloc(w->max_len, sizeof *w->right);
    w->left = calloc(w->max_len, sizeof *w->left);
    w->len = 2;
    w->pos = 0;
    w->plucked = 0;
    w->noise = 0x9e3779b97f4a7c15ull;
    return w->right && w->left ? 0 : -1;
}

void ph_waveguide_destroy(ph_waveguide *w)
{
    free(w->right);
    free(w->left);
    w->right = w->left = NULL;
}

static float noise(ph_waveguide *w)
{
    w->noise ^= w->noise << 13; /* xorshift64 */
    w->noise ^= w->noise >> 7;
    w->noise ^= w->noise << 17;
    return (float)((double)(int32_t)(uint32_t)(w->noise >> 32) / 2147483648.0);
}

/* A new period and a fresh pluck: both rails filled with noise (bounded: max_len each). */
static void pluck(ph_waveguide *w, float f)
{
    uint32_t len = (uint32_t)(w->rate / f / 2.0f);
    w->len = len < 2 ? 2 : len > w->max_len ? w->max_len : len;
    for (uint32_t i = 0; i < w->len; i++) {
        w->right[i] = noise(w);
        w->left[i] = noise(w);
    }
    w->pos = 0;
    w->prev_bridge = 0.0f;
    w->last_freq = f;
    w->plucked = 1;
}

void ph_waveguide_process(ph_waveguide *w, float *out, const float *freq, const float *damping, const float *pickup,
                          const float *trig, uint32_t n, uint64_t t0)
{
    (void)t0;
    for (uint32_t i = 0; i < n; i++) {
        float f = freq[i], d = damping[i], p = pickup[i];
        f = f == f ? ph_dsp_clampf(f, WG_MIN_HZ, WG_MAX_HZ) : 440.0f;
        d = d == d ? ph_dsp_clampf(d, 0.0f, 1.0f) : 0.5f;
        p = p == p ? ph_dsp_clampf(p, 0.0f, 1.0f) : 0.5f;
        if (!w->plucked || fabsf(f - w->last_freq) > 1.0f || (trig && trig[i] > 0.0f)) pluck(w, f);
        const uint32_t len = w->len, pos = w->pos;
        /* rails as rings written at pos: the sample at pos is the one about to leave (delay
         * len); position k along the string (0 nut .. len-1 bridge) is the right rail's
         * delay k + 1 and the left rail's delay len - k */
        uint32_t k = (uint32_t)(p * (float)(len - 1));
        uint32_t rk = (pos + len - 1 - k) % len, lk = (pos + k) % len;
        out[i] = ph_dsp_sane(0.5f * (w->right[rk] + w->left[lk]));
        float at_bridge = w->right[pos], at_nut = w->left[pos];
        float loss = 1.0f - d * d * 0.001f - 0.00001f;
        float reflected = -loss * 0.5f * (at_bridge + w->prev_bridge);
        w->prev_bridge = at_bridge;
        w->right[pos] = ph_dsp_flush(-at_nut);
        w->left[pos] = ph_dsp_flush(reflected);
        w->pos = pos + 1 == len ? 0 : pos + 1;
    }
}
