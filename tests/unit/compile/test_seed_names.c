/* The seed's if, latch, schmidt, timer, phasor, pan2_l / pan2_r, soft_saw_hz and chorus's
 * fourth argument through the language, on rendered audio: each does what its usage says
 * in the seed's spellings; every program renders the same bits for host blocks of 1, 7, 64
 * and 4096; absurd arguments never give NaN or Inf. */
#include "render_test_util.h"

#define RATE 48000.0

static rendered render(const char *text, uint32_t frames) { return render_text(text, frames, 512, 1, PH_EVAL_BLOCK); }

static const char *const programs[] = {
    "out: if (square 2) (sine 440) (saw 220) * 0.3",
    "cps: 2\nout: sine ((noise * 200 + 400) # latch (impulse 8)) * 0.3",
    "cps: 2\nout: sine ((noise * 200 + 400) # latch \"x*4\") * 0.3",
    "out: saw 110 * (sine 3 # schmidt 0.3 -0.3) * 0.3",
    "out: saw (220 + (impulse 3 # timer) * 300) * 0.2",
    "cps: 2\nout: sine (200 + timer \"x ~ x x\" * 400) * 0.2",
    "cps: 2\nout: saw (phasor 3 * 300 + 100) * 0.2",
    "out: pan2_l (saw 110) (sine 1) * 0.3 + pan2_r (sine 330) (sine 2) * 0.3",
    "cps: 2\nout: soft_saw_hz \"220 330 ~ 440\" * 0.3",
    "out: soft_saw_hz (sine 2 * 100 + 220) * 0.3",
    "out: saw 110 # chorus 3 0.8 0.2 0.5 * 0.3",
    "cps: 2\nout: saw 110 * env_trig \"x(3,8)\" 0.01 0.1 0.3 0.05 * 0.3",
    "cps: 2\nout: saw 110 # env_trig \"x ~ x*2 ~\" * 0.3",
    "cps: 2\nout: waveguide \"220 330 220 440\" 0.5 \"0.25 0.5\" * 0.5",
    "out: waveguide (sine 0.5 * 50 + 200) * 0.5",
    "cps: 2\nout: s \"bd sn\" # diffuser 0.7",
    "out: diffuser (impulse 3) 0.9",
    "cps: 4\nout: (saw \"110 220 330\" # freeze \"x ~ ~ ~\") * 0.3",
};
#define N_PROGRAMS (sizeof programs / sizeof programs[0])

Test(seed_names, every_program_is_bit_identical_for_any_host_block_size, .timeout = 120)
{
    const uint32_t blocks[] = {1, 7, 64, 4096};
    for (size_t k = 0; k < N_PROGRAMS; k++) {
        rendered r = assert_blocks_identical(programs[k], 9600, blocks, 4);
        cr_assert(all_finite(r.ch[0], 9600) && all_finite(r.ch[1], 9600), "%s", programs[k]);
        cr_assert(rms(r.ch[0], 9600) + rms(r.ch[1], 9600) > 1e-3, "silent: %s", programs[k]);
        rendered_free(&r);
    }
}

Test(seed_names, absurd_arguments_never_give_nan_or_inf, .timeout = 120)
{
    static const char *const absurd[] = {"100000000", "-100000000", "0", "(noise * 1000000000)"};
    static const char *const forms[] = {
        "out: if %s (sine 440) (saw 220)",   "out: if (sine 1) %s (saw 220)", "out: sine 3 # latch %s",
        "out: %s # latch (impulse 8)",      "out: sine 3 # schmidt %s -0.3", "out: %s # schmidt 0.3 -0.3",
        "out: %s # timer",                  "out: phasor %s",                "out: pan2_l (saw 110) %s",
        "out: pan2_r %s 0.3",               "out: soft_saw_hz %s",           "out: saw 110 # chorus %s 0.8 0.2 0.5",
        "out: env_trig \"x*4\" %s 0.1 0.5 0.1", "out: env_trig \"x*4\" 0.01 %s 0.5 0.1",
        "out: env_trig \"x*4\" 0.01 0.1 %s 0.1", "out: env_trig \"x*4\" 0.01 0.1 0.5 %s",
        "out: waveguide %s 0.5 0.5", "out: waveguide 220 %s 0.5", "out: waveguide 220 0.5 %s",
        "out: saw 110 # diffuser %s", "out: %s # diffuser 0.5",
        "out: %s # freeze \"x ~\"", "out: saw 110 # freeze %s",
    };
    char text[256];
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++)
        for (size_t a = 0; a < sizeof absurd / sizeof absurd[0]; a++) {
            snprintf(text, sizeof text, forms[f], absurd[a]);
            rendered r = render(text, 4800);
            cr_assert(all_finite(r.ch[0], 4800) && all_finite(r.ch[1], 4800), "%s", text);
            rendered_free(&r);
        }
}

Test(seed_names, if_routes_by_the_condition)
{
    /* square 1: above 0.5 in the first half of each second, below in the second */
    rendered r = render("out: if (square 1) (sine 440) (sine 220) * 0.5", 48000);
    cr_expect(tone_level(r.ch[0] + 2400, 19200, 440, RATE) > 0.4);
    cr_expect(tone_level(r.ch[0] + 2400, 19200, 220, RATE) < 0.01);
    cr_expect(tone_level(r.ch[0] + 26400, 19200, 220, RATE) > 0.4);
    cr_expect(tone_level(r.ch[0] + 26400, 19200, 440, RATE) < 0.01);
    rendered_free(&r);
    refused("out: if (sine 1) (sine 440) (sine 220) (sine 110)", "'if' takes 3 arguments");
}

Test(seed_names, latch_schmidt_and_timer)
{
    /* the held value changes only on the clock's clicks (8 a second: every 6000 samples) */
    rendered r = render("out: (saw 0.3 # latch (impulse 8)) * 0.5", 48000);
    int changes = 0;
    for (int i = 1; i < 48000; i++) changes += r.ch[0][i] != r.ch[0][i - 1];
    cr_expect(changes >= 6 && changes <= 9, "%d changes", changes);
    rendered_free(&r);
    cr_expect(same_audio("out: latch (saw 0.3) (impulse 8) * 0.5", "out: saw 0.3 # latch (impulse 8) * 0.5", 9600),
              "the seed's input-first form");
    /* schmidt: 0 or 1; on from where sin rises through 0.3 (0.0485 s) until it falls
     * through -0.3 (0.5485 s): through the zero crossing at 0.5 s (hysteresis) */
    r = render("out: sine 1 # schmidt 0.3 -0.3", 48000);
    for (int i = 0; i < 48000; i++) cr_assert(r.ch[0][i] == 0.0f || fabsf(r.ch[0][i] - 1.0f) < 1e-6f);
    cr_expect(r.ch[0][2300] < 0.5f && r.ch[0][2400] > 0.5f, "on at asin(0.3)/2pi");
    cr_expect(r.ch[0][25000] > 0.5f, "still on below 0");
    cr_expect(r.ch[0][26280] > 0.5f && r.ch[0][26400] < 0.5f, "off at 0.5 + asin(0.3)/2pi");
    rendered_free(&r);
    /* timer: seconds since the last of 2 clicks a second, a ramp to 0.5 */
    r = render("out: impulse 2 # timer", 48000);
    cr_expect(fabs(r.ch[0][23990] - 23990 / RATE) < 0.01, "%g", r.ch[0][23990]);
    cr_expect(r.ch[0][24100] < 0.01, "reset by the click: %g", r.ch[0][24100]);
    rendered_free(&r);
}

Test(seed_names, phasor_is_locked_to_the_cycle)
{
    rendered r = render("cps: 2\nout: phasor", 48000);
    for (int i = 0; i < 48000; i += 997) {
        double want = fmod(i * 2.0 / RATE, 1.0);
        cr_assert(fabs(r.ch[0][i] - want) < 1e-4, "%d: %g vs %g", i, r.ch[0][i], want);
    }
    rendered_free(&r);
    r = render("cps: 1\nout: phasor 4", 12000);
    cr_expect(fabs(r.ch[0][6000] - 0.5) < 1e-4);
    rendered_free(&r);
}

Test(seed_names, pan2_sides_are_equal_power)
{
    rendered l = render("out: pan2_l (sine 440) -0.5", 9600), rr = render("out: pan2_r (sine 440) -0.5", 9600);
    double a = tone_level(l.ch[0], 9600, 440, RATE), b = tone_level(rr.ch[0], 9600, 440, RATE);
    cr_expect(fabs(a * a + b * b - 1.0) < 0.02, "%g %g", a, b);
    cr_expect(fabs(a - cos(M_PI / 8)) < 0.01, "left %g", a);
    rendered_free(&l);
    rendered_free(&rr);
    l = render("out: pan2_r (saw 110) 1", 9600);
    rr = render("out: saw 110", 9600);
    double d = 0;
    for (int i = 0; i < 9600; i++) d = fmax(d, fabs(l.ch[0][i] - rr.ch[0][i]));
    cr_expect(d < 1e-6, "hard right: the input (%g)", d);
    rendered_free(&l);
    rendered_free(&rr);
}

Test(seed_names, soft_saw_hz_has_every_harmonic_at_one_over_k_squared)
{
    rendered r = render("out: soft_saw_hz 200", 48000);
    double a1 = tone_level(r.ch[0], 48000, 200, RATE);
    cr_expect(fabs(a1 - 6 / (M_PI * M_PI)) < 0.01, "%g", a1);
    for (int k = 2; k <= 5; k++)
        cr_expect(fabs(tone_level(r.ch[0], 48000, 200.0 * k, RATE) / a1 - 1.0 / (k * k)) < 0.01, "harmonic %d", k);
    rendered_free(&r);
    cr_expect(same_audio("out: soft_saw 200", "out: soft_saw_hz 200", 4800), "the seed's other spelling");
}

Test(seed_names, chorus_with_the_seeds_fourth_argument_warns_and_ignores_it)
{
    cr_expect(same_audio("out: saw 110 # chorus 3 0.8 0.2 0.5", "out: saw 110 # chorus 3 0.8 0.2", 9600));
    cr_expect(same_audio("out: chorus (saw 110) 3 0.8 0.2", "out: saw 110 # chorus 3 0.8 0.2", 9600));
    ph_program *p = compile_or_fail("out: saw 110 # chorus 3 0.8 0.2 0.5", RATE);
    ph_diag w;
    cr_expect_eq(ph_program_warning_count(p), 1);
    cr_expect(ph_program_warning(p, 0, &w) && strstr(w.message, "4th argument is ignored"), "%s", w.message);
    ph_program_free(p);
    p = compile_or_fail("out: saw 110 # chorus 3 0.8 0.2", RATE);
    cr_expect_eq(ph_program_warning_count(p), 0);
    ph_program_free(p);
    refused("out: saw 110 # chorus 3 0.8 0.2 0.5 0.1", "'chorus' takes 0 to 4 arguments");
}

Test(seed_names, env_trig_opens_on_the_patterns_events)
{
    /* one event a cycle, a quarter long: up in 1 ms, down to sustain 0 in 0.1 s, nothing
     * until the next cycle's event */
    rendered r = render("cps: 1\nout: env_trig \"x ~ ~ ~\" 0.001 0.1 0 0.01", 96000);
    cr_expect(r.ch[0][60] > 0.95f, "%g", r.ch[0][60]);
    cr_expect(r.ch[0][2400] > 0.4f && r.ch[0][2400] < 0.6f, "half way down the decay: %g", r.ch[0][2400]);
    cr_expect(fabsf(r.ch[0][6000]) < 1e-6f && fabsf(r.ch[0][30000]) < 1e-6f);
    cr_expect(r.ch[0][48060] > 0.95f, "again on the next cycle: %g", r.ch[0][48060]);
    rendered_free(&r);
    r = render("cps: 1\nout: env_trig \"x ~ ~ ~\" 0.001 0.01 0.5 0.01", 48000);
    cr_expect(fabsf(r.ch[0][10000] - 0.5f) < 1e-3f, "sustained while the event lasts: %g", r.ch[0][10000]);
    cr_expect(fabsf(r.ch[0][14000]) < 1e-6f, "released after it: %g", r.ch[0][14000]);
    rendered_free(&r);
    cr_expect(same_audio("out: saw 110 # env_trig \"x*2\" 0.01 0.1 0.5 0.1",
                         "out: saw 110 * env_trig \"x*2\" 0.01 0.1 0.5 0.1", 48000), "chained: the input times it");
    refused("out: env_trig (sine 2)", "triggered by a pattern");
}

Test(seed_names, plugin_hosting_is_refused_with_the_reason)
{
    refused("out: vst \"Surge XT\" # note \"c4 e4\"", "'vst' (the seed's plugin hosting) is not supported");
    refused("~fx: saw 110 # vst3 \"Surge XT Effects\"\nout: ~fx", "Phonon is itself an LV2 plugin");
}

Test(seed_names, waveguide_and_diffuser_through_the_language)
{
    /* each note of a pattern plucks the string afresh: a burst at each onset */
    rendered r = render("cps: 1\nout: waveguide \"220 330\" 0.9 0.3", 48000);
    cr_expect(rms(r.ch[0] + 24000, 2400) > 2 * rms(r.ch[0] + 21600, 2400), "plucked again on the second note");
    /* its harmonics now are 330 Hz's (the period 2 x 72 + 0.5 samples), not 220's */
    double at330 = 0, at220 = 0;
    for (int k = 1; k <= 4; k++) {
        at330 += tone_level(r.ch[0] + 26400, 19200, k * 48000 / (2 * 72 + 0.5), RATE);
        at220 += tone_level(r.ch[0] + 26400, 19200, k * 48000 / (2 * 109 + 0.5), RATE);
    }
    cr_expect(at330 > 5 * at220, "330 Hz's harmonics %g, 220's %g", at330, at220);
    rendered_free(&r);
    cr_expect(same_audio("out: diffuser (impulse 2) 0.8", "out: impulse 2 # diffuser 0.8", 9600), "the seed's forms");
    r = render("out: impulse 1 # diffuser 1", 48000);
    double e = 0;
    for (int i = 0; i < 48000; i++) e += (double)r.ch[0][i] * r.ch[0][i];
    rendered ref = render("out: impulse 1", 48000);
    double e0 = 0;
    for (int i = 0; i < 48000; i++) e0 += (double)ref.ch[0][i] * ref.ch[0][i];
    cr_expect(fabs(10 * log10(e / e0)) < 1.5, "the click's energy kept within ~1 dB: %g", e / e0);
    rendered_free(&r);
    rendered_free(&ref);
}

Test(seed_names, freeze_holds_what_sounded_at_the_trigger)
{
    cr_expect(same_audio("~s: sine 440\nout: freeze ~s \"x ~\"", "out: sine 440 # freeze \"x ~\"", 9600),
              "the seed's form");
    /* 330 Hz for the first half second, then 550; frozen at 0.25 s: 330 goes on */
    rendered r = render("cps: 1\nout: sine \"330 550\" # freeze \"~ x ~ ~\"", 48000);
    double held = tone_level(r.ch[0] + 30000, 18000, 330, RATE), now = tone_level(r.ch[0] + 30000, 18000, 550, RATE);
    cr_expect(held > 0.7, "330 Hz held: %g", held);
    cr_expect(now < 0.05, "550 Hz not heard: %g", now);
    rendered_free(&r);
}

Test(seed_names, an_envelope_bus_is_a_value_for_if)
{
    /* the seed's dynamic_routing_demo: ~env above 0.5 during its attack and decay only */
    rendered r = render("cps: 1\n~env: adsr 0.01 0.1 0.5 0.2\nout: if ~env (sine 440) (sine 220) * 0.5", 48000);
    cr_expect(tone_level(r.ch[0] + 14400, 19200, 220, RATE) > 0.4);
    cr_expect(tone_level(r.ch[0] + 14400, 19200, 440, RATE) < 0.01);
    cr_expect(tone_level(r.ch[0] + 480, 3840, 440, RATE) > 0.2, "then while the envelope is high");
    rendered_free(&r);
    refused("out: if (fast 2) (sine 440) (sine 220)", "not a function");
}
