/* bite n ipat: each cycle of the pattern cut into n slices, played in the order ipat names
 * them, each slice squeezed into the ipat event that names it (Strudel's bite: slice i is
 * zoom (i/n mod 1) (i/n mod 1 + 1/n), so an index past n wraps; n is taken per ipat event,
 * structure from ipat (appLeft), then squeezeJoin). All at query time: the slice of an
 * event is a zoom query squeezed into the event (ph_squeeze). chew (Tidal's) is bite that
 * also scales the speed of what plays by how much its slice was squeezed. */
#include <math.h>

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

/* ------------------------------------------------------------------- chew */

static ph_qstatus chew_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                ph_events *out)
{
    /* Tidal's _chew n ipat pat = squeezeJoinUp (zoomslice <$> ipat) |/ P.speed n: as bite,
     * slice i mod n (Haskell's mod) squeezed into each index event, and the speed of what
     * plays there scaled by 1 / (d * n), d the index event's length: a slice squeezed
     * into half its length plays twice as fast (speed 1 when absent, so a word becomes
     * {s: word, speed: x}); parts are cut at cycles, as |* and |/ with a pure cut them. */
    const ph_tf_words *w = self->data;
    double nd;
    int64_t n;
    if (!ph_tf_num(args[0], &nd) || !ph_tf_count(nd, &n) || n < 1) return q->status;
    ph_events idx;
    ph_events_init(&idx);
    if (ph_pat_query(self->in[0], span, q, &idx)) return q->status;
    for (uint32_t k = 0; k < idx.count && q->status == PH_Q_OK; k++) {
        const ph_event *o = &idx.ev[k];
        double x;
        if (!o->has_whole || !ph_tf_num(o->value, &x) || !(fabs(x) < 1e15)) continue;
        int64_t i = (((int64_t)floor(x) % n) + n) % n;
        slice sl = {self->in[1], ph_rat_make(i, n), ph_rat_make(i + 1, n)};
        uint32_t from = out->count;
        if (ph_squeeze(o, slice_query, &sl, q, out)) break;
        double d = ph_rat_to_double(ph_rat_sub(o->whole.end, o->whole.begin));
        ph_tf_split_at_cycles(q, out, from);
        for (uint32_t j = from; j < out->count; j++) {
            ph_value nv;
            const double speed = ph_tf_map_num(out->ev[j].value, w->speed, 1);
            if (!ph_tf_map_set(q, w, out->ev[j].value, w->speed, ph_val_num(speed / (d * (double)n)), &nv)) break;
            out->ev[j].value = nv;
        }
    }
    return q->status;
}

ph_pat *ph_tf_chew(ph_heap *h, const ph_pat *n, const ph_pat *ipat, const ph_pat *pat)
{
    if (!n || !ipat || !pat) return NULL;
    const ph_pat *in[2] = {ipat, pat};
    ph_pat *p = ph_patternify(h, chew_concrete, &n, 1, in, 2, sizeof(ph_tf_words));
    if (p) ph_tf_words_get(p->data);
    return p;
}
