/* Continuous patterns (signals: one event per query, no whole, value sampled at the
 * query's begin, as Strudel's signal()), plus segment and range, which turn and scale
 * them. */
#include "pattern/ph_pat_internal.h"
#include "pattern/ph_rand.h"

#include <math.h>
#include <string.h>

typedef struct signal_data {
    ph_signal_fn fn;
    const void *user;
} signal_data;

static ph_qstatus signal_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    const signal_data *d = self->data;
    double v = d->fn(d->user, span.begin);
    if (!isfinite(v)) return q->status;
    ph_event *e = ph_qpush(q, out);
    if (!e) return q->status;
    e->has_whole = false;
    e->whole = span;
    e->part = span;
    e->value = ph_val_num(v);
    return q->status;
}

ph_pat *ph_signal(ph_heap *h, ph_signal_fn fn, const void *data, size_t data_size)
{
    ph_pat *p = ph_pat_make(h, signal_query, NULL, 0, sizeof(signal_data));
    if (!p) return NULL;
    signal_data *d = p->data;
    d->fn = fn;
    if (data && data_size) {
        void *copy = ph_heap_alloc(h, data_size);
        if (!copy) return NULL;
        memcpy(copy, data, data_size);
        d->user = copy;
    }
    p->flags |= PH_PAT_SIGNAL;
    return p;
}

static double t_of(ph_rat t) { return ph_rat_to_double(t); }

/* JavaScript's t % 1 keeps the sign of t. */
static double sig_saw(const void *d, ph_rat t) { (void)d; return fmod(t_of(t), 1.0); }
static double sig_isaw(const void *d, ph_rat t) { (void)d; return 1.0 - fmod(t_of(t), 1.0); }
static double sig_sine(const void *d, ph_rat t)
{
    (void)d;
    return (sin(M_PI * 2 * t_of(t)) + 1) / 2; /* sine2.fromBipolar() */
}
static double sig_square(const void *d, ph_rat t) { (void)d; return floor(fmod(t_of(t) * 2, 2)); }
static double sig_rand(const void *d, ph_rat t) { (void)d; return ph_rand_time_to_rand(t_of(t)); }
static double sig_perlin(const void *d, ph_rat t) { (void)d; return ph_rand_perlin(t_of(t)); }

ph_pat *ph_saw(ph_heap *h) { return ph_signal(h, sig_saw, NULL, 0); }
ph_pat *ph_isaw(ph_heap *h) { return ph_signal(h, sig_isaw, NULL, 0); }
ph_pat *ph_sine(ph_heap *h) { return ph_signal(h, sig_sine, NULL, 0); }
ph_pat *ph_cosine(ph_heap *h) { return ph_early_rat(h, ph_rat_make(1, 4), ph_sine(h)); }
ph_pat *ph_square(ph_heap *h) { return ph_signal(h, sig_square, NULL, 0); }
ph_pat *ph_rand(ph_heap *h) { return ph_signal(h, sig_rand, NULL, 0); }
ph_pat *ph_perlin(ph_heap *h) { return ph_signal(h, sig_perlin, NULL, 0); }

ph_pat *ph_tri(ph_heap *h)
{
    const ph_pat *two[2] = {ph_saw(h), ph_isaw(h)};
    if (!two[0] || !two[1]) return NULL;
    return ph_fastcat(h, two, 2);
}

/* irand n: rand.fmap(x => trunc(x * n)), n patterned (innerJoin). */
static ph_qstatus irand_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q, ph_events *out)
{
    double n;
    if (!ph_value_to_number(args[0], &n)) return q->status;
    ph_event *e = ph_qpush(q, out);
    if (!e) return q->status;
    (void)self;
    e->has_whole = false;
    e->whole = span;
    e->part = span;
    double v = trunc(ph_rand_time_to_rand(t_of(span.begin)) * n);
    e->value = ph_val_num(v == 0 ? 0 : v);
    return q->status;
}

ph_pat *ph_irand(ph_heap *h, const ph_pat *n)
{
    if (!n) return NULL;
    ph_pat *p = ph_patternify(h, irand_concrete, &n, 1, NULL, 0, 0);
    if (p) p->flags |= PH_PAT_SIGNAL;
    return p;
}

/* ------------------------------------------------------------------ segment */

/* The events of pure(true)._fast(n) over span: slot k has whole [k/n, (k+1)/n). */
typedef bool (*slot_fn)(void *ctx, ph_span whole, ph_span part, int64_t k);

bool ph_for_each_slot(ph_rat n, ph_span span, ph_qctx *q, slot_fn fn, void *ctx);
bool ph_for_each_slot(ph_rat n, ph_span span, ph_qctx *q, slot_fn fn, void *ctx)
{
    /* fast(n) of pure: query [b*n, e*n) split at integers, then divide by n. */
    if (ph_rat_le(n, ph_rat_int(0))) return true;
    ph_rat b = ph_rat_mul(span.begin, n), e = ph_rat_mul(span.end, n);
    ph_rat inv = ph_rat_div(ph_rat_int(1), n);
    bool zero = ph_rat_eq(b, e);
    while ((zero || ph_rat_lt(b, e)) && !q->status) {
        if (!ph_qwork(q, 1)) return false;
        ph_rat sam = ph_rat_floor(b);
        ph_rat next = ph_rat_add(sam, ph_rat_int(1));
        ph_rat pe = zero ? e : ph_rat_min(next, e);
        ph_span whole = ph_span_make(ph_rat_mul(sam, inv), ph_rat_mul(next, inv));
        ph_span part = ph_span_make(ph_rat_mul(b, inv), ph_rat_mul(pe, inv));
        if (ph_rat_overflowed()) {
            q->status = PH_Q_OVERFLOW;
            return false;
        }
        if (!fn(ctx, whole, part, sam.n)) return false;
        if (zero) break;
        b = pe;
    }
    return !q->status;
}

typedef struct struct_ctx {
    const ph_pat *pat;
    ph_qctx *q;
    ph_events *out;
    ph_events tmp;
    const uint8_t *bits; /* NULL: every slot is on */
    int64_t nbits;
} struct_ctx;

/* struct: structure from the slot (appRight), values from pat over the slot's whole. */
static bool struct_slot(void *vctx, ph_span whole, ph_span part, int64_t k)
{
    struct_ctx *c = vctx;
    if (c->bits) {
        int64_t i = ((k % c->nbits) + c->nbits) % c->nbits;
        if (!c->bits[i]) return true;
    }
    c->tmp.count = 0;
    if (ph_pat_query(c->pat, whole, c->q, &c->tmp)) return false;
    for (uint32_t j = 0; j < c->tmp.count; j++) {
        ph_span np;
        if (!ph_span_intersect(c->tmp.ev[j].part, part, &np)) continue;
        ph_event *e = ph_qpush(c->q, c->out);
        if (!e) return false;
        e->has_whole = true;
        e->whole = whole;
        e->part = np;
        e->value = c->tmp.ev[j].value;
        /* struct(pure(true)...): the structure has no locations, the values' stay */
        e->locs = c->tmp.ev[j].locs;
        e->n_locs = c->tmp.ev[j].n_locs;
    }
    return true;
}

ph_qstatus ph_query_struct_bits(const ph_pat *pat, ph_rat n, const uint8_t *bits, int64_t nbits, ph_span span,
                                ph_qctx *q, ph_events *out);
ph_qstatus ph_query_struct_bits(const ph_pat *pat, ph_rat n, const uint8_t *bits, int64_t nbits, ph_span span,
                                ph_qctx *q, ph_events *out)
{
    struct_ctx c = {pat, q, out, {NULL, 0, 0}, bits, nbits};
    ph_for_each_slot(n, span, q, struct_slot, &c);
    return q->status;
}

static ph_qstatus segment_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q, ph_events *out)
{
    double x;
    if (!ph_value_to_number(args[0], &x)) return q->status;
    ph_rat_clear_overflow();
    ph_rat n = ph_rat_of(x);
    if (ph_rat_overflowed()) return q->status = PH_Q_OVERFLOW;
    return ph_query_struct_bits(self->in[0], n, NULL, 0, span, q, out);
}

ph_pat *ph_segment(ph_heap *h, const ph_pat *n, const ph_pat *pat)
{
    if (!n || !pat) return NULL;
    return ph_patternify(h, segment_concrete, &n, 1, &pat, 1, 0);
}

/* -------------------------------------------------------------------- range */

/* pat.mul(hi - lo).add(lo): each appLeft with a pure value splits the event's part at
 * cycle boundaries (pure's events are cycles); the value is v * (hi - lo) + lo. */
ph_qstatus ph_query_range(const ph_pat *pat, double lo, double hi, ph_span span, ph_qctx *q, ph_events *out);
ph_qstatus ph_query_range(const ph_pat *pat, double lo, double hi, ph_span span, ph_qctx *q, ph_events *out)
{
    ph_events tmp;
    ph_events_init(&tmp);
    if (ph_pat_query(pat, span, q, &tmp)) return q->status;
    double scale = hi - lo;
    for (uint32_t i = 0; i < tmp.count && !q->status; i++) {
        const ph_event x = tmp.ev[i];
        double v;
        if (x.value.index != PH_NO_INDEX || !ph_value_to_number(x.value, &v)) continue;
        double r = v * scale + lo;
        if (!isfinite(r)) continue;
        /* pure over wholeOrPart gives its cycles; intersect each with the part. */
        ph_span wp = ph_event_whole_or_part(&x);
        ph_rat b = wp.begin;
        bool zero = ph_rat_eq(wp.begin, wp.end);
        while ((zero || ph_rat_lt(b, wp.end)) && !q->status) {
            if (!ph_qwork(q, 1)) break;
            ph_rat next = ph_rat_add(ph_rat_floor(b), ph_rat_int(1));
            ph_span piece = ph_span_make(b, zero ? wp.end : ph_rat_min(next, wp.end));
            ph_span np;
            if (ph_span_intersect(x.part, piece, &np)) {
                ph_event *e = ph_qpush(q, out);
                if (!e) break;
                *e = x;
                e->part = np;
                e->value = ph_val_num(r);
            }
            if (zero) break;
            b = piece.end;
        }
    }
    return q->status;
}

static ph_qstatus range_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q, ph_events *out)
{
    double lo, hi;
    if (!ph_value_to_number(args[0], &lo) || !ph_value_to_number(args[1], &hi)) return q->status;
    return ph_query_range(self->in[0], lo, hi, span, q, out);
}

ph_pat *ph_range(ph_heap *h, const ph_pat *lo, const ph_pat *hi, const ph_pat *pat)
{
    if (!lo || !hi || !pat) return NULL;
    const ph_pat *args[2] = {lo, hi};
    ph_pat *p = ph_patternify(h, range_concrete, args, 2, &pat, 1, 0);
    if (p) p->steps = pat->steps;
    return p;
}
