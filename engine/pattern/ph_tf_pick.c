/* Picking one of several patterns: squeeze (by an index pattern, each choice squeezed into
 * the index event: Strudel's and Tidal's squeeze), wchoose and wchooseCycles (weighted
 * random choices with Strudel's seeded rand). The inputs are the patterns to pick from;
 * the index or weights come after them in the node's inputs. */
#include <math.h>
#include <stdio.h>

#include "pattern/ph_rand.h"
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

/* ----------------------------------------------------------------- squeeze */

static ph_qstatus squeeze_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    /* pat.fmap(i => xs[_mod(Math.round(i), xs.length)]).squeezeJoin(): in[0] is the index
     * pattern, in[1..] the choices. Non-numeric indices pick nothing (Strudel throws). */
    uint32_t n = self->nin - 1;
    ph_events idx;
    ph_events_init(&idx);
    if (ph_pat_query(self->in[0], span, q, &idx)) return q->status;
    for (uint32_t i = 0; i < idx.count && q->status == PH_Q_OK; i++) {
        double x;
        if (!idx.ev[i].has_whole || !ph_tf_num(idx.ev[i].value, &x) || !isfinite(x)) continue;
        double r = floor(x + 0.5); /* Math.round */
        int64_t k = (int64_t)fmod(fmod(r, (double)n) + (double)n, (double)n);
        ph_squeeze(&idx.ev[i], ph_inner_pat, self->in[1 + k], q, out);
    }
    return q->status;
}

ph_pat *ph_tf_squeeze(ph_heap *h, const ph_pat *const *args, uint32_t n)
{
    if (n < 2) return ph_silence(h); /* an index pattern and no choices */
    for (uint32_t i = 0; i < n; i++)
        if (!args[i]) return NULL;
    return ph_pat_make(h, squeeze_query, args, n, 0);
}

/* ---------------------------------------------------------------- wchoose */

/* The inputs: n values, then their n weights. */
typedef struct wchoose_data {
    bool cycles; /* wchooseCycles: one choice per cycle, wholes kept */
} wchoose_data;

/* Index of the value chosen by r with the weights' values over piece, or -1 when a
 * weight has no event there (bind drops the piece) or none is numeric. Strudel:
 * cumulative sums, the first one above total * r (findIndex; -1 when none is). */
static int64_t weighted_index(const ph_pat *self, uint32_t n, double r, ph_qctx *q, ph_span *sub)
{
    double cum[PH_TRANSFORM_MAX_ARGS / 2], total = 0;
    for (uint32_t i = 0; i < n; i++) {
        ph_events w;
        ph_events_init(&w);
        if (ph_pat_query(self->in[n + i], *sub, q, &w)) return -1;
        if (w.count == 0) return -1;
        /* the weight's first event here, the sub-piece narrowed to it: pieces where a
         * weight changes are split by the caller (see wchoose_piece) */
        const ph_event *e = &w.ev[0];
        for (uint32_t k = 1; k < w.count; k++)
            if (ph_rat_lt(w.ev[k].part.begin, e->part.begin)) e = &w.ev[k];
        ph_span cut;
        if (!ph_span_intersect(*sub, e->part, &cut)) return -1;
        *sub = cut;
        double x;
        if (!ph_tf_num(e->value, &x)) return -1;
        total += x;
        cum[i] = total;
    }
    double find = total * r;
    for (uint32_t i = 0; i < n; i++)
        if (cum[i] > find) return i;
    return -1;
}

static ph_qstatus wchoose_piece(const ph_pat *self, ph_span piece, double r, ph_qctx *q, ph_events *out)
{
    /* Walk the piece: each step takes the sub-span where every weight keeps one event
     * (sequenceP binds the weights), picks with r and queries the chosen value there. */
    uint32_t n = self->nin / 2;
    bool cycles = ((const wchoose_data *)self->data)->cycles;
    ph_rat at = piece.begin;
    while (ph_rat_lt(at, piece.end) && q->status == PH_Q_OK) {
        if (!ph_qwork(q, 1)) break;
        ph_span sub = ph_span_make(at, piece.end);
        int64_t k = weighted_index(self, n, r, q, &sub);
        if (q->status != PH_Q_OK) break;
        if (!ph_rat_lt(at, sub.end)) break; /* no progress: nothing more here */
        if (k >= 0) {
            uint32_t from = out->count;
            if (ph_pat_query(self->in[k], sub, q, out)) break;
            if (!cycles)
                for (uint32_t i = from; i < out->count; i++) out->ev[i].has_whole = false;
        }
        at = sub.end;
    }
    return q->status;
}

static ph_qstatus wchoose_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    /* wchoose: rand (continuous) is sampled once at the query's begin; the pure weights
     * split the query at cycles, the value's events lose their wholes (outerJoin with a
     * signal). wchooseCycles: rand.segment(1), so rand at each cycle's start, and the
     * value's own wholes (innerJoin). */
    bool cycles = ((const wchoose_data *)self->data)->cycles;
    double r0 = ph_rand_time_to_rand(ph_rat_to_double(span.begin));
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) {
        double r = cycles ? ph_rand_time_to_rand(ph_rat_to_double(ph_rat_floor(piece.begin))) : r0;
        if (wchoose_piece(self, piece, r, q, out)) break;
    }
    return q->status;
}

ph_pat *ph_tf_wchoose(ph_heap *h, const ph_pat *const *pairs, uint32_t n, bool cycles, char *err, size_t errlen)
{
    if (n == 0 || n % 2) {
        if (err && errlen)
            snprintf(err, errlen, "%s: expects value/weight pairs (%s \"bd\" 3 \"sn\" 1)",
                     cycles ? "wchooseCycles" : "wchoose", cycles ? "wchooseCycles" : "wchoose");
        return NULL;
    }
    uint32_t k = n / 2;
    const ph_pat *in[PH_TRANSFORM_MAX_ARGS];
    for (uint32_t i = 0; i < k; i++) {
        in[i] = pairs[2 * i];
        in[k + i] = pairs[2 * i + 1];
        if (!in[i] || !in[k + i]) return NULL;
    }
    ph_pat *p = ph_pat_make(h, wchoose_query, in, n, sizeof(wchoose_data));
    if (p) ((wchoose_data *)p->data)->cycles = cycles;
    return p;
}

/* -------------------------------------------------------------------- fit */

static ph_qstatus fit_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                               ph_events *out)
{
    /* Tidal's _fit step xs p = (xs !!!) <$> p with step * cycle added to each index: cycle c
     * of "0 1" with step 1 picks xs[c] and xs[c + 1] (mod the length). in[0] is the index
     * pattern, in[1..] the values; a value that is a pattern is taken over the index
     * event (structure from the index). */
    double step;
    if (!ph_tf_num(args[0], &step) || !(fabs(step) < 1e9)) return q->status;
    uint32_t n = self->nin - 1;
    ph_events idx;
    ph_events_init(&idx);
    if (ph_pat_query(self->in[0], span, q, &idx)) return q->status;
    for (uint32_t i = 0; i < idx.count && q->status == PH_Q_OK; i++) {
        const ph_event *e = &idx.ev[i];
        double x;
        if (!ph_tf_num(e->value, &x) || !(fabs(x) < 1e15)) continue;
        double pos = step * (double)ph_rat_floor_int(ph_event_whole_or_part(e).begin);
        double k = fmod(floor(x) + floor(pos), (double)n);
        if (k < 0) k += n;
        ph_events v;
        ph_events_init(&v);
        if (ph_pat_query(self->in[1 + (uint32_t)k], ph_event_whole_or_part(e), q, &v)) break;
        for (uint32_t j = 0; j < v.count; j++) {
            ph_event ev = *e;
            if (!ph_span_intersect(e->part, v.ev[j].part, &ev.part)) continue;
            ev.value = v.ev[j].value;
            if (!ph_qlocs_cat(q, &ev, v.ev[j].locs, v.ev[j].n_locs, e->locs, e->n_locs) || !ph_qpush_copy(q, out, &ev))
                break;
        }
    }
    return q->status;
}

ph_pat *ph_tf_fit(ph_heap *h, const ph_pat *step, const ph_pat *const *xs, uint32_t n, const ph_pat *pat)
{
    if (!step || !pat || n == 0) return NULL;
    const ph_pat *in[PH_TRANSFORM_MAX_ARGS + 1];
    in[0] = pat;
    for (uint32_t i = 0; i < n; i++)
        if (!(in[1 + i] = xs[i])) return NULL;
    ph_pat *p = ph_patternify(h, fit_concrete, &step, 1, in, n + 1, 0);
    if (p) p->steps = pat->steps;
    return p;
}
