/* The cookbook filters (conventions: dsp/ph_dsp.h): the second-order responses of Robert
 * Bristow-Johnson's "Audio EQ Cookbook" -- low-pass, high-pass, band-pass (0 dB peak),
 * notch, all-pass, peaking bell, low shelf, high shelf -- with a frequency, a quality
 * factor Q and (bell, shelves) a gain in dB.
 *
 * Why not a direct-form biquad: a biquad whose coefficients move (a swept cutoff, a
 * patterned Q) can ring or blow up between coefficient sets. These responses are computed
 * by the zero-delay-feedback state-variable filter (Zavalishin/Simper, "trapezoidal SVF"):
 * g = tan(pi f / rate), k = 1 / Q, and the output is m0 v0 + m1 v1 + m2 v2 (input, band,
 * low) with mixing coefficients per mode. Its transfer function is exactly the cookbook
 * biquad's (the same analog prototype through the same prewarped bilinear transform), so
 * the magnitude responses are the cookbook's (tests/unit/dsp/test_dsp_rbj.c compares them
 * with the biquad formulas), and it stays stable for any cutoff, Q and modulation.
 *
 * Parameters (per-sample buffers, sampled every PH_CONTROL_QUANTUM samples at absolute
 * indices, see ph_dsp.h):
 *   freq     Hz, clamped to [10, 0.49 * rate]; NaN -> 1000.
 *   q        clamped to [q_lo, q_hi] given at init (each name has the seed's range); NaN -> 1.
 *   gain_db  bell and shelves only, clamped to [-24, 24] dB; NULL or NaN -> 0.
 *
 *     ph_rbj f; ph_rbj_init(&f, 48000, PH_RBJ_LP, 0.1f, 20.0f);
 *     ph_rbj_process(&f, out, in, freq, q, NULL, n, t0);
 *
 * ph_djf: SuperDirt's one-knob DJ filter, a low-pass then a high-pass (Q 1) whose cutoffs
 * follow one value d in 0..1: below 0.5 the low-pass falls from 20 kHz (at 0.5) to 20 Hz
 * (at 0), above 0.5 the high-pass rises from 20 Hz (at 0.5) to 10 kHz (at 1), both
 * exponentially; at 0.5 both are out of the way, so the sweep is continuous through the
 * middle (the seed jumped from an 800 Hz low-pass to an 800 Hz high-pass there). */
#ifndef PH_RBJ_H
#define PH_RBJ_H

#include "dsp/ph_dsp.h"

typedef enum ph_rbj_mode {
    PH_RBJ_LP,
    PH_RBJ_HP,
    PH_RBJ_BP, /* 0 dB at the centre (the cookbook's "constant 0 dB peak gain") */
    PH_RBJ_NOTCH,
    PH_RBJ_AP,
    PH_RBJ_PEAK,
    PH_RBJ_LOWSHELF,
    PH_RBJ_HIGHSHELF,
    PH_RBJ_BPQ /* band-pass with gain Q at the centre (the cookbook's "constant skirt gain") */
} ph_rbj_mode;

typedef struct ph_rbj {
    ph_rbj_mode mode;
    float pi_over_rate, nyq;
    float q_lo, q_hi;
    float ic1, ic2; /* integrator states */
    float a1, a2, a3, m0, m1, m2;
    float last_f, last_q, last_g; /* inputs of the current coefficients */
    int have_coeffs;
} ph_rbj;

void ph_rbj_init(ph_rbj *f, double sample_rate, ph_rbj_mode mode, float q_lo, float q_hi);
void ph_rbj_reset(ph_rbj *f);
/* gain_db may be NULL (0 dB). In place allowed. */
void ph_rbj_process(ph_rbj *f, float *out, const float *in, const float *freq, const float *q,
                    const float *gain_db, uint32_t n, uint64_t t0);

/* The DJ filter's cutoffs for a knob value d (0..1, clamped; NaN -> 0.5). */
void ph_djf_cutoffs(float d, float *lp_hz, float *hp_hz);

typedef struct ph_djf {
    ph_rbj lp, hp;
    float lp_hz[PH_CONTROL_QUANTUM], hp_hz[PH_CONTROL_QUANTUM], q[PH_CONTROL_QUANTUM];
} ph_djf;

void ph_djf_init(ph_djf *f, double sample_rate);
void ph_djf_process(ph_djf *f, float *out, const float *in, const float *value, uint32_t n, uint64_t t0);

#endif
