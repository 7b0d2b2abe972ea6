/* Effects and signal helpers (conventions: dsp/ph_dsp.h). All take per-sample parameter
 * buffers; stateless ones need no init and have no t0.
 *
 * Stateless, vectorisable:
 *   ph_gain     out = in * gain
 *   ph_pan      mono -> stereo, equal (constant) power: pan 0 = left, 0.5 = centre (both
 *               -3 dB), 1 = right (clamped; NaN = 0); L = sqrt(1 - pan) * in, R = sqrt(pan) * in
 *   ph_distort  soft clip: drive 0..1 (clamped) -> pre-gain 1 + 24*drive, then a rational
 *               tanh approximation (exactly +-1 beyond +-3), then 1/(1 + 2*drive) make-up
 *   ph_min / ph_max   element-wise of two signals
 *   ph_clip     clamp in to [lo, hi] (lo/hi buffers; swapped if lo > hi)
 *   ph_dsp_range  maps a BIPOLAR signal -1..1 linearly to lo..hi: lo + (in + 1)/2 * (hi - lo)
 *               (oscillators here are bipolar; `sine 0.25 # range 200 2000` sweeps 200..2000)
 *
 * With state:
 *   ph_bitcrush  bits 1..24 (fractional allowed): quantise to 2^(bits-1) steps per unit;
 *                rate >= 1: sample-and-hold reduction factor (1 = off, 4 = a quarter of
 *                the sample rate), carried across blocks.
 *   ph_chorus    one modulated delay (7..~27 ms) mixed with the dry signal:
 *                rate Hz (LFO, 0..20), depth 0..1 (swing up to +-10 ms around 17 ms), mix 0..1
 *   ph_comp      feed-forward compressor: threshold dB (e.g. -20), ratio >= 1,
 *                attack and release seconds (peak detector, sampled every quantum),
 *                no make-up gain; out = in * gain_reduction. ph_comp_process_keyed: the
 *                detector follows `key` (a side chain; NULL = the input itself).
 */
#ifndef PH_FX_H
#define PH_FX_H

#include "dsp/ph_delay.h"
#include "dsp/ph_dsp.h"

void ph_gain(float *out, const float *in, const float *gain, uint32_t n);
void ph_pan(float *outL, float *outR, const float *in, const float *pan, uint32_t n);
void ph_distort(float *out, const float *in, const float *drive, uint32_t n);
void ph_min(float *out, const float *a, const float *b, uint32_t n);
void ph_max(float *out, const float *a, const float *b, uint32_t n);
void ph_clip(float *out, const float *in, const float *lo, const float *hi, uint32_t n);
void ph_dsp_range(float *out, const float *in, const float *lo, const float *hi, uint32_t n);

typedef struct ph_bitcrush {
    float held;
    float phase; /* 0..1; a new sample is taken when it wraps */
} ph_bitcrush;
void ph_bitcrush_init(ph_bitcrush *b);
/* rate may be NULL (no reduction). */
void ph_bitcrush_process(ph_bitcrush *b, float *out, const float *in, const float *bits,
                         const float *rate, uint32_t n, uint64_t t0);

typedef struct ph_chorus {
    ph_delay line;
    double lfo; /* phase 0..1 */
    float inv_rate;
} ph_chorus;
int ph_chorus_create(ph_chorus *c, double sample_rate); /* [non-RT] 0 ok, -1 OOM */
void ph_chorus_destroy(ph_chorus *c);
void ph_chorus_process(ph_chorus *c, float *out, const float *in, const float *rate,
                       const float *depth, const float *mix, uint32_t n, uint64_t t0);

typedef struct ph_comp {
    float rate;
    float env;           /* detected peak level */
    float att, rel;      /* one-pole coefficients, sampled at quanta */
    float thr_db, slope; /* slope = 1 - 1/ratio */
    int have_params;
} ph_comp;
void ph_comp_init(ph_comp *c, double sample_rate);
void ph_comp_process(ph_comp *c, float *out, const float *in, const float *threshold_db,
                     const float *ratio, const float *attack, const float *release,
                     uint32_t n, uint64_t t0);
void ph_comp_process_keyed(ph_comp *c, float *out, const float *in, const float *key, const float *threshold_db,
                           const float *ratio, const float *attack, const float *release, uint32_t n, uint64_t t0);

#endif
