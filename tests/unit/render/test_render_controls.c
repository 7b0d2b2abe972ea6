/* Per-sound controls in whole programs: effects inside transforms, the orbits' reverb
 * and delay, samples stretched and sliced, block and thread independence, and every
 * control the names table says is played changing the sound. */
#include <sndfile.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compile/ph_names.h"
#include "render_test_util.h"

#define RATE 48000

static rendered render_dir(const char *text, uint32_t frames, uint32_t block, uint32_t threads, const char *dir)
{
    return render_text_samples(text, frames, block, threads, PH_EVAL_BLOCK, dir);
}

static rendered render(const char *text, uint32_t frames) { return render_dir(text, frames, 512, 1, NULL); }

/* RMS of the second difference (+12 dB per octave): the high frequencies of x. */
static double hf(const float *x, uint32_t n)
{
    double s = 0;
    for (uint32_t i = 2; i < n; i++) {
        double d = (double)x[i] - 2.0 * x[i - 1] + x[i - 2];
        s += d * d;
    }
    return sqrt(s / n);
}

static bool same_bits(const rendered *a, const rendered *b)
{
    for (int c = 0; c < PH_MAX_CHANNELS; c++)
        if (memcmp(a->ch[c], b->ch[c], a->frames * sizeof(float))) return false;
    return true;
}

Test(render_controls, an_effect_inside_every_filters_every_other_cycle)
{
    /* issue 13: it compiled and did nothing */
    rendered r = render("tempo: 1\nout: s \"bd*4 hh*4\" $ every 2 (# lpf 300)", 4 * RATE);
    rendered plain = render("tempo: 1\nout: s \"bd*4 hh*4\"", 4 * RATE);
    for (int c = 0; c < 4; c++) {
        double got = hf(r.ch[0] + c * RATE, RATE), dry = hf(plain.ch[0] + c * RATE, RATE);
        cr_log_info("cycle %d: high-frequency level %.5f (%.5f unfiltered)", c, got, dry);
        if (c % 2 == 0) cr_assert(got < 0.1 * dry, "cycle %d is filtered", c); /* every 2: cycles 0, 2 */
        else cr_assert(fabs(got - dry) < 0.02 * dry, "cycle %d is not", c); /* but for tails from cycle 0 */
    }
    rendered_free(&r);
    rendered_free(&plain);
}

Test(render_controls, an_effect_means_the_same_inside_and_outside_a_transform)
{
    const char *texts[] = {"out: s \"bd hh sn hh\" # lpf 300", "out: s \"bd hh sn hh\" $ every 1 (# lpf 300)",
                           "out: s \"bd hh sn hh\" # cutoff 300", "out: s \"bd hh sn hh\" # cutoff \"300\""};
    rendered ref = render(texts[0], RATE);
    for (int k = 1; k < 4; k++) {
        rendered r = render(texts[k], RATE);
        cr_assert(same_bits(&ref, &r), "%s", texts[k]);
        rendered_free(&r);
    }
    /* a signal on a filter still sweeps the sound's audio, as a processor on its bus */
    const char *swept[][2] = {
        {"out: s \"hh*8\" # lpf (sine 1 * 3000 + 500)", "~d: s \"hh*8\"\nout: ~d # lpf (sine 1 * 3000 + 500)"},
        {"out: s \"hh*8\" # vowel (sine 1 * 4)", "~d: s \"hh*8\"\nout: ~d # vowel (sine 1 * 4)"}, /* the rack's */
    };
    for (int k = 0; k < 2; k++) {
        rendered a = render(swept[k][0], RATE), b = render(swept[k][1], RATE);
        cr_assert(same_bits(&a, &b), "%s", swept[k][0]);
        rendered_free(&a);
        rendered_free(&b);
    }
    rendered_free(&ref);
}

Test(render_controls, room_makes_a_tail_on_the_orbit_not_on_the_dry_path)
{
    /* separate outputs: out1 is the voices' dry sound, the main output only the orbits */
    rendered r = render("tempo: 1\noutmix: separate\nout1: s \"cp ~ ~ ~\" # room 0.8 # size 2", 2 * RATE);
    rendered plain = render("tempo: 1\nout1: s \"cp ~ ~ ~\"", 2 * RATE);
    const float *dry = r.ch[PH_MAIN_CHANNELS], *wet = r.ch[0];
    for (uint32_t i = 0; i < 2 * RATE; i++)
        cr_assert(fabsf(dry[i] - plain.ch[PH_MAIN_CHANNELS][i]) < 1e-6f, "the dry path is the plain sound");
    double dry_late = rms(dry + RATE / 2, RATE / 4), wet_late = rms(wet + RATE / 2, RATE / 4);
    cr_log_info("0.5 s after the clap: dry %.6f, orbit %.6f", dry_late, wet_late);
    cr_assert(dry_late == 0 && wet_late > 0.005, "the tail is on the orbit");
    cr_assert(rms(wet, 48) < 1e-3 * rms(wet, RATE / 4), "the orbit is wet only (no direct sound)");
    rendered_free(&r);
    rendered_free(&plain);
}

/* RMS of x over 20 ms from `at` seconds. */
static double at(const float *x, double seconds) { return rms(x + (uint32_t)(seconds * RATE), RATE / 50); }

Test(render_controls, delay_echoes_and_each_orbit_keeps_its_own)
{
    rendered r = render("tempo: 1\nout: s \"cp ~ ~ ~\" # delay 0.5 # delaytime 0.25 # delayfeedback 0.5 # dry 0", RATE);
    double e1 = at(r.ch[0], 0.25), e2 = at(r.ch[0], 0.5), e3 = at(r.ch[0], 0.75);
    cr_log_info("echoes %.4f %.4f %.4f, before %.6f", e1, e2, e3, at(r.ch[0], 0.1));
    cr_assert(at(r.ch[0], 0) == 0 && at(r.ch[0], 0.1) == 0, "dry 0: nothing before the first echo");
    cr_assert(e1 > 0.01 && fabs(e2 / e1 - 0.5) < 0.05 && fabs(e3 / e2 - 0.5) < 0.05);
    rendered_free(&r);
    /* a sets 0.3 s at 0, b 0.1 s at 0.25 (one echo each): on its own orbit a echoes at
     * 0.3; sharing b's, a's echo is skipped when b moves the orbit's delay time */
    const char *two = "tempo: 1\n~a: s \"cp ~ ~ ~\" # delay 0.5 # delaytime 0.3 # delayfeedback 0 # dry 0 # orbit 1\n"
                      "~b: s \"~ cp ~ ~\" # delay 0.5 # delaytime 0.1 # delayfeedback 0 # dry 0\nout: ~a + ~b";
    r = render(two, RATE);
    cr_log_info("own orbits: %.4f at 0.3 s, %.4f at 0.35 s", at(r.ch[0], 0.3), at(r.ch[0], 0.35));
    cr_assert(at(r.ch[0], 0.3) > 0.01 && at(r.ch[0], 0.35) > 0.01, "a echoes after 0.3 s, b after 0.1 s");
    double own = at(r.ch[0], 0.3);
    rendered_free(&r);
    r = render("tempo: 1\n~a: s \"cp ~ ~ ~\" # delay 0.5 # delaytime 0.3 # delayfeedback 0 # dry 0\n"
               "~b: s \"~ cp ~ ~\" # delay 0.5 # delaytime 0.1 # delayfeedback 0 # dry 0\nout: ~a + ~b",
               RATE);
    cr_log_info("one orbit: %.4f at 0.3 s, %.4f at 0.35 s", at(r.ch[0], 0.3), at(r.ch[0], 0.35));
    /* (what a's echo leaves is the delay time's 20 ms glide sweeping over it) */
    cr_assert(at(r.ch[0], 0.3) < 0.1 * own && at(r.ch[0], 0.35) > 0.01, "b's delay time is the orbit's from b's onset");
    rendered_free(&r);
}

/* A sample folder: tone (1 s of 1 kHz) and quarters (four 0.25 s tones: 400 800 1200 1600 Hz). */
static char dir[64];

static void write_tone(const char *name, const double *hz, int parts)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/%s/%s.wav", dir, name, name);
    SF_INFO info = {.samplerate = RATE, .channels = 1, .format = SF_FORMAT_WAV | SF_FORMAT_FLOAT};
    SNDFILE *f = sf_open(path, SFM_WRITE, &info);
    cr_assert_not_null(f);
    float *buf = malloc(sizeof(float) * RATE);
    for (uint32_t i = 0; i < RATE; i++) buf[i] = (float)(0.5 * sin(2 * M_PI * hz[i * parts / RATE] * i / RATE));
    sf_writef_float(f, buf, RATE);
    sf_close(f);
    free(buf);
}

static void make_samples(void)
{
    snprintf(dir, sizeof dir, "/tmp/phonon-controls-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    const double one[] = {1000}, four[] = {400, 800, 1200, 1600};
    write_tone("tone", one, 1);
    write_tone("quarters", four, 4);
}

static void remove_samples(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert(system(cmd) == 0);
}

/* Seconds from `from` to the last sample above 1e-4 (of channel 0). */
static double lasts(const rendered *r, double from)
{
    uint32_t last = 0;
    for (uint32_t i = 0; i < r->frames; i++)
        if (fabsf(r->ch[0][i]) > 1e-4f) last = i;
    return (double)(last + 1) / RATE - from;
}

/* The strongest of the frequencies in hz[] over [a, a + n). */
static double strongest(const float *x, uint32_t a, uint32_t n, const double *hz, int count)
{
    double best = 0, f = 0;
    for (int k = 0; k < count; k++) {
        double p = tone_level(x + a, n, hz[k], RATE);
        if (p > best) best = p, f = hz[k];
    }
    return f;
}

Test(render_controls, loop_at_and_unit_c_stretch_a_sample_to_cycles, .init = make_samples, .fini = remove_samples)
{
    const double cands[] = {250, 500, 1000, 2000};
    const struct {
        const char *text;
        double seconds, hz;
    } cases[] = {
        {"tempo: 1\nout: loopAt 2 $ s \"<tone ~ ~ ~>\"", 2.0, 500},               /* 2 cycles of 1 s */
        {"tempo: 0.5\nout: loopAt 2 $ s \"<tone ~ ~ ~>\"", 4.0, 250},             /* 2 cycles of 2 s */
        {"tempo: 1\nout: s \"<tone ~ ~ ~ ~ ~>\" # unit \"c\"", 1.0, 1000},           /* speed 1: a cycle */
        {"tempo: 1\nout: s \"<tone ~ ~ ~ ~ ~>\" # speed 2 # unit \"c\"", 0.5, 2000}, /* half a cycle */
        {"tempo: 0.5\nout: s \"<tone ~ ~ ~>\" # speed 2 # unit \"c\"", 1.0, 1000},   /* half a cycle of 2 s */
        {"tempo: 1\nout: s \"<tone ~ ~ ~ ~ ~>\" # loop 3", 3.0, 1000},                 /* three times */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        rendered r = render_dir(cases[k].text, 5 * RATE, 512, 1, dir);
        double t = lasts(&r, 0), f = strongest(r.ch[0], 0, RATE / 4, cands, 4);
        cr_log_info("%s: lasts %.4f s at %g Hz", cases[k].text, t, f);
        cr_assert(fabs(t - cases[k].seconds) < 0.002, "%s: lasts %g s", cases[k].text, t);
        cr_assert(f == cases[k].hz, "%s: plays at %g Hz", cases[k].text, f);
        rendered_free(&r);
    }
}

Test(render_controls, slice_and_splice_pick_the_part, .init = make_samples, .fini = remove_samples)
{
    const double q[] = {400, 800, 1200, 1600, 600, 200};
    rendered r = render_dir("tempo: 1\nout: slice 4 \"2 0\" $ s \"quarters\"", RATE, 512, 1, dir);
    cr_assert(strongest(r.ch[0], 2400, RATE / 5, q, 6) == 1200, "slice 2 first");
    cr_assert(strongest(r.ch[0], RATE / 2 + 2400, RATE / 5, q, 6) == 400, "then slice 0");
    cr_assert(rms(r.ch[0] + RATE / 4 + 480, RATE / 5) < 1e-3, "a slice lasts a quarter of the sample");
    rendered_free(&r);
    /* splice: each slice stretched over its half cycle: half the speed */
    r = render_dir("tempo: 1\nout: splice 4 \"2 0\" $ s \"quarters\"", RATE, 512, 1, dir);
    cr_assert(strongest(r.ch[0], 2400, RATE / 5, q, 6) == 600);
    cr_assert(strongest(r.ch[0], RATE / 4 + 2400, RATE / 5, q, 6) == 600, "still playing");
    cr_assert(strongest(r.ch[0], RATE / 2 + 2400, RATE / 5, q, 6) == 200);
    rendered_free(&r);
}

static const char *const split_text =
    "tempo: 0.8\n"
    "~a: s \"bd*2 [hh sn] cp oh\" # lpf \"<400 2000>\" # resonance 10 # shape 0.4 # room 0.3 # size 1.5 # orbit \"<0 1>\"\n"
    "~b: n \"0 3 7\" # s \"supersaw\" # vowel \"<a o>\" # crush 6 # delay 0.4 # delaytime 0.15 # accelerate 0.5\n"
    "~c: s \"hh*8\" # coarse 3 # squiz \"2 4\" # hpf 3000 # bandf 5000 # pan sine # dry 0.7 # delay 0.2\n"
    "~d: loopAt 2 $ chop 4 $ s \"oh\" # loop 2 # legato 0.5\n"
    "out: ~a + ~b * 0.3 + ~c + ~d";

Test(render_controls, block_sizes_and_threads_give_the_same_bits, .timeout = 60)
{
    rendered ref = render_dir(split_text, 3 * RATE, 512, 1, NULL);
    cr_assert(all_finite(ref.ch[0], ref.frames) && rms(ref.ch[0], ref.frames) > 0.01);
    const uint32_t blocks[] = {64, 4096, 333};
    for (int k = 0; k < 3; k++) {
        rendered r = render_dir(split_text, 3 * RATE, blocks[k], k == 0 ? 2 : 1 + (uint32_t)k, NULL);
        cr_assert(same_bits(&ref, &r), "block %u", blocks[k]);
        rendered_free(&r);
    }
    rendered s = render_text(split_text, RATE / 2, 512, 1, PH_EVAL_SAMPLE);
    double err = 0;
    for (uint32_t i = 0; i < RATE / 2; i++) err = fmax(err, fabs(s.ch[0][i] - ref.ch[0][i]));
    cr_assert(err < 1e-6, "the reference evaluator differs by %g", err);
    rendered_free(&s);
    rendered_free(&ref);
}

/* Every control the names table marks played: rendering with it differs from without. */
static const struct {
    const char *name, *base, *with;
} played[] = {
    {"s", "s \"bd\"", "s \"cp\""},
    {"sound", "sound \"bd\"", "sound \"cp\""},
    {"n", "s \"bd\"", "s \"bd\" # n 1"},
    {"note", "s \"oh\"", "s \"oh\" # note 7"},
    {"freq", "s \"supersaw\"", "s \"supersaw\" # freq 440"},
    {"gain", "s \"oh\"", "s \"oh\" # gain 0.5"},
    {"amp", "s \"oh\"", "s \"oh\" # amp 0.5"},
    {"pan", "s \"oh\"", "s \"oh\" # pan 0"},
    {"speed", "s \"oh\"", "s \"oh\" # speed 2"},
    {"begin", "s \"oh\"", "s \"oh\" # begin 0.3"},
    {"end", "s \"oh\"", "s \"oh\" # end 0.2"},
    {"attack", "s \"oh\"", "s \"oh\" # attack 0.05"},
    {"release", "s \"oh\" # legato 0.1", "s \"oh\" # legato 0.1 # release 0.2"},
    {"legato", "s \"oh*2\"", "s \"oh*2\" # legato 0.2"},
    {"sustain", "s \"oh*2\"", "s \"oh*2\" # sustain 0.05"},
    {"cut", "s \"oh*8\"", "s \"oh*8\" # cut 1"},
    {"cut_group", "s \"oh*8\"", "s \"oh*8\" # cut_group 1"},
    {"accelerate", "s \"oh\"", "s \"oh\" # accelerate 1"},
    {"loop", "s \"cp\"", "s \"cp\" # loop 2"},
    {"unit", "s \"oh\" # speed 1", "s \"oh\" # speed 1 # unit \"c\""},
    {"cutoff", "s \"oh\"", "s \"oh\" # cutoff 300"},
    {"lpf", "s \"oh\"", "s \"oh\" # lpf 300"},
    {"resonance", "s \"oh\" # cutoff 1000", "s \"oh\" # cutoff 1000 # resonance 20"},
    {"lpq", "s \"oh\" # cutoff 1000", "s \"oh\" # cutoff 1000 # lpq 20"},
    {"hcutoff", "s \"oh\"", "s \"oh\" # hcutoff 3000"},
    {"hpf", "s \"oh\"", "s \"oh\" # hpf 3000"},
    {"hresonance", "s \"oh\" # hpf 3000", "s \"oh\" # hpf 3000 # hresonance 20"},
    {"hpq", "s \"oh\" # hpf 3000", "s \"oh\" # hpf 3000 # hpq 20"},
    {"bandf", "s \"oh\"", "s \"oh\" # bandf 1000"},
    {"bpf", "s \"oh\"", "s \"oh\" # bpf 1000"},
    {"bandq", "s \"oh\" # bpf 1000", "s \"oh\" # bpf 1000 # bandq 8"},
    {"bpq", "s \"oh\" # bpf 1000", "s \"oh\" # bpf 1000 # bpq 8"},
    {"vowel", "s \"oh\"", "s \"oh\" # vowel \"a\""},
    {"coarse", "s \"oh\"", "s \"oh\" # coarse 8"},
    {"crush", "s \"oh\"", "s \"oh\" # crush 3"},
    {"shape", "s \"oh\"", "s \"oh\" # shape 0.8"},
    {"squiz", "s \"oh\"", "s \"oh\" # squiz 4"},
    {"dry", "s \"oh\"", "s \"oh\" # dry 0.3"},
    {"room", "s \"oh\"", "s \"oh\" # room 0.5"},
    {"size", "s \"oh\" # room 0.5", "s \"oh\" # room 0.5 # size 6"},
    {"roomsize", "s \"oh\" # room 0.5", "s \"oh\" # room 0.5 # roomsize 6"},
    {"sz", "s \"oh\" # room 0.5", "s \"oh\" # room 0.5 # sz 6"},
    {"delay", "s \"oh\"", "s \"oh\" # delay 0.5"},
    {"delaytime", "s \"cp\" # delay 0.5", "s \"cp\" # delay 0.5 # delaytime 0.1"},
    {"delayt", "s \"cp\" # delay 0.5", "s \"cp\" # delay 0.5 # delayt 0.1"},
    {"delayfeedback", "s \"cp\" # delay 0.5", "s \"cp\" # delay 0.5 # delayfeedback 0.9"},
    {"delayfb", "s \"cp\" # delay 0.5", "s \"cp\" # delay 0.5 # delayfb 0.9"},
    {"orbit", "~a: s \"cp ~ ~ ~\" # delay 0.5 # delaytime 0.1\n~b: s \"~ ~ cp ~\" # delay 0.5 # delaytime 0.3\nout: ~a + ~b",
     "~a: s \"cp ~ ~ ~\" # delay 0.5 # delaytime 0.1 # orbit 1\n~b: s \"~ ~ cp ~\" # delay 0.5 # delaytime 0.3\nout: ~a + ~b"},
};

static rendered render_case(const char *body)
{
    char text[512];
    snprintf(text, sizeof text, "tempo: 1\n%s%s", strncmp(body, "~", 1) ? "out: " : "", body);
    return render(text, RATE);
}

Test(render_controls, every_played_control_changes_the_sound, .timeout = 60)
{
    size_t tested = 0;
    for (size_t i = 0; i < ph_names_count(); i++) {
        const ph_name *nm = ph_names_at(i);
        if (!nm->control || !nm->control->played) continue;
        size_t k = 0;
        while (k < sizeof played / sizeof played[0] && strcmp(played[k].name, nm->name)) k++;
        cr_assert(k < sizeof played / sizeof played[0], "'%s' is played: add a case here that it changes the sound",
                  nm->name);
        rendered a = render_case(played[k].base), b = render_case(played[k].with);
        double diff = 0;
        for (int c = 0; c < PH_MAIN_CHANNELS; c++)
            for (uint32_t j = 0; j < a.frames; j++) diff = fmax(diff, fabs(a.ch[c][j] - b.ch[c][j]));
        cr_assert(diff > 1e-3, "'%s' changes nothing (%s)", nm->name, played[k].with);
        rendered_free(&a);
        rendered_free(&b);
        tested++;
    }
    cr_assert_eq(tested, sizeof played / sizeof played[0], "a case for a control that is not played");
}

Test(render_controls, n_is_a_synths_note_when_note_is_absent)
{
    /* SuperDirt: a synth's pitch is note, else n (s "supersaw:7" is n 7) */
    rendered n = render("out: n \"7\" # s \"supersaw\"", RATE / 2), note = render("out: note 7 # s \"supersaw\"", RATE / 2);
    rendered idx = render("out: s \"supersaw:7\"", RATE / 2), both = render("out: n 7 # note 0 # s \"supersaw\"", RATE / 2);
    rendered none = render("out: s \"supersaw\"", RATE / 2);
    cr_assert(same_bits(&n, &note) && same_bits(&idx, &note), "n 7 plays note 7");
    cr_assert(same_bits(&both, &none), "note wins");
    rendered_free(&n);
    rendered_free(&note);
    rendered_free(&idx);
    rendered_free(&both);
    rendered_free(&none);
}

Test(render_controls, the_voices_play_what_the_table_says)
{
    /* played control keys are the voices' or the orbits' */
    for (size_t i = 0; i < ph_names_count(); i++) {
        const ph_name *nm = ph_names_at(i);
        if (!nm->control) continue;
        bool voice = false;
        for (const char *const *k = ph_voice_controls(); *k; k++) voice |= !strcmp(*k, nm->control->key);
        for (const char *const *k = ph_orbit_controls(); *k; k++) voice |= !strcmp(*k, nm->control->key);
        cr_assert_eq(voice, nm->control->played, "'%s' (key %s): played %d, read by voices or orbits %d", nm->name,
                     nm->control->key, nm->control->played, voice);
    }
}

Test(render_controls, errors_for_what_cannot_be_played)
{
    const struct {
        const char *text, *message;
    } bad[] = {
        {"out: s \"bd\" # vowel \"a x\"", "'vowel' takes a e i o u"},
        {"out: s \"bd\" # unit \"s\"", "'unit' takes \"r\" (rate) or \"c\" (cycles), not 's'"},
        {"out: s \"bd\" # size (sine 1)", "'size' takes a number or a pattern, not a signal"},
        {"out: s \"bd\" # orbit (sine 1)", "'orbit' takes a number or a pattern"},
        {"out: s \"bd\" # krush 2", "not played by Phonon's voices yet"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        ph_settings s = {.sample_rate = RATE, .max_block = 512, .threads = 1};
        ph_diag d;
        ph_program *p = ph_program_compile(bad[k].text, strlen(bad[k].text), &s, &d);
        cr_assert_null(p, "%s compiles", bad[k].text);
        cr_assert(strstr(d.message, bad[k].message), "%s: %s", bad[k].text, d.message);
    }
}
