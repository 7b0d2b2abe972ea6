/* Delay line with feedback (conventions: dsp/ph_dsp.h).
 *
 *   y[t] = w[t - d]            d = time * sr, 4-point Hermite interpolation (linear
 *                              when `linear` is set: SuperCollider's DelayL, cheaper, a
 *                              little duller at fractional times), d clamped to
 *                              [2 samples, max_seconds * sr]
 *   w[t] = x[t] + fb * y[t]    (what goes into the line; fb clamped to [-0.995, 0.995],
 *                               sanitised so a NaN input never sticks in the line)
 *   out  = x[t] + mix * y[t]   dry plus echoes
 * An impulse gives the dry impulse, then echoes at d, 2d, 3d ... with gains
 * mix, mix*fb, mix*fb^2 ... (DC gain of the echoes: mix / (1 - fb)).
 *
 *     ph_delay d;
 *     if (ph_delay_create(&d, 48000, 2.0) != 0) error;   // [non-RT] up to 2 s
 *     ph_delay_process(&d, out, in, time, fb, mix, n, t0); // time s, fb, mix (NULL = 0.5)
 *     ph_delay_destroy(&d);                               // [non-RT]
 *
 * The line is also the building block for chorus and for the graph's feedback buses.
 */
#ifndef PH_DELAY_H
#define PH_DELAY_H

#include <stdbool.h>

#include "dsp/ph_dsp.h"

typedef struct ph_delay {
    float *buf;
    uint32_t mask; /* size - 1, size a power of two */
    uint32_t w;    /* next write index */
    float rate;
    float max_samples;
    bool linear; /* linear interpolation (set after create; Hermite by default) */
} ph_delay;

/* 0 on success, -1 when out of memory or max_seconds is not a positive finite number
 * (at most 60 s). */
int ph_delay_create(ph_delay *d, double sample_rate, double max_seconds);
void ph_delay_destroy(ph_delay *d);
void ph_delay_clear(ph_delay *d); /* [RT] silence the line */

void ph_delay_process(ph_delay *d, float *out, const float *in, const float *time,
                      const float *feedback, const float *mix, uint32_t n, uint64_t t0);

/* The 4-point Hermite interpolation at fraction f between x0 (D samples back) and x1 (one
 * older); xm1 is one newer, x2 two older. The one expression of every read of the line. */
static inline float ph_delay_hermite(float xm1, float x0, float x1, float x2, float f)
{
    float c1 = 0.5f * (x1 - xm1);
    float c2 = xm1 - 2.5f * x0 + 2.0f * x1 - 0.5f * x2;
    float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
    return ((c3 * f + c2) * f + c1) * f + x0;
}

/* The linear interpolation at fraction f between x0 (D samples back) and x1 (one older). */
static inline float ph_delay_linear(float x0, float x1, float f) { return x0 + f * (x1 - x0); }

/* A steady block's constants (time, feedback and mix constant over it), as the kernel works
 * them out: read D + f samples back, feedback fb, mix mx. False when the line is too short
 * for reads that never see the block's own writes (then only ph_delay_process will do). */
typedef struct ph_delay_steady {
    uint32_t D;
    float f, fb, mx;
    bool linear; /* the line's interpolation */
    bool whole;  /* f is 0: either interpolation gives x0 itself (the line never holds a -0,
                  * its writes being flushed), so a read is a plain copy */
} ph_delay_steady;
bool ph_delay_steady_for(const ph_delay *d, float time, float feedback, float mix, uint32_t max_n,
                         ph_delay_steady *out);

/* Reads the line `samples` (>= 2, <= max) back from the next write position without
 * moving it; for kernels built on the line (chorus). */
float ph_delay_read(const ph_delay *d, float samples);
/* Writes one sample and advances. */
static inline void ph_delay_write(ph_delay *d, float x)
{
    d->buf[d->w] = x;
    d->w = (d->w + 1) & d->mask;
}

#endif
