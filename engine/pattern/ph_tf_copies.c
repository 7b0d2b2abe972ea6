/* Tidal's transforms that layer shifted copies of a pattern: stutter n t, ghost and
 * ghostWith, spin, weave, and rolled/rolledBy (the notes of a chord shifted one after
 * another).
 * Control values they set (gain, end, speed, pan) turn plain values into control maps as
 * the other control-setting transforms do (ph_tf_map_set). */
#include <math.h>
#include <stdio.h>

#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

#define MAX_COPIES 1024 /* bounded work for a count argument */

static const ph_rat R0 = {0, 1};

/* ----------------------------------------------------------------- stutter */

static ph_qstatus stutter_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                   ph_events *out)
{
    /* stutter n t p = stack $ map (\i -> (t * fromIntegral i) `rotR` p) [0 .. (n - 1)] */
    double nd;
    int64_t n;
    ph_rat t;
    if (!ph_tf_num(args[0], &nd) || !ph_tf_count(nd, &n) || !ph_tf_rat(args[1], &t)) return q->status;
    if (n > MAX_COPIES) n = MAX_COPIES;
    ph_rat_clear_overflow();
    for (int64_t i = 0; i < n && q->status == PH_Q_OK; i++)
        ph_query_early(self->in[0], ph_rat_neg(ph_rat_mul(t, ph_rat_int(i))), span, q, out);
    if (ph_rat_overflowed() && q->status == PH_Q_OK) q->status = PH_Q_OVERFLOW;
    return q->status;
}

ph_pat *ph_tf_stutter(ph_heap *h, const ph_pat *n, const ph_pat *t, const ph_pat *pat)
{
    if (!n || !pat) return NULL;
    if (!t) return ph_ply(h, n, pat); /* the seed's stutter n: each event n times */
    const ph_pat *args[2] = {n, t};
    return ph_patternify(h, stutter_concrete, args, 2, &pat, 1, 0);
}

/* ------------------------------------------------------------------- ghost */

/* pat |*| speed 1.25 |> end 0.2 |*| gain 0.7 (ghost's function, applied right to left in
 * Tidal's `(|*| P.gain (pure 0.7)) . (|> P.end (pure 0.2)) . (|*| P.speed (pure 1.25))`).
 * |*| with a pure is appBoth: parts AND wholes cut at cycles; a key the event lacks takes
 * the pure's value (Map.union). */
static ph_qstatus ghost_fx_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    const ph_tf_words *w = self->data;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    ph_tf_split_at_cycles(q, out, from);
    for (uint32_t i = from; i < out->count && q->status == PH_Q_OK; i++) {
        ph_event *e = &out->ev[i];
        if (e->has_whole) {
            ph_rat sam = ph_rat_floor(e->part.begin);
            ph_span cyc = ph_span_make(sam, ph_rat_add(sam, ph_rat_int(1)));
            ph_span_intersect(e->whole, cyc, &e->whole);
        }
        ph_value v1, v2, v3;
        const double speed = ph_tf_map_num(e->value, w->speed, 1), gain = ph_tf_map_num(e->value, w->gain, 1);
        if (!ph_tf_map_set(q, w, e->value, w->speed, ph_val_num(speed * 1.25), &v1) ||
            !ph_tf_map_set(q, w, v1, w->end, ph_val_num(0.2), &v2) ||
            !ph_tf_map_set(q, w, v2, w->gain, ph_val_num(gain * 0.7), &v3))
            break;
        e->value = v3;
    }
    return q->status;
}

static ph_pat *ghost_fx(ph_heap *h, const ph_pat *pat)
{
    ph_pat *p = pat ? ph_pat_make(h, ghost_fx_query, &pat, 1, sizeof(ph_tf_words)) : NULL;
    if (p) ph_tf_words_get(p->data);
    return p;
}

/* The copies are late by 1.5 t and 2.5 t, t read once for the whole (nested) query: a
 * parameter node (ph_tf_util.h) published by the outer node, as Strudel builds a
 * transform with a function for each value of a patterned argument. */
static ph_qstatus late_scaled_param(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                    ph_events *out)
{
    ph_rat t;
    if (!ph_tf_rat(args[0], &t)) return q->status;
    ph_rat_clear_overflow();
    ph_rat d = ph_rat_mul(t, *(const ph_rat *)ph_tf_param_extra(self));
    if (ph_rat_overflowed()) return q->status = PH_Q_OVERFLOW;
    return ph_query_early(self->in[0], ph_rat_neg(d), span, q, out);
}

/* superimpose ((k t `rotR`) . f) p */
static const ph_pat *superimpose_late(ph_heap *h, const ph_tf_key *key, ph_rat k, const ph_tf_fn *f,
                                      const ph_pat *p)
{
    const ph_pat *fp = f ? ph_tf_fn_apply(h, f, p) : ghost_fx(h, p);
    ph_pat *late = fp ? ph_tf_param_node(h, key, late_scaled_param, &fp, 1, sizeof(ph_rat)) : NULL;
    if (!late) return NULL;
    *(ph_rat *)ph_tf_param_extra(late) = k;
    const ph_pat *s[2] = {p, late};
    return ph_stack(h, s, 2);
}

static ph_qstatus ghost_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                 ph_events *out)
{
    return ph_tf_query_with(self, args, 1, self->in[0], span, q, out);
}

ph_pat *ph_tf_ghost_with(ph_heap *h, const ph_pat *t, const ph_tf_fn *f, const ph_pat *pat)
{
    /* ghostWith a f p = superimpose (((a*2.5) `rotR`) . f) $ superimpose (((a*1.5) `rotR`) . f) p;
     * f NULL: ghost's own function (ghost = ghostWith 0.125 ...) */
    if (!t || !pat) return NULL;
    ph_tf_key *key = ph_tf_key_new(h);
    const ph_pat *inner = key ? superimpose_late(h, key, ph_rat_make(3, 2), f, pat) : NULL;
    const ph_pat *outer = inner ? superimpose_late(h, key, ph_rat_make(5, 2), f, inner) : NULL;
    ph_pat *p = outer ? ph_patternify(h, ghost_concrete, &t, 1, &outer, 1, sizeof(ph_tf_keyed)) : NULL;
    if (p) ((ph_tf_keyed *)p->data)->key = key;
    return p;
}

/* -------------------------------------------------------------------- spin */

static ph_qstatus spin_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                ph_events *out)
{
    /* _spin copies p = stack [ (i % copies) `rotL` p # P.pan (pure (i % copies)) ]; `#` with
     * a pure is appLeft: parts cut at cycles, wholes kept, pan replaced */
    const ph_tf_words *w = self->data;
    double nd;
    int64_t n;
    if (!ph_tf_num(args[0], &nd) || !ph_tf_count(nd, &n)) return q->status;
    if (n > MAX_COPIES) n = MAX_COPIES;
    for (int64_t i = 0; i < n && q->status == PH_Q_OK; i++) {
        uint32_t from = out->count;
        ph_rat off = ph_rat_make(i, n);
        if (ph_query_early(self->in[0], off, span, q, out)) break;
        ph_tf_split_at_cycles(q, out, from);
        for (uint32_t k = from; k < out->count; k++) {
            ph_value nv;
            if (!ph_tf_map_set(q, w, out->ev[k].value, w->pan, ph_val_num(ph_rat_to_double(off)), &nv)) break;
            out->ev[k].value = nv;
        }
    }
    return q->status;
}

ph_pat *ph_tf_spin(ph_heap *h, const ph_pat *n, const ph_pat *pat)
{
    if (!n || !pat) return NULL;
    ph_pat *p = ph_patternify(h, spin_concrete, &n, 1, &pat, 1, sizeof(ph_tf_words));
    if (p) ph_tf_words_get(p->data);
    return p;
}

/* ------------------------------------------------------------ rolled, rolledBy */

/* Events without a whole first, then by whole (begin, end). */
static ph_qstatus rolled_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                  ph_events *out)
{
    /* rolledWith t: the events sharing a whole (a chord) start one after another, the k-th
     * of d at s + k * (e - s) * |t| / d, in their order (reversed for t < 0), each cut to
     * its new whole. Tidal groups only neighbouring events (groupBy); here every event of
     * the query with that whole belongs to the chord, whatever order the stack gave them. */
    ph_rat t;
    if (!ph_tf_rat(args[0], &t)) return q->status;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    if (ph_rat_is_zero(t)) return q->status;
    bool rev = ph_rat_lt(t, R0);
    ph_rat at = rev ? ph_rat_neg(t) : t;
    /* stable sort by whole: a chord's notes are then neighbours, in their order */
    if (!ph_tf_sort_events(q, out, from, ph_tf_by_whole)) return q->status;
    uint32_t end = out->count, n = end - from;
    bool *keep = ph_arena_alloc(q->arena, n + 1, 1);
    if (!keep) return q->status = PH_Q_ARENA_FULL;
    ph_rat_clear_overflow();
    for (uint32_t g = from; g < end;) {
        uint32_t stop = g + 1; /* the chord is [g, stop) */
        while (stop < end && out->ev[g].has_whole && ph_tf_by_whole(&out->ev[g], &out->ev[stop]) == 0) stop++;
        int64_t d = stop - g;
        for (uint32_t i = g; i < stop; i++) {
            ph_event *e = &out->ev[i];
            keep[i - from] = true;
            if (!e->has_whole) continue;
            int64_t k = rev ? (int64_t)(stop - 1 - i) : (int64_t)(i - g);
            ph_rat len = ph_rat_sub(e->whole.end, e->whole.begin);
            ph_rat onset = ph_rat_add(e->whole.begin, ph_rat_div(ph_rat_mul(ph_rat_mul(len, at), ph_rat_int(k)), ph_rat_int(d)));
            ph_span whole = ph_span_make(onset, e->whole.end), part;
            keep[i - from] = ph_span_intersect(whole, e->part, &part);
            e->whole = whole;
            e->part = part;
        }
        g = stop;
    }
    if (ph_rat_overflowed()) return q->status = PH_Q_OVERFLOW;
    ph_tf_events_compact(out, from, keep);
    return q->status;
}

ph_pat *ph_tf_rolled_by(ph_heap *h, const ph_pat *t, const ph_pat *pat)
{
    /* rolledBy pt = patternify rolledWith (segment 1 $ pt) */
    if (!t || !pat) return NULL;
    const ph_pat *seg = ph_segment(h, ph_pure_num(h, 1), t);
    return seg ? ph_patternify(h, rolled_concrete, &seg, 1, &pat, 1, 0) : NULL;
}

/* ------------------------------------------------------------------- weave */

ph_pat *ph_tf_weave(ph_heap *h, const ph_pat *const *args, uint32_t n, char *err, size_t errlen)
{
    /* weave t p ps = weaveWith t p (map (#) ps), weaveWith t p fs = _slow t $ stack
     * [ (i / l) `rotL` _fast t (f_i (_slow t p)) ], which is stack [ (t * i / l) `rotL`
     * (ps_i # _slow t p) ]: each pattern takes the values of p slowed to t cycles (structure
     * its own), the i-th of l offset by t * i / l. t is Tidal's plain Time. */
    ph_value v;
    double t;
    if (n < 3 || !args[0] || !ph_pat_is_pure(args[0], &v) || !ph_tf_num(v, &t) || !(t > 0) || t > 1e6) {
        if (err && errlen) snprintf(err, errlen, "weave: expects a number of cycles > 0, a pattern, then patterns (weave 16 (pan sine) [a, b])");
        return NULL;
    }
    uint32_t l = n - 2;
    const ph_pat *layers[PH_TRANSFORM_MAX_ARGS];
    ph_rat tr = ph_rat_of(t);
    ph_pat *slow = args[1] ? ph_slow_rat(h, tr, args[1]) : NULL;
    for (uint32_t i = 0; i < l; i++) {
        ph_pat *set = args[2 + i] && slow ? ph_app(h, PH_STRUCT_LEFT, ph_op_set, NULL, 0, args[2 + i], slow) : NULL;
        layers[i] = set ? ph_early_rat(h, ph_rat_div(ph_rat_mul(tr, ph_rat_int(i)), ph_rat_int(l)), set) : NULL;
        if (!layers[i]) return NULL;
    }
    return ph_stack(h, layers, l);
}
