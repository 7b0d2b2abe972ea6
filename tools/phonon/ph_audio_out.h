/* Audio output to the machine's sound system for the standalone commands (`phonon edit`,
 * later `phonon live`): a JACK client with one output port per channel, connected to the
 * system's playback ports when there are any. The render function is called on JACK's
 * real-time thread with non-interleaved float buffers and must be real-time safe.
 *
 * Without a running JACK server (or libjack at all) open fails with a message; the ALSA
 * path that should take over then is not written yet. */
#ifndef PH_AUDIO_OUT_H
#define PH_AUDIO_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef void (*ph_audio_render_fn)(void *user, float *const *out, uint32_t n_channels,
                                   uint32_t nframes);

typedef struct ph_audio_out ph_audio_out;

/* Opens a client named `name` with `channels` outputs (1..PH_AUDIO_OUT_MAX_CHANNELS), not
 * yet running: its rate and block size are known, so the caller can size its engine before
 * ph_audio_out_start(). NULL with err filled on failure. */
#define PH_AUDIO_OUT_MAX_CHANNELS 18
ph_audio_out *ph_audio_out_open(const char *name, uint32_t channels, char *err, size_t err_size);
/* Starts calling render (on the audio thread) and connects to the speakers. */
bool ph_audio_out_start(ph_audio_out *a, ph_audio_render_fn render, void *user, char *err,
                        size_t err_size);
double ph_audio_out_rate(const ph_audio_out *a);
uint32_t ph_audio_out_max_block(const ph_audio_out *a);
/* True once the server has shut the client down (the sound system went away). */
bool ph_audio_out_lost(const ph_audio_out *a);
void ph_audio_out_close(ph_audio_out *a);

#endif
