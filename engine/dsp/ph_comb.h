/* Comb and first-order all-pass (conventions: dsp/ph_dsp.h), the seed's `comb` and
 * `allpass`.
 *
 * Comb: a feedback comb tuned by frequency,
 *     y[t] = x[t] + fb * y[t - D],   D = rate / freq samples
 * so its resonances sit at freq and its multiples, each peaking at 1 / (1 - fb) (a
 * plucked-string or metallic ring from an impulse; with noise, a pitched hiss). freq is
 * clamped to [20, 0.45 * rate] Hz, fb to [-0.999, 0.999] (the seed: 0 .. 0.99; a negative
 * fb puts the peaks at the odd multiples of freq / 2). D is fractional (4-point Hermite
 * read), and it glides to a new value with a 5 ms one-pole, so a stepped frequency bends
 * instead of clicking (the seed rounded D and jumped). The line is sized for 20 Hz when
 * created; fb and what comes back are sanitised, so a NaN input never sticks.
 *
 * All-pass: the seed's first-order section with coefficient g,
 *     y[t] = g * (x[t] - y[t-1]) + x[t-1]
 * gain 1 at every frequency, phase 0 at DC to -180 degrees at Nyquist, -90 degrees where
 * cos(w) = g ... (the phase turns at f = rate/(2 pi) * acos(g)); g clamped to
 * [-0.999, 0.999] (at +-1 it stops being a filter).
 *
 *     ph_comb c; if (ph_comb_create(&c, 48000) != 0) error;   // [non-RT]
 *     ph_comb_process(&c, out, in, freq, fb, n, t0);
 *     ph_comb_destroy(&c);                                   // [non-RT]
 */
#ifndef PH_COMB_H
#define PH_COMB_H

#include "dsp/ph_dsp.h"

#define PH_COMB_MIN_HZ 20.0f

typedef struct ph_comb {
    float *buf;
    uint32_t mask, w;
    float rate, max_d;
    float d;      /* the delay now (samples), gliding to its target */
    float glide;  /* one-pole coefficient per sample */
    int started;
} ph_comb;

int ph_comb_create(ph_comb *c, double sample_rate);
void ph_comb_destroy(ph_comb *c);
void ph_comb_process(ph_comb *c, float *out, const float *in, const float *freq, const float *fb, uint32_t n,
                     uint64_t t0);

typedef struct ph_allpass1 {
    float x1, y1;
} ph_allpass1;

void ph_allpass1_init(ph_allpass1 *a);
void ph_allpass1_process(ph_allpass1 *a, float *out, const float *in, const float *coef, uint32_t n, uint64_t t0);

#endif
