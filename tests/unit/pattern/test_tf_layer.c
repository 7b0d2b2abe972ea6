/* Layering transforms on exact event lists, expected events worked out by hand from
 * Strudel 1.2's definitions: superimpose, layer, off, echo/stut (gain set per echo,
 * parts cut at cycles as pat.gain() does), jux/juxBy (pan). */
#include "test_tf_helpers.h"

Test(tf_layer, superimpose_layer)
{
    TF_CHECK("a b", "superimpose (fast 2)", I(0), I(1),
             "0/1 1/4 0/1 1/4 a\n0/1 1/2 0/1 1/2 a\n1/4 1/2 1/4 1/2 b\n1/2 3/4 1/2 3/4 a\n"
             "1/2 1/1 1/2 1/1 b\n3/4 1/1 3/4 1/1 b\n");
    TF_CHECK("a b", "layer (rev) (fast 2)", I(0), I(1),
             "0/1 1/4 0/1 1/4 a\n0/1 1/2 0/1 1/2 b\n1/4 1/2 1/4 1/2 b\n1/2 3/4 1/2 3/4 a\n"
             "1/2 1/1 1/2 1/1 a\n3/4 1/1 3/4 1/1 b\n");
    TF_CHECK("a", "superimpose (0.5 ~>) (0.25 ~>)", I(0), I(1),
             "-3/4 1/4 0/1 1/4 a\n-1/2 1/2 0/1 1/2 a\n0/1 1/1 0/1 1/1 a\n1/4 5/4 1/4 1/1 a\n"
             "1/2 3/2 1/2 1/1 a\n");
}

Test(tf_layer, off)
{
    TF_CHECK("0 1", "off 0.25 (add 1)", I(0), I(1),
             "-1/4 1/4 0/1 1/4 2\n0/1 1/2 0/1 1/2 0\n1/4 3/4 1/4 3/4 1\n1/2 1/1 1/2 1/1 1\n"
             "3/4 5/4 3/4 1/1 2\n");
    /* patterned time: the inner query is cut at the argument's cycles */
    TF_CHECK("0", "off \"<0.25 0.5>\" (add 1)", I(0), I(2),
             "-3/4 1/4 0/1 1/4 1\n0/1 1/1 0/1 1/1 0\n1/4 5/4 1/4 1/1 1\n"
             "1/2 3/2 1/1 3/2 1\n1/1 2/1 1/1 2/1 0\n3/2 5/2 3/2 2/1 1\n");
}

Test(tf_layer, echo_stut)
{
    TF_CHECK("a", "echo 3 0.25 0.5", I(0), I(2),
             "-3/4 1/4 0/1 1/4 {gain: 0.5, s: a}\n-1/2 1/2 0/1 1/2 {gain: 0.25, s: a}\n"
             "0/1 1/1 0/1 1/1 {gain: 1, s: a}\n1/4 5/4 1/4 1/1 {gain: 0.5, s: a}\n"
             "1/2 3/2 1/2 1/1 {gain: 0.25, s: a}\n1/4 5/4 1/1 5/4 {gain: 0.5, s: a}\n"
             "1/2 3/2 1/1 3/2 {gain: 0.25, s: a}\n1/1 2/1 1/1 2/1 {gain: 1, s: a}\n"
             "5/4 9/4 5/4 2/1 {gain: 0.5, s: a}\n3/2 5/2 3/2 2/1 {gain: 0.25, s: a}\n");
    /* stut takes the seed's order (times time feedback), Tidal/Strudel's is times feedback time */
    TF_SAME("a b", "stut 3 0.125 0.5", "a b", "echo 3 0.125 0.5", I(0), I(3));
    TF_CHECK("a", "echo 0 0.25 0.5", I(0), I(1), "");
    /* numbers become {n: x}; gain replaces an existing gain (Strudel's set) */
    TF_CHECK("3", "echo 1 0.25 0.5 $ echo 1 0 0.1", I(0), I(1), "0/1 1/1 0/1 1/1 {gain: 1, n: 3}\n");
}

Test(tf_layer, jux)
{
    TF_CHECK("a b", "jux (rev)", I(0), I(1),
             "0/1 1/2 0/1 1/2 {pan: 0, s: a}\n0/1 1/2 0/1 1/2 {pan: 1, s: b}\n"
             "1/2 1/1 1/2 1/1 {pan: 0, s: b}\n1/2 1/1 1/2 1/1 {pan: 1, s: a}\n");
    TF_CHECK("a b", "juxBy 0.5 (rev)", I(0), I(1),
             "0/1 1/2 0/1 1/2 {pan: 0.25, s: a}\n0/1 1/2 0/1 1/2 {pan: 0.75, s: b}\n"
             "1/2 1/1 1/2 1/1 {pan: 0.25, s: b}\n1/2 1/1 1/2 1/1 {pan: 0.75, s: a}\n");
    /* an existing pan moves by half the width: jux inside jux */
    TF_CHECK("a", "juxBy 0.5 (juxBy 0.5 (fast 1))", I(0), I(1),
             "0/1 1/1 0/1 1/1 {pan: 0.25, s: a}\n0/1 1/1 0/1 1/1 {pan: 0.5, s: a}\n"
             "0/1 1/1 0/1 1/1 {pan: 1, s: a}\n");
    /* patterned width */
    TF_CHECK("a", "juxBy \"<0 1>\" (fast 1)", I(1), I(2),
             "1/1 2/1 1/1 2/1 {pan: 0, s: a}\n1/1 2/1 1/1 2/1 {pan: 1, s: a}\n");
}

Test(tf_layer, hash_section_sets_controls_as_a_function)
{
    /* (# speed "2 3") is `set`: controls from the right, structure from the left, usable
     * wherever a function is (every, sometimesBy, off ...). */
    TF_CHECK("bd sn", "every 2 (# speed \"2 3\")", I(0), I(2),
             "0/1 1/2 0/1 1/2 {speed: 2, value: bd}\n1/2 1/1 1/2 1/1 {speed: 3, value: sn}\n"
             "1/1 3/2 1/1 3/2 bd\n3/2 2/1 3/2 2/1 sn\n");
    TF_SAME("bd sn", "set (\"0.5\")", "bd sn", "(# \"0.5\")", I(0), I(2));
}

/* echoWith / stutWith (Strudel 1.2.6's echoWith): copy i of the pattern is i*t later with
 * f applied ONCE, the first copy included (Tidal's stutWith would apply f i times to copy i:
 * 0, 1, 2 below instead of 1, 1, 1); the count (1..16) and the time may be patterned.
 * Event lists computed by Strudel 1.2.6 itself. */
Test(tf_layer, echo_with)
{
    TF_CHECK("0", "echoWith 3 0.25 (add 1)", I(0), I(1),
             "-3/4 1/4 0/1 1/4 1\n-1/2 1/2 0/1 1/2 1\n0/1 1/1 0/1 1/1 1\n1/4 5/4 1/4 1/1 1\n"
             "1/2 3/2 1/2 1/1 1\n");
    /* issue 17's case: [0, 1/2) plays 10 (copy 0) and 11 (copy 2, half a cycle late) */
    TF_CHECK("0 1", "echoWith 3 0.25 (add 10)", I(0), R(1, 2),
             "-1/4 1/4 0/1 1/4 11\n0/1 1/2 0/1 1/2 10\n0/1 1/2 0/1 1/2 11\n1/4 3/4 1/4 1/2 10\n");
    /* every copy is fast 2 of the pattern shifted by i/2 (once, so no fast 4) */
    TF_CHECK("a", "stutWith 3 0.5 (fast 2)", I(0), I(1),
             "-1/4 1/4 0/1 1/4 a\n0/1 1/2 0/1 1/2 a\n0/1 1/2 0/1 1/2 a\n1/4 3/4 1/4 3/4 a\n"
             "1/2 1/1 1/2 1/1 a\n1/2 1/1 1/2 1/1 a\n3/4 5/4 3/4 1/1 a\n");
    /* the time patterned per cycle */
    TF_CHECK("a", "echoWith 2 \"<0.25 0.5>\" (fast 1)", I(1), I(2),
             "1/2 3/2 1/1 3/2 a\n1/1 2/1 1/1 2/1 a\n3/2 5/2 3/2 2/1 a\n");
    /* the count patterned: 2 copies in cycle 0, 3 in cycle 1 */
    TF_CHECK("0", "echoWith \"<2 3>\" 0.25 (add 1)", I(0), I(2),
             "-3/4 1/4 0/1 1/4 1\n0/1 1/1 0/1 1/1 1\n1/4 5/4 1/4 1/1 1\n1/4 5/4 1/1 5/4 1\n"
             "1/2 3/2 1/1 3/2 1\n1/1 2/1 1/1 2/1 1\n5/4 9/4 5/4 2/1 1\n3/2 5/2 3/2 2/1 1\n");
    TF_ERROR("a", "echoWith \"<2 x>\" 0.25 (fast 2)", "number of copies");
    TF_ERROR("a", "echoWith 0 0.25 (fast 2)", "number of copies");
    TF_ERROR("a", "echoWith 17 0.25 (fast 2)", "number of copies");
}
