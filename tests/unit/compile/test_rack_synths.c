/* The seed's synths with their arguments through the language (issue 14): supersaw's
 * detune and voice count, the super drums' parameters, superchip and superfm, given as
 * numbers, patterns, signals or keywords -- on rendered audio. */
#include "compile/ph_names.h"
#include "dsp/ph_synthv.h"
#include "rack_test_util.h"

#define RATE 48000.0
#define S 48000

static double level(const char *text, double hz, uint32_t from, uint32_t len)
{
    float *x = rack_render(text, S);
    double a = tone_level(x + from, len, hz, RATE);
    free(x);
    return a;
}

Test(rack_synths, supersaw_spreads_its_voices_by_detune)
{
    /* 3 voices, detune 0.5: saws at 0.95 f, f, 1.05 f (the seed's spread, +-detune/10) */
    const char *prog = "tempo: 0.5\nout: supersaw 400 0.5 3";
    double c = level(prog, 400, 4800, 38400), lo = level(prog, 380, 4800, 38400), hi = level(prog, 420, 4800, 38400),
           mid = level(prog, 390, 4800, 38400);
    cr_log_info("supersaw 400 0.5 3: %.3f at 380, %.3f at 400, %.3f at 420, %.3f at 390", lo, c, hi, mid);
    cr_expect(lo > 0.05 && c > 0.05 && hi > 0.05 && mid < 0.2 * c);
    /* detune 0: every voice at f (one tone), voices 1: one saw */
    double one = level("tempo: 0.5\nout: supersaw 400 0 5", 420, 4800, 38400);
    cr_expect(one < 0.1 * c, "no spread at detune 0: %g", one);
}

Test(rack_synths, super_drums_take_the_seeds_parameters)
{
    /* sustain: the kick's level 0.4 s after the hit, short against long */
    float *a = rack_render("tempo: 0.5\nout: superkick 60 0.5 0.1", S), *b = rack_render("tempo: 0.5\nout: superkick 60 0.5 0.8", S);
    double ta = rms(a + 19200, 4800), tb = rms(b + 19200, 4800), ha = rms(a, 2400);
    cr_expect(ta < 1e-4 && tb > 0.05 && ha > 0.1, "tails %g %g, head %g", ta, tb, ha);
    free(a), free(b);
    /* the kick's pitch: 60 Hz once the sweep is done, 90 Hz for superkick 90 */
    cr_expect(level("tempo: 0.5\nout: superkick 90 0 1 0", 90, 4800, 9600) > 5 * level("tempo: 0.5\nout: superkick 90 0 1 0", 60, 4800, 9600));
    /* snappy 0: no noise above 3 kHz */
    double dry = level("tempo: 0.5\nout: supersnare 200 0 0.2", 7000, 0, 4800),
           wet = level("tempo: 0.5\nout: supersnare 200 1 0.2", 7000, 0, 4800);
    cr_expect(wet > 20 * (dry + 1e-7), "snare 7 kHz: %g dry, %g snappy", dry, wet);
    /* keyword arguments name the parameters */
    a = rack_render("tempo: 0.5\nout: superkick 60 :sustain 0.1", S);
    b = rack_render("tempo: 0.5\nout: superkick 60 0.5 0.1", S);
    cr_expect(memcmp(a, b, S * sizeof(float)) == 0);
    free(a), free(b);
}

Test(rack_synths, parameters_take_patterns_and_signals)
{
    /* tempo 1, two hats a cycle, the second long: its tail is there, the first's is not */
    float *x = rack_render("tempo: 1\nout: superhat \"0.7 0.7\" \"0.02 0.3\"", S);
    double tail1 = rms(x + 12000, 4800), tail2 = rms(x + 36000, 4800);
    cr_expect(tail1 < 1e-4 && tail2 > 1e-3, "tails %g %g", tail1, tail2);
    free(x);
    /* a signal sampled at the onset: the same as the number it is */
    float *a = rack_render("tempo: 0.5\nout: supersaw 300 (sine 0.1 * 0 + 0.5) 3", S);
    float *b = rack_render("tempo: 0.5\nout: supersaw 300 0.5 3", S);
    cr_expect(memcmp(a, b, S * sizeof(float)) == 0);
    free(a), free(b);
}

Test(rack_synths, kit_names_stay_tables_without_synth_parameters)
{
    /* s "superkick" is the kit's table; the function form is the live synth */
    float *a = rack_render("out: s \"superkick\"", S), *b = rack_render("out: superkick", S);
    cr_expect(rms(a, 9600) > 0.05 && rms(b, 9600) > 0.05 && memcmp(a, b, 9600 * sizeof(float)) != 0);
    free(a), free(b);
    /* the hits follow the first argument's events: superhat "1*8" is 8 a cycle */
    float *x = rack_render("tempo: 1\nout: superhat \"1*8\" 0.02", S);
    int hits = 0;
    for (uint32_t i = 0; i < S; i += 6000) hits += rms(x + i, 600) > 0.02;
    cr_expect(hits == 8, "%d hits", hits);
    free(x);
}

Test(rack_synths, superchip_and_superfm_play_pitches)
{
    cr_expect(level("tempo: 0.5\nout: superchip \"a4\" 0 0", 440, 4800, 38400) > 0.2);
    double c = level("tempo: 0.5\nout: superfm 500 0.4 0.4", 500, 4800, 38400),
           s1 = level("tempo: 0.5\nout: superfm 500 0.4 0.4", 700, 4800, 38400);
    /* index 0.4 / 0.4 = 1: J1(1) / J0(1) */
    cr_expect(fabs(s1 / c - j1(1.0) / j0(1.0)) < 0.02, "sideband ratio %g", s1 / c);
}

Test(rack_synths, the_same_bits_for_any_block_size_and_finite_for_any_argument)
{
    cr_expect(rack_block_identical("tempo: 2\nout: superkick \"60 ~ 80 60\" \"0.3 0.8\" 0.2 0.2 + supersnare \"~ 200\" 0.7 "
                                   "+ superhat \"1*8\" (sine 1 * 0.5 + 0.5) + supersaw \"c3 e3\" 0.4 4 * 0.3 + "
                                   "superchip \"c5 g4\" 6 0.03 * 0.2 + superfm \"c4 <e4 g4>\" 1.5 2 * 0.2 + "
                                   "superpwm \"c3\" 3 0.9 * 0.2",
                                   24000));
    static const char *progs[] = {
        "out: superkick 1000000000 1000000000 (0 - 1) 1000000000", "out: supersnare (0 - 5) 1000000000 0",
        "out: superhat 1000000000 1000000000", "out: supersaw 100 1000000000 (0 - 1000000)",
        "out: superchip 1000000000 1000000000 1000000000", "out: superfm 100 0 1000000000",
        "out: superpwm 100 (0 - 1000000000) 1000000000",
    };
    rack_expect_finite(progs, sizeof progs / sizeof progs[0], 24000, 0);
}

/* The names rows and the voices read the same parameter keys, in the same order. */
Test(rack_synths, names_rows_and_synth_definitions_agree)
{
    for (const ph_synthv_def *const *d = ph_synthv_defs(); *d; d++) {
        const ph_name *nm = ph_names_lookup((*d)->name);
        cr_assert(nm && nm->dsp && nm->dsp->shape == PH_DSP_SYNTH, "%s", (*d)->name);
        char want[128] = "";
        if ((*d)->pitched) strcat(want, "freq");
        for (uint32_t j = 0; j < (*d)->n_params; j++) {
            if (want[0]) strcat(want, " ");
            strcat(want, (*d)->param[j]);
        }
        cr_expect_str_eq(nm->dsp->params, want, "%s", (*d)->name);
        for (uint32_t j = 0; j < (*d)->n_params; j++)
            cr_expect(nm->dsp->defaults[j + (*d)->pitched] == (*d)->dflt[j], "%s default %u", (*d)->name, j);
    }
}
