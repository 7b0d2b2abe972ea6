/* Envelope follower: the level of a signal as a 0.. control signal (side-chain ducking
 * from a pattern: `in * (1 - (s "bd*4" # follow 0.005 0.15))`).
 *
 * The level is the peak of |x| over the channels, followed by a one-pole that rises with
 * the attack time and falls with the release time (seconds to ~63%). Coefficients are
 * recomputed at absolute multiples of PH_CONTROL_QUANTUM (ph_dsp.h), so the output is
 * identical for any block split. Output is finite and >= 0 for any input. */
#ifndef PH_FOLLOW_H
#define PH_FOLLOW_H

#include <stdbool.h>
#include <stdint.h>

typedef struct ph_follow {
    double rate;
    float env;
    float ka, kr; /* per-sample coefficients, 1 - exp(-1 / (time * rate)) */
    bool started;
} ph_follow;

void ph_follow_init(ph_follow *f, double rate);
/* in_r may be NULL (mono). attack and release: seconds per sample, may be NULL (0.01,
 * 0.1); clamped to 0.0001 .. 10. */
void ph_follow_process(ph_follow *f, float *out, const float *in_l, const float *in_r, const float *attack,
                       const float *release, uint32_t n, uint64_t t0);

#endif
