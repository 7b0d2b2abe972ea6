/* Band-limited oscillators (PolyBLEP / PolyBLAMP) and seeded noise. */
#include "dsp/ph_osc.h"

void ph_osc_init(ph_osc *o, double sample_rate, double phase0)
{
    o->inv_rate = sample_rate > 0 ? 1.0 / sample_rate : 1.0 / 48000.0;
    ph_osc_reset(o, phase0);
}

void ph_osc_reset(ph_osc *o, double phase)
{
    if (!isfinite(phase)) phase = 0;
    o->phase = phase - floor(phase);
}

/* The one sequential part of every oscillator: phase accumulation, wrapped to [0, 1). */
static inline double advance(double phase, double dt)
{
    phase += dt;
    /* |dt| < 1 almost always: one predictable compare instead of floor() per sample */
    if (phase >= 1.0) phase -= 1.0;
    else if (phase < 0.0) phase += 1.0;
    if (phase >= 1.0 || phase < 0.0) phase -= floor(phase); /* |freq| beyond the rate */
    return phase;
}

static inline double sane_dt(float f, double inv_rate)
{
    double dt = (double)f * inv_rate;
    /* a NaN/Inf frequency stops the oscillator instead of poisoning its phase */
    return (dt == dt && fabs(dt) < 1e3) ? dt : 0.0;
}

/* Residual of a unit step at phase 0 band-limited over +-1 sample (2-sample PolyBLEP):
 * t is the phase (0..1), w = |dt| the phase step per sample. */
static inline float blep(double t, double w)
{
    if (t < w) {
        double x = t / w; /* samples after the step, 0..1 */
        return (float)(-0.5 * (1 - x) * (1 - x));
    }
    if (t > 1 - w) {
        double x = (t - 1) / w; /* samples before the step, -1..0 */
        return (float)(0.5 * (1 + x) * (1 + x));
    }
    return 0.0f;
}

/* 4-point PolyBLEP: the step band-limited by a cubic B-spline spanning +-2 samples
 * (its integral minus the step). Used while the period is over 4 samples (w < 0.25). */
static inline float blep4(double t, double w)
{
    double x;
    if (t < 2 * w) x = t / w;                /* 0..2 samples after the step */
    else if (t > 1 - 2 * w) x = (t - 1) / w; /* -2..0 samples before it */
    else return 0.0f;
    double a = fabs(x), r;
    if (a >= 1) {
        double b = 2 - a;
        r = b * b * b * b / 24.0;
    } else {
        r = 0.5 - 2 * a / 3 + a * a * a / 3 - a * a * a * a / 8;
    }
    return (float)(x < 0 ? r : -r);
}

static inline float blep_auto(double t, double w) { return w < 0.25 ? blep4(t, w) : blep(t, w); }

/* Residual of a unit slope change (ramp) at phase 0: the integral of blep, in samples. */
static inline float blamp(double t, double w)
{
    double x;
    if (t < w) x = t / w;
    else if (t > 1 - w) x = (1 - t) / w;
    else return 0.0f;
    double r = 1 - x;
    return (float)(r * r * r / 6.0);
}

static inline double blep_width(double dt)
{
    double w = fabs(dt);
    return w < 0.5 ? w : 0.5; /* the two corrections must not overlap */
}

void ph_osc_sine(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    double p = o->phase;
    for (uint32_t i = 0; i < n; i++) {
        double dt = sane_dt(freq[i], o->inv_rate);
        out[i] = (float)p; /* phase first, shaped below in a vectorisable loop */
        p = advance(p, dt);
    }
    o->phase = p;
    for (uint32_t i = 0; i < n; i++) out[i] = ph_dsp_sin2pi(out[i]);
}

void ph_osc_saw(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    double p = o->phase;
    for (uint32_t i = 0; i < n; i++) {
        double dt = sane_dt(freq[i], o->inv_rate);
        double w = blep_width(dt);
        /* the saw falls by 2 at phase 0 */
        out[i] = (float)(2.0 * p - 1.0) - 2.0f * blep_auto(p, w);
        p = advance(p, dt);
    }
    o->phase = p;
}

void ph_osc_saw_naive(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    double p = o->phase;
    for (uint32_t i = 0; i < n; i++) {
        out[i] = (float)(2.0 * p - 1.0);
        p = advance(p, sane_dt(freq[i], o->inv_rate));
    }
    o->phase = p;
}

void ph_osc_square(ph_osc *o, float *out, const float *freq, const float *pw, uint32_t n,
                   uint64_t t0)
{
    (void)t0;
    double p = o->phase;
    for (uint32_t i = 0; i < n; i++) {
        double dt = sane_dt(freq[i], o->inv_rate);
        double w = blep_width(dt);
        double d = pw ? (double)ph_dsp_clampf(pw[i], 0.01f, 0.99f) : 0.5;
        if (!(d == d)) d = 0.5;
        double q = p - d; /* phase relative to the falling edge */
        q -= floor(q);
        float v = p < d ? 1.0f : -1.0f;
        /* rises by 2 at phase 0, falls by 2 at phase d */
        out[i] = v + 2.0f * blep_auto(p, w) - 2.0f * blep_auto(q, w);
        p = advance(p, dt);
    }
    o->phase = p;
}

void ph_osc_tri(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0)
{
    (void)t0;
    double p = o->phase;
    for (uint32_t i = 0; i < n; i++) {
        double dt = sane_dt(freq[i], o->inv_rate);
        double w = blep_width(dt);
        double q = p + 0.5;
        q -= floor(q);
        /* -1 at phase 0, +1 at 0.5; slope +-4 per cycle = 4|dt| per sample, so the corner
         * at 0 turns the slope up by 8|dt| and the corner at 0.5 turns it down by 8|dt| */
        float naive = (float)(4.0 * fabs(p - 0.5) - 1.0);
        float k = (float)(8.0 * w);
        out[i] = -naive + k * (blamp(p, w) - blamp(q, w));
        p = advance(p, dt);
    }
    o->phase = p;
}

void ph_noise_init(ph_noise *s, ph_noise_color color, uint32_t seed)
{
    ph_rng_seed(&s->rng, seed);
    s->color = color;
    for (int i = 0; i < 7; i++) s->b[i] = 0;
}

void ph_noise_process(ph_noise *s, float *out, const float *gain, uint32_t n, uint64_t t0)
{
    (void)t0;
    float *b = s->b;
    switch (s->color) {
    case PH_NOISE_WHITE:
        for (uint32_t i = 0; i < n; i++) out[i] = ph_rng_bipolar(&s->rng);
        break;
    case PH_NOISE_PINK:
        /* Paul Kellet's refined pink filter: 7 one-pole sections, accurate to +-0.05 dB
         * above 9.2 Hz at 44.1 kHz; 0.11 brings the sum to about +-1. */
        for (uint32_t i = 0; i < n; i++) {
            float w = ph_rng_bipolar(&s->rng);
            b[0] = 0.99886f * b[0] + w * 0.0555179f;
            b[1] = 0.99332f * b[1] + w * 0.0750759f;
            b[2] = 0.96900f * b[2] + w * 0.1538520f;
            b[3] = 0.86650f * b[3] + w * 0.3104856f;
            b[4] = 0.55000f * b[4] + w * 0.5329522f;
            b[5] = -0.7616f * b[5] - w * 0.0168980f;
            out[i] = (b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + w * 0.5362f) * 0.11f;
            b[6] = w * 0.115926f;
        }
        break;
    case PH_NOISE_BROWN:
        /* leaky integrator; the leak keeps it centred; 1.6 gives rms 0.3, peaks about +-1 */
        for (uint32_t i = 0; i < n; i++) {
            b[0] = 0.998f * b[0] + 0.02f * ph_rng_bipolar(&s->rng);
            out[i] = b[0] * 1.6f;
        }
        break;
    }
    if (gain)
        for (uint32_t i = 0; i < n; i++) out[i] *= gain[i];
}
