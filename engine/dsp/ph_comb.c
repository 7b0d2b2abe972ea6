/* Feedback comb with a gliding fractional delay, and the first-order all-pass. */
#include "dsp/ph_comb.h"

#include <stdbool.h>

/* The line `d` samples (>= 2.2: freq <= 0.45 rate) behind write position w, Hermite-
 * interpolated; the four points are all written samples. */
static inline float read_at(const float *buf, uint32_t mask, uint32_t w, float d)
{
    float pos = (float)w - d;
    float fl = floorf(pos);
    float f = pos - fl;
    int32_t k = (int32_t)fl;
    float xm1 = buf[(uint32_t)(k - 1) & mask], x0 = buf[(uint32_t)k & mask], x1 = buf[(uint32_t)(k + 1) & mask],
          x2 = buf[(uint32_t)(k + 2) & mask];
    float c1 = 0.5f * (x1 - xm1);
    float c2 = xm1 - 2.5f * x0 + 2.0f * x1 - 0.5f * x2;
    float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
    return ((c3 * f + c2) * f + c1) * f + x0;
}

/* A power-of-two line holding max_d + 8 samples. */
static float *make_line(double rate, float max_d, uint32_t *mask)
{
    (void)rate;
    uint32_t size = 4;
    while (size < (uint32_t)max_d + 8) size <<= 1;
    *mask = size - 1;
    return ph_dsp_alloc(size * sizeof(float));
}

int ph_comb_create(ph_comb *c, double sample_rate)
{
    if (!(sample_rate >= 1000 && sample_rate <= 768000)) return -1;
    c->rate = (float)sample_rate;
    c->max_d = (float)(sample_rate / PH_COMB_MIN_HZ);
    c->buf = make_line(sample_rate, c->max_d, &c->mask);
    if (!c->buf) return -1;
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
        float y = ph_dsp_sane(in[i]) + g * read_at(c->buf, c->mask, c->w, d);
        y = ph_dsp_flush(y);
        c->buf[c->w] = y;
        c->w = (c->w + 1) & c->mask;
        out[i] = y;
    }
    c->d = d;
}

int ph_pluck_create(ph_pluck *k, double sample_rate, uint32_t seed)
{
    if (!(sample_rate >= 1000 && sample_rate <= 768000)) return -1;
    k->rate = (float)sample_rate;
    k->max_d = (float)(sample_rate / PH_COMB_MIN_HZ) + 1.0f;
    k->buf[0] = make_line(sample_rate, k->max_d, &k->mask);
    k->buf[1] = make_line(sample_rate, k->max_d, &k->mask);
    if (!k->buf[0] || !k->buf[1]) {
        ph_pluck_destroy(k);
        return -1;
    }
    k->w = 0;
    k->glide = 1.0f - expf(-1.0f / (0.005f * k->rate));
    k->fade_step = 1.0f / (0.01f * k->rate);
    k->d[0] = k->d[1] = k->max_d - 1.0f;
    k->fade[0] = k->fade[1] = 0.0f;
    k->g[0] = k->g[1] = 0.0f;
    k->s[0] = k->s[1] = 0.5f;
    k->cur = 0;
    k->started = 0;
    k->seed = seed;
    return 0;
}

void ph_pluck_destroy(ph_pluck *k)
{
    ph_dsp_free(k->buf[0]);
    ph_dsp_free(k->buf[1]);
    k->buf[0] = k->buf[1] = NULL;
}

/* The string's delay for freq (samples, inside the line). */
static inline float pluck_delay(const ph_pluck *k, float f)
{
    float d = f == f && f > 0 ? k->rate / f : k->max_d;
    return ph_dsp_clampf(d, 3.0f, k->max_d - 1.0f); /* reads at d - 1/2 need 2.5 written samples */
}

/* The loop filter for a string of delay d: a one-zero low-pass (1 - s) + s z^-1 and a gain
 * g, so that the fundamental falls 60 dB in 6 s * 0.05^damping. s is the classic 1/2 (the
 * highs die first) unless that alone would take the fundamental down faster than wanted
 * (high notes): then as much less as lets g < 1 keep to the decay. */
static void pluck_loop(float d, float damping, float rate, float *s_out, float *g_out)
{
    damping = damping == damping ? ph_dsp_clampf(damping, 0.0f, 1.0f) : 0.5f;
    double t60 = 6.0 * pow(0.05, damping);
    double want = pow(0.001, d / (t60 * rate)); /* the fundamental's gain per pass */
    double c = 1.0 - cos(PH_TWO_PI / d);       /* |H|^2 = 1 - 2 s (1 - s) c */
    double m = (1.0 - (want / 0.9999) * (want / 0.9999)) / (2.0 * c);
    double s = m >= 0.25 ? 0.5 : 0.5 * (1.0 - sqrt(1.0 - 4.0 * m));
    double h = sqrt(1.0 - 2.0 * s * (1.0 - s) * c);
    double g = want / h;
    *s_out = (float)s;
    *g_out = (float)(g < 0.9999 ? g : 0.9999);
}

void ph_pluck_process(ph_pluck *k, float *out, const float *freq, const float *damping, const float *trig, uint32_t n,
                      uint64_t t0)
{
    for (uint32_t i = 0; i < n; i++) {
        bool pluck = trig ? trig[i] > 0.0f : !k->started;
        k->started = 1;
        float target = pluck_delay(k, freq[i]);
        if (pluck) {
            /* the latest string is damped; the other one takes the new burst, placed where the
             * next period's reads will find it */
            k->cur ^= 1;
            int s = k->cur;
            ph_rng_seed(&k->rng, k->seed ^ (uint32_t)((t0 + i) * 0x9E3779B1u) ^ (uint32_t)((t0 + i) >> 32));
            k->d[s] = target;
            k->fade[s] = 1.0f;
            uint32_t len = (uint32_t)target + 4;
            for (uint32_t j = 1; j <= len; j++) k->buf[s][(k->w - j) & k->mask] = 0.9f * ph_rng_bipolar(&k->rng);
        }
        float y = 0.0f;
        for (int s = 0; s < 2; s++) {
            if (k->fade[s] <= 0.0f) continue; /* silent: a pluck refills what it reads */
            if (s == k->cur) k->d[s] += k->glide * (target - k->d[s]);
            else k->fade[s] = k->fade[s] > k->fade_step ? k->fade[s] - k->fade_step : 0.0f;
            float d = k->d[s];
            /* the loop filter again at absolute quanta and plucks only (it costs a pow) */
            if (pluck || ph_dsp_at_quantum(t0 + i)) pluck_loop(d, damping[i], k->rate, &k->s[s], &k->g[s]);
            const float g = k->g[s], b = k->s[s];
            /* the one-zero filter delays by b: read b earlier so the loop is exactly d */
            float v = g * ((1.0f - b) * read_at(k->buf[s], k->mask, k->w, d - b) +
                           b * read_at(k->buf[s], k->mask, k->w, d - b + 1.0f));
            v = ph_dsp_flush(v);
            k->buf[s][k->w] = v;
            y += v * k->fade[s];
        }
        k->w = (k->w + 1) & k->mask;
        out[i] = y;
    }
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
