/* Dynamics: a look-ahead limiter and expanders (the compressor is ph_comp in ph_fx.h).
 * Conventions: dsp/ph_dsp.h.
 *
 * Limiter (ceiling linear [0.001, 4], release s [0.001, 10]; look-ahead L samples fixed at
 * create). The gain a sample needs is g = min(1, ceiling / |x|) (|x| the larger of the two
 * channels: both get the same gain, so the image does not move). Its minimum over the last L
 * samples, averaged over the last L samples again, gives a gain that has fully come down
 * when the sample that needed it leaves the L - 1 sample delay, ramping down over L samples
 * instead of jumping (a boxcar of a running minimum: no overshoot, no click). Recovery follows
 * a one-pole with the release time, never above that gain. So the output never exceeds the
 * ceiling (a last clamp catches float rounding and a ceiling lowered mid-flight). The output
 * is the input delayed by L - 1 samples.
 *
 * Expander (threshold dB, ratio [1, 10], attack, release s; a peak detector as ph_comp's):
 *   upward (the seed's expander): above the threshold the gain rises by (level - thr) *
 *     (ratio - 1) dB, at most +24 dB;
 *   downward (noisegate): below the threshold the gain falls by (thr - level) * (ratio - 1)
 *     dB, at most -80 dB: a ratio of 10 or more is a gate.
 */
#ifndef PH_DYN_H
#define PH_DYN_H

#include <stdbool.h>

#include "dsp/ph_dsp.h"

typedef struct ph_limiter {
    uint32_t look;    /* L */
    float *line[2];   /* the input, a ring of L per channel */
    float *box;       /* the running minimum's last L values */
    float *dq_val;    /* monotonic deque of the running minimum: values and their sample */
    uint64_t *dq_at;
    uint32_t dq_head, dq_len, pos;
    uint64_t count;
    double box_sum;
    float gain, rel, rate;
    int have;
} ph_limiter;
/* [non-RT] look-ahead seconds [0, 0.05] (at least one sample); 0 ok, -1 OOM. */
int ph_limiter_create(ph_limiter *l, double sample_rate, double lookahead);
void ph_limiter_destroy(ph_limiter *l);
/* inR/outR NULL: mono. */
void ph_limiter_process(ph_limiter *l, float *outL, float *outR, const float *inL, const float *inR,
                        const float *ceiling, const float *release, uint32_t n, uint64_t t0);

typedef struct ph_expander {
    float env, att, rel, rate, thr, ratio;
    bool upward;
    int have;
} ph_expander;
void ph_expander_init(ph_expander *e, double sample_rate, bool upward);
/* key may be NULL (the input is detected). */
void ph_expander_process(ph_expander *e, float *out, const float *in, const float *key, const float *threshold_db,
                         const float *ratio, const float *attack, const float *release, uint32_t n, uint64_t t0);
/* The static curve: gain in dB for a steady level in dB. */
float ph_expander_gain_db(bool upward, float level_db, float threshold_db, float ratio);

#endif
