/* `phonon plugin-render`: the command line renders a .ph file through the plugin (lilv,
 * patch:Set, worker, run) into a WAV file. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "texts.h"

/* Reads the float samples of a WAV file written by libsndfile (WAVE_FORMAT_IEEE_FLOAT or
 * EXTENSIBLE); returns the number of floats. */
static size_t read_wav_floats(const char *path, float **out, int *channels)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "no %s", path);
    char id[4];
    uint32_t size;
    cr_assert_eq(fread(id, 1, 4, f), 4);
    cr_assert(!memcmp(id, "RIFF", 4));
    cr_assert_eq(fread(&size, 4, 1, f), 1);
    cr_assert_eq(fread(id, 1, 4, f), 4);
    cr_assert(!memcmp(id, "WAVE", 4));
    size_t n = 0;
    while (fread(id, 1, 4, f) == 4 && fread(&size, 4, 1, f) == 1) {
        if (!memcmp(id, "fmt ", 4)) {
            uint8_t fmt[64] = {0};
            cr_assert_eq(fread(fmt, 1, size < 64 ? size : 64, f), size < 64 ? size : 64);
            if (size > 64) fseek(f, size - 64, SEEK_CUR);
            *channels = fmt[2] | fmt[3] << 8;
            cr_assert_eq(fmt[14] | fmt[15] << 8, 32, "32-bit float samples");
        } else if (!memcmp(id, "data", 4)) {
            n = size / sizeof(float);
            *out = malloc(size);
            cr_assert_eq(fread(*out, sizeof(float), n, f), n);
            break;
        } else {
            fseek(f, size + (size & 1), SEEK_CUR);
        }
    }
    fclose(f);
    return n;
}

Test(plugin_render, renders_a_file_through_the_plugin)
{
    const char *build = getenv("PHONON_BUILD_DIR");
    cr_assert_not_null(build);
    char dir[] = "/tmp/phonon-prender-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char ph[512], wav[512], cmd[2048];
    snprintf(ph, sizeof ph, "%s/in.ph", dir);
    snprintf(wav, sizeof wav, "%s/out.wav", dir);
    FILE *f = fopen(ph, "w");
    fputs(TEXT_RICH, f);
    fclose(f);
    snprintf(cmd, sizeof cmd,
             "LV2_PATH=/usr/lib/lv2 %s/phonon plugin-render %s %s --duration 1 --block 333 "
             "--bundle %s/phonon.lv2 >/dev/null 2>&1",
             build, ph, wav, build);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    float *x = NULL;
    int channels = 0;
    size_t n = read_wav_floats(wav, &x, &channels);
    cr_expect_eq(channels, 2);
    cr_expect_eq(n, 2 * 48000);
    double s = 0;
    bool finite = true;
    for (size_t i = 0; i < n; i++) {
        finite = finite && isfinite(x[i]);
        s += (double)x[i] * x[i];
    }
    cr_expect(finite);
    cr_expect_gt(sqrt(s / (double)n), 1e-3, "the render is not silent");

    /* `phonon render --plugin` takes the same path and gives the same samples */
    snprintf(cmd, sizeof cmd,
             "LV2_PATH=/usr/lib/lv2 %s/phonon render --plugin %s %s.2.wav --duration 1 --block 333 "
             "--bundle %s/phonon.lv2 >/dev/null 2>&1",
             build, ph, wav, build);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    char wav2[600];
    snprintf(wav2, sizeof wav2, "%s.2.wav", wav);
    float *y = NULL;
    int channels2 = 0;
    cr_expect_eq(read_wav_floats(wav2, &y, &channels2), n);
    cr_expect(y && memcmp(x, y, n * sizeof(float)) == 0, "render --plugin = plugin-render");
    free(y);
    remove(wav2);
    free(x);

    /* a bad text fails with the error on stderr and a non-zero status */
    f = fopen(ph, "w");
    fputs(TEXT_BAD, f);
    fclose(f);
    cr_expect_neq(system(cmd), 0);
    unlink(ph);
    unlink(wav);
    rmdir(dir);
}
