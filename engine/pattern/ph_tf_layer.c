/* Layering transforms, Strudel 1.2 semantics: superimpose, layer, off, echo/stut, juxBy/jux.
 * Control values that these set (gain, pan) turn plain values into control maps: a word
 * becomes {s: word}, a number {n: number} (ph_tf_map_set). */
#include <math.h>

#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

#define MAX_LAYERS PH_TRANSFORM_MAX_ARGS

static ph_pat *layers(ph_heap *h, const ph_tf_fn *fs, int n, const ph_pat *pat, bool keep)
{
    if (!pat || n < 0 || n > MAX_LAYERS) return NULL;
    const ph_pat *all[MAX_LAYERS + 1];
    uint32_t k = 0;
    if (keep) all[k++] = pat;
    for (int i = 0; i < n; i++) {
        ph_pat *p = ph_tf_fn_apply(h, &fs[i], pat);
        if (!p) return NULL;
        all[k++] = p;
    }
    return ph_stack(h, all, k);
}

ph_pat *ph_tf_superimpose(ph_heap *h, const ph_tf_fn *fs, int n, const ph_pat *pat)
{
    return layers(h, fs, n, pat, true);
}

ph_pat *ph_tf_layer(ph_heap *h, const ph_tf_fn *fs, int n, const ph_pat *pat)
{
    return layers(h, fs, n, pat, false);
}

/* -------------------------------------------------------------------- off */

static ph_qstatus late_param(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                             ph_events *out)
{
    ph_rat t;
    if (!ph_tf_rat(args[0], &t)) return q->status;
    return ph_query_early(self->in[0], ph_rat_neg(t), span, q, out);
}

static ph_qstatus both_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                ph_events *out)
{
    /* stack(in0, in1) with the arguments published for in1's parameter node */
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    return ph_tf_query_with(self, args, self->narg, self->in[1], span, q, out);
}

ph_pat *ph_tf_off(ph_heap *h, const ph_pat *t, const ph_tf_fn *f, const ph_pat *pat)
{
    /* stack(pat, f(pat.late(t))) */
    if (!t || !pat) return NULL;
    ph_tf_key *key = ph_tf_key_new(h);
    ph_pat *shifted = key ? ph_tf_param_node(h, key, late_param, &pat, 1, 0) : NULL;
    ph_pat *fpat = shifted ? ph_tf_fn_apply(h, f, shifted) : NULL;
    if (!fpat) return NULL;
    const ph_pat *in[2] = {pat, fpat};
    ph_pat *p = ph_patternify(h, both_concrete, &t, 1, in, 2, sizeof(ph_tf_keyed));
    if (p) ((ph_tf_keyed *)p->data)->key = key;
    return p;
}

/* ------------------------------------------------------------ echoWith */

#define ECHO_WITH_MAX 16 /* copies, each built (f applied up to 15 times); a pattern's inputs */

/* A copy's shift: the published time (args[1]) times the copy's index. */
static ph_qstatus late_times_param(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                   ph_events *out)
{
    ph_rat t;
    if (!ph_tf_rat(args[1], &t)) return q->status;
    int64_t k = *(const int64_t *)ph_tf_param_extra(self);
    return ph_query_early(self->in[0], ph_rat_neg(ph_rat_mul(t, ph_rat_int(k))), span, q, out);
}

static ph_qstatus with_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                ph_events *out)
{
    /* the first `count` copies, with the count and time published for their shifts */
    double count;
    if (!ph_tf_num(args[0], &count) || !(count >= 1)) return q->status;
    for (uint32_t i = 0; i < self->nin && i < count && q->status == PH_Q_OK; i++)
        if (ph_tf_query_with(self, args, self->narg, self->in[i], span, q, out)) break;
    return q->status;
}

/* Keeps the largest count (ctx) seen; refuses a value that is not a number from 1 to
 * ECHO_WITH_MAX. */
static bool note_copies(ph_value v, void *ctx)
{
    int *most = ctx;
    double x;
    if (!ph_tf_num(v, &x) || !(x >= 1) || x > ECHO_WITH_MAX) return false;
    if ((int)x > *most) *most = (int)x;
    return true;
}

/* The most copies the count pattern asks for in its first 8 cycles (0 when a value is not
 * a number from 1 to ECHO_WITH_MAX). */
static int most_copies(const ph_pat *times)
{
    int most = 0;
    return ph_tf_check_first_cycles(times, note_copies, &most) ? most : 0;
}

ph_pat *ph_tf_echo_with(ph_heap *h, const ph_pat *times, const ph_pat *t, const ph_tf_fn *f, const ph_pat *pat)
{
    /* Strudel's echoWith: stack of f(pat.late(i * t)), i = 0 .. times-1 -- f applied ONCE
     * to every copy, the first included (Tidal's stutWith applies f i times to copy i).
     * The copies are built here (f applied while building), as many as the count pattern
     * asks for in its first 8 cycles; a larger count later plays those. */
    if (!times || !t || !pat) return NULL;
    int count = most_copies(times);
    if (!count) {
        ph_tf_set_error("echoWith: the number of copies must be a number from 1 to 16");
        return NULL;
    }
    ph_tf_key *key = ph_tf_key_new(h);
    if (!key) return NULL;
    const ph_pat *copies[ECHO_WITH_MAX];
    for (int k = 0; k < count; k++) {
        ph_pat *c = ph_tf_param_node(h, key, late_times_param, &pat, 1, sizeof(int64_t));
        if (!c) return NULL;
        *(int64_t *)ph_tf_param_extra(c) = k;
        c = ph_tf_fn_apply(h, f, c);
        if (!c) return NULL;
        copies[k] = c;
    }
    const ph_pat *args[2] = {times, t};
    ph_pat *p = ph_patternify(h, with_concrete, args, 2, copies, (uint32_t)count, sizeof(ph_tf_keyed));
    if (p) ((ph_tf_keyed *)p->data)->key = key;
    return p;
}

/* ------------------------------------------------------------- echo, stut */

static ph_qstatus echo_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                ph_events *out)
{
    /* stack of pat.late(time * i).gain(feedback ^ i) for i in 0 .. times-1 */
    double times, fb;
    ph_rat time;
    if (!ph_tf_num(args[0], &times) || !ph_tf_rat(args[1], &time) || !ph_tf_num(args[2], &fb))
        return q->status;
    if (!(times >= 1)) return q->status;
    if (times > 1024) times = 1024; /* bounded work */
    int64_t n = (int64_t)times;
    const ph_tf_words *w = self->data;
    for (int64_t i = 0; i < n && q->status == PH_Q_OK; i++) {
        uint32_t from = out->count;
        if (ph_query_early(self->in[0], ph_rat_neg(ph_rat_mul(time, ph_rat_int(i))), span, q, out))
            break;
        double g = pow(fb, (double)i);
        ph_tf_split_at_cycles(q, out, from);
        for (uint32_t k = from; k < out->count; k++) {
            ph_value nv;
            if (!ph_tf_map_set(q, w, out->ev[k].value, w->gain, ph_val_num(g), &nv)) break;
            out->ev[k].value = nv;
        }
    }
    return q->status;
}

ph_pat *ph_tf_echo(ph_heap *h, const ph_pat *times, const ph_pat *time, const ph_pat *feedback,
                   const ph_pat *pat)
{
    if (!times || !time || !feedback || !pat) return NULL;
    const ph_pat *args[3] = {times, time, feedback};
    ph_pat *p = ph_patternify(h, echo_concrete, args, 3, &pat, 1, sizeof(ph_tf_words));
    if (p) ph_tf_words_get(p->data);
    return p;
}

/* ------------------------------------------------------------------ juxBy */

typedef struct jux_data {
    ph_tf_keyed k;
    ph_tf_words w;
} jux_data;

static ph_qstatus pan_events(ph_qctx *q, const ph_tf_words *w, ph_events *out, uint32_t from,
                             double delta)
{
    for (uint32_t k = from; k < out->count; k++) {
        ph_value nv;
        const double p = ph_tf_map_num(out->ev[k].value, w->pan, 0.5);
        if (!ph_tf_map_set(q, w, out->ev[k].value, w->pan, ph_val_num(p + delta), &nv)) break;
        out->ev[k].value = nv;
    }
    return q->status;
}

static ph_qstatus jux_right_param(const ph_pat *self, const ph_value *args, ph_span span,
                                  ph_qctx *q, ph_events *out)
{
    double by;
    if (!ph_tf_num(args[0], &by)) return q->status;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    return pan_events(q, ph_tf_param_extra(self), out, from, by / 2);
}

static ph_qstatus jux_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                               ph_events *out)
{
    double by;
    if (!ph_tf_num(args[0], &by)) return q->status;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    if (pan_events(q, &((const jux_data *)self->data)->w, out, from, -(by / 2))) return q->status;
    return ph_tf_query_with(self, args, 1, self->in[1], span, q, out);
}

ph_pat *ph_tf_jux_by(ph_heap *h, const ph_pat *by, const ph_tf_fn *f, const ph_pat *pat)
{
    /* stack(pat # pan (pan - by/2), f(pat # pan (pan + by/2))), pan 0.5 when unset */
    if (!by || !pat) return NULL;
    ph_tf_key *key = ph_tf_key_new(h);
    ph_pat *right = key ? ph_tf_param_node(h, key, jux_right_param, &pat, 1, sizeof(ph_tf_words)) : NULL;
    if (!right) return NULL;
    ph_tf_words_get(ph_tf_param_extra(right));
    ph_pat *fpat = ph_tf_fn_apply(h, f, right);
    if (!fpat) return NULL;
    const ph_pat *in[2] = {pat, fpat};
    ph_pat *p = ph_patternify(h, jux_concrete, &by, 1, in, 2, sizeof(jux_data));
    if (p) {
        jux_data *d = p->data;
        d->k.key = key;
        ph_tf_words_get(&d->w);
    }
    return p;
}
