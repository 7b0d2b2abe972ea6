/* Additive synthesis (conventions: dsp/ph_dsp.h): the seed's `additive freq "amplitudes"`.
 *
 *   out = sum_k a_k sin(2 pi k phase) / sum_k |a_k|,   k = 1 .. count (at most 32)
 *
 * Partial k is the k-th harmonic of freq with the fixed amplitude a_k (negative flips its
 * phase); dividing by the sum of the amplitudes keeps the peak at or below 1 (the seed's).
 * Band limit: a partial fades out as it nears Nyquist (full below 0.4 * rate, gone at 0.45),
 * so a glide or a high note never aliases and no partial switches off at once. The sines
 * come from one sine and cosine per sample by the Chebyshev recurrence. freq: Hz, any sign,
 * NaN counts as 0.
 *
 *     ph_additive a; ph_additive_init(&a, 48000, amps, 4);
 *     ph_additive_process(&a, out, freq, n, t0);
 */
#ifndef PH_ADDITIVE_H
#define PH_ADDITIVE_H

#include "dsp/ph_dsp.h"

#define PH_ADDITIVE_MAX 32

typedef struct ph_additive {
    float amp[PH_ADDITIVE_MAX]; /* already divided by the sum */
    uint32_t count;
    double phase, inv_rate;
    float rate;
} ph_additive;

/* count is clamped to 1 .. PH_ADDITIVE_MAX; NaN amplitudes count as 0; all zero: silence. */
void ph_additive_init(ph_additive *a, double sample_rate, const float *amps, uint32_t count);
void ph_additive_process(ph_additive *a, float *out, const float *freq, uint32_t n, uint64_t t0);

#endif
