/* The cookbook filters (dsp/ph_rbj.h), the DJ filter, comb and all-pass (dsp/ph_comb.h):
 * magnitude responses measured on sines against the analytic responses, stability under
 * extreme and jumping parameters. */
#include <criterion/criterion.h>

#include "dsp/ph_comb.h"
#include "dsp/ph_rbj.h"
#include "rack_test_util.h"
#include "test_dsp_util.h"

#define N 24000
#define SETTLE 12000

static double measured_db(ph_rbj_mode mode, float f0, float q, float gain_db, double f)
{
    float *in = td_buf(N, 0), *out = td_buf(N, 0), *fb = td_buf(N, f0), *qb = td_buf(N, q), *gb = td_buf(N, gain_db);
    td_sine(in, N, f, TD_RATE, 0.5);
    ph_rbj r;
    ph_rbj_init(&r, TD_RATE, mode, 0.1f, 100.0f);
    ph_rbj_process(&r, out, in, fb, qb, gb, N, 0);
    cr_assert(td_finite(out, N));
    double g = td_rms(out + SETTLE, N - SETTLE) / td_rms(in + SETTLE, N - SETTLE);
    free(in), free(out), free(fb), free(qb), free(gb);
    return td_db(g);
}

Test(dsp_rbj, every_mode_matches_the_cookbook_response)
{
    static const struct {
        ph_rbj_mode mode;
        float f0, q, gain;
    } cases[] = {{PH_RBJ_LP, 1000, 0.7071f, 0}, {PH_RBJ_LP, 2000, 8, 0},       {PH_RBJ_HP, 500, 0.7071f, 0},
                 {PH_RBJ_HP, 3000, 4, 0},       {PH_RBJ_BP, 1000, 5, 0},       {PH_RBJ_BP, 300, 0.5f, 0},
                 {PH_RBJ_NOTCH, 1000, 2, 0},    {PH_RBJ_AP, 1500, 1, 0},       {PH_RBJ_PEAK, 1000, 1, 9},
                 {PH_RBJ_PEAK, 4000, 3, -12},   {PH_RBJ_LOWSHELF, 200, 0.7071f, 6}, {PH_RBJ_HIGHSHELF, 5000, 0.7071f, -8}};
    static const double probe[] = {60, 250, 700, 1000, 1400, 3000, 7000, 15000};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        for (size_t p = 0; p < sizeof probe / sizeof probe[0]; p++) {
            double want = cookbook_db(cases[c].mode, cases[c].f0, cases[c].q, cases[c].gain, probe[p], TD_RATE);
            if (want < -60) continue; /* deep in a stop band the measurement is noise */
            double got = measured_db(cases[c].mode, cases[c].f0, cases[c].q, cases[c].gain, probe[p]);
            cr_expect(fabs(got - want) < 0.15, "mode %d f0 %g q %g gain %g at %g Hz: %.3f dB, cookbook %.3f dB",
                      cases[c].mode, cases[c].f0, cases[c].q, cases[c].gain, probe[p], got, want);
        }
    }
    /* the notch's zero and the band-pass's 0 dB centre */
    cr_expect(measured_db(PH_RBJ_NOTCH, 1000, 2, 0, 1000) < -40);
    cr_expect(fabs(measured_db(PH_RBJ_BP, 1000, 20, 0, 1000)) < 0.1);
}

Test(dsp_rbj, stable_and_finite_under_extreme_and_jumping_parameters)
{
    const uint32_t n = 48000;
    float *in = td_buf(n, 0), *out = td_buf(n, 0), *f = td_buf(n, 0), *q = td_buf(n, 0), *g = td_buf(n, 0);
    ph_rng r;
    ph_rng_seed(&r, 3);
    static const float wild[] = {0, -5, 1e9f, NAN, INFINITY, -INFINITY, 1e-30f, 23999, 10, 20000};
    for (uint32_t i = 0; i < n; i++) {
        in[i] = i % 997 == 0 ? NAN : ph_rng_bipolar(&r);
        uint32_t k = (i / 37) % 10;
        f[i] = wild[k];
        q[i] = wild[(k + 3) % 10];
        g[i] = wild[(k + 5) % 10];
    }
    for (int mode = PH_RBJ_LP; mode <= PH_RBJ_HIGHSHELF; mode++) {
        ph_rbj s;
        ph_rbj_init(&s, TD_RATE, (ph_rbj_mode)mode, 0.1f, 100.0f);
        ph_rbj_process(&s, out, in, f, q, g, n, 0);
        cr_assert(td_finite(out, n), "mode %d", mode);
        cr_expect(td_peak(out, n) < 1e4, "mode %d peak %g", mode, td_peak(out, n));
        /* and it recovers: steady parameters and silence bring it back to rest */
        float *z = td_buf(n, 0), *f1 = td_buf(n, 1000), *q1 = td_buf(n, 2), *g1 = td_buf(n, 6);
        ph_rbj_process(&s, out, z, f1, q1, g1, n, n);
        cr_expect(td_peak(out + n / 2, n / 2) < 1e-6, "mode %d still ringing: %g", mode, td_peak(out + n / 2, n / 2));
        free(z), free(f1), free(q1), free(g1);
    }
    ph_djf d;
    ph_djf_init(&d, TD_RATE);
    ph_djf_process(&d, out, in, f, n, 0);
    cr_assert(td_finite(out, n));
    free(in), free(out), free(f), free(q), free(g);
}

static double djf_db(float value, double hz)
{
    float *in = td_buf(N, 0), *out = td_buf(N, 0), *v = td_buf(N, value);
    td_sine(in, N, hz, TD_RATE, 0.5);
    ph_djf d;
    ph_djf_init(&d, TD_RATE);
    ph_djf_process(&d, out, in, v, N, 0);
    double g = td_rms(out + SETTLE, N - SETTLE) / td_rms(in + SETTLE, N - SETTLE);
    free(in), free(out), free(v);
    return td_db(g);
}

Test(dsp_rbj, djf_is_open_at_half_low_pass_below_high_pass_above)
{
    for (double hz = 100; hz <= 8000; hz *= 4) cr_expect(fabs(djf_db(0.5f, hz)) < 1.0, "0.5 at %g Hz: %g", hz, djf_db(0.5f, hz));
    float lp, hp;
    ph_djf_cutoffs(0.25f, &lp, &hp);
    cr_expect(fabs(lp - 632.5f) < 1 && hp == 20.0f, "0.25: lp %g hp %g", lp, hp);
    ph_djf_cutoffs(0.75f, &lp, &hp);
    cr_expect(lp == 20000.0f && fabs(hp - 447.2f) < 1, "0.75: lp %g hp %g", lp, hp);
    cr_expect(djf_db(0.25f, 100) > -1 && djf_db(0.25f, 5000) < -30);
    cr_expect(djf_db(0.75f, 5000) > -1 && djf_db(0.75f, 100) < -20);
    /* continuous through the middle: no jump from low-pass to high-pass */
    cr_expect(fabs(djf_db(0.49f, 1000) - djf_db(0.51f, 1000)) < 1.0);
}

Test(dsp_comb, resonates_at_freq_with_the_feedback_gain)
{
    const float fb = 0.9f;
    static const float freqs[] = {441, 1000, 110.3f};
    for (size_t k = 0; k < 3; k++) {
        float f0 = freqs[k];
        double at = 0, off = 0;
        for (int which = 0; which < 2; which++) {
            double hz = which ? f0 * 1.5 : f0; /* the peak, and the trough between peaks */
            float *in = td_buf(N, 0), *out = td_buf(N, 0), *fr = td_buf(N, f0), *g = td_buf(N, fb);
            td_sine(in, N, hz, TD_RATE, 0.05);
            ph_comb c;
            cr_assert(ph_comb_create(&c, TD_RATE) == 0);
            ph_comb_process(&c, out, in, fr, g, N, 0);
            double gain = td_rms(out + SETTLE, N - SETTLE) / td_rms(in + SETTLE, N - SETTLE);
            if (which) off = gain;
            else at = gain;
            ph_comb_destroy(&c);
            free(in), free(out), free(fr), free(g);
        }
        cr_log_info("comb %g Hz fb %g: gain %.2f at freq, %.3f at 1.5 freq", f0, fb, at, off);
        cr_expect(fabs(at - 1 / (1 - fb)) < 0.05 * (1 / (1 - fb)), "at %g: %g", f0, at);
        cr_expect(fabs(off - 1 / (1 + fb)) < 0.05, "off %g: %g", f0, off);
    }
}

Test(dsp_comb, impulse_echoes_every_period_decaying_by_feedback)
{
    const uint32_t n = 4800;
    float *in = td_buf(n, 0), *out = td_buf(n, 0), *fr = td_buf(n, 480), *g = td_buf(n, 0.5f);
    in[0] = 1;
    ph_comb c;
    cr_assert(ph_comb_create(&c, TD_RATE) == 0);
    ph_comb_process(&c, out, in, fr, g, n, 0);
    for (int k = 0; k < 5; k++) cr_expect(fabs(out[100 * k] - pow(0.5, k)) < 1e-4, "echo %d: %g", k, out[100 * k]);
    cr_expect(fabs(out[150]) < 1e-6);
    ph_comb_destroy(&c);
    free(in), free(out), free(fr), free(g);
}

Test(dsp_comb, finite_whatever_the_parameters_and_glides_without_jumps)
{
    const uint32_t n = 48000;
    float *in = td_buf(n, 0), *out = td_buf(n, 0), *fr = td_buf(n, 0), *g = td_buf(n, 0);
    static const float wild[] = {0, -5, 1e9f, NAN, INFINITY, 1e-30f, 20, 30000, 440};
    for (uint32_t i = 0; i < n; i++) {
        in[i] = i % 501 == 0 ? (i % 2 ? NAN : 1e30f) : 0.3f * sinf(i * 0.01f);
        fr[i] = wild[(i / 53) % 9];
        g[i] = wild[(i / 71 + 4) % 9];
    }
    ph_comb c;
    cr_assert(ph_comb_create(&c, TD_RATE) == 0);
    ph_comb_process(&c, out, in, fr, g, n, 0);
    cr_assert(td_finite(out, n));
    ph_comb_destroy(&c);
    /* a frequency step bends the delay: a sine through it stays smooth (no step in the output) */
    for (uint32_t i = 0; i < n; i++) {
        in[i] = 0.5f * sinf(2 * (float)M_PI * 200 * i / 48000);
        fr[i] = i < n / 2 ? 300 : 1200;
        g[i] = 0.3f;
    }
    cr_assert(ph_comb_create(&c, TD_RATE) == 0);
    ph_comb_process(&c, out, in, fr, g, n, 0);
    double jump = 0, steady = 0;
    for (uint32_t i = 1; i < n; i++) {
        double d = fabs(out[i] - out[i - 1]);
        if (i > n / 2 - 10 && i < n / 2 + 2000) jump = d > jump ? d : jump;
        else if (i > 1000) steady = d > steady ? d : steady;
    }
    cr_log_info("comb step: largest sample step %.4f at the change, %.4f elsewhere", jump, steady);
    cr_expect(jump < 2.0 * steady, "a click: %g vs %g", jump, steady);
    ph_comb_destroy(&c);
    free(in), free(out), free(fr), free(g);
}

Test(dsp_allpass, unit_gain_everywhere_and_the_seeds_phase)
{
    static const double probe[] = {50, 500, 2000, 9000, 20000};
    for (size_t p = 0; p < 5; p++) {
        float *in = td_buf(N, 0), *out = td_buf(N, 0), *g = td_buf(N, 0.6f);
        td_sine(in, N, probe[p], TD_RATE, 0.5);
        ph_allpass1 a;
        ph_allpass1_init(&a);
        ph_allpass1_process(&a, out, in, g, N, 0);
        double gain = td_rms(out + SETTLE, N - SETTLE) / td_rms(in + SETTLE, N - SETTLE);
        cr_expect(fabs(td_db(gain)) < 0.05, "%g Hz: %g dB", probe[p], td_db(gain));
        free(in), free(out), free(g);
    }
    /* impulse response of y = g (x - y1) + x1: g, 1 - g^2, -g (1 - g^2), ... */
    float in[8] = {1}, out[8], g[8] = {0.6f, 0.6f, 0.6f, 0.6f, 0.6f, 0.6f, 0.6f, 0.6f};
    ph_allpass1 a;
    ph_allpass1_init(&a);
    ph_allpass1_process(&a, out, in, g, 8, 0);
    cr_expect(fabsf(out[0] - 0.6f) < 1e-6f && fabsf(out[1] - 0.64f) < 1e-6f && fabsf(out[2] + 0.384f) < 1e-6f);
}
