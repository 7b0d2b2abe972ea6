/* The seed project's transforms and names (ekg/phonon: src/pattern_ops*.rs, groove.rs), on
 * exact event lists worked out by hand from the meanings documented in ARCHITECTURE.md:
 * swing amounts, groove, humanize, walk, degradeSeed, wait, staccato, loopback, stut's
 * argument order, and the seed's other spellings (offset, dup, trim, compressGap, mirror). */
#include "test_tf_helpers.h"

#include "pattern/ph_rand.h"

Test(tf_seed, swing_amount)
{
    /* x < 1: events on odd steps of their cycle (in their own length) later by x of it */
    TF_CHECK("a*4", "swing 0.2", I(0), I(1),
             "-1/5 1/20 0/1 1/20 a\n0/1 1/4 0/1 1/4 a\n3/10 11/20 3/10 11/20 a\n1/2 3/4 1/2 3/4 a\n"
             "4/5 21/20 4/5 1/1 a\n");
    TF_CHECK("a b", "swing 0.25", R(-1, 2), R(1, 2), "-3/8 1/8 -3/8 1/8 b\n0/1 1/2 0/1 1/2 a\n");
    /* on-beat events stay where they are (bd on steps 0 and 2 of 8) */
    TF_CHECK("bd ~ bd ~", "swing 0.5", I(0), I(1), "0/1 1/4 0/1 1/4 bd\n1/2 3/4 1/2 3/4 bd\n");
    /* x >= 1 is Strudel's swing n = swingBy (1/3) n */
    TF_SAME("a*8", "swing 4", "a*8", "swingBy (1/3) 4", I(0), I(2));
    /* patterned: the seed's amount in cycle 0 (cycle -1's b moved into it), Strudel's
     * count in cycle 1 */
    TF_CHECK("a b", "swing \"<0.5 2>\"", I(0), I(1), "-1/4 1/4 0/1 1/4 b\n0/1 1/2 0/1 1/2 a\n3/4 5/4 3/4 1/1 b\n");
    TF_SAME("a b", "swing \"<0.5 2>\"", "a b", "swing 2", I(1), I(2));
}

Test(tf_seed, groove)
{
    /* mpc: odd sixteenths 1/32 later (mpc_swing(0.5): 0.5 / 16) */
    TF_CHECK("a*16", "groove \"mpc\"", I(0), R(1, 4),
             "-1/32 1/32 0/1 1/32 a\n0/1 1/16 0/1 1/16 a\n3/32 5/32 3/32 5/32 a\n1/8 3/16 1/8 3/16 a\n"
             "7/32 9/32 7/32 1/4 a\n");
    /* hiphop at twice the amount: step 4 (beat 2) by 0.04, step 6 by 0.02 */
    TF_CHECK("a*16", "groove \"hiphop\" 2", R(1, 4), R(1, 2),
             "29/100 141/400 29/100 141/400 a\n5/16 3/8 5/16 3/8 a\n79/200 183/400 79/200 183/400 a\n"
             "7/16 1/2 7/16 1/2 a\n");
    /* eighths sit on even sixteenths: mpc leaves them */
    TF_SAME("a*8", "groove \"mpc\"", "a*8", "fast 1", I(0), I(2));
    TF_ERROR("a", "groove \"nope\"", "groove: unknown preset");
}

Test(tf_seed, humanize_and_walk)
{
    /* humanize t 0: each onset moved by (2 rand(onset) - 1) * t, Strudel's rand */
    double r = ph_rand_time_to_rand(0.5);
    ph_rat d = ph_rat_from_double((2 * r - 1) * 0.05, 10000000);
    char want[512], b[48], e[48];
    ph_rat_format(ph_rat_add(R(1, 2), d), b, sizeof b);
    ph_rat_format(ph_rat_add(I(1), d), e, sizeof e);
    snprintf(want, sizeof want, "-1/20 9/20 0/1 9/20 a\n%s %s %s %s a\n", b, e, b, e);
    TF_CHECK("a*2", "humanize 0.05 0", I(0), I(1), want); /* rand(0) is 0: 1/20 earlier */
    /* the gain moves with the second rand of the (moved) onset */
    ph_heap *h = ph_heap_new();
    char err[256] = "";
    const ph_pat *p = tf_build(h, "a", "humanize 0 0.5", err, sizeof err);
    cr_assert_not_null(p, "%s", err);
    ph_arena *a = ph_arena_new_growable(1 << 12);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query(p, ph_span_make(I(3), I(4)), a, &ev), PH_Q_OK);
    cr_assert_eq(ev.count, 1u);
    double rr[2], g;
    ph_rand_time_to_rands(3, 2, rr);
    ph_value gv;
    cr_assert(ph_cmap_get(ev.ev[0].value, ph_intern_cstr("gain"), &gv) && ph_value_to_number(gv, &g));
    cr_expect_float_eq(g, 1 + (2 * rr[1] - 1) * 0.5, 1e-12);
    ph_arena_free(a);
    ph_heap_free(h);
    /* walk: numbers moved by (2 rand(onset) - 1) * step; words left alone */
    char v[64];
    snprintf(want, sizeof want, "0/1 1/2 0/1 1/2 -1\n1/2 1/1 1/2 1/1 %s\nx\n", ph_value_format(ph_val_num(10 + (2 * r - 1)), v, sizeof v));
    *strstr(want, "x\n") = 0;
    TF_CHECK("0 10", "walk 1", I(0), I(1), want);
    /* (a note name is a number, as in add: "a" is a3 = 57) */
    TF_CHECK("bd", "walk 1", I(0), I(1), "0/1 1/1 0/1 1/1 bd\n");
}

Test(tf_seed, degrade_seed)
{
    /* seed 0 is the mini-notation's `?` with seed 0; other seeds shift rand as `?`'s do */
    TF_SAME("[a*8]?", "", "a*8", "degradeSeed 0", I(0), I(4));
    TF_CHECK("a*8", "degradeSeed 4", I(0), I(1), "1/8 1/4 1/8 1/4 a\n1/4 3/8 1/4 3/8 a\n3/8 1/2 3/8 1/2 a\n");
    TF_ERROR("a", "degradeSeed 0.5", "degradeSeed: the seed must be a whole number");
}

Test(tf_seed, wait_staccato_loopback)
{
    TF_CHECK("a b", "wait 2", I(1), I(3), "2/1 5/2 2/1 5/2 a\n5/2 3/1 5/2 3/1 b\n");
    /* an event that began before n plays from n on (the pattern's cycle -1 is not heard) */
    TF_CHECK("a", "late 0.5 $ wait 1", I(0), I(2), "1/2 3/2 1/1 3/2 a\n3/2 5/2 3/2 2/1 a\n");
    TF_CHECK("a", "slow 2 $ wait 1", I(1), I(2), "1/1 3/1 1/1 2/1 a\n");
    TF_CHECK("a b", "staccato 0.5", I(0), I(1), "0/1 1/4 0/1 1/4 a\n1/2 3/4 1/2 3/4 b\n");
    TF_CHECK("a [b c]", "staccato 0.5", R(1, 4), R(3, 4), "1/2 5/8 1/2 5/8 b\n");
    TF_SAME("a b", "staccato 2", "a b", "fast 1", I(0), I(1));
    TF_CHECK("a b", "loopback", I(0), I(2), "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n1/1 3/2 1/1 3/2 b\n3/2 2/1 3/2 2/1 a\n");
}

Test(tf_seed, spellings)
{
    TF_SAME("a b", "offset 0.25", "a b", "late 0.25", I(0), I(2));
    TF_SAME("a b", "dup 3", "a b", "fast 3", I(0), I(2));
    TF_SAME("a b c d", "trim 0.25 0.75", "a b c d", "zoom 0.25 0.75", I(0), I(2));
    TF_SAME("a b c d", "compressGap 0.25 0.75", "a b c d", "compress 0.25 0.75", I(0), I(2));
    TF_SAME("a b c", "mirror", "a b c", "palindrome", I(0), I(4));
    /* stut in the seed's order: times time feedback (Tidal/Strudel: times feedback time) */
    TF_SAME("a b", "stut 3 0.125 0.5", "a b", "echo 3 0.125 0.5", I(0), I(2));
}
