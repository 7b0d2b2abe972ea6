/* Tidal's transforms that Strudel does not have, on exact event lists worked out by hand
 * from Tidal's definitions (tidal-core Sound.Tidal.Core/UI/Control): everyOffset (every'),
 * foldEvery, trunc, stutter, ghost/ghostWith, spin, rolled/rolledBy, sew, stitch, wedge,
 * smooth, chew, fit, weave, stripe, and the names that are other spellings of ours (rotL, rotR, quantize,
 * discretise). */
#include "test_tf_helpers.h"

#include <math.h>

#include "pattern/ph_rand.h"

Test(tf_tidal, every_offset)
{
    /* every' 3 1: cycle c when c mod 3 == 1 (Haskell's mod: cycle -2 too) */
    TF_CHECK("a b", "everyOffset 3 1 (fast 2)", I(-2), I(-1),
             "-2/1 -7/4 -2/1 -7/4 a\n-7/4 -3/2 -7/4 -3/2 b\n-3/2 -5/4 -3/2 -5/4 a\n-5/4 -1/1 -5/4 -1/1 b\n");
    TF_CHECK("a b", "everyOffset 3 1 (fast 2)", I(0), I(1), "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n");
    TF_SAME("a b", "everyOffset 3 1 (fast 2)", "a b", "fast 2", I(4), I(5));
    /* patterned count: n = 2 in cycle 0 (0 mod 2 = 0), 3 in cycle 1, 2 in cycle 2 */
    TF_CHECK("a b", "everyOffset \"<2 3>\" 0 (rev)", I(0), I(3),
             "0/1 1/2 0/1 1/2 b\n1/2 1/1 1/2 1/1 a\n1/1 3/2 1/1 3/2 a\n3/2 2/1 3/2 2/1 b\n"
             "2/1 5/2 2/1 5/2 b\n5/2 3/1 5/2 3/1 a\n");
    TF_ERROR("a", "everyOffset 0 0 (rev)", "everyOffset: the count must be a whole number");
}

/* foldEvery's counts come before its function ("p+f"), which the language does not pass
 * yet: built through the registry. */
static char *fold_every(const char *mini, const int *ns, int count, ph_rat from, ph_rat to)
{
    ph_heap *h = ph_heap_new();
    ph_mini_error me;
    const ph_pat *pat = ph_mini_parse(h, mini, strlen(mini), &me);
    ph_tfunc fast2 = {.name = "fast", .nargs = 1, .args = {ph_targ_pat(ph_pure_num(h, 2))}};
    ph_targ args[8];
    for (int i = 0; i < count; i++) args[i] = ph_targ_pat(ph_pure_num(h, ns[i]));
    args[count] = ph_targ_func(&fast2);
    char err[256] = "";
    const ph_pat *p = ph_transform_apply(h, "foldEvery", args, count + 1, pat, err, sizeof err);
    char *lines = p ? tf_lines(p, from, to) : strdup(err);
    ph_heap_free(h);
    return lines;
}

Test(tf_tidal, fold_every)
{
    /* foldEvery [2, 3] (fast 2) p = every 2 (fast 2) (every 3 (fast 2) p) =: every 2 (fast 2) X.
     * Cycle 1: X's cycle 1, p. Cycle 2: fast 2 of X's cycles 4 and 5 (both p). Cycle 3: X's
     * cycle 3, fast 2 p. Cycle 6: fast 2 of X's cycles 12 (fast 2 p) and 13 (p). */
    int ns[2] = {2, 3};
    char *got = fold_every("a b", ns, 2, I(1), I(4));
    cr_expect_str_eq(got, "1/1 3/2 1/1 3/2 a\n3/2 2/1 3/2 2/1 b\n"
                          "2/1 9/4 2/1 9/4 a\n9/4 5/2 9/4 5/2 b\n5/2 11/4 5/2 11/4 a\n11/4 3/1 11/4 3/1 b\n"
                          "3/1 13/4 3/1 13/4 a\n13/4 7/2 13/4 7/2 b\n7/2 15/4 7/2 15/4 a\n15/4 4/1 15/4 4/1 b\n");
    free(got);
    got = fold_every("a b", ns, 2, I(6), I(7));
    cr_expect_str_eq(got, "6/1 49/8 6/1 49/8 a\n49/8 25/4 49/8 25/4 b\n25/4 51/8 25/4 51/8 a\n"
                          "51/8 13/2 51/8 13/2 b\n13/2 27/4 13/2 27/4 a\n27/4 7/1 27/4 7/1 b\n");
    free(got);
    /* one count is everyOffset n 0: Haskell's mod, so cycle -2 counts */
    int two[1] = {2};
    got = fold_every("a b", two, 1, I(-2), I(-1));
    cr_expect_str_eq(got, "-2/1 -7/4 -2/1 -7/4 a\n-7/4 -3/2 -7/4 -3/2 b\n-3/2 -5/4 -3/2 -5/4 a\n"
                          "-5/4 -1/1 -5/4 -1/1 b\n");
    free(got);
    int zero[1] = {0};
    got = fold_every("a", zero, 1, I(0), I(1));
    cr_expect(strstr(got, "foldEvery: the count must be a whole number"), "%s", got);
    free(got);
}

Test(tf_tidal, trunc)
{
    TF_CHECK("a b c d", "trunc 0.75", I(0), I(1), "0/1 1/4 0/1 1/4 a\n1/4 1/2 1/4 1/2 b\n1/2 3/4 1/2 3/4 c\n");
    /* an event crossing t keeps its whole, its part stops at t */
    TF_CHECK("a b c", "trunc 0.5", I(1), I(2), "1/1 4/3 1/1 4/3 a\n4/3 5/3 4/3 3/2 b\n");
    TF_CHECK("a b", "trunc \"<1 0.5>\"", I(0), I(2),
             "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n1/1 3/2 1/1 3/2 a\n");
    TF_CHECK("a b", "trunc 0", I(0), I(1), "");
}

Test(tf_tidal, stutter)
{
    /* stutter n t = stack [rotR (i * t) p | i <- [0 .. n-1]] */
    TF_CHECK("a b", "stutter 3 (1/8)", I(0), I(1),
             "-3/8 1/8 0/1 1/8 b\n-1/4 1/4 0/1 1/4 b\n0/1 1/2 0/1 1/2 a\n1/8 5/8 1/8 5/8 a\n"
             "1/4 3/4 1/4 3/4 a\n1/2 1/1 1/2 1/1 b\n5/8 9/8 5/8 1/1 b\n3/4 5/4 3/4 1/1 b\n");
    /* the seed's stutter n (one argument): each event n times */
    TF_SAME("a [b c]", "stutter 2", "a [b c]", "ply 2", I(0), I(2));
    TF_ERROR("a", "stutter 1 2 3", "stutter: expects n");
}

Test(tf_tidal, ghost)
{
    /* ghostWith a f p = superimpose ((2.5a `rotR`) . f) $ superimpose ((1.5a `rotR`) . f) p:
     * p, f p at 1.5a, f p at 2.5a, and f (f p) at 4a */
    TF_CHECK("0 ~", "ghostWith (1/8) (add 1)", I(0), I(1),
             "0/1 1/2 0/1 1/2 0\n3/16 11/16 3/16 11/16 1\n5/16 13/16 5/16 13/16 1\n1/2 1/1 1/2 1/1 2\n");
    /* ghost: ghostWith 1/8 with gain * 0.7, end 0.2, speed * 1.25 (a ghost of a ghost
     * twice over), its wholes cut at cycles by |*| with a pure */
    TF_CHECK("~ sn ~ ~", "ghost", I(0), I(1),
             "1/4 1/2 1/4 1/2 sn\n"
             "7/16 11/16 7/16 11/16 {end: 0.2, gain: 0.7, s: sn, speed: 1.25}\n"
             "9/16 13/16 9/16 13/16 {end: 0.2, gain: 0.7, s: sn, speed: 1.25}\n"
             "3/4 1/1 3/4 1/1 {end: 0.2, gain: 0.48999999999999994, s: sn, speed: 1.5625}\n");
}

Test(tf_tidal, spin)
{
    /* copy i earlier by i/n with pan i/n; a word becomes {s: word} */
    TF_CHECK("a b", "spin 2", I(0), I(1),
             "0/1 1/2 0/1 1/2 {pan: 0, s: a}\n0/1 1/2 0/1 1/2 {pan: 0.5, s: b}\n"
             "1/2 1/1 1/2 1/1 {pan: 0, s: b}\n1/2 1/1 1/2 1/1 {pan: 0.5, s: a}\n");
    TF_CHECK("a", "spin 0", I(0), I(1), "");
}

Test(tf_tidal, rolled)
{
    /* the k-th of d notes of a chord starts k * |t| / d of the chord later; t < 0 top down */
    TF_CHECK("[0,4,7] [2,5]", "rolledBy \"<0.5 -1>\"", I(0), I(2),
             "0/1 1/2 0/1 1/2 0\n1/12 1/2 1/12 1/2 4\n1/6 1/2 1/6 1/2 7\n1/2 1/1 1/2 1/1 2\n"
             "5/8 1/1 5/8 1/1 5\n1/1 3/2 1/1 3/2 7\n7/6 3/2 7/6 3/2 4\n4/3 3/2 4/3 3/2 0\n"
             "3/2 2/1 3/2 2/1 5\n7/4 2/1 7/4 2/1 2\n");
    TF_CHECK("[0,4,7,11]", "rolled", I(0), I(1),
             "0/1 1/1 0/1 1/1 0\n1/16 1/1 1/16 1/1 4\n1/8 1/1 1/8 1/1 7\n3/16 1/1 3/16 1/1 11\n");
    /* a part before the shifted onset is dropped */
    TF_CHECK("[0,4]", "rolled", I(0), R(1, 16), "0/1 1/1 0/1 1/16 0\n");
    TF_CHECK("[0,4]", "rolled", R(1, 2), I(1), "0/1 1/1 1/2 1/1 0\n1/8 1/1 1/2 1/1 4\n");
    TF_CHECK("[0,4]", "rolledBy 0", I(0), I(1), "0/1 1/1 0/1 1/1 0\n0/1 1/1 0/1 1/1 4\n");
}

Test(tf_tidal, sew_stitch_wedge)
{
    /* sew: structure from the patterns, cut to the boolean events */
    TF_CHECK(NULL, "sew \"t <f t>\" \"0*4\" \"1*2\"", I(0), I(2),
             "0/1 1/4 0/1 1/4 0\n1/4 1/2 1/4 1/2 0\n1/2 1/1 1/2 1/1 1\n1/1 5/4 1/1 5/4 0\n"
             "5/4 3/2 5/4 3/2 0\n3/2 7/4 3/2 7/4 0\n7/4 2/1 7/4 2/1 0\n");
    TF_CHECK(NULL, "sew \"t f\" \"a\" \"b\"", I(0), I(1), "0/1 1/1 0/1 1/2 a\n0/1 1/1 1/2 1/1 b\n");
    /* stitch: structure from the booleans (t/1 true, f/0 false) */
    TF_CHECK(NULL, "stitch \"t f 1 0\" \"a\" \"b\"", I(0), I(1),
             "0/1 1/4 0/1 1/4 a\n1/4 1/2 1/4 1/2 b\n1/2 3/4 1/2 3/4 a\n3/4 1/1 3/4 1/1 b\n");
    /* wedge: a in the first t (fastGap), b late by t in the rest; t = 0 is b alone */
    TF_CHECK(NULL, "wedge \"<0.25 0>\" \"a b\" \"c\"", I(0), I(2),
             "0/1 1/8 0/1 1/8 a\n1/8 1/4 1/8 1/4 b\n1/4 1/1 1/4 1/1 c\n1/1 2/1 1/1 2/1 c\n");
    TF_CHECK(NULL, "wedge 1 \"a\" \"c\"", I(0), I(1), "0/1 1/1 0/1 1/1 a\n");
}

Test(tf_tidal, smooth)
{
    /* one event per query, whole and part the span, the value at the span's middle tweened
     * from the event there towards the next one */
    TF_CHECK("0 4", "smooth", R(1, 8), R(1, 4), "1/8 1/4 1/8 1/4 1.5\n");
    TF_CHECK("0 4", "smooth", R(1, 2), I(1), "1/2 1/1 1/2 1/1 2\n");
    /* no event at the middle: nothing; no event after it: its own value */
    TF_CHECK("0 4 ~ 2", "smooth", R(5, 8), R(3, 4), "");
    TF_CHECK("0 ~", "smooth", I(0), R(1, 2), "0/1 1/2 0/1 1/2 0\n");
    /* segment samples it: 0 .. 4 .. 0 as a ramp */
    TF_CHECK("0 4", "smooth $ segment 4", I(0), I(1),
             "0/1 1/4 0/1 1/4 1\n1/4 1/2 1/4 1/2 3\n1/2 3/4 1/2 3/4 3\n3/4 1/1 3/4 1/1 1\n");
}

Test(tf_tidal, other_spellings)
{
    TF_SAME("a b c", "rotL 0.25", "a b c", "early 0.25", I(0), I(2));
    TF_SAME("a b c", "rotR \"<0.25 0.5>\"", "a b c", "late \"<0.25 0.5>\"", I(0), I(2));
    TF_SAME("0.1 0.26 0.5", "quantize 4", "0.1 0.26 0.5", "quantise 4", I(0), I(1));
    TF_SAME("0 1", "discretise 3", "0 1", "segment 3", I(0), I(2));
}

Test(tf_tidal, chew_fit_weave)
{
    /* chew: bite, and the speed scaled by 1 / (d * n), d the index event's length: slice 0
     * (a quarter) stretched over half a cycle plays at half speed */
    TF_CHECK("<0 1 2 3>", "chew 4 \"0 [1 2]\"", I(0), I(1),
             "0/1 1/2 0/1 1/2 {n: 0, speed: 0.5}\n1/2 3/4 1/2 3/4 {n: 0, speed: 1}\n3/4 1/1 3/4 1/1 {n: 0, speed: 1}\n");
    TF_CHECK("a b", "chew 2 \"1*2 0\"", I(0), I(1),
             "0/1 1/4 0/1 1/4 {s: b, speed: 2}\n1/4 1/2 1/4 1/2 {s: b, speed: 2}\n1/2 1/1 1/2 1/1 {s: a, speed: 1}\n");
    /* fit 1 ["bd", "sn", "arpy"] "0 [~ 1] 2 1": cycle c adds c to every index */
    TF_CHECK("0 [~ 1] 2 1", "fit 1 \"bd\" \"sn\" \"arpy\"", I(0), I(2),
             "0/1 1/4 0/1 1/4 bd\n3/8 1/2 3/8 1/2 sn\n1/2 3/4 1/2 3/4 arpy\n3/4 1/1 3/4 1/1 sn\n"
             "1/1 5/4 1/1 5/4 sn\n11/8 3/2 11/8 3/2 arpy\n3/2 7/4 3/2 7/4 bd\n7/4 2/1 7/4 2/1 arpy\n");
    /* weave 4 p [a, b]: a takes slow 4 p; b is 2 cycles further on */
    TF_CHECK(NULL, "weave 4 (pan saw) (s \"a\") (s \"b b\")", I(0), I(1),
             "0/1 1/2 0/1 1/2 {pan: 0.5, s: b}\n0/1 1/1 0/1 1/1 {pan: 0, s: a}\n1/2 1/1 1/2 1/1 {pan: 0.625, s: b}\n");
    TF_ERROR(NULL, "weave 0 (pan saw) (s \"a\")", "weave: expects a number of cycles");
}

Test(tf_tidal, stripe)
{
    /* cycle c in n stripes, weights 1 + floor(3 rand(c + 1/2 + i/n)) (Tidal's rand at the
     * middle of randArcs' query); stripe i plays cycle c - n i squeezed into it */
    char want[1024] = "", line[320];
    for (int c = 0; c < 2; c++) {
        int w0 = 1 + (int)floor(3 * ph_rand_time_to_rand(c + 0.5));
        int w1 = 1 + (int)floor(3 * ph_rand_time_to_rand(c + 1.0));
        char b[48];
        ph_rat_format(ph_rat_add(I(c), R(w0, w0 + w1)), b, sizeof b);
        const char *first = c == 0 ? "a" : "b", *second = c == 0 ? "c" : "d"; /* cycles c and c - 2 */
        snprintf(line, sizeof line, "%d/1 %s %d/1 %s %s\n%s %d/1 %s %d/1 %s\n", c, b, c, b, first, b, c + 1, b, c + 1, second);
        strcat(want, line);
    }
    TF_CHECK("<a b c d>", "stripe 2", I(0), I(2), want);
    TF_SAME("a b", "stripe 1", "a b", "fast 1", I(0), I(3));
}
