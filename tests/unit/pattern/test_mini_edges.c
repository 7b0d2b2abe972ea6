/* Mini-notation edge cases: empty input, rests, deep nesting, huge and absurd factors,
 * zero and negative factors, unbalanced brackets with their columns. */
#include "pattern_test_util.h"

Test(mini_edges, empty_and_rest_give_no_events)
{
    cr_assert_eq(pt_mini_count("", "0", "4"), 0);
    cr_assert_eq(pt_mini_count("   ", "0", "4"), 0);
    cr_assert_eq(pt_mini_count("~", "0", "4"), 0);
    cr_assert_eq(pt_mini_count("~ ~ [~ ~]", "0", "4"), 0);
}

static char *nested(int depth, char open, char close)
{
    char *s = malloc((size_t)depth * 2 + 2);
    memset(s, open, (size_t)depth);
    s[depth] = 'a';
    memset(s + depth + 1, close, (size_t)depth);
    s[2 * depth + 1] = 0;
    return s;
}

Test(mini_edges, nesting_depth_10000_is_an_error)
{
    const char pairs[3][2] = {{'[', ']'}, {'<', '>'}, {'{', '}'}};
    for (int i = 0; i < 3; i++) {
        char *s = nested(10000, pairs[i][0], pairs[i][1]);
        char msg[200];
        int col = pt_mini_error(s, msg, sizeof msg);
        cr_assert(strstr(msg, "nesting") != NULL, "message: %s", msg);
        cr_assert_eq(col, PH_MINI_MAX_NEST, "column %d", col);
        free(s);
    }
    /* unbalanced and deep: still an error, no crash */
    char *s = malloc(20001);
    memset(s, '[', 20000);
    s[20000] = 0;
    pt_mini_error(s, NULL, 0);
    free(s);
    /* the limit itself is fine */
    s = nested(PH_MINI_MAX_NEST - 1, '[', ']');
    cr_assert_str_eq(pt_mini_query(s, "0", "1"), "0/1 1/1 0/1 1/1 a");
    free(s);
}

Test(mini_edges, a_hundred_thousand_events_in_a_cycle)
{
    cr_assert_eq(pt_mini_count("a*100000", "0", "1"), 100000);
    ASSERT_MINI("a*100000", "99999/100000", "1", "99999/100000 1/1 99999/100000 1/1 a");
}

Test(mini_edges, absurd_factors_are_errors)
{
    char msg[200];
    cr_assert_eq(pt_mini_error("a*10000000", msg, sizeof msg), 1);
    cr_assert(strstr(msg, "factor") != NULL);
    pt_mini_error("a/1e9", NULL, 0);
    pt_mini_error("a*0.0000000001", NULL, 0);
    pt_mini_error("a*1e400", NULL, 0); /* not a number: a word, and words are no factor */
    pt_mini_error("a*x", NULL, 0);
    pt_mini_error("a!-1", NULL, 0);
    pt_mini_error("{a b}%0", NULL, 0);
    pt_mini_error("a!10000000", NULL, 0);
    pt_mini_error("a(5,3)", NULL, 0);
    pt_mini_error("a(1.5,8)", NULL, 0);
    pt_mini_error("a(3,1000000)", NULL, 0);
    pt_mini_error("a@-1 b", NULL, 0);
    /* a patterned absurd factor is caught at query time, not by a hang */
    ph_heap *h = ph_heap_new();
    ph_pat *p = pt_mini(h, "a*<1 999999999>");
    ph_arena *ar = ph_arena_new_growable(1 << 16);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query(p, ph_span_make(ph_rat_int(1), ph_rat_int(2)), ar, &ev), PH_Q_LIMIT);
    ph_arena_free(ar);
    ph_heap_free(h);
}

Test(mini_edges, zero_and_negative_factors)
{
    /* Strudel: fast(0) is silence; negative factors query backwards spans: nothing */
    cr_assert_eq(pt_mini_count("a*0", "0", "4"), 0);
    cr_assert_eq(pt_mini_count("a/0", "0", "4"), 0);
    cr_assert_eq(pt_mini_count("a*-1", "0", "4"), 0);
    cr_assert_eq(pt_mini_count("[a b]*-2 c", "0", "1"), 1);
    cr_assert_eq(pt_mini_count("a*<0 2>", "0", "2"), 2);
    /* a!0 is _fast(0): silence, taking one step (weight 0 counts as 1) */
    ASSERT_MINI("a!0 b", "0", "1", "1/2 1/1 1/2 1/1 b");
}

Test(mini_edges, unbalanced_brackets_report_the_column)
{
    char msg[200];
    cr_assert_eq(pt_mini_error("[a b", msg, sizeof msg), 4);
    cr_assert(strstr(msg, "']'") != NULL, "%s", msg);
    cr_assert_eq(pt_mini_error("a b]", msg, sizeof msg), 3);
    cr_assert_eq(pt_mini_error("<a b", msg, sizeof msg), 4);
    cr_assert(strstr(msg, "'>'") != NULL, "%s", msg);
    cr_assert_eq(pt_mini_error("{a b", NULL, 0), 4);
    cr_assert_eq(pt_mini_error("a(3,8", NULL, 0), 5);
    cr_assert_eq(pt_mini_error("[a [b c] d", NULL, 0), 10);
    cr_assert_eq(pt_mini_error("[a, b}", NULL, 0), 5);
    cr_assert_eq(pt_mini_error("a >", NULL, 0), 2);
}

Test(mini_edges, other_syntax_errors)
{
    pt_mini_error("a |", NULL, 0);
    pt_mini_error("a ,", NULL, 0);
    pt_mini_error("a, b | c", NULL, 0);
    pt_mini_error("*2", NULL, 0);
    pt_mini_error("a*", NULL, 0);
    pt_mini_error("[]", NULL, 0);
    pt_mini_error("a b\"", NULL, 0);
    pt_mini_error("c'nochord", NULL, 0);
    pt_mini_error("bd:x", NULL, 0);
    pt_mini_error("bd/2:1:2", NULL, 0); /* a list after another operator */
    pt_mini_error("bd:<1 2>:2", NULL, 0);
    pt_mini_error("_ a", NULL, 0);
    pt_mini_error(". a", NULL, 0);
}

Test(mini_edges, queries_far_from_zero_and_backwards)
{
    ASSERT_MINI("a b", "-3/2", "-1", "-3/2 -1/1 -3/2 -1/1 b");
    ASSERT_MINI("<a b c>", "1000000", "1000001", "1000000/1 1000001/1 1000000/1 1000001/1 b");
    cr_assert_eq(pt_mini_count("a b", "1", "1/2"), 0);
    /* a zero-width query sees the event around the point */
    ASSERT_MINI("a b", "1/4", "1/4", "0/1 1/2 1/4 1/4 a");
}

/* Differences found by running Strudel 1.2 itself on random mini-notation (expected
 * events below are Strudel's). */
Test(mini_edges, found_by_differential_testing)
{
    /* ".." with nothing after it is a step of its own (krill backtracks) */
    ASSERT_MINI("3 ..", "0", "1", "0/1 1/2 0/1 1/2 3; 1/2 1/1 1/2 1/1 ..");
    /* feet after a weight and a space */
    ASSERT_MINI("~@3 . b c", "0", "1", "1/2 3/4 1/2 3/4 b; 3/4 1/1 3/4 1/1 c");
    /* %steps is mapped (fmap) in Strudel, so it splits the query like a pattern */
    ASSERT_MINI("{a@3}%2*3", "0", "1", "0/1 1/2 0/1 1/3 a; 0/1 1/2 1/3 1/2 a; 1/2 1/1 1/2 2/3 a; 1/2 1/1 2/3 1/1 a");
    /* degrade keeps only parts that meet the rand event (none for backwards spans) */
    cr_assert_eq(pt_mini_count("[{a}/-3 d]?/[2]", "1/2", "1/2"), 0);
    cr_assert_eq(pt_mini_count("[{a}/-3 d]?/[2]", "0", "1"), 0);
}
