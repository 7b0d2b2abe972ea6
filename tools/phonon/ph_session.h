/* What `phonon live` and `phonon play` share: their options, the audio output with the
 * player behind it, compiling a file for it, and Ctrl-C. */
#ifndef PH_SESSION_H
#define PH_SESSION_H

#include <signal.h>
#include <stdbool.h>

#include "ph_audio_out.h"
#include "ph_player.h"
#include "ph_status.h"
#include <phonon/phonon.h>

#define PH_SESSION_FADE 0.05 /* seconds of fade-out when stopping */

typedef struct ph_session_opts {
    const char *file, *device, *samples;
    double rate, block;        /* 0: not given */
    double cycles, duration;   /* `play` only; -1: not given */
} ph_session_opts;

typedef struct ph_session {
    const char *cmd; /* "phonon live", for messages */
    ph_session_opts o;
    ph_settings settings;
    ph_audio_out *out;
    ph_player *player;
    ph_status status;
} ph_session;

/* Parses FILE and the options (with_length: also --cycles / --duration). 0, the exit
 * code after a message, or -1 after --help (exit 0). */
int ph_session_parse(ph_session *s, const char *cmd, bool with_length, int argc, char **argv);
/* Opens the audio output and the player (not started). 0, or an exit code after a
 * message. */
int ph_session_open(ph_session *s);
/* Compiles text for the session's rate and block; on an error prints FILE:line:col:
 * message (the status line cleared first) and returns NULL. */
ph_program *ph_session_compile(ph_session *s, const char *text, size_t len);
/* Starts the audio; 0 or an exit code after a message. */
int ph_session_start(ph_session *s);
/* Fades out (when playing), closes the output, frees the player. */
void ph_session_close(ph_session *s);

/* Ctrl-C and SIGTERM set this (the handlers are installed by ph_session_start). */
extern volatile sig_atomic_t ph_session_stop;

#endif
