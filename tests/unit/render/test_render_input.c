/* The track's input in the language (`in`, `inL`, `inR`, `retrig`, `follow`) on audio
 * rendered through the public API's ph_engine_process: routing of the sides, gating from
 * patterns, side-chain ducking from a pattern, block partitions, and a broken input. */
#include <criterion/criterion.h>
#include <math.h>

#include "render_test_util.h"

#define SR 48000

/* Renders `text` (0.5 cycles a second) over the input in blocks of `block`. */
static rendered process_text(const char *text, float *const *in, uint32_t n_in, uint32_t frames, uint32_t block)
{
    ph_settings s = {.sample_rate = SR, .max_block = block, .threads = 1};
    ph_program *p = compile_or_fail(text, SR);
    ph_engine *e = ph_engine_new(&s);
    cr_assert(e);
    cr_assert(ph_engine_set_program(e, p));
    rendered r;
    r.frames = frames;
    for (int c = 0; c < PH_MAX_CHANNELS; c++) r.ch[c] = calloc(frames, sizeof(float));
    for (uint32_t done = 0; done < frames;) {
        const uint32_t n = frames - done < block ? frames - done : block;
        float *outs[PH_MAX_CHANNELS];
        const float *ins[2];
        for (int c = 0; c < PH_MAX_CHANNELS; c++) outs[c] = r.ch[c] + done;
        for (uint32_t c = 0; c < n_in; c++) ins[c] = in[c] ? in[c] + done : NULL;
        ph_engine_process(e, ins, n_in, outs, PH_MAX_CHANNELS, n);
        done += n;
    }
    ph_engine_free(e);
    return r;
}

static float *tone(uint32_t n, double hz, float amp)
{
    float *x = malloc(n * sizeof(float));
    for (uint32_t i = 0; i < n; i++) x[i] = amp * (float)sin(2 * M_PI * hz * i / SR);
    return x;
}

Test(render_input, in_is_stereo_and_inL_inR_are_the_sides)
{
    const uint32_t n = SR;
    float *in[2] = {tone(n, 300, 0.5f), tone(n, 700, 0.25f)};
    rendered a = process_text("out: in", in, 2, n, 512);
    cr_expect_eq(memcmp(a.ch[0], in[0], n * sizeof(float)), 0);
    cr_expect_eq(memcmp(a.ch[1], in[1], n * sizeof(float)), 0);
    rendered b = process_text("out: inR", in, 2, n, 512); /* mono: both sides */
    cr_expect_eq(memcmp(b.ch[0], in[1], n * sizeof(float)), 0);
    cr_expect_eq(memcmp(b.ch[1], in[1], n * sizeof(float)), 0);
    rendered c = process_text("out: inL * 0.5 + inR", in, 2, n, 512);
    cr_expect_float_eq(tone_level(c.ch[0], n, 300, SR), 0.25, 0.01);
    cr_expect_float_eq(tone_level(c.ch[0], n, 700, SR), 0.25, 0.01);
    rendered d = process_text("out: in", in, 1, n, 512); /* a mono input feeds both sides */
    cr_expect_eq(memcmp(d.ch[1], in[0], n * sizeof(float)), 0);
    rendered e = process_text("out: in # lpf 500", NULL, 0, n, 512); /* no input: silence */
    cr_expect_eq(rms(e.ch[0], n), 0.0);
    rendered *all[] = {&a, &b, &c, &d, &e};
    for (size_t k = 0; k < 5; k++) rendered_free(all[k]);
    free(in[0]);
    free(in[1]);
}

Test(render_input, side_chain_ducking_from_a_pattern)
{
    const uint32_t n = 2 * SR; /* one cycle: four kicks, at 0, 0.5, 1, 1.5 s */
    float *in[2] = {tone(n, 1000, 0.5f), NULL};
    rendered r = process_text("out: inL * (1 - (s \"bd*4\" # follow 0.002 0.15))", in, 1, n, 256);
    /* ducked just after each kick, back near full level before the next */
    for (int k = 0; k < 4; k++) {
        const uint32_t at = (uint32_t)k * SR / 2;
        const double ducked = rms(r.ch[0] + at + 480, 960), later = rms(r.ch[0] + at + 20000, 2400);
        /* the kit's kick peaks at 0.55: a dip to about 0.7 of the level */
        cr_expect_lt(ducked, later * 0.8, "kick %d: %.3f vs %.3f", k, ducked, later);
        cr_expect_gt(later, 0.3, "recovered: %.3f", later);
    }
    rendered_free(&r);
    free(in[0]);
}

Test(render_input, any_block_partition_gives_the_same_audio)
{
    const uint32_t n = 3 * SR;
    float *in[2] = {tone(n, 440, 0.5f), tone(n, 660, 0.5f)};
    const char *text = "~d: in # delay \"<0.375 0.25>\" 0.6 # reverb 0.8 0.5\n"
                       "out: ~d * 0.5 + in # retrig \"0 [0 8] 16 0\" # lpf (sine 0.25 * 2000 + 500) 1.2";
    rendered ref = process_text(text, in, 2, n, 4096);
    static const uint32_t blocks[] = {1, 7, 64, 333};
    for (size_t b = 0; b < 4; b++) {
        rendered r = process_text(text, in, 2, n, blocks[b]);
        for (int c = 0; c < 2; c++)
            cr_expect_eq(memcmp(r.ch[c], ref.ch[c], n * sizeof(float)), 0, "blocks of %u", blocks[b]);
        rendered_free(&r);
    }
    cr_expect_gt(rms(ref.ch[0], n), 0.05);
    rendered_free(&ref);
    free(in[0]);
    free(in[1]);
}

Test(render_input, nan_and_inf_on_the_input_never_reach_the_output)
{
    const uint32_t n = SR;
    float *in[2] = {tone(n, 440, 0.5f), tone(n, 440, 0.5f)};
    for (uint32_t i = 0; i < n; i += 101) {
        in[0][i] = NAN;
        in[1][i] = INFINITY;
    }
    rendered r = process_text("out: in # lpf 800 8 # delay 0.3 0.9 + in # follow", in, 2, n, 512);
    cr_expect(all_finite(r.ch[0], n) && all_finite(r.ch[1], n));
    cr_expect_gt(rms(r.ch[0], n), 0.01);
    rendered_free(&r);
    free(in[0]);
    free(in[1]);
}

Test(render_input, a_constant_retrig_count_repeats_every_cycle)
{
    const uint32_t n = 2 * 2 * SR;
    float *in[2] = {tone(n, 431, 0.5f), NULL};
    for (uint32_t i = 0; i < n; i++) in[0][i] *= (float)i / (float)n; /* a rising level */
    rendered r = process_text("out: inL # retrig 4", in, 1, n, 512);
    /* in the second cycle the last quarter repeats the first: same level as at its start */
    const uint32_t c1 = 2 * SR, q = SR / 2;
    cr_expect_float_eq(rms(r.ch[0] + c1 + 3 * q + 200, q - 400), rms(in[0] + c1 + 200, q - 400), 1e-4);
    rendered_free(&r);
    free(in[0]);
}
