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

/* Karplus-Strong plucked string (the seed's `pluck freq [damping]`): a noise burst
 * circulating in a delay line of one period through a low-pass,
 *     y[t] = g * ((1 - s) y[t - D + s] + s y[t - D + s - 1]),   D = rate / freq (fractional, Hermite)
 * so the pitch is freq exactly (the filter's delay s is inside D) and the highs die first.
 * s is the classic 1/2 (the two-point average) unless that would kill a high note's
 * fundamental faster than wanted; g sets how long it rings: the fundamental falls 60 dB in
 * 6 s * 0.05^damping (6 s at damping 0, 1.3 s at 0.5, 0.3 s at 1; the seed: 0 long .. 1
 * short), at any pitch. Both worked out every 16 samples. freq 20 Hz .. rate / 3.
 * A trigger (trig[i] > 0) plucks: the string fills with a new burst at the frequency of
 * that sample, while the previous pluck, on a second string, is damped over 10 ms (no
 * click, no cut-off ring); with no trigger buffer the first sample plucks once. A burst
 * depends only on the seed and the sample it starts at (not on earlier plucks). Between
 * plucks a moving freq bends the string (the delay glides over 5 ms). */
typedef struct ph_pluck {
    float *buf[2];
    uint32_t mask, w;
    float rate, max_d, glide;
    float d[2];       /* each string's delay now */
    float fade[2];    /* each string's level: 1, or falling to 0 after a new pluck */
    float g[2], s[2]; /* loop gain per pass and the low-pass's weight */
    float fade_step;
    int cur;          /* the string of the latest pluck */
    int started;
    uint32_t seed;
    ph_rng rng;       /* reseeded at each pluck from the seed and the pluck's sample */
} ph_pluck;

int ph_pluck_create(ph_pluck *k, double sample_rate, uint32_t seed);
void ph_pluck_destroy(ph_pluck *k);
/* trig may be NULL (pluck once, at the first sample). */
void ph_pluck_process(ph_pluck *k, float *out, const float *freq, const float *damping, const float *trig, uint32_t n,
                      uint64_t t0);

typedef struct ph_allpass1 {
    float x1, y1;
} ph_allpass1;

void ph_allpass1_init(ph_allpass1 *a);
void ph_allpass1_process(ph_allpass1 *a, float *out, const float *in, const float *coef, uint32_t n, uint64_t t0);

#endif
