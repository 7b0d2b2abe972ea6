#include <criterion/criterion.h>
#include <sndfile.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dsp/ph_samples.h"
#include "phonon/phonon.h"
#include "test_dsp_util.h"

static void write_wav(const char *path, int rate, int channels, uint32_t frames, double hz, float dc)
{
    SF_INFO info = {.samplerate = rate, .channels = channels, .format = SF_FORMAT_WAV | SF_FORMAT_PCM_16};
    SNDFILE *f = sf_open(path, SFM_WRITE, &info);
    cr_assert_not_null(f, "%s: %s", path, sf_strerror(NULL));
    float *buf = malloc(sizeof(float) * frames * channels);
    for (uint32_t i = 0; i < frames; i++)
        for (int c = 0; c < channels; c++)
            buf[i * channels + c] = dc + (hz > 0 ? (float)(0.5 * sin(2 * M_PI * hz * i / rate)) * (c ? -1 : 1) : 0);
    sf_writef_float(f, buf, frames);
    sf_close(f);
    free(buf);
}

static char dir[64];

static void make_tree(void)
{
    strcpy(dir, "/tmp/phonon-samples-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    char p[256];
    snprintf(p, sizeof p, "%s/bd", dir);
    mkdir(p, 0700);
    /* written out of order: the bank sorts by file name */
    snprintf(p, sizeof p, "%s/bd/c_third.wav", dir);
    write_wav(p, 48000, 1, 4800, 0, 0.75f);
    snprintf(p, sizeof p, "%s/bd/a_first.wav", dir);
    write_wav(p, 48000, 1, 4800, 0, 0.25f);
    snprintf(p, sizeof p, "%s/bd/b_second.wav", dir);
    write_wav(p, 48000, 1, 4800, 0, 0.5f);
    snprintf(p, sizeof p, "%s/bd/notes.txt", dir);
    FILE *t = fopen(p, "w");
    fputs("not audio\n", t);
    fclose(t);
    snprintf(p, sizeof p, "%s/bd/zz_broken.wav", dir); /* a .wav that is not one */
    t = fopen(p, "w");
    fputs("RIFF....WAVEjunk", t);
    fclose(t);
    snprintf(p, sizeof p, "%s/tone", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/tone/x.wav", dir);
    write_wav(p, 44100, 2, 44100, 1000, 0); /* stereo, 44.1 kHz, 1 s */
    snprintf(p, sizeof p, "%s/hi", dir);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/hi/x.wav", dir);
    write_wav(p, 96000, 1, 96000, 1000, 0); /* downsampled */
    snprintf(p, sizeof p, "%s/empty", dir);
    mkdir(p, 0700);
}

static void remove_tree(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_assert_eq(system(cmd), 0);
}

Test(dsp_samples, dirt_layout_sorted_wrapping_and_resampled)
{
    make_tree();
    char err[256] = "";
    ph_sample_bank *b = ph_sample_bank_open(dir, 48000, err, sizeof err);
    cr_assert_not_null(b, "%s", err);
    cr_assert_eq(ph_sample_bank_size(b), 3, "empty folder skipped");
    cr_assert_str_eq(ph_sample_bank_name(b, 0), "bd");
    cr_assert_eq(ph_sample_bank_count(b, "bd"), 3, "text file skipped");
    cr_assert_null(ph_sample_bank_find(b, "bd", 0), "not loaded yet");
    cr_assert_eq(ph_sample_bank_load(b, "bd", err, sizeof err), 0, "%s", err);
    const float want[3] = {0.25f, 0.5f, 0.75f};
    for (int i = -4; i < 7; i++) {
        const ph_table *t = ph_sample_bank_find(b, "bd", i);
        cr_assert_not_null(t);
        int k = ((i % 3) + 3) % 3;
        cr_assert(fabsf(t->data[100] - want[k]) < 1e-3f, "bd:%d = %g", i, t->data[100]);
        cr_assert_eq(t->frames, 4800);
        cr_assert_eq(t->channels, 1);
    }
    cr_assert_eq(ph_sample_bank_load(b, "nope", err, sizeof err), -1);
    cr_assert(strstr(err, "nope") != NULL);
    cr_assert_eq(ph_sample_bank_load_all(b, err, sizeof err), 0, "%s", err);
    /* 44.1 kHz stereo -> 48 kHz: same duration, same pitch, channels kept */
    const ph_table *t = ph_sample_bank_find(b, "tone", 0);
    cr_assert_eq(t->channels, 2);
    cr_assert(abs((int)t->frames - 48000) <= 1, "frames %u", t->frames);
    float *l = td_buf(t->frames, 0), *r = td_buf(t->frames, 0);
    for (uint32_t i = 0; i < t->frames; i++) l[i] = t->data[2 * i], r[i] = t->data[2 * i + 1];
    double a = td_amp(l, 48000, 1000, 48000), off = td_amp(l, 48000, 1088, 48000);
    cr_assert(fabs(a - 0.5) < 0.01, "1 kHz amplitude after resampling %g", a);
    cr_assert(off < 0.01);
    cr_assert(r[1000] == -l[1000] || fabsf(r[1000] + l[1000]) < 1e-4f);
    free(l), free(r);
    /* 96 kHz -> 48 kHz */
    t = ph_sample_bank_find(b, "hi", 0);
    cr_assert_eq(t->frames, 48000);
    double ah = td_amp(t->data, 48000, 1000, 48000);
    cr_assert(fabs(ah - 0.5) < 0.01, "%g", ah);
    ph_sample_bank_free(b);
    remove_tree();
    cr_assert_null(ph_sample_bank_open("/nonexistent/phonon", 48000, err, sizeof err));
    cr_assert(strstr(err, "/nonexistent/phonon") != NULL);
}

/* A sound first played after the cycles the compiler queries (64) is loaded too, because
 * the program names it: `"<~!70 tone>"` plays the folder's 1 kHz tone at cycle 70. */
Test(dsp_samples, a_sound_first_played_late_is_loaded)
{
    make_tree();
    ph_settings s = {.sample_rate = 48000, .max_block = 512, .threads = 1, .sample_dir = dir};
    const char *text = "out: s \"<~!70 tone>\"\n";
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
    cr_assert_not_null(p, "%s", d.message);
    ph_engine *e = ph_engine_new(&s);
    cr_assert(ph_engine_set_program(e, p));
    ph_engine_locate(e, 70.0);
    float *l = td_buf(24000, 0), *r = td_buf(24000, 0);
    for (uint32_t at = 0; at < 24000; at += 480) {
        float *o[2] = {l + at, r + at};
        ph_engine_render(e, o, 2, 480);
    }
    double a = td_amp(l + 2400, 19200, 1000, 48000);
    cr_assert_gt(a, 0.1, "the tone sample plays at cycle 70 (1 kHz amplitude %g)", a);
    free(l);
    free(r);
    ph_engine_free(e);
    remove_tree();
}
