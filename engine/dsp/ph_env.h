/* Envelopes: ADSR and AR (conventions: dsp/ph_dsp.h).
 *
 * Driven by two per-sample buffers:
 *   trig  1 at onset samples (> 0.5 = trigger), else 0. May be NULL (no triggers except
 *         rising gate edges).
 *   gate  > 0.5 while the note is held. May be NULL: then every trigger is ONE-SHOT (the
 *         envelope runs attack, decay, and releases as soon as it reaches sustain).
 * A trigger, or a rising gate edge, (re)starts the attack from the CURRENT level, so
 * retriggering never clicks. A falling gate starts the release from the current level.
 * Pattern events (sample offset in block, gate length in samples) become trig/gate
 * buffers with ph_gate_render, which carries gates that outlast the block.
 *
 * Segments are linear, output 0..1:
 *   attack   0 -> 1 in attack seconds (rate 1/(attack*sr) per sample; 0 s = one sample)
 *   decay    1 -> sustain in decay seconds
 *   sustain  level 0..1 while the gate is held
 *   release  from the level at gate-off to 0 in release seconds
 * The output sample at the trigger already includes the first attack step, so with
 * attack A samples the level is 1 at sample onset + A - 1 (the test checks that).
 * Segment rates are computed from the parameters at absolute multiples of
 * PH_CONTROL_QUANTUM (and when a segment starts, from the last sampled values).
 * AR is ADSR with decay 0 and sustain 1: held at 1 while the gate is high.
 *
 *     ph_env e; ph_env_init(&e, 48000);
 *     ph_adsr_process(&e, out, trig, gate, a, d, s, r, n, t0);  // a, d, r seconds; s 0..1
 *     ph_ar_process(&e, out, trig, gate, a, r, n, t0);
 */
#ifndef PH_ENV_H
#define PH_ENV_H

#include "dsp/ph_dsp.h"

typedef enum ph_env_stage {
    PH_ENV_IDLE,
    PH_ENV_ATTACK,
    PH_ENV_DECAY,
    PH_ENV_SUSTAIN,
    PH_ENV_RELEASE
} ph_env_stage;

typedef struct ph_env {
    float rate;
    float level;
    ph_env_stage stage;
    int gate_was_high;
    int have_params;
    /* sampled at the last quantum boundary */
    float attack_s, decay_s, sustain, release_s;
    float rel_from; /* level where the release started */
    /* per-sample steps of the three segments, worked out when their inputs change */
    float att_step, dec_step, rel_step;
} ph_env;

void ph_env_init(ph_env *e, double sample_rate);
void ph_adsr_process(ph_env *e, float *out, const float *trig, const float *gate,
                     const float *attack, const float *decay, const float *sustain,
                     const float *release, uint32_t n, uint64_t t0);
void ph_ar_process(ph_env *e, float *out, const float *trig, const float *gate,
                   const float *attack, const float *release, uint32_t n, uint64_t t0);

/* A pattern event for an envelope: onset at `offset` samples into the block (< n) and a
 * gate `length` in samples (0 counts as 1) that may run past the block. */
typedef struct ph_gate_event {
    uint32_t offset;
    uint32_t length;
} ph_gate_event;

/* Turns events into trig/gate buffers. State: when the current gate ends. */
typedef struct ph_gate_track {
    uint64_t gate_end; /* absolute sample where the gate falls */
} ph_gate_track;

void ph_gate_init(ph_gate_track *g);
/* Events must be sorted by offset. trig and gate are fully written. */
void ph_gate_render(ph_gate_track *g, float *trig, float *gate, const ph_gate_event *ev,
                    uint32_t n_events, uint32_t n, uint64_t t0);

#endif
