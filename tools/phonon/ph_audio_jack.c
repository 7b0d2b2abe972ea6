/* The JACK backend of ph_audio_out (JACK 2, or PipeWire's libjack under pw-jack): a
 * client with two output ports, "out_left" and "out_right", whose process callback is the
 * render thread. The server is never started from here (JackNoStartServer): with no
 * server running, `auto` falls back to ALSA. */
#include <errno.h>
#include <jack/jack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ph_audio_backend.h"

typedef struct jack_state {
    jack_client_t *client;
    jack_port_t *port[PH_AUDIO_CHANNELS];
    const char **targets; /* the ports to connect to (jack_free), or NULL */
} jack_state;

/* libjack prints its own complaints ("Cannot connect to server socket ...") to stderr;
 * ours say the same more plainly. */
static void quiet(const char *msg) { (void)msg; }

static int process(jack_nframes_t n, void *arg)
{
    ph_audio_out *a = arg;
    jack_state *st = a->state;
    float *out[PH_AUDIO_CHANNELS];
    for (int c = 0; c < PH_AUDIO_CHANNELS; c++) out[c] = jack_port_get_buffer(st->port[c], n);
    ph_audio_out_process(a, out, n);
    return 0;
}

static int on_xrun(void *arg)
{
    ph_audio_out *a = arg;
    atomic_fetch_add_explicit(&a->xruns, 1, memory_order_relaxed);
    return 0;
}

static void on_shutdown(jack_status_t code, const char *reason, void *arg)
{
    (void)code;
    ph_audio_out *a = arg;
    /* Runs like a signal handler: only copies and an atomic store. */
    char why[200] = "the JACK server stopped: ";
    size_t i = strlen(why);
    for (size_t k = 0; reason && reason[k] && i + 1 < sizeof why; k++) why[i++] = reason[k];
    why[i] = '\0';
    ph_audio_out_fail(a, why);
}

static void free_state(jack_state *st)
{
    if (st->targets) jack_free(st->targets);
    if (st->client) jack_client_close(st->client);
    free(st);
}

static bool start(ph_audio_out *a, char *err, size_t errlen)
{
    jack_state *st = a->state;
    if (jack_activate(st->client)) {
        snprintf(err, errlen, "the JACK server refused to activate the client");
        return false;
    }
    if (!st->targets) return true;
    /* Left to the first port, right to the second; one port gets both. */
    int n = 0;
    while (st->targets[n] && n < PH_AUDIO_CHANNELS) n++;
    for (int c = 0; c < PH_AUDIO_CHANNELS && n > 0; c++) {
        const char *to = st->targets[c < n ? c : n - 1];
        int rc = jack_connect(st->client, jack_port_name(st->port[c]), to);
        if (rc && rc != EEXIST) fprintf(stderr, "phonon: cannot connect %s to %s\n", jack_port_name(st->port[c]), to);
    }
    return true;
}

static void stop(ph_audio_out *a)
{
    jack_state *st = a->state;
    jack_deactivate(st->client);
}

static void close_jack(ph_audio_out *a) { free_state(a->state); }

static const ph_audio_backend jack_backend = {start, stop, close_jack};

bool ph_audio_jack_open(ph_audio_out *a, const char *ports, char *err, size_t errlen)
{
    jack_set_error_function(quiet);
    jack_set_info_function(quiet);
    jack_state *st = calloc(1, sizeof *st);
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    jack_status_t status = 0;
    st->client = jack_client_open(a->cfg.client_name, JackNoStartServer, &status);
    if (!st->client) {
        if (status & JackServerFailed)
            snprintf(err, errlen, "no JACK server is running (start one with jackd or qjackctl, "
                                  "or run phonon under PipeWire's pw-jack)");
        else snprintf(err, errlen, "cannot open a JACK client (status 0x%x)", (unsigned)status);
        free_state(st);
        return false;
    }
    static const char *names[PH_AUDIO_CHANNELS] = {"out_left", "out_right"};
    for (int c = 0; c < PH_AUDIO_CHANNELS; c++) {
        st->port[c] = jack_port_register(st->client, names[c], JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, 0);
        if (!st->port[c]) {
            snprintf(err, errlen, "cannot register the JACK port %s", names[c]);
            free_state(st);
            return false;
        }
    }
    if (!ports) {
        st->targets = jack_get_ports(st->client, NULL, JACK_DEFAULT_AUDIO_TYPE, JackPortIsPhysical | JackPortIsInput);
    } else if (ports[0]) {
        st->targets = jack_get_ports(st->client, ports, JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput);
        if (!st->targets) {
            snprintf(err, errlen, "no JACK input port matches '%s' (list them with jack_lsp)", ports);
            free_state(st);
            return false;
        }
    }
    a->state = st;
    a->be = &jack_backend;
    jack_set_process_callback(st->client, process, a);
    jack_set_xrun_callback(st->client, on_xrun, a);
    jack_on_info_shutdown(st->client, on_shutdown, a);
    a->rate = jack_get_sample_rate(st->client);
    /* The engine is sized for this; a later, larger JACK buffer is rendered in pieces. */
    a->max_block = jack_get_buffer_size(st->client);
    if (a->max_block < 16) a->max_block = 16;
    a->latency = a->max_block;
    snprintf(a->describe, sizeof a->describe, "JACK '%s' %.0f Hz, %u frames%s", jack_get_client_name(st->client),
             a->rate, a->max_block, st->targets ? "" : ", not connected");
    return true;
}
