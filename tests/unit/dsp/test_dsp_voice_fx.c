/* The per-voice effect chain (dsp/ph_voice_fx.h) on real signals: filter responses,
 * waveshaping, crushing, sample-rate reduction, vowel formants, squiz. */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_voice_fx.h"
#include "test_dsp_util.h"

#define RATE 48000
#define LEN 9600 /* 0.2 s; the level is measured on the last 0.1 s */

static float squiz_mem[2 * PH_VFX_SQUIZ_LEN];

/* Runs the chain on x (mono) in blocks of `block` samples from absolute sample t0. */
static void run_chain(const ph_vfx_params *p, float *x, uint32_t n, uint32_t block)
{
    ph_vfx fx;
    memset(squiz_mem, 0, sizeof squiz_mem);
    ph_vfx_start(&fx, p, RATE, 1, squiz_mem);
    for (uint32_t i = 0; i < n; i += block) ph_vfx_process(&fx, x + i, NULL, n - i < block ? n - i : block, 3 + i);
}

/* Steady-state gain of the chain at hz, in dB. */
static double gain_db(const ph_vfx_params *p, double hz)
{
    float *x = td_buf(LEN, 0);
    td_sine(x, LEN, hz, RATE, 0.25);
    run_chain(p, x, LEN, 512);
    double g = td_amp(x + LEN / 2, LEN / 2, hz, RATE) / 0.25;
    free(x);
    return td_db(g);
}

/* The frequency between lo and hi where the gain crosses -3 dB (monotonic there). */
static double minus3_db(const ph_vfx_params *p, double lo, double hi, bool falling)
{
    for (int k = 0; k < 30; k++) {
        double mid = sqrt(lo * hi);
        if ((gain_db(p, mid) > -3.0) == falling) lo = mid;
        else hi = mid;
    }
    return sqrt(lo * hi);
}

Test(dsp_voice_fx, lowpass_cutoff_moves_the_minus_3db_point)
{
    ph_vfx_params p;
    ph_vfx_params_defaults(&p);
    p.on = PH_VFX_LPF;
    p.resonance = 0; /* Q 1: -3 dB at cutoff * sqrt((1 + sqrt 5) / 2) = 1.272 cutoff */
    double prev = 0;
    for (double fc = 250; fc <= 4000; fc *= 4) {
        p.cutoff = (float)fc;
        double f3 = minus3_db(&p, fc * 0.5, fc * 3, true);
        cr_log_info("cutoff %g: -3 dB at %.1f Hz (%.3f x)", fc, f3, f3 / fc);
        cr_assert(fabs(f3 / fc - 1.272) < 0.03, "cutoff %g: -3 dB at %g", fc, f3);
        cr_assert(f3 > prev * 3.5);
        prev = f3;
        cr_assert(fabs(gain_db(&p, fc / 10)) < 0.2, "pass band flat");
        cr_assert(gain_db(&p, fc * 4) < -22, "12 dB per octave above");
    }
    /* resonance is Strudel's: dB of gain at the cutoff */
    p.cutoff = 1000;
    p.resonance = 12;
    cr_assert(fabs(gain_db(&p, 1000) - 12) < 0.5, "resonance 12: %.2f dB", gain_db(&p, 1000));
    ph_vfx_params_defaults(&p);
    p.on = PH_VFX_LPF;
    p.cutoff = 1000; /* default resonance 1 dB */
    cr_assert(fabs(gain_db(&p, 1000) - 1) < 0.3);
}

Test(dsp_voice_fx, highpass_and_bandpass)
{
    ph_vfx_params p;
    ph_vfx_params_defaults(&p);
    p.on = PH_VFX_HPF;
    p.hresonance = 0;
    p.hcutoff = 1000;
    double f3 = minus3_db(&p, 300, 2000, false);
    cr_assert(fabs(1000 / f3 - 1.272) < 0.03, "high-pass -3 dB at %g", f3);
    cr_assert(gain_db(&p, 250) < -22 && fabs(gain_db(&p, 10000)) < 0.3);
    ph_vfx_params_defaults(&p);
    p.on = PH_VFX_BPF;
    p.bandf = 2000;
    p.bandq = 4;
    cr_assert(fabs(gain_db(&p, 2000)) < 0.2, "peak gain 1");
    /* Q 4: -3 dB at the edges of a band 2000/4 wide around the centre */
    double lo = minus3_db(&p, 1000, 2000, false), hi = minus3_db(&p, 2000, 4000, true);
    cr_assert(fabs((hi - lo) - 500) < 20, "band %g .. %g", lo, hi);
    cr_assert(gain_db(&p, 500) < -20 && gain_db(&p, 8000) < -20);
}

Test(dsp_voice_fx, shape_adds_odd_harmonics)
{
    ph_vfx_params p;
    ph_vfx_params_defaults(&p);
    float *x = td_buf(LEN, 0), *y = td_buf(LEN, 0);
    td_sine(x, LEN, 200, RATE, 0.8);
    memcpy(y, x, LEN * sizeof *x);
    p.on = PH_VFX_SHAPE;
    p.shape = 0.7f;
    run_chain(&p, y, LEN, 64);
    double h1 = td_amp(y, LEN, 200, RATE), h3 = td_amp(y, LEN, 600, RATE), h3_in = td_amp(x, LEN, 600, RATE);
    cr_log_info("shape 0.7: fundamental %.3f, third %.3f", h1, h3);
    cr_assert(h3 > 0.1 * h1 && h3_in < 1e-4);
    cr_assert(td_peak(y, LEN) <= 1.0001 && td_peak(y, LEN) > 0.95, "saturates towards 1");
    free(x);
    free(y);
}

Test(dsp_voice_fx, crush_quantises_to_bits)
{
    ph_vfx_params p;
    ph_vfx_params_defaults(&p);
    p.on = PH_VFX_CRUSH;
    p.crush = 3; /* steps of 1/4 */
    float *x = td_buf(LEN, 0);
    td_sine(x, LEN, 100, RATE, 0.9);
    run_chain(&p, x, LEN, 100);
    for (uint32_t i = 0; i < LEN; i++) cr_assert(x[i] * 4 == floorf(x[i] * 4), "%g is not a quarter", x[i]);
    cr_assert(td_peak(x, LEN) == 1.0);
    free(x);
}

Test(dsp_voice_fx, coarse_holds_every_nth_sample)
{
    ph_vfx_params p;
    ph_vfx_params_defaults(&p);
    p.on = PH_VFX_COARSE;
    p.coarse = 4;
    float *x = td_buf(LEN, 0), *y = td_buf(LEN, 0);
    td_sine(x, LEN, 1000, RATE, 0.5);
    memcpy(y, x, LEN * sizeof *x);
    run_chain(&p, y, LEN, 7);
    for (uint32_t i = 0; i < LEN; i++) cr_assert(y[i] == x[i - i % 4], "sample %u", i);
    /* the hold (12 kHz) mirrors 1 kHz to 11 kHz: 0.5 sin(4 a) / (4 sin a), a = pi 11/48 = 0.049 */
    cr_assert(fabs(td_amp(y, LEN, 11000, RATE) - 0.049) < 0.004 && td_amp(x, LEN, 11000, RATE) < 1e-4);
    free(x);
    free(y);
}

/* Energy of white noise through a vowel, around hz (a third of an octave). */
static double band(const float *x, uint32_t n, double hz)
{
    double e = 0;
    for (double f = hz / 1.12; f <= hz * 1.12; f += 5) e += td_amp(x, n, f, RATE) * td_amp(x, n, f, RATE);
    return e;
}

Test(dsp_voice_fx, vowel_formant_peaks)
{
    const uint32_t n = RATE;
    float *x = td_buf(n, 0), *a = td_buf(n, 0), *i = td_buf(n, 0);
    ph_rng g;
    ph_rng_seed(&g, 7);
    for (uint32_t k = 0; k < n; k++) x[k] = 0.3f * ph_rng_bipolar(&g);
    ph_vfx_params p;
    ph_vfx_params_defaults(&p);
    p.on = PH_VFX_VOWEL;
    p.vowel = ph_vfx_vowel("a");
    memcpy(a, x, n * sizeof *x);
    run_chain(&p, a, n, 256);
    p.vowel = ph_vfx_vowel("i");
    memcpy(i, x, n * sizeof *x);
    run_chain(&p, i, n, 256);
    cr_assert(ph_vfx_vowel("a") && ph_vfx_vowel("on") && !ph_vfx_vowel("x"));
    /* a: formants at 660 and 1120 Hz; i: 270 and 1850 Hz */
    cr_log_info("a: 660 %.2e 270 %.2e | i: 270 %.2e 660 %.2e", band(a, n, 660), band(a, n, 270), band(i, n, 270),
                band(i, n, 660));
    cr_assert(band(a, n, 660) > 10 * band(a, n, 270));
    cr_assert(band(a, n, 1120) > 10 * band(a, n, 1500));
    cr_assert(band(i, n, 270) > 10 * band(i, n, 660));
    cr_assert(band(i, n, 1850) > 10 * band(i, n, 1200));
    free(x);
    free(a);
    free(i);
}

/* Power-weighted mean of the harmonics of 200 Hz up to the 16th. */
static double centroid(const float *x, uint32_t n)
{
    double num = 0, den = 0;
    for (int k = 1; k <= 16; k++) {
        double a = td_amp(x, n, 200.0 * k, RATE);
        num += a * a * 200.0 * k;
        den += a * a;
    }
    return num / den;
}

Test(dsp_voice_fx, squiz_squeezes_each_cycle)
{
    ph_vfx_params p;
    ph_vfx_params_defaults(&p);
    p.on = PH_VFX_SQUIZ;
    float *x = td_buf(LEN, 0);
    for (float ratio = 2; ratio <= 4; ratio *= 2) {
        td_sine(x, LEN, 200, RATE, 0.5);
        p.squiz = ratio;
        run_chain(&p, x, LEN, 33);
        /* each 5 ms cycle comes out as one cycle 1/ratio as long, then silence */
        double c = centroid(x + LEN / 2, LEN / 2);
        cr_log_info("squiz %g: spectral centroid %.0f Hz", ratio, c);
        cr_assert(c > 200 * ratio * 0.8, "squiz %g: centroid %g", ratio, c);
        uint32_t zeros = 0;
        for (uint32_t i = LEN / 2; i < LEN; i++) zeros += x[i] == 0.0f;
        cr_assert(fabs((double)zeros / (LEN / 2) - (1 - 1 / ratio)) < 0.02, "silent part %u", zeros);
    }
    p.squiz = 1; /* off */
    td_sine(x, LEN, 200, RATE, 0.5);
    run_chain(&p, x, LEN, 64);
    cr_assert(fabs(td_amp(x, LEN, 200, RATE) - 0.5) < 1e-3);
    free(x);
}

Test(dsp_voice_fx, absurd_parameters_stay_finite)
{
    const float bad[] = {NAN, INFINITY, -INFINITY, 1e30f, -1e30f, 0, -5};
    float *x = td_buf(LEN, 0);
    for (int k = 0; k < 7; k++) {
        ph_vfx_params p;
        ph_vfx_params_defaults(&p);
        p.on = 0xFF;
        p.cutoff = p.resonance = p.hcutoff = p.hresonance = p.bandf = p.bandq = bad[k];
        p.coarse = p.crush = p.shape = p.squiz = bad[k];
        p.vowel = k - 3;
        td_sine(x, LEN, 300, RATE, 0.7);
        x[100] = bad[k];
        run_chain(&p, x, LEN, 64);
        cr_assert(td_finite(x, LEN));
        cr_assert(td_peak(x, LEN) < 1e6);
    }
    free(x);
}
