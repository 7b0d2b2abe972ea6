/* Helpers of the public event queries (ph_api_events.h). */
#include "api/ph_api_events.h"

#include <string.h>

#include "lang/ph_lang.h"

bool ph_api_span(ph_time from, ph_time to, ph_span *out, ph_diag *err)
{
    if (from.den <= 0 || to.den <= 0) {
        ph_diag_set(err, 0, 0, "a bad time");
        return false;
    }
    ph_rat a = ph_api_rat(from), b = ph_api_rat(to);
    if (ph_rat_gt(a, b)) {
        ph_diag_set(err, 0, 0, "the query ends before it begins");
        return false;
    }
    *out = ph_span_make(a, b);
    return true;
}

void ph_api_event_info(const ph_event *e, const char *value, ph_src_span *locs, ph_event_info *out)
{
    memset(out, 0, sizeof *out);
    out->has_whole = e->has_whole;
    if (e->has_whole) {
        out->whole_begin = ph_api_time(e->whole.begin);
        out->whole_end = ph_api_time(e->whole.end);
    }
    out->part_begin = ph_api_time(e->part.begin);
    out->part_end = ph_api_time(e->part.end);
    out->value = value;
    for (uint32_t i = 0; i < e->n_locs; i++) locs[i] = (ph_src_span){e->locs[i].begin, e->locs[i].end};
    out->locs = e->n_locs ? locs : NULL;
    out->n_locs = e->n_locs;
}
