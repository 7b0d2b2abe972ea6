/* The machine's audio output for the phonon tool: JACK (or PipeWire's JACK) when a server
 * runs, else ALSA. It knows nothing of the engine: it calls a render function from its
 * real-time thread and takes care of the rest (the device, the block splitting, the
 * closing fade, the CPU-load and xrun counts). `phonon live` and `phonon play` use it.
 *
 *     ph_audio_out *a = ph_audio_out_open(&(ph_audio_out_config){.device = NULL, ...},
 *                                         err, sizeof err);
 *     ... ph_audio_out_rate(a), ph_audio_out_max_block(a): build what render needs ...
 *     ph_audio_out_start(a, render, user, err, sizeof err);
 *     ... ph_audio_out_stats(a, &st) from any thread ...
 *     ph_audio_out_fade_out(a, 0.05);   // blocks until the output has faded to silence
 *     ph_audio_out_close(a);
 *
 * Devices (the `--device` option):
 *   NULL, "" or "auto"  JACK when a server is running (outputs connected to the system's
 *                       playback ports), else the ALSA device "default"
 *   "jack"              JACK only, connected to the system's playback ports
 *   "jack:REGEX"        JACK only, connected to the input ports whose names match REGEX
 *                       (left to the first, right to the second); "jack:" connects nothing
 *   "alsa", "alsa:NAME" ALSA "default" or NAME
 *   anything else       an ALSA device name: "hw:0", "plughw:1,0", "pipewire", ...
 * No JACK server is ever started by opening. */
#ifndef PH_AUDIO_OUT_H
#define PH_AUDIO_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* [RT] Fills out[0 .. channels-1][0 .. nframes-1]; nframes <= ph_audio_out_max_block(). */
typedef void (*ph_audio_render_fn)(void *user, float *const *out, uint32_t channels, uint32_t nframes);

typedef struct ph_audio_out_config {
    const char *device;      /* see above */
    const char *client_name; /* JACK client name; NULL: "phonon" */
    double rate;             /* ALSA: requested rate (JACK runs at the server's); 0: 48000 */
    uint32_t block;          /* ALSA: requested period in frames (JACK: the server's); 0: 256 */
} ph_audio_out_config;

typedef struct ph_audio_out ph_audio_out;

/* Always stereo. */
#define PH_AUDIO_CHANNELS 2

/* Opens the device without starting it. NULL and a message in err when no device can be
 * opened (the message says what was tried and why it failed). [non-RT] */
ph_audio_out *ph_audio_out_open(const ph_audio_out_config *c, char *err, size_t errlen);
/* Starts calling render(user, ...) (what it renders may be sized from the rate and the
 * block below, hence after the open). false and a message when the device refuses.
 * [non-RT] */
bool ph_audio_out_start(ph_audio_out *a, ph_audio_render_fn render, void *user, char *err, size_t errlen);

double ph_audio_out_rate(const ph_audio_out *a);
uint32_t ph_audio_out_max_block(const ph_audio_out *a);
/* "JACK 'phonon' 48000 Hz, 256 frames" / "ALSA 'default' 48000 Hz, 256 frames x 3". */
const char *ph_audio_out_describe(const ph_audio_out *a);

typedef struct ph_audio_stats {
    uint64_t frames;  /* frames rendered since start */
    uint64_t busy_ns; /* time spent in the render callback (including the split and fade) */
    uint32_t xruns;   /* under-runs the backend reported */
    bool failed;      /* the device or server went away; message in ph_audio_out_failure */
} ph_audio_stats;
void ph_audio_out_stats(const ph_audio_out *a, ph_audio_stats *st); /* any thread */
const char *ph_audio_out_failure(const ph_audio_out *a);          /* "" until failed */
/* True once the device or server has gone away (ph_audio_stats.failed on its own). */
bool ph_audio_out_lost(const ph_audio_out *a);

/* Fades the output to silence over `seconds` starting at frame `at` (counted like
 * ph_audio_stats.frames; one in the past means now), then keeps it silent. May be called
 * again: the earlier end wins. [non-RT; any thread] */
void ph_audio_out_fade_at(ph_audio_out *a, uint64_t at, double seconds);
/* True once the fade has reached silence (or the device failed). */
bool ph_audio_out_faded(const ph_audio_out *a);
/* Fades from now and waits (at most the fade plus one second) until it is silent. */
void ph_audio_out_fade_out(ph_audio_out *a, double seconds);

/* Stops (if started) and closes; render is not called after this returns. [non-RT] */
void ph_audio_out_close(ph_audio_out *a);

#endif
