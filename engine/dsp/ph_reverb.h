/* Reverb: Freeverb (Jezar's Schroeder/Moorer design: 8 damped feedback combs in
 * parallel, then 4 series all-passes, per channel; the right channel's lines are 23
 * samples longer for width). Line lengths are scaled from 44.1 kHz to the sample rate.
 * Conventions: dsp/ph_dsp.h.
 *
 * Parameters (per sample; room and damp are sampled every PH_CONTROL_QUANTUM samples):
 *   room  0..1  comb feedback 0.7 + 0.28 * room (tail: RT60 about 1.2 s at 0.5, 1.8 s at
 *               0.7 (measured in the test), 4 s at 0.9)
 *   damp  0..1  high-frequency damping inside the combs (0.4 * damp one-pole)
 *   mix   0..1  out = (1 - mix) * in + mix * wet   (may be NULL = 0.3)
 * Mono in; stereo out (outR may be NULL for a mono result = the left wet channel).
 * in may alias outL or outR.
 *
 *     ph_reverb *r = ph_reverb_create(48000);                 // [non-RT], NULL on OOM
 *     ph_reverb_process(r, outL, outR, in, room, damp, mix, n, t0);
 *     ph_reverb_destroy(r);                                    // [non-RT]
 */
#ifndef PH_REVERB_H
#define PH_REVERB_H

#include "dsp/ph_dsp.h"

typedef struct ph_reverb ph_reverb;

ph_reverb *ph_reverb_create(double sample_rate);
void ph_reverb_destroy(ph_reverb *r);
void ph_reverb_clear(ph_reverb *r); /* [RT] */
void ph_reverb_process(ph_reverb *r, float *outL, float *outR, const float *in,
                       const float *room, const float *damp, const float *mix, uint32_t n,
                       uint64_t t0);

#endif
