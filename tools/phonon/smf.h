/* Standard MIDI Files (SMF, format 0: one track) for `phonon render --midi-out`. Debian
 * 12's only C library for them, libsmf 1.3, is unmaintained since 2010 and pulls in
 * GLib; the format needs little: a header chunk, one track chunk of delta-timed events
 * (variable-length quantities, running status not used), a tempo meta event and an end of
 * track. The reader reads back what the writer writes (and plain format 0/1 files with
 * running status), for the round-trip test and `phonon midi-dump`. */
#ifndef PH_SMF_H
#define PH_SMF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ph_smf_event {
    uint64_t tick;   /* absolute, in ticks of 1/ppq quarter note */
    uint8_t size;    /* 1..3 */
    uint8_t data[3]; /* a channel message */
} ph_smf_event;

/* Writes events (sorted by tick) as a format 0 file with `ppq` ticks a quarter note and
 * one tempo, `bpm` quarter notes a minute. False (errno set) when the file cannot be
 * written. */
bool ph_smf_write(const char *path, const ph_smf_event *ev, size_t n, uint16_t ppq, double bpm);

typedef struct ph_smf {
    uint16_t format, tracks, ppq;
    double bpm;         /* the first tempo event's, 120 when none */
    ph_smf_event *ev;   /* every track's channel messages, merged by tick */
    size_t n;
} ph_smf;
/* Reads a file; false with a message in err. Free with ph_smf_free. */
bool ph_smf_read(const char *path, ph_smf *out, char *err, size_t errlen);
void ph_smf_free(ph_smf *s);

/* Ticks of a frame at `rate` and `bpm` with `ppq` ticks a quarter note. */
uint64_t ph_smf_tick(uint64_t frame, double rate, double bpm, uint16_t ppq);

#endif
