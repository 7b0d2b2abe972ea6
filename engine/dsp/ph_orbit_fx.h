/* An orbit's effects: SuperDirt's global effects of one orbit, what the voices' `room`
 * and `delay` sends feed (conventions: dsp/ph_dsp.h).
 *
 *   reverb  Freeverb (ph_reverb.h), mono in, stereo wet out. `size` is its decay time
 *           in seconds (Strudel's roomsize; RT60, within 20 % from 1 to 4 s), reachable
 *           from about 0.5 s to 8 s (clamped) [2]; damping 0.5.
 *   delay   a stereo feedback delay, wet only: echoes at d, 2d ... with gains 1, fb,
 *           fb^2 ...; `delaytime` in seconds (0.001 .. 4) glides there over ~20 ms, so a
 *           change does not click; `delayfeedback` 0 .. 0.98 [0.5].
 * out = reverb wet + delay wet (stereo).
 *
 * Idle: at an absolute multiple of PH_ORBIT_IDLE_BLOCK samples, once there has been no
 * input and the output has stayed below 1e-7 for longer than the delay time plus 0.1 s
 * (so every sample in the lines has come out below that), the lines are cleared and the
 * effect renders nothing until an input sample is non-zero. A cleared line fed zeros
 * gives exact zeros whatever its position, so skipping those samples changes nothing, and
 * the decision is taken at absolute sample indices from per-sample counts, so the output
 * is bit-identical for any block split.
 *
 *     ph_orbit_fx *o = ph_orbit_fx_create(48000);                  // [non-RT]
 *     ph_orbit_fx_set(o, 2.0f, 0.375f, 0.5f);                     // [RT] from the next sample
 *     ph_orbit_fx_process(o, outL, outR, room, dl, dr, n, t0);     // [RT]
 */
#ifndef PH_ORBIT_FX_H
#define PH_ORBIT_FX_H

#include <stdbool.h>

#include "dsp/ph_dsp.h"

#define PH_ORBIT_IDLE_BLOCK 128u
#define PH_ORBIT_DELAY_MAX_SECONDS 4.0

typedef struct ph_orbit_fx ph_orbit_fx;

ph_orbit_fx *ph_orbit_fx_create(double sample_rate);
void ph_orbit_fx_destroy(ph_orbit_fx *o);
/* Reverb decay (s), delay time (s) and feedback, each clamped as above; NaN keeps the
 * current value. */
void ph_orbit_fx_set(ph_orbit_fx *o, float size, float delay_time, float feedback);
/* Overwrites outL/outR (n samples) with the wet sum of the sends room (mono) and dl/dr. */
void ph_orbit_fx_process(ph_orbit_fx *o, float *outL, float *outR, const float *room, const float *dl,
                         const float *dr, uint32_t n, uint64_t t0);
/* For tests: true while the effect is idle. */
bool ph_orbit_fx_idle(const ph_orbit_fx *o);

#endif
