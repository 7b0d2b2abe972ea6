/* Mini-notation syntax tree -> pattern, as Strudel's patternifyAST (packages/mini/
 * mini.mjs): a sequence is a timeCat of its elements by weight; `< >` slows each
 * sequence by its weight; `{ }` speeds each to the steps per cycle; an element's
 * operators apply in order (stretch, replicate = repeatCycles + fast, euclid, degradeBy
 * with rand shifted by seed * 0.0003, tail `:`, range `..`). */
#include "pattern/ph_mini_ast.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

typedef struct builder {
    ph_heap *h;
    ph_mini_error *err;
    bool failed;
    const char *src; /* the string, so an atom's place is its text's offset in it */
    uint32_t base;   /* where src starts in the program text */
} builder;

/* Where a step's characters are in the program text. */
static ph_loc loc_of(const builder *b, const char *text, size_t len)
{
    uint32_t begin = b->base + (uint32_t)(text - b->src);
    return (ph_loc){begin, begin + (uint32_t)len};
}

static void bfail(builder *b, int col, const char *msg)
{
    if (b->failed) return;
    b->failed = true;
    if (b->err) {
        b->err->column = col;
        snprintf(b->err->message, sizeof b->err->message, "%s", msg);
    }
}

static ph_pat *checked(builder *b, ph_pat *p, int col)
{
    if (!p) bfail(b, col, ph_heap_error(b->h) ? ph_heap_error(b->h) : "could not build the pattern");
    return p;
}

/* Strudel's pure(v).withLoc(..) keeps the __pure shortcut only for truthy values. Its
 * events carry the atom's locations. */
static ph_pat *pure_js(builder *b, ph_value v, int col, const ph_loc *locs, uint32_t n)
{
    bool truthy = !(v.kind == PH_VAL_NUM && v.u.num == 0);
    ph_pat *p = checked(b, truthy ? ph_pure(b->h, v) : ph_pure_unflagged(b->h, v), col);
    if (p && !ph_pat_set_locs(b->h, p, locs, n)) return checked(b, NULL, col);
    return p;
}

static ph_pat *unflag(builder *b, ph_pat *p, int col)
{
    ph_value v;
    if (!p || !ph_pat_is_pure(p, &v)) return p;
    ph_pat *u = checked(b, ph_pure_unflagged(b->h, v), col);
    if (u && !ph_pat_set_locs(b->h, u, p->locs, p->n_locs)) return checked(b, NULL, col); /* same atom */
    return u;
}

static bool atom_value(const mnode *n, ph_value *v, bool *silence)
{
    *silence = false;
    if (n->text_len == 1 && (n->text[0] == '~' || n->text[0] == '-')) {
        *silence = true;
        return true;
    }
    double x;
    if (ph_parse_js_number(n->text, n->text_len, &x)) {
        *v = ph_val_num(x == 0 ? 0 : x);
        return true;
    }
    ph_word w = ph_intern(n->text, n->text_len);
    if (!w) return false;
    *v = ph_val_word(w);
    return true;
}

/* ------------------------------------------------------------------- chords */

typedef struct chord_def {
    const char *name;
    int8_t notes[PH_CHORD_MAX_NOTES];
    int n;
} chord_def;

/* Tidal's Sound.Tidal.Chords (a selection with its names and aliases). */
static const chord_def chords[] = {
    {"major", {0, 4, 7}, 3}, {"maj", {0, 4, 7}, 3}, {"M", {0, 4, 7}, 3},
    {"aug", {0, 4, 8}, 3}, {"plus", {0, 4, 8}, 3}, {"sharp5", {0, 4, 8}, 3},
    {"six", {0, 4, 7, 9}, 4}, {"6", {0, 4, 7, 9}, 4}, {"sixby9", {0, 4, 7, 9, 14}, 5},
    {"six9", {0, 4, 7, 9, 14}, 5}, {"sixNine", {0, 4, 7, 9, 14}, 5}, {"m6by9", {0, 3, 9, 7, 14}, 5},
    {"major7", {0, 4, 7, 11}, 4}, {"maj7", {0, 4, 7, 11}, 4},
    {"major9", {0, 4, 7, 11, 14}, 5}, {"maj9", {0, 4, 7, 11, 14}, 5},
    {"add9", {0, 4, 7, 14}, 4}, {"major11", {0, 4, 7, 11, 14, 17}, 6}, {"maj11", {0, 4, 7, 11, 14, 17}, 6},
    {"add11", {0, 4, 7, 17}, 4}, {"major13", {0, 4, 7, 11, 14, 21}, 6}, {"maj13", {0, 4, 7, 11, 14, 21}, 6},
    {"add13", {0, 4, 7, 21}, 4},
    {"dom7", {0, 4, 7, 10}, 4}, {"dom9", {0, 4, 7, 14}, 4}, {"dom11", {0, 4, 7, 17}, 4},
    {"dom13", {0, 4, 7, 21}, 4}, {"sevenFlat5", {0, 4, 6, 10}, 4}, {"7f5", {0, 4, 6, 10}, 4},
    {"sevenSharp5", {0, 4, 8, 10}, 4}, {"7s5", {0, 4, 8, 10}, 4},
    {"sevenFlat9", {0, 4, 7, 10, 13}, 5}, {"7f9", {0, 4, 7, 10, 13}, 5},
    {"nine", {0, 4, 7, 10, 14}, 5}, {"eleven", {0, 4, 7, 10, 14, 17}, 6}, {"11", {0, 4, 7, 10, 14, 17}, 6},
    {"thirteen", {0, 4, 7, 10, 14, 17, 21}, 7}, {"13", {0, 4, 7, 10, 14, 17, 21}, 7},
    {"minor", {0, 3, 7}, 3}, {"min", {0, 3, 7}, 3}, {"m", {0, 3, 7}, 3},
    {"diminished", {0, 3, 6}, 3}, {"dim", {0, 3, 6}, 3},
    {"minorSharp5", {0, 3, 8}, 3}, {"msharp5", {0, 3, 8}, 3}, {"mS5", {0, 3, 8}, 3},
    {"minor6", {0, 3, 7, 9}, 4}, {"min6", {0, 3, 7, 9}, 4}, {"m6", {0, 3, 7, 9}, 4},
    {"minorSixNine", {0, 3, 9, 7, 14}, 5}, {"minor69", {0, 3, 9, 7, 14}, 5},
    {"minor7flat5", {0, 3, 6, 10}, 4}, {"min7flat5", {0, 3, 6, 10}, 4}, {"m7flat5", {0, 3, 6, 10}, 4},
    {"m7f5", {0, 3, 6, 10}, 4}, {"minorMajor7", {0, 3, 7, 11}, 4}, {"minMaj7", {0, 3, 7, 11}, 4},
    {"mmaj7", {0, 3, 7, 11}, 4}, {"diminished7", {0, 3, 6, 9}, 4}, {"dim7", {0, 3, 6, 9}, 4},
    {"minor7", {0, 3, 7, 10}, 4}, {"min7", {0, 3, 7, 10}, 4}, {"m7", {0, 3, 7, 10}, 4},
    {"minor9", {0, 3, 7, 10, 14}, 5}, {"min9", {0, 3, 7, 10, 14}, 5}, {"m9", {0, 3, 7, 10, 14}, 5},
    {"minor11", {0, 3, 7, 10, 14, 17}, 6}, {"min11", {0, 3, 7, 10, 14, 17}, 6}, {"m11", {0, 3, 7, 10, 14, 17}, 6},
    {"minor13", {0, 3, 7, 10, 14, 17, 21}, 7}, {"min13", {0, 3, 7, 10, 14, 17, 21}, 7},
    {"m13", {0, 3, 7, 10, 14, 17, 21}, 7},
    {"one", {0}, 1}, {"1", {0}, 1}, {"five", {0, 7}, 2}, {"5", {0, 7}, 2},
    {"sus2", {0, 2, 7}, 3}, {"sus4", {0, 5, 7}, 3}, {"sevenSus2", {0, 2, 7, 10}, 4}, {"7sus2", {0, 2, 7, 10}, 4},
    {"sevenSus4", {0, 5, 7, 10}, 4}, {"7sus4", {0, 5, 7, 10}, 4}, {"nineSus4", {0, 5, 7, 10, 14}, 5},
    {"ninesus4", {0, 5, 7, 10, 14}, 5}, {"9sus4", {0, 5, 7, 10, 14}, 5},
    {"sevenFlat10", {0, 4, 7, 10, 15}, 5}, {"7f10", {0, 4, 7, 10, 15}, 5},
    {"nineSharp5", {0, 1, 13}, 3}, {"9sharp5", {0, 1, 13}, 3}, {"9s5", {0, 1, 13}, 3},
    {"minor9sharp5", {0, 1, 14}, 3}, {"minor9s5", {0, 1, 14}, 3}, {"m9sharp5", {0, 1, 14}, 3},
    {"m9s5", {0, 1, 14}, 3}, {"sevenSharp5flat9", {0, 4, 8, 10, 13}, 5}, {"7s5f9", {0, 4, 8, 10, 13}, 5},
    {"minor7sharp5", {0, 3, 8, 10}, 4}, {"m7sharp5", {0, 3, 8, 10}, 4}, {"m7s5", {0, 3, 8, 10}, 4},
    {"elevenSharp", {0, 4, 7, 10, 14, 18}, 6}, {"11s", {0, 4, 7, 10, 14, 18}, 6},
    {"minor11sharp", {0, 3, 7, 10, 14, 18}, 6}, {"m11sharp", {0, 3, 7, 10, 14, 18}, 6},
    {"m11s", {0, 3, 7, 10, 14, 18}, 6},
};

static const chord_def *chord_named(const char *name, size_t len)
{
    for (size_t i = 0; name && i < sizeof chords / sizeof chords[0]; i++)
        if (strlen(chords[i].name) == len && !memcmp(chords[i].name, name, len)) return &chords[i];
    return NULL;
}

/* The chord names as words, interned once (at the first build that asks), so that queries
 * find a chord by comparing ids. */
static ph_word chord_words[sizeof chords / sizeof chords[0]];
static pthread_once_t chord_words_once = PTHREAD_ONCE_INIT;
static void intern_chord_names(void)
{
    for (size_t i = 0; i < sizeof chords / sizeof chords[0]; i++) chord_words[i] = ph_intern_cstr(chords[i].name);
}

int ph_chord_intervals_of(ph_word name, int8_t out[PH_CHORD_MAX_NOTES])
{
    pthread_once(&chord_words_once, intern_chord_names);
    for (size_t i = 0; name && i < sizeof chords / sizeof chords[0]; i++)
        if (chord_words[i] == name) {
            memcpy(out, chords[i].notes, (size_t)chords[i].n);
            return chords[i].n;
        }
    return -1;
}

int ph_chord_intervals(const char *name, int8_t out[PH_CHORD_MAX_NOTES])
{
    const chord_def *def = name ? chord_named(name, strlen(name)) : NULL;
    if (!def) return -1;
    memcpy(out, def->notes, (size_t)def->n);
    return def->n;
}

static ph_pat *build_chord(builder *b, const mnode *n)
{
    /* Root as a Tidal note number: c5 = 0; a note name without octave is octave 5. */
    double root;
    if (!ph_parse_js_number(n->text, n->text_len, &root)) {
        double midi;
        if (!ph_note_to_midi(n->text, n->text_len, &midi)) {
            bfail(b, n->col, "a chord needs a note name or number before the '");
            return NULL;
        }
        bool has_octave = n->text[n->text_len - 1] >= '0' && n->text[n->text_len - 1] <= '9';
        root = has_octave ? midi - 72 : midi - 48;
    }
    const chord_def *def = chord_named(n->chord, n->chord_len);
    if (!def) {
        char msg[96];
        snprintf(msg, sizeof msg, "unknown chord name '%.*s'", (int)(n->chord_len > 40 ? 40 : n->chord_len), n->chord);
        bfail(b, n->col + (int)n->text_len + 1, msg);
        return NULL;
    }
    const ph_pat *notes[PH_CHORD_MAX_NOTES];
    /* every note of the chord comes from the whole step, `c'maj` */
    ph_loc at = loc_of(b, n->text, (size_t)(n->chord + n->chord_len - n->text));
    for (int i = 0; i < def->n; i++)
        if (!(notes[i] = pure_js(b, ph_val_num(root + def->notes[i]), n->col, &at, 1))) return NULL;
    return checked(b, ph_stack(b->h, notes, (uint32_t)def->n), n->col);
}

/* -------------------------------------------------------------------- range */

typedef struct range_q {
    double start, step;
    int64_t count;
} range_q;

/* arrayRange(a, b): Array.from({length: |b - a| + 1}) -- 0 for non-numbers. */
static range_q array_range(ph_value a, ph_value b)
{
    range_q r = {0, 1, 0};
    if (a.kind != PH_VAL_NUM || b.kind != PH_VAL_NUM || a.index != PH_NO_INDEX || b.index != PH_NO_INDEX) return r;
    double len = floor(fabs(b.u.num - a.u.num) + 1);
    if (!(len >= 1) || len > 100000) return r;
    r.start = a.u.num;
    r.step = a.u.num < b.u.num ? 1 : -1;
    r.count = (int64_t)len;
    return r;
}

/* bpat.bind(b => fastcat(...arrayRange(a, b))): the inner query the range squeezes into
 * each event of apat (value a). */
typedef struct range_inner {
    const ph_pat *bpat;
    ph_value a;
} range_inner;

static ph_qstatus range_inner_query(const void *ctx, ph_span span, ph_qctx *q, ph_events *out)
{
    const range_inner *ri = ctx;
    ph_events bev;
    ph_events_init(&bev);
    if (ph_pat_query(ri->bpat, span, q, &bev)) return q->status;
    for (uint32_t j = 0; j < bev.count && !q->status; j++) {
        const ph_event be = bev.ev[j];
        range_q r = array_range(ri->a, be.value);
        if (r.count == 0) continue;
        /* fastcat of the numbers over be.part: one pure event per slot, slot k holding
         * start + (k mod count) * step; bind keeps the part of each within be's whole */
        ph_rat n = ph_rat_int(r.count);
        uint32_t from = out->count, keep = from;
        if (ph_query_affine_fn(ph_pure_value_query, &be.value, n, ph_rat_int(0), be.part, q, out)) break;
        for (uint32_t i = from; i < out->count; i++) {
            ph_event e = out->ev[i];
            int64_t k = ph_rat_floor_int(ph_rat_mul(e.whole.begin, n));
            if (be.has_whole && !ph_span_intersect(be.whole, e.whole, &e.whole)) continue;
            e.value = ph_val_num(r.start + (double)(((k % r.count) + r.count) % r.count) * r.step);
            e.locs = be.locs; /* bind: the outer (b) event's locations; the numbers have none */
            e.n_locs = be.n_locs;
            out->ev[keep++] = e;
        }
        out->count = keep;
    }
    return q->status;
}

/* apat.squeezeBind(a => bpat.bind(b => fastcat(...arrayRange(a, b)))) */
static ph_qstatus range_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    range_inner in = {self->in[1], ph_val_none()};
    ph_squeeze_join(self->in[0], span, range_inner_query, &in, &in.a, q, out);
    if (!q->status && ph_rat_overflowed()) q->status = PH_Q_OVERFLOW;
    return q->status;
}

/* --------------------------------------------------------------------- tail */

static bool tail_op(const void *d, ph_value a, ph_value b, ph_value *out, ph_qctx *q)
{
    (void)d, (void)q;
    double x;
    if (b.index != PH_NO_INDEX || !ph_value_to_number(b, &x) || !isfinite(x) || a.index != PH_NO_INDEX) return false;
    /* a fraction after a literal step (`cc "74:0.5"`) was folded into a word when building
     * (fold_tails); queries never make words (interning locks and allocates) */
    if (x != floor(x) || fabs(x) > 1e9) return false;
    *out = a;
    out->index = (int32_t)x;
    return true;
}

/* ------------------------------------------------------------------ building */

static ph_pat *build(builder *b, const mnode *n);

/* mini.mjs takes `weight || 1`: a weight of 0 counts as 1. */
static double js_weight(double w) { return w == 0 ? 1 : w; }

static bool seq_weight(const mnode *seq, ph_rat *out)
{
    ph_rat_clear_overflow();
    ph_rat total = ph_rat_int(0);
    for (int i = 0; i < seq->nelems; i++) total = ph_rat_add(total, ph_rat_of(js_weight(seq->elems[i].weight)));
    *out = total;
    return !ph_rat_overflowed();
}

static bool literal_number(const ph_pat *p, double *x)
{
    ph_value v;
    if (!ph_pat_is_pure(p, &v)) return false;
    return v.kind == PH_VAL_NUM && (*x = v.u.num, true);
}

static ph_pat *apply_op(builder *b, const mop *op, ph_pat *pat)
{
    ph_heap *h = b->h;
    switch (op->kind) {
    case MOP_FAST:
    case MOP_SLOW: {
        ph_pat *arg = build(b, op->a);
        if (!arg) return NULL;
        ph_value v;
        if (ph_pat_is_pure(arg, &v)) {
            double x;
            if (v.kind != PH_VAL_NUM || v.index != PH_NO_INDEX) {
                bfail(b, op->col, op->kind == MOP_FAST ? "'*' needs a number" : "'/' needs a number");
                return NULL;
            }
            x = fabs(v.u.num);
            if (x > 1e6 || (x != 0 && x < 1e-6)) {
                bfail(b, op->col, "factor out of range (its size must be 0 or between 1e-6 and 1e6)");
                return NULL;
            }
        }
        return checked(b, op->kind == MOP_FAST ? ph_fast(h, arg, pat) : ph_slow(h, arg, pat), op->col);
    }
    case MOP_REPLICATE: {
        double r = op->amount;
        if (r == 0) return checked(b, ph_silence(h), op->col); /* _fast(0) is silence */
        if (!(r > 0) || r > 1e6) {
            bfail(b, op->col, "'!' needs a positive count (at most 1e6)");
            return NULL;
        }
        ph_rat_clear_overflow();
        return checked(b, ph_replicate_rat(h, ph_rat_of(r), pat), op->col);
    }
    case MOP_EUCLID: {
        ph_pat *k = build(b, op->a), *n = k ? build(b, op->b) : NULL;
        ph_pat *r = (n && op->c) ? build(b, op->c) : NULL;
        if (!k || !n || (op->c && !r)) return NULL;
        double kx, nx, rx = 0;
        bool lit = literal_number(k, &kx) && literal_number(n, &nx);
        if (lit && op->c && !literal_number(r, &rx)) lit = false;
        if (lit) {
            ph_arena *tmp = ph_arena_new_growable(4096);
            uint8_t *bits;
            int64_t steps;
            bool ok = tmp && ph_bjork(kx, nx, rx, tmp, &bits, &steps);
            ph_arena_free(tmp);
            if (!ok) {
                bfail(b, op->col, "euclid (k,n): k and n must be integers with |k| <= n <= 100000");
                return NULL;
            }
        }
        return checked(b, ph_euclid(h, k, n, r, pat), op->col);
    }
    case MOP_DEGRADE:
        if (!isfinite(op->amount)) {
            bfail(b, op->col, "'?' needs a finite amount");
            return NULL;
        }
        return checked(b, ph_degrade_by_seed(h, op->seed, op->amount, pat), op->col);
    case MOP_TAIL: {
        ph_pat *friend = build(b, op->a);
        if (!friend) return NULL;
        ph_value v;
        if (ph_pat_is_pure(friend, &v) && v.kind != PH_VAL_NUM) {
            bfail(b, op->col, "':' needs a number (a sample index such as bd:3)");
            return NULL;
        }
        if (ph_pat_is_pure(friend, &v) && v.u.num != floor(v.u.num)) {
            bfail(b, op->col, "a fractional ':' value needs a literal step right before it (74:0.5)");
            return NULL;
        }
        return checked(b, ph_app(h, PH_STRUCT_LEFT, tail_op, NULL, 0, pat, friend), op->col);
    }
    case MOP_RANGE: {
        ph_pat *friend = build(b, op->a);
        if (!friend) return NULL;
        const ph_pat *in[2] = {pat, friend};
        return checked(b, ph_pat_make(h, range_query, in, 2, 0), op->col);
    }
    default: return pat;
    }
}

/* `bd:1:2`: Strudel's value is the list [bd, 1, 2]. A value here carries one index, so a
 * literal step followed directly by literal indices is folded when building: the word
 * "bd:1" with index 2 (printed bd:1:2, as Strudel prints the list). A last index that is a
 * literal fraction is folded too (`cc "74:0.5"`: the word "74:0.5", Strudel's [74, 0.5]),
 * as an index is a whole number. Returns the number of leading ops consumed. */
static int fold_tails(builder *b, const melem *el, ph_pat **pat)
{
    if (el->slice->kind != M_ATOM) return 0;
    int n = 0;
    while (n + 1 < el->nops && el->ops[n].kind == MOP_TAIL && el->ops[n + 1].kind == MOP_TAIL &&
           el->ops[n].a->kind == M_ATOM)
        n++;
    double last;
    if (n < el->nops && el->ops[n].kind == MOP_TAIL && el->ops[n].a->kind == M_ATOM &&
        ph_parse_js_number(el->ops[n].a->text, el->ops[n].a->text_len, &last) && last != floor(last))
        n++; /* a fractional last index: into the word as well */
    if (n == 0) return 0;
    char text[256];
    size_t len = el->slice->text_len < 100 ? el->slice->text_len : 100;
    double x;
    if (ph_parse_js_number(el->slice->text, el->slice->text_len, &x)) ph_value_format(ph_val_num(x), text, 100);
    else memcpy(text, el->slice->text, len), text[len] = 0;
    for (int i = 0; i < n; i++) {
        const mnode *f = el->ops[i].a;
        if (!ph_parse_js_number(f->text, f->text_len, &x)) return -1;
        size_t l = strlen(text);
        if (l > 200) return -1;
        text[l] = ':';
        ph_value_format(ph_val_num(x), text + l + 1, sizeof text - l - 1);
    }
    ph_word w = ph_intern(text, strlen(text));
    if (!w) return -1;
    /* Strudel's appLeft of each index: the last index's location first, the step's last */
    ph_loc locs[PH_EVENT_MAX_LOCS];
    uint32_t nl = 0;
    for (int i = n; i-- > 0 && nl + 1 < PH_EVENT_MAX_LOCS;) locs[nl++] = loc_of(b, el->ops[i].a->text, el->ops[i].a->text_len);
    locs[nl++] = loc_of(b, el->slice->text, el->slice->text_len);
    *pat = pure_js(b, ph_val_word(w), el->col, locs, nl);
    return *pat ? n : -1;
}

static ph_pat *build_element(builder *b, const melem *el)
{
    ph_pat *pat = build(b, el->slice);
    int tails = 0, start = 0;
    if (pat && el->nops > 0 && el->ops[0].kind == MOP_TAIL) {
        start = fold_tails(b, el, &pat);
        if (start < 0) {
            bfail(b, el->ops[0].col, "':' lists need numbers (bd:1:2)");
            return NULL;
        }
    }
    for (int i = start; i < el->nops && pat; i++) {
        if (el->ops[i].kind == MOP_TAIL && ++tails > 1) {
            bfail(b, el->ops[i].col, "a second ':' index needs a literal step and number right before it (bd:1:2)");
            return NULL;
        }
        pat = apply_op(b, &el->ops[i], pat);
    }
    return pat;
}

static ph_pat *build_seq(builder *b, const mnode *n)
{
    const ph_pat **pats = ph_heap_alloc(b->h, (size_t)n->nelems * sizeof *pats);
    ph_rat *w = ph_heap_alloc(b->h, (size_t)n->nelems * sizeof *w);
    if (!pats || !w) return checked(b, NULL, n->col);
    ph_rat_clear_overflow();
    for (int i = 0; i < n->nelems; i++) {
        double x = js_weight(n->elems[i].weight);
        if (!isfinite(x) || x < 0 || x > 1e6) {
            bfail(b, n->elems[i].col, "weight out of range (0 to 1e6)");
            return NULL;
        }
        w[i] = ph_rat_of(x);
        if (!(pats[i] = build_element(b, &n->elems[i]))) return NULL;
    }
    if (ph_rat_overflowed()) {
        bfail(b, n->col, "weights too fine");
        return NULL;
    }
    ph_pat *p = checked(b, ph_timecat(b->h, pats, w, (uint32_t)n->nelems), n->col);
    /* stepcat of one element returns a new pattern in Strudel: never pure */
    return unflag(b, p, n->col);
}

static ph_pat *build_list(builder *b, const mnode *n)
{
    const ph_pat **kids = ph_heap_alloc(b->h, (size_t)n->nkids * sizeof *kids);
    ph_rat *w = ph_heap_alloc(b->h, (size_t)n->nkids * sizeof *w);
    if (!kids || !w) return checked(b, NULL, n->col);
    for (int i = 0; i < n->nkids; i++) {
        if (!(kids[i] = build(b, n->kids[i]))) return NULL;
        if (!seq_weight(n->kids[i], &w[i])) {
            bfail(b, n->kids[i]->col, "weights too large");
            return NULL;
        }
    }
    uint32_t k = (uint32_t)n->nkids;
    switch (n->kind) {
    case M_STACK: return checked(b, ph_stack(b->h, kids, k), n->col);
    case M_RAND: return checked(b, ph_rand_choice(b->h, n->seed, kids, k), n->col);
    case M_FEET: return checked(b, ph_fastcat(b->h, kids, k), n->col);
    case M_ALT:
        for (uint32_t i = 0; i < k; i++)
            if (!(kids[i] = checked(b, ph_slow_rat(b->h, w[i], kids[i]), n->col))) return NULL;
        return checked(b, ph_stack(b->h, kids, k), n->col);
    case M_POLY: {
        ph_pat *steps;
        if (n->steps) {
            steps = build(b, n->steps);
            double x;
            if (steps && n->steps->kind == M_ATOM && ph_parse_js_number(n->steps->text, n->steps->text_len, &x) &&
                x == 0) {
                bfail(b, n->steps->col, "polymeter steps (%) must not be 0");
                return NULL;
            }
        }
        else steps = checked(b, ph_pure_unflagged(b->h, ph_val_num(ph_rat_to_double(w[0]))), n->col);
        if (!steps) return NULL;
        for (uint32_t i = 0; i < k; i++)
            if (ph_rat_is_zero(w[i])) {
                bfail(b, n->kids[i]->col, "a polymeter part needs a non-zero weight");
                return NULL;
            }
        return checked(b, ph_polymeter_weighted(b->h, steps, kids, w, k), n->col);
    }
    }
    return NULL;
}

static ph_pat *build(builder *b, const mnode *n)
{
    if (b->failed) return NULL;
    switch (n->kind) {
    case M_EMPTY: return checked(b, ph_silence(b->h), 0);
    case M_ATOM: {
        ph_value v;
        bool silence;
        if (!atom_value(n, &v, &silence)) return checked(b, NULL, n->col);
        if (silence) return checked(b, ph_silence(b->h), n->col);
        ph_loc at = loc_of(b, n->text, n->text_len);
        return pure_js(b, v, n->col, &at, 1);
    }
    case M_CHORD: return build_chord(b, n);
    case M_SEQ: return build_seq(b, n);
    default: return build_list(b, n);
    }
}

ph_pat *ph_mini_parse(ph_heap *h, const char *src, size_t len, ph_mini_error *err)
{
    return ph_mini_parse_at(h, src, len, 0, err);
}

ph_pat *ph_mini_parse_at(ph_heap *h, const char *src, size_t len, uint32_t base, ph_mini_error *err)
{
    ph_mini_error local;
    if (!err) err = &local;
    err->column = -1;
    err->message[0] = 0;
    if (!h || (!src && len)) {
        snprintf(err->message, sizeof err->message, "no text");
        return NULL;
    }
    if (ph_heap_error(h)) {
        snprintf(err->message, sizeof err->message, "%s", ph_heap_error(h));
        return NULL;
    }
    ph_arena *arena = ph_arena_new_growable(1 << 14);
    if (!arena) {
        snprintf(err->message, sizeof err->message, "out of memory");
        return NULL;
    }
    mnode *ast = ph_mini_parse_ast(arena, src ? src : "", len, err);
    ph_pat *p = NULL;
    if (ast) {
        builder b = {h, err, false, src ? src : "", base};
        p = build(&b, ast);
        p = p ? unflag(&b, p, 0) : NULL;
        if (!p && !b.failed) bfail(&b, 0, ph_heap_error(h) ? ph_heap_error(h) : "could not build the pattern");
    }
    ph_arena_free(arena);
    return p;
}
