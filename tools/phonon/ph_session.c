#include "ph_session.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graphtool_io.h"

volatile sig_atomic_t ph_session_stop;

static void on_signal(int sig)
{
    (void)sig;
    ph_session_stop = 1;
}

static int usage(const ph_session *s, bool with_length)
{
    fprintf(stderr,
            "usage: %s FILE.ph %s[--device D] [--rate R] [--block N] [--samples DIR]\n"
            "  --device  auto (default: JACK when a server runs, else ALSA 'default'), jack,\n"
            "            jack:REGEX (connect to the JACK ports matching REGEX; 'jack:' connects none),\n"
            "            alsa, alsa:NAME or an ALSA name (hw:0, plughw:1,0, pipewire, ...)\n"
            "  --rate    ALSA sample rate (default 48000; JACK uses the server's)\n"
            "  --block   ALSA period in frames (default 256; JACK uses the server's)\n",
            s->cmd, with_length ? "[--cycles N | --duration S] " : "");
    return 2;
}

int ph_session_parse(ph_session *s, const char *cmd, bool with_length, int argc, char **argv)
{
    *s = (ph_session){.cmd = cmd, .o = {.cycles = -1, .duration = -1}};
    ph_session_opts *o = &s->o;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool ok = true;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(s, with_length);
            return -1; /* asked for: not an error, but nothing to play */
        }
        if (!strcmp(a, "--device") && v) o->device = v, i++;
        else if (!strcmp(a, "--samples") && v) o->samples = v, i++;
        else if (!strcmp(a, "--rate") && v) ok = ph_graphtool_num_arg(v, 22050, 192000, &o->rate), i++;
        else if (!strcmp(a, "--block") && v) ok = ph_graphtool_num_arg(v, 16, 8192, &o->block), i++;
        else if (with_length && !strcmp(a, "--cycles") && v) ok = ph_graphtool_num_arg(v, 0, 1e6, &o->cycles), i++;
        else if (with_length && !strcmp(a, "--duration") && v) ok = ph_graphtool_num_arg(v, 0, 86400, &o->duration), i++;
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "%s: unknown or incomplete option '%s'\n", cmd, a);
            return usage(s, with_length);
        } else if (!o->file) o->file = a;
        else return usage(s, with_length);
        if (!ok) {
            fprintf(stderr, "%s: bad value for '%s'\n", cmd, a);
            return 2;
        }
    }
    if (!o->file) return usage(s, with_length);
    if (o->cycles >= 0 && o->duration >= 0) {
        fprintf(stderr, "%s: give --cycles or --duration, not both\n", cmd);
        return 2;
    }
    return 0;
}

int ph_session_open(ph_session *s)
{
    char err[600];
    ph_audio_out_config c = {.device = s->o.device, .rate = s->o.rate, .block = (uint32_t)s->o.block};
    s->out = ph_audio_out_open(&c, err, sizeof err);
    if (!s->out) {
        fprintf(stderr, "%s: %s\n", s->cmd, err);
        return 1;
    }
    double rate = ph_audio_out_rate(s->out);
    if (s->o.rate > 0 && rate != s->o.rate)
        fprintf(stderr, "%s: the output runs at %.0f Hz, not %.0f\n", s->cmd, rate, s->o.rate);
    s->settings = (ph_settings){.sample_rate = rate, .max_block = ph_audio_out_max_block(s->out), .threads = 1,
                                .sample_dir = s->o.samples};
    s->player = ph_player_new(&s->settings);
    if (!s->player) {
        fprintf(stderr, "%s: cannot create the engine\n", s->cmd);
        ph_audio_out_close(s->out);
        s->out = NULL;
        return 1;
    }
    ph_status_init(&s->status, stderr);
    return 0;
}

ph_program *ph_session_compile(ph_session *s, const char *text, size_t len)
{
    ph_status_clear(&s->status);
    return ph_graphtool_compile(s->o.file, text, len, &s->settings);
}

int ph_session_start(ph_session *s)
{
    struct sigaction sa = {.sa_handler = on_signal}; /* no SA_RESTART: a wait returns at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    char err[300];
    if (!ph_audio_out_start(s->out, ph_player_render, s->player, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", s->cmd, err);
        return 1;
    }
    fprintf(stderr, "%s: playing %s through %s; Ctrl-C stops\n", s->cmd, s->o.file, ph_audio_out_describe(s->out));
    return 0;
}

void ph_session_close(ph_session *s)
{
    if (s->out) {
        ph_audio_out_fade_out(s->out, PH_SESSION_FADE);
        ph_status_clear(&s->status);
        ph_audio_out_close(s->out);
    }
    ph_player_free(s->player);
    s->out = NULL;
    s->player = NULL;
}
