/* Inside ph_audio_out: what the backends (ph_audio_jack.c, ph_audio_alsa.c) share with the
 * front (ph_audio_out.c). Not for users of ph_audio_out.h. */
#ifndef PH_AUDIO_BACKEND_H
#define PH_AUDIO_BACKEND_H

#include <stdatomic.h>

#include "ph_audio_out.h"

typedef struct ph_audio_backend {
    bool (*start)(ph_audio_out *a, char *err, size_t errlen);
    void (*stop)(ph_audio_out *a); /* render is not called after this returns */
    void (*close)(ph_audio_out *a);
} ph_audio_backend;

struct ph_audio_out {
    ph_audio_out_config cfg;
    ph_audio_render_fn render;
    void *user;
    const ph_audio_backend *be;
    void *state; /* the backend's */
    double rate;
    uint32_t max_block;
    uint32_t latency; /* frames between the callback and the speaker: the fade waits for them */
    bool started;
    char describe[192];

    /* Written by the real-time thread, read anywhere. */
    _Atomic uint64_t frames, busy_ns;
    atomic_uint xruns;
    /* The fade: end frame (low 40 bits) and length (high 24 bits) in one word, so that the
     * callback never sees the end of one request with the length of another. */
    _Atomic uint64_t fade;
    atomic_bool failed;
    char failure[256]; /* written once, before `failed` is set */
};

/* [RT] Renders n frames into out[0..1] (split into max_block pieces), applies the fade,
 * counts frames and time. Every backend's callback goes through here. */
void ph_audio_out_process(ph_audio_out *a, float *const *out, uint32_t n);
/* Marks the device as gone with a reason (async-signal-safe: JACK's shutdown callback). */
void ph_audio_out_fail(ph_audio_out *a, const char *why);

/* Each fills rate, max_block, latency, describe, be and state, or returns false with a
 * message. JACK: `ports` is the regex for the ports to connect to (NULL: the physical
 * playback ports, "" none). */
bool ph_audio_jack_open(ph_audio_out *a, const char *ports, char *err, size_t errlen);
bool ph_audio_alsa_open(ph_audio_out *a, const char *device, char *err, size_t errlen);

#endif
