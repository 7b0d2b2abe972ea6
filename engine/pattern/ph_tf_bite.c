/* bite n ipat: each cycle of the pattern cut into n slices, played in the order ipat names
 * them, each slice squeezed into the ipat event that names it (Strudel's bite: slice i is
 * zoom (i/n mod 1) (i/n mod 1 + 1/n), so an index past n wraps; n is taken per ipat event,
 * structure from ipat (appLeft), then squeezeJoin). All at query time: the slice of an
 * event is a zoom query squeezed into the event (ph_squeeze). */
#include "pattern/ph_pat_internal.h"
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

typedef struct slice {
    const ph_pat *pat;
    ph_rat s, e;
} slice;

static ph_qstatus slice_query(const void *ctx, ph_span span, ph_qctx *q, ph_events *out)
{
    const slice *sl = ctx;
    return ph_tf_zoom_query(sl->pat, sl->s, sl->e, span, q, out);
}

/* Fraction(i).div(n).mod(1): the remainder keeps the sign of i/n (JavaScript's %), so a
 * negative index starts its slice before the cycle, as in Strudel. */
static bool slice_start(ph_value iv, ph_rat n, ph_rat *s)
{
    ph_rat i;
    if (!ph_tf_rat(iv, &i)) return false;
    ph_rat x = ph_rat_div(i, n);
    ph_rat whole = ph_rat_lt(x, ph_rat_int(0)) ? ph_rat_ceil(x) : ph_rat_floor(x);
    *s = ph_rat_sub(x, whole);
    return true;
}

static ph_qstatus bite_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    ph_events outer;
    ph_events_init(&outer);
    if (ph_pat_query(self->in[0], span, q, &outer)) return q->status;
    for (uint32_t k = 0; k < outer.count && q->status == PH_Q_OK; k++) {
        const ph_event *o = &outer.ev[k];
        if (!o->has_whole) continue; /* squeezeJoin is discreteOnly */
        /* appLeft: n's events over the outer whole, each cutting the outer part */
        ph_events ns;
        ph_events_init(&ns);
        if (ph_pat_query(self->in[1], o->whole, q, &ns)) break;
        for (uint32_t j = 0; j < ns.count && q->status == PH_Q_OK; j++) {
            ph_event piece = *o;
            ph_rat nr;
            if (!ph_span_intersect(o->part, ns.ev[j].part, &piece.part)) continue;
            if (!ph_tf_rat(ns.ev[j].value, &nr) || !ph_rat_gt(nr, ph_rat_int(0))) continue;
            slice sl = {self->in[2], ph_rat_int(0), ph_rat_int(0)};
            if (!slice_start(o->value, nr, &sl.s)) continue;
            sl.e = ph_rat_add(sl.s, ph_rat_div(ph_rat_int(1), nr));
            ph_squeeze(&piece, slice_query, &sl, q, out);
        }
    }
    return q->status;
}

ph_pat *ph_tf_bite(ph_heap *h, const ph_pat *n, const ph_pat *ipat, const ph_pat *pat)
{
    if (!n || !ipat || !pat) return NULL;
    const ph_pat *in[3] = {ipat, n, pat};
    return ph_pat_make(h, bite_query, in, 3, 0);
}
