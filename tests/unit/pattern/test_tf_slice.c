/* slice, splice and loopAt: the begin/end/speed/unit controls they set (the voices play
 * them: tests/unit/render/test_render_controls.c). Hand-worked from Tidal's and Strudel's
 * definitions. */
#include "test_tf_helpers.h"

Test(tf_slice, slice_takes_the_structure_of_the_index)
{
    TF_CHECK("a", "slice 4 \"0 2\"", I(0), I(1),
             "0/1 1/2 0/1 1/2 {begin: 0, end: 0.25, s: a}\n1/2 1/1 1/2 1/1 {begin: 0.5, end: 0.75, s: a}\n");
    /* the pattern's own controls win (`# pat`); plain numbers are {n: x} */
    TF_CHECK("3", "slice 2 \"1\"", I(0), I(1), "0/1 1/1 0/1 1/1 {begin: 0.5, end: 1, n: 3}\n");
    /* patterned count; no wrap past the end (Strudel) */
    TF_CHECK("a", "slice \"<2 4>\" 3", I(0), I(2),
             "0/1 1/1 0/1 1/1 {begin: 1.5, end: 2, s: a}\n1/1 2/1 1/1 2/1 {begin: 0.75, end: 1, s: a}\n");
    /* the pattern sampled at each index event: a b a b under 0 1 2 3 */
    TF_CHECK("a b", "slice 4 \"0 1 2 3\"", I(0), I(1),
             "0/1 1/4 0/1 1/4 {begin: 0, end: 0.25, s: a}\n1/4 1/2 1/4 1/2 {begin: 0.25, end: 0.5, s: a}\n"
             "1/2 3/4 1/2 3/4 {begin: 0.5, end: 0.75, s: b}\n3/4 1/1 3/4 1/1 {begin: 0.75, end: 1, s: b}\n");
}

Test(tf_slice, splice_fits_each_slice_to_its_event)
{
    /* a quarter of the sample over half a cycle: speed 0.5 per cycle */
    TF_CHECK("a", "splice 4 \"0 [2 3]\"", I(0), I(1),
             "0/1 1/2 0/1 1/2 {begin: 0, end: 0.25, s: a, speed: 0.5, unit: c}\n"
             "1/2 3/4 1/2 3/4 {begin: 0.5, end: 0.75, s: a, speed: 1, unit: c}\n"
             "3/4 1/1 3/4 1/1 {begin: 0.75, end: 1, s: a, speed: 1, unit: c}\n");
    /* times the pattern's own speed */
    TF_CHECK("a", "(# speed 3) $ splice 2 \"0 1\"", I(0), I(1),
             "0/1 1/2 0/1 1/2 {begin: 0, end: 0.5, speed: 3, unit: c, value: a}\n"
             "1/2 1/1 1/2 1/1 {begin: 0.5, end: 1, speed: 3, unit: c, value: a}\n");
}

Test(tf_slice, loop_at_slows_and_stretches)
{
    TF_CHECK("a", "loopAt 2", I(0), I(2),
             "0/1 2/1 0/1 1/1 {s: a, speed: 0.5, unit: c}\n0/1 2/1 1/1 2/1 {s: a, speed: 0.5, unit: c}\n");
    /* chopped: the pieces keep their places in the stretched sample */
    TF_CHECK("a", "chop 2 $ loopAt 2", I(0), I(2),
             "0/1 1/1 0/1 1/1 {begin: 0, end: 0.5, s: a, speed: 0.5, unit: c}\n"
             "1/1 2/1 1/1 2/1 {begin: 0.5, end: 1, s: a, speed: 0.5, unit: c}\n");
}
