/* Spans of the playing program followed through edits, and error positions. */
#include <criterion/criterion.h>
#include <string.h>

#include <X11/keysym.h>

#include "ph_editor.h"

static const ph_ed_span *find(ph_editor *e, uint32_t b, uint32_t end)
{
    return ph_ed_spans_find(&e->spans, b, end);
}

static void sub(const ph_editor *e, const ph_ed_span *s, char *out)
{
    memcpy(out, e->text.s + s->begin, s->end - s->begin);
    out[s->end - s->begin] = '\0';
}

Test(spans, follow_insertions_and_deletions)
{
    ph_editor e;
    ph_editor_init(&e);
    const char *t = "s \"bd sn\" # gain 0.8";
    ph_editor_set_text(&e, t, strlen(t));
    ph_editor_spans_add(&e, 3, 5); /* bd */
    ph_editor_spans_add(&e, 6, 8); /* sn */
    ph_editor_spans_promote(&e);
    e.auto_close = false;
    /* type before the string */
    ph_editor_select(&e, 0, 0);
    ph_editor_type(&e, "~d: ", 4, 0);
    char buf[64];
    sub(&e, find(&e, 3, 5), buf);
    cr_expect_str_eq(buf, "bd");
    sub(&e, find(&e, 6, 8), buf);
    cr_expect_str_eq(buf, "sn");
    /* type inside an atom: it grows; right after it: it does not */
    ph_editor_select(&e, 8, 8); /* between b and d */
    ph_editor_type(&e, "x", 1, 0);
    sub(&e, find(&e, 3, 5), buf);
    cr_expect_str_eq(buf, "bxd");
    ph_editor_select(&e, 13, 13); /* after sn */
    ph_editor_type(&e, "*2", 2, 0);
    sub(&e, find(&e, 6, 8), buf);
    cr_expect_str_eq(buf, "sn");
    /* delete an atom entirely: dead */
    ph_editor_select(&e, 7, 10);
    ph_editor_command(&e, PH_CMD_BACKSPACE, false, 0);
    cr_expect_null(find(&e, 3, 5));
    sub(&e, find(&e, 6, 8), buf);
    cr_expect_str_eq(buf, "sn");
    /* undo brings the text back and the span follows it again */
    ph_editor_command(&e, PH_CMD_UNDO, false, 0);
    cr_expect_str_eq(e.text.s, "~d: s \"bxd sn*2\" # gain 0.8");
    cr_expect_null(find(&e, 3, 5), "a dead span stays dead (its id is gone from the screen)");
    cr_expect_null(find(&e, 99, 100));
    ph_editor_free(&e);
}

Test(spans, error_line_column_follows_lines_added_above)
{
    ph_editor e;
    ph_editor_init(&e);
    const char *t = "out: a\nout: sine 440 # lfp 8\n";
    ph_editor_set_text(&e, t, strlen(t));
    ph_editor_mark_lines(&e);
    /* the user adds two lines at the top before the error arrives */
    ph_editor_select(&e, 0, 0);
    ph_editor_type(&e, "-- x\n-- y\n", 10, 0);
    const size_t p = ph_editor_marked_position(&e, 2, 17); /* "lfp" in the sent text */
    cr_expect_eq(strncmp(e.text.s + p, "lfp", 3), 0, "at '%s'", e.text.s + p);
    cr_expect_eq(ph_editor_marked_position(&e, 99, 1), e.text.len, "past the end is clamped");
    ph_editor_free(&e);
}

Test(spans, a_failed_evaluation_keeps_the_playing_spans)
{
    ph_editor e;
    ph_editor_init(&e);
    const char *t = "s \"bd\"";
    ph_editor_set_text(&e, t, strlen(t));
    ph_editor_spans_add(&e, 3, 5);
    ph_editor_spans_promote(&e);
    /* evaluate a new text: its atoms wait in `pending` */
    ph_editor_select(&e, 0, 0);
    ph_editor_type(&e, "x ", 2, 0);
    ph_editor_spans_reset(&e);
    ph_editor_spans_add(&e, 5, 7);
    /* it fails: the old span still finds bd where it is now */
    const ph_ed_span *s = ph_ed_spans_find(&e.spans, 3, 5);
    cr_assert_not_null(s);
    cr_expect_eq(s->begin, 5u);
    cr_expect_null(ph_ed_spans_find(&e.spans, 5, 7), "the new text's ids are not playing yet");
    /* it plays: promoted */
    ph_editor_spans_promote(&e);
    cr_expect_not_null(ph_ed_spans_find(&e.spans, 5, 7));
    ph_editor_free(&e);
}
