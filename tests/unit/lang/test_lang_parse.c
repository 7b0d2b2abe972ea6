/* The .ph parser: every construct, precedence, statement separation and comments, checked
 * through the AST's prefix form (ph_ast_format_*). */
#include <stdio.h>
#include <stdlib.h>

#include "lang_test_util.h"

Test(lang_parse, atoms)
{
    ASSERT_EXPR("42", "42");
    ASSERT_EXPR("0.25", "0.25");
    ASSERT_EXPR("-1.5", "-1.5");
    ASSERT_EXPR(".5", ".5");
    ASSERT_EXPR("\"bd*2 [sn cp]\"", "\"bd*2 [sn cp]\"");
    ASSERT_EXPR("\"\"", "\"\"");
    ASSERT_EXPR("~drums", "~drums");
    ASSERT_EXPR("~m3", "~m3");
    ASSERT_EXPR("noise", "noise");
    ASSERT_EXPR("  rev  -- trailing comment", "rev");
}

Test(lang_parse, number_values_and_text)
{
    ph_diag d;
    ph_ast_program *p = ph_lang_parse_expr("-0.125", 6, &d);
    cr_assert(p);
    cr_expect_eq(p->expr->kind, PH_AST_NUM);
    cr_expect_float_eq(p->expr->num, -0.125, 1e-15);
    cr_expect_str_eq(p->expr->text, "-0.125");
    cr_expect_eq(p->expr->column, 1);
    ph_ast_free(p);
}

Test(lang_parse, application_by_juxtaposition_and_parentheses)
{
    ASSERT_EXPR("lpf 800 0.7", "(lpf 800 0.7)");
    ASSERT_EXPR("lpf(800, 0.7)", "(lpf 800 0.7)");
    ASSERT_EXPR("lpf(800 * 2, sine 1 + 0.5)", "(lpf (* 800 2) (+ (sine 1) 0.5))");
    ASSERT_EXPR("sine 0.25", "(sine 0.25)");
    ASSERT_EXPR("s \"bd*4\"", "(s \"bd*4\")");
    ASSERT_EXPR("lpf (800) 0.7", "(lpf 800 0.7)");
    ASSERT_EXPR("fast(2) \"bd\"", "(fast 2 \"bd\")");
    ASSERT_EXPR("(fast 2) \"bd\"", "(fast 2 \"bd\")");
    ASSERT_EXPR("rev()", "rev");
    ASSERT_EXPR("every 3 rev \"a b\"", "(every 3 rev \"a b\")");
    ASSERT_EXPR("lpf ~cut 0.5", "(lpf ~cut 0.5)");
}

Test(lang_parse, negative_numbers_as_arguments)
{
    ASSERT_EXPR("clip -0.6 0.6", "(clip -0.6 0.6)");
    ASSERT_EXPR("compress -20 4 0.005", "(compress -20 4 0.005)");
    ASSERT_EXPR("early -0.25 \"a\"", "(early -0.25 \"a\")");
    ASSERT_EXPR("lpf(-800, 0.7)", "(lpf -800 0.7)");
    ASSERT_EXPR("fast (-1)", "(fast -1)");
    ASSERT_EXPR("sine 1 - 0.5", "(- (sine 1) 0.5)");
    ASSERT_EXPR("sine 1-0.5", "(- (sine 1) 0.5)");
    ASSERT_EXPR("sine 1 -0.5", "(sine 1 -0.5)");
    ASSERT_EXPR("f -x", "(- f x)");
    ASSERT_EXPR("~x * 0.5 # clip -1 1", "(# (* ~x 0.5) (clip -1 1))");
    ph_diag d;
    ph_ast_program *p = ph_lang_parse_expr("clip -0.6 0.6", 13, &d);
    cr_assert(p);
    cr_expect_eq(p->expr->items[0]->column, 6);
    cr_expect_float_eq(p->expr->items[0]->num, -0.6, 1e-15);
    ph_ast_free(p);
}

Test(lang_parse, partial_applications_and_sections_as_arguments)
{
    ASSERT_EXPR("every 3 (fast 2)", "(every 3 (fast 2))");
    ASSERT_EXPR("off 0.25 (add 7)", "(off 0.25 (add 7))");
    ASSERT_EXPR("every 2 (# speed 2)", "(every 2 (# _ (speed 2)))");
    ASSERT_EXPR("every 2 (0.25 <~)", "(every 2 (<~ 0.25 _))");
    ASSERT_EXPR("every 2 (+ 7)", "(every 2 (+ _ 7))");
    ASSERT_EXPR("every 2 (* 2)", "(every 2 (* _ 2))");
    ASSERT_EXPR("(- 7)", "-7");
    ASSERT_EXPR("(1 -)", "(- 1 _)");
    ASSERT_EXPR("(# speed 2) \"a\"", "((# _ (speed 2)) \"a\")");
}

Test(lang_parse, arithmetic_precedence)
{
    ASSERT_EXPR("1 + 2 * 3", "(+ 1 (* 2 3))");
    ASSERT_EXPR("1 * 2 + 3", "(+ (* 1 2) 3)");
    ASSERT_EXPR("1 - 2 - 3", "(- (- 1 2) 3)");
    ASSERT_EXPR("8 / 4 / 2", "(/ (/ 8 4) 2)");
    ASSERT_EXPR("(1 + 2) * 3", "(* (+ 1 2) 3)");
    ASSERT_EXPR("2 -1", "(- 2 1)");
    ASSERT_EXPR("~a -1", "(- ~a 1)");
    ASSERT_EXPR("x-1", "(- x 1)");
    ASSERT_EXPR("1 - -2", "(- 1 -2)");
    ASSERT_EXPR("-x * 2", "(* (neg x) 2)");
    ASSERT_EXPR("- 3", "-3");
    ASSERT_EXPR("-(1 + 2)", "(neg (+ 1 2))");
    ASSERT_EXPR("- -3", "(neg -3)");
    ASSERT_EXPR("~drums * 0.8 + ~bass * 0.3", "(+ (* ~drums 0.8) (* ~bass 0.3))");
    ASSERT_EXPR("(~lfo * 1500 + 600)", "(+ (* ~lfo 1500) 600)");
    ASSERT_EXPR("sine \"[220 330]*2\" * 0.3", "(* (sine \"[220 330]*2\") 0.3)");
    ASSERT_EXPR("sine 0.25 * 1500 + 600", "(+ (* (sine 0.25) 1500) 600)");
}

Test(lang_parse, hash_is_looser_than_arithmetic_and_left_associative)
{
    ASSERT_EXPR("saw 55 * 0.5 # lpf 800 0.7", "(# (* (saw 55) 0.5) (lpf 800 0.7))");
    ASSERT_EXPR("s \"bd*4\" # gain \"1 0.8\"", "(# (s \"bd*4\") (gain \"1 0.8\"))");
    ASSERT_EXPR("a # b # c", "(# (# a b) c)");
    ASSERT_EXPR("(noise # hpf \"2000 6000\" 0.7) * 0.2",
                "(* (# noise (hpf \"2000 6000\" 0.7)) 0.2)");
    ASSERT_EXPR("saw 55 # lpf (~lfo * 1500 + 600) 0.7",
                "(# (saw 55) (lpf (+ (* ~lfo 1500) 600) 0.7))");
    ASSERT_EXPR("x + y # z", "(# (+ x y) z)");
}

Test(lang_parse, composition_binds_looser_than_application_and_to_the_right)
{
    ASSERT_EXPR("fast 2 . rev", "(. (fast 2) rev)");
    ASSERT_EXPR("every 2 (fast 2 . rev . (# speed 2))",
                "(every 2 (. (fast 2) (. rev (# _ (speed 2)))))");
    ASSERT_EXPR("jux (rev . hurry 2) x", "(jux (. rev (hurry 2)) x)");
    ASSERT_EXPR("f . g + 1", "(+ (. f g) 1)");
    ASSERT_EXPR("1.5 . f", "(. 1.5 f)");
}

Test(lang_parse, shifts)
{
    ASSERT_EXPR("0.25 <~ \"bd sn\"", "(<~ 0.25 \"bd sn\")");
    ASSERT_EXPR("\"<0 0.25>\" ~> s \"bd sn\"", "(~> \"<0 0.25>\" (s \"bd sn\"))");
    ASSERT_EXPR("0.25 <~ \"a\" # speed 2", "(# (<~ 0.25 \"a\") (speed 2))");
    ASSERT_EXPR("0.25 <~ \"1\" + \"2\"", "(<~ 0.25 (+ \"1\" \"2\"))");
}

Test(lang_parse, dollar_chains_are_flat_and_loosest)
{
    ASSERT_EXPR("\"bd sn\" $ every 3 (fast 2) $ off 0.25 (add 7)",
                "($ \"bd sn\" (every 3 (fast 2)) (off 0.25 (add 7)))");
    ASSERT_EXPR("\"a\" $ fast 2", "($ \"a\" (fast 2))");
    ASSERT_EXPR("fast 2 $ rev $ \"a b\"", "($ (fast 2) rev \"a b\")");
    ASSERT_EXPR("\"a\" # speed 2 $ fast 2", "($ (# \"a\" (speed 2)) (fast 2))");
    ASSERT_EXPR("every 2 (fast 2 $ rev)", "(every 2 ($ (fast 2) rev))");
    ASSERT_EXPR("lpf(1 $ f, 2)", "(lpf ($ 1 f) 2)");
}

Test(lang_parse, positions_of_nodes)
{
    ph_diag d;
    const char *src = "~a: 1\n~b: lpf (~a * 2) \"x y\" # gain 3";
    ph_ast_program *p = ph_lang_parse(src, strlen(src), &d);
    cr_assert(p, "%s", d.message);
    cr_assert_eq(p->n_stmts, 2);
    const ph_ast_stmt *s = &p->stmts[1];
    cr_expect_eq(s->line, 2);
    cr_expect_eq(s->column, 1);
    const ph_ast_node *hash = s->expr;
    cr_assert_eq(hash->kind, PH_AST_BINOP);
    cr_expect_eq(hash->op, PH_OP_HASH);
    cr_expect(hash->line == 2 && hash->column == 24);
    const ph_ast_node *app = hash->lhs;
    cr_assert_eq(app->kind, PH_AST_APPLY);
    cr_expect(app->line == 2 && app->column == 5);
    cr_expect_str_eq(app->lhs->text, "lpf");
    cr_assert_eq(app->n_items, 2);
    const ph_ast_node *mul = app->items[0];
    cr_expect(mul->kind == PH_AST_BINOP && mul->op == PH_OP_MUL && mul->column == 13);
    cr_expect(mul->lhs->kind == PH_AST_BUS && mul->lhs->column == 10);
    cr_expect_eq(mul->lhs->bus_stmt, 0);
    const ph_ast_node *str = app->items[1];
    cr_expect(str->kind == PH_AST_STR && str->column == 18 && str->str_column == 19);
    int line, col;
    ph_ast_str_position(str, 2, &line, &col);
    cr_expect(line == 2 && col == 21);
    cr_expect_eq(hash->depth, 4);
    ph_ast_free(p);
}

Test(lang_parse, columns_count_utf8_characters)
{
    ph_diag d;
    const char *src = "-- é\nout: \"é ü\" # x";
    ph_ast_program *p = ph_lang_parse(src, strlen(src), &d);
    cr_assert(p, "%s", d.message);
    cr_expect_eq(p->stmts[0].expr->column, 12); /* "#" after a 3-character string */
    ph_ast_free(p);
}

Test(lang_parse, statements)
{
    ASSERT_PROGRAM("tempo: 0.5\n~drums: s \"bd*4\"\n~bass $ saw 55\nout: ~drums + ~bass\n"
                   "out1: ~drums\nout16: ~bass",
                   "tempo 0.5\n~drums = (s \"bd*4\")\n~bass = (saw 55)\nout = (+ ~drums ~bass)\n"
                   "out1 = ~drums\nout16 = ~bass");
    ph_diag d;
    const char *src = "bpm: 120\nout3: 1\nout: 2";
    ph_ast_program *p = ph_lang_parse(src, strlen(src), &d);
    cr_assert(p);
    cr_expect_eq(p->stmts[0].kind, PH_STMT_TEMPO);
    cr_expect_float_eq(p->stmts[0].value, 120.0, 1e-12);
    cr_expect_float_eq(p->cps, 2.0, 1e-12); /* one beat a cycle */
    cr_expect_eq(p->max_out, 3);
    cr_expect_eq(p->stmts[1].kind, PH_STMT_OUT);
    cr_expect_eq(p->stmts[1].channel, 3);
    cr_expect_eq(p->stmts[2].channel, 0);
    ph_ast_free(p);
}

Test(lang_parse, tempo_forms)
{
    const char *srcs[] = {"tempo: 0.75", "cps: 0.75", "bpm: 45", "tempo: 3/4", "cps: (1 + 0.5) / 2",
                          "bpm: 45 \"6/8\""};
    for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
        ph_diag d;
        ph_ast_program *p = ph_lang_parse(srcs[i], strlen(srcs[i]), &d);
        cr_assert(p, "%s: %s", srcs[i], d.message);
        cr_expect_float_eq(p->cps, 0.75, 1e-12, "%s", srcs[i]);
        ph_ast_free(p);
    }
}

Test(lang_parse, semicolons_separate_statements)
{
    ASSERT_PROGRAM("tempo: 0.5; ~a: saw 55 # lpf 800; out: ~a * 0.5",
                   "tempo 0.5\n~a = (# (saw 55) (lpf 800))\nout = (* ~a 0.5)");
    ASSERT_PROGRAM(";;out: 1;;\n;", "out = 1");
    ASSERT_PROGRAM("~a: 1;out: ~a", "~a = 1\nout = ~a");
}

Test(lang_parse, comments)
{
    ASSERT_PROGRAM("-- header\n// another\nout: 1 -- trailing\n// end", "out = 1");
    ASSERT_PROGRAM("out: 1 // x; out1: 2", "out = 1");
    ASSERT_PROGRAM("out: \"a -- not a comment // nor this\"",
                   "out = \"a -- not a comment // nor this\"");
    ASSERT_PROGRAM("out: 4 --2", "out = 4");
}

Test(lang_parse, statements_continue_over_lines)
{
    ASSERT_PROGRAM("~a: saw 55\n  # lpf 800\n  # gain 0.5\nout: ~a",
                   "~a = (# (# (saw 55) (lpf 800)) (gain 0.5))\nout = ~a");
    ASSERT_PROGRAM("out: (1 +\n 2\n)\n", "out = (+ 1 2)");
    ASSERT_PROGRAM("out: 1 +\n\n 2", "out = (+ 1 2)");
    ASSERT_PROGRAM("out:\n  \"a\"\n  $ fast 2", "out = ($ \"a\" (fast 2))");
    ASSERT_PROGRAM("out: lpf(1,\n 2)", "out = (lpf 1 2)");
    ASSERT_PROGRAM("out: 1\r\n~a: 2\r\n", "out = 1\n~a = 2");
}

Test(lang_parse, buses_resolve_forward_and_to_themselves)
{
    ph_diag d;
    const char *src = "out: ~fb\n~fb: (~v + ~fb * 0.5) # delay 0.25 0.5\n~v: saw 55 * ~m1";
    ph_ast_program *p = ph_lang_parse(src, strlen(src), &d);
    cr_assert(p, "%s", d.message);
    cr_expect_eq(p->stmts[0].expr->bus_stmt, 1);
    const ph_ast_node *sum = p->stmts[1].expr->lhs;
    cr_expect_eq(sum->lhs->bus_stmt, 2);
    cr_expect_eq(sum->rhs->lhs->bus_stmt, 1);
    const ph_ast_node *m = p->stmts[2].expr->rhs;
    cr_expect(m->kind == PH_AST_BUS && m->macro == 1 && m->bus_stmt == -1);
    cr_expect_eq(ph_ast_find_bus(p, "v"), 2);
    cr_expect_eq(ph_ast_find_bus(p, "nope"), -1);
    ph_ast_free(p);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    buf[*len] = '\0';
    return buf;
}

Test(lang_parse, stress16_parses)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/patches/stress16.ph", PH_SOURCE_DIR "/tests/data");
    size_t len;
    char *text = read_file(path, &len);
    cr_assert(text, "cannot read %s", path);
    ph_diag d;
    ph_ast_program *p = ph_lang_parse(text, len, &d);
    cr_assert(p, "stress16.ph: %d:%d: %s", d.line, d.column, d.message);
    cr_expect_float_eq(p->cps, 0.5, 1e-12);
    cr_expect_eq(p->max_out, 16);
    int buses = 0, outs = 0;
    for (size_t i = 0; i < p->n_stmts; i++) {
        buses += p->stmts[i].kind == PH_STMT_BUS;
        outs += p->stmts[i].kind == PH_STMT_OUT;
    }
    cr_expect_eq(buses, 20);
    cr_expect_eq(outs, 16);
    int fb1 = ph_ast_find_bus(p, "fb1");
    char b[512];
    ph_ast_format_expr(p->stmts[fb1].expr, b, sizeof b);
    cr_expect_str_eq(b, "(# (# (+ ~v1 (* ~fb1 0.5)) (delay 0.375 0.6)) (lpf 2500 0.714))");
    int v9 = ph_ast_find_bus(p, "v9");
    ph_ast_format_expr(p->stmts[v9].expr, b, sizeof b);
    cr_expect_str_eq(b, "(* (# noise (hpf \"2000 6000 4000 8000\" 1.67)) 0.2)");
    ph_ast_free(p);
    free(text);
}

Test(lang_parse, format_truncates_like_snprintf)
{
    ph_diag d;
    ph_ast_program *p = ph_lang_parse_expr("lpf 800 0.7", 11, &d);
    cr_assert(p);
    char b[6];
    size_t n = ph_ast_format_expr(p->expr, b, sizeof b);
    cr_expect_eq(n, strlen("(lpf 800 0.7)"));
    cr_expect_str_eq(b, "(lpf ");
    ph_ast_free(p);
}

/* The seed's statement forms: `out $`, numbered outputs as oN/dN, modifier buses,
 * hush/panic, outmix, bpm with a meter (one beat a cycle), lists and keyword arguments. */
Test(lang_parse, seed_statement_forms)
{
    ASSERT_PROGRAM("out $ saw 55", "out = (saw 55)");
    ASSERT_PROGRAM("o1 $ 1\nd2: 2\nout3 $ 3", "out1 = 1\nout2 = 2\nout3 = 3");
    ASSERT_PROGRAM("~fx # lpf 800 # delay 0.3", "~fx # (# (lpf 800) (delay 0.3))");
    ASSERT_PROGRAM("hush\nhush3\nunhush\npanic", "hush\nhush3\nunhush\npanic");
    ASSERT_PROGRAM("outmix: sqrt", "sqrt");
    ASSERT_PROGRAM("out: stack [~a, ~b]\n~a: 1\n~b: 2", "out = (stack [~a, ~b])\n~a = 1\n~b = 2");
    ASSERT_PROGRAM("out: saw 55 # lpf :q 2 :cutoff 800", "out = (# (saw 55) (lpf :q 2 :cutoff 800))");
    ph_diag d;
    ph_ast_program *p = ph_lang_parse("bpm: 120 \"3/4\"", 14, &d);
    cr_assert(p, "%s", d.message);
    cr_expect_float_eq(p->cps, 2.0, 1e-12, "bpm: one beat a cycle, as the seed counts");
    ph_ast_free(p);
    p = ph_lang_parse("hush2", 5, &d);
    cr_assert(p);
    cr_expect_eq(p->stmts[0].kind, PH_STMT_HUSH);
    cr_expect_eq(p->stmts[0].channel, 2);
    ph_ast_free(p);
}
