/* soft_saw: the seed's soft_saw_hz (fundsp's soft saw), written for Phonon: every harmonic
 * of the frequency at 1/k^2 of the fundamental (it falls off like a triangle's, but has the
 * even harmonics too). Summed in closed form: sum cos(k x)/k^2 over k >= 1 is the parabola
 * pi^2/6 - pi x/2 + x^2/4 on [0, 2 pi], so with the phase p in [0, 1) the wave is
 * 6 p^2 - 6 p + 1 (peak 1 at the wrap, -0.5 at mid-cycle, mean 0). Its one corner, at the
 * wrap, is band-limited with a two-sample PolyBLAMP. Conventions: dsp/ph_dsp.h; the phase
 * starts at 0 on the first sample a state sees, so any block partition gives the same
 * output. Frequency: Hz per sample, negative runs backwards (the wave is symmetric),
 * NaN/Inf or beyond +-1000 x the rate stops it. */
#ifndef PH_SOFTSAW_H
#define PH_SOFTSAW_H

#include "dsp/ph_dsp.h"

typedef struct ph_softsaw {
    double phase, inv_rate;
} ph_softsaw;

void ph_softsaw_init(ph_softsaw *s, double sample_rate);
void ph_softsaw_process(ph_softsaw *s, float *out, const float *freq, uint32_t n, uint64_t t0);

#endif
