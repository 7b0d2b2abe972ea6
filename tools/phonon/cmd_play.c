/* phonon play FILE.ph [--cycles N | --duration S] [--device D] [--rate R] [--block N]
 *                     [--samples DIR]
 * Plays FILE once through the machine's audio (4 cycles unless told), fading out over the
 * last 50 ms, and exits 0; Ctrl-C fades out at once and exits 130. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "commands.h"
#include "graphtool_io.h"
#include "ph_session.h"

#define TICK_MS 20

int cmd_play(int argc, char **argv)
{
    ph_session s;
    int rc = ph_session_parse(&s, "phonon play", true, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    size_t len;
    char *text = ph_graphtool_read_file(s.o.file, &len);
    if (!text) return 2;
    if ((rc = ph_session_open(&s))) {
        free(text);
        return rc;
    }
    ph_program *p = ph_session_compile(&s, text, len);
    free(text);
    double cps = p && ph_program_cps(p) > 0 ? ph_program_cps(p) : 0.5;
    double seconds = s.o.duration >= 0 ? s.o.duration : (s.o.cycles >= 0 ? s.o.cycles : 4) / cps;
    uint64_t total = (uint64_t)llround(seconds * ph_audio_out_rate(s.out));
    uint64_t fade = (uint64_t)llround(PH_SESSION_FADE * ph_audio_out_rate(s.out));
    if (fade > total) fade = total;
    /* The fade ends exactly at the last frame asked for; set before the start, since a
     * device that takes audio faster than real time could be past it at once. */
    ph_audio_out_fade_at(s.out, total - fade, (double)fade / ph_audio_out_rate(s.out));
    if (!p || !ph_player_offer(s.player, p) || (rc = ph_session_start(&s))) {
        ph_session_close(&s);
        return rc ? rc : 2;
    }
    while (!ph_session_stop && !ph_audio_out_faded(s.out)) {
        nanosleep(&(struct timespec){0, TICK_MS * 1000000L}, NULL);
        ph_player_collect(s.player);
        ph_status_tick(&s.status, s.out, ph_player_cycle(s.player), NULL);
    }
    rc = ph_session_stop ? 130 : 0;
    if (ph_audio_out_lost(s.out)) {
        ph_status_clear(&s.status);
        fprintf(stderr, "%s: %s\n", s.cmd, ph_audio_out_failure(s.out));
        rc = 1;
    }
    ph_session_close(&s);
    return rc;
}
