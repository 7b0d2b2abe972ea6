/* Sample-slicing transforms with Strudel 1.2's semantics: chop (each event cut into n
 * parts, squeezed, with begin/end slices of the sample) and striate (the pattern played
 * n times a cycle, the k-th time with the k-th slice). Values become control maps. */
#include <math.h>

#include "pattern/ph_pat_internal.h"
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

#define MAX_SLICES 4096 /* bounded work per event */

/* Strudel's merge: a slice {b, e} of an event that already has begin and end is a slice
 * of that slice. */
static bool set_slice(ph_qctx *q, const ph_tf_words *w, ph_value v, double b, double e,
                      ph_value *out)
{
    ph_value vb, ve;
    if (ph_cmap_get(v, w->begin, &vb) && ph_cmap_get(v, w->end, &ve) && vb.kind == PH_VAL_NUM &&
        ve.kind == PH_VAL_NUM) {
        double d = ve.u.num - vb.u.num;
        double nb = vb.u.num + b * d, ne = vb.u.num + e * d;
        b = nb;
        e = ne;
    }
    ph_value tmp;
    return ph_tf_map_set(q, w, v, w->begin, ph_val_num(b), &tmp) &&
           ph_tf_map_set(q, w, tmp, w->end, ph_val_num(e), out);
}

/* The inner query chop squeezes into each event: n slices of it in one cycle, slice k with
 * begin k/n and end (k+1)/n (Strudel's sequence of the merged slice objects). */
typedef struct chop_inner {
    const ph_tf_words *w;
    ph_value value;
    int64_t n;
} chop_inner;

static ph_qstatus chop_inner_query(const void *ctx, ph_span span, ph_qctx *q, ph_events *out)
{
    const chop_inner *c = ctx;
    uint32_t from = out->count;
    if (ph_query_affine_fn(ph_pure_value_query, &c->value, ph_rat_int(c->n), ph_rat_int(0), span, q, out))
        return q->status;
    for (uint32_t i = from; i < out->count; i++) {
        ph_event *e = &out->ev[i];
        ph_rat pos = ph_rat_sub(e->whole.begin, ph_rat_floor(e->whole.begin));
        int64_t k = ph_rat_floor_int(ph_rat_mul(pos, ph_rat_int(c->n)));
        if (!set_slice(q, c->w, c->value, (double)k / (double)c->n, (double)(k + 1) / (double)c->n, &e->value))
            break;
    }
    return q->status;
}

static ph_qstatus chop_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                ph_events *out)
{
    /* squeezeBind: slice k of n fills the k-th n-th of each event's whole */
    double nd;
    chop_inner in = {self->data, ph_val_none(), 0};
    if (!ph_tf_num(args[0], &nd) || !ph_tf_count(nd, &in.n) || in.n < 1) return q->status;
    if (in.n > MAX_SLICES) in.n = MAX_SLICES;
    return ph_squeeze_join(self->in[0], span, chop_inner_query, &in, &in.value, q, out);
}

ph_pat *ph_tf_chop(ph_heap *h, const ph_pat *n, const ph_pat *pat)
{
    if (!n || !pat) return NULL;
    ph_pat *p = ph_patternify(h, chop_concrete, &n, 1, &pat, 1, sizeof(ph_tf_words));
    if (p) ph_tf_words_get(p->data);
    return p;
}

static ph_qstatus striate_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                   ph_qctx *q, ph_events *out)
{
    /* pat.set(slowcat(slices)).fast(n): inner cycle m takes slice m mod n, events cut at
     * the inner cycles (set is appLeft with a one-per-cycle pattern) */
    const ph_tf_words *w = self->data;
    double nd;
    int64_t n;
    if (!ph_tf_num(args[0], &nd) || !ph_tf_count(nd, &n) || n < 1) return q->status;
    ph_rat nr = ph_rat_int(n);
    uint32_t from = out->count;
    ph_span inner = ph_span_make(ph_rat_mul(span.begin, nr), ph_rat_mul(span.end, nr));
    if (ph_pat_query(self->in[0], inner, q, out)) return q->status;
    ph_tf_split_at_cycles(q, out, from);
    for (uint32_t i = from; i < out->count && q->status == PH_Q_OK; i++) {
        int64_t m = ph_rat_floor_int(out->ev[i].part.begin);
        int64_t k = ((m % n) + n) % n;
        /* set: the slice's begin/end replace the event's own */
        ph_value merged, tmp;
        if (!ph_tf_map_set(q, w, out->ev[i].value, w->begin, ph_val_num((double)k / (double)n), &tmp) ||
            !ph_tf_map_set(q, w, tmp, w->end, ph_val_num((double)(k + 1) / (double)n), &merged))
            break;
        out->ev[i].value = merged;
    }
    ph_events_affine(out, from, ph_rat_make(1, n), ph_rat_int(0));
    return q->status;
}

ph_pat *ph_tf_striate(ph_heap *h, const ph_pat *n, const ph_pat *pat)
{
    if (!n || !pat) return NULL;
    ph_pat *p = ph_patternify(h, striate_concrete, &n, 1, &pat, 1, sizeof(ph_tf_words));
    if (p) ph_tf_words_get(p->data);
    return p;
}
