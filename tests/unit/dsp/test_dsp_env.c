#include <criterion/criterion.h>

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
