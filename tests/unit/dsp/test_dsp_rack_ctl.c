/* Control kernels (dsp/ph_ctl.h) and dynamics (dsp/ph_dyn.h, the keyed compressor of
 * ph_fx.h), measured: lag and follower time constants, sample and hold, wrapping, RMS,
 * ASR ramps, the ramps' end values and times, segments, the limiter's ceiling for any
 * input, the compressor's and expanders' gain against their static curves, and the key. */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_ctl.h"
#include "dsp/ph_dyn.h"
#include "dsp/ph_fx.h"
#include "test_dsp_util.h"

#define N 96000

static float in[N], out[N], out2[N], key[N], p0[N], p1[N], p2[N], p3[N];

Test(dsp_ctl, lag_covers_63_percent_in_its_time)
{
    ph_lag l;
    ph_lag_init(&l, TD_RATE);
    ph_dsp_fill(in, 1.0f, 9600);
    ph_dsp_fill(p0, 0.05f, 9600);
    ph_lag_process(&l, out, in, p0, 9600, 0);
    cr_expect(fabs(out[2399] - 0.632) < 0.005, "after 50 ms: %g", out[2399]);
    cr_expect(fabs(out[9599] - (1 - exp(-4.0))) < 0.002, "after 4 time constants: %g", out[9599]);
    ph_dsp_fill(p0, 0.0f, 4);
    ph_dsp_fill(in, -3.0f, 4);
    ph_lag_process(&l, out, in, p0, 4, 9600);
    cr_expect_eq(out[0], -3.0f, "time 0 passes the input");
}

/* onepole's response: -3 dB at its cutoff, 6 dB per octave above, flat far below; the exact
 * magnitude of y += k (x - y) is k / |1 - (1 - k) e^-jw|. */
Test(dsp_ctl, onepole_is_a_6_db_per_octave_low_pass)
{
    const double fc = 1000, tests[] = {50, 1000, 4000, 16000};
    for (size_t t = 0; t < sizeof tests / sizeof tests[0]; t++) {
        ph_lag l;
        ph_lag_init(&l, TD_RATE);
        td_sine(in, N, tests[t], TD_RATE, 1.0);
        ph_dsp_fill(p0, (float)fc, N);
        ph_onepole_process(&l, out, in, p0, N, 0);
        double k = 1 - exp(-2 * M_PI * fc / TD_RATE), w = 2 * M_PI * tests[t] / TD_RATE;
        double re = 1 - (1 - k) * cos(w), im = (1 - k) * sin(w), want = k / sqrt(re * re + im * im);
        double got = td_amp(out + N / 2, N / 2, tests[t], TD_RATE);
        cr_expect(fabs(td_db(got) - td_db(want)) < 0.05, "%g Hz: %.3f dB, want %.3f", tests[t], td_db(got),
                  td_db(want));
        if (tests[t] == fc) cr_expect(fabs(td_db(got) + 3.0) < 0.3, "-3 dB at the cutoff: %.2f", td_db(got));
        if (tests[t] == 16000) cr_expect(td_db(got) < -20, "far above: %.1f dB", td_db(got));
        if (tests[t] == 50) cr_expect(td_db(got) > -0.02, "far below: %.3f dB", td_db(got));
    }
    ph_lag l;
    ph_lag_init(&l, TD_RATE);
    ph_dsp_fill(in, 1.0f, 64);
    ph_dsp_fill(p0, 0.0f, 64);
    ph_onepole_process(&l, out, in, p0, 64, 0);
    cr_expect_eq(out[63], 0.0f, "cutoff 0 holds the output");
}

Test(dsp_ctl, sample_hold_takes_the_input_where_the_trigger_rises)
{
    ph_hold h;
    ph_hold_init(&h);
    for (int i = 0; i < 100; i++) {
        in[i] = (float)i;
        key[i] = (i % 25 == 10) ? 1.0f : (i % 25 == 11 ? 0.5f : -0.2f);
    }
    ph_hold_process(&h, out, in, key, 100, 0);
    for (int i = 0; i < 100; i++) {
        float want = i < 10 ? 0.0f : (float)(10 + (i - 10) / 25 * 25);
        cr_assert_eq(out[i], want, "%d: %g", i, out[i]);
    }
}

Test(dsp_ctl, wrap_folds_into_the_range)
{
    const float x[] = {0.25f, 1.25f, -0.25f, 3.0f, 2.0f, -4.5f}, want[] = {0.25f, 0.25f, 0.75f, 0.0f, 0.0f, 0.5f};
    float lo[6], hi[6], o[6];
    ph_dsp_fill(lo, 0.0f, 6);
    ph_dsp_fill(hi, 1.0f, 6);
    ph_wrap(o, x, lo, hi, 6);
    for (int i = 0; i < 6; i++) cr_expect(fabsf(o[i] - want[i]) < 1e-6f, "%g -> %g", x[i], o[i]);
    ph_dsp_fill(lo, 100.0f, 6);
    ph_dsp_fill(hi, 200.0f, 6);
    float y[6] = {250, 99, 100, 199.5f, 1000, -1};
    ph_wrap(o, y, lo, hi, 6);
    const float w2[] = {150, 199, 100, 199.5f, 100, 199};
    for (int i = 0; i < 6; i++) cr_expect(fabsf(o[i] - w2[i]) < 1e-3f, "%g -> %g", y[i], o[i]);
    ph_dsp_fill(hi, 100.0f, 6);
    ph_wrap(o, y, lo, hi, 6);
    cr_expect_eq(o[0], 100.0f, "an empty range gives lo");
}

Test(dsp_ctl, follow_attack_and_release_times)
{
    ph_follow f;
    ph_follow_init(&f, TD_RATE);
    ph_dsp_fill(p0, 0.01f, N);
    ph_dsp_fill(p1, 0.2f, N);
    /* a step up to 1 for 0.5 s, then silence */
    for (int i = 0; i < 48000; i++) in[i] = i < 24000 ? 1.0f : 0.0f;
    ph_follow_process(&f, out, in, p0, p1, 48000, 0);
    cr_expect(fabs(out[479] - 0.632) < 0.01, "attack: 63 %% after 10 ms: %g", out[479]);
    cr_expect(fabs(out[23999] - 1.0) < 0.001);
    cr_expect(fabs(out[24000 + 9599] - 0.368) < 0.01, "release: 37 %% left after 200 ms: %g", out[24000 + 9599]);
    /* a sine: the follower settles under its peak (a 10 ms attack does not catch a 2.5 ms
     * crest), above its mean |x| (0.318), and ripples little with a slow release */
    td_sine(in, 48000, 200, TD_RATE, 0.5);
    for (int i = 0; i < 48000; i++) in[i] = fabsf(in[i]);
    ph_follow_process(&f, out, in, p0, p1, 48000, 48000);
    double lo = 1, hi = 0;
    for (int i = 40000; i < 48000; i++) lo = fmin(lo, out[i]), hi = fmax(hi, out[i]);
    cr_expect(lo > 0.4 && hi < 0.5 && hi - lo < 0.05, "%g .. %g", lo, hi);
}

Test(dsp_ctl, rms_of_a_sine_and_a_window_change)
{
    ph_rms r;
    cr_assert(ph_rms_create(&r, TD_RATE) == 0);
    td_sine(in, 48000, 100, TD_RATE, 1.0);
    ph_dsp_fill(p0, 0.02f, 48000); /* two periods */
    ph_rms_process(&r, out, in, p0, 48000, 0);
    cr_expect(fabs(out[47999] - M_SQRT1_2) < 1e-3, "%g", out[47999]);
    cr_expect(fabs(out[960 * 3] - M_SQRT1_2) < 1e-3);
    ph_dsp_fill(in, 0.5f, 48000);
    ph_dsp_fill(p0, 0.5f, 48000); /* a longer window: half the old sine, then DC 0.5 */
    ph_rms_process(&r, out, in, p0, 12000, 48000);
    double want = sqrt((12000 * 0.25 + 12000 * 0.5) / 24000);
    cr_expect(fabs(out[11999] - want) < 1e-3, "%g, not %g", out[11999], want);
    ph_rms_destroy(&r);
}

Test(dsp_ctl, asr_ramps_up_while_held_and_down_after)
{
    ph_asr a;
    ph_asr_init(&a, TD_RATE);
    for (int i = 0; i < 9600; i++) in[i] = i >= 100 && i < 4900 ? 1.0f : 0.0f;
    ph_dsp_fill(p0, 0.01f, 9600); /* 480 samples */
    ph_dsp_fill(p1, 0.02f, 9600); /* 960 samples */
    ph_asr_process(&a, out, in, p0, p1, 9600, 0);
    cr_expect_eq(out[99], 0.0f);
    cr_expect(fabs(out[100 + 239] - 0.5) < 0.003, "half way up: %g", out[339]);
    cr_expect_eq(out[100 + 480], 1.0f);
    cr_expect(fabs(out[4900 + 479] - 0.5) < 0.003, "half way down: %g", out[4900 + 479]);
    cr_expect_eq(out[4900 + 961], 0.0f);
}

Test(dsp_ctl, ramps_reach_their_end_values_at_their_times)
{
    /* the kernels against their formula, and the formula's landmarks */
    cr_expect(fabsf(ph_ramp_value(PH_RAMP_LINE, 200, 800, 2, 0, 1.0) - 500) < 1e-3f);
    cr_expect(fabsf(ph_ramp_value(PH_RAMP_XLINE, 1, 0.001f, 1, 0, 0.5) - sqrtf(0.001f)) < 1e-5f);
    cr_expect(fabsf(ph_ramp_value(PH_RAMP_XLINE, 200, 8000, 1, 0, 0.5) - 200 * sqrtf(40)) < 0.05f);
    cr_expect(fabsf(ph_ramp_value(PH_RAMP_XLINE, -1, 1, 1, 0, 0.25) - -0.5f) < 1e-5f, "linear across 0");
    cr_expect(fabsf(ph_ramp_value(PH_RAMP_CURVE, 0, 1, 1, 0, 0.3) - 0.3f) < 1e-5f, "curve 0 is linear");
    cr_expect(ph_ramp_value(PH_RAMP_CURVE, 0, 1, 1, 4, 0.5) < 0.15f, "curve > 0: slow, then fast");
    cr_expect(ph_ramp_value(PH_RAMP_CURVE, 0, 1, 1, -4, 0.5) > 0.85f, "curve < 0: fast, then slow");
    const ph_ramp_shape shapes[] = {PH_RAMP_LINE, PH_RAMP_XLINE, PH_RAMP_CURVE};
    for (int k = 0; k < 3; k++) {
        ph_ramp r;
        ph_ramp_init(&r, TD_RATE, shapes[k]);
        ph_dsp_fill(p0, 2.0f, N);
        ph_dsp_fill(p1, 0.01f, N);
        ph_dsp_fill(p2, 0.5f, N);
        ph_dsp_fill(p3, -3.0f, N);
        ph_ramp_process(&r, out, p0, p1, p2, p3, 48000, 0);
        cr_expect_eq(out[0], 2.0f, "starts at start");
        for (int i = 0; i < 24000; i += 997)
            cr_expect(fabsf(out[i] - ph_ramp_value(shapes[k], 2, 0.01f, 0.5f, -3, i / TD_RATE)) < 1e-6f);
        cr_expect(fabsf(out[23999] - 0.01f) < (k == 0 ? 1e-4f : 2e-3f), "shape %d just before the end: %g", k, out[23999]);
        for (int i = 24000; i < 48000; i++) cr_assert_eq(out[i], 0.01f, "held at the end");
    }
}

Test(dsp_ctl, segments_pass_through_their_levels)
{
    const float lv[] = {0, 1, 0.7f, 0.7f, 0}, tm[] = {0.1f, 0.2f, 0.0f, 0.3f};
    ph_segments s;
    ph_segments_init(&s, TD_RATE, lv, tm, 4);
    ph_segments_process(&s, out, 48000, 0);
    cr_expect_eq(out[0], 0.0f);
    cr_expect(fabsf(out[2400] - 0.5f) < 1e-4f, "half way up");
    cr_expect(fabsf(out[4800] - 1.0f) < 1e-4f);
    cr_expect(fabsf(out[4800 + 4800] - 0.85f) < 1e-4f, "half way from 1 to 0.7");
    cr_expect(fabsf(out[14400] - 0.7f) < 1e-4f, "a zero-length segment jumps");
    cr_expect(fabsf(out[14400 + 7200] - 0.35f) < 1e-4f);
    for (int i = 28800; i < 48000; i++) cr_assert_eq(out[i], 0.0f, "the last level is held");
}

/* ---- dynamics ---------------------------------------------------------------------------------- */

static double peak_of(const float *x, int n) { return td_peak(x, (uint32_t)n); }

Test(dsp_dyn, limiter_never_exceeds_the_ceiling, .timeout = 30)
{
    const float ceilings[] = {1.0f, 0.5f, 0.1f};
    for (int c = 0; c < 3; c++)
        for (int kind = 0; kind < 5; kind++) {
            ph_limiter l;
            cr_assert(ph_limiter_create(&l, TD_RATE, kind == 4 ? 0.0 : 0.005) == 0);
            ph_rng g;
            ph_rng_seed(&g, (uint32_t)(kind * 10 + c));
            for (int i = 0; i < N; i++) {
                switch (kind) {
                case 0: in[i] = (i / 24) % 2 ? 1.0f : -1.0f, key[i] = (i / 37) % 2 ? 1.0f : -1.0f; break; /* full-scale squares */
                case 1: in[i] = ((i / 60) % 2 ? 10.0f : -10.0f) * (i > 30000 ? 0.01f : 1.0f), key[i] = 0; break;
                case 2: in[i] = 100.0f * ph_rng_bipolar(&g), key[i] = ph_rng_bipolar(&g); break;
                case 3: in[i] = i % 4801 == 0 ? 50.0f : 0.0f, key[i] = i % 4801 == 1 ? -50.0f : 0.0f; break; /* clicks */
                default: in[i] = 3.0f * sinf(i * 0.3f) * (float)(i % 1000) / 300.0f, key[i] = -in[i]; break;
                }
            }
            ph_dsp_fill(p0, ceilings[c], N);
            ph_dsp_fill(p1, 0.05f, N);
            for (int off = 0; off < N; off += 333) {
                int n = N - off < 333 ? N - off : 333;
                ph_limiter_process(&l, out + off, out2 + off, in + off, key + off, p0 + off, p1 + off, (uint32_t)n,
                                   (uint64_t)off);
            }
            double pk = fmax(peak_of(out, N), peak_of(out2, N));
            cr_expect(pk <= ceilings[c], "input %d, ceiling %g: peak %.9g", kind, ceilings[c], pk);
            cr_expect(pk > 0.5 * ceilings[c], "input %d: limited to %g, far under the ceiling %g", kind, pk, ceilings[c]);
            ph_limiter_destroy(&l);
        }
}

Test(dsp_dyn, limiter_is_transparent_below_the_ceiling_and_only_delays)
{
    ph_limiter l;
    cr_assert(ph_limiter_create(&l, TD_RATE, 0.005) == 0);
    td_sine(in, 48000, 440, TD_RATE, 0.5);
    ph_dsp_fill(p0, 0.9f, 48000);
    ph_dsp_fill(p1, 0.05f, 48000);
    ph_limiter_process(&l, out, NULL, in, NULL, p0, p1, 48000, 0);
    uint32_t d = l.look - 1;
    cr_assert_eq(d, 239);
    for (int i = (int)d; i < 48000; i++) cr_assert_eq(out[i], in[i - (int)d], "%d", i);
    /* a loud burst: the gain comes down before it and recovers with the release */
    for (int i = 0; i < 48000; i++) in[i] = (i >= 10000 && i < 10100 ? 4.0f : 0.25f) * (i % 2 ? 1.0f : -1.0f);
    ph_limiter_process(&l, out, NULL, in, NULL, p0, p1, 48000, 48000);
    cr_expect(fabsf(out[10000 + d + 50]) <= 0.9f + 1e-6f);
    cr_expect(fabsf(out[10000 + d - 300]) > 0.249f, "untouched before the look-ahead window");
    cr_expect(fabsf(out[47000]) > 0.249f, "recovered");
    ph_limiter_destroy(&l);
}

/* Steady level in dB after a kernel settles on a sine of amplitude a. */
static double settled_db(const float *x) { return td_db(td_peak(x + 72000, 24000)); }

Test(dsp_dyn, compressor_gain_reduction_follows_its_static_curve)
{
    const float levels[] = {0, -6, -12, -30}, thr = -20, ratio = 4;
    for (int k = 0; k < 4; k++) {
        ph_comp c;
        ph_comp_init(&c, TD_RATE);
        td_sine(in, N, 1000, TD_RATE, exp10(levels[k] / 20));
        ph_dsp_fill(p0, thr, N);
        ph_dsp_fill(p1, ratio, N);
        ph_dsp_fill(p2, 0.0005f, N);
        ph_dsp_fill(p3, 0.5f, N);
        ph_comp_process(&c, out, in, p0, p1, p2, p3, N, 0);
        double want = levels[k] > thr ? thr + (levels[k] - thr) / ratio : levels[k];
        cr_expect(fabs(settled_db(out) - want) < 0.6, "%g dB in: %g dB out, curve %g", levels[k], settled_db(out), want);
    }
}

Test(dsp_dyn, compressor_key_drives_the_reduction)
{
    ph_comp c;
    ph_comp_init(&c, TD_RATE);
    td_sine(in, N, 300, TD_RATE, 0.1); /* quiet: would not be compressed by itself */
    for (int i = 0; i < N; i++) key[i] = (i / 24000) % 2 ? 0.0f : 1.0f; /* loud key, then none */
    ph_dsp_fill(p0, -20, N);
    ph_dsp_fill(p1, 4, N);
    ph_dsp_fill(p2, 0.001f, N);
    ph_dsp_fill(p3, 0.05f, N);
    ph_comp_process_keyed(&c, out, in, key, p0, p1, p2, p3, N, 0);
    double ducked = td_db(td_peak(out + 12000, 12000) / 0.1), free_ = td_db(td_peak(out + 36000, 12000) / 0.1);
    cr_expect(fabs(ducked - -15) < 0.5, "key at 0 dB, threshold -20, 4:1: 15 dB down, got %g", ducked);
    cr_expect(fabs(free_) < 0.1, "no key, no reduction: %g", free_);
}

Test(dsp_dyn, expanders_follow_their_static_curves)
{
    const struct {
        bool up;
        float level, thr, ratio;
    } cases[] = {{true, -10, -20, 2}, {true, -30, -20, 2}, {true, 0, -40, 3}, {false, -40, -20, 2}, {false, -10, -20, 4},
                 {false, -60, -20, 10}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ph_expander e;
        ph_expander_init(&e, TD_RATE, cases[k].up);
        td_sine(in, N, 1000, TD_RATE, exp10(cases[k].level / 20));
        ph_dsp_fill(p0, cases[k].thr, N);
        ph_dsp_fill(p1, cases[k].ratio, N);
        ph_dsp_fill(p2, 0.0005f, N);
        ph_dsp_fill(p3, 0.5f, N);
        ph_expander_process(&e, out, in, NULL, p0, p1, p2, p3, N, 0);
        double want = cases[k].level + ph_expander_gain_db(cases[k].up, cases[k].level, cases[k].thr, cases[k].ratio);
        cr_expect(fabs(settled_db(out) - want) < 0.6, "case %zu: %g dB out, curve %g", k, settled_db(out), want);
    }
    cr_expect_eq(ph_expander_gain_db(true, 0, -40, 3), 24.0f, "upward gain is capped at 24 dB");
    cr_expect_eq(ph_expander_gain_db(false, -120, -20, 10), -80.0f, "downward at -80 dB");
}
