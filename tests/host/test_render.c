/* Rendering through the plugin: text in, audio out, at every block length, with the
 * same output whatever the partition of the same event stream. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "texts.h"

static const uint32_t partitions[][6] = {
    {8192}, {512}, {1}, {7}, {64}, {333}, {1, 7, 64, 333, 512, 8192}, {4096, 3, 1000, 17},
};
static const size_t partition_len[] = {1, 1, 1, 1, 1, 1, 6, 4};

/* An event stream using everything: text changes, transport, MIDI, property reads. */
static void busy_stream(ph_lv2host_stream *s)
{
    ph_lv2host_stream_position(s, 0, 120, 4, 0, 0, 1, 0);
    stream_text_str(s, 0, TEXT_RICH);
    ph_lv2host_stream_get(s, 100, NULL);
    ph_lv2host_stream_midi(s, 2000, 0x90, 60, 100);
    ph_lv2host_stream_midi(s, 2001, 0xB0, 1, 64); /* CC1 -> macro 1 */
    ph_lv2host_stream_midi(s, 9000, 0x80, 60, 0);
    stream_text_str(s, 24000, TEXT_RICH_ONELINE);
    stream_text_str(s, 30011, TEXT_OTHER);
    stream_text_str(s, 35000, TEXT_BEAT); /* patterns: events at exact samples */
    ph_lv2host_stream_position(s, 40000, 120, 4, 3, 2.5, 1, 1); /* a jump */
    stream_text_str(s, 50000, TEXT_BAD);
    stream_text_str(s, 50001, TEXT_RICH);
    ph_lv2host_stream_position(s, 60000, 140, 3, 7, 0, 1, 2); /* tempo and metre change */
}

Test(render, text_makes_finite_nonsilent_audio)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_RICH);
    const int64_t n = 96000;
    float **a = audio_new(2, n);
    ph_lv2host_render(h, &s, n, NULL, 0, a);
    for (int c = 0; c < 2; c++) {
        cr_expect(audio_finite(a[c], n));
        cr_expect_gt(audio_rms(a[c], n), 1e-3, "channel %d rms %g", c, audio_rms(a[c], n));
    }
    const ph_lv2host_notify *no = ph_lv2host_notifications(h);
    cr_expect_eq(no->n_text, 1, "accepted text echoed once on notify");
    cr_expect_str_eq(no->text ? no->text : "", TEXT_RICH);
    cr_expect_geq(no->n_state_changed, 1, "state:StateChanged after an accepted change");
    cr_expect_str_eq(no->error ? no->error : "?", "", "error cleared after a good compile");
    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

Test(render, identical_for_every_block_partition)
{
    ph_lv2host_stream s = {0};
    busy_stream(&s);
    const int64_t n = 72000;
    float **ref = NULL;
    for (size_t p = 0; p < sizeof partitions / sizeof *partitions; p++) {
        ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 8192, PH_LV2HOST_WORKER_SYNC);
        cr_assert_not_null(h);
        float **a = audio_new(2, n);
        ph_lv2host_render(h, &s, n, partitions[p], partition_len[p], a);
        for (int c = 0; c < 2; c++) cr_expect(audio_finite(a[c], n));
        if (!ref) {
            ref = a;
            cr_expect_gt(audio_rms(ref[0], n), 1e-3);
        } else {
            for (int c = 0; c < 2; c++)
                cr_expect_eq(audio_diff(ref[c], a[c], n), 0,
                             "partition %zu (first block %u) differs on channel %d", p,
                             partitions[p][0], c);
            audio_free(a, 2);
        }
        ph_lv2host_free(h);
    }
    audio_free(ref, 2);
    ph_lv2host_stream_free(&s);
}

Test(render, patch_get_answers_on_notify)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_TONE);
    ph_lv2host_render(h, &s, 1024, NULL, 0, NULL);
    ph_lv2host_clear_notifications(h);
    ph_lv2host_stream_free(&s);
    ph_lv2host_stream_get(&s, 1024 + 10, PH_LV2HOST_TEXT_URI);
    ph_lv2host_render(h, &s, 512, NULL, 0, NULL);
    const ph_lv2host_notify *no = ph_lv2host_notifications(h);
    cr_expect_eq(no->n_text, 1);
    cr_expect_eq(no->n_error + no->n_file, 0, "asked for the text only");
    cr_expect_str_eq(no->text ? no->text : "", TEXT_TONE);
    ph_lv2host_clear_notifications(h);
    ph_lv2host_stream_free(&s);
    /* a bare Get (Ardour's generic UI): everything */
    ph_lv2host_stream_get(&s, ph_lv2host_position(h), NULL);
    ph_lv2host_render(h, &s, 512, NULL, 0, NULL);
    cr_expect_eq(no->n_text, 1);
    cr_expect_eq(no->n_file, 1);
    cr_expect_eq(no->n_error, 1);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

Test(render, bad_text_reports_error_and_sound_goes_on)
{
    const int64_t n = 48000;
    ph_lv2host_stream good = {0}, bad = {0};
    stream_text_str(&good, 0, TEXT_RICH);
    stream_text_str(&bad, 0, TEXT_RICH);
    stream_text_str(&bad, 20000, TEXT_BAD);
    ph_lv2host *h1 = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    ph_lv2host *h2 = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert(h1 && h2);
    float **a = audio_new(2, n), **b = audio_new(2, n);
    ph_lv2host_render(h1, &good, n, NULL, 0, a);
    ph_lv2host_render(h2, &bad, n, NULL, 0, b);
    cr_expect_eq(audio_diff(a[0], b[0], n), 0, "a bad text must not change the sound");
    cr_expect_gt(audio_rms(b[0] + 24000, n - 24000), 1e-3, "sound goes on");
    const ph_lv2host_notify *no = ph_lv2host_notifications(h2);
    cr_assert_not_null(no->error);
    int line = 0, col = 0;
    cr_expect_eq(sscanf(no->error, "%d:%d:", &line, &col), 2, "error '%s' has line:column",
                 no->error);
    cr_expect_eq(line, 1);
    cr_expect_gt(col, 1);
    cr_expect_str_eq(no->text, TEXT_RICH, "the property still holds the playing text");
    cr_expect(strstr(ph_lv2host_log(h2), "1:") != NULL, "error logged to the host: '%s'",
              ph_lv2host_log(h2));
    audio_free(a, 2);
    audio_free(b, 2);
    ph_lv2host_stream_free(&good);
    ph_lv2host_stream_free(&bad);
    ph_lv2host_free(h1);
    ph_lv2host_free(h2);
}

Test(render, long_texts)
{
    /* 64 KB of text: a program padded with comment lines. */
    const size_t len = 64 * 1024;
    char *big = malloc(len + 1);
    size_t k = 0;
    k += (size_t)sprintf(big, "%s", TEXT_TONE);
    while (k + 64 < len) k += (size_t)sprintf(big + k, "-- padding padding padding padding padding padding pad\n");
    while (k < len - 1) big[k++] = '-';
    big[k++] = '\n';
    big[k] = '\0';
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    ph_lv2host_stream_text(&s, 0, big, len);
    float **a = audio_new(2, 24000);
    ph_lv2host_render(h, &s, 24000, NULL, 0, a);
    const ph_lv2host_notify *no = ph_lv2host_notifications(h);
    cr_expect_eq(no->text_len, len, "64 KB text accepted and echoed (got %zu)", no->text_len);
    cr_expect_gt(audio_rms(a[0] + 12000, 12000), 1e-3);

    /* Over the limit: an error, and the 64 KB program plays on. */
    char *huge = malloc(200 * 1024);
    memset(huge, '-', 200 * 1024);
    ph_lv2host_stream_free(&s);
    ph_lv2host_stream_text(&s, 24000 + 100, huge, 200 * 1024);
    ph_lv2host_clear_notifications(h);
    ph_lv2host_render(h, &s, 24000, NULL, 0, a);
    cr_assert_not_null(no->error);
    cr_expect(strstr(no->error, "too long") != NULL, "error: %s", no->error);
    cr_expect_gt(audio_rms(a[0] + 12000, 12000), 1e-3);
    audio_free(a, 2);
    free(big);
    free(huge);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

Test(render, set_without_value_is_reported_not_crashing)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 256, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_TONE);
    ph_lv2host_stream_set_novalue(&s, 300);
    float **a = audio_new(2, 4800);
    ph_lv2host_render(h, &s, 4800, NULL, 0, a);
    const ph_lv2host_notify *no = ph_lv2host_notifications(h);
    cr_expect(no->error && no->error[0], "a Set without value is reported");
    cr_expect_gt(audio_rms(a[0] + 2400, 2400), 1e-3);
    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

Test(render, echoed_text_is_not_recompiled)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_TONE);
    stream_text_str(&s, 5000, TEXT_TONE); /* Ardour's entry echoes the notified text */
    ph_lv2host_render(h, &s, 10000, NULL, 0, NULL);
    cr_expect_eq(ph_lv2host_notifications(h)->n_text, 1);
    cr_expect_eq(ph_lv2host_notifications(h)->n_state_changed, 1);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

Test(render, sample_rates)
{
    const double rates[] = {22050, 44100, 48000, 88200, 96000, 192000};
    for (size_t i = 0; i < sizeof rates / sizeof *rates; i++) {
        ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, rates[i], 1024, PH_LV2HOST_WORKER_SYNC);
        cr_assert_not_null(h, "instantiate at %g Hz", rates[i]);
        ph_lv2host_stream s = {0};
        stream_text_str(&s, 0, TEXT_RICH);
        const int64_t n = (int64_t)rates[i];
        float **a = audio_new(2, n);
        ph_lv2host_render(h, &s, n, NULL, 0, a);
        cr_expect(audio_finite(a[0], n) && audio_finite(a[1], n), "%g Hz", rates[i]);
        cr_expect_gt(audio_rms(a[0], n), 1e-3, "%g Hz", rates[i]);
        audio_free(a, 2);
        ph_lv2host_stream_free(&s);
        ph_lv2host_free(h);
    }
    cr_expect_null(host_new(PH_LV2HOST_PLUGIN_URI, 8000, 512, PH_LV2HOST_WORKER_SYNC),
                   "8 kHz is refused");
}

Test(render, phonon16_separate_outputs)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN16_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    cr_assert_eq(ph_lv2host_channels(h), 18);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: sine 220 * 0.2\nout3: sine 440 * 0.5\nout16: saw 110 * 0.5\n");
    const int64_t n = 24000;
    float **a = audio_new(18, n);
    ph_lv2host_render(h, &s, n, NULL, 0, a);
    for (int c = 0; c < 18; c++) {
        cr_expect(audio_finite(a[c], n));
        const double r = audio_rms(a[c] + n / 2, n / 2);
        const bool expect_sound = c < 2 || c == 2 + 2 || c == 2 + 15;
        if (expect_sound) cr_expect_gt(r, 1e-3, "channel %d silent", c);
        else cr_expect_lt(r, 1e-6, "channel %d should be silent (rms %g)", c, r);
    }
    audio_free(a, 18);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

Test(render, gain_and_bypass)
{
    const int64_t n = 24000;
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_TONE);
    ph_lv2host *unity = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    ph_lv2host *half = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    ph_lv2host *off = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert(unity && half && off);
    ph_lv2host_set_control(half, HP_GAIN, -6.0206f);
    ph_lv2host_set_control(off, HP_ENABLED, 0.0f);
    float **a = audio_new(2, n), **b = audio_new(2, n), **c = audio_new(2, n);
    ph_lv2host_render(unity, &s, n, NULL, 0, a);
    ph_lv2host_render(half, &s, n, NULL, 0, b);
    ph_lv2host_render(off, &s, n, NULL, 0, c);
    const double ra = audio_rms(a[0] + n / 2, n / 2), rb = audio_rms(b[0] + n / 2, n / 2);
    cr_expect_gt(ra, 1e-3);
    cr_expect_float_eq(rb / ra, 0.5, 1e-3, "-6 dB gives half (%g)", rb / ra);
    cr_expect_lt(audio_rms(c[0] + n / 2, n / 2), 1e-7, "bypassed: silent");
    /* enabling again fades in without a click: no jump larger than the signal allows */
    ph_lv2host_set_control(off, HP_ENABLED, 1.0f);
    ph_lv2host_render(off, &s, n, NULL, 0, c);
    cr_expect_lt(fabsf(c[0][0]), 0.01f, "fade-in starts near zero");
    cr_expect_gt(audio_rms(c[0] + n / 2, n / 2), 1e-3);
    audio_free(a, 2);
    audio_free(b, 2);
    audio_free(c, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(unity);
    ph_lv2host_free(half);
    ph_lv2host_free(off);
}

Test(render, macros_from_ports_and_cc)
{
    const int64_t n = 24000;
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_MACRO);
    ph_lv2host *zero = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    ph_lv2host *port = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    ph_lv2host *cc = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert(zero && port && cc);
    ph_lv2host_set_control(port, HP_MACRO1, 1.0f);
    ph_lv2host_stream scc = {0};
    stream_text_str(&scc, 0, TEXT_MACRO);
    ph_lv2host_stream_midi(&scc, 100, 0xB0, 1, 127);
    float **a = audio_new(2, n), **b = audio_new(2, n), **c = audio_new(2, n);
    ph_lv2host_render(zero, &s, n, NULL, 0, a);
    ph_lv2host_render(port, &s, n, NULL, 0, b);
    ph_lv2host_render(cc, &scc, n, NULL, 0, c);
    cr_expect_lt(audio_rms(a[0] + n / 2, n / 2), 1e-5, "~m1 = 0: silent");
    cr_expect_gt(audio_rms(b[0] + n / 2, n / 2), 0.1, "macro1 port = 1: sound");
    cr_expect_gt(audio_rms(c[0] + n / 2, n / 2), 0.1, "CC1 = 127: sound");
    audio_free(a, 2);
    audio_free(b, 2);
    audio_free(c, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_stream_free(&scc);
    ph_lv2host_free(zero);
    ph_lv2host_free(port);
    ph_lv2host_free(cc);
}

Test(render, events_at_frame_n_samples_equal_events_at_next_block)
{
    /* jalv stamps events at frame == n_samples; the plugin applies them after the
     * block's audio, which is where the next block would have applied them. */
    ph_lv2host_stream s = {0};
    busy_stream(&s);
    static const uint32_t sizes[] = {1000, 1000, 1000, 1, 999};
    /* put events exactly on block boundaries of that partition */
    stream_text_str(&s, 3000, TEXT_OTHER);
    ph_lv2host_stream_midi(&s, 4000, 0x90, 64, 90);
    ph_lv2host_stream_midi(&s, 6000, 0xB0, 2, 100);
    const int64_t n = 48000;
    ph_lv2host *a = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 8192, PH_LV2HOST_WORKER_SYNC);
    ph_lv2host *b = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 8192, PH_LV2HOST_WORKER_SYNC);
    cr_assert(a && b);
    ph_lv2host_late_events(b, true);
    float **xa = audio_new(2, n), **xb = audio_new(2, n);
    ph_lv2host_render(a, &s, n, sizes, 5, xa);
    ph_lv2host_render(b, &s, n, sizes, 5, xb);
    cr_expect_gt(audio_rms(xa[0], n), 1e-3);
    cr_expect_eq(audio_diff(xa[0], xb[0], n), 0);
    cr_expect_eq(audio_diff(xa[1], xb[1], n), 0);
    audio_free(xa, 2);
    audio_free(xb, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(a);
    ph_lv2host_free(b);
}

Test(render, deactivate_activate_keeps_playing)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_TONE);
    float **a = audio_new(2, 4800);
    ph_lv2host_render(h, &s, 4800, NULL, 0, a);
    lilv_instance_deactivate(ph_lv2host_instance(h));
    lilv_instance_activate(ph_lv2host_instance(h));
    ph_lv2host_render(h, NULL, 4800, NULL, 0, a);
    cr_expect(audio_finite(a[0], 4800));
    cr_expect_gt(audio_rms(a[0] + 2400, 2400), 0.1, "the program survives (de)activation");
    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

static void newest_text_wins(ph_lv2host_worker_mode mode)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, mode);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    const char *texts[] = {TEXT_TONE, TEXT_OTHER, TEXT_MACRO, TEXT_RICH, TEXT_OTHER "-- last\n"};
    for (int i = 0; i < 5; i++) stream_text_str(&s, 10 + i, texts[i]); /* one per keystroke */
    ph_lv2host_render(h, &s, 512, NULL, 0, NULL);
    for (int i = 0; i < 50; i++) { /* up to 0.5 s for the worker thread */
        ph_lv2host_worker_wait(h);
        ph_lv2host_render(h, NULL, 480, NULL, 0, NULL);
    }
    const ph_lv2host_notify *no = ph_lv2host_notifications(h);
    cr_expect_str_eq(no->text ? no->text : "", TEXT_OTHER "-- last\n");
    cr_expect_leq(no->n_text, 5);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

Test(render, newest_text_wins_synchronous_worker) { newest_text_wins(PH_LV2HOST_WORKER_SYNC); }
Test(render, newest_text_wins_threaded_worker) { newest_text_wins(PH_LV2HOST_WORKER_THREADED); }

Test(render, odd_texts_never_crash)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, TEXT_TONE);
    ph_lv2host_stream_text(&s, 1000, "", 0);
    ph_lv2host_stream_text(&s, 2000, "\xff\xfe\xfd", 3);
    ph_lv2host_stream_text(&s, 3000, ";", 1);
    ph_lv2host_stream_text(&s, 4000, "out: sine 220\0garbage after a NUL", 33);
    stream_text_str(&s, 5000, "out: \"[bd*4\"");           /* unbalanced */
    stream_text_str(&s, 6000, "~a: ~b; ~b: ~a; out: ~a"); /* a cycle with no input */
    stream_text_str(&s, 7000, "out: s \"bd*100000000\"");
    const int64_t n = 48000;
    float **a = audio_new(2, n);
    ph_lv2host_render(h, &s, n, NULL, 0, a);
    cr_expect(audio_finite(a[0], n) && audio_finite(a[1], n));
    cr_expect_gt(ph_lv2host_notifications(h)->n_error, 0);
    audio_free(a, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

/* Zero crossings (upward) per second over x[0 .. n). */
static double frequency(const float *x, int64_t n)
{
    int64_t first = -1, last = -1, count = 0;
    for (int64_t i = 1; i < n; i++)
        if (x[i - 1] < 0 && x[i] >= 0) {
            if (first < 0) first = i;
            last = i;
            count++;
        }
    return count > 1 ? (double)(count - 1) * RATE / (double)(last - first) : 0.0;
}

/* Renders n frames of `text` played from MIDI bytes {frame, status, data1, data2} through
 * the plugin (one host, 512-frame blocks); the caller frees the audio (2 channels). */
typedef struct midi_msg {
    int64_t frame;
    uint8_t b0, b1, b2;
} midi_msg;

static float **play_midi(const char *text, const midi_msg *m, size_t n_msgs, int64_t n)
{
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 512, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, text);
    for (size_t i = 0; i < n_msgs; i++)
        ph_lv2host_stream_midi(&s, m[i].frame, m[i].b0, m[i].b1, m[i].b2);
    float **a = audio_new(2, n);
    ph_lv2host_render(h, &s, n, NULL, 0, a);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
    return a;
}

Test(render, midi_notes_play_the_pitched_voice)
{
    const midi_msg m[] = {
        {4800, 0x90, 69, 100},  /* A4 at 0.1 s */
        {24000, 0x80, 69, 0},   /* released at 0.5 s */
        {28800, 0x90, 57, 100}, /* A3 at 0.6 s */
        {38400, 0x90, 57, 0},   /* note-on with velocity 0 = off at 0.8 s */
    };
    float **a = play_midi("out: (sine midi # adsr 0.005 0.05 1 0.05) * 0.5\n", m, 4, 48000);
    cr_expect_lt(audio_rms(a[0], 4800), 1e-4, "silent before the first note");
    cr_expect_gt(audio_rms(a[0] + 9600, 9600), 0.1, "the note sounds");
    cr_expect_float_eq(frequency(a[0] + 9600, 9600), 440.0, 2.0, "A4 is 440 Hz (%g)",
                       frequency(a[0] + 9600, 9600));
    cr_expect_float_eq(frequency(a[0] + 31000, 6000), 220.0, 2.0, "A3 is 220 Hz (%g)",
                       frequency(a[0] + 31000, 6000));
    cr_expect_lt(audio_rms(a[0] + 43200, 4800), 1e-3, "released");
    audio_free(a, 2);
}

/* Through the plugin's MIDI input: a second note adds a voice (two sines of equal level:
 * rms times sqrt 2), and releasing the first leaves the second alone at its own pitch. */
Test(render, midi_chords_are_polyphonic)
{
    const midi_msg m[] = {
        {4800, 0x90, 57, 100},  /* A3 at 0.1 s */
        {14400, 0x90, 76, 100}, /* E5 joins at 0.3 s */
        {24000, 0x80, 57, 0},   /* A3 released at 0.5 s */
    };
    float **a = play_midi("out: (sine midi # adsr 0.005 0.05 1 0.05) * 0.3\n", m, 3, 38400);
    double one = audio_rms(a[0] + 7200, 7200), two = audio_rms(a[0] + 16800, 7200);
    cr_expect_gt(one, 0.1, "A3 sounds (%g)", one);
    cr_expect_float_eq(two / one, sqrt(2.0), 0.08, "two notes at once: rms ratio %g", two / one);
    double alone = audio_rms(a[0] + 28800, 7200);
    cr_expect_float_eq(alone / one, 1.0, 0.05, "E5 alone after A3's release (%g)", alone / one);
    cr_expect_float_eq(frequency(a[0] + 28800, 7200), 659.26, 3.0, "E5 (%g Hz)", frequency(a[0] + 28800, 7200));
    audio_free(a, 2);
}

/* The sustain pedal (CC 64) and the pitch wheel (+-2 semitones) through the plugin. */
Test(render, midi_sustain_pedal_and_pitch_wheel)
{
    const midi_msg m[] = {
        {4800, 0x90, 69, 100},   /* A4 at 0.1 s */
        {9600, 0xB0, 64, 127},   /* pedal down */
        {14400, 0x80, 69, 0},    /* key up at 0.3 s: still sounding */
        {24000, 0xE0, 0x7F, 0x7F}, /* wheel fully up at 0.5 s: +2 semitones */
        {33600, 0xB0, 64, 0},    /* pedal up at 0.7 s: released */
    };
    float **a = play_midi("out: (sine midi # adsr 0.005 0.05 1 0.05) * 0.3\n", m, 5, 43200);
    cr_expect_gt(audio_rms(a[0] + 16800, 4800), 0.1, "held by the pedal after the key is up");
    cr_expect_float_eq(frequency(a[0] + 16800, 4800), 440.0, 2.0, "A4 (%g)", frequency(a[0] + 16800, 4800));
    cr_expect_float_eq(frequency(a[0] + 26400, 4800), 493.88, 3.0, "bent to B4 (%g)", frequency(a[0] + 26400, 4800));
    cr_expect_lt(audio_rms(a[0] + 38400, 4800), 1e-3, "released with the pedal");
    audio_free(a, 2);
}

Test(render, block_length_options_of_every_host)
{
    /* Ardour (min 1, max, nominal), jalv (min = max, no nominal), none (8192 assumed):
     * the same stream gives the same audio in blocks up to the announced maximum. */
    ph_lv2host_stream s = {0};
    busy_stream(&s);
    const int64_t n = 40000;
    const host_options opts[] = {HOST_OPTIONS_ARDOUR, HOST_OPTIONS_JALV, HOST_OPTIONS_NONE};
    static const uint32_t sizes[] = {8192, 1, 4000, 8191};
    float **ref = NULL;
    for (int i = 0; i < 3; i++) {
        host_next_options(opts[i]);
        ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 8192, PH_LV2HOST_WORKER_SYNC);
        cr_assert_not_null(h, "options variant %d", i);
        float **a = audio_new(2, n);
        ph_lv2host_render(h, &s, n, sizes, 4, a);
        if (!ref) ref = a;
        else {
            cr_expect_eq(audio_diff(ref[0], a[0], n), 0, "options variant %d", i);
            audio_free(a, 2);
        }
        ph_lv2host_free(h);
    }
    cr_expect_gt(audio_rms(ref[0], n), 1e-3);
    audio_free(ref, 2);
    ph_lv2host_stream_free(&s);
}
