/* phonon live FILE.ph [--device D] [--rate R] [--block N] [--samples DIR]
 * Plays FILE through the machine's audio and plays each saved version of it: the new
 * program is compiled here, off the audio thread, and crossfaded in; a version with an
 * error is reported as FILE:line:col: message while the last good one plays on. Ctrl-C
 * fades out and exits 0. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "graphtool_io.h"
#include "ph_file_watch.h"
#include "ph_session.h"

#define DEBOUNCE 0.08 /* seconds of quiet after a save's last event */
#define TICK_MS 100   /* status redraw and collection of retired programs */

typedef struct live {
    ph_session s;
    char *tried;  /* the text last compiled (good or bad): an unchanged save does nothing */
    size_t tried_len;
    bool broken;  /* the last version had an error */
    bool missing; /* the file is gone: said once */
} live;

/* Reads the file again and, if it changed, compiles it and hands it to the player. */
static void reload(live *l)
{
    const char *path = l->s.o.file;
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        const int e = errno;
        if (!l->missing) {
            ph_status_clear(&l->s.status);
            if (e == ENOENT)
                fprintf(stderr, "%s: %s is gone; the last program plays on until it is back\n", l->s.cmd, path);
            else
                fprintf(stderr, "%s: cannot read %s (%s); the last program plays on\n", l->s.cmd, path,
                        strerror(e));
        }
        l->missing = true;
        return;
    }
    fclose(probe);
    l->missing = false;
    size_t len;
    ph_status_clear(&l->s.status);
    char *text = ph_graphtool_read_file(path, &len);
    if (!text) return;
    if (l->tried && len == l->tried_len && !memcmp(text, l->tried, len)) {
        free(text);
        return;
    }
    free(l->tried);
    l->tried = text;
    l->tried_len = len;
    ph_program *p = ph_session_compile(&l->s, text, len);
    l->broken = !p;
    if (p && ph_player_offer(l->s.player, p))
        fprintf(stderr, "%s: %s reloaded\n", l->s.cmd, path);
}

int cmd_live(int argc, char **argv)
{
    live l = {0};
    int rc = ph_session_parse(&l.s, "phonon live", false, argc, argv);
    if (rc) return rc < 0 ? 0 : rc;
    if (!strcmp(l.s.o.file, "-")) {
        fprintf(stderr, "%s: needs a file to watch, not standard input (phonon play reads it)\n", l.s.cmd);
        return 2;
    }
    l.tried = ph_graphtool_read_file(l.s.o.file, &l.tried_len);
    if (!l.tried) return 2;
    if ((rc = ph_session_open(&l.s))) {
        free(l.tried);
        return rc;
    }
    /* The first version must compile: there is nothing else to play. */
    ph_program *p = ph_session_compile(&l.s, l.tried, l.tried_len);
    if (!p || !ph_player_offer(l.s.player, p) || (rc = ph_session_start(&l.s))) {
        ph_session_close(&l.s);
        free(l.tried);
        return rc ? rc : 2;
    }
    ph_file_watch *w = ph_file_watch_new(l.s.o.file, DEBOUNCE);
    while (!ph_session_stop && w && !ph_audio_out_lost(l.s.out)) {
        if (ph_file_watch_wait(w, TICK_MS)) reload(&l);
        ph_player_collect(l.s.player);
        ph_status_tick(&l.s.status, l.s.out, ph_player_cycle(l.s.player),
                       l.broken ? "error: the last good program plays on" : NULL);
    }
    rc = 0;
    if (!w) {
        fprintf(stderr, "%s: out of memory\n", l.s.cmd);
        rc = 1;
    } else if (ph_audio_out_lost(l.s.out)) {
        ph_status_clear(&l.s.status);
        fprintf(stderr, "%s: %s\n", l.s.cmd, ph_audio_out_failure(l.s.out));
        rc = 1;
    }
    ph_session_close(&l.s);
    ph_file_watch_free(w);
    free(l.tried);
    return rc;
}
