/* Phonon FX on Ardour's audio track: Ardour writes time:Position only into a MIDI buffer,
 * and a track without MIDI has none, so the control port (which supports MIDI) gets the
 * UI's messages and no position there. The FX's transport port (time:Position alone) is
 * what keeps its patterns on the host's bars. The host emulates that routing (no_midi)
 * and the tests measure a gate's phase against the host's bar. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>

#include "fx_render.h"
#include "host.h"
#include "texts.h"

#define BAR 96000 /* 120 BPM, 4/4, 48 kHz: a bar is 2 s */
#define GATE "out: in * \"1 0\"" /* open for the first half of each cycle (= bar) */

/* Renders GATE over DC 0.5 through `uri` for n frames; the host's transport starts
 * rolling half way through bar 4 (bar 3, barBeat 2, zero-based as LV2 counts) and says so
 * once (Ardour), or in every block of 512 when every_block (Carla). */
static float **render_gate(const char *uri, bool no_midi, bool every_block, const uint32_t *sizes,
                           size_t n_sizes, int64_t n)
{
    if (no_midi) host_next_no_midi();
    ph_lv2host *h = host_new(uri, RATE, 8192, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, GATE);
    for (int64_t f = 0; f < n; f += every_block ? 512 : n) {
        const double beats = 2.0 + (double)f / (BAR / 4);
        ph_lv2host_stream_position(&s, f, 120, 4, 3 + (int64_t)(beats / 4), fmod(beats, 4.0), 1, 0);
    }
    float **in = audio_new(2, n);
    for (int64_t i = 0; i < n; i++) in[0][i] = in[1][i] = 0.5f;
    float **out = fx_render_stream(h, &s, in, n, sizes, n_sizes);
    audio_free(in, 2);
    return out;
}

/* Mean level over [from, to) seconds. */
static double level(const float *x, double from, double to)
{
    return audio_rms(x + (int64_t)(from * RATE), (int64_t)((to - from) * RATE));
}

Test(fx_transport, the_gate_follows_ardours_bars_on_an_audio_track)
{
    const int64_t n = 3 * BAR;
    float **out = render_gate(PH_LV2HOST_FX_URI, true, false, NULL, 0, n);
    /* The host starts in the second half of a bar: closed for 1 s, open for 1 s, ...
     * (free-running from frame 0, the gate would open first). */
    for (int ch = 0; ch < 2; ch++) {
        cr_expect_lt(level(out[ch], 0.3, 0.95), 0.005, "closed in the bar's second half");
        cr_expect_float_eq(level(out[ch], 1.05, 1.95), 0.5, 0.005, "open in the next bar's first half");
        cr_expect_lt(level(out[ch], 2.05, 2.95), 0.005, "closed again");
        cr_expect_float_eq(level(out[ch], 3.05, 3.95), 0.5, 0.005, "open again");
    }
    /* the edge is on the bar line (within the gate's 2 ms fade) */
    int64_t rise = BAR / 2;
    while (rise < n && out[0][rise] < 0.25f) rise++;
    cr_expect_leq(rise - BAR / 2, 96, "opened %lld samples after the bar line", (long long)(rise - BAR / 2));
    audio_free(out, 2);
}

Test(fx_transport, the_instrument_has_no_transport_port_and_free_runs_there)
{
    /* The host's routing itself: on a track without MIDI, a plugin whose only atom input
     * supports MIDI never hears the position, and its patterns run from its own cycle
     * start at frame 0. That is what Phonon FX did before it had a transport port; the
     * instrument has none (on Ardour's MIDI tracks and buses it needs none). */
    const int64_t n = 2 * BAR;
    host_next_no_midi();
    ph_lv2host *h = host_new(PH_LV2HOST_PLUGIN_URI, RATE, 8192, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: sine 440 * \"1 0\" * 0.5");
    ph_lv2host_stream_position(&s, 0, 120, 4, 3, 2.0, 1, 0);
    float **out = audio_new(2, n);
    ph_lv2host_render(h, &s, n, NULL, 0, out);
    cr_expect_gt(level(out[0], 0.3, 0.95), 0.3, "free-running: open from frame 0");
    cr_expect_lt(level(out[0], 1.05, 1.95), 0.005);
    audio_free(out, 2);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

/* The first sample where a and b differ, or -1. */
static int64_t first_diff(const float *a, const float *b, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        if (a[i] != b[i]) return i;
    return -1;
}

Test(fx_transport, both_ports_or_either_give_identical_audio_for_any_blocks)
{
    const int64_t n = 2 * BAR;
    /* Default routing: the position reaches the control port and the transport port
     * (jalv, Carla, Ardour on a MIDI track); no_midi: the transport port alone. Once
     * (Ardour) or every 512 samples (Carla); blocks of 8192, 7 or mixed sizes. */
    float **ref = render_gate(PH_LV2HOST_FX_URI, false, false, NULL, 0, n);
    static const uint32_t s7[] = {7}, smix[] = {1, 333, 64, 4096, 7, 512};
    float **variants[] = {
        render_gate(PH_LV2HOST_FX_URI, true, false, NULL, 0, n),
        render_gate(PH_LV2HOST_FX_URI, true, true, NULL, 0, n),
        render_gate(PH_LV2HOST_FX_URI, false, true, smix, 6, n),
        render_gate(PH_LV2HOST_FX_URI, true, false, s7, 1, n),
        render_gate(PH_LV2HOST_FX_URI, true, true, smix, 6, n),
        render_gate(PH_LV2HOST_FX_URI, false, false, s7, 1, n),
    };
    /* The text is adopted at frame 0 in every partition (the synchronous worker). */
    for (size_t k = 0; k < sizeof variants / sizeof variants[0]; k++) {
        for (int ch = 0; ch < 2; ch++)
            cr_expect_eq(audio_diff(ref[ch], variants[k][ch], n), 0, "variant %zu channel %d: first difference at %lld",
                         k, ch, (long long)first_diff(ref[ch], variants[k][ch], n));
        audio_free(variants[k], 2);
    }
    cr_expect_lt(level(ref[0], 0.3, 0.95), 0.005);
    cr_expect_float_eq(level(ref[0], 1.05, 1.95), 0.5, 0.005);
    audio_free(ref, 2);
}
