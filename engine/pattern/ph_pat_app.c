/* Value-level combinators: fmap, appLeft/appRight/appBoth (Strudel's applicative
 * operations, which decide where the structure comes from), filters, control maps and
 * Strudel's arithmetic operators. */
#include "pattern/ph_pat_internal.h"

#include <math.h>
#include <stdatomic.h>
#include <string.h>

typedef struct fn_data {
    union {
        ph_map_fn map;
        ph_binop_fn bin;
        ph_pred_fn pred;
    } fn;
    const void *user;
    ph_structure how;
    ph_word param;
} fn_data;

static fn_data *node_data(ph_heap *h, ph_pat *p, const void *user, size_t user_size)
{
    fn_data *d = p->data;
    if (user && user_size) {
        void *copy = ph_heap_alloc(h, user_size);
        if (!copy) return NULL;
        memcpy(copy, user, user_size);
        d->user = copy;
    } else {
        d->user = user;
    }
    return d;
}

/* --------------------------------------------------------------------- fmap */

static ph_qstatus fmap_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    const fn_data *d = self->data;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    uint32_t w = from;
    for (uint32_t i = from; i < out->count; i++) {
        ph_event e = out->ev[i];
        if (!d->fn.map(d->user, e.value, &e.value, q)) continue;
        out->ev[w++] = e;
    }
    out->count = w;
    return q->status;
}

ph_pat *ph_fmap(ph_heap *h, ph_map_fn fn, const void *data, size_t data_size, const ph_pat *pat)
{
    ph_pat *p = ph_pat_make(h, fmap_query, &pat, 1, sizeof(fn_data));
    if (!p || !node_data(h, p, data, data_size)) return NULL;
    ((fn_data *)p->data)->fn.map = fn;
    p->steps = pat->steps;
    return p;
}

/* ---------------------------------------------------------------------- app */

static ph_qstatus app_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    const fn_data *d = self->data;
    const ph_pat *left = self->in[0], *right = self->in[1];
    ph_events a, b;
    ph_events_init(&a);
    ph_events_init(&b);
    if (d->how == PH_STRUCT_BOTH) {
        if (ph_pat_query(left, span, q, &a) || ph_pat_query(right, span, q, &b)) return q->status;
        for (uint32_t i = 0; i < a.count && !q->status; i++) {
            for (uint32_t j = 0; j < b.count; j++) {
                const ph_event *x = &a.ev[i], *y = &b.ev[j];
                ph_span part, whole;
                if (!ph_span_intersect(x->part, y->part, &part)) continue;
                bool hw = x->has_whole && y->has_whole;
                if (hw && !ph_span_intersect(x->whole, y->whole, &whole)) continue;
                ph_value v;
                if (!d->fn.bin(d->user, x->value, y->value, &v, q)) continue;
                ph_event *e = ph_qpush(q, out);
                if (!e) return q->status;
                e->has_whole = hw;
                if (hw) e->whole = whole;
                e->part = part;
                e->value = v;
                /* appBoth: the value pattern's (right) locations, then the function's */
                if (!ph_qlocs_cat(q, e, y->locs, y->n_locs, x->locs, x->n_locs)) return q->status;
            }
        }
        return q->status;
    }
    /* appLeft: structure from the left; appRight: from the right. */
    bool from_left = d->how != PH_STRUCT_RIGHT;
    const ph_pat *outer = from_left ? left : right, *inner = from_left ? right : left;
    if (ph_pat_query(outer, span, q, &a)) return q->status;
    for (uint32_t i = 0; i < a.count && !q->status; i++) {
        const ph_event x = a.ev[i];
        b.count = 0;
        if (ph_pat_query(inner, ph_event_whole_or_part(&x), q, &b)) return q->status;
        for (uint32_t j = 0; j < b.count; j++) {
            const ph_event *y = &b.ev[j];
            ph_span part;
            if (!ph_span_intersect(x.part, y->part, &part)) continue;
            ph_value v;
            bool ok = from_left ? d->fn.bin(d->user, x.value, y->value, &v, q)
                                : d->fn.bin(d->user, y->value, x.value, &v, q);
            if (!ok) continue;
            ph_event *e = ph_qpush(q, out);
            if (!e) return q->status;
            e->has_whole = x.has_whole;
            e->whole = x.whole;
            e->part = part;
            e->value = v;
            /* Strudel's appLeft and appRight both put the value pattern's (right) locations
             * first, then the function pattern's (left) */
            bool ok_locs = from_left ? ph_qlocs_cat(q, e, y->locs, y->n_locs, x.locs, x.n_locs)
                                     : ph_qlocs_cat(q, e, x.locs, x.n_locs, y->locs, y->n_locs);
            if (!ok_locs) return q->status;
        }
    }
    return q->status;
}

ph_pat *ph_app(ph_heap *h, ph_structure how, ph_binop_fn fn, const void *data, size_t data_size,
               const ph_pat *left, const ph_pat *right)
{
    if (how != PH_STRUCT_LEFT && how != PH_STRUCT_RIGHT && how != PH_STRUCT_BOTH) {
        if (h) ph_heap_set_error(h, "unsupported structure for ph_app");
        return NULL;
    }
    const ph_pat *in[2] = {left, right};
    ph_pat *p = ph_pat_make(h, app_query, in, 2, sizeof(fn_data));
    if (!p || !node_data(h, p, data, data_size)) return NULL;
    fn_data *d = p->data;
    d->fn.bin = fn;
    d->how = how;
    p->steps = how == PH_STRUCT_RIGHT ? right->steps : left->steps;
    return p;
}

/* ------------------------------------------------------------------ filters */

static ph_qstatus filter_values_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    const fn_data *d = self->data;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    uint32_t w = from;
    for (uint32_t i = from; i < out->count; i++)
        if (d->fn.pred(d->user, out->ev[i].value)) out->ev[w++] = out->ev[i];
    out->count = w;
    return q->status;
}

ph_pat *ph_filter_values(ph_heap *h, ph_pred_fn fn, const void *data, size_t data_size, const ph_pat *pat)
{
    ph_pat *p = ph_pat_make(h, filter_values_query, &pat, 1, sizeof(fn_data));
    if (!p || !node_data(h, p, data, data_size)) return NULL;
    ((fn_data *)p->data)->fn.pred = fn;
    p->steps = pat->steps;
    return p;
}

static ph_qstatus filter_events(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out, bool onsets)
{
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out)) return q->status;
    uint32_t w = from;
    for (uint32_t i = from; i < out->count; i++) {
        const ph_event *e = &out->ev[i];
        if (onsets ? ph_event_has_onset(e) : e->has_whole) out->ev[w++] = *e;
    }
    out->count = w;
    return q->status;
}

static ph_qstatus onsets_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    return filter_events(self, span, q, out, true);
}

static ph_qstatus discrete_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    return filter_events(self, span, q, out, false);
}

ph_pat *ph_filter_onsets(ph_heap *h, const ph_pat *pat)
{
    ph_pat *p = ph_pat_make(h, onsets_query, &pat, 1, 0);
    if (p) p->steps = pat->steps;
    return p;
}

ph_pat *ph_discrete_only(ph_heap *h, const ph_pat *pat)
{
    ph_pat *p = ph_pat_make(h, discrete_query, &pat, 1, 0);
    if (p) p->steps = pat->steps;
    return p;
}

/* ------------------------------------------------------------- control maps */

static ph_cmap *cmap_new(ph_arena *a, uint32_t n)
{
    ph_cmap *m = ph_arena_alloc(a, sizeof(ph_cmap) + n * sizeof(ph_centry), 16);
    if (m) m->count = n;
    return m;
}

/* The keys of a control: Strudel's multi-controls spread a `bd:3` list over several names
 * (s: [s, n, gain], note: [note, n]); `sound` is an alias of s. */
typedef struct control_keys {
    ph_word key;   /* the control's own key */
    ph_word index; /* where a value's `:index` goes (PH_WORD_NONE: it stays on the value) */
} control_keys;

static bool as_control_map(const void *data, ph_value in, ph_value *out, ph_qctx *q)
{
    const control_keys *k = data;
    if (in.kind == PH_VAL_MAP) {
        *out = in;
        return true;
    }
    bool split = in.index != PH_NO_INDEX && k->index != PH_WORD_NONE;
    ph_cmap *m = cmap_new(q->arena, split ? 2 : 1);
    if (!m) {
        q->status = PH_Q_ARENA_FULL;
        return false;
    }
    m->e[0].key = k->key;
    m->e[0].val = in;
    if (split) {
        /* {s: bd, n: 3}, entries in key id order */
        ph_centry idx = {k->index, ph_val_num((double)in.index)};
        m->e[0].val.index = PH_NO_INDEX;
        if (idx.key < k->key) {
            m->e[1] = m->e[0];
            m->e[0] = idx;
        } else {
            m->e[1] = idx;
        }
    }
    *out = ph_val_map(m);
    return true;
}

ph_pat *ph_as_control(ph_heap *h, ph_word param, const ph_pat *pat)
{
    /* interned here, when building: a query never interns */
    const char *name = ph_word_str(param, NULL);
    control_keys k = {param, PH_WORD_NONE};
    if (!strcmp(name, "sound")) k.key = ph_intern_cstr("s");
    if (!strcmp(name, "s") || !strcmp(name, "sound") || !strcmp(name, "note")) k.index = ph_intern_cstr("n");
    return ph_fmap(h, as_control_map, &k, sizeof k, pat);
}

/* ---------------------------------------------------------------- operators */

typedef bool (*num_op)(double a, double b, double *out);

static bool op_add(double a, double b, double *o) { *o = a + b; return true; }
static bool op_sub(double a, double b, double *o) { *o = a - b; return true; }
static bool op_mul(double a, double b, double *o) { *o = a * b; return true; }
static bool op_div(double a, double b, double *o) { *o = a / b; return true; }
static bool op_mod(double a, double b, double *o) { *o = fmod(fmod(a, b) + b, b); return true; }
static bool op_pow(double a, double b, double *o) { *o = pow(a, b); return true; }

/* A number from a value as Strudel's parseNumeral sees it; maps never. */
static bool numeral(ph_value v, double *x)
{
    if (v.index != PH_NO_INDEX) return false; /* [bd, 3] is not a numeral */
    return ph_value_to_number(v, x);
}

static bool finite_num(double x, ph_value *out)
{
    /* Non-finite results are dropped: the engine never carries NaN or Inf. */
    if (!isfinite(x)) return false;
    *out = ph_val_num(x);
    return true;
}

static bool plain_op(num_op op, ph_value a, ph_value b, ph_value *out)
{
    double x, y, r;
    if (!numeral(a, &x) || !numeral(b, &y)) return false;
    if (!op(x, y, &r)) return false;
    return finite_num(r, out);
}

/* The key a plain value gets when it meets a map ({value: x}, as Strudel). Interned
 * when a heap is made (compile time), so a query never interns. */
static _Atomic ph_word value_word;

void ph_pat_app_init(void)
{
    if (!atomic_load_explicit(&value_word, memory_order_acquire))
        atomic_store_explicit(&value_word, ph_intern_cstr("value"), memory_order_release);
}

static ph_word value_key(void) { return atomic_load_explicit(&value_word, memory_order_acquire); }

/* Strudel's unionWithObj(a, b, op): keys of both, op applied where both have a key;
 * a plain b applies to every entry of a. */
static bool map_op(num_op op, bool set, bool keep, ph_value a, ph_value b, ph_value *out, ph_qctx *q)
{
    ph_centry one_a, one_b;
    const ph_centry *ea, *eb;
    uint32_t na, nb;
    if (a.kind == PH_VAL_MAP) {
        ea = a.u.map->e;
        na = a.u.map->count;
    } else {
        one_a.key = value_key();
        one_a.val = a;
        ea = &one_a;
        na = 1;
    }
    if (b.kind != PH_VAL_MAP && a.kind == PH_VAL_MAP) {
        ph_cmap *m = cmap_new(q->arena, na);
        if (!m) {
            q->status = PH_Q_ARENA_FULL;
            return false;
        }
        for (uint32_t i = 0; i < na; i++) {
            m->e[i].key = ea[i].key;
            if (set) m->e[i].val = b;
            else if (keep) m->e[i].val = ea[i].val;
            else if (!plain_op(op, ea[i].val, b, &m->e[i].val)) return false;
        }
        *out = ph_val_map(m);
        return true;
    }
    if (b.kind == PH_VAL_MAP) {
        eb = b.u.map->e;
        nb = b.u.map->count;
    } else {
        one_b.key = value_key();
        one_b.val = b;
        eb = &one_b;
        nb = 1;
    }
    ph_cmap *m = cmap_new(q->arena, na + nb);
    if (!m) {
        q->status = PH_Q_ARENA_FULL;
        return false;
    }
    uint32_t i = 0, j = 0, k = 0;
    while (i < na || j < nb) {
        if (j >= nb || (i < na && ea[i].key < eb[j].key)) {
            m->e[k++] = ea[i++];
        } else if (i >= na || eb[j].key < ea[i].key) {
            m->e[k++] = eb[j++];
        } else {
            m->e[k].key = ea[i].key;
            if (set) m->e[k].val = eb[j].val;
            else if (keep) m->e[k].val = ea[i].val;
            else if (!plain_op(op, ea[i].val, eb[j].val, &m->e[k].val)) return false;
            k++, i++, j++;
        }
    }
    m->count = k;
    *out = ph_val_map(m);
    return true;
}

static bool compose(num_op op, ph_value a, ph_value b, ph_value *out, ph_qctx *q)
{
    if (a.kind == PH_VAL_MAP || b.kind == PH_VAL_MAP) return map_op(op, false, false, a, b, out, q);
    return plain_op(op, a, b, out);
}

bool ph_op_add(const void *d, ph_value a, ph_value b, ph_value *out, ph_qctx *q) { (void)d; return compose(op_add, a, b, out, q); }
bool ph_op_sub(const void *d, ph_value a, ph_value b, ph_value *out, ph_qctx *q) { (void)d; return compose(op_sub, a, b, out, q); }
bool ph_op_mul(const void *d, ph_value a, ph_value b, ph_value *out, ph_qctx *q) { (void)d; return compose(op_mul, a, b, out, q); }
bool ph_op_div(const void *d, ph_value a, ph_value b, ph_value *out, ph_qctx *q) { (void)d; return compose(op_div, a, b, out, q); }
bool ph_op_mod(const void *d, ph_value a, ph_value b, ph_value *out, ph_qctx *q) { (void)d; return compose(op_mod, a, b, out, q); }
bool ph_op_pow(const void *d, ph_value a, ph_value b, ph_value *out, ph_qctx *q) { (void)d; return compose(op_pow, a, b, out, q); }

bool ph_op_set(const void *d, ph_value a, ph_value b, ph_value *out, ph_qctx *q)
{
    (void)d;
    if (a.kind == PH_VAL_MAP || b.kind == PH_VAL_MAP) return map_op(NULL, true, false, a, b, out, q);
    *out = b;
    return true;
}

bool ph_op_keep(const void *d, ph_value a, ph_value b, ph_value *out, ph_qctx *q)
{
    (void)d;
    if (a.kind == PH_VAL_MAP || b.kind == PH_VAL_MAP) return map_op(NULL, false, true, a, b, out, q);
    *out = a;
    return true;
}
