/* phonon midi-dump FILE.mid: prints a Standard MIDI File's channel messages, one a line:
 * `tick seconds status data1 [data2]` (hex status, decimal data), after a header line
 * with the format, the tracks, the ticks a quarter note and the tempo. */
#include <stdio.h>

#include "commands.h"
#include "smf.h"

int cmd_midi_dump(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: phonon midi-dump FILE.mid\n");
        return 2;
    }
    ph_smf s;
    char err[256];
    if (!ph_smf_read(argv[1], &s, err, sizeof err)) {
        fprintf(stderr, "phonon midi-dump: %s: %s\n", argv[1], err);
        return 1;
    }
    printf("format %u, %u track%s, %u ticks a quarter note, %.3f bpm, %zu messages\n", s.format, s.tracks,
           s.tracks == 1 ? "" : "s", s.ppq, s.bpm, s.n);
    for (size_t i = 0; i < s.n; i++) {
        const ph_smf_event *e = &s.ev[i];
        const double seconds = (double)e->tick / s.ppq * 60.0 / s.bpm;
        printf("%llu %.6f %02X", (unsigned long long)e->tick, seconds, e->data[0]);
        for (int k = 1; k < e->size; k++) printf(" %u", e->data[k]);
        printf("\n");
    }
    ph_smf_free(&s);
    return 0;
}
