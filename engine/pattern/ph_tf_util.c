/* Helpers shared by the transforms: query-time parameters, cycles, truthiness, maps. */
#include "pattern/ph_tf_util.h"

#include <math.h>
#include <stdio.h>
#include <stddef.h>
#include <string.h>

/* ------------------------------------------------------------ parameters */

/* One frame of the parameter environment; a query's stack of them lives in its
 * ph_qctx (so queries on different threads never see each other's parameters). */
typedef struct ph_tf_env_entry {
    const ph_tf_key *key;
    uint32_t n;
    ph_value v[PH_TF_PARAMS_MAX];
} env_entry;

ph_tf_key *ph_tf_key_new(ph_heap *h) { return ph_heap_alloc(h, sizeof(ph_tf_key)); }

bool ph_tf_env_push(ph_qctx *q, const ph_tf_key *key, const ph_value *v, uint32_t n)
{
    if (q->env_depth >= PH_TF_ENV_DEPTH || n > PH_TF_PARAMS_MAX) {
        if (q->status == PH_Q_OK) q->status = PH_Q_DEPTH;
        return false;
    }
    if (q->env_depth == q->env_cap) {
        /* Grow by doubling inside the query's arena (most queries need a few frames). */
        uint32_t cap = q->env_cap ? q->env_cap * 2 : 4;
        if (cap > PH_TF_ENV_DEPTH) cap = PH_TF_ENV_DEPTH;
        env_entry *grown = ph_arena_alloc(q->arena, sizeof(env_entry) * cap, _Alignof(env_entry));
        if (!grown) {
            if (q->status == PH_Q_OK) q->status = PH_Q_ARENA_FULL;
            return false;
        }
        if (q->env_depth) memcpy(grown, q->env, sizeof(env_entry) * q->env_depth);
        q->env = grown;
        q->env_cap = cap;
    }
    env_entry *e = &q->env[q->env_depth++];
    e->key = key;
    e->n = n;
    for (uint32_t i = 0; i < n; i++) e->v[i] = v[i];
    return true;
}

void ph_tf_env_pop(ph_qctx *q)
{
    if (q->env_depth > 0) q->env_depth--;
}

const ph_value *ph_tf_env_get(const ph_qctx *q, const ph_tf_key *key)
{
    for (uint32_t i = q->env_depth; i-- > 0;)
        if (q->env[i].key == key) return q->env[i].v;
    return NULL;
}

typedef struct param_data {
    const ph_tf_key *key;
    ph_concrete_fn fn;
    max_align_t extra[]; /* the concrete function's own data */
} param_data;

void *ph_tf_param_extra(const ph_pat *self) { return ((param_data *)self->data)->extra; }

static ph_qstatus param_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    const param_data *d = self->data;
    const ph_value *v = ph_tf_env_get(q, d->key);
    if (!v) return q->status;
    return d->fn(self, v, span, q, out);
}

ph_pat *ph_tf_param_node(ph_heap *h, const ph_tf_key *key, ph_concrete_fn fn,
                         const ph_pat *const *in, uint32_t nin, size_t data_size)
{
    ph_pat *p = ph_pat_make(h, param_query, in, nin, sizeof(param_data) + data_size);
    if (!p) return NULL;
    param_data *d = p->data;
    d->key = key;
    d->fn = fn;
    return p;
}

ph_qstatus ph_tf_query_with(const ph_pat *self, const ph_value *args, uint32_t nargs,
                            const ph_pat *child, ph_span span, ph_qctx *q, ph_events *out)
{
    const ph_tf_keyed *k = self->data;
    if (!ph_tf_env_push(q, k->key, args, nargs)) return q->status;
    ph_qstatus s = ph_pat_query(child, span, q, out);
    ph_tf_env_pop(q);
    return s;
}

bool ph_tf_check_first_cycles(const ph_pat *arg, bool (*ok)(ph_value v, void *ctx), void *ctx)
{
    ph_arena *a = ph_arena_new_growable(1 << 12);
    ph_events ev;
    ph_events_init(&ev);
    bool good = a && ph_query(arg, ph_span_make(ph_rat_int(0), ph_rat_int(8)), a, &ev) == PH_Q_OK;
    for (uint32_t i = 0; good && i < ev.count; i++) good = ok(ev.ev[i].value, ctx);
    if (a) ph_arena_free(a);
    return good;
}

static _Thread_local char tf_error[160];
static _Thread_local char tf_error_taken[160];

void ph_tf_set_error(const char *msg)
{
    if (!tf_error[0]) snprintf(tf_error, sizeof tf_error, "%s", msg);
}

const char *ph_tf_take_error(void)
{
    if (!tf_error[0]) return NULL;
    memcpy(tf_error_taken, tf_error, sizeof tf_error);
    tf_error[0] = 0;
    return tf_error_taken;
}

/* ------------------------------------------------------------ numbers, time */

bool ph_tf_num(ph_value v, double *out) { return ph_value_to_number(v, out); }

bool ph_tf_rat(ph_value v, ph_rat *out)
{
    double x;
    if (!ph_value_to_number(v, &x) || !isfinite(x)) return false;
    ph_rat_clear_overflow();
    *out = ph_rat_of(x);
    return !ph_rat_overflowed();
}

bool ph_tf_truthy(ph_value v)
{
    switch (v.kind) {
    case PH_VAL_NUM:
        return v.u.num != 0 && !isnan(v.u.num);
    case PH_VAL_WORD: {
        size_t len = 0;
        ph_word_str(v.u.word, &len);
        return len > 0;
    }
    case PH_VAL_MAP:
        return true;
    default:
        return false;
    }
}

bool ph_tf_check_count(const ph_pat *n, const char *name)
{
    ph_value v;
    double x;
    int64_t k;
    if (n && ph_pat_is_pure(n, &v) && (!ph_tf_num(v, &x) || !ph_tf_count(x, &k) || k < 1)) {
        char msg[96];
        snprintf(msg, sizeof msg, "%s: the count must be a whole number >= 1", name);
        ph_tf_set_error(msg);
        return false;
    }
    return true;
}

bool ph_tf_count(double x, int64_t *out)
{
    if (!(x >= 0) || x >= 2147483648.0 || x != floor(x)) return false;
    *out = (int64_t)x;
    return true;
}

void ph_tf_cycles_init(ph_tf_cycles *it, ph_span span)
{
    it->span = span;
    it->at = span.begin;
    it->done = false;
}

bool ph_tf_cycles_next(ph_tf_cycles *it, ph_qctx *q, ph_span *piece)
{
    if (it->done || q->status != PH_Q_OK) return false;
    if (ph_rat_eq(it->span.begin, it->span.end)) { /* a point: one piece */
        it->done = true;
        *piece = it->span;
        return true;
    }
    if (!ph_rat_lt(it->at, it->span.end)) return false;
    if (!ph_qwork(q, 1)) return false;
    ph_rat next = ph_rat_add(ph_rat_floor(it->at), ph_rat_int(1));
    piece->begin = it->at;
    if (ph_rat_ge(next, it->span.end)) {
        piece->end = it->span.end;
        it->done = true;
    } else {
        piece->end = next;
        it->at = next;
    }
    return true;
}

void ph_tf_events_compact(ph_events *out, uint32_t from, const bool *keep)
{
    uint32_t w = from;
    for (uint32_t r = from; r < out->count; r++)
        if (keep[r - from]) out->ev[w++] = out->ev[r];
    out->count = w;
}

void ph_tf_split_at_cycles(ph_qctx *q, ph_events *out, uint32_t from)
{
    uint32_t end = out->count;
    for (uint32_t i = from; i < end && q->status == PH_Q_OK; i++) {
        ph_event e = out->ev[i];
        ph_tf_cycles it;
        ph_span piece;
        ph_tf_cycles_init(&it, ph_event_whole_or_part(&e));
        while (ph_tf_cycles_next(&it, q, &piece)) {
            ph_span np;
            if (!ph_span_intersect(e.part, piece, &np)) continue;
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

bool ph_tf_sort_events(ph_qctx *q, ph_events *l, uint32_t from, ph_tf_event_cmp cmp)
{
    uint32_t n = l->count - from;
    if (n < 2) return true;
    ph_event *a = l->ev + from;
    ph_event *tmp = ph_arena_alloc(q->arena, n * sizeof(ph_event), _Alignof(ph_event));
    if (!tmp) {
        if (q->status == PH_Q_OK) q->status = PH_Q_ARENA_FULL;
        return false;
    }
    /* bottom-up merge sort: runs of width w merged from a into tmp, then swapped */
    ph_event *src = a, *dst = tmp;
    for (uint32_t w = 1; w < n; w *= 2) {
        if (!ph_qwork(q, n)) return false;
        for (uint32_t lo = 0; lo < n; lo += 2 * w) {
            uint32_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            uint32_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) dst[k++] = cmp(&src[j], &src[i]) < 0 ? src[j++] : src[i++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        ph_event *t = src;
        src = dst;
        dst = t;
    }
    if (src != a) memcpy(a, src, n * sizeof(ph_event));
    return true;
}

/* ------------------------------------------------------------ control maps */

void ph_tf_words_get(ph_tf_words *w)
{
    w->s = ph_intern_cstr("s");
    w->n = ph_intern_cstr("n");
    w->gain = ph_intern_cstr("gain");
    w->pan = ph_intern_cstr("pan");
    w->speed = ph_intern_cstr("speed");
    w->begin = ph_intern_cstr("begin");
    w->end = ph_intern_cstr("end");
}

bool ph_tf_map_set(ph_qctx *q, const ph_tf_words *words, ph_value v, ph_word key, ph_value val,
                   ph_value *out)
{
    ph_centry base[2];
    const ph_centry *src = base;
    uint32_t n = 0;
    if (v.kind == PH_VAL_MAP) {
        src = v.u.map->e;
        n = v.u.map->count;
    } else if (v.kind == PH_VAL_WORD) {
        base[n].key = words->s;
        base[n].val = ph_val_word(v.u.word);
        n++;
        if (v.index != PH_NO_INDEX) {
            base[n].key = words->n;
            base[n].val = ph_val_num(v.index);
            n++;
        }
    } else if (v.kind == PH_VAL_NUM) {
        base[n].key = words->n;
        base[n].val = ph_val_num(v.u.num);
        n++;
    }
    ph_cmap *m = ph_arena_alloc(q->arena, sizeof(ph_cmap) + (n + 1) * sizeof(ph_centry),
                                _Alignof(ph_cmap));
    if (!m) {
        if (q->status == PH_Q_OK) q->status = PH_Q_ARENA_FULL;
        return false;
    }
    /* entries stay sorted by key id, keys unique */
    uint32_t w = 0, i = 0;
    bool placed = false;
    for (; i < n; i++) {
        if (!placed && src[i].key >= key) {
            m->e[w].key = key;
            m->e[w].val = val;
            w++;
            placed = true;
            if (src[i].key == key) continue;
        }
        m->e[w++] = src[i];
    }
    if (!placed) {
        m->e[w].key = key;
        m->e[w].val = val;
        w++;
    }
    m->count = w;
    *out = ph_val_map(m);
    return true;
}

ph_pat *ph_tf_patterned(ph_heap *h, ph_concrete_fn fn, const ph_pat *const *args, uint32_t narg, const ph_pat *pat,
                        size_t data)
{
    for (uint32_t i = 0; i < narg; i++)
        if (!args[i]) return NULL;
    if (!pat) return NULL;
    ph_pat *p = ph_patternify(h, fn, args, narg, &pat, 1, data);
    if (p) p->steps = pat->steps;
    return p;
}

double ph_tf_map_num(ph_value map, ph_word key, double dflt)
{
    ph_value v;
    double x;
    return ph_cmap_get(map, key, &v) && ph_tf_num(v, &x) ? x : dflt;
}

int ph_tf_by_whole(const ph_event *a, const ph_event *b)
{
    if (a->has_whole != b->has_whole) return a->has_whole ? 1 : -1;
    if (!a->has_whole) return 0;
    int c = ph_rat_cmp(a->whole.begin, b->whole.begin);
    return c ? c : ph_rat_cmp(a->whole.end, b->whole.end);
}
