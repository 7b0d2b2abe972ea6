/* Helpers shared by the test_lang_*.c files: parse and pretty-print in one call. */
#ifndef LANG_TEST_UTIL_H
#define LANG_TEST_UTIL_H

#include <criterion/criterion.h>
#include <string.h>

#include "lang/ph_lang.h"

/* Parses `src` as one expression and compares its prefix form with `want`. */
#define ASSERT_EXPR(src, want)                                                                \
    do {                                                                                      \
        ph_diag d_;                                                                           \
        ph_ast_program *p_ = ph_lang_parse_expr((src), strlen(src), &d_);                     \
        cr_assert(p_, "parse of '%s' failed at %d:%d: %s", (src), d_.line, d_.column,         \
                  d_.message);                                                                \
        char b_[4096];                                                                        \
        ph_ast_format_expr(p_->expr, b_, sizeof b_);                                          \
        cr_expect_str_eq(b_, (want), "'%s' parsed as %s, want %s", (src), b_, (want));         \
        ph_ast_free(p_);                                                                      \
    } while (0)

/* Parses `src` as a program and compares its prefix form with `want`. */
#define ASSERT_PROGRAM(src, want)                                                             \
    do {                                                                                      \
        ph_diag d_;                                                                           \
        ph_ast_program *p_ = ph_lang_parse((src), strlen(src), &d_);                          \
        cr_assert(p_, "parse failed at %d:%d: %s", d_.line, d_.column, d_.message);           \
        char b_[8192];                                                                        \
        ph_ast_format_program(p_, b_, sizeof b_);                                             \
        cr_expect_str_eq(b_, (want), "parsed as\n%s\nwant\n%s", b_, (want));                  \
        ph_ast_free(p_);                                                                      \
    } while (0)

/* Parsing `src` (program, or expression when expr is true) fails at line:col with a message
 * containing `msg`. */
#define ASSERT_ERROR_AT(expr, src, len, ln, col, msg)                                         \
    do {                                                                                      \
        ph_diag d_;                                                                           \
        ph_ast_program *p_ = (expr) ? ph_lang_parse_expr((src), (len), &d_)                   \
                                    : ph_lang_parse((src), (len), &d_);                       \
        cr_assert_null(p_, "'%s' parsed but should fail", (src));                             \
        cr_expect(d_.line == (ln) && d_.column == (col),                                      \
                  "'%s': error at %d:%d (%s), want %d:%d", (src), d_.line, d_.column,          \
                  d_.message, (ln), (col));                                                   \
        cr_expect(strstr(d_.message, (msg)) != NULL, "'%s': message '%s' lacks '%s'", (src),  \
                  d_.message, (msg));                                                         \
    } while (0)

#define ASSERT_PROG_ERROR(src, ln, col, msg) ASSERT_ERROR_AT(false, src, strlen(src), ln, col, msg)
#define ASSERT_EXPR_ERROR(src, ln, col, msg) ASSERT_ERROR_AT(true, src, strlen(src), ln, col, msg)

#endif
