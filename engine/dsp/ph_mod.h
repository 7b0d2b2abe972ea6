/* Modulation effects: tremolo, vibrato, ring modulation, flanger, phaser, stereo width,
 * sample-rate reduction (coarse) and pitch shifting. Conventions: dsp/ph_dsp.h (per-sample
 * parameter buffers, t0, quanta, finite output). Every LFO is a phase accumulator advanced
 * per sample, so the output is the same whatever the block split; every modulated delay
 * is read with 4-point Hermite interpolation (ph_delay_read).
 *
 *   tremolo  rate Hz [0, 40], depth [0, 1]: out = in * (1 - depth/2 + depth/2 * sin(2 pi phi))
 *            (the seed's: depth 1 swings the gain 0..1, depth 0 leaves the input alone).
 *   vibrato  rate Hz [0.01, 20], depth semitones [0, 12]: the input read from a delay whose
 *            length swings sinusoidally, A * (1 + sin); A = (2^(depth/12) - 1) / (2 pi rate)
 *            (so the pitch rises by depth semitones at the fastest shortening), at most
 *            20 ms. The output lags the input by the mean delay.
 *   ring     freq Hz [0, sr/2]: out = in * sin(2 pi phi) (a sine carrier, the seed's).
 *   flanger  depth [0, 1], rate Hz [0, 10], feedback [-0.95, 0.95] (the seed's order): a
 *            delay of 3 ms +- 2 ms * depth swept by a sine; what enters the line is in +
 *            feedback * wet; out = in * (1 - depth/2) + wet * depth/2.
 *   phaser   rate Hz [0, 10], depth [0, 1], feedback [0, 0.95], stages (2..12, fixed at
 *            create): first-order all-passes whose break frequency sweeps exponentially
 *            200 Hz .. 200 * 10^depth Hz (recomputed every quantum from the LFO); out =
 *            (in + allpassed) / 2, so notches sit where the chain turns the phase by 180,
 *            360 + 180, ... degrees and move with the LFO.
 *   width    amount [0, 4]: mid/side; side * amount (0 mono, 1 unchanged, 2 twice as
 *            wide). A mono input gets a side made by all-pass decorrelation, scaled by
 *            (amount - 1) / 2 for amount > 1 (so 1 and less leave it mono).
 *   coarse   factor [1, 256]: sample and hold, a new sample every `factor` samples
 *            (fractional factors by a phase accumulator): SuperDirt's coarse. It aliases on
 *            purpose (that is the sound); nothing else here does.
 *   pitch    semitones [-48, 48], window (set at create, 50 ms by default): two taps on a
 *            delay line moving at (1 - ratio) samples per sample, each faded in and out by
 *            a Hann window half a window apart, so their gains sum to 1.
 */
#ifndef PH_MOD_H
#define PH_MOD_H

#include "dsp/ph_delay.h"
#include "dsp/ph_dsp.h"

typedef struct ph_lfo {
    double phase; /* 0..1 */
    float inv_rate;
} ph_lfo;
void ph_lfo_init(ph_lfo *l, double sample_rate);

void ph_tremolo_process(ph_lfo *l, float *out, const float *in, const float *rate, const float *depth,
                        uint32_t n, uint64_t t0);
void ph_ring_process(ph_lfo *l, float *out, const float *in, const float *freq, uint32_t n, uint64_t t0);

typedef struct ph_vibrato {
    ph_delay line;
    ph_lfo lfo;
} ph_vibrato;
int ph_vibrato_create(ph_vibrato *v, double sample_rate); /* [non-RT] 0 ok, -1 OOM */
void ph_vibrato_destroy(ph_vibrato *v);
void ph_vibrato_process(ph_vibrato *v, float *out, const float *in, const float *rate, const float *depth,
                        uint32_t n, uint64_t t0);

typedef struct ph_flanger {
    ph_delay line;
    ph_lfo lfo;
    float wet; /* the last wet sample (fed back) */
} ph_flanger;
int ph_flanger_create(ph_flanger *f, double sample_rate); /* [non-RT] */
void ph_flanger_destroy(ph_flanger *f);
void ph_flanger_process(ph_flanger *f, float *out, const float *in, const float *depth, const float *rate,
                        const float *feedback, uint32_t n, uint64_t t0);

#define PH_PHASER_MAX_STAGES 12
typedef struct ph_phaser {
    ph_lfo lfo;
    int stages;
    float x1[PH_PHASER_MAX_STAGES], y1[PH_PHASER_MAX_STAGES];
    float a;    /* all-pass coefficient, recomputed every quantum */
    float last; /* the chain's last output (fed back) */
    float pi_over_rate;
    int have_coeff;
} ph_phaser;
void ph_phaser_init(ph_phaser *p, double sample_rate, int stages); /* stages clamped to 2..12 */
void ph_phaser_process(ph_phaser *p, float *out, const float *in, const float *rate, const float *depth,
                       const float *feedback, uint32_t n, uint64_t t0);
/* The break frequency of the all-passes at LFO phase `phase` (for tests). */
float ph_phaser_freq(float depth, double phase);

typedef struct ph_width {
    float x1[4], y1[4]; /* decorrelating all-passes for a mono input */
    float a[4];
} ph_width;
void ph_width_init(ph_width *w, double sample_rate);
/* Stereo in (inR != NULL) or mono in (inR NULL); stereo out. */
void ph_width_process(ph_width *w, float *outL, float *outR, const float *inL, const float *inR, const float *amount,
                      uint32_t n, uint64_t t0);

typedef struct ph_coarse {
    float held;
    float phase; /* a new sample when it reaches 1 */
} ph_coarse;
void ph_coarse_init(ph_coarse *c);
void ph_coarse_process(ph_coarse *c, float *out, const float *in, const float *factor, uint32_t n, uint64_t t0);

typedef struct ph_pitch {
    ph_delay line;
    double phase;   /* 0..1 along the window */
    float window;   /* samples */
} ph_pitch;
int ph_pitch_create(ph_pitch *p, double sample_rate, double window_seconds); /* [non-RT] */
void ph_pitch_destroy(ph_pitch *p);
void ph_pitch_process(ph_pitch *p, float *out, const float *in, const float *semitones, uint32_t n, uint64_t t0);

#endif
