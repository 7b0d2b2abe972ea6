/* Levels that fit together: the README's demo leaves 1 dB of headroom, and no example or
 * factory preset clips (a sample at or beyond full scale) in its first 8 seconds. The kit's
 * balance itself is checked in tests/unit/dsp/test_dsp_drums.c. */
#include <dirent.h>

#include "render_test_util.h"

#define RATE 48000

/* Peak of the main stereo pair over `seconds`, rendered as the plugin would (macros set,
 * a MIDI note held for the MIDI examples). */
/* The peak of text's main output over `seconds`; with `input`, a track plays into it (Phonon
 * FX): a 220 Hz sine at -6 dBFS on both sides. */
static double peak_of_input(const char *name, const char *text, double seconds, bool input)
{
    ph_settings s = {.sample_rate = RATE, .max_block = 512, .threads = 1};
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
    cr_assert(p, "%s:%d:%d: %s", name, d.line, d.column, d.message);
    ph_engine *e = ph_engine_new(&s);
    if (ph_program_cps(p) > 0) ph_engine_set_cps(e, ph_program_cps(p));
    ph_engine_set_program(e, p);
    ph_engine_note_on(e, 60, 100);
    ph_engine_set_macro(e, 0, 0.7f);
    ph_engine_set_macro(e, 1, 0.5f);
    float *buf = calloc(512 * PH_MAX_CHANNELS, sizeof(float)), tone[512];
    float *outs[PH_MAX_CHANNELS];
    for (int c = 0; c < PH_MAX_CHANNELS; c++) outs[c] = buf + c * 512;
    const float *ins[2] = {tone, tone};
    double peak = 0;
    for (uint32_t done = 0; done < (uint32_t)(seconds * RATE); done += 512) {
        for (int i = 0; i < 512; i++) tone[i] = 0.5f * (float)sin(2 * M_PI * 220.0 * (done + i) / RATE);
        ph_engine_process(e, ins, input ? 2 : 0, outs, PH_MAX_CHANNELS, 512);
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < 512; i++) peak = fabsf(outs[c][i]) > peak ? fabsf(outs[c][i]) : peak;
    }
    free(buf);
    ph_engine_free(e);
    /* (no log line per program: criterion's runner leaks one allocation under ASan when a
     * suite sends it many log messages from parallel workers; the expectations name the
     * program and its peak when one fails) */
    return peak;
}

static double peak_of(const char *name, const char *text, double seconds)
{
    return peak_of_input(name, text, seconds, false);
}

static const char *source_dir(void)
{
    const char *src = getenv("PHONON_SOURCE_DIR");
    return src ? src : PH_SOURCE_DIR;
}

/* The README's first code block is the demo; 8 cycles at its tempo (0.5) are 16 s, as
 * the README renders it. */
static void readme_demo_leaves_headroom(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/README.md", source_dir());
    char *readme = slurp(path);
    cr_assert(readme);
    char *a = strstr(readme, "```ph\n"); /* the demo is marked as a program */
    cr_assert(a);
    a += 6;
    char *b = strstr(a, "```");
    cr_assert(b);
    *b = 0;
    cr_assert(strstr(a, "out:"), "the README's first code block is not the demo");
    double peak = peak_of("README demo", a, 16.0);
    cr_expect(peak < 0.891, "the demo peaks at %.2f dBFS, above -1 dBFS", 20 * log10(peak));
    cr_expect(peak > 0.5, "the demo is too quiet: %.2f dBFS", 20 * log10(peak));
    free(readme);
}

/* Every file of `sub` ending in `ext` never reaches full scale in 8 s; a .ttl's program is
 * the text between its triple quotes (the factory presets). Returns how many. */
static int none_clips(const char *sub, const char *ext)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", source_dir(), sub);
    DIR *dp = opendir(dir);
    cr_assert(dp, "no %s", dir);
    struct dirent *de;
    int count = 0;
    size_t el = strlen(ext);
    while ((de = readdir(dp))) {
        size_t n = strlen(de->d_name);
        if (n <= el || strcmp(de->d_name + n - el, ext)) continue;
        /* Phonon MIDI's presets make no audio (their own host tests check their notes) */
        if (!strncmp(de->d_name, "preset-midi-", 12)) continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        char *text = slurp(path), *prog = text;
        cr_assert(text);
        if (!strcmp(ext, ".ttl")) {
            char *a = strstr(text, "\"\"\""), *b = a ? strstr(a + 3, "\"\"\"") : NULL;
            cr_assert(a && b, "%s: no program text", de->d_name);
            *b = 0;
            prog = a + 3;
        }
        /* Phonon FX's presets play a track's audio: given one, each is heard and never clips */
        bool fx = !strncmp(de->d_name, "preset-fx-", 10);
        double peak = peak_of_input(de->d_name, prog, 8.0, fx);
        cr_expect(peak < 1.0, "%s clips: peak %.2f dBFS", de->d_name, 20 * log10(peak));
        if (fx) cr_expect(peak > 0.05, "%s: silent with a track playing into it (peak %.3f)", de->d_name, peak);
        free(text);
        count++;
    }
    closedir(dp);
    return count;
}

/* One test, not three: criterion's runner (2.4, under ASan) leaks an allocation when
 * several long tests of one suite finish in parallel workers. */
Test(levels, demo_examples_and_presets, .timeout = 240)
{
    readme_demo_leaves_headroom();
    cr_expect_geq(none_clips("examples", ".ph"), 15);
    cr_expect_geq(none_clips("presets", ".ttl"), 10);
}
