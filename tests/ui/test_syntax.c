/* Syntax classes of .ph text and the key binding table. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include <X11/keysym.h>

#include "ph_ed_keys.h"
#include "ph_ed_syntax.h"

/* "class:text" of every token, joined with spaces. */
static void classes(const char *t, char *out, size_t n)
{
    ph_ed_tokens tok = {0};
    cr_assert(ph_ed_syntax_scan(t, strlen(t), &tok));
    out[0] = '\0';
    for (size_t i = 0; i < tok.n; i++) {
        char one[128];
        snprintf(one, sizeof one, "%s%s:%.*s", i ? " " : "", ph_ed_class_name(tok.v[i].cls),
                 (int)(tok.v[i].end - tok.v[i].begin), t + tok.v[i].begin);
        strncat(out, one, n - strlen(out) - 1);
    }
    ph_ed_tokens_free(&tok);
}

Test(syntax, statement_with_mini_notation)
{
    char got[1024];
    classes("~drums: s \"bd*2 [sn cp:3]\" # gain 0.8 -- loud", got, sizeof got);
    cr_expect_str_eq(got, "bus:~drums operator:: function:s string:\" atom:bd string:* atom:2 "
                          "string: [ atom:sn string:  atom:cp:3 string:]\" operator:# function:gain "
                          "number:0.8 comment:-- loud");
}

Test(syntax, keywords_only_at_statement_start)
{
    char got[1024];
    classes("out: x; out3: y // c\ntempo: 0.5\nf out: z", got, sizeof got);
    cr_expect_str_eq(got, "keyword:out: function:x keyword:out3: function:y comment:// c "
                          "keyword:tempo: number:0.5 function:f function:out operator:: function:z");
}

/* the parser's other statements: outputs with $ or #, o1/d1, outmix, hush/panic */
Test(syntax, every_statement_form_the_parser_takes)
{
    char got[1024];
    classes("out $ x\no1: y\nd2 $ z\nout # lpf 300\noutmix: gain\nhush\nhush2\npanic\nhushy", got, sizeof got);
    cr_expect_str_eq(got, "keyword:out operator:$ function:x keyword:o1: function:y keyword:d2 operator:$ function:z "
                          "keyword:out operator:# function:lpf number:300 keyword:outmix: function:gain "
                          "keyword:hush keyword:hush2 keyword:panic function:hushy");
}

Test(syntax, strings_keep_negative_numbers_and_notes)
{
    char got[1024];
    classes("n \"-1 c'maj e4 ~ _ .. 0.5\"", got, sizeof got);
    cr_expect_str_eq(got, "function:n string:\" atom:-1 string:  atom:c'maj string:  atom:e4 "
                          "string: ~ _ ..  atom:0.5 string:\"");
}

Test(syntax, unterminated_string_ends_at_the_line)
{
    char got[1024];
    classes("s \"bd\nout: x", got, sizeof got);
    cr_expect_str_eq(got, "function:s string:\" atom:bd keyword:out: function:x");
}

Test(keys, bindings)
{
    int ext;
    cr_expect_eq(ph_ed_key_command(XK_Return, PH_MOD_CTRL, &ext), PH_CMD_EVAL);
    cr_expect_eq(ph_ed_key_command(XK_Return, PH_MOD_CTRL | PH_MOD_SHIFT, &ext), PH_CMD_EVAL);
    cr_expect_eq(ph_ed_key_command(XK_Return, 0, &ext), PH_CMD_NEWLINE);
    cr_expect_eq(ph_ed_key_command(XK_period, PH_MOD_CTRL, &ext), PH_CMD_HUSH);
    cr_expect_eq(ph_ed_key_command(XK_slash, PH_MOD_CTRL, &ext), PH_CMD_COMMENT);
    cr_expect_eq(ph_ed_key_command(XK_Left, PH_MOD_SHIFT, &ext), PH_CMD_LEFT);
    cr_expect_eq(ext, 1);
    cr_expect_eq(ph_ed_key_command(XK_Left, 0, &ext), PH_CMD_LEFT);
    cr_expect_eq(ext, 0);
    cr_expect_eq(ph_ed_key_command(XK_z, PH_MOD_CTRL | PH_MOD_SHIFT, &ext), PH_CMD_REDO);
    cr_expect_eq(ph_ed_key_command(XK_Tab, PH_MOD_SHIFT, &ext), PH_CMD_DEDENT);
    cr_expect_eq(ph_ed_key_command(XK_f, PH_MOD_CTRL, &ext), PH_CMD_FIND);
    cr_expect_eq(ph_ed_key_command(XK_a, 0, &ext), PH_CMD_NONE);
    cr_expect_eq(ph_ed_key_command(XK_a, PH_MOD_CTRL | PH_MOD_ALT, &ext), PH_CMD_NONE);
}
