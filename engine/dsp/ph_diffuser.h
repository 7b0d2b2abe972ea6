/* diffuser: the seed's Hadamard diffuser, written for Phonon. The input is spread over 8
 * channels and passes 4 steps; in each, every channel goes through a Schroeder all-pass
 * (delay d, coefficient g = 0.7 x diffusion: diffusion 0 is pure delays), the channels are
 * shuffled with polarity flips (a different pattern per step) and mixed by the orthonormal
 * 8-point Hadamard matrix. One click becomes thousands of closely spaced echoes over the
 * first ~25 ms, the front of a reverb. The delays are prime-like (the seed's 23 .. 149
 * samples at 44.1 kHz, times 1, 1.5, 2 and 3 per step, scaled to the rate). Every stage
 * keeps the 8 channels' energy; their sum, the output, carries about the input's energy (a
 * click of 1 becomes echoes whose squares sum to 1 within ~1 dB; the seed averages the
 * channels instead, much quieter). Conventions: dsp/ph_dsp.h; per-sample work
 * only, so any block partition gives the same output. */
#ifndef PH_DIFFUSER_H
#define PH_DIFFUSER_H

#include "dsp/ph_dsp.h"

#define PH_DIFF_CH 8
#define PH_DIFF_STEPS 4

typedef struct ph_diffuser {
    float *buf;                                /* one block: every line back to back */
    uint32_t len[PH_DIFF_STEPS][PH_DIFF_CH];   /* delay of each line, samples */
    uint32_t off[PH_DIFF_STEPS][PH_DIFF_CH];   /* its start in buf */
    uint32_t pos[PH_DIFF_STEPS][PH_DIFF_CH];   /* its write position */
} ph_diffuser;

int ph_diffuser_create(ph_diffuser *d, double sample_rate); /* [non-RT] 0 ok, -1 OOM */
void ph_diffuser_destroy(ph_diffuser *d);
/* diffusion 0..1 (clamped; NaN 0.5) */
void ph_diffuser_process(ph_diffuser *d, float *out, const float *in, const float *diffusion, uint32_t n,
                         uint64_t t0);

#endif
