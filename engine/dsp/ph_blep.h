/* Internal to engine/dsp: the PolyBLEP/PolyBLAMP residuals and the phase step shared by
 * the oscillators (ph_osc.c) and the synth voices (ph_voices.c). Not for other layers. */
#ifndef PH_BLEP_H
#define PH_BLEP_H

#include <math.h>

/* The one sequential part of every oscillator: phase accumulation, wrapped to [0, 1). */
static inline double ph_blep_advance(double phase, double dt)
{
    phase += dt;
    /* |dt| < 1 almost always: one predictable compare instead of floor() per sample */
    if (phase >= 1.0) phase -= 1.0;
    else if (phase < 0.0) phase += 1.0;
    if (phase >= 1.0 || phase < 0.0) phase -= floor(phase); /* |freq| beyond the rate */
    return phase;
}

static inline double ph_blep_dt(float f, double inv_rate)
{
    double dt = (double)f * inv_rate;
    /* a NaN/Inf frequency stops the oscillator instead of poisoning its phase */
    return (dt == dt && fabs(dt) < 1e3) ? dt : 0.0;
}

/* The residuals below take iw = 1 / w (ph_blep_inv, worked out when the frequency
 * changes, not a division per sample) and evaluate their polynomials in float from the
 * offset x in samples (computed in double from the double phase): the same arithmetic as
 * the lane kernels (dsp/ph_lanes_impl.h), which must match them bit for bit. */
static inline double ph_blep_inv(double w) { return w > 0 ? 1.0 / w : 0.0; }

/* Residual of a unit step at phase 0 band-limited over +-1 sample (2-sample PolyBLEP):
 * t is the phase (0..1), w = |dt| the phase step per sample. */
static inline float ph_blep2(double t, double w, double iw)
{
    if (t < w) {
        float x = (float)(t * iw); /* samples after the step, 0..1 */
        return -0.5f * (1 - x) * (1 - x);
    }
    if (t > 1 - w) {
        float x = (float)((t - 1) * iw); /* samples before the step, -1..0 */
        return 0.5f * (1 + x) * (1 + x);
    }
    return 0.0f;
}

/* The 4-point polynomial at x samples from the step (|x| < 2). */
static inline float ph_blep4_poly(float x)
{
    float a = fabsf(x), r;
    if (a >= 1) {
        float b = 2 - a;
        r = b * b * b * b * (1.0f / 24);
    } else {
        r = 0.5f - a * (2.0f / 3) + a * a * a * (1.0f / 3) - a * a * a * a * 0.125f;
    }
    return x < 0 ? r : -r;
}

/* 4-point PolyBLEP: the step band-limited by a cubic B-spline spanning +-2 samples
 * (its integral minus the step). Used while the period is over 4 samples (w < 0.25). */
static inline float ph_blep4(double t, double w, double iw)
{
    double x;
    if (t < 2 * w) x = t * iw;                /* 0..2 samples after the step */
    else if (t > 1 - 2 * w) x = (t - 1) * iw; /* -2..0 samples before it */
    else return 0.0f;
    return ph_blep4_poly((float)x);
}

static inline float ph_blep_step(double t, double w, double iw)
{
    return w < 0.25 ? ph_blep4(t, w, iw) : ph_blep2(t, w, iw);
}

/* Residual of a unit slope change (ramp) at phase 0: the integral of blep, in samples. */
static inline float ph_blamp(double t, double w, double iw)
{
    double x;
    if (t < w) x = t * iw;
    else if (t > 1 - w) x = (1 - t) * iw;
    else return 0.0f;
    float r = 1 - (float)x;
    return r * r * r * (1.0f / 6);
}

static inline double ph_blep_width(double dt)
{
    double w = fabs(dt);
    return w < 0.5 ? w : 0.5; /* the two corrections must not overlap */
}

/* One band-limited saw sample at phase p with phase step w (= |dt|), iw = 1 / w. */
static inline float ph_blep_saw(double p, double w, double iw)
{
    return (float)(2.0 * p - 1.0) - 2.0f * ph_blep_step(p, w, iw);
}

#endif
