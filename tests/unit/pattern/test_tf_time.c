/* Time transforms on exact event lists, expected events worked out by hand from
 * Strudel 1.2's definitions (packages/core/pattern.mjs): rev, iter, iterBack, zoom,
 * compress, fastGap, linger, repeatCycles, swingBy, brak, press, pressBy, hurry,
 * inside, outside, shuffle, fast/slow/early/late through the registry. */
#include "test_tf_helpers.h"

Test(tf_time, rev)
{
    TF_CHECK("a b c", "rev", I(0), I(1),
             "0/1 1/3 0/1 1/3 c\n1/3 2/3 1/3 2/3 b\n2/3 1/1 2/3 1/1 a\n");
    TF_CHECK("<a b> c", "rev", I(0), I(2),
             "0/1 1/2 0/1 1/2 c\n1/2 1/1 1/2 1/1 a\n1/1 3/2 1/1 3/2 c\n3/2 2/1 3/2 2/1 b\n");
    /* an event crossing the cycle is reflected with its whole: b [3/4, 3/2) -> [-1/2, 1/4) */
    TF_CHECK("[a b]/1.5", "rev", I(0), I(1), "-1/2 1/4 0/1 1/4 b\n1/4 1/1 1/4 1/1 a\n");
    TF_CHECK("~", "rev", I(0), I(3), "");
}

Test(tf_time, iter)
{
    TF_CHECK("a b c d", "iter 4", I(1), I(2),
             "1/1 5/4 1/1 5/4 b\n5/4 3/2 5/4 3/2 c\n3/2 7/4 3/2 7/4 d\n7/4 2/1 7/4 2/1 a\n");
    TF_CHECK("a b c d", "iter 4", I(3), I(4),
             "3/1 13/4 3/1 13/4 d\n13/4 7/2 13/4 7/2 a\n7/2 15/4 7/2 15/4 b\n15/4 4/1 15/4 4/1 c\n");
    TF_CHECK("a b c d", "iterBack 4", I(1), I(2),
             "1/1 5/4 1/1 5/4 d\n5/4 3/2 5/4 3/2 a\n3/2 7/4 3/2 7/4 b\n7/4 2/1 7/4 2/1 c\n");
    /* patterned: cycle 0 with n = 1 (the pattern itself), cycle 1 with n = 2 */
    TF_CHECK("a b", "iter \"<1 2>\"", I(0), I(2),
             "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n1/1 3/2 1/1 3/2 b\n3/2 2/1 3/2 2/1 a\n");
    /* Strudel's slowcat keeps each shifted copy on its own cycles: cycle c plays the
     * pattern early by (c mod 2)/2 - (c - floor(c/2)), so "<a b>" advances every two
     * cycles: a | a/b | b | b/a */
    TF_CHECK("<a b>", "iter 2", I(0), I(4),
             "0/1 1/1 0/1 1/1 a\n1/2 3/2 1/1 3/2 a\n3/2 5/2 3/2 2/1 b\n"
             "2/1 3/1 2/1 3/1 b\n5/2 7/2 3/1 7/2 b\n7/2 9/2 7/2 4/1 a\n");
}

Test(tf_time, iter_zero_and_negative_are_silence)
{
    TF_CHECK("a b", "iter 0", I(0), I(2), "");
    TF_CHECK("a b", "iter -2", I(0), I(2), "");
}

Test(tf_time, zoom_compress_fast_gap)
{
    TF_CHECK("a b c d", "zoom 0.25 0.75", I(0), I(1), "0/1 1/2 0/1 1/2 b\n1/2 1/1 1/2 1/1 c\n");
    TF_CHECK("a b", "zoom 0.25 1", I(0), I(1), "-1/3 1/3 0/1 1/3 a\n1/3 1/1 1/3 1/1 b\n");
    TF_CHECK("a b", "zoom 0.5 0.5", I(0), I(1), "");
    TF_CHECK("a b", "compress 0.25 0.75", I(0), I(1), "1/4 1/2 1/4 1/2 a\n1/2 3/4 1/2 3/4 b\n");
    TF_CHECK("a b", "compress 0.5 0.25", I(0), I(1), "");
    TF_CHECK("a b", "compress 0 1.5", I(0), I(1), "");
    TF_CHECK("a b", "fastGap 2", I(0), I(2),
             "0/1 1/4 0/1 1/4 a\n1/4 1/2 1/4 1/2 b\n1/1 5/4 1/1 5/4 a\n5/4 3/2 5/4 3/2 b\n");
    TF_CHECK("a b", "fastGap 0", I(0), I(1), "");
    TF_CHECK("a b", "fastGap \"<2 1>\"", I(0), I(2),
             "0/1 1/4 0/1 1/4 a\n1/4 1/2 1/4 1/2 b\n1/1 3/2 1/1 3/2 a\n3/2 2/1 3/2 2/1 b\n");
}

Test(tf_time, linger)
{
    TF_CHECK("a b c d", "linger 0.25", I(0), I(1),
             "0/1 1/4 0/1 1/4 a\n1/4 1/2 1/4 1/2 a\n1/2 3/4 1/2 3/4 a\n3/4 1/1 3/4 1/1 a\n");
    TF_CHECK("a b c d", "linger \"<0.25 0.5>\"", I(1), I(2),
             "1/1 5/4 1/1 5/4 a\n5/4 3/2 5/4 3/2 b\n3/2 7/4 3/2 7/4 a\n7/4 2/1 7/4 2/1 b\n");
    TF_CHECK("a b c d", "linger 0", I(0), I(1), "");
    /* negative: the last quarter, as Tidal (Strudel 1.2 throws) */
    TF_CHECK("a b c d", "linger -0.25", I(0), I(1),
             "0/1 1/4 0/1 1/4 d\n1/4 1/2 1/4 1/2 d\n1/2 3/4 1/2 3/4 d\n3/4 1/1 3/4 1/1 d\n");
}

Test(tf_time, repeat_cycles)
{
    TF_CHECK("<a b>", "repeatCycles 2", I(0), I(4),
             "0/1 1/1 0/1 1/1 a\n1/1 2/1 1/1 2/1 a\n2/1 3/1 2/1 3/1 b\n3/1 4/1 3/1 4/1 b\n");
}

Test(tf_time, swing_by)
{
    /* inside 1 (late (seq 0 0.25)): the second half plays the pattern a quarter later,
     * cut at the half */
    TF_CHECK("a b", "swingBy 0.5 1", I(0), I(1),
             "0/1 1/2 0/1 1/2 a\n1/4 3/4 1/2 3/4 a\n3/4 5/4 3/4 1/1 b\n");
    TF_SAME("hh*8", "swing 4", "hh*8", "swingBy 0.3333333333333333 4", I(0), I(2));
    TF_CHECK("a b", "swingBy 0.5 0", I(0), I(1), "");
}

Test(tf_time, brak)
{
    TF_CHECK("a b", "brak", I(0), I(2),
             "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n5/4 3/2 5/4 3/2 a\n3/2 7/4 3/2 7/4 b\n");
}

Test(tf_time, press)
{
    TF_CHECK("a b", "press", I(0), I(1), "1/4 1/2 1/4 1/2 a\n3/4 1/1 3/4 1/1 b\n");
    TF_CHECK("a b", "pressBy \"<0 0.5>\"", I(0), I(2),
             "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n5/4 3/2 5/4 3/2 a\n7/4 2/1 7/4 2/1 b\n");
    TF_CHECK("a b", "pressBy 1", I(0), I(1), "");
    /* a fragment keeps its part inside the pressed whole */
    TF_CHECK("a", "press", R(1, 3), R(2, 3), "1/2 1/1 1/2 2/3 a\n");
}

Test(tf_time, hurry)
{
    TF_CHECK("a b", "hurry 2", I(0), I(1),
             "0/1 1/4 0/1 1/4 {s: a, speed: 2}\n1/4 1/2 1/4 1/2 {s: b, speed: 2}\n"
             "1/2 3/4 1/2 3/4 {s: a, speed: 2}\n3/4 1/1 3/4 1/1 {s: b, speed: 2}\n");
    TF_CHECK("a", "hurry 0", I(0), I(1), "");
    /* the speed multiplies an existing one: hurry 2 $ hurry 3 -> speed 6 */
    TF_CHECK("a", "hurry 3 $ hurry 2", I(0), R(1, 6), "0/1 1/6 0/1 1/6 {s: a, speed: 6}\n");
}

Test(tf_time, inside_outside)
{
    TF_CHECK("a b c d", "inside 2 (rev)", I(0), I(1),
             "0/1 1/4 0/1 1/4 b\n1/4 1/2 1/4 1/2 a\n1/2 3/4 1/2 3/4 d\n3/4 1/1 3/4 1/1 c\n");
    TF_CHECK("<a b>", "outside 2 (rev)", I(0), I(2), "0/1 1/1 0/1 1/1 b\n1/1 2/1 1/1 2/1 a\n");
    /* patterned factor: cycle 1 reverses quarters, which leaves single events alone */
    TF_CHECK("a b c d", "inside \"<2 4>\" (rev)", I(1), I(2),
             "1/1 5/4 1/1 5/4 a\n5/4 3/2 5/4 3/2 b\n3/2 7/4 3/2 7/4 c\n7/4 2/1 7/4 2/1 d\n");
    TF_CHECK("a b", "inside 0 (rev)", I(0), I(1), "");
}

Test(tf_time, shuffle_scramble)
{
    /* Strudel 1.2.6's randrun: each cycle a permutation, the indices sorted by random
     * numbers drawn at the cycle's middle (events computed by Strudel 1.2.6) */
    TF_CHECK("0 1 2 3", "shuffle 4", I(0), I(1),
             "0/1 1/4 0/1 1/4 2\n1/4 1/2 1/4 1/2 1\n1/2 3/4 1/2 3/4 3\n3/4 1/1 3/4 1/1 0\n");
    TF_CHECK("a b c d", "shuffle 4", I(5), I(6),
             "5/1 21/4 5/1 21/4 d\n21/4 11/2 21/4 11/2 b\n11/2 23/4 11/2 23/4 a\n23/4 6/1 23/4 6/1 c\n");
    TF_CHECK("a b", "shuffle 1", I(0), I(1), ""); /* randrun(1) fails in Strudel */
    TF_CHECK("a b c d", "shuffle 0", I(0), I(1), "");
    TF_CHECK("a b c d", "scramble 0", I(0), I(1), "");
}

Test(tf_time, fast_slow_early_late_by_name)
{
    TF_CHECK("a b", "fast \"<1 0>\"", I(0), I(2), "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n");
    TF_CHECK("a b", "slow 0", I(0), I(2), "");
    TF_CHECK("a b", "(0.25 ~>)", I(0), I(1),
             "-1/4 1/4 0/1 1/4 b\n1/4 3/4 1/4 3/4 a\n3/4 5/4 3/4 1/1 b\n");
    TF_CHECK("a b", "(0.25 <~)", I(0), I(1),
             "-1/4 1/4 0/1 1/4 a\n1/4 3/4 1/4 3/4 b\n3/4 5/4 3/4 1/1 a\n");
    TF_SAME("a b", "late 0.25", "a b", "(0.25 ~>)", I(0), I(3));
    TF_SAME("a b", "density 2", "a b", "fast 2", I(0), I(2));
    TF_SAME("a b", "sparsity 2", "a b", "slow 2", I(0), I(2));
}
