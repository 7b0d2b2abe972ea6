/* Structure and value transforms: struct, mask (Strudel's keepif.out / keepif.in),
 * euclidInv, rot and arp (Tidal's; Strudel has neither with these meanings), round,
 * quantise (Tidal's), run and choose (Strudel's). */
#include <math.h>
#include <string.h>

#include "pattern/ph_rand.h"
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

/* ------------------------------------------------------------ struct, mask */

static bool keepif(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q)
{
    (void)data, (void)q;
    if (!ph_tf_truthy(b)) return false;
    *out = a;
    return true;
}

ph_pat *ph_tf_struct(ph_heap *h, const ph_pat *bools, const ph_pat *pat)
{
    if (!bools || !pat) return NULL;
    return ph_app(h, PH_STRUCT_RIGHT, keepif, NULL, 0, pat, bools);
}

ph_pat *ph_tf_mask(ph_heap *h, const ph_pat *bools, const ph_pat *pat)
{
    if (!bools || !pat) return NULL;
    return ph_app(h, PH_STRUCT_LEFT, keepif, NULL, 0, pat, bools);
}

/* ---------------------------------------------------------------- euclidInv */

static bool negate(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)data, (void)q;
    double x;
    if (!ph_tf_num(in, &x)) return false;
    *out = ph_val_num(-x);
    return true;
}

ph_pat *ph_tf_euclid_inv(ph_heap *h, const ph_pat *k, const ph_pat *n, const ph_pat *rot,
                         const ph_pat *pat)
{
    /* Tidal: _euclidInv n k = _euclid (-n) k (bjork inverts for negative pulses) */
    if (!k || !n || !pat) return NULL;
    ph_value v;
    double x;
    const ph_pat *neg;
    if (ph_pat_is_pure(k, &v) && ph_tf_num(v, &x))
        neg = ph_pure_num(h, -x);
    else
        neg = ph_fmap(h, negate, NULL, 0, k);
    if (!neg) return NULL;
    return ph_euclid(h, neg, n, rot, pat);
}

/* ------------------------------------------------------------ euclidLegato */

/* The unrotated legato pattern over span. */
static ph_qstatus legato_query(const ph_pat *self, double k, double n, ph_span span, ph_qctx *q,
                               ph_events *out)
{
    /* Strudel's _euclidLegato: each onset lasts until the next; the rests before the
     * first onset are dropped and the remaining steps fill the cycle (timeCat of
     * [gap + 1, true]); the pattern is then structured by that (struct). */
    if (k < 1) return q->status;
    uint8_t *bits;
    int64_t steps;
    if (!ph_bjork(k, n, 0, q->arena, &bits, &steps) || steps == 0) return q->status;
    int64_t first = 0;
    while (first < steps && !bits[first]) first++;
    if (first == steps) return q->status;
    ph_rat total = ph_rat_int(steps - first);
    ph_events src;
    ph_events_init(&src);
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) {
        ph_rat c = ph_rat_floor(piece.begin);
        if (!ph_qwork(q, (uint64_t)steps)) break;
        for (int64_t i = first; i < steps && q->status == PH_Q_OK;) {
            int64_t j = i + 1;
            while (j < steps && !bits[j]) j++;
            ph_span w = ph_span_make(ph_rat_add(c, ph_rat_div(ph_rat_int(i - first), total)),
                                     ph_rat_add(c, ph_rat_div(ph_rat_int(j - first), total)));
            i = j;
            ph_span p;
            if (!ph_span_intersect(w, piece, &p)) continue;
            src.count = 0;
            if (ph_pat_query(self->in[0], w, q, &src)) break;
            for (uint32_t e = 0; e < src.count; e++) {
                ph_span np;
                if (!ph_span_intersect(src.ev[e].part, p, &np)) continue;
                ph_event *d = ph_qpush(q, out);
                if (!d) break;
                d->has_whole = true;
                d->whole = w;
                d->part = np;
                d->value = src.ev[e].value;
                d->locs = src.ev[e].locs; /* struct: the boolean structure has none */
                d->n_locs = src.ev[e].n_locs;
            }
        }
    }
    return q->status;
}

static ph_qstatus legato_concrete(const ph_pat *self, const ph_value *args, ph_span span,
                                  ph_qctx *q, ph_events *out)
{
    /* Strudel 1.2.6's euclidLegatoRot: the unrotated legato pattern, late by r/n cycles
     * (not the rotated bits made legato: the first onset keeps its place in the steps) */
    double k, n;
    ph_rat r = ph_rat_int(0), nr;
    if (!ph_tf_num(args[0], &k) || !ph_tf_num(args[1], &n) || !ph_tf_rat(args[1], &nr)) return q->status;
    if (self->narg > 2 && !ph_tf_rat(args[2], &r)) return q->status;
    if (ph_rat_is_zero(r)) return legato_query(self, k, n, span, q, out);
    if (ph_rat_is_zero(nr)) return q->status;
    ph_rat shift = ph_rat_div(r, nr);
    uint32_t from = out->count;
    ph_span s = ph_span_make(ph_rat_sub(span.begin, shift), ph_rat_sub(span.end, shift));
    if (legato_query(self, k, n, s, q, out)) return q->status;
    ph_events_shift(out, from, shift);
    return q->status;
}

ph_pat *ph_tf_euclid_legato(ph_heap *h, const ph_pat *k, const ph_pat *n, const ph_pat *rot,
                            const ph_pat *pat)
{
    if (!k || !n || !pat) return NULL;
    const ph_pat *args[3] = {k, n, rot};
    return ph_patternify(h, legato_concrete, args, rot ? 3 : 2, &pat, 1, 0);
}

/* -------------------------------------------------------------------- rot */

static int cmp_time(const ph_event *a, const ph_event *b)
{
    ph_span wa = ph_event_whole_or_part(a), wb = ph_event_whole_or_part(b);
    int c = ph_rat_cmp(wa.begin, wb.begin);
    if (c) return c;
    c = ph_rat_cmp(wa.end, wb.end);
    if (c) return c;
    return ph_rat_cmp(a->part.begin, b->part.begin);
}

static ph_qstatus rot_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                               ph_events *out)
{
    /* Tidal's rot: per cycle, the values of the cycle's events (in time order) move i
     * places along while the structure stays; the events are then cut to the query. */
    double id;
    if (!ph_tf_num(args[0], &id) || !isfinite(id)) return q->status;
    int64_t i = (int64_t)floor(id);
    ph_tf_cycles it;
    ph_span piece;
    ph_tf_cycles_init(&it, span);
    while (ph_tf_cycles_next(&it, q, &piece)) {
        ph_rat c = ph_rat_floor(piece.begin);
        uint32_t from = out->count;
        if (ph_pat_query(self->in[0], ph_span_make(c, ph_rat_add(c, ph_rat_int(1))), q, out)) break;
        uint32_t len = out->count - from;
        if (len == 0) continue;
        if (!ph_tf_sort_events(q, out, from, cmp_time)) break;
        int64_t off;
        if (i >= 0) {
            off = i % len;
        } else {
            int64_t d = (int64_t)len + i; /* drop (length - |i|), never negative */
            off = d < 0 ? 0 : d % len;
        }
        ph_value *vals = ph_arena_alloc(q->arena, len * sizeof(ph_value), _Alignof(ph_value));
        if (!vals) {
            q->status = PH_Q_ARENA_FULL;
            break;
        }
        for (uint32_t k = 0; k < len; k++) vals[k] = out->ev[from + k].value;
        uint32_t w = from;
        for (uint32_t k = 0; k < len; k++) {
            ph_event e = out->ev[from + k];
            ph_span np;
            if (!ph_span_intersect(e.part, piece, &np)) continue;
            e.part = np;
            e.value = vals[(k + off) % len];
            out->ev[w++] = e;
        }
        out->count = w;
    }
    return q->status;
}

ph_pat *ph_tf_rot(ph_heap *h, const ph_pat *n, const ph_pat *pat)
{
    if (!n || !pat) return NULL;
    ph_pat *p = ph_patternify(h, rot_concrete, &n, 1, &pat, 1, 0);
    if (p) p->steps = pat->steps;
    return p;
}

/* -------------------------------------------------------------------- arp */

typedef enum arp_mode {
    ARP_UP, ARP_DOWN, ARP_UPDOWN, ARP_DOWNUP, ARP_UP_AND_DOWN, ARP_DOWN_AND_UP, ARP_CONVERGE,
    ARP_DIVERGE, ARP_DISCONVERGE, ARP_PINKYUP, ARP_PINKYUPDOWN, ARP_THUMBUP, ARP_THUMBUPDOWN,
    ARP_MODES
} arp_mode;

static const char *const arp_names[ARP_MODES] = {
    "up", "down", "updown", "downup", "up&down", "down&up", "converge", "diverge",
    "disconverge", "pinkyup", "pinkyupdown", "thumbup", "thumbupdown"};

static int arp_mode_of(ph_value v)
{
    if (v.kind != PH_VAL_WORD) return -1;
    const char *name = ph_word_str(v.u.word, NULL);
    for (int k = 0; k < ARP_MODES; k++)
        if (!strcmp(name, arp_names[k])) return k;
    /* the mini-notation has no '&' in words: writable spellings of up&down, down&up */
    if (!strcmp(name, "upanddown")) return ARP_UP_AND_DOWN;
    if (!strcmp(name, "downandup")) return ARP_DOWN_AND_UP;
    return -1;
}

static uint32_t rev_into(const uint32_t *x, uint32_t n, uint32_t *o)
{
    for (uint32_t k = 0; k < n; k++) o[k] = x[n - 1 - k];
    return n;
}

/* converge [0..m): first, last, second, second-to-last, ... */
static uint32_t converge(uint32_t m, uint32_t *o)
{
    uint32_t lo = 0, hi = m, k = 0;
    while (lo < hi) {
        o[k++] = lo++;
        if (lo < hi) o[k++] = --hi;
    }
    return k;
}

/* init xs ++ init (reverse xs) of a list already in o[0..n) (tmp: scratch of n). */
static uint32_t init_both(uint32_t *o, uint32_t n, uint32_t *tmp)
{
    if (n == 0) return 0;
    rev_into(o, n, tmp);
    memcpy(o + (n - 1), tmp, (n - 1) * sizeof *o);
    return 2 * (n - 1);
}

/* Writes the index order of mode for m notes into o (room for 4m), returns its length. */
static uint32_t arp_order(arp_mode mode, uint32_t m, uint32_t *o, uint32_t *tmp)
{
    uint32_t n = 0;
    for (uint32_t k = 0; k < m; k++) tmp[k] = k;
    switch (mode) {
    case ARP_UP: memcpy(o, tmp, m * sizeof *o); return m;
    case ARP_DOWN: return rev_into(tmp, m, o);
    case ARP_UPDOWN: memcpy(o, tmp, m * sizeof *o); return init_both(o, m, tmp + m);
    case ARP_DOWNUP: rev_into(tmp, m, o); return init_both(o, m, tmp + m);
    case ARP_UP_AND_DOWN:
        memcpy(o, tmp, m * sizeof *o);
        return m + rev_into(tmp, m, o + m);
    case ARP_DOWN_AND_UP:
        rev_into(tmp, m, o);
        memcpy(o + m, tmp, m * sizeof *o);
        return 2 * m;
    case ARP_CONVERGE: return converge(m, o);
    case ARP_DIVERGE: n = converge(m, tmp + m); return rev_into(tmp + m, n, o);
    case ARP_DISCONVERGE:
        n = converge(m, o);
        if (n == 0) return 0;
        /* ++ tail (reverse (converge x)) */
        for (uint32_t k = 1; k < n; k++) o[n + k - 1] = o[n - 1 - k];
        return 2 * n - 1;
    case ARP_PINKYUP:
    case ARP_PINKYUPDOWN:
        if (m == 0) return 0;
        for (uint32_t k = 0; k + 1 < m; k++) {
            o[n++] = k;
            o[n++] = m - 1;
        }
        return mode == ARP_PINKYUP ? n : init_both(o, n, tmp + m);
    case ARP_THUMBUP:
    case ARP_THUMBUPDOWN:
        for (uint32_t k = 1; k < m; k++) {
            o[n++] = 0;
            o[n++] = k;
        }
        return mode == ARP_THUMBUP ? n : init_both(o, n, tmp + m);
    default: return 0;
    }
}

static bool same_whole(const ph_event *a, const ph_event *b)
{
    return ph_rat_eq(a->whole.begin, b->whole.begin) && ph_rat_eq(a->whole.end, b->whole.end);
}

static ph_qstatus arp_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                               ph_events *out)
{
    /* Tidal's arpWith: events with the same whole (a chord) are ordered by the mode and
     * spread over that whole, each keeping the part of its slice inside the query. */
    int mode = arp_mode_of(args[0]);
    if (mode < 0) return q->status;
    ph_events tmp;
    ph_events_init(&tmp);
    if (ph_pat_query(self->in[0], span, q, &tmp)) return q->status;
    /* drop continuous events, then group by whole (stable) */
    uint32_t w = 0;
    for (uint32_t k = 0; k < tmp.count; k++)
        if (tmp.ev[k].has_whole) tmp.ev[w++] = tmp.ev[k];
    tmp.count = w;
    if (!ph_tf_sort_events(q, &tmp, 0, cmp_time)) return q->status;
    uint32_t *order = ph_arena_alloc(q->arena, (8 * (size_t)tmp.count + 8) * sizeof(uint32_t),
                                     _Alignof(uint32_t));
    if (!order) {
        q->status = PH_Q_ARENA_FULL;
        return q->status;
    }
    uint32_t *scratch = order + 4 * (size_t)tmp.count + 4; /* 3m used */
    for (uint32_t g = 0; g < tmp.count && q->status == PH_Q_OK;) {
        uint32_t end = g + 1;
        while (end < tmp.count && same_whole(&tmp.ev[g], &tmp.ev[end])) end++;
        uint32_t m = end - g;
        if (!ph_qwork(q, 4 * (uint64_t)m)) break;
        uint32_t n = arp_order((arp_mode)mode, m, order, scratch);
        ph_span whole = tmp.ev[g].whole;
        ph_rat dur = ph_rat_div(ph_rat_sub(whole.end, whole.begin), ph_rat_int(n ? n : 1));
        for (uint32_t k = 0; k < n; k++) {
            const ph_event *src = &tmp.ev[g + order[k]];
            ph_rat b = ph_rat_add(whole.begin, ph_rat_mul(dur, ph_rat_int(k)));
            ph_span nw = ph_span_make(b, ph_rat_add(b, dur)), np;
            if (!ph_span_intersect(nw, src->part, &np)) continue;
            ph_event *e = ph_qpush(q, out);
            if (!e) break;
            *e = *src;
            e->whole = nw;
            e->part = np;
        }
        g = end;
    }
    return q->status;
}

/* Strudel's arp with a pattern of indices: the events of a chord (same whole) are
 * collected, and the index pattern, queried inside the chord's part, picks notes by
 * index (mod the chord size); the structure comes from the index pattern. */
static bool same_whole_or_none(const ph_event *a, const ph_event *b)
{
    if (a->has_whole != b->has_whole) return false;
    return !a->has_whole || same_whole(a, b);
}

static ph_qstatus arp_index_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    ph_events notes;
    ph_events_init(&notes);
    if (ph_pat_query(self->in[0], span, q, &notes)) return q->status;
    uint32_t n = notes.count;
    if (n == 0) return q->status;
    /* group[k]: the group of note k, numbered by first appearance (groupHapsBy) */
    uint32_t *group = ph_arena_alloc(q->arena, 2 * (size_t)n * sizeof(uint32_t), _Alignof(uint32_t));
    if (!group) {
        q->status = PH_Q_ARENA_FULL;
        return q->status;
    }
    uint32_t *first = group + n, ngroups = 0;
    for (uint32_t k = 0; k < n; k++) {
        if (!ph_qwork(q, ngroups + 1)) return q->status;
        uint32_t g = 0;
        while (g < ngroups && !same_whole_or_none(&notes.ev[first[g]], &notes.ev[k])) g++;
        if (g == ngroups) first[ngroups++] = k;
        group[k] = g;
    }
    ph_events idx;
    ph_events_init(&idx);
    for (uint32_t g = 0; g < ngroups && q->status == PH_Q_OK; g++) {
        const ph_event *rep = &notes.ev[first[g]];
        uint32_t size = 0;
        for (uint32_t k = 0; k < n; k++) size += group[k] == g;
        idx.count = 0;
        if (ph_pat_query(self->in[1], rep->part, q, &idx)) break;
        for (uint32_t j = 0; j < idx.count; j++) {
            double x;
            if (!ph_tf_num(idx.ev[j].value, &x) || x < 0 || x != floor(x)) continue;
            uint64_t want = (uint64_t)fmod(x, (double)size), seen = 0;
            for (uint32_t k = 0; k < n; k++) {
                if (group[k] != g || seen++ != want) continue;
                ph_event *e = ph_qpush(q, out);
                if (!e) return q->status;
                *e = idx.ev[j];
                e->value = notes.ev[k].value;
                /* arpWith: the index's locations, then the chosen note's */
                if (!ph_qlocs_cat(q, e, e->locs, e->n_locs, notes.ev[k].locs, notes.ev[k].n_locs)) return q->status;
                break;
            }
        }
    }
    return q->status;
}

/* Counts an arp argument value as a mode word or a note index; anything else is refused. */
static bool count_arp_kind(ph_value v, void *ctx)
{
    int *kinds = ctx;
    double x;
    if (arp_mode_of(v) >= 0) kinds[0]++;
    else if (v.kind == PH_VAL_NUM && ph_tf_num(v, &x)) kinds[1]++;
    else return false;
    return true;
}

ph_pat *ph_tf_arp(ph_heap *h, const ph_pat *mode, const ph_pat *pat)
{
    if (!mode || !pat) return NULL;
    /* Tidal's modes (words) or Strudel's indices (numbers): decided, and checked, while
     * building from the first 8 cycles of the argument (never during playback). */
    int kinds[2] = {0, 0}; /* words, numbers */
    bool ok = ph_tf_check_first_cycles(mode, count_arp_kind, kinds);
    int words = kinds[0], numbers = kinds[1];
    if (!ok || (words && numbers)) {
        ph_tf_set_error("arp: unknown mode (up down updown downup upanddown downandup "
                             "converge diverge disconverge pinkyup pinkyupdown thumbup "
                             "thumbupdown, or note indices)");
        return NULL;
    }
    if (numbers) {
        const ph_pat *in[2] = {pat, mode};
        return ph_pat_make(h, arp_index_query, in, 2, 0);
    }
    return ph_patternify(h, arp_concrete, &mode, 1, &pat, 1, 0);
}

/* ---------------------------------------------------------------- when */

static ph_qstatus when_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                ph_events *out)
{
    return ph_pat_query(self->in[ph_tf_truthy(args[0]) ? 1 : 0], span, q, out);
}

ph_pat *ph_tf_when(ph_heap *h, const ph_pat *bools, const ph_tf_fn *f, const ph_pat *pat)
{
    /* when on f: f(pat) while `on` is true (Strudel's patterned `when`) */
    if (!bools || !pat) return NULL;
    ph_pat *fpat = ph_tf_fn_apply(h, f, pat);
    if (!fpat) return NULL;
    const ph_pat *in[2] = {pat, fpat};
    ph_pat *p = ph_patternify(h, when_concrete, &bools, 1, in, 2, 0);
    if (p) p->steps = pat->steps;
    return p;
}

/* ------------------------------------------------------------------- inv */

/* Strudel's inv: booleans inverted; here 0 <-> 1 (any non-zero number is true) and the
 * words true <-> false; other values are dropped. */
static bool invert_fn(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)data, (void)q;
    double x;
    if (in.kind == PH_VAL_WORD) {
        const char *w = ph_word_str(in.u.word, NULL);
        if (!w || (strcmp(w, "true") && strcmp(w, "false"))) return false;
        *out = ph_val_word(ph_intern_cstr(strcmp(w, "true") ? "true" : "false"));
        return true;
    }
    if (!ph_tf_num(in, &x)) return false;
    *out = ph_val_num(x == 0 ? 1 : 0);
    return true;
}

ph_pat *ph_tf_inv(ph_heap *h, const ph_pat *pat)
{
    return pat ? ph_fmap(h, invert_fn, NULL, 0, pat) : NULL;
}

/* ------------------------------------------------------------ round, quantise */

static bool round_half_up(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)data, (void)q;
    double x;
    if (!ph_tf_num(in, &x)) return false;
    *out = ph_val_num(floor(x + 0.5)); /* JavaScript's Math.round */
    return true;
}

ph_pat *ph_tf_round(ph_heap *h, const ph_pat *pat)
{
    return pat ? ph_fmap(h, round_half_up, NULL, 0, pat) : NULL;
}

static bool quantise_fn(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)q;
    double n = *(const double *)data, x;
    if (!ph_tf_num(in, &x)) return false;
    *out = ph_val_num(nearbyint(x * n) / n); /* Haskell's round: halves to even */
    return true;
}

ph_pat *ph_tf_quantise(ph_heap *h, const ph_pat *n, const ph_pat *pat)
{
    ph_value v;
    double x;
    if (!n || !pat) return NULL;
    if (!ph_pat_is_pure(n, &v) || !ph_tf_num(v, &x) || x == 0 || !isfinite(x)) {
        ph_tf_set_error("quantise: the step count must be a non-zero number");
        return NULL;
    }
    return ph_fmap(h, quantise_fn, &x, sizeof x, pat);
}

/* ---------------------------------------------------------- rangex, range2 */

static bool map_log(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)data, (void)q;
    double x;
    if (!ph_tf_num(in, &x)) return false;
    *out = ph_val_num(log(x));
    return true;
}

static bool map_exp(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)data, (void)q;
    double x;
    if (!ph_tf_num(in, &x)) return false;
    double y = exp(x);
    if (!isfinite(y)) return false;
    *out = ph_val_num(y);
    return true;
}

static bool map_from_bipolar(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)data, (void)q;
    double x;
    if (!ph_tf_num(in, &x)) return false;
    *out = ph_val_num((x + 1) / 2);
    return true;
}

ph_pat *ph_tf_rangex(ph_heap *h, const ph_pat *lo, const ph_pat *hi, const ph_pat *pat)
{
    /* pat._range(log(lo), log(hi)).fmap(exp) */
    if (!lo || !hi || !pat) return NULL;
    ph_pat *llo = ph_fmap(h, map_log, NULL, 0, lo), *lhi = ph_fmap(h, map_log, NULL, 0, hi);
    ph_pat *r = llo && lhi ? ph_range(h, llo, lhi, pat) : NULL;
    return r ? ph_fmap(h, map_exp, NULL, 0, r) : NULL;
}

ph_pat *ph_tf_range2(ph_heap *h, const ph_pat *lo, const ph_pat *hi, const ph_pat *pat)
{
    /* pat.fromBipolar()._range(lo, hi) */
    if (!lo || !hi || !pat) return NULL;
    ph_pat *u = ph_fmap(h, map_from_bipolar, NULL, 0, pat);
    return u ? ph_range(h, lo, hi, u) : NULL;
}

/* -------------------------------------------------------------------- run */

ph_pat *ph_tf_run(ph_heap *h, const ph_pat *n)
{
    /* saw.range(0, n).round().segment(n) */
    if (!n) return NULL;
    ph_pat *saw = ph_saw(h);
    ph_pat *zero = ph_pure_num(h, 0);
    ph_pat *ranged = saw && zero ? ph_range(h, zero, n, saw) : NULL;
    ph_pat *rounded = ranged ? ph_tf_round(h, ranged) : NULL;
    return rounded ? ph_segment(h, n, rounded) : NULL;
}

/* ----------------------------------------------------------------- choose */

static ph_qstatus choose_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    /* chooseWith(rand, xs): rand at the query's start picks the input, which is queried
     * over the span; the events lose their wholes (outerJoin with a signal). */
    double r = ph_rand_time_to_rand(ph_rat_to_double(span.begin));
    double x = r * (double)self->nin;
    int64_t key = (int64_t)floor(x);
    if (key < 0) key = 0;
    if (key > (int64_t)self->nin - 1) key = self->nin - 1;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[key], span, q, out)) return q->status;
    for (uint32_t k = from; k < out->count; k++) out->ev[k].has_whole = false;
    return q->status;
}

ph_pat *ph_tf_choose(ph_heap *h, const ph_pat *const *xs, uint32_t n)
{
    if (n == 0) return ph_silence(h);
    for (uint32_t k = 0; k < n; k++)
        if (!xs[k]) return NULL;
    ph_pat *p = ph_pat_make(h, choose_query, xs, n, 0);
    if (p) p->flags |= PH_PAT_SIGNAL;
    return p;
}
