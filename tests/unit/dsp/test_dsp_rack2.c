/* The rack's second family of kernels: Karplus-Strong pluck (dsp/ph_comb.h), formant and
 * vowel (dsp/ph_formant.h), additive (dsp/ph_additive.h), wavetables (dsp/ph_wavetable.h)
 * and granular (dsp/ph_granular.h) -- pitch, decay, spectra, grain counts -- and finite
 * output whatever the parameters. */
#include <complex.h>
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_additive.h"
#include "dsp/ph_comb.h"
#include "dsp/ph_formant.h"
#include "dsp/ph_granular.h"
#include "dsp/ph_wavetable.h"
#include "test_dsp_util.h"

#define S 48000

/* The period of x[a, a + n) in samples by autocorrelation (the best lag in [lo, hi], refined
 * by a parabola through its neighbours). */
static double period_of(const float *x, uint32_t a, uint32_t n, uint32_t lo, uint32_t hi)
{
    double best = -1e30, at = lo, r[3] = {0};
    for (uint32_t lag = lo; lag <= hi; lag++) {
        double s = 0;
        for (uint32_t i = 0; i < n; i++) s += (double)x[a + i] * x[a + i + lag];
        if (s > best) best = s, at = lag;
    }
    for (int k = -1; k <= 1; k++) {
        double s = 0;
        for (uint32_t i = 0; i < n; i++) s += (double)x[a + i] * x[a + i + (uint32_t)(at + k)];
        r[k + 1] = s;
    }
    double den = r[0] - 2 * r[1] + r[2];
    return at + (den != 0 ? 0.5 * (r[0] - r[2]) / den : 0);
}

Test(dsp_pluck, rings_at_its_pitch_and_decays_by_damping)
{
    static const float freqs[] = {110, 441, 1000.5f};
    for (int k = 0; k < 3; k++) {
        float *y = td_buf(S, 0), *f = td_buf(S, freqs[k]), *d = td_buf(S, 0.0f);
        ph_pluck p;
        cr_assert(ph_pluck_create(&p, TD_RATE, 3) == 0);
        ph_pluck_process(&p, y, f, d, NULL, S, 0);
        double want = TD_RATE / freqs[k];
        double got = period_of(y, 4800, 4800, (uint32_t)(want * 0.9), (uint32_t)(want * 1.1) + 1);
        cr_expect(fabs(got - want) / want < 0.002, "%g Hz: period %.3f samples, want %.3f", freqs[k], got, want);
        cr_assert(td_finite(y, S) && td_peak(y, S) < 1.2);
        ph_pluck_destroy(&p);
        free(y), free(f), free(d);
    }
    /* damping 0: 60 dB in 6 s; damping 1: in 0.3 s (the fundamental's decay rate), at a
     * low and a high pitch */
    for (int damp = 0; damp <= 3; damp++) {
        float hz = damp < 2 ? 220 : 2500;
        float *y = td_buf(S, 0), *f = td_buf(S, hz), *d = td_buf(S, (float)(damp & 1));
        ph_pluck p;
        ph_pluck_create(&p, TD_RATE, 3);
        ph_pluck_process(&p, y, f, d, NULL, S, 0);
        double a1 = td_amp(y + 2400, 4800, hz, TD_RATE), a2 = td_amp(y + 9600, 4800, hz, TD_RATE);
        double db_per_s = td_db(a2 / a1) / 0.15, want = -60.0 / (6.0 * pow(0.05, damp & 1));
        cr_log_info("pluck %g Hz damping %d: %.1f dB/s, want %.1f", hz, damp & 1, db_per_s, want);
        cr_expect(fabs(db_per_s - want) < 0.2 * fabs(want) + 1.5);
        ph_pluck_destroy(&p);
        free(y), free(f), free(d);
    }
}

/* A string at 200 Hz, plucked at 0 (first) and/or at n/2 at 3 kHz (second). */
static void plucks(float *y, bool first, bool second)
{
    const uint32_t n = S;
    float *f = td_buf(n, 0), *d = td_buf(n, 0), *t = td_buf(n, 0);
    /* the first string alone stays at 200 Hz: with the second pluck it is no longer the
     * one the frequency moves */
    for (uint32_t i = 0; i < n; i++) f[i] = i < n / 2 || !second ? 200 : 3000;
    t[0] = first;
    t[n / 2] = second;
    ph_pluck p;
    ph_pluck_create(&p, TD_RATE, 9);
    ph_pluck_process(&p, y, f, d, t, n, 0);
    ph_pluck_destroy(&p);
    free(f), free(d), free(t);
}

Test(dsp_pluck, a_new_pluck_damps_the_last_over_10_ms)
{
    const uint32_t n = S, h = S / 2, fade = 480;
    float *a = td_buf(n, 0), *b = td_buf(n, 0), *c = td_buf(n, 0);
    plucks(a, true, false); /* the first string alone */
    plucks(b, true, true);  /* both */
    plucks(c, false, true); /* the second alone: the same burst (it depends on its sample only) */
    /* both - second = the first string faded linearly to 0 over 10 ms, then nothing: no cut */
    double worst = 0, tail = 0, level = td_rms(a + h, fade);
    for (uint32_t j = 0; j < 2 * fade; j++) {
        double want = j < fade ? a[h + j] * (1.0 - (j + 1.0) / fade) : 0.0;
        double got = (double)b[h + j] - c[h + j];
        if (j < fade) worst = fmax(worst, fabs(got - want));
        else tail = fmax(tail, fabs(got));
    }
    cr_log_info("pluck: the first string (rms %.3f) fades out within %.2g of a 10 ms ramp, %.2g after", level, worst, tail);
    cr_expect(level > 0.01 && worst < 1e-3 * level + 1e-6 && tail < 1e-6);
    double period = period_of(b, h + 2400, 2400, 13, 19);
    cr_expect(fabs(period - 16) < 0.05, "the new pitch: period %g", period);
    free(a), free(b), free(c);
}

/* The analytic gain of the formant filter: 1/4 of the sum of three band-passes with gain
 * Q = f / bw at their centres (the cookbook's constant-skirt band-pass), as complex values. */
static double formant_gain(const double f[3], const double bw[3], double hz)
{
    double complex sum = 0, z = cexp(-I * 2 * M_PI * hz / TD_RATE);
    for (int b = 0; b < 3; b++) {
        double w0 = 2 * M_PI * f[b] / TD_RATE, q = f[b] / bw[b], al = sin(w0) / (2 * q);
        sum += (q * al - q * al * z * z) / ((1 + al) - 2 * cos(w0) * z + (1 - al) * z * z);
    }
    return 0.25 * cabs(sum);
}

static double formant_measured(const float fr[3], const float bw[3], double hz)
{
    float *in = td_buf(S / 2, 0), *out = td_buf(S / 2, 0), *b[6];
    for (int k = 0; k < 3; k++) b[k] = td_buf(S / 2, fr[k]), b[3 + k] = td_buf(S / 2, bw[k]);
    td_sine(in, S / 2, hz, TD_RATE, 0.1);
    ph_formant f;
    ph_formant_init(&f, TD_RATE);
    ph_formant_process(&f, out, in, b[0], b[1], b[2], b[3], b[4], b[5], S / 2, 0);
    double g = td_rms(out + S / 4, S / 4) / td_rms(in + S / 4, S / 4);
    for (int k = 0; k < 6; k++) free(b[k]);
    free(in), free(out);
    return g;
}

Test(dsp_formant, three_resonances_as_the_analytic_response)
{
    const float fr[3] = {730, 1090, 2440}, bw[3] = {80, 90, 120};
    const double frd[3] = {730, 1090, 2440}, bwd[3] = {80, 90, 120};
    static const double probe[] = {200, 730, 900, 1090, 2000, 2440, 5000};
    for (size_t p = 0; p < sizeof probe / sizeof probe[0]; p++) {
        double want = formant_gain(frd, bwd, probe[p]), got = formant_measured(fr, bw, probe[p]);
        cr_expect(fabs(td_db(got / want)) < 0.2, "%g Hz: %.3f, analytic %.3f", probe[p], got, want);
    }
}

Test(dsp_formant, vowels_put_their_formants_in_place_and_morph)
{
    /* a 100 Hz pulse train through each vowel: the energy at 300 Hz (near i's F1, 270)
     * against 600 Hz (near o's F1, 570) */
    float *in = td_buf(S / 2, 0), *out = td_buf(S / 2, 0), *v = td_buf(S / 2, 0);
    for (uint32_t i = 0; i < S / 2; i++) in[i] = i % 480 == 0 ? 1.0f : 0.0f;
    double lo[5], hi[5];
    for (int k = 0; k < 5; k++) {
        ph_dsp_fill(v, (float)k, S / 2);
        ph_formant f;
        ph_formant_init(&f, TD_RATE);
        ph_vowel_process(&f, out, in, v, S / 2, 0);
        lo[k] = td_amp(out, S / 2, 300, TD_RATE);
        hi[k] = td_amp(out, S / 2, 600, TD_RATE);
        cr_assert(td_finite(out, S / 2));
    }
    cr_expect(lo[2] > 3 * hi[2] && hi[3] > 3 * lo[3], "i: %g/%g, o: %g/%g", lo[2], hi[2], lo[3], hi[3]);
    /* 2.5 is halfway from i (270) to o (570): F1 at 420 Hz */
    ph_dsp_fill(v, 2.5f, S / 2);
    ph_formant f;
    ph_formant_init(&f, TD_RATE);
    ph_vowel_process(&f, out, in, v, S / 2, 0);
    double at420 = td_amp(out, S / 2, 400, TD_RATE), at270 = td_amp(out, S / 2, 300, TD_RATE);
    cr_expect(at420 > 1.5 * at270, "morph: %g at 400 Hz, %g at 300 Hz", at420, at270);
    free(in), free(out), free(v);
}

Test(dsp_additive, partials_at_their_amplitudes_and_none_past_nyquist)
{
    const float amps[4] = {1, 0.5f, 0.25f, -0.25f};
    float *y = td_buf(S, 0), *f = td_buf(S, 300);
    ph_additive a;
    ph_additive_init(&a, TD_RATE, amps, 4);
    ph_additive_process(&a, y, f, S, 0);
    for (int k = 0; k < 4; k++)
        cr_expect(fabs(td_amp(y, S, 300.0 * (k + 1), TD_RATE) - fabs(amps[k]) / 2.0) < 1e-3, "partial %d", k + 1);
    cr_expect(td_peak(y, S) <= 1.0001);
    /* 2 kHz with 32 partials: partial 10 (20 kHz) at 2/3, 11 and up (22 kHz ...) gone */
    float many[32];
    for (int k = 0; k < 32; k++) many[k] = 1;
    ph_dsp_fill(f, 2000, S);
    ph_additive_init(&a, TD_RATE, many, 32);
    ph_additive_process(&a, y, f, S, 0);
    double unit = td_amp(y, S, 2000, TD_RATE);
    cr_expect(fabs(td_amp(y, S, 20000, TD_RATE) / unit - 2.0 / 3) < 0.01);
    cr_expect(td_amp(y, S, 48000 - 22000, TD_RATE) < 1e-5 * unit + 1e-7, "no alias of partial 11");
    free(y), free(f);
}

static float *wt_render(const ph_wavetable *t, float hz, float position, uint32_t n)
{
    float *y = td_buf(n, 0), *f = td_buf(n, hz), *p = td_buf(n, position);
    ph_wt_osc o;
    ph_wt_osc_init(&o, TD_RATE);
    ph_wt_process(t, &o, y, f, p, n, 0);
    free(f), free(p);
    return y;
}

Test(dsp_wavetable, builtin_tables_have_their_harmonics_and_positions_morph)
{
    ph_wavetable *saw = ph_wavetable_builtin("saw"), *basic = ph_wavetable_builtin("basic");
    cr_assert(saw && basic && !ph_wavetable_builtin("nope"));
    float *y = wt_render(saw, 100, 0, S);
    double h1 = td_amp(y, S, 100, TD_RATE);
    cr_expect(fabs(td_amp(y, S, 200, TD_RATE) / h1 - 0.5) < 0.01 && fabs(td_amp(y, S, 700, TD_RATE) / h1 - 1.0 / 7) < 0.01);
    free(y);
    /* basic: sine at 0, triangle at 1/3 (odd harmonics, 1/9 at the 3rd), saw at 2/3, square at 1 */
    y = wt_render(basic, 100, 0, S);
    cr_expect(td_amp(y, S, 200, TD_RATE) < 1e-3 && td_amp(y, S, 300, TD_RATE) < 1e-3);
    free(y);
    y = wt_render(basic, 100, 1.0f / 3, S);
    cr_expect(fabs(td_amp(y, S, 300, TD_RATE) / td_amp(y, S, 100, TD_RATE) - 1.0 / 9) < 0.01);
    free(y);
    y = wt_render(basic, 100, 1, S);
    cr_expect(fabs(td_amp(y, S, 300, TD_RATE) / td_amp(y, S, 100, TD_RATE) - 1.0 / 3) < 0.01 && td_amp(y, S, 200, TD_RATE) < 1e-3);
    free(y);
    ph_wavetable_free(saw);
    ph_wavetable_free(basic);
}

Test(dsp_wavetable, no_harmonic_passes_nyquist)
{
    ph_wavetable *saw = ph_wavetable_builtin("saw");
    static const float pitches[] = {1000, 3000, 5000, 9000};
    for (int k = 0; k < 4; k++) {
        float *y = wt_render(saw, pitches[k], 0, S);
        /* every 10 Hz bin that is not a harmonic: what aliasing would put there */
        double worst = 0, h1 = td_amp(y, S, pitches[k], TD_RATE);
        for (double hz = 50; hz < 24000; hz += 370) {
            double r = fmod(hz, pitches[k]);
            if (r < 30 || pitches[k] - r < 30) continue;
            worst = fmax(worst, td_amp(y, S, hz, TD_RATE));
        }
        cr_expect(td_db(worst / h1) < -60, "%g Hz: alias at %.1f dB", pitches[k], td_db(worst / h1));
        free(y);
    }
    ph_wavetable_free(saw);
}

Test(dsp_wavetable, frames_from_a_sample)
{
    /* 4 frames' worth: three cycles per frame of a sine, then of a sine at five */
    uint32_t n = 4 * PH_WT_SIZE;
    float *x = td_buf(n, 0);
    for (uint32_t i = 0; i < n; i++) x[i] = (float)sin(2 * M_PI * (i < n / 2 ? 3 : 5) * i / PH_WT_SIZE);
    ph_wavetable *t = ph_wavetable_from_sample(x, n);
    cr_assert(t && t->frames == 4);
    float *y = wt_render(t, 100, 0, S), *z = wt_render(t, 100, 1, S);
    cr_expect(td_amp(y, S, 300, TD_RATE) > 0.9 && td_amp(z, S, 500, TD_RATE) > 0.9, "%g %g", td_amp(y, S, 300, TD_RATE),
              td_amp(z, S, 500, TD_RATE));
    free(y), free(z), free(x);
    ph_wavetable_free(t);
}

Test(dsp_granular, density_sets_the_grain_rate)
{
    /* a steady source (all 1): non-overlapping 10 ms grains are separate bumps */
    float *src = td_buf(S, 1.0f), *y = td_buf(S, 0), *size = td_buf(S, 10), *dens = td_buf(S, 0), *pitch = td_buf(S, 1),
          *pos = td_buf(S, 0.5f);
    static const float rates[] = {20, 50};
    for (int k = 0; k < 2; k++) {
        ph_dsp_fill(dens, rates[k] * 0.010f / 8.0f, S); /* density * 8 / size = rate */
        ph_granular g;
        cr_assert(ph_granular_create_sample(&g, TD_RATE, src, S, 1) == 0);
        ph_granular_process(&g, y, NULL, size, dens, pitch, pos, S, 0);
        int onsets = 0;
        for (uint32_t i = 1; i < S; i++) onsets += y[i - 1] == 0.0f && y[i] > 0.0f;
        onsets += y[0] > 0.0f;
        cr_expect(onsets == (int)rates[k] && g.started == (uint64_t)rates[k], "%g a second: %d onsets, %llu started",
                  rates[k], onsets, (unsigned long long)g.started);
        ph_granular_destroy(&g);
    }
    free(src), free(y), free(size), free(dens), free(pitch), free(pos);
}

Test(dsp_granular, pitch_position_and_live_input)
{
    float *src = td_buf(S, 0), *y = td_buf(S, 0), *size = td_buf(S, 80), *dens = td_buf(S, 1), *pitch = td_buf(S, 2),
          *pos = td_buf(S, 0.3f);
    td_sine(src, S, 1000, TD_RATE, 0.8);
    ph_granular g;
    cr_assert(ph_granular_create_sample(&g, TD_RATE, src, S, 2) == 0);
    ph_granular_process(&g, y, NULL, size, dens, pitch, pos, S, 0);
    cr_expect(td_amp(y, S, 2000, TD_RATE) > 5 * td_amp(y, S, 1000, TD_RATE), "pitch 2: an octave up");
    ph_granular_destroy(&g);
    /* position: grains of a ramp read around position * its length */
    for (uint32_t i = 0; i < S; i++) src[i] = (float)i / S;
    ph_dsp_fill(pitch, 1, S);
    ph_dsp_fill(dens, 0.05f, S);
    cr_assert(ph_granular_create_sample(&g, TD_RATE, src, S, 2) == 0);
    ph_granular_process(&g, y, NULL, size, dens, pitch, pos, S, 0);
    double num = 0, den = 0;
    for (uint32_t i = 0; i < S; i++) num += y[i], den += y[i] > 0 ? 1 : 0;
    cr_expect(fabs(num / den - 0.3 * 0.5) < 0.05, "mean level of the grains %g (a Hann window's mean is 0.5)", num / den);
    ph_granular_destroy(&g);
    /* live: grains of a 440 Hz input */
    float *in = td_buf(S, 0);
    td_sine(in, S, 440, TD_RATE, 0.5);
    ph_dsp_fill(dens, 1, S);
    ph_dsp_fill(pos, 0, S);
    cr_assert(ph_granular_create_live(&g, TD_RATE, 4) == 0);
    ph_granular_process(&g, y, in, size, dens, pitch, pos, S, 0);
    cr_expect(td_amp(y + S / 2, S / 2, 440, TD_RATE) > 0.2);
    ph_granular_destroy(&g);
    free(in), free(src), free(y), free(size), free(dens), free(pitch), free(pos);
}

/* Grains read 4 times faster than a 9 kHz sine would put 36 kHz there, folded to 12 kHz;
 * the low-passed copy keeps it down. Against the sine's level at pitch 1. */
static double grain_level(float pitch_value, double hz)
{
    float *src = td_buf(S, 0), *y = td_buf(S, 0), *size = td_buf(S, 50), *dens = td_buf(S, 1), *pitch = td_buf(S, pitch_value),
          *pos = td_buf(S, 0.2f);
    td_sine(src, S, 9000, TD_RATE, 0.8);
    ph_granular g;
    cr_assert(ph_granular_create_sample(&g, TD_RATE, src, S, 5) == 0);
    ph_granular_process(&g, y, NULL, size, dens, pitch, pos, S / 2, 0);
    double a = td_amp(y + 4800, S / 2 - 4800, hz, TD_RATE);
    ph_granular_destroy(&g);
    free(src), free(y), free(size), free(dens), free(pitch), free(pos);
    return a;
}

Test(dsp_granular, faster_grains_do_not_fold_the_highs_back)
{
    double direct = grain_level(1, 9000), folded = grain_level(4, 12000);
    cr_log_info("granular: 9 kHz at pitch 1 %.4f; its 12 kHz alias at pitch 4 %.1f dB under it", direct,
                td_db(direct / folded));
    cr_expect(direct > 0.03 && td_db(folded / direct) < -20); /* unfiltered it would be about 0 dB */
}

Test(dsp_rack2, finite_whatever_the_parameters)
{
    const uint32_t n = 24000;
    static const float wild[] = {0, -5, 1e9f, NAN, INFINITY, -INFINITY, 1e-30f, 23999, 440, 0.5f};
    float *o = td_buf(n, 0), *a = td_buf(n, 0), *b = td_buf(n, 0), *c = td_buf(n, 0), *d = td_buf(n, 0), *e = td_buf(n, 0),
          *f = td_buf(n, 0), *x = td_buf(n, 0);
    for (uint32_t i = 0; i < n; i++) {
        a[i] = wild[(i / 13) % 10], b[i] = wild[(i / 17 + 3) % 10], c[i] = wild[(i / 19 + 6) % 10];
        d[i] = wild[(i / 23 + 1) % 10], e[i] = wild[(i / 29 + 2) % 10], f[i] = wild[(i / 31 + 5) % 10];
        x[i] = i % 101 == 0 ? NAN : 0.5f * sinf(i * 0.05f);
    }
    ph_pluck p;
    ph_pluck_create(&p, TD_RATE, 1);
    ph_pluck_process(&p, o, a, b, c, n, 0);
    cr_expect(td_finite(o, n), "pluck");
    ph_pluck_destroy(&p);
    ph_formant fo;
    ph_formant_init(&fo, TD_RATE);
    ph_formant_process(&fo, o, x, a, b, c, d, e, f, n, 0);
    cr_expect(td_finite(o, n), "formant");
    ph_vowel_process(&fo, o, x, a, n, n);
    cr_expect(td_finite(o, n), "vowel");
    ph_additive ad;
    ph_additive_init(&ad, TD_RATE, wild, 10);
    ph_additive_process(&ad, o, a, n, 0);
    cr_expect(td_finite(o, n) && td_peak(o, n) <= 1.0001, "additive");
    ph_wavetable *t = ph_wavetable_builtin("basic");
    ph_wt_osc w;
    ph_wt_osc_init(&w, TD_RATE);
    ph_wt_process(t, &w, o, a, b, n, 0);
    cr_expect(td_finite(o, n) && td_peak(o, n) <= 1.3, "wavetable"); /* a square's few-harmonic levels: 4/pi */
    ph_wavetable_free(t);
    ph_granular g;
    cr_assert(ph_granular_create_sample(&g, TD_RATE, x, n, 1) == 0);
    ph_granular_process(&g, o, NULL, a, b, c, d, n, 0);
    cr_expect(td_finite(o, n), "granular");
    ph_granular_destroy(&g);
    cr_assert(ph_granular_create_live(&g, TD_RATE, 1) == 0);
    ph_granular_process(&g, o, x, b, c, d, e, n, 0);
    cr_expect(td_finite(o, n), "granular live");
    ph_granular_destroy(&g);
    free(o), free(a), free(b), free(c), free(d), free(e), free(f), free(x);
}
