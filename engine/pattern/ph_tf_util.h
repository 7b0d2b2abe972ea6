/* Helpers shared by the transforms (ph_tf_*.c): query-time parameters, cycle and step
 * iteration, truthiness, control-map edits. Not part of the engine API. */
#ifndef PH_TF_UTIL_H
#define PH_TF_UTIL_H

#include "pattern/ph_pat_internal.h"
#include "pattern/ph_pattern.h"

/* ------------------------------------------------------------ parameters
 *
 * Strudel builds a new pattern for every value of a patterned argument when the
 * transform also takes a function: `off "<0.25 0.5>" (fast 2)` is, per argument event,
 * stack(pat, fast(2, late(t, pat))). We never build while querying, so such a transform
 * is built ONCE with a "parameter" node where the value goes (late(param, pat), with
 * fast 2 applied to it when building), and at query time the outer node publishes the
 * argument values for the duration of the inner query. The values live on a small stack
 * in the query's own context (ph_qctx, its frames taken from the query's arena), keyed by
 * a build-time key, so queries stay re-entrant and real-time safe (no thread-local
 * storage, no malloc; more than PH_TF_ENV_DEPTH frames is a PH_Q_DEPTH error). */
#define PH_TF_PARAMS_MAX 4
#define PH_TF_ENV_DEPTH 64

typedef struct ph_tf_key {
    int unused; /* only the address matters */
} ph_tf_key;

ph_tf_key *ph_tf_key_new(ph_heap *h);
/* Publishes v[0..n) under key until the matching pop. False (status set) on overflow. */
bool ph_tf_env_push(ph_qctx *q, const ph_tf_key *key, const ph_value *v, uint32_t n);
void ph_tf_env_pop(ph_qctx *q);
/* The values published under key (innermost), or NULL when none are. */
const ph_value *ph_tf_env_get(const ph_qctx *q, const ph_tf_key *key);

/* A node that runs fn over each query span with the values published under key as its
 * arguments (no events while nothing is published). in/data as for ph_pat_make. */
ph_pat *ph_tf_param_node(ph_heap *h, const ph_tf_key *key, ph_concrete_fn fn,
                         const ph_pat *const *in, uint32_t nin, size_t data_size);
/* The data_size bytes of a parameter node (zeroed when built). */
void *ph_tf_param_extra(const ph_pat *self);

/* Data of outer nodes that publish parameters: the key first. */
typedef struct ph_tf_keyed {
    const ph_tf_key *key;
} ph_tf_keyed;

/* Queries child with args published under the node's key (self->data is ph_tf_keyed). */
ph_qstatus ph_tf_query_with(const ph_pat *self, const ph_value *args, uint32_t nargs,
                            const ph_pat *child, ph_span span, ph_qctx *q, ph_events *out);

/* [building time] Calls ok(value, ctx) for each event of the first 8 cycles of an
 * argument pattern that decides how a transform is built (arp's mode kind, scale names,
 * echoWith's copies). False when the query fails or ok returns false. */
bool ph_tf_check_first_cycles(const ph_pat *arg, bool (*ok)(ph_value v, void *ctx), void *ctx);

/* [query time] zoom s e of pat over span: the part [s, e) of each cycle stretched over the
 * cycle (s < e; ph_tf_time.c). Strudel's zoom maps each span relative to its own cycle
 * (span.withCycle), so it is an affine map per cycle, not one ph_query_affine. */
ph_qstatus ph_tf_zoom_query(const ph_pat *pat, ph_rat s, ph_rat e, ph_span span, ph_qctx *q, ph_events *out);

/* [building time] A plain count below 1 (`every 0`, `chunk 0`) is an argument error (set
 * with ph_tf_set_error, message "NAME: the count must be ..."): false then. Patterned
 * counts are checked per event at query time. */
bool ph_tf_check_count(const ph_pat *n, const char *name);

/* A transform whose arguments are patterns: ph_patternify of fn over args (every one
 * present) and pat, keeping pat's steps; data bytes of node data. NULL when an input is. */
ph_pat *ph_tf_patterned(ph_heap *h, ph_concrete_fn fn, const ph_pat *const *args, uint32_t narg, const ph_pat *pat,
                        size_t data);

/* [building time] A builder's argument error (e.g. `every 0`): kept per thread (builds may
 * run on several threads; queries never touch it) for the registry to report, so that
 * the heap stays usable (its own error is sticky). */
void ph_tf_set_error(const char *msg);
/* The pending argument error, cleared; NULL when none. */
const char *ph_tf_take_error(void);

/* ------------------------------------------------------------ numbers, time */

/* Number of an argument value (numbers, numeric words, note names); false otherwise. */
bool ph_tf_num(ph_value v, double *out);
/* Fraction(x) of a numeric argument value; false for non-numbers and overflow. */
bool ph_tf_rat(ph_value v, ph_rat *out);
/* JavaScript truthiness of a value (0 and NaN are false, words and maps true). */
bool ph_tf_truthy(ph_value v);
/* The number under `key` in a control map; dflt when it is absent or not a number. */
double ph_tf_map_num(ph_value map, ph_word key, double dflt);
/* An integer count as JavaScript's Array(n) accepts it: false unless 0 <= n < 2^31 and
 * integral. */
bool ph_tf_count(double x, int64_t *out);

/* The pieces of span split at cycle boundaries (Strudel's spanCycles): call
 * ph_tf_cycle_first then ph_tf_cycle_next until it returns false. */
typedef struct ph_tf_cycles {
    ph_span span;
    ph_rat at;
    bool done;
} ph_tf_cycles;
void ph_tf_cycles_init(ph_tf_cycles *it, ph_span span);
bool ph_tf_cycles_next(ph_tf_cycles *it, ph_qctx *q, ph_span *piece);

/* Position of events [from, count): keep those for which keep(e) is true. */
void ph_tf_events_compact(ph_events *out, uint32_t from, const bool *keep);

/* Splits the parts of events [from, count) at the cycle boundaries inside their wholes,
 * as combining with a pure value does in Strudel (`pat.gain(0.8)`, `pat.mul({speed})`:
 * appLeft queries the pure over the event's whole, which yields one piece per cycle). */
void ph_tf_split_at_cycles(ph_qctx *q, ph_events *out, uint32_t from);

/* Stable sort of events [from, count) by cmp, in O(n log n) with scratch from the query
 * arena (counted as work). False (status set) when the arena is full or work runs out. */
typedef int (*ph_tf_event_cmp)(const ph_event *a, const ph_event *b);
/* Order by whole (begin, then end), events without a whole first: a ph_tf_event_cmp. */
int ph_tf_by_whole(const ph_event *a, const ph_event *b);
bool ph_tf_sort_events(ph_qctx *q, ph_events *l, uint32_t from, ph_tf_event_cmp cmp);

/* ------------------------------------------------------------ control maps */

/* Control names, interned when building (interning takes a lock: never in a query). */
typedef struct ph_tf_words {
    ph_word s, n, gain, pan, speed, begin, end;
} ph_tf_words;
void ph_tf_words_get(ph_tf_words *w);

/* Sets key to val in the map view of v -- maps as they are, words as {s: word} (`bd:3`
 * as {s: bd, n: 3}), numbers as {n: number}; the new map lives in the query arena. False
 * (status set) when the arena is full. */
bool ph_tf_map_set(ph_qctx *q, const ph_tf_words *w, ph_value v, ph_word key, ph_value val,
                   ph_value *out);

#endif
