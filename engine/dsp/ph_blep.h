/* Internal to engine/dsp: the PolyBLEP/PolyBLAMP residuals and the phase step shared by
 * the oscillators (ph_osc.c) and the synth voices (ph_voices.c). Not for other layers. */
#ifndef PH_BLEP_H
#define PH_BLEP_H

#include <math.h>
#include <stdint.h>

static inline double ph_blep_dt(float f, double inv_rate)
{
    double dt = (double)f * inv_rate;
    /* a NaN/Inf frequency stops the oscillator instead of poisoning its phase */
    return (dt == dt && fabs(dt) < 1e3) ? dt : 0.0;
}

/* A phase in [0, 1) moved by dt cycles (the double-phase sources: ph_blit, ph_fm, the
 * synth voices' LFOs; the oscillators use the fixed-point phase below). */
static inline double ph_blep_advance(double phase, double dt)
{
    phase += dt;
    /* |dt| < 1 almost always: one predictable compare instead of floor() per sample */
    if (phase >= 1.0) phase -= 1.0;
    else if (phase < 0.0) phase += 1.0;
    if (phase >= 1.0 || phase < 0.0) phase -= floor(phase); /* |freq| beyond the rate */
    return phase;
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

static inline double ph_blep_inv(double w) { return w > 0 ? 1.0 / w : 0.0; }

static inline double ph_blep_width(double dt)
{
    double w = fabs(dt);
    return w < 0.5 ? w : 0.5; /* the two corrections must not overlap */
}

/* ---- fixed-point phase (the oscillators of ph_osc.c and their lanes, ph_lanes_impl.h) ---
 * The phase is a uint32 (2^32 = one cycle) advanced by an integer step: exact, it wraps by
 * itself, and 8 lanes advance with one integer add. The step is the frequency to 2^-32 of
 * a cycle per sample (1.1e-5 Hz at 48 kHz). Read as a signed int32 the phase is the
 * distance from the step at 0 (t or t - 1), which is what the residuals need. */
#define PH_PHASE_ONE 4294967296.0 /* 2^32 */

typedef struct ph_phase_step {
    uint32_t inc;      /* phase step */
    uint32_t reg_step; /* a step's correction region: |distance| < this (2w or w) */
    uint32_t reg_ramp; /* a corner's (the tri's): |distance| < w */
    float iw;          /* 2^-32 / w: distance in samples = (float)(int32_t)phase * iw */
    float k8;          /* the tri's corner size, 8w */
    int four;          /* the 4-point residual (w < 0.25), else the 2-point one */
} ph_phase_step;

static inline uint32_t ph_phase_region(double cycles)
{
    double r = cycles * PH_PHASE_ONE;
    return r < 2147483647.0 ? (uint32_t)r : 2147483647u; /* so that 2r fits */
}

/* The step of frequency f (Hz); a pure function of f, so it is worked out on a change only. */
static inline ph_phase_step ph_phase_step_for(float f, double inv_rate)
{
    double dt = ph_blep_dt(f, inv_rate);
    double w = ph_blep_width(dt);
    ph_phase_step st;
    st.inc = (uint32_t)(int64_t)llrint((dt - floor(dt)) * PH_PHASE_ONE);
    st.four = w < 0.25;
    st.reg_step = ph_phase_region(st.four ? 2 * w : w);
    st.reg_ramp = ph_phase_region(w);
    st.iw = (float)(ph_blep_inv(w) / PH_PHASE_ONE);
    st.k8 = (float)(8.0 * w);
    return st;
}

/* Whether phase p is within r of the step at 0 (either side). */
static inline int ph_phase_near(uint32_t p, uint32_t r) { return (uint32_t)(p + r) < 2u * r; }

/* The 2-point residual at x samples from the step (|x| < 1). */
static inline float ph_blep2_poly(float x)
{
    return x >= 0 ? -0.5f * (1 - x) * (1 - x) : 0.5f * (1 + x) * (1 + x);
}

/* Residual of a unit step at phase 0 (saw, square): 0 outside its region. */
static inline float ph_phase_blep(uint32_t p, const ph_phase_step *st)
{
    if (!ph_phase_near(p, st->reg_step)) return 0.0f;
    float x = (float)(int32_t)p * st->iw;
    return st->four ? ph_blep4_poly(x) : ph_blep2_poly(x);
}

/* Residual of a unit slope change at phase 0 (the tri's corners). */
static inline float ph_phase_blamp(uint32_t p, const ph_phase_step *st)
{
    if (!ph_phase_near(p, st->reg_ramp)) return 0.0f;
    float r = 1 - fabsf((float)(int32_t)p * st->iw);
    return r * r * r * (1.0f / 6);
}

/* 2p - 1 of phase p (the naive saw), as a float. */
static inline float ph_phase_bipolar(uint32_t p) { return (float)(int32_t)(p ^ 0x80000000u) * 0x1p-31f; }

#endif
