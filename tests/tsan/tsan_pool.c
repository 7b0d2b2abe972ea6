/* ThreadSanitizer check of the render pool (engine/render/ph_pool.c), built and run by
 * tests/tsan/run. Criterion's runner does not start under TSan, so this is a plain
 * program: it renders a feedback patch and PHONON's stress16 with 1 thread and with 2-3
 * threads in odd and large block sizes (pipelined spans, static schedule, sleeping
 * workers) and compares the audio bit for bit, then swaps programs with a crossfade
 * while two threads render, freeing every program handed back. Exit 1 on any difference;
 * TSan itself fails the run (exitcode 66) on any data race. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "phonon/phonon.h"

static const char *feedback_patch = "~a: sine 220 * 0.5 + ~b * 0.45\n"
                                    "~b: lpf (~a * 0.7 + saw 110 * 0.3) 900 0.4\n"
                                    "~c: hpf (square 55 * 0.3 + ~c * 0.2) 300 0.2\n"
                                    "~d: tri 330 * 0.2 # delay 0.01 0.5\n"
                                    "out: ~a + ~b + ~c + ~d\n"
                                    "out1: ~b\n";

/* W3's loops: fused lanes whose taps the unit keeps (it reads the bus's buffer while chunks
 * come whole, commits late otherwise: nodes/ph_node_fuse.c). */
static const char *loops_patch =
    "~l0: saw 110 * 0.1 + (((~l0 # delayl 0.0973 0 1) - ~l0) # onepole 2000) * 0.6\n"
    "~l1: saw 116.5 * 0.1 + (((~l1 # delayl 0.124 0 1) - ~l1) # onepole 2000) * 0.6\n"
    "~l2: saw 123.4 * 0.1 + (((~l2 # delay 0.0051 0.3 1) - ~l2) # lpf 1500 0.7) * 0.6\n"
    "~l3: saw 130.8 * 0.1 + (((~l3 # delay 0.05 0 1) - ~l3) # lpf 900 0.7) * 0.6\n"
    "out: (~l0 + ~l1) + (~l2 + ~l3)\n";

static ph_program *compile(const char *text, const ph_settings *s)
{
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), s, &d);
    if (!p) {
        fprintf(stderr, "tsan_pool: %d:%d: %s\n", d.line, d.column, d.message);
        exit(2);
    }
    return p;
}

/* frames of every output channel, rendered in blocks of `block` */
static float *render(const char *text, uint32_t frames, uint32_t block, uint32_t threads, long pause_us)
{
    ph_settings s = {.sample_rate = 48000, .max_block = block, .threads = threads};
    ph_program *p = compile(text, &s);
    ph_engine *e = ph_engine_new(&s);
    float *out = calloc((size_t)frames * PH_MAX_CHANNELS, sizeof(float));
    if (!e || !out) exit(2);
    if (ph_program_cps(p) > 0) ph_engine_set_cps(e, ph_program_cps(p));
    ph_engine_set_program(e, p);
    for (uint32_t done = 0; done < frames;) {
        uint32_t n = frames - done < block ? frames - done : block;
        float *outs[PH_MAX_CHANNELS];
        for (int c = 0; c < PH_MAX_CHANNELS; c++) outs[c] = out + (size_t)c * frames + done;
        ph_engine_render(e, outs, PH_MAX_CHANNELS, n);
        done += n;
        if (pause_us) {
            struct timespec ts = {0, pause_us * 1000};
            nanosleep(&ts, NULL);
        }
    }
    ph_engine_free(e);
    return out;
}

static int compare_threads(const char *name, const char *text, uint32_t frames)
{
    static const struct {
        uint32_t block, threads;
        long pause_us;
    } cases[] = {{333, 2, 0}, {4096, 2, 0}, {64, 3, 0}, {512, 2, 3000}, {77, 2, 0}};
    float *one = render(text, frames, 512, 1, 0);
    int bad = 0;
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        float *x = render(text, frames, cases[k].block, cases[k].threads, cases[k].pause_us);
        bool same = memcmp(one, x, (size_t)frames * PH_MAX_CHANNELS * sizeof(float)) == 0;
        printf("tsan_pool: %s, blocks of %u, %u threads%s: %s\n", name, cases[k].block, cases[k].threads,
               cases[k].pause_us ? ", pauses" : "", same ? "identical" : "DIFFERS");
        bad += !same;
        free(x);
    }
    free(one);
    return bad;
}

static int swaps(void)
{
    const char *texts[2] = {"~a: saw \"110 220\" # lpf 900 0.833\n~b: ~a * 0.5 + ~b * 0.3\n"
                            "~c: square 55 # hpf 300 0.625\nout: ~a + ~b + ~c\n",
                            "~x: square 55 # hpf 200 0.714\n~y: sine 330 * 0.2\n"
                            "~z: tri 110 # lpf 500 1\nout: ~x * 0.3 + ~y + ~z\n"};
    ph_settings s = {.sample_rate = 48000, .max_block = 512, .threads = 2};
    ph_engine *e = ph_engine_new(&s);
    if (!e) exit(2);
    ph_engine_set_crossfade(e, 0.002);
    float l[512], r[512];
    float *outs[2] = {l, r};
    int set = 0, freed = 0;
    /* 70 blocks a program: past the timed chunks, so the static schedule runs too */
    for (int block = 0; block < 3000; block++) {
        if (block % 70 == 0) {
            ph_program *p = compile(texts[set % 2], &s);
            if (ph_engine_set_program(e, p)) set++;
            else ph_program_free(p);
        }
        ph_engine_render(e, outs, 2, 512);
        for (ph_program *old; (old = ph_engine_take_retired(e));) ph_program_free(old), freed++;
    }
    ph_engine_free(e);
    printf("tsan_pool: %d programs swapped in, %d handed back and freed\n", set, freed);
    return freed == set - 1 ? 0 : 1;
}

int main(int argc, char **argv)
{
    int bad = compare_threads("feedback patch", feedback_patch, 48000);
    bad += compare_threads("W3 loops", loops_patch, 48000);
    if (argc > 1) { /* stress16 */
        FILE *f = fopen(argv[1], "rb");
        char *text = calloc(1, 1 << 16);
        if (!f || !text) {
            fprintf(stderr, "tsan_pool: cannot read %s\n", argv[1]);
            return 2;
        }
        size_t n = fread(text, 1, (1 << 16) - 1, f);
        fclose(f);
        text[n] = 0;
        bad += compare_threads("stress16", text, 48000);
        free(text);
    }
    bad += swaps();
    return bad ? 1 : 0;
}
