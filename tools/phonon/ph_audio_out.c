/* The front of the audio output: picks the backend for a device name, and the part of the
 * real-time callback every backend shares (block splitting, the fade, the counters). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ph_audio_backend.h"

#define FADE_END_BITS 40
#define FADE_END_MASK ((UINT64_C(1) << FADE_END_BITS) - 1)
#define FADE_LEN_MAX ((UINT64_C(1) << (64 - FADE_END_BITS)) - 1)
#define FADE_NONE UINT64_MAX /* end = all ones: never */

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t); /* a vDSO read: fine on the audio thread */
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static bool starts_with(const char *s, const char *prefix, const char **rest)
{
    size_t n = strlen(prefix);
    if (strncmp(s, prefix, n)) return false;
    *rest = s + n;
    return true;
}

ph_audio_out *ph_audio_out_open(const ph_audio_out_config *c, char *err, size_t errlen)
{
    ph_audio_out *a = calloc(1, sizeof *a);
    if (!a) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    a->cfg = *c;
    if (!a->cfg.client_name) a->cfg.client_name = "phonon";
    if (!(a->cfg.rate > 0)) a->cfg.rate = 48000;
    if (!a->cfg.block) a->cfg.block = 256;
    atomic_init(&a->fade, FADE_NONE);

    const char *dev = c->device && c->device[0] ? c->device : "auto", *rest;
    bool ok;
    if (!strcmp(dev, "auto")) {
        char jerr[256];
        ok = ph_audio_jack_open(a, NULL, jerr, sizeof jerr);
        if (!ok) {
            char aerr[256];
            ok = ph_audio_alsa_open(a, "default", aerr, sizeof aerr);
            if (!ok) snprintf(err, errlen, "no audio output: %s, and %s", jerr, aerr);
        }
    } else if (!strcmp(dev, "jack")) ok = ph_audio_jack_open(a, NULL, err, errlen);
    else if (starts_with(dev, "jack:", &rest)) ok = ph_audio_jack_open(a, rest, err, errlen);
    else if (!strcmp(dev, "alsa")) ok = ph_audio_alsa_open(a, "default", err, errlen);
    else if (starts_with(dev, "alsa:", &rest)) ok = ph_audio_alsa_open(a, rest, err, errlen);
    else ok = ph_audio_alsa_open(a, dev, err, errlen);
    if (!ok) {
        free(a);
        return NULL;
    }
    return a;
}

bool ph_audio_out_start(ph_audio_out *a, ph_audio_render_fn render, void *user, char *err, size_t errlen)
{
    if (a->started) return true;
    a->render = render;
    a->user = user;
    a->started = a->be->start(a, err, errlen);
    return a->started;
}

double ph_audio_out_rate(const ph_audio_out *a) { return a->rate; }
uint32_t ph_audio_out_max_block(const ph_audio_out *a) { return a->max_block; }
const char *ph_audio_out_describe(const ph_audio_out *a) { return a->describe; }

void ph_audio_out_stats(const ph_audio_out *a, ph_audio_stats *st)
{
    st->failed = atomic_load_explicit(&a->failed, memory_order_acquire);
    st->frames = atomic_load_explicit(&a->frames, memory_order_acquire);
    st->busy_ns = atomic_load_explicit(&a->busy_ns, memory_order_relaxed);
    st->xruns = atomic_load_explicit(&a->xruns, memory_order_relaxed);
}

const char *ph_audio_out_failure(const ph_audio_out *a) { return ph_audio_out_lost(a) ? a->failure : ""; }

bool ph_audio_out_lost(const ph_audio_out *a) { return atomic_load_explicit(&a->failed, memory_order_acquire); }

void ph_audio_out_fail(ph_audio_out *a, const char *why)
{
    if (atomic_load_explicit(&a->failed, memory_order_acquire)) return;
    size_t i = 0;
    for (; why[i] && i + 1 < sizeof a->failure; i++) a->failure[i] = why[i];
    a->failure[i] = '\0';
    atomic_store_explicit(&a->failed, true, memory_order_release);
}

void ph_audio_out_fade_at(ph_audio_out *a, uint64_t at, double seconds)
{
    double len = seconds * a->rate;
    uint64_t n = len < 1 ? 1 : len > (double)FADE_LEN_MAX ? FADE_LEN_MAX : (uint64_t)len;
    uint64_t end = at + n;
    if (end > FADE_END_MASK - 1) end = FADE_END_MASK - 1;
    uint64_t want = (n << FADE_END_BITS) | end;
    uint64_t cur = atomic_load_explicit(&a->fade, memory_order_acquire);
    /* An earlier end wins; a compare-exchange loop because two threads may ask. */
    while ((cur == FADE_NONE || end < (cur & FADE_END_MASK)) &&
           !atomic_compare_exchange_weak_explicit(&a->fade, &cur, want, memory_order_acq_rel,
                                                  memory_order_acquire)) {
    }
}

bool ph_audio_out_faded(const ph_audio_out *a)
{
    if (atomic_load_explicit(&a->failed, memory_order_acquire) || !a->started) return true;
    uint64_t f = atomic_load_explicit(&a->fade, memory_order_acquire);
    if (f == FADE_NONE) return false;
    return atomic_load_explicit(&a->frames, memory_order_acquire) >= (f & FADE_END_MASK) + a->latency;
}

void ph_audio_out_fade_out(ph_audio_out *a, double seconds)
{
    ph_audio_out_fade_at(a, atomic_load_explicit(&a->frames, memory_order_acquire), seconds);
    /* Bounded: a device that stops taking audio must not hang the exit. */
    double waited = 0, limit = seconds + (double)a->latency / a->rate + 1.0;
    while (!ph_audio_out_faded(a) && waited < limit) {
        nanosleep(&(struct timespec){0, 5000000}, NULL);
        waited += 0.005;
    }
}

void ph_audio_out_close(ph_audio_out *a)
{
    if (!a) return;
    if (a->started) a->be->stop(a);
    a->be->close(a);
    free(a);
}

/* Multiplies out by the fade's gain for frames [f0, f0 + n): 1 before it, a linear ramp
 * down to 0 at its end, 0 after. */
static void apply_fade(ph_audio_out *a, float *const *out, uint32_t n, uint64_t f0)
{
    uint64_t f = atomic_load_explicit(&a->fade, memory_order_acquire);
    if (f == FADE_NONE) return;
    uint64_t end = f & FADE_END_MASK, len = f >> FADE_END_BITS;
    uint64_t begin = end > len ? end - len : 0;
    if (f0 + n <= begin) return;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t s = f0 + i;
        float g = s < begin ? 1.0f : s >= end ? 0.0f : (float)(end - s) / (float)len;
        for (int c = 0; c < PH_AUDIO_CHANNELS; c++) out[c][i] *= g;
    }
}

void ph_audio_out_process(ph_audio_out *a, float *const *out, uint32_t n)
{
    uint64_t t0 = now_ns();
    uint64_t f0 = atomic_load_explicit(&a->frames, memory_order_relaxed);
    for (uint32_t done = 0; done < n;) {
        uint32_t k = n - done < a->max_block ? n - done : a->max_block;
        float *part[PH_AUDIO_CHANNELS];
        for (int c = 0; c < PH_AUDIO_CHANNELS; c++) part[c] = out[c] + done;
        a->render(a->user, part, PH_AUDIO_CHANNELS, k);
        done += k;
    }
    apply_fade(a, out, n, f0);
    atomic_store_explicit(&a->frames, f0 + n, memory_order_release);
    atomic_fetch_add_explicit(&a->busy_ns, now_ns() - t0, memory_order_relaxed);
}
