/* Helpers for the pattern and mini-notation tests: parse, query, and print events the
 * way `phonon query` does ("WB WE PB PE VALUE" per event, sorted, joined by "; "). */
#ifndef PATTERN_TEST_UTIL_H
#define PATTERN_TEST_UTIL_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern/ph_mini.h"
#include "pattern/ph_pattern.h"

static inline void pt_format_events(const ph_events *ev, char *out, size_t size)
{
    size_t off = 0;
    out[0] = 0;
    for (uint32_t i = 0; i < ev->count && off < size; i++) {
        const ph_event *e = &ev->ev[i];
        char wb[48], we[48], pb[48], pe[48], v[128];
        ph_value_format(e->value, v, sizeof v);
        off += (size_t)snprintf(out + off, size - off, "%s%s %s %s %s %s", i ? "; " : "",
                                e->has_whole ? ph_rat_format(e->whole.begin, wb, sizeof wb) : "-",
                                e->has_whole ? ph_rat_format(e->whole.end, we, sizeof we) : "-",
                                ph_rat_format(e->part.begin, pb, sizeof pb),
                                ph_rat_format(e->part.end, pe, sizeof pe), v);
    }
}

/* Queries pat over [b, e) (rationals as "n/d" or decimals) and returns the sorted events
 * as a string (static buffer). */
static inline const char *pt_query(const ph_pat *pat, const char *b, const char *e)
{
    static char buf[1 << 16];
    ph_rat rb, re;
    cr_assert(ph_rat_parse(b, &rb) && ph_rat_parse(e, &re));
    ph_arena *a = ph_arena_new_growable(1 << 16);
    ph_events ev;
    ph_events_init(&ev);
    ph_qstatus st = ph_query(pat, ph_span_make(rb, re), a, &ev);
    cr_assert_eq(st, PH_Q_OK, "query failed: %s", ph_qstatus_str(st));
    ph_events_sort(&ev);
    pt_format_events(&ev, buf, sizeof buf);
    ph_arena_free(a);
    return buf;
}

/* Parses mini-notation (must succeed) into h. */
static inline ph_pat *pt_mini(ph_heap *h, const char *src)
{
    ph_mini_error err;
    ph_pat *p = ph_mini_parse(h, src, strlen(src), &err);
    cr_assert(p != NULL, "\"%s\": error at column %d: %s", src, err.column, err.message);
    return p;
}

/* Events of a mini-notation string over [b, e). */
static inline const char *pt_mini_query(const char *src, const char *b, const char *e)
{
    static char buf[1 << 16];
    ph_heap *h = ph_heap_new();
    snprintf(buf, sizeof buf, "%s", pt_query(pt_mini(h, src), b, e));
    ph_heap_free(h);
    return buf;
}

/* Number of events of a mini-notation string over [b, e). */
static inline uint32_t pt_mini_count(const char *src, const char *b, const char *e)
{
    ph_heap *h = ph_heap_new();
    ph_pat *p = pt_mini(h, src);
    ph_rat rb, re;
    cr_assert(ph_rat_parse(b, &rb) && ph_rat_parse(e, &re));
    ph_arena *a = ph_arena_new_growable(1 << 16);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query(p, ph_span_make(rb, re), a, &ev), PH_Q_OK);
    uint32_t n = ev.count;
    ph_arena_free(a);
    ph_heap_free(h);
    return n;
}

/* Parse error expected: returns the column. */
static inline int pt_mini_error(const char *src, char *msg, size_t msglen)
{
    ph_heap *h = ph_heap_new();
    ph_mini_error err;
    ph_pat *p = ph_mini_parse(h, src, strlen(src), &err);
    cr_assert(p == NULL, "\"%.60s\" should be an error", src);
    cr_assert(err.message[0] != 0, "an error needs a message");
    if (msg) snprintf(msg, msglen, "%s", err.message);
    ph_heap_free(h);
    return err.column;
}

#define ASSERT_MINI(src, b, e, want)                                                              \
    do {                                                                                          \
        const char *got_ = pt_mini_query(src, b, e);                                              \
        cr_assert_str_eq(got_, want, "\"%s\" over [%s, %s):\n got: %s\nwant: %s", src, b, e, got_, \
                         want);                                                                   \
    } while (0)

#endif
