/* The render pool's static task schedule (render/ph_pool.c): after the first timed
 * chunks every task gets an owner thread. The output must not change by a bit, whatever
 * the thread count and block size, also when a worker is asleep when a block starts
 * (the render thread then takes over its tasks). */
#include <time.h>

#include "render/ph_program_impl.h"
#include "render_test_util.h"

static char *read_stress16(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/patches/stress16.ph", PH_SOURCE_DIR "/tests/data");
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = calloc(1, 1 << 16);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    fclose(f);
    buf[n] = 0;
    return buf;
}

/* Renders text with `threads` threads in blocks of `block`, pausing `pause_us` after each
 * block (long enough for the workers to fall asleep); reports whether the static
 * schedule was in use at the end. */
static rendered render_paused(const char *text, uint32_t frames, uint32_t block, uint32_t threads,
                              long pause_us, bool *scheduled)
{
    ph_settings s = {.sample_rate = 48000, .max_block = block, .threads = threads};
    ph_program *p = compile_or_fail(text, 48000);
    ph_engine *e = ph_engine_new(&s);
    cr_assert(e);
    if (ph_program_cps(p) > 0) ph_engine_set_cps(e, ph_program_cps(p));
    cr_assert(ph_engine_set_program(e, p));
    rendered r;
    r.frames = frames;
    for (int c = 0; c < PH_MAX_CHANNELS; c++) r.ch[c] = calloc(frames, sizeof(float));
    for (uint32_t done = 0; done < frames;) {
        uint32_t n = frames - done < block ? frames - done : block;
        float *outs[PH_MAX_CHANNELS];
        for (int c = 0; c < PH_MAX_CHANNELS; c++) outs[c] = r.ch[c] + done;
        ph_engine_render(e, outs, PH_MAX_CHANNELS, n);
        done += n;
        if (pause_us) {
            struct timespec ts = {0, pause_us * 1000};
            nanosleep(&ts, NULL);
        }
    }
    *scheduled = p->plan.tasks.sched_threads == threads;
    ph_engine_free(e);
    return r;
}

static void assert_identical(const rendered *a, const rendered *b, const char *what)
{
    for (int c = 0; c < PH_MAX_CHANNELS; c++)
        cr_assert(memcmp(a->ch[c], b->ch[c], a->frames * sizeof(float)) == 0, "%s: channel %d differs", what, c);
}

Test(render_schedule, stress16_identical_for_threads_and_blocks, .timeout = 60)
{
    char *text = read_stress16();
    if (!text) cr_skip_test("no stress16.ph");
    const uint32_t frames = 40000; /* ~312 chunks: most of them on the static schedule */
    bool sched;
    rendered one = render_paused(text, frames, 512, 1, 0, &sched);
    cr_assert_gt(rms(one.ch[2], frames), 1e-3);
    rendered two = render_paused(text, frames, 333, 2, 0, &sched);
    cr_assert(sched, "2 threads: no static schedule was made");
    assert_identical(&one, &two, "2 threads, blocks of 333");
    rendered three = render_paused(text, frames, 64, 3, 0, &sched);
    cr_assert(sched, "3 threads: no static schedule was made");
    assert_identical(&one, &three, "3 threads, blocks of 64");
    /* blocks of 4096: spans of PH_POOL_SPAN_CHUNKS chunks, pipelined */
    rendered four = render_paused(text, frames, 4096, 2, 0, &sched);
    assert_identical(&one, &four, "2 threads, blocks of 4096");
    rendered_free(&four);
    rendered_free(&three);
    rendered_free(&two);
    rendered_free(&one);
    free(text);
}

Test(render_schedule, sleeping_worker_changes_nothing, .timeout = 60)
{
    char *text = read_stress16();
    if (!text) cr_skip_test("no stress16.ph");
    const uint32_t frames = 512 * 60;
    bool sched;
    rendered one = render_paused(text, frames, 512, 1, 0, &sched);
    /* 3 ms between blocks: the worker spins out and sleeps before most blocks */
    rendered two = render_paused(text, frames, 512, 2, 3000, &sched);
    cr_assert(sched, "no static schedule was made");
    assert_identical(&one, &two, "2 threads with pauses");
    rendered_free(&two);
    rendered_free(&one);
    free(text);
}

/* Two buses feeding each other through feedback taps, with independent branches so the
 * tasks spread over threads: pipelined spans must keep the one-chunk delay exact. */
Test(render_schedule, cross_feedback_identical_when_pipelined, .timeout = 60)
{
    const char *text = "~a: sine 220 * 0.5 + ~b * 0.45\n"
                       "~b: lpf (~a * 0.7 + saw 110 * 0.3) 900 0.4\n"
                       "~c: hpf (square 55 * 0.3 + ~c * 0.2) 300 0.2\n"
                       "~d: tri 330 * 0.2 # delay 0.01 0.5\n"
                       "out: ~a + ~b + ~c + ~d\n"
                       "out1: ~b\n";
    const uint32_t frames = 48000;
    bool sched;
    rendered one = render_paused(text, frames, 512, 1, 0, &sched);
    cr_assert_gt(rms(one.ch[0], frames), 1e-3);
    cr_assert_gt(rms(one.ch[2], frames), 1e-3);
    uint32_t blocks[] = {4096, 77, 1000};
    for (int k = 0; k < 3; k++) {
        rendered two = render_paused(text, frames, blocks[k], 2, 0, &sched);
        cr_assert(sched, "no static schedule was made");
        char what[64];
        snprintf(what, sizeof what, "2 threads, blocks of %u", blocks[k]);
        assert_identical(&one, &two, what);
        rendered_free(&two);
    }
    rendered_free(&one);
}

/* Programs swapped again and again while two threads render them: every retired program
 * is handed back (once no worker can still be inside one of its jobs) and freed at once,
 * so that under ASan a worker still reading a freed program would show. */
Test(render_schedule, swapped_programs_are_handed_back_with_workers, .timeout = 60)
{
    const char *texts[2] = {"~a: saw \"110 220\" # lpf 900 0.833\n~b: ~a * 0.5 + ~b * 0.3\nout: ~a + ~b\n",
                            "~x: square 55 # hpf 200 0.714\n~y: sine 330 * 0.2\nout: ~x * 0.3 + ~y\n"};
    ph_settings s = {.sample_rate = 48000, .max_block = 512, .threads = 2};
    ph_engine *e = ph_engine_new(&s);
    cr_assert(e);
    ph_engine_set_crossfade(e, 0.002);
    float l[512], r[512];
    float *outs[2] = {l, r};
    int swaps = 0, freed = 0;
    for (int block = 0; block < 600; block++) {
        if (block % 12 == 0) {
            ph_program *p = compile_or_fail(texts[swaps % 2], 48000);
            if (ph_engine_set_program(e, p)) swaps++;
            else ph_program_free(p);
        }
        ph_engine_render(e, outs, 2, 512);
        for (int i = 0; i < 512; i++) cr_assert(isfinite(l[i]) && isfinite(r[i]));
        for (ph_program *old; (old = ph_engine_take_retired(e));) ph_program_free(old), freed++;
    }
    for (int block = 0; block < 50; block++) { /* the last fade ends; workers leave */
        ph_engine_render(e, outs, 2, 512);
        for (ph_program *old; (old = ph_engine_take_retired(e));) ph_program_free(old), freed++;
    }
    cr_assert_geq(swaps, 40);
    cr_assert_eq(freed, swaps - 1, "%d programs set, %d handed back (one still plays)", swaps, freed);
    ph_engine_free(e);
}
