/* The editor UI loaded as a host loads it, driven with real key and button events,
 * checked on the messages it writes and on the pixels it draws. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include "ui_host.h"

#define TEXT_URI "urn:phonon:text"
#define ERROR_URI "urn:phonon:error"
#define DRAFT_URI "urn:phonon:draft"
/* Colours the editor draws without antialiasing (ui/ph_ui_theme.h). */
#define ACTIVE 0xffc828u
#define UNDERLINE 0xf03c3cu

/* The bounding box of pixels of one colour (x0 > x1 when there are none). */
typedef struct box {
    int x0, y0, x1, y1, n;
} box;

static box find_color(uih *h, uint32_t color, int y_max)
{
    int w, hh;
    uint32_t *px = uih_grab(h, &w, &hh);
    cr_assert_not_null(px);
    box b = {w, hh, -1, -1, 0};
    for (int y = 0; y < hh && y < y_max; y++)
        for (int x = 0; x < w; x++)
            if (px[(size_t)y * (size_t)w + (size_t)x] == color) {
                if (x < b.x0) b.x0 = x;
                if (y < b.y0) b.y0 = y;
                if (x > b.x1) b.x1 = x;
                if (y > b.y1) b.y1 = y;
                b.n++;
            }
    free(px);
    return b;
}

static void shot(uih *h, const char *name)
{
    const char *dir = getenv("PHONON_UI_SHOTS");
    if (!dir) return;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    uih_save_png(h, path);
}

static void focus_and_select_all(uih *h)
{
    uih_click(h, 200, 100);
    uih_key(h, "a", ControlMask);
}

Test(ui, opens_asks_for_the_state_and_asks_for_a_size)
{
    uih *h = uih_new(UIH_PARENT);
    cr_assert_not_null(h);
    cr_assert_geq(uih_count(h), 1u);
    cr_expect_eq(uih_msg_at(h, 0)->otype, uih_map("http://lv2plug.in/ns/ext/patch#Get"),
                 "the first message asks the plugin for its text, draft and error");
    cr_expect_eq(uih_msg_at(h, 0)->port, 0u);
    XWindowAttributes a;
    XGetWindowAttributes(uih_display(h), uih_window(h), &a);
    cr_expect_eq(a.map_state, IsViewable, "embedded and mapped");
    uih_free(h, false);
}

Test(ui, typed_text_and_ctrl_enter_send_exactly_that_text)
{
    uih *h = uih_new(UIH_PARENT);
    uih_notify_string(h, TEXT_URI, "out: sine 440 * 0.2\n");
    uih_idle(h, 50);
    focus_and_select_all(h);
    uih_clear(h);
    const char *typed = "~drums: s \"bd*2 [sn cp]\" # gain 0.8\nout: ~drums";
    uih_type(h, typed);
    cr_expect_null(uih_last_set(h, TEXT_URI), "typing alone evaluates nothing");
    uih_key(h, "Return", ControlMask);
    const uih_msg *m = uih_last_set(h, TEXT_URI);
    cr_assert_not_null(m, "Ctrl+Enter sends patch:Set ph:text");
    cr_expect_eq(m->port, 0u);
    /* auto-close inserted the closers and typing stepped over them: the text is as typed */
    cr_expect_str_eq(m->value, typed);
    shot(h, "typed");
    uih_free(h, false);
}

Test(ui, synthetic_keys_as_suil_forwards_them_work_too)
{
    uih *h = uih_new(UIH_PARENT);
    uih_notify_string(h, TEXT_URI, "out: x");
    uih_idle(h, 50);
    uih_send_key(h, "End", ControlMask);
    uih_send_key(h, "y", 0);
    uih_send_key(h, "Return", ControlMask);
    const uih_msg *m = uih_last_set(h, TEXT_URI);
    cr_assert_not_null(m);
    cr_expect_str_eq(m->value, "out: xy");
    uih_free(h, false);
}

Test(ui, hush_sends_its_message)
{
    uih *h = uih_new(UIH_PARENT);
    uih_click(h, 200, 100);
    uih_key(h, "period", ControlMask);
    cr_expect_not_null(uih_last_set(h, "urn:phonon:hush"));
    uih_free(h, false);
}

Test(ui, error_is_underlined_at_its_line_and_column)
{
    uih *h = uih_new(UIH_PARENT);
    uih_notify_string(h, TEXT_URI, "-- a comment line\nout: sine 440 # lfp 800 0.7\n~x: saw 55\n~y: saw 55\n");
    uih_idle(h, 50);
    cr_expect_eq(find_color(h, UNDERLINE, 10000).n, 0, "no error, no underline");
    uih_notify_string(h, ERROR_URI, "2:17: unknown name 'lfp' (did you mean 'lpf'?)");
    uih_idle(h, 50);
    const box b2 = find_color(h, UNDERLINE, 10000);
    cr_assert_gt(b2.n, 0, "the error is underlined");
    shot(h, "error");
    uih_notify_string(h, ERROR_URI, "3:1: something on line three");
    uih_idle(h, 50);
    const box b3 = find_color(h, UNDERLINE, 10000);
    uih_notify_string(h, ERROR_URI, "4:1: and four");
    uih_idle(h, 50);
    const box b4 = find_color(h, UNDERLINE, 10000);
    const int line_h = b4.y0 - b3.y0;
    cr_expect_gt(line_h, 8, "one line further down");
    cr_expect_eq(b3.y0 - b2.y0, line_h, "line 2 is one line above line 3");
    cr_expect_gt(b2.x0, b3.x0 + 10, "column 17 is right of column 1");
    /* 'lfp' is three characters; column 1 of '~x:' underlines the word '~' -> one char */
    cr_expect_gt(b2.x1 - b2.x0, b3.x1 - b3.x0, "the whole word 'lfp' is underlined");
    uih_notify_string(h, ERROR_URI, "");
    uih_idle(h, 50);
    cr_expect_eq(find_color(h, UNDERLINE, 10000).n, 0, "a good compile clears it");
    uih_free(h, false);
}

Test(ui, sounding_atoms_are_outlined_in_time)
{
    uih *h = uih_new(UIH_PARENT);
    uih_notify_string(h, TEXT_URI, "out: s \"bd sn\"\n");
    uih_notify_status(h, 0.25, 0.0, false, 0.0f);
    uih_idle(h, 50);
    cr_expect_eq(find_color(h, ACTIVE, 300).n, 0, "stopped: nothing sounds");
    /* rolling, cps 0 keeps the playhead where the report put it */
    uih_notify_status(h, 0.25, 0.0, true, 0.5f);
    uih_idle(h, 50);
    const box bd = find_color(h, ACTIVE, 300);
    cr_assert_gt(bd.n, 0, "bd is outlined in the first half of the cycle");
    shot(h, "playing");
    uih_notify_status(h, 0.75, 0.0, true, 0.5f);
    uih_idle(h, 50);
    const box sn = find_color(h, ACTIVE, 300);
    cr_assert_gt(sn.n, 0);
    cr_expect_gt(sn.x0, bd.x1, "sn (right of bd) in the second half");
    cr_expect_eq(sn.y0, bd.y0, "same line");
    /* Text typed before the string moves the outline with it. */
    uih_click(h, 5 + 60, bd.y0 + 5);
    uih_key(h, "Home", 0);
    uih_type(h, "  ");
    uih_idle(h, 30);
    const box moved = find_color(h, ACTIVE, 300);
    cr_assert_gt(moved.n, 0);
    cr_expect_gt(moved.x0, sn.x0, "the span followed the edit");
    uih_free(h, false);
}

Test(ui, draft_survives_closing_the_window)
{
    uih *h = uih_new(UIH_PARENT);
    uih_notify_string(h, TEXT_URI, "out: a\n");
    uih_idle(h, 50);
    uih_click(h, 200, 100);
    uih_key(h, "End", ControlMask);
    uih_type(h, "out: b");
    uih_idle(h, 600); /* drafts go out 400 ms after the last key */
    const uih_msg *d = uih_last_set(h, DRAFT_URI);
    cr_assert_not_null(d, "the unevaluated text is sent as the draft");
    cr_expect_str_eq(d->value, "out: a\nout: b");
    uih_free(h, false);

    /* A new window (Ardour re-creates the UI) gets text and draft back from the plugin. */
    uih *g = uih_new(UIH_PARENT);
    uih_notify_string(g, TEXT_URI, "out: a\n");
    uih_notify_string(g, DRAFT_URI, "out: a\nout: b");
    uih_idle(g, 50);
    uih_click(g, 200, 100);
    uih_key(g, "Return", ControlMask);
    const uih_msg *m = uih_last_set(g, TEXT_URI);
    cr_assert_not_null(m);
    cr_expect_str_eq(m->value, "out: a\nout: b", "the draft is what the editor shows");
    uih_free(g, false);
}

Test(ui, clipboard_copy_and_paste_in_utf8)
{
    uih *h = uih_new(UIH_PARENT);
    uih_notify_string(h, TEXT_URI, "out: s \"bd\" -- caf\xc3\xa9\n");
    uih_idle(h, 50);
    focus_and_select_all(h);
    uih_key(h, "c", ControlMask);
    uih_idle(h, 50);
    /* xclip asks the UI, which answers from idle(): read in the background meanwhile */
    char out[] = "/tmp/phonon-clip-XXXXXX";
    const int fd = mkstemp(out);
    cr_assert_geq(fd, 0);
    close(fd);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "timeout 5 xclip -o -selection clipboard > %s 2>&1 &", out);
    cr_assert_eq(system(cmd), 0);
    uih_idle(h, 500);
    FILE *f = fopen(out, "rb");
    cr_assert_not_null(f);
    char buf[256] = "";
    const size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    cr_expect_str_eq(buf, "out: s \"bd\" -- caf\xc3\xa9\n", "CLIPBOARD holds the selection as UTF-8");
    /* and back: another client owns CLIPBOARD, Ctrl+V pastes its text */
    snprintf(cmd, sizeof cmd, "printf 'out: s \"h\xc3\xa9\"' | timeout 10 xclip -i -selection clipboard -loops 1 &");
    cr_assert_eq(system(cmd), 0);
    uih_idle(h, 300);
    uih_key(h, "a", ControlMask);
    uih_key(h, "v", ControlMask);
    uih_idle(h, 300);
    uih_key(h, "Return", ControlMask);
    const uih_msg *m = uih_last_set(h, TEXT_URI);
    cr_assert_not_null(m);
    cr_expect_str_eq(m->value, "out: s \"h\xc3\xa9\"", "pasted from another client");
    remove(out);
    uih_free(h, false);
}

Test(ui, fifty_create_destroy_cycles_and_two_at_once)
{
    for (int i = 0; i < 50; i++) {
        uih *h = uih_new(i % 3 == 0 ? UIH_PARENT : i % 3 == 1 ? UIH_NULL_PARENT : UIH_NO_PARENT);
        cr_assert_not_null(h, "cycle %d", i);
        if (i % 3) cr_expect(uih_show(h, true));
        uih_notify_string(h, TEXT_URI, "out: s \"bd sn\"");
        uih_notify_status(h, 0.1 * i, 0.5, true, 0.3f);
        uih_idle(h, 10);
        if (i % 3) uih_show(h, false);
        /* every other one the suil way: the parent is destroyed before cleanup */
        uih_free(h, i % 2 == 0);
    }
    uih *a = uih_new(UIH_PARENT), *b = uih_new(UIH_PARENT);
    uih_notify_string(a, TEXT_URI, "out: a");
    uih_notify_string(b, TEXT_URI, "out: b");
    uih_idle(a, 20);
    uih_idle(b, 20);
    uih_send_key(a, "Return", ControlMask);
    uih_send_key(b, "Return", ControlMask);
    cr_expect_str_eq(uih_last_set(a, TEXT_URI)->value, "out: a");
    cr_expect_str_eq(uih_last_set(b, TEXT_URI)->value, "out: b");
    uih_free(a, false);
    uih_free(b, true);
}

Test(ui, hostile_notifications_are_ignored)
{
    uih *h = uih_new(UIH_PARENT);
    uih_notify_string(h, TEXT_URI, "out: \xff\xfe invalid utf-8 \"bd");
    uih_notify_string(h, ERROR_URI, "99999:99999: far away");
    uih_notify_string(h, ERROR_URI, "-1:-5: negative");
    uih_notify_string(h, ERROR_URI, "no position at all");
    uih_notify_status(h, 1e300, 1e300, true, 1e30f);
    uih_notify_status(h, -5, -1, true, -1.0f);
    uih_notify_string(h, "urn:phonon:unknown", "x");
    uih_idle(h, 60);
    uih_send_key(h, "Return", ControlMask);
    cr_assert_not_null(uih_last_set(h, TEXT_URI));
    uih_free(h, false);
}

Test(ui, asks_for_a_size_publishes_size_hints_and_follows_the_host)
{
    uih *h = uih_new(UIH_PARENT);
    int w = 0, hh = 0;
    uih_resized(h, &w, &hh);
    cr_expect(w >= 360 && hh >= 220, "ui:resize asked for %dx%d", w, hh);
    XSizeHints hints;
    long supplied = 0;
    cr_assert(XGetWMNormalHints(uih_display(h), uih_window(h), &hints, &supplied));
    cr_expect(hints.flags & PMinSize);
    cr_expect_eq(hints.min_width, 360);
    cr_expect_eq(hints.min_height, 220);
    /* The host resizes the window (suil and Carla do): the editor redraws to the new size,
     * its status line at the new bottom. */
    XResizeWindow(uih_display(h), uih_window(h), 500, 300);
    XSync(uih_display(h), False);
    uih_notify_string(h, ERROR_URI, "1:1: at the bottom too");
    uih_idle(h, 80);
    int gw, gh;
    uint32_t *px = uih_grab(h, &gw, &gh);
    cr_assert_not_null(px);
    cr_expect_eq(gw, 500);
    cr_expect_eq(gh, 300);
    int status_text = 0; /* the error is repeated in the status line, in this colour */
    for (int y = gh - 20; y < gh; y++)
        for (int x = 0; x < gw; x++) status_text += px[y * gw + x] == 0xff8a80u;
    cr_expect_gt(status_text, 0, "the status line is drawn at the new bottom");
    free(px);
    uih_free(h, false);
}

Test(ui, font_zoom_persists_for_the_next_window)
{
    const char *cfg = getenv("XDG_CONFIG_HOME");
    cr_assert_not_null(cfg, "tests/ui/run sets XDG_CONFIG_HOME");
    char path[4096];
    snprintf(path, sizeof path, "%s/phonon/editor.conf", cfg);
    uih *h = uih_new(UIH_PARENT);
    uih_notify_string(h, TEXT_URI, "out: a\nout: b\n");
    uih_notify_string(h, ERROR_URI, "2:1: x");
    uih_idle(h, 50);
    const box small = find_color(h, UNDERLINE, 10000);
    uih_click(h, 200, 100);
    for (int i = 0; i < 4; i++) uih_key(h, "equal", ControlMask);
    uih_free(h, false);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s written", path);
    char buf[256] = "";
    const size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    cr_expect(strstr(buf, "font_size = 16"), "%s", buf);
    /* a new window opens with the bigger font: line 2 is further down */
    uih *g = uih_new(UIH_PARENT);
    uih_notify_string(g, TEXT_URI, "out: a\nout: b\n");
    uih_notify_string(g, ERROR_URI, "2:1: x");
    uih_idle(g, 50);
    const box big = find_color(g, UNDERLINE, 10000);
    cr_expect_gt(big.y0, small.y0 + 4);
    uih_click(g, 200, 100);
    uih_key(g, "0", ControlMask); /* back to the default for the other tests */
    uih_free(g, false);
}

Test(ui, host_scale_factor_scales_the_text)
{
    box b[2];
    const float scales[2] = {0.0f, 2.0f};
    for (int i = 0; i < 2; i++) {
        uih_next_scale(scales[i]);
        uih *h = uih_new(UIH_PARENT);
        uih_notify_string(h, TEXT_URI, "out: a\nout: b\nout: c\n");
        uih_notify_string(h, ERROR_URI, "3:1: x");
        uih_idle(h, 50);
        b[i] = find_color(h, UNDERLINE, 10000);
        uih_free(h, false);
    }
    uih_next_scale(0);
    cr_assert_gt(b[0].n, 0);
    cr_assert_gt(b[1].n, 0);
    /* line 3 starts two lines down: twice as far with ui:scaleFactor 2 */
    const double ratio = (double)b[1].y0 / (double)b[0].y0;
    cr_expect(ratio > 1.7 && ratio < 2.3, "y %d -> %d", b[0].y0, b[1].y0);
}
