/* Tidal's ways of switching between two patterns: sew and stitch (by a boolean pattern)
 * and wedge (each cycle shared between them). Booleans are read as Tidal's: t/true and
 * f/false words, numbers non-zero; other words count as true (JavaScript's truthiness). */
#include <string.h>

#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

static bool tidal_bool(ph_value v)
{
    if (v.kind == PH_VAL_WORD) {
        const char *w = ph_word_str(v.u.word, NULL);
        if (!strcmp(w, "f") || !strcmp(w, "false")) return false;
    }
    return ph_tf_truthy(v);
}

/* -------------------------------------------------------------------- sew */

static ph_qstatus sew_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    /* For each boolean event, the events of the pattern it chooses (in[1] when true, in[2]
     * when false) cut to its part: structure from the chosen patterns. */
    ph_events bools;
    ph_events_init(&bools);
    if (ph_pat_query(self->in[0], span, q, &bools)) return q->status;
    for (uint32_t i = 0; i < bools.count && q->status == PH_Q_OK; i++) {
        const ph_event *b = &bools.ev[i];
        uint32_t from = out->count;
        if (ph_pat_query(self->in[tidal_bool(b->value) ? 1 : 2], b->part, q, out)) break;
        uint32_t keep = from;
        for (uint32_t k = from; k < out->count; k++)
            if (ph_span_intersect(out->ev[k].part, b->part, &out->ev[k].part)) out->ev[keep++] = out->ev[k];
        out->count = keep;
    }
    return q->status;
}

ph_pat *ph_tf_sew(ph_heap *h, const ph_pat *bools, const ph_pat *a, const ph_pat *b)
{
    if (!bools || !a || !b) return NULL;
    const ph_pat *in[3] = {bools, a, b};
    return ph_pat_make(h, sew_query, in, 3, 0);
}

/* ----------------------------------------------------------------- stitch */

static bool map_bool(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    (void)q;
    bool want = *(const bool *)data;
    *out = ph_val_num(tidal_bool(in) == want ? 1 : 0);
    return true;
}

ph_pat *ph_tf_stitch(ph_heap *h, const ph_pat *bools, const ph_pat *a, const ph_pat *b)
{
    /* overlay (struct pb a) (struct (inv pb) b): structure from the booleans */
    if (!bools || !a || !b) return NULL;
    bool yes = true, no = false;
    ph_pat *on = ph_fmap(h, map_bool, &yes, sizeof yes, bools);
    ph_pat *off = ph_fmap(h, map_bool, &no, sizeof no, bools);
    const ph_pat *s[2] = {on ? ph_tf_struct(h, on, a) : NULL, off ? ph_tf_struct(h, off, b) : NULL};
    return s[0] && s[1] ? ph_stack(h, s, 2) : NULL;
}

/* ------------------------------------------------------------------ wedge */

typedef struct gap_ctx {
    const ph_pat *pat;
    ph_rat factor;
} gap_ctx;

static ph_qstatus fast_gap_inner(const void *ctx, ph_span span, ph_qctx *q, ph_events *out)
{
    const gap_ctx *g = ctx;
    return ph_query_fast_gap(g->pat, g->factor, span, q, out);
}

static ph_qstatus wedge_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                 ph_events *out)
{
    /* _wedge 0 _ p' = p'; _wedge 1 p _ = p;
     * _wedge t p p' = overlay (_fastGap (1/t) p) (t `rotR` _fastGap (1/(1-t)) p') */
    ph_rat t;
    const ph_rat one = ph_rat_int(1);
    if (!ph_tf_rat(args[0], &t)) return q->status;
    if (ph_rat_is_zero(t)) return ph_pat_query(self->in[1], span, q, out);
    if (ph_rat_eq(t, one)) return ph_pat_query(self->in[0], span, q, out);
    if (!ph_rat_gt(t, ph_rat_int(0)) || ph_rat_gt(t, one)) return q->status;
    if (ph_query_fast_gap(self->in[0], ph_rat_div(one, t), span, q, out)) return q->status;
    gap_ctx g = {self->in[1], ph_rat_div(one, ph_rat_sub(one, t))};
    return ph_query_affine_fn(fast_gap_inner, &g, one, ph_rat_neg(t), span, q, out);
}

ph_pat *ph_tf_wedge(ph_heap *h, const ph_pat *t, const ph_pat *a, const ph_pat *b)
{
    if (!t || !a || !b) return NULL;
    const ph_pat *in[2] = {a, b};
    return ph_patternify(h, wedge_concrete, &t, 1, in, 2, 0);
}
