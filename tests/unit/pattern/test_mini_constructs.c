/* Every mini-notation construct, checked on exact event lists (whole, part, value)
 * against Strudel 1.2's semantics. */
#include "pattern_test_util.h"

Test(mini_constructs, sequence_and_rest)
{
    ASSERT_MINI("a b", "0", "1", "0/1 1/2 0/1 1/2 a; 1/2 1/1 1/2 1/1 b");
    ASSERT_MINI("~ a", "0", "1", "1/2 1/1 1/2 1/1 a");
    ASSERT_MINI("- a ~", "0", "1", "1/3 2/3 1/3 2/3 a");
    ASSERT_MINI("a", "1/3", "2", "0/1 1/1 1/3 1/1 a; 1/1 2/1 1/1 2/1 a");
}

Test(mini_constructs, brackets_and_feet)
{
    ASSERT_MINI("[a b] c", "0", "1", "0/1 1/4 0/1 1/4 a; 1/4 1/2 1/4 1/2 b; 1/2 1/1 1/2 1/1 c");
    ASSERT_MINI("a . b c", "0", "1", "0/1 1/2 0/1 1/2 a; 1/2 3/4 1/2 3/4 b; 3/4 1/1 3/4 1/1 c");
    ASSERT_MINI("[[a]]", "0", "1", "0/1 1/1 0/1 1/1 a");
}

Test(mini_constructs, elongation_and_weights)
{
    ASSERT_MINI("a _ _ b", "0", "1", "0/1 3/4 0/1 3/4 a; 3/4 1/1 3/4 1/1 b");
    ASSERT_MINI("a@3 b", "0", "1", "0/1 3/4 0/1 3/4 a; 3/4 1/1 3/4 1/1 b");
    ASSERT_MINI("a@1.5 b", "0", "1", "0/1 3/5 0/1 3/5 a; 3/5 1/1 3/5 1/1 b");
    /* mini.mjs takes `weight || 1`: a weight of 0 counts as 1 */
    ASSERT_MINI("a@0 b", "0", "1", "0/1 1/2 0/1 1/2 a; 1/2 1/1 1/2 1/1 b");
}

Test(mini_constructs, replicate)
{
    const char *want = "0/1 1/4 0/1 1/4 a; 1/4 1/2 1/4 1/2 a; 1/2 3/4 1/2 3/4 a; 3/4 1/1 3/4 1/1 b";
    ASSERT_MINI("a!3 b", "0", "1", want);
    ASSERT_MINI("a ! ! b", "0", "1", want);
    ASSERT_MINI("a!! b", "0", "1", want);
    /* a cycle of <a b> is repeated, not advanced: a a | b b */
    ASSERT_MINI("<a b>!2", "0", "2", "0/1 1/2 0/1 1/2 a; 1/2 1/1 1/2 1/1 a; 1/1 3/2 1/1 3/2 b; 3/2 2/1 3/2 2/1 b");
}

Test(mini_constructs, fast_and_slow)
{
    ASSERT_MINI("a*2 b", "0", "1", "0/1 1/4 0/1 1/4 a; 1/4 1/2 1/4 1/2 a; 1/2 1/1 1/2 1/1 b");
    ASSERT_MINI("a/2", "0", "2", "0/1 2/1 0/1 2/1 a");
    ASSERT_MINI("a*1.5", "0", "1", "0/1 2/3 0/1 2/3 a; 2/3 4/3 2/3 1/1 a");
    /* Strudel case c65 */
    ASSERT_MINI("[bd sn]/1.5", "1/3", "7/3",
                "0/1 3/4 1/3 3/4 bd; 3/4 3/2 3/4 3/2 sn; 3/2 9/4 3/2 9/4 bd; 9/4 3/1 9/4 7/3 sn");
    ASSERT_MINI("a*<2 3>", "0", "2",
                "0/1 1/2 0/1 1/2 a; 1/2 1/1 1/2 1/1 a; 1/1 4/3 1/1 4/3 a; 4/3 5/3 4/3 5/3 a; 5/3 2/1 5/3 2/1 a");
    ASSERT_MINI("a*[1 2]", "0", "1", "0/1 1/1 0/1 1/2 a; 1/2 1/1 1/2 1/1 a");
}

Test(mini_constructs, alternation)
{
    ASSERT_MINI("<a b>", "0", "3", "0/1 1/1 0/1 1/1 a; 1/1 2/1 1/1 2/1 b; 2/1 3/1 2/1 3/1 a");
    ASSERT_MINI("<a <b c>>", "0", "4", "0/1 1/1 0/1 1/1 a; 1/1 2/1 1/1 2/1 b; 2/1 3/1 2/1 3/1 a; 3/1 4/1 3/1 4/1 c");
    ASSERT_MINI("<a b, c>", "0", "2", "0/1 1/1 0/1 1/1 a; 0/1 1/1 0/1 1/1 c; 1/1 2/1 1/1 2/1 b; 1/1 2/1 1/1 2/1 c");
    /* one query, not split at cycles: b's event spans two cycles in one piece */
    ASSERT_MINI("<a b@2>", "0", "3", "0/1 1/1 0/1 1/1 a; 1/1 3/1 1/1 3/1 b");
}

Test(mini_constructs, polymeter)
{
    ASSERT_MINI("{a b c}%4", "0", "1", "0/1 1/4 0/1 1/4 a; 1/4 1/2 1/4 1/2 b; 1/2 3/4 1/2 3/4 c; 3/4 1/1 3/4 1/1 a");
    ASSERT_MINI("{a b, c d e}", "0", "1",
                "0/1 1/2 0/1 1/2 a; 0/1 1/2 0/1 1/2 c; 1/2 1/1 1/2 1/1 b; 1/2 1/1 1/2 1/1 d");
    /* cycle 1 at 4 steps: the sequence's steps 4..7 (b c a b) */
    ASSERT_MINI("{a b c}%<2 4>", "1", "2", "1/1 5/4 1/1 5/4 b; 5/4 3/2 5/4 3/2 c; 3/2 7/4 3/2 7/4 a; 7/4 2/1 7/4 2/1 b");
}

Test(mini_constructs, stacks)
{
    ASSERT_MINI("[a, b c]", "0", "1", "0/1 1/1 0/1 1/1 a; 0/1 1/2 0/1 1/2 b; 1/2 1/1 1/2 1/1 c");
}

Test(mini_constructs, euclid)
{
    ASSERT_MINI("a(3,8)", "0", "1", "0/1 1/8 0/1 1/8 a; 3/8 1/2 3/8 1/2 a; 3/4 7/8 3/4 7/8 a");
    /* rotation turns right, as Strudel's rotate(b, -r): x..x..x. -> x.x..x.. */
    ASSERT_MINI("a(3,8,2)", "0", "1", "0/1 1/8 0/1 1/8 a; 1/4 3/8 1/4 3/8 a; 5/8 3/4 5/8 3/4 a");
    ASSERT_MINI("a(-3,8)", "0", "1/2", "1/8 1/4 1/8 1/4 a; 1/4 3/8 1/4 3/8 a");
    ASSERT_MINI("a(<3 5>,8)", "1", "2",
                "1/1 9/8 1/1 9/8 a; 5/4 11/8 5/4 11/8 a; 11/8 3/2 11/8 3/2 a; 13/8 7/4 13/8 7/4 a; 7/4 15/8 7/4 15/8 a");
    ASSERT_MINI("a(0,8)", "0", "1", "");
}

Test(mini_constructs, degrade_with_seeds)
{
    /* Strudel: rand (no offset for the first `?`) at each event's onset must exceed 0.5 */
    ASSERT_MINI("a*8?", "0", "1", "1/8 1/4 1/8 1/4 a");
    /* the second `?` has seed 1 (rand shifted by 0.0003); rand is read in the element's
     * own time (k/8), before the sequence squeezes it into the second half */
    ASSERT_MINI("a*8? b*8?0.3", "1/2", "1",
                "9/16 5/8 9/16 5/8 b; 5/8 11/16 5/8 11/16 b; 3/4 13/16 3/4 13/16 b; 13/16 7/8 13/16 7/8 b; "
                "7/8 15/16 7/8 15/16 b");
}

Test(mini_constructs, random_choice)
{
    ASSERT_MINI("[a|b|c]", "0", "8",
                "0/1 1/1 0/1 1/1 a; 1/1 2/1 1/1 2/1 b; 2/1 3/1 2/1 3/1 c; 3/1 4/1 3/1 4/1 a; "
                "4/1 5/1 4/1 5/1 a; 5/1 6/1 5/1 6/1 a; 6/1 7/1 6/1 7/1 b; 7/1 8/1 7/1 8/1 a");
    /* seeds count in parse order: the choice (seed 0) closes before d? (seed 1); a `?`
     * inside the brackets comes first and moves the choice to seed 1 */
    ASSERT_MINI("[a|b|c] d?0", "3", "5", "3/1 7/2 3/1 7/2 a; 7/2 4/1 7/2 4/1 d; 4/1 9/2 4/1 9/2 a; 9/2 5/1 9/2 5/1 d");
    ASSERT_MINI("[a?0|b|c]", "3", "5", "3/1 4/1 3/1 4/1 c; 4/1 5/1 4/1 5/1 c");
}

Test(mini_constructs, values)
{
    ASSERT_MINI("bd:3 sn", "0", "1", "0/1 1/2 0/1 1/2 bd:3; 1/2 1/1 1/2 1/1 sn");
    /* Strudel's lists: a literal step with literal indices folds into one word + index */
    ASSERT_MINI("bd:1:2 sn", "0", "1", "0/1 1/2 0/1 1/2 bd:1:2; 1/2 1/1 1/2 1/1 sn");
    ASSERT_MINI("0:1:<2 3>", "0", "2", "0/1 1/1 0/1 1/1 0:1:2; 1/1 2/1 1/1 2/1 0:1:3");
    ASSERT_MINI("1 -2 0.25 1e3", "0", "1", "0/1 1/4 0/1 1/4 1; 1/4 1/2 1/4 1/2 -2; 1/2 3/4 1/2 3/4 0.25; 3/4 1/1 3/4 1/1 1000");
    ASSERT_MINI("c4 eb2 f#3", "0", "1", "0/1 1/3 0/1 1/3 c4; 1/3 2/3 1/3 2/3 eb2; 2/3 1/1 2/3 1/1 f#3");
    ph_heap *h = ph_heap_new();
    ph_pat *p = pt_mini(h, "eb2");
    ph_arena *a = ph_arena_new_growable(4096);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query(p, ph_span_make(ph_rat_int(0), ph_rat_int(1)), a, &ev), PH_Q_OK);
    cr_assert_eq(ev.count, 1);
    cr_assert_eq(ev.ev[0].value.kind, PH_VAL_WORD, "note names stay words");
    double midi;
    cr_assert(ph_value_to_number(ev.ev[0].value, &midi));
    cr_assert_float_eq(midi, 39.0, 1e-12);
    ph_arena_free(a);
    ph_heap_free(h);
}

Test(mini_constructs, ranges)
{
    ASSERT_MINI("0 .. 3", "0", "1", "0/1 1/4 0/1 1/4 0; 1/4 1/2 1/4 1/2 1; 1/2 3/4 1/2 3/4 2; 3/4 1/1 3/4 1/1 3");
    ASSERT_MINI("3 .. 1 x", "0", "1", "0/1 1/6 0/1 1/6 3; 1/6 1/3 1/6 1/3 2; 1/3 1/2 1/3 1/2 1; 1/2 1/1 1/2 1/1 x");
}

Test(mini_constructs, chords)
{
    ASSERT_MINI("c'maj", "0", "1", "0/1 1/1 0/1 1/1 0; 0/1 1/1 0/1 1/1 4; 0/1 1/1 0/1 1/1 7");
    ASSERT_MINI("e4'min7", "0", "1", "0/1 1/1 0/1 1/1 -8; 0/1 1/1 0/1 1/1 -5; 0/1 1/1 0/1 1/1 -1; 0/1 1/1 0/1 1/1 2");
    ASSERT_MINI("0'dom7 ~", "0", "1", "0/1 1/2 0/1 1/2 0; 0/1 1/2 0/1 1/2 4; 0/1 1/2 0/1 1/2 7; 0/1 1/2 0/1 1/2 10");
}
