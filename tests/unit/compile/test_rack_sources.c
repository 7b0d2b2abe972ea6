/* The rack's sources through the language (issue 14): fm, pm, pulse, impulse, blip on
 * rendered audio -- spectra, pitches played by patterns, levels -- the same bits for any
 * block size, and finite output whatever the arguments. */
#include "rack_test_util.h"

#define RATE 48000.0
#define S 48000

/* The amplitude of a sine at hz in the second half of the first second of `text`
 * (a Hann-windowed Goertzel, so neighbours a few bins away do not leak in). */
static double level(const char *text, double hz)
{
    float *x = rack_render(text, S);
    double a = tone_level(x + S / 2, S / 2, hz, RATE);
    free(x);
    return a;
}

Test(rack_sources, fm_and_pm_give_bessel_sidebands)
{
    double unit = level("out: sine 1000", 1000); /* what a full-scale sine measures here */
    for (int k = 0; k <= 3; k++) {
        double want = fabs(jn(k, 2.0)) * unit;
        double fm_up = level("out: fm 1000 100 2", 1000 + 100 * k), fm_dn = level("out: fm 1000 100 2", 1000 - 100 * k);
        double pm_up = level("out: pm 1000 (sine 100) 2", 1000 + 100 * k);
        cr_expect(fabs(fm_up - want) < 0.01 * unit && fabs(fm_dn - want) < 0.01 * unit, "fm sideband %d: %g %g, want %g", k,
                  fm_up, fm_dn, want);
        cr_expect(fabs(pm_up - want) < 0.01 * unit, "pm sideband %d: %g, want %g", k, pm_up, want);
    }
}

Test(rack_sources, fm_takes_patterns_and_signals_in_every_parameter)
{
    /* tempo 1: the carrier pattern plays 300 in the first half second, 500 in the second */
    float *x = rack_render("tempo: 1\nout: fm \"300 500\" (sine 0.5 * 0 + 50) \"<0.5>\"", S);
    double first = tone_level(x + 4800, 19200, 300, RATE), second = tone_level(x + 28800, 19200, 500, RATE);
    double wrong = tone_level(x + 28800, 19200, 300, RATE);
    cr_expect(first > 0.5 && second > 0.5 && wrong < 0.05, "300 Hz %g, then 500 Hz %g (300 then: %g)", first, second, wrong);
    free(x);
}

Test(rack_sources, pulse_width_shapes_the_harmonics)
{
    /* harmonic k of a pulse of width d: (4 / pi k) |sin(pi k d)| of a unit square's fundamental */
    double h1 = level("out: pulse 200", 200);
    cr_expect(level("out: pulse 200", 400) < 0.01 * h1, "width 0.5: no 2nd harmonic");
    double q1 = level("out: pulse 200 0.25", 200), q2 = level("out: pulse 200 0.25", 400),
           q4 = level("out: pulse 200 0.25", 800);
    cr_expect(fabs(q2 / q1 - sin(M_PI * 0.5) / (2 * sin(M_PI * 0.25))) < 0.03, "width 0.25: h2/h1 %g", q2 / q1);
    cr_expect(q4 < 0.01 * q1, "width 0.25: no 4th harmonic (%g)", q4 / q1);
    /* the width is a signal too */
    cr_expect(level("out: pulse 200 (sine 0.1 * 0 + 0.25)", 800) < 0.01 * q1);
}

Test(rack_sources, impulse_and_blip_are_band_limited_trains)
{
    float *x = rack_render("out: impulse 100", S);
    double area = 0;
    for (uint32_t i = 0; i < S; i++) area += x[i];
    cr_expect(fabs(area - 100) < 0.5, "100 clicks of area 1 a second: %g", area);
    cr_expect(x[0] > 0.9 && x[0] < 1.01, "a click at the start, peak ~1: %g", x[0]);
    free(x);
    double unit = level("out: sine 500", 500);
    /* blip 500: 47 harmonics of 1/47 each at 48 kHz (the 48th sits at Nyquist) */
    for (int k = 1; k <= 41; k += 10)
        cr_expect(fabs(level("out: blip 500", 500.0 * k) / unit - 1.0 / 47) < 0.002, "harmonic %d", k);
}

Test(rack_sources, chords_play_one_generator_per_note)
{
    double unit = level("out: sine 300", 300);
    double a = level("out: fm \"[300,500]\" 0 0", 300), b = level("out: fm \"[300,500]\" 0 0", 500);
    cr_expect(fabs(a - unit) < 0.02 * unit && fabs(b - unit) < 0.02 * unit, "%g %g", a / unit, b / unit);
}

Test(rack_sources, the_same_bits_for_any_block_size)
{
    cr_expect(rack_block_identical("tempo: 2\nout: fm \"200 300 <250 400>\" (sine 3 * 50 + 100) \"1 3\" * 0.2 + "
                                   "pm 330 (saw 2) 1.5 * 0.2 + impulse \"4 8\" * 0.3 + blip (sine 0.5 * 300 + 400) * 0.2 + "
                                   "pulse \"55 110\" (sine 1 * 0.4 + 0.5) * 0.1",
                                   24000));
}

Test(rack_sources, finite_whatever_the_arguments)
{
    static const char *progs[] = {
        "out: fm 1000000000 (0 - 5) 1000000000", "out: fm (0 - 440) 1000000000000 (0 - 1000000000000)", "out: fm 0 0 0",
        "out: pm 1000000000000 (noise * 1000000000) 1000000000", "out: pm (0 - 1000000000) (saw 1000000000) (0 - 1000000000000)",
        "out: impulse 1000000000 + impulse (0 - 5) + impulse 0", "out: blip 1000000000000 + blip (0 - 1000000000000)",
        "out: pulse 1000000000 (0 - 7) + pulse 0 1000000000000", "out: fm \"1000000000 -1000000000 0\" (noise * 100000000000) \"<1000000000 -1000000000>\"",
    };
    rack_expect_finite(progs, sizeof progs / sizeof progs[0], 9600, 3.0);
}

/* ---- pluck, additive, wavetable, granular ---------------------------------------------- */

/* The program does not compile, and says why. */
#define refused(text, why) cr_expect(strstr(rack_error_of(text), why), "'%s': '%s'", text, rack_error_of(text))

Test(rack_sources, pluck_is_plucked_by_each_note_at_its_pitch)
{
    /* tempo 1: 220 Hz for half a second, then 330 Hz, each a new pluck */
    float *x = rack_render("tempo: 1\nout: pluck \"220 330\" 0.2", S);
    double a = tone_level(x + 2400, 19200, 220, RATE), b = tone_level(x + 26400, 19200, 330, RATE),
           a_late = tone_level(x + 26400, 19200, 220, RATE);
    cr_expect(a > 0.02 && b > 0.02 && a_late < 0.2 * b, "220: %g, 330: %g (220 then: %g)", a, b, a_late);
    /* the second pluck starts a new burst: louder just after it than just before */
    cr_expect(rms(x + 24000, 960) > 1.5 * rms(x + 24000 - 960, 960));
    free(x);
    /* a constant pitch plucks once; the string rings through a pattern's rests */
    x = rack_render("tempo: 1\nout: pluck \"220 ~\" 0", S);
    cr_expect(rms(x + 36000, 4800) > 0.1 * rms(x + 2400, 4800), "rings on through the rest");
    free(x);
}

Test(rack_sources, additive_plays_its_amplitude_list)
{
    double unit = level("out: sine 200", 200);
    const char *prog = "out: additive 200 \"1 0.5 0 0.5\"";
    cr_expect(fabs(level(prog, 200) / unit - 0.5) < 0.01 && fabs(level(prog, 400) / unit - 0.25) < 0.01 &&
              level(prog, 600) < 0.005 * unit && fabs(level(prog, 800) / unit - 0.25) < 0.01);
    /* the seed's melody form: the pitch a pattern, the amplitudes a list */
    float *x = rack_render("tempo: 1\nout: additive \"200 300\" \"1 0.5\"", S);
    cr_expect(tone_level(x + 28800, 19200, 300, RATE) > 0.5 && tone_level(x + 28800, 19200, 200, RATE) < 0.02);
    free(x);
    refused("out: additive 200 (sine 1)", "list of numbers");
}

Test(rack_sources, wavetable_builtin_morph_and_sample_tables)
{
    double h1 = level("out: wavetable 200 saw", 200), h2 = level("out: wavetable 200 saw", 400);
    cr_expect(fabs(h2 / h1 - 0.5) < 0.02, "saw: %g", h2 / h1);
    cr_expect(level("out: wavetable 200", 400) < 0.002, "the seed's default: a sine");
    /* basic at position 1: a square (no even harmonics, the third at a third) */
    double s1 = level("out: wavetable 200 basic 1", 200), s3 = level("out: wavetable 200 basic 1", 600);
    cr_expect(fabs(s3 / s1 - 1.0 / 3) < 0.02 && level("out: wavetable 200 basic 1", 400) < 0.01 * s1);
    /* a table from the kit's kick: plays at the pitch asked */
    float *x = rack_render("out: wavetable 110 \"bd:1\" 0.3", S);
    cr_expect(rms(x, S) > 0.01 && all_finite(x, S));
    free(x);
    refused("out: wavetable 110 \"nosuchsound\"", "nosuchsound");
}

Test(rack_sources, granular_of_a_signal_and_of_a_sound)
{
    /* grains of a 440 Hz sine at pitch 1 are 440 Hz; at pitch 2, 880 */
    cr_expect(level("out: granular (sine 440) 60 1 1", 440) > 0.3);
    cr_expect(level("out: granular (sine 440) 60 1 2", 880) > 5 * level("out: granular (sine 440) 60 1 2", 440));
    float *x = rack_render("out: granular \"sn:1\" 30 0.5 1 \"0 0.5\"", S);
    cr_expect(rms(x, S) > 0.001 && all_finite(x, S));
    free(x);
    refused("out: granular \"nosuchsound\" 30", "nosuchsound");
    refused("out: granular 5 30", "signal or a sound's name");
}

Test(rack_sources, second_family_same_bits_for_any_block_size_and_finite)
{
    cr_expect(rack_block_identical("tempo: 2\nout: pluck \"c3 e3 <g3 b3>\" \"0.2 0.6\" * 0.3 + additive \"110 165\" \"1 0.5 0.3\" * 0.2 "
                                   "+ wavetable \"55 82.5\" basic (sine 0.5 * 0.5 + 0.5) * 0.2 + granular (saw 220) \"20 40\" 0.7 "
                                   "(sine 1 * 0.5 + 1) (sine 0.3 * 0.5 + 0.5) * 0.2 + granular \"sn:1\" 30 0.4 1.5 0.2 * 0.2",
                                   24000));
    static const char *progs[] = {
        "out: pluck 1000000000 1000000000 + pluck 0 (0 - 5)", "out: additive 1000000000 \"1 2 3\" + additive 0 \"0 0\"",
        "out: wavetable 1000000000 basic 1000000000 + wavetable (0 - 5) saw (0 - 1000000000)",
        "out: granular (noise * 1000000000) 0 1000000000 1000000000 1000000000",
        "out: granular \"bd\" (0 - 1) (0 - 1) (0 - 1) (0 - 1)",
    };
    rack_expect_finite(progs, sizeof progs / sizeof progs[0], 9600, 0);
}
