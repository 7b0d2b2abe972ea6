/* Phonon MIDI through lilv: exact frames and pitches for every block size, note-offs on
 * transport stop, relocation, program swap, bypass and deactivation, same-pitch overlaps,
 * controls and program changes, MIDI thru, held chords, state, presets, the RT guard, and
 * `phonon render --midi-out` (a Standard MIDI File read back) giving the plugin's notes.
 * Free-running, a cycle is 2 s (96000 samples at 48 kHz). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lv2/presets/presets.h>

#include "host.h"
#include "rt_guard.h"
#include "smf.h"
#include "texts.h"

enum { M_MACRO1 = 3, M_CYCLES_PER_BAR = 11, M_TEMPO = 12, M_ENABLED = 13, M_THRU = 14 };
#define CYCLE 96000

typedef struct msg {
    int64_t frame;
    uint8_t s, d1, d2;
} msg;

static ph_lv2host *midi_host(uint32_t max_block)
{
    ph_lv2host *h = host_new(PH_LV2HOST_MIDI_URI, RATE, max_block, PH_LV2HOST_WORKER_SYNC);
    cr_assert_not_null(h);
    cr_assert_eq(ph_lv2host_channels(h), 0, "no audio");
    return h;
}

/* The MIDI the host collected, as a list (n messages). */
static msg *collected(ph_lv2host *h, size_t *n)
{
    const ph_lv2host_midi *m = ph_lv2host_midi_out(h, n);
    msg *out = calloc(*n + 1, sizeof *out);
    for (size_t i = 0; i < *n; i++) out[i] = (msg){m[i].frame, m[i].data[0], m[i].data[1], m[i].data[2]};
    return out;
}

static msg *render_midi(const char *text, int64_t frames, const uint32_t *sizes, size_t n_sizes, size_t *n)
{
    ph_lv2host *h = midi_host(8192);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, text);
    ph_lv2host_render(h, &s, frames, sizes, n_sizes, NULL);
    const char *err = ph_lv2host_notifications(h)->error;
    cr_expect(!err || !err[0], "compile error: %s", err ? err : "");
    msg *m = collected(h, n);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
    return m;
}

/* Whether message m is `status` of `key` at `frame`. */
static bool is(const msg *m, int64_t frame, uint8_t status, int key)
{
    return m->frame == frame && m->s == status && m->d1 == key;
}

static void finish(msg *m, ph_lv2host_stream *s, ph_lv2host *h)
{
    free(m);
    ph_lv2host_stream_free(s);
    ph_lv2host_free(h);
}

/* Every note-on has its note-off before the next note-on of that key, and (when
 * `closed`) nothing sounds at the end. */
static void expect_balanced(const msg *m, size_t n, bool closed)
{
    int on[16][128] = {{0}};
    for (size_t i = 0; i < n; i++) {
        const int c = m[i].s & 15, k = m[i].d1 & 127;
        if ((m[i].s & 0xF0) == 0x90 && m[i].d2 > 0) {
            cr_expect_eq(on[c][k], 0, "note-on of a sounding key %d/%d at %lld", c, k, (long long)m[i].frame);
            on[c][k] = 1;
        } else if ((m[i].s & 0xF0) == 0x80 || (m[i].s & 0xF0) == 0x90) {
            on[c][k] = 0;
        }
        if (i) cr_expect_geq(m[i].frame, m[i - 1].frame, "in order at %zu", i);
    }
    if (closed)
        for (int c = 0; c < 16; c++)
            for (int k = 0; k < 128; k++) cr_expect_eq(on[c][k], 0, "key %d/%d left sounding", c, k);
}

Test(midi, exact_frames_and_pitches_for_block_sizes_1_to_8192)
{
    const char *text = "out: n \"0 4 7 12\" # legato 0.5 # velocity \"1 0.5\"";
    static const uint32_t sizes[][6] = {{1}, {7}, {64}, {333}, {512}, {4096}, {8192}, {1, 333, 64, 4096, 7, 8192}};
    static const size_t counts[] = {1, 1, 1, 1, 1, 1, 1, 6};
    const int64_t frames = CYCLE + 30000;
    /* four notes a cycle, each half a step long: on at k * 24000, off 12000 later;
     * velocity 1 for the first half of the cycle, 0.5 (64) for the second */
    const msg want[] = {{0, 0x90, 60, 127},     {12000, 0x80, 60, 0},  {24000, 0x90, 64, 127},
                        {36000, 0x80, 64, 0},   {48000, 0x90, 67, 64}, {60000, 0x80, 67, 0},
                        {72000, 0x90, 72, 64},  {84000, 0x80, 72, 0},   {96000, 0x90, 60, 127},
                        {108000, 0x80, 60, 0},  {120000, 0x90, 64, 127}};
    const size_t n_want = sizeof want / sizeof want[0];
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        size_t n;
        msg *m = render_midi(text, frames, sizes[k], counts[k], &n);
        cr_expect_eq(n, n_want, "blocks %u...: %zu messages", sizes[k][0], n);
        for (size_t i = 0; i < n && i < n_want; i++)
            cr_expect(m[i].frame == want[i].frame && m[i].s == want[i].s && m[i].d1 == want[i].d1 &&
                          m[i].d2 == want[i].d2,
                      "blocks %u...: message %zu is %lld %02X %u %u, not %lld %02X %u %u", sizes[k][0], i,
                      (long long)m[i].frame, m[i].s, m[i].d1, m[i].d2, (long long)want[i].frame, want[i].s, want[i].d1,
                      want[i].d2);
        free(m);
    }
}

Test(midi, controls_program_changes_channels_and_drums)
{
    size_t n;
    msg *m = render_midi("out: n \"0\" # ccn 74 # ccv 0.5 # program 3 # channel 2 # legato 0.25\n"
                         "out3: s \"bd sn\" # cc \"7:100\"\n",
                         CYCLE, NULL, 0, &n);
    /* at frame 0: program and control changes before the notes, channels in order */
    const msg want[] = {{0, 0xC1, 3, 0},   {0, 0xB1, 74, 64}, {0, 0xB2, 7, 100}, {0, 0x91, 60, 114},
                        {0, 0x92, 36, 114}, {24000, 0x81, 60, 0}, {48000, 0x82, 36, 0}, {48000, 0xB2, 7, 100},
                        {48000, 0x92, 38, 114}};
    cr_assert_geq(n, 9);
    for (size_t i = 0; i < 9; i++)
        cr_expect(m[i].frame == want[i].frame && m[i].s == want[i].s && m[i].d1 == want[i].d1 && m[i].d2 == want[i].d2,
                  "message %zu is %lld %02X %u %u", i, (long long)m[i].frame, m[i].s, m[i].d1, m[i].d2);
    free(m);
}

/* cc "controller:value" with the value as a fraction of 127 (the issue's `cc "74:0.5"`) or
 * a MIDI value. */
Test(midi, cc_with_a_fractional_value)
{
    size_t n;
    msg *m = render_midi("out: n \"0\" # cc \"<74:0.5 74:1 74:100>\"\n", 3 * CYCLE, NULL, 0, &n);
    uint8_t seen[3];
    size_t k = 0;
    for (size_t i = 0; i < n && k < 3; i++)
        if (m[i].s == 0xB0 && m[i].d1 == 74) seen[k++] = m[i].d2;
    cr_assert_eq(k, 3, "%zu control changes", k);
    cr_expect_eq(seen[0], 64, "0.5 of 127: %u", seen[0]);
    cr_expect_eq(seen[1], 127, "1: %u", seen[1]);
    cr_expect_eq(seen[2], 100, "100: %u", seen[2]);
    free(m);
}

Test(midi, same_pitch_overlaps_retrigger_with_an_off_first)
{
    size_t n;
    msg *m = render_midi("out: n \"0 0 [0 0] 0\" # legato 2.5", 3 * CYCLE, NULL, 0, &n);
    expect_balanced(m, n, false);
    /* each onset: the sounding note ends at that frame, right before the new one */
    int retriggers = 0;
    for (size_t i = 1; i < n; i++)
        if ((m[i].s & 0xF0) == 0x90 && (m[i - 1].s & 0xF0) == 0x80 && m[i - 1].frame == m[i].frame) retriggers++;
    cr_expect_geq(retriggers, 12, "%d retriggers", retriggers);
    free(m);
}

Test(midi, transport_stop_and_relocation_send_the_note_offs)
{
    ph_lv2host *h = midi_host(512);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: n \"0 7\" # legato 1");
    ph_lv2host_stream_position(&s, 0, 120, 4, 0, 0.0, 1.0, 0);      /* rolling from bar 0 */
    ph_lv2host_stream_position(&s, 30000, 120, 4, 0, 1.25, 0.0, 0); /* stop in the first note */
    ph_lv2host_stream_position(&s, 40000, 120, 4, 0, 1.25, 1.0, 0); /* roll again */
    ph_lv2host_stream_position(&s, 60000, 120, 4, 5, 0.0, 1.0, 0);  /* jump to bar 5 */
    ph_lv2host_stream_position(&s, 70000, 120, 4, 2, 1.0, 1.0, 2);  /* a loop back, Int atoms */
    ph_lv2host_render(h, &s, 150000, NULL, 0, NULL);
    size_t n;
    msg *m = collected(h, &n);
    expect_balanced(m, n, false);
    cr_assert_geq(n, 6);
    cr_expect(is(&m[0], 0, 0x90, 60));
    cr_expect(is(&m[1], 30000, 0x80, 60), "stop: off at once (%lld %02X)",
              (long long)m[1].frame, m[1].s);
    /* rolling again at beat 1.25 of the bar: no onset until the second step (beat 2) */
    cr_expect(is(&m[2], 40000 + 0.75 * 24000, 0x90, 67), "beat 2 at %lld",
              (long long)m[2].frame);
    cr_expect(is(&m[3], 60000, 0x80, 67), "jump: off at the jump");
    cr_expect(is(&m[4], 60000, 0x90, 60), "bar 5's first note at once");
    cr_expect(is(&m[5], 70000, 0x80, 60), "loop: off at the jump");
    /* beat 1 of bar 2 is inside the first step: the next onset is beat 2, 24000 later */
    cr_expect(is(&m[6], 70000 + 24000, 0x90, 67));
    finish(m, &s, h);
}

Test(midi, a_program_swap_lets_sounding_notes_end_on_time)
{
    ph_lv2host *h = midi_host(512);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: n \"0\" # legato 0.5"); /* 0 .. 48000 */
    stream_text_str(&s, 10000, "out: n \"~ 5\" # legato 0.5");
    ph_lv2host_render(h, &s, CYCLE + 1000, NULL, 0, NULL);
    size_t n;
    msg *m = collected(h, &n);
    expect_balanced(m, n, false);
    cr_assert_geq(n, 3);
    cr_expect(is(&m[0], 0, 0x90, 60));
    cr_expect(is(&m[1], 48000, 0x80, 60), "the old note ends on time");
    cr_expect(is(&m[2], 48000, 0x90, 65), "the new program plays");
    finish(m, &s, h);
}

Test(midi, bypass_ends_the_notes_and_passes_the_input)
{
    ph_lv2host *h = midi_host(256);
    ph_lv2host_set_control(h, M_THRU, 0.0f);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: n \"0\"");
    ph_lv2host_render(h, &s, 1000, NULL, 0, NULL);
    ph_lv2host_set_control(h, M_ENABLED, 0.0f);
    ph_lv2host_stream in = {0};
    ph_lv2host_stream_midi(&in, 1100, 0x93, 50, 90);
    ph_lv2host_stream_midi(&in, 1200, 0x83, 50, 0);
    ph_lv2host_render(h, &in, CYCLE + 2000, NULL, 0, NULL);
    size_t n;
    msg *m = collected(h, &n);
    cr_assert_eq(n, 4, "%zu messages", n);
    cr_expect(m[0].frame == 0 && m[0].s == 0x90);
    cr_expect(m[1].frame == 1000 && m[1].s == 0x80, "bypass: off at the next block (%lld)", (long long)m[1].frame);
    cr_expect(m[2].frame == 1100 && m[2].s == 0x93 && m[3].frame == 1200 && m[3].s == 0x83, "a wire when bypassed");
    ph_lv2host_stream_free(&in);
    finish(m, &s, h);
}

/* The editor's hush (Ctrl+.) silences Phonon MIDI as it does the audio plugins: the sounding
 * note ends, no note starts while hushed, and the next evaluation plays again. */
Test(midi, hush_ends_the_notes_until_the_next_evaluation)
{
    ph_lv2host *h = midi_host(256);
    ph_lv2host_set_control(h, M_THRU, 0.0f);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: n \"0*4\"");
    ph_lv2host_render(h, &s, 1000, NULL, 0, NULL);
    ph_lv2host_stream hush = {0};
    ph_lv2host_stream_hush(&hush, ph_lv2host_position(h));
    ph_lv2host_render(h, &hush, CYCLE, NULL, 0, NULL);
    size_t n;
    msg *m = collected(h, &n);
    cr_assert_eq(n, 2, "one note and its off, nothing while hushed: %zu messages", n);
    cr_expect(m[0].frame == 0 && m[0].s == 0x90);
    cr_expect(m[1].s == 0x80 && m[1].frame <= 1256, "the hush ends the note at once (%lld)", (long long)m[1].frame);
    free(m);
    ph_lv2host_clear_midi_out(h);
    ph_lv2host_stream again = {0};
    stream_text_str(&again, ph_lv2host_position(h), "out: n \"0*4\"");
    ph_lv2host_render(h, &again, CYCLE, NULL, 0, NULL);
    m = collected(h, &n);
    int ons = 0;
    for (size_t i = 0; i < n; i++) ons += (m[i].s & 0xF0) == 0x90;
    cr_expect_geq(ons, 3, "evaluating again plays: %d note-ons", ons);
    ph_lv2host_stream_free(&hush);
    ph_lv2host_stream_free(&again);
    finish(m, &s, h);
}

Test(midi, deactivation_ends_every_note_in_the_next_block)
{
    ph_lv2host *h = midi_host(256);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: n \"[0, 4]\"");
    ph_lv2host_stream_midi(&s, 100, 0x90, 40, 100); /* held through thru */
    ph_lv2host_render(h, &s, 1024, NULL, 0, NULL);
    lilv_instance_deactivate(ph_lv2host_instance(h));
    lilv_instance_activate(ph_lv2host_instance(h));
    ph_lv2host_clear_midi_out(h);
    ph_lv2host_render(h, NULL, 256, NULL, 0, NULL);
    size_t n;
    msg *m = collected(h, &n);
    int offs = 0;
    for (size_t i = 0; i < n; i++) offs += (m[i].s & 0xF0) == 0x80;
    cr_expect_eq(offs, 3, "offs for 60, 64 and the thru key 40 (%zu messages)", n);
    finish(m, &s, h);
}

Test(midi, thru_merges_the_input_and_turning_it_off_ends_its_notes)
{
    ph_lv2host *h = midi_host(256);
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: silence");
    ph_lv2host_stream_midi(&s, 10, 0x90, 48, 100);
    ph_lv2host_stream_midi(&s, 300, 0xB0, 1, 64);
    ph_lv2host_render(h, &s, 512, NULL, 0, NULL);
    ph_lv2host_set_control(h, M_THRU, 0.0f);
    ph_lv2host_stream later = {0};
    ph_lv2host_stream_midi(&later, 600, 0x90, 50, 100);
    ph_lv2host_render(h, &later, 512, NULL, 0, NULL);
    size_t n;
    msg *m = collected(h, &n);
    cr_assert_eq(n, 3, "%zu messages", n);
    cr_expect(is(&m[0], 10, 0x90, 48));
    cr_expect(m[1].frame == 300 && m[1].s == 0xB0);
    cr_expect(is(&m[2], 512, 0x80, 48), "thru off: its note ends");
    ph_lv2host_stream_free(&later);
    finish(m, &s, h);
}

Test(midi, no_stuck_notes_through_anything)
{
    ph_lv2host *h = midi_host(8192);
    ph_lv2host_stream s = {0};
    const char *texts[] = {"out: n \"0 [4 7] 12*2 ~\" # legato 1.5", "out: n \"<0 3> 7 ~ [0 0]\" # sustain 0.7",
                           "out2: s \"bd*4 sn\" # legato 3\nout: n \"[0,4,7]\" # legato 0.25", "out: silence",
                           "out: n (\"0 .. 7\" + \"<0 12>\") # velocity 0.3"};
    uint32_t r = 99;
    for (int i = 0; i < 60; i++) {
        const int64_t f = (int64_t)i * 5000 + 17;
        r = r * 1664525u + 1013904223u;
        switch (r >> 29) {
        case 0: case 1: stream_text_str(&s, f, texts[(r >> 8) % 5]); break;
        case 2: ph_lv2host_stream_position(&s, f, 90 + i, 4, i % 7, (r >> 10) % 4, 0.0, 0); break;
        case 3: case 4: ph_lv2host_stream_position(&s, f, 90 + i, 4, (r >> 12) % 9, (r >> 10) % 4, 1.0, 1); break;
        default: ph_lv2host_stream_midi(&s, f, (uint8_t)(0x90 | (r >> 16) % 3), (uint8_t)(40 + (r >> 8) % 30),
                                        (uint8_t)((r >> 20) % 2 ? 100 : 0)); break;
        }
    }
    static const uint32_t sizes[] = {1, 7, 64, 333, 512, 8192, 100};
    for (int round = 0; round < 2; round++) {
        ph_lv2host_set_control(h, M_ENABLED, round ? 0.0f : 1.0f);
        ph_lv2host_render(h, round ? NULL : &s, round ? 512 : 300000, sizes, 7, NULL);
    }
    size_t n;
    msg *m = collected(h, &n);
    cr_expect_gt(n, 50);
    /* the generated notes (thru notes are the host's own): bypass ended every one */
    int on[16][128] = {{0}};
    for (size_t i = 0; i < n; i++) {
        const int c = m[i].s & 15, k = m[i].d1 & 127, st = m[i].s & 0xF0;
        if (st == 0x90 && m[i].d2) on[c][k]++;
        else if (st == 0x80 || st == 0x90) on[c][k] = 0;
    }
    for (int c = 0; c < 3; c++)
        for (int k = 0; k < 128; k++)
            if (k < 40 || k >= 70) cr_expect_eq(on[c][k], 0, "key %d/%d still sounds", c, k);
    finish(m, &s, h);
}

Test(midi, state_round_trip_plays_the_same_notes)
{
    ph_lv2host *h = midi_host(512);
    ph_lv2host_stream s = {0};
    const char *text = "out: n \"0 3 [7 10]\" # velocity 0.7 # channel 5";
    stream_text_str(&s, 0, text);
    ph_lv2host_render(h, &s, 1024, NULL, 0, NULL);
    LilvState *st = host_capture(h, PH_LV2HOST_MIDI_URI);
    cr_assert_not_null(st);
    ph_lv2host *a = midi_host(512), *b = midi_host(512);
    lilv_state_restore(st, ph_lv2host_instance(a), NULL, NULL, 0, NULL);
    ph_lv2host_render(a, NULL, CYCLE, NULL, 0, NULL);
    ph_lv2host_render(b, &s, CYCLE, NULL, 0, NULL);
    size_t na, nb;
    msg *ma = collected(a, &na), *mb = collected(b, &nb);
    cr_expect_eq(na, nb);
    cr_expect_gt(na, 4);
    cr_expect_eq(memcmp(ma, mb, na * sizeof *ma), 0, "restored = set");
    cr_expect_eq(ma[0].s, 0x94, "channel 5");
    free(ma);
    free(mb);
    lilv_state_free(st);
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
    ph_lv2host_free(a);
    ph_lv2host_free(b);
}

Test(midi, default_program_plays_an_arpeggio)
{
    ph_lv2host *h = midi_host(512);
    ph_lv2host_render(h, NULL, CYCLE, NULL, 0, NULL);
    size_t n;
    msg *m = collected(h, &n);
    int ons = 0, pitches = 0, seen[128] = {0};
    for (size_t i = 0; i < n; i++)
        if ((m[i].s & 0xF0) == 0x90) {
            ons++;
            pitches += !seen[m[i].d1]++;
        }
    cr_expect_geq(ons, 8, "%d notes a bar", ons);
    cr_expect_geq(pitches, 3, "an arpeggio: several pitches");
    free(m);
    ph_lv2host_free(h);
}

Test(midi, run_never_allocates_or_locks)
{
    if (!rt_guard_available()) cr_skip_test("allocator interposition is off under sanitizers");
    ph_lv2host *h = midi_host(8192);
    ph_lv2host_stream s = {0};
    const char *texts[] = {"out: n \"0 [4 7] 12*2 ~\" # legato 1.5 # ccn 74 # ccv sine", "out2: s \"bd*4 sn\"",
                           "out: n \"[0,4,7]*8\" # program \"<1 2>\"", TEXT_BAD};
    for (int i = 0; i < 40; i++) {
        const int64_t f = i * 4000;
        stream_text_str(&s, f + 1, texts[i % 4]);
        ph_lv2host_stream_position(&s, f + 2, 100 + i, 4, i / 4, (i % 4) * 1.0, i % 7 ? 1 : 0, i % 3);
        ph_lv2host_stream_midi(&s, f + 3, 0x90, (uint8_t)(40 + i), 100);
        ph_lv2host_stream_midi(&s, f + 500, 0x80, (uint8_t)(40 + i), 0);
    }
    static const uint32_t sizes[] = {1, 7, 64, 333, 512, 8192, 100};
    rt_guard_reset();
    ph_lv2host_render(h, &s, 170000, sizes, 7, NULL);
    cr_expect_eq(rt_guard_violations(), 0, "%ld calls in run(), first: %s", rt_guard_violations(), rt_guard_first());
    ph_lv2host_stream_free(&s);
    ph_lv2host_free(h);
}

/* ---- Standard MIDI Files ---- */

Test(smf, write_then_read_gives_the_same_events)
{
    enum { N = 2000 };
    ph_smf_event *ev = calloc(N, sizeof *ev);
    uint32_t r = 5;
    uint64_t tick = 0;
    for (int i = 0; i < N; i++) {
        r = r * 1664525u + 1013904223u;
        tick += (r >> 8) % 3 ? (r >> 12) % 500 : (r >> 4) % 300000; /* small and multi-byte deltas */
        const uint8_t kinds[] = {0x90, 0x80, 0xB0, 0xC0, 0xE0};
        const uint8_t st = (uint8_t)(kinds[(r >> 20) % 5] | (r >> 24) % 16);
        ev[i] = (ph_smf_event){.tick = tick, .size = (st & 0xF0) == 0xC0 ? 2 : 3,
                               .data = {st, (uint8_t)((r >> 3) & 127), (uint8_t)((st & 0xF0) == 0xC0 ? 0 : (r >> 11) & 127)}};
    }
    char path[] = "/tmp/phonon-smf-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    close(fd);
    cr_assert(ph_smf_write(path, ev, N, 960, 123.5));
    ph_smf s;
    char err[256];
    cr_assert(ph_smf_read(path, &s, err, sizeof err), "%s", err);
    cr_expect_eq(s.format, 0);
    cr_expect_eq(s.tracks, 1);
    cr_expect_eq(s.ppq, 960);
    cr_expect_float_eq(s.bpm, 123.5, 1e-3);
    cr_assert_eq(s.n, N);
    for (int i = 0; i < N; i++)
        cr_assert(s.ev[i].tick == ev[i].tick && s.ev[i].size == ev[i].size && !memcmp(s.ev[i].data, ev[i].data, ev[i].size),
                  "event %d", i);
    ph_smf_free(&s);
    /* a truncated file is refused, not misread */
    cr_assert_eq(truncate(path, 30), 0);
    cr_expect(!ph_smf_read(path, &s, err, sizeof err));
    unlink(path);
    free(ev);
}

Test(smf, render_midi_out_writes_the_plugins_notes)
{
    const char *dir = getenv("PHONON_BUILD_DIR");
    if (!dir) cr_skip_test("PHONON_BUILD_DIR is not set");
    const char *text = "out: n \"0 [4 7] <12 ~> 0\" # legato 0.75 # velocity \"0.9 0.5\"\nout2: s \"bd*2 sn\" # program 4\n";
    char src[] = "/tmp/phonon-midi-XXXXXX.ph", mid[64], cmd[1024];
    int fd = mkstemps(src, 3);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    snprintf(mid, sizeof mid, "%.*s.mid", (int)strlen(src) - 3, src);
    snprintf(cmd, sizeof cmd, "%s/phonon render %s --midi-out %s --cycles 2", dir, src, mid);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    ph_smf s;
    char err[256];
    cr_assert(ph_smf_read(mid, &s, err, sizeof err), "%s", err);
    /* the plugin over the same two cycles, then stopped (the file ends every note) */
    ph_lv2host *h = midi_host(512);
    ph_lv2host_stream st = {0};
    stream_text_str(&st, 0, text);
    ph_lv2host_render(h, &st, 2 * CYCLE, NULL, 0, NULL);
    size_t n;
    msg *m = collected(h, &n);
    size_t k = 0;
    for (size_t i = 0; i < n; i++, k++) {
        cr_assert_lt(k, s.n);
        const uint64_t tick = ph_smf_tick((uint64_t)m[i].frame, RATE, s.bpm, s.ppq);
        cr_expect(s.ev[k].tick == tick && s.ev[k].data[0] == m[i].s && s.ev[k].data[1] == m[i].d1,
                  "event %zu: file %llu %02X %u, plugin %llu %02X %u", i, (unsigned long long)s.ev[k].tick,
                  s.ev[k].data[0], s.ev[k].data[1], (unsigned long long)tick, m[i].s, m[i].d1);
    }
    /* what is left in the file: the note-offs at the end */
    for (; k < s.n; k++) cr_expect_eq(s.ev[k].data[0] & 0xF0, 0x80);
    cr_expect_eq(s.bpm, 120.0);
    free(m);
    ph_smf_free(&s);
    ph_lv2host_stream_free(&st);
    ph_lv2host_free(h);
    unlink(src);
    unlink(mid);
}

Test(midi, arpeggiates_the_chord_held_on_the_input)
{
    ph_lv2host *h = midi_host(512);
    ph_lv2host_set_control(h, M_THRU, 0.0f); /* only the arpeggio goes out */
    ph_lv2host_stream s = {0};
    stream_text_str(&s, 0, "out: n (arp \"up\" $ fast 4 held) # legato 0.5");
    const uint8_t chord[] = {67, 60, 64};
    for (int k = 0; k < 3; k++) ph_lv2host_stream_midi(&s, 0, 0x90, chord[k], 100);
    for (int k = 0; k < 3; k++) ph_lv2host_stream_midi(&s, 40000, 0x80, chord[k], 0);
    ph_lv2host_stream_midi(&s, 60000, 0x90, 50, 100); /* one key: it repeats alone */
    ph_lv2host_render(h, &s, 80000, NULL, 0, NULL);
    size_t n;
    msg *m = collected(h, &n);
    expect_balanced(m, n, false);
    int64_t on_at[16];
    uint8_t on_key[16];
    int ons = 0;
    for (size_t i = 0; i < n && ons < 16; i++)
        if ((m[i].s & 0xF0) == 0x90) {
            on_at[ons] = m[i].frame;
            on_key[ons++] = m[i].d1;
        }
    /* a quarter cycle (24000) holds the chord once, upwards: 8000 samples a note */
    const uint8_t want[] = {60, 64, 67, 60, 64};
    cr_assert_eq(ons, 6, "%d notes", ons);
    for (int k = 0; k < 5; k++)
        cr_expect(on_at[k] == k * 8000 && on_key[k] == want[k], "note %d: %u at %lld", k, on_key[k], (long long)on_at[k]);
    /* released at 40000 (its third note would start there): nothing until the new key,
     * pressed at 60000, plays alone at the next quarter */
    cr_expect(on_at[5] == 72000 && on_key[5] == 50, "the new key at %lld (%u)", (long long)on_at[5], on_key[5]);
    finish(m, &s, h);
}

Test(midi, every_midi_preset_loads_and_plays_notes)
{
    LilvWorld *w = host_world();
    LilvNode *pset = lilv_new_uri(w, LV2_PRESETS__Preset);
    LilvNodes *presets = lilv_plugin_get_related(host_plugin(PH_LV2HOST_MIDI_URI), pset);
    cr_assert_geq(lilv_nodes_size(presets), 8);
    LILV_FOREACH (nodes, i, presets) {
        const LilvNode *preset = lilv_nodes_get(presets, i);
        lilv_world_load_resource(w, preset);
        LilvState *st = lilv_state_new_from_world(w, ph_lv2host_map_feature(), preset);
        cr_assert_not_null(st, "%s", lilv_node_as_uri(preset));
        ph_lv2host *h = midi_host(512);
        lilv_state_restore(st, ph_lv2host_instance(h), ph_lv2host_set_port_value, h, 0, NULL);
        ph_lv2host_stream s = {0};
        ph_lv2host_stream_get(&s, 0, NULL);
        const uint8_t chord[] = {60, 64, 67}; /* for the presets that play what is held */
        for (int k = 0; k < 3; k++) ph_lv2host_stream_midi(&s, 0, 0x90, chord[k], 100);
        ph_lv2host_render(h, &s, 3 * CYCLE, NULL, 0, NULL);
        const ph_lv2host_notify *no = ph_lv2host_notifications(h);
        cr_expect(no->error && !no->error[0], "preset %s: %s", lilv_node_as_uri(preset), no->error ? no->error : "");
        size_t n;
        msg *m = collected(h, &n);
        int ons = 0;
        for (size_t k = 0; k < n; k++) ons += (m[k].s & 0xF0) == 0x90 && m[k].frame > 0; /* not the thru chord */
        cr_expect_geq(ons, 4, "preset %s plays (%d notes in three bars)", lilv_node_as_uri(preset), ons);
        /* (not expect_balanced: with thru on, the held chord's keys come through as well) */
        free(m);
        ph_lv2host_stream_free(&s);
        ph_lv2host_free(h);
        lilv_state_free(st);
    }
    lilv_nodes_free(presets);
    lilv_node_free(pset);
}
