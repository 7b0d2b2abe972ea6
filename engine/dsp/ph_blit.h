/* Band-limited impulse trains (conventions: dsp/ph_dsp.h): the seed's `impulse` and `blip`.
 *
 * Both are sums of the harmonics of freq up to Nyquist, worked out in closed form (the
 * Dirichlet kernel: sum_{k=1..N} cos(k x) = sin((N + 1/2) x) / (2 sin(x / 2)) - 1/2), so
 * the cost does not grow with the number of harmonics. The top harmonic fades in and out
 * with the fractional part of Nyquist / freq, so a glide never switches a harmonic on or
 * off at once (no clicks), and nothing lies above Nyquist (no aliasing).
 *
 *   impulse  the band-limited version of the seed's train of one-sample 1s: DC f/rate and
 *            every harmonic at 2 f/rate, i.e. each period's pulse has area 1 (one sample
 *            of 1) and peaks near 1, and its spectrum below Nyquist is the naive train's;
 *            useful as a click or to excite filters and combs (`impulse 4 # lpf 80`).
 *   blip     the seed's blip: sum_{k=1..N} cos(2 pi k phase) / N -- no DC, peak 1.
 *
 * freq: Hz, clamped to [0, 0.45 * rate] (0 stops the train, NaN counts as 0). Phase 0 (a
 * pulse) at the first sample.
 *
 *     ph_blit b; ph_blit_init(&b, 48000);
 *     ph_impulse_process(&b, out, freq, n, t0);
 *     ph_blip_process(&b, out, freq, n, t0);
 */
#ifndef PH_BLIT_H
#define PH_BLIT_H

#include "dsp/ph_dsp.h"

typedef struct ph_blit {
    double phase;
    double inv_rate;
    float rate;
} ph_blit;

void ph_blit_init(ph_blit *b, double sample_rate);
void ph_impulse_process(ph_blit *b, float *out, const float *freq, uint32_t n, uint64_t t0);
void ph_blip_process(ph_blit *b, float *out, const float *freq, uint32_t n, uint64_t t0);

#endif
