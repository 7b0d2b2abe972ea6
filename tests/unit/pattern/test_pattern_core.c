/* The pattern core: words, values, arenas, event lists, queries and the elementary
 * patterns and combinators, on exact event lists. */
#include <pthread.h>

#include "pattern/ph_rand.h"
#include "pattern_test_util.h"

#define R(n, d) ph_rat_make((n), (d))
#define SPAN(a, b, c, d) ph_span_make(R(a, b), R(c, d))

static ph_pat *word(ph_heap *h, const char *w) { return ph_pure(h, ph_val_word(ph_intern_cstr(w))); }

Test(pattern_core, interning_gives_stable_ids)
{
    ph_word a = ph_intern_cstr("bd"), b = ph_intern_cstr("sn"), a2 = ph_intern("bdx", 2);
    cr_assert_neq(a, PH_WORD_NONE);
    cr_assert_eq(a, a2);
    cr_assert_neq(a, b);
    size_t len;
    cr_assert_str_eq(ph_word_str(b, &len), "sn");
    cr_assert_eq(len, 2);
    cr_assert_eq(ph_intern("", 0), PH_WORD_NONE);
    cr_assert_str_eq(ph_word_str(PH_WORD_NONE, NULL), "");
}

/* A word of two numbers ("74:0.5", a fractional index folded by the mini-notation) carries
 * them, read when interned, so that queries parse nothing. */
Test(pattern_core, words_of_two_numbers_carry_them)
{
    double a = 0, b = 0;
    cr_assert(ph_word_pair(ph_intern_cstr("74:0.5"), &a, &b));
    cr_expect(a == 74 && b == 0.5, "%g %g", a, b);
    cr_assert(ph_word_pair(ph_intern_cstr("-1.5:1e3"), &a, &b));
    cr_expect(a == -1.5 && b == 1000, "%g %g", a, b);
    const char *not_pairs[] = {"bd", "bd:3", "74:", ":0.5", "74:0.5:1", "1 2"};
    for (size_t i = 0; i < sizeof not_pairs / sizeof not_pairs[0]; i++)
        cr_expect(!ph_word_pair(ph_intern_cstr(not_pairs[i]), &a, &b), "%s", not_pairs[i]);
    cr_expect(!ph_word_pair(PH_WORD_NONE, &a, &b));
}

static void *intern_many(void *arg)
{
    ph_word *ids = arg;
    char buf[32];
    for (int i = 0; i < 2000; i++) {
        snprintf(buf, sizeof buf, "word%d", i);
        ids[i] = ph_intern_cstr(buf);
    }
    return NULL;
}

Test(pattern_core, interning_is_thread_safe)
{
    static ph_word a[2000], b[2000];
    pthread_t t1, t2;
    pthread_create(&t1, NULL, intern_many, a);
    pthread_create(&t2, NULL, intern_many, b);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    for (int i = 0; i < 2000; i++) {
        cr_assert_eq(a[i], b[i]);
        char buf[32];
        snprintf(buf, sizeof buf, "word%d", i);
        cr_assert_str_eq(ph_word_str(a[i], NULL), buf);
    }
}

Test(pattern_core, values_print_like_strudel)
{
    char buf[64];
    cr_assert_str_eq(ph_value_format(ph_val_num(0.25), buf, sizeof buf), "0.25");
    cr_assert_str_eq(ph_value_format(ph_val_num(3), buf, sizeof buf), "3");
    cr_assert_str_eq(ph_value_format(ph_val_num(-1.5), buf, sizeof buf), "-1.5");
    cr_assert_str_eq(ph_value_format(ph_val_num(0.1 + 0.2), buf, sizeof buf), "0.30000000000000004");
    cr_assert_str_eq(ph_value_format(ph_val_num(1e-7), buf, sizeof buf), "1e-7");
    cr_assert_str_eq(ph_value_format(ph_val_num(1e21), buf, sizeof buf), "1e+21");
    cr_assert_str_eq(ph_value_format(ph_val_num(123456789012), buf, sizeof buf), "123456789012");
    ph_value v = ph_val_word(ph_intern_cstr("bd"));
    v.index = 3;
    cr_assert_str_eq(ph_value_format(v, buf, sizeof buf), "bd:3");
    cr_assert(ph_value_cmp(ph_val_num(1), ph_val_num(2)) < 0);
    cr_assert(ph_value_eq(ph_val_word(ph_intern_cstr("x")), ph_val_word(ph_intern_cstr("x"))));
}

Test(pattern_core, note_names_as_numbers)
{
    double m;
    cr_assert(ph_note_to_midi("c4", 2, &m) && m == 60);
    cr_assert(ph_note_to_midi("eb2", 3, &m) && m == 39);
    cr_assert(ph_note_to_midi("f#3", 3, &m) && m == 54);
    cr_assert(ph_note_to_midi("c", 1, &m) && m == 48); /* Strudel's default octave 3 */
    cr_assert(ph_note_to_midi("Bs4", 3, &m) && m == 72);
    cr_assert(!ph_note_to_midi("h4", 2, &m));
    /* octaves as Strudel's tokenizeNote reads them: negative, several digits */
    cr_assert(ph_note_to_midi("c-1", 3, &m) && m == 0);
    cr_assert(ph_note_to_midi("a-1", 3, &m) && m == 9);
    cr_assert(ph_note_to_midi("eb-2", 4, &m) && m == -9);
    cr_assert(ph_note_to_midi("b#-1", 4, &m) && m == 12);
    cr_assert(ph_note_to_midi("c10", 3, &m) && m == 132);
    cr_assert(!ph_note_to_midi("c-", 2, &m));
    cr_assert(!ph_note_to_midi("c-1x", 4, &m));
    cr_assert(!ph_note_to_midi("c1-", 3, &m));
    cr_assert(ph_value_to_number(ph_val_word(ph_intern_cstr("0.5")), &m) && m == 0.5);
}

Test(pattern_core, strudel_random_numbers)
{
    /* values computed with Strudel's own timeToRand in JavaScript */
    cr_assert_eq(ph_rand_time_to_rand(0), 0.0);
    cr_assert_eq(ph_rand_time_to_rand(0.5), 0.2604806162416935);
    cr_assert_eq(ph_rand_time_to_rand(1), 0.5195421651005745);
    cr_assert_eq(ph_rand_time_to_rand(3.3), 0.8193455543369055);
    cr_assert_eq(ph_rand_time_to_rand(-1), 0.520488191395998);
    cr_assert_eq(ph_rand_time_to_rand(123456.789), 0.9385509639978409);
}

Test(pattern_core, fixed_arena_reports_full_and_is_reusable)
{
    ph_heap *h = ph_heap_new();
    ph_pat *p = ph_fast_rat(h, ph_rat_int(1000), word(h, "a"));
    ph_arena *a = ph_arena_new_fixed(16 * 1024);
    size_t cap = ph_arena_capacity(a);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query(p, SPAN(0, 1, 1, 1), a, &ev), PH_Q_ARENA_FULL);
    cr_assert_eq(ph_arena_capacity(a), cap, "a fixed arena never grows");
    for (int i = 0; i < 3; i++) {
        ph_arena_reset(a);
        ph_events_init(&ev);
        cr_assert_eq(ph_query(p, SPAN(0, 1, 1, 100), a, &ev), PH_Q_OK);
        cr_assert_eq(ev.count, 10);
    }
    ph_arena_free(a);
    ph_heap_free(h);
}

Test(pattern_core, work_and_depth_limits)
{
    ph_heap *h = ph_heap_new();
    ph_pat *p = ph_fast_rat(h, ph_rat_int(100000), word(h, "a"));
    ph_arena *a = ph_arena_new_growable(1 << 16);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query_limited(p, SPAN(0, 1, 1, 1), a, &ev, 1000), PH_Q_LIMIT);
    /* a silent pattern over a huge span: bounded too */
    ph_pat *s = ph_slowcat(h, (const ph_pat *[]){ph_silence(h), ph_silence(h)}, 2);
    ph_events_init(&ev);
    cr_assert_eq(ph_query(s, SPAN(0, 1, 1000000000000LL, 1), a, &ev), PH_Q_LIMIT);
    /* trees deeper than PH_PAT_MAX_DEPTH are refused when built */
    ph_pat *d = word(h, "a");
    for (unsigned i = 0; i < PH_PAT_MAX_DEPTH + 5 && d; i++) d = ph_fast_rat(h, ph_rat_int(2 + (i & 1)), d);
    cr_assert_null(d);
    cr_assert_not_null(ph_heap_error(h));
    ph_arena_free(a);
    ph_heap_free(h);
}

typedef struct deep_job {
    const ph_pat *pat;
    ph_qstatus st;
    uint32_t count;
} deep_job;

static void *deep_query(void *arg)
{
    deep_job *j = arg;
    ph_arena *a = ph_arena_new_fixed(1 << 20);
    ph_events ev;
    ph_events_init(&ev);
    j->st = ph_query(j->pat, SPAN(1, 3, 7, 3), a, &ev);
    j->count = ev.count;
    ph_arena_free(a);
    return NULL;
}

Test(pattern_core, deepest_tree_queries_on_a_512k_stack)
{
    /* the deepest tree the builder accepts, with a cheap operator at each level */
    ph_heap *h = ph_heap_new();
    ph_pat *d = word(h, "a");
    for (unsigned i = 1; i < PH_PAT_MAX_DEPTH; i++) {
        const ph_pat *two[2] = {d, word(h, "b")};
        /* a sequence then a slow-down keeps the times small: no rational overflow */
        d = (i % 3 == 0) ? ph_fastcat(h, two, 2)
                         : (i % 3 == 1) ? ph_slow_rat(h, ph_rat_int(2), d) : ph_degrade_by(h, ph_pure_num(h, 0.1), d);
        if (!d || d->depth >= PH_PAT_MAX_DEPTH - 2) break;
    }
    cr_assert_not_null(d);
    cr_assert_geq(d->depth, PH_PAT_MAX_DEPTH - 3);
    deep_job j = {d, PH_Q_OK, 0};
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setstacksize(&at, 512 * 1024);
    pthread_t t;
    cr_assert_eq(pthread_create(&t, &at, deep_query, &j), 0);
    pthread_join(t, NULL);
    cr_assert_eq(j.st, PH_Q_OK);
    cr_assert_gt(j.count, 0);
    ph_heap_free(h);
}

Test(pattern_core, rational_overflow_is_reported)
{
    ph_heap *h = ph_heap_new();
    ph_pat *p = word(h, "a");
    for (int i = 0; i < 4; i++) p = ph_fast_rat(h, R(1, 1000000007), p);
    ph_arena *a = ph_arena_new_growable(1 << 16);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query(p, SPAN(1, 3, 1, 2), a, &ev), PH_Q_OVERFLOW);
    ph_arena_free(a);
    ph_heap_free(h);
}

Test(pattern_core, pure_and_silence)
{
    ph_heap *h = ph_heap_new();
    cr_assert_str_eq(pt_query(word(h, "a"), "1/2", "2"), "0/1 1/1 1/2 1/1 a; 1/1 2/1 1/1 2/1 a");
    cr_assert_str_eq(pt_query(word(h, "a"), "1/2", "1/2"), "0/1 1/1 1/2 1/2 a");
    cr_assert_str_eq(pt_query(ph_silence(h), "0", "4"), "");
    ph_value v;
    cr_assert(ph_pat_is_pure(word(h, "a"), &v) && v.kind == PH_VAL_WORD);
    cr_assert(!ph_pat_is_pure(ph_silence(h), NULL));
    ph_heap_free(h);
}

Test(pattern_core, cat_family)
{
    ph_heap *h = ph_heap_new();
    const ph_pat *ab[3] = {word(h, "a"), word(h, "b"), word(h, "c")};
    cr_assert_str_eq(pt_query(ph_fastcat(h, ab, 2), "0", "1"), "0/1 1/2 0/1 1/2 a; 1/2 1/1 1/2 1/1 b");
    cr_assert_str_eq(pt_query(ph_slowcat(h, ab, 3), "3", "5"), "3/1 4/1 3/1 4/1 a; 4/1 5/1 4/1 5/1 b");
    /* slowcat keeps each input's own cycles: the 2nd cycle of <x*... > etc */
    const ph_pat *inner[2] = {ph_slowcat(h, ab, 2), word(h, "c")};
    cr_assert_str_eq(pt_query(ph_slowcat(h, inner, 2), "0", "4"),
                     "0/1 1/1 0/1 1/1 a; 1/1 2/1 1/1 2/1 c; 2/1 3/1 2/1 3/1 b; 3/1 4/1 3/1 4/1 c");
    ph_rat w[2] = {R(3, 1), R(1, 1)};
    cr_assert_str_eq(pt_query(ph_timecat(h, ab, w, 2), "0", "1"), "0/1 3/4 0/1 3/4 a; 3/4 1/1 3/4 1/1 b");
    cr_assert_str_eq(pt_query(ph_stack(h, ab, 2), "0", "1"), "0/1 1/1 0/1 1/1 a; 0/1 1/1 0/1 1/1 b");
    cr_assert_str_eq(pt_query(ph_stack(h, ab, 0), "0", "1"), "");
    ph_heap_free(h);
}

Test(pattern_core, replicate_repeat_and_fast_gap)
{
    ph_heap *h = ph_heap_new();
    ph_pat *ab = pt_mini(h, "<a b>");
    cr_assert_str_eq(pt_query(ph_replicate_rat(h, ph_rat_int(2), ab), "0", "2"),
                     "0/1 1/2 0/1 1/2 a; 1/2 1/1 1/2 1/1 a; 1/1 3/2 1/1 3/2 b; 3/2 2/1 3/2 2/1 b");
    cr_assert_str_eq(pt_query(ph_repeat_cycles_rat(h, ph_rat_int(2), ab), "0", "4"),
                     "0/1 1/1 0/1 1/1 a; 1/1 2/1 1/1 2/1 a; 2/1 3/1 2/1 3/1 b; 3/1 4/1 3/1 4/1 b");
    cr_assert_str_eq(pt_query(ph_fast_gap_rat(h, ph_rat_int(2), pt_mini(h, "a b")), "0", "1"),
                     "0/1 1/4 0/1 1/4 a; 1/4 1/2 1/4 1/2 b");
    cr_assert_str_eq(pt_query(ph_replicate_rat(h, ph_rat_int(0), ab), "0", "2"), "");
    cr_assert_null(ph_repeat_cycles_rat(h, ph_rat_int(-1), ab));
    ph_heap_free(h);
}

Test(pattern_core, time_with_patterned_arguments)
{
    ph_heap *h = ph_heap_new();
    ph_pat *ab = pt_mini(h, "a b");
    cr_assert_str_eq(pt_query(ph_fast(h, ph_pure_num(h, 2), ab), "0", "1/2"), "0/1 1/4 0/1 1/4 a; 1/4 1/2 1/4 1/2 b");
    /* fast "<1 2>": cycle 0 at speed 1, cycle 1 at speed 2 */
    cr_assert_str_eq(pt_query(ph_fast(h, pt_mini(h, "<1 2>"), ab), "0", "2"),
                     "0/1 1/2 0/1 1/2 a; 1/2 1/1 1/2 1/1 b; 1/1 5/4 1/1 5/4 a; 5/4 3/2 5/4 3/2 b; "
                     "3/2 7/4 3/2 7/4 a; 7/4 2/1 7/4 2/1 b");
    cr_assert_str_eq(pt_query(ph_slow(h, ph_pure_num(h, 2), ab), "0", "2"), "0/1 1/1 0/1 1/1 a; 1/1 2/1 1/1 2/1 b");
    cr_assert_str_eq(pt_query(ph_late(h, ph_pure_num(h, 0.25), ab), "0", "1"),
                     "-1/4 1/4 0/1 1/4 b; 1/4 3/4 1/4 3/4 a; 3/4 5/4 3/4 1/1 b");
    cr_assert_str_eq(pt_query(ph_early(h, ph_pure_num(h, 0.25), ab), "0", "1/2"),
                     "-1/4 1/4 0/1 1/4 a; 1/4 3/4 1/4 1/2 b");
    /* a string argument ("0.25") is patternified: the pieces split at cycle starts */
    cr_assert_str_eq(pt_query(ph_late(h, pt_mini(h, "0.25"), ab), "3/4", "5/4"),
                     "3/4 5/4 3/4 1/1 b; 3/4 5/4 1/1 5/4 b");
    ph_heap_free(h);
}

Test(pattern_core, applicative_structure)
{
    ph_heap *h = ph_heap_new();
    ph_pat *l = pt_mini(h, "0 1"), *r = pt_mini(h, "10 20 30");
    cr_assert_str_eq(pt_query(ph_app(h, PH_STRUCT_LEFT, ph_op_add, NULL, 0, l, r), "0", "1"),
                     "0/1 1/2 0/1 1/3 10; 0/1 1/2 1/3 1/2 20; 1/2 1/1 1/2 2/3 21; 1/2 1/1 2/3 1/1 31");
    cr_assert_str_eq(pt_query(ph_app(h, PH_STRUCT_RIGHT, ph_op_add, NULL, 0, l, r), "0", "1"),
                     "0/1 1/3 0/1 1/3 10; 1/3 2/3 1/3 1/2 20; 1/3 2/3 1/2 2/3 21; 2/3 1/1 2/3 1/1 31");
    cr_assert_str_eq(pt_query(ph_app(h, PH_STRUCT_BOTH, ph_op_add, NULL, 0, l, r), "0", "1"),
                     "0/1 1/3 0/1 1/3 10; 1/3 1/2 1/3 1/2 20; 1/2 2/3 1/2 2/3 21; 2/3 1/1 2/3 1/1 31");
    /* note names become MIDI numbers in arithmetic, as in Strudel */
    cr_assert_str_eq(pt_query(ph_app(h, PH_STRUCT_LEFT, ph_op_add, NULL, 0, pt_mini(h, "c4"), ph_pure_num(h, 7)), "0", "1"),
                     "0/1 1/1 0/1 1/1 67");
    cr_assert_str_eq(pt_query(ph_app(h, PH_STRUCT_LEFT, ph_op_mod, NULL, 0, pt_mini(h, "-1 7"), ph_pure_num(h, 3)), "0", "1"),
                     "0/1 1/2 0/1 1/2 2; 1/2 1/1 1/2 1/1 1");
    ph_heap_free(h);
}

Test(pattern_core, control_maps)
{
    ph_heap *h = ph_heap_new();
    ph_word s = ph_intern_cstr("s"), gain = ph_intern_cstr("gain");
    ph_pat *snd = ph_as_control(h, s, pt_mini(h, "bd sn"));
    ph_pat *g = ph_as_control(h, gain, pt_mini(h, "0.8"));
    ph_pat *both = ph_app(h, PH_STRUCT_LEFT, ph_op_set, NULL, 0, snd, g);
    /* printed in key-name order, whatever the interning order */
    cr_assert_str_eq(pt_query(both, "0", "1"), "0/1 1/2 0/1 1/2 {gain: 0.8, s: bd}; 1/2 1/1 1/2 1/1 {gain: 0.8, s: sn}");
    ph_arena *a = ph_arena_new_growable(4096);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query(both, SPAN(0, 1, 1, 1), a, &ev), PH_Q_OK);
    cr_assert_eq(ev.count, 2);
    ph_value v;
    cr_assert(ph_cmap_get(ev.ev[0].value, gain, &v) && v.u.num == 0.8);
    cr_assert(ph_cmap_get(ev.ev[1].value, s, &v) && v.kind == PH_VAL_WORD);
    /* arithmetic on a map applies to every entry */
    ph_pat *more = ph_app(h, PH_STRUCT_LEFT, ph_op_mul, NULL, 0, g, ph_pure_num(h, 0.5));
    ph_events_init(&ev);
    cr_assert_eq(ph_query(more, SPAN(0, 1, 1, 1), a, &ev), PH_Q_OK);
    cr_assert(ph_cmap_get(ev.ev[0].value, gain, &v) && v.u.num == 0.4);
    ph_arena_free(a);
    ph_heap_free(h);
}

Test(pattern_core, filters)
{
    ph_heap *h = ph_heap_new();
    ph_pat *p = pt_mini(h, "a b/2");
    cr_assert_str_eq(pt_query(ph_filter_onsets(h, p), "1", "2"), "1/1 3/2 1/1 3/2 a");
    cr_assert_str_eq(pt_query(ph_discrete_only(h, ph_stack(h, (const ph_pat *[]){ph_saw(h), word(h, "x")}, 2)), "0", "1"),
                     "0/1 1/1 0/1 1/1 x");
    ph_heap_free(h);
}

Test(pattern_core, signals)
{
    ph_heap *h = ph_heap_new();
    cr_assert_str_eq(pt_query(ph_saw(h), "1/4", "1/2"), "- - 1/4 1/2 0.25");
    cr_assert_str_eq(pt_query(ph_sine(h), "0", "1"), "- - 0/1 1/1 0.5");
    cr_assert_str_eq(pt_query(ph_cosine(h), "0", "1"), "- - 0/1 1/1 1");
    cr_assert_str_eq(pt_query(ph_square(h), "3/4", "1"), "- - 3/4 1/1 1");
    cr_assert_str_eq(pt_query(ph_isaw(h), "1/4", "1/2"), "- - 1/4 1/2 0.75");
    cr_assert_str_eq(pt_query(ph_tri(h), "3/4", "1"), "- - 3/4 1/1 0.5");
    cr_assert_str_eq(pt_query(ph_rand(h), "1/2", "1"), "- - 1/2 1/1 0.2604806162416935");
    cr_assert_str_eq(pt_query(ph_segment(h, ph_pure_num(h, 4), ph_saw(h)), "0", "1"),
                     "0/1 1/4 0/1 1/4 0; 1/4 1/2 1/4 1/2 0.25; 1/2 3/4 1/2 3/4 0.5; 3/4 1/1 3/4 1/1 0.75");
    ph_pat *r = ph_range(h, ph_pure_num(h, 1), ph_pure_num(h, 5), ph_segment(h, ph_pure_num(h, 4), ph_saw(h)));
    cr_assert_str_eq(pt_query(r, "0", "1"), "0/1 1/4 0/1 1/4 1; 1/4 1/2 1/4 1/2 2; 1/2 3/4 1/2 3/4 3; 3/4 1/1 3/4 1/1 4");
    /* range of a continuous signal over two cycles: split at the cycle (as Strudel's
     * mul/add with a pure value) */
    cr_assert_str_eq(pt_query(ph_range(h, ph_pure_num(h, 0), ph_pure_num(h, 2), ph_saw(h)), "1/2", "3/2"),
                     "- - 1/2 1/1 1; - - 1/1 3/2 1");
    cr_assert_str_eq(pt_query(ph_segment(h, ph_pure_num(h, 2), ph_irand(h, ph_pure_num(h, 8))), "1", "2"),
                     "1/1 3/2 1/1 3/2 4; 3/2 2/1 3/2 2/1 4"); /* trunc(8 * timeToRand(1 and 1.5)) */
    double p0 = ph_rand_perlin(0.5);
    cr_assert(p0 >= 0 && p0 <= 1);
    ph_heap_free(h);
}

Test(pattern_core, euclid_ply_degrade_polymeter)
{
    ph_heap *h = ph_heap_new();
    ph_pat *a = word(h, "a");
    cr_assert_str_eq(pt_query(ph_euclid(h, ph_pure_num(h, 3), ph_pure_num(h, 8), NULL, a), "0", "1"),
                     "0/1 1/8 0/1 1/8 a; 3/8 1/2 3/8 1/2 a; 3/4 7/8 3/4 7/8 a");
    cr_assert_str_eq(pt_query(ph_euclid(h, ph_pure_num(h, 3), ph_pure_num(h, 8), ph_pure_num(h, 2), a), "0", "1"),
                     "0/1 1/8 0/1 1/8 a; 1/4 3/8 1/4 3/8 a; 5/8 3/4 5/8 3/4 a");
    cr_assert_str_eq(pt_query(ph_ply(h, ph_pure_num(h, 2), pt_mini(h, "a b")), "0", "1"),
                     "0/1 1/4 0/1 1/4 a; 1/4 1/2 1/4 1/2 a; 1/2 3/4 1/2 3/4 b; 3/4 1/1 3/4 1/1 b");
    cr_assert_str_eq(pt_query(ph_ply(h, ph_pure_num(h, 2), pt_mini(h, "a b")), "1/8", "3/8"),
                     "0/1 1/4 1/8 1/4 a; 1/4 1/2 1/4 3/8 a");
    /* degradeBy: keeps an event when rand at its onset exceeds the amount */
    ph_pat *d = ph_degrade_by(h, ph_pure_num(h, 0.5), ph_fast_rat(h, ph_rat_int(8), a));
    cr_assert_str_eq(pt_query(d, "0", "1"), "1/8 1/4 1/8 1/4 a");
    ph_pat *u = ph_undegrade_by(h, ph_pure_num(h, 0.5), ph_fast_rat(h, ph_rat_int(8), a));
    cr_assert_eq(strlen(pt_query(u, "0", "1")) > 0, 1);
    const ph_pat *two[2] = {pt_mini(h, "a b c"), pt_mini(h, "d e")};
    cr_assert_str_eq(pt_query(ph_polymeter(h, NULL, two, 2), "1", "2"),
                     "1/1 4/3 1/1 4/3 a; 1/1 4/3 1/1 4/3 e; 4/3 5/3 4/3 5/3 b; 4/3 5/3 4/3 5/3 d; "
                     "5/3 2/1 5/3 2/1 c; 5/3 2/1 5/3 2/1 e");
    const ph_pat *abc[3] = {word(h, "a"), word(h, "b"), word(h, "c")};
    cr_assert_str_eq(pt_query(ph_rand_choice(h, 0, abc, 3), "0", "3"),
                     "0/1 1/1 0/1 1/1 a; 1/1 2/1 1/1 2/1 b; 2/1 3/1 2/1 3/1 c");
    ph_heap_free(h);
}

Test(pattern_core, events_sort_like_phonon_query)
{
    ph_heap *h = ph_heap_new();
    ph_arena *a = ph_arena_new_growable(4096);
    ph_events ev;
    ph_events_init(&ev);
    cr_assert_eq(ph_query(pt_mini(h, "[b, a] c"), SPAN(0, 1, 1, 1), a, &ev), PH_Q_OK);
    ph_events_sort(&ev);
    char buf[512];
    pt_format_events(&ev, buf, sizeof buf);
    cr_assert_str_eq(buf, "0/1 1/2 0/1 1/2 a; 0/1 1/2 0/1 1/2 b; 1/2 1/1 1/2 1/1 c");
    /* a long list (heapsort) comes out ordered too */
    ph_events_init(&ev);
    cr_assert_eq(ph_query(pt_mini(h, "[a b c]*50, <x y>*37"), SPAN(0, 1, 2, 1), a, &ev), PH_Q_OK);
    ph_events_sort(&ev);
    cr_assert_gt(ev.count, 100);
    for (uint32_t i = 1; i < ev.count; i++) {
        int c = ph_rat_cmp(ev.ev[i - 1].part.begin, ev.ev[i].part.begin);
        cr_assert(c < 0 || (c == 0 && ph_value_cmp(ev.ev[i - 1].value, ev.ev[i].value) <= 0) ||
                      (c == 0 && ph_rat_lt(ev.ev[i - 1].whole.begin, ev.ev[i].whole.begin)),
                  "out of order at %u", i);
    }
    ph_arena_free(a);
    ph_heap_free(h);
}
