/* Source locations of events (ph_event.locs, Strudel's hap.context.locations): each atom
 * of the mini-notation gives its [begin, end), and combining events joins the lists in
 * Strudel 1.2.6's order. The expected lists follow Strudel's code (pattern.mjs, mini.mjs):
 * appLeft/appRight/appBoth put the value pattern's (right) locations before the function
 * pattern's (left); innerJoin (patterned arguments) the argument's before the pattern's;
 * squeezeJoin the inner's before the outer's; the __pure shortcut (a pure argument such as
 * the `2` of `x*2`) appends the argument's location (__pure_loc). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "pattern/ph_mini.h"
#include "pattern/ph_pattern.h"
#include "pattern/ph_registry.h"

/* Queries pat over [b, e) with locations: "PB PE VALUE @b-e ..." per event, sorted, joined
 * by "; " (static buffer). */
static const char *locs_query(const ph_pat *pat, int64_t b, int64_t e)
{
    static char buf[1 << 14];
    ph_arena *a = ph_arena_new_growable(1 << 14);
    ph_events ev;
    ph_events_init(&ev);
    ph_qstatus st = ph_query_locs(pat, ph_span_make(ph_rat_int(b), ph_rat_int(e)), a, &ev);
    cr_assert_eq(st, PH_Q_OK, "query failed: %s", ph_qstatus_str(st));
    ph_events_sort(&ev);
    size_t off = 0;
    buf[0] = 0;
    for (uint32_t i = 0; i < ev.count && off < sizeof buf; i++) {
        const ph_event *x = &ev.ev[i];
        char pb[32], pe[32], v[64];
        off += (size_t)snprintf(buf + off, sizeof buf - off, "%s%s %s %s", i ? "; " : "",
                                ph_rat_format(x->part.begin, pb, sizeof pb), ph_rat_format(x->part.end, pe, sizeof pe),
                                ph_value_format(x->value, v, sizeof v));
        for (uint32_t k = 0; k < x->n_locs && off < sizeof buf; k++)
            off += (size_t)snprintf(buf + off, sizeof buf - off, " @%u-%u", x->locs[k].begin, x->locs[k].end);
    }
    ph_arena_free(a);
    return buf;
}

static ph_pat *mini_at(ph_heap *h, const char *src, uint32_t base)
{
    ph_mini_error err;
    ph_pat *p = ph_mini_parse_at(h, src, strlen(src), base, &err);
    cr_assert(p, "\"%s\": %s", src, err.message);
    return p;
}

#define ASSERT_LOCS(pat, b, e, want)                                                       \
    do {                                                                                   \
        const char *got_ = locs_query(pat, b, e);                                          \
        cr_assert_str_eq(got_, want, "over [%d, %d):\n got: %s\nwant: %s", b, e, got_, want); \
    } while (0)

/* "bd [sn cp]*2 <hh oh>": bd 0-2, sn 4-6, cp 7-9, the `2` 11-12, hh 14-16, oh 17-19. */
Test(locations, atoms_of_a_sequence)
{
    ph_heap *h = ph_heap_new();
    ph_pat *p = mini_at(h, "bd [sn cp]*2 <hh oh>", 0);
    ASSERT_LOCS(p, 0, 2,
                "0/1 1/3 bd @0-2; 1/3 5/12 sn @4-6 @11-12; 5/12 1/2 cp @7-9 @11-12; "
                "1/2 7/12 sn @4-6 @11-12; 7/12 2/3 cp @7-9 @11-12; 2/3 1/1 hh @14-16; "
                "1/1 4/3 bd @0-2; 4/3 17/12 sn @4-6 @11-12; 17/12 3/2 cp @7-9 @11-12; "
                "3/2 19/12 sn @4-6 @11-12; 19/12 5/3 cp @7-9 @11-12; 5/3 2/1 oh @17-19");
    ph_heap_free(h);
}

/* The evaluator gives the string's place in the program text: every span moves by it. */
Test(locations, base_offsets_every_span)
{
    ph_heap *h = ph_heap_new();
    ph_pat *p = mini_at(h, "bd [sn cp]*2", 100);
    ASSERT_LOCS(p, 0, 1,
                "0/1 1/2 bd @100-102; 1/2 5/8 sn @104-106 @111-112; 5/8 3/4 cp @107-109 @111-112; "
                "3/4 7/8 sn @104-106 @111-112; 7/8 1/1 cp @107-109 @111-112");
    ph_heap_free(h);
}

/* Operator arguments are atoms too: euclid's k and n (pure shortcut, after the step),
 * `:` (appLeft: the index first), `..` (squeeze of a bind: the end, then the start), a
 * chord's notes all come from the whole step. */
Test(locations, operator_arguments)
{
    ph_heap *h = ph_heap_new();
    ASSERT_LOCS(mini_at(h, "bd(3,8)", 0), 0, 1,
                "0/1 1/8 bd @0-2 @3-4 @5-6; 3/8 1/2 bd @0-2 @3-4 @5-6; 3/4 7/8 bd @0-2 @3-4 @5-6");
    ASSERT_LOCS(mini_at(h, "bd:3 sn", 0), 0, 1, "0/1 1/2 bd:3 @3-4 @0-2; 1/2 1/1 sn @5-7");
    ASSERT_LOCS(mini_at(h, "0 .. 2", 0), 0, 1, "0/1 1/3 0 @5-6 @0-1; 1/3 2/3 1 @5-6 @0-1; 2/3 1/1 2 @5-6 @0-1");
    ASSERT_LOCS(mini_at(h, "c'maj", 0), 0, 1, "0/1 1/1 0 @0-5; 0/1 1/1 4 @0-5; 0/1 1/1 7 @0-5");
    ASSERT_LOCS(mini_at(h, "bd sn/2", 0), 0, 1, "0/1 1/2 bd @0-2; 1/2 1/1 sn @3-5 @6-7");
    ph_heap_free(h);
}

/* fast "<1 2>": a patterned argument (a top-level string is never pure), so innerJoin puts
 * the argument's atom first, then the pattern's. */
Test(locations, patterned_fast)
{
    ph_heap *h = ph_heap_new();
    ph_pat *pat = mini_at(h, "bd sn", 0);
    ph_pat *f = ph_fast(h, mini_at(h, "<1 2>", 10), pat);
    ASSERT_LOCS(f, 0, 2,
                "0/1 1/2 bd @11-12 @0-2; 1/2 1/1 sn @11-12 @3-5; "
                "1/1 5/4 bd @13-14 @0-2; 5/4 3/2 sn @13-14 @3-5; "
                "3/2 7/4 bd @13-14 @0-2; 7/4 2/1 sn @13-14 @3-5");
    /* a plain number (written outside a string) has no location: fast 2 adds none */
    ASSERT_LOCS(ph_fast(h, ph_pure_num(h, 2), pat), 0, 1,
                "0/1 1/4 bd @0-2; 1/4 1/2 sn @3-5; 1/2 3/4 bd @0-2; 3/4 1/1 sn @3-5");
    ph_heap_free(h);
}

/* every 2 (fast 2): the function applies to cycle 0 only; events keep their atoms. With a
 * patterned count the count's atom comes first (register's innerJoin). */
Test(locations, every_keeps_and_adds_the_count)
{
    ph_heap *h = ph_heap_new();
    char err[160];
    ph_pat *pat = mini_at(h, "bd sn", 0);
    ph_tfunc fast2 = {.name = "fast", .nargs = 1, .args = {ph_targ_pat(ph_pure_num(h, 2))}};
    ph_targ a[2] = {ph_targ_pat(ph_pure_num(h, 2)), ph_targ_func(&fast2)};
    ph_pat *e = ph_transform_apply(h, "every", a, 2, pat, err, sizeof err);
    cr_assert(e, "%s", err);
    ASSERT_LOCS(e, 0, 2,
                "0/1 1/4 bd @0-2; 1/4 1/2 sn @3-5; 1/2 3/4 bd @0-2; 3/4 1/1 sn @3-5; "
                "1/1 3/2 bd @0-2; 3/2 2/1 sn @3-5");
    a[0] = ph_targ_pat(mini_at(h, "2", 20));
    e = ph_transform_apply(h, "every", a, 2, pat, err, sizeof err);
    cr_assert(e, "%s", err);
    ASSERT_LOCS(e, 1, 2, "1/1 3/2 bd @20-21 @0-2; 3/2 2/1 sn @20-21 @3-5");
    ph_heap_free(h);
}

/* stack and cat keep each event's own atoms. */
Test(locations, stack_and_cat)
{
    ph_heap *h = ph_heap_new();
    const ph_pat *two[2] = {mini_at(h, "a b", 0), mini_at(h, "c", 50)};
    ASSERT_LOCS(ph_stack(h, two, 2), 0, 1, "0/1 1/2 a @0-1; 0/1 1/1 c @50-51; 1/2 1/1 b @2-3");
    ASSERT_LOCS(ph_slowcat(h, two, 2), 0, 2, "0/1 1/2 a @0-1; 1/2 1/1 b @2-3; 1/1 2/1 c @50-51");
    ph_heap_free(h);
}

/* app*: Strudel's appWhole/appLeft/appRight all build the context as
 * hap_val.combineContext(hap_func): the right (value) pattern's atoms first. */
Test(locations, app_joins_right_then_left)
{
    ph_heap *h = ph_heap_new();
    ph_pat *l = mini_at(h, "0 1", 0), *r = mini_at(h, "10 20 30", 10);
    ASSERT_LOCS(ph_app(h, PH_STRUCT_LEFT, ph_op_add, NULL, 0, l, r), 0, 1,
                "0/1 1/3 10 @10-12 @0-1; 1/3 1/2 20 @13-15 @0-1; 1/2 2/3 21 @13-15 @2-3; 2/3 1/1 31 @16-18 @2-3");
    ASSERT_LOCS(ph_app(h, PH_STRUCT_RIGHT, ph_op_add, NULL, 0, l, r), 0, 1,
                "0/1 1/3 10 @10-12 @0-1; 1/3 1/2 20 @13-15 @0-1; 1/2 2/3 21 @13-15 @2-3; 2/3 1/1 31 @16-18 @2-3");
    ASSERT_LOCS(ph_app(h, PH_STRUCT_BOTH, ph_op_add, NULL, 0, l, r), 0, 1,
                "0/1 1/3 10 @10-12 @0-1; 1/3 1/2 20 @13-15 @0-1; 1/2 2/3 21 @13-15 @2-3; 2/3 1/1 31 @16-18 @2-3");
    /* struct: keepif.out, so the booleans' atoms, then the values' */
    char err[160];
    ph_targ t = ph_targ_pat(mini_at(h, "t ~ t", 30));
    ph_pat *s = ph_transform_apply(h, "struct", &t, 1, mini_at(h, "bd", 0), err, sizeof err);
    cr_assert(s, "%s", err);
    ASSERT_LOCS(s, 0, 1, "0/1 1/3 bd @30-31 @0-2; 2/3 1/1 bd @34-35 @0-2");
    ph_heap_free(h);
}

/* ply "2": squeezeJoin (inner pure: no atoms, then the outer event's), inside innerJoin
 * (the count's atom first). */
Test(locations, squeeze_through_ply)
{
    ph_heap *h = ph_heap_new();
    ASSERT_LOCS(ph_ply(h, mini_at(h, "2", 40), mini_at(h, "bd sn", 0)), 0, 1,
                "0/1 1/4 bd @40-41 @0-2; 1/4 1/2 bd @40-41 @0-2; 1/2 3/4 sn @40-41 @3-5; 3/4 1/1 sn @40-41 @3-5");
    ph_heap_free(h);
}

/* A pattern combined with itself over and over would double its list at each level: lists
 * stop at PH_EVENT_MAX_LOCS, and the query stays bounded. */
Test(locations, lists_are_cut)
{
    ph_heap *h = ph_heap_new();
    const ph_pat *p = mini_at(h, "1", 0);
    for (int i = 0; i < 12; i++) p = ph_app(h, PH_STRUCT_LEFT, ph_op_add, NULL, 0, p, p);
    ph_arena *a = ph_arena_new_growable(1 << 14);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query_locs(p, ph_span_make(ph_rat_int(0), ph_rat_int(1)), a, &ev), PH_Q_OK);
    cr_assert_eq(ev.count, 1);
    cr_assert_eq(ev.ev[0].n_locs, PH_EVENT_MAX_LOCS);
    for (uint32_t k = 0; k < ev.ev[0].n_locs; k++) cr_assert(ev.ev[0].locs[k].begin == 0 && ev.ev[0].locs[k].end == 1);
    ph_arena_free(a);
    ph_heap_free(h);
}

/* A query that does not ask spends nothing: no event has a list. And a fixed arena too
 * small for the joined lists reports it instead of allocating. */
Test(locations, only_when_asked_and_only_from_the_arena)
{
    ph_heap *h = ph_heap_new();
    ph_pat *l = mini_at(h, "0 1 2 3", 0), *r = mini_at(h, "10*64", 10);
    ph_pat *p = ph_app(h, PH_STRUCT_LEFT, ph_op_add, NULL, 0, l, r);
    ph_arena *a = ph_arena_new_growable(1 << 14);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query(p, ph_span_make(ph_rat_int(0), ph_rat_int(1)), a, &ev), PH_Q_OK);
    cr_assert_eq(ev.count, 64);
    for (uint32_t i = 0; i < ev.count; i++) cr_assert(ev.ev[i].n_locs == 0 && ev.ev[i].locs == NULL);
    ph_arena_free(a);

    size_t need = 0;
    for (size_t bytes = 2048; bytes < (1u << 20) && !need; bytes += 512) {
        ph_arena *f = ph_arena_new_fixed(bytes);
        ph_events_init(&ev);
        ph_qstatus st = ph_query_locs(p, ph_span_make(ph_rat_int(0), ph_rat_int(1)), f, &ev);
        cr_assert(st == PH_Q_OK || st == PH_Q_ARENA_FULL, "%s", ph_qstatus_str(st));
        if (st == PH_Q_OK) {
            need = bytes;
            cr_assert_eq(ev.count, 64);
            cr_assert_eq(ev.ev[0].n_locs, 3); /* 10, *64 (the pure shortcut), then 0 */
        }
        ph_arena_free(f);
    }
    cr_assert(need > 0, "no fixed arena size was enough");
    ph_heap_free(h);
}
