/* The editor's logic without X: typing, selection, undo grouping, indentation,
 * comments, brackets, find, zoom and the key bindings. */
#include <criterion/criterion.h>
#include <string.h>

#include <X11/keysym.h>

#include "ph_editor.h"

static ph_editor ed;
static double clock_ms;

static void setup(void)
{
    cr_assert(ph_editor_init(&ed));
    clock_ms = 1000;
}
static void teardown(void) { ph_editor_free(&ed); }

static unsigned key(uint32_t ks, unsigned mods, const char *utf8)
{
    clock_ms += 50;
    return ph_editor_key(&ed, ks, mods, utf8, clock_ms);
}

static void type(const char *s)
{
    for (; *s; s++) {
        char c[2] = {*s, 0};
        if (*s == '\n') key(XK_Return, 0, "\r");
        else key((uint32_t)(unsigned char)*s, 0, c);
    }
}

static const char *text(void) { return ph_editor_text(&ed, NULL); }
static void set(const char *s) { ph_editor_set_text(&ed, s, strlen(s)); }

TestSuite(editor, .init = setup, .fini = teardown);

Test(editor, typing_and_ctrl_enter)
{
    ed.auto_close = false;
    type("out: sine 440");
    cr_expect_str_eq(text(), "out: sine 440");
    cr_expect_eq(key(XK_Return, PH_MOD_CTRL, "\r"), PH_ED_EVAL, "Ctrl+Enter evaluates, inserts nothing");
    cr_expect_str_eq(text(), "out: sine 440");
    cr_expect_eq(key(XK_period, PH_MOD_CTRL, "."), PH_ED_HUSH);
    cr_expect_eq(key(XK_q, PH_MOD_CTRL, "\x11"), 0u, "unbound shortcuts type nothing");
    cr_expect_str_eq(text(), "out: sine 440");
}

Test(editor, undo_groups_typing_and_redo)
{
    ed.auto_close = false;
    type("abc def");
    clock_ms += 2000; /* a pause starts a new group */
    type(" ghi");
    cr_expect_str_eq(text(), "abc def ghi");
    key(XK_z, PH_MOD_CTRL, "");
    cr_expect_str_eq(text(), "abc def");
    key(XK_z, PH_MOD_CTRL, "");
    cr_expect_str_eq(text(), "");
    key(XK_z, PH_MOD_CTRL | PH_MOD_SHIFT, "");
    cr_expect_str_eq(text(), "abc def");
    key(XK_y, PH_MOD_CTRL, "");
    cr_expect_str_eq(text(), "abc def ghi");
    cr_expect_eq(ed.caret, 11u);
    /* moving the caret ends a group */
    key(XK_Left, 0, "");
    type("X");
    key(XK_Right, 0, "");
    type("Y");
    key(XK_z, PH_MOD_CTRL, "");
    cr_expect_str_eq(text(), "abc def ghXi");
    /* a new edit drops the redo list */
    type("Z");
    cr_expect_eq(key(XK_y, PH_MOD_CTRL, ""), 0u);
}

Test(editor, backspace_groups_and_deletes_selection)
{
    set("hello world");
    ph_editor_select(&ed, 11, 11);
    for (int i = 0; i < 5; i++) key(XK_BackSpace, 0, "");
    cr_expect_str_eq(text(), "hello ");
    key(XK_z, PH_MOD_CTRL, "");
    cr_expect_str_eq(text(), "hello world", "one undo restores the deleted word");
    ph_editor_select(&ed, 0, 6);
    type("X");
    cr_expect_str_eq(text(), "Xworld");
    key(XK_z, PH_MOD_CTRL, "");
    cr_expect_str_eq(text(), "hello world", "replacing a selection undoes in one step");
    cr_expect_eq(ed.anchor, 0u);
    cr_expect_eq(ed.caret, 6u);
}

Test(editor, selection_with_shift_and_select_all)
{
    set("ab\ncd");
    key(XK_Right, PH_MOD_SHIFT, "");
    key(XK_Down, PH_MOD_SHIFT, "");
    size_t b, e;
    cr_assert(ph_editor_selection(&ed, &b, &e));
    cr_expect_eq(b, 0u);
    cr_expect_eq(e, 4u);
    cr_expect(key(XK_a, PH_MOD_CTRL, "") & PH_ED_PRIMARY, "selection is offered as PRIMARY");
    cr_assert(ph_editor_selection(&ed, &b, &e));
    cr_expect_eq(e - b, 5u);
    cr_expect(key(XK_c, PH_MOD_CTRL, "") & PH_ED_COPY);
    cr_expect(key(XK_v, PH_MOD_CTRL, "") & PH_ED_PASTE);
    ph_editor_paste(&ed, "xyz", 3, clock_ms);
    cr_expect_str_eq(text(), "xyz");
    key(XK_a, PH_MOD_CTRL, "");
    cr_expect(key(XK_x, PH_MOD_CTRL, "") & PH_ED_COPY);
    cr_expect_str_eq(text(), "");
}

Test(editor, up_down_keep_the_column_and_utf8_counts_as_one)
{
    set("héllo\nx\nworld");
    ph_editor_select(&ed, 4, 4); /* after "hél" (é is 2 bytes): column 3 */
    key(XK_Down, 0, "");
    cr_expect_eq(ed.caret, 8u, "clamped to the short line's end");
    key(XK_Down, 0, "");
    cr_expect_eq(ed.caret, 9u + 3, "the goal column comes back");
    key(XK_Up, 0, "");
    key(XK_Up, 0, "");
    cr_expect_eq(ed.caret, 4u, "column 3 of the first line is byte 4");
    ph_editor_select(&ed, 1, 1);
    key(XK_Right, 0, "");
    cr_expect_eq(ed.caret, 3u, "Right steps over the two bytes of é");
    key(XK_BackSpace, 0, "");
    cr_expect_str_eq(text(), "hllo\nx\nworld");
}

Test(editor, auto_indent_tab_and_shift_tab)
{
    set("~a: fast 2 (");
    ph_editor_select(&ed, 12, 12);
    key(XK_Return, 0, "\r");
    cr_expect_str_eq(text(), "~a: fast 2 (\n  ", "indent after an opening bracket");
    type("x");
    key(XK_Return, 0, "\r");
    cr_expect_str_eq(text(), "~a: fast 2 (\n  x\n  ", "the indentation is kept");
    set("a\nb\nc");
    ph_editor_select(&ed, 0, 4);
    key(XK_Tab, 0, "\t");
    cr_expect_str_eq(text(), "  a\n  b\nc", "Tab indents the selected lines");
    key(XK_ISO_Left_Tab, PH_MOD_SHIFT, "");
    cr_expect_str_eq(text(), "a\nb\nc", "Shift+Tab takes it back");
    key(XK_z, PH_MOD_CTRL, "");
    cr_expect_str_eq(text(), "  a\n  b\nc");
    key(XK_z, PH_MOD_CTRL, "");
    cr_expect_str_eq(text(), "a\nb\nc", "a block indent undoes in one step");
    set("ab");
    ph_editor_select(&ed, 1, 1);
    key(XK_Tab, 0, "\t");
    cr_expect_str_eq(text(), "a b", "Tab without a selection pads to the next stop");
}

Test(editor, ctrl_slash_toggles_comments)
{
    set("out: a\n  ~b: c\n");
    ph_editor_select(&ed, 0, 10);
    key(XK_slash, PH_MOD_CTRL, "/");
    cr_expect_str_eq(text(), "-- out: a\n  -- ~b: c\n");
    key(XK_slash, PH_MOD_CTRL, "/");
    cr_expect_str_eq(text(), "out: a\n  ~b: c\n");
}

Test(editor, brackets_close_and_match)
{
    type("s (");
    cr_expect_str_eq(text(), "s ()");
    type("\"bd");
    cr_expect_str_eq(text(), "s (\"bd\")", "quotes close too");
    type("\")");
    cr_expect_str_eq(text(), "s (\"bd\")", "typing the closer steps over it");
    cr_expect_eq(ed.caret, 8u);
    size_t o, c;
    cr_assert(ph_editor_match_bracket(&ed, &o, &c));
    cr_expect_eq(o, 2u);
    cr_expect_eq(c, 7u);
    set("f ()");
    ph_editor_select(&ed, 3, 3);
    key(XK_BackSpace, 0, "");
    cr_expect_str_eq(text(), "f ", "backspace in an empty pair deletes both");
    set("word");
    ph_editor_select(&ed, 4, 4);
    type("(");
    cr_expect_str_eq(text(), "word()", "closes at the end of the text");
    set("word");
    ph_editor_select(&ed, 0, 0);
    type("(");
    cr_expect_str_eq(text(), "(word", "but not in front of a word");
}

Test(editor, find_next_previous_and_escape)
{
    set("bd sn bd hh BD");
    cr_expect(key(XK_f, PH_MOD_CTRL, "") & PH_ED_MOVED);
    cr_expect(ed.find_open);
    type("bd");
    size_t b, e;
    ph_editor_selection(&ed, &b, &e);
    cr_expect_eq(b, 0u);
    key(XK_Return, 0, "\r");
    ph_editor_selection(&ed, &b, &e);
    cr_expect_eq(b, 6u);
    key(XK_F3, 0, "");
    ph_editor_selection(&ed, &b, &e);
    cr_expect_eq(b, 12u, "case-insensitive");
    key(XK_Return, PH_MOD_SHIFT, "\r");
    ph_editor_selection(&ed, &b, &e);
    cr_expect_eq(b, 6u);
    key(XK_Escape, 0, "");
    cr_expect(!ed.find_open);
    cr_expect_str_eq(text(), "bd sn bd hh BD", "typing into find never edits");
    key(XK_Escape, 0, "");
    cr_expect_eq(key(XK_Escape, 0, ""), PH_ED_UNFOCUS, "Escape with nothing open gives keys back");
}

Test(editor, zoom_is_bounded)
{
    cr_expect(key(XK_equal, PH_MOD_CTRL, "") & PH_ED_ZOOM);
    cr_expect_eq(ed.font_size, PH_ED_FONT_DEFAULT + 1);
    for (int i = 0; i < 100; i++) key(XK_minus, PH_MOD_CTRL, "");
    cr_expect_eq(ed.font_size, PH_ED_FONT_MIN);
    key(XK_0, PH_MOD_CTRL, "");
    cr_expect_eq(ed.font_size, PH_ED_FONT_DEFAULT);
}

Test(editor, mouse_clicks_select_word_and_line)
{
    set("out: s \"bd sn\"\nnext");
    ph_editor_click(&ed, 9, 2, false);
    size_t b, e;
    cr_assert(ph_editor_selection(&ed, &b, &e));
    cr_expect_eq(b, 8u);
    cr_expect_eq(e, 10u);
    ph_editor_click(&ed, 9, 3, false);
    ph_editor_selection(&ed, &b, &e);
    cr_expect_eq(b, 0u);
    cr_expect_eq(e, 15u);
    ph_editor_click(&ed, 2, 1, false);
    ph_editor_drag(&ed, 17);
    ph_editor_selection(&ed, &b, &e);
    cr_expect_eq(b, 2u);
    cr_expect_eq(e, 17u);
}

Test(editor, control_characters_and_huge_input_are_harmless)
{
    cr_expect_eq(ph_editor_type(&ed, "\x01\x02", 2, 0), 0u);
    cr_expect_str_eq(text(), "");
    static char big[200000];
    memset(big, 'x', sizeof big - 1);
    ph_editor_paste(&ed, big, sizeof big - 1, 0);
    cr_expect_eq(ed.text.len, sizeof big - 1);
    key(XK_z, PH_MOD_CTRL, "");
    cr_expect_eq(ed.text.len, 0u);
}
