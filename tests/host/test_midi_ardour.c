/* Phonon MIDI's notes as Ardour reads them: after run() Ardour copies the plugin's output
 * atom ports into the track's MIDI buffers in index order, counting ports that carry no
 * MIDI, so with one MIDI buffer the first output atom port is the one heard. With notify
 * first (before the port order was changed) the track got notify's MIDI, which is none,
 * and every note was lost in Ardour while jalv played them. The host emulates that
 * (ardour_midi_out) on a rolling Ardour transport. */
#include <criterion/criterion.h>
#include <string.h>

#include "host.h"
#include "texts.h"

#define BAR 96000 /* 120 BPM, 4/4, 48 kHz */

Test(midi_ardour, the_notes_reach_ardours_track)
{
    host_next_ardour_midi_out();
    ph_lv2host *h = host_new(PH_LV2HOST_MIDI_URI, RATE, 1024, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: n \"9 16\"");
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
    cr_expect(no->text && !strcmp(no->text, "out: n \"9 16\""), "patch:Get gets the text");
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}
