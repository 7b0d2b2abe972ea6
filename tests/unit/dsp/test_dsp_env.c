#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_env.h"
#include "test_dsp_util.h"

Test(dsp_env, adsr_levels_at_expected_samples)
{
    const uint32_t n = 48000;
    float *trig = td_buf(n, 0), *gate = td_buf(n, 0), *out = td_buf(n, 0);
    float *a = td_buf(n, 0.01f), *d = td_buf(n, 0.02f), *s = td_buf(n, 0.5f), *r = td_buf(n, 0.1f);
    ph_gate_track g;
    ph_gate_init(&g);
    ph_gate_event ev = {1000, 12000}; /* onset at 1000, gate off at 13000 */
    ph_gate_render(&g, trig, gate, &ev, 1, n, 0);
    cr_assert_eq(trig[1000], 1.0f);
    cr_assert_eq(gate[12999], 1.0f);
    cr_assert_eq(gate[13000], 0.0f);
    ph_env e;
    ph_env_init(&e, TD_RATE);
    ph_adsr_process(&e, out, trig, gate, a, d, s, r, n, 0);
    cr_assert_eq(out[999], 0.0f);
    cr_assert(fabsf(out[1000] - 1.0f / 480) < 1e-6f);
    /* attack: 480 samples, reaches 1 at onset + 479 (float rounding: +-1) */
    cr_assert(fabsf(out[1000 + 239] - 0.5f) < 0.003f, "half way %g", out[1239]);
    cr_assert(out[1000 + 477] < 1.0f);
    cr_assert(out[1000 + 480] == 1.0f || out[1000 + 481] < 1.0f);
    /* decay 960 samples to 0.5: half way at 75% */
    cr_assert(fabsf(out[1480 + 480] - 0.75f) < 0.003f, "decay %g", out[1960]);
    cr_assert(fabsf(out[1480 + 962] - 0.5f) < 1e-6f);
    cr_assert_eq(out[12999], 0.5f);
    /* release 0.1 s = 4800 samples from 0.5 */
    cr_assert(fabsf(out[13000 + 2399] - 0.25f) < 0.002f, "release %g", out[15399]);
    cr_assert(out[13000 + 4798] > 0.0f);
    cr_assert_eq(out[13000 + 4801], 0.0f);
    cr_assert_eq(out[n - 1], 0.0f);
    free(trig), free(gate), free(out), free(a), free(d), free(s), free(r);
}

Test(dsp_env, one_shot_ar_and_retrigger_without_click)
{
    const uint32_t n = 9600;
    float *trig = td_buf(n, 0), *out = td_buf(n, 0);
    float *a = td_buf(n, 0.001f), *r = td_buf(n, 0.05f);
    trig[100] = 1;
    trig[1000] = 1; /* retrigger in the middle of the release */
    ph_env e;
    ph_env_init(&e, TD_RATE);
    ph_ar_process(&e, out, trig, NULL, a, r, n, 0);
    /* 48-sample attack, then a 2400-sample release */
    cr_assert(fabsf(out[100 + 47] - 1.0f) < 1e-5f);
    cr_assert(out[100 + 50] < 1.0f);
    float before = out[999];
    cr_assert(before > 0.5f && before < 0.7f, "%g", before);
    cr_assert(out[1000] > before, "restarts the attack from the current level");
    for (uint32_t i = 1; i < n; i++)
        cr_assert(fabsf(out[i] - out[i - 1]) <= 1.0f / 48 + 1e-6f, "jump at %u", i);
    cr_assert_eq(out[n - 1], 0.0f);
    free(trig), free(out), free(a), free(r);
}

Test(dsp_env, gate_edges_trigger_and_bad_params_are_safe)
{
    const uint32_t n = 4800;
    float *gate = td_buf(n, 0), *out = td_buf(n, 0), *a = td_buf(n, NAN), *d = td_buf(n, -1),
          *s = td_buf(n, INFINITY), *r = td_buf(n, 1e30f);
    for (uint32_t i = 100; i < 2000; i++) gate[i] = 1;
    ph_env e;
    ph_env_init(&e, TD_RATE);
    ph_adsr_process(&e, out, NULL, gate, a, d, s, r, n, 0);
    cr_assert(td_finite(out, n));
    cr_assert_eq(out[99], 0.0f);
    cr_assert_eq(out[100], 1.0f); /* NaN attack = 0 s: one sample */
    cr_assert_eq(out[1999], 1.0f);
    cr_assert(out[n - 1] <= 1.0f && out[n - 1] > 0.99f); /* an hour-long release, clamped */
    free(gate), free(out), free(a), free(d), free(s), free(r);
}

/* The per-sample definition of the envelopes (the loop ph_env.c had before it learned to
 * skip quiet quanta), kept here as the reference: the kernel must give its bits. */
static float ref_step(float span, float s, float rate)
{
    float samples = s * rate;
    return span / (samples > 1.0f ? samples : 1.0f);
}
static float ref_seconds(const float *p, uint32_t i)
{
    float v = p ? p[i] : 0.0f;
    return (v == v) ? ph_dsp_clampf(v, 0.0f, 3600.0f) : 0.0f;
}
static void ref_env(ph_env *e, float *out, const float *trig, const float *gate, const float *attack,
                    const float *decay, const float *sustain, const float *release, uint32_t n, uint64_t t0)
{
    for (uint32_t i = 0; i < n; i++) {
        if (ph_dsp_at_quantum(t0 + i) || !e->have_params) {
            e->attack_s = ref_seconds(attack, i), e->decay_s = ref_seconds(decay, i);
            e->release_s = ref_seconds(release, i);
            float s = sustain ? sustain[i] : 1.0f;
            e->sustain = (s == s) ? ph_dsp_clampf(s, 0.0f, 1.0f) : 1.0f;
            e->have_params = 1;
            e->att_step = ref_step(1.0f, e->attack_s, e->rate);
            e->dec_step = ref_step(1.0f - e->sustain, e->decay_s, e->rate);
            e->rel_step = ref_step(e->rel_from, e->release_s, e->rate);
        }
        int high = gate ? gate[i] > 0.5f : 0;
        int trigger = (trig && trig[i] > 0.5f) || (high && !e->gate_was_high);
        e->gate_was_high = high;
        if (trigger) e->stage = PH_ENV_ATTACK;
        if (gate && !high && e->stage != PH_ENV_IDLE && e->stage != PH_ENV_RELEASE) {
            e->stage = PH_ENV_RELEASE, e->rel_from = e->level;
            e->rel_step = ref_step(e->rel_from, e->release_s, e->rate);
        }
        switch (e->stage) {
        case PH_ENV_IDLE: e->level = 0; break;
        case PH_ENV_ATTACK:
            e->level += e->att_step;
            if (e->level >= 1.0f) e->level = 1.0f, e->stage = PH_ENV_DECAY;
            break;
        case PH_ENV_DECAY:
            e->level -= e->dec_step;
            if (e->level <= e->sustain) e->level = e->sustain, e->stage = PH_ENV_SUSTAIN;
            break;
        case PH_ENV_SUSTAIN: e->level = e->sustain; break;
        case PH_ENV_RELEASE:
            e->level -= e->rel_step;
            if (e->level <= 0.0f) e->level = 0.0f, e->stage = PH_ENV_IDLE;
            break;
        }
        if (!gate && e->stage == PH_ENV_SUSTAIN) {
            e->stage = PH_ENV_RELEASE, e->rel_from = e->level;
            e->rel_step = ref_step(e->rel_from, e->release_s, e->rate);
        }
        out[i] = e->level;
    }
}

Test(dsp_env, quiet_quanta_give_the_per_sample_definition)
{
    enum { N = 30000 };
    static float trig[N], gate[N], a[N], d[N], s[N], r[N], got[N], want[N];
    uint32_t x = 99;
    for (uint32_t i = 0; i < N; i++) { /* notes of random lengths, some retriggered, some gaps */
        x = x * 1664525u + 1013904223u;
        trig[i] = (x >> 20) % 700 == 0 ? 1.0f : 0.0f;
        gate[i] = ((i / 1500) % 3 != 2) ? 1.0f : 0.0f;
        a[i] = 0.002f, d[i] = 0.01f + 0.00001f * (float)(i / 4000), s[i] = 0.6f, r[i] = 0.02f;
    }
    const uint32_t blocks[] = {128, 7, 1, 333, 64};
    for (int ar = 0; ar < 2; ar++) {
        ph_env e1, e2;
        ph_env_init(&e1, 48000);
        ph_env_init(&e2, 48000);
        uint32_t at = 0, k = 0;
        while (at < N) {
            uint32_t n = blocks[k++ % 5];
            if (n > N - at) n = N - at;
            if (ar) ph_ar_process(&e1, got + at, trig + at, NULL, a + at, r + at, n, at);
            else ph_adsr_process(&e1, got + at, trig + at, gate + at, a + at, d + at, s + at, r + at, n, at);
            at += n;
        }
        if (ar) ref_env(&e2, want, trig, NULL, a, NULL, NULL, r, N, 0);
        else ref_env(&e2, want, trig, gate, a, d, s, r, N, 0);
        for (uint32_t i = 0; i < N; i++)
            cr_assert(!memcmp(&got[i], &want[i], sizeof(float)), "%s sample %u: %.9g vs %.9g", ar ? "ar" : "adsr", i,
                      got[i], want[i]);
    }
}
