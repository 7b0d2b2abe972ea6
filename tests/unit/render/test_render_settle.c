/* A smoothed pattern value settling on its target: the smoother snaps to the target once
 * it is within 1e-6 of it, and where that happens must not depend on how the host cuts
 * the stream into blocks (Ardour splits its cycles anywhere). A gate that closes to 0
 * leaves a tail under 1e-6 for tens of samples after 27 ms, and blocks of 7 and of 8192
 * differed there (found by the partition check of tests/host/test_fx_transport.c). */
#include "render_test_util.h"

Test(render_settle, a_smoothed_step_settles_at_the_same_sample_for_any_blocks)
{
    /* tempo 0.5: a cycle is 96000 samples; the gate closes at 24000, 72000, ... and
     * steps to 0.5 at 48000 (both kinds of target: zero and not) */
    const uint32_t blocks[] = {1, 7, 64, 333, 4096};
    rendered ref = assert_blocks_identical("tempo: 0.5\nout: sine 440 * \"1 0 0.5 0\"", 2 * 96000, blocks, 5);
    cr_assert_gt(rms(ref.ch[0], 24000), 0.5, "open in the first quarter");
    cr_assert_lt(rms(ref.ch[0] + 24000 + 4800, 19200), 1e-6, "closed in the second");
    rendered_free(&ref);
}
