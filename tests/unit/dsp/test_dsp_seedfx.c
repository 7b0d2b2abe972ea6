/* The seed's diffuser (dsp/ph_diffuser.h) and waveguide string (dsp/ph_waveguide.h),
 * measured: the diffuser keeps a click's energy and spreads it into a dense cloud after
 * its shortest path; the string sounds at its pitch, decays faster with more damping,
 * loses its even harmonics when picked up at the middle; block splits and absurd inputs. */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_diffuser.h"
#include "dsp/ph_freeze.h"
#include "dsp/ph_waveguide.h"
#include "test_dsp_split.h"
#include "test_dsp_util.h"

#define N 96000

static float in[N], out[N], p0[N], p1[N], p2[N], trig[N];

static void diffuse_click(float amount)
{
    ph_diffuser d;
    cr_assert_eq(ph_diffuser_create(&d, TD_RATE), 0);
    memset(in, 0, sizeof in);
    in[0] = 1.0f;
    ph_dsp_fill(p0, amount, 48000);
    ph_diffuser_process(&d, out, in, p0, 48000, 0);
    ph_diffuser_destroy(&d);
}

Test(dsp_seedfx, diffuser_keeps_a_clicks_energy_and_spreads_it)
{
    const float amounts[] = {0.0f, 0.5f, 1.0f};
    int dense[3];
    for (int k = 0; k < 3; k++) {
        diffuse_click(amounts[k]);
        double e = 0;
        int first = -1;
        dense[k] = 0;
        for (int i = 0; i < 48000; i++) {
            e += (double)out[i] * out[i];
            if (first < 0 && fabsf(out[i]) > 1e-9f) first = i;
            if (i < 1440 && fabsf(out[i]) > 1e-4f) dense[k]++; /* the first 30 ms */
        }
        /* the 8 channels together keep the energy exactly; their sum keeps it within ~1 dB */
        cr_expect(fabs(10 * log10(e)) < 1.5, "diffusion %g: energy %g", amounts[k], e);
        /* pure delays: nothing before the shortest path, each step's shortest delay, 23 x
         * (1 + 1.5 + 2 + 3) samples at 44.1 kHz; the all-passes pass a little at once */
        if (amounts[k] == 0.0f) cr_expect(first >= 180, "first echo at %d", first);
    }
    cr_expect(dense[2] > 600, "a dense cloud: %d echoes in 30 ms", dense[2]);
    cr_expect(dense[2] > 2 * dense[0], "denser with diffusion: %d vs %d", dense[2], dense[0]);
}

static void string_of(float f, float damping, float pickup, uint32_t n)
{
    ph_waveguide w;
    cr_assert_eq(ph_waveguide_create(&w, TD_RATE), 0);
    ph_dsp_fill(p0, f, n);
    ph_dsp_fill(p1, damping, n);
    ph_dsp_fill(p2, pickup, n);
    ph_waveguide_process(&w, out, p0, p1, p2, NULL, n, 0);
    ph_waveguide_destroy(&w);
}

Test(dsp_seedfx, waveguide_sounds_at_its_pitch)
{
    string_of(220.0f, 0.2f, 0.3f, 48000);
    /* the period: two rails of floor(48000 / 440) = 109 samples and half a sample of the
     * bridge's average: 218.5 samples */
    double f0 = TD_RATE / 218.5;
    double at = td_amp(out, 48000, f0, TD_RATE), off = td_amp(out, 48000, f0 * 1.5, TD_RATE);
    cr_expect(at > 0.02 && at > 10 * off, "fundamental %g, between harmonics %g", at, off);
    cr_expect(td_peak(out, 48000) <= 1.0);
}

Test(dsp_seedfx, waveguide_decays_faster_with_damping)
{
    string_of(220.0f, 0.0f, 0.3f, 96000);
    double slow = td_rms(out + 72000, 24000) / td_rms(out + 2400, 24000);
    string_of(220.0f, 1.0f, 0.3f, 96000);
    double fast = td_rms(out + 72000, 24000) / td_rms(out + 2400, 24000);
    /* the seed's loss per round trip, 1 - damping^2 / 1000: at 220 Hz, 0.999^330 = 0.72
     * after 1.5 s more than without it (the two-point average sets most of the decay) */
    cr_expect(fast < 0.8 * slow && fast > 0.6 * slow, "level after 1.5 s: %g (damping 1) vs %g (damping 0)", fast, slow);
}

Test(dsp_seedfx, waveguide_picked_at_the_middle_loses_even_harmonics)
{
    double f0 = TD_RATE / 218.5;
    string_of(220.0f, 0.2f, 0.5f, 48000);
    double mid = td_amp(out, 48000, 2 * f0, TD_RATE) / td_amp(out, 48000, f0, TD_RATE);
    string_of(220.0f, 0.2f, 0.25f, 48000);
    double quarter = td_amp(out, 48000, 2 * f0, TD_RATE) / td_amp(out, 48000, f0, TD_RATE);
    cr_expect(mid < 0.3 * quarter, "2nd harmonic / fundamental: %g at the middle, %g at a quarter", mid, quarter);
}

static ph_waveguide split_w;
static ph_diffuser split_d;
static void w_init(void) { cr_assert_eq(ph_waveguide_create(&split_w, TD_RATE), 0); }
static void w_run(float *o, uint32_t off, uint32_t n)
{
    ph_waveguide_process(&split_w, o + off, p0 + off, p1 + off, p2 + off, trig + off, n, off);
}
static void w_done(void) { ph_waveguide_destroy(&split_w); }
static void d_init(void) { cr_assert_eq(ph_diffuser_create(&split_d, TD_RATE), 0); }
static void d_run(float *o, uint32_t off, uint32_t n) { ph_diffuser_process(&split_d, o + off, in + off, p1 + off, n, off); }
static void d_done(void) { ph_diffuser_destroy(&split_d); }

Test(dsp_seedfx, block_splits_and_absurd_inputs)
{
    for (int i = 0; i < 9600; i++) {
        p0[i] = i < 3000 ? 220.0f : i < 6000 ? 330.0f : 330.5f; /* a change of pitch plucks; half a Hz does not */
        p1[i] = (float)(0.5 + 0.5 * sin(i * 0.001));
        p2[i] = (float)(0.5 + 0.4 * sin(i * 0.002));
        trig[i] = i == 8000 ? 1.0f : 0.0f;
        in[i] = i % 1000 == 0 ? 1.0f : 0.0f;
    }
    td_kernel kw = {"waveguide", w_init, w_run, w_done}, kd = {"diffuser", d_init, d_run, d_done};
    td_check_split(&kw, 9600);
    td_check_split(&kd, 9600);
    const float absurd[] = {NAN, INFINITY, -INFINITY, 1e30f, -1e30f, 1e-40f, 0.0f};
    for (int i = 0; i < 700; i++) p0[i] = p1[i] = p2[i] = trig[i] = in[i] = absurd[i % 7];
    w_init();
    ph_waveguide_process(&split_w, out, p0, p1, p2, trig, 700, 0);
    w_done();
    cr_assert(td_finite(out, 700));
    d_init();
    ph_diffuser_process(&split_d, out, in, p1, 700, 0);
    d_done();
    cr_assert(td_finite(out, 700));
}

/* ---- freeze ------------------------------------------------------------------------------- */

static ph_freeze fz;

Test(dsp_seedfx, freeze_passes_until_triggered_then_holds_the_spectrum)
{
    cr_assert_eq(ph_freeze_create(&fz), 0);
    /* 440 Hz for 0.5 s, then 1000 Hz; the trigger rises at 0.25 s */
    for (int i = 0; i < N; i++) {
        in[i] = (float)sin(2 * M_PI * (i < 24000 ? 440.0 : 1000.0) * i / TD_RATE);
        trig[i] = i >= 12000 && i < 12100 ? 1.0f : 0.0f;
    }
    ph_freeze_process(&fz, out, in, trig, N, 0);
    /* before the trigger: the input, 2048 samples late */
    double worst = 0;
    for (int i = 4096; i < 12000; i++) worst = fmax(worst, fabs(out[i] - in[i - PH_FREEZE_N]));
    cr_expect(worst < 1e-3, "passes unchanged (2048 late): %g", worst);
    /* long after: 440 Hz held (steady, full level), no 1000 Hz */
    double held = td_amp(out + 48000, 48000, 440, TD_RATE), other = td_amp(out + 48000, 48000, 1000, TD_RATE);
    cr_expect(held > 0.7 && held < 1.3, "the frozen 440 Hz: %g", held);
    cr_expect(other < 0.05, "the new input is not heard: %g", other);
    double a = td_rms(out + 48000, 24000), b = td_rms(out + 72000, 24000);
    cr_expect(fabs(a / b - 1) < 0.05, "steady: %g vs %g", a, b);
    ph_freeze_destroy(&fz);
}

static void fz_init(void) { cr_assert_eq(ph_freeze_create(&fz), 0); }
static void fz_run(float *o, uint32_t off, uint32_t n) { ph_freeze_process(&fz, o + off, in + off, trig + off, n, off); }
static void fz_done(void) { ph_freeze_destroy(&fz); }

Test(dsp_seedfx, freeze_block_splits_and_absurd_inputs)
{
    for (int i = 0; i < 9600; i++) {
        in[i] = (float)(0.5 * sin(i * 0.05) + 0.3 * sin(i * 0.31));
        trig[i] = i % 3000 < 10 && i > 0 ? 1.0f : 0.0f;
    }
    td_kernel k = {"freeze", fz_init, fz_run, fz_done};
    td_check_split(&k, 9600);
    const float absurd[] = {NAN, INFINITY, -INFINITY, 1e30f, -1e30f, 1e-40f, 0.0f};
    for (int i = 0; i < 6000; i++) in[i] = trig[i] = absurd[i % 7];
    fz_init();
    ph_freeze_process(&fz, out, in, trig, 6000, 0);
    fz_done();
    cr_assert(td_finite(out, 6000));
}
