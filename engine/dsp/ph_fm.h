/* Two-operator frequency and phase modulation (conventions: dsp/ph_dsp.h): the seed's
 * `fm` and `pm`.
 *
 *   fm:  out = sin(2 pi pc + I sin(2 pi pm))   carrier phase pc at carrier Hz, modulator
 *        phase pm at modulator Hz, index I in radians (the peak phase deviation).
 *   pm:  out = sin(2 pi pc + I m[t])            m an external signal (bipolar).
 *
 * Band limit. A sine modulator at fm Hz with index I puts sidebands at fc +- k fm with
 * amplitudes J_k(I); the ones past Nyquist fold back as inharmonic aliases. fm therefore
 * lowers the index, where needed, so that the first sideband past Nyquist (k = the number
 * that fit, plus one) is at most J_k(I) = 0.01 (-40 dB of the whole tone): I <= 2 (0.01
 * k!)^(1/k) (from J_k(I) <= (I/2)^k / k!). Low tones keep their index (the limit is past
 * 10 while 20 sidebands fit); at high pitches the tone gets purer instead of aliasing.
 * pm cannot know its modulator's spectrum, so it limits the instantaneous frequency
 * instead: the phase may move at most 0.45 cycles a sample (past that a sine cannot be
 * told from its alias anyway), and the modulation signal is clamped to +-16.
 * The index is clamped to [0, 100] for fm (the seed: >= 0) and [-100, 100] for pm;
 * NaN parameters count as 0. Frequencies may be negative (the phase runs backwards).
 *
 *     ph_fm o; ph_fm_init(&o, 48000);
 *     ph_fm_process(&o, out, carrier, modulator, index, n, t0);
 *     ph_pm_process(&o, out, carrier, mod_signal, index, n, t0);
 */
#ifndef PH_FM_H
#define PH_FM_H

#include "dsp/ph_dsp.h"

typedef struct ph_fm {
    double pc, pm; /* carrier and modulator phases, 0..1 */
    double inv_rate;
    float rate;
    float last_pm; /* pm: the previous phase offset (cycles), for the frequency limit */
    float lim_c, lim_m, lim; /* fm: the index limit and the frequencies it is for */
} ph_fm;

void ph_fm_init(ph_fm *o, double sample_rate);
void ph_fm_process(ph_fm *o, float *out, const float *carrier, const float *modulator, const float *index,
                   uint32_t n, uint64_t t0);
void ph_pm_process(ph_fm *o, float *out, const float *carrier, const float *mod, const float *index, uint32_t n,
                   uint64_t t0);
/* The index fm uses for these frequencies and requested index (for tests and docs). */
float ph_fm_index_limit(float rate, float carrier, float modulator, float index);

#endif
