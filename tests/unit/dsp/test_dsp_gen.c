/* The rack's generators: fm and pm (dsp/ph_fm.h) against Bessel sideband amplitudes and
 * their band limit; impulse and blip (dsp/ph_blit.h): harmonic amplitudes, nothing above
 * Nyquist, click-free glides; all finite whatever the parameters. */
#include <criterion/criterion.h>

#include "dsp/ph_blit.h"
#include "dsp/ph_fm.h"
#include "test_dsp_util.h"

#define S 48000 /* one second: every whole-Hz component has a whole number of periods */

static float *fm_render(float fc, float fmod, float index)
{
    float *out = td_buf(S, 0), *c = td_buf(S, fc), *m = td_buf(S, fmod), *x = td_buf(S, index);
    ph_fm o;
    ph_fm_init(&o, TD_RATE);
    ph_fm_process(&o, out, c, m, x, S, 0);
    free(c), free(m), free(x);
    return out;
}

Test(dsp_fm, sidebands_follow_the_bessel_functions)
{
    float *y = fm_render(1000, 100, 2.0f);
    for (int k = -4; k <= 4; k++) {
        double want = fabs(jn(abs(k), 2.0)), got = td_amp(y, S, 1000 + 100 * k, TD_RATE);
        cr_expect(fabs(got - want) < 0.003, "sideband %+d: %.4f, J = %.4f", k, got, want);
    }
    cr_expect(td_amp(y, S, 1050, TD_RATE) < 1e-3); /* nothing between the sidebands */
    free(y);
}

Test(dsp_fm, the_index_is_lowered_to_keep_sidebands_below_nyquist)
{
    /* carrier 14 kHz, modulator 3 kHz: 3 upper sidebands fit under 24 kHz; the 4th (26 kHz)
     * folds to 22 kHz. Index 10 would put J4(10) = -13 dB there; the limit
     * 2 (0.01 * 4!)^(1/4) = 1.40 keeps it at J4(1.4), under -38 dB. */
    float lim = ph_fm_index_limit(48000, 14000, 3000, 10);
    cr_expect(fabsf(lim - 1.3998f) < 1e-3f, "limit %g", lim);
    cr_expect(ph_fm_index_limit(48000, 100, 50, 3) == 3.0f); /* low tones keep their index */
    float *y = fm_render(14000, 3000, 10);
    double carrier = td_amp(y, S, 14000, TD_RATE), alias = td_amp(y, S, 22000, TD_RATE);
    cr_log_info("fm 14k/3k index 10: carrier %.3f (J0(%.3f) = %.3f), 22 kHz alias %.1f dB", carrier, lim, j0(lim),
                td_db(alias));
    cr_expect(fabs(carrier - j0(lim)) < 0.01);
    cr_expect(td_db(alias) < -37);
    cr_expect(fabs(alias - fabs(jn(4, lim))) < 0.003);
    free(y);
}

Test(dsp_pm, a_sine_modulation_gives_the_fm_spectrum)
{
    float *out = td_buf(S, 0), *c = td_buf(S, 1000), *m = td_buf(S, 0), *x = td_buf(S, 2.0f);
    for (uint32_t i = 0; i < S; i++) m[i] = (float)sin(2 * M_PI * 100 * i / TD_RATE);
    ph_fm o;
    ph_fm_init(&o, TD_RATE);
    ph_pm_process(&o, out, c, m, x, S, 0);
    for (int k = -3; k <= 3; k++) {
        double want = fabs(jn(abs(k), 2.0)), got = td_amp(out, S, 1000 + 100 * k, TD_RATE);
        cr_expect(fabs(got - want) < 0.003, "sideband %+d: %.4f, J = %.4f", k, got, want);
    }
    free(out), free(c), free(m), free(x);
}

Test(dsp_fm, finite_whatever_the_parameters)
{
    const uint32_t n = 9600;
    static const float wild[] = {0, -5, 1e9f, NAN, INFINITY, -INFINITY, 1e-30f, 23999, 440, -1e9f};
    float *out = td_buf(n, 0), *a = td_buf(n, 0), *b = td_buf(n, 0), *c = td_buf(n, 0);
    for (uint32_t i = 0; i < n; i++) {
        a[i] = wild[(i / 13) % 10];
        b[i] = wild[(i / 17 + 3) % 10];
        c[i] = wild[(i / 19 + 6) % 10];
    }
    ph_fm o;
    ph_fm_init(&o, TD_RATE);
    ph_fm_process(&o, out, a, b, c, n, 0);
    cr_assert(td_finite(out, n) && td_peak(out, n) <= 1.0001);
    ph_pm_process(&o, out, a, b, c, n, n);
    cr_assert(td_finite(out, n) && td_peak(out, n) <= 1.0001);
    ph_blit bl;
    ph_blit_init(&bl, TD_RATE);
    ph_impulse_process(&bl, out, a, n, 0);
    cr_assert(td_finite(out, n) && td_peak(out, n) <= 1.5);
    ph_blip_process(&bl, out, b, n, n);
    cr_assert(td_finite(out, n) && td_peak(out, n) <= 1.0001);
    free(out), free(a), free(b), free(c);
}

Test(dsp_blit, blip_is_equal_harmonics_up_to_nyquist)
{
    float *f = td_buf(S, 1000), *y = td_buf(S, 0);
    ph_blit b;
    ph_blit_init(&b, TD_RATE);
    ph_blip_process(&b, y, f, S, 0);
    /* 24 harmonics reach Nyquist; the 24th (at Nyquist) has weight 0: 23 of 1/23 each */
    for (int k = 1; k <= 23; k += 4)
        cr_expect(fabs(td_amp(y, S, 1000.0 * k, TD_RATE) - 1.0 / 23) < 1e-3, "harmonic %d: %g", k,
                  td_amp(y, S, 1000.0 * k, TD_RATE));
    cr_expect(fabs(td_peak(y, S) - 1.0) < 1e-3);
    double mean = 0;
    for (uint32_t i = 0; i < S; i++) mean += y[i];
    cr_expect(fabs(mean / S) < 1e-4, "no DC: %g", mean / S);
    /* 1100 Hz: 20 full harmonics and the 21st at 0.818, nothing past 23.1 kHz folds back */
    ph_dsp_fill(f, 1100, S);
    ph_blit_init(&b, TD_RATE);
    ph_blip_process(&b, y, f, S, 0);
    double h1 = td_amp(y, S, 1100, TD_RATE);
    cr_expect(fabs(td_amp(y, S, 23100, TD_RATE) / h1 - 0.8182) < 0.01);
    cr_expect(td_db(td_amp(y, S, 24000 - (24200 - 24000), TD_RATE) / h1) < -80, "alias of the 22nd harmonic");
    free(f), free(y);
}

Test(dsp_blit, impulse_has_the_naive_trains_spectrum_and_unit_area)
{
    float *f = td_buf(S, 100), *y = td_buf(S, 0);
    ph_blit b;
    ph_blit_init(&b, TD_RATE);
    ph_impulse_process(&b, y, f, S, 0);
    double sum = 0;
    for (uint32_t i = 0; i < S; i++) sum += y[i];
    cr_expect(fabs(sum - 100) < 0.01, "area per second %g (100 pulses of area 1)", sum);
    for (int k = 1; k <= 200; k += 37)
        cr_expect(fabs(td_amp(y, S, 100.0 * k, TD_RATE) - 2.0 * 100 / TD_RATE) < 2e-5, "harmonic %d", k);
    cr_expect(y[0] > 0.95 && y[0] < 1.0, "a pulse at the start: %g", y[0]);
    cr_expect(fabs(y[240]) < 0.01, "silent between pulses: %g", y[240]);
    free(f), free(y);
}

Test(dsp_blit, a_glide_never_switches_a_harmonic_on_at_once)
{
    /* Just above and just below the pitch where a 24th harmonic fits under Nyquist
     * (48000 / 2 / 24 = 1000 Hz) the waveform is the same: the harmonic enters at weight 0.
     * Switched in whole it would differ by cos(2 pi 24 p) / 23 (0.013 at p = 0.3). */
    static const float f_hi = 1000.0f * 1.00001f, f_lo = 1000.0f * 0.99999f;
    for (double p = 0.05; p < 1; p += 0.1) {
        float y[2];
        for (int k = 0; k < 2; k++) {
            ph_blit b;
            ph_blit_init(&b, TD_RATE);
            b.phase = p;
            float f = k ? f_lo : f_hi;
            ph_blip_process(&b, &y[k], &f, 1, 0);
        }
        cr_expect(fabsf(y[0] - y[1]) < 1e-3f, "phase %g: %g vs %g", p, y[0], y[1]);
    }
}
