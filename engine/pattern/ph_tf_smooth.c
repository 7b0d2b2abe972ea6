/* Tidal's smooth: a numeric pattern made continuous by linear interpolation from each
 * event's value towards the next event's. */
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

/* The event of mono(pat) at time t (Tidal's mono: events sorted by whole, a later one
 * that overlaps an earlier one starts where that one ends, one covered by it is
 * dropped): its value and its (mono) whole. False when none is there. */
static bool mono_at(const ph_pat *pat, ph_rat t, ph_qctx *q, ph_value *value, ph_span *whole)
{
    ph_rat sam = ph_rat_floor(t);
    ph_events ev;
    ph_events_init(&ev);
    /* the cycle around t: every event whose whole holds t is found there */
    if (ph_pat_query(pat, ph_span_make(sam, ph_rat_add(sam, ph_rat_int(1))), q, &ev)) return false;
    if (!ph_qwork(q, (uint64_t)ev.count * ev.count)) return false;
    bool found = false;
    for (uint32_t i = 0; i < ev.count; i++) {
        const ph_event *e = &ev.ev[i];
        if (!e->has_whole) continue;
        /* where the earlier events (by whole) leave this one to begin */
        ph_rat begin = e->whole.begin;
        bool covered = false;
        for (uint32_t j = 0; j < ev.count && !covered; j++) {
            const ph_event *o = &ev.ev[j];
            if (j == i || !o->has_whole) continue;
            int c = ph_rat_cmp(o->whole.begin, e->whole.begin);
            if (c == 0) c = ph_rat_cmp(o->whole.end, e->whole.end);
            if (c > 0 || (c == 0 && j > i)) continue; /* o sorts after e */
            if (ph_rat_ge(o->whole.end, e->whole.end)) covered = true;
            else if (ph_rat_gt(o->whole.end, begin)) begin = o->whole.end;
        }
        if (covered || ph_rat_lt(t, begin) || ph_rat_ge(t, e->whole.end)) continue;
        *value = e->value;
        *whole = ph_span_make(begin, e->whole.end);
        found = true;
        break;
    }
    return found;
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
