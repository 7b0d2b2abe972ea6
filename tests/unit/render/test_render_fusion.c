/* Fused units (graph/ph_fuse.h, render/ph_fusion.h): programs render the same bits fused and
 * unfused (ph_fuse_enable(false), as PHONON_FUSE=off does for measurements), for any thread
 * count, block size and instruction set; the units are where they should be (the W1 voices
 * and their `+` tree, the W3 loops with their delays and taps, chord notes); and the
 * per-sample evaluator still agrees with the fused block renderer. */
#include "dsp/ph_lanes.h"
#include "render/ph_fusion.h"
#include "render_test_util.h"

/* W1: voices saw -> lpf summed by a tree, a high note (the 2-point residual), another Q. */
static const char *w1 = "~v0: saw 55 # lpf 2000 2\n~v1: saw 56.04 # lpf 2000 2\n~v2: saw 3000 # lpf 2000 2\n"
                        "~v3: saw 13000 # lpf 5000 4\n~v4: saw 61.5 # lpf 2000 2\n"
                        "out: (((~v0 + ~v1) + (~v2 + ~v3)) + ~v4) * 0.2\n";
/* W3: feedback loops through long delays (steady: the straight loop), one with a delay time
 * that moves (the general kernel), one with feedback inside the delay; the taps read in
 * their rings. */
static const char *w3 = "~l0: saw 110 * 0.1 + (((~l0 # delay 0.0973 0 1) - ~l0) # lpf 2000 0.5) * 0.6\n"
                        "~l1: saw 116.5 * 0.1 + (((~l1 # delay 0.124 0 1) - ~l1) # lpf 2000 0.5) * 0.6\n"
                        "~l2: saw 123.4 * 0.1 + (((~l2 # delay 0.0051 0.3 1) - ~l2) # lpf 2000 0.5) * 0.6\n"
                        "~l3: saw 130.8 * 0.1 + (((~l3 # delay (sine 0.5 * 0.01 + 0.05) 0 1) - ~l3) # lpf 2000 0.5) * 0.6\n"
                        "out: (~l0 + ~l1) + (~l2 + ~l3)\n";
/* W3 as the workload defines it: linearly interpolated delays and one-pole low-passes (the
 * same four kinds of loop), plus one-poles on oscillators (no scrub) and one whose cutoff
 * moves (not fused: the scalar kernel). */
static const char *w3l = "~l0: saw 110 * 0.1 + (((~l0 # delayl 0.0973 0 1) - ~l0) # onepole 2000) * 0.6\n"
                         "~l1: saw 116.5 * 0.1 + (((~l1 # delayl 0.124 0 1) - ~l1) # onepole 2000) * 0.6\n"
                         "~l2: saw 123.4 * 0.1 + (((~l2 # delayl 0.0051 0.3 1) - ~l2) # onepole 1500) * 0.6\n"
                         "~l3: saw 130.8 * 0.1 + (((~l3 # delayl (sine 0.5 * 0.01 + 0.05) 0 1) - ~l3) # onepole 900) * 0.6\n"
                         "~o0: saw 220 # onepole 800\n~o1: saw 330 # onepole 1200\n"
                         "~o2: saw 440 # onepole (sine 0.5 * 300 + 900)\n"
                         "out: (~l0 + ~l1) + (~l2 + ~l3) + (~o0 + ~o1 + ~o2) * 0.2\n";
/* Everything else a unit takes: sine and tri lanes, hp/bp/notch, a division through zero, a
 * mix, moving cutoffs and Qs, pattern-played (gated) notes whose frequency and gate move
 * inside chunks, chords with envelopes (read outside the unit), stereo (never fused). */
static const char *mixed = "tempo: 0.5\n"
                           "~lfo: sine 0.25 * 1500 + 1700\n"
                           "~ch: saw \"<[c3,e3,g3] [d3,f3,a3,c4]>\" # lpf ~lfo 3 # adsr 0.01 0.1 0.6 0.2\n"
                           "~g1: saw \"110 ~ 165 220*2\" # hpf 300 1 # lpf ~lfo 1\n"
                           "~g2: saw \"220 330 ~ 440\" # hpf 300 1 # lpf ~lfo 1\n"
                           "~s1: sine 330 # bpf 500 (sine 0.3 * 4 + 5)\n~s2: sine 495 # bpf 700 3\n"
                           "~t1: tri 220 # notch 1000 2 / (sine 0.7)\n~t2: tri 331 # notch 1200 2 / (sine 0.9)\n"
                           "~st: ~ch # pan (sine 0.5 * 0.5 + 0.5) # lpf 3000 0.8\n"
                           "out: ~st * 0.5 + (~g1 + ~g2) * 0.3 + (~s1 + ~s2) * 0.2 + (~t1 + ~t2) * 0.001\n"
                           "out1: ~ch\nout2: ~g1\nout3: ~t1\n";

/* Envelopes in lanes: pattern voices with adsr (one with sustain 0), percussive ar voices
 * (no gate: the sustain is left at once), events inside chunks (the scalar kernel's lanes)
 * and between them (the lane op's). */
static const char *envs = "tempo: 0.75\n~lfo: sine 0.25 * 1000 + 1200\n"
                          "~a0: saw \"65 ~ 103 ~ 164 ~\" # lpf ~lfo 2 # adsr 0.005 0.1 0.5 0.2\n"
                          "~a1: saw \"98 ~ 155 ~ 246 ~\" # lpf ~lfo 2 # adsr 0.005 0.1 0.5 0.2\n"
                          "~a2: saw \"147 233 ~ 92 ~ ~\" # lpf ~lfo 2 # adsr 0.005 0.1 0 0.2\n"
                          "~p0: tri \"220*4\" # ar 0.001 0.05\n~p1: tri \"330*3\" # ar 0.001 0.05\n"
                          "~p2: tri \"[440 ~]*2\" # ar 0.01 0.3\n"
                          "out: (~a0 + ~a1 + ~a2) * 0.3 + (~p0 + ~p1 + ~p2) * 0.2\n";

static rendered render_fused(const char *text, bool fused, uint32_t frames, uint32_t block, uint32_t threads)
{
    ph_fuse_enable(fused);
    rendered r = render_text(text, frames, block, threads, PH_EVAL_BLOCK);
    ph_fuse_enable(true);
    return r;
}

/* (units, fused nodes, most lanes in a unit) of the program. */
static void count_units(const char *text, bool fused, uint32_t *units, uint32_t *members, uint32_t *lanes)
{
    ph_fuse_enable(fused);
    ph_program *p = compile_or_fail(text, 48000);
    ph_fuse_enable(true);
    *units = *members = *lanes = 0;
    bool sane = true;
    for (uint32_t i = 0; i < ph_program_node_count(p); i++) {
        ph_node_info in;
        sane &= ph_program_node_info(p, i, &in);
        if (!in.fused_unit) continue;
        (*members)++;
        if (in.fused_unit > *units) *units = in.fused_unit;
        if (in.fused_lanes > *lanes) *lanes = in.fused_lanes;
        sane &= in.fused_lanes >= 2 && in.fused_members >= in.fused_lanes && !in.lane_group;
    }
    ph_program_free(p);
    cr_assert(sane, "node infos: a fused node has a unit of >= 2 lanes and is in no lane group");
}

Test(render_fusion, units_are_where_the_voices_are)
{
    uint32_t units, members, lanes;
    count_units(w1, true, &units, &members, &lanes);
    /* the saws, the lpfs, the four adds and the * 0.2: the whole program */
    cr_assert_eq(units, 1, "W1: %u units", units);
    cr_assert_eq(lanes, 5);
    cr_assert_eq(members, 15, "W1: %u fused nodes", members);
    count_units(w1, false, &units, &members, &lanes);
    cr_assert_eq(units + members, 0, "fusion off: no unit");
    /* each loop: saw, * 0.1, the tap, the delay, -, lpf, * 0.6, +; then the sum (the
     * moving delay time's sine and arithmetic are parameters, outside) */
    count_units(w3, true, &units, &members, &lanes);
    cr_assert_eq(units, 1, "W3: %u units", units);
    cr_assert_eq(lanes, 4);
    cr_assert_eq(members, 4 * 8 + 3, "W3: %u fused nodes", members);
    count_units(w3l, true, &units, &members, &lanes);
    cr_assert_geq(units, 2, "W3 with delayl and onepole: %u units", units);
    cr_assert_geq(lanes, 3, "the loops in lanes: %u lanes", lanes); /* (the grouping may take a loop elsewhere) */
    count_units(mixed, true, &units, &members, &lanes);
    cr_assert_geq(units, 3, "mixed: chord notes, gated voices, sines, tris: %u units", units);
    /* the adsr voices with their filters and sum, the ar voices with theirs */
    count_units(envs, true, &units, &members, &lanes);
    cr_assert_eq(units, 2, "envelopes: %u units", units);
    cr_assert_eq(members, 21, "envelopes: %u fused nodes", members);
}

Test(render_fusion, fusion_changes_no_bit)
{
    const char *texts[] = {w1, w3, w3l, mixed, envs};
    assert_switch_changes_no_bit(render_fused, texts, 5, 48000);
}

/* The fused kernels for each instruction set this machine has, and the scalar reference
 * (units rendered node by node), all give the unfused bits. */
Test(render_fusion, every_instruction_set_gives_the_same_bits)
{
    const char *texts[] = {w1, w3, w3l, mixed, envs};
    const ph_lanes_isa isas[] = {PH_LANES_SCALAR, PH_LANES_SSE2, PH_LANES_AVX2};
    for (int t = 0; t < 5; t++) {
        rendered off = render_fused(texts[t], false, 12000, 512, 1);
        for (int a = 0; a < 3; a++) {
            if (!ph_lanes_isa_force(isas[a])) {
                cr_log_info("no %s on this machine or build", ph_lanes_isa_name(isas[a]));
                continue;
            }
            rendered on = render_fused(texts[t], true, 12000, 100, 1);
            char what[64];
            snprintf(what, sizeof what, "text %d, %s", t, ph_lanes_isa_name(isas[a]));
            assert_same_rendered(&off, &on, what);
            rendered_free(&on);
        }
        rendered_free(&off);
    }
    ph_lanes_isa_force(PH_LANES_SSE2);
}

Test(render_fusion, stress16_is_the_same_fused)
{
    char *text = slurp_stress16();
    cr_assert(text, "no stress16.ph");
    uint32_t units, members, lanes;
    count_units(text, true, &units, &members, &lanes);
    cr_assert_geq(units, 1, "stress16: %u units", units);
    assert_switch_keeps_bits(render_fused, text);
    free(text);
}

/* The per-sample reference evaluator renders nodes one by one; the fused block renderer
 * must still agree with it. */
Test(render_fusion, sample_evaluator_agrees_with_fusion)
{
    const char *texts[] = {w1, w3, w3l, mixed, envs};
    for (int t = 0; t < 5; t++) {
        rendered blk = render_fused(texts[t], true, 12000, 512, 1);
        rendered smp = render_text(texts[t], 12000, 64, 1, PH_EVAL_SAMPLE);
        double worst = largest_difference(&blk, &smp);
        cr_assert_leq(worst, 1e-6, "text %d: fused block vs per-sample: largest difference %g", t, worst);
        rendered_free(&blk);
        rendered_free(&smp);
    }
}
