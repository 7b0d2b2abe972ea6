/* Helpers for the render tests: compile text and render it through the engine. */
#ifndef PH_TEST_RENDER_UTIL_H
#define PH_TEST_RENDER_UTIL_H

#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "phonon/phonon.h"

typedef struct rendered {
    float *ch[PH_MAX_CHANNELS];
    uint32_t frames;
} rendered;

/* Power of x at frequency f (Goertzel). */
static inline double goertzel(const float *x, uint32_t n, double f, double rate)
{
    double w = 2 * M_PI * f / rate, c = 2 * cos(w), s1 = 0, s2 = 0;
    for (uint32_t i = 0; i < n; i++) {
        double s0 = x[i] + c * s1 - s2;
        s2 = s1;
        s1 = s0;
    }
    return s1 * s1 + s2 * s2 - c * s1 * s2;
}

/* Amplitude of a sine at frequency f in x (n <= 96000): Hann-windowed Goertzel, so that
 * other notes a few bins away do not leak in. */
static inline double tone_level(const float *x, uint32_t n, double f, double rate)
{
    static float w[96000];
    for (uint32_t i = 0; i < n; i++) w[i] = x[i] * (float)(0.5 - 0.5 * cos(2 * M_PI * i / (n - 1)));
    return sqrt(goertzel(w, n, f, rate)) * 4.0 / n;
}

static inline ph_program *compile_or_fail(const char *text, double rate)
{
    ph_settings s = {.sample_rate = rate, .max_block = 4096, .threads = 1};
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
    cr_assert(p, "compile failed at %d:%d: %s", d.line, d.column, d.message);
    return p;
}

/* Renders `frames` samples of text in blocks of `block` with `threads` threads, with the
 * sample folder `sample_dir` (NULL: the kit only). */
static inline rendered render_text_samples(const char *text, uint32_t frames, uint32_t block, uint32_t threads,
                                           ph_eval_mode mode, const char *sample_dir)
{
    ph_settings s = {.sample_rate = 48000, .max_block = block, .threads = threads, .sample_dir = sample_dir};
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
    cr_assert(p, "compile failed at %d:%d: %s", d.line, d.column, d.message);
    ph_program_set_eval(p, mode);
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
    }
    ph_engine_free(e);
    return r;
}

static inline rendered render_text(const char *text, uint32_t frames, uint32_t block, uint32_t threads,
                                   ph_eval_mode mode)
{
    return render_text_samples(text, frames, block, threads, mode, NULL);
}

static inline void rendered_free(rendered *r)
{
    for (int c = 0; c < PH_MAX_CHANNELS; c++) free(r->ch[c]);
}

static inline double rms(const float *x, uint32_t n)
{
    double s = 0;
    for (uint32_t i = 0; i < n; i++) s += (double)x[i] * x[i];
    return n ? sqrt(s / n) : 0;
}

static inline bool all_finite(const float *x, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (!isfinite(x[i])) return false;
    return true;
}

/* Renders text in blocks of 512 and of each of `blocks`; asserts every channel is the same
 * bits (naming the first sample that differs). Returns the block-512 rendering. */
static inline rendered assert_blocks_identical(const char *text, uint32_t frames, const uint32_t *blocks, size_t n)
{
    rendered ref = render_text(text, frames, 512, 1, PH_EVAL_BLOCK);
    for (size_t b = 0; b < n; b++) {
        rendered x = render_text(text, frames, blocks[b], 1, PH_EVAL_BLOCK);
        for (int c = 0; c < PH_MAX_CHANNELS; c++) {
            uint32_t i = 0;
            while (i < frames && ref.ch[c][i] == x.ch[c][i]) i++;
            cr_assert_eq(i, frames, "block %u: channel %d differs from sample %u (%g vs %g)", blocks[b], c, i,
                         i < frames ? ref.ch[c][i] : 0.0, i < frames ? x.ch[c][i] : 0.0);
        }
        rendered_free(&x);
    }
    return ref;
}

/* Two programs render the same bits on every channel (block 512, one thread). */
static inline bool same_audio(const char *a, const char *b, uint32_t frames)
{
    rendered ra = render_text(a, frames, 512, 1, PH_EVAL_BLOCK), rb = render_text(b, frames, 512, 1, PH_EVAL_BLOCK);
    bool same = true;
    for (int c = 0; c < PH_MAX_CHANNELS; c++) same &= memcmp(ra.ch[c], rb.ch[c], frames * sizeof(float)) == 0;
    rendered_free(&ra);
    rendered_free(&rb);
    return same;
}

/* A program that must not compile, with `why` in its message. */
static inline void refused(const char *text, const char *why)
{
    ph_settings s = {.sample_rate = 48000, .max_block = 512, .threads = 1};
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
    cr_expect_null(p, "'%s' compiled", text);
    cr_expect(strstr(d.message, why), "'%s': %s", text, d.message);
    ph_program_free(p);
}

/* Reads a whole file (tests only). */
static inline char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf) buf[n] = 0;
    fclose(f);
    return buf;
}

/* The performance yardstick's text (tests/data/patches/stress16.ph; PHONON_SOURCE_DIR
 * names the source tree when the tests run elsewhere), or NULL. */
static inline char *slurp_stress16(void)
{
    const char *src = getenv("PHONON_SOURCE_DIR");
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/patches/stress16.ph", src ? src : PH_SOURCE_DIR);
    return slurp(path);
}

/* Two renders hold the same bits on every channel. */
static inline void assert_same_rendered(const rendered *a, const rendered *b, const char *what)
{
    int differs = -1;
    for (int c = 0; c < PH_MAX_CHANNELS && differs < 0; c++)
        if (memcmp(a->ch[c], b->ch[c], a->frames * sizeof(float))) differs = c;
    cr_assert_eq(differs, -1, "%s: channel %d differs", what, differs);
}

/* A switch of the renderer (lane groups, fusion ...): f renders text with it on or off. */
typedef rendered (*switched_render)(const char *text, bool on, uint32_t frames, uint32_t block, uint32_t threads);

/* The switch changes no bit of any of the texts, for blocks of 512, 7, 4096 and 333 frames
 * and 1 or 3 threads (against one thread, blocks of 512, the switch off). */
static inline void assert_switch_changes_no_bit(switched_render f, const char *const *texts, int n_texts,
                                                uint32_t frames)
{
    const uint32_t blocks[] = {512, 7, 4096, 333};
    for (int t = 0; t < n_texts; t++) {
        rendered off = f(texts[t], false, frames, 512, 1);
        cr_assert_gt(rms(off.ch[0], off.frames), 1e-3, "text %d is silent", t);
        for (int b = 0; b < 4; b++)
            for (uint32_t threads = 1; threads <= 3; threads += 2) {
                rendered on = f(texts[t], true, frames, blocks[b], threads);
                char what[64];
                snprintf(what, sizeof what, "text %d, block %u, %u threads", t, blocks[b], threads);
                assert_same_rendered(&off, &on, what);
                rendered_free(&on);
            }
        rendered_free(&off);
    }
}

/* The switch changes no bit of text (stress16) rendered 0.5 s in blocks of 512 on one
 * thread, and in blocks of 100 on two. */
static inline void assert_switch_keeps_bits(switched_render f, const char *text)
{
    rendered off = f(text, false, 24000, 512, 1);
    rendered on = f(text, true, 24000, 512, 1);
    rendered on2 = f(text, true, 24000, 100, 2);
    assert_same_rendered(&off, &on, "one thread");
    assert_same_rendered(&off, &on2, "2 threads, blocks of 100");
    rendered_free(&off);
    rendered_free(&on);
    rendered_free(&on2);
}

/* The largest difference between two renders, over every channel. */
static inline double largest_difference(const rendered *a, const rendered *b)
{
    double worst = 0;
    for (int c = 0; c < PH_MAX_CHANNELS; c++)
        for (uint32_t i = 0; i < a->frames; i++) {
            double d = fabs((double)a->ch[c][i] - (double)b->ch[c][i]);
            if (d > worst) worst = d;
        }
    return worst;
}

#endif
