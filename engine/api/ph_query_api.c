/* The public pattern query (phonon.h): a .ph expression evaluated into a pattern, queried
 * once with the events' source locations, its events copied out with their values
 * printed. Off the audio thread. */
#include <stdlib.h>
#include <string.h>

#include "api/ph_api_events.h"
#include "lang/ph_lang.h"
#include "compile/ph_compile.h"
#include "pattern/ph_pattern.h"
#include "phonon/phonon.h"

struct ph_query_result {
    ph_event_info *ev;
    uint32_t count;
    char *text;        /* every value, NUL-separated */
    ph_src_span *locs; /* every event's locations, one after the other */
};

bool ph_time_parse(const char *text, ph_time *out)
{
    ph_rat r;
    if (!text || !out || !ph_rat_parse(text, &r)) return false;
    *out = ph_api_time(r);
    return true;
}

int ph_time_compare(ph_time a, ph_time b) { return ph_rat_cmp(ph_api_rat(a), ph_api_rat(b)); }

char *ph_time_format(ph_time t, char *buf, size_t size)
{
    return ph_rat_format(ph_api_rat(t), buf, size > 0xffffffffu ? 0xffffffffu : (unsigned)size);
}

static ph_query_result *collect(const ph_events *ev, ph_diag *err)
{
    ph_query_result *r = calloc(1, sizeof *r);
    size_t text_len = 0, n_locs = 0;
    char val[512];
    for (uint32_t i = 0; i < ev->count; i++) {
        text_len += strlen(ph_value_format(ev->ev[i].value, val, sizeof val)) + 1;
        n_locs += ev->ev[i].n_locs;
    }
    if (r) {
        r->ev = calloc(ev->count ? ev->count : 1, sizeof *r->ev);
        r->text = malloc(text_len ? text_len : 1);
        r->locs = malloc((n_locs ? n_locs : 1) * sizeof *r->locs);
    }
    if (!r || !r->ev || !r->text || !r->locs) {
        ph_query_free(r);
        ph_diag_set(err, 0, 0, "out of memory");
        return NULL;
    }
    char *t = r->text;
    ph_src_span *l = r->locs;
    for (uint32_t i = 0; i < ev->count; i++) {
        const ph_event *e = &ev->ev[i];
        size_t n = strlen(ph_value_format(e->value, val, sizeof val));
        memcpy(t, val, n + 1);
        ph_api_event_info(e, t, l, &r->ev[i]);
        t += n + 1;
        l += e->n_locs;
    }
    r->count = ev->count;
    return r;
}

ph_query_result *ph_query_pattern(const char *expr, size_t len, ph_time from, ph_time to, ph_diag *err)
{
    ph_diag dummy;
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    ph_span span;
    if (!expr) {
        ph_diag_set(err, 0, 0, "no expression");
        return NULL;
    }
    if (!ph_api_span(from, to, &span, err)) return NULL;
    ph_heap *heap = ph_heap_new();
    ph_arena *arena = ph_arena_new_growable(1 << 16);
    ph_query_result *r = NULL;
    if (!heap || !arena) {
        ph_diag_set(err, 0, 0, "out of memory");
    } else {
        const ph_pat *pat = ph_eval_pattern_text(heap, expr, len, err);
        if (pat) {
            ph_events ev;
            ph_events_init(&ev);
            ph_qstatus q = ph_query_locs(pat, span, arena, &ev);
            if (q != PH_Q_OK) {
                ph_diag_set(err, 0, 0, "the query failed: %s", ph_qstatus_str(q));
            } else {
                ph_events_sort(&ev);
                r = collect(&ev, err);
            }
        }
    }
    ph_arena_free(arena);
    ph_heap_free(heap);
    return r;
}

uint32_t ph_query_count(const ph_query_result *r) { return r ? r->count : 0; }

const ph_event_info *ph_query_event(const ph_query_result *r, uint32_t index)
{
    return r && index < r->count ? &r->ev[index] : NULL;
}

void ph_query_free(ph_query_result *r)
{
    if (!r) return;
    free(r->ev);
    free(r->text);
    free(r->locs);
    free(r);
}
