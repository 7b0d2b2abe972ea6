/* phonon edit FILE.ph: the plugin's editor in a window of its own, playing through the
 * machine's audio (ph_audio_out: JACK, else ALSA), saving to the file.
 *
 * Threads: the window, compiling and saving run here; the audio callback is `phonon
 * live`'s player (ph_player: the program hand-over and the retired programs' return) with
 * the editor's hush fade and the output peaks, which go to the window through atomics. */
#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <phonon/phonon.h>

#include "commands.h"
#include "graphtool_io.h"
#include "ph_audio_out.h"
#include "ph_player.h"
#include "ph_ui_view.h"

#define EDIT_HUSH_SECONDS 0.01

typedef struct edit_app {
    const char *path;
    ph_settings settings;
    ph_player *player;
    double rate;
    ph_ui_view *view;
    /* UI -> audio */
    atomic_bool hush;
    /* audio only */
    double gain;
    /* audio -> UI */
    _Atomic uint32_t peak_bits[2];
    /* UI */
    double cps; /* the tempo playing, for the status line */
    bool closed;
} edit_app;

static volatile sig_atomic_t stop_signal;
static void on_signal(int sig) { stop_signal = sig; }

/* ------------------------------------------------------------ audio thread */

static void render(void *user, float *const *out, uint32_t n_channels, uint32_t nframes)
{
    edit_app *a = user;
    ph_player_render(a->player, out, n_channels, nframes);
    /* Hush: the same kind of 10 ms fade as the plugin's. */
    const double target = atomic_load_explicit(&a->hush, memory_order_relaxed) ? 0.0 : 1.0;
    const double k = 1.0 - exp(-1.0 / (EDIT_HUSH_SECONDS * a->rate));
    double g = a->gain;
    float peak[2] = {0, 0};
    for (uint32_t i = 0; i < nframes; i++) {
        g += (target - g) * k;
        if (fabs(target - g) < 1e-6) g = target;
        for (uint32_t c = 0; c < n_channels; c++) {
            out[c][i] = (float)(out[c][i] * g);
            const float v = fabsf(out[c][i]);
            if (c < 2 && v > peak[c]) peak[c] = v;
        }
    }
    a->gain = g;
    for (int c = 0; c < 2; c++) {
        uint32_t old = atomic_load_explicit(&a->peak_bits[c], memory_order_relaxed), nb;
        float f;
        memcpy(&f, &old, sizeof f);
        if (peak[c] <= f) continue;
        memcpy(&nb, &peak[c], sizeof nb);
        atomic_compare_exchange_strong(&a->peak_bits[c], &old, nb);
    }
}

/* ------------------------------------------------------------ UI thread */

static bool save(const char *path, const char *text, size_t len)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.phonon-tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f) return false;
    const bool ok = fwrite(text, 1, len, f) == len;
    if (fclose(f) != 0 || !ok || rename(tmp, path) != 0) {
        remove(tmp);
        return false;
    }
    return true;
}

static void on_evaluate(void *user, const char *text, size_t len)
{
    edit_app *a = user;
    ph_diag diag = {0};
    ph_program *p = ph_program_compile(text, len, &a->settings, &diag);
    if (!save(a->path, text, len))
        fprintf(stderr, "phonon edit: cannot save %s: %s\n", a->path, strerror(errno));
    if (!p) {
        char msg[700];
        if (diag.line > 0) snprintf(msg, sizeof msg, "%d:%d: %s", diag.line, diag.column, diag.message);
        else snprintf(msg, sizeof msg, "%s", diag.message[0] ? diag.message : "compile failed");
        ph_ui_view_set_error(a->view, msg, strlen(msg)); /* the old program plays on */
        return;
    }
    atomic_store(&a->hush, false);
    const double cps = ph_program_cps(p);
    if (!ph_player_offer(a->player, p)) { /* out of memory: p is freed, the old one plays on */
        ph_ui_view_set_error(a->view, "out of memory", 13);
        return;
    }
    if (cps > 0) a->cps = cps;
    ph_ui_view_set_error(a->view, "", 0);
    ph_ui_view_set_playing(a->view, text, len, ph_ui_now_ms());
}

static void on_hush(void *user) { atomic_store(&((edit_app *)user)->hush, true); }
static void on_closed(void *user) { ((edit_app *)user)->closed = true; }

int cmd_edit(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: phonon edit FILE.ph\n");
        return 2;
    }
    edit_app *a = calloc(1, sizeof *a);
    if (!a) return 1;
    a->path = argv[1];
    a->gain = 1.0;
    a->cps = 0.5; /* the engine's default tempo */
    size_t len = 0;
    char *text = NULL; /* a file that does not exist yet starts empty */
    if (access(a->path, F_OK) == 0 && !(text = ph_graphtool_read_file(a->path, &len))) {
        free(a);
        return 1;
    }
    char err[512];
    const ph_ui_view_host host = {a, on_evaluate, on_hush, NULL, on_closed};
    char title[600];
    snprintf(title, sizeof title, "%.500s - Phonon", a->path);
    a->view = ph_ui_view_new(0, title, &host, err, sizeof err);
    if (!a->view) {
        fprintf(stderr, "phonon edit: %s\n", err);
        free(text);
        free(a);
        return 1;
    }
    ph_audio_out *out = ph_audio_out_open(&(ph_audio_out_config){.device = getenv("PHONON_DEVICE"),
                                                                 .client_name = "phonon"},
                                          err, sizeof err);
    if (out) {
        a->rate = ph_audio_out_rate(out);
        a->settings = (ph_settings){.sample_rate = a->rate, .max_block = ph_audio_out_max_block(out),
                                    .threads = 1, .sample_dir = getenv("PHONON_SAMPLES")};
        a->player = ph_player_new(&a->settings);
        if (!a->player) snprintf(err, sizeof err, "cannot create the engine at %.0f Hz", a->rate);
    }
    if (!out || !a->player || !ph_audio_out_start(out, render, a, err, sizeof err)) {
        fprintf(stderr, "phonon edit: %s\n", err);
        ph_audio_out_close(out);
        ph_player_free(a->player);
        ph_ui_view_free(a->view);
        free(text);
        free(a);
        return 1;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    ph_ui_view_show(a->view, true);
    /* The file plays at once, as Ctrl+Enter would (an empty or missing file: nothing). */
    if (text && len) on_evaluate(a, text, len);
    else ph_ui_view_set_playing(a->view, "", 0, ph_ui_now_ms());
    free(text);

    while (!a->closed && !stop_signal && !ph_audio_out_lost(out)) {
        struct pollfd pfd = {ph_ui_view_fd(a->view), POLLIN, 0};
        poll(&pfd, 1, 16);
        float peak[2];
        for (int c = 0; c < 2; c++) {
            const uint32_t b = atomic_exchange(&a->peak_bits[c], 0);
            memcpy(&peak[c], &b, sizeof peak[c]);
        }
        const double now = ph_ui_now_ms();
        ph_ui_view_set_status(a->view, ph_player_cycle(a->player), a->cps, true, atomic_load(&a->hush), peak[0],
                              peak[1], now);
        ph_ui_view_idle(a->view, now);
        ph_player_collect(a->player);
    }
    if (ph_audio_out_lost(out)) fprintf(stderr, "phonon edit: the audio output went away: %s\n", ph_audio_out_failure(out));
    /* What is in the window is the file's text now, evaluated or not. */
    size_t n;
    const char *t = ph_ui_view_text(a->view, &n);
    if (!save(a->path, t, n)) fprintf(stderr, "phonon edit: cannot save %s: %s\n", a->path, strerror(errno));
    ph_audio_out_close(out);
    ph_player_free(a->player);
    ph_ui_view_free(a->view);
    free(a);
    return 0;
}
