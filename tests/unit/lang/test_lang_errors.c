/* The .ph parser's diagnostics: every error names the exact line:column, and bad input of
 * any kind (deep nesting, huge texts, NUL bytes, invalid UTF-8, random bytes) is an error,
 * never a crash or a hang. */
#include <stdio.h>
#include <stdlib.h>

#include "lang_test_util.h"

Test(lang_errors, unbalanced_parentheses)
{
    ASSERT_PROG_ERROR("out: lpf (800 0.7", 1, 10, "unclosed '('");
    ASSERT_PROG_ERROR("out: 1\n~a: (1 + (2 * 3)\nout1: 2", 2, 5, "unclosed '('");
    ASSERT_PROG_ERROR("out: 1 + 2)", 1, 11, "unmatched ')'");
    ASSERT_PROG_ERROR("out: lpf(800, 0.7", 1, 9, "unclosed '('");
    ASSERT_PROG_ERROR("out: (1; out1: 2)", 1, 6, "unclosed '('");
    ASSERT_EXPR_ERROR("(fast 2", 1, 1, "unclosed '('");
    ASSERT_EXPR_ERROR("\"a\" $ every 3 (fast 2))", 1, 23, "unmatched ')'");
    ASSERT_EXPR_ERROR("()", 1, 2, "unexpected ')'");
    /* the first problem in the text wins */
    ASSERT_PROG_ERROR("out: 1 1\nout1: (2", 1, 8, "missing operator");
    ASSERT_PROG_ERROR("out: (1 1\nout1: 2", 1, 6, "unclosed '('");
    ASSERT_PROG_ERROR("out: 1 1)", 1, 8, "missing operator");
    ASSERT_PROG_ERROR("out: 1)\nout1: 1 1", 1, 7, "unmatched ')'");
}

Test(lang_errors, unterminated_and_misquoted_strings)
{
    ASSERT_PROG_ERROR("out: s \"bd sn", 1, 8, "unterminated string");
    ASSERT_PROG_ERROR("~a: 1\nout: s \"bd\n sn\"", 2, 8, "unterminated string");
    ASSERT_PROG_ERROR("out: s 'bd sn'", 1, 8, "double quotes");
}

Test(lang_errors, unexpected_tokens)
{
    ASSERT_PROG_ERROR("out: \"a\" \"b\"", 1, 10, "missing operator");
    ASSERT_PROG_ERROR("out: 1 2", 1, 8, "missing operator");
    ASSERT_PROG_ERROR("out: ~a ~b\n~a: 1\n~b: 1", 1, 9, "missing operator");
    ASSERT_PROG_ERROR("out: 1 +", 1, 9, "expected an expression");
    ASSERT_PROG_ERROR("out: * 2", 1, 6, "unexpected '*'");
    ASSERT_PROG_ERROR("out: 1 :", 1, 8, "unexpected ':'");
    ASSERT_PROG_ERROR("out: f (1, 2)", 1, 10, "commas separate arguments");
    ASSERT_PROG_ERROR("out: a $", 1, 9, "expected an expression");
    ASSERT_PROG_ERROR("out: $ a", 1, 6, "unexpected '$'");
    ASSERT_PROG_ERROR("out: [1 2]", 1, 9, "missing operator?");
    ASSERT_PROG_ERROR("out: stack [1, 2", 1, 12, "unclosed '['");
    ASSERT_PROG_ERROR("out: lpf :q", 1, 12, "expected a value after ':q'");
    ASSERT_PROG_ERROR("out: 1 = 2", 1, 8, "unexpected character '='");
    ASSERT_PROG_ERROR("~bass = saw 55", 1, 7, "defined with ':'");
    ASSERT_PROG_ERROR("out: 1 < 2", 1, 8, "unexpected character '<'");
    ASSERT_PROG_ERROR("out: x & y", 1, 8, "unexpected character '&'");
    ASSERT_PROG_ERROR("out: (f .)", 1, 10, "unexpected ')'");
    ASSERT_PROG_ERROR("out: 5.", 1, 8, "expected an expression");
    ASSERT_EXPR_ERROR("a; b", 1, 2, "unexpected ';'");
    ASSERT_EXPR_ERROR("", 1, 1, "empty expression");
    ASSERT_EXPR_ERROR("  -- only a comment", 1, 20, "empty expression");
}

Test(lang_errors, malformed_numbers)
{
    ASSERT_PROG_ERROR("out: 2x", 1, 6, "malformed number");
    ASSERT_PROG_ERROR("out: 1.2.3", 1, 6, "malformed number");
    ASSERT_PROG_ERROR("out: 1e3", 1, 6, "without exponents");
    ASSERT_PROG_ERROR("out: 2.5e-3", 1, 6, "without exponents");
    ASSERT_PROG_ERROR("out: 2else", 1, 6, "malformed number");
    ASSERT_PROG_ERROR("out: 1111111111111111111111111111111111111111111111111111111111111111111"
                      "11111111111111111111111111111111111111111111111111111111111111111111111"
                      "11111111111111111111111111111111111111111111111111111111111111111111111"
                      "11111111111111111111111111111111111111111111111111111111111111111111111"
                      "11111111111111111111111111111111111111111111111111111111111111111111111",
                      1, 6, "out of range");
}

Test(lang_errors, bad_statements)
{
    ASSERT_PROG_ERROR("saw 55", 1, 1, "a statement starts with");
    ASSERT_PROG_ERROR("out 1", 1, 1, "expected ':' after 'out'");
    ASSERT_PROG_ERROR("tempo 1", 1, 1, "expected ':' after 'tempo'");
    ASSERT_PROG_ERROR("out:", 1, 5, "expected an expression after ':'");
    ASSERT_PROG_ERROR("out:   \n~a: 1", 1, 5, "expected an expression after ':'");
    ASSERT_PROG_ERROR("~a $", 1, 5, "expected an expression after '$'");
    ASSERT_PROG_ERROR("~a 1", 1, 1, "missing ':'");
    ASSERT_PROG_ERROR("  outt: 1", 1, 3, "did you mean 'out:'?");
    ASSERT_PROG_ERROR("tempi: 1", 1, 1, "did you mean 'tempo:'?");
    ASSERT_PROG_ERROR("bass: 1", 1, 1, "unknown statement 'bass:'");
    ASSERT_PROG_ERROR("out17: 1", 1, 1, "outputs are out and out1 .. out16");
    ASSERT_PROG_ERROR("out0: 1", 1, 1, "outputs are out and out1 .. out16");
    ASSERT_PROG_ERROR("out01: 1", 1, 1, "outputs are out and out1 .. out16");
    ASSERT_PROG_ERROR("out: 1\n\"bd\"", 2, 1, "a statement starts with");
    ASSERT_PROG_ERROR("d $ s \"bd sn\"", 1, 1, "a statement starts with");
    ASSERT_PROG_ERROR("o17 $ 1", 1, 1, "outputs are out and out1 .. out16");
    ASSERT_PROG_ERROR("hush 2", 1, 1, "a statement starts with");
    ASSERT_PROG_ERROR("outmix: loud", 1, 9, "outmix is one of none, gain, sqrt, tanh, hard, separate");
    ASSERT_PROG_ERROR("bpm: 120 \"3-4\"", 1, 10, "a meter is written");
}

Test(lang_errors, bad_tempo)
{
    ASSERT_PROG_ERROR("tempo: 0", 1, 8, "positive");
    ASSERT_PROG_ERROR("bpm: -120", 1, 6, "positive");
    ASSERT_PROG_ERROR("cps: 1/0", 1, 7, "positive");
    ASSERT_PROG_ERROR("tempo: sine 1", 1, 8, "must be a number");
    ASSERT_PROG_ERROR("tempo: \"1\"", 1, 8, "must be a number");
}

/* A name defined twice: the last definition wins, the earlier one is superseded, and a
 * warning says so (the seed's section-by-section programs redefine names). */
static void expect_superseded(const char *src, size_t stmt, int warn_line, const char *warning)
{
    ph_diag d;
    ph_ast_program *p = ph_lang_parse(src, strlen(src), &d);
    cr_assert(p, "'%s': %d:%d %s", src, d.line, d.column, d.message);
    cr_expect(p->stmts[stmt].superseded, "'%s': statement %zu should be superseded", src, stmt);
    cr_expect_eq(p->n_warnings, 1, "'%s': %zu warnings", src, p->n_warnings);
    if (p->n_warnings) {
        cr_expect_eq(p->warnings[0].line, warn_line);
        cr_expect(strstr(p->warnings[0].message, warning), "'%s': warning '%s'", src, p->warnings[0].message);
    }
    ph_ast_free(p);
}

Test(lang_errors, duplicate_definitions_last_one_wins)
{
    expect_superseded("~a: 1\nout: ~a\n  ~a: 2", 0, 3, "bus '~a' is defined again (first at line 1)");
    expect_superseded("out: 1; out: 2", 0, 1, "'out' is set again");
    expect_superseded("out3: 1\nout3: 2", 0, 2, "'out3' is set again");
    expect_superseded("tempo: 1\nbpm: 120", 0, 2, "set again");
    ph_diag d;
    const char *src = "~a: 1\nout: ~a\n~a: 2";
    ph_ast_program *p = ph_lang_parse(src, strlen(src), &d);
    cr_assert(p);
    cr_expect_eq(p->stmts[1].expr->bus_stmt, 2, "a reference reads the last definition");
    ph_ast_free(p);
}

Test(lang_errors, bus_names_and_references)
{
    ASSERT_PROG_ERROR("out: ~drum\n~drums: 1", 1, 6, "unknown bus '~drum' (did you mean '~drums'?)");
    ASSERT_PROG_ERROR("out: ~zzz", 1, 6, "unknown bus '~zzz'");
    ASSERT_PROG_ERROR("out: ~m9", 1, 6, "unknown bus '~m9' (did you mean '~m1'?)");
    ASSERT_PROG_ERROR("~m1: 1", 1, 1, "macro");
    ASSERT_PROG_ERROR("out: ~", 1, 6, "expected a bus name");
    ASSERT_PROG_ERROR("~3a: 1", 1, 1, "bad bus name");
    ASSERT_PROG_ERROR("out: lpf (~x * 2) 1", 1, 11, "unknown bus '~x'");
}

Test(lang_errors, bytes_that_are_not_language)
{
    ASSERT_ERROR_AT(false, "out: 1\0 + 2", 11, 1, 7, "NUL");
    ASSERT_ERROR_AT(false, "out: \"a\0b\"", 10, 1, 8, "NUL byte inside a string");
    ASSERT_ERROR_AT(false, "out: \xff", 6, 1, 6, "0xFF");
    ASSERT_ERROR_AT(false, "out: 1 \xc3\xa9", 9, 1, 8, "0xC3");
    /* invalid UTF-8 inside strings and comments is carried, not rejected here */
    ASSERT_PROGRAM("-- \xff\xfe\nout: \"\xc3\"", "out = \"\xc3\"");
}

Test(lang_errors, nesting_depth_is_bounded)
{
    /* 10000 open parentheses: an error at the one that goes too deep, no stack overflow */
    size_t n = 10000;
    char *s = malloc(n * 2 + 8);
    memcpy(s, "out: ", 5);
    memset(s + 5, '(', n);
    s[5 + n] = '1';
    memset(s + 6 + n, ')', n);
    ph_diag d;
    cr_assert_null(ph_lang_parse(s, 6 + 2 * n, &d));
    cr_expect(strstr(d.message, "nested too deeply"), "%s", d.message);
    cr_expect_eq(d.line, 1);
    cr_expect(d.column > 5 && d.column < 5 + PH_AST_MAX_DEPTH + 2, "column %d", d.column);

    /* a long left-associative run builds a deep tree without recursion: also bounded */
    size_t terms = 5000;
    char *t = malloc(64000);
    size_t k = 0;
    k += (size_t)sprintf(t, "out: 1");
    for (size_t i = 1; i < terms; i++) k += (size_t)sprintf(t + k, "+1");
    cr_assert_null(ph_lang_parse(t, k, &d));
    cr_expect(strstr(d.message, "nested too deeply"), "%s", d.message);

    /* 200 levels is fine */
    k = (size_t)sprintf(t, "out: ");
    for (int i = 0; i < 100; i++) t[k++] = '(';
    t[k++] = '1';
    for (int i = 0; i < 100; i++) t[k++] = ')';
    ph_ast_program *p = ph_lang_parse(t, k, &d);
    cr_expect(p, "%s", d.message);
    ph_ast_free(p);

    /* deep unary minus, deep sections and deep calls */
    const char *units[] = {"- ", "(# ", "f(", "(0.5 <~ "};
    for (size_t u = 0; u < 4; u++) {
        k = (size_t)sprintf(t, "out: ");
        for (int i = 0; i < 3000; i++) k += (size_t)sprintf(t + k, "%s", units[u]);
        t[k++] = 'x';
        if (u) memset(t + k, ')', 3000), k += 3000;
        cr_assert_null(ph_lang_parse(t, k, &d), "unit %s", units[u]);
        cr_expect(strstr(d.message, "nested too deeply"), "unit %s: %s", units[u], d.message);
    }
    free(s);
    free(t);
}

Test(lang_errors, large_texts)
{
    /* 64 KB and more of statements parse */
    size_t cap = 200000, k = 0;
    char *s = malloc(cap);
    int i = 0;
    while (k < 100000) {
        k += (size_t)sprintf(s + k, "~b%d: saw \"55 110 <220 330>\" # lpf (sine 0.25 * 1500 + %d) 0.7\n",
                             i, i);
        i++;
    }
    k += (size_t)sprintf(s + k, "out: ~b0 + ~b%d\n", i - 1);
    ph_diag d;
    ph_ast_program *p = ph_lang_parse(s, k, &d);
    cr_assert(p, "%d:%d %s", d.line, d.column, d.message);
    cr_expect_eq(p->n_stmts, (size_t)i + 1);
    ph_ast_free(p);

    /* one 100 KB string and a very long name */
    k = (size_t)sprintf(s, "out: s \"");
    for (int j = 0; j < 20000; j++) k += (size_t)sprintf(s + k, "bd sn");
    k += (size_t)sprintf(s + k, "\" # ");
    for (int j = 0; j < 20000; j++) s[k++] = 'x';
    p = ph_lang_parse(s, k, &d);
    cr_assert(p, "%s", d.message);
    ph_ast_free(p);

    /* longer than PH_LANG_MAX_TEXT: refused up front */
    char *big = calloc(1, PH_LANG_MAX_TEXT + 1);
    memset(big, ' ', PH_LANG_MAX_TEXT + 1);
    cr_assert_null(ph_lang_parse(big, PH_LANG_MAX_TEXT + 1, &d));
    cr_expect(strstr(d.message, "too long"), "%s", d.message);
    free(big);
    free(s);
}

Test(lang_errors, random_bytes_never_crash)
{
    /* A cheap in-suite fuzz: random mixes of language characters and raw bytes. Each
     * text either parses or yields an error with a position inside the text. */
    static const char alphabet[] = "~:;$#()+-*/<>,\"\n abc019.-/m";
    unsigned seed = 12345;
    char buf[256];
    for (int iter = 0; iter < 3000; iter++) {
        size_t n = (size_t)(iter % 200) + 1;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) & 0x7fff;
            buf[i] = (r % 10 == 0) ? (char)(r >> 4) : alphabet[r % (sizeof alphabet - 1)];
        }
        ph_diag d;
        ph_ast_program *p = ph_lang_parse(buf, n, &d);
        if (p) {
            ph_ast_free(p);
        } else {
            cr_assert(d.message[0], "empty message");
            cr_assert(d.line >= 1 && d.column >= 1, "position %d:%d for %s", d.line, d.column,
                      d.message);
        }
        p = ph_lang_parse_expr(buf, n, &d);
        ph_ast_free(p);
    }
}
