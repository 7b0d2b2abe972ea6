/* Sample slicing (chop, striate: begin/end controls as Strudel sets them), the extra
 * numeric transforms (rangex, range2, mod, pow) and chooseCycles/randcat. */
#include <math.h>

#include "test_tf_helpers.h"

Test(tf_sample, chop)
{
    TF_CHECK("a b", "chop 2", I(0), I(1),
             "0/1 1/4 0/1 1/4 {begin: 0, end: 0.5, s: a}\n1/4 1/2 1/4 1/2 {begin: 0.5, end: 1, s: a}\n"
             "1/2 3/4 1/2 3/4 {begin: 0, end: 0.5, s: b}\n3/4 1/1 3/4 1/1 {begin: 0.5, end: 1, s: b}\n");
    /* a fragment keeps the slices' wholes */
    TF_CHECK("a", "chop 2", R(1, 4), R(3, 4),
             "0/1 1/2 1/4 1/2 {begin: 0, end: 0.5, s: a}\n1/2 1/1 1/2 3/4 {begin: 0.5, end: 1, s: a}\n");
    /* a slice of a slice */
    TF_CHECK("a", "chop 2 $ chop 2", I(0), I(1),
             "0/1 1/4 0/1 1/4 {begin: 0, end: 0.25, s: a}\n1/4 1/2 1/4 1/2 {begin: 0.25, end: 0.5, s: a}\n"
             "1/2 3/4 1/2 3/4 {begin: 0.5, end: 0.75, s: a}\n3/4 1/1 3/4 1/1 {begin: 0.75, end: 1, s: a}\n");
    TF_CHECK("a", "chop 0", I(0), I(1), "");
    TF_CHECK("a", "chop \"<1 2>\"", I(1), I(2),
             "1/1 3/2 1/1 3/2 {begin: 0, end: 0.5, s: a}\n3/2 2/1 3/2 2/1 {begin: 0.5, end: 1, s: a}\n");
}

Test(tf_sample, striate)
{
    TF_CHECK("a b", "striate 2", I(0), I(1),
             "0/1 1/4 0/1 1/4 {begin: 0, end: 0.5, s: a}\n1/4 1/2 1/4 1/2 {begin: 0, end: 0.5, s: b}\n"
             "1/2 3/4 1/2 3/4 {begin: 0.5, end: 1, s: a}\n3/4 1/1 3/4 1/1 {begin: 0.5, end: 1, s: b}\n");
    TF_CHECK("3", "striate 1", I(0), I(1), "0/1 1/1 0/1 1/1 {begin: 0, end: 1, n: 3}\n");
}

Test(tf_sample, rangex_range2_mod_pow)
{
    TF_CHECK("-1 0 1", "range2 0 10", I(0), I(1),
             "0/1 1/3 0/1 1/3 0\n1/3 2/3 1/3 2/3 5\n2/3 1/1 2/3 1/1 10\n");
    TF_CHECK("5 7", "mod 3", I(0), I(1), "0/1 1/2 0/1 1/2 2\n1/2 1/1 1/2 1/1 1\n");
    TF_CHECK("3", "pow 2", I(0), I(1), "0/1 1/1 0/1 1/1 9\n");
    ph_heap *h = ph_heap_new();
    char err[256] = "";
    const ph_pat *p = tf_build(h, "0 0.5 1", "rangex 100 10000", err, sizeof err);
    cr_assert(p, "%s", err);
    ph_arena *a = ph_arena_new_growable(4096);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query(p, ph_span_make(I(0), I(1)), a, &ev), PH_Q_OK);
    ph_events_sort(&ev);
    cr_assert_eq(ev.count, 3u);
    const double want[3] = {100, 1000, 10000};
    for (int i = 0; i < 3; i++)
        cr_expect(fabs(ev.ev[i].value.u.num - want[i]) < 1e-9 * want[i], "%g", ev.ev[i].value.u.num);
    ph_arena_free(a);
    ph_heap_free(h);
}

Test(tf_sample, choose_cycles)
{
    /* the mini-notation's first `|` has seed 0: the same choice as chooseCycles */
    TF_SAME(NULL, "chooseCycles \"a\" \"b\" \"c\" $ fast 8", "[a | b | c]*8", "", I(0), I(4));
    TF_SAME(NULL, "randcat \"a\" \"b c\"", NULL, "chooseCycles \"a\" \"b c\"", I(0), I(8));
}
