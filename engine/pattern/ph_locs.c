/* Source locations of events (Strudel's context.locations): joining two lists when events
 * combine. Lists are immutable and shared, so most events only copy a pointer; a join that
 * needs a new list takes it from the query's arena, as everything a query makes. */
#include "pattern/ph_pat_internal.h"

#include <string.h>

bool ph_qlocs_cat(ph_qctx *q, ph_event *e, const ph_loc *a, uint32_t na, const ph_loc *b, uint32_t nb)
{
    if (!q->want_locs) return true;
    if (nb == 0 || na >= PH_EVENT_MAX_LOCS) {
        e->locs = a;
        e->n_locs = na < PH_EVENT_MAX_LOCS ? na : PH_EVENT_MAX_LOCS;
        return true;
    }
    if (na == 0) {
        e->locs = b;
        e->n_locs = nb < PH_EVENT_MAX_LOCS ? nb : PH_EVENT_MAX_LOCS;
        return true;
    }
    if (nb > PH_EVENT_MAX_LOCS - na) nb = PH_EVENT_MAX_LOCS - na;
    /* counted as work: the lists are short, but a query must stay bounded whatever it joins */
    if (!ph_qwork(q, 1)) return false;
    ph_loc *l = ph_arena_alloc(q->arena, (size_t)(na + nb) * sizeof *l, _Alignof(ph_loc));
    if (!l) {
        if (q->status == PH_Q_OK) q->status = PH_Q_ARENA_FULL;
        return false;
    }
    memcpy(l, a, na * sizeof *l);
    memcpy(l + na, b, nb * sizeof *l);
    e->locs = l;
    e->n_locs = na + nb;
    return true;
}

/* ------------------------------------------------------------- add_locs */

typedef struct add_locs_data {
    const ph_loc *locs;
    uint32_t n;
} add_locs_data;

static ph_qstatus add_locs_query(const ph_pat *self, ph_span span, ph_qctx *q, ph_events *out)
{
    const add_locs_data *d = self->data;
    uint32_t from = out->count;
    if (ph_pat_query(self->in[0], span, q, out) || !q->want_locs) return q->status;
    for (uint32_t i = from; i < out->count; i++) {
        ph_event *e = &out->ev[i];
        if (!ph_qlocs_cat(q, e, e->locs, e->n_locs, d->locs, d->n)) break;
    }
    return q->status;
}

ph_pat *ph_add_pure_locs(ph_heap *h, const ph_pat *pat, const ph_pat *arg)
{
    if (!pat || !arg || arg->n_locs != 1) return (ph_pat *)pat;
    ph_pat *p = ph_pat_make(h, add_locs_query, &pat, 1, sizeof(add_locs_data));
    if (!p) return NULL;
    add_locs_data *d = p->data;
    d->locs = arg->locs; /* the argument's list lives in the same heap */
    d->n = 1;
    p->steps = pat->steps;
    return p;
}
