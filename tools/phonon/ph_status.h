/* The status line of `phonon live` / `phonon play` on stderr: the cycle, the CPU load of
 * the audio callback (its time over the audio's duration, over the last second) and the
 * xruns. On a terminal it is redrawn in place at every tick; otherwise one line a second
 * is printed, so that a log stays readable. */
#ifndef PH_STATUS_H
#define PH_STATUS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ph_audio_out.h"

typedef struct ph_status {
    FILE *f;
    bool tty;
    bool drawn;          /* a line is on the screen, not yet ended */
    double last_print;   /* monotonic seconds */
    double last_measure; /* when the load was last measured */
    uint64_t frames, busy_ns;
    double load;
} ph_status;

void ph_status_init(ph_status *s, FILE *f);
/* Draws (or, off a terminal, prints once a second) the status; `note` (may be NULL) is
 * appended, e.g. "error: the last good program plays on". */
void ph_status_tick(ph_status *s, const ph_audio_out *a, double cycle, const char *note);
/* Removes the line being redrawn, so that a message can be printed in its place. */
void ph_status_clear(ph_status *s);

#endif
