/* Filters (conventions: dsp/ph_dsp.h).
 *
 * State-variable filter: the TPT ("zero-delay feedback") SVF of Zavalishin / Simper,
 * 12 dB/octave, stable for any cutoff up to Nyquist and any resonance, and well behaved
 * under fast modulation. Modes: low-pass, high-pass, band-pass (peak gain 1 at cutoff),
 * notch.
 *
 * Ladder: 4-pole (24 dB/octave) TPT ladder low-pass with zero-delay feedback, linear.
 *
 * Parameters (per-sample buffers, sampled every PH_CONTROL_QUANTUM samples at absolute
 * indices, see ph_dsp.h):
 *   cutoff     Hz, clamped to [10, 0.49 * sample rate]; NaN -> 1000.
 *   resonance  0..1 (clamped), may be NULL (= 0).
 *     SVF:    damping k = 2 * (1 - res), at least 0.025, so Q = 1 / k:
 *             res 0 -> Q 0.5, res 0.2929 -> Q 0.7071 (Butterworth), res 0.5 -> Q 1,
 *             res 0.9 -> Q 5, res 1 -> Q 40. ph_svf_res_for_q() inverts it.
 *     ladder: feedback k = 3.9 * res (self-oscillation would be at 4). The pass band is
 *             half compensated: DC gain = (1 + k/2) / (1 + k) (1 at res 0, 0.6 at res 1).
 *
 *     ph_svf f; ph_svf_init(&f, 48000, PH_SVF_LP);
 *     ph_svf_process(&f, out, in, cutoff, res, n, t0);
 */
#ifndef PH_FILTER_H
#define PH_FILTER_H

#include "dsp/ph_dsp.h"

typedef enum ph_svf_mode { PH_SVF_LP, PH_SVF_HP, PH_SVF_BP, PH_SVF_NOTCH } ph_svf_mode;

typedef struct ph_svf {
    ph_svf_mode mode;
    float pi_over_rate; /* pi / sample rate */
    float nyq_cut;      /* highest cutoff, Hz */
    float ic1, ic2;     /* integrator states */
    float a1, a2, a3, k;
    float e1; /* a1 - 1 */
    float last_cut, last_res; /* inputs of the current coefficients (recomputed on change) */
    int have_coeffs;
} ph_svf;

void ph_svf_init(ph_svf *f, double sample_rate, ph_svf_mode mode);
void ph_svf_reset(ph_svf *f); /* clears the state (keeps mode and rate) */
void ph_svf_process(ph_svf *f, float *out, const float *in, const float *cutoff,
                    const float *res, uint32_t n, uint64_t t0);
/* What ph_svf_process does at a control quantum (and at a state's first sample), from
 * cutoff[i] and res[i]: flush the states, recompute the coefficients if the inputs moved.
 * For the lane kernels (dsp/ph_lanes.h), which must do exactly the same. `like` (may be
 * NULL): a state of the same rate updated just before; its coefficients are taken when
 * its inputs were the same (a tanf saved, the same values). */
void ph_svf_update(ph_svf *f, const float *cutoff, const float *res, uint32_t i, const ph_svf *like);
/* The resonance value that gives quality factor q (0.5 .. 40). */
float ph_svf_res_for_q(float q);

typedef struct ph_ladder {
    float pi_over_rate;
    float nyq_cut;
    float s[4];
    float G, k, comp;
    float last_cut, last_res; /* inputs of the current coefficients (recomputed on change) */
    int have_coeffs;
} ph_ladder;

void ph_ladder_init(ph_ladder *f, double sample_rate);
void ph_ladder_reset(ph_ladder *f);
void ph_ladder_process(ph_ladder *f, float *out, const float *in, const float *cutoff,
                       const float *res, uint32_t n, uint64_t t0);

#endif
