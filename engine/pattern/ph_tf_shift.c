/* Transforms that move or cut time within each cycle: focus (Strudel's), trunc and stripe
 * (Tidal's), and the seed project's wait and staccato. Each is one concrete query over the
 * argument values (patterned through ph_patternify), built from ph_query_affine. */
#include <math.h>

#include "pattern/ph_rand.h"
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

static const ph_rat R0 = {0, 1};
static const ph_rat R1 = {1, 1};

/* ------------------------------------------------------------------- focus */

static ph_qstatus focus_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                 ph_events *out)
{
    /* Strudel: pat._early(b.sam())._fast(1 / (e - b))._late(b), one affine map: the
     * inner is queried at t * k + (sam(b) - b * k), k = 1 / (e - b). e == b is Strudel's
     * division by zero (nothing); e < b turns the span around (nothing, as there). */
    ph_rat b, e;
    if (!ph_tf_rat(args[0], &b) || !ph_tf_rat(args[1], &e) || ph_rat_eq(b, e)) return q->status;
    ph_rat_clear_overflow();
    ph_rat k = ph_rat_div(R1, ph_rat_sub(e, b));
    ph_rat add = ph_rat_sub(ph_rat_floor(b), ph_rat_mul(b, k));
    if (ph_rat_overflowed()) return q->status = PH_Q_OVERFLOW;
    return ph_query_affine(self->in[0], k, add, span, q, out);
}

ph_pat *ph_tf_focus(ph_heap *h, const ph_pat *b, const ph_pat *e, const ph_pat *pat)
{
    const ph_pat *args[2] = {b, e};
    return ph_tf_patterned(h, focus_concrete, args, 2, pat, 0);
}

/* ------------------------------------------------------------------- trunc */

static ph_qstatus trunc_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                 ph_events *out)
{
    /* Tidal: compress (0, t) . zoomArc (Arc 0 t): only [0, t) of each cycle plays; the
     * zoom cuts parts at its cycle ends, which compress maps back to c and c + t, and
     * wholes come back unchanged. t outside (0, 1] is compressArc's empty pattern. */
    ph_rat t;
    if (!ph_tf_rat(args[0], &t) || !ph_rat_gt(t, R0) || ph_rat_gt(t, R1)) return q->status;
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) {
        ph_rat stop = ph_rat_add(ph_rat_floor(piece.begin), t);
        if (ph_rat_ge(piece.begin, stop)) continue;
        piece.end = ph_rat_min(piece.end, stop);
        if (ph_pat_query(self->in[0], piece, q, out)) break;
    }
    return q->status;
}

ph_pat *ph_tf_trunc(ph_heap *h, const ph_pat *t, const ph_pat *pat)
{
    return ph_tf_patterned(h, trunc_concrete, &t, 1, pat, 0);
}

/* -------------------------------------------------------------------- wait */

static ph_qstatus wait_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                ph_events *out)
{
    /* The seed's wait n: silence before cycle n, then the pattern from its cycle 0 (late
     * n). Cut at n so that nothing of the pattern's negative cycles sounds. */
    double nd;
    int64_t n;
    if (!ph_tf_num(args[0], &nd) || !ph_tf_count(nd, &n)) return q->status;
    ph_rat start = ph_rat_int(n);
    if (ph_rat_le(span.end, start)) return q->status;
    span.begin = ph_rat_max(span.begin, start);
    uint32_t from = out->count;
    if (ph_query_affine(self->in[0], R1, ph_rat_neg(start), span, q, out)) return q->status;
    /* events that began before n keep their wholes but play only from n on */
    for (uint32_t i = from; i < out->count; i++)
        if (ph_rat_lt(out->ev[i].part.begin, start)) out->ev[i].part.begin = start;
    return q->status;
}

ph_pat *ph_tf_wait(ph_heap *h, const ph_pat *n, const ph_pat *pat)
{
    return ph_tf_patterned(h, wait_concrete, &n, 1, pat, 0);
}

/* ---------------------------------------------------------------- staccato */

static ph_qstatus staccato_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                    ph_events *out)
{
    /* The seed's staccato f: each event keeps its onset and f of its length (0 < f <= 1;
     * above 1 the events are left as they are: the legato control lengthens notes).
     * The shortened whole lies inside the old one, so the span's events are all there. */
    ph_rat f;
    if (!ph_tf_rat(args[0], &f) || !ph_rat_gt(f, R0)) return q->status;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    if (ph_rat_ge(f, R1)) return q->status;
    uint32_t keep = from;
    ph_rat_clear_overflow();
    for (uint32_t i = from; i < out->count; i++) {
        ph_event ev = out->ev[i];
        if (ev.has_whole) {
            ev.whole.end = ph_rat_add(ev.whole.begin, ph_rat_mul(ph_rat_sub(ev.whole.end, ev.whole.begin), f));
            if (!ph_span_intersect(ev.part, ev.whole, &ev.part)) continue;
        }
        out->ev[keep++] = ev;
    }
    out->count = keep;
    if (ph_rat_overflowed()) q->status = PH_Q_OVERFLOW;
    return q->status;
}

ph_pat *ph_tf_staccato(ph_heap *h, const ph_pat *f, const ph_pat *pat)
{
    return ph_tf_patterned(h, staccato_concrete, &f, 1, pat, 0);
}

/* ------------------------------------------------------------------- stripe */

#define STRIPE_MAX 256 /* stripes per cycle */

static ph_qstatus stripe_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                  ph_events *out)
{
    /* Tidal's _stripe n = substruct' (randStruct n): cycle c is cut into n stripes whose
     * lengths are in the ratio of weights 1 + floor(3 rand), the i-th weight drawn at
     * c + 1/2 + i/n (Tidal's rand is read at the middle of the query, randArcs queries
     * the whole cycle); stripe i plays cycle c - n i of the pattern (inside (1/n) (rotR i))
     * squeezed into it (compressArcTo), parts cut to the stripe. */
    double nd;
    int64_t n;
    if (!ph_tf_num(args[0], &nd) || !ph_tf_count(nd, &n) || n < 1) return q->status;
    if (n > STRIPE_MAX) n = STRIPE_MAX;
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) {
        ph_rat c = ph_rat_floor(piece.begin);
        int64_t w[STRIPE_MAX], total = 0;
        if (!ph_qwork(q, (uint64_t)n)) break;
        for (int64_t i = 0; i < n; i++) {
            double t = ph_rat_to_double(ph_rat_add(c, ph_rat_make(2 * i + n, 2 * n)));
            w[i] = 1 + (int64_t)floor(ph_rand_time_to_rand(t) * 3);
            total += w[i];
        }
        int64_t acc = 0;
        for (int64_t i = 0; i < n && q->status == PH_Q_OK; i++) {
            ph_rat s = ph_rat_add(c, ph_rat_make(acc, total));
            acc += w[i];
            ph_rat e = i == n - 1 ? ph_rat_add(c, R1) : ph_rat_add(c, ph_rat_make(acc, total));
            ph_span stripe = ph_span_make(s, e), part;
            if (!ph_span_intersect(stripe, piece, &part)) continue;
            /* t in the stripe -> (t - s) / d + c - n i */
            ph_rat mul = ph_rat_div(R1, ph_rat_sub(e, s));
            ph_rat add = ph_rat_sub(ph_rat_sub(c, ph_rat_int(n * i)), ph_rat_mul(s, mul));
            uint32_t from = out->count;
            if (ph_query_affine(self->in[0], mul, add, part, q, out)) break;
            for (uint32_t k = from; k < out->count; k++) ph_span_intersect(out->ev[k].part, stripe, &out->ev[k].part);
        }
    }
    return q->status;
}

ph_pat *ph_tf_stripe(ph_heap *h, const ph_pat *n, const ph_pat *pat)
{
    return ph_tf_patterned(h, stripe_concrete, &n, 1, pat, 0);
}
