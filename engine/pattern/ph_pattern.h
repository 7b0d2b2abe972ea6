/* The pattern core: values, events, arenas, pattern nodes and their queries.
 *
 * A pattern is a function from a time span to the events in it (Tidal/Strudel). Here a
 * pattern is an immutable DAG of ph_pat nodes owned by a ph_heap (one per compiled
 * program, freed at once). Nodes are built when a program is compiled, never during a
 * query: functions given as arguments (`every 3 (fast 2)`) are applied while building,
 * and patterned arguments (`fast "<1 2>"`) are queried alongside the pattern (Strudel's
 * patternify + innerJoin: the argument's events split the span and the concrete
 * operation runs on each piece).
 *
 * A query appends events to a ph_events list whose storage comes from a ph_arena (a bump
 * allocator reset per query or per block). A fixed arena never mallocs: when it runs
 * out, the query stops and reports PH_Q_ARENA_FULL. Queries recurse at most as deep as
 * the pattern tree (bounded by PH_PAT_MAX_DEPTH when building).
 *
 * Threads: building (ph_heap, constructors, ph_intern) happens off the audio thread.
 * ph_query and everything it calls is real-time safe with a fixed arena. ph_intern is
 * thread-safe; ph_word_str is lock-free. */
#ifndef PH_PATTERN_H
#define PH_PATTERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ph_held.h"
#include "core/ph_rational.h"

/* ------------------------------------------------------------------ words */

/* An interned string. 0 is "no word". Ids are stable for the life of the process. */
typedef uint32_t ph_word;
#define PH_WORD_NONE 0u

/* Interns s[0..len) (global, append-only, thread-safe). Returns PH_WORD_NONE only when
 * the table is full or len is 0. */
ph_word ph_intern(const char *s, size_t len);
ph_word ph_intern_cstr(const char *s);
/* The text of an interned word (NUL-terminated; *len optional). Lock-free. "" for 0. */
const char *ph_word_str(ph_word w, size_t *len);
/* A word that is two numbers joined by ':' ("74:0.5", which the mini-notation makes of a
 * fractional index: Strudel's [74, 0.5]): the numbers, read when it was interned.
 * Lock-free; false for any other word. */
bool ph_word_pair(ph_word w, double *first, double *second);

/* ----------------------------------------------------------------- values */

typedef enum ph_vkind {
    PH_VAL_NONE = 0, /* no value (e.g. silence's unused slot) */
    PH_VAL_NUM,      /* double */
    PH_VAL_WORD,     /* interned word, e.g. bd, c4, eb2 (note names stay words) */
    PH_VAL_MAP       /* control map: s "bd" # gain 0.8 -> {s: bd, gain: 0.8} */
} ph_vkind;

typedef struct ph_cmap ph_cmap;

typedef struct ph_value {
    uint8_t kind;  /* ph_vkind */
    int32_t index; /* `bd:3` -> 3; PH_NO_INDEX when absent (numbers and words) */
    union {
        double num;
        ph_word word;
        const ph_cmap *map;
    } u;
} ph_value;
#define PH_NO_INDEX INT32_MIN

/* A control map: entries sorted by key id, keys unique; entry values are never maps.
 * Maps made during a query live in the query's arena; maps made when building live in
 * the heap. */
typedef struct ph_centry {
    ph_word key;
    ph_value val;
} ph_centry;
struct ph_cmap {
    uint32_t count;
    ph_centry e[];
};

static inline ph_value ph_val_none(void)
{
    ph_value v = {PH_VAL_NONE, PH_NO_INDEX, {.num = 0}};
    return v;
}
static inline ph_value ph_val_num(double x)
{
    ph_value v = {PH_VAL_NUM, PH_NO_INDEX, {.num = x}};
    return v;
}
static inline ph_value ph_val_word(ph_word w)
{
    ph_value v = {PH_VAL_WORD, PH_NO_INDEX, {.word = w}};
    return v;
}
static inline ph_value ph_val_map(const ph_cmap *m)
{
    ph_value v = {PH_VAL_MAP, PH_NO_INDEX, {.map = m}};
    return v;
}

bool ph_value_eq(ph_value a, ph_value b);
/* Total order for sorting: kind, then number / word text / map entries, then index. */
int ph_value_cmp(ph_value a, ph_value b);
/* Numeric view as Strudel's arithmetic sees it: numbers as they are, note names
 * (c4, eb2, f#3, c-1; octave 3 when absent, see ph_note_to_midi) as MIDI numbers, words
 * that read as numbers ("0.5") as numbers. False for anything else. */
bool ph_value_to_number(ph_value v, double *out);
/* MIDI number of a note name: c4 = 60, c-1 = 0 (Strudel's noteToMidi; default octave 3). */
bool ph_note_to_midi(const char *s, size_t len, double *out);
/* Writes the value as phonon query prints it: words as written (bd, bd:3), numbers in
 * shortest round-trip form (0.25, 3, -1), maps as {key: value, ...} in key-name order. Returns buf. */
char *ph_value_format(ph_value v, char *buf, size_t size);
/* Looks up key in a map value (false when v is not a map or has no such key). */
bool ph_cmap_get(ph_value v, ph_word key, ph_value *out);

/* ------------------------------------------------------------ spans, events */

typedef struct ph_span {
    ph_rat begin, end;
} ph_span;

static inline ph_span ph_span_make(ph_rat b, ph_rat e)
{
    ph_span s = {b, e};
    return s;
}

/* Where an event came from in the program text: [begin, end) byte offsets of an atom of
 * the mini-notation (Strudel's context.locations). The evaluator (compile/) offsets them
 * to the string's place in the text; a pattern parsed on its own counts from its string. */
typedef struct ph_loc {
    uint32_t begin, end;
} ph_loc;
/* An event's list of locations is cut at this many (a pattern combined with itself over
 * and over would otherwise double it at every level). */
#define PH_EVENT_MAX_LOCS 64u

typedef struct ph_event {
    ph_span whole; /* meaningful only when has_whole */
    ph_span part;  /* the fragment inside the query span */
    ph_value value;
    bool has_whole; /* false for continuous patterns (signals) */
    /* Locations of the atoms that made the event, in Strudel's order: set only by queries
     * that asked for them (ph_query_locs), else n_locs is 0. The list is never written
     * once made: events share it, and it lives in a pure node (heap) or in the query's
     * arena. n_locs sits in has_whole's padding. */
    uint32_t n_locs;
    const ph_loc *locs;
} ph_event;

/* True when the event's whole begins inside its part (the event's onset is here). */
bool ph_event_has_onset(const ph_event *e);
/* whole when it has one, else part (Strudel's wholeOrPart). */
static inline ph_span ph_event_whole_or_part(const ph_event *e) { return e->has_whole ? e->whole : e->part; }

/* ---------------------------------------------------------------- arena */

typedef struct ph_arena ph_arena;

/* Growable: mallocs new chunks as needed (tools, tests, compile time). */
ph_arena *ph_arena_new_growable(size_t chunk_bytes);
/* Fixed: one block allocated now; allocation past its end fails (real-time use). */
ph_arena *ph_arena_new_fixed(size_t bytes);
void ph_arena_free(ph_arena *a);
/* Forgets every allocation (keeps the memory). [RT] */
void ph_arena_reset(ph_arena *a);
/* Aligned bump allocation, not zeroed; NULL when a fixed arena is full. [RT for fixed] */
void *ph_arena_alloc(ph_arena *a, size_t size, size_t align);
size_t ph_arena_used(const ph_arena *a);
size_t ph_arena_capacity(const ph_arena *a);

/* ---------------------------------------------------------------- events */

/* A list of events whose storage lives in an arena. Zero-initialise it (or use
 * ph_events_init); it grows inside the arena (in place when it is the arena's last
 * allocation). */
typedef struct ph_events {
    ph_event *ev;
    uint32_t count, cap;
} ph_events;

static inline void ph_events_init(ph_events *l)
{
    l->ev = NULL;
    l->count = l->cap = 0;
}
/* Room for one more event at the end; NULL when the arena is full. */
ph_event *ph_events_push(ph_events *l, ph_arena *a);
/* Ensures room for n more events. */
bool ph_events_reserve(ph_events *l, ph_arena *a, uint32_t n);
/* Sorts by part begin, then whole begin (no whole first), then value. In place, no
 * allocation. [RT] */
void ph_events_sort(ph_events *l);

/* -------------------------------------------------------------- queries */

typedef enum ph_qstatus {
    PH_Q_OK = 0,
    PH_Q_ARENA_FULL, /* events were dropped */
    PH_Q_OVERFLOW,   /* rational overflow inside the query */
    PH_Q_DEPTH,      /* recursion bound reached */
    PH_Q_LIMIT       /* the per-query work bound (PH_QUERY_MAX_WORK) was reached */
} ph_qstatus;

const char *ph_qstatus_str(ph_qstatus s);

/* Work in one query (events made plus cycles stepped through) beyond this is an
 * error (PH_Q_LIMIT), not a hang. ph_query_limited takes another bound. */
#define PH_QUERY_MAX_WORK 2000000u
/* Pattern trees deeper than this are refused when building. A query recurses at most
 * this deep and needs under 1 KB of stack per level (measured: ~860 B), so a full-depth
 * query fits in the 512 KB stacks audio threads commonly get. */
#define PH_PAT_MAX_DEPTH 320u

/* The state of one query, passed down the tree. */
typedef struct ph_qctx {
    ph_arena *arena;
    ph_qstatus status; /* first error seen; queries stop early when != OK */
    uint32_t depth;
    uint64_t work, max_work; /* see PH_QUERY_MAX_WORK */
    /* Parameters that patterned transforms pass down to their children during this
     * query (ph_tf_util.c). Taken from the arena on first use: query state lives in
     * the query, not in thread-local storage, which a dlopen'ed plugin would have to
     * allocate on the audio thread. */
    struct ph_tf_env_entry *env;
    uint32_t env_depth, env_cap;
    /* The caller wants each event's source locations (ph_query_locs). When false, nothing
     * is spent on them: events are pushed with none and combining them merges nothing. */
    bool want_locs;
} ph_qctx;

typedef struct ph_pat ph_pat;
typedef struct ph_heap ph_heap;

/* A node's query: APPENDS the events of `self` over `span` to out (never touches
 * events already in out). Returns q->status (PH_Q_OK on success). */
typedef ph_qstatus (*ph_query_fn)(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out);

/* The entry point: queries pat over span, appending to out (initialise it first).
 * Clears and checks the rational overflow flag. [RT with a fixed arena] */
ph_qstatus ph_query(const ph_pat *pat, ph_span span, ph_arena *arena, ph_events *out);
ph_qstatus ph_query_limited(const ph_pat *pat, ph_span span, ph_arena *arena, ph_events *out,
                            uint64_t max_work);
/* ph_query with every event's source locations (ph_event.locs; ph_locs.c). Off the
 * render path: editors and `phonon query --locations` ask for them. */
ph_qstatus ph_query_locs(const ph_pat *pat, ph_span span, ph_arena *arena, ph_events *out);

/* Inside a query function: appends one event slot to out, counting work; NULL (with
 * q->status set) when the arena is full or the work bound is reached. The slot has no
 * locations; the other fields are the caller's to set. */
ph_event *ph_qpush(ph_qctx *q, ph_events *out);
/* Inside a query function: e's locations become a ++ b (Strudel's combineContext order),
 * cut at PH_EVENT_MAX_LOCS. Does nothing unless the query wants locations; a new list
 * comes from the query's arena only when both are non-empty. False (status set) when the
 * arena is full. a or b may be e's own list. */
bool ph_qlocs_cat(ph_qctx *q, ph_event *e, const ph_loc *a, uint32_t na, const ph_loc *b, uint32_t nb);
/* Counts n units of work (loop steps); false (status set) past the bound. */
bool ph_qwork(ph_qctx *q, uint64_t n);

/* Strudel's TimeSpan.intersection: false when the spans do not meet (a point at the
 * end of a non-empty span does not meet it). */
bool ph_span_intersect(ph_span a, ph_span b, ph_span *out);

/* Inside a query function: query a child (checks depth and status). */
ph_qstatus ph_pat_query(const ph_pat *child, ph_span span, ph_qctx *q, ph_events *out);

/* Calls fn(self, piece, ...) for each piece of span split at cycle boundaries
 * (Strudel's splitQueries). */
ph_qstatus ph_query_split_cycles(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out,
                                 ph_query_fn fn);

/* -------------------------------------------------------------- nodes */

enum {
    PH_PAT_PURE = 1u << 0,     /* `value` holds the single value (pure) */
    PH_PAT_SILENCE = 1u << 1,  /* never yields events */
    PH_PAT_SIGNAL = 1u << 2,   /* continuous: events have no whole */
    PH_PAT_ARGS_PURE = 1u << 3 /* ph_patternify node whose arguments are all pure */
};

/* The concrete operation of a patterned transform: produce the events of the node over
 * span with the arguments' values (args[0..narg)). See ph_patternify. */
typedef ph_qstatus (*ph_concrete_fn)(const ph_pat *self, const ph_value *args, ph_span span,
                                     ph_qctx *q, ph_events *out);

struct ph_pat {
    ph_query_fn query;
    uint32_t flags;
    uint32_t depth;          /* 1 + deepest input or argument */
    ph_value value;          /* for PH_PAT_PURE */
    ph_rat steps;            /* steps per cycle (Strudel's tactus) when known, else 0 */
    uint32_t nin, narg;
    const ph_pat *const *in;  /* pattern inputs */
    const ph_pat *const *arg; /* patterned arguments (ph_patternify) */
    ph_concrete_fn concrete;  /* for ph_patternify nodes */
    void *data;               /* node-specific data (data_size bytes, zeroed, in the heap) */
    /* PURE nodes made from an atom of the mini-notation: where the atom is (Strudel's
     * withLoc). Every event of the node carries this list; with the __pure shortcut a
     * patterned transform adds it to its result's events (Strudel's __pure_loc). */
    const ph_loc *locs;
    uint32_t n_locs;
};

/* A heap owns the nodes (and their data) of one compiled program. */
ph_heap *ph_heap_new(void);
void ph_heap_free(ph_heap *h);
/* Zeroed memory that lives as long as the heap; NULL on allocation failure. */
void *ph_heap_alloc(ph_heap *h, size_t size);
/* Copies text into the heap (NUL-terminated). */
char *ph_heap_strdup(ph_heap *h, const char *s, size_t len);
/* Sticky build error (allocation failure, depth limit): constructors return NULL and
 * leave a message here. */
const char *ph_heap_error(const ph_heap *h);
void ph_heap_set_error(ph_heap *h, const char *msg);

/* A new node with a query function, inputs (copied) and data_size bytes of zeroed data.
 * Returns NULL (and sets the heap error) when an input is NULL or the tree would be
 * deeper than PH_PAT_MAX_DEPTH. */
ph_pat *ph_pat_make(ph_heap *h, ph_query_fn query, const ph_pat *const *in, uint32_t nin,
                    size_t data_size);

/* A patterned transform (Strudel's register/patternify): the arguments are combined
 * with appLeft (structure from the first argument), and for each combined argument
 * event the concrete operation runs over that event's part (innerJoin). When every
 * argument is pure the concrete operation runs once over the whole span (Strudel's
 * __pure shortcut), so `fast 2` never splits events. */
ph_pat *ph_patternify(ph_heap *h, ph_concrete_fn fn, const ph_pat *const *args, uint32_t narg,
                      const ph_pat *const *in, uint32_t nin, size_t data_size);

/* True (with the value) when p is pure. */
bool ph_pat_is_pure(const ph_pat *p, ph_value *out);
/* Gives a pure node (ph_pure, or a pure made by the mini-notation) the source locations its
 * events carry (copied into the heap). False (heap error set) for any other node. */
bool ph_pat_set_locs(ph_heap *h, ph_pat *p, const ph_loc *locs, uint32_t n);

/* -------------------------------------------------------- constructors */

ph_pat *ph_silence(ph_heap *h);
ph_pat *ph_pure(ph_heap *h, ph_value v);
ph_pat *ph_pure_num(ph_heap *h, double x);
ph_pat *ph_pure_rat(ph_heap *h, ph_rat r); /* a number; exact when r is a dyadic-ish ratio */

/* Arrays of inputs are copied. n == 0 gives silence. */
ph_pat *ph_fastcat(ph_heap *h, const ph_pat *const *pats, uint32_t n); /* sequence */
ph_pat *ph_slowcat(ph_heap *h, const ph_pat *const *pats, uint32_t n); /* cat, < > */
ph_pat *ph_timecat(ph_heap *h, const ph_pat *const *pats, const ph_rat *weights, uint32_t n);
ph_pat *ph_stack(ph_heap *h, const ph_pat *const *pats, uint32_t n);
/* Polymeter: steps per cycle from `steps` (a pattern; NULL = the first input's steps);
 * each input is a sequence with known steps (ph_pat.steps). */
ph_pat *ph_polymeter(ph_heap *h, const ph_pat *steps, const ph_pat *const *pats, uint32_t n);

/* Time, with patterned arguments (the factor/offset is a pattern of numbers). */
ph_pat *ph_fast(ph_heap *h, const ph_pat *factor, const ph_pat *pat);
ph_pat *ph_slow(ph_heap *h, const ph_pat *factor, const ph_pat *pat);
ph_pat *ph_early(ph_heap *h, const ph_pat *offset, const ph_pat *pat); /* <~ */
ph_pat *ph_late(ph_heap *h, const ph_pat *offset, const ph_pat *pat);  /* ~> */
/* Concrete versions. */
ph_pat *ph_fast_rat(ph_heap *h, ph_rat factor, const ph_pat *pat);
ph_pat *ph_slow_rat(ph_heap *h, ph_rat factor, const ph_pat *pat);
ph_pat *ph_early_rat(ph_heap *h, ph_rat offset, const ph_pat *pat);
ph_pat *ph_late_rat(ph_heap *h, ph_rat offset, const ph_pat *pat);
/* Concrete query helpers that T's concrete functions may call directly: query `pat`
 * as if it were fast(factor)/early(offset). */
ph_qstatus ph_query_fast(const ph_pat *pat, ph_rat factor, ph_span span, ph_qctx *q, ph_events *out);
ph_qstatus ph_query_early(const ph_pat *pat, ph_rat offset, ph_span span, ph_qctx *q, ph_events *out);

/* Query-time primitives (ph_pat_squeeze.c). An inner query gives the events of something
 * over a span: a node (ph_inner_pat, ctx = the node) or a concrete transform with the values
 * it holds (zoom's bounds, ply's value). */
typedef ph_qstatus (*ph_inner_fn)(const void *ctx, ph_span span, ph_qctx *q, ph_events *out);
ph_qstatus ph_inner_pat(const void *ctx, ph_span span, ph_qctx *q, ph_events *out);
/* The affine time map of a query (Tidal's withQueryTime + withResultTime): the inner is
 * queried at pattern time tau = t * mul + add for t in span, and its events' times are
 * mapped back (t = (tau - add) / mul). mul = 0 gives nothing. fast f is (f, 0), early o is
 * (1, o), a squeeze's focus is (1/d, sam - begin/d). */
ph_qstatus ph_query_affine_fn(ph_inner_fn inner, const void *ctx, ph_rat mul, ph_rat add, ph_span span,
                              ph_qctx *q, ph_events *out);
ph_qstatus ph_query_affine(const ph_pat *pat, ph_rat mul, ph_rat add, ph_span span, ph_qctx *q,
                           ph_events *out);
/* Strudel's squeezeJoin for one outer event: the inner's cycle floor(W.begin) squeezed into
 * the event's whole W (its part when it has none), queried over the event's part, the inner
 * events cut to the outer whole and part (dropped where they miss them). */
ph_qstatus ph_squeeze(const ph_event *outer, ph_inner_fn inner, const void *ctx, ph_qctx *q, ph_events *out);
/* squeezeJoin over a pattern: each discrete event of `outer` over span gets the inner
 * squeezed into it, with the event's value written to *value first (value may be NULL;
 * it is usually a field of ctx: ply's pure(value)._fast(n)). */
ph_qstatus ph_squeeze_join(const ph_pat *outer, ph_span span, ph_inner_fn inner, const void *ctx,
                           ph_value *value, ph_qctx *q, ph_events *out);

/* repeatCycles n: each cycle is played n times (n > 0; NULL and a heap error otherwise). */
ph_pat *ph_repeat_cycles_rat(ph_heap *h, ph_rat n, const ph_pat *pat);
/* The mini-notation's `a!n`: repeatCycles(n) then fast(n), one cycle squeezed n times;
 * n == 0 is silence. */
ph_pat *ph_replicate_rat(ph_heap *h, ph_rat n, const ph_pat *pat);
/* fastGap factor: the cycle squeezed into its first 1/factor, the rest silent
 * (Strudel's fastGap; compress(b, e) is fastGap(1/(e-b)) then late(b)). */
ph_pat *ph_fast_gap_rat(ph_heap *h, ph_rat factor, const ph_pat *pat);
/* fastGap factor of pat over span, as a concrete query (compress, timecat). */
ph_qstatus ph_query_fast_gap(const ph_pat *pat, ph_rat factor, ph_span span, ph_qctx *q, ph_events *out);

/* Value functions. A map function returns false to drop the event. */
typedef bool (*ph_map_fn)(const void *data, ph_value in, ph_value *out, ph_qctx *q);
typedef bool (*ph_binop_fn)(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q);
/* fmap: data (data_size bytes) is copied into the heap. */
ph_pat *ph_fmap(ph_heap *h, ph_map_fn fn, const void *data, size_t data_size, const ph_pat *pat);

typedef enum ph_structure {
    PH_STRUCT_LEFT,  /* appLeft: wholes from the left (Tidal's |+ ) */
    PH_STRUCT_RIGHT, /* appRight: wholes from the right ( +|) */
    PH_STRUCT_BOTH,  /* appBoth: intersections (|+|) */
    PH_STRUCT_SQUEEZE, /* squeezeJoin of right into each left event (||+) -- reserved */
    PH_STRUCT_OUT      /* reserved */
} ph_structure;
ph_pat *ph_app(ph_heap *h, ph_structure how, ph_binop_fn fn, const void *data, size_t data_size,
               const ph_pat *left, const ph_pat *right);

/* Built-in value operations for ph_app / ph_fmap (Strudel semantics: numbers; note names
 * as MIDI numbers for arithmetic; maps combine per key; `set` takes the right value,
 * merging maps). data is unused (pass NULL, 0). */
bool ph_op_add(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q);
bool ph_op_sub(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q);
bool ph_op_mul(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q);
bool ph_op_div(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q);
bool ph_op_mod(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q);
bool ph_op_pow(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q);
bool ph_op_set(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q);
bool ph_op_keep(const void *data, ph_value a, ph_value b, ph_value *out, ph_qctx *q);

/* Wraps each value as a control map {param: value} (s "bd" -> {s: bd}). As Strudel's
 * multi-controls, s, sound and note put a value's sample index in n (s "bd:3" ->
 * {s: bd, n: 3}, note "c4:2" -> {note: c4, n: 2}); sound is s. */
ph_pat *ph_as_control(ph_heap *h, ph_word param, const ph_pat *pat);

/* Filters. */
typedef bool (*ph_pred_fn)(const void *data, ph_value v);
ph_pat *ph_filter_values(ph_heap *h, ph_pred_fn fn, const void *data, size_t data_size,
                         const ph_pat *pat);
ph_pat *ph_filter_onsets(ph_heap *h, const ph_pat *pat);  /* onsetsOnly */
ph_pat *ph_discrete_only(ph_heap *h, const ph_pat *pat);  /* drops events without whole */

/* Signals (continuous, no whole; value at the part's midpoint... as Strudel: at the
 * query's begin for signal(), see ph_pat_signal.c). Unipolar 0..1. */
ph_pat *ph_sine(ph_heap *h);
ph_pat *ph_cosine(ph_heap *h);
ph_pat *ph_saw(ph_heap *h);
ph_pat *ph_isaw(ph_heap *h);
ph_pat *ph_square(ph_heap *h);
ph_pat *ph_tri(ph_heap *h);
ph_pat *ph_rand(ph_heap *h);
ph_pat *ph_perlin(ph_heap *h);
ph_pat *ph_irand(ph_heap *h, const ph_pat *n); /* integers 0..n-1, n patterned */
/* A signal from a function of time (called at the span's begin, as Strudel's signal). */
typedef double (*ph_signal_fn)(const void *data, ph_rat t);
ph_pat *ph_signal(ph_heap *h, ph_signal_fn fn, const void *data, size_t data_size);

/* segment n: samples pat n times per cycle (n patterned). */
ph_pat *ph_segment(ph_heap *h, const ph_pat *n, const ph_pat *pat);
/* range lo hi: v * (hi - lo) + lo (patterned). */
ph_pat *ph_range(ph_heap *h, const ph_pat *lo, const ph_pat *hi, const ph_pat *pat);

/* Structure. */
/* euclid k n [rot]: rot may be NULL (0). Negative k inverts (Strudel's _euclidRot). */
ph_pat *ph_euclid(ph_heap *h, const ph_pat *k, const ph_pat *n, const ph_pat *rot,
                  const ph_pat *pat);
ph_pat *ph_ply(ph_heap *h, const ph_pat *factor, const ph_pat *pat);
/* degradeBy amount with Strudel's seeded rand (seed offsets the rand signal, as the
 * mini-notation's `?` does: rand.early(0.0001 * seed)). */
ph_pat *ph_degrade_by(ph_heap *h, const ph_pat *amount, const ph_pat *pat);
ph_pat *ph_degrade_by_seed(ph_heap *h, int seed, double amount, const ph_pat *pat);
ph_pat *ph_undegrade_by(ph_heap *h, const ph_pat *amount, const ph_pat *pat);
/* Random choice between pats per cycle, seeded as the mini-notation's `|`. */
ph_pat *ph_rand_choice(ph_heap *h, int seed, const ph_pat *const *pats, uint32_t n);

/* `held` (ph_pat_held.c): the chord in *src, one event per note each cycle, valued in
 * semitones from middle C; silent when src is NULL. src must outlive the pattern. */
ph_pat *ph_held_pattern(ph_heap *h, const ph_held *src);

#endif
