/* The transform registry: lookup, argument checking and messages, the names table,
 * suggestions, function values and composition, every entry built and queried, and
 * queries in fixed (real-time) arenas. */
#include "test_tf_helpers.h"

static ph_pat *apply(ph_heap *h, const char *name, const ph_targ *args, int n, const char *mini,
                     char *err, size_t errlen)
{
    ph_mini_error me;
    const ph_pat *pat = ph_mini_parse(h, mini, strlen(mini), &me);
    cr_assert(pat);
    return ph_transform_apply(h, name, args, n, pat, err, errlen);
}

Test(tf_registry, unknown_names_suggest)
{
    ph_heap *h = ph_heap_new();
    char err[256];
    ph_targ two = ph_targ_pat(ph_pure_num(h, 2));
    cr_expect_null(apply(h, "fsat", &two, 1, "a", err, sizeof err));
    cr_expect(strstr(err, "unknown transform 'fsat'") && strstr(err, "did you mean 'fast'"), "%s", err);
    cr_expect_null(apply(h, "qqqqqqqq", &two, 1, "a", err, sizeof err));
    cr_expect(strstr(err, "unknown transform") && !strstr(err, "did you mean"), "%s", err);
    cr_expect_str_eq(ph_transform_suggest("evry"), "every");
    cr_expect_str_eq(ph_transform_suggest("Superimpose"), "superimpose");
    cr_expect_str_eq(ph_transform_suggest("somtimesby"), "sometimesBy");
    cr_expect_null(ph_transform_suggest("zz"));
    cr_expect_null(ph_transform_suggest(NULL));
    ph_heap_free(h);
}

Test(tf_registry, argument_count_and_kind)
{
    ph_heap *h = ph_heap_new();
    char err[256];
    ph_targ two = ph_targ_pat(ph_pure_num(h, 2));
    ph_tfunc rev = {"rev", 0, {{0}}, NULL};
    ph_targ f = ph_targ_func(&rev);
    cr_expect_null(apply(h, "fast", NULL, 0, "a", err, sizeof err));
    cr_expect(strstr(err, "fast: expects exactly 1 argument, got 0"), "%s", err);
    cr_expect(strstr(err, "usage: fast n"), "%s", err);
    ph_targ two_two[2] = {two, two};
    cr_expect_null(apply(h, "every", two_two, 2, "a", err, sizeof err));
    cr_expect(strstr(err, "every: argument 2 must be a function"), "%s", err);
    cr_expect_null(apply(h, "fast", &f, 1, "a", err, sizeof err));
    cr_expect(strstr(err, "fast: argument 1 must be a pattern or number, not a function"), "%s", err);
    cr_expect_null(apply(h, "superimpose", NULL, 0, "a", err, sizeof err));
    cr_expect(strstr(err, "at least 1 argument"), "%s", err);
    ph_targ ff[2] = {f, f};
    cr_expect_not_null(apply(h, "superimpose", ff, 2, "a", err, sizeof err), "%s", err);
    ph_heap_free(h);
}

Test(tf_registry, constructors_and_transforms_apart)
{
    ph_heap *h = ph_heap_new();
    char err[256];
    ph_targ four = ph_targ_pat(ph_pure_num(h, 4));
    cr_expect_null(apply(h, "run", &four, 1, "a", err, sizeof err));
    cr_expect(strstr(err, "run makes a pattern"), "%s", err);
    cr_expect_null(ph_construct(h, "fast", &four, 1, err, sizeof err));
    cr_expect(strstr(err, "fast transforms a pattern"), "%s", err);
    cr_expect_not_null(ph_construct(h, "run", &four, 1, err, sizeof err), "%s", err);
    cr_expect_null(ph_construct(h, "runn", &four, 1, err, sizeof err));
    cr_expect(strstr(err, "did you mean 'run'"), "%s", err);
    ph_heap_free(h);
}

Test(tf_registry, names_table)
{
    const char *const *names = ph_transform_names();
    int n = 0;
    for (; names[n]; n++) {
        if (n > 0) cr_expect(strcmp(names[n - 1], names[n]) < 0, "%s before %s", names[n - 1], names[n]);
        const ph_tf_info *info = ph_transform_info(names[n]);
        cr_assert_not_null(info, "%s", names[n]);
        cr_expect_str_eq(info->name, names[n]);
        cr_expect(info->usage && strlen(info->usage) > 0);
        for (const char *k = info->args; *k; k++) cr_expect(strchr("pf+*", *k), "%s: %s", names[n], info->args);
    }
    cr_expect_geq(n, 90);
    cr_expect_null(ph_transform_info("nonesuch"));
    const char *wanted[] = {"fast", "slow", "hurry", "early", "late", "<~", "~>", "rev", "every",
                            "firstOf", "lastOf", "whenmod", "sometimesBy", "sometimes", "often",
                            "rarely", "almostNever", "almostAlways", "someCycles", "someCyclesBy",
                            "degradeBy", "iter", "iterBack", "palindrome", "ply", "off",
                            "superimpose", "layer", "stut", "echo", "chunk", "linger", "zoom",
                            "compress", "fastGap", "inside", "outside", "within", "euclid",
                            "euclidInv", "euclidFull", "euclidOff", "euclidOffFull", "struct",
                            "mask", "segment", "range", "quantise", "add", "sub", "mul", "div",
                            "stack", "cat", "slowcat", "fastcat", "timeCat", "run", "irand",
                            "rand", "perlin", "choose", "shuffle", "scramble", "swingBy",
                            "swing", "brak", "press", "rot", "jux", "arp", "sine", "saw"};
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        cr_expect_not_null(ph_transform_info(wanted[i]), "missing %s", wanted[i]);
    cr_expect(ph_transform_info("run")->flags & PH_TF_CONSTRUCTOR);
    cr_expect(!(ph_transform_info("fast")->flags & PH_TF_CONSTRUCTOR));
    cr_expect(ph_transform_info("sometimes")->flags & PH_TF_RANDOM);
}

Test(tf_registry, functions_compose_and_nest)
{
    /* (rev . fast 2): fast 2 first, then rev */
    TF_CHECK("a b", "every 1 (rev . fast 2)", I(0), I(1),
             "0/1 1/4 0/1 1/4 b\n1/4 1/2 1/4 1/2 a\n1/2 3/4 1/2 3/4 b\n3/4 1/1 3/4 1/1 a\n");
    TF_SAME("a b c", "every 2 (every 3 (fast 2))", "a b c", "every 6 (fast 2)", I(0), I(1));
    TF_CHECK("a b", "every 2 (every 3 (fast 2))", I(2), I(3),
             "2/1 5/2 2/1 5/2 a\n5/2 3/1 5/2 3/1 b\n");
    TF_ERROR("a", "every 2 (fast)", "fast: expects exactly 1 argument");
    TF_ERROR("a", "every 2 (fsat 2)", "did you mean 'fast'");
}

Test(tf_registry, function_nesting_is_bounded)
{
    ph_heap *h = ph_heap_new();
    ph_tfunc *fs = ph_heap_alloc(h, 100 * sizeof *fs);
    for (int i = 0; i < 100; i++) {
        fs[i].name = "superimpose";
        fs[i].nargs = 1;
        fs[i].args[0] = i + 1 < 100 ? ph_targ_func(&fs[i + 1]) : ph_targ_pat(NULL);
    }
    fs[99].name = "rev";
    fs[99].nargs = 0;
    char err[256];
    cr_expect_null(ph_tfunc_apply(h, &fs[0], ph_pure_num(h, 1), err, sizeof err));
    cr_expect(strstr(err, "nested too deeply"), "%s", err);
    ph_heap_free(h);
}

/* Builds every entry with plain arguments and queries it: nothing fails unexpectedly. */
Test(tf_registry, every_entry_builds_and_queries)
{
    const char *const *names = ph_transform_names();
    ph_arena *arena = ph_arena_new_growable(1 << 16);
    for (int i = 0; names[i]; i++) {
        const ph_tf_info *info = ph_transform_info(names[i]);
        ph_heap *h = ph_heap_new();
        ph_tfunc fast1 = {"fast", 1, {ph_targ_pat(ph_pure_num(h, 1))}, NULL};
        ph_targ args[8];
        int n = 0;
        const char *k = info->args;
        for (; *k && *k != '+' && *k != '*'; k++) {
            if (*k == 'f')
                args[n++] = ph_targ_func(&fast1);
            else if (!strcmp(names[i], "arp"))
                args[n++] = ph_targ_pat(ph_pure(h, ph_val_word(ph_intern_cstr("up"))));
            else {
                args[n] = ph_targ_pat(ph_pure_num(h, n == 0 ? 2 : 1));
                n++;
            }
        }
        if (*k == '+' && !strcmp(names[i], "timeCat")) args[n++] = ph_targ_pat(ph_pure_num(h, 3));
        char err[256] = "";
        ph_mini_error me;
        const ph_pat *src = ph_mini_parse(h, "[a, b] c", 8, &me);
        const ph_pat *p = (info->flags & PH_TF_CONSTRUCTOR)
                              ? ph_construct(h, names[i], args, n, err, sizeof err)
                              : ph_transform_apply(h, names[i], args, n, src, err, sizeof err);
        cr_expect_not_null(p, "%s: %s", names[i], err);
        if (p) {
            ph_arena_reset(arena);
            ph_events ev;
            ph_events_init(&ev);
            cr_expect_eq(ph_query(p, ph_span_make(R(-3, 2), I(4)), arena, &ev), PH_Q_OK, "%s", names[i]);
        }
        ph_heap_free(h);
    }
    ph_arena_free(arena);
}

Test(tf_registry, queries_in_fixed_arenas)
{
    /* a long chain, queried per block in a fixed arena (the real-time path) */
    ph_heap *h = ph_heap_new();
    char err[256] = "";
    const ph_pat *p = tf_build(h, "bd*2 [sn cp] <hh oh>",
                               "every \"<2 3>\" (fast 2) $ off 0.25 (add 7 . rev) $ chunk 4 (hurry 2) $ "
                               "sometimesBy 0.3 (jux (iter 4)) $ within 0 0.5 (ply 2) $ echo 3 0.125 0.7 $ "
                               "swingBy 0.2 4 $ arp \"<up converge>\" $ rot 1 $ linger \"<1 0.5>\"",
                               err, sizeof err);
    cr_assert(p, "%s", err);
    ph_arena *fixed = ph_arena_new_fixed(1 << 20);
    size_t peak = 0;
    for (int b = 0; b < 64; b++) {
        ph_arena_reset(fixed);
        ph_events ev;
        ph_events_init(&ev);
        ph_span s = ph_span_make(R(b, 8), R(b + 1, 8));
        cr_assert_eq(ph_query(p, s, fixed, &ev), PH_Q_OK, "block %d", b);
        if (ph_arena_used(fixed) > peak) peak = ph_arena_used(fixed);
        for (uint32_t i = 0; i < ev.count; i++) {
            cr_expect(ph_rat_ge(ev.ev[i].part.begin, s.begin) && ph_rat_le(ev.ev[i].part.end, s.end));
        }
    }
    cr_expect_lt(peak, (size_t)1 << 20);
    /* too small an arena is a status, never a crash */
    ph_arena *tiny = ph_arena_new_fixed(256);
    ph_events ev;
    ph_events_init(&ev);
    cr_expect_eq(ph_query(p, ph_span_make(I(0), I(4)), tiny, &ev), PH_Q_ARENA_FULL);
    ph_arena_free(tiny);
    ph_arena_free(fixed);
    ph_heap_free(h);
}

Test(tf_registry, huge_counts_are_bounded)
{
    /* bounded work per query: absurd counts end in a status, not a hang (with a smaller
     * bound than PH_QUERY_MAX_WORK to keep the test quick) */
    ph_heap *h = ph_heap_new();
    char err[256] = "";
    const char *chains[] = {"echo 100000000 0.001 0.5", "iter 1e9", "chunk 1e9 (rev)", "shuffle 1e9",
                            "fast 1e9 $ rot 1", "ply 1e6 $ arp \"up\""};
    ph_arena *arena = ph_arena_new_growable(1 << 16);
    for (size_t i = 0; i < sizeof chains / sizeof chains[0]; i++) {
        const ph_pat *p = tf_build(h, "a b", chains[i], err, sizeof err);
        if (!p) continue; /* refused when building is fine too */
        ph_arena_reset(arena);
        ph_events ev;
        ph_events_init(&ev);
        ph_qstatus st = ph_query_limited(p, ph_span_make(I(0), I(1)), arena, &ev, 50000);
        cr_expect(st == PH_Q_OK || st == PH_Q_LIMIT, "%s: %s", chains[i], ph_qstatus_str(st));
    }
    ph_arena_free(arena);
    ph_heap_free(h);
}
