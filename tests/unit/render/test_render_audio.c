/* The renderer on real audio: onsets at exact samples, pitch, feedback, block-size and
 * thread-count independence, the reference evaluator, program swaps. */
#include "render_test_util.h"


Test(render_audio, bd_onsets_at_exact_samples)
{
    /* tempo 0.5: a cycle is 2 s = 96000 samples; bd*4 -> onsets every 24000 samples. */
    const uint32_t frames = 96000 + 4000, len = 4000;
    rendered r = render_text("tempo: 0.5\nout: s \"bd*4\"", frames, 512, 1, PH_EVAL_BLOCK);
    /* one bd alone (the next one comes a cycle later): the voice every onset adds */
    rendered one = render_text("tempo: 0.5\nout: s \"bd\"", 96000, 512, 1, PH_EVAL_BLOCK);
    cr_assert_gt(rms(one.ch[0], len), 0.01);
    double *resid = calloc(frames, sizeof(double));
    for (uint32_t i = 0; i < frames; i++) resid[i] = r.ch[0][i];
    for (int k = 0; k < 5; k++) {
        /* the offset at which one voice explains the residual best */
        int64_t expect = 24000 * k, best_o = -1;
        double best = 1e300;
        for (int64_t o = expect - 100; o <= expect + 100; o++) {
            if (o < 0 || o + len > frames) continue;
            double err = 0;
            for (uint32_t i = 0; i < len; i++) {
                double e = resid[o + i] - one.ch[0][i];
                err += e * e;
            }
            if (err < best) best = err, best_o = o;
        }
        cr_assert(llabs(best_o - expect) <= 1, "onset %d at sample %ld, want %ld", k, (long)best_o, (long)expect);
        cr_assert_lt(best, 1e-6, "onset %d: the voice does not match (%g)", k, best);
        for (uint32_t i = 0; i < 96000 && best_o + i < frames; i++) resid[best_o + i] -= one.ch[0][i];
    }
    free(resid);
    rendered_free(&one);
    rendered_free(&r);
}

Test(render_audio, saw_440_fundamental)
{
    rendered r = render_text("out: saw 440 * 0.5", 48000, 512, 1, PH_EVAL_BLOCK);
    double best = 0, best_f = 0;
    for (double f = 100; f <= 2000; f += 1) {
        double p = goertzel(r.ch[0] + 4800, 48000 - 4800, f, 48000);
        if (p > best) best = p, best_f = f;
    }
    cr_assert_float_eq(best_f, 440.0, 1.0, "strongest component at %g Hz", best_f);
    /* a saw's second harmonic is half the fundamental: a quarter of the power */
    double p2 = goertzel(r.ch[0] + 4800, 48000 - 4800, 880, 48000);
    cr_assert(p2 > best * 0.15 && p2 < best * 0.35, "harmonic ratio %g", p2 / best);
    cr_assert_float_eq(r.ch[0][1000], r.ch[1][1000], 0, "mono goes to both sides");
    rendered_free(&r);
}

Test(render_audio, feedback_bus_decays)
{
    /* one clap every 4 s into a loop with gain < 1 */
    const char *text = "tempo: 0.25\n~src: s \"cp ~ ~ ~\"\n~loop: (~src + ~loop * 0.6) # lpf 4000 0.556\nout: ~loop";
    rendered r = render_text(text, 192000, 512, 1, PH_EVAL_BLOCK);
    cr_assert(all_finite(r.ch[0], r.frames));
    double early = rms(r.ch[0], 24000), late = rms(r.ch[0] + 168000, 24000);
    cr_assert_gt(early, 0.01);
    cr_assert_lt(late, early * 1e-3, "late %g early %g", late, early);
    rendered_free(&r);
}

Test(render_audio, runaway_feedback_is_bounded)
{
    rendered r = render_text("~x: ~x * 3 + sine 100\nout: ~x", 48000, 256, 1, PH_EVAL_BLOCK);
    cr_assert(all_finite(r.ch[0], r.frames));
    for (uint32_t i = 0; i < r.frames; i++) cr_assert_leq(fabsf(r.ch[0][i]), 16.0f);
    rendered_free(&r);
}

/* Voices, patterns with transforms, envelopes, filters with moving cutoff, feedback,
 * noise, effects and several outputs. */
static const char *rich =
    "tempo: 0.55\n"
    "~lfo: sine 0.3\n"
    "~drums: s \"[bd*4, ~ sn ~ sn, hh*8]\" # gain \"1 0.8\" # pan \"0.2 0.8\"\n"
    "~bass: saw \"55 ~ 82.5 <110 73.4>\" # lpf (~lfo * 1500 + 600) 1.67 # adsr 0.01 0.1 0.5 0.1\n"
    "~chord: tri \"[220, 277, 330]\" # lpf (range 300 3000 $ slow 2 sine) 0.625\n"
    "~hiss: noise # hpf \"2000 6000\" 1\n"
    "~fb: (~bass + ~fb * 0.5) # delay 0.19 0.4 # lpf 2500 0.714\n"
    "~syn: supersaw \"55 [82.5 110]\" # gain 0.3\n"
    "out: ~drums * 0.6 + ~fb * 0.3 + ~chord * 0.1 + ~hiss * 0.05 + ~syn # reverb 0.5 0.5 0.2\n"
    "out1: s \"[bd*2, ~ hh:2]\" # speed 1.5 $ every 2 (fast 2)\n"
    "out2: ~bass # distort 0.5 # bitcrush 8 2\n";

static void assert_same(const rendered *a, const rendered *b, const char *what)
{
    for (int c = 0; c < 4; c++)
        cr_assert(memcmp(a->ch[c], b->ch[c], a->frames * sizeof(float)) == 0, "%s: channel %d differs", what, c);
}

Test(render_audio, block_sizes_give_identical_output, .timeout = 60)
{
    const uint32_t frames = 30000;
    const uint32_t blocks[] = {1, 7, 64, 4096};
    rendered ref = assert_blocks_identical(rich, frames, blocks, 4);
    cr_assert_gt(rms(ref.ch[0], frames), 0.01);
    cr_assert_gt(rms(ref.ch[2], frames), 0.01);
    cr_assert_gt(rms(ref.ch[3], frames), 0.001);
    rendered_free(&ref);
}

Test(render_audio, thread_counts_give_identical_output)
{
    const uint32_t frames = 48000;
    rendered one = render_text(rich, frames, 512, 1, PH_EVAL_BLOCK);
    rendered two = render_text(rich, frames, 512, 2, PH_EVAL_BLOCK);
    assert_same(&one, &two, "2 threads");
    rendered_free(&two);
    rendered_free(&one);
}

Test(render_audio, sample_evaluator_matches_block_renderer)
{
    const uint32_t frames = 12000;
    rendered a = render_text(rich, frames, 512, 1, PH_EVAL_BLOCK);
    rendered b = render_text(rich, frames, 512, 1, PH_EVAL_SAMPLE);
    for (int c = 0; c < 4; c++)
        for (uint32_t i = 0; i < frames; i++)
            cr_assert(fabsf(a.ch[c][i] - b.ch[c][i]) <= 1e-6f, "channel %d sample %u: %g vs %g", c, i,
                      a.ch[c][i], b.ch[c][i]);
    rendered_free(&a);
    rendered_free(&b);
}

Test(render_audio, program_swap_is_click_free)
{
    ph_settings s = {.sample_rate = 48000, .max_block = 256, .threads = 1};
    ph_engine *e = ph_engine_new(&s);
    ph_program *a = compile_or_fail("out: sine 220 * 0.5", 48000);
    ph_program *b = compile_or_fail("out: saw 330 # lpf 1000 0.625", 48000);
    cr_assert(ph_engine_set_program(e, a));
    float l[256], r[256];
    float *outs[2] = {l, r};
    float prev = 0, max_step = 0;
    for (int blk = 0; blk < 40; blk++) {
        if (blk == 20) cr_assert(ph_engine_set_program(e, b));
        ph_engine_render(e, outs, 2, 256);
        for (int i = 0; i < 256; i++) {
            if (blk >= 19 && blk <= 24) {
                float st = fabsf(l[i] - prev);
                if (st > max_step) max_step = st;
            }
            prev = l[i];
        }
        for (ph_program *old; (old = ph_engine_take_retired(e));) {
            cr_assert_eq(old, a);
            ph_program_free(old);
        }
    }
    /* a 220 Hz sine at 0.5 moves at most 0.0144 per sample; the filtered saw less than 0.1 */
    cr_assert_lt(max_step, 0.1f, "step %g", max_step);
    cr_assert_gt(rms(l, 256), 0.01);
    ph_engine_free(e);
}

Test(render_audio, stopped_transport_silences_patterns)
{
    ph_settings s = {.sample_rate = 48000, .max_block = 512, .threads = 1};
    ph_engine *e = ph_engine_new(&s);
    ph_program *p = compile_or_fail("out: s \"hh*16\"", 48000);
    cr_assert(ph_engine_set_program(e, p));
    ph_engine_set_rolling(e, false);
    float l[512], r[512];
    float *outs[2] = {l, r};
    double energy = 0;
    for (int b = 0; b < 100; b++) {
        ph_engine_render(e, outs, 2, 512);
        energy += rms(l, 512);
    }
    cr_assert_float_eq(energy, 0.0, 1e-12);
    ph_engine_set_rolling(e, true);
    ph_engine_render(e, outs, 2, 512);
    ph_engine_render(e, outs, 2, 512);
    cr_assert_gt(rms(l, 512) + rms(r, 512), 0.001);
    ph_engine_free(e);
}

Test(render_audio, macros_and_midi)
{
    ph_settings s = {.sample_rate = 48000, .max_block = 512, .threads = 1};
    ph_engine *e = ph_engine_new(&s);
    ph_program *p = compile_or_fail("out: (saw midi # adsr 0.001 0.05 0.8 0.05) * ~m1", 48000);
    cr_assert(ph_engine_set_program(e, p));
    float l[4800], r[4800];
    float *outs[2] = {l, r};
    ph_engine_set_macro(e, 0, 1.0f);
    ph_engine_render(e, outs, 2, 4800);
    cr_assert_lt(rms(l, 4800), 1e-6, "no note held: silent");
    ph_engine_note_on(e, 57, 100); /* A3 = 220 Hz */
    ph_engine_render(e, outs, 2, 4800);
    cr_assert_gt(rms(l + 2400, 2400), 0.1);
    double best = 0, best_f = 0;
    for (double f = 100; f <= 500; f += 2) {
        double pw = goertzel(l + 800, 4000, f, 48000);
        if (pw > best) best = pw, best_f = f;
    }
    cr_assert_float_eq(best_f, 220.0, 4.0, "note 57 plays at %g Hz", best_f);
    ph_engine_note_off(e, 57);
    ph_engine_render(e, outs, 2, 4800);
    cr_assert_lt(rms(l + 4000, 800), 1e-4, "released");
    ph_engine_free(e);
}

Test(render_audio, tidal_idioms_sound)
{
    const char *progs[] = {
        "out: n \"0 .. 3\" # s \"perc\"",
        "out: note \"0 7 12\" # s \"superpwm\" # legato 0.5",
        "out: saw 110 # lpf (range 200 2000 $ slow 4 sine) 1",
        "out: sine (range 200 400 sine) * 0.5",
        "out: fast 2 $ s \"bd sn\"",
        "out: 0.25 <~ s \"bd sn\"",
        "out: s \"bd*2 sn\" # speed 1.5 $ every 2 (0.25 <~)",
        "out: s \"bd sn hh*2\" $ jux rev",
        "out: saw (\"<c3 e3>\" + \"0 12\") # lpf 800",
    };
    for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++) {
        rendered r = render_text(progs[i], 48000, 512, 1, PH_EVAL_BLOCK);
        cr_assert(all_finite(r.ch[0], r.frames) && all_finite(r.ch[1], r.frames), "%s", progs[i]);
        cr_assert_gt(rms(r.ch[0], r.frames) + rms(r.ch[1], r.frames), 0.01, "silent: %s", progs[i]);
        rendered_free(&r);
    }
}
