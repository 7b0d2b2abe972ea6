/* Conditional transforms, Strudel 1.2 semantics: firstOf/every, lastOf, palindrome,
 * whenmod (Tidal's), within, chunk/chunkBack/fastChunk, sometimesBy and its family,
 * someCyclesBy. The function argument is applied once when building; where Strudel
 * applies it to a pattern that depends on a patterned argument, the argument reaches
 * that pattern through a parameter node (ph_tf_util.h). */
#include <stdio.h>

#include "pattern/ph_rand.h"
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

static const ph_rat R0 = {0, 1};

/* --------------------------------------------------- firstOf, every, lastOf */

typedef struct every_data {
    bool last;
} every_data;

static ph_qstatus every_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                 ph_qctx *q, ph_events *out)
{
    /* slowcatPrime: cycle c plays input (c % n) (JavaScript %, so negative cycles play
     * nothing); the function's result is the first (firstOf) or last (lastOf) input. */
    double nd;
    int64_t n;
    if (!ph_tf_num(args[0], &nd) || !ph_tf_count(nd, &n) || n < 1) return q->status;
    bool last = ((const every_data *)self->data)->last;
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) {
        int64_t idx = ph_rat_floor_int(piece.begin) % n;
        if (idx < 0) continue;
        bool apply = last ? idx == n - 1 : idx == 0;
        ph_pat_query(self->in[apply ? 1 : 0], piece, q, out);
    }
    return q->status;
}

static ph_pat *every_node(ph_heap *h, const ph_pat *n, const ph_pat *pat, const ph_pat *fpat,
                          bool last)
{
    if (!n || !pat || !fpat) return NULL;
    const ph_pat *in[2] = {pat, fpat};
    ph_pat *p = ph_patternify(h, every_concrete, &n, 1, in, 2, sizeof(every_data));
    if (p) {
        ((every_data *)p->data)->last = last;
        p->steps = pat->steps;
    }
    return p;
}

ph_pat *ph_tf_every(ph_heap *h, const ph_pat *n, const ph_tf_fn *f, const ph_pat *pat, bool last)
{
    if (!pat || !ph_tf_check_count(n, last ? "lastOf" : "every")) return NULL;
    ph_pat *fpat = ph_tf_fn_apply(h, f, pat);
    return every_node(h, n, pat, fpat, last);
}

ph_pat *ph_tf_palindrome(ph_heap *h, const ph_pat *pat)
{
    /* lastOf 2 rev */
    if (!pat) return NULL;
    return every_node(h, ph_pure_num(h, 2), pat, ph_tf_rev(h, pat), true);
}

/* ---------------------------------------------------------------- whenmod */

static ph_qstatus whenmod_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                   ph_qctx *q, ph_events *out)
{
    /* Tidal: whenT (\t -> (t `mod'` a) >= b), t the start of each cycle piece */
    ph_rat a, b;
    if (!ph_tf_rat(args[0], &a) || !ph_tf_rat(args[1], &b) || !ph_rat_gt(a, R0)) return q->status;
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) {
        ph_rat t = piece.begin;
        ph_rat m = ph_rat_sub(t, ph_rat_mul(a, ph_rat_floor(ph_rat_div(t, a))));
        ph_pat_query(self->in[ph_rat_ge(m, b) ? 1 : 0], piece, q, out);
    }
    return q->status;
}

ph_pat *ph_tf_whenmod(ph_heap *h, const ph_pat *a, const ph_pat *b, const ph_tf_fn *f,
                      const ph_pat *pat)
{
    if (!a || !b || !pat) return NULL;
    ph_pat *fpat = ph_tf_fn_apply(h, f, pat);
    if (!fpat) return NULL;
    const ph_pat *args[2] = {a, b};
    const ph_pat *in[2] = {pat, fpat};
    ph_pat *p = ph_patternify(h, whenmod_concrete, args, 2, in, 2, 0);
    if (p) p->steps = pat->steps;
    return p;
}

/* ----------------------------------------------------------------- within */

static ph_qstatus within_filter(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                ph_events *out)
{
    /* filterWhen on the onset's position in its cycle; keep [a, b] (inside) or the rest */
    double a, b;
    if (!ph_tf_num(args[0], &a) || !ph_tf_num(args[1], &b)) return q->status;
    bool inside = *(const bool *)ph_tf_param_extra(self);
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    uint32_t w = from;
    for (uint32_t i = from; i < out->count; i++) {
        const ph_event *e = &out->ev[i];
        if (!e->has_whole) continue;
        double pos = ph_rat_to_double(ph_rat_frac(e->whole.begin));
        bool in = pos >= a && pos <= b;
        if (in == inside) out->ev[w++] = *e;
    }
    out->count = w;
    return q->status;
}

static ph_qstatus within_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                  ph_qctx *q, ph_events *out)
{
    const ph_tf_keyed *k = self->data;
    if (!ph_tf_env_push(q, k->key, args, 2)) return q->status;
    ph_pat_query(self->in[0], span, q, out);
    ph_pat_query(self->in[1], span, q, out);
    ph_tf_env_pop(q);
    return q->status;
}

ph_pat *ph_tf_within(ph_heap *h, const ph_pat *a, const ph_pat *b, const ph_tf_fn *f,
                     const ph_pat *pat)
{
    if (!a || !b || !pat) return NULL;
    ph_tf_key *key = ph_tf_key_new(h);
    if (!key) return NULL;
    ph_pat *inpart = ph_tf_param_node(h, key, within_filter, &pat, 1, sizeof(bool));
    ph_pat *outpart = ph_tf_param_node(h, key, within_filter, &pat, 1, sizeof(bool));
    if (!inpart || !outpart) return NULL;
    *(bool *)ph_tf_param_extra(inpart) = true;
    ph_pat *fpat = ph_tf_fn_apply(h, f, inpart);
    if (!fpat) return NULL;
    const ph_pat *args[2] = {a, b};
    const ph_pat *in[2] = {fpat, outpart};
    ph_pat *p = ph_patternify(h, within_concrete, args, 2, in, 2, sizeof(ph_tf_keyed));
    if (p) {
        ((ph_tf_keyed *)p->data)->key = key;
        p->steps = pat->steps;
    }
    return p;
}

/* ------------------------------------------------------------------ chunk */

typedef struct chunk_data {
    ph_tf_keyed k;
    bool back, fast;
} chunk_data;

static ph_qstatus chunk_repeat_param(const ph_pat *self, const ph_value *args, ph_span span,
                                     ph_qctx *q, ph_events *out)
{
    ph_rat n;
    if (!ph_tf_rat(args[0], &n)) return q->status;
    return ph_tf_repeat_cycles_query(self->in[0], n, span, q, out);
}

static ph_qstatus chunk_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                 ph_qctx *q, ph_events *out)
{
    /* when (iter' n (true : replicate (n-1) false)) f (repeatCycles n pat): cycle c
     * applies f in its step (c mod n) of n (chunkBack: step (-c mod n)); the query is
     * split at the steps, as the boolean pattern's events split it. */
    const chunk_data *d = self->data;
    double nd;
    int64_t n;
    if (!ph_tf_num(args[0], &nd) || !ph_tf_count(nd, &n) || n < 1) return q->status;
    ph_rat nr = ph_rat_int(n), inv = ph_rat_make(1, n);
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, ph_span_make(ph_rat_mul(span.begin, nr), ph_rat_mul(span.end, nr)));
    while (ph_tf_cycles_next(&it, q, &piece)) {
        int64_t j = ph_rat_floor_int(piece.begin);
        int64_t c = j >= 0 ? j / n : -((-j + n - 1) / n);
        int64_t k = j - c * n;
        int64_t cm = ((c % n) + n) % n;
        int64_t target = d->back ? (n - cm) % n : cm;
        ph_span sub = ph_span_make(ph_rat_mul(piece.begin, inv), ph_rat_mul(piece.end, inv));
        if (k == target) {
            if (!ph_tf_env_push(q, d->k.key, args, 1)) break;
            ph_pat_query(self->in[1], sub, q, out);
            ph_tf_env_pop(q);
        } else if (d->fast) {
            ph_pat_query(self->in[0], sub, q, out);
        } else {
            ph_tf_repeat_cycles_query(self->in[0], nr, sub, q, out);
        }
    }
    return q->status;
}

ph_pat *ph_tf_chunk(ph_heap *h, const ph_pat *n, const ph_tf_fn *f, const ph_pat *pat,
                    bool back, bool fast)
{
    if (!pat || !ph_tf_check_count(n, "chunk")) return NULL;
    ph_tf_key *key = ph_tf_key_new(h);
    if (!key) return NULL;
    const ph_pat *base = pat;
    if (!fast) base = ph_tf_param_node(h, key, chunk_repeat_param, &pat, 1, 0);
    ph_pat *fpat = base ? ph_tf_fn_apply(h, f, base) : NULL;
    if (!fpat) return NULL;
    const ph_pat *in[2] = {pat, fpat};
    ph_pat *p = ph_patternify(h, chunk_concrete, &n, 1, in, 2, sizeof(chunk_data));
    if (p) {
        chunk_data *d = p->data;
        d->k.key = key;
        d->back = back;
        d->fast = fast;
        p->steps = pat->steps;
    }
    return p;
}

/* ------------------------------------------------- sometimesBy, someCyclesBy */

static double rand_at(ph_rat t) { return ph_rand_time_to_rand(ph_rat_to_double(t)); }

/* Keeps events [from, count) as Strudel's degradeByWith: by the rand value at the
 * event's onset (per event), or at the start of each cycle the event touches (per
 * cycle, the part split at cycle boundaries). `inverse` uses 1 - rand and the
 * threshold as given (undegradeBy(1 - x) passes 1 - x). */
static void degrade_events(ph_qctx *q, ph_events *out, uint32_t from, double threshold,
                           bool inverse, bool per_cycle)
{
    uint32_t end = out->count;
    if (!per_cycle) {
        uint32_t w = from;
        for (uint32_t i = from; i < end; i++) {
            ph_span wop = ph_event_whole_or_part(&out->ev[i]);
            double r = rand_at(wop.begin);
            if (inverse) r = 1 - r;
            if (r > threshold) out->ev[w++] = out->ev[i];
        }
        out->count = w;
        return;
    }
    /* per cycle: segment 1 of rand queried over the event's whole, then appLeft; the
     * kept fragments are appended after `end`, then moved down to `from` */
    for (uint32_t i = from; i < end && q->status == PH_Q_OK; i++) {
        ph_event e = out->ev[i];
        ph_tf_cycles it;
        ph_span piece;
        ph_tf_cycles_init(&it, ph_event_whole_or_part(&e));
        while (ph_tf_cycles_next(&it, q, &piece)) {
            double r = rand_at(ph_rat_floor(piece.begin));
            if (inverse) r = 1 - r;
            ph_span np;
            if (!(r > threshold) || !ph_span_intersect(e.part, piece, &np)) continue;
            ph_event *d = ph_qpush(q, out);
            if (!d) break;
            *d = e;
            d->part = np;
        }
    }
    uint32_t w = from;
    for (uint32_t i = end; i < out->count; i++) out->ev[w++] = out->ev[i];
    out->count = w;
}

typedef struct sometimes_data {
    ph_tf_keyed k;
    bool cycles;
} sometimes_data;

static ph_qstatus sometimes_param(const ph_pat *self, const ph_value *args, ph_span span,
                                  ph_qctx *q, ph_events *out)
{
    /* the pattern the function gets: undegradeBy(1 - x) */
    double x;
    if (!ph_tf_num(args[0], &x)) return q->status;
    bool cycles = *(const bool *)ph_tf_param_extra(self);
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    degrade_events(q, out, from, 1 - x, true, cycles);
    return q->status;
}

static ph_qstatus sometimes_piece(const ph_pat *self, const ph_value *args, ph_span piece,
                                  ph_qctx *q, ph_events *out)
{
    const sometimes_data *d = self->data;
    double x;
    if (!ph_tf_num(args[0], &x)) return q->status;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], piece, q, out)) return q->status;
    degrade_events(q, out, from, x, false, d->cycles);
    if (!ph_tf_env_push(q, d->k.key, args, 1)) return q->status;
    ph_pat_query(self->in[1], piece, q, out);
    ph_tf_env_pop(q);
    return q->status;
}

static ph_qstatus sometimes_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                     ph_qctx *q, ph_events *out)
{
    /* reify(x).fmap(..).innerJoin(): even a constant x splits the query at cycles */
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) sometimes_piece(self, args, piece, q, out);
    return q->status;
}

ph_pat *ph_tf_sometimes_by(ph_heap *h, const ph_pat *x, const ph_tf_fn *f, const ph_pat *pat,
                           bool cycles)
{
    if (!x || !pat) return NULL;
    ph_tf_key *key = ph_tf_key_new(h);
    if (!key) return NULL;
    ph_pat *kept = ph_tf_param_node(h, key, sometimes_param, &pat, 1, sizeof(bool));
    if (!kept) return NULL;
    *(bool *)ph_tf_param_extra(kept) = cycles;
    ph_pat *fpat = ph_tf_fn_apply(h, f, kept);
    if (!fpat) return NULL;
    const ph_pat *in[2] = {pat, fpat};
    ph_pat *p = ph_patternify(h, sometimes_concrete, &x, 1, in, 2, sizeof(sometimes_data));
    if (p) {
        sometimes_data *d = p->data;
        d->k.key = key;
        d->cycles = cycles;
    }
    return p;
}
