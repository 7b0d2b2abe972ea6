/* libFuzzer target: the mini-notation parser and the query path. Any input must give a
 * pattern or an error (never a crash, hang or sanitizer report); a pattern is then
 * queried over a few spans with a FIXED arena and a bounded amount of work, as the
 * render loop does. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pattern/ph_mini.h"
#include "pattern/ph_pattern.h"

static ph_arena *arena;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;
    if (!arena) arena = ph_arena_new_fixed(1 << 20);
    ph_heap *h = ph_heap_new();
    ph_mini_error err;
    ph_pat *p = ph_mini_parse(h, (const char *)data, size, &err);
    if (!p) {
        /* an error must say where and what */
        if (err.message[0] == 0 || err.column < -1 || err.column > (int)size) abort();
    } else {
        static const int64_t spans[][4] = {{0, 1, 1, 1}, {1, 3, 7, 3}, {-5, 2, 3, 4}, {1000000007, 1, 1000000009, 1},
                                           {1, 2, 1, 2}};
        for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++) {
            ph_arena_reset(arena);
            ph_events ev;
            ph_events_init(&ev);
            ph_span s = ph_span_make(ph_rat_make(spans[i][0], spans[i][1]), ph_rat_make(spans[i][2], spans[i][3]));
            ph_qstatus st = ph_query_limited(p, s, arena, &ev, 20000);
            if (st == PH_Q_OK) {
                for (uint32_t k = 0; k < ev.count; k++) {
                    const ph_event *e = &ev.ev[k];
                    /* parts lie inside the query (zero-width queries give points) */
                    if (ph_rat_lt(e->part.begin, s.begin) || ph_rat_gt(e->part.end, s.end)) abort();
                    if (ph_rat_gt(e->part.begin, e->part.end)) abort();
                    if (e->value.kind == PH_VAL_NUM && !(e->value.u.num == e->value.u.num)) abort();
                }
                ph_events_sort(&ev);
            }
        }
    }
    ph_heap_free(h);
    return 0;
}
