/* ribbon offset cycles: loops `cycles` cycles of the pattern starting at `offset`
 * (Strudel's ribbon, pat.early(offset).restart(pure(1).slow(cycles))): in period k
 * (cycles k*len .. (k+1)*len) time t plays the pattern at t - k*len + offset, and, as
 * restartJoin does, every event is cut to the period (its whole too), so an event that
 * runs over the loop point ends there. Used to freeze a stretch of a random pattern:
 * `"bd*8?" $ ribbon 3 1`. */
#include "pattern/ph_pat_internal.h"
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

static ph_qstatus ribbon_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                  ph_events *out)
{
    ph_rat off, len;
    if (!ph_tf_rat(args[0], &off) || !ph_tf_rat(args[1], &len) || !ph_rat_gt(len, ph_rat_int(0))) return q->status;
    /* period by period: the span cut where a period ends */
    ph_rat b = span.begin;
    for (int guard = 0; ph_rat_lt(b, span.end) && q->status == PH_Q_OK; guard++) {
        if (guard > 4096) { /* bounded work: a tiny period over a long span */
            q->status = PH_Q_LIMIT;
            break;
        }
        ph_rat k = ph_rat_floor(ph_rat_div(b, len));
        ph_rat start = ph_rat_mul(k, len), end = ph_rat_add(start, len);
        ph_rat e = ph_rat_lt(end, span.end) ? end : span.end;
        ph_rat shift = ph_rat_sub(start, off); /* pattern time + shift = cycle time */
        uint32_t from = out->count;
        if (ph_query_early(self->in[0], ph_rat_neg(shift), ph_span_make(b, e), q, out)) break;
        ph_span period = ph_span_make(start, end);
        for (uint32_t i = from; i < out->count; i++) {
            ph_event *ev = &out->ev[i];
            /* a whole that misses the period (only a point can) leaves a part without one,
             * as Strudel's intersection does */
            if (ev->has_whole && !ph_span_intersect(ev->whole, period, &ev->whole)) ev->has_whole = false;
        }
        b = e;
    }
    return q->status;
}

ph_pat *ph_tf_ribbon(ph_heap *h, const ph_pat *offset, const ph_pat *cycles, const ph_pat *pat)
{
    if (!offset || !cycles || !pat) return NULL;
    const ph_pat *args[2] = {offset, cycles};
    return ph_patternify(h, ribbon_concrete, args, 2, &pat, 1, 0);
}
