/* What the public event queries (ph_query_api.c, ph_program_events.c) share: exact time
 * between ph_rat and ph_time, and one pattern event as the API shows it. Private to
 * engine/api/. */
#ifndef PH_API_EVENTS_H
#define PH_API_EVENTS_H

#include "core/ph_rational.h"
#include "pattern/ph_pattern.h"
#include "phonon/phonon.h"

static inline ph_time ph_api_time(ph_rat r) { return (ph_time){r.n, r.d}; }
static inline ph_rat ph_api_rat(ph_time t) { return ph_rat_make(t.num, t.den); }

/* Checks a query span [from, to) given through the API; false with *err filled. */
bool ph_api_span(ph_time from, ph_time to, ph_span *out, ph_diag *err);

/* e as the API shows it: times, value (the text at `value`), locations (copied to locs,
 * which has room for e->n_locs). */
void ph_api_event_info(const ph_event *e, const char *value, ph_src_span *locs, ph_event_info *out);

#endif
