/* Linear ADSR/AR state machine, sample-accurate triggers, rates at control quanta. */
#include "dsp/ph_env.h"

#include <stdbool.h>

void ph_env_init(ph_env *e, double sample_rate)
{
    e->rate = (float)(sample_rate > 0 ? sample_rate : 48000);
    e->level = 0;
    e->stage = PH_ENV_IDLE;
    e->gate_was_high = 0;
    e->have_params = 0;
    e->attack_s = e->decay_s = e->release_s = 0;
    e->sustain = 1;
    e->rel_from = 0;
    e->att_step = e->dec_step = e->rel_step = 0;
}

static inline float seconds(const float *p, uint32_t i)
{
    float v = p ? p[i] : 0.0f;
    return (v == v) ? ph_dsp_clampf(v, 0.0f, 3600.0f) : 0.0f;
}

/* Per-sample step of a linear segment lasting `s` seconds, covering `span` levels. */
static inline float step(float span, float s, float rate)
{
    float samples = s * rate;
    return span / (samples > 1.0f ? samples : 1.0f);
}

/* One sample of the segments (no event at this sample), as the state machine defines it. */
static inline float advance(ph_env *e, float level, ph_env_stage *stage, int gated)
{
    switch (*stage) {
    case PH_ENV_IDLE:
        level = 0;
        break;
    case PH_ENV_ATTACK:
        level += e->att_step;
        if (level >= 1.0f) {
            level = 1.0f;
            *stage = PH_ENV_DECAY;
        }
        break;
    case PH_ENV_DECAY:
        level -= e->dec_step;
        if (level <= e->sustain) {
            level = e->sustain;
            *stage = PH_ENV_SUSTAIN;
        }
        break;
    case PH_ENV_SUSTAIN:
        level = e->sustain;
        break;
    case PH_ENV_RELEASE:
        level -= e->rel_step;
        if (level <= 0.0f) {
            level = 0.0f;
            *stage = PH_ENV_IDLE;
        }
        break;
    }
    /* one-shot: without a gate, the sustain stage is left at once */
    if (!gated && *stage == PH_ENV_SUSTAIN) {
        *stage = PH_ENV_RELEASE;
        e->rel_from = level;
        e->rel_step = step(e->rel_from, e->release_s, e->rate);
    }
    return level;
}

/* Whether samples [i, end) hold no event: no trigger, the gate as it was (so no attack and,
 * with the gate low, no release to start). Then the run needs only the segments. */
static bool quiet(const ph_env *e, ph_env_stage stage, int was_high, const float *trig, const float *gate,
                  uint32_t i, uint32_t end)
{
    int any = 0;
    if (trig)
        for (uint32_t j = i; j < end; j++) any |= trig[j] > 0.5f;
    if (gate) {
        for (uint32_t j = i; j < end; j++) any |= (gate[j] > 0.5f) != was_high;
        if (!was_high && stage != PH_ENV_IDLE && stage != PH_ENV_RELEASE) any = 1;
    }
    (void)e;
    return !any;
}

/* What the state machine does at a quantum (and at a state's first sample). */
static void quantum_params(ph_env *e, const float *attack, const float *decay, const float *sustain,
                           const float *release, uint32_t i)
{
    e->attack_s = seconds(attack, i);
    e->decay_s = seconds(decay, i);
    e->release_s = seconds(release, i);
    float s = sustain ? sustain[i] : 1.0f;
    e->sustain = (s == s) ? ph_dsp_clampf(s, 0.0f, 1.0f) : 1.0f;
    e->have_params = 1;
    /* the steps once per quantum instead of a division every sample (same values) */
    e->att_step = step(1.0f, e->attack_s, e->rate);
    e->dec_step = step(1.0f - e->sustain, e->decay_s, e->rate);
    e->rel_step = step(e->rel_from, e->release_s, e->rate);
}

/* The state machine between two quanta, [i, end), from e's level, stage and gate. Most
 * runs of a note have no event (a held note, a release, silence): then only the segments
 * run, and a settled level (sustain, idle) is one fill. Same samples either way. */
static void span(ph_env *e, float *out, const float *trig, const float *gate, uint32_t i, uint32_t end)
{
    float level = e->level;
    ph_env_stage stage = e->stage;
    int was_high = e->gate_was_high;
    if (quiet(e, stage, was_high, trig, gate, i, end)) {
        while (i < end) {
            if ((stage == PH_ENV_SUSTAIN && gate) || stage == PH_ENV_IDLE) {
                level = stage == PH_ENV_IDLE ? 0.0f : e->sustain;
                for (; i < end; i++) out[i] = level;
                break;
            }
            /* a ramp: the segment's own loop until the sample where it ends, which
             * advance() takes (the stage switch out of the loop; the same sums) */
            if (stage == PH_ENV_ATTACK)
                for (float d = e->att_step; i < end && level + d < 1.0f; i++) out[i] = level = level + d;
            else if (stage == PH_ENV_DECAY)
                for (float d = e->dec_step; i < end && level - d > e->sustain; i++) out[i] = level = level - d;
            else if (stage == PH_ENV_RELEASE)
                for (float d = e->rel_step; i < end && level - d > 0.0f; i++) out[i] = level = level - d;
            if (i < end) out[i++] = level = advance(e, level, &stage, gate != NULL);
        }
    } else {
        for (; i < end; i++) {
            int high = gate ? gate[i] > 0.5f : 0;
            int trigger = (trig && trig[i] > 0.5f) || (high && !was_high);
            was_high = high;
            if (trigger) stage = PH_ENV_ATTACK;
            if (gate && !high && stage != PH_ENV_IDLE && stage != PH_ENV_RELEASE) {
                stage = PH_ENV_RELEASE;
                e->rel_from = level;
                e->rel_step = step(e->rel_from, e->release_s, e->rate);
            }
            out[i] = level = advance(e, level, &stage, gate != NULL);
        }
    }
    e->level = level;
    e->stage = stage;
    e->gate_was_high = was_high;
}

static void run(ph_env *e, float *out, const float *trig, const float *gate,
                const float *attack, const float *decay, const float *sustain,
                const float *release, uint32_t n, uint64_t t0)
{
    uint32_t i = 0;
    while (i < n) { /* parameters change only at quanta: a quantum at a time */
        if (ph_dsp_at_quantum(t0 + i) || !e->have_params) quantum_params(e, attack, decay, sustain, release, i);
        uint32_t end = i + ph_dsp_run_length(t0 + i, n - i);
        span(e, out, trig, gate, i, end);
        i = end;
    }
}

void ph_adsr_process(ph_env *e, float *out, const float *trig, const float *gate,
                     const float *attack, const float *decay, const float *sustain,
                     const float *release, uint32_t n, uint64_t t0)
{
    run(e, out, trig, gate, attack, decay, sustain, release, n, t0);
}

void ph_ar_process(ph_env *e, float *out, const float *trig, const float *gate,
                   const float *attack, const float *release, uint32_t n, uint64_t t0)
{
    run(e, out, trig, gate, attack, NULL, NULL, release, n, t0);
}

void ph_gate_init(ph_gate_track *g) { g->gate_end = 0; }

void ph_gate_render(ph_gate_track *g, float *trig, float *gate, const ph_gate_event *ev,
                    uint32_t n_events, uint32_t n, uint64_t t0)
{
    for (uint32_t i = 0; i < n; i++) trig[i] = 0.0f;
    uint32_t e = 0;
    for (uint32_t i = 0; i < n; i++) {
        for (; e < n_events && ev[e].offset <= i; e++) {
            if (ev[e].offset < i) continue; /* unsorted or out of range: ignored */
            trig[i] = 1.0f;
            g->gate_end = t0 + i + (ev[e].length ? ev[e].length : 1);
        }
        gate[i] = (t0 + i < g->gate_end) ? 1.0f : 0.0f;
    }
}
