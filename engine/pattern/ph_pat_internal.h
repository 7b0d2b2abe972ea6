/* Helpers shared by the pattern core's own files (not part of the API). */
#ifndef PH_PAT_INTERNAL_H
#define PH_PAT_INTERNAL_H

#include "pattern/ph_pattern.h"

/* Exact double -> rational for factors and offsets (Fraction(x) in Strudel). */
#define PH_RAT_MAX_DEN 10000000
static inline ph_rat ph_rat_of(double x) { return ph_rat_from_double(x, PH_RAT_MAX_DEN); }

/* JavaScript's Number(string) for the forms the mini-notation produces. */
bool ph_parse_js_number(const char *s, size_t len, double *out);

/* Maps the whole and part of events [from, out->count) through t -> t * mul + add. */
void ph_events_affine(ph_events *out, uint32_t from, ph_rat mul, ph_rat add);
/* Adds delta to the times of events [from, count). */
void ph_events_shift(ph_events *out, uint32_t from, ph_rat delta);

/* Appends a copy of e to out. */
static inline bool ph_qpush_copy(ph_qctx *q, ph_events *out, const ph_event *e)
{
    ph_event copy = *e; /* e may point into out, which may move */
    ph_event *d = ph_qpush(q, out);
    if (!d) return false;
    *d = copy;
    return true;
}

/* pure(*value)'s events over span, as an inner query (ph_inner_fn; value is a ph_value *):
 * what ply, pressBy and chop squeeze into their events. */
ph_qstatus ph_pure_value_query(const void *value, ph_span span, ph_qctx *q, ph_events *out);

/* A pure node whose value is not flagged pure (so patterned transforms do not take the
 * __pure shortcut), as Strudel's mini-notation yields for top-level strings. */
ph_pat *ph_pure_unflagged(ph_heap *h, ph_value v);


/* Strudel's __pure shortcut applied when building (fast 2 of a pure 2 is fast_rat 2): the
 * result's events still get the pure argument's location after theirs, as Strudel's
 * register adds __pure_loc. pat itself when arg has no location; NULL on a heap error. */
ph_pat *ph_add_pure_locs(ph_heap *h, const ph_pat *pat, const ph_pat *arg);

/* Interns the words queries need (called by ph_heap_new). */
void ph_pat_app_init(void);

/* Polymeter with explicit weights (the steps of each input). */
ph_pat *ph_polymeter_weighted(ph_heap *h, const ph_pat *steps, const ph_pat *const *pats, const ph_rat *weights,
                              uint32_t n);

/* Bjorklund as Strudel's bjork(ons, steps): writes steps bits to out (arena). Returns
 * false for arguments Strudel rejects (non-integer, pulses > steps, steps > max). */
bool ph_bjork(double ons, double steps, double rot, ph_arena *a, uint8_t **out, int64_t *n);

#endif
