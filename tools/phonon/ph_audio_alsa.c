/* The ALSA backend of ph_audio_out: a thread (real-time priority when the system allows it)
 * that renders one period, converts it to the device's sample format and writes it.
 * The device is opened non-blocking and waited on with a timeout, so a device that stops
 * taking audio is reported instead of hanging the program (and its Ctrl-C). */
#include <alsa/asoundlib.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ph_audio_backend.h"

#define PERIODS 3           /* buffer = 3 periods: the usual compromise of latency and safety */
#define STALL_MS 2000       /* no progress for this long: the device is gone */
#define RT_PRIORITY 70

typedef struct alsa_state {
    snd_pcm_t *pcm;
    snd_pcm_format_t format;
    uint32_t period;
    float *planar;      /* PH_AUDIO_CHANNELS * period */
    unsigned char *raw; /* one period, interleaved, in the device's format */
    pthread_t thread;
    bool running;
    atomic_bool stop;
} alsa_state;

/* alsa-lib prints its own errors ("cannot find card '0'") to stderr; ours say it once. */
static void quiet(const char *file, int line, const char *function, int err, const char *fmt, ...)
{
    (void)file, (void)line, (void)function, (void)err, (void)fmt;
}

static const snd_pcm_format_t formats[] = {SND_PCM_FORMAT_FLOAT_LE, SND_PCM_FORMAT_S32_LE, SND_PCM_FORMAT_S16_LE};

static int sample_bytes(snd_pcm_format_t f) { return f == SND_PCM_FORMAT_S16_LE ? 2 : 4; }

static float clip1(float x) { return x > 1.0f ? 1.0f : x < -1.0f ? -1.0f : x; }

/* Interleaves the planar period into the device's format. */
static void convert(alsa_state *st)
{
    const float *l = st->planar, *r = st->planar + st->period;
    for (uint32_t i = 0; i < st->period; i++) {
        float v[PH_AUDIO_CHANNELS] = {l[i], r[i]};
        for (int c = 0; c < PH_AUDIO_CHANNELS; c++) {
            size_t k = (size_t)i * PH_AUDIO_CHANNELS + (size_t)c;
            if (st->format == SND_PCM_FORMAT_FLOAT_LE) {
                memcpy(st->raw + k * 4, &v[c], 4);
            } else if (st->format == SND_PCM_FORMAT_S32_LE) {
                int32_t s = (int32_t)lrint((double)clip1(v[c]) * 2147483647.0);
                memcpy(st->raw + k * 4, &s, 4);
            } else {
                int16_t s = (int16_t)lrintf(clip1(v[c]) * 32767.0f);
                memcpy(st->raw + k * 2, &s, 2);
            }
        }
    }
}

/* Writes one period; false when stopping or when the device failed (reported). */
static bool write_period(ph_audio_out *a, alsa_state *st)
{
    const unsigned char *p = st->raw;
    snd_pcm_uframes_t left = st->period;
    const size_t frame = (size_t)sample_bytes(st->format) * PH_AUDIO_CHANNELS;
    int idle_ms = 0;
    while (left > 0) {
        if (atomic_load_explicit(&st->stop, memory_order_acquire)) return false;
        snd_pcm_sframes_t w = snd_pcm_writei(st->pcm, p, left);
        if (w >= 0) {
            p += (size_t)w * frame;
            left -= (snd_pcm_uframes_t)w;
            idle_ms = 0;
            continue;
        }
        if (w == -EAGAIN) {
            int r = snd_pcm_wait(st->pcm, 100);
            if (r > 0) continue;
            if (r == 0 && (idle_ms += 100) < STALL_MS) continue;
            if (r == 0) {
                ph_audio_out_fail(a, "the ALSA device stopped taking audio");
                return false;
            }
            w = r;
        }
        if (w == -EPIPE) atomic_fetch_add_explicit(&a->xruns, 1, memory_order_relaxed);
        int rc = snd_pcm_recover(st->pcm, (int)w, 1);
        if (rc < 0) {
            char why[200];
            snprintf(why, sizeof why, "the ALSA device failed: %s", snd_strerror(rc));
            ph_audio_out_fail(a, why);
            return false;
        }
    }
    return true;
}

static void *run(void *arg)
{
    ph_audio_out *a = arg;
    alsa_state *st = a->state;
    float *out[PH_AUDIO_CHANNELS] = {st->planar, st->planar + st->period};
    while (!atomic_load_explicit(&st->stop, memory_order_acquire)) {
        ph_audio_out_process(a, out, st->period);
        convert(st);
        if (!write_period(a, st)) break;
    }
    return NULL;
}

static bool start(ph_audio_out *a, char *err, size_t errlen)
{
    alsa_state *st = a->state;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setinheritsched(&attr, PTHREAD_EXPLICIT_SCHED);
    pthread_attr_setschedpolicy(&attr, SCHED_FIFO);
    pthread_attr_setschedparam(&attr, &(struct sched_param){.sched_priority = RT_PRIORITY});
    int rc = pthread_create(&st->thread, &attr, run, a);
    pthread_attr_destroy(&attr);
    if (rc == EPERM) rc = pthread_create(&st->thread, NULL, run, a); /* no real-time rights */
    if (rc) {
        snprintf(err, errlen, "cannot start the audio thread: %s", strerror(rc));
        return false;
    }
    st->running = true;
    return true;
}

static void stop(ph_audio_out *a)
{
    alsa_state *st = a->state;
    atomic_store_explicit(&st->stop, true, memory_order_release);
    if (st->running) pthread_join(st->thread, NULL);
    st->running = false;
    /* What is still queued is silence after the fade (ph_audio_out_fade_out waits for it). */
    snd_pcm_drop(st->pcm);
}

static void free_state(alsa_state *st)
{
    if (st->pcm) snd_pcm_close(st->pcm);
    /* alsa-lib's parsed configuration stays cached otherwise (a leak to ASan). */
    snd_config_update_free_global();
    free(st->planar);
    free(st->raw);
    free(st);
}

static void close_alsa(ph_audio_out *a) { free_state(a->state); }

static const ph_audio_backend alsa_backend = {start, stop, close_alsa};

/* Sets the hardware parameters; an error message names what the device refused. */
static bool configure(ph_audio_out *a, alsa_state *st, const char *device, char *err, size_t errlen)
{
    snd_pcm_hw_params_t *hw;
    snd_pcm_hw_params_alloca(&hw);
    snd_pcm_hw_params_any(st->pcm, hw);
    if (snd_pcm_hw_params_set_access(st->pcm, hw, SND_PCM_ACCESS_RW_INTERLEAVED) < 0) {
        snprintf(err, errlen, "ALSA device '%s' does not take interleaved writes", device);
        return false;
    }
    size_t f = 0;
    while (f < sizeof formats / sizeof formats[0] && snd_pcm_hw_params_set_format(st->pcm, hw, formats[f]) < 0) f++;
    if (f == sizeof formats / sizeof formats[0]) {
        snprintf(err, errlen, "ALSA device '%s' takes none of float, S32, S16 (try plughw:...)", device);
        return false;
    }
    st->format = formats[f];
    if (snd_pcm_hw_params_set_channels(st->pcm, hw, PH_AUDIO_CHANNELS) < 0) {
        snprintf(err, errlen, "ALSA device '%s' does not take 2 channels (try plughw:...)", device);
        return false;
    }
    unsigned rate = (unsigned)lrint(a->cfg.rate);
    snd_pcm_uframes_t period = a->cfg.block, buffer = (snd_pcm_uframes_t)a->cfg.block * PERIODS;
    int rc;
    if ((rc = snd_pcm_hw_params_set_rate_near(st->pcm, hw, &rate, NULL)) < 0 ||
        (rc = snd_pcm_hw_params_set_period_size_near(st->pcm, hw, &period, NULL)) < 0 ||
        (rc = snd_pcm_hw_params_set_buffer_size_near(st->pcm, hw, &buffer)) < 0 ||
        (rc = snd_pcm_hw_params(st->pcm, hw)) < 0) {
        snprintf(err, errlen, "ALSA device '%s' refused %u Hz with %u-frame periods: %s", device,
                 (unsigned)lrint(a->cfg.rate), a->cfg.block, snd_strerror(rc));
        return false;
    }
    snd_pcm_hw_params_get_period_size(hw, &period, NULL);
    snd_pcm_hw_params_get_buffer_size(hw, &buffer);
    snd_pcm_sw_params_t *sw;
    snd_pcm_sw_params_alloca(&sw);
    snd_pcm_sw_params_current(st->pcm, sw);
    snd_pcm_sw_params_set_start_threshold(st->pcm, sw, buffer - buffer % period);
    snd_pcm_sw_params_set_avail_min(st->pcm, sw, period);
    if ((rc = snd_pcm_sw_params(st->pcm, sw)) < 0) {
        snprintf(err, errlen, "ALSA device '%s': %s", device, snd_strerror(rc));
        return false;
    }
    a->rate = rate;
    a->max_block = st->period = (uint32_t)period;
    a->latency = (uint32_t)buffer;
    snprintf(a->describe, sizeof a->describe, "ALSA '%s' %u Hz, %u frames x %u, %s", device, rate,
             (unsigned)period, (unsigned)(buffer / (period ? period : 1)), snd_pcm_format_name(st->format));
    return true;
}

bool ph_audio_alsa_open(ph_audio_out *a, const char *device, char *err, size_t errlen)
{
    snd_lib_error_set_handler(quiet);
    alsa_state *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    atomic_init(&st->stop, false);
    int rc = snd_pcm_open(&st->pcm, device, SND_PCM_STREAM_PLAYBACK, SND_PCM_NONBLOCK);
    if (rc < 0) {
        st->pcm = NULL;
        snprintf(err, errlen, "ALSA device '%s' cannot be opened: %s", device, snd_strerror(rc));
        free_state(st);
        return false;
    }
    if (!configure(a, st, device, err, errlen)) {
        free_state(st);
        return false;
    }
    st->planar = calloc((size_t)st->period * PH_AUDIO_CHANNELS, sizeof(float));
    st->raw = calloc((size_t)st->period * PH_AUDIO_CHANNELS, 4);
    if (!st->planar || !st->raw) {
        snprintf(err, errlen, "out of memory");
        free_state(st);
        return false;
    }
    a->state = st;
    a->be = &alsa_backend;
    return true;
}
