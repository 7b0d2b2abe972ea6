#include <criterion/criterion.h>

#include "dsp/ph_delay.h"
#include "dsp/ph_reverb.h"
#include <string.h>

#include "test_dsp_util.h"

Test(dsp_delay, echoes_at_expected_samples_and_gains)
{
    const uint32_t n = 48000;
    float *in = td_buf(n, 0), *out = td_buf(n, 0), *t = td_buf(n, 0.25f), *fb = td_buf(n, 0.6f),
          *mix = td_buf(n, 0.8f);
    in[10] = 1;
    ph_delay d;
    cr_assert_eq(ph_delay_create(&d, TD_RATE, 1.0), 0);
    ph_delay_process(&d, out, in, t, fb, mix, n, 0);
    cr_assert_eq(out[10], 1.0f);
    /* 0.25 s = 12000 samples: echoes 0.8, 0.48, 0.288 */
    cr_assert(fabsf(out[10 + 12000] - 0.8f) < 1e-6f, "%g", out[12010]);
    cr_assert(fabsf(out[10 + 24000] - 0.48f) < 1e-6f);
    cr_assert(fabsf(out[10 + 36000] - 0.288f) < 1e-6f);
    cr_assert(fabsf(out[10 + 11999]) < 1e-9f && fabsf(out[10 + 12001]) < 1e-9f);
    double rest = 0;
    for (uint32_t i = 0; i < n; i++)
        if (i != 10 && i % 12000 != 10) rest += fabs(out[i]);
    cr_assert(rest < 1e-6, "energy off the echo samples %g", rest);
    ph_delay_destroy(&d);
    free(in), free(out), free(t), free(fb), free(mix);
}

Test(dsp_delay, fractional_time_interpolates_and_bad_input_is_safe)
{
    const uint32_t n = 4800;
    float *in = td_buf(n, 0), *out = td_buf(n, 0), *t = td_buf(n, 100.5f / 48000), *fb = td_buf(n, 0);
    in[0] = 1;
    ph_delay d;
    cr_assert_eq(ph_delay_create(&d, TD_RATE, 0.1), 0);
    ph_delay_process(&d, out, in, t, fb, NULL, n, 0);
    /* an impulse half-way between two samples splits (Hermite: 0.5625 each, -0.0625 side lobes) */
    cr_assert(fabsf(out[100] - 0.5f * 0.5625f) < 1e-6f, "%g", out[100]);
    cr_assert(fabsf(out[101] - 0.5f * 0.5625f) < 1e-6f);
    in[10] = NAN;
    in[20] = INFINITY;
    ph_dsp_fill(fb, 5.0f, n);   /* clamped to 0.995 */
    ph_dsp_fill(t, 100.0f, n); /* clamped to the line */
    t[30] = NAN;
    ph_delay_process(&d, out, in, t, fb, NULL, n, n);
    cr_assert(td_finite(out, n));
    ph_delay d2;
    cr_assert_eq(ph_delay_create(&d2, TD_RATE, -1), -1);
    cr_assert_eq(ph_delay_create(&d2, TD_RATE, NAN), -1);
    cr_assert_eq(ph_delay_create(&d2, TD_RATE, 0.1), 0);
    ph_delay_destroy(&d2);
    ph_delay_destroy(&d);
    free(in), free(out), free(t), free(fb);
}

/* delayl: linear reads, an impulse half-way between samples splits into two halves and
 * nothing else (Hermite rings on either side, above). */
Test(dsp_delay, linear_reads_split_an_impulse_in_halves)
{
    const uint32_t n = 400;
    float *in = td_buf(n, 0), *out = td_buf(n, 0), *t = td_buf(n, 100.5f / 48000), *fb = td_buf(n, 0);
    float *mix = td_buf(n, 1.0f);
    in[0] = 1;
    ph_delay d;
    cr_assert_eq(ph_delay_create(&d, TD_RATE, 0.1), 0);
    d.linear = true;
    ph_delay_process(&d, out, in, t, fb, mix, n, 0);
    for (uint32_t i = 1; i < n; i++) {
        float want = i == 100 || i == 101 ? 0.5f : 0.0f;
        cr_assert_eq(out[i], want, "sample %u: %g", i, out[i]);
    }
    ph_delay_destroy(&d);
    free(in), free(out), free(t), free(fb), free(mix);
}

Test(dsp_reverb, tail_decays_and_stays_finite)
{
    const uint32_t n = 48000 * 6;
    float *in = td_buf(n, 0), *l = td_buf(n, 0), *r = td_buf(n, 0), *room = td_buf(n, 0.7f),
          *damp = td_buf(n, 0.5f), *mix = td_buf(n, 1.0f);
    ph_rng g;
    ph_rng_seed(&g, 3);
    for (uint32_t i = 0; i < 4800; i++) in[i] = ph_rng_bipolar(&g) * 0.5f; /* 100 ms burst */
    ph_reverb *rv = ph_reverb_create(TD_RATE);
    cr_assert_not_null(rv);
    ph_reverb_process(rv, l, r, in, room, damp, mix, n, 0);
    cr_assert(td_finite(l, n) && td_finite(r, n));
    double s1 = td_rms(l + 4800, 24000), s2 = td_rms(l + 48000 * 2, 24000),
           s3 = td_rms(l + 48000 * 5, 24000);
    cr_log_info("reverb tail rms: 0.1-0.6 s %.4g, 2-2.5 s %.4g, 5-5.5 s %.4g", s1, s2, s3);
    cr_assert(s1 > 0.01, "audible tail %g", s1);
    cr_assert(s2 < s1 * 0.5 && s3 < s2 * 0.5, "decays");
    cr_assert(td_peak(l, n) < 2.0);
    /* stereo: the channels differ */
    double diff = 0;
    for (uint32_t i = 0; i < 48000; i++) diff += fabs(l[i] - r[i]);
    cr_assert(diff > 1.0);
    /* a NaN input and full room do not break it */
    in[100] = NAN;
    ph_dsp_fill(room, 1.0f, n);
    ph_reverb_process(rv, l, NULL, in, room, damp, NULL, 48000, n);
    cr_assert(td_finite(l, 48000));
    ph_reverb_destroy(rv);
    cr_assert_null(ph_reverb_create(0));
    free(in), free(l), free(r), free(room), free(damp), free(mix);
}

/* The steady fast path (time, feedback and mix constant over a block: straight loops)
 * gives the bits of the per-sample definition, written here with ph_delay_read/write,
 * across ring wrap-arounds, blocks longer than the fast path takes, and lines shorter
 * than a block (where it must step aside). */
Test(dsp_delay, steady_blocks_match_the_per_sample_definition)
{
    const float times[] = {0.0973f, 0.0052f, 0.0001f, 0.1f, 0.0625f}; /* the last: 3000 samples, whole */
    const uint32_t blocks[] = {128, 7, 333, 600, 1, 512};
    for (uint32_t t = 0; t < 10; t++) { /* Hermite, then linear reads */
        ph_delay a, b;
        cr_assert_eq(ph_delay_create(&a, 48000, 0.1), 0);
        cr_assert_eq(ph_delay_create(&b, 48000, 0.1), 0);
        a.linear = b.linear = t >= 5;
        static float in[48000], out[48000], time[600], fb[600], mix[600];
        for (uint32_t i = 0; i < 48000; i++) in[i] = sinf(0.01f * (float)i) + (i % 97 == 0 ? 0.5f : 0.0f);
        for (uint32_t i = 0; i < 600; i++) time[i] = times[t % 5], fb[i] = 0.7f, mix[i] = 0.4f;
        uint32_t at = 0, k = 0;
        while (at < 48000) {
            uint32_t n = blocks[k++ % 6];
            if (n > 48000 - at) n = 48000 - at;
            ph_delay_process(&a, out + at, in + at, time, fb, mix, n, at);
            at += n;
        }
        for (uint32_t i = 0; i < 48000; i++) {
            float x = ph_dsp_sane(in[i]);
            float y = ph_delay_read(&b, times[t % 5] * b.rate);
            ph_delay_write(&b, ph_dsp_flush(x + 0.7f * y));
            float want = x + 0.4f * y;
            cr_assert(!memcmp(&want, &out[i], sizeof want), "time %g, sample %u: %.9g vs %.9g", times[t % 5], i,
                      out[i], want);
        }
        ph_delay_destroy(&a);
        ph_delay_destroy(&b);
    }
}
