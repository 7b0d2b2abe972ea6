/* Structure-making patterns: euclid (Strudel's bjork), ply, degradeBy with seeded
 * rand, random choice per cycle (`|`), polymeter. */
#include "pattern/ph_pat_internal.h"
#include "pattern/ph_rand.h"

#include <math.h>
#include <string.h>

ph_qstatus ph_query_struct_bits(const ph_pat *pat, ph_rat n, const uint8_t *bits, int64_t nbits, ph_span span,
                                ph_qctx *q, ph_events *out);

#define BJORK_MAX_STEPS 100000

/* ------------------------------------------------------------------- euclid */

bool ph_bjork(double ons_d, double steps_d, double rot_d, ph_arena *a, uint8_t **out, int64_t *n)
{
    /* Strudel builds Array(ons) and Array(steps - ons): non-integers and negative
     * lengths throw there; here they are refused. */
    if (!isfinite(ons_d) || !isfinite(steps_d) || !isfinite(rot_d)) return false;
    if (ons_d != floor(ons_d) || steps_d != floor(steps_d)) return false;
    bool inverted = ons_d < 0;
    double ons_abs = fabs(ons_d);
    if (steps_d > BJORK_MAX_STEPS || ons_abs > steps_d) return false;
    int64_t ons = (int64_t)ons_abs, steps = (int64_t)steps_d, offs = steps - ons;
    uint8_t *buf = ph_arena_alloc(a, (size_t)(3 * steps + 3), 1);
    if (!buf) return false;
    /* The groups of xs are all equal (pattern X, cx of them), and so are those of ys
     * (pattern Y, cy of them); Strudel's left/right steps only ever concatenate X and Y. */
    uint8_t *X = buf, *Y = buf + steps + 1, *T = buf + 2 * steps + 2;
    int64_t lx = 1, ly = 1, cx = ons, cy = offs;
    X[0] = 1;
    Y[0] = 0;
    int64_t n_on = ons, n_off = offs;
    while ((n_on < n_off ? n_on : n_off) > 1) {
        int64_t tl = lx + ly;
        if (tl > steps) return false;
        memcpy(T, X, (size_t)lx);
        memcpy(T + lx, Y, (size_t)ly);
        if (n_on > n_off) {
            /* left: xs' = zip(xs[:offs], ys) -> X++Y (offs of them); ys' = xs[offs:] -> X */
            memcpy(Y, X, (size_t)lx);
            ly = lx;
            memcpy(X, T, (size_t)tl);
            lx = tl;
            int64_t o = n_off;
            cx = o;
            cy = n_on - o;
            n_on = o;
            n_off = cy;
        } else {
            /* right: xs' = zip(xs, ys[:ons]) -> X++Y (ons of them); ys' = ys[ons:] -> Y */
            memcpy(X, T, (size_t)tl);
            lx = tl;
            cx = n_on;
            cy = n_off - n_on;
            n_off = cy;
        }
    }
    int64_t total = cx * lx + cy * ly;
    if (total != steps) return false;
    int64_t k = 0;
    uint8_t *res = ph_arena_alloc(a, (size_t)steps + 1, 1);
    if (!res) return false;
    for (int64_t i = 0; i < cx; i++)
        for (int64_t j = 0; j < lx; j++) res[k++] = X[j];
    for (int64_t i = 0; i < cy; i++)
        for (int64_t j = 0; j < ly; j++) res[k++] = Y[j];
    if (inverted)
        for (int64_t i = 0; i < steps; i++) res[i] = !res[i];
    /* rotate(b, -rotation) = b.slice(-r).concat(b.slice(0, -r)) with JavaScript's slice
     * clamping; rotation 0 (falsy) leaves it. */
    if (rot_d != 0 && steps > 0) {
        double r = -trunc(rot_d);
        int64_t len = steps;
        int64_t start = r < 0 ? (int64_t)fmax((double)len + r, 0) : (int64_t)fmin(r, (double)len);
        uint8_t *rot = ph_arena_alloc(a, (size_t)steps + 1, 1);
        if (!rot) return false;
        int64_t m = 0;
        for (int64_t i = start; i < len; i++) rot[m++] = res[i];
        for (int64_t i = 0; i < start; i++) rot[m++] = res[i];
        res = rot;
    }
    *out = res;
    *n = steps;
    return true;
}

static ph_qstatus euclid_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q, ph_events *out)
{
    double k, n, r = 0;
    if (!ph_value_to_number(args[0], &k) || !ph_value_to_number(args[1], &n)) return q->status;
    if (self->narg > 2 && !ph_value_to_number(args[2], &r)) return q->status;
    uint8_t *bits;
    int64_t steps;
    if (!ph_bjork(k, n, r, q->arena, &bits, &steps)) return q->status;
    if (steps == 0) return q->status;
    return ph_query_struct_bits(self->in[0], ph_rat_int(steps), bits, steps, span, q, out);
}

ph_pat *ph_euclid(ph_heap *h, const ph_pat *k, const ph_pat *n, const ph_pat *rot, const ph_pat *pat)
{
    if (!k || !n || !pat) return NULL;
    const ph_pat *args[3] = {k, n, rot};
    return ph_patternify(h, euclid_concrete, args, rot ? 3 : 2, &pat, 1, 0);
}

/* ---------------------------------------------------------------------- ply */

/* pure(value)._fast(factor): the inner query ply squeezes into each event. */
typedef struct ply_inner {
    ph_value value;
    ph_rat factor;
} ply_inner;

static ph_qstatus ply_inner_query(const void *ctx, ph_span span, ph_qctx *q, ph_events *out)
{
    const ply_inner *p = ctx;
    return ph_query_affine_fn(ph_pure_value_query, &p->value, p->factor, ph_rat_int(0), span, q, out);
}

/* pat.fmap(x => pure(x)._fast(factor)).squeezeJoin() */
static ph_qstatus ply_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q, ph_events *out)
{
    double fx;
    if (!ph_value_to_number(args[0], &fx)) return q->status;
    ph_rat_clear_overflow();
    ply_inner in;
    in.factor = ph_rat_of(fx);
    if (ph_rat_overflowed()) return q->status = PH_Q_OVERFLOW;
    if (ph_rat_is_zero(in.factor)) return q->status;
    return ph_squeeze_join(self->in[0], span, ply_inner_query, &in, &in.value, q, out);
}

ph_pat *ph_ply(ph_heap *h, const ph_pat *factor, const ph_pat *pat)
{
    if (!factor || !pat) return NULL;
    return ph_patternify(h, ply_concrete, &factor, 1, &pat, 1, 0);
}

/* ------------------------------------------------------------------ degrade */

typedef struct degrade_data {
    ph_rat offset; /* rand.early(offset) */
    bool invert;   /* undegradeBy: rand.fmap(r => 1 - r) */
} degrade_data;

/* pat.fmap(a => _ => a).appLeft(rand'.filterValues(v => v > x)) */
static ph_qstatus degrade_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q, ph_events *out)
{
    const degrade_data *d = self->data;
    double x;
    if (!ph_value_to_number(args[0], &x)) return q->status;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    uint32_t w = from;
    for (uint32_t i = from; i < out->count; i++) {
        ph_event e = out->ev[i];
        ph_span wp = ph_event_whole_or_part(&e);
        double r = ph_rand_time_to_rand(ph_rat_to_double(ph_rat_add(wp.begin, d->offset)));
        if (d->invert) r = 1 - r;
        /* appLeft: the rand event's part is wholeOrPart; the new part is the
         * intersection (empty for the odd spans negative factors make) */
        if (r > x && ph_span_intersect(e.part, wp, &e.part)) out->ev[w++] = e;
    }
    out->count = w;
    if (ph_rat_overflowed()) q->status = PH_Q_OVERFLOW;
    return q->status;
}

static ph_pat *degrade_node(ph_heap *h, const ph_pat *amount, const ph_pat *pat, ph_rat offset, bool invert)
{
    if (!amount || !pat) return NULL;
    ph_pat *p = ph_patternify(h, degrade_concrete, &amount, 1, &pat, 1, sizeof(degrade_data));
    if (!p) return NULL;
    degrade_data *d = p->data;
    d->offset = offset;
    d->invert = invert;
    p->steps = pat->steps;
    return p;
}

ph_pat *ph_degrade_by(ph_heap *h, const ph_pat *amount, const ph_pat *pat)
{
    return degrade_node(h, amount, pat, ph_rat_int(0), false);
}

ph_pat *ph_undegrade_by(ph_heap *h, const ph_pat *amount, const ph_pat *pat)
{
    return degrade_node(h, amount, pat, ph_rat_int(0), true);
}

ph_pat *ph_degrade_by_seed(ph_heap *h, int seed, double amount, const ph_pat *pat)
{
    ph_pat *a = ph_pure_num(h, amount);
    return degrade_node(h, a, pat, ph_rat_make((int64_t)PH_MINI_RAND_OFFSET_NUM * seed, PH_MINI_RAND_OFFSET_DEN), false);
}

/* -------------------------------------------------------------- rand choice */

typedef struct choice_data {
    ph_rat offset;
} choice_data;

static ph_qstatus choice_piece(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    /* chooseInWith(rand.early(offset).segment(1), xs): the cycle's value is rand at
     * the cycle start (+ offset), scaled to an index; the chosen input is queried over
     * the piece (innerJoin). */
    const choice_data *d = self->data;
    ph_rat sam = ph_rat_floor(span.begin);
    double r = ph_rand_time_to_rand(ph_rat_to_double(ph_rat_add(sam, d->offset)));
    double i = floor(r * (double)self->nin);
    int64_t k = (int64_t)fmin(fmax(i, 0), (double)self->nin - 1);
    return ph_pat_query(self->in[k], span, q, out);
}

static ph_qstatus choice_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    return ph_query_split_cycles(self, span, q, out, choice_piece);
}

ph_pat *ph_rand_choice(ph_heap *h, int seed, const ph_pat *const *pats, uint32_t n)
{
    if (n == 0) return ph_silence(h);
    ph_pat *p = ph_pat_make(h, choice_query, pats, n, sizeof(choice_data));
    if (!p) return NULL;
    ((choice_data *)p->data)->offset = ph_rat_make((int64_t)PH_MINI_RAND_OFFSET_NUM * seed, PH_MINI_RAND_OFFSET_DEN);
    return p;
}

/* ---------------------------------------------------------------- polymeter */

typedef struct poly_data {
    ph_rat weight; /* the input's steps */
} poly_data;

/* child.fast(stepsPerCycle.fmap(x => Fraction(x).div(child.__weight))) */
static ph_qstatus poly_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q, ph_events *out)
{
    double x;
    if (!ph_value_to_number(args[0], &x)) return q->status;
    ph_rat_clear_overflow();
    ph_rat f = ph_rat_div(ph_rat_of(x), ((const poly_data *)self->data)->weight);
    if (ph_rat_overflowed()) return q->status = PH_Q_OVERFLOW;
    return ph_query_fast(self->in[0], f, span, q, out);
}

ph_pat *ph_polymeter_weighted(ph_heap *h, const ph_pat *steps, const ph_pat *const *pats, const ph_rat *weights,
                              uint32_t n)
{
    if (!h || ph_heap_error(h) || !steps) return NULL;
    if (n == 0) return ph_silence(h);
    const ph_pat **kids = ph_heap_alloc(h, n * sizeof *kids);
    if (!kids) return NULL;
    for (uint32_t i = 0; i < n; i++) {
        ph_rat w = ph_rat_is_zero(weights[i]) ? ph_rat_int(1) : weights[i];
        ph_pat *p = ph_patternify(h, poly_concrete, &steps, 1, &pats[i], 1, sizeof(poly_data));
        if (!p) return NULL;
        ((poly_data *)p->data)->weight = w;
        /* Strudel maps the steps with fmap first, which drops the __pure shortcut:
         * the steps' events always split the query (at cycles, for a plain number). */
        p->flags &= ~(uint32_t)PH_PAT_ARGS_PURE;
        kids[i] = p;
    }
    return ph_stack(h, kids, n);
}

ph_pat *ph_polymeter(ph_heap *h, const ph_pat *steps, const ph_pat *const *pats, uint32_t n)
{
    if (!h || ph_heap_error(h)) return NULL;
    if (n == 0) return ph_silence(h);
    ph_rat *w = ph_heap_alloc(h, n * sizeof *w);
    if (!w) return NULL;
    for (uint32_t i = 0; i < n; i++) w[i] = pats[i]->steps;
    if (!steps) {
        ph_rat s = ph_rat_is_zero(w[0]) ? ph_rat_int(1) : w[0];
        steps = ph_pure_unflagged(h, ph_val_num(ph_rat_to_double(s)));
        if (!steps) return NULL;
    }
    return ph_polymeter_weighted(h, steps, pats, w, n);
}
