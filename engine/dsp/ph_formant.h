/* Formant filters (conventions: dsp/ph_dsp.h): the seed's `formant` and `vowel`.
 *
 * formant: three band-passes in parallel at f1 f2 f3 with bandwidths bw1 bw2 bw3 (Hz), each
 * with gain Q = f / bw at its centre (the seed's Chamberlin band outputs), summed and
 * scaled by 1/4 (the seed: 1/2, which took a full-scale saw's peaks to +6 dB; here a saw
 * keeps about half its level) -- a source rich in harmonics (saw, pulse, noise) comes out
 * sounding like a vowel.
 * f1, f2 clamped to [50, 5000] Hz, f3 to [50, 10000] (and below 0.49 * rate), bandwidths to
 * [10, 1000] Hz (the seed's ranges), Q to [0.5, 100]; NaN -> the middle of a vowel "a".
 * The band-passes are the stable state-variable form (ph_rbj.h): sweeping formants is fine.
 *
 * vowel: formant with the seed's male-voice table, selected by a number: 0 a (730 1090
 * 2440 Hz), 1 e (530 1840 2480), 2 i (270 2290 3010), 3 o (570 840 2410), 4 u (300 870
 * 2240), bandwidths 60 80 100 Hz. Between whole numbers the formants glide from one vowel to
 * the next (2.5 is halfway from i to o), so a signal morphs the vowel; clamped to [0, 4].
 *
 * Not in place (out must not be in).
 *
 *     ph_formant f; ph_formant_init(&f, 48000);
 *     ph_formant_process(&f, out, in, f1, f2, f3, bw1, bw2, bw3, n, t0);
 *     ph_vowel_process(&f, out, in, vowel, n, t0);
 */
#ifndef PH_FORMANT_H
#define PH_FORMANT_H

#include "dsp/ph_rbj.h"

typedef struct ph_formant {
    ph_rbj band[3];
    float rate;
    float f[3][PH_CONTROL_QUANTUM], q[3][PH_CONTROL_QUANTUM]; /* one quantum's parameters */
    float tmp[PH_CONTROL_QUANTUM];
} ph_formant;

void ph_formant_init(ph_formant *f, double sample_rate);
void ph_formant_process(ph_formant *f, float *out, const float *in, const float *f1, const float *f2, const float *f3,
                        const float *bw1, const float *bw2, const float *bw3, uint32_t n, uint64_t t0);
void ph_vowel_process(ph_formant *f, float *out, const float *in, const float *vowel, uint32_t n, uint64_t t0);

#endif
