/* Conditional transforms on exact event lists, expected events worked out by hand from
 * Strudel 1.2's definitions: every/firstOf/lastOf (slowcatPrime, JavaScript's % on
 * negative cycles), palindrome, whenmod (Tidal's), within, chunk/chunkBack/fastChunk,
 * the sometimesBy family and someCyclesBy. */
#include "test_tf_helpers.h"

#define AB0 "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n"

Test(tf_cond, every_first_last)
{
    TF_CHECK("a b", "every 2 (fast 2)", I(0), I(2),
             "0/1 1/4 0/1 1/4 a\n1/4 1/2 1/4 1/2 b\n1/2 3/4 1/2 3/4 a\n3/4 1/1 3/4 1/1 b\n"
             "1/1 3/2 1/1 3/2 a\n3/2 2/1 3/2 2/1 b\n");
    TF_SAME("a b", "firstOf 3 (rev)", "a b", "every 3 (rev)", I(0), I(6));
    TF_CHECK("a b", "lastOf 3 (rev)", I(1), I(3),
             "1/1 3/2 1/1 3/2 a\n3/2 2/1 3/2 2/1 b\n2/1 5/2 2/1 5/2 b\n5/2 3/1 5/2 3/1 a\n");
    /* patterned count: cycles 0 (n=2: 0%2=0), 1 (n=3: 1), 2 (n=2: 0), 3 (n=3: 0) */
    TF_CHECK("a b", "every \"<2 3>\" (rev)", I(0), I(4),
             "0/1 1/2 0/1 1/2 b\n1/2 1/1 1/2 1/1 a\n1/1 3/2 1/1 3/2 a\n3/2 2/1 3/2 2/1 b\n"
             "2/1 5/2 2/1 5/2 b\n5/2 3/1 5/2 3/1 a\n3/1 7/2 3/1 7/2 b\n7/2 4/1 7/2 4/1 a\n");
    TF_CHECK("a b", "every 1 (rev)", I(0), I(1), "0/1 1/2 0/1 1/2 b\n1/2 1/1 1/2 1/1 a\n");
}

Test(tf_cond, every_on_negative_cycles_is_silent_as_in_strudel)
{
    /* slowcatPrime indexes with floor(t) % n: -1 % 2 is -1, no pattern there */
    TF_CHECK("a b", "every 2 (rev)", I(-2), I(0), "-2/1 -3/2 -2/1 -3/2 b\n-3/2 -1/1 -3/2 -1/1 a\n");
    TF_CHECK("a b", "lastOf 2 (rev)", I(-2), I(0), "-2/1 -3/2 -2/1 -3/2 a\n-3/2 -1/1 -3/2 -1/1 b\n");
}

Test(tf_cond, every_bad_counts_are_errors)
{
    TF_ERROR("a b", "every 0 (rev)", "whole number");
    TF_ERROR("a b", "every 1.5 (rev)", "whole number");
    TF_ERROR("a b", "lastOf -1 (rev)", "whole number");
    /* patterned: a bad value silences its cycles only */
    TF_CHECK("a b", "every \"<1 0>\" (rev)", I(0), I(2), "0/1 1/2 0/1 1/2 b\n1/2 1/1 1/2 1/1 a\n");
}

Test(tf_cond, when_apply)
{
    TF_CHECK("a b", "when \"<0 1>\" (rev)", I(0), I(2),
             "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n1/1 3/2 1/1 3/2 b\n3/2 2/1 3/2 2/1 a\n");
    /* a boolean pattern inside the cycle cuts the query */
    TF_CHECK("a", "when \"1 0\" (0.5 ~>)", I(0), I(1), "-1/2 1/2 0/1 1/2 a\n0/1 1/1 1/2 1/1 a\n");
    TF_SAME("a b", "apply (rev)", "a b", "rev", I(0), I(2));
}

Test(tf_cond, palindrome)
{
    TF_CHECK("a b c", "palindrome", I(0), I(2),
             "0/1 1/3 0/1 1/3 a\n1/3 2/3 1/3 2/3 b\n2/3 1/1 2/3 1/1 c\n"
             "1/1 4/3 1/1 4/3 c\n4/3 5/3 4/3 5/3 b\n5/3 2/1 5/3 2/1 a\n");
}

Test(tf_cond, whenmod)
{
    TF_CHECK("a b", "whenmod 4 2 (rev)", I(0), I(4),
             AB0 "1/1 3/2 1/1 3/2 a\n3/2 2/1 3/2 2/1 b\n"
                 "2/1 5/2 2/1 5/2 b\n5/2 3/1 5/2 3/1 a\n3/1 7/2 3/1 7/2 b\n7/2 4/1 7/2 4/1 a\n");
    TF_CHECK("a b", "whenmod 0 0 (rev)", I(0), I(1), "");
}

Test(tf_cond, within)
{
    /* onsets in [0, 0.5] (a, b, c) go through fast 2; d stays */
    TF_CHECK("a b c d", "within 0 0.5 (fast 2)", I(0), I(1),
             "0/1 1/8 0/1 1/8 a\n1/8 1/4 1/8 1/4 b\n1/4 3/8 1/4 3/8 c\n1/2 5/8 1/2 5/8 a\n"
             "5/8 3/4 5/8 3/4 b\n3/4 7/8 3/4 7/8 c\n3/4 1/1 3/4 1/1 d\n");
    /* patterned bounds */
    TF_CHECK("a b c d", "within \"<0 0.5>\" 0.5 (rev)", I(1), I(2),
             "1/1 5/4 1/1 5/4 a\n5/4 3/2 5/4 3/2 b\n5/4 3/2 5/4 3/2 c\n7/4 2/1 7/4 2/1 d\n");
}

Test(tf_cond, chunk)
{
    TF_CHECK("0 1 2 3", "chunk 4 (add 10)", I(1), I(2),
             "1/1 5/4 1/1 5/4 0\n5/4 3/2 5/4 3/2 11\n3/2 7/4 3/2 7/4 2\n7/4 2/1 7/4 2/1 3\n");
    TF_CHECK("0 1 2 3", "chunkBack 4 (add 10)", I(1), I(2),
             "1/1 5/4 1/1 5/4 0\n5/4 3/2 5/4 3/2 1\n3/2 7/4 3/2 7/4 2\n7/4 2/1 7/4 2/1 13\n");
    /* chunk repeats each cycle n times (repeatCycles); the function sees the repeated
     * pattern: rev of [a b] in the first half is b, of [a b] in the second half a */
    TF_CHECK("<[a b] [c d]>", "chunk 2 (rev)", I(0), I(4),
             "0/1 1/2 0/1 1/2 b\n1/2 1/1 1/2 1/1 b\n1/1 3/2 1/1 3/2 a\n3/2 2/1 3/2 2/1 a\n"
             "2/1 5/2 2/1 5/2 d\n5/2 3/1 5/2 3/1 d\n3/1 7/2 3/1 7/2 c\n7/2 4/1 7/2 4/1 c\n");
    /* fastChunk does not repeat cycles */
    TF_CHECK("<[a b] [c d]>", "fastChunk 2 (rev)", I(0), I(2),
             "0/1 1/2 0/1 1/2 b\n1/2 1/1 1/2 1/1 b\n1/1 3/2 1/1 3/2 c\n3/2 2/1 3/2 2/1 c\n");
    /* patterned count, and the split at the chunk boundaries of an event across them */
    TF_CHECK("0 1 2 3", "chunk \"<2 4>\" (add 10)", I(0), I(2),
             "0/1 1/4 0/1 1/4 10\n1/4 1/2 1/4 1/2 11\n1/2 3/4 1/2 3/4 2\n3/4 1/1 3/4 1/1 3\n"
             "1/1 5/4 1/1 5/4 0\n5/4 3/2 5/4 3/2 11\n3/2 7/4 3/2 7/4 2\n7/4 2/1 7/4 2/1 3\n");
    TF_CHECK("a", "chunk 2 (fast 1)", I(0), I(1), "0/1 1/1 0/1 1/2 a\n0/1 1/1 1/2 1/1 a\n");
    TF_ERROR("a", "chunk 0 (rev)", "whole number");
}

Test(tf_cond, sometimes_by_extremes)
{
    /* rand is exactly 0 at t = 0, where Strudel keeps neither side (0 > 0 and 1 > 1 are
     * both false): the extremes hold from cycle 1 */
    TF_CHECK("0 1", "sometimesBy 0 (add 100)", I(0), I(1), "1/2 1/1 1/2 1/1 1\n");
    TF_SAME("0*8", "sometimesBy 0 (add 100)", "0*8", "", I(1), I(3));
    TF_SAME("0*8", "sometimesBy 1 (add 100)", "100*8", "", I(0), I(3));
    TF_SAME("0 1", "someCyclesBy 0 (add 100)", "0 1", "", I(1), I(4));
    TF_SAME("0 1", "someCyclesBy 1 (add 100)", "100 101", "", I(1), I(4));
    TF_SAME("0 1", "always (add 100)", "100 101", "", I(0), I(1));
    TF_SAME("0 1", "never (add 100)", "0 1", "", I(0), I(1));
}

Test(tf_cond, sometimes_by_splits_at_cycles_as_strudel)
{
    /* reify(x).fmap(...).innerJoin(): the query is cut at cycle boundaries */
    TF_CHECK("a/2", "(0.5 ~>) $ sometimesBy 0 (rev)", I(0), I(3),
             "-3/2 1/2 0/1 1/2 a\n1/2 5/2 1/2 1/1 a\n1/2 5/2 1/1 2/1 a\n1/2 5/2 2/1 5/2 a\n"
             "5/2 9/2 5/2 3/1 a\n");
}

/* Every event comes out once: either as it is or transformed. */
static void check_partition(const char *chain)
{
    ph_heap *h = ph_heap_new();
    char err[256] = "";
    const ph_pat *p = tf_build(h, "0*16", chain, err, sizeof err);
    cr_assert(p, "%s: %s", chain, err);
    ph_arena *a = ph_arena_new_growable(1 << 16);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query(p, ph_span_make(I(0), I(4)), a, &ev), PH_Q_OK);
    cr_expect_eq(ev.count, 64u, "%s: %u events", chain, ev.count);
    int changed = 0;
    for (uint32_t i = 0; i < ev.count; i++) {
        cr_expect(ev.ev[i].value.u.num == 0 || ev.ev[i].value.u.num == 100);
        changed += ev.ev[i].value.u.num == 100;
    }
    cr_expect(changed > 0 && changed < 64, "%s: %d of 64 changed", chain, changed);
    ph_arena_free(a);
    ph_heap_free(h);
}

Test(tf_cond, sometimes_family_partitions_events)
{
    check_partition("sometimes (add 100)");
    check_partition("often (add 100)");
    check_partition("rarely (add 100)");
    check_partition("almostNever (add 100)");
    check_partition("almostAlways (add 100)");
    check_partition("someCycles (add 100)");
    check_partition("sometimesBy \"<0.2 0.8>\" (add 100)");
    TF_SAME("0*8", "sometimes (add 1)", "0*8", "sometimesBy 0.5 (add 1)", I(0), I(4));
    TF_SAME("0*8", "often (add 1)", "0*8", "sometimesBy 0.75 (add 1)", I(0), I(4));
    TF_SAME("0*8", "someCycles (add 1)", "0*8", "someCyclesBy 0.5 (add 1)", I(0), I(4));
}

Test(tf_cond, some_cycles_decides_per_cycle)
{
    /* within a cycle, all events are transformed or none */
    ph_heap *h = ph_heap_new();
    char err[256] = "";
    const ph_pat *p = tf_build(h, "0*8", "someCyclesBy 0.5 (add 100)", err, sizeof err);
    cr_assert(p, "%s", err);
    ph_arena *a = ph_arena_new_growable(1 << 16);
    int mixed = 0, on = 0;
    for (int c = 0; c < 16; c++) {
        ph_events ev;
        ph_events_init(&ev);
        cr_assert_eq(ph_query(p, ph_span_make(I(c), I(c + 1)), a, &ev), PH_Q_OK);
        cr_assert_eq(ev.count, 8u);
        int n = 0;
        for (uint32_t i = 0; i < ev.count; i++) n += ev.ev[i].value.u.num == 100;
        mixed += n != 0 && n != 8;
        on += n == 8;
    }
    cr_expect_eq(mixed, 0);
    cr_expect(on > 0 && on < 16, "%d of 16 cycles transformed", on);
    ph_arena_free(a);
    ph_heap_free(h);
}
