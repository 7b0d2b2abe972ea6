/* The seed's control, routing and source kernels (dsp/ph_seedctl.h, dsp/ph_softsaw.h),
 * measured: latch holds at rises through 0.5 only, schmidt's hysteresis, timer's seconds,
 * cond's side and cross-fade, pan2's equal-power gains, phasor's ramp, the soft saw's
 * 1/k^2 harmonics and its band-limiting; block splits and absurd inputs for the stateful
 * ones. (latch, schmidt and timer also go through every-kernel tests: PH_KERNEL_LIST.) */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_seedctl.h"
#include "dsp/ph_softsaw.h"
#include "test_dsp_split.h"
#include "test_dsp_util.h"

#define N 48000

static float in[N], out[N], p0[N], p1[N], p2[N];

Test(dsp_seedctl, latch_samples_where_the_gate_rises_through_half)
{
    ph_latch l;
    ph_latch_init(&l);
    for (int i = 0; i < 100; i++) {
        in[i] = (float)i;
        p0[i] = i == 10 || i == 11 ? 1.0f : i == 40 ? 0.45f : i == 60 ? 0.5f : i == 80 ? 0.9f : 0.0f;
    }
    ph_latch_process(&l, out, in, p0, 100, 0);
    cr_expect_eq(out[9], 0.0f, "0 before the first rise");
    cr_expect_eq(out[10], 10.0f);
    cr_expect_eq(out[11], 10.0f, "held while the gate stays high");
    cr_expect_eq(out[45], 10.0f, "0.45 is not a rise");
    cr_expect_eq(out[60], 60.0f, "0.5 is");
    cr_expect_eq(out[99], 80.0f);
}

Test(dsp_seedctl, schmidt_switches_with_hysteresis)
{
    ph_schmidt s;
    ph_schmidt_init(&s);
    td_sine(in, N, 3.0, TD_RATE, 1.0); /* one cycle: 16000 samples */
    ph_dsp_fill(p0, 0.5f, N);
    ph_dsp_fill(p1, -0.5f, N);
    ph_schmidt_process(&s, out, in, p0, p1, N, 0);
    /* sin > 0.5 from 1/12 of a cycle; stays on until sin < -0.5 at 7/12 */
    cr_expect_eq(out[1300], 0.0f);
    cr_expect_eq(out[1400], 1.0f);
    cr_expect_eq(out[8000], 1.0f, "on through the zero crossing (hysteresis)");
    cr_expect_eq(out[9400], 0.0f);
    cr_expect_eq(out[13000], 0.0f, "off through the next zero crossing");
    for (int i = 0; i < N; i++) cr_assert(out[i] == 0.0f || out[i] == 1.0f);
}

Test(dsp_seedctl, timer_counts_seconds_since_the_rise)
{
    ph_timer t;
    ph_timer_init(&t, TD_RATE);
    memset(p0, 0, sizeof p0);
    p0[24000] = 1.0f;
    p0[24001] = 1.0f; /* still high: not a new rise */
    ph_timer_process(&t, out, p0, N, 0);
    cr_expect_eq(out[0], (float)(1.0 / TD_RATE), "the seed's: 1/rate on the first sample");
    cr_expect(fabs(out[23999] - 0.5) < 1e-6);
    cr_expect_eq(out[24000], 0.0f);
    cr_expect(fabs(out[47999] - 23999 / TD_RATE) < 1e-6, "%g", out[47999]);
}

Test(dsp_seedctl, cond_takes_a_side_and_crossfades_in_5_ms)
{
    ph_cond c;
    ph_cond_init(&c, TD_RATE);
    for (int i = 0; i < 2000; i++) {
        p0[i] = i < 1000 ? 1.0f : 0.2f;
        p1[i] = 3.0f;
        p2[i] = -1.0f;
    }
    ph_cond_process(&c, out, p0, p1, p2, 2000, 0);
    cr_expect_eq(out[0], 3.0f, "the first sample starts on its side");
    cr_expect_eq(out[999], 3.0f);
    cr_expect(out[1100] < 3.0f && out[1100] > -1.0f, "fading: %g", out[1100]);
    cr_expect_eq(out[1000 + 241], -1.0f, "else after 5 ms");
    for (int i = 1; i < 2000; i++) cr_assert(fabsf(out[i] - out[i - 1]) < 0.02f, "no step at %d", i);
}

Test(dsp_seedctl, pan2_is_equal_power)
{
    for (int k = 0; k <= 20; k++) {
        float pos = -1.0f + k * 0.1f, x = 1.0f, l, r;
        ph_pan2_process(&l, &x, &pos, 0, 1);
        ph_pan2_process(&r, &x, &pos, 1, 1);
        cr_expect(fabs(l * l + r * r - 1.0) < 1e-5, "power at %g: %g", pos, l * l + r * r);
    }
    float x = 1.0f, pos = -1.0f, l, r;
    ph_pan2_process(&l, &x, &pos, 0, 1);
    ph_pan2_process(&r, &x, &pos, 1, 1);
    cr_expect(fabs(l - 1.0) < 1e-6 && fabs(r) < 1e-6, "hard left");
    pos = 5.0f; /* clamped: hard right */
    ph_pan2_process(&r, &x, &pos, 1, 1);
    cr_expect(fabs(r - 1.0) < 1e-6);
    pos = NAN;
    ph_pan2_process(&r, &x, &pos, 1, 1);
    cr_expect(fabs(r - sqrt(0.5)) < 1e-6, "NaN: the centre");
}

Test(dsp_seedctl, phasor_ramps_with_the_cycle)
{
    cr_expect(fabs(ph_phasor_value(0.25, 1.0f) - 0.25) < 1e-7);
    cr_expect(fabs(ph_phasor_value(3.25, 2.0f) - 0.5) < 1e-7);
    cr_expect(fabs(ph_phasor_value(0.25, -1.0f) - 0.75) < 1e-7, "backwards");
    cr_expect(fabs(ph_phasor_value(0.25, NAN) - 0.25) < 1e-7, "NaN speed: 1");
    float v = ph_phasor_value(1e9, 1e30f);
    cr_expect(v >= 0.0f && v < 1.0f);
    cr_expect(ph_phasor_value(-1e-18, 1.0f) < 1.0f);
}

Test(dsp_seedctl, soft_saw_harmonics_fall_as_one_over_k_squared)
{
    ph_softsaw s;
    ph_softsaw_init(&s, TD_RATE);
    ph_dsp_fill(p0, 100.0f, N);
    ph_softsaw_process(&s, out, p0, N, 0);
    double a1 = td_amp(out, N, 100, TD_RATE);
    cr_expect(fabs(a1 - 6.0 / (M_PI * M_PI)) < 0.01, "fundamental %g", a1); /* 1/(pi^2/6) */
    for (int k = 2; k <= 8; k++) {
        double ak = td_amp(out, N, 100.0 * k, TD_RATE);
        cr_expect(fabs(ak / a1 - 1.0 / (k * k)) < 0.01, "harmonic %d: %g", k, ak / a1);
    }
    cr_expect(td_peak(out, N) <= 1.0 && td_peak(out, N) > 0.95);
    double mean = 0;
    for (int i = 0; i < N; i++) mean += out[i];
    cr_expect(fabs(mean / N) < 1e-3, "no DC: %g", mean / N);
}

Test(dsp_seedctl, soft_saw_is_band_limited)
{
    /* 3 kHz at 48 kHz: without the corner's correction the aliases of harmonics 9..15 land
     * at 21, 18, 15 ... kHz - k 3 kHz; with it, the first alias (above 24 kHz, harmonic 9
     * at 27 kHz -> 21 kHz) is far below what the naive wave has there */
    ph_softsaw s;
    ph_softsaw_init(&s, TD_RATE);
    ph_dsp_fill(p0, 3100.0f, N);
    ph_softsaw_process(&s, out, p0, N, 0);
    double alias = td_amp(out, N, 48000 - 9 * 3100, TD_RATE), a1 = td_amp(out, N, 3100, TD_RATE);
    double naive_alias = a1 / 81.0;
    cr_expect(alias < 0.5 * naive_alias, "alias %g vs naive %g", alias, naive_alias);
}

static ph_softsaw split_saw;
static ph_timer split_timer;
static ph_cond split_cond;
static void saw_init(void) { ph_softsaw_init(&split_saw, TD_RATE); }
static void saw_run(float *o, uint32_t off, uint32_t n) { ph_softsaw_process(&split_saw, o + off, p0 + off, n, off); }
static void timer_init(void) { ph_timer_init(&split_timer, TD_RATE); }
static void timer_run(float *o, uint32_t off, uint32_t n) { ph_timer_process(&split_timer, o + off, p1 + off, n, off); }
static void cond_init(void) { ph_cond_init(&split_cond, TD_RATE); }
static void cond_run(float *o, uint32_t off, uint32_t n)
{
    ph_cond_process(&split_cond, o + off, p2 + off, p0 + off, p1 + off, n, off);
}
static void done(void) {}

Test(dsp_seedctl, block_splits_and_absurd_inputs)
{
    for (int i = 0; i < 9600; i++) {
        p0[i] = (float)(200.0 + 4000.0 * sin(i * 0.001)); /* through 0 and negative */
        p1[i] = i % 700 == 0 ? 1.0f : 0.0f;
        p2[i] = (float)sin(i * 0.01);
    }
    td_kernel k1 = {"soft_saw", saw_init, saw_run, done}, k2 = {"timer", timer_init, timer_run, done},
              k3 = {"cond", cond_init, cond_run, done};
    td_check_split(&k1, 9600);
    td_check_split(&k2, 9600);
    td_check_split(&k3, 9600);
    const float absurd[] = {NAN, INFINITY, -INFINITY, 1e30f, -1e30f, 1e-40f};
    for (int i = 0; i < 600; i++) p0[i] = p1[i] = p2[i] = in[i] = absurd[i % 6];
    ph_softsaw_init(&split_saw, TD_RATE);
    ph_softsaw_process(&split_saw, out, p0, 600, 0);
    cr_assert(td_finite(out, 600));
    ph_cond_init(&split_cond, TD_RATE);
    ph_cond_process(&split_cond, out, p0, p1, p2, 600, 0);
    cr_assert(td_finite(out, 600));
    ph_latch l;
    ph_latch_init(&l);
    ph_latch_process(&l, out, in, p0, 600, 0);
    cr_assert(td_finite(out, 600));
    ph_schmidt sc;
    ph_schmidt_init(&sc);
    ph_schmidt_process(&sc, out, in, p0, p1, 600, 0);
    cr_assert(td_finite(out, 600));
    ph_pan2_process(out, in, p0, 1, 600);
    cr_assert(td_finite(out, 600));
}
