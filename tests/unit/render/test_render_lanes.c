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

static void assert_same(const rendered *a, const rendered *b, const char *what)
{
    int differs = -1;
    for (int c = 0; c < PH_MAX_CHANNELS && differs < 0; c++)
        if (memcmp(a->ch[c], b->ch[c], a->frames * sizeof(float))) differs = c;
    cr_assert_eq(differs, -1, "%s: channel %d differs", what, differs);
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
    for (int t = 0; t < 2; t++) {
        rendered off = render_lanes(texts[t], false, 12000, 512, 1);
        cr_assert_gt(rms(off.ch[0], off.frames), 1e-3);
        const uint32_t blocks[] = {512, 7, 4096, 333};
        for (int b = 0; b < 4; b++)
            for (uint32_t threads = 1; threads <= 3; threads += 2) {
                rendered on = render_lanes(texts[t], true, 12000, blocks[b], threads);
                char what[64];
                snprintf(what, sizeof what, "text %d, block %u, %u threads", t, blocks[b], threads);
                assert_same(&off, &on, what);
                rendered_free(&on);
            }
        rendered_free(&off);
    }
}

Test(render_lanes, stress16_is_the_same_with_lanes)
{
    const char *src = getenv("PHONON_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/patches/stress16.ph", src ? src : PH_SOURCE_DIR);
    char *text = slurp(path);
    cr_assert(text, "no %s", path);
    uint32_t groups, grouped;
    count_groups(text, true, &groups, &grouped);
    cr_assert_geq(groups, 2, "stress16: %u groups", groups);
    rendered off = render_lanes(text, false, 24000, 512, 1);
    rendered on = render_lanes(text, true, 24000, 512, 1);
    rendered on2 = render_lanes(text, true, 24000, 100, 2);
    assert_same(&off, &on, "stress16");
    assert_same(&off, &on2, "stress16, 2 threads, blocks of 100");
    rendered_free(&off);
    rendered_free(&on);
    rendered_free(&on2);
    free(text);
}

/* The per-sample reference evaluator renders nodes one by one; the block renderer with
 * lanes must still agree with it. */
Test(render_lanes, sample_evaluator_agrees_with_lanes)
{
    rendered blk = render_lanes(mixed, true, 12000, 512, 1);
    rendered smp = render_text(mixed, 12000, 64, 1, PH_EVAL_SAMPLE);
    double worst = 0;
    for (int c = 0; c < PH_MAX_CHANNELS; c++)
        for (uint32_t i = 0; i < blk.frames; i++) {
            double d = fabs((double)blk.ch[c][i] - (double)smp.ch[c][i]);
            if (d > worst) worst = d;
        }
    cr_assert_leq(worst, 1e-6, "block with lanes vs per-sample: largest difference %g", worst);
    rendered_free(&blk);
    rendered_free(&smp);
}
