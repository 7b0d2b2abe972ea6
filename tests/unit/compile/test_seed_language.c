/* The seed project's statement forms and meanings (issue "Speak Phonon"), checked on
 * rendered audio: onsets, levels, spectra, and bit-identity where two spellings must mean
 * the same thing. */
#include "render_test_util.h"

#define RATE 48000.0

/* Onsets: samples where the signal jumps above thr after at least 20 ms below it. */
static int onsets(const float *x, uint32_t n, float thr, int64_t *at, int max)
{
    int k = 0;
    uint32_t quiet = 960;
    for (uint32_t i = 0; i < n; i++) {
        if (fabsf(x[i]) > thr) {
            if (quiet >= 960 && k < max) at[k++] = i;
            quiet = 0;
        } else {
            quiet++;
        }
    }
    return k;
}

static ph_program *compiles(const char *text)
{
    ph_settings s = {.sample_rate = RATE, .max_block = 512, .threads = 1};
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
    cr_assert(p, "'%s': %d:%d %s", text, d.line, d.column, d.message);
    return p;
}

Test(seed_language, output_forms_are_one_meaning)
{
    cr_expect(same_audio("out: saw 110 * 0.2", "out $ saw 110 * 0.2", 9600));
    cr_expect(same_audio("out1: saw 110 * 0.2", "o1 $ saw 110 * 0.2", 9600));
    cr_expect(same_audio("out2: saw 110 * 0.2", "d2 $ saw 110 * 0.2", 9600));
}

/* Numbered outputs are added to the main output (the seed's default, outmix: none), keep
 * their own channel, and outmix / hush change that as the seed does. */
Test(seed_language, numbered_outputs_mix_into_main)
{
    rendered r = render_text("out: sine 300 * 0.2\nout1: sine 500 * 0.2", 48000, 512, 1, PH_EVAL_BLOCK);
    cr_expect(fabs(tone_level(r.ch[0], 48000, 300, RATE) - 0.2) < 0.01);
    cr_expect(fabs(tone_level(r.ch[0], 48000, 500, RATE) - 0.2) < 0.01, "out1 is in the main mix");
    cr_expect(fabs(tone_level(r.ch[2], 48000, 500, RATE) - 0.2) < 0.01, "out1 keeps its own channel");
    cr_expect(tone_level(r.ch[2], 48000, 300, RATE) < 0.001);
    rendered_free(&r);
    r = render_text("outmix: gain\nout: sine 300 * 0.2\nout1: sine 500 * 0.2", 48000, 512, 1, PH_EVAL_BLOCK);
    cr_expect(fabs(tone_level(r.ch[0], 48000, 500, RATE) - 0.1) < 0.01, "gain: the sum over the outputs");
    rendered_free(&r);
    r = render_text("outmix: separate\nout: sine 300 * 0.2\nout1: sine 500 * 0.2", 48000, 512, 1, PH_EVAL_BLOCK);
    cr_expect(tone_level(r.ch[0], 48000, 500, RATE) < 0.001, "separate: out1 only on its port");
    rendered_free(&r);
    r = render_text("outmix: hard\nout: sine 300 * 3", 48000, 512, 1, PH_EVAL_BLOCK);
    float peak = 0;
    for (uint32_t i = 0; i < 48000; i++) peak = fabsf(r.ch[0][i]) > peak ? fabsf(r.ch[0][i]) : peak;
    cr_expect(peak <= 1.0f && peak > 0.99f, "hard: clipped at 1 (peak %g)", peak);
    rendered_free(&r);
    r = render_text("out: sine 300 * 0.2\nout1: sine 500 * 0.2\nhush1", 48000, 512, 1, PH_EVAL_BLOCK);
    cr_expect(tone_level(r.ch[0], 48000, 500, RATE) < 0.001, "hush1 takes out1 out of the mix");
    cr_expect(rms(r.ch[2], 48000) < 1e-6, "and silences its port");
    cr_expect(fabs(tone_level(r.ch[0], 48000, 300, RATE) - 0.2) < 0.01);
    rendered_free(&r);
    r = render_text("out: sine 300 * 0.2\nhush\nunhush", 9600, 512, 1, PH_EVAL_BLOCK);
    cr_expect(rms(r.ch[0], 9600) > 0.1, "unhush undoes hush");
    rendered_free(&r);
    r = render_text("out: sine 300 * 0.2\npanic", 9600, 512, 1, PH_EVAL_BLOCK);
    cr_expect(rms(r.ch[0], 9600) < 1e-6, "panic: silence");
    rendered_free(&r);
}

/* bpm: one beat a cycle (the seed's): 120 bpm is 2 cycles a second, a kick a cycle every
 * 24000 samples; the meter does not change the tempo. */
Test(seed_language, bpm_is_one_beat_a_cycle)
{
    const char *texts[] = {"bpm: 120\nout: s \"bd\"", "bpm: 120 \"3/4\"\nout: s \"bd\""};
    for (int t = 0; t < 2; t++) {
        rendered r = render_text(texts[t], 96000, 512, 1, PH_EVAL_BLOCK);
        int64_t at[8];
        int k = onsets(r.ch[0], 96000, 0.05f, at, 8);
        cr_expect_eq(k, 4, "%s: %d onsets", texts[t], k);
        for (int i = 1; i < k; i++) cr_expect(llabs(at[i] - at[i - 1] - 24000) < 48, "%s: %lld", texts[t], (long long)(at[i] - at[i - 1]));
        rendered_free(&r);
    }
}

/* The filters take the seed's Q: `saw 110 # lpf 800 2` is as loud as the seed's
 * state-variable filter at Q 2 (a Chamberlin SVF, damping 1/Q), within 1 dB. */
Test(seed_language, filter_q_matches_the_seeds_level)
{
    const uint32_t n = 48000;
    rendered r = render_text("out: saw 110 # lpf 800 2", n, 512, 1, PH_EVAL_BLOCK);
    /* the seed's filter on the same saw (naive saw: the band-limiting differs only far
     * above the cutoff) */
    double low = 0, band = 0, f = 2.0 * sin(M_PI * 800 / RATE), damp = 1.0 / 2.0, sum = 0, phase = 0;
    for (uint32_t i = 0; i < n; i++) {
        double x = 2.0 * phase - 1.0;
        phase += 110 / RATE;
        if (phase >= 1) phase -= 1;
        double high = x - low - damp * band;
        band += f * high;
        low += f * band;
        if (i >= n / 2) sum += low * low;
    }
    double seed_rms = sqrt(sum / (n / 2)), ours = rms(r.ch[0] + n / 2, n / 2);
    double db = 20 * log10(ours / seed_rms);
    cr_expect(fabs(db) < 1.0, "ours %.4f, the seed's %.4f (%.2f dB)", ours, seed_rms, db);
    /* and the old 0..1 resonance reading would have been far louder at "2" (clamped Q 40) */
    rendered_free(&r);
}

Test(seed_language, modifier_buses_expand_where_used)
{
    cr_expect(same_audio("~fx # lpf 300 2 # gain 0.5\nout: saw 110 # ~fx", "out: saw 110 # lpf 300 2 # gain 0.5", 9600));
    cr_expect(same_audio("~lfo # sine 0.5\nout: saw 110 # lpf (~lfo * 500 + 800)",
                         "out: saw 110 # lpf (sine 0.5 * 500 + 800)", 9600));
    refused("~fx # lpf 300 # ~fx\nout: saw 110 # ~fx", "uses itself");
    /* chains that use chains twice over double at each level: refused, not expanded for ever
     * (2^40 expansions hung the compiler) */
    char text[4096] = "~fx0 # lpf 800\n";
    for (int i = 1; i < 40; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "~fx%d # gain 1 # ~fx%d # ~fx%d\n", i, i - 1, i - 1);
    strcat(text, "out: saw 110 # ~fx39\n");
    refused(text, "expand more than");
}

Test(seed_language, a_name_defined_twice_plays_the_last)
{
    cr_expect(same_audio("~a: sine 300\n~a: sine 500\nout: ~a * 0.2", "out: sine 500 * 0.2", 9600));
    cr_expect(same_audio("out: sine 300\nout: sine 500 * 0.2", "out: sine 500 * 0.2", 9600));
    ph_program *p = compiles("~a: sine 300\nout: ~a\n~a: sine 500");
    cr_expect_eq(ph_program_warning_count(p), 1);
    ph_diag w;
    cr_expect(ph_program_warning(p, 0, &w) && w.line == 3 && strstr(w.message, "defined again"), "%s", w.message);
    ph_program_free(p);
}

Test(seed_language, keyword_arguments_and_lists)
{
    cr_expect(same_audio("out: saw 110 # lpf :q 2 :cutoff 800", "out: saw 110 # lpf 800 2", 9600));
    cr_expect(same_audio("out: saw 110 # adsr 0.01 0.1 :release 0.5", "out: saw 110 # adsr 0.01 0.1 0.7 0.5", 9600));
    cr_expect(same_audio("~a: sine 300\n~b: sine 500\nout: stack [~a, ~b] * 0.2", "out: (sine 300 + sine 500) * 0.2",
                         9600));
    cr_expect(same_audio("out: s (cat [\"bd\", \"sn\"])", "out: s \"<bd sn>\"", 96000));
    refused("out: saw 110 # lpf :resonance 2", "has no parameter ':resonance'");
    refused("out: fast :x 2 \"bd\"", "takes no keyword arguments");
}

Test(seed_language, spellings_of_the_seed)
{
    cr_expect(same_audio("out: triangle 220", "out: tri 220", 9600));
    cr_expect(same_audio("out: white_noise", "out: noise", 9600));
    cr_expect(same_audio("out: pink_noise", "out: pink", 9600));
    cr_expect(same_audio("out: brown_noise", "out: brown", 9600));
    cr_expect(same_audio("out: saw 110 # dist 3 0.4", "out: saw 110 # distortion 3 0.4", 9600));
    cr_expect(same_audio("out: saw 110 # moog 800 0.5", "out: saw 110 # ladder 800 0.5", 9600));
    cr_expect(same_audio("out: pulse 110 0.3", "out: square 110 0.3", 9600));
    cr_expect(same_audio("out: s \"bd sn\" # cut_group 1", "out: s \"bd sn\" # cut 1", 96000));
    /* compressor: the seed's make-up gain (dB) after the compressor */
    rendered a = render_text("out: sine 200 * 0.5 # compressor -60 1 0.01 0.1 6", 48000, 512, 1, PH_EVAL_BLOCK);
    cr_expect(fabs(tone_level(a.ch[0], 48000, 200, RATE) - 0.5 * pow(10, 6 / 20.0)) < 0.02, "%g",
              tone_level(a.ch[0], 48000, 200, RATE));
    rendered_free(&a);
}

/* A sound times a number scales its gain and stays a sound, so a transform may follow
 * (`s "hh*8" * 0.5 $ swing 0.15`, the seed's order). */
Test(seed_language, a_sound_times_a_number_is_its_gain)
{
    cr_expect(same_audio("out: s \"bd sn\" * 0.5", "out: s \"bd sn\" # gain 0.5", 96000));
    ph_program *p = compiles("out: s \"hh*8\" * 0.5 $ swing 0.15");
    ph_program_free(p);
}

/* n "..." is a pattern of numbers to arithmetic and signals (the seed's n), and scale
 * turns its degrees into semitones, with `#` as the seed writes it or `$`. */
Test(seed_language, scales_as_the_seed_writes_them)
{
    const char *forms[] = {"n \"0 2 4\" # scale \"minor\"", "n \"0 2 4\" $ scale \"minor\"", "n (\"0 2 4\" $ scale \"minor\")"};
    for (int i = 0; i < 3; i++) {
        ph_diag d;
        ph_query_result *r = ph_query_pattern(forms[i], strlen(forms[i]), (ph_time){0, 1}, (ph_time){1, 1}, &d);
        cr_assert(r, "%s: %s", forms[i], d.message);
        cr_assert_eq(ph_query_count(r), 3, "%s", forms[i]);
        cr_expect_str_eq(ph_query_event(r, 0)->value, "{n: 0}");
        cr_expect_str_eq(ph_query_event(r, 1)->value, "{n: 3}");
        cr_expect_str_eq(ph_query_event(r, 2)->value, "{n: 7}");
        ph_query_free(r);
    }
    /* degrees + 57 through mtof: A3 C4 E4 */
    rendered r = render_text("~degrees: n \"0 2 4\" # scale \"minor\"\nout: sine (mtof (~degrees + 57)) * 0.2", 96000, 512, 1,
                             PH_EVAL_BLOCK);
    const double hz[3] = {220.0, 261.6256, 329.6276};
    for (int k = 0; k < 3; k++)
        cr_expect(tone_level(r.ch[0] + k * 32000 + 2000, 28000, hz[k], RATE) > 0.15, "third %d lacks %.1f Hz", k, hz[k]);
    rendered_free(&r);
}

/* The seed's scale spellings and its chord modifier: each note becomes its chord. */
Test(seed_language, seed_scale_names_and_chords)
{
    const char *same[][2] = {{"n \"0 1 2 3 4 5\" # scale \"pentatonic\"", "n \"0 1 2 3 4 5\" # scale \"majPent\""},
                             {"n \"0 2 4\" # scale \"harmonic_minor\"", "n \"0 2 4\" # scale \"harmonicMinor\""}};
    for (int i = 0; i < 2; i++) {
        ph_diag d;
        ph_query_result *a = ph_query_pattern(same[i][0], strlen(same[i][0]), (ph_time){0, 1}, (ph_time){1, 1}, &d);
        ph_query_result *b = ph_query_pattern(same[i][1], strlen(same[i][1]), (ph_time){0, 1}, (ph_time){1, 1}, &d);
        cr_assert(a && b, "%s", same[i][0]);
        cr_assert_eq(ph_query_count(a), ph_query_count(b));
        for (uint32_t k = 0; k < ph_query_count(a); k++)
            cr_expect_str_eq(ph_query_event(a, k)->value, ph_query_event(b, k)->value);
        ph_query_free(a);
        ph_query_free(b);
    }
    const char *ch = "n \"0 5\" # chord \"<maj min7>\"";
    ph_diag d;
    ph_query_result *r = ph_query_pattern(ch, strlen(ch), (ph_time){1, 1}, (ph_time){2, 1}, &d);
    cr_assert(r, "%s", d.message);
    const char *want[] = {"{n: 0}", "{n: 3}", "{n: 7}", "{n: 10}", "{n: 5}", "{n: 8}", "{n: 12}", "{n: 15}"};
    cr_assert_eq(ph_query_count(r), 8);
    for (int k = 0; k < 8; k++) cr_expect_str_eq(ph_query_event(r, (uint32_t)k)->value, want[k], "event %d", k);
    ph_query_free(r);
    refused("out: sine (mtof (n \"0\" # chord \"majj\"))", "unknown chord");
    /* C major on 60 through mtof: three tones at once */
    rendered a = render_text("out: sine (mtof (n \"60\" # chord \"maj\")) * 0.2", 48000, 512, 1, PH_EVAL_BLOCK);
    const double hz[3] = {261.6256, 329.6276, 391.9954};
    for (int k = 0; k < 3; k++) cr_expect(tone_level(a.ch[0] + 4800, 40000, hz[k], RATE) > 0.15, "lacks %.1f Hz", hz[k]);
    cr_expect(tone_level(a.ch[0] + 4800, 40000, 311.127, RATE) < 0.02, "no minor third");
    rendered_free(&a);
}

/* The seed's synth: notes, a waveform and an envelope per note. */
Test(seed_language, synth_plays_notes_with_envelopes)
{
    cr_expect(same_audio("out: synth \"c3 e3\" saw 0.01 0.1 0.5 0.2", "out: saw \"c3 e3\" # adsr 0.01 0.1 0.5 0.2", 96000));
    cr_expect(same_audio("out: synth \"c3 e3\" \"square\"", "out: square \"c3 e3\" # adsr 0.001 0.1 0 0.1", 96000));
    cr_expect(same_audio("out: saw_trig \"c3 e3\" 0.01", "out: saw \"c3 e3\" # adsr 0.01 0.1 0 0.1", 96000));
    refused("out: synth \"c3\" wobble", "not a waveform");
}

/* An envelope waiting for its input, used as a value, is the envelope started every cycle. */
Test(seed_language, an_envelope_as_a_value)
{
    rendered r = render_text("~env: adsr 0.01 0.05 0.2 0.05\nout: sine 300 * ~env", 96000, 512, 1, PH_EVAL_BLOCK);
    /* loud at the start of each cycle (after the attack), at the sustain level later */
    cr_expect(rms(r.ch[0] + 960, 960) > 0.3, "%g", rms(r.ch[0] + 960, 960));
    cr_expect(fabs(rms(r.ch[0] + 40000, 4800) - 0.2 / sqrt(2)) < 0.02, "%g", rms(r.ch[0] + 40000, 4800));
    cr_expect(rms(r.ch[0] + 96000 / 2 + 960, 960) < 0.2, "one start per cycle (2 s), not per second");
    rendered_free(&r);
}

Test(seed_language, chain_then_arithmetic_reads_as_the_seed_does)
{
    cr_expect(same_audio("out: saw 110 # lpf 600 2 * 0.25", "out: (saw 110 # lpf 600 2) * 0.25", 9600));
    cr_expect(same_audio("out: noise # hpf 1500 # distortion 3 * 0.2", "out: (noise # hpf 1500 # distortion 3) * 0.2", 9600));
}

/* A bus played as an instrument: each event plays the bus rendered into a table, note
 * repitches it. */
Test(seed_language, a_bus_as_an_instrument)
{
    rendered r = render_text("~synth: sine 220 * 0.5\nout: s \"~synth ~ ~synth ~\" # note \"0 0 12 0\"", 96000, 512, 1,
                             PH_EVAL_BLOCK);
    int64_t at[8];
    int k = onsets(r.ch[0], 96000, 0.02f, at, 8);
    cr_expect_eq(k, 2, "%d onsets", k);
    cr_expect(tone_level(r.ch[0] + 2000, 16000, 220, RATE) > 0.1, "first at 220 Hz");
    cr_expect(tone_level(r.ch[0] + 48000 + 2000, 16000, 440, RATE) > 0.1, "second an octave up");
    rendered_free(&r);
    ph_program *p = compiles("out: s \"bd 808bd\"");
    ph_diag w;
    cr_expect(ph_program_warning(p, 0, &w) && strstr(w.message, "sound '808bd'") && strstr(w.message, "silence"), "%s",
              w.message);
    ph_program_free(p);
    refused("out: s \"~nothing\"", "no bus '~nothing'");
}

/* A pattern transform applied to a signal transforms the patterns and sounds it plays (the
 * seed's `~arp $ sine "130 196" $ fast 2`), through buses too; processors after the
 * transform process the result; a signal that plays no pattern is refused, not ignored. */
Test(seed_language, transforms_on_signals_transform_their_patterns)
{
    uint32_t n = 96000; /* two cycles at the default tempo */
    cr_expect(!same_audio("out: saw \"55 110\" $ fast 2", "out: saw \"55 110\"", n), "the transform does something");
    cr_expect(same_audio("~d: saw \"55 110\"\nout: ~d $ fast 2", "out: saw (\"55 110\" $ fast 2)", n));
    cr_expect(same_audio("out: sine \"130 196\" $ fast 2 $ every 2 rev", "out: sine (\"130 196\" $ fast 2 $ every 2 rev)", n));
    cr_expect(same_audio("out: every 2 rev $ fast 2 $ sine \"130 196\"", "out: sine (\"130 196\" $ fast 2 $ every 2 rev)", n));
    cr_expect(same_audio("~d: s \"bd sn\" # lpf 2000\nout: ~d $ fast 2", "out: s (\"bd sn\" $ fast 2) # lpf 2000", n));
    cr_expect(same_audio("~a: saw \"55 110\"\n~b: ~a $ fast 2\n~c: ~b $ rev\nout: ~c", "out: saw (\"55 110\" $ fast 2 $ rev)", n),
              "nested buses: the inner transform first");
    cr_expect(same_audio("~arp: sine \"130 196\"\nout: ~arp $ fast 2 # lpf 800", "out: sine (\"130 196\" $ fast 2) # lpf 800", n),
              "a processor after the transform");
    cr_expect(same_audio("out: saw \"55 110\" # lpf \"400 3000\" $ fast 2", "out: saw (\"55 110\" $ fast 2) # lpf (\"400 3000\" $ fast 2)", n),
              "every pattern the signal plays");
    refused("out: sine 440 $ fast 2", "plays none");
}

/* No output statement: the seed plays ~master, else ~out, else the ~dN buses, else every
 * bus at a quarter; each with a warning. */
Test(seed_language, no_out_statement_plays_as_the_seed)
{
    rendered r = render_text("~a: sine 300 * 0.5\n~master: ~a + sine 500 * 0.2", 48000, 512, 1, PH_EVAL_BLOCK);
    cr_expect(fabs(tone_level(r.ch[0], 48000, 300, RATE) - 0.5) < 0.01);
    cr_expect(fabs(tone_level(r.ch[0], 48000, 500, RATE) - 0.2) < 0.01, "~master plays");
    rendered_free(&r);
    r = render_text("~d1: sine 300 * 0.4\n~d2: sine 500 * 0.4\n~x: sine 700 * 0.4", 48000, 512, 1, PH_EVAL_BLOCK);
    cr_expect(fabs(tone_level(r.ch[0], 48000, 500, RATE) - 0.4) < 0.01, "~d2 at unity");
    cr_expect(tone_level(r.ch[0], 48000, 700, RATE) < 0.001, "~x is not a route");
    rendered_free(&r);
    r = render_text("~a: sine 300 * 0.8\n~b: sine 500 * 0.8\n~notes: \"0 2\"", 48000, 512, 1, PH_EVAL_BLOCK);
    cr_expect(fabs(tone_level(r.ch[0], 48000, 300, RATE) - 0.2) < 0.01, "every bus at -12 dB");
    cr_expect(fabs(tone_level(r.ch[0], 48000, 500, RATE) - 0.2) < 0.01);
    rendered_free(&r);
    ph_program *p = compiles("~master: sine 300");
    cr_assert_eq(ph_program_warning_count(p), 1);
    ph_diag w;
    ph_program_warning(p, 0, &w);
    cr_expect(strstr(w.message, "playing ~master"), "%s", w.message);
    ph_program_free(p);
}

/* A repeated argument then a function (foldEvery n... f): Tidal's `foldEvery [3, 5] (fast
 * 2)` is every 3 (fast 2) . every 5 (fast 2). */
Test(seed_language, fold_every_takes_numbers_then_a_function)
{
    const char *q = "\"a b\" $ foldEvery 2 3 rev";
    ph_diag d;
    ph_query_result *r = ph_query_pattern(q, strlen(q), (ph_time){0, 1}, (ph_time){4, 1}, &d);
    cr_assert(r, "%s", d.message);
    /* cycle 0: both (rev . rev), 1: neither, 2: every 2, 3: every 3 */
    const char *want[] = {"a", "b", "a", "b", "b", "a", "b", "a"};
    cr_assert_eq(ph_query_count(r), 8);
    for (int k = 0; k < 8; k++) cr_expect_str_eq(ph_query_event(r, (uint32_t)k)->value, want[k], "event %d", k);
    ph_query_free(r);
    const char *l = "\"a\" $ foldEvery [3, 5] (fast 2)";
    r = ph_query_pattern(l, strlen(l), (ph_time){0, 1}, (ph_time){1, 1}, &d);
    cr_assert(r, "%s", d.message);
    /* every 3 (fast 2) over every 5 (fast 2): fast 2 of a pattern whose cycle 0 is fast 2 and
     * cycle 1 is not: 2 + 1 events */
    cr_expect_eq(ph_query_count(r), 3);
    ph_query_free(r);
}

/* The seed's distortion (and dist): tanh(drive x) mixed with x, mix 0.5 by default;
 * `distort` stays Phonon's own. */
Test(seed_language, distortion_is_the_seeds)
{
    rendered r = render_text("out: sine 100 * 0.5 # distortion 10 1", 48000, 512, 1, PH_EVAL_BLOCK);
    double h1 = tone_level(r.ch[0] + 4800, 38400, 100, RATE), h3 = tone_level(r.ch[0] + 4800, 38400, 300, RATE);
    cr_expect(h1 > 1.1 && h3 > 0.3, "nearly square: %.3f %.3f", h1, h3);
    rendered_free(&r);
    cr_expect(same_audio("out: sine 100 * 0.5 # distortion 10 0", "out: sine 100 * 0.5", 9600), "mix 0 is the input");
    cr_expect(same_audio("~x: saw 55\nout: distortion ~x 4 0.7", "~x: saw 55\nout: ~x # dist 4 0.7", 9600),
              "the seed's input-first form and its spelling dist");
    cr_expect(!same_audio("out: saw 55 # distortion 0.5", "out: saw 55 # distort 0.5", 9600), "distort is another");
    cr_expect(same_audio("~x: saw 55\nout: distort ~x 4 0.7", "~x: saw 55\nout: ~x # distortion 4 0.7", 9600),
              "the seed's distort with a mix is its distortion");
}

/* sustain (SuperDirt's) holds a sound for seconds; the seed's dur sets it. */
Test(seed_language, sustain_and_dur_hold_for_seconds)
{
    /* one note a cycle at 0.5 cycles a second: a 2 s event */
    rendered a = render_text("out: note \"0\" # s \"superpwm\" # sustain 0.1 # release 0.01", 48000, 512, 1, PH_EVAL_BLOCK);
    rendered b = render_text("out: note \"0\" # s \"superpwm\" # release 0.01", 48000, 512, 1, PH_EVAL_BLOCK);
    double early = rms(a.ch[0] + 480, 2400), late = rms(a.ch[0] + 9600, 9600), held = rms(b.ch[0] + 9600, 9600);
    cr_expect(early > 0.02, "it sounds: %.4f", early);
    cr_expect(late < early * 0.01, "silent after 0.1 s + release: %.5f", late);
    cr_expect(held > 0.02, "without sustain the note is held for its event: %.4f", held);
    rendered_free(&a);
    rendered_free(&b);
    cr_expect(same_audio("out: note \"0 7\" # s \"superpwm\" $ dur 0.1", "out: note \"0 7\" # s \"superpwm\" # sustain 0.1",
                         48000));
}

/* Tidal's primed names: every' n o f (everyOffset), chunk', iter'; a quote elsewhere is
 * still an error about strings. */
Test(seed_language, primed_names)
{
    const char *pairs[][2] = {{"\"a b c\" $ every' 3 1 (fast 2)", "\"a b c\" $ everyOffset 3 1 (fast 2)"},
                              {"\"a b c d\" $ chunk' 4 (fast 2)", "\"a b c d\" $ chunkBack 4 (fast 2)"},
                              {"\"a b c d\" $ iter' 4", "\"a b c d\" $ iterBack 4"}};
    for (int i = 0; i < 3; i++) {
        ph_diag d;
        ph_query_result *a = ph_query_pattern(pairs[i][0], strlen(pairs[i][0]), (ph_time){0, 1}, (ph_time){4, 1}, &d);
        cr_assert(a, "%s: %s", pairs[i][0], d.message);
        ph_query_result *b = ph_query_pattern(pairs[i][1], strlen(pairs[i][1]), (ph_time){0, 1}, (ph_time){4, 1}, &d);
        cr_assert(b);
        cr_assert_eq(ph_query_count(a), ph_query_count(b));
        for (uint32_t k = 0; k < ph_query_count(a); k++) {
            cr_expect_str_eq(ph_query_event(a, k)->value, ph_query_event(b, k)->value);
            cr_expect(!ph_time_compare(ph_query_event(a, k)->part_begin, ph_query_event(b, k)->part_begin));
        }
        ph_query_free(a);
        ph_query_free(b);
    }
    refused("out: s 'bd'", "double quotes");
}
