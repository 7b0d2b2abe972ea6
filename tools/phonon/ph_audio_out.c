/* JACK output (see ph_audio_out.h). */
#include "ph_audio_out.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jack/jack.h>

struct ph_audio_out {
    jack_client_t *client;
    jack_port_t *ports[PH_AUDIO_OUT_MAX_CHANNELS];
    uint32_t channels;
    ph_audio_render_fn render;
    void *user;
    atomic_bool lost;
};

static int process(jack_nframes_t n, void *arg)
{
    ph_audio_out *a = arg;
    float *out[PH_AUDIO_OUT_MAX_CHANNELS];
    for (uint32_t c = 0; c < a->channels; c++) out[c] = jack_port_get_buffer(a->ports[c], n);
    a->render(a->user, out, a->channels, n);
    return 0;
}

static void shutdown_cb(void *arg)
{
    atomic_store(&((ph_audio_out *)arg)->lost, true);
}

ph_audio_out *ph_audio_out_open(const char *name, uint32_t channels, char *err, size_t err_size)
{
    if (channels < 1 || channels > PH_AUDIO_OUT_MAX_CHANNELS) {
        snprintf(err, err_size, "%u channels: 1 .. %d are possible", channels, PH_AUDIO_OUT_MAX_CHANNELS);
        return NULL;
    }
    ph_audio_out *a = calloc(1, sizeof *a);
    if (!a) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    jack_status_t status;
    /* JackNoStartServer: a missing server is reported, not started behind the user's back. */
    a->client = jack_client_open(name, JackNoStartServer, &status);
    if (!a->client) {
        snprintf(err, err_size, "no JACK server is running (status 0x%x); start one (e.g. "
                 "`jackd -d alsa`, or `jackd -d dummy` for a silent test)", (unsigned)status);
        free(a);
        return NULL;
    }
    a->channels = channels;
    for (uint32_t c = 0; c < channels; c++) {
        char port[32];
        if (channels == 2) snprintf(port, sizeof port, c ? "out_r" : "out_l");
        else snprintf(port, sizeof port, "out_%u", c + 1);
        a->ports[c] = jack_port_register(a->client, port, JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
        if (!a->ports[c]) {
            snprintf(err, err_size, "cannot register the JACK port %s", port);
            jack_client_close(a->client);
            free(a);
            return NULL;
        }
    }
    jack_set_process_callback(a->client, process, a);
    jack_on_shutdown(a->client, shutdown_cb, a);
    return a;
}

bool ph_audio_out_start(ph_audio_out *a, ph_audio_render_fn render, void *user, char *err,
                        size_t err_size)
{
    a->render = render;
    a->user = user;
    if (jack_activate(a->client)) {
        snprintf(err, err_size, "cannot activate the JACK client");
        return false;
    }
    /* To the speakers: the system's playback ports, in order, when there are any. */
    const char **playback = jack_get_ports(a->client, NULL, JACK_DEFAULT_AUDIO_TYPE,
                                           JackPortIsPhysical | JackPortIsInput);
    for (uint32_t c = 0; playback && c < a->channels && c < 2 && playback[c]; c++)
        jack_connect(a->client, jack_port_name(a->ports[c]), playback[c]);
    if (playback) jack_free(playback);
    return true;
}

double ph_audio_out_rate(const ph_audio_out *a) { return (double)jack_get_sample_rate(a->client); }

uint32_t ph_audio_out_max_block(const ph_audio_out *a)
{
    /* The buffer size may change while running; the engine is sized for the largest JACK
     * allows, and a block above it is rendered in pieces by the caller. */
    const jack_nframes_t n = jack_get_buffer_size(a->client);
    return n > 8192 ? n : 8192;
}

bool ph_audio_out_lost(const ph_audio_out *a) { return atomic_load(&a->lost); }

void ph_audio_out_close(ph_audio_out *a)
{
    if (!a) return;
    jack_deactivate(a->client); /* harmless when it never started */
    jack_client_close(a->client);
    free(a);
}
