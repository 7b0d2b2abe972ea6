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
