#include <criterion/criterion.h>

#include "dsp/ph_fx.h"
#include "test_dsp_util.h"

#define N 4800

Test(dsp_fx, gain_pan_min_max_clip_range)
{
    float *in = td_buf(N, 0.5f), *p = td_buf(N, 0.5f), *l = td_buf(N, 0), *r = td_buf(N, 0),
          *a = td_buf(N, -2), *b = td_buf(N, 2);
    ph_gain(l, in, p, N);
    cr_assert_eq(l[7], 0.25f);
    ph_pan(l, r, in, p, N);
    cr_assert(fabsf(l[0] - 0.5f * (float)M_SQRT1_2) < 1e-6f && fabsf(r[0] - l[0]) < 1e-6f);
    ph_dsp_fill(p, 0.0f, N);
    ph_pan(l, r, in, p, N);
    cr_assert(fabsf(l[0] - 0.5f) < 1e-6f && fabsf(r[0]) < 1e-6f);
    ph_dsp_fill(p, 1.0f, N);
    ph_pan(l, r, in, p, N);
    cr_assert(fabsf(r[0] - 0.5f) < 1e-6f && fabsf(l[0]) < 1e-6f);
    /* equal power everywhere */
    for (int k = 0; k <= 10; k++) {
        ph_dsp_fill(p, k / 10.0f, N);
        ph_pan(l, r, in, p, N);
        cr_assert(fabsf(l[0] * l[0] + r[0] * r[0] - 0.25f) < 1e-5f);
    }
    td_sine(in, N, 100, TD_RATE, 3);
    ph_clip(l, in, a, b, N);
    cr_assert(td_peak(l, N) == 2.0f);
    ph_clip(l, in, b, a, N); /* swapped bounds */
    cr_assert(td_peak(l, N) == 2.0f);
    ph_min(l, in, b, N);
    ph_max(r, in, a, N);
    for (uint32_t i = 0; i < N; i++) cr_assert(l[i] <= 2 && r[i] >= -2);
    ph_dsp_fill(a, 200, N);
    ph_dsp_fill(b, 2000, N);
    float x[3] = {-1, 0, 1}, y[3];
    ph_dsp_range(y, x, a, b, 3);
    cr_assert(y[0] == 200 && y[1] == 1100 && y[2] == 2000);
    free(in), free(p), free(l), free(r), free(a), free(b);
}

Test(dsp_fx, distort_soft_clips_and_adds_harmonics)
{
    float *in = td_buf(N, 0), *out = td_buf(N, 0), *d = td_buf(N, 0.0f);
    td_sine(in, N, 100, TD_RATE, 0.5);
    ph_distort(out, in, d, N);
    cr_assert(td_amp(out, N, 300, TD_RATE) < 0.01, "clean at drive 0");
    ph_dsp_fill(d, 0.8f, N);
    ph_distort(out, in, d, N);
    cr_assert(td_peak(out, N) <= 1.0f);
    cr_assert(td_amp(out, N, 300, TD_RATE) > 0.05, "3rd harmonic %g", td_amp(out, N, 300, TD_RATE));
    free(in), free(out), free(d);
}

Test(dsp_fx, bitcrush_quantises_and_holds)
{
    float *in = td_buf(N, 0), *out = td_buf(N, 0), *bits = td_buf(N, 3), *rate = td_buf(N, 4);
    td_sine(in, N, 100, TD_RATE, 0.9);
    ph_bitcrush bc;
    ph_bitcrush_init(&bc);
    ph_bitcrush_process(&bc, out, in, bits, NULL, N, 0);
    for (uint32_t i = 0; i < N; i++) cr_assert(out[i] * 4 == roundf(out[i] * 4)); /* steps of 1/4 */
    ph_bitcrush_init(&bc);
    ph_dsp_fill(bits, 24, N);
    ph_bitcrush_process(&bc, out, in, bits, rate, N, 0);
    for (uint32_t i = 0; i < N; i += 4) {
        cr_assert(fabsf(out[i] - in[i]) < 1e-6f);
        cr_assert(out[i + 1] == out[i] && out[i + 3] == out[i]);
    }
    free(in), free(out), free(bits), free(rate);
}

Test(dsp_fx, chorus_mixes_a_moving_copy)
{
    float *in = td_buf(N, 0), *out = td_buf(N, 0), *rate = td_buf(N, 1), *depth = td_buf(N, 0.5f),
          *mix = td_buf(N, 0.5f);
    td_sine(in, N, 440, TD_RATE, 0.5);
    ph_chorus c;
    cr_assert_eq(ph_chorus_create(&c, TD_RATE), 0);
    ph_chorus_process(&c, out, in, rate, depth, mix, N, 0);
    cr_assert(td_finite(out, N));
    cr_assert(td_peak(out, N) <= 0.51f);
    double diff = 0;
    for (uint32_t i = 2000; i < N; i++) diff += fabs(out[i] - in[i]);
    cr_assert(diff > 10, "wet differs from dry");
    ph_chorus_destroy(&c);
    free(in), free(out), free(rate), free(depth), free(mix);
}

Test(dsp_fx, compressor_reduces_loud_signal_by_ratio)
{
    const uint32_t n = 48000;
    float *in = td_buf(n, 0), *out = td_buf(n, 0), *thr = td_buf(n, -20), *ratio = td_buf(n, 4),
          *att = td_buf(n, 0.001f), *rel = td_buf(n, 0.1f);
    td_sine(in, n, 1000, TD_RATE, 1.0); /* peak 0 dBFS, 20 dB over */
    ph_comp c;
    ph_comp_init(&c, TD_RATE);
    ph_comp_process(&c, out, in, thr, ratio, att, rel, n, 0);
    /* 20 dB over at 4:1 -> 15 dB of reduction (peak detector: ~15 dB on the peak) */
    double g = td_db(td_peak(out + n / 2, n / 2));
    cr_log_info("compressor: 0 dBFS sine, -20 dB thr, 4:1 -> peak %.2f dBFS", g);
    cr_assert(g < -13 && g > -17, "%g", g);
    /* a quiet signal passes */
    td_sine(in, n, 1000, TD_RATE, 0.05);
    ph_comp_init(&c, TD_RATE);
    ph_comp_process(&c, out, in, thr, ratio, att, rel, n, 0);
    cr_assert(fabs(td_peak(out + n / 2, n / 2) - 0.05) < 1e-4);
    free(in), free(out), free(thr), free(ratio), free(att), free(rel);
}

Test(dsp_fx, compressor_attack_and_release_time_constants)
{
    const uint32_t n = 48000;
    float *in = td_buf(n, 1.0f), *out = td_buf(n, 0), *thr = td_buf(n, -20), *ratio = td_buf(n, 4),
          *att = td_buf(n, 0.01f), *rel = td_buf(n, 0.1f);
    for (uint32_t i = 24000; i < n; i++) in[i] = 0.01f; /* loud for 0.5 s, then -40 dB */
    ph_comp c;
    ph_comp_init(&c, TD_RATE);
    ph_comp_process(&c, out, in, thr, ratio, att, rel, n, 0);
    /* one attack time in, the detector is at 1 - 1/e: -4 dB, 16 dB over, 12 dB reduction */
    double a = out[479];
    cr_assert(fabs(td_db(a) + 12.0) < 0.3, "after the attack time %g dB", td_db(a));
    cr_assert(fabs(td_db(out[23999]) + 15.0) < 0.1, "settled %g dB", td_db(out[23999]));
    /* one release time after the drop the detector is at 0.01 + 0.99/e: -8.5 dB -> 8.6 dB of
     * reduction on a -40 dB signal */
    double r = td_db(out[24000 + 4799]);
    cr_assert(fabs(r - (-40 - 8.64)) < 0.3, "after the release time %g dB", r);
    cr_assert(fabs(td_db(out[n - 1]) + 40) < 0.1, "recovered %g dB", td_db(out[n - 1]));
    free(in), free(out), free(thr), free(ratio), free(att), free(rel);
}

Test(dsp_fx, chorus_modulates_the_delay)
{
    const uint32_t n = 48000;
    float *in = td_buf(n, 0), *out = td_buf(n, 0), *rate = td_buf(n, 1), *depth = td_buf(n, 0),
          *mix = td_buf(n, 1);
    td_sine(in, n, 440, TD_RATE, 1.0);
    ph_chorus c;
    cr_assert_eq(ph_chorus_create(&c, TD_RATE), 0);
    ph_chorus_process(&c, out, in, rate, depth, mix, n, 0);
    /* depth 0: a plain 17 ms delay, the tone intact (silent for the first 816 samples) */
    double a0 = td_amp(out, n, 440, TD_RATE);
    cr_assert(fabs(a0 - (1.0 - 816.0 / n)) < 0.005, "%g", a0);
    ph_chorus_destroy(&c);
    ph_dsp_fill(depth, 0.5f, n);
    cr_assert_eq(ph_chorus_create(&c, TD_RATE), 0);
    ph_chorus_process(&c, out, in, rate, depth, mix, n, 0);
    /* depth 0.5 at 1 Hz: +-5 ms of delay swing, frequency modulation spreads the tone
     * into 1 Hz sidebands; the power stays */
    double carrier = td_amp(out, n, 440, TD_RATE), side = 0;
    for (int k = 1; k <= 20; k++) {
        double a = td_amp(out, n, 440 + k, TD_RATE), b = td_amp(out, n, 440 - k, TD_RATE);
        side += a * a + b * b;
    }
    cr_log_info("chorus: carrier %.3f, sideband power %.3f", carrier, side);
    cr_assert(carrier < 0.5, "carrier %g", carrier);
    cr_assert(side > 0.5, "sidebands %g", side);
    cr_assert(fabs(td_rms(out + 2000, n - 2000) - M_SQRT1_2) < 0.02);
    ph_chorus_destroy(&c);
    free(in), free(out), free(rate), free(depth), free(mix);
}
