/* reset and restart (Strudel's Pattern.reset/restart: keepif through resetJoin). At every
 * onset of the trigger pattern the transformed pattern starts again: reset from the start
 * of its current cycle, restart from its cycle 0. Everything happens at query time; the
 * pattern is queried once per trigger event. */
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

typedef struct reset_data {
    bool restart;
} reset_data;

static ph_qstatus reset_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    /* resetJoin: for each discrete trigger event T with a truthy value (keepif: a falsy
     * one makes every value undefined, and those are removed), the pattern late by
     * T.whole.begin (restart) or its cycle position (reset) is queried over the whole
     * span, and its events are cut to T's whole and part (dropped where the part misses).
     * Locations: the trigger's, then the event's (combineContext). */
    bool restart = ((const reset_data *)self->data)->restart;
    ph_events trig;
    ph_events_init(&trig);
    if (ph_pat_query(self->in[1], span, q, &trig)) return q->status;
    for (uint32_t t = 0; t < trig.count && q->status == PH_Q_OK; t++) {
        const ph_event *T = &trig.ev[t];
        if (!T->has_whole || !ph_tf_truthy(T->value)) continue;
        ph_rat shift = restart ? T->whole.begin : ph_rat_frac(T->whole.begin);
        uint32_t from = out->count;
        if (ph_query_affine(self->in[0], ph_rat_int(1), ph_rat_neg(shift), span, q, out)) break;
        uint32_t keep = from;
        for (uint32_t i = from; i < out->count; i++) {
            ph_event ev = out->ev[i];
            if (!ph_span_intersect(ev.part, T->part, &ev.part)) continue;
            if (ev.has_whole) ev.has_whole = ph_span_intersect(ev.whole, T->whole, &ev.whole);
            if (!ph_qlocs_cat(q, &ev, T->locs, T->n_locs, ev.locs, ev.n_locs)) break;
            out->ev[keep++] = ev;
        }
        out->count = keep;
    }
    return q->status;
}

ph_pat *ph_tf_reset(ph_heap *h, const ph_pat *trig, const ph_pat *pat, bool restart)
{
    if (!trig || !pat) return NULL;
    const ph_pat *in[2] = {pat, trig};
    ph_pat *p = ph_pat_make(h, reset_query, in, 2, sizeof(reset_data));
    if (p) ((reset_data *)p->data)->restart = restart;
    return p;
}
