/* Plate reverb after Jon Dattorro, "Effect Design, Part 1: Reverberator and Other Filters"
 * (J. Audio Eng. Soc. 45(9), 1997): a pre-delay, four input diffusers, and a "figure of
 * eight" tank of two halves (modulated all-pass, delay, damping low-pass, decay gain,
 * all-pass, delay, decay gain), each half feeding the other; the stereo outputs are the
 * paper's seven signed taps per side. Line lengths are the paper's (at 29761 Hz), scaled to
 * the sample rate. Conventions: dsp/ph_dsp.h.
 *
 * Parameters, the seed's order (p[0..5]), all per sample, taken every quantum:
 *   pre_delay  ms [0, 500]
 *   decay      RT60 in seconds [0.1, 30]: each tank segment of length s gets the gain
 *              10^(-3 s / decay), so the tail falls 60 dB in `decay` seconds (with damping 0;
 *              damping shortens the high end)
 *   diffusion  [0, 1] (0.7): the diffusers' gains, the paper's at 0.7
 *   damping    [0, 1] (0.3): the tank low-pass, y += (x - y) * (1 - 0.8 damping)
 *   mod_depth  [0, 1] (0.3): the tank all-passes swing +-16 paper samples at 1 Hz and 0.7 Hz
 *   mix        [0, 1] (0.5): out = dry * (1 - mix) + wet * mix
 * Mono in (the caller sums a stereo input), stereo out.
 */
#ifndef PH_PLATE_H
#define PH_PLATE_H

#include "dsp/ph_delay.h"
#include "dsp/ph_dsp.h"

enum { PH_PLATE_LINES = 13 };

typedef struct ph_plate {
    ph_delay line[PH_PLATE_LINES]; /* pre-delay, 4 diffusers, 8 tank lines */
    float len[PH_PLATE_LINES];     /* lengths in samples at this rate */
    float damp[2];                 /* the halves' low-pass states */
    float gain[4];                 /* decay gains of the four tank segments */
    double lfo;                    /* 0..1 */
    float scale, inv_rate;
    int have;
} ph_plate;

int ph_plate_create(ph_plate *p, double sample_rate); /* [non-RT] 0 ok, -1 OOM */
void ph_plate_destroy(ph_plate *p);
void ph_plate_process(ph_plate *p, float *outL, float *outR, const float *in, const float *const prm[6],
                      uint32_t n, uint64_t t0);

#endif
