/* The measuring side of the engine, as `phonon bench` uses it: the per-sample reference
 * evaluator must give the block renderer's audio, and profiling must attribute render
 * time to the nodes that spend it. */
#include <sys/wait.h>

#include "render_test_util.h"

/* Patterns (pitched and drum voices, a patterned filter), an envelope, filters with a
 * moving cutoff, two feedback buses (one through a delay, one through a filter only) and
 * several outputs. */
static const char *program =
    "tempo: 0.5\n"
    "~lfo: sine 0.25\n"
    "~drums: s \"[bd*4, ~ sn ~ sn, hh*8]\" # gain \"1 0.8\"\n"
    "~lead: saw \"55 55 82.5 <110 73.4>\" # lpf (~lfo * 1500 + 600) 1.67 # adsr 0.005 0.1 0.5 0.2\n"
    "~hats: (noise # hpf \"2000 6000 4000 8000\" 1.67) * 0.2\n"
    "~fb: (~lead + ~fb * 0.5) # delay 0.05 0.6 # lpf 2500 0.714\n"
    "~ring: (~drums * 0.5 + ~ring * 0.45) # hpf 200 0.625\n"
    "out: ~drums * 0.5 + ~fb * 0.3\n"
    "out1: ~fb\n"
    "out2: ~ring\n"
    "out3: ~hats + ~lead * 0.3\n";

/* Feedback semantics shared by both evaluators: a bus that reads itself sees its own
 * output PH_CHUNK (128) samples earlier. The block renderer gets that from rendering in
 * 128-sample chunks; the per-sample evaluator writes every sample into the same ring and
 * reads it 128 samples later. So the two agree sample for sample, not just on average. */
Test(bench_eval, sample_evaluator_matches_block_rendering_with_feedback_and_voices, .timeout = 60)
{
    const uint32_t frames = 24000; /* half a second: 2 bd, 1 sn, 4 hh, 2 notes of ~lead */
    rendered blk = render_text(program, frames, 512, 1, PH_EVAL_BLOCK);
    rendered smp = render_text(program, frames, 100, 1, PH_EVAL_SAMPLE); /* odd host blocks too */
    /* Every compared channel carries sound, so agreement means something. */
    const int chans[] = {0, 1, 2, 3, 4}; /* out L, R, out1, out2, out3 */
    for (int k = 0; k < 5; k++) cr_assert_gt(rms(blk.ch[chans[k]], frames), 1e-3, "channel %d silent", chans[k]);
    /* The feedback really feeds back: ~fb differs from the dry lead after the first chunk. */
    double maxdiff = 0;
    for (int c = 0; c < PH_MAX_CHANNELS; c++)
        for (uint32_t i = 0; i < frames; i++) {
            double d = fabs((double)blk.ch[c][i] - (double)smp.ch[c][i]);
            if (d > maxdiff) maxdiff = d;
            cr_assert(d <= 1e-6, "channel %d sample %u: block %.9g vs sample %.9g", c, i, blk.ch[c][i],
                      smp.ch[c][i]);
        }
    cr_log_info("sample vs block: largest difference %g over %u frames", maxdiff, frames);
    rendered_free(&blk);
    rendered_free(&smp);
}

Test(bench_eval, feedback_reads_exactly_one_chunk_back)
{
    /* A drum hit into a loop with gain 0.5 and no other delay: out1 is the loop minus the
     * dry hit, i.e. only the echoes, which must start PH_CHUNK = 128 samples after the hit,
     * in both evaluators. */
    const char *text = "tempo: 1\n~click: s \"bd\"\n~loop: ~click + ~loop * 0.5\n"
                       "out1: ~loop - ~click\nout2: ~click\n";
    for (int mode = 0; mode < 2; mode++) {
        rendered r = render_text(text, 2048, 64, 1, mode ? PH_EVAL_SAMPLE : PH_EVAL_BLOCK);
        const float *echo = r.ch[2], *dry = r.ch[3];
        uint32_t hit = 0, first = 0;
        while (hit < 2048 && fabsf(dry[hit]) < 1e-4f) hit++;
        while (first < 2048 && fabsf(echo[first]) < 1e-4f) first++;
        cr_assert_lt(hit, 64, "mode %d: the hit starts at %u", mode, hit);
        cr_assert_eq(first, hit + 128, "mode %d: hit at %u, first echo at %u", mode, hit, first);
        cr_assert_float_eq(echo[first], 0.5f * dry[hit], 1e-6, "mode %d: echo level", mode);
        rendered_free(&r);
    }
}

static ph_engine *play(const char *text, ph_program **prog, uint32_t threads)
{
    ph_settings s = {.sample_rate = 48000, .max_block = 512, .threads = threads};
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
    cr_assert(p, "compile: %d:%d: %s", d.line, d.column, d.message);
    ph_engine *e = ph_engine_new(&s);
    cr_assert(e);
    cr_assert(ph_engine_set_program(e, p));
    *prog = p;
    return e;
}

static void render_blocks(ph_engine *e, int blocks)
{
    static float mem[PH_MAX_CHANNELS][512];
    float *outs[PH_MAX_CHANNELS];
    for (int c = 0; c < PH_MAX_CHANNELS; c++) outs[c] = mem[c];
    for (int b = 0; b < blocks; b++) ph_engine_render(e, outs, PH_MAX_CHANNELS, 512);
}

/* Index of the first node of `kind`, or -1. */
static int find_kind(const ph_program *p, const char *kind)
{
    for (uint32_t i = 0; i < ph_program_node_count(p); i++) {
        ph_node_info in;
        cr_assert(ph_program_node_info(p, i, &in));
        if (!strcmp(in.kind, kind)) return (int)i;
    }
    return -1;
}

Test(bench_eval, profiling_attributes_time_to_nodes)
{
    /* A reverb costs far more per sample than multiplying a signal by a constant. */
    const char *text = "~a: saw 110 * 0.5\nout1: ~a # reverb 0.8 0.5 0.5\nout2: ~a\n";
    ph_program *p;
    ph_engine *e = play(text, &p, 1);
    render_blocks(e, 20); /* profiling off: nothing is attributed */
    for (uint32_t i = 0; i < ph_program_node_count(p); i++) {
        ph_node_info in;
        ph_program_node_info(p, i, &in);
        cr_assert_eq(in.ns, 0, "node %u (%s) has time while profiling was off", i, in.kind);
    }
    cr_assert_eq(ph_program_profiled_frames(p), 0);

    ph_engine_set_profiling(e, true);
    render_blocks(e, 200);
    uint64_t frames = ph_program_profiled_frames(p);
    /* Chunks during which the thread was switched out are left out, but most are timed. */
    cr_assert_leq(frames, 200u * 512u);
    cr_assert_geq(frames, 100u * 512u, "only %llu frames timed", (unsigned long long)frames);
    int rev = find_kind(p, "reverb"), mul = find_kind(p, "mul"), saw = find_kind(p, "saw");
    cr_assert(rev >= 0 && mul >= 0 && saw >= 0, "expected reverb, mul and saw nodes");
    ph_node_info r, m, s;
    ph_program_node_info(p, (uint32_t)rev, &r);
    ph_program_node_info(p, (uint32_t)mul, &m);
    ph_program_node_info(p, (uint32_t)saw, &s);
    cr_assert_gt(s.ns, 0);
    cr_assert_gt(m.ns, 0);
    cr_assert_gt(r.ns, 3 * m.ns, "reverb %llu ns vs mul %llu ns", (unsigned long long)r.ns,
                 (unsigned long long)m.ns);
    /* The per-sample figure is plausible: a reverb is more than 1 ns and less than 10 us a sample. */
    double rev_ns = (double)r.ns / (double)frames;
    cr_assert(rev_ns > 1.0 && rev_ns < 10000.0, "reverb %.1f ns per sample", rev_ns);

    /* Turning it off freezes the figures. */
    ph_engine_set_profiling(e, false);
    render_blocks(e, 10);
    ph_node_info r2;
    ph_program_node_info(p, (uint32_t)rev, &r2);
    cr_assert_eq(r2.ns, r.ns);
    ph_engine_free(e);
}

Test(bench_eval, stress16_sample_and_block_agree, .timeout = 60)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/patches/stress16.ph", PH_SOURCE_DIR "/tests/data");
    char *text = slurp(path);
    if (!text) cr_skip_test("no %s", path);
    const uint32_t frames = 9600;
    rendered blk = render_text(text, frames, 512, 2, PH_EVAL_BLOCK);
    rendered smp = render_text(text, frames, 512, 1, PH_EVAL_SAMPLE);
    int loud = 0;
    for (int c = 2; c < PH_MAX_CHANNELS; c++) {
        loud += rms(blk.ch[c], frames) > 1e-3;
        for (uint32_t i = 0; i < frames; i++)
            cr_assert(fabsf(blk.ch[c][i] - smp.ch[c][i]) <= 1e-6f, "out%d sample %u: %g vs %g", c - 1, i,
                      blk.ch[c][i], smp.ch[c][i]);
    }
    cr_assert_geq(loud, 14, "only %d of 16 outputs sound", loud);
    rendered_free(&blk);
    rendered_free(&smp);
    free(text);
}

Test(bench_eval, tree_graph_is_bit_identical_for_any_thread_count)
{
    /* Sixteen voices summed by a tree of `+`: split into several tasks, rendered by 1, 2
     * and 3 threads; the output must not change by a bit. */
    char text[4096] = "";
    size_t at = 0;
    for (int i = 0; i < 16; i++)
        at += (size_t)snprintf(text + at, sizeof text - at, "~v%d: saw %d # lpf 2000 2\n", i, 55 + 20 * i);
    at += (size_t)snprintf(text + at, sizeof text - at, "out: ((~v0 + ~v1) + (~v2 + ~v3)) + ((~v4 + ~v5) + (~v6 + ~v7))");
    snprintf(text + at, sizeof text - at, " + (((~v8 + ~v9) + (~v10 + ~v11)) + ((~v12 + ~v13) + (~v14 + ~v15))) * 0.1\n");
    const uint32_t frames = 9000;
    rendered one = render_text(text, frames, 512, 1, PH_EVAL_BLOCK);
    cr_assert_gt(rms(one.ch[0], frames), 0.01);
    for (uint32_t threads = 2; threads <= 3; threads++) {
        rendered many = render_text(text, frames, 333, threads, PH_EVAL_BLOCK);
        cr_assert(memcmp(one.ch[0], many.ch[0], frames * sizeof(float)) == 0, "%u threads differ", threads);
        rendered_free(&many);
    }
    rendered_free(&one);
}

/* Runs `phonon bench` (built beside the tests) and returns its exit status; output in buf. */
static int run_bench(const char *args, char *buf, size_t cap)
{
    const char *build = getenv("PHONON_BUILD_DIR");
    if (!build) return -1;
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s/phonon' bench %s 2>&1", build, args);
    FILE *p = popen(cmd, "r");
    cr_assert(p, "cannot run %s", cmd);
    size_t n = fread(buf, 1, cap - 1, p);
    buf[n] = 0;
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

Test(bench_eval, phonon_bench_reports_median_profile_and_comparison, .timeout = 60)
{
    if (!getenv("PHONON_BUILD_DIR")) cr_skip_test("PHONON_BUILD_DIR not set (run through ./waf test)");
    char args[1024], *out = malloc(1 << 16);
    cr_assert(out);
    snprintf(args, sizeof args, "'%s/patches/stress16.ph' --seconds 0.5 --warmup 0 --threads 2 --compare --profile",
             PH_SOURCE_DIR "/tests/data");
    int rc = run_bench(args, out, 1 << 16);
    cr_assert_eq(rc, 0, "exit %d:\n%s", rc, out);
    cr_assert(strstr(out, "median"), "no median line:\n%s", out);
    cr_assert(strstr(out, "realtime factor"), "%s", out);
    cr_assert(strstr(out, "(within 1e-6)"), "block and sample evaluation disagree:\n%s", out);
    cr_assert(strstr(out, "per-node profile: 109 nodes"), "%s", out);
    cr_assert(strstr(out, "reverb @45:13"), "the reverb node is not in the profile:\n%s", out);
    cr_assert_eq(run_bench("/nonexistent.ph", out, 1 << 16), 2);
    cr_assert_eq(run_bench("x.ph --eval fast", out, 1 << 16), 2);
    free(out);
}

/* --compare-threads: one thread and two in the same run, the outputs compared block by
 * block (hashes), the speed-up reported; one thread alone has nothing to compare. */
Test(bench_eval, phonon_bench_compares_thread_counts, .timeout = 60)
{
    if (!getenv("PHONON_BUILD_DIR")) cr_skip_test("PHONON_BUILD_DIR not set (run through ./waf test)");
    char args[1024], *out = malloc(1 << 16);
    cr_assert(out);
    snprintf(args, sizeof args, "'%s/patches/stress16.ph' --seconds 3 --warmup 0 --threads 2 --compare-threads",
             PH_SOURCE_DIR "/tests/data");
    int rc = run_bench(args, out, 1 << 16);
    cr_assert_eq(rc, 0, "exit %d:\n%s", rc, out);
    cr_assert(strstr(out, "2 threads are "), "no speed-up line:\n%s", out);
    cr_assert(strstr(out, "bit-identical in every block"), "outputs differ:\n%s", out);
    cr_assert(strstr(out, "1t      median") && strstr(out, "2t      median"), "%s", out);
    cr_assert(strstr(out, "machine: a fixed arithmetic kernel ran "), "no machine calibration:\n%s", out);
    cr_assert(strstr(out, "rounds: 2 threads "), "no per-round figure:\n%s", out);
    snprintf(args, sizeof args, "'%s/patches/stress16.ph' --threads 1 --compare-threads",
             PH_SOURCE_DIR "/tests/data");
    cr_assert_eq(run_bench(args, out, 1 << 16), 2, "one thread has nothing to compare");
    free(out);
}
