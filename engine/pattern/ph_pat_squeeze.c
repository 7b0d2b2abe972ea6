/* The query-time primitives most transforms are made of (Tidal's withQueryTime +
 * withResultTime, and squeezeJoin): an affine time map of a query, and the squeeze of an
 * inner query's cycle into an outer event. Neither builds a node: transforms call them
 * from their own queries with the values they hold at that moment. */
#include "pattern/ph_pat_internal.h"
#include "pattern/ph_pattern.h"

ph_qstatus ph_inner_pat(const void *ctx, ph_span span, ph_qctx *q, ph_events *out)
{
    return ph_pat_query(ctx, span, q, out);
}

ph_qstatus ph_query_affine_fn(ph_inner_fn inner, const void *ctx, ph_rat mul, ph_rat add, ph_span span,
                              ph_qctx *q, ph_events *out)
{
    /* mul = 0 is silence (fast 0); a negative mul turns the span around, as Strudel's
     * withQueryTime does, and most patterns then give nothing */
    if (ph_rat_is_zero(mul)) return q->status;
    uint32_t from = out->count;
    ph_span s = ph_span_make(ph_rat_add(ph_rat_mul(span.begin, mul), add),
                             ph_rat_add(ph_rat_mul(span.end, mul), add));
    if (inner(ctx, s, q, out)) return q->status;
    ph_rat inv = ph_rat_div(ph_rat_int(1), mul);
    ph_events_affine(out, from, inv, ph_rat_neg(ph_rat_mul(add, inv)));
    return q->status;
}

ph_qstatus ph_query_affine(const ph_pat *pat, ph_rat mul, ph_rat add, ph_span span, ph_qctx *q,
                           ph_events *out)
{
    return ph_query_affine_fn(ph_inner_pat, pat, mul, add, span, q, out);
}

ph_qstatus ph_squeeze(const ph_event *outer, ph_inner_fn inner, const void *ctx, ph_qctx *q, ph_events *out)
{
    /* Strudel's squeezeJoin for one event: focus (early sam, fast 1/d, late begin) maps the
     * inner's cycle sam = floor(W.begin) onto the whole W; the inner is queried over the
     * outer part and its events are cut to the outer whole and part (those that miss
     * either are dropped). */
    ph_span w = ph_event_whole_or_part(outer), p = outer->part;
    ph_rat d = ph_rat_sub(w.end, w.begin);
    if (!ph_rat_gt(d, ph_rat_int(0))) return q->status;
    ph_rat mul = ph_rat_div(ph_rat_int(1), d);
    ph_rat add = ph_rat_sub(ph_rat_floor(w.begin), ph_rat_mul(w.begin, mul));
    uint32_t from = out->count;
    if (ph_query_affine_fn(inner, ctx, mul, add, p, q, out)) return q->status;
    uint32_t keep = from;
    for (uint32_t i = from; i < out->count; i++) {
        ph_event ev = out->ev[i];
        if (!ph_span_intersect(ev.part, p, &ev.part)) continue;
        if (ev.has_whole && outer->has_whole && !ph_span_intersect(ev.whole, outer->whole, &ev.whole)) continue;
        ev.has_whole = ev.has_whole && outer->has_whole;
        /* squeezeJoin: the inner event's locations, then the outer's */
        if (!ph_qlocs_cat(q, &ev, ev.locs, ev.n_locs, outer->locs, outer->n_locs)) break;
        out->ev[keep++] = ev;
    }
    out->count = keep;
    return q->status;
}

ph_qstatus ph_squeeze_join(const ph_pat *outer, ph_span span, ph_inner_fn inner, const void *ctx,
                           ph_value *value, ph_qctx *q, ph_events *out)
{
    ph_events ev;
    ph_events_init(&ev);
    if (ph_pat_query(outer, span, q, &ev)) return q->status;
    for (uint32_t i = 0; i < ev.count && q->status == PH_Q_OK; i++) {
        if (!ev.ev[i].has_whole) continue; /* squeezeJoin is discreteOnly */
        if (value) *value = ev.ev[i].value;
        ph_squeeze(&ev.ev[i], inner, ctx, q, out);
    }
    return q->status;
}
