/* Event cache around the playhead (see ph_ui_events.h). */
#include "ph_ui_events.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void ph_ui_events_free(ph_ui_events *c)
{
    free(c->ev);
    free(c->locs);
    *c = (ph_ui_events){0};
}

void ph_ui_events_invalidate(ph_ui_events *c)
{
    c->n = c->n_locs = 0;
    c->from = 0;
    c->to = -1;
}

static void add(void *user, const ph_ui_event *e)
{
    ph_ui_events *c = user;
    if (c->n >= PH_UI_EV_MAX) {
        c->dropped++;
        return;
    }
    if (c->n == c->cap) {
        const size_t cap = c->cap ? c->cap * 2 : 256;
        ph_ui_ev *v = realloc(c->ev, cap * sizeof *v);
        if (!v) return;
        c->ev = v;
        c->cap = cap;
    }
    if (c->n_locs + e->n_locs > c->cap_locs) {
        size_t cap = c->cap_locs ? c->cap_locs : 256;
        while (cap < c->n_locs + e->n_locs) cap *= 2;
        ph_ui_loc *l = realloc(c->locs, cap * sizeof *l);
        if (!l) return;
        c->locs = l;
        c->cap_locs = cap;
    }
    ph_ui_ev *x = &c->ev[c->n++];
    x->begin = e->begin;
    x->end = e->end;
    x->has_whole = e->has_whole;
    snprintf(x->value, sizeof x->value, "%s", e->value ? e->value : "");
    x->loc0 = (uint32_t)c->n_locs;
    x->n_locs = e->n_locs;
    if (e->n_locs) memcpy(c->locs + c->n_locs, e->locs, e->n_locs * sizeof *e->locs);
    c->n_locs += e->n_locs;
}

void ph_ui_events_update(ph_ui_events *c, ph_ui_source *src, double cycle)
{
    if (!isfinite(cycle)) return;
    const double from = floor(cycle) - 2, to = floor(cycle) + 3;
    if (c->to > c->from && from == c->from && to == c->to) return;
    c->n = c->n_locs = 0;
    c->from = from;
    c->to = to;
    if (src) ph_ui_source_events(src, from, to, add, c);
}
