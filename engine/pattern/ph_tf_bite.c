/* bite n ipat: each cycle of the pattern cut into n slices, played in the order ipat names
 * them, each slice squeezed into the ipat event that names it (Tidal's bite: zoom to slice
 * i, squeezeJoin). Everything happens at query time: the slice of an event is a zoom of
 * the pattern mapped onto the event's whole. */
#include <math.h>

#include "pattern/ph_pat_internal.h"
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

/* Squeezes slice [s, e) of pat into the outer event o (whole W, part P): pattern time
 * tau maps to cycle time t = a + tau * d, where d is W's length and a puts the slice's
 * cycle sam(W.begin) at W.begin. Inner events are clipped to W (wholes) and P (parts). */
static ph_qstatus squeeze_slice(const ph_pat *pat, ph_rat s, ph_rat e, const ph_event *o, ph_qctx *q,
                                ph_events *out)
{
    ph_span w = ph_event_whole_or_part(o), p = o->part;
    ph_rat d = ph_rat_sub(w.end, w.begin);
    if (!ph_rat_gt(d, ph_rat_int(0))) return q->status;
    ph_rat sam = ph_rat_floor(w.begin);
    ph_rat a = ph_rat_sub(w.begin, ph_rat_mul(sam, d));
    ph_span tau = ph_span_make(ph_rat_div(ph_rat_sub(p.begin, a), d), ph_rat_div(ph_rat_sub(p.end, a), d));
    uint32_t from = out->count;
    if (ph_tf_zoom_query(pat, s, e, tau, q, out)) return q->status;
    ph_events_affine(out, from, d, a);
    uint32_t keep = from;
    for (uint32_t i = from; i < out->count; i++) {
        ph_event ev = out->ev[i];
        if (!ph_span_intersect(ev.part, p, &ev.part)) continue;
        if (ev.has_whole && !ph_span_intersect(ev.whole, w, &ev.whole)) continue;
        out->ev[keep++] = ev;
    }
    out->count = keep;
    return q->status;
}

static ph_qstatus bite_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                ph_events *out)
{
    double n;
    if (!ph_tf_num(args[0], &n) || !(n >= 1) || n > 1e6) return q->status;
    ph_rat nr = ph_rat_int((int64_t)n);
    ph_events outer;
    ph_events_init(&outer);
    if (ph_pat_query(self->in[0], span, q, &outer)) return q->status;
    for (uint32_t k = 0; k < outer.count && q->status == PH_Q_OK; k++) {
        double x;
        if (!ph_tf_num(outer.ev[k].value, &x) || !isfinite(x) || fabs(x) > 1e9) continue;
        ph_rat i = ph_rat_int((int64_t)floor(x));
        ph_rat s = ph_rat_div(i, nr), e = ph_rat_div(ph_rat_add(i, ph_rat_int(1)), nr);
        squeeze_slice(self->in[1], s, e, &outer.ev[k], q, out);
    }
    return q->status;
}

ph_pat *ph_tf_bite(ph_heap *h, const ph_pat *n, const ph_pat *ipat, const ph_pat *pat)
{
    if (!n || !ipat || !pat) return NULL;
    const ph_pat *in[2] = {ipat, pat};
    return ph_patternify(h, bite_concrete, &n, 1, in, 2, 0);
}
