/* The compiler: feedback rule, staging, errors with line:column and hints. */
#include "render_test_util.h"

static int count_taps(const ph_program *p, char *names, size_t len)
{
    int taps = 0;
    names[0] = 0;
    for (uint32_t i = 0; i < ph_program_node_count(p); i++) {
        ph_node_info info;
        cr_assert(ph_program_node_info(p, i, &info));
        if (!strcmp(info.kind, "feedback")) {
            taps++;
            strncat(names, info.label, len - strlen(names) - 1);
            strncat(names, ";", len - strlen(names) - 1);
        }
    }
    return taps;
}

Test(compile_graph, feedback_rule_breaks_at_later_or_equal_bus)
{
    char names[512];
    /* self reference */
    ph_program *p = compile_or_fail("~a: sine 100 + ~a * 0.5\nout: ~a", 48000);
    cr_assert_eq(count_taps(p, names, sizeof names), 1);
    cr_assert(strstr(names, "~a (previous block)"), "%s", names);
    ph_program_free(p);
    /* a -> b -> a: the reference to ~b inside ~a (b is later) is delayed, ~a inside ~b is not */
    p = compile_or_fail("~a: sine 100 + ~b * 0.5\n~b: ~a * 0.5\nout: ~a + ~b", 48000);
    cr_assert_eq(count_taps(p, names, sizeof names), 1);
    cr_assert(strstr(names, "~b (previous block)"), "%s", names);
    ph_program_free(p);
    /* forward references outside cycles are not delayed */
    p = compile_or_fail("out: ~late * 0.5\n~late: ~later + sine 10\n~later: saw 30", 48000);
    cr_assert_eq(count_taps(p, names, sizeof names), 0, "%s", names);
    ph_program_free(p);
}

Test(compile_graph, stages_and_dead_buses)
{
    ph_program *p = compile_or_fail("~unused: saw 100 # lpf 300\n~x: sine 220\nout: ~x * 0.5 + saw 110 * 0.2", 48000);
    for (uint32_t i = 0; i < ph_program_node_count(p); i++) {
        ph_node_info info;
        ph_program_node_info(p, i, &info);
        cr_assert(strcmp(info.kind, "lpf"), "an unused bus is not rendered");
    }
    cr_assert_geq(ph_program_stage_count(p), 2);
    ph_program_free(p);
}

static void expect_error(const char *text, int line, int col, const char *needle)
{
    ph_settings s = {.sample_rate = 48000, .max_block = 512, .threads = 1};
    ph_diag d;
    ph_program *p = ph_program_compile(text, strlen(text), &s, &d);
    cr_assert_null(p, "'%s' compiled", text);
    cr_expect_eq(d.line, line, "'%s': line %d, want %d (%s)", text, d.line, line, d.message);
    cr_expect_eq(d.column, col, "'%s': column %d, want %d (%s)", text, d.column, col, d.message);
    cr_expect(strstr(d.message, needle), "'%s': message '%s' lacks '%s'", text, d.message, needle);
}

Test(compile_graph, errors_have_line_column_and_hints)
{
    expect_error("tempo: 0.5\nout: saw 55 # lfp 800 0.7", 2, 15, "did you mean 'lpf'");
    expect_error("out: sine 1 2 3", 1, 6, "takes 1 argument");
    expect_error("~a: sine 1\nout: ~b", 2, 6, "~b");
    expect_error("out: lpf 800 1.67", 1, 6, "processes a signal");
    expect_error("out: saw 55 # sine 3", 1, 15, "takes no input");
    expect_error("out: s \"bd\" # lpf", 1, 15, "argument");
    expect_error("out: saw (\"55 82\" $ fsat 2)", 1, 21, "did you mean 'fast'");
    expect_error("out: sine 55 $ fast 2", 1, 16, "plays none");
    expect_error("out: s \"bd\" # gian 2", 1, 15, "did you mean 'gain'");
    expect_error("out: s \"bd(3,8\"", 1, 15, "')'");
}

Test(compile_graph, nothing_half_compiled_on_later_error)
{
    /* the first statements are fine, the last is not: no program */
    expect_error("~a: saw 55\n~b: ~a # lpf 300\nout: ~b # bogus 3", 3, 11, "unknown function 'bogus'");
}
