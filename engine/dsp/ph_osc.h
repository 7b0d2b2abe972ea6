/* Oscillators and noise (conventions: dsp/ph_dsp.h).
 *
 * Band-limited oscillators: saw and square correct each step with a 4-point PolyBLEP (a
 * cubic B-spline step over +-2 samples) while the period is longer than 4 samples, the
 * 2-point PolyBLEP above that (f > rate/4); measured on a 1250 Hz saw at 48 kHz: aliasing
 * -41 dB (total inharmonic power; a naive saw: -15 dB), 10 kHz harmonic 2.5 dB under
 * ideal. Tri uses 2-point PolyBLAMP corner corrections, sine is a polynomial
 * (|error| < 2e-7). All are
 * bipolar (-1..1) and start at phase `phase0` (0..1 of a cycle; 0 = rising zero crossing
 * for sine, -1 for saw/tri, start of the high half for square).
 *
 * freq: Hz per sample, any sign (negative frequencies run the phase backwards and stay
 * band-limited); |freq| above Nyquist aliases like any naive oscillator would.
 * The phase is fixed point (a uint32, 2^32 = one cycle: exact accumulation, no wrap test,
 * and 8 lanes advance with one integer add, dsp/ph_lanes.h); a frequency is rounded to
 * rate / 2^32 (1.1e-5 Hz at 48 kHz).
 * One ph_osc state serves any shape, but use one state per oscillator.
 *
 *     ph_osc o; ph_osc_init(&o, 48000, 0);
 *     ph_osc_saw(&o, out, freq, n, t0);          // freq[i] Hz
 *     ph_osc_square(&o, out, freq, pw, n, t0);   // pw[i] 0..1 (NULL = 0.5), clamped 0.01..0.99
 *
 * Noise generators are deterministic: the same seed gives the same stream.
 *     white: uniform in [-1, 1)
 *     pink:  -3 dB/octave (Paul Kellet's refined filter on white), about -1..1
 *     brown: -6 dB/octave (leaky integrator on white), about -1..1
 */
#ifndef PH_OSC_H
#define PH_OSC_H

#include "dsp/ph_blep.h"
#include "dsp/ph_dsp.h"

typedef struct ph_osc {
    uint32_t phase;  /* 2^32 = one cycle (fixed point: exact, wraps by itself) */
    double inv_rate; /* 1 / sample rate */
    /* The lanes' last phase step and the frequency it is for (its bits), so that a steady
     * frequency is not worked out again every chunk (a pure function: the same step). */
    uint32_t step_bits;
    int step_ok;
    ph_phase_step step;
} ph_osc;

void ph_osc_init(ph_osc *o, double sample_rate, double phase0);
/* Hard sync / retrigger: set the phase (0..1). [RT] */
void ph_osc_reset(ph_osc *o, double phase);

void ph_osc_sine(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0);
void ph_osc_saw(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0);
void ph_osc_square(ph_osc *o, float *out, const float *freq, const float *pw, uint32_t n,
                   uint64_t t0);
void ph_osc_tri(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0);

/* The naive (aliasing) saw, kept for tests and comparison. */
void ph_osc_saw_naive(ph_osc *o, float *out, const float *freq, uint32_t n, uint64_t t0);

typedef enum ph_noise_color { PH_NOISE_WHITE, PH_NOISE_PINK, PH_NOISE_BROWN } ph_noise_color;

typedef struct ph_noise {
    ph_rng rng;
    ph_noise_color color;
    float b[7]; /* pink filter / brown integrator state */
} ph_noise;

void ph_noise_init(ph_noise *s, ph_noise_color color, uint32_t seed);
/* gain may be NULL (= 1). */
void ph_noise_process(ph_noise *s, float *out, const float *gain, uint32_t n, uint64_t t0);

#endif
