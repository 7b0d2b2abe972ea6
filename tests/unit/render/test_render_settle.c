/* A smoothed pattern value settling on its target: the smoother snaps to the target once
 * it is within 1e-6 of it, and where that happens must not depend on how the host cuts
 * the stream into blocks (Ardour splits its cycles anywhere). A gate that closes to 0
 * leaves a tail under 1e-6 for tens of samples after 27 ms: found by tests/ardour's
 * partition check of Phonon FX, where blocks of 7 and of 8192 differed there. */
#include "render_test_util.h"

static void assert_same(const rendered *a, const rendered *b, const char *what)
{
    for (int c = 0; c < 2; c++) {
        uint32_t first = a->frames;
        for (uint32_t i = 0; i < a->frames && first == a->frames; i++)
            if (a->ch[c][i] != b->ch[c][i]) first = i;
        cr_assert_eq(first, a->frames, "%s: channel %d differs from sample %u (%g vs %g)", what, c, first,
                     first < a->frames ? a->ch[c][first] : 0.0, first < a->frames ? b->ch[c][first] : 0.0);
    }
}

Test(render_settle, a_smoothed_step_settles_at_the_same_sample_for_any_blocks)
{
    /* tempo 0.5: a cycle is 96000 samples; the gate closes at 24000, 72000, ... and
     * steps to 0.5 at 48000 (both kinds of target: zero and not) */
    const char *text = "tempo: 0.5\nout: sine 440 * \"1 0 0.5 0\"";
    const uint32_t frames = 2 * 96000;
    rendered ref = render_text(text, frames, 512, 1, PH_EVAL_BLOCK);
    cr_assert_gt(rms(ref.ch[0], 24000), 0.5, "open in the first quarter");
    cr_assert_lt(rms(ref.ch[0] + 24000 + 4800, 19200), 1e-6, "closed in the second");
    const uint32_t blocks[] = {1, 7, 64, 333, 4096};
    for (size_t b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
        rendered x = render_text(text, frames, blocks[b], 1, PH_EVAL_BLOCK);
        char what[32];
        snprintf(what, sizeof what, "block %u", blocks[b]);
        assert_same(&ref, &x, what);
        rendered_free(&x);
    }
    rendered_free(&ref);
}
