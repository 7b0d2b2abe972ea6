/* The engine's MIDI scheduler: turns the notes, control and program changes that the
 * playing program's nodes request (graph/ph_graph.h ph_midi_req, collected per span in a
 * ph_midi_sink) into the ordered MIDI messages of a render call (ph_engine_midi_out), and
 * owns every note-off: it remembers each sounding note (channel x key) and when it ends.
 *
 * Order at one sample: due note-offs, then program changes, control changes, note-ons
 * (each sorted by channel and number, so the output never depends on which render thread
 * pushed first). A note-on of a key that sounds first ends it (hosts and synths expect an
 * off before the next on of the same key; the earlier note's own off is dropped). A
 * flush (stop, jump, all-off, mute) ends every sounding note at the next span's start.
 * Capacity: requests beyond the sink's room are dropped and note-ons are taken
 * only while the output keeps room for every note-off it may owe, so a full buffer can
 * lose notes but never leave one hanging. [RT] except new/free. */
#ifndef PH_MIDI_SCHED_H
#define PH_MIDI_SCHED_H

#include <stdbool.h>
#include <stdint.h>

#include "graph/ph_graph.h"
#include "phonon/phonon.h"

#define PH_MIDI_REQ_CAP 4096  /* requests in one span */
#define PH_MIDI_OUT_CAP 16384 /* messages in one render call */
#define PH_MIDI_NOTES (16 * 128)

typedef struct ph_midi_sched ph_midi_sched;

ph_midi_sched *ph_midi_sched_new(void); /* [non-RT] */
void ph_midi_sched_free(ph_midi_sched *m);
/* The sink the playing program's nodes write to during a span (emptied by span_end). */
ph_midi_sink *ph_midi_sched_sink(ph_midi_sched *m);
/* A render call starts at absolute sample `sample`: the output list is emptied. */
void ph_midi_sched_begin_call(ph_midi_sched *m, int64_t sample);
/* Before rendering the span that starts at `sample`: a pending flush happens here. */
void ph_midi_sched_span_begin(ph_midi_sched *m, int64_t sample);
/* After the span [from, to) is rendered: its requests and due note-offs, in order. */
void ph_midi_sched_span_end(ph_midi_sched *m, int64_t from, int64_t to);
void ph_midi_sched_flush(ph_midi_sched *m);            /* end every note at the next span */
void ph_midi_sched_mute(ph_midi_sched *m, bool muted); /* and drop requests while muted */
uint32_t ph_midi_sched_out(const ph_midi_sched *m, const ph_midi_event **events);

#endif
