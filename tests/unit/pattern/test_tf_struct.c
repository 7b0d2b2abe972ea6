/* Structure and value transforms and the constructors, on exact event lists worked out
 * by hand: struct/mask (Strudel's keepif.out/in), the euclid family (Strudel's bjork
 * and right rotation; Tidal's Inv/Full), rot and arp (Tidal's), quantise, round,
 * add/sub/mul/div, segment, range, run, irand, choose, timeCat, cat, fastcat, stack. */
#include "pattern/ph_rand.h"
#include "test_tf_helpers.h"

Test(tf_struct, struct_mask)
{
    /* structure from the right: each x gets the left's values, cut at the left's events */
    TF_CHECK("a b", "struct \"x x x\"", I(0), I(1),
             "0/1 1/3 0/1 1/3 a\n1/3 2/3 1/3 1/2 a\n1/3 2/3 1/2 2/3 b\n2/3 1/1 2/3 1/1 b\n");
    TF_CHECK("a", "struct \"1 0 1 1\"", I(0), I(1),
             "0/1 1/4 0/1 1/4 a\n1/2 3/4 1/2 3/4 a\n3/4 1/1 3/4 1/1 a\n");
    TF_CHECK("a b c d", "mask \"1 0\"", I(0), I(1), "0/1 1/4 0/1 1/4 a\n1/4 1/2 1/4 1/2 b\n");
    TF_CHECK("a b", "mask \"<1 0>\"", I(0), I(2), "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n");
    /* structure from the left: a mask event inside an event keeps the event's whole */
    TF_CHECK("a", "mask \"0 1\"", I(0), I(1), "0/1 1/1 1/2 1/1 a\n");
}

Test(tf_struct, euclid_family)
{
    const char *e38 = "0/1 1/8 0/1 1/8 a\n3/8 1/2 3/8 1/2 a\n3/4 7/8 3/4 7/8 a\n";
    TF_CHECK("a", "euclid 3 8", I(0), I(1), e38);
    /* Strudel rotates right: rotate(bjork, -r) */
    TF_CHECK("a", "euclidRot 3 8 1", I(0), I(1),
             "1/8 1/4 1/8 1/4 a\n1/2 5/8 1/2 5/8 a\n7/8 1/1 7/8 1/1 a\n");
    TF_SAME("a", "euclidOff 3 8 1", "a", "euclidRot 3 8 1", I(0), I(2));
    TF_CHECK("a", "euclidInv 3 8", I(0), I(1),
             "1/8 1/4 1/8 1/4 a\n1/4 3/8 1/4 3/8 a\n1/2 5/8 1/2 5/8 a\n5/8 3/4 5/8 3/4 a\n"
             "7/8 1/1 7/8 1/1 a\n");
    TF_CHECK("a", "euclidFull 3 8 \"b\"", I(0), I(1),
             "0/1 1/8 0/1 1/8 a\n1/8 1/4 1/8 1/4 b\n1/4 3/8 1/4 3/8 b\n3/8 1/2 3/8 1/2 a\n"
             "1/2 5/8 1/2 5/8 b\n5/8 3/4 5/8 3/4 b\n3/4 7/8 3/4 7/8 a\n7/8 1/1 7/8 1/1 b\n");
    TF_CHECK("a", "euclidOffFull 3 8 1 \"b\"", I(0), I(1),
             "0/1 1/8 0/1 1/8 b\n1/8 1/4 1/8 1/4 a\n1/4 3/8 1/4 3/8 b\n3/8 1/2 3/8 1/2 b\n"
             "1/2 5/8 1/2 5/8 a\n5/8 3/4 5/8 3/4 b\n3/4 7/8 3/4 7/8 b\n7/8 1/1 7/8 1/1 a\n");
    TF_CHECK("a", "euclid \"<3 5>\" 8", I(1), I(2),
             "1/1 9/8 1/1 9/8 a\n5/4 11/8 5/4 11/8 a\n11/8 3/2 11/8 3/2 a\n13/8 7/4 13/8 7/4 a\n"
             "7/4 15/8 7/4 15/8 a\n");
    /* patterned pulses through euclidInv */
    TF_SAME("a", "euclidInv \"<3 5>\" 8", "a", "euclid \"<-3 -5>\" 8", I(0), I(2));
}

Test(tf_struct, euclid_legato)
{
    /* onsets held to the next one; structure from the rhythm, values cut by the pattern */
    TF_CHECK("a b", "euclidLegato 3 8", I(0), I(1),
             "0/1 3/8 0/1 3/8 a\n3/8 3/4 3/8 1/2 a\n3/8 3/4 1/2 3/4 b\n3/4 1/1 3/4 1/1 b\n");
    /* Strudel 1.2.6 rotates the unrotated legato pattern: late by r/n (issue 17's case;
     * events computed by Strudel 1.2.6) */
    TF_CHECK("<a b>", "euclidLegatoRot 3 8 1", I(0), I(1),
             "-1/8 1/8 0/1 1/8 b\n1/8 1/2 1/8 1/2 a\n1/2 7/8 1/2 7/8 a\n7/8 9/8 7/8 1/1 a\n");
    TF_CHECK("a", "euclidLegato 0 8", I(0), I(1), "");
    TF_CHECK("a", "euclidLegato 9 8", I(0), I(1), "");
}

Test(tf_struct, rot)
{
    TF_CHECK("a b c d", "rot 1", I(0), I(1),
             "0/1 1/4 0/1 1/4 b\n1/4 1/2 1/4 1/2 c\n1/2 3/4 1/2 3/4 d\n3/4 1/1 3/4 1/1 a\n");
    TF_CHECK("a b c d", "rot -1", I(0), I(1),
             "0/1 1/4 0/1 1/4 d\n1/4 1/2 1/4 1/2 a\n1/2 3/4 1/2 3/4 b\n3/4 1/1 3/4 1/1 c\n");
    TF_CHECK("a ~ b c", "rot 1", I(0), I(1), "0/1 1/4 0/1 1/4 b\n1/2 3/4 1/2 3/4 c\n3/4 1/1 3/4 1/1 a\n");
    TF_CHECK("a b", "rot \"<0 1>\"", I(0), I(2),
             "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n1/1 3/2 1/1 3/2 b\n3/2 2/1 3/2 2/1 a\n");
    /* a partial query still rotates over the whole cycle, then cuts */
    TF_CHECK("a b c d", "rot 1", R(1, 2), I(1), "1/2 3/4 1/2 3/4 d\n3/4 1/1 3/4 1/1 a\n");
    TF_CHECK("a b c", "rot 4", I(0), I(1),
             "0/1 1/3 0/1 1/3 b\n1/3 2/3 1/3 2/3 c\n2/3 1/1 2/3 1/1 a\n");
}

static char *arp_values(const char *mode)
{
    ph_heap *h = ph_heap_new();
    ph_mini_error me;
    const ph_pat *chord = ph_mini_parse(h, "[a,b,c,d]", 9, &me);
    const ph_pat *m = ph_pure(h, ph_val_word(ph_intern_cstr(mode)));
    char err[256] = "";
    ph_targ arg = ph_targ_pat(m);
    const ph_pat *p = ph_transform_apply(h, "arp", &arg, 1, chord, err, sizeof err);
    cr_assert(p, "arp %s: %s", mode, err);
    char *lines = tf_lines(p, I(0), I(1));
    static char vals[256];
    size_t n = 0;
    vals[0] = 0;
    for (char *l = strtok(lines, "\n"); l; l = strtok(NULL, "\n")) {
        const char *v = strrchr(l, ' ') + 1;
        n += (size_t)snprintf(vals + n, sizeof vals - n, "%s%s", n ? " " : "", v);
    }
    free(lines);
    ph_heap_free(h);
    return vals;
}

#define ARP_EXPECT(mode, want)                                                               \
    do {                                                                                     \
        const char *got_ = arp_values(mode);                                                 \
        cr_expect(strcmp(got_, want) == 0, "arp %s: got '%s', want '%s'", mode, got_, want); \
    } while (0)

Test(tf_struct, arp_modes_tidal)
{
    TF_CHECK("[a,b,c]", "arp \"up\"", I(0), I(1),
             "0/1 1/3 0/1 1/3 a\n1/3 2/3 1/3 2/3 b\n2/3 1/1 2/3 1/1 c\n");
    ARP_EXPECT("up", "a b c d");
    ARP_EXPECT("down", "d c b a");
    ARP_EXPECT("updown", "a b c d c b");
    ARP_EXPECT("downup", "d c b a b c");
    ARP_EXPECT("up&down", "a b c d d c b a");
    ARP_EXPECT("down&up", "d c b a a b c d");
    ARP_EXPECT("upanddown", "a b c d d c b a");
    ARP_EXPECT("downandup", "d c b a a b c d");
    ARP_EXPECT("converge", "a d b c");
    ARP_EXPECT("diverge", "c b d a");
    ARP_EXPECT("disconverge", "a d b c b d a");
    ARP_EXPECT("pinkyup", "a d b d c d");
    ARP_EXPECT("pinkyupdown", "a d b d c d c d b d");
    ARP_EXPECT("thumbup", "a b a c a d");
    ARP_EXPECT("thumbupdown", "a b a c a d a c a b");
}

Test(tf_struct, arp_chords_and_patterned_modes)
{
    /* each chord spreads over its own whole */
    TF_CHECK("[a,b] [c,d]", "arp \"down\"", I(0), I(1),
             "0/1 1/4 0/1 1/4 b\n1/4 1/2 1/4 1/2 a\n1/2 3/4 1/2 3/4 d\n3/4 1/1 3/4 1/1 c\n");
    TF_CHECK("[a,b]", "arp \"<up down>\"", I(0), I(2),
             "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n1/1 3/2 1/1 3/2 b\n3/2 2/1 3/2 2/1 a\n");
    /* Tidal's updown of a single note is empty (init [x] = []) */
    TF_CHECK("a", "arp \"updown\"", I(0), I(1), "");
    /* a partial query keeps the slices' parts inside it */
    TF_CHECK("[a,b,c,d]", "arp \"up\"", R(1, 8), R(3, 8), "0/1 1/4 1/8 1/4 a\n1/4 1/2 1/4 3/8 b\n");
    TF_ERROR("[a,b]", "arp \"sideways\"", "unknown mode");
    TF_ERROR("[a,b]", "arp \"up 1\"", "unknown mode");
    TF_CHECK("[a,b]", "arp \"upanddown\"", I(0), I(1),
             "0/1 1/4 0/1 1/4 a\n1/4 1/2 1/4 1/2 b\n1/2 3/4 1/2 3/4 b\n3/4 1/1 3/4 1/1 a\n");
}

Test(tf_struct, arp_indices_strudel)
{
    /* numbers pick notes of each chord (mod its size); the structure is the indices' */
    TF_CHECK("[a,b,c]", "arp \"0 2\"", I(0), I(1), "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 c\n");
    TF_CHECK("[a,b]", "arp \"3 [0,1]\"", I(0), I(1),
             "0/1 1/2 0/1 1/2 b\n1/2 1/1 1/2 1/1 a\n1/2 1/1 1/2 1/1 b\n");
    /* each chord is searched inside its own part */
    TF_CHECK("[a,b] [c,d]", "arp \"1\"", I(0), I(1), "0/1 1/1 0/1 1/2 b\n0/1 1/1 1/2 1/1 d\n");
}

Test(tf_struct, numbers)
{
    TF_CHECK("0.4 0.5 1.5 2.6", "quantise 1", I(0), I(1),
             "0/1 1/4 0/1 1/4 0\n1/4 1/2 1/4 1/2 0\n1/2 3/4 1/2 3/4 2\n3/4 1/1 3/4 1/1 3\n");
    TF_CHECK("0.3 0.8", "quantise 2", I(0), I(1), "0/1 1/2 0/1 1/2 0.5\n1/2 1/1 1/2 1/1 1\n");
    TF_ERROR("1", "quantise 0", "non-zero");
    TF_CHECK("0.4 0.5 1.5 2.6", "round", I(0), I(1),
             "0/1 1/4 0/1 1/4 0\n1/4 1/2 1/4 1/2 1\n1/2 3/4 1/2 3/4 2\n3/4 1/1 3/4 1/1 3\n");
    TF_CHECK("1 2", "add \"<0 10>\"", I(1), I(2), "1/1 3/2 1/1 3/2 11\n3/2 2/1 3/2 2/1 12\n");
    /* structure from the left, cut by the right's events */
    TF_CHECK("0 1", "add \"10 20 30\"", I(0), I(1),
             "0/1 1/2 0/1 1/3 10\n0/1 1/2 1/3 1/2 20\n1/2 1/1 1/2 2/3 21\n1/2 1/1 2/3 1/1 31\n");
    TF_CHECK("5 6", "sub 1", I(0), I(1), "0/1 1/2 0/1 1/2 4\n1/2 1/1 1/2 1/1 5\n");
    TF_CHECK("5 6", "mul 2", I(0), I(1), "0/1 1/2 0/1 1/2 10\n1/2 1/1 1/2 1/1 12\n");
    TF_CHECK("5 6", "div 2", I(0), I(1), "0/1 1/2 0/1 1/2 2.5\n1/2 1/1 1/2 1/1 3\n");
    TF_CHECK("0 0.5 1", "range 1 5", I(0), I(1),
             "0/1 1/3 0/1 1/3 1\n1/3 2/3 1/3 2/3 3\n2/3 1/1 2/3 1/1 5\n");
    TF_CHECK("a", "segment 2", I(0), I(1), "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 a\n");
}

Test(tf_struct, constructors)
{
    TF_CHECK(NULL, "run 4", I(0), I(1),
             "0/1 1/4 0/1 1/4 0\n1/4 1/2 1/4 1/2 1\n1/2 3/4 1/2 3/4 2\n3/4 1/1 3/4 1/1 3\n");
    TF_CHECK(NULL, "run \"<2 4>\"", I(0), I(2),
             "0/1 1/2 0/1 1/2 0\n1/2 1/1 1/2 1/1 1\n1/1 5/4 1/1 5/4 0\n5/4 3/2 5/4 3/2 1\n"
             "3/2 7/4 3/2 7/4 2\n7/4 2/1 7/4 2/1 3\n");
    TF_CHECK(NULL, "timeCat 1 \"a\" 2 \"b\"", I(0), I(1), "0/1 1/3 0/1 1/3 a\n1/3 1/1 1/3 1/1 b\n");
    TF_CHECK(NULL, "cat \"a\" \"b c\"", I(0), I(2),
             "0/1 1/1 0/1 1/1 a\n1/1 3/2 1/1 3/2 b\n3/2 2/1 3/2 2/1 c\n");
    TF_SAME(NULL, "slowcat \"a\" \"b\"", "<a b>", "", I(0), I(3));
    TF_SAME(NULL, "fastcat \"a\" \"b\"", "a b", "", I(0), I(2));
    TF_SAME(NULL, "seq \"a\" \"b\"", "a b", "", I(0), I(2));
    TF_SAME(NULL, "sequence \"a\" \"b\"", "a b", "", I(0), I(2));
    TF_SAME(NULL, "stack \"a\" \"b c\"", "[a, b c]", "", I(0), I(2));
    TF_CHECK(NULL, "silence", I(0), I(4), "");
    TF_ERROR(NULL, "timeCat 1 \"a\" 2", "pairs");
}

Test(tf_struct, random_constructors)
{
    ph_heap *h = ph_heap_new();
    char err[256] = "";
    const ph_pat *ir = tf_build(h, NULL, "irand 8 $ segment 4", err, sizeof err);
    const ph_pat *ch = tf_build(h, NULL, "choose \"a\" \"b\" \"c\" $ segment 4", err, sizeof err);
    const ph_pat *rd = tf_build(h, NULL, "rand", err, sizeof err);
    cr_assert(ir && ch && rd, "%s", err);
    ph_arena *a = ph_arena_new_growable(1 << 16);
    for (int c = 0; c < 3; c++) {
        ph_events e1, e2;
        ph_events_init(&e1);
        ph_events_init(&e2);
        cr_assert_eq(ph_query(ir, ph_span_make(I(c), I(c + 1)), a, &e1), PH_Q_OK);
        cr_assert_eq(ph_query(ch, ph_span_make(I(c), I(c + 1)), a, &e2), PH_Q_OK);
        ph_events_sort(&e1);
        ph_events_sort(&e2);
        cr_assert_eq(e1.count, 4u);
        cr_assert_eq(e2.count, 4u);
        for (int k = 0; k < 4; k++) {
            /* segment samples at each step's start: Strudel's rand there */
            double r = ph_rand_time_to_rand((c * 4 + k) / 4.0);
            cr_expect(e1.ev[k].has_whole);
            cr_expect_eq(e1.ev[k].value.u.num, (double)(int)(r * 8), "irand at %d/4", c * 4 + k);
            const char *want = (const char *[]){"a", "b", "c"}[(int)(r * 3)];
            cr_expect_str_eq(ph_word_str(e2.ev[k].value.u.word, NULL), want);
        }
    }
    /* continuous: one event with no whole, sampled at the query's start */
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query(rd, ph_span_make(R(1, 3), I(1)), a, &ev), PH_Q_OK);
    cr_assert_eq(ev.count, 1u);
    cr_expect(!ev.ev[0].has_whole);
    cr_expect_eq(ev.ev[0].value.u.num, ph_rand_time_to_rand(1.0 / 3));
    ph_arena_free(a);
    ph_heap_free(h);
}

/* Tidal's scale: degrees to semitones, structure from the degrees; degrees beyond the
 * scale go up (or down) by octaves; names patterned; unknown names refused. */
Test(tf_struct, scale)
{
    TF_CHECK("0 1 2 3 4 5 6 7", "scale \"major\"", I(0), I(1),
             "0/1 1/8 0/1 1/8 0\n1/8 1/4 1/8 1/4 2\n1/4 3/8 1/4 3/8 4\n3/8 1/2 3/8 1/2 5\n"
             "1/2 5/8 1/2 5/8 7\n5/8 3/4 5/8 3/4 9\n3/4 7/8 3/4 7/8 11\n7/8 1/1 7/8 1/1 12\n");
    /* fractional degrees round up (Strudel's Math.ceil; issue 17: C major "0.5 1.5 -0.5"
     * is D3 E3 C3 there, semitones 2 4 0 here) */
    TF_CHECK("0.5 1.5 -0.5 -1.2", "scale \"major\"", I(0), I(1),
             "0/1 1/4 0/1 1/4 2\n1/4 1/2 1/4 1/2 4\n1/2 3/4 1/2 3/4 0\n3/4 1/1 3/4 1/1 -1\n");
    TF_CHECK("-1 -5 9", "scale \"minPent\"", I(0), I(1),
             "0/1 1/3 0/1 1/3 -2\n1/3 2/3 1/3 2/3 -12\n2/3 1/1 2/3 1/1 22\n");
    /* the structure is the degrees': the name changes mid-event without cutting it */
    TF_CHECK("2 4", "scale \"<major minor>\"", I(0), I(2),
             "0/1 1/2 0/1 1/2 4\n1/2 1/1 1/2 1/1 7\n1/1 3/2 1/1 3/2 3\n3/2 2/1 3/2 2/1 7\n");
    TF_CHECK("0 1", "scale \"[major chromatic]\"", I(0), I(1), "0/1 1/2 0/1 1/2 0\n1/2 1/1 1/2 1/1 1\n");
    TF_ERROR("0 1", "scale \"majr\"", "unknown scale");
    TF_ERROR("0 1", "scale \"<major 3>\"", "unknown scale");
}

/* Strudel's bite: n slices per cycle, played as the index pattern names them, each squeezed
 * into its index event (wholes clipped to that event). Checked against Strudel 1.2.6. */
Test(tf_struct, bite)
{
    TF_CHECK("a b c d", "bite 4 \"0 2\"", I(0), I(1), "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 c\n");
    TF_CHECK("a b c d", "bite 2 \"1 [0 0]\"", I(0), I(1),
             "0/1 1/4 0/1 1/4 c\n1/4 1/2 1/4 1/2 d\n1/2 5/8 1/2 5/8 a\n5/8 3/4 5/8 3/4 b\n"
             "3/4 7/8 3/4 7/8 a\n7/8 1/1 7/8 1/1 b\n");
    /* an index past n wraps (i/n mod 1): issue 17's case, and slice 1 of 1 is slice 0 */
    TF_CHECK("0 1 2 3", "bite 2 \"0 3\"", I(0), I(1),
             "0/1 1/4 0/1 1/4 0\n1/4 1/2 1/4 1/2 1\n1/2 3/4 1/2 3/4 2\n3/4 1/1 3/4 1/1 3\n");
    TF_CHECK("<a b>", "bite 1 \"1\"", I(0), I(2), "0/1 1/1 0/1 1/1 a\n1/1 2/1 1/1 2/1 b\n");
    /* a negative index keeps its sign (JavaScript's %): slice [-1/4, 0) lands outside the
     * event and plays nothing; a fractional one starts between slices */
    TF_CHECK("a b c d", "bite 4 \"-1 0.5\"", I(0), I(1), "1/2 3/4 1/2 3/4 a\n3/4 1/1 3/4 1/1 b\n");
    /* the slice count patterned, taken per index event (structure from the indices) */
    TF_CHECK("a b c d", "bite \"2 4\" \"0 1\"", I(0), I(1),
             "0/1 1/4 0/1 1/4 a\n1/4 1/2 1/4 1/2 b\n1/2 1/1 1/2 1/1 b\n");
    TF_CHECK("a b", "bite \"<2 4>\" \"0 1\"", I(0), I(2),
             "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n1/1 3/2 1/1 3/2 a\n3/2 2/1 3/2 2/1 a\n");
    /* a slice cut by the query keeps its whole */
    TF_CHECK("a b c d", "bite 4 \"0 2\"", R(1, 4), R(3, 4), "0/1 1/2 1/4 1/2 a\n1/2 1/1 1/2 3/4 c\n");
}

/* Strudel's inv: 0 <-> 1, true <-> false; it turns a mask around. */
Test(tf_struct, inv)
{
    TF_CHECK("1 0 3 true false x", "inv", I(0), I(1),
             "0/1 1/6 0/1 1/6 0\n1/6 1/3 1/6 1/3 1\n1/3 1/2 1/3 1/2 0\n1/2 2/3 1/2 2/3 false\n"
             "2/3 5/6 2/3 5/6 true\n");
    TF_SAME("a b c d", "mask (inv \"1 0\")", "a b c d", "mask \"0 1\"", I(0), I(2));
}

/* Strudel's ribbon: `cycles` cycles from `offset` on, looped; every event is cut to its
 * period, whole included (restartJoin), as Strudel 1.2.6 gives them. */
Test(tf_struct, ribbon)
{
    TF_CHECK("<a b c d>", "ribbon 1 2", I(0), I(4),
             "0/1 1/1 0/1 1/1 b\n1/1 2/1 1/1 2/1 c\n2/1 3/1 2/1 3/1 b\n3/1 4/1 3/1 4/1 c\n");
    TF_CHECK("a b", "ribbon 0.5 1", I(0), I(1), "0/1 1/2 0/1 1/2 b\n1/2 1/1 1/2 1/1 a\n");
    TF_CHECK("a", "ribbon 0.25 0.5", I(0), I(1), "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 a\n");
    /* issue 17's case: half of cycle 1 looped, its wholes end at the loop point */
    TF_CHECK("<0 1 2 3>", "ribbon 1 0.5", I(0), I(1), "0/1 1/2 0/1 1/2 1\n1/2 1/1 1/2 1/1 1\n");
    TF_CHECK("a", "ribbon 0 0", I(0), I(1), ""); /* no loop length: nothing */
}
