/* Modulation kernels (dsp/ph_mod.h) measured on their output: tremolo's depth and rate on
 * the envelope, vibrato's pitch swing from zero crossings, ring modulation's product
 * spectrum, the flanger's comb, the phaser's notches and their movement, width's mid/side,
 * coarse's steps, and pitch shifting's new pitch. */
#include <criterion/criterion.h>
#include <string.h>

#include "dsp/ph_mod.h"
#include "test_dsp_util.h"

#define N 96000

static float in[N], out[N], out2[N], p0[N], p1[N], p2[N];

Test(dsp_mod, tremolo_depth_and_rate_on_the_envelope)
{
    for (int i = 0; i < N; i++) in[i] = 1.0f; /* DC: the output is the gain itself */
    ph_lfo l;
    ph_lfo_init(&l, TD_RATE);
    ph_dsp_fill(p0, 4.0f, N);
    ph_dsp_fill(p1, 0.6f, N);
    ph_tremolo_process(&l, out, in, p0, p1, N, 0);
    double lo = 2, hi = -2;
    for (int i = 0; i < N; i++) lo = out[i] < lo ? out[i] : lo, hi = out[i] > hi ? out[i] : hi;
    cr_expect(fabs(hi - 1.0) < 1e-3 && fabs(lo - 0.4) < 1e-3, "depth 0.6 swings 0.4..1: %g..%g", lo, hi);
    /* rate: the gain's maxima are 1/4 s apart */
    int last = -1, gaps = 0;
    double sum = 0;
    for (int i = 1; i < N - 1; i++)
        if (out[i] >= out[i - 1] && out[i] > out[i + 1]) {
            if (last >= 0) sum += i - last, gaps++;
            last = i;
        }
    cr_assert(gaps >= 5);
    cr_expect(fabs(sum / gaps - TD_RATE / 4) < 2, "period %g samples", sum / gaps);
    /* depth 0 leaves the input alone */
    ph_dsp_fill(p1, 0.0f, N);
    ph_tremolo_process(&l, out, in, p0, p1, 1000, 0);
    for (int i = 0; i < 1000; i++) cr_assert_eq(out[i], 1.0f);
}

/* Frequencies from the intervals between rising zero crossings. */
static void crossing_freqs(const float *x, int n, double *fmin, double *fmax, double *fmean)
{
    double last = -1, lo = 1e9, hi = 0, sum = 0;
    int count = 0;
    for (int i = 1; i < n; i++)
        if (x[i - 1] < 0 && x[i] >= 0) {
            double t = i - 1 + x[i - 1] / (x[i - 1] - x[i]);
            if (last >= 0) {
                double f = TD_RATE / (t - last);
                lo = f < lo ? f : lo;
                hi = f > hi ? f : hi;
                sum += f;
                count++;
            }
            last = t;
        }
    *fmin = lo, *fmax = hi, *fmean = count ? sum / count : 0;
}

Test(dsp_mod, vibrato_swings_the_pitch_by_depth_semitones)
{
    td_sine(in, N, 1000, TD_RATE, 0.8);
    ph_vibrato v;
    cr_assert(ph_vibrato_create(&v, TD_RATE) == 0);
    ph_dsp_fill(p0, 5.0f, N);
    ph_dsp_fill(p1, 1.0f, N);
    ph_vibrato_process(&v, out, in, p0, p1, N, 0);
    double lo, hi, mean;
    crossing_freqs(out + 4800, N - 4800, &lo, &hi, &mean);
    cr_log_info("vibrato 1 semitone: %.1f .. %.1f Hz, mean %.1f", lo, hi, mean);
    cr_expect(fabs(hi / 1000 - exp2(1 / 12.0)) < 0.006, "top %g", hi);
    cr_expect(fabs(lo / 1000 - (2 - exp2(1 / 12.0))) < 0.006, "bottom %g", lo);
    cr_expect(fabs(mean - 1000) < 2, "mean %g", mean);
    ph_vibrato_destroy(&v);
}

Test(dsp_mod, ring_gives_the_product_spectrum)
{
    td_sine(in, N, 1000, TD_RATE, 1.0);
    ph_lfo l;
    ph_lfo_init(&l, TD_RATE);
    ph_dsp_fill(p0, 300.0f, N);
    ph_ring_process(&l, out, in, p0, N, 0);
    double a700 = td_amp(out, 48000, 700, TD_RATE), a1300 = td_amp(out, 48000, 1300, TD_RATE);
    double a1000 = td_amp(out, 48000, 1000, TD_RATE), a300 = td_amp(out, 48000, 300, TD_RATE);
    cr_expect(fabs(a700 - 0.5) < 0.01 && fabs(a1300 - 0.5) < 0.01, "sidebands %g %g", a700, a1300);
    cr_expect(a1000 < 0.005 && a300 < 0.005, "no carrier, no input: %g %g", a300, a1000);
}

Test(dsp_mod, flanger_is_a_comb_at_its_delay)
{
    /* rate 0, depth 1: a fixed 3 ms delay mixed half and half: nulls at 1/(2 * 3 ms) =
     * 166.7 Hz, 500 Hz, ...; peaks at 333.3 Hz, 666.7 Hz */
    ph_dsp_fill(p0, 1.0f, N);
    ph_dsp_fill(p1, 0.0f, N);
    ph_dsp_fill(p2, 0.0f, N);
    const double hz[] = {500, 166.6667, 333.3333, 666.6667}, want[] = {0, 0, 1, 1};
    for (int k = 0; k < 4; k++) {
        ph_flanger f;
        cr_assert(ph_flanger_create(&f, TD_RATE) == 0);
        td_sine(in, 48000, hz[k], TD_RATE, 1.0);
        ph_flanger_process(&f, out, in, p0, p1, p2, 48000, 0);
        double a = td_amp(out + 24000, 24000, hz[k], TD_RATE);
        cr_expect(fabs(a - want[k]) < 0.02, "%g Hz: %g, not %g", hz[k], a, want[k]);
        ph_flanger_destroy(&f);
    }
}

/* The phaser's response to a sine at hz with its LFO held at `phase`. */
static double phaser_gain(double hz, double phase, int stages)
{
    ph_phaser p;
    ph_phaser_init(&p, TD_RATE, stages);
    p.lfo.phase = phase;
    td_sine(in, 48000, hz, TD_RATE, 1.0);
    ph_dsp_fill(p0, 0.0f, 48000); /* rate 0: the sweep stands still */
    ph_dsp_fill(p1, 1.0f, 48000);
    ph_dsp_fill(p2, 0.0f, 48000);
    ph_phaser_process(&p, out, in, p0, p1, p2, 48000, 0);
    return td_amp(out + 24000, 24000, hz, TD_RATE);
}

Test(dsp_mod, phaser_notches_sit_where_the_chain_turns_180_degrees_and_move)
{
    /* four first-order all-passes at break frequency fb: each turns the phase by 2 atan(.),
     * so the sum with the input cancels where tan(pi f / sr) = tan(pi fb / sr) tan(22.5 deg) */
    for (int k = 0; k < 2; k++) {
        double phase = k ? 0.25 : 0.75; /* LFO at its top (2000 Hz) and bottom (200 Hz) */
        double fb = ph_phaser_freq(1.0f, phase);
        double notch = atan(tan(M_PI * fb / TD_RATE) * tan(M_PI / 8)) * TD_RATE / M_PI;
        double g_notch = phaser_gain(notch, phase, 4), g_fb = phaser_gain(fb, phase, 4);
        cr_log_info("phaser at %.0f Hz: notch %.1f Hz gain %.4f, at fb %.3f", fb, notch, g_notch, g_fb);
        cr_expect(fabs(fb - (k ? 2000 : 200)) < 1, "break frequency %g", fb);
        cr_expect(g_notch < 0.01, "notch at %g Hz: %g", notch, g_notch);
        cr_expect(g_fb > 0.99, "peak at %g Hz: %g", fb, g_fb);
    }
    /* the notch of one LFO position is not one of the other's */
    double low_notch = atan(tan(M_PI * 200 / TD_RATE) * tan(M_PI / 8)) * TD_RATE / M_PI;
    cr_expect(phaser_gain(low_notch, 0.25, 4) > 0.9, "the notch moved away with the LFO");
}

Test(dsp_mod, width_scales_the_side)
{
    float l[4] = {1, 0.5f, -0.2f, 0}, r[4] = {0, 0.5f, 0.2f, 1}, ol[4], or[4], a[4];
    ph_width w;
    ph_width_init(&w, TD_RATE);
    const float amounts[] = {0, 1, 2};
    for (int k = 0; k < 3; k++) {
        ph_dsp_fill(a, amounts[k], 4);
        ph_width_process(&w, ol, or, l, r, a, 4, 0);
        for (int i = 0; i < 4; i++) {
            float m = 0.5f * (l[i] + r[i]), s = 0.5f * (l[i] - r[i]) * amounts[k];
            cr_expect(fabsf(ol[i] - (m + s)) < 1e-6f && fabsf(or[i] - (m - s)) < 1e-6f);
        }
    }
    /* mono: unchanged at 1; a decorrelated side above 1 (the sides differ, the mid is the input) */
    td_sine(in, 4800, 500, TD_RATE, 0.5);
    ph_dsp_fill(p0, 1.0f, 4800);
    ph_width_process(&w, out, out2, in, NULL, p0, 4800, 0);
    for (int i = 0; i < 4800; i++) cr_assert(out[i] == in[i] && out2[i] == in[i]);
    ph_dsp_fill(p0, 3.0f, 4800);
    ph_width_process(&w, out, out2, in, NULL, p0, 4800, 4800);
    double side = 0;
    for (int i = 0; i < 4800; i++) {
        cr_assert(fabsf(0.5f * (out[i] + out2[i]) - in[i]) < 1e-6f);
        side += fabs(out[i] - out2[i]);
    }
    cr_expect(side / 4800 > 0.1, "side %g", side / 4800);
}

Test(dsp_mod, coarse_holds_every_factor_samples)
{
    for (int i = 0; i < 64; i++) in[i] = (float)i;
    ph_coarse c;
    ph_coarse_init(&c);
    ph_dsp_fill(p0, 4.0f, 64);
    ph_coarse_process(&c, out, in, p0, 64, 0);
    for (int i = 0; i < 64; i++) cr_assert_eq(out[i], (float)(i / 4 * 4), "%d: %g", i, out[i]);
    ph_coarse_init(&c);
    ph_dsp_fill(p0, 1.0f, 64);
    ph_coarse_process(&c, out, in, p0, 64, 0);
    cr_assert(memcmp(out, in, 64 * sizeof(float)) == 0, "factor 1 is the input");
}

Test(dsp_mod, pitch_shift_moves_a_sine)
{
    const float shifts[] = {12, -12, 7};
    const double want[] = {880, 220, 440 * 1.4983071};
    for (int k = 0; k < 3; k++) {
        ph_pitch p;
        cr_assert(ph_pitch_create(&p, TD_RATE, 0.05) == 0);
        td_sine(in, N, 440, TD_RATE, 0.5);
        ph_dsp_fill(p0, shifts[k], N);
        ph_pitch_process(&p, out, in, p0, N, 0);
        double a_new = td_amp(out + 48000, 48000, want[k], TD_RATE), a_old = td_amp(out + 48000, 48000, 440, TD_RATE);
        cr_log_info("pitch %+g: %.3f at %.1f Hz, %.3f at 440", shifts[k], a_new, want[k], a_old);
        cr_expect(a_new > 0.35 && a_old < 0.05, "%+g semitones: %g at %g Hz, %g at 440", shifts[k], a_new, want[k], a_old);
        ph_pitch_destroy(&p);
    }
}
