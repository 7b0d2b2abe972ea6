/* Time transforms with Strudel 1.2's semantics (packages/core/pattern.mjs): rev, iter,
 * iterBack, zoom, compress, fastGap, linger, repeatCycles, swingBy, brak, pressBy,
 * hurry, inside/outside. Each patterned transform has a concrete query taking the
 * argument values (see ph_patternify); helpers compose those concrete queries by hand
 * instead of building intermediate patterns. */
#include <math.h>

#include "pattern/ph_rand.h"
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

static const ph_rat R0 = {0, 1};
static const ph_rat R1 = {1, 1};

static ph_span span_map(ph_span s, ph_rat mul, ph_rat add)
{
    return ph_span_make(ph_rat_add(ph_rat_mul(s.begin, mul), add),
                        ph_rat_add(ph_rat_mul(s.end, mul), add));
}

/* ------------------------------------------------------------------- rev */

static ph_qstatus rev_piece(const ph_pat *self, ph_span piece, ph_qctx *q, ph_events *out)
{
    /* reflect within the cycle: t -> c + (c + 1 - t), begin and end swapped */
    ph_rat axis = ph_rat_add(ph_rat_mul(ph_rat_floor(piece.begin), ph_rat_int(2)), R1);
    ph_span r = ph_span_make(ph_rat_sub(axis, piece.end), ph_rat_sub(axis, piece.begin));
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], r, q, out)) return q->status;
    for (uint32_t i = from; i < out->count; i++) {
        ph_event *e = &out->ev[i];
        e->part = ph_span_make(ph_rat_sub(axis, e->part.end), ph_rat_sub(axis, e->part.begin));
        if (e->has_whole)
            e->whole = ph_span_make(ph_rat_sub(axis, e->whole.end), ph_rat_sub(axis, e->whole.begin));
    }
    return q->status;
}

static ph_qstatus rev_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    return ph_query_split_cycles(self, span, q, out, rev_piece);
}

ph_pat *ph_tf_rev(ph_heap *h, const ph_pat *pat)
{
    if (!pat) return NULL;
    ph_pat *p = ph_pat_make(h, rev_query, &pat, 1, 0);
    if (p) p->steps = pat->steps;
    return p;
}

/* ------------------------------------------------------------ iter, iterBack */

typedef struct back_data {
    bool back;
} back_data;

static ph_qstatus iter_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                ph_qctx *q, ph_events *out)
{
    /* slowcat of pat.early(i/n) (iterBack: late) for i in 0 .. floor(n)-1 */
    ph_rat n;
    if (!ph_tf_rat(args[0], &n) || !ph_rat_gt(n, R0)) return q->status;
    int64_t count = ph_rat_floor_int(n);
    bool back = ((const back_data *)self->data)->back;
    if (count < 1) return q->status;
    if (count == 1) return ph_pat_query(self->in[0], span, q, out); /* slowcat of one */
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) {
        ph_rat sam = ph_rat_floor(piece.begin);
        int64_t c = sam.n;
        int64_t i = ((c % count) + count) % count;
        ph_rat offset = ph_rat_sub(sam, ph_rat_floor(ph_rat_div(piece.begin, ph_rat_int(count))));
        ph_rat shift = ph_rat_div(ph_rat_int(i), n);
        if (back) shift = ph_rat_neg(shift);
        ph_query_early(self->in[0], ph_rat_sub(shift, offset), piece, q, out);
    }
    return q->status;
}

ph_pat *ph_tf_iter(ph_heap *h, const ph_pat *n, const ph_pat *pat, bool back)
{
    ph_pat *p = ph_tf_patterned(h, iter_concrete, &n, 1, pat, sizeof(back_data));
    if (p) ((back_data *)p->data)->back = back;
    return p;
}

/* ------------------------------------------------------------------- zoom */

/* Strudel's span.withCycle(f): f applied relative to the span's own cycle. */
static ph_span with_cycle(ph_span s, ph_rat mul, ph_rat add)
{
    ph_rat sam = ph_rat_floor(s.begin);
    return ph_span_make(ph_rat_add(sam, ph_rat_add(ph_rat_mul(ph_rat_sub(s.begin, sam), mul), add)),
                        ph_rat_add(sam, ph_rat_add(ph_rat_mul(ph_rat_sub(s.end, sam), mul), add)));
}

/* zoom s e over span (s < e checked by the caller). */
ph_qstatus ph_tf_zoom_query(const ph_pat *pat, ph_rat s, ph_rat e, ph_span span, ph_qctx *q,
                                 ph_events *out)
{
    ph_rat d = ph_rat_sub(e, s);
    ph_rat inv = ph_rat_div(R1, d);
    ph_rat back = ph_rat_neg(ph_rat_div(s, d));
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) {
        uint32_t from = out->count;
        if (ph_pat_query(pat, with_cycle(piece, d, s), q, out)) break;
        for (uint32_t i = from; i < out->count; i++) {
            ph_event *ev = &out->ev[i];
            ev->part = with_cycle(ev->part, inv, back);
            if (ev->has_whole) ev->whole = with_cycle(ev->whole, inv, back);
        }
    }
    return q->status;
}

static ph_qstatus zoom_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                ph_events *out)
{
    ph_rat s, e;
    if (!ph_tf_rat(args[0], &s) || !ph_tf_rat(args[1], &e) || ph_rat_ge(s, e)) return q->status;
    return ph_tf_zoom_query(self->in[0], s, e, span, q, out);
}

ph_pat *ph_tf_zoom(ph_heap *h, const ph_pat *s, const ph_pat *e, const ph_pat *pat)
{
    const ph_pat *a[2] = {s, e};
    return ph_tf_patterned(h, zoom_concrete, a, 2, pat, 0);
}

/* ------------------------------------------------------ fastGap, compress */

static ph_qstatus fast_gap_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                    ph_qctx *q, ph_events *out)
{
    ph_rat f;
    if (!ph_tf_rat(args[0], &f)) return q->status;
    return ph_query_fast_gap(self->in[0], f, span, q, out);
}

ph_pat *ph_tf_fast_gap(ph_heap *h, const ph_pat *factor, const ph_pat *pat)
{
    return ph_tf_patterned(h, fast_gap_concrete, &factor, 1, pat, 0);
}

/* compress b e = fastGap (1/(e-b)) then late b; silence outside 0 <= b < e <= 1. */
static ph_qstatus compress_query_rat(const ph_pat *pat, ph_rat b, ph_rat e, ph_span span,
                                     ph_qctx *q, ph_events *out)
{
    if (ph_rat_gt(b, e) || ph_rat_gt(b, R1) || ph_rat_gt(e, R1) || ph_rat_lt(b, R0) ||
        ph_rat_lt(e, R0) || ph_rat_eq(b, e))
        return q->status;
    uint32_t from = out->count;
    ph_rat factor = ph_rat_div(R1, ph_rat_sub(e, b));
    if (ph_query_fast_gap(pat, factor, span_map(span, R1, ph_rat_neg(b)), q, out)) return q->status;
    ph_events_shift(out, from, b);
    return q->status;
}

static ph_qstatus compress_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                    ph_qctx *q, ph_events *out)
{
    ph_rat b, e;
    if (!ph_tf_rat(args[0], &b) || !ph_tf_rat(args[1], &e)) return q->status;
    return compress_query_rat(self->in[0], b, e, span, q, out);
}

ph_pat *ph_tf_compress(ph_heap *h, const ph_pat *b, const ph_pat *e, const ph_pat *pat)
{
    const ph_pat *a[2] = {b, e};
    return ph_tf_patterned(h, compress_concrete, a, 2, pat, 0);
}

/* ------------------------------------------------------------------ linger */

static ph_qstatus linger_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                  ph_qctx *q, ph_events *out)
{
    /* t > 0: zoom 0 t, then slow t.  t < 0: the last |t| of the cycle (zoom (1+t) 1, slow
     * |t|, as Tidal; Strudel 1.2 throws here).  t = 0: silence. */
    ph_rat t;
    if (!ph_tf_rat(args[0], &t) || ph_rat_is_zero(t)) return q->status;
    ph_rat zs = R0, ze = t, len = t;
    if (ph_rat_lt(t, R0)) {
        zs = ph_rat_add(R1, t);
        ze = R1;
        len = ph_rat_neg(t);
    }
    if (ph_rat_ge(zs, ze)) return q->status;
    uint32_t from = out->count;
    /* slow len: query span / len, events * len */
    if (ph_tf_zoom_query(self->in[0], zs, ze, span_map(span, ph_rat_div(R1, len), R0), q, out))
        return q->status;
    ph_events_affine(out, from, len, R0);
    return q->status;
}

ph_pat *ph_tf_linger(ph_heap *h, const ph_pat *t, const ph_pat *pat)
{
    return ph_tf_patterned(h, linger_concrete, &t, 1, pat, 0);
}

/* ------------------------------------------------------------ repeatCycles */

static ph_qstatus repeat_cycles_query_rat(const ph_pat *pat, ph_rat n, ph_span span, ph_qctx *q,
                                          ph_events *out)
{
    if (ph_rat_is_zero(n)) return q->status;
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) {
        ph_rat cycle = ph_rat_floor(piece.begin);
        ph_rat source = ph_rat_floor(ph_rat_div(cycle, n));
        ph_rat delta = ph_rat_sub(cycle, source);
        ph_query_early(pat, ph_rat_neg(delta), piece, q, out);
    }
    return q->status;
}

static ph_qstatus repeat_cycles_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                         ph_qctx *q, ph_events *out)
{
    ph_rat n;
    if (!ph_tf_rat(args[0], &n)) return q->status;
    return repeat_cycles_query_rat(self->in[0], n, span, q, out);
}

ph_pat *ph_tf_repeat_cycles(ph_heap *h, const ph_pat *n, const ph_pat *pat)
{
    return ph_tf_patterned(h, repeat_cycles_concrete, &n, 1, pat, 0);
}

ph_qstatus ph_tf_repeat_cycles_query(const ph_pat *pat, ph_rat n, ph_span span, ph_qctx *q,
                                     ph_events *out)
{
    return repeat_cycles_query_rat(pat, n, span, q, out);
}

/* ------------------------------------------------------------------ swingBy */

static ph_qstatus swing_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                 ph_events *out)
{
    /* inside n (late (seq 0 (x/2))): the second half of each 1/n slice is delayed by
     * x/2 of the slice. Halves of the sped-up span are the arguments' events of the
     * patterned late, so the query is split there. */
    double x;
    ph_rat n;
    if (!ph_tf_num(args[0], &x) || !ph_tf_rat(args[1], &n) || ph_rat_is_zero(n)) return q->status;
    ph_rat half;
    if (!ph_tf_rat(ph_val_num(x / 2), &half)) return q->status;
    ph_rat two_n = ph_rat_mul(n, ph_rat_int(2));
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span_map(span, two_n, R0));
    while (ph_tf_cycles_next(&it, q, &piece)) {
        bool odd = (ph_rat_floor_int(piece.begin) % 2) != 0;
        ph_rat o = odd ? half : R0;
        ph_span p = span_map(piece, ph_rat_make(1, 2), R0); /* in the inner (slowed) time */
        /* query pat over (p - o) / n; events t -> t + o / n */
        ph_rat inv = ph_rat_div(R1, n);
        uint32_t from = out->count;
        if (ph_pat_query(self->in[0], span_map(p, inv, ph_rat_neg(ph_rat_mul(o, inv))), q, out)) break;
        ph_events_shift(out, from, ph_rat_mul(o, inv));
    }
    return q->status;
}

ph_pat *ph_tf_swing_by(ph_heap *h, const ph_pat *x, const ph_pat *n, const ph_pat *pat)
{
    const ph_pat *a[2] = {x, n};
    return ph_tf_patterned(h, swing_concrete, a, 2, pat, 0);
}

/* -------------------------------------------------------------------- brak */

static ph_qstatus brak_piece(const ph_pat *self, ph_span piece, ph_qctx *q, ph_events *out)
{
    int64_t c = ph_rat_floor_int(piece.begin);
    return ph_pat_query(self->in[(c % 2 + 2) % 2 == 1 ? 1 : 0], piece, q, out);
}

static ph_qstatus brak_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    return ph_query_split_cycles(self, span, q, out, brak_piece);
}

ph_pat *ph_tf_brak(ph_heap *h, const ph_pat *pat)
{
    /* when (slowcat false true) (\x -> fastcat x silence late 0.25) */
    if (!pat) return NULL;
    const ph_pat *cat[2] = {pat, ph_silence(h)};
    if (!cat[1]) return NULL;
    ph_pat *fc = ph_fastcat(h, cat, 2);
    ph_pat *shifted = fc ? ph_late_rat(h, ph_rat_make(1, 4), fc) : NULL;
    if (!shifted) return NULL;
    const ph_pat *in[2] = {pat, shifted};
    return ph_pat_make(h, brak_query, in, 2, 0);
}

/* ----------------------------------------------------------------- pressBy */

/* pure(value).compress(r, 1): the inner query pressBy squeezes into each event. Each
 * cycle c of pure is an affine image of the cycle's last (1 - r). */
typedef struct press_inner {
    ph_value value;
    ph_rat r;
} press_inner;

static ph_qstatus press_inner_query(const void *ctx, ph_span span, ph_qctx *q, ph_events *out)
{
    const press_inner *p = ctx;
    ph_rat mul = ph_rat_div(R1, ph_rat_sub(R1, p->r));
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) {
        ph_rat c = ph_rat_floor(piece.begin);
        ph_span in;
        if (!ph_span_intersect(piece, ph_span_make(ph_rat_add(c, p->r), ph_rat_add(c, R1)), &in)) continue;
        /* [c + r, c + 1) -> [c, c + 1) */
        ph_rat add = ph_rat_sub(c, ph_rat_mul(ph_rat_add(c, p->r), mul));
        if (ph_query_affine_fn(ph_pure_value_query, &p->value, mul, add, in, q, out)) break;
    }
    return q->status;
}

static ph_qstatus press_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                 ph_events *out)
{
    /* pat.fmap(x => pure(x).compress(r, 1)).squeezeJoin(): each event keeps the last
     * (1 - r) of its whole */
    press_inner in;
    if (!ph_tf_rat(args[0], &in.r) || ph_rat_lt(in.r, R0) || ph_rat_ge(in.r, R1)) return q->status;
    return ph_squeeze_join(self->in[0], span, press_inner_query, &in, &in.value, q, out);
}

ph_pat *ph_tf_press_by(ph_heap *h, const ph_pat *r, const ph_pat *pat)
{
    return ph_tf_patterned(h, press_concrete, &r, 1, pat, 0);
}

/* ------------------------------------------------------------------- hurry */

static ph_qstatus hurry_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                 ph_events *out)
{
    /* fast r, then speed multiplied by r (set to r where there is none) */
    double r;
    ph_rat f;
    if (!ph_tf_num(args[0], &r) || !ph_tf_rat(args[0], &f) || ph_rat_is_zero(f)) return q->status;
    uint32_t from = out->count;
    if (ph_query_fast(self->in[0], f, span, q, out)) return q->status;
    const ph_tf_words *w = self->data;
    ph_tf_split_at_cycles(q, out, from);
    for (uint32_t i = from; i < out->count; i++) {
        ph_value old, nv;
        double s = r;
        if (ph_cmap_get(out->ev[i].value, w->speed, &old) && old.kind == PH_VAL_NUM) s = old.u.num * r;
        if (!ph_tf_map_set(q, w, out->ev[i].value, w->speed, ph_val_num(s), &nv)) break;
        out->ev[i].value = nv;
    }
    return q->status;
}

ph_pat *ph_tf_hurry(ph_heap *h, const ph_pat *r, const ph_pat *pat)
{
    ph_pat *p = ph_tf_patterned(h, hurry_concrete, &r, 1, pat, sizeof(ph_tf_words));
    if (p) ph_tf_words_get(p->data);
    return p;
}

/* ---------------------------------------------------------- inside, outside */

typedef struct inside_data {
    ph_tf_keyed k;
    bool outside;
} inside_data;

/* the parameter node: pat slowed by n (inside) or sped up by n (outside) */
static ph_qstatus inside_param(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                               ph_events *out)
{
    ph_rat n;
    if (!ph_tf_rat(args[0], &n) || ph_rat_is_zero(n)) return q->status;
    bool outside = *(const bool *)ph_tf_param_extra(self);
    return ph_query_fast(self->in[0], outside ? n : ph_rat_div(R1, n), span, q, out);
}

static ph_qstatus inside_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                  ph_qctx *q, ph_events *out)
{
    const inside_data *d = self->data;
    ph_rat n;
    if (!ph_tf_rat(args[0], &n) || ph_rat_is_zero(n)) return q->status;
    ph_rat f = d->outside ? ph_rat_div(R1, n) : n;
    if (!ph_tf_env_push(q, d->k.key, args, 1)) return q->status;
    ph_query_fast(self->in[0], f, span, q, out);
    ph_tf_env_pop(q);
    return q->status;
}

ph_pat *ph_tf_inside(ph_heap *h, const ph_pat *n, const ph_tf_fn *f, const ph_pat *pat,
                     bool outside)
{
    if (!n || !pat) return NULL;
    ph_tf_key *key = ph_tf_key_new(h);
    if (!key) return NULL;
    ph_pat *slowed = ph_tf_param_node(h, key, inside_param, &pat, 1, sizeof(bool));
    if (!slowed) return NULL;
    *(bool *)ph_tf_param_extra(slowed) = outside;
    ph_pat *inner = ph_tf_fn_apply(h, f, slowed);
    if (!inner) return NULL;
    ph_pat *p = ph_patternify(h, inside_concrete, &n, 1, (const ph_pat *const *)&inner, 1,
                              sizeof(inside_data));
    if (p) {
        inside_data *d = p->data;
        d->k.key = key;
        d->outside = outside;
    }
    return p;
}

/* -------------------------------------------------------- shuffle, scramble */

#define PH_TF_SHUFFLE_MAX 65536 /* slices of shuffle/scramble */

typedef struct shuffle_data {
    bool scramble;
} shuffle_data;

/* Scratch for randrun_cycle, taken from the query arena once per concrete query. */
typedef struct randrun_scratch {
    int64_t *perm, *tmp;
    double *r;
} randrun_scratch;

/* Strudel 1.2.6's randrun(n) for cycle c: the indices 0..n-1 ordered by n random numbers
 * drawn at time c + 0.5 (timeToRands; a stable sort, ties keep index order), written to
 * sc->perm. False (status set) when the work bound is reached. */
static bool randrun_cycle(ph_qctx *q, int64_t c, int64_t n, const randrun_scratch *sc)
{
    int64_t *perm = sc->perm, *tmp = sc->tmp;
    double *r = sc->r;
    ph_rand_time_to_rands((double)c + 0.5, (int)n, r);
    for (int64_t i = 0; i < n; i++) perm[i] = i;
    /* bottom-up merge sort by r (stable, as Array.prototype.sort) */
    for (int64_t w = 1; w < n; w *= 2) {
        if (!ph_qwork(q, (uint64_t)n)) return false;
        for (int64_t lo = 0; lo < n; lo += 2 * w) {
            int64_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            int64_t a = lo, b = mid, k = lo;
            while (a < mid || b < hi)
                tmp[k++] = (b >= hi || (a < mid && !(r[perm[b]] < r[perm[a]]))) ? perm[a++] : perm[b++];
        }
        for (int64_t i = 0; i < n; i++) perm[i] = tmp[i];
    }
    return true;
}

static ph_qstatus shuffle_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                   ph_qctx *q, ph_events *out)
{
    /* _rearrangeWith(ipat, n, pat): step j of n per cycle plays slice i of the same cycle
     * (zoom (i/n) ((i+1)/n), repeatCycles n, fast n), i from ipat's event at that step.
     * scramble: i = trunc(rand(j/n) * n). shuffle (changed in Strudel 1.2.6, Strudel's own issue #1441):
     * randrun(n), step k of cycle c plays the k-th index of the cycle's permutation
     * (randrun_cycle). randrun(1) fails in Strudel (one random number is not a list):
     * shuffle 1 plays nothing. */
    bool scramble = ((const shuffle_data *)self->data)->scramble;
    double nd;
    int64_t n;
    if (!ph_tf_num(args[0], &nd) || !ph_tf_count(nd, &n) || n < 1) return q->status;
    if (!scramble && n == 1) return q->status;
    if (n > PH_TF_SHUFFLE_MAX) { /* bounded work and scratch */
        q->status = PH_Q_LIMIT;
        return q->status;
    }
    ph_rat nr = ph_rat_int(n), inv = ph_rat_make(1, n);
    randrun_scratch sc = {NULL, NULL, NULL};
    int64_t perm_cycle = 0;
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span_map(span, nr, R0));
    while (ph_tf_cycles_next(&it, q, &piece)) {
        int64_t j = ph_rat_floor_int(piece.begin);
        int64_t source = j >= 0 ? j / n : -((-j + n - 1) / n);
        int64_t i;
        if (scramble) {
            double r = ph_rand_time_to_rand(ph_rat_to_double(ph_rat_make(j, n)));
            i = (int64_t)trunc(r * (double)n);
        } else {
            if (!sc.perm) {
                sc.perm = ph_arena_alloc(q->arena, (size_t)n * sizeof *sc.perm, _Alignof(int64_t));
                sc.tmp = ph_arena_alloc(q->arena, (size_t)n * sizeof *sc.tmp, _Alignof(int64_t));
                sc.r = ph_arena_alloc(q->arena, (size_t)n * sizeof *sc.r, _Alignof(double));
                if (!sc.perm || !sc.tmp || !sc.r) {
                    q->status = PH_Q_ARENA_FULL;
                    break;
                }
                if (!randrun_cycle(q, source, n, &sc)) break;
                perm_cycle = source;
            } else if (perm_cycle != source) {
                if (!randrun_cycle(q, source, n, &sc)) break;
                perm_cycle = source;
            }
            i = sc.perm[j - source * n];
        }
        if (i < 0 || i >= n) continue;
        ph_rat delta = ph_rat_int(j - source);
        uint32_t from = out->count;
        if (ph_tf_zoom_query(self->in[0], ph_rat_make(i, n), ph_rat_make(i + 1, n),
                           span_map(piece, R1, ph_rat_neg(delta)), q, out))
            break;
        ph_events_affine(out, from, inv, ph_rat_mul(delta, inv));
    }
    return q->status;
}

ph_pat *ph_tf_shuffle(ph_heap *h, const ph_pat *n, const ph_pat *pat, bool scramble)
{
    ph_pat *p = ph_tf_patterned(h, shuffle_concrete, &n, 1, pat, sizeof(shuffle_data));
    if (p) ((shuffle_data *)p->data)->scramble = scramble;
    return p;
}
