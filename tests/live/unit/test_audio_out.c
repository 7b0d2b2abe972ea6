/* ph_audio_out: the shared part of the callback (block splitting, the fade, the counts)
 * on a hand-made output, and the ALSA backend end to end through alsa-lib's `file`
 * device (ALSA_CONFIG_PATH: a configuration of the test's own, no sound card needed). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ph_audio_backend.h"

typedef struct recorder {
    uint32_t calls, largest, frames;
} recorder;

/* Writes 0.5 everywhere and records the sizes it was asked for. */
static void half(void *user, float *const *out, uint32_t channels, uint32_t n)
{
    recorder *r = user;
    r->calls++;
    r->largest = n > r->largest ? n : r->largest;
    r->frames += n;
    for (uint32_t c = 0; c < channels; c++)
        for (uint32_t i = 0; i < n; i++) out[c][i] = 0.5f;
}

Test(audio_out, blocks_larger_than_the_engines_are_split_and_faded_per_sample)
{
    recorder r = {0};
    ph_audio_out a = {.rate = 48000, .max_block = 64, .render = half, .user = &r, .started = true};
    atomic_init(&a.fade, UINT64_MAX);
    float l[1000], rr[1000];
    float *out[2] = {l, rr};
    ph_audio_out_process(&a, out, 300);
    cr_expect_eq(r.calls, 5);
    cr_expect_eq(r.largest, 64);
    cr_expect_eq(r.frames, 300);
    ph_audio_stats st;
    ph_audio_out_stats(&a, &st);
    cr_expect_eq(st.frames, 300);
    cr_expect_gt(st.busy_ns, 0);
    /* a 100-frame fade from frame 400: 1 before, a ramp, 0 after */
    ph_audio_out_fade_at(&a, 400, 100.0 / 48000);
    cr_expect_not(ph_audio_out_faded(&a));
    ph_audio_out_process(&a, out, 1000); /* frames 300 .. 1299 */
    cr_expect_float_eq(l[99], 0.5f, 1e-6);  /* frame 399 */
    cr_expect_float_eq(l[150], 0.25f, 1e-6); /* frame 450: halfway */
    cr_expect_float_eq(rr[150], 0.25f, 1e-6);
    cr_expect_eq(l[200], 0.0f); /* frame 500 on: silent */
    cr_expect_eq(l[999], 0.0f);
    cr_expect(ph_audio_out_faded(&a));
    /* a later request does not undo an earlier end */
    ph_audio_out_fade_at(&a, 5000, 0.1);
    ph_audio_out_process(&a, out, 100);
    cr_expect_eq(l[50], 0.0f);
}

static char dir[64], conf[128], raw[128];

static void write_conf(const char *text)
{
    strcpy(dir, "/tmp/phonon-alsa-XXXXXX");
    cr_assert_not_null(mkdtemp(dir));
    snprintf(conf, sizeof conf, "%s/alsa.conf", dir);
    snprintf(raw, sizeof raw, "%s/out.raw", dir);
    FILE *f = fopen(conf, "w");
    cr_assert_not_null(f);
    fprintf(f, text, raw);
    fclose(f);
    setenv("ALSA_CONFIG_PATH", conf, 1);
    setenv("JACK_DEFAULT_SERVER", "phonon-no-such-server", 1);
}

Test(audio_out, alsa_file_device_gets_the_audio_and_the_fade)
{
    write_conf("pcm.cap { type file slave.pcm { type null } file \"%s\" format \"raw\" }\n");
    char err[600];
    ph_audio_out *a = ph_audio_out_open(&(ph_audio_out_config){.device = "alsa:cap", .rate = 44100, .block = 128},
                                        err, sizeof err);
    cr_assert_not_null(a, "%s", err);
    cr_expect_eq(ph_audio_out_rate(a), 44100);
    cr_expect_eq(ph_audio_out_max_block(a), 128);
    cr_expect(strstr(ph_audio_out_describe(a), "ALSA 'cap' 44100 Hz"), "%s", ph_audio_out_describe(a));
    recorder r = {0};
    /* fade frames 1000..1100, set before the start: this device takes audio at once */
    ph_audio_out_fade_at(a, 1000, 100.0 / 44100);
    cr_assert(ph_audio_out_start(a, half, &r, err, sizeof err), "%s", err);
    for (int i = 0; i < 200 && !ph_audio_out_faded(a); i++) nanosleep(&(struct timespec){0, 10000000}, NULL);
    cr_expect(ph_audio_out_faded(a));
    ph_audio_out_close(a);
    FILE *f = fopen(raw, "rb");
    cr_assert_not_null(f);
    static float x[2 * 4096];
    size_t n = fread(x, sizeof(float) * 2, 4096, f) ;
    fclose(f);
    cr_assert_geq(n, 1100 + 3 * 128, "%zu frames", n);
    cr_expect_float_eq(x[2 * 999], 0.5f, 1e-6);
    cr_expect_float_eq(x[2 * 1050 + 1], 0.25f, 1e-6);
    cr_expect_eq(x[2 * 1100], 0.0f);
    cr_expect_eq(x[2 * (n - 1)], 0.0f);
}

Test(audio_out, no_jack_server_and_no_alsa_device_is_a_clear_error)
{
    write_conf("# no devices at all %s\n");
    char err[600] = "";
    cr_expect_null(ph_audio_out_open(&(ph_audio_out_config){0}, err, sizeof err));
    cr_expect(strstr(err, "no audio output: no JACK server is running") &&
                  strstr(err, "ALSA device 'default' cannot be opened"), "%s", err);
    cr_expect_null(ph_audio_out_open(&(ph_audio_out_config){.device = "jack:system"}, err, sizeof err));
    cr_expect(strstr(err, "no JACK server is running"), "%s", err);
}
