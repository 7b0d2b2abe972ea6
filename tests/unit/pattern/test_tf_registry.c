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
    ph_tfunc rev = {.name = "rev"};
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

Test(tf_registry, many_arguments)
{
    ph_heap *h = ph_heap_new();
    ph_targ args[PH_TRANSFORM_MAX_ARGS + 1];
    for (int i = 0; i <= PH_TRANSFORM_MAX_ARGS; i++) args[i] = ph_targ_pat(ph_pure_num(h, i));
    char err[256];
    const ph_pat *p = ph_construct(h, "stack", args, 20, err, sizeof err);
    cr_assert_not_null(p, "%s", err);
    ph_arena *a = ph_arena_new_growable(1 << 12);
    ph_events ev;
    ph_events_init(&ev);
    cr_expect_eq(ph_query(p, ph_span_make(I(0), I(1)), a, &ev), PH_Q_OK);
    cr_expect_eq(ev.count, 20u);
    cr_expect_not_null(ph_construct(h, "fastcat", args, PH_TRANSFORM_MAX_ARGS, err, sizeof err), "%s", err);
    cr_expect_null(ph_construct(h, "stack", args, PH_TRANSFORM_MAX_ARGS + 1, err, sizeof err));
    cr_expect(strstr(err, "too many arguments"), "%s", err);
    cr_expect_null(ph_construct(h, "stack", args, -1, err, sizeof err));
    ph_arena_free(a);
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
    cr_expect_geq(n, 130);
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
    TF_ERROR("a", "every 2 (fast)", "wrong arguments for 'fast'");
    TF_ERROR("a", "every 2 (fsat 2)", "did you mean 'fast'");
}

Test(tf_registry, argument_errors_leave_the_heap_usable)
{
    /* the compiler may report an error and go on checking the rest of the text */
    ph_heap *h = ph_heap_new();
    char err[256] = "";
    cr_expect_null(tf_build(h, "a b", "every 0 (rev)", err, sizeof err));
    cr_expect(strstr(err, "every: the count must be a whole number"), "%s", err);
    cr_expect_null(tf_build(h, "a b", "arp \"nope\"", err, sizeof err));
    cr_expect(strstr(err, "arp: unknown mode"), "%s", err);
    const ph_pat *p = tf_build(h, "a b", "rev", err, sizeof err);
    cr_expect_not_null(p, "%s", err);
    cr_expect_null(ph_heap_error(h));
    ph_heap_free(h);
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
        ph_tfunc fast1 = {.name = "fast", .nargs = 1, .args = {ph_targ_pat(ph_pure_num(h, 1))}};
        ph_targ args[8];
        int n = 0;
        const char *k = info->args;
        /* each kind once; a repeated kind ('+') once more, none for '*' (foldEvery "p+f":
         * 2, 1, then the function) */
        for (; *k; k++) {
            if (k[1] == '*') {
                k++;
                continue;
            }
            if (*k == '+') continue;
            if (*k == 'f')
                args[n++] = ph_targ_func(&fast1);
            else if (!strcmp(names[i], "arp"))
                args[n++] = ph_targ_pat(ph_pure(h, ph_val_word(ph_intern_cstr("up"))));
            else if (!strcmp(names[i], "scale"))
                args[n++] = ph_targ_pat(ph_pure(h, ph_val_word(ph_intern_cstr("major"))));
            else if (!strcmp(names[i], "chord"))
                args[n++] = ph_targ_pat(ph_pure(h, ph_val_word(ph_intern_cstr("maj"))));
            else if (!strcmp(names[i], "groove"))
                args[n++] = ph_targ_pat(ph_pure(h, ph_val_word(ph_intern_cstr("mpc"))));
            else {
                args[n] = ph_targ_pat(ph_pure_num(h, n == 0 ? 2 : 1));
                n++;
            }
        }
        if (!strcmp(names[i], "timeCat") || !strcmp(names[i], "wchoose") || !strcmp(names[i], "wchooseCycles") ||
            !strcmp(names[i], "wrandcat"))
            args[n++] = ph_targ_pat(ph_pure_num(h, 3)); /* pairs */
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
    ph_arena *fixed = ph_arena_new_fixed(2 << 20);
    size_t peak = 0;
    for (int b = 0; b < 64; b++) {
        ph_arena_reset(fixed);
        ph_events ev;
        ph_events_init(&ev);
        ph_span s = ph_span_make(R(b, 8), R(b + 1, 8));
        ph_qstatus st_ = ph_query(p, s, fixed, &ev);
        cr_assert_eq(st_, PH_Q_OK, "block %d status %d", b, (int)st_);
        fprintf(stderr, "b=%d used=%zu\n", b, ph_arena_used(fixed));
        if (ph_arena_used(fixed) > peak) peak = ph_arena_used(fixed);
        for (uint32_t i = 0; i < ev.count; i++) {
            cr_expect(ph_rat_ge(ev.ev[i].part.begin, s.begin) && ph_rat_le(ev.ev[i].part.end, s.end));
        }
    }
    cr_expect_lt(peak, (size_t)2 << 20);
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

/* Random chains of every transform with odd arguments (zero, negative, huge, patterned,
 * nested functions), queried over odd spans in a fixed arena: building may refuse, a
 * query may report a status, nothing may crash or hang (run it under the sanitizers). */
Test(tf_registry, random_chains_never_crash)
{
    static const char *minis[] = {"a b", "bd*2 [sn cp]", "<a b>/3", "[a,b,c] d", "0 1 2 3",
                                  "a(3,8)", "~", "a? b", "[a|b] c@3", "0 .. 7", "c'maj e'min7"};
    static const char *pargs[] = {"0", "1", "2", "-1", "0.25", "0.5", "3", "1e6", "-0.5",
                                  "\"<1 2>\"", "\"0 0.5\"", "\"<0.25 -1 0>\"", "\"up\"",
                                  "\"<up down>\"", "\"x ~ x\"", "\"1 0\"", "\"0 [0,2]\""};
    static const char *fargs[] = {"(rev)", "(fast 2)", "(every 2 (rev))", "(off 0.25 (add 1))",
                                  "(chunk 2 (hurry 2))", "(inside 2 (rev))",
                                  "(sometimesBy 0.5 (iter 4))", "(jux (rev . press))",
                                  "(within 0 0.5 (chop 2))", "(striate \"<1 2>\")"};
    const char *const *names = ph_transform_names();
    int nn = 0;
    while (names[nn]) nn++;
    uint32_t seed = 12345;
#define NEXT() (seed = seed * 1103515245u + 12345u, (seed >> 8) & 0xffff)
    ph_arena *arena = ph_arena_new_fixed(1 << 22);
    int built = 0;
    for (int iter = 0; iter < 300; iter++) {
        char chain[1024] = "";
        size_t len = 0;
        int steps = 1 + (int)(NEXT() % 4);
        for (int s = 0; s < steps; s++) {
            const char *n = names[NEXT() % (uint32_t)nn];
            if (ph_transform_info(n)->flags & PH_TF_CONSTRUCTOR) continue;
            len += (size_t)snprintf(chain + len, sizeof chain - len, "%s%s", len ? " $ " : "", n);
            /* mostly the right kinds (a repeated kind 1..3 times), sometimes anything */
            const char *spec = ph_transform_info(n)->args;
            bool wild = NEXT() % 8 == 0;
            int na = wild ? (int)(NEXT() % 4) : (int)strlen(spec);
            for (int k = 0; k < na; k++) {
                char kind = wild ? (NEXT() % 2 ? 'p' : 'f') : spec[k];
                if (kind == '+' || kind == '*') kind = spec[k - 1];
                bool fn = kind == 'f';
                const char *arg = fn ? fargs[NEXT() % (sizeof fargs / sizeof *fargs)]
                                     : pargs[NEXT() % (sizeof pargs / sizeof *pargs)];
                len += (size_t)snprintf(chain + len, sizeof chain - len, " %s", arg);
            }
        }
        ph_heap *h = ph_heap_new();
        char err[256];
        const ph_pat *p = tf_build(h, minis[NEXT() % (sizeof minis / sizeof *minis)], chain, err,
                                   sizeof err);
        if (p) {
            built++;
            for (int k = 0; k < 3; k++) {
                ph_arena_reset(arena);
                ph_events ev;
                ph_events_init(&ev);
                int b = (int)(NEXT() % 20) - 10, d = (int)(NEXT() % 12) + 1, l = (int)(NEXT() % 40);
                ph_qstatus st = ph_query_limited(p, ph_span_make(R(b, d), R(b * 8 + l, d * 8)), arena,
                                                 &ev, 50000);
                cr_expect(st == PH_Q_OK || st == PH_Q_LIMIT || st == PH_Q_ARENA_FULL, "%s: %s", chain,
                          ph_qstatus_str(st));
            }
        } else {
            cr_expect(err[0] != 0, "%s: failed without a message", chain);
        }
        ph_heap_free(h);
    }
#undef NEXT
    cr_expect_gt(built, 120, "only %d of 300 random chains built", built);
    ph_arena_free(arena);
}

/* Every pattern argument is patterned: within cycle c, `T "<x y>"` is `T x` (c even) or
 * `T y` (c odd) -- checked for every transform of the table, per cycle. */
typedef struct arg_pair {
    const char *name;
    const char *even[4], *odd[4];
} arg_pair;

static const arg_pair pairs[] = {
    {"zoom", {"0.25", "0.75"}, {"0", "0.5"}},
    {"compress", {"0.25", "0.75"}, {"0.5", "1"}},
    {"range", {"1", "5"}, {"2", "3"}},
    {"range2", {"1", "5"}, {"2", "3"}},
    {"rangex", {"1", "5"}, {"2", "3"}},
    {"within", {"0", "0.5"}, {"0.25", "1"}},
    {"euclid", {"3", "8"}, {"5", "8"}},
    {"euclidInv", {"3", "8"}, {"5", "8"}},
    {"euclidRot", {"3", "8", "1"}, {"5", "8", "2"}},
    {"euclidOff", {"3", "8", "1"}, {"5", "8", "2"}},
    {"euclidLegato", {"3", "8"}, {"5", "8"}},
    {"euclidLegatoRot", {"3", "8", "1"}, {"5", "8", "2"}},
    {"euclidFull", {"3", "8", "x"}, {"5", "8", "y"}},
    {"euclidOffFull", {"3", "8", "1", "x"}, {"5", "8", "2", "y"}},
    {"swingBy", {"0.25", "4"}, {"0.5", "2"}},
    {"whenmod", {"4", "2"}, {"3", "1"}},
    {"echo", {"3", "0.125", "0.5"}, {"2", "0.25", "0.75"}},
    {"stut", {"3", "0.125", "0.5"}, {"2", "0.25", "0.75"}},
    {"groove", {"mpc"}, {"jazz"}},
    {"humanize", {"0.05", "0.2"}, {"0.1", "0"}},
    {"rolledBy", {"0.25"}, {"-0.5"}},
    {"wait", {"1"}, {"2"}},
    {"trunc", {"0.75"}, {"0.5"}},
    {"staccato", {"0.5"}, {"0.25"}},
    {"everyOffset", {"3", "1"}, {"2", "0"}},
    {"focus", {"0.25", "0.75"}, {"0", "0.5"}},
    {"trim", {"0.25", "0.75"}, {"0", "0.5"}},
    {"compressGap", {"0.25", "0.75"}, {"0.5", "1"}},
    {"offset", {"0.25"}, {"0.125"}},
    {"rotL", {"0.25"}, {"0.125"}},
    {"rotR", {"0.25"}, {"0.125"}},
    {"ghostWith", {"0.125"}, {"0.0625"}},
    {"stutter", {"3"}, {"2"}},
    {"swing", {"0.1"}, {"2"}},
    {"reset", {"x ~ x"}, {"~ x"}},
    {"restart", {"x ~ x"}, {"~ x"}},
    {"arp", {"up"}, {"converge"}},
    {"scale", {"major"}, {"minPent"}},
    {"chord", {"maj"}, {"min7"}},
    {"struct", {"x ~ x"}, {"x x ~ x"}},
    {"mask", {"1 0 1"}, {"0 1"}},
    {"linger", {"0.25"}, {"0.5"}},
    {"pressBy", {"0.25"}, {"0.5"}},
    {"sometimesBy", {"0.25"}, {"0.75"}},
    {"someCyclesBy", {"0.25"}, {"0.75"}},
    {"degradeBy", {"0.25"}, {"0.75"}},
    {"undegradeBy", {"0.25"}, {"0.75"}},
    {"off", {"0.25"}, {"0.125"}},
    {"early", {"0.25"}, {"0.125"}},
    {"late", {"0.25"}, {"0.125"}},
    {"<~", {"0.25"}, {"0.125"}},
    {"~>", {"0.25"}, {"0.125"}},
    {"juxBy", {"0.5"}, {"1"}},
    {"when", {"1"}, {"0"}},
};

Test(tf_registry, every_pattern_argument_is_patterned)
{
    const char *const *names = ph_transform_names();
    ph_arena *arena = ph_arena_new_growable(1 << 16);
    int checked = 0;
    for (int i = 0; names[i]; i++) {
        const ph_tf_info *info = ph_transform_info(names[i]);
        if (info->flags & PH_TF_CONSTRUCTOR || !strchr(info->args, 'p')) continue;
        /* Tidal's quantise takes a plain number, the seed's degradeSeed a plain seed */
        if (!strcmp(names[i], "quantise") || !strcmp(names[i], "quantize") || !strcmp(names[i], "degradeSeed")) continue;
        /* The operators <~ and ~> are infix in .ph (`0.25 <~ p`); early/late cover them. */
        if (!isalpha((unsigned char)names[i][0])) continue;
        /* "p+f": the language passes no repeated kind before a function (yet); foldEvery's
         * counts are tested through the registry (test_tf_tidal.c) */
        if (!strcmp(names[i], "foldEvery")) continue;
        const arg_pair *pp = NULL;
        for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
            if (!strcmp(pairs[k].name, names[i])) pp = &pairs[k];
        char pat_chain[256], even_chain[256], odd_chain[256];
        size_t a = (size_t)snprintf(pat_chain, sizeof pat_chain, "%s", names[i]);
        size_t b = (size_t)snprintf(even_chain, sizeof even_chain, "%s", names[i]);
        size_t c = (size_t)snprintf(odd_chain, sizeof odd_chain, "%s", names[i]);
        int np = 0;
        for (const char *k = info->args; *k; k++) {
            if (*k == '+' || *k == '*' || k[1] == '*') continue; /* the repeated kind once, none for '*' */
            if (*k == 'f') {
                a += (size_t)snprintf(pat_chain + a, sizeof pat_chain - a, " (rev)");
                b += (size_t)snprintf(even_chain + b, sizeof even_chain - b, " (rev)");
                c += (size_t)snprintf(odd_chain + c, sizeof odd_chain - c, " (rev)");
                continue;
            }
            const char *x = pp ? pp->even[np] : "2", *y = pp ? pp->odd[np] : "3";
            np++;
            a += (size_t)snprintf(pat_chain + a, sizeof pat_chain - a, " \"<[%s] [%s]>\"", x, y);
            b += (size_t)snprintf(even_chain + b, sizeof even_chain - b, " \"%s\"", x);
            c += (size_t)snprintf(odd_chain + c, sizeof odd_chain - c, " \"%s\"", y);
        }
        ph_heap *h = ph_heap_new();
        char err[256] = "";
        const ph_pat *pt = tf_build(h, "a [b c] <d e>", pat_chain, err, sizeof err);
        cr_expect_not_null(pt, "%s: %s", pat_chain, err);
        const ph_pat *pe = tf_build(h, "a [b c] <d e>", even_chain, err, sizeof err);
        const ph_pat *po = tf_build(h, "a [b c] <d e>", odd_chain, err, sizeof err);
        cr_expect(pe && po, "%s / %s: %s", even_chain, odd_chain, err);
        if (pt && pe && po) {
            for (int cyc = 0; cyc < 4; cyc++) {
                char *got = tf_lines(pt, I(cyc), I(cyc + 1));
                char *want = tf_lines(cyc % 2 ? po : pe, I(cyc), I(cyc + 1));
                cr_expect_str_eq(got, want, "%s, cycle %d", pat_chain, cyc);
                free(got);
                free(want);
            }
            checked++;
        }
        ph_heap_free(h);
    }
    cr_expect_geq(checked, 60, "%d transforms checked", checked);
    ph_arena_free(arena);
}
