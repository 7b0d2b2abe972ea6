/* The pattern core: queries, node construction, patternify (patterned arguments),
 * and the elementary patterns: silence, pure, stack, slowcat, fastcat, timecat, and
 * the time transforms fast/slow/early/late, fastGap and repeatCycles. Semantics follow
 * Strudel's pattern.mjs, operation for operation, so that wholes and parts (including
 * how events are fragmented at cycle boundaries) come out identical. */
#include "pattern/ph_pat_internal.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ queries */

const char *ph_qstatus_str(ph_qstatus s)
{
    switch (s) {
    case PH_Q_OK: return "ok";
    case PH_Q_ARENA_FULL: return "query arena full (events dropped)";
    case PH_Q_OVERFLOW: return "rational overflow in query";
    case PH_Q_DEPTH: return "pattern too deep";
    case PH_Q_LIMIT: return "query work limit reached";
    }
    return "?";
}

ph_event *ph_qpush(ph_qctx *q, ph_events *out)
{
    if (q->status) return NULL;
    if (++q->work > q->max_work) {
        q->status = PH_Q_LIMIT;
        return NULL;
    }
    ph_event *e = ph_events_push(out, q->arena);
    if (!e) {
        q->status = PH_Q_ARENA_FULL;
        return NULL;
    }
    e->n_locs = 0;
    e->locs = NULL;
    return e;
}

bool ph_qwork(ph_qctx *q, uint64_t n)
{
    if (q->status) return false;
    q->work += n;
    if (q->work > q->max_work) {
        q->status = PH_Q_LIMIT;
        return false;
    }
    return true;
}

ph_qstatus ph_pat_query(const ph_pat *child, ph_span span, ph_qctx *q, ph_events *out)
{
    if (q->status) return q->status;
    if (q->depth >= 2 * PH_PAT_MAX_DEPTH) return q->status = PH_Q_DEPTH;
    q->depth++;
    child->query(child, span, q, out);
    q->depth--;
    if (!q->status && ph_rat_overflowed()) q->status = PH_Q_OVERFLOW;
    return q->status;
}

static ph_qstatus query_run(const ph_pat *pat, ph_span span, ph_arena *arena, ph_events *out, uint64_t max_work,
                            bool want_locs)
{
    ph_qctx q = {.arena = arena, .status = PH_Q_OK, .max_work = max_work, .want_locs = want_locs};
    ph_rat_clear_overflow();
    if (!pat) return PH_Q_OK;
    return ph_pat_query(pat, span, &q, out);
}

ph_qstatus ph_query_limited(const ph_pat *pat, ph_span span, ph_arena *arena, ph_events *out,
                            uint64_t max_work)
{
    return query_run(pat, span, arena, out, max_work, false);
}

ph_qstatus ph_query_locs(const ph_pat *pat, ph_span span, ph_arena *arena, ph_events *out)
{
    return query_run(pat, span, arena, out, PH_QUERY_MAX_WORK, true);
}

ph_qstatus ph_query(const ph_pat *pat, ph_span span, ph_arena *arena, ph_events *out)
{
    return ph_query_limited(pat, span, arena, out, PH_QUERY_MAX_WORK);
}

ph_qstatus ph_query_split_cycles(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out,
                                 ph_query_fn fn)
{
    /* TimeSpan.spanCycles: a zero-width span is kept as it is. */
    if (ph_rat_eq(span.begin, span.end)) return fn(self, span, q, out);
    ph_rat b = span.begin;
    while (ph_rat_lt(b, span.end) && !q->status) {
        if (!ph_qwork(q, 1)) break;
        ph_rat next = ph_rat_add(ph_rat_floor(b), ph_rat_int(1));
        ph_rat e = ph_rat_min(next, span.end);
        fn(self, ph_span_make(b, e), q, out);
        b = e;
        if (ph_rat_overflowed()) {
            q->status = PH_Q_OVERFLOW;
            break;
        }
    }
    return q->status;
}

bool ph_span_intersect(ph_span a, ph_span b, ph_span *out)
{
    ph_rat ib = ph_rat_max(a.begin, b.begin), ie = ph_rat_min(a.end, b.end);
    int c = ph_rat_cmp(ib, ie);
    if (c > 0) return false;
    if (c == 0) {
        if (ph_rat_eq(ib, a.end) && ph_rat_lt(a.begin, a.end)) return false;
        if (ph_rat_eq(ib, b.end) && ph_rat_lt(b.begin, b.end)) return false;
    }
    out->begin = ib;
    out->end = ie;
    return true;
}

bool ph_event_has_onset(const ph_event *e) { return e->has_whole && ph_rat_eq(e->whole.begin, e->part.begin); }

void ph_events_affine(ph_events *out, uint32_t from, ph_rat mul, ph_rat add)
{
    for (uint32_t i = from; i < out->count; i++) {
        ph_event *e = &out->ev[i];
        e->part.begin = ph_rat_add(ph_rat_mul(e->part.begin, mul), add);
        e->part.end = ph_rat_add(ph_rat_mul(e->part.end, mul), add);
        if (e->has_whole) {
            e->whole.begin = ph_rat_add(ph_rat_mul(e->whole.begin, mul), add);
            e->whole.end = ph_rat_add(ph_rat_mul(e->whole.end, mul), add);
        }
    }
}

void ph_events_shift(ph_events *out, uint32_t from, ph_rat delta)
{
    if (ph_rat_is_zero(delta)) return;
    for (uint32_t i = from; i < out->count; i++) {
        ph_event *e = &out->ev[i];
        e->part.begin = ph_rat_add(e->part.begin, delta);
        e->part.end = ph_rat_add(e->part.end, delta);
        if (e->has_whole) {
            e->whole.begin = ph_rat_add(e->whole.begin, delta);
            e->whole.end = ph_rat_add(e->whole.end, delta);
        }
    }
}

static int event_cmp(const void *pa, const void *pb)
{
    const ph_event *a = pa, *b = pb;
    int c = ph_rat_cmp(a->part.begin, b->part.begin);
    if (c) return c;
    if (a->has_whole != b->has_whole) return a->has_whole ? 1 : -1;
    if (a->has_whole) {
        c = ph_rat_cmp(a->whole.begin, b->whole.begin);
        if (c) return c;
    }
    c = ph_value_cmp(a->value, b->value);
    if (c) return c;
    c = ph_rat_cmp(a->part.end, b->part.end);
    if (c) return c;
    if (a->has_whole) return ph_rat_cmp(a->whole.end, b->whole.end);
    return 0;
}

/* In place and without allocation (qsort may malloc), so the render thread may sort:
 * insertion sort for the short lists of a block, heapsort beyond. */
static void sift_down(ph_event *ev, uint32_t root, uint32_t n)
{
    for (;;) {
        uint32_t child = 2 * root + 1;
        if (child >= n) return;
        if (child + 1 < n && event_cmp(&ev[child], &ev[child + 1]) < 0) child++;
        if (event_cmp(&ev[root], &ev[child]) >= 0) return;
        ph_event t = ev[root];
        ev[root] = ev[child];
        ev[child] = t;
        root = child;
    }
}

void ph_events_sort(ph_events *l)
{
    ph_event *ev = l->ev;
    uint32_t n = l->count;
    if (n < 2) return;
    if (n <= 32) {
        for (uint32_t i = 1; i < n; i++) {
            ph_event t = ev[i];
            uint32_t j = i;
            while (j > 0 && event_cmp(&ev[j - 1], &t) > 0) {
                ev[j] = ev[j - 1];
                j--;
            }
            ev[j] = t;
        }
        return;
    }
    for (uint32_t i = n / 2; i-- > 0;) sift_down(ev, i, n);
    for (uint32_t end = n - 1; end > 0; end--) {
        ph_event t = ev[0];
        ev[0] = ev[end];
        ev[end] = t;
        sift_down(ev, 0, end);
    }
}

/* ------------------------------------------------------------------ nodes */

ph_pat *ph_pat_make(ph_heap *h, ph_query_fn query, const ph_pat *const *in, uint32_t nin, size_t data_size)
{
    if (!h || ph_heap_error(h)) return NULL;
    uint32_t depth = 0;
    for (uint32_t i = 0; i < nin; i++) {
        if (!in[i]) {
            ph_heap_set_error(h, "missing pattern input");
            return NULL;
        }
        if (in[i]->depth > depth) depth = in[i]->depth;
    }
    if (depth + 1 > PH_PAT_MAX_DEPTH) {
        ph_heap_set_error(h, "pattern nested too deeply");
        return NULL;
    }
    ph_pat *p = ph_heap_alloc(h, sizeof *p);
    if (!p) return NULL;
    p->query = query;
    p->depth = depth + 1;
    p->value = ph_val_none();
    p->steps = ph_rat_int(0);
    if (nin) {
        const ph_pat **copy = ph_heap_alloc(h, nin * sizeof *copy);
        if (!copy) return NULL;
        memcpy(copy, in, nin * sizeof *copy);
        p->in = copy;
        p->nin = nin;
    }
    if (data_size) {
        p->data = ph_heap_alloc(h, data_size);
        if (!p->data) return NULL;
    }
    return p;
}

bool ph_pat_is_pure(const ph_pat *p, ph_value *out)
{
    if (!p || !(p->flags & PH_PAT_PURE)) return false;
    if (out) *out = p->value;
    return true;
}

/* --------------------------------------------------------------- patternify */

#define MAX_ARGS 8

typedef struct join_state {
    const ph_pat *self;
    ph_value vals[MAX_ARGS];
} join_state;

/* Strudel's innerJoin puts the outer event's locations first: the arguments' (combined
 * below), then those of each event the concrete operation made. */
static void prepend_locs(ph_qctx *q, ph_events *out, uint32_t from, const ph_loc *al, uint32_t an)
{
    for (uint32_t i = from; i < out->count && !q->status; i++) {
        ph_event *e = &out->ev[i];
        ph_qlocs_cat(q, e, al, an, e->locs, e->n_locs);
    }
}

/* Combines argument k with the combined event (part, whole, locations al[0..an)) of
 * arguments 0..k-1 as appLeft does, then runs the concrete operation over the final part
 * (innerJoin). */
static void join_args(join_state *js, uint32_t k, ph_span part, bool has_whole, ph_span whole, const ph_loc *al,
                      uint32_t an, ph_qctx *q, ph_events *out)
{
    const ph_pat *self = js->self;
    if (q->status) return;
    if (k == self->narg) {
        uint32_t from = out->count;
        self->concrete(self, js->vals, part, q, out);
        if (an) prepend_locs(q, out, from, al, an);
        return;
    }
    ph_events tmp;
    ph_events_init(&tmp);
    ph_span over = k == 0 ? part : (has_whole ? whole : part);
    if (ph_pat_query(self->arg[k], over, q, &tmp)) return;
    for (uint32_t i = 0; i < tmp.count && !q->status; i++) {
        const ph_event a = tmp.ev[i];
        ph_span np;
        bool nh;
        ph_span nw;
        if (k == 0) {
            np = a.part;
            nh = a.has_whole;
            nw = a.whole;
        } else {
            if (!ph_span_intersect(part, a.part, &np)) continue;
            nh = has_whole;
            nw = whole;
        }
        js->vals[k] = a.value;
        /* appLeft: the value's (argument k's) locations, then the function's (0..k-1) */
        const ph_loc *nl = a.locs;
        uint32_t nn = a.n_locs;
        if (k > 0 && q->want_locs) {
            ph_event cat = {.n_locs = 0};
            if (!ph_qlocs_cat(q, &cat, a.locs, a.n_locs, al, an)) return;
            nl = cat.locs;
            nn = cat.n_locs;
        }
        join_args(js, k + 1, np, nh, nw, nl, nn, q, out);
    }
}

/* The __pure shortcut: Strudel adds each pure argument's __pure_loc after the locations
 * of every event of the result. */
static void append_pure_locs(const ph_pat *self, ph_qctx *q, ph_events *out, uint32_t from)
{
    ph_loc all[MAX_ARGS];
    uint32_t n = 0;
    for (uint32_t i = 0; i < self->narg; i++)
        if (self->arg[i]->n_locs == 1) all[n++] = self->arg[i]->locs[0];
    if (!n) return;
    for (uint32_t i = from; i < out->count && !q->status; i++) {
        ph_event *e = &out->ev[i];
        ph_qlocs_cat(q, e, e->locs, e->n_locs, all, n);
    }
}

static ph_qstatus patternify_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    join_state js;
    js.self = self;
    if (self->flags & PH_PAT_ARGS_PURE) {
        for (uint32_t i = 0; i < self->narg; i++) js.vals[i] = self->arg[i]->value;
        uint32_t from = out->count;
        self->concrete(self, js.vals, span, q, out);
        if (q->want_locs) append_pure_locs(self, q, out, from);
        return q->status;
    }
    join_args(&js, 0, span, false, span, NULL, 0, q, out);
    return q->status;
}

ph_pat *ph_patternify(ph_heap *h, ph_concrete_fn fn, const ph_pat *const *args, uint32_t narg,
                      const ph_pat *const *in, uint32_t nin, size_t data_size)
{
    if (!h || ph_heap_error(h)) return NULL;
    if (narg > MAX_ARGS) {
        ph_heap_set_error(h, "too many patterned arguments");
        return NULL;
    }
    const ph_pat *all[MAX_ARGS + 16];
    if (nin > 16) {
        ph_heap_set_error(h, "too many pattern inputs");
        return NULL;
    }
    for (uint32_t i = 0; i < narg; i++) all[i] = args[i];
    for (uint32_t i = 0; i < nin; i++) all[narg + i] = in[i];
    /* The inputs array holds the arguments first, then the patterns; in/arg point into it. */
    ph_pat *p = ph_pat_make(h, patternify_query, all, narg + nin, data_size);
    if (!p) return NULL;
    p->arg = p->in;
    p->narg = narg;
    p->in = p->in + narg;
    p->nin = nin;
    p->concrete = fn;
    bool pure = true;
    for (uint32_t i = 0; i < narg; i++)
        if (!(args[i]->flags & PH_PAT_PURE)) pure = false;
    if (pure) p->flags |= PH_PAT_ARGS_PURE;
    return p;
}

/* ------------------------------------------------------------ silence, pure */

static ph_qstatus silence_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    (void)self, (void)span, (void)out;
    return q->status;
}

ph_pat *ph_silence(ph_heap *h)
{
    ph_pat *p = ph_pat_make(h, silence_query, NULL, 0, 0);
    if (p) {
        p->flags |= PH_PAT_SILENCE;
        p->steps = ph_rat_int(1);
    }
    return p;
}

ph_qstatus ph_pure_value_query(const void *value, ph_span span, ph_qctx *q, ph_events *out)
{
    /* one event per cycle the span touches, whole = that cycle (a zero-width span is one
     * piece, as TimeSpan.spanCycles keeps it) */
    ph_rat b = span.begin;
    bool zero = ph_rat_eq(span.begin, span.end);
    while ((zero || ph_rat_lt(b, span.end)) && !q->status) {
        if (!zero && !ph_qwork(q, 1)) break;
        ph_rat sam = ph_rat_floor(b), next = ph_rat_add(sam, ph_rat_int(1));
        ph_rat e = zero ? span.end : ph_rat_min(next, span.end);
        ph_event *ev = ph_qpush(q, out);
        if (!ev) break;
        ev->whole = ph_span_make(sam, next);
        ev->part = ph_span_make(b, e);
        ev->has_whole = true;
        ev->value = *(const ph_value *)value;
        if (zero) break;
        b = e;
        if (ph_rat_overflowed()) {
            q->status = PH_Q_OVERFLOW;
            break;
        }
    }
    return q->status;
}

static ph_qstatus pure_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    uint32_t from = out->count;
    ph_pure_value_query(&self->value, span, q, out);
    if (q->want_locs)
        for (uint32_t i = from; i < out->count; i++) {
            out->ev[i].locs = self->locs;
            out->ev[i].n_locs = self->n_locs;
        }
    return q->status;
}

bool ph_pat_set_locs(ph_heap *h, ph_pat *p, const ph_loc *locs, uint32_t n)
{
    if (!p || p->query != pure_query) {
        if (h) ph_heap_set_error(h, "only a pure pattern takes source locations");
        return false;
    }
    if (n > PH_EVENT_MAX_LOCS) n = PH_EVENT_MAX_LOCS;
    ph_loc *copy = n ? ph_heap_alloc(h, n * sizeof *copy) : NULL;
    if (n && !copy) return false;
    if (n) memcpy(copy, locs, n * sizeof *copy);
    p->locs = copy;
    p->n_locs = n;
    return true;
}

ph_pat *ph_pure_unflagged(ph_heap *h, ph_value v)
{
    ph_pat *p = ph_pat_make(h, pure_query, NULL, 0, 0);
    if (p) {
        p->value = v;
        p->steps = ph_rat_int(1);
    }
    return p;
}

ph_pat *ph_pure(ph_heap *h, ph_value v)
{
    ph_pat *p = ph_pure_unflagged(h, v);
    if (p) p->flags |= PH_PAT_PURE;
    return p;
}

ph_pat *ph_pure_num(ph_heap *h, double x) { return ph_pure(h, ph_val_num(x)); }
ph_pat *ph_pure_rat(ph_heap *h, ph_rat r) { return ph_pure(h, ph_val_num(ph_rat_to_double(r))); }

/* -------------------------------------------------------------------- stack */

static ph_qstatus stack_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    for (uint32_t i = 0; i < self->nin && !q->status; i++) ph_pat_query(self->in[i], span, q, out);
    return q->status;
}

ph_pat *ph_stack(ph_heap *h, const ph_pat *const *pats, uint32_t n)
{
    if (n == 0) return ph_silence(h);
    return ph_pat_make(h, stack_query, pats, n, 0);
}

/* ------------------------------------------------------------------ slowcat */

static ph_qstatus slowcat_piece(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    /* Cycle c plays input c mod n, shifted so that input i sees its own cycles in
     * order (the fourth cycle of a 3-slowcat is the second cycle of input 0). */
    int64_t n = self->nin;
    ph_rat sam = ph_rat_floor(span.begin);
    int64_t c = sam.n;
    int64_t idx = ((c % n) + n) % n;
    ph_rat offset = ph_rat_sub(sam, ph_rat_floor(ph_rat_div(span.begin, ph_rat_int(n))));
    uint32_t from = out->count;
    ph_pat_query(self->in[idx], ph_span_make(ph_rat_sub(span.begin, offset), ph_rat_sub(span.end, offset)), q, out);
    ph_events_shift(out, from, offset);
    return q->status;
}

static ph_qstatus slowcat_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    return ph_query_split_cycles(self, span, q, out, slowcat_piece);
}

ph_pat *ph_slowcat(ph_heap *h, const ph_pat *const *pats, uint32_t n)
{
    if (n == 0) return ph_silence(h);
    if (n == 1) return (ph_pat *)pats[0];
    return ph_pat_make(h, slowcat_query, pats, n, 0);
}

ph_pat *ph_fastcat(ph_heap *h, const ph_pat *const *pats, uint32_t n)
{
    if (n == 0) return ph_silence(h);
    ph_pat *s = ph_slowcat(h, pats, n);
    if (n == 1) return s;
    ph_pat *p = ph_fast_rat(h, ph_rat_int(n), s);
    if (p) p->steps = ph_rat_int(n);
    return p;
}

/* ------------------------------------------------------------ fast / early */

ph_qstatus ph_query_fast(const ph_pat *pat, ph_rat factor, ph_span span, ph_qctx *q, ph_events *out)
{
    return ph_query_affine(pat, factor, ph_rat_int(0), span, q, out);
}

ph_qstatus ph_query_early(const ph_pat *pat, ph_rat offset, ph_span span, ph_qctx *q, ph_events *out)
{
    return ph_query_affine(pat, ph_rat_int(1), offset, span, q, out);
}

typedef struct rat_data {
    ph_rat r;
} rat_data;

static ph_qstatus fast_rat_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    return ph_query_fast(self->in[0], ((const rat_data *)self->data)->r, span, q, out);
}

static ph_qstatus early_rat_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    return ph_query_early(self->in[0], ((const rat_data *)self->data)->r, span, q, out);
}

static ph_pat *rat_node(ph_heap *h, ph_query_fn fn, ph_rat r, const ph_pat *pat)
{
    ph_pat *p = ph_pat_make(h, fn, &pat, 1, sizeof(rat_data));
    if (p) {
        ((rat_data *)p->data)->r = r;
        p->steps = pat->steps;
    }
    return p;
}

ph_pat *ph_fast_rat(ph_heap *h, ph_rat factor, const ph_pat *pat)
{
    if (!pat) return NULL;
    if (ph_rat_is_zero(factor)) return ph_silence(h);
    if (ph_rat_eq(factor, ph_rat_int(1))) return (ph_pat *)pat;
    return rat_node(h, fast_rat_query, factor, pat);
}

ph_pat *ph_slow_rat(ph_heap *h, ph_rat factor, const ph_pat *pat)
{
    if (ph_rat_is_zero(factor)) return ph_silence(h);
    ph_rat_clear_overflow();
    ph_rat f = ph_rat_div(ph_rat_int(1), factor);
    return ph_fast_rat(h, f, pat);
}

ph_pat *ph_early_rat(ph_heap *h, ph_rat offset, const ph_pat *pat)
{
    if (!pat) return NULL;
    if (ph_rat_is_zero(offset)) return (ph_pat *)pat;
    return rat_node(h, early_rat_query, offset, pat);
}

ph_pat *ph_late_rat(ph_heap *h, ph_rat offset, const ph_pat *pat) { return ph_early_rat(h, ph_rat_neg(offset), pat); }

/* Patterned versions: the argument's values are numbers (or numeric words). */

static bool arg_rat(ph_value v, ph_rat *out)
{
    double x;
    if (!ph_value_to_number(v, &x)) return false;
    ph_rat_clear_overflow();
    *out = ph_rat_of(x);
    return !ph_rat_overflowed();
}

static ph_qstatus fast_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q, ph_events *out)
{
    ph_rat f;
    if (!arg_rat(args[0], &f)) return q->status;
    return ph_query_fast(self->in[0], f, span, q, out);
}

static ph_qstatus slow_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q, ph_events *out)
{
    ph_rat f;
    if (!arg_rat(args[0], &f) || ph_rat_is_zero(f)) return q->status;
    return ph_query_fast(self->in[0], ph_rat_div(ph_rat_int(1), f), span, q, out);
}

static ph_qstatus early_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q, ph_events *out)
{
    ph_rat o;
    if (!arg_rat(args[0], &o)) return q->status;
    return ph_query_early(self->in[0], o, span, q, out);
}

static ph_qstatus late_concrete(const ph_pat *self, const ph_value *args, ph_span span, ph_qctx *q, ph_events *out)
{
    ph_rat o;
    if (!arg_rat(args[0], &o)) return q->status;
    return ph_query_early(self->in[0], ph_rat_neg(o), span, q, out);
}

static ph_pat *patterned1(ph_heap *h, ph_concrete_fn fn, const ph_pat *arg, const ph_pat *pat)
{
    if (!arg || !pat) {
        if (h) ph_heap_set_error(h, "missing pattern input");
        return NULL;
    }
    ph_pat *p = ph_patternify(h, fn, &arg, 1, &pat, 1, 0);
    if (p) p->steps = pat->steps;
    return p;
}

ph_pat *ph_fast(ph_heap *h, const ph_pat *factor, const ph_pat *pat)
{
    ph_value v;
    ph_rat r;
    if (ph_pat_is_pure(factor, &v) && pat) return arg_rat(v, &r) ? ph_add_pure_locs(h, ph_fast_rat(h, r, pat), factor) : ph_silence(h);
    return patterned1(h, fast_concrete, factor, pat);
}

ph_pat *ph_slow(ph_heap *h, const ph_pat *factor, const ph_pat *pat)
{
    ph_value v;
    ph_rat r;
    if (ph_pat_is_pure(factor, &v) && pat) return arg_rat(v, &r) ? ph_add_pure_locs(h, ph_slow_rat(h, r, pat), factor) : ph_silence(h);
    return patterned1(h, slow_concrete, factor, pat);
}

ph_pat *ph_early(ph_heap *h, const ph_pat *offset, const ph_pat *pat)
{
    ph_value v;
    ph_rat r;
    if (ph_pat_is_pure(offset, &v) && pat) return arg_rat(v, &r) ? ph_add_pure_locs(h, ph_early_rat(h, r, pat), offset) : ph_silence(h);
    return patterned1(h, early_concrete, offset, pat);
}

ph_pat *ph_late(ph_heap *h, const ph_pat *offset, const ph_pat *pat)
{
    ph_value v;
    ph_rat r;
    if (ph_pat_is_pure(offset, &v) && pat) return arg_rat(v, &r) ? ph_add_pure_locs(h, ph_late_rat(h, r, pat), offset) : ph_silence(h);
    return patterned1(h, late_concrete, offset, pat);
}

/* ------------------------------------------------------------------ fastGap */

static ph_qstatus fast_gap_piece(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    ph_rat f = ((const rat_data *)self->data)->r;
    ph_rat one = ph_rat_int(1);
    ph_rat cycle = ph_rat_floor(span.begin);
    ph_rat bpos = ph_rat_min(ph_rat_mul(ph_rat_sub(span.begin, cycle), f), one);
    ph_rat epos = ph_rat_min(ph_rat_mul(ph_rat_sub(span.end, cycle), f), one);
    if (ph_rat_ge(bpos, one)) return q->status;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], ph_span_make(ph_rat_add(cycle, bpos), ph_rat_add(cycle, epos)), q, out))
        return q->status;
    for (uint32_t i = from; i < out->count; i++) {
        ph_event *e = &out->ev[i];
        ph_rat b = e->part.begin, en = e->part.end;
        ph_rat c = ph_rat_floor(b);
        ph_rat bp = ph_rat_min(ph_rat_div(ph_rat_sub(b, c), f), one);
        ph_rat ep = ph_rat_min(ph_rat_div(ph_rat_sub(en, c), f), one);
        ph_span np = ph_span_make(ph_rat_add(c, bp), ph_rat_add(c, ep));
        if (e->has_whole) {
            e->whole = ph_span_make(ph_rat_sub(np.begin, ph_rat_div(ph_rat_sub(b, e->whole.begin), f)),
                                    ph_rat_add(np.end, ph_rat_div(ph_rat_sub(e->whole.end, en), f)));
        }
        e->part = np;
    }
    return q->status;
}

static ph_qstatus fast_gap_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    return ph_query_split_cycles(self, span, q, out, fast_gap_piece);
}

ph_qstatus ph_query_fast_gap(const ph_pat *pat, ph_rat factor, ph_span span, ph_qctx *q, ph_events *out)
{
    if (!ph_rat_gt(factor, ph_rat_int(0))) return q->status;
    /* a view of pat with the factor for fast_gap_piece, on the stack: no node is made */
    ph_pat view;
    memset(&view, 0, sizeof view);
    rat_data rd = {factor};
    view.in = &pat;
    view.nin = 1;
    view.data = &rd;
    return ph_query_split_cycles(&view, span, q, out, fast_gap_piece);
}

ph_pat *ph_fast_gap_rat(ph_heap *h, ph_rat factor, const ph_pat *pat)
{
    if (!pat) return NULL;
    if (ph_rat_le(factor, ph_rat_int(0))) return ph_silence(h);
    return rat_node(h, fast_gap_query, factor, pat);
}

/* ------------------------------------------------------------------ timecat */

typedef struct timecat_data {
    ph_rat *b, *e, *f; /* window [b, e) of each input in the cycle; f = 1 / (e - b) */
} timecat_data;

static ph_qstatus timecat_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    /* stack of compress(b, e): late(b) of fastGap(1 / (e - b)) of each input. */
    const timecat_data *d = self->data;
    uint32_t first = 0, last = self->nin;
    /* A query inside one cycle (the usual block) only reaches the inputs whose windows
     * [b, e) meet it: the others' fastGap pieces all start past their window, so the
     * literal algorithm would query nothing for them. Find that range by bisection. */
    ph_rat c = ph_rat_floor(span.begin);
    if (ph_rat_le(span.end, ph_rat_add(c, ph_rat_int(1))) && ph_rat_le(span.begin, span.end)) {
        ph_rat ps = ph_rat_sub(span.begin, c), pe = ph_rat_sub(span.end, c);
        bool point = ph_rat_eq(ps, pe);
        uint32_t lo = 0, hi = self->nin; /* first input with e > ps */
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            if (ph_rat_gt(d->e[mid], ps)) hi = mid;
            else lo = mid + 1;
        }
        first = lo;
        last = first;
        while (last < self->nin && (point ? ph_rat_le(d->b[last], ps) : ph_rat_lt(d->b[last], pe))) last++;
    }
    for (uint32_t i = first; i < last && !q->status; i++) {
        ph_span s = ph_span_make(ph_rat_sub(span.begin, d->b[i]), ph_rat_sub(span.end, d->b[i]));
        uint32_t from = out->count;
        ph_query_fast_gap(self->in[i], d->f[i], s, q, out);
        ph_events_shift(out, from, d->b[i]);
    }
    return q->status;
}

ph_pat *ph_timecat(ph_heap *h, const ph_pat *const *pats, const ph_rat *weights, uint32_t n)
{
    if (!h || ph_heap_error(h)) return NULL;
    if (n == 0) return ph_silence(h);
    ph_rat_clear_overflow();
    ph_rat total = ph_rat_int(0);
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (ph_rat_lt(weights[i], ph_rat_int(0))) {
            ph_heap_set_error(h, "negative weight");
            return NULL;
        }
        total = ph_rat_add(total, weights[i]);
        if (!ph_rat_is_zero(weights[i])) kept++;
    }
    if (n == 1) return (ph_pat *)pats[0];
    if (kept == 0 || ph_rat_overflowed()) {
        if (ph_rat_overflowed()) ph_heap_set_error(h, "weights too large");
        return ph_rat_overflowed() ? NULL : ph_silence(h);
    }
    const ph_pat **in = ph_heap_alloc(h, kept * sizeof *in);
    timecat_data d;
    d.b = ph_heap_alloc(h, kept * sizeof(ph_rat));
    d.e = ph_heap_alloc(h, kept * sizeof(ph_rat));
    d.f = ph_heap_alloc(h, kept * sizeof(ph_rat));
    if (!in || !d.b || !d.e || !d.f) return NULL;
    ph_rat begin = ph_rat_int(0);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (ph_rat_is_zero(weights[i])) continue;
        ph_rat end = ph_rat_add(begin, weights[i]);
        in[k] = pats[i];
        d.b[k] = ph_rat_div(begin, total);
        d.e[k] = ph_rat_div(end, total);
        d.f[k] = ph_rat_div(ph_rat_int(1), ph_rat_sub(d.e[k], d.b[k]));
        begin = end;
        k++;
    }
    if (ph_rat_overflowed()) {
        ph_heap_set_error(h, "weights too large");
        return NULL;
    }
    ph_pat *p = ph_pat_make(h, timecat_query, in, kept, sizeof d);
    if (!p) return NULL;
    memcpy(p->data, &d, sizeof d);
    p->steps = total;
    return p;
}

/* ------------------------------------------------------------- repeatCycles */

static ph_qstatus repeat_piece(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    ph_rat n = ((const rat_data *)self->data)->r;
    ph_rat cycle = ph_rat_floor(span.begin);
    ph_rat source = ph_rat_floor(ph_rat_div(cycle, n));
    ph_rat delta = ph_rat_sub(cycle, source);
    uint32_t from = out->count;
    ph_pat_query(self->in[0], ph_span_make(ph_rat_sub(span.begin, delta), ph_rat_sub(span.end, delta)), q, out);
    ph_events_shift(out, from, delta);
    return q->status;
}

static ph_qstatus repeat_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    return ph_query_split_cycles(self, span, q, out, repeat_piece);
}

ph_pat *ph_repeat_cycles_rat(ph_heap *h, ph_rat n, const ph_pat *pat)
{
    if (!pat) return NULL;
    if (ph_rat_le(n, ph_rat_int(0))) {
        ph_heap_set_error(h, "repeatCycles needs a positive count");
        return NULL;
    }
    return rat_node(h, repeat_query, n, pat);
}

ph_pat *ph_replicate_rat(ph_heap *h, ph_rat n, const ph_pat *pat)
{
    if (!pat) return NULL;
    if (ph_rat_is_zero(n)) return ph_silence(h);
    ph_pat *r = ph_repeat_cycles_rat(h, n, pat);
    return r ? ph_fast_rat(h, n, r) : NULL;
}
