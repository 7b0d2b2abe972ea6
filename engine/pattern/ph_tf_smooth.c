/* Tidal's smooth: a numeric pattern made continuous by linear interpolation from each
 * event's value towards the next event's. */
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

/* The event of mono(pat) at time t (Tidal's mono: events sorted by whole, each later one
 * that overlaps the ones kept starts where they end, one they cover is dropped): its value
 * and its (mono) whole. False when none is there. */
static bool mono_at(const ph_pat *pat, ph_rat t, ph_qctx *q, ph_value *value, ph_span *whole)
{
    ph_rat sam = ph_rat_floor(t);
    ph_events ev;
    ph_events_init(&ev);
    /* the cycle around t: every event whose whole holds t is found there */
    if (ph_pat_query(pat, ph_span_make(sam, ph_rat_add(sam, ph_rat_int(1))), q, &ev)) return false;
    uint32_t keep = 0;
    for (uint32_t i = 0; i < ev.count; i++)
        if (ev.ev[i].has_whole) ev.ev[keep++] = ev.ev[i];
    ev.count = keep;
    if (!ph_tf_sort_events(q, &ev, 0, ph_tf_by_whole)) return false;
    bool any = false;
    ph_rat covered = sam;
    for (uint32_t i = 0; i < ev.count; i++) {
        const ph_event *e = &ev.ev[i];
        if (any && ph_rat_le(e->whole.end, covered)) continue; /* covered by the ones kept */
        ph_rat begin = any ? ph_rat_max(e->whole.begin, covered) : e->whole.begin;
        covered = e->whole.end;
        any = true;
        if (ph_rat_ge(t, begin) && ph_rat_lt(t, e->whole.end)) {
            *value = e->value;
            *whole = ph_span_make(begin, e->whole.end);
            return true;
        }
    }
    return false;
}

static ph_qstatus smooth_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    /* The query span gets one event (whole and part = span) with the value at its middle:
     * the event there, tweened towards the event that starts where it stops. */
    ph_rat mid = ph_rat_div(ph_rat_add(span.begin, span.end), ph_rat_int(2));
    ph_value v, next;
    ph_span w, nw;
    if (!mono_at(self->in[0], mid, q, &v, &w)) return q->status;
    double a, b;
    if (mono_at(self->in[0], w.end, q, &next, &nw) && ph_tf_num(v, &a) && ph_tf_num(next, &b)) {
        ph_rat len = ph_rat_sub(w.end, w.begin);
        double pc = ph_rat_is_zero(len) ? 0 : ph_rat_to_double(ph_rat_div(ph_rat_sub(mid, w.begin), len));
        v = ph_val_num(a + (b - a) * pc);
    }
    if (q->status != PH_Q_OK) return q->status;
    ph_event *e = ph_qpush(q, out);
    if (!e) return q->status;
    e->whole = e->part = span;
    e->has_whole = true;
    e->value = v;
    return q->status;
}

ph_pat *ph_tf_smooth(ph_heap *h, const ph_pat *pat)
{
    return pat ? ph_pat_make(h, smooth_query, &pat, 1, 0) : NULL;
}
