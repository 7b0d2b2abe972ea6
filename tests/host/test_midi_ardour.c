/* Phonon in Ardour's ways, found by tests/ardour and reproduced here:
 * - Phonon MIDI's notes as Ardour reads them: after run() Ardour copies the plugin's
 *   output atom ports into the track's MIDI buffers in index order, counting ports that
 *   carry no MIDI, so with one MIDI buffer the first output atom port is the one heard.
 *   With notify first (before the port order was changed) the track got notify's MIDI,
 *   which is none, and every note was lost in Ardour while jalv played them. The host
 *   emulates that (ardour_midi_out).
 * - Ardour's time:Position while rolling: one every cycle (on a MIDI track), the bar and
 *   beat from BBT time in whole ticks (1920 a beat), up to 12.5 samples early at 120 BPM.
 *   Taken as jumps (the tolerance was 2 samples), they relocated the clock every few
 *   cycles and cut every sounding note: notes of 10 to 60 ms in Ardour.
 *   ph_lv2host_stream_ardour_positions() sends what Ardour sends. */
#include <criterion/criterion.h>
#include <string.h>

#include "host.h"
#include "texts.h"

#define BAR 96000 /* 120 BPM, 4/4, 48 kHz */
#define NOTES "out: n \"9 16\"" /* A4 for the first half of each bar, E5 for the second */

/* Phonon MIDI in a host that reads MIDI out as Ardour does, NOTES at frame 0 of s. */
static ph_lv2host *ardour_midi(ph_lv2host_stream *s)
{
    host_next_ardour_midi_out();
    ph_lv2host *h = host_new(PH_LV2HOST_MIDI_URI, RATE, 1024, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    stream_text_str(s, 0, NOTES);
    return h;
}

Test(midi_ardour, the_notes_reach_ardours_track)
{
    ph_lv2host_stream s = {0};
    ph_lv2host *h = ardour_midi(&s);
    ph_lv2host_stream_position(&s, 0, 120, 4, 0, 0.0, 1, 0); /* Ardour: once, at the start */
    ph_lv2host_stream_get(&s, 100, NULL);                    /* the generic UI opening */
    ph_lv2host_render(h, &s, BAR + 100, NULL, 0, NULL);
    size_t n = 0;
    const ph_lv2host_midi *m = ph_lv2host_midi_out(h, &n);
    /* A4 for the first half bar, E5 for the second, then A4 again */
    int64_t on69 = -1, on76 = -1, on69b = -1;
    for (size_t i = 0; i < n; i++) {
        if ((m[i].data[0] & 0xF0) != 0x90 || m[i].data[2] == 0) continue;
        if (m[i].data[1] == 69 && on69 < 0) on69 = m[i].frame;
        else if (m[i].data[1] == 76 && on76 < 0) on76 = m[i].frame;
        else if (m[i].data[1] == 69) on69b = m[i].frame;
    }
    cr_expect_eq(on69, 0, "A4 on the downbeat (got %lld, %zu messages)", (long long)on69, n);
    cr_expect_eq(on76, BAR / 2, "E5 half a bar later (got %lld)", (long long)on76);
    cr_expect_eq(on69b, BAR, "A4 again on the next bar (got %lld)", (long long)on69b);
    /* the notify port still answers the UI */
    const ph_lv2host_notify *no = ph_lv2host_notifications(h);
    cr_expect(no->text && !strcmp(no->text, NOTES), "patch:Get gets the text");
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

/* Note-on and note-off frames of key `key` in the collected MIDI (up to max each). */
static int note_times(const ph_lv2host_midi *m, size_t n, int key, int64_t *on, int64_t *off, int max, int *n_off)
{
    int k = 0;
    *n_off = 0;
    for (size_t i = 0; i < n; i++) {
        const int st = m[i].data[0] & 0xF0;
        if (m[i].data[1] != key) continue;
        if (st == 0x90 && m[i].data[2] > 0) {
            if (k < max) on[k] = m[i].frame, off[k] = -1;
            k++;
        } else if (st == 0x80 || st == 0x90) {
            if (k > 0 && k <= max && off[k - 1] < 0) off[k - 1] = m[i].frame;
            (*n_off)++;
        }
    }
    return k;
}

Test(midi_ardour, notes_keep_their_length_under_ardours_positions)
{
    ph_lv2host_stream s = {0};
    ph_lv2host *h = ardour_midi(&s);
    ph_lv2host_stream_ardour_positions(&s, 0, 2 * BAR, 1024, RATE, 120, 4);
    static const uint32_t cycle[] = {1024};
    ph_lv2host_render(h, &s, 2 * BAR, cycle, 1, NULL);
    size_t n = 0;
    const ph_lv2host_midi *m = ph_lv2host_midi_out(h, &n);
    int64_t on[4], off[4];
    int n_off;
    const int n_on = note_times(m, n, 69, on, off, 4, &n_off);
    cr_expect_eq(n_on, 2, "A4 twice in two bars (%d)", n_on);
    for (int k = 0; k < n_on && k < 2; k++) {
        cr_expect_eq(on[k], k * BAR, "A4 on at %lld", (long long)on[k]);
        cr_expect_eq(off[k], k * BAR + BAR / 2, "and off half a bar later, not at %lld", (long long)off[k]);
    }
    cr_expect_eq(n_off, n_on, "one note-off a note");
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

Test(midi_ardour, ardours_positions_do_not_move_the_instruments_clock)
{
    /* the same audio as with one position at the start */
    const char *text = "out: sine \"440 660 550 770\" * 0.2 + s \"bd*4\" * 0.3";
    float **out[2];
    for (int k = 0; k < 2; k++) {
        ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 1024, PH_LV2HOST_WORKER_SYNC);
        cr_assert_not_null(h);
        ph_lv2host_stream s = {0};
        stream_text_str(&s, 0, text);
        if (k) ph_lv2host_stream_ardour_positions(&s, 0, 2 * BAR, 1024, RATE, 120, 4);
        else ph_lv2host_stream_position(&s, 0, 120, 4, 0, 0.0, 1, 0);
        out[k] = audio_new(2, 2 * BAR);
        static const uint32_t cycle[] = {1024};
        ph_lv2host_render(h, &s, 2 * BAR, cycle, 1, out[k]);
        ph_lv2host_stream_free(&s);
        ph_lv2host_free(h);
    }
    cr_expect_gt(audio_rms(out[0][0], 2 * BAR), 0.05);
    cr_expect_eq(audio_diff(out[0][0], out[1][0], 2 * BAR), 0, "Ardour's positions moved the clock");
    audio_free(out[0], 2);
    audio_free(out[1], 2);
}
