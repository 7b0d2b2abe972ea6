/* Drawing the code area: gutter with line numbers, coloured text, selection, caret,
 * matching bracket, find bar, the error at its line:column, the outlines of the atoms
 * that sound now and the flash of an evaluation. Text is laid out one line at a time
 * with pango (UTF-8, font fallback); positions come from pango, never from counting
 * characters, so tabs and wide characters stay right. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ph_ui_theme.h"
#include "ph_ui_view_impl.h"

#define PH_UI_STRIP_H 86.0
#define PH_UI_STATUS_H 20.0
#define PH_UI_FIND_H 24.0
#define PH_UI_PAD 6.0

/* A copy of text[b, e) that pango accepts: invalid UTF-8 bytes become '?' one for one,
 * so byte offsets in the copy are those of the text. */
char *ph_ui_display_copy(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d) return NULL;
    size_t i = 0;
    while (i < n) {
        const unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool ok = k > 0 && i + k <= n && c != 0;
        for (size_t j = 1; ok && j < k; j++) ok = ((unsigned char)s[i + j] & 0xC0) == 0x80;
        if (ok && k == 2 && c < 0xC2) ok = false; /* overlong */
        if (ok && k == 3) {
            const unsigned cp = ((c & 0x0Fu) << 12) | (((unsigned char)s[i + 1] & 0x3Fu) << 6) |
                                ((unsigned char)s[i + 2] & 0x3Fu);
            ok = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
        }
        if (ok && k == 4) {
            const unsigned cp = ((c & 0x07u) << 18) | (((unsigned char)s[i + 1] & 0x3Fu) << 12);
            ok = cp >= 0x10000 && cp <= 0x10FFFF;
        }
        if (ok) {
            memcpy(d + i, s + i, k);
            i += k;
        } else {
            d[i++] = '?';
        }
    }
    d[n] = '\0';
    return d;
}

static PangoFontDescription *mono_font(double px)
{
    PangoFontDescription *f = pango_font_description_from_string("DejaVu Sans Mono, Monospace");
    pango_font_description_set_absolute_size(f, px * PANGO_SCALE);
    return f;
}

void ph_ui_layout_update(ph_ui_view *v, cairo_t *cr)
{
    (void)cr;
    ph_ui_layout *L = &v->lay;
    if (!v->pctx) v->pctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
    if (v->metrics_stale) {
        L->scale = v->scale_override > 0 ? v->scale_override : ph_win_dpi_scale(v->win);
        if (v->font) pango_font_description_free(v->font);
        if (v->ui_font) pango_font_description_free(v->ui_font);
        v->font = mono_font(v->ed.font_size * 4.0 / 3.0 * L->scale);
        v->ui_font = mono_font(10.0 * 4.0 / 3.0 * L->scale);
        PangoFontMetrics *m = pango_context_get_metrics(v->pctx, v->font, NULL);
        L->ascent = pango_font_metrics_get_ascent(m) / (double)PANGO_SCALE;
        L->line_h = ceil((pango_font_metrics_get_ascent(m) + pango_font_metrics_get_descent(m)) /
                         (double)PANGO_SCALE * 1.15);
        L->char_w = pango_font_metrics_get_approximate_digit_width(m) / (double)PANGO_SCALE;
        pango_font_metrics_unref(m);
        if (L->line_h < 4) L->line_h = 4;
        v->metrics_stale = false;
    }
    int w, h;
    ph_win_size(v->win, &w, &h);
    const double s = L->scale;
    char digits[32];
    const int nd = snprintf(digits, sizeof digits, "%zu", v->ed.text.n_lines);
    L->gutter_w = (nd < 3 ? 3 : nd) * L->char_w + 2 * PH_UI_PAD * s;
    L->status_h = PH_UI_STATUS_H * s;
    L->strip_h = PH_UI_STRIP_H * s;
    if (h < 300 * s) L->strip_h = PH_UI_STRIP_H * s * 0.6;
    L->find_h = v->ed.find_open ? PH_UI_FIND_H * s : 0;
    L->status_y = h - L->status_h;
    L->strip_y = L->status_y - L->strip_h;
    L->find_y = L->strip_y - L->find_h;
    L->code_x = L->gutter_w;
    L->code_y = 0;
    L->code_w = w - L->gutter_w;
    L->code_h = L->find_y > 0 ? L->find_y : 0;
    size_t visible = (size_t)(L->code_h / L->line_h);
    v->ed.page_lines = visible > 2 ? visible - 1 : 1;

    if (v->want_caret_visible) {
        const size_t cl = ph_ed_text_line_of(&v->ed.text, v->ed.caret);
        if (cl < v->scroll_line) v->scroll_line = cl;
        else if (visible && cl >= v->scroll_line + visible) v->scroll_line = cl - visible + 1;
    }
    if (v->scroll_line >= v->ed.text.n_lines) v->scroll_line = v->ed.text.n_lines - 1;
}

/* A layout of one line (text from its start to its end, without the newline), coloured. */
static PangoLayout *line_layout(ph_ui_view *v, size_t line, size_t *start, size_t *end)
{
    const ph_ed_text *t = &v->ed.text;
    *start = ph_ed_text_line_start(t, line);
    *end = ph_ed_text_line_end(t, line);
    PangoLayout *lay = pango_layout_new(v->pctx);
    pango_layout_set_font_description(lay, v->font);
    char *text = ph_ui_display_copy(t->s + *start, *end - *start);
    pango_layout_set_text(lay, text ? text : "", text ? (int)(*end - *start) : 0);
    free(text);
    if (v->tokens.n) {
        PangoAttrList *attrs = pango_attr_list_new();
        /* first token that ends after the line start */
        size_t lo = 0, hi = v->tokens.n;
        while (lo < hi) {
            const size_t mid = (lo + hi) / 2;
            if (v->tokens.v[mid].end <= *start) lo = mid + 1;
            else hi = mid;
        }
        for (size_t i = lo; i < v->tokens.n && v->tokens.v[i].begin < *end; i++) {
            const ph_ed_token *k = &v->tokens.v[i];
            const ph_rgb c = ph_ui_syntax_color(k->cls);
            PangoAttribute *a = pango_attr_foreground_new(c.r * 257, c.g * 257, c.b * 257);
            a->start_index = (guint)((k->begin > *start ? k->begin : *start) - *start);
            a->end_index = (guint)((k->end < *end ? k->end : *end) - *start);
            pango_attr_list_insert(attrs, a);
        }
        pango_layout_set_attributes(lay, attrs);
        pango_attr_list_unref(attrs);
    }
    return lay;
}

static double index_x(PangoLayout *lay, size_t idx)
{
    PangoRectangle r;
    pango_layout_index_to_pos(lay, (int)idx, &r);
    return r.x / (double)PANGO_SCALE;
}

size_t ph_ui_hit(ph_ui_view *v, double x, double y)
{
    const ph_ui_layout *L = &v->lay;
    if (!v->pctx || !v->font) return v->ed.caret;
    double row = floor((y - L->code_y) / L->line_h);
    if (row < 0) row = 0;
    size_t line = v->scroll_line + (size_t)row;
    if (line >= v->ed.text.n_lines) return v->ed.text.len;
    size_t start, end;
    PangoLayout *lay = line_layout(v, line, &start, &end);
    int index = 0, trailing = 0;
    const double tx = x - L->code_x - PH_UI_PAD * L->scale + v->scroll_x;
    pango_layout_xy_to_index(lay, (int)(tx * PANGO_SCALE), 0, &index, &trailing);
    g_object_unref(lay);
    size_t pos = start + (size_t)(index > 0 ? index : 0);
    while (trailing-- > 0 && pos < end) pos = ph_ed_text_next_char(&v->ed.text, pos);
    return pos > end ? end : pos;
}

/* Draws one line of UI text; x < 0 aligns its right end -x from the window's right. */
static void text_at(ph_ui_view *v, cairo_t *cr, double x, double y, const char *s, ph_rgb c)
{
    PangoLayout *lay = pango_layout_new(v->pctx);
    pango_layout_set_font_description(lay, v->ui_font);
    pango_layout_set_text(lay, s, -1);
    if (x < 0) {
        int tw, th, w, h;
        pango_layout_get_pixel_size(lay, &tw, &th);
        ph_win_size(v->win, &w, &h);
        x = w + x - tw;
    }
    ph_ui_rgb(cr, c);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, lay);
    g_object_unref(lay);
}

/* Spans of the atoms that sound at cycle c: the events whose whole holds c, each
 * outlined once (Strudel outlines the atoms of active haps the same way). */
static void draw_active(ph_ui_view *v, cairo_t *cr, double c, size_t line, size_t start,
                        size_t end, PangoLayout *lay, double x0, double y0)
{
    const ph_ui_events *E = &v->events;
    const ph_ui_layout *L = &v->lay;
    cairo_save(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    cairo_set_line_width(cr, 2.0);
    ph_ui_rgb(cr, PH_UI_ACTIVE);
    (void)line;
    for (size_t i = 0; i < E->n; i++) {
        const ph_ui_ev *e = &E->ev[i];
        if (!e->has_whole || !(e->begin <= c && c < e->end)) continue;
        for (uint32_t k = 0; k < e->n_locs; k++) {
            const ph_ui_loc *l = &E->locs[e->loc0 + k];
            const ph_ed_span *sp = ph_ed_spans_find(&v->ed.spans, l->begin, l->end);
            if (!sp || sp->end <= sp->begin || sp->begin < start || sp->end > end) continue;
            const double xa = floor(x0 + index_x(lay, sp->begin - start)) - 1;
            const double xb = ceil(x0 + index_x(lay, sp->end - start)) + 1;
            cairo_rectangle(cr, xa + 1, floor(y0) + 1, xb - xa - 2, L->line_h - 2);
            cairo_stroke(cr);
        }
    }
    cairo_restore(cr);
}

static void draw_error(ph_ui_view *v, cairo_t *cr, size_t start, size_t end, PangoLayout *lay,
                       double x0, double y0)
{
    const ph_ui_layout *L = &v->lay;
    const size_t p = v->err_pos;
    if (p < start || p > end) return;
    /* Underline from the column to the end of its word (at least one character). */
    size_t q = p;
    while (q < end && ph_ed_is_word_byte((unsigned char)v->ed.text.s[q])) q++;
    if (q == p) q = q < end ? ph_ed_text_next_char(&v->ed.text, q) : q;
    double xa = floor(x0 + index_x(lay, p - start));
    double xb = q > p ? ceil(x0 + index_x(lay, q - start)) : xa + L->char_w;
    if (xb - xa < L->char_w) xb = xa + L->char_w;
    cairo_save(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    ph_ui_rgb(cr, v->error_is_warning ? PH_UI_WARNING : PH_UI_ERROR);
    const double yb = floor(y0 + L->line_h) - 3;
    cairo_rectangle(cr, xa, yb, xb - xa, 2);
    cairo_fill(cr);
    cairo_restore(cr);
    /* The message beside the line's end. */
    PangoRectangle ink, logical;
    pango_layout_get_pixel_extents(lay, &ink, &logical);
    PangoLayout *m = pango_layout_new(v->pctx);
    pango_layout_set_font_description(m, v->font);
    char buf[PH_UI_ERROR_MAX + 8];
    snprintf(buf, sizeof buf, "  \u25c2 %s", v->err_msg ? v->err_msg : v->error);
    char *clean = ph_ui_display_copy(buf, strlen(buf));
    pango_layout_set_text(m, clean ? clean : "", -1);
    free(clean);
    /* Beside the line when it fits, else just below it, right-aligned over the text. */
    int mw, mh;
    pango_layout_get_pixel_size(m, &mw, &mh);
    double mx = x0 + logical.width, my = y0;
    const double right = L->code_x + L->code_w - PH_UI_PAD * v->lay.scale;
    if (mx + mw > right) {
        mx = right - mw > L->code_x ? right - mw : L->code_x;
        my = y0 + L->line_h;
        ph_ui_rgba(cr, PH_UI_BG, 0.92);
        cairo_rectangle(cr, mx, my, mw, L->line_h);
        cairo_fill(cr);
    }
    ph_ui_rgb(cr, v->error_is_warning ? PH_UI_WARNING_TEXT : PH_UI_ERROR_TEXT);
    cairo_move_to(cr, mx, my);
    pango_cairo_show_layout(cr, m);
    g_object_unref(m);
}

/* Scrolls sideways so that the caret stays inside the code area. */
static void caret_into_view(ph_ui_view *v)
{
    const ph_ui_layout *L = &v->lay;
    size_t start, end;
    PangoLayout *lay = line_layout(v, ph_ed_text_line_of(&v->ed.text, v->ed.caret), &start, &end);
    const double cx = index_x(lay, v->ed.caret - start);
    g_object_unref(lay);
    const double margin = 4 * L->char_w, room = L->code_w - 2 * PH_UI_PAD * L->scale;
    if (cx - v->scroll_x > room - margin) v->scroll_x = cx - room + margin;
    if (cx - v->scroll_x < margin) v->scroll_x = cx > margin ? cx - margin : 0;
}

static void draw_code(ph_ui_view *v, cairo_t *cr)
{
    const ph_ui_layout *L = &v->lay;
    const ph_editor *ed = &v->ed;
    const double s = L->scale;
    size_t sb, se;
    const bool sel = ph_editor_selection(ed, &sb, &se);
    size_t bo = 0, bc = 0;
    const bool bm = ph_editor_match_bracket(ed, &bo, &bc);
    const size_t caret_line = ph_ed_text_line_of(&ed->text, ed->caret);
    const double cycle = ph_ui_cycle_now(v);
    const bool show_active = v->spans_valid && v->status_seen && v->rolling && !v->hushed;
    if (show_active) ph_ui_events_update(&v->events, v->src, cycle);

    cairo_save(cr);
    cairo_rectangle(cr, 0, L->code_y, L->gutter_w + L->code_w, L->code_h);
    cairo_clip(cr);
    ph_ui_rgb(cr, PH_UI_GUTTER_BG);
    cairo_rectangle(cr, 0, L->code_y, L->gutter_w, L->code_h);
    cairo_fill(cr);

    const double x0 = L->code_x + PH_UI_PAD * s - v->scroll_x;
    size_t err_drawn_line = (size_t)-1;
    double err_y = 0;
    for (size_t line = v->scroll_line; line < ed->text.n_lines; line++) {
        const double y = L->code_y + (double)(line - v->scroll_line) * L->line_h;
        if (y > L->code_y + L->code_h) break;
        size_t start, end;
        PangoLayout *lay = line_layout(v, line, &start, &end);
        if (line == caret_line && !sel) {
            ph_ui_rgb(cr, PH_UI_CURRENT_LINE);
            cairo_rectangle(cr, L->code_x, y, L->code_w, L->line_h);
            cairo_fill(cr);
        }
        if (sel && se >= start && sb <= end) { /* selection on this line */
            const size_t a = sb > start ? sb : start, b = se < end ? se : end;
            double xa = x0 + index_x(lay, a - start), xb = x0 + index_x(lay, b - start);
            if (se > end) xb += L->char_w * 0.5; /* the newline is selected */
            ph_ui_rgb(cr, PH_UI_SELECTION);
            cairo_rectangle(cr, xa, y, xb - xa, L->line_h);
            cairo_fill(cr);
        }
        if (bm) {
            for (int k = 0; k < 2; k++) {
                const size_t p = k ? bc : bo;
                if (p < start || p >= end) continue;
                const double xa = x0 + index_x(lay, p - start), xb = x0 + index_x(lay, p + 1 - start);
                ph_ui_rgb(cr, PH_UI_BRACKET_MATCH);
                cairo_rectangle(cr, xa, y, xb - xa, L->line_h);
                cairo_fill(cr);
            }
        }
        /* line number */
        char num[32];
        snprintf(num, sizeof num, "%zu", line + 1);
        PangoLayout *nl = pango_layout_new(v->pctx);
        pango_layout_set_font_description(nl, v->font);
        pango_layout_set_text(nl, num, -1);
        int nw, nh;
        pango_layout_get_pixel_size(nl, &nw, &nh);
        const bool err_line = v->has_error && v->err_line > 0 &&
                              ph_ed_text_line_of(&ed->text, v->err_pos) == line;
        ph_ui_rgb(cr, err_line ? (v->error_is_warning ? PH_UI_WARNING_TEXT : PH_UI_ERROR_TEXT)
                               : line == caret_line ? PH_UI_CARET : PH_UI_GUTTER_FG);
        cairo_move_to(cr, L->gutter_w - PH_UI_PAD * s - nw, y + (L->line_h - nh) / 2);
        pango_cairo_show_layout(cr, nl);
        g_object_unref(nl);

        cairo_save(cr);
        cairo_rectangle(cr, L->code_x, L->code_y, L->code_w, L->code_h);
        cairo_clip(cr);
        int lw, lh;
        pango_layout_get_pixel_size(lay, &lw, &lh);
        const double ty = y + (L->line_h - lh) / 2;
        ph_ui_rgb(cr, ph_ui_syntax_color(PH_SYN_PLAIN));
        cairo_move_to(cr, x0, ty);
        pango_cairo_show_layout(cr, lay);
        if (show_active) draw_active(v, cr, cycle, line, start, end, lay, x0, y);
        if (err_line) {
            err_drawn_line = line; /* drawn over the lines, after the loop */
            err_y = y;
        }
        if (line == caret_line) {
            const double cx = floor(x0 + index_x(lay, ed->caret - start));
            ph_ui_rgba(cr, PH_UI_CARET, ph_win_has_focus(v->win) ? 1.0 : 0.45);
            cairo_rectangle(cr, cx, y + 1, 2 * s, L->line_h - 2);
            cairo_fill(cr);
        }
        cairo_restore(cr);
        g_object_unref(lay);
    }
    if (err_drawn_line != (size_t)-1) {
        size_t start, end;
        PangoLayout *lay = line_layout(v, err_drawn_line, &start, &end);
        cairo_save(cr);
        cairo_rectangle(cr, L->code_x, L->code_y, L->code_w, L->code_h);
        cairo_clip(cr);
        draw_error(v, cr, start, end, lay, x0, err_y);
        cairo_restore(cr);
        g_object_unref(lay);
    }
    /* The flash of an evaluation: the whole code area, fading. */
    if (v->now_ms < v->flash_until) {
        const double a = 0.35 * (v->flash_until - v->now_ms) / PH_UI_FLASH_MS;
        cairo_set_source_rgba(cr, 1, 1, 1, a);
        cairo_rectangle(cr, L->code_x, L->code_y, L->code_w, L->code_h);
        cairo_fill(cr);
    }
    cairo_restore(cr);
}

static void draw_find(ph_ui_view *v, cairo_t *cr)
{
    const ph_ui_layout *L = &v->lay;
    if (!L->find_h) return;
    int w, h;
    ph_win_size(v->win, &w, &h);
    ph_ui_rgb(cr, PH_UI_GUTTER_BG);
    cairo_rectangle(cr, 0, L->find_y, w, L->find_h);
    cairo_fill(cr);
    char buf[PH_ED_FIND_MAX + 96];
    snprintf(buf, sizeof buf, "Find: %s_%s    (Enter next, Shift+Enter previous, Esc close)",
             v->ed.find, v->ed.find_failed ? "  not found" : "");
    char *clean = ph_ui_display_copy(buf, strlen(buf));
    text_at(v, cr, PH_UI_PAD * L->scale, L->find_y + 4 * L->scale, clean ? clean : "",
            v->ed.find_failed ? PH_UI_ERROR_TEXT : PH_UI_STATUS_FG);
    free(clean);
}

static void draw_status(ph_ui_view *v, cairo_t *cr)
{
    const ph_ui_layout *L = &v->lay;
    int w, h;
    ph_win_size(v->win, &w, &h);
    ph_ui_rgb(cr, PH_UI_GUTTER_BG);
    cairo_rectangle(cr, 0, L->status_y, w, L->status_h);
    cairo_fill(cr);
    if (!v->has_error)
        text_at(v, cr, -PH_UI_PAD * L->scale, L->status_y + 3 * L->scale,
                ph_win_has_focus(v->win) ? "Ctrl+Enter play  Ctrl+. hush  Esc release keys"
                                         : "click the text to type",
                PH_UI_GUTTER_FG);
    const size_t line = ph_ed_text_line_of(&v->ed.text, v->ed.caret);
    const size_t col = ph_ed_text_column(&v->ed.text, v->ed.caret);
    char buf[900];
    const char *state = !v->playing_known ? "waiting for the plugin"
                        : v->hushed ? "hushed (Ctrl+Enter plays again)"
                        : ph_ui_is_modified(v) ? "modified: Ctrl+Enter evaluates"
                                               : "playing";
    snprintf(buf, sizeof buf, "%zu:%zu  %s%s%s", line + 1, col + 1, state,
             !v->has_error ? "" : v->error_is_warning ? "  |  " : "  |  error: ", v->has_error ? v->error : "");
    char *clean = ph_ui_display_copy(buf, strlen(buf));
    text_at(v, cr, PH_UI_PAD * L->scale, L->status_y + 3 * L->scale, clean ? clean : "",
            !v->has_error ? PH_UI_STATUS_FG : v->error_is_warning ? PH_UI_WARNING_TEXT : PH_UI_ERROR_TEXT);
    free(clean);
    /* Drawn first, so that a long error in the status line covers it rather than mixing. */
    (void)w;
    (void)h;
}

void ph_ui_draw(ph_ui_view *v, cairo_t *cr)
{
    if (v->tokens_stale) {
        ph_ed_syntax_scan(v->ed.text.s, v->ed.text.len, &v->tokens);
        v->tokens_stale = false;
    }
    ph_ui_layout_update(v, cr);
    pango_cairo_update_context(cr, v->pctx);
    if (v->want_caret_visible) caret_into_view(v);
    v->want_caret_visible = false;
    ph_ui_rgb(cr, PH_UI_BG);
    cairo_paint(cr);
    draw_code(v, cr);
    draw_find(v, cr);
    ph_ui_draw_strip(v, cr, ph_ui_cycle_now(v));
    draw_status(v, cr);
}
