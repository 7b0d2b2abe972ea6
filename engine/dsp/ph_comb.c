/* Feedback comb with a gliding fractional delay, and the first-order all-pass. */
#include "dsp/ph_comb.h"

int ph_comb_create(ph_comb *c, double sample_rate)
{
    if (!(sample_rate >= 1000 && sample_rate <= 768000)) return -1;
    c->rate = (float)sample_rate;
    c->max_d = (float)(sample_rate / PH_COMB_MIN_HZ);
    uint32_t size = 4;
    while (size < (uint32_t)c->max_d + 8) size <<= 1;
    c->buf = ph_dsp_alloc(size * sizeof(float));
    if (!c->buf) return -1;
    c->mask = size - 1;
    c->w = 0;
    c->d = 0;
    c->started = 0;
    c->glide = 1.0f - expf(-1.0f / (0.005f * c->rate));
    return 0;
}

void ph_comb_destroy(ph_comb *c)
{
    ph_dsp_free(c->buf);
    c->buf = NULL;
}

/* The line `d` samples (>= 2.2: freq <= 0.45 rate) behind the sample about to be written,
 * Hermite-interpolated; the four points are all written samples. */
static inline float read_at(const ph_comb *c, float d)
{
    float pos = (float)c->w - d;
    float fl = floorf(pos);
    float f = pos - fl;
    int32_t k = (int32_t)fl;
    const uint32_t m = c->mask;
    float xm1 = c->buf[(uint32_t)(k - 1) & m], x0 = c->buf[(uint32_t)k & m], x1 = c->buf[(uint32_t)(k + 1) & m],
          x2 = c->buf[(uint32_t)(k + 2) & m];
    float c1 = 0.5f * (x1 - xm1);
    float c2 = xm1 - 2.5f * x0 + 2.0f * x1 - 0.5f * x2;
    float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
    return ((c3 * f + c2) * f + c1) * f + x0;
}

void ph_comb_process(ph_comb *c, float *out, const float *in, const float *freq, const float *fb, uint32_t n,
                     uint64_t t0)
{
    (void)t0; /* everything here is per sample: any block split gives the same output */
    const float lo = c->rate / (0.45f * c->rate), hi = c->max_d;
    float d = c->d;
    for (uint32_t i = 0; i < n; i++) {
        float f = freq[i];
        float target = f == f && f > 0 ? c->rate / f : hi;
        target = ph_dsp_clampf(target, lo, hi);
        if (!c->started) {
            d = target;
            c->started = 1;
        }
        d += c->glide * (target - d);
        float g = fb[i];
        g = g == g ? ph_dsp_clampf(g, -0.999f, 0.999f) : 0.0f;
        float y = ph_dsp_sane(in[i]) + g * read_at(c, d);
        y = ph_dsp_flush(y);
        c->buf[c->w] = y;
        c->w = (c->w + 1) & c->mask;
        out[i] = y;
    }
    c->d = d;
}

void ph_allpass1_init(ph_allpass1 *a) { a->x1 = a->y1 = 0; }

void ph_allpass1_process(ph_allpass1 *a, float *out, const float *in, const float *coef, uint32_t n, uint64_t t0)
{
    float x1 = a->x1, y1 = a->y1;
    for (uint32_t i = 0; i < n; i++) {
        float g = coef[i];
        g = g == g ? ph_dsp_clampf(g, -0.999f, 0.999f) : 0.0f;
        float x = ph_dsp_sane(in[i]);
        float y = g * (x - y1) + x1;
        x1 = x;
        y1 = y;
        out[i] = y;
        if (ph_dsp_at_quantum(t0 + i + 1)) y1 = ph_dsp_flush(y1); /* at absolute quanta: split-independent */
    }
    a->x1 = x1;
    a->y1 = y1;
}
