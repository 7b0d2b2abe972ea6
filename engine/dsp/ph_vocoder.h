/* Channel vocoder: the modulator's spectral envelope imposed on the carrier. Conventions:
 * dsp/ph_dsp.h.
 *
 * `bands` (2..32, fixed at create) band-pass filters with centres spaced evenly in log
 * frequency from 100 Hz to 8 kHz (or 0.45 x the rate) split the modulator and the carrier
 * alike. Each is two ph_svf band-passes in series (peak gain 1, 24 dB/octave skirts, so a
 * band hears little of its neighbours' partials), Q = 0.65 / (sqrt r - 1 / sqrt r) each (r
 * the ratio of neighbouring centres; the pair is then about as wide as the spacing; at
 * least 0.5). Each modulator band's level (a peak
 * follower, 5 ms attack, 30 ms release) sets the gain of the carrier's band; the bands are
 * summed, times PH_VOCODER_GAIN. A silent modulator gives silence; a modulator with energy
 * only near f lets through only the carrier's partials near f.
 */
#ifndef PH_VOCODER_H
#define PH_VOCODER_H

#include "dsp/ph_dsp.h"
#include "dsp/ph_filter.h"

#define PH_VOCODER_MAX_BANDS 32
#define PH_VOCODER_GAIN 4.0f
#define PH_VOCODER_PIECE 64

typedef struct ph_vocoder {
    int bands;
    ph_svf mod[PH_VOCODER_MAX_BANDS][2], car[PH_VOCODER_MAX_BANDS][2];
    float env[PH_VOCODER_MAX_BANDS];
    float centre[PH_VOCODER_MAX_BANDS];
    float res, att, rel;
    float cut[PH_VOCODER_PIECE], rbuf[PH_VOCODER_PIECE], mb[PH_VOCODER_PIECE], cb[PH_VOCODER_PIECE];
} ph_vocoder;

void ph_vocoder_init(ph_vocoder *v, double sample_rate, int bands); /* bands clamped to 2..32 */
void ph_vocoder_process(ph_vocoder *v, float *out, const float *modulator, const float *carrier, uint32_t n,
                        uint64_t t0);

#endif
