/* The seed's SuperDirt-style synths with their arguments, one voice each (conventions:
 * dsp/ph_dsp.h), played by the voice pool (ph_voices.h) when an event names one of them
 * with any of its parameters (`superkick 60 0.5 0.3 0.1`, `superhat 0.9`): each event is
 * one voice, synthesised live with that event's values.
 *
 *   name        parameters after the pitch (defaults)      what it is
 *   superkick   pitchenv 0.5, sustain 0.3, noise 0.1      sine body swept down from
 *               freq * (1 + 2 pitchenv) to freq (time constant 12 ms), decaying over
 *               `sustain` s, plus a 800 Hz low-passed noise click times `noise`
 *   supersnare  snappy 0.8, sustain 0.08                   two sines at freq and 1.05 freq
 *               (the seed's triangles, rounded) over 0.3 sustain, plus 3 kHz high-passed
 *               noise times `snappy` over sustain
 *   superhat    bright 0.7, sustain 0.05 (no pitch)        noise high-passed (Q 1.5) at
 *               5 kHz + 5 kHz * bright, over sustain
 *   superchip   vibrate 5, vibdepth 0.05                   band-limited square with vibrato
 *               (rate Hz, depth a fraction of freq)
 *   superfm     ratio 2, index 1                           two-operator FM: a sine carrier
 *               at freq, its frequency swung by index * freq at ratio * freq (the
 *               seed's), i.e. phase modulation with index / ratio; band-limited (ph_fm.h)
 *   supersaw    detune 0.3, voices 7                       (rendered by ph_voices.c) the
 *               seed's spread: saw i of n at 1 + (2 i / (n - 1) - 1) * detune / 10
 *   superpwm    pwmrate 0.5, pwmdepth 0.8                  (rendered by ph_voices.c) the
 *               width swept 0.5 +- 0.45 pwmdepth by a pwmrate Hz sine
 * "over T s": the level falls exponentially by 26 dB (e^-3) in T; the drums end at 3 T
 * (-78 dB). superchip and superfm are held for the event and released like supersaw.
 * freq below 20 Hz (a rhythm such as superkick "1 ~ 1") plays the synth's own pitch:
 * superkick 55 Hz, supersnare 180 Hz, superchip and superfm 261.63 Hz (note 0).
 * Parameters are clamped: pitchenv 0..4, sustain 0.005..4 s, noise/snappy 0..2, bright
 * 0..1, vibrate 0..50 Hz, vibdepth 0..0.5, ratio 0.01..16, index 0..20, detune 0..1,
 * voices 1..7 (the seed: 2..7), pwmrate 0..50 Hz, pwmdepth 0..1; NaN -> default.
 *
 *     const ph_synthv_def *d = ph_synthv_find("superkick");
 *     ph_synthv v; ph_synthv_start(&v, d, 48000, 60, params, given_mask, seed);
 *     bool more = ph_synthv_render(&v, out, n);   // overwrites out; false when it has ended
 */
#ifndef PH_SYNTHV_H
#define PH_SYNTHV_H

#include <stdbool.h>

#include "dsp/ph_fm.h"
#include "dsp/ph_osc.h"
#include "dsp/ph_rbj.h"

#define PH_SYNTHV_PARAMS 3
#define PH_SYNTHV_MAX_N 64 /* frames per render call */

typedef enum ph_synthv_kind {
    PH_SYNTHV_KICK,
    PH_SYNTHV_SNARE,
    PH_SYNTHV_HAT,
    PH_SYNTHV_CHIP,
    PH_SYNTHV_FM,
    PH_SYNTHV_SAW, /* supersaw and superpwm: the voice pool's own synths (ph_voices.c); */
    PH_SYNTHV_PWM  /* listed here for their parameters only */
} ph_synthv_kind;

typedef struct ph_synthv_def {
    const char *name;
    ph_synthv_kind kind;
    bool pitched; /* the first argument is a pitch (superhat: no) */
    bool drum;    /* one shot, ends by itself; else held for the event */
    uint32_t n_params;
    const char *param[PH_SYNTHV_PARAMS]; /* control keys of the parameters after the pitch */
    float dflt[PH_SYNTHV_PARAMS];
    float lo[PH_SYNTHV_PARAMS], hi[PH_SYNTHV_PARAMS];
    float default_hz;
} ph_synthv_def;

/* The synth named `name`, or NULL. ph_synthv_defs: all of them, NULL-terminated. */
const ph_synthv_def *ph_synthv_find(const char *name);
const ph_synthv_def *const *ph_synthv_defs(void);

typedef struct ph_synthv {
    const ph_synthv_def *def;
    float rate, freq, p[PH_SYNTHV_PARAMS];
    uint32_t t, len; /* samples rendered, and the drums' length */
    double ph[2];
    float k_amp, k_pitch, k_body, k_noise; /* per-sample decay factors */
    float amp, pitch, body, noise;         /* their levels now */
    ph_rng rng;
    ph_rbj filt;
    ph_fm fm;
    ph_osc sq;
    double vib; /* superchip's vibrato phase */
} ph_synthv;

/* out[j] = params[j] when bit j of given is set, else the default; clamped. */
void ph_synthv_params(const ph_synthv_def *d, const float *params, uint32_t given, float *out);
/* params[j] is used when bit j of given is set, else the default. */
void ph_synthv_start(ph_synthv *v, const ph_synthv_def *d, double rate, float freq, const float *params, uint32_t given,
                     uint32_t seed);
/* [RT] Overwrites out[0..n) (n <= PH_SYNTHV_MAX_N); false once the voice has ended (and
 * then out is silence). */
bool ph_synthv_render(ph_synthv *v, float *out, uint32_t n);

#endif
