/* A chord in a pitched pattern plays one oscillator per note, and the filters, envelopes
 * and gain after it are per note: a note ends when its own event ends, even when another
 * lane goes on (before, an envelope on the mix followed only the first lane, and the
 * other notes droned on under the next events). */
#include "render_test_util.h"

static double level(const float *x, uint32_t n, double f) { return tone_level(x, n, f, 48000); }

Test(chord_lanes, each_note_of_a_chord_has_its_own_envelope)
{
    /* one cycle = 2 s: the chord c3+e3 for 1 s, then g3 alone */
    rendered r = render_text("out: sine \"[c3, e3] g3\" # lpf 3000 0.625 # adsr 0.01 0.1 0.5 0.05\n", 96000, 512, 1,
                             PH_EVAL_BLOCK);
    const float *first = r.ch[0] + 4800, *second = r.ch[0] + 48000 + 4800;
    cr_assert_gt(level(first, 24000, 130.81), 0.3, "c3 in the chord");
    cr_assert_gt(level(first, 24000, 164.81), 0.3, "e3 in the chord");
    cr_assert_gt(level(second, 24000, 196.0), 0.3, "g3 after it");
    cr_assert_lt(level(second, 24000, 164.81), 0.01, "e3 has ended (%g)", level(second, 24000, 164.81));
    cr_assert_lt(level(second, 24000, 130.81), 0.01, "c3 has ended");
    rendered_free(&r);
}
