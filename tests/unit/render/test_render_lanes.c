/* Lane groups (render/ph_lane_groups.h): programs render the same bits with and without
 * them (ph_lane_groups_enable(false) makes programs without, as PHONON_LANES=off does for
 * measurements), for any thread count and block size, and the
 * groups are where they should be (the W1 voices, chord notes, the W3 loops, stress16). */
#include "render/ph_fusion.h"
#include "render/ph_lane_groups.h"
#include "render_test_util.h"

static const char *w1 = "~v0: saw 55 # lpf 2000 2\n~v1: saw 56.04 # lpf 2000 2\n~v2: saw 3000 # lpf 2000 2\n"
                        "~v3: saw 13000 # lpf 5000 4\n~v4: saw 61.5 # lpf 2000 2\n"
                        "out: (~v0 + ~v1 + ~v2 + ~v3 + ~v4) * 0.2\n";
/* Chords (a lane per note, each its own filter and envelope), moving cutoffs, a tri and
 * sines, stereo filters, feedback loops through delays. */
static const char *mixed = "tempo: 0.5\n"
                           "~lfo: sine 0.25 * 1500 + 1700\n"
                           "~ch: saw \"<[c3,e3,g3] [d3,f3,a3,c4]>\" # lpf ~lfo 3 # adsr 0.01 0.1 0.6 0.2\n"
                           "~tr: tri \"220 330 <440 550>\" # hpf 300 1 # lpf ~lfo 1\n"
                           "~s1: sine 330 * 0.2\n~s2: sine 495 * 0.2\n"
                           "~st: ~ch # pan (sine 0.5 * 0.5 + 0.5) # lpf 3000 0.8\n"
                           "~st2: ~tr # pan 0.3 # lpf 2500 0.8\n"
                           "~l0: saw 110 * 0.1 + (((~l0 # delay 0.0973 0 1) - ~l0) # lpf 2000 0.5) * 0.6\n"
                           "~l1: saw 116.5 * 0.1 + (((~l1 # delay 0.124 0 1) - ~l1) # lpf 2000 0.5) * 0.6\n"
                           "out: ~st * 0.5 + ~st2 * 0.3 + (~s1 + ~s2) + (~l0 + ~l1) * 0.5\n"
                           "out1: ~ch\nout2: ~tr\n";

/* (Fusion off: the voices it fuses would not be in lane groups; test_render_fusion.c.) */
static rendered render_lanes(const char *text, bool lanes, uint32_t frames, uint32_t block, uint32_t threads)
{
    ph_lane_groups_enable(lanes);
    ph_fuse_enable(false);
    rendered r = render_text(text, frames, block, threads, PH_EVAL_BLOCK);
    ph_lane_groups_enable(true);
    ph_fuse_enable(true);
    return r;
}

/* Lane groups of the program: (groups, grouped nodes). */
static void count_groups(const char *text, bool lanes, uint32_t *groups, uint32_t *grouped)
{
    ph_lane_groups_enable(lanes);
    ph_fuse_enable(false);
    ph_program *p = compile_or_fail(text, 48000);
    ph_lane_groups_enable(true);
    ph_fuse_enable(true);
    *groups = *grouped = 0;
    bool sane = true;
    for (uint32_t i = 0; i < ph_program_node_count(p); i++) {
        ph_node_info in;
        sane &= ph_program_node_info(p, i, &in);
        if (!in.lane_group) {
            sane &= in.lanes == 1;
            continue;
        }
        (*grouped)++;
        if (in.lane_group > *groups) *groups = in.lane_group;
        sane &= in.lanes >= 2 && in.lane_width % 8 == 0 && in.lane_width >= in.lanes;
    }
    ph_program_free(p);
    cr_assert(sane, "node infos: lanes 1 alone, >= 2 in a group, width a multiple of 8 and >= lanes");
}

Test(render_lanes, voices_form_groups)
{
    uint32_t groups, grouped;
    count_groups(w1, true, &groups, &grouped);
    cr_assert_eq(groups, 2, "W1: saws and lpfs, %u groups", groups);
    cr_assert_eq(grouped, 10);
    count_groups(w1, false, &groups, &grouped);
    cr_assert_eq(groups + grouped, 0, "lanes off: no group");
    count_groups(mixed, true, &groups, &grouped);
    cr_assert_geq(grouped, 8, "chord notes, their filters, the loops: %u grouped in %u groups", grouped, groups);
}

Test(render_lanes, lanes_change_no_bit)
{
    const char *texts[] = {w1, mixed};
    assert_switch_changes_no_bit(render_lanes, texts, 2, 12000);
}

Test(render_lanes, stress16_is_the_same_with_lanes)
{
    char *text = slurp_stress16();
    cr_assert(text, "no stress16.ph");
    uint32_t groups, grouped;
    count_groups(text, true, &groups, &grouped);
    cr_assert_geq(groups, 2, "stress16: %u groups", groups);
    assert_switch_keeps_bits(render_lanes, text);
    free(text);
}

/* The per-sample reference evaluator renders nodes one by one; the block renderer with
 * lanes must still agree with it. */
Test(render_lanes, sample_evaluator_agrees_with_lanes)
{
    rendered blk = render_lanes(mixed, true, 12000, 512, 1);
    rendered smp = render_text(mixed, 12000, 64, 1, PH_EVAL_SAMPLE);
    double worst = largest_difference(&blk, &smp);
    cr_assert_leq(worst, 1e-6, "block with lanes vs per-sample: largest difference %g", worst);
    rendered_free(&blk);
    rendered_free(&smp);
}
