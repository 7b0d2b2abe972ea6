/* The operators have one meaning each (compile/ph_ops.c): `+` on patterns takes structure
 * from both sides, `|+` from the left, `+|` from the right, and on signals it is
 * sample-wise -- the same wherever the expression stands. Checked on rendered audio. */
#include "render_test_util.h"

#define RATE 48000.0
#define CYCLE 96000 /* samples per cycle at the default 0.5 cycles per second */

/* Frequency of a sine in x[0 .. n): from the first and last upward zero crossings
 * (linearly interpolated), so it resolves well under 1 Hz over a sixth of a cycle. */
static double frequency(const float *x, uint32_t n)
{
    double first = -1, last = -1;
    int count = 0;
    for (uint32_t i = 1; i < n; i++)
        if (x[i - 1] < 0 && x[i] >= 0) {
            double t = (i - 1) + x[i - 1] / (x[i - 1] - x[i]);
            if (first < 0) first = t;
            last = t;
            count++;
        }
    return count > 1 ? (count - 1) * RATE / (last - first) : 0;
}

/* The frequency in each sixth of the first cycle, skipping 10 ms after each step. */
static void sixths(const char *text, double *f)
{
    rendered r = render_text(text, CYCLE, 512, 1, PH_EVAL_BLOCK);
    for (int k = 0; k < 6; k++) f[k] = frequency(r.ch[0] + k * CYCLE / 6 + 480, CYCLE / 6 - 480);
    rendered_free(&r);
}

static void expect_sixths(const char *text, const double *want)
{
    double f[6];
    sixths(text, f);
    for (int k = 0; k < 6; k++)
        cr_expect(fabs(f[k] - want[k]) < 0.05, "%s: sixth %d plays %.3f Hz, want %.0f", text, k + 1, f[k], want[k]);
}

/* The issue that started the one evaluator: the same expression gave different events
 * alone and inside a transform. */
Test(operators, plus_is_the_same_inside_a_transform)
{
    const char *a = "out: sine (\"100 200\" + \"1 2 3\") * 0.2";
    const char *b = "out: sine (fast 1 (\"100 200\" + \"1 2 3\")) * 0.2";
    rendered ra = render_text(a, 2 * CYCLE, 512, 1, PH_EVAL_BLOCK);
    rendered rb = render_text(b, 2 * CYCLE, 512, 1, PH_EVAL_BLOCK);
    for (int c = 0; c < 2; c++)
        cr_assert(memcmp(ra.ch[c], rb.ch[c], 2 * CYCLE * sizeof(float)) == 0, "channel %d differs", c);
    rendered_free(&ra);
    rendered_free(&rb);
    expect_sixths(a, (double[]){101, 101, 102, 202, 203, 203});
}

Test(operators, bars_pick_the_structure)
{
    expect_sixths("out: sine (\"100 200\" |+| \"1 2 3\") * 0.2", (double[]){101, 101, 102, 202, 203, 203});
    expect_sixths("out: sine (\"100 200\" |+ \"1 2 3\") * 0.2", (double[]){101, 101, 101, 202, 202, 202});
    expect_sixths("out: sine (\"100 200\" +| \"1 2 3\") * 0.2", (double[]){101, 101, 102, 102, 203, 203});
    expect_sixths("out: sine (\"100 200\" |- \"1 2 3\") * 0.2", (double[]){99, 99, 99, 198, 198, 198});
    expect_sixths("out: sine (\"100 200\" |* \"1 2 3\") * 0.2", (double[]){100, 100, 100, 400, 400, 400});
    expect_sixths("out: sine (\"100 200\" |< \"1 2 3\") * 0.2", (double[]){100, 100, 100, 200, 200, 200});
    expect_sixths("out: sine (\"100 200\" |> \"300 400 500\") * 0.2", (double[]){300, 300, 300, 400, 400, 400});
    /* a number has no structure of its own */
    expect_sixths("out: sine (\"100 200\" + 5) * 0.2", (double[]){105, 105, 105, 205, 205, 205});
}

/* On signals `+` is sample-wise: two sines summed; `~+` likewise; `|+` refuses them. */
Test(operators, signals_add_sample_by_sample)
{
    rendered r = render_text("out: sine 300 * 0.25 + sine 500 * 0.25", 48000, 512, 1, PH_EVAL_BLOCK);
    rendered s = render_text("out: sine 300 * 0.25 ~+ sine 500 * 0.25", 48000, 512, 1, PH_EVAL_BLOCK);
    cr_assert(memcmp(r.ch[0], s.ch[0], 48000 * sizeof(float)) == 0);
    cr_expect(fabs(tone_level(r.ch[0], 48000, 300, RATE) - 0.25) < 0.01);
    cr_expect(fabs(tone_level(r.ch[0], 48000, 500, RATE) - 0.25) < 0.01);
    rendered_free(&r);
    rendered_free(&s);
    ph_settings set = {.sample_rate = RATE, .max_block = 512, .threads = 1};
    ph_diag d;
    const char *bad = "out: sine 300 |+ sine 500";
    cr_assert_null(ph_program_compile(bad, strlen(bad), &set, &d));
    cr_expect(strstr(d.message, "'|+' combines patterns") && d.line == 1 && d.column == 15, "%d:%d %s", d.line,
              d.column, d.message);
}
