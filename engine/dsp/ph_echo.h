/* Echoes: ping-pong, tape and multi-tap delays. Conventions: dsp/ph_dsp.h; lines are
 * ph_delay (Hermite-interpolated reads, so a moving time glides instead of clicking), what
 * is fed back is sanitised and flushed of denormals.
 *
 *   pingpong  time s [0.001, 2], feedback [0, 0.95], width [0, 1] (0.8), start channel
 *             (> 0.5 = right, 0 = left), mix [0, 1] (0.7) -- the seed's order and defaults.
 *             The input (the mid of a stereo input) enters the start side's line; each
 *             line's output, times feedback, enters the other line, so echoes alternate
 *             sides every `time`. width 1 keeps the sides apart, 0 puts both echoes in the
 *             middle. Stereo out: in * (1 - mix) + echoes * mix.
 *   tapedelay time s [0.001, 2], feedback [0, 0.95], wow rate Hz [0.1, 2] (0.5), wow depth
 *             [0, 1] (0.02, x 1 ms), flutter rate Hz [5, 10] (6), flutter depth [0, 1]
 *             (0.05, x 0.1 ms), saturation [0, 1] (0.3), mix [0, 1] (0.5) -- the seed's. The
 *             read point wobbles with wow and flutter; the echo goes through tanh saturation
 *             with drive 1 + 3 sat (first-order antiderivative anti-aliasing, so the
 *             shaper does not alias) and a tape-head low-pass (5 kHz, lower with
 *             saturation) before it is fed back and mixed.
 *   multitap  time s [0.001, 1], taps (2..8, fixed at create), feedback [0, 0.95] (0.5),
 *             mix [0, 1] (0.6) -- the seed's: taps at time, 2 time, ... each at 1/k, summed
 *             and divided by the number of taps; the sum is fed back.
 */
#ifndef PH_ECHO_H
#define PH_ECHO_H

#include "dsp/ph_delay.h"
#include "dsp/ph_dsp.h"

typedef struct ph_pingpong {
    ph_delay line[2];
} ph_pingpong;
int ph_pingpong_create(ph_pingpong *p, double sample_rate); /* [non-RT] 0 ok, -1 OOM */
void ph_pingpong_destroy(ph_pingpong *p);
/* inR NULL: mono in. Stereo out. */
void ph_pingpong_process(ph_pingpong *p, float *outL, float *outR, const float *inL, const float *inR,
                         const float *time, const float *feedback, const float *width, const float *channel,
                         const float *mix, uint32_t n, uint64_t t0);

/* tanh with first-order antiderivative anti-aliasing: the mean of tanh over the segment from
 * the previous input to this one (log cosh differences), tanh of the midpoint where the
 * segment is too short to divide by. */
typedef struct ph_adaa {
    float x1;
    double f1; /* log cosh(x1) */
} ph_adaa;
void ph_adaa_tanh_init(ph_adaa *s);
float ph_adaa_tanh(ph_adaa *s, float x);

typedef struct ph_tapedelay {
    ph_delay line;
    double wow, flutter; /* LFO phases 0..1 */
    float lp;            /* tape-head low-pass state */
    ph_adaa sat;
    float inv_rate;
} ph_tapedelay;
int ph_tapedelay_create(ph_tapedelay *t, double sample_rate); /* [non-RT] */
void ph_tapedelay_destroy(ph_tapedelay *t);
/* p[0..7]: time feedback wow_rate wow_depth flutter_rate flutter_depth saturation mix */
void ph_tapedelay_process(ph_tapedelay *t, float *out, const float *in, const float *const p[8], uint32_t n,
                          uint64_t t0);

#define PH_MULTITAP_MAX 8
typedef struct ph_multitap {
    ph_delay line;
    int taps;
} ph_multitap;
int ph_multitap_create(ph_multitap *m, double sample_rate, int taps); /* taps clamped to 2..8 */
void ph_multitap_destroy(ph_multitap *m);
void ph_multitap_process(ph_multitap *m, float *out, const float *in, const float *time, const float *feedback,
                         const float *mix, uint32_t n, uint64_t t0);

#endif
