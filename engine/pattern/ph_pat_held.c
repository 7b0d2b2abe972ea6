/* `held`: the chord held on the MIDI input as a pattern, so that patterns can play it
 * (`n (arp "up" $ fast 4 held)` arpeggiates whatever is held, four chords a cycle). Each
 * cycle is one event per held note, whole = the cycle, value = the note in semitones from
 * middle C (60 -> 0), as n and note count. The chord is read from a ph_held (core/ph_held.h)
 * that the engine fills before each query window; without one (`phonon query held`) or
 * with nothing held the pattern is silent. */
#include "pattern/ph_pat_internal.h"

typedef struct held_data {
    const ph_held *src;
} held_data;

static ph_qstatus held_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    const ph_held *src = ((const held_data *)self->data)->src;
    if (!src) return q->status;
    const uint32_t n = src->count < PH_HELD_MAX ? src->count : PH_HELD_MAX;
    for (uint32_t k = 0; k < n && !q->status; k++) {
        const ph_value v = ph_val_num((double)src->note[k] - 60.0);
        ph_pure_value_query(&v, span, q, out);
    }
    return q->status;
}

ph_pat *ph_held_pattern(ph_heap *h, const ph_held *src)
{
    ph_pat *p = ph_pat_make(h, held_query, NULL, 0, sizeof(held_data));
    if (p) ((held_data *)p->data)->src = src;
    return p;
}
