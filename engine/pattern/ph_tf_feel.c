/* The seed project's timing feels: swing with an amount (swing x, x < 1), groove presets,
 * humanize, and its walk (random jitter of values). Each moves events by an amount of
 * their own, so the query is widened by the largest move and the moved events are cut
 * back to the span. Randomness is Strudel's seeded rand at the event's onset. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pattern/ph_rand.h"
#include "pattern/ph_tf.h"
#include "pattern/ph_tf_util.h"

/* How far one event moves (later when positive); false drops nothing, just no move. */
typedef bool (*move_fn)(const void *ctx, const ph_event *e, ph_rat *delta);

/* Events of pat moved by move(): pat is queried over span widened by `widen` on both
 * sides, every event moved, and the parts cut back to span. */
static ph_qstatus query_moved(const ph_pat *pat, ph_span span, ph_rat widen, move_fn move, const void *ctx,
                              ph_qctx *q, ph_events *out)
{
    uint32_t from = out->count;
    ph_span wide = ph_span_make(ph_rat_sub(span.begin, widen), ph_rat_add(span.end, widen));
    if (ph_pat_query(pat, wide, q, out)) return q->status;
    uint32_t keep = from;
    ph_rat_clear_overflow();
    for (uint32_t i = from; i < out->count; i++) {
        ph_event ev = out->ev[i];
        ph_rat d;
        if (ev.has_whole && move(ctx, &ev, &d) && !ph_rat_is_zero(d)) {
            ev.whole = ph_span_make(ph_rat_add(ev.whole.begin, d), ph_rat_add(ev.whole.end, d));
            ev.part = ph_span_make(ph_rat_add(ev.part.begin, d), ph_rat_add(ev.part.end, d));
        }
        if (!ph_span_intersect(ev.part, span, &ev.part)) continue;
        out->ev[keep++] = ev;
    }
    out->count = keep;
    if (ph_rat_overflowed()) q->status = PH_Q_OVERFLOW;
    return q->status;
}

/* ------------------------------------------------------------------- swing */

static bool swing_move(const void *ctx, const ph_event *e, ph_rat *delta)
{
    /* every other step: the event's step in its cycle, counted in its own length */
    ph_rat len = ph_rat_sub(e->whole.end, e->whole.begin);
    if (!ph_rat_gt(len, ph_rat_int(0))) return false;
    ph_rat pos = ph_rat_div(ph_rat_frac(e->whole.begin), len);
    if (ph_rat_floor_int(pos) % 2 == 0) return false;
    *delta = ph_rat_mul(len, *(const ph_rat *)ctx);
    return true;
}

static ph_qstatus swing_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                 ph_events *out)
{
    /* x >= 1: Strudel's/Tidal's swing n (swingBy (1/3) n, in[1]); 0 <= x < 1: the seed's
     * amount, the events on odd steps of their cycle delayed by x of their length. Such
     * an event is at most half a cycle long, so half a cycle of widening finds them all. */
    ph_rat x;
    if (!ph_tf_rat(args[0], &x)) return q->status;
    if (ph_rat_ge(x, ph_rat_int(1))) return ph_pat_query(self->in[1], span, q, out);
    if (ph_rat_lt(x, ph_rat_int(0))) return q->status;
    return query_moved(self->in[0], span, ph_rat_make(1, 2), swing_move, &x, q, out);
}

ph_pat *ph_tf_swing(ph_heap *h, const ph_pat *x, const ph_pat *pat)
{
    if (!x || !pat) return NULL;
    const ph_pat *in[2] = {pat, ph_tf_swing_by(h, ph_pure_num(h, 1.0 / 3), x, pat)};
    if (!in[1]) return NULL;
    ph_pat *p = ph_patternify(h, swing_concrete, &x, 1, in, 2, 0);
    if (p) p->steps = pat->steps;
    return p;
}

/* ------------------------------------------------------------------ groove */

/* The seed's presets (src/groove.rs): deviations in cycles for each step of a grid. */
typedef struct preset {
    const char *names[3];
    int grid;
    double dev[16];
} preset;

static const preset presets[] = {
    {{"mpc", "mpc_swing"}, 16, {0, 1 / 32., 0, 1 / 32., 0, 1 / 32., 0, 1 / 32., 0, 1 / 32., 0, 1 / 32., 0, 1 / 32., 0, 1 / 32.}},
    {{"hiphop", "lazy_hiphop"}, 16, {0, 0, 0.01, 0, 0.02, 0, 0.01, 0, 0, 0, 0.01, 0, 0.02, 0, 0.01, 0}},
    {{"reggae", "reggae_one_drop", "one_drop"}, 16, {0, 0, 0.01, 0, 0, 0, 0.01, 0, 0.025, 0, 0.01, 0, 0, 0, 0.01, 0}},
    {{"jazz", "jazz_swing"}, 8, {0, 1 / 16., 0, 1 / 16., 0, 1 / 16., 0, 1 / 16.}},
    {{"drunken", "drunk"}, 16, {0.3 / 32, -0.2 / 32, 0.1 / 32, -0.3 / 32, 0.2 / 32, -0.1 / 32, 0.25 / 32, -0.25 / 32,
                                0.15 / 32, -0.35 / 32, 0.2 / 32, -0.15 / 32, 0.35 / 32, -0.2 / 32, 0.1 / 32, -0.3 / 32}},
};
#define N_PRESETS (sizeof presets / sizeof presets[0])
#define GROOVE_MAX_SHIFT 0.04 /* cycles, above every preset's largest deviation */
#define GROOVE_MAX_AMOUNT 8

static const preset *find_preset(ph_value v)
{
    if (v.kind != PH_VAL_WORD) return NULL;
    const char *w = ph_word_str(v.u.word, NULL);
    for (size_t i = 0; i < N_PRESETS; i++)
        for (int k = 0; k < 3 && presets[i].names[k]; k++)
            if (!strcmp(w, presets[i].names[k])) return &presets[i];
    return NULL;
}

/* [building time] the preset names of the first cycles (ph_tf_check_first_cycles) */
static bool preset_ok(ph_value v, void *ctx)
{
    (void)ctx;
    return find_preset(v) != NULL;
}

typedef struct groove_ctx {
    const preset *p;
    double amount;
} groove_ctx;

static bool groove_move(const void *ctx, const ph_event *e, ph_rat *delta)
{
    const groove_ctx *g = ctx;
    int step = (int)ph_rat_floor_int(ph_rat_mul(ph_rat_frac(e->whole.begin), ph_rat_int(g->p->grid)));
    if (step < 0 || step >= g->p->grid) return false;
    *delta = ph_rat_of(g->p->dev[step] * g->amount);
    return true;
}

static ph_qstatus groove_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                  ph_events *out)
{
    /* each event moved by its onset's grid step's deviation times the amount (the seed's
     * apply_groove, by the onset rather than the fragment's start) */
    groove_ctx g = {find_preset(args[0]), 1};
    if (!g.p || !ph_tf_num(args[1], &g.amount) || !(fabs(g.amount) <= GROOVE_MAX_AMOUNT)) return q->status;
    ph_rat widen = ph_rat_of(GROOVE_MAX_SHIFT * fabs(g.amount));
    return query_moved(self->in[0], span, widen, groove_move, &g, q, out);
}

ph_pat *ph_tf_groove(ph_heap *h, const ph_pat *name, const ph_pat *amount, const ph_pat *pat)
{
    if (!name || !pat) return NULL;
    if (!ph_tf_check_first_cycles(name, preset_ok, NULL)) {
        ph_tf_set_error("groove: unknown preset (mpc, hiphop, reggae, jazz, drunken)");
        return NULL;
    }
    const ph_pat *args[2] = {name, amount ? amount : ph_pure_num(h, 1)};
    if (!args[1]) return NULL;
    ph_pat *p = ph_patternify(h, groove_concrete, args, 2, &pat, 1, 0);
    if (p) p->steps = pat->steps;
    return p;
}

/* ---------------------------------------------------------------- humanize */

typedef struct human_ctx {
    double time;
} human_ctx;

static bool human_move(const void *ctx, const ph_event *e, ph_rat *delta)
{
    double r = ph_rand_time_to_rand(ph_rat_to_double(e->whole.begin));
    *delta = ph_rat_of((2 * r - 1) * ((const human_ctx *)ctx)->time);
    return true;
}

static ph_qstatus humanize_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                    ph_events *out)
{
    /* The seed's humanize t v: each onset moved by up to t cycles either way (rand at the
     * onset); v scales the gain by up to v either way (the next rand of that seed; the
     * seed itself ignores v). t is at most one cycle. */
    const ph_tf_words *w = self->data;
    human_ctx c;
    double vel;
    if (!ph_tf_num(args[0], &c.time) || !ph_tf_num(args[1], &vel) || !(fabs(c.time) <= 1) || !isfinite(vel))
        return q->status;
    uint32_t from = out->count;
    if (query_moved(self->in[0], span, ph_rat_of(fabs(c.time)), human_move, &c, q, out)) return q->status;
    if (vel == 0) return q->status;
    for (uint32_t i = from; i < out->count && q->status == PH_Q_OK; i++) {
        ph_event *e = &out->ev[i];
        if (!e->has_whole) continue;
        /* the second rand of the (moved) onset's seed */
        double r[2];
        ph_rand_time_to_rands(ph_rat_to_double(e->whole.begin), 2, r);
        ph_value nv;
        const double gain = ph_tf_map_num(e->value, w->gain, 1);
        if (!ph_tf_map_set(q, w, e->value, w->gain, ph_val_num(gain * (1 + (2 * r[1] - 1) * vel)), &nv)) break;
        e->value = nv;
    }
    return q->status;
}

ph_pat *ph_tf_humanize(ph_heap *h, const ph_pat *t, const ph_pat *v, const ph_pat *pat)
{
    if (!t || !v || !pat) return NULL;
    const ph_pat *args[2] = {t, v};
    ph_pat *p = ph_patternify(h, humanize_concrete, args, 2, &pat, 1, sizeof(ph_tf_words));
    if (p) ph_tf_words_get(p->data);
    return p;
}

/* -------------------------------------------------------------------- walk */

static ph_qstatus walk_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q,
                                ph_events *out)
{
    /* The seed's walk step: each numeric value moved by up to step either way, the same
     * for every query (rand at the event's onset); other values are left alone. */
    double step;
    if (!ph_tf_num(args[0], &step) || !isfinite(step)) return q->status;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    for (uint32_t i = from; i < out->count; i++) {
        ph_event *e = &out->ev[i];
        double x;
        if (e->value.kind == PH_VAL_MAP || !ph_tf_num(e->value, &x)) continue;
        double r = ph_rand_time_to_rand(ph_rat_to_double(ph_event_whole_or_part(e).begin));
        e->value = ph_val_num(x + (2 * r - 1) * step);
    }
    return q->status;
}

ph_pat *ph_tf_walk(ph_heap *h, const ph_pat *step, const ph_pat *pat)
{
    if (!step || !pat) return NULL;
    ph_pat *p = ph_patternify(h, walk_concrete, &step, 1, &pat, 1, 0);
    if (p) p->steps = pat->steps;
    return p;
}
