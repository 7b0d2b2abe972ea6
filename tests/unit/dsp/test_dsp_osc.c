#include <criterion/criterion.h>

#include "dsp/ph_osc.h"
#include "test_dsp_util.h"

#define N 48000 /* one second: every multiple of 1 Hz is an exact bin */

/* Power that is not at a harmonic of f0: the aliasing (and any other junk). */
static double inharmonic_db(const float *x, uint32_t n, double f0)
{
    double total = 0; /* needs f0 whose aliases miss its harmonics: not 48000 / k */
    for (uint32_t i = 0; i < n; i++) total += (double)x[i] * x[i];
    total /= n;
    double harm = 0;
    for (double f = f0; f < TD_RATE / 2; f += f0) {
        double a = td_amp(x, n, f, TD_RATE);
        harm += a * a / 2;
    }
    return 10 * log10((total - harm) / total);
}

Test(dsp_osc, saw_440_fundamental_and_level)
{
    float *f = td_buf(N, 440), *out = td_buf(N, 0);
    ph_osc o;
    ph_osc_init(&o, TD_RATE, 0);
    ph_osc_saw(&o, out, f, N, 0);
    cr_assert(td_finite(out, N));
    double best = 0, best_hz = 0;
    for (double hz = 380; hz <= 500; hz += 1) {
        double a = td_amp(out, N, hz, TD_RATE);
        if (a > best) best = a, best_hz = hz;
    }
    cr_assert_eq(best_hz, 440, "peak at %g Hz", best_hz);
    /* a saw's fundamental has amplitude 2/pi */
    cr_assert(fabs(best - 2 / M_PI) < 0.01, "fundamental amplitude %g", best);
    /* second harmonic at half of that */
    double a2 = td_amp(out, N, 880, TD_RATE);
    cr_assert(fabs(a2 - 1 / M_PI) < 0.01, "2nd harmonic %g", a2);
    cr_assert(td_peak(out, N) < 1.2);
    free(f);
    free(out);
}

Test(dsp_osc, saw_aliasing_well_below_naive)
{
    /* 1250 Hz: its aliases (48000 - k * 1250) fall between its harmonics */
    float *f = td_buf(N, 1250), *blep = td_buf(N, 0), *naive = td_buf(N, 0);
    ph_osc o;
    ph_osc_init(&o, TD_RATE, 0);
    ph_osc_saw(&o, blep, f, N, 0);
    ph_osc_init(&o, TD_RATE, 0);
    ph_osc_saw_naive(&o, naive, f, N, 0);
    double ab = inharmonic_db(blep, N, 1250), an = inharmonic_db(naive, N, 1250);
    cr_log_info("saw 1250 Hz aliasing: polyblep %.1f dB, naive %.1f dB", ab, an);
    cr_assert(ab < an - 12, "polyblep %.1f dB vs naive %.1f dB", ab, an);
    cr_assert(ab < -38, "polyblep aliasing %.1f dB", ab);
    /* the price of the smooth step: the top harmonics are a little darker than ideal */
    double h8 = td_db(td_amp(blep, N, 10000, TD_RATE) / (2 / (M_PI * 8)));
    double h4 = td_db(td_amp(blep, N, 5000, TD_RATE) / (2 / (M_PI * 4)));
    cr_log_info("saw 1250 Hz: 5 kHz harmonic %.2f dB, 10 kHz harmonic %.2f dB vs ideal", h4, h8);
    cr_assert(h4 > -1.5 && h8 > -5, "top octave too dark: %g %g", h4, h8);
    free(f);
    free(blep);
    free(naive);
}

Test(dsp_osc, square_tri_sine_spectra)
{
    float *f = td_buf(N, 440), *out = td_buf(N, 0);
    ph_osc o;
    /* square 50%: odd harmonics 4/(pi k), no even ones */
    ph_osc_init(&o, TD_RATE, 0);
    ph_osc_square(&o, out, f, NULL, N, 0);
    cr_assert(fabs(td_amp(out, N, 440, TD_RATE) - 4 / M_PI) < 0.02);
    cr_assert(fabs(td_amp(out, N, 1320, TD_RATE) - 4 / (3 * M_PI)) < 0.02);
    cr_assert(td_amp(out, N, 880, TD_RATE) < 0.005);
    double sq_alias = inharmonic_db(out, N, 440);
    cr_log_info("square 440 Hz aliasing %.1f dB", sq_alias);
    cr_assert(sq_alias < -35, "square aliasing %.1f", sq_alias);
    /* pulse 25%: the 4th harmonic vanishes, the 2nd does not */
    float *pw = td_buf(N, 0.25f);
    ph_osc_init(&o, TD_RATE, 0);
    ph_osc_square(&o, out, f, pw, N, 0);
    cr_assert(td_amp(out, N, 1760, TD_RATE) < 0.01);
    cr_assert(td_amp(out, N, 880, TD_RATE) > 0.3);
    /* tri: odd harmonics 8/(pi^2 k^2) */
    ph_osc_init(&o, TD_RATE, 0);
    ph_osc_tri(&o, out, f, N, 0);
    cr_assert(fabs(td_amp(out, N, 440, TD_RATE) - 8 / (M_PI * M_PI)) < 0.01,
              "tri fundamental %g", td_amp(out, N, 440, TD_RATE));
    cr_assert(fabs(td_amp(out, N, 1320, TD_RATE) - 8 / (9 * M_PI * M_PI)) < 0.005);
    double tri_alias = inharmonic_db(out, N, 440);
    cr_log_info("tri 440 Hz aliasing %.1f dB", tri_alias);
    cr_assert(tri_alias < -50, "tri aliasing %.1f", tri_alias);
    /* sine: pure */
    ph_osc_init(&o, TD_RATE, 0);
    ph_osc_sine(&o, out, f, N, 0);
    cr_assert(fabs(td_amp(out, N, 440, TD_RATE) - 1) < 1e-3);
    cr_assert(inharmonic_db(out, N, 440) < -100);
    free(pw);
    free(f);
    free(out);
}

Test(dsp_osc, negative_and_absurd_frequencies_stay_finite)
{
    float *f = td_buf(N, -440), *out = td_buf(N, 0);
    ph_osc o;
    ph_osc_init(&o, TD_RATE, 0.3);
    ph_osc_saw(&o, out, f, N, 0);
    cr_assert(fabs(td_amp(out, N, 440, TD_RATE) - 2 / M_PI) < 0.01);
    f[10] = NAN;
    f[20] = INFINITY;
    f[30] = 1e9f;
    f[40] = 30000;
    ph_osc_square(&o, out, f, NULL, 1000, 0);
    cr_assert(td_finite(out, 1000));
    ph_osc_tri(&o, out, f, 1000, 0);
    cr_assert(td_finite(out, 1000));
    ph_osc_sine(&o, out, f, 1000, 0);
    cr_assert(td_finite(out, 1000));
    free(f);
    free(out);
}

Test(dsp_noise, colours_are_deterministic_and_shaped)
{
    float *a = td_buf(N, 0), *b = td_buf(N, 0);
    ph_noise s;
    for (int c = PH_NOISE_WHITE; c <= PH_NOISE_BROWN; c++) {
        ph_noise_init(&s, (ph_noise_color)c, 42);
        ph_noise_process(&s, a, NULL, N, 0);
        ph_noise_init(&s, (ph_noise_color)c, 42);
        ph_noise_process(&s, b, NULL, N, 0);
        cr_assert(memcmp(a, b, sizeof(float) * N) == 0);
        cr_assert(td_finite(a, N));
        double r = td_rms(a, N);
        cr_assert(r > 0.05 && r < 1.0, "colour %d rms %g", c, r);
        cr_assert(td_peak(a, N) <= 1.5, "colour %d peak %g", c, td_peak(a, N));
    }
    /* spectral tilt: low band vs high band energy, averaged over several bins */
    double lo[3] = {0}, hi[3] = {0};
    for (int c = 0; c < 3; c++) {
        ph_noise_init(&s, (ph_noise_color)c, 7);
        ph_noise_process(&s, a, NULL, N, 0);
        for (int k = 0; k < 40; k++) {
            double x = td_amp(a, N, 200 + k, TD_RATE), y = td_amp(a, N, 6400 + k, TD_RATE);
            lo[c] += x * x;
            hi[c] += y * y;
        }
    }
    /* 5 octaves apart: white ~0 dB, pink ~15 dB, brown ~30 dB */
    double w = 10 * log10(lo[0] / hi[0]), p = 10 * log10(lo[1] / hi[1]), br = 10 * log10(lo[2] / hi[2]);
    cr_log_info("noise tilt over 5 octaves: white %.1f pink %.1f brown %.1f dB", w, p, br);
    cr_assert(fabs(w) < 4, "white %g", w);
    cr_assert(p > 10 && p < 20, "pink %g", p);
    cr_assert(br > 24 && br < 36, "brown %g", br);
    ph_noise_init(&s, PH_NOISE_WHITE, 43);
    ph_noise_process(&s, b, NULL, N, 0);
    cr_assert(memcmp(a, b, sizeof(float) * 64) != 0, "different seeds differ");
    free(a);
    free(b);
}
