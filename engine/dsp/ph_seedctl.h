/* The seed project's control and routing signals (its latch, schmidt, timer, if, pan2_l /
 * pan2_r and phasor), written for Phonon. Conventions: dsp/ph_dsp.h. Every kernel here is
 * a per-sample rule with no reduced-rate work, so any block partition gives the same
 * output; a NaN or Inf on an input is read as 0 (ph_dsp_sane), so outputs stay finite.
 *
 *   latch    gate: holds the input sampled where the gate rises through 0.5 (previous
 *            < 0.5, now >= 0.5), the seed's rule; 0 before the first rise.
 *   schmidt  high, low: a comparator with hysteresis, 0 or 1: goes to 1 when the input is
 *            above high, back to 0 when it is below low; starts at 0.
 *   timer    the input is a trigger: seconds since it last rose through 0.5 (0 on the
 *            rising sample); before the first rise, seconds since the start (the seed's:
 *            1/rate on the first sample). Counted in samples, exact at any length.
 *   cond     the seed's `if`: then where the condition is > 0.5, else otherwise. A change
 *            of side is cross-faded over PH_COND_FADE_S (the seed switches hard, which
 *            clicks); the first sample starts on its side.
 *   pan2     equal power, position -1 (left) .. 1 (right), clamped; the left side is
 *            cos((p + 1) pi / 4), the right sin(...): the seed's pan2_l and pan2_r.
 *   phasor   frac(cycle * speed): a ramp 0..1 locked to the pattern clock (the caller
 *            gives the cycle position). */
#ifndef PH_SEEDCTL_H
#define PH_SEEDCTL_H

#include "dsp/ph_dsp.h"

typedef struct ph_latch {
    float held, last_gate;
} ph_latch;
void ph_latch_init(ph_latch *l);
void ph_latch_process(ph_latch *l, float *out, const float *in, const float *gate, uint32_t n, uint64_t t0);

typedef struct ph_schmidt {
    int high;
} ph_schmidt;
void ph_schmidt_init(ph_schmidt *s);
void ph_schmidt_process(ph_schmidt *s, float *out, const float *in, const float *hi, const float *lo, uint32_t n,
                        uint64_t t0);

typedef struct ph_timer {
    double inv_rate;
    int64_t edge; /* absolute sample of the last rise (the first sample seen - 1 before one) */
    float last;
    int started;
} ph_timer;
void ph_timer_init(ph_timer *t, double sample_rate);
void ph_timer_process(ph_timer *t, float *out, const float *trig, uint32_t n, uint64_t t0);

#define PH_COND_FADE_S 0.005
typedef struct ph_cond {
    float pos, step; /* 1: then, 0: else; step per sample while fading */
    int started;
} ph_cond;
void ph_cond_init(ph_cond *c, double sample_rate);
void ph_cond_process(ph_cond *c, float *out, const float *cond, const float *then_sig, const float *else_sig,
                     uint32_t n, uint64_t t0);

/* out = in * gain of one side (right: 0 left, 1 right). Stateless. */
void ph_pan2_process(float *out, const float *in, const float *position, int right, uint32_t n);

/* The phasor's value at cycle position `cycle` for `speed` (NaN/Inf speed: 1; clamped to
 * +-1e4 cycles per cycle); in [0, 1). */
float ph_phasor_value(double cycle, float speed);

#endif
