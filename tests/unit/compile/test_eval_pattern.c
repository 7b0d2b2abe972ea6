/* Pattern expressions through the evaluator (compile/ph_compile.h, ph_eval_pattern_text): .ph text -> ph_pat, checked on the events
 * of real queries. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "lang/ph_lang.h"
#include "compile/ph_compile.h"

/* Queries `src` over [from, to) and writes the sorted events, one per line, as
 * `phonon query` prints them. Returns false (with *d) when src does not evaluate. */
static bool events_of(const char *src, ph_rat from, ph_rat to, char *out, size_t size, ph_diag *d)
{
    ph_heap *h = ph_heap_new();
    ph_arena *a = ph_arena_new_growable(1 << 14);
    const ph_pat *p = ph_eval_pattern_text(h, src, strlen(src), d);
    bool ok = p != NULL;
    out[0] = '\0';
    if (ok) {
        ph_events ev;
        ph_events_init(&ev);
        cr_assert_eq(ph_query(p, ph_span_make(from, to), a, &ev), PH_Q_OK, "%s", src);
        ph_events_sort(&ev);
        size_t k = 0;
        for (uint32_t i = 0; i < ev.count; i++) {
            char wb[40] = "-", we[40] = "-", pb[40], pe[40], v[256];
            const ph_event *e = &ev.ev[i];
            if (e->has_whole) {
                ph_rat_format(e->whole.begin, wb, sizeof wb);
                ph_rat_format(e->whole.end, we, sizeof we);
            }
            ph_rat_format(e->part.begin, pb, sizeof pb);
            ph_rat_format(e->part.end, pe, sizeof pe);
            ph_value_format(e->value, v, sizeof v);
            k += (size_t)snprintf(out + k, k < size ? size - k : 0, "%s %s %s %s %s\n", wb, we,
                                  pb, pe, v);
        }
    }
    ph_arena_free(a);
    ph_heap_free(h);
    return ok;
}

#define CYC(n) ph_rat_int(n)

#define ASSERT_EVENTS(src, from, to, want)                                                    \
    do {                                                                                      \
        char got_[8192];                                                                      \
        ph_diag d_;                                                                           \
        cr_assert(events_of((src), (from), (to), got_, sizeof got_, &d_), "%s: %d:%d %s",     \
                  (src), d_.line, d_.column, d_.message);                                     \
        cr_expect_str_eq(got_, (want), "%s:\n%s\nwant\n%s", (src), got_, (want));             \
    } while (0)

#define ASSERT_SAME(a, b, from, to)                                                           \
    do {                                                                                      \
        char ga_[8192], gb_[8192];                                                            \
        ph_diag d_;                                                                           \
        cr_assert(events_of((a), (from), (to), ga_, sizeof ga_, &d_), "%s: %s", (a),          \
                  d_.message);                                                                \
        cr_assert(events_of((b), (from), (to), gb_, sizeof gb_, &d_), "%s: %s", (b),          \
                  d_.message);                                                                \
        cr_expect_str_eq(ga_, gb_, "%s vs %s", (a), (b));                                     \
        cr_expect(ga_[0] != '\0', "no events for %s", (a));                                  \
    } while (0)

#define ASSERT_EVAL_ERROR(src, ln, col, msg)                                                  \
    do {                                                                                      \
        char got_[256];                                                                       \
        ph_diag d_;                                                                           \
        cr_assert_not(events_of((src), CYC(0), CYC(1), got_, sizeof got_, &d_),               \
                      "%s evaluated", (src));                                                 \
        cr_expect(d_.line == (ln) && d_.column == (col), "%s: error at %d:%d (%s), want %d:%d", \
                  (src), d_.line, d_.column, d_.message, (ln), (col));                        \
        cr_expect(strstr(d_.message, (msg)) != NULL, "%s: '%s' lacks '%s'", (src),            \
                  d_.message, (msg));                                                         \
    } while (0)

Test(lang_pattern, strings_and_numbers)
{
    ASSERT_EVENTS("\"bd sn\"", CYC(0), CYC(1), "0/1 1/2 0/1 1/2 bd\n1/2 1/1 1/2 1/1 sn\n");
    ASSERT_EVENTS("0.25", CYC(0), CYC(2), "0/1 1/1 0/1 1/1 0.25\n1/1 2/1 1/1 2/1 0.25\n");
    ASSERT_EVENTS("-3", CYC(0), CYC(1), "0/1 1/1 0/1 1/1 -3\n");
}

Test(lang_pattern, transforms_by_dollar_juxtaposition_and_tidal_order_agree)
{
    ASSERT_EVENTS("\"bd sn\" $ fast 2", CYC(0), CYC(1),
                  "0/1 1/4 0/1 1/4 bd\n1/4 1/2 1/4 1/2 sn\n1/2 3/4 1/2 3/4 bd\n3/4 1/1 3/4 1/1 sn\n");
    ASSERT_SAME("\"bd sn\" $ fast 2", "fast 2 \"bd sn\"", CYC(0), CYC(2));
    ASSERT_SAME("\"bd sn\" $ fast 2", "fast 2 $ \"bd sn\"", CYC(0), CYC(2));
    ASSERT_SAME("\"bd sn\" $ fast 2", "fast(2, \"bd sn\")", CYC(0), CYC(2));
    ASSERT_SAME("\"bd sn cp\" $ rev $ fast 2", "fast 2 $ rev $ \"bd sn cp\"", CYC(0), CYC(2));
    ASSERT_SAME("\"bd sn cp\" $ rev $ fast 2", "fast 2 (rev \"bd sn cp\")", CYC(0), CYC(2));
    ASSERT_SAME("\"bd sn c\" $ every 2 (fast 2 $ rev)", "\"bd sn c\" $ every 2 (fast 2) $ every 2 rev",
                CYC(0), CYC(4));
    ASSERT_SAME("\"bd sn c\" $ every 2 (fast 2 $ rev)", "\"bd sn c\" $ every 2 (fast 2 . rev)",
                CYC(0), CYC(4));
}

Test(lang_pattern, functions_as_arguments)
{
    /* every 2 (fast 2): cycle 0 fast, cycle 1 plain */
    ASSERT_EVENTS("\"a b\" $ every 2 (fast 2)", CYC(0), CYC(2),
                  "0/1 1/4 0/1 1/4 a\n1/4 1/2 1/4 1/2 b\n1/2 3/4 1/2 3/4 a\n3/4 1/1 3/4 1/1 b\n"
                  "1/1 3/2 1/1 3/2 a\n3/2 2/1 3/2 2/1 b\n");
    ASSERT_EVENTS("\"0 1\" $ off 0.25 (add 7)", CYC(0), CYC(1),
                  "-1/4 1/4 0/1 1/4 8\n0/1 1/2 0/1 1/2 0\n1/4 3/4 1/4 3/4 7\n1/2 1/1 1/2 1/1 1\n"
                  "3/4 5/4 3/4 1/1 8\n");
    ASSERT_SAME("\"0 1\" $ off 0.25 (add 7)", "\"0 1\" $ off 0.25 (+ 7)", CYC(0), CYC(2));
    ASSERT_SAME("\"0 1\" $ superimpose (fast 2)", "stack \"0 1\" (fast 2 \"0 1\")", CYC(0), CYC(2));
    ASSERT_SAME("\"0 1\" $ every 2 (+ 10)", "\"0 1\" $ every 2 (add 10)", CYC(0), CYC(2));
    ASSERT_SAME("\"a b\" $ every 2 (0.25 <~)", "\"a b\" $ every 2 (early 0.25)", CYC(0), CYC(2));
}

Test(lang_pattern, arithmetic_takes_structure_from_both_sides)
{
    ASSERT_EVENTS("\"1 2\" + \"10 20 30\"", CYC(0), CYC(1),
                  "0/1 1/3 0/1 1/3 11\n1/3 1/2 1/3 1/2 21\n1/2 2/3 1/2 2/3 22\n2/3 1/1 2/3 1/1 32\n");
    ASSERT_EVENTS("\"1 2\" * 2 - 0.5", CYC(0), CYC(1), "0/1 1/2 0/1 1/2 1.5\n1/2 1/1 1/2 1/1 3.5\n");
    ASSERT_EVENTS("\"1 2\" / 4", CYC(0), CYC(1), "0/1 1/2 0/1 1/2 0.25\n1/2 1/1 1/2 1/1 0.5\n");
    ASSERT_EVENTS("-\"1 2\"", CYC(0), CYC(1), "0/1 1/2 0/1 1/2 -1\n1/2 1/1 1/2 1/1 -2\n");
}

Test(lang_pattern, hash_takes_structure_from_the_left)
{
    ASSERT_EVENTS("\"1 2 3 4\" # \"5 6\"", CYC(0), CYC(1),
                  "0/1 1/4 0/1 1/4 5\n1/4 1/2 1/4 1/2 5\n1/2 3/4 1/2 3/4 6\n3/4 1/1 3/4 1/1 6\n");
    ASSERT_EVENTS("s \"bd*2\" # gain \"1 0.8\"", CYC(0), CYC(1),
                  "0/1 1/2 0/1 1/2 {gain: 1, s: bd}\n1/2 1/1 1/2 1/1 {gain: 0.8, s: bd}\n");
}

Test(lang_pattern, shifts)
{
    ASSERT_SAME("0.25 <~ \"a b\"", "\"a b\" $ early 0.25", CYC(0), CYC(2));
    ASSERT_SAME("0.25 ~> \"a b\"", "\"a b\" $ late 0.25", CYC(0), CYC(2));
    ASSERT_SAME("\"<0 0.25>\" <~ \"a b\"", "\"a b\" $ early \"<0 0.25>\"", CYC(0), CYC(2));
}

Test(lang_pattern, errors_point_at_the_cause)
{
    ASSERT_EVAL_ERROR("\"bd sn\" $ fsat 2", 1, 11, "did you mean 'fast'?");
    ASSERT_EVAL_ERROR("fast 2", 1, 1, "function");
    ASSERT_EVAL_ERROR("\"bd\" $ 3", 1, 8, "expected a function");
    ASSERT_EVAL_ERROR("~drums", 1, 1, "bus");
    ASSERT_EVAL_ERROR("\"bd\" + fast 2", 1, 8, "not a function");
    ASSERT_EVAL_ERROR("\"bd [sn\"", 1, 8, "']'");    /* the end of the string */
    ASSERT_EVAL_ERROR("fast 2 \"a b*\"", 1, 13, "");  /* inside the string */
    ASSERT_EVAL_ERROR("  \"bd sn\" $ every (fast 2)", 1, 13, "every");
}

Test(lang_pattern, sections_and_composition)
{
    ASSERT_EVENTS("\"0 1\" $ (* 2)", CYC(0), CYC(1), "0/1 1/2 0/1 1/2 0\n1/2 1/1 1/2 1/1 2\n");
    ASSERT_SAME("\"0 1\" $ (+ 3)", "\"0 1\" $ add 3", CYC(0), CYC(2));
    ASSERT_SAME("\"0 1\" $ (/ 2)", "\"0 1\" $ div 2", CYC(0), CYC(2));
    ASSERT_SAME("\"a b\" $ (0.25 ~>)", "\"a b\" $ late 0.25", CYC(0), CYC(2));
    ASSERT_SAME("\"a b c\" $ (fast 2 . rev)", "\"a b c\" $ rev $ fast 2", CYC(0), CYC(2));
    ASSERT_SAME("\"a b c\" $ (fast 2 $ rev)", "\"a b c\" $ rev $ fast 2", CYC(0), CYC(2));
    ASSERT_SAME("\"0 1 2\" $ (add 1 . fast 2 . rev)", "add 1 $ fast 2 $ rev $ \"0 1 2\"", CYC(0),
                CYC(2));
    ASSERT_SAME("(+ 1) \"0 1\"", "\"0 1\" + 1", CYC(0), CYC(1));
}

Test(lang_pattern, constructors_controls_and_signals)
{
    ASSERT_EVENTS("run 4", CYC(0), CYC(1),
                  "0/1 1/4 0/1 1/4 0\n1/4 1/2 1/4 1/2 1\n1/2 3/4 1/2 3/4 2\n3/4 1/1 3/4 1/1 3\n");
    ASSERT_EVENTS("stack \"a\" \"b\"", CYC(0), CYC(1), "0/1 1/1 0/1 1/1 a\n0/1 1/1 0/1 1/1 b\n");
    ASSERT_EVENTS("n \"0 1\"", CYC(0), CYC(1), "0/1 1/2 0/1 1/2 {n: 0}\n1/2 1/1 1/2 1/1 {n: 1}\n");
    ASSERT_EVENTS("sine", CYC(0), ph_rat_make(1, 2), "- - 0/1 1/2 0.5\n");
    ASSERT_EVENTS("segment 2 saw", CYC(0), CYC(1), "0/1 1/2 0/1 1/2 0\n1/2 1/1 1/2 1/1 0.5\n");
    ASSERT_EVENTS("\"0 1\" $ every 2 rev", CYC(0), CYC(1), "0/1 1/2 0/1 1/2 1\n1/2 1/1 1/2 1/1 0\n");
}

/* Buses and macros belong to programs: a pattern expression refuses them, in place. */
Test(lang_pattern, buses_are_refused_in_pattern_expressions)
{
    ASSERT_EVAL_ERROR("~m3 + 1", 1, 1, "host macro");
    ASSERT_EVAL_ERROR("\"a\" + ~x", 1, 7, "unknown bus '~x'");
}

Test(lang_pattern, more_errors)
{
    ASSERT_EVAL_ERROR("rev", 1, 1, "function");
    ASSERT_EVAL_ERROR("\"a\" $ every 2", 1, 7, "wrong arguments for 'every'");
    ASSERT_EVAL_ERROR("fast 2 \"a\" \"b\"", 1, 1, "wrong arguments for 'fast'");
    ASSERT_EVAL_ERROR("\"a\" $ \"b\" $ rev", 1, 7, "expected a function");
    ASSERT_EVAL_ERROR("rev $ \"a\" $ rev", 1, 7, "in the middle");
    ASSERT_EVAL_ERROR("\"0 1\" $ (- 3)", 1, 10, "expected a function"); /* (- 3) is -3 */
    ASSERT_EVAL_ERROR("\"a\" . rev", 1, 1, "composes functions");
    ASSERT_EVAL_ERROR("s (fast 2)", 1, 1, "sets a control");
    ASSERT_EVAL_ERROR("\"a\" $ every 2 (fats 2)", 1, 16, "did you mean 'fast'?");
    ASSERT_EVAL_ERROR("zzzzzz 1", 1, 1, "unknown function 'zzzzzz'");
    ASSERT_EVAL_ERROR("-rev", 1, 2, "negate");
}

/* A left section of '-' is `x -> 1 - x`, as in Haskell. */
Test(lang_pattern, left_sections)
{
    ASSERT_EVENTS("\"0 1\" $ (1 -)", CYC(0), CYC(1), "0/1 1/2 0/1 1/2 1\n1/2 1/1 1/2 1/1 0\n");
    ASSERT_EVENTS("\"0 1\" $ (0.25 ~>)", CYC(0), CYC(1), "-1/4 1/4 0/1 1/4 1\n1/4 3/4 1/4 3/4 0\n3/4 5/4 3/4 1/1 1\n");
}

Test(lang_pattern, long_and_deep_expressions_are_bounded)
{
    /* a chain longer than the evaluator's on-stack array */
    char src[4096];
    size_t k = (size_t)snprintf(src, sizeof src, "\"a b\"");
    for (int i = 0; i < 40; i++) k += (size_t)snprintf(src + k, sizeof src - k, " $ rev");
    ASSERT_EVENTS(src, CYC(0), CYC(1), "0/1 1/2 0/1 1/2 a\n1/2 1/1 1/2 1/1 b\n");

    /* nested transforms as deep as the parser allows: an error or a pattern, never a crash */
    static char deep[16384];
    k = 0;
    for (int i = 0; i < 120; i++) k += (size_t)snprintf(deep + k, sizeof deep - k, "fast 1 (");
    k += (size_t)snprintf(deep + k, sizeof deep - k, "\"a\"");
    for (int i = 0; i < 120; i++) deep[k++] = ')';
    deep[k] = '\0';
    ph_heap *h = ph_heap_new();
    ph_diag d;
    const ph_pat *p = ph_eval_pattern_text(h, deep, k, &d);
    if (!p) cr_expect(d.message[0] && d.line == 1, "%d:%d %s", d.line, d.column, d.message);
    ph_heap_free(h);
}
