/* Every example under examples/ and the shared stress patch compile and render finite, non-silent
 * audio. A few cycles each, to keep the suite fast. */
#include <dirent.h>

#include "render_test_util.h"

static void render_file(const char *path, uint32_t frames, int first_ch, int n_ch)
{
    char *text = slurp(path);
    cr_assert(text, "cannot read %s", path);
    ph_settings s = {.sample_rate = 48000, .max_block = 512, .threads = 1};
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
    cr_assert(p, "%s:%d:%d: %s", path, d.line, d.column, d.message);
    free(text);
    ph_engine *e = ph_engine_new(&s);
    if (ph_program_cps(p) > 0) ph_engine_set_cps(e, ph_program_cps(p));
    ph_engine_set_program(e, p);
    ph_engine_note_on(e, 60, 100); /* for the MIDI example */
    ph_engine_set_macro(e, 0, 0.7f);
    ph_engine_set_macro(e, 1, 0.5f);
    double energy[PH_MAX_CHANNELS] = {0};
    float *buf = calloc(512 * PH_MAX_CHANNELS, sizeof(float));
    float *outs[PH_MAX_CHANNELS];
    for (int c = 0; c < PH_MAX_CHANNELS; c++) outs[c] = buf + c * 512;
    for (uint32_t done = 0; done < frames; done += 512) {
        ph_engine_render(e, outs, PH_MAX_CHANNELS, 512);
        for (int c = first_ch; c < first_ch + n_ch; c++) {
            cr_assert(all_finite(outs[c], 512), "%s: channel %d not finite", path, c);
            energy[c] += rms(outs[c], 512);
        }
    }
    for (int c = first_ch; c < first_ch + n_ch; c++) cr_assert_gt(energy[c], 0.01, "%s: channel %d silent", path, c);
    free(buf);
    ph_engine_free(e);
}

Test(render_examples, every_example_renders, .timeout = 60)
{
    const char *src = getenv("PHONON_SOURCE_DIR");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/examples", src ? src : PH_SOURCE_DIR);
    DIR *dp = opendir(dir);
    cr_assert(dp, "no %s", dir);
    int count = 0;
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t n = strlen(de->d_name);
        if (n < 4 || strcmp(de->d_name + n - 3, ".ph")) continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        render_file(path, 48000 * 3, 0, 2);
        count++;
    }
    closedir(dp);
    cr_assert_geq(count, 15, "only %d examples", count);
}

Test(render_examples, stress16_renders_all_outputs, .timeout = 60)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/patches/stress16.ph", PH_SOURCE_DIR "/tests/data");
    render_file(path, 48000 * 4, PH_MAIN_CHANNELS, PH_AUX_CHANNELS);
}
