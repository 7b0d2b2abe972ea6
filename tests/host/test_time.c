/* Host transport: cycles locked to bars, relocation, stop, free-running, and the same
 * audio whether the host sends a position every block (Carla) or only once (Ardour),
 * with any numeric atom types. TEXT_KICK has one kick per cycle, so its onsets show
 * where the plugin thinks the bar lines are. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "host.h"
#include "texts.h"

#define THR 0.05f

/* Onsets (first sample above THR after at least `gap` quiet samples). */
static int onsets(const float *x, int64_t n, int64_t *out, int max, int64_t gap)
{
    int k = 0;
    int64_t last = -gap - 1;
    for (int64_t i = 0; i < n && k < max; i++) {
        if (fabsf(x[i]) > THR) {
            if (i - last > gap) out[k++] = i;
            last = i;
        }
    }
    return k;
}

static float **render_kick(ph_lv2host_stream *s, int64_t n, float cpb, float tempo);

/* Samples from a cycle start to the kick crossing THR (the drum's attack). */
static int64_t latency(void)
{
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_KICK);
    ph_lv2host_stream_position(&s, 0, 120, 4, 0, 0, 1, 0);
    float **a = render_kick(&s, 4800, 1, 0);
    int64_t l = audio_onset(a[0], 4800, THR);
    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
    cr_assert(l >= 0 && l < 480, "kick latency %lld", (long long)l);
    return l;
}

static float **render_kick(ph_lv2host_stream *s, int64_t n, float cpb, float tempo)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_set_control(h, HP_CYCLES_PER_BAR, cpb);
    ph_lv2host_set_control(h, HP_TEMPO, tempo);
    float **a = audio_new(2, n);
    ph_lv2host_render(h, s, n, NULL, 0, a);
    ph_lv2host_free(h);
    return a;
}

Test(time, one_cycle_per_bar_follows_host_tempo)
{
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_KICK);
    ph_lv2host_stream_position(&s, 0, 120, 4, 0, 0, 1, 0); /* 120 BPM 4/4: a bar is 2 s */
    const int64_t n = 5 * 48000;
    float **a = render_kick(&s, n, 1, 0);
    const int64_t l = latency();
    int64_t on[8];
    int k = onsets(a[0], n, on, 8, 4800);
    cr_assert_geq(k, 3, "found %d onsets", k);
    for (int i = 0; i < 3; i++)
        cr_expect(llabs(on[i] - l - i * 96000) <= 2, "onset %d at %lld, want %lld", i,
                  (long long)on[i], (long long)(l + i * 96000));
    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
}

Test(time, cycles_per_bar_control)
{
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_KICK);
    ph_lv2host_stream_position(&s, 0, 120, 4, 0, 0, 1, 0);
    const int64_t n = 3 * 48000;
    float **a = render_kick(&s, n, 2, 0); /* two cycles per 2 s bar: a kick every second */
    const int64_t l = latency();
    int64_t on[8];
    int k = onsets(a[0], n, on, 8, 4800);
    cr_assert_geq(k, 3);
    for (int i = 0; i < 3; i++) cr_expect(llabs(on[i] - l - i * 48000) <= 2, "onset %d", i);
    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
}

Test(time, relocates_on_jump)
{
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_KICK);
    /* start half-way through bar 5: the next bar line is 1 s away */
    ph_lv2host_stream_position(&s, 0, 120, 4, 5, 2.0, 1, 0);
    const int64_t n = 2 * 48000;
    float **a = render_kick(&s, n, 1, 0);
    const int64_t l = latency();
    int64_t on[4];
    int k = onsets(a[0], n, on, 4, 4800);
    cr_assert_geq(k, 1);
    cr_expect(llabs(on[0] - l - 48000) <= 2, "first onset at %lld", (long long)on[0]);
    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
}

Test(time, position_every_block_equals_position_once)
{
    const int64_t n = 4 * 48000;
    ph_lv2host_stream once = {0}, every = {0};
    stream_text_str(&once, 0, TEXT_BEAT);
    stream_text_str(&every, 0, TEXT_BEAT);
    ph_lv2host_stream_position(&once, 0, 123, 4, 0, 0, 1, 0);
    for (int64_t f = 0; f < n; f += 512) {
        const double beats = (double)f / RATE * 123.0 / 60.0;
        const int64_t bar = (int64_t)floor(beats / 4);
        ph_lv2host_stream_position(&every, f, 123, 4, bar, beats - 4.0 * (double)bar, 1,
                                   (int)(f / 512) % 3);
    }
    float **a = render_kick(&once, n, 1, 0), **b = render_kick(&every, n, 1, 0);
    cr_expect_gt(audio_rms(a[0], n), 1e-3);
    cr_expect_eq(audio_diff(a[0], b[0], n), 0, "a position every block changes nothing");
    audio_free(a, 2);
    audio_free(b, 2);
    ph_lv2host_stream_free(&once);
    ph_lv2host_stream_free(&every);
}

Test(time, numeric_atom_types_are_equivalent)
{
    const int64_t n = 2 * 48000;
    float **ref = NULL;
    for (int types = 0; types < 3; types++) {
        ph_lv2host_stream s = {0};
        stream_text_str(&s, 0, TEXT_BEAT);
        ph_lv2host_stream_position(&s, 0, 120, 4, 2, 1.0, 1, types);
        float **a = render_kick(&s, n, 1, 0);
        if (!ref) ref = a;
        else {
            cr_expect_eq(audio_diff(ref[0], a[0], n), 0, "types variant %d", types);
            audio_free(a, 2);
        }
        ph_lv2host_stream_free(&s);
    }
    audio_free(ref, 2);
}

Test(time, stops_with_the_host)
{
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_KICK);
    ph_lv2host_stream_position(&s, 0, 120, 4, 0, 0, 1, 0);
    ph_lv2host_stream_position(&s, 48000, 120, 4, 0, 2.0, 0, 0); /* stop at 1 s */
    const int64_t n = 6 * 48000;
    float **a = render_kick(&s, n, 1, 0);
    /* bar 1 would start at 2 s: no kick there, and the tail has died by the end */
    int64_t on[8];
    int k = onsets(a[0] + 48000, n - 48000, on, 8, 4800);
    cr_expect_eq(k, 0, "a kick after the stop at %lld", k ? (long long)on[0] + 48000 : 0LL);
    cr_expect_lt(audio_rms(a[0] + 5 * 48000, 48000), 1e-4);
    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
}

Test(time, free_runs_without_transport)
{
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_KICK);
    const int64_t n = 5 * 48000;
    float **a = render_kick(&s, n, 1, 60); /* 60 BPM, 4 beats a cycle: a kick every 4 s */
    const int64_t l = latency();
    int64_t on[8];
    int k = onsets(a[0], n, on, 8, 4800);
    cr_assert_geq(k, 2);
    cr_expect(llabs(on[0] - l) <= 2 && llabs(on[1] - l - 4 * 48000) <= 2, "onsets %lld %lld",
              (long long)on[0], (long long)on[1]);
    audio_free(a, 2);
    /* free tempo 0: the text's own tempo */
    ph_lv2host_stream t = {0};
    stream_text_str(&t, 0, "tempo: 1\n" TEXT_KICK);
    a = render_kick(&t, n, 1, 0);
    k = onsets(a[0], n, on, 8, 4800);
    cr_assert_geq(k, 3);
    cr_expect(llabs(on[1] - l - 48000) <= 2 && llabs(on[2] - l - 96000) <= 2, "text tempo");
    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_stream_free(&t);
}

Test(time, follows_a_tempo_change)
{
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_KICK);
    ph_lv2host_stream_position(&s, 0, 120, 4, 0, 0, 1, 0);           /* bar 0 at 120 BPM: 2 s */
    ph_lv2host_stream_position(&s, 2 * 48000, 60, 4, 1, 0, 1, 0);    /* bar 1 at 60 BPM: 4 s */
    const int64_t n = 7 * 48000;
    float **a = render_kick(&s, n, 1, 0);
    const int64_t l = latency();
    int64_t on[8];
    int k = onsets(a[0], n, on, 8, 4800);
    cr_assert_geq(k, 3);
    cr_expect(llabs(on[1] - l - 2 * 48000) <= 2, "bar 1 at %lld", (long long)on[1]);
    cr_expect(llabs(on[2] - l - 6 * 48000) <= 2, "bar 2 at %lld", (long long)on[2]);
    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
}
