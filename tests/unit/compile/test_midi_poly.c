/* MIDI polyphony: `osc midi # filter # envelope` plays every held note with its own
 * chain and envelope (PH_LIVE_VOICES voices; the oldest note is stolen beyond that). */
#include "graph/ph_graph.h"
#include "render_test_util.h"

#define RATE 48000

static double note_hz(int note) { return 440.0 * pow(2.0, (note - 69) / 12.0); }

static double level(const float *x, uint32_t n, double f) { return tone_level(x, n, f, RATE); }

static ph_engine *keys(const char *text)
{
    ph_settings s = {.sample_rate = RATE, .max_block = 4800, .threads = 1};
    ph_engine *e = ph_engine_new(&s);
    cr_assert(e);
    cr_assert(ph_engine_set_program(e, compile_or_fail(text, RATE)));
    return e;
}

Test(midi_poly, a_chord_sounds_and_each_note_releases_alone)
{
    ph_engine *e = keys("out: sine midi # lpf 4000 0.625 # adsr 0.005 0.05 0.8 0.05\n");
    float l[9600], r[9600];
    float *outs[2] = {l, r};
    ph_engine_render(e, outs, 2, 4800);
    cr_assert_lt(rms(l, 4800), 1e-6, "no note held: silent");
    int chord[3] = {60, 64, 67};
    for (int k = 0; k < 3; k++) ph_engine_note_on(e, chord[k], 100);
    ph_engine_render(e, outs, 2, 9600);
    double lv[3];
    for (int k = 0; k < 3; k++) {
        lv[k] = level(l + 4800, 4800, note_hz(chord[k]));
        cr_assert_gt(lv[k], 0.3, "note %d: level %g", chord[k], lv[k]);
    }
    ph_engine_note_off(e, 64);
    ph_engine_render(e, outs, 2, 9600); /* release 0.05 s: long gone after 0.1 s */
    cr_assert_lt(level(l + 4800, 4800, note_hz(64)), lv[1] * 0.01, "E released");
    cr_assert_gt(level(l + 4800, 4800, note_hz(60)), lv[0] * 0.7, "C still held");
    cr_assert_gt(level(l + 4800, 4800, note_hz(67)), lv[2] * 0.7, "G still held");
    ph_engine_note_off(e, 60);
    ph_engine_note_off(e, 67);
    ph_engine_render(e, outs, 2, 9600);
    cr_assert_lt(rms(l + 4800, 4800), 1e-4, "all released");
    ph_engine_free(e);
}

Test(midi_poly, a_ninth_note_steals_the_oldest)
{
    ph_engine *e = keys("out: sine midi # adsr 0.005 0.05 1 0.02\n");
    static float l[19200], r[19200];
    float *outs[2] = {l, r};
    for (int k = 0; k < PH_LIVE_VOICES; k++) {
        ph_engine_note_on(e, 48 + 3 * k, 100);
        ph_engine_render(e, outs, 2, 480);
    }
    ph_engine_render(e, outs, 2, 19200);
    double first = level(l + 9600, 9600, note_hz(48));
    cr_assert_gt(first, 0.3, "the first note plays while there are voices (%g)", first);
    ph_engine_note_on(e, 48 + 3 * PH_LIVE_VOICES, 100);
    ph_engine_render(e, outs, 2, 19200);
    double gone = level(l + 9600, 9600, note_hz(48));
    cr_assert_lt(gone, first * 0.02, "the oldest note was stolen (%g, was %g)", gone, first);
    cr_assert_gt(level(l + 9600, 9600, note_hz(48 + 3 * PH_LIVE_VOICES)), 0.3, "the new note plays");
    cr_assert_gt(level(l + 9600, 9600, note_hz(51)), 0.3, "the second note still plays");
    ph_engine_free(e);
}

/* `midi` used as a plain signal (not an oscillator's frequency) is still the last note. */
Test(midi_poly, midi_as_a_signal_is_the_last_note)
{
    ph_engine *e = keys("out: sine (midi * 2) * 0.5\n");
    float l[9600], r[9600];
    float *outs[2] = {l, r};
    ph_engine_note_on(e, 57, 100);
    ph_engine_note_on(e, 69, 100);
    ph_engine_render(e, outs, 2, 9600);
    cr_assert_gt(level(l + 4800, 4800, 880.0), 0.3, "twice the last note (A4)");
    cr_assert_lt(level(l + 4800, 4800, 440.0), 0.01, "not twice A3");
    ph_engine_free(e);
}

/* Each voice's level follows its note's velocity (linear). */
Test(midi_poly, velocity_sets_each_voice_level)
{
    ph_engine *e = keys("out: sine midi # adsr 0.005 0.05 1 0.05\n");
    static float l[19200], r[19200];
    float *outs[2] = {l, r};
    ph_engine_note_on(e, 60, 127);
    ph_engine_note_on(e, 67, 64);
    ph_engine_render(e, outs, 2, 19200);
    double loud = level(l + 9600, 9600, note_hz(60)), soft = level(l + 9600, 9600, note_hz(67));
    cr_assert_gt(loud, 0.5, "velocity 127 (%g)", loud);
    cr_assert_float_eq(soft / loud, 64.0 / 127.0, 0.02, "velocity 64 against 127: %g", soft / loud);
    ph_engine_free(e);
}

/* The sustain pedal keeps released notes sounding until it comes up. */
Test(midi_poly, sustain_pedal_holds_released_notes)
{
    ph_engine *e = keys("out: sine midi # adsr 0.005 0.05 1 0.05\n");
    static float l[19200], r[19200];
    float *outs[2] = {l, r};
    ph_engine_note_on(e, 60, 127);
    ph_engine_set_sustain(e, true);
    ph_engine_note_off(e, 60);
    ph_engine_note_on(e, 64, 127);
    ph_engine_note_off(e, 64);
    ph_engine_render(e, outs, 2, 19200);
    cr_assert_gt(level(l + 9600, 9600, note_hz(60)), 0.5, "C held by the pedal");
    cr_assert_gt(level(l + 9600, 9600, note_hz(64)), 0.5, "E held by the pedal");
    ph_engine_set_sustain(e, false);
    ph_engine_render(e, outs, 2, 19200);
    cr_assert_lt(rms(l + 9600, 9600), 1e-4, "released when the pedal comes up");
    ph_engine_free(e);
}

/* Pitch bend moves every note, voices and `midi` alike. */
Test(midi_poly, pitch_bend_moves_every_note)
{
    ph_engine *e = keys("out: sine midi # adsr 0.005 0.05 1 0.05\n");
    static float l[19200], r[19200];
    float *outs[2] = {l, r};
    ph_engine_note_on(e, 69, 127);
    ph_engine_note_on(e, 57, 127);
    ph_engine_set_pitch_bend(e, 2.0f);
    ph_engine_render(e, outs, 2, 19200);
    cr_assert_gt(level(l + 9600, 9600, note_hz(71)), 0.5, "A4 bent up to B4");
    cr_assert_gt(level(l + 9600, 9600, note_hz(59)), 0.5, "A3 bent up to B3");
    cr_assert_lt(level(l + 9600, 9600, note_hz(69)), 0.02, "no A4 left");
    ph_engine_set_pitch_bend(e, 0.0f);
    ph_engine_render(e, outs, 2, 19200);
    cr_assert_gt(level(l + 9600, 9600, note_hz(69)), 0.5, "back to A4");
    ph_engine_free(e);
}

/* `saw midi * x` keeps its voices (the product is taken per voice), so the envelope after
 * it is still one per note. */
Test(midi_poly, a_product_keeps_the_voices)
{
    ph_engine *e = keys("out: (sine midi * 0.5) # adsr 0.005 0.05 1 0.05\n");
    static float l[19200], r[19200];
    float *outs[2] = {l, r};
    ph_engine_note_on(e, 60, 127);
    ph_engine_note_on(e, 64, 127);
    ph_engine_render(e, outs, 2, 9600);
    ph_engine_note_off(e, 64);
    ph_engine_render(e, outs, 2, 19200);
    cr_assert_gt(level(l + 9600, 9600, note_hz(60)), 0.3, "C held");
    cr_assert_lt(level(l + 9600, 9600, note_hz(64)), 0.005, "E released alone");
    ph_engine_free(e);
}

/* An envelope on the mix of the voices (here after `+`) follows all notes, and each voice
 * keeps its own gate: a released note does not ring on while another key is held. */
Test(midi_poly, an_envelope_on_the_mix_keeps_each_voice_gate)
{
    ph_engine *e = keys("out: (sine midi + sine 50 * 0) # adsr 0.005 0.05 1 0.05\n");
    static float l[19200], r[19200];
    float *outs[2] = {l, r};
    ph_engine_note_on(e, 60, 127);
    ph_engine_render(e, outs, 2, 9600);
    ph_engine_note_on(e, 64, 127);
    ph_engine_note_off(e, 60);
    ph_engine_render(e, outs, 2, 19200);
    cr_assert_gt(level(l + 9600, 9600, note_hz(64)), 0.3, "E held");
    cr_assert_lt(level(l + 9600, 9600, note_hz(60)), 0.005, "C released while E is held");
    ph_engine_free(e);
}
