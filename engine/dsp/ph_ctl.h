/* Control signals: smoothing, sample and hold, wrapping, envelope followers, the gate-driven
 * ASR envelope and the seed's one-shot ramps (line, xline, curve, segments).
 * Conventions: dsp/ph_dsp.h. Times are seconds; coefficients derived from them are taken
 * every control quantum at absolute indices, so outputs do not depend on block splits.
 *
 *   lag         time [0, 60]: one-pole smoothing, y += (x - y) * (1 - e^(-1/(time sr)));
 *               after `time` a step has covered 63 %. 0 passes the input through.
 *   onepole     cutoff [0, 0.45 sr] Hz: the same recurrence as a low-pass filter (6 dB per
 *               octave), y = k x + (1 - k) y, k = 1 - e^(-2 pi cutoff / sr); 0 holds the output.
 *   sample_hold trigger: holds the input sampled where the trigger rises through zero
 *               (previous <= 0, now > 0), the seed's rule; holds 0 before the first.
 *   wrap        lo, hi: the input folded into [lo, hi) periodically (the seed's); lo when
 *               the range is (nearly) empty.
 *   follow      attack, release [0, 60]: peak follower of |x| (max over channels): rises
 *               with time constant attack, falls with release (63 % after that time). The
 *               seed's peak_follower.
 *   rms         window [1 sample, 1 s]: sqrt of the mean of x^2 over the last window
 *               (exact running sum over prefix sums, any window at any time).
 *   asr         gate (> 0.5 = held), attack, release [0, 60]: linear rise to 1 while the
 *               gate is held, linear fall to 0 after, each from the current level (the
 *               seed's asr). Output 0..1.
 *   ramps       one-shot from the first sample a state sees (the seed's): line start end
 *               dur (linear), xline (exponential; linear when start and end differ in sign
 *               or start is 0), curve start end dur c (SuperCollider's curve: c = 0 linear,
 *               c > 0 slow then fast, c < 0 fast then slow), then hold the end value.
 *   segments    levels L0..Ln and times T1..Tn (set at create): linear from L0 to L1 in
 *               T1 s, then to L2 in T2 s ..., then hold Ln. */
#ifndef PH_CTL_H
#define PH_CTL_H

#include "dsp/ph_dsp.h"

typedef struct ph_lag {
    float y, coef, rate;
    int have;
} ph_lag;
void ph_lag_init(ph_lag *l, double sample_rate);
void ph_lag_process(ph_lag *l, float *out, const float *in, const float *time, uint32_t n, uint64_t t0);
/* onepole on lag's state (ph_lag_init); its coefficient for a cutoff, the one expression
 * of it (the fused lanes take it from here too). */
float ph_onepole_coef(float cutoff, float rate);
void ph_onepole_process(ph_lag *l, float *out, const float *in, const float *cutoff, uint32_t n, uint64_t t0);

typedef struct ph_hold {
    float held, last_trig;
} ph_hold;
void ph_hold_init(ph_hold *h);
void ph_hold_process(ph_hold *h, float *out, const float *in, const float *trig, uint32_t n, uint64_t t0);

void ph_wrap(float *out, const float *in, const float *lo, const float *hi, uint32_t n);

typedef struct ph_follow {
    float env, att, rel, rate;
    int have;
} ph_follow;
void ph_follow_init(ph_follow *f, double sample_rate);
/* level: |x| per sample (the caller takes the max over channels, or an rms). */
void ph_follow_process(ph_follow *f, float *out, const float *level, const float *attack, const float *release,
                       uint32_t n, uint64_t t0);

typedef struct ph_rms {
    double *sum;  /* prefix sums of x^2, a ring of `size` */
    uint32_t size, pos;
    float rate;
} ph_rms;
int ph_rms_create(ph_rms *r, double sample_rate); /* [non-RT] up to 1 s; 0 ok, -1 OOM */
void ph_rms_destroy(ph_rms *r);
void ph_rms_process(ph_rms *r, float *out, const float *in, const float *window, uint32_t n, uint64_t t0);

typedef struct ph_asr {
    float level, rate;
    int high;
} ph_asr;
void ph_asr_init(ph_asr *a, double sample_rate);
void ph_asr_process(ph_asr *a, float *out, const float *gate, const float *attack, const float *release, uint32_t n,
                    uint64_t t0);

typedef enum ph_ramp_shape { PH_RAMP_LINE, PH_RAMP_XLINE, PH_RAMP_CURVE } ph_ramp_shape;
typedef struct ph_ramp {
    ph_ramp_shape shape;
    uint64_t elapsed; /* samples since the first */
    float inv_rate;
} ph_ramp;
void ph_ramp_init(ph_ramp *r, double sample_rate, ph_ramp_shape shape);
/* curve may be NULL (0) except for PH_RAMP_CURVE. */
void ph_ramp_process(ph_ramp *r, float *out, const float *start, const float *end, const float *dur,
                     const float *curve, uint32_t n, uint64_t t0);
/* The value at time t seconds after the start (the kernel's formula). */
float ph_ramp_value(ph_ramp_shape shape, float start, float end, float dur, float curve, double t);

#define PH_SEGMENTS_MAX 32
typedef struct ph_segments {
    float level[PH_SEGMENTS_MAX + 1];
    uint64_t end[PH_SEGMENTS_MAX]; /* sample where segment k ends */
    uint32_t count;                /* segments */
    uint64_t elapsed;
} ph_segments;
/* levels: count + 1 values, times: count values (seconds, negative = 0). */
void ph_segments_init(ph_segments *s, double sample_rate, const float *levels, const float *times, uint32_t count);
void ph_segments_process(ph_segments *s, float *out, uint32_t n, uint64_t t0);

#endif
